//! Lists for village and community staff (`yibao batch`): a CSV (or an
//! Excel workbook) of residents in, a CSV of answers out, one row per row,
//! in order. The CLI's (`yibao batch`), and the page's (`www/batch.html`):
//! its worker runs [`Steps`] in a WASM module of its own (`src/wasm_batch.rs`,
//! the `batch` feature), which decodes the file's bytes itself.
//!
//! The columns are the request's field names, or their Chinese names, in
//! any order ([`COLUMNS`]); the values as the page shows them are accepted
//! too (本市户籍, 是/否, 低保 …, names from the policy files). Other columns
//! (a name, an ID number) are carried through untouched. A row that cannot
//! be answered gets its error in its own row; nothing is dropped. The file
//! is read and written as a stream: memory does not grow with the rows.
//!
//! Answers use [`Detail::Figures`]: no steps, sentences or workings, which
//! a row of figures does not show.

use crate::answer::{Detail, Quote};
use crate::engine::quote_in;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{Policy, School};
use crate::request::{Amounts, Asked, Bill, Context, Person, Request};
use std::io::{Read, Write};

/// A column of the list: what it gives.
#[derive(Debug, Clone, PartialEq)]
enum Col {
    Region,
    Year,
    Date,
    District,
    Subarea,
    /// A sub-area's flag (`qianwan`), or a column named after the sub-area.
    Flag(String),
    Birth,
    Hukou,
    Permit,
    School,
    Employee,
    Identities,
    /// A bill amount, by responsibility id.
    Bill(String),
    /// Carried through.
    Other,
    /// An answer column of a result file read back in: not carried, the
    /// row is answered again.
    Answer,
}

/// The columns a list may have: the request's field name, then the Chinese
/// names accepted for it. Bill columns are `bill_<responsibility>` or the
/// responsibility's name in the policy file; a sub-area's flag or name is a
/// yes/no column.
pub const COLUMNS: &[(&str, &[&str])] = &[
    ("region", &["地区", "参保地区", "所在地区"]),
    ("benefit_year", &["待遇年度"]),
    ("date", &["查询日期", "日期"]),
    ("district", &["县区", "区县", "县(区)", "县（区）"]),
    ("subarea", &["区域"]),
    ("birth_date", &["出生日期", "出生年月日", "生日"]),
    ("hukou", &["户籍", "户口"]),
    ("residence_permit", &["居住证", "有居住证", "持本市有效居住证"]),
    ("school", &["在读情况", "在校情况", "就读情况", "学校"]),
    ("employee_insurance", &["职工医保", "已参加职工医保", "参加职工医保"]),
    ("identities", &["特殊身份", "身份", "资助身份"]),
];

/// The answer's columns, after the input's: the request's words (a file
/// whose headers are all ASCII), then the Chinese names (a file with any
/// Chinese header). No answer column's name is an input column's
/// ([`COLUMNS`]): hence 计算年度, not 待遇年度.
pub const OUTPUT: &[(&str, &str)] = &[
    ("eligible", "能否参保"),
    ("tier", "档次"),
    ("personal_fee", "个人缴费"),
    ("ltc_fee", "长护险"),
    ("subsidy", "财政补助"),
    ("assistance", "资助"),
    ("to_pay", "实际需缴"),
    ("total_funding", "筹资合计"),
    ("yongningbao_premium", "甬宁保保费"),
    ("yongningbao_to_pay", "甬宁保需缴"),
    ("yongningbao_payout", "甬宁保赔付"),
    ("answered_year", "计算年度"),
    ("estimate", "估算说明"),
    ("reason", "说明"),
    ("error_field", "错误列"),
    ("error_message", "错误说明"),
];

/// The answer columns a result file written before `answered_year` and
/// `estimate` did not have: such a file read back in is a result file too.
const OUTPUT_SINCE: [&str; 2] = ["answered_year", "estimate"];

/// The bounds of a list (docs/lists.md), checked before the work: a
/// record (row) of at most 1 MiB, a cell of at most 64 KiB, at most 1,000
/// columns.
pub const MAX_RECORD: usize = 1 << 20;
pub const MAX_CELL: usize = 64 << 10;
pub const MAX_COLUMNS: usize = 1000;
/// A workbook: its parts, uncompressed, at most 64 MB all together (its
/// file no larger, its parts at most 1,000).
pub const MAX_WORKBOOK: u64 = 64 << 20;
pub const MAX_PARTS: usize = 1000;
/// A misspelt column name is looked for only among names this short.
const MAX_NEAR_MISS: usize = 40;

/// Why a list cannot be read at all (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the list added up to (`yibao batch` prints it on stderr).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub rows: usize,
    pub answered: usize,
    pub errors: usize,
    /// Rows that cannot join, or whose answer the notices do not settle.
    pub not_eligible: usize,
    /// Persons by tier name, in the order first seen.
    pub by_tier: Vec<(String, usize)>,
    pub assisted: usize,
    pub personal_fee: Money,
    pub assistance: Money,
    pub to_pay: Money,
    pub yongningbao_premium: Money,
    pub yongningbao_to_pay: Money,
    pub yongningbao_payout: Money,
    /// Cells with a character the file's encoding could not give (read as
    /// U+FFFD): how many, and the first [`REPLACED_SHOWN`] by row (the
    /// header is row 1) and column as the file names it.
    pub replaced: usize,
    pub replaced_at: Vec<(usize, String)>,
    /// The notices the answers used (region, benefit year, number), each
    /// once, and the estimate marks written, each once.
    pub notices: Vec<String>,
    pub estimates: Vec<String>,
}

/// How many cells with a replaced character the summary names.
pub const REPLACED_SHOWN: usize = 20;

impl Summary {
    fn add(&mut self, q: &Quote) {
        self.answered += 1;
        if q.eligible != Some(true) {
            self.not_eligible += 1;
        }
        if let Some(t) = &q.tier {
            match self.by_tier.iter_mut().find(|(n, _)| *n == *t.name) {
                Some((_, k)) => *k += 1,
                None => self.by_tier.push((t.name.to_string(), 1)),
            }
        }
        if q.assistance.is_some_and(|a| a > Money::ZERO) || (q.to_pay == Some(Money::ZERO) && q.personal_fee.is_none())
        {
            self.assisted += 1;
        }
        let add = |total: &mut Money, m: Option<Money>| *total = *total + m.unwrap_or(Money::ZERO);
        add(&mut self.personal_fee, q.personal_fee);
        add(&mut self.assistance, q.assistance);
        add(&mut self.to_pay, q.to_pay);
        if let Some(y) = &q.yongningbao {
            add(&mut self.yongningbao_premium, y.premium);
            add(&mut self.yongningbao_to_pay, y.to_pay);
            add(&mut self.yongningbao_payout, y.payout.as_ref().map(|p| p.total));
        }
    }
}

impl Summary {
    /// Where the file's encoding did not give a character (it was
    /// replaced by “�”), in one sentence: which rows and columns.
    pub fn replaced_line(&self) -> Option<String> {
        if self.replaced == 0 {
            return None;
        }
        let at: Vec<String> = self.replaced_at.iter().map(|(row, col)| format!("第{row}行“{col}”列")).collect();
        let more = if self.replaced > at.len() { format!("等 {} 处", self.replaced) } else { String::new() };
        Some(format!(
            "注意：{}{more}有无法按文件编码识别的字符，已显示为“�”，这些行的内容可能不对：请核对原名单，或把名单另存为“CSV UTF-8”后再算。",
            crate::words::join(&at, "、")
        ))
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "共 {} 行：已计算 {} 行，有错误 {} 行。", self.rows, self.answered, self.errors)?;
        let tiers: Vec<String> = self.by_tier.iter().map(|(n, k)| format!("{n} {k} 人")).collect();
        if !tiers.is_empty() {
            writeln!(f, "按档次：{}。", crate::words::join(&tiers, "，"))?;
        }
        writeln!(
            f,
            "不能参加或须另行确认 {} 人；获资助 {} 人。个人缴费合计 {}元，资助合计 {}元，实际需缴合计 {}元。",
            self.not_eligible, self.assisted, self.personal_fee, self.assistance, self.to_pay
        )?;
        if self.yongningbao_premium > Money::ZERO {
            writeln!(
                f,
                "补充医疗保险：保费合计 {}元，个人需缴合计 {}元，估算赔付合计 {}元。",
                self.yongningbao_premium, self.yongningbao_to_pay, self.yongningbao_payout
            )?;
        }
        if let Some(line) = self.replaced_line() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Edit distance of two short ASCII names, a swap of neighbours counting
/// one (for "did you mean": `hukuo` is one from `hukou`).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // d[i][j]: distance of a[..i] and b[..j], rows kept as a flat table.
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let v = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let mut v = (d.get(at(i - 1, j)).copied().unwrap_or(0) + 1)
                    .min(d.get(at(i, j - 1)).copied().unwrap_or(0) + 1)
                    .min(d.get(at(i - 1, j - 1)).copied().unwrap_or(0) + cost);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    v = v.min(d.get(at(i - 2, j - 2)).copied().unwrap_or(0) + 1);
                }
                v
            };
            if let Some(x) = d.get_mut(at(i, j)) {
                *x = v;
            }
        }
    }
    d.last().copied().unwrap_or(0)
}

fn plans() -> impl Iterator<Item = &'static crate::policy::Payout> {
    crate::policy_sets().iter().filter_map(|p| p.yongningbao.as_ref()).map(|y| &y.payout)
}

/// A header cell as the file names the column: without a BOM, spaces
/// around, or the `'` this program puts before a leading `=` ….
fn header_name(header: &str) -> &str {
    unprefix(header.trim_start_matches('\u{feff}')).trim()
}

/// Whether a cell would be run by a spreadsheet (the OWASP rule for CSV
/// injection): it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return.
fn runnable(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// A cell as a CSV of answers holds it: with a leading `'` where a
/// spreadsheet would run it (`runnable`), else as it is.
pub fn excel_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if runnable(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A cell of a list as it was before [`excel_safe`] (a result file read
/// back in): without the `'` before a leading `=`, `+`, `-`, `@`, tab or
/// carriage return.
pub fn unprefix(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if runnable(rest) => rest,
        _ => s,
    }
}

/// Whether a text has a Chinese character (a file with any Chinese header
/// gets Chinese answer columns).
fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c))
}

/// What a header names.
fn column(header: &str) -> Result<Col, Unreadable> {
    let h = header_name(header);
    for (name, aliases) in COLUMNS {
        if h == *name || aliases.contains(&h) {
            return Ok(match *name {
                "region" => Col::Region,
                "benefit_year" => Col::Year,
                "date" => Col::Date,
                "district" => Col::District,
                "subarea" => Col::Subarea,
                "birth_date" => Col::Birth,
                "hukou" => Col::Hukou,
                "residence_permit" => Col::Permit,
                "school" => Col::School,
                "employee_insurance" => Col::Employee,
                _ => Col::Identities,
            });
        }
    }
    for s in crate::policy_sets().iter().flat_map(|p| p.subareas.iter()) {
        if s.flag.as_deref() == Some(h) || *s.name == *h {
            return Ok(Col::Flag(s.flag.as_deref().unwrap_or(&s.id).to_string()));
        }
    }
    for r in plans().flat_map(|p| p.responsibilities.iter()) {
        let short = r.name.split('：').next().unwrap_or_default();
        if h.strip_prefix("bill_") == Some(&*r.id) || *r.name == *h || short == h {
            return Ok(Col::Bill(r.id.to_string()));
        }
    }
    // A field name misspelt: stop, and say the nearest one (short names
    // only: the work grows with the name's length times the known names').
    if h.is_ascii() && !h.is_empty() && h.len() <= MAX_NEAR_MISS {
        let mut known: Vec<String> = COLUMNS.iter().map(|(n, _)| (*n).to_string()).collect();
        known.extend(plans().flat_map(|p| p.responsibilities.iter()).map(|r| format!("bill_{}", r.id)));
        let lower = h.to_ascii_lowercase();
        let near = known.iter().min_by_key(|k| distance(&lower, k));
        // One slip in a short name, two in a long one; any `bill_` column
        // that is not a responsibility of a plan.
        let close = |k: &String| distance(&lower, k) <= if k.len() >= 8 { 2 } else { 1 };
        if let Some(k) = near.filter(|k| close(k) || lower.starts_with("bill_")) {
            return Err(Unreadable(format!("不认识的列名“{h}”：是不是“{k}”？请改正列名后再试。")));
        }
    }
    Ok(Col::Other)
}

/// A yes/no cell: true/false, 是/否, 1/0, 有/无; empty is absent.
fn yes_no(s: &str) -> Result<Option<bool>, ()> {
    let s = s.trim();
    let any = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(s));
    if s.is_empty() {
        Ok(None)
    } else if any(&["true", "是", "1", "有", "y", "yes", "√"]) {
        Ok(Some(true))
    } else if any(&["false", "否", "0", "无", "没有", "n", "no", "×"]) {
        Ok(Some(false))
    } else {
        Err(())
    }
}

/// A date cell: `YYYY-MM-DD`, or as spreadsheets write it (`2023/11/1`,
/// `2023.11.01`, `20231101`), as `YYYY-MM-DD`; other text as it is (the
/// engine then says what to enter).
fn date_cell(s: &str) -> String {
    let t = s.trim();
    if crate::date::ymd(t).is_some() {
        return t.to_string();
    }
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let digits = |p: &str| p.bytes().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 && [y, m, d].iter().all(|p| digits(p)) => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        [x] if x.len() == 8 && digits(x) => {
            let (y, md) = x.split_at(4);
            let (m, d) = md.split_at(2);
            format!("{y}-{m}-{d}")
        }
        _ => t.to_string(),
    }
}

/// The region a cell names: its id, or its name (余姚市, 余姚).
fn region_of(cell: &str) -> Option<&'static Policy> {
    let t = cell.trim();
    crate::policy_sets().iter().find(|p| {
        let name = p.region_name.split('（').next().unwrap_or_default();
        *p.region == *t || *p.region_name == *t || name == t || name.trim_end_matches('市') == t
    })
}

/// An error of one cell: its column, as the file names it.
fn cell_error(header: &str, message: impl Into<String>) -> Error {
    Error::new(Code::InvalidValue, header_name(header), message)
}

/// The last region cell seen and what it names: a list is mostly of one
/// region, so each row need not search the policy sets again.
#[derive(Default)]
struct Regions {
    cell: String,
    region: Option<&'static Policy>,
    sets: Vec<&'static Policy>,
    /// The region's identity names (and short names) with their ids,
    /// longest first.
    names: Vec<(&'static str, &'static str)>,
}

/// A region's sets and identity names, as [`Regions`] keeps them.
type Region<'a> = (Option<&'static Policy>, &'a [&'static Policy], &'a [(&'static str, &'static str)]);

impl Regions {
    fn of(&mut self, cell: &str) -> Region<'_> {
        if self.cell != cell || self.cell.is_empty() {
            self.cell.clear();
            self.cell.push_str(cell);
            self.region = region_of(cell);
            self.sets = match self.region {
                Some(r) => crate::policy_sets().iter().filter(|p| p.region == r.region).collect(),
                None => Vec::new(),
            };
            self.names.clear();
            for i in self.sets.iter().flat_map(|s| s.identities.iter()) {
                self.names.push((&i.name, &i.id));
                if let Some(short) = i.name.split('（').next().filter(|s| s.len() < i.name.len()) {
                    self.names.push((short, &i.id));
                }
            }
            self.names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        }
        (self.region, &self.sets, &self.names)
    }
}

/// One row as a request. `date` is the date for rows without one.
fn request(
    cols: &[(Col, String)],
    row: &csv::StringRecord,
    date: Option<&str>,
    regions: &mut Regions,
) -> Result<Request, Error> {
    let mut c = Context::default();
    let mut p = Person::default();
    let mut bill = Amounts::default();
    let get = |i: usize| row.get(i).map_or("", |s| unprefix(s).trim());
    // The region first: names of districts and identities are its sets'.
    let region = cols.iter().position(|(k, _)| *k == Col::Region).map_or("", get);
    let (found, sets, names) = regions.of(region);
    for (i, (col, header)) in cols.iter().enumerate() {
        let v = get(i);
        if v.is_empty() {
            continue;
        }
        let flag = |r: Result<Option<bool>, ()>| r.map_err(|()| cell_error(header, "请填 是 或 否（也可填 1 或 0）。"));
        match col {
            Col::Region => c.region = Some(found.map_or_else(|| v.to_string(), |p| p.region.to_string())),
            Col::Year => {
                c.benefit_year = Some(
                    v.trim_end_matches('年')
                        .parse()
                        .map_err(|_| cell_error(header, "待遇年度请填写年份，例如 2024。"))?,
                )
            }
            Col::Date => c.date = Some(date_cell(v)),
            Col::District => {
                let found = sets.iter().flat_map(|s| s.districts.iter()).find(|d| *d.id == *v || *d.name == *v);
                c.district = Some(found.map_or_else(|| v.to_string(), |d| d.id.to_string()));
            }
            Col::Subarea => {
                let found = sets.iter().flat_map(|s| s.subareas.iter()).find(|s| *s.id == *v || *s.name == *v);
                let value = found.map_or_else(|| v.to_string(), |s| s.id.to_string());
                c.subarea = Some(Asked { value, field: header.clone() });
            }
            Col::Flag(f) => {
                if flag(yes_no(v))? == Some(true) {
                    let id = crate::policy_sets()
                        .iter()
                        .flat_map(|p| p.subareas.iter())
                        .find(|s| s.flag.as_deref() == Some(f.as_str()) || *s.id == **f)
                        .map_or_else(|| f.clone(), |s| s.id.to_string());
                    c.subarea = Some(Asked { value: id, field: header.clone() });
                }
            }
            Col::Birth => p.birth_date = Some(date_cell(v)),
            Col::Hukou => {
                p.hukou = Some(
                    match v {
                        "local" | "本市户籍" | "本市" | "本地" | "本地户籍" | "是" => "local",
                        "nonlocal" | "非本市户籍" | "非本市" | "外地" | "外地户籍" | "否" => "nonlocal",
                        other => other,
                    }
                    .to_string(),
                )
            }
            Col::Permit => p.residence_permit = flag(yes_no(v))?,
            Col::Employee => p.employee_insurance = flag(yes_no(v))?,
            Col::School => {
                let by_word = match v {
                    "不在读" | "否" | "无" => Some(School::None),
                    "中小学" | "中小学生" | "职高" | "技校" | "特殊教育学校" => {
                        Some(School::PrimarySecondary)
                    }
                    "大学" | "大学生" | "大中专" | "大中专学生" | "研究生" => Some(School::College),
                    _ => School::from_id(v),
                };
                p.school = Some(by_word.map_or_else(|| v.to_string(), |s| s.id().to_string()));
            }
            Col::Identities => p.identities = Some(identities(v, sets, names)),
            Col::Bill(id) => {
                let text = v.replace([',', '，'], "");
                let text = text.trim_end_matches('元');
                let a = crate::request::amount_from_str(text).ok_or_else(|| {
                    cell_error(header, "金额请填写不小于0的数字（单位元，最多两位小数），例如 12000.50。")
                })?;
                bill.0.push((id.clone(), a));
            }
            Col::Other | Col::Answer => {}
        }
    }
    if c.date.is_none() {
        c.date = date.map(str::to_string);
    }
    if !bill.0.is_empty() {
        p.bill = Some(Bill { amounts: bill, ..Bill::default() });
    }
    Ok(Request { context: c, person: p })
}

/// The identities a cell names, by id or by name, separated by `;`, `；`,
/// `、`, commas or spaces. Names are matched first, longest first, since
/// some hold a `、` themselves (农村一、二类低保…); what is left is ids or
/// short names (a name without its bracket).
fn identities(cell: &str, sets: &[&Policy], named: &[(&str, &str)]) -> Vec<String> {
    let mut rest = cell.to_string();
    let mut found: Vec<(usize, String)> = Vec::new();
    // Each name is looked for in one pass along the cell, its matches
    // masked in the same pass: the work is the cell's length times the
    // names', however many matches (never starting over after each).
    for (name, id) in named {
        if !rest.contains(name) {
            continue;
        }
        let mut masked = String::with_capacity(rest.len());
        let mut last = 0;
        for (at, m) in rest.match_indices(name) {
            found.push((at, (*id).to_string()));
            masked.push_str(rest.get(last..at).unwrap_or_default());
            // The same length of separators: what is left keeps its offsets.
            masked.extend(std::iter::repeat_n(';', m.len()));
            last = at + m.len();
        }
        masked.push_str(rest.get(last..).unwrap_or_default());
        rest = masked;
    }
    let mut at = 0;
    for part in rest.split([';', '；', '、', ',', '，', ' ']) {
        if !part.trim().is_empty() {
            let t = part.trim();
            let id = sets.iter().flat_map(|s| s.identities.iter()).find(|i| *i.id == *t).map_or(t, |i| &i.id);
            found.push((at, id.to_string()));
        }
        at += part.len() + 1;
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, id)| id).collect()
}

/// The field of a request error as the file's column names it.
fn column_of(cols: &[(Col, String)], field: &str) -> String {
    let want = match field {
        "region" => Some(Col::Region),
        "benefit_year" => Some(Col::Year),
        "date" => Some(Col::Date),
        "district" => Some(Col::District),
        "birth_date" => Some(Col::Birth),
        "hukou" => Some(Col::Hukou),
        "residence_permit" => Some(Col::Permit),
        "school" => Some(Col::School),
        "employee_insurance" => Some(Col::Employee),
        "identities" => Some(Col::Identities),
        f => f.strip_prefix("bill.").map(|id| Col::Bill(id.to_string())),
    };
    want.and_then(|w| cols.iter().find(|(c, _)| *c == w)).map_or_else(|| field.to_string(), |(_, h)| h.clone())
}

/// Where a list's answers go, a row at a time: a CSV (the CLI and the
/// page: every cell text, [`excel_safe`]) or, in the CLI, a workbook (text
/// cells as they are, money and years as numbers).
pub trait Sheet {
    /// A cell of text: carried from the list, a header, or ours.
    fn text(&mut self, s: &str) -> Result<(), Unreadable>;
    /// An amount (never negative), or an empty cell.
    fn money(&mut self, m: Option<Money>) -> Result<(), Unreadable>;
    /// A year.
    fn year(&mut self, y: i32) -> Result<(), Unreadable>;
    /// The end of a row.
    fn end_row(&mut self) -> Result<(), Unreadable>;
}

impl<W: Write> Sheet for csv::Writer<W> {
    fn text(&mut self, s: &str) -> Result<(), Unreadable> {
        self.write_field(excel_safe(s).as_bytes()).map_err(unwritable)
    }
    fn money(&mut self, m: Option<Money>) -> Result<(), Unreadable> {
        match m {
            Some(m) => m.with_fixed(|s| self.text(s)),
            None => self.text(""),
        }
    }
    fn year(&mut self, y: i32) -> Result<(), Unreadable> {
        self.write_field(y.to_string()).map_err(unwritable)
    }
    fn end_row(&mut self) -> Result<(), Unreadable> {
        self.write_record(None::<&[u8]>).map_err(unwritable)
    }
}

/// Writes the answer's cells of a row.
fn answer_cells(out: &mut impl Sheet, q: &Quote, estimate: &str) -> Result<(), Unreadable> {
    out.text(match q.eligible {
        Some(true) => "是",
        Some(false) => "否",
        None => "待定",
    })?;
    out.text(q.tier.as_ref().map_or("", |t| &*t.name))?;
    for m in [q.personal_fee, q.ltc_fee, q.subsidy, q.assistance, q.to_pay, q.total_funding] {
        out.money(m)?;
    }
    let y = q.yongningbao.as_ref();
    out.money(y.and_then(|y| y.premium))?;
    out.money(y.and_then(|y| y.to_pay))?;
    out.money(y.and_then(|y| y.payout.as_ref()).map(|p| p.total))?;
    out.year(q.benefit_year)?;
    out.text(estimate)?;
    out.text(&q.reason)?;
    out.text("")?;
    out.text("")
}

/// Whether a message is in words for people: no interface ids (a run of
/// two or more ASCII letters), no JSON (the page's `forPeople`).
fn for_people(s: &str) -> bool {
    let letters = s.as_bytes().windows(2).any(|w| w.iter().all(|b| b.is_ascii_alphabetic() || *b == b'_'));
    !letters && !s.contains(['{', '}', '[', ']', '"'])
}

/// A row's error in the words of the page (本市户籍, 会宁县 …, never an
/// id such as `local` or `huining`): the message where it is already
/// words; else its first clauses that are, then what to enter in the
/// column, from the policy files. `column` is as the file names it.
fn list_message(e: &Error, column: &str, sets: &[&'static Policy]) -> String {
    if for_people(&e.message) {
        return e.message.to_string();
    }
    let mut kept = String::new();
    for clause in e.message.split_inclusive(['，', '。', '；']) {
        if !for_people(clause) {
            break;
        }
        kept.push_str(clause);
    }
    let kept = kept.trim_end_matches(['，', '；']);
    let mut s = kept.to_string();
    if !s.is_empty() && !s.ends_with('。') {
        s.push('。');
    }
    let field = e.field.as_str();
    let names = |items: Vec<&str>| {
        let mut seen: Vec<&str> = Vec::new();
        for i in items {
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        crate::words::join(&seen, "、")
    };
    let region = sets.first().map_or("", |p| p.region_name.split('（').next().unwrap_or_default());
    match field {
        "region" => {
            let all = names(
                crate::policy_sets().iter().map(|p| p.region_name.split('（').next().unwrap_or_default()).collect(),
            );
            w!(s, "“{column}”请填写地区名称：{all}。");
        }
        "benefit_year" => s.push_str("待遇年度请填写年份，例如 2024；不确定可留空。"),
        "date" => s.push_str("查询日期请写成 2024-01-15（也可写 2024/1/15），或留空按今天计算。"),
        "birth_date" => s.push_str("出生日期请写成 1980-05-17（也可写 1980/5/17 或 19800517）。"),
        "hukou" => s.push_str("户籍请填写“本市户籍”或“非本市户籍”。"),
        "residence_permit" | "employee_insurance" => s.push_str("请填“是”或“否”（也可填 1 或 0）。"),
        "school" => s.push_str("在读情况请填写“不在读”“中小学”或“大学”。"),
        "district" => {
            let all = names(sets.iter().flat_map(|p| p.districts.iter()).map(|d| &*d.name).collect());
            if all.is_empty() {
                w!(s, "{region}不分县区，请留空。");
            } else {
                w!(s, "{region}的县区可选：{all}。");
            }
        }
        "identities" => {
            if let Some(given) = e.message.split('“').nth(1).and_then(|r| r.split('”').next()) {
                if s.is_empty() {
                    w!(s, "{region}没有“{given}”这个身份。");
                }
            }
            let all = names(sets.iter().flat_map(|p| p.identities.iter()).map(|i| &*i.name).collect());
            w!(s, "特殊身份可选：{all}；几个身份用“；”隔开，没有特殊身份请留空。");
        }
        f if f.starts_with("bill.") => {
            s.push_str("金额请填写不小于0的数字（单位元，最多两位小数），例如 12000.50；没有请留空。")
        }
        _ if sets.iter().any(|p| !p.subareas.is_empty()) && (field == "subarea" || crate::request::is_flag(field)) => {
            let all = names(sets.iter().flat_map(|p| p.subareas.iter()).map(|a| &*a.name).collect());
            w!(s, "区域可选：{all}；不在其中请留空。");
        }
        _ => w!(s, "请按模板中的写法填写“{column}”。"),
    }
    s
}

/// Reads a list (any encoding of [`decode`]) and writes the answers as CSV
/// (UTF-8 with a BOM, so Excel opens it right). `date` is the date of the
/// question for rows without one (the host's today).
#[cfg(not(target_arch = "wasm32"))]
pub fn run<R: Read, W: Write>(input: R, mut output: W, date: Option<&str>) -> Result<Summary, Unreadable> {
    run_to(input, To::Csv(&mut output), date)
}

/// Where the CLI writes the answers: a CSV, or a workbook (a file, which
/// it seeks in) with what its 说明 sheet says.
#[cfg(not(target_arch = "wasm32"))]
pub enum To<'a> {
    Csv(&'a mut dyn Write),
    Workbook(&'a mut std::fs::File, About<'a>),
}

#[cfg(not(target_arch = "wasm32"))]
fn answer_to<E: std::fmt::Display>(
    header: Vec<String>,
    next: impl FnMut(&mut csv::StringRecord) -> Result<bool, E>,
    to: To<'_>,
    date: Option<&str>,
) -> Result<Summary, Unreadable> {
    match to {
        To::Csv(w) => write_all(header, next, w, date),
        To::Workbook(f, about) => write_workbook(header, next, std::io::BufWriter::new(f), &about),
    }
}

/// [`run`] into a CSV or a workbook.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_to<R: Read>(input: R, to: To<'_>, date: Option<&str>) -> Result<Summary, Unreadable> {
    let mut rows = Rows::new(decode(input));
    let header = first_row(&mut rows, CLI_TEMPLATE)?;
    answer_to(header, |rec| rows.next(rec), to, date)
}

/// How far past a record's start the reader may be given bytes before the
/// record is refused as too long: [`MAX_RECORD`], and room for the CSV
/// reader's buffer.
const RECORD_WINDOW: u64 = MAX_RECORD as u64 + (64 << 10);

/// A reader that gives the CSV reader at most [`RECORD_WINDOW`] bytes past
/// the start of the record it reads (`start`, set by [`Rows`]): a row with
/// no end (`/dev/zero`, a 40 MB header) is refused as it is read, its
/// memory bounded, instead of growing without end.
struct Bounded<R> {
    inner: R,
    given: u64,
    start: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.given > self.start.get().saturating_add(RECORD_WINDOW) {
            return Err(std::io::Error::other(too_long()));
        }
        let n = self.inner.read(buf)?;
        self.given += n as u64;
        Ok(n)
    }
}

fn too_long() -> String {
    format!("一行超过 {} 字节（1 MiB）的上限，这不像居民名单：请检查选的文件对不对。", MAX_RECORD)
}

/// The records of a CSV list, each read within the bounds.
struct Rows<R> {
    rdr: csv::Reader<Bounded<R>>,
    start: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Rows<R> {
    /// The CSV reader of a list: rows may be of any width.
    fn new(input: R) -> Self {
        let start = std::rc::Rc::new(std::cell::Cell::new(0));
        let bounded = Bounded { inner: input, given: 0, start: start.clone() };
        let rdr = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(bounded);
        Rows { rdr, start }
    }

    /// The next record into `rec` (false at the end).
    fn next(&mut self, rec: &mut csv::StringRecord) -> csv::Result<bool> {
        let more = self.rdr.read_record(rec)?;
        self.start.set(self.rdr.position().byte());
        Ok(more)
    }
}

/// Where the template is, for the messages about a file that cannot be read:
/// the CLI's and the page's.
const CLI_TEMPLATE: &str = "yibao batch --template 的模板";
const PAGE_TEMPLATE: &str = "本页“下载模板”的模板";

/// The header row of a list.
fn first_row<R: Read>(rows: &mut Rows<R>, template: &str) -> Result<Vec<String>, Unreadable> {
    let mut header = csv::StringRecord::new();
    match rows.next(&mut header) {
        Ok(true) => Ok(header.iter().map(str::to_string).collect()),
        Ok(false) => Err(Unreadable(format!("文件是空的：第一行应是列名（表头），见{template}。"))),
        Err(e) => Err(Unreadable(format!("无法读取表头：{e}"))),
    }
}

/// Why the answers could not be written.
fn unwritable(e: impl std::fmt::Display) -> Unreadable {
    Unreadable(format!("无法写出结果：{e}"))
}

/// A row that cannot be read (row 1 is the header).
fn unreadable_row(row: usize, e: impl std::fmt::Display) -> Unreadable {
    Unreadable(format!("第{row}行无法读取：{e}"))
}

/// Checks a row's size against the bounds (row 1 is the header).
fn within_bounds<'a>(row: usize, n: usize, cells: impl Iterator<Item = &'a str>) -> Result<(), Unreadable> {
    if n > MAX_COLUMNS {
        return Err(Unreadable(format!(
            "第{row}行有 {n} 列，超过 {MAX_COLUMNS} 列的上限：这不像居民名单，请只保留需要的列后再试。"
        )));
    }
    let mut total = 0;
    for (i, c) in cells.enumerate() {
        if c.len() > MAX_CELL {
            return Err(Unreadable(format!(
                "第{row}行第{}列有 {} 字节，超过一格 {MAX_CELL} 字节（64 KiB）的上限：请检查这一格。",
                i + 1,
                c.len()
            )));
        }
        total += c.len();
    }
    if total > MAX_RECORD {
        return Err(Unreadable(format!("第{row}行：{}", too_long())));
    }
    Ok(())
}

/// A column in words, for a message naming two columns of one field.
fn col_words(c: &Col) -> String {
    let named = |field: &str| COLUMNS.iter().find(|(n, _)| *n == field).and_then(|(_, a)| a.first()).copied();
    let field = match c {
        Col::Region => "region",
        Col::Year => "benefit_year",
        Col::Date => "date",
        Col::District => "district",
        Col::Subarea => "subarea",
        Col::Birth => "birth_date",
        Col::Hukou => "hukou",
        Col::Permit => "residence_permit",
        Col::School => "school",
        Col::Employee => "employee_insurance",
        Col::Identities => "identities",
        Col::Flag(f) => {
            let s = crate::policy_sets().iter().flat_map(|p| p.subareas.iter()).find(|s| s.flag.as_deref() == Some(f));
            return s.map_or_else(|| f.clone(), |s| s.name.to_string());
        }
        Col::Bill(id) => {
            let r = plans().flat_map(|p| p.responsibilities.iter()).find(|r| *r.id == **id);
            return format!("账单金额（{}）", r.map_or(id.as_str(), |r| &*r.name));
        }
        Col::Other | Col::Answer => return String::new(),
    };
    named(field).unwrap_or(field).to_string()
}

/// A list's columns, checked, and what its rows added up to: each row is
/// answered by [`List::row`], for [`write_all`] (the CLI) and [`Steps`] (the
/// page's worker) alike.
struct List {
    /// The header cells as the answers write them (without a BOM or the
    /// `'` of a result file); not the answer columns of a result file.
    header: Vec<String>,
    /// Each column of the file: what it gives, and its name as the file
    /// names it.
    cols: Vec<(Col, String)>,
    /// Whether the answer columns are in Chinese.
    chinese: bool,
    date: Option<String>,
    regions: Regions,
    sum: Summary,
    /// The last estimate mark written, by policy set, year and whether
    /// beyond the newest notice.
    estimate: (String, i32, bool, String),
}

impl List {
    fn new(header: Vec<String>, date: Option<&str>, template: &str) -> Result<Self, Unreadable> {
        within_bounds(1, header.len(), header.iter().map(String::as_str))?;
        let names: Vec<&str> = header.iter().map(|h| header_name(h)).collect();
        let chinese = names.iter().any(|n| has_chinese(n));
        // A result file read back in: its answer columns are answered again.
        let has = |n: &str| names.contains(&n);
        let result =
            OUTPUT.iter().all(|(_, zh)| has(zh)) || OUTPUT.iter().all(|(en, _)| OUTPUT_SINCE.contains(en) || has(en));
        let answer = |n: &str| result && OUTPUT.iter().any(|(en, zh)| *en == n || *zh == n);
        let mut cols: Vec<(Col, String)> = Vec::with_capacity(header.len());
        for n in &names {
            let c = if answer(n) { Col::Answer } else { column(n)? };
            // Two columns for one field: which one is meant is not ours to guess.
            if !matches!(c, Col::Other | Col::Answer) {
                if let Some((_, first)) = cols.iter().find(|(k, _)| *k == c) {
                    return Err(Unreadable(format!(
                        "“{first}”和“{n}”两列都是{}，不知道该用哪一列：请删去其中一列（或改名）后再试。",
                        col_words(&c)
                    )));
                }
            }
            cols.push((c, (*n).to_string()));
        }
        let has = |c: Col| cols.iter().any(|(k, _)| *k == c);
        if !has(Col::Birth) && !has(Col::Region) && !has(Col::Hukou) {
            return Err(Unreadable(format!(
                "这不像居民名单：第一行没有认识的列名（例如 地区、出生日期、户籍，或 region、birth_date、hukou）。请用{template}。"
            )));
        }
        for (c, what) in
            [(Col::Region, "地区（region）"), (Col::Birth, "出生日期（birth_date）"), (Col::Hukou, "户籍（hukou）")]
        {
            if !has(c) {
                return Err(Unreadable(format!("缺少必需的列：{what}。")));
            }
        }
        let header = header
            .iter()
            .zip(&cols)
            .filter(|(_, (c, _))| *c != Col::Answer)
            .map(|(h, _)| unprefix(h.trim_start_matches('\u{feff}')).to_string())
            .collect();
        Ok(List {
            header,
            cols,
            chinese,
            date: date.map(str::to_string),
            regions: Regions::default(),
            sum: Summary::default(),
            estimate: (String::new(), 0, false, String::new()),
        })
    }

    /// The answer columns' names, in the file's language.
    fn output(&self) -> Vec<&'static str> {
        OUTPUT.iter().map(|(en, zh)| if self.chinese { *zh } else { *en }).collect()
    }

    /// The header of the answers: the input's columns, then the answer's.
    fn names(&self) -> Vec<String> {
        self.header.iter().cloned().chain(self.output().into_iter().map(str::to_string)).collect()
    }

    /// The header row of the answers.
    fn head(&self, out: &mut impl Sheet) -> Result<(), Unreadable> {
        for h in self.header.iter().map(String::as_str).chain(self.output()) {
            out.text(h)?;
        }
        out.end_row()
    }

    /// Answers one row into `out`: the row as it was, padded to the
    /// header's width, then the answer's cells, then any cells the row has
    /// beyond the header's (so that the answer stays under its header).
    /// The request field of its error, if it has one.
    fn row(&mut self, row: &csv::StringRecord, out: &mut impl Sheet) -> Result<Option<String>, Unreadable> {
        self.sum.rows += 1;
        let at = self.sum.rows + 1;
        within_bounds(at, row.len(), row.iter())?;
        if row.as_slice().contains('\u{fffd}') {
            for (i, f) in row.iter().enumerate() {
                if f.contains('\u{fffd}') {
                    self.sum.replaced += 1;
                    if self.sum.replaced_at.len() < REPLACED_SHOWN {
                        let col = self.cols.get(i).map_or_else(|| format!("第{}", i + 1), |(_, n)| n.clone());
                        self.sum.replaced_at.push((at, col));
                    }
                }
            }
        }
        let width = self.cols.len();
        for (i, (c, _)) in self.cols.iter().enumerate() {
            if *c != Col::Answer {
                out.text(unprefix(row.get(i).unwrap_or_default()))?;
            }
        }
        let answer = request(&self.cols, row, self.date.as_deref(), &mut self.regions)
            .and_then(|r| quote_in(crate::policy_sets(), &r, Detail::Figures));
        let mut bad = None;
        match answer {
            Ok(q) => {
                self.sum.add(&q);
                let (id, year, beyond, _) = &self.estimate;
                if *id != *q.policy.id || *year != q.benefit_year || *beyond != q.as_of.beyond_newest {
                    let mark = crate::readings::list_estimate(&q);
                    let notice =
                        format!("{}{}年度：{}", q.policy.region_name, q.policy.benefit_year, q.policy.document);
                    if !self.sum.notices.contains(&notice) {
                        self.sum.notices.push(notice);
                    }
                    if !mark.is_empty() && !self.sum.estimates.contains(&mark) {
                        self.sum.estimates.push(mark.clone());
                    }
                    self.estimate = (q.policy.id.to_string(), q.benefit_year, q.as_of.beyond_newest, mark);
                }
                answer_cells(out, &q, &self.estimate.3)?;
            }
            Err(e) => {
                self.sum.errors += 1;
                for _ in 0..OUTPUT.len() - 2 {
                    out.text("")?;
                }
                let column = column_of(&self.cols, &e.field);
                out.text(&column)?;
                out.text(&list_message(&e, &column, &self.regions.sets))?;
                bad = Some(e.field);
            }
        }
        for f in row.iter().skip(width) {
            out.text(unprefix(f))?;
        }
        out.end_row()?;
        Ok(bad)
    }
}

/// The CSV writer of the answers, after the BOM already in `output`.
fn writer<W: Write>(output: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().flexible(true).from_writer(output)
}

/// Answers rows of cells from any source (CSV, a workbook's first sheet),
/// after their header. `next` reads the next row into the one record it
/// is given (false at the end): one record, read into again and again, so
/// memory does not grow with the rows.
pub fn write_all<W: Write, E: std::fmt::Display>(
    header: Vec<String>,
    next: impl FnMut(&mut csv::StringRecord) -> Result<bool, E>,
    output: W,
    date: Option<&str>,
) -> Result<Summary, Unreadable> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, output);
    w.write_all(BOM.as_bytes()).map_err(unwritable)?;
    let mut out = writer(w);
    let sum = answer_all(header, next, &mut out, date)?;
    out.flush().map_err(unwritable)?;
    Ok(sum)
}

/// Answers rows of cells, after their header, into any [`Sheet`].
pub fn answer_all<E: std::fmt::Display>(
    header: Vec<String>,
    mut next: impl FnMut(&mut csv::StringRecord) -> Result<bool, E>,
    out: &mut impl Sheet,
    date: Option<&str>,
) -> Result<Summary, Unreadable> {
    let mut list = List::new(header, date, CLI_TEMPLATE)?;
    list.head(out)?;
    let mut row = csv::StringRecord::new();
    while next(&mut row).map_err(|e| unreadable_row(list.sum.rows + 2, e))? {
        list.row(&row, out)?;
    }
    Ok(list.sum)
}

/// What the answers begin with, so that Excel reads them as UTF-8.
const BOM: &str = "\u{feff}";

/// A list answered a few rows at a time, as [`write_all`] answers it: the
/// page's worker (`www/js/batch-worker.js`, through `src/wasm_batch.rs`)
/// hands it the whole text, asks for the answers of the next rows again and
/// again (posting its progress in between) and joins the bytes, which are
/// what `yibao batch` writes for the same text. It keeps the answers of the
/// first rows and of the first rows with an error, as cells, for the page
/// to show.
pub struct Steps {
    rows: Rows<std::io::Cursor<Vec<u8>>>,
    out: csv::Writer<Vec<u8>>,
    list: List,
    row: csv::StringRecord,
    size: usize,
    done: bool,
    first: usize,
    errors: usize,
    kept: Vec<Kept>,
    /// The workbook written beside the CSV, when one is asked for.
    #[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
    book: Option<Book>,
    /// The workbook given up: the list passed [`MAX_PAGE_WORKBOOK_ROWS`].
    #[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
    book_refused: bool,
}

/// A row kept for the page: its number in the file (the header is row 1),
/// the field of its error if it has one (a request field, `birth_date`, for
/// what the page says to enter; the column's own name for a cell the list's
/// reader refused, whose message already says it), and its cells as the
/// answers hold them (the input's, then [`OUTPUT`]'s), without the `'` of
/// [`excel_safe`].
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub row: usize,
    pub error: Option<String>,
    pub cells: Vec<String>,
}

impl Steps {
    /// Reads the header of `text` (the list as text: the page decodes its
    /// bytes as [`decode`] does). Keeps the first `first` rows and the first
    /// `errors` rows with an error.
    pub fn new(text: String, date: Option<&str>, first: usize, errors: usize) -> Result<Self, Unreadable> {
        let size = text.len();
        let mut rows = Rows::new(std::io::Cursor::new(text.into_bytes()));
        let list = List::new(first_row(&mut rows, PAGE_TEMPLATE)?, date, PAGE_TEMPLATE)?;
        let mut out = writer(BOM.as_bytes().to_vec());
        list.head(&mut out)?;
        Ok(Steps {
            rows,
            out,
            list,
            row: csv::StringRecord::new(),
            size,
            done: false,
            first,
            errors,
            kept: Vec::new(),
            #[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
            book: None,
            #[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
            book_refused: false,
        })
    }

    /// Answers up to `rows` more rows and gives the answers' bytes since
    /// the last call (the first call's begin with the BOM and the header).
    pub fn step(&mut self, rows: usize) -> Result<Vec<u8>, Unreadable> {
        for _ in 0..rows {
            let at = self.list.sum.rows + 2;
            if self.done || !self.rows.next(&mut self.row).map_err(|e| unreadable_row(at, e))? {
                self.done = true;
                break;
            }
            let keep_first = self.list.sum.rows < self.first;
            if !keep_first && self.list.sum.errors >= self.errors {
                self.answer()?;
                continue;
            }
            // A row that may be kept: its bytes, read back as cells.
            self.out.flush().map_err(unwritable)?;
            let from = self.out.get_ref().len();
            let bad = self.answer()?;
            if keep_first || (bad.is_some() && self.list.sum.errors <= self.errors) {
                self.out.flush().map_err(unwritable)?;
                let bytes = self.out.get_ref().get(from..).unwrap_or_default();
                let mut back = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(bytes);
                let mut cells = csv::StringRecord::new();
                let _ = back.read_record(&mut cells);
                let cells = cells.iter().map(|c| unprefix(c).to_string()).collect();
                self.kept.push(Kept { row: at, error: bad, cells });
            }
        }
        // At a row's end a fresh writer goes on as this one would.
        std::mem::replace(&mut self.out, writer(Vec::new())).into_inner().map_err(unwritable)
    }

    /// Whether every row has been answered.
    pub fn done(&self) -> bool {
        self.done
    }

    /// How much of the text has been read, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.done || self.size == 0 {
            1.0
        } else {
            (self.rows.rdr.position().byte() as f64 / self.size as f64).min(1.0)
        }
    }

    /// The rows kept since the last call.
    pub fn take_kept(&mut self) -> Vec<Kept> {
        std::mem::take(&mut self.kept)
    }

    /// What the rows so far add up to.
    pub fn summary(&self) -> &Summary {
        &self.list.sum
    }

    /// The header of the answers: the input's columns, then the answer's
    /// ([`OUTPUT`], in the file's language).
    pub fn header(&self) -> Vec<String> {
        self.list.names()
    }
}

/// The list's text as UTF-8: a BOM says which (UTF-8, UTF-16); without one,
/// text that is not UTF-8 is GB18030 (what Excel on a Chinese Windows saves;
/// GBK is a part of it).
#[cfg(not(target_arch = "wasm32"))]
pub fn decode<R: Read>(mut input: R) -> impl Read {
    // Sniff the start: enough for a header and the first rows.
    let mut head = Vec::with_capacity(64 * 1024);
    let _ = (&mut input).take(64 * 1024).read_to_end(&mut head);
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        // A character cut at the end of the sniffed part is still UTF-8.
        Err(e) => e.error_len().is_none(),
    };
    let fallback = if utf8 { encoding_rs::UTF_8 } else { encoding_rs::GB18030 };
    Decoding {
        inner: std::io::Cursor::new(head).chain(input),
        // BOM sniffing: a BOM overrides the fallback, and is dropped.
        decoder: fallback.new_decoder(),
        input: vec![0; 16 << 10],
        start: 0,
        end: 0,
        eof: false,
        out: Vec::with_capacity(32 << 10),
        at: 0,
        done: false,
    }
}

/// Bytes decoded to UTF-8 as they are read (encoding_rs, the WHATWG
/// Encoding Standard, as the page's TextDecoder): what does not decode
/// becomes U+FFFD, a sequence cut at the end of the file too.
#[cfg(not(target_arch = "wasm32"))]
struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

#[cfg(not(target_arch = "wasm32"))]
impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if let Some(ready) = self.out.get(self.at..).filter(|r| !r.is_empty()) {
                let n = ready.len().min(buf.len());
                if let (Some(to), Some(from)) = (buf.get_mut(..n), ready.get(..n)) {
                    to.copy_from_slice(from);
                }
                self.at += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                (self.start, self.end, self.eof) = (0, n, n == 0);
            }
            self.out.clear();
            self.out.resize(self.out.capacity(), 0);
            self.at = 0;
            let from = self.input.get(self.start..self.end).unwrap_or_default();
            let (result, read, written, _) = self.decoder.decode_to_utf8(from, &mut self.out, self.eof);
            self.start += read;
            self.out.truncate(written);
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
            }
        }
    }
}

/// The template list (`yibao batch --template`): the Chinese headers and
/// a row for each region on file, with values as the page shows them.
pub fn template() -> String {
    let mut s = String::from("\u{feff}姓名,地区,县区,出生日期,户籍,居住证,在读情况,职工医保,特殊身份");
    let bills: Vec<String> =
        plans().flat_map(|p| p.responsibilities.iter()).map(|r| format!("bill_{}", r.id)).collect();
    for b in &bills {
        s.push(',');
        s.push_str(b);
    }
    s.push('\n');
    let mut seen: Vec<&str> = Vec::new();
    for p in crate::policy_sets().iter().rev() {
        if seen.contains(&&*p.region) {
            continue;
        }
        seen.push(&p.region);
        let district = p.districts.first().map_or("", |d| &*d.name);
        let identity = p.identities.first().map_or("", |i| &*i.name);
        let amounts = if p.yongningbao.is_some() { "30000" } else { "" };
        w!(s, "示例{},{},{},1960-05-17,本市户籍,否,不在读,否,{}", seen.len(), p.region_name, district, identity);
        for (i, _) in bills.iter().enumerate() {
            s.push(',');
            if i == 0 {
                s.push_str(amounts);
            }
        }
        s.push('\n');
    }
    s
}

/// A workbook's parts as they decompress, against the bounds: the file and
/// all its parts together at most [`MAX_WORKBOOK`] bytes, at most
/// [`MAX_PARTS`] parts. The sizes a zip declares are not trusted: each part
/// is decompressed (into nothing) and counted, stopping past the bound.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn workbook_within_bounds<RS: Read + std::io::Seek>(mut file: RS) -> Result<(), Unreadable> {
    let too_large = || {
        Unreadable(format!(
            "这个 Excel 文件解压后超过 {} MB 的上限，不像村（社区）的居民名单：请只保留名单所在的工作表，或另存为 CSV 后再试。",
            MAX_WORKBOOK >> 20
        ))
    };
    let cannot = |e: &dyn std::fmt::Display| Unreadable(format!("无法读取这个 Excel 文件：{e}"));
    if file.seek(std::io::SeekFrom::End(0)).map_err(|e| cannot(&e))? > MAX_WORKBOOK {
        return Err(too_large());
    }
    file.rewind().map_err(|e| cannot(&e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| {
        Unreadable("这不是 .xlsx 格式的 Excel 文件（或文件已损坏）：请在 Excel 中另存为 .xlsx 或 CSV 后再试。".into())
    })?;
    if zip.len() > MAX_PARTS {
        return Err(too_large());
    }
    let mut left = MAX_WORKBOOK;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| cannot(&e))?;
        if part.size() > left {
            return Err(too_large());
        }
        let n = std::io::copy(&mut part.take(left + 1), &mut std::io::sink()).map_err(|e| cannot(&e))?;
        left = left.checked_sub(n).ok_or_else(too_large)?;
    }
    Ok(())
}

/// A workbook cell as the list's text: dates as `YYYY-MM-DD`, whole
/// numbers without `.0`.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn workbook_cell(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(t) => t.as_datetime().map_or_else(|| t.to_string(), |d| crate::date::iso(d.date()).to_string()),
        other => other.to_string(),
    }
}

/// The rows of a workbook's sheet, read cell by cell as they come (nothing
/// is allocated for the sheet's declared size): a row's cells into one
/// record, empty rows skipped, a cell past [`MAX_COLUMNS`] refused.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
struct SheetRows<'a, RS: Read + std::io::Seek> {
    cells: calamine::XlsxCellReader<'a, RS>,
    pending: Option<(u32, u32, String)>,
    /// The sheet's cells have all been read.
    ended: bool,
}

#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
impl<RS: Read + std::io::Seek> SheetRows<'_, RS> {
    /// The next cell that is not empty: its row, column and text.
    fn cell(&mut self) -> Result<Option<(u32, u32, String)>, Unreadable> {
        if let Some(c) = self.pending.take() {
            return Ok(Some(c));
        }
        while !self.ended {
            let Some(c) = self.cells.next_cell().map_err(|e| Unreadable(format!("无法读取工作表：{e}")))?
            else {
                self.ended = true;
                break;
            };
            let (row, col) = c.get_position();
            let text = workbook_cell(&calamine::Data::from(c.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            if col as usize >= MAX_COLUMNS {
                return Err(Unreadable(format!(
                    "工作表第{}行第{}列有内容，超过 {MAX_COLUMNS} 列的上限：这不像居民名单，请只保留需要的列后再试。",
                    row + 1,
                    col + 1
                )));
            }
            if text.len() > MAX_CELL {
                return Err(Unreadable(format!(
                    "工作表第{}行第{}列有 {} 字节，超过一格 {MAX_CELL} 字节（64 KiB）的上限：请检查这一格。",
                    row + 1,
                    col + 1,
                    text.len()
                )));
            }
            return Ok(Some((row, col, text)));
        }
        Ok(None)
    }

    /// The next row that has a cell into `rec` (false at the end).
    fn next(&mut self, rec: &mut csv::StringRecord) -> Result<bool, Unreadable> {
        rec.clear();
        let Some((row, col, text)) = self.cell()? else { return Ok(false) };
        let put = |rec: &mut csv::StringRecord, col: u32, text: &str| {
            while rec.len() < col as usize {
                rec.push_field("");
            }
            rec.push_field(text);
        };
        put(rec, col, &text);
        while let Some((r, c, t)) = self.cell()? {
            if r != row {
                self.pending = Some((r, c, t));
                break;
            }
            put(rec, c, &t);
            if rec.as_slice().len() > MAX_RECORD {
                return Err(Unreadable(format!("工作表第{}行：{}", row + 1, too_long())));
            }
        }
        Ok(true)
    }
}

/// A workbook's first sheet, its header and then its rows, for `work`.
/// Bounded before the work: the parts as they decompress
/// ([`workbook_within_bounds`]), a declared dimension past [`MAX_COLUMNS`]
/// refused before a cell is read; then cell by cell.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn with_sheet<RS: Read + std::io::Seek, T>(
    mut file: RS,
    work: impl FnOnce(Vec<String>, &mut SheetRows<'_, RS>) -> Result<T, Unreadable>,
) -> Result<T, Unreadable> {
    use calamine::Reader;
    workbook_within_bounds(&mut file)?;
    file.rewind().map_err(|e| Unreadable(format!("无法读取这个 Excel 文件：{e}")))?;
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(file).map_err(|e| Unreadable(format!("无法读取这个 Excel 文件：{e}")))?;
    let first = wb.sheet_names().first().cloned().ok_or_else(|| Unreadable("这个 Excel 文件没有工作表。".into()))?;
    let cells = wb.worksheet_cells_reader(&first).map_err(|e| Unreadable(format!("无法读取工作表“{first}”：{e}")))?;
    let declared = cells.dimensions();
    if declared.end.1 as usize >= MAX_COLUMNS {
        return Err(Unreadable(format!(
            "工作表“{first}”声明了 {} 列，超过 {MAX_COLUMNS} 列的上限：请只保留名单所在的列，或另存为 CSV 后再试。",
            u64::from(declared.end.1) + 1
        )));
    }
    let mut rows = SheetRows { cells, pending: None, ended: false };
    let mut header = csv::StringRecord::new();
    if !rows.next(&mut header)? {
        return Err(Unreadable("工作表是空的：第一行应是列名（表头）。".into()));
    }
    work(header.iter().map(str::to_string).collect(), &mut rows)
}

/// Reads an Excel workbook's first sheet (.xlsx) as a list and writes the
/// answers as [`run`] does, within the bounds (`with_sheet`).
#[cfg(not(target_arch = "wasm32"))]
pub fn run_xlsx(path: &std::path::Path, to: To<'_>, date: Option<&str>) -> Result<Summary, Unreadable> {
    let file = std::fs::File::open(path).map_err(|e| Unreadable(format!("无法读取 {}：{e}", path.display())))?;
    run_workbook_to(std::io::BufReader::new(file), to, date)
}

/// [`run_xlsx`] on the workbook's bytes from any reader, into a CSV.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_workbook<RS: Read + std::io::Seek, W: Write>(
    file: RS,
    mut output: W,
    date: Option<&str>,
) -> Result<Summary, Unreadable> {
    run_workbook_to(file, To::Csv(&mut output), date)
}

#[cfg(not(target_arch = "wasm32"))]
fn run_workbook_to<RS: Read + std::io::Seek>(file: RS, to: To<'_>, date: Option<&str>) -> Result<Summary, Unreadable> {
    with_sheet(file, |header, rows| answer_to(header, |rec| rows.next(rec), to, date))
}

/// A workbook's first sheet as a list's text (CSV, UTF-8), read as
/// [`run_xlsx`] reads it and within the same bounds: for the page, whose
/// worker answers it as it answers a CSV ([`Steps`]; `src/wasm_xlsx.rs`).
/// The cells as they are (no `'` added), so that the rows are the same.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
pub fn workbook_text(bytes: &[u8]) -> Result<String, Unreadable> {
    with_sheet(std::io::Cursor::new(bytes), |header, rows| {
        let mut out = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        out.write_record(&header).map_err(unwritable)?;
        let mut rec = csv::StringRecord::new();
        while rows.next(&mut rec)? {
            out.write_record(&rec).map_err(unwritable)?;
        }
        let bytes = out.into_inner().map_err(unwritable)?;
        String::from_utf8(bytes).map_err(unwritable)
    })
}

/// The state of an answers' sheet between cells: where the next cell goes,
/// and its formats.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
struct Cells {
    row: u32,
    col: u16,
    text: rust_xlsxwriter::Format,
    money: rust_xlsxwriter::Format,
    head: rust_xlsxwriter::Format,
}

/// The answers' sheet of a workbook (`yibao batch --output 结果.xlsx`, and
/// the page's 下载结果（Excel）): named in the file's language, the header
/// row frozen.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn answers_sheet(ws: &mut rust_xlsxwriter::Worksheet, chinese: bool) -> Result<Cells, Unreadable> {
    use rust_xlsxwriter::{Format, FormatAlign};
    ws.set_name(if chinese { "结果" } else { "answers" }).map_err(unsaved)?;
    ws.set_freeze_panes(1, 0).map_err(unsaved)?;
    Ok(Cells {
        row: 0,
        col: 0,
        text: Format::new().set_num_format("@"),
        money: Format::new().set_num_format("0.00"),
        head: Format::new().set_bold().set_align(FormatAlign::Center),
    })
}

/// A [`Sheet`] into a workbook's answers sheet: carried cells are text
/// cells as they are (an 18-digit 身份证号 intact, never a formula, no
/// `'`), money numbers with two decimals, the year a number.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
struct Workbook<'a> {
    ws: &'a mut rust_xlsxwriter::Worksheet,
    c: &'a mut Cells,
}

#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn unsaved(e: impl std::fmt::Display) -> Unreadable {
    Unreadable(format!("无法写出 Excel 结果：{e}"))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
impl Sheet for Workbook<'_> {
    fn text(&mut self, s: &str) -> Result<(), Unreadable> {
        let c = &mut *self.c;
        if !s.is_empty() {
            let f = if c.row == 0 { &c.head } else { &c.text };
            self.ws.write_string_with_format(c.row, c.col, s, f).map_err(unsaved)?;
        }
        c.col = c.col.saturating_add(1);
        Ok(())
    }
    fn money(&mut self, m: Option<Money>) -> Result<(), Unreadable> {
        let c = &mut *self.c;
        if let Some(m) = m {
            // A spreadsheet's number: the amount to the fen, shown with two decimals.
            let yuan: f64 = m.fixed().parse().map_err(unsaved)?;
            self.ws.write_number_with_format(c.row, c.col, yuan, &c.money).map_err(unsaved)?;
        }
        c.col = c.col.saturating_add(1);
        Ok(())
    }
    fn year(&mut self, y: i32) -> Result<(), Unreadable> {
        let c = &mut *self.c;
        self.ws.write_number(c.row, c.col, f64::from(y)).map_err(unsaved)?;
        c.col = c.col.saturating_add(1);
        Ok(())
    }
    fn end_row(&mut self) -> Result<(), Unreadable> {
        let c = &mut *self.c;
        c.row = c.row.checked_add(1).filter(|r| *r < 1_048_576).ok_or_else(|| {
            Unreadable("名单超过 Excel 一张工作表的 1,048,576 行：请分成几个文件，或输出 CSV。".into())
        })?;
        c.col = 0;
        Ok(())
    }
}

/// Two sheets written alike (the page's CSV and workbook in one pass).
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
struct Both<'a, A, B>(&'a mut A, &'a mut B);

#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
impl<A: Sheet, B: Sheet> Sheet for Both<'_, A, B> {
    fn text(&mut self, s: &str) -> Result<(), Unreadable> {
        self.0.text(s)?;
        self.1.text(s)
    }
    fn money(&mut self, m: Option<Money>) -> Result<(), Unreadable> {
        self.0.money(m)?;
        self.1.money(m)
    }
    fn year(&mut self, y: i32) -> Result<(), Unreadable> {
        self.0.year(y)?;
        self.1.year(y)
    }
    fn end_row(&mut self) -> Result<(), Unreadable> {
        self.0.end_row()?;
        self.1.end_row()
    }
}

/// The facts of a run for a workbook's 说明 sheet.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
pub struct About<'a> {
    /// The date of the question for rows without one.
    pub date: &'a str,
    /// The list's file, as the clerk named it.
    pub input: &'a str,
}

/// A new workbook dated the day asked: its creation date (the document's
/// properties) is `date`, never the clock's, so that the same list and
/// date give the same workbook. An error where `date` is not a date.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn dated(date: &str) -> Result<rust_xlsxwriter::Workbook, Unreadable> {
    let (y, m, d) = crate::date::ymd(date.trim())
        .ok_or_else(|| Unreadable(format!("查询日期“{date}”不是日期：请写成 2024-01-15。")))?;
    let (y, m, d) =
        (u16::try_from(y).map_err(unsaved)?, u8::try_from(m).map_err(unsaved)?, u8::try_from(d).map_err(unsaved)?);
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).map_err(unsaved)?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&day));
    Ok(wb)
}

/// The workbook's 说明 sheet: the list, the date asked, the notices used by
/// number, the estimate marks, the totals, the assumptions.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
fn explain(wb: &mut rust_xlsxwriter::Workbook, sum: &Summary, about: &About<'_>) -> Result<(), Unreadable> {
    use rust_xlsxwriter::Format;
    let ws = wb.add_worksheet();
    ws.set_name("说明").map_err(unsaved)?;
    ws.set_column_width(0, 16).map_err(unsaved)?;
    ws.set_column_width(1, 100).map_err(unsaved)?;
    let mut lines: Vec<(String, String)> = vec![
        ("名单".into(), about.input.to_string()),
        ("查询日期".into(), format!("{}（名单中没有日期的行按此计算）", about.date)),
    ];
    for n in &sum.notices {
        lines.push(("所用文件".into(), n.clone()));
    }
    for e in &sum.estimates {
        lines.push(("估算说明".into(), e.clone()));
    }
    for l in sum.to_string().lines() {
        lines.push(("合计".into(), l.to_string()));
    }
    lines.push((
        "说明".into(),
        "按公开文件估算，以医保经办机构核定为准。每一行的依据条款和假设，可用 yibao quote 或本计算器逐人查看。".into(),
    ));
    lines.push(("Excel".into(), "本表的列均为文本或数字，没有公式；身份证号等原样保留为文本。".into()));
    let bold = Format::new().set_bold();
    for (i, (k, v)) in lines.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(u32::MAX);
        ws.write_string_with_format(r, 0, k, &bold).map_err(unsaved)?;
        ws.write_string(r, 1, v).map_err(unsaved)?;
    }
    Ok(())
}

/// Answers rows of cells, after their header, into an Excel workbook
/// written to `output`: the answers' sheet (header frozen, in the file's
/// language, rows kept in a temporary file: constant memory) and a 说明
/// sheet (`explain`). The page writes the same sheets ([`Steps::workbook`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_workbook<W: Write + std::io::Seek + Send, E: std::fmt::Display>(
    header: Vec<String>,
    next: impl FnMut(&mut csv::StringRecord) -> Result<bool, E>,
    output: W,
    about: &About<'_>,
) -> Result<Summary, Unreadable> {
    let chinese = header.iter().any(|h| has_chinese(h));
    let mut wb = dated(about.date)?;
    let sum = {
        let ws = wb.add_worksheet_with_constant_memory();
        let mut cells = answers_sheet(ws, chinese)?;
        answer_all(header, next, &mut Workbook { ws, c: &mut cells }, Some(about.date))?
    };
    explain(&mut wb, &sum, about)?;
    wb.save_to_writer(output).map_err(unsaved)?;
    Ok(sum)
}

/// The most rows of a workbook [`Steps`] writes (the page's): it is built
/// in memory, about 4 KB a row (430 MB for 100,000 rows natively, less in
/// WASM's 32-bit memory; a million rows ran out of a browser's 4 GB), where
/// the CLI's is written a row at a time. Past it the CSV goes on; the
/// workbook is refused with [`Steps::workbook_refused`]'s words.
pub const MAX_PAGE_WORKBOOK_ROWS: usize = 100_000;

/// The workbook a [`Steps`] writes beside its CSV (the page's
/// 下载结果（Excel）): in memory (a WASM module has no files), the answers'
/// sheet first.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
struct Book {
    wb: rust_xlsxwriter::Workbook,
    cells: Cells,
    date: String,
    input: String,
}

#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
impl Steps {
    /// From here on the answers are also written into a workbook, as
    /// `yibao batch --output 结果.xlsx` writes it; `input` is the list's
    /// name for its 说明 sheet. Before the first [`Steps::step`] only.
    pub fn workbook(&mut self, input: &str) -> Result<(), Unreadable> {
        if self.list.sum.rows > 0 || self.book.is_some() {
            return Err(Unreadable("Excel 结果须在计算开始前要求：请重新选择名单。".into()));
        }
        let date = self.list.date.clone().unwrap_or_default();
        let mut wb = dated(&date)?;
        let ws = wb.add_worksheet();
        let mut cells = answers_sheet(ws, self.list.chinese)?;
        self.list.head(&mut Workbook { ws, c: &mut cells })?;
        self.book = Some(Book { wb, cells, date, input: input.to_string() });
        Ok(())
    }

    /// The workbook's bytes, once every row has been answered: its answers'
    /// sheet and its 说明 sheet (`explain`). Once.
    pub fn take_workbook(&mut self) -> Result<Vec<u8>, Unreadable> {
        if !self.done {
            return Err(Unreadable("名单还没有算完，Excel 结果尚未生成。".into()));
        }
        if let Some(why) = self.workbook_refused() {
            return Err(Unreadable(why));
        }
        let mut b = self.book.take().ok_or_else(|| Unreadable("没有要求 Excel 结果。".into()))?;
        explain(&mut b.wb, &self.list.sum, &About { date: &b.date, input: &b.input })?;
        b.wb.save_to_buffer().map_err(unsaved)
    }

    /// Why the workbook was given up (the list is longer than
    /// [`MAX_PAGE_WORKBOOK_ROWS`]), in words for the page; `None` while it
    /// is written.
    pub fn workbook_refused(&self) -> Option<String> {
        self.book_refused.then(|| {
            format!(
                "名单超过 {0} 万行，本页生成 Excel 结果最多 {0} 万行（更大的工作簿会用尽浏览器的内存）：请下载 CSV 结果，或把名单分成几个文件后再生成 Excel 结果。",
                MAX_PAGE_WORKBOOK_ROWS / 10_000
            )
        })
    }

    /// One row into the CSV, and into the workbook if one is written.
    fn answer(&mut self) -> Result<Option<String>, Unreadable> {
        if self.book.is_some() && self.list.sum.rows >= MAX_PAGE_WORKBOOK_ROWS {
            self.book = None;
            self.book_refused = true;
        }
        match self.book.as_mut() {
            Some(b) => {
                let ws = b.wb.worksheet_from_index(0).map_err(unsaved)?;
                self.list.row(&self.row, &mut Both(&mut self.out, &mut Workbook { ws, c: &mut b.cells }))
            }
            None => self.list.row(&self.row, &mut self.out),
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "xlsx")))]
impl Steps {
    /// One row into the CSV.
    fn answer(&mut self) -> Result<Option<String>, Unreadable> {
        self.list.row(&self.row, &mut self.out)
    }
}
