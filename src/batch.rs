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

use crate::engine::{quote_in, Detail, Quote};
use crate::error::Error;
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

/// The answer's columns, after the input's.
pub const OUTPUT: &[&str] = &[
    "eligible",
    "tier",
    "personal_fee",
    "ltc_fee",
    "subsidy",
    "assistance",
    "to_pay",
    "total_funding",
    "yongningbao_premium",
    "yongningbao_to_pay",
    "yongningbao_payout",
    "reason",
    "error_field",
    "error_message",
];

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
}

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

/// What a header names.
fn column(header: &str) -> Result<Col, Unreadable> {
    let h = header.trim().trim_start_matches('\u{feff}');
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
    // A field name misspelt: stop, and say the nearest one.
    if h.is_ascii() && !h.is_empty() {
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
    Error::new("invalid_value", header.trim().trim_start_matches('\u{feff}'), message)
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
    let get = |i: usize| row.get(i).map_or("", |s| s.trim());
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
            Col::Other => {}
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
    for (name, id) in named {
        while let Some(at) = rest.find(name) {
            found.push((at, (*id).to_string()));
            rest.replace_range(at..at + name.len(), &";".repeat(name.len()));
        }
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
    want.and_then(|w| cols.iter().find(|(c, _)| *c == w))
        .map_or_else(|| field.to_string(), |(_, h)| h.trim().trim_start_matches('\u{feff}').to_string())
}

/// Writes the answer's cells of a row.
fn answer_cells<W: Write>(out: &mut csv::Writer<W>, q: &Quote) -> csv::Result<()> {
    let money = |out: &mut csv::Writer<W>, m: Option<Money>| match m {
        Some(m) => m.with_fixed(|s| out.write_field(s)),
        None => out.write_field(""),
    };
    out.write_field(match q.eligible {
        Some(true) => "是",
        Some(false) => "否",
        None => "待定",
    })?;
    out.write_field(q.tier.as_ref().map_or("", |t| &*t.name))?;
    for m in [q.personal_fee, q.ltc_fee, q.subsidy, q.assistance, q.to_pay, q.total_funding] {
        money(out, m)?;
    }
    let y = q.yongningbao.as_ref();
    money(out, y.and_then(|y| y.premium))?;
    money(out, y.and_then(|y| y.to_pay))?;
    money(out, y.and_then(|y| y.payout.as_ref()).map(|p| p.total))?;
    out.write_field(&*q.reason)?;
    out.write_field("")?;
    out.write_field("")
}

/// Reads a list (any encoding of [`decode`]) and writes the answers as CSV
/// (UTF-8 with a BOM, so Excel opens it right). `date` is the date of the
/// question for rows without one (the host's today).
#[cfg(not(target_arch = "wasm32"))]
pub fn run<R: Read, W: Write>(input: R, output: W, date: Option<&str>) -> Result<Summary, Unreadable> {
    let mut rdr = reader(decode(input));
    let header = first_row(&mut rdr, CLI_TEMPLATE)?;
    write_all(header, |rec| rdr.read_record(rec), output, date)
}

/// The CSV reader of a list: rows may be of any width.
fn reader<R: Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(input)
}

/// Where the template is, for the messages about a file that cannot be read:
/// the CLI's and the page's.
const CLI_TEMPLATE: &str = "yibao batch --template 的模板";
const PAGE_TEMPLATE: &str = "本页“下载模板”的模板";

/// The header row of a list.
fn first_row<R: Read>(rdr: &mut csv::Reader<R>, template: &str) -> Result<Vec<String>, Unreadable> {
    let mut header = csv::StringRecord::new();
    match rdr.read_record(&mut header) {
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

/// A list's columns, checked, and what its rows added up to: each row is
/// answered by [`List::row`], for [`write_all`] (the CLI) and [`Steps`] (the
/// page's worker) alike.
struct List {
    header: Vec<String>,
    cols: Vec<(Col, String)>,
    date: Option<String>,
    regions: Regions,
    sum: Summary,
}

impl List {
    fn new(header: Vec<String>, date: Option<&str>, template: &str) -> Result<Self, Unreadable> {
        let mut cols = Vec::with_capacity(header.len());
        for h in &header {
            cols.push((column(h)?, h.clone()));
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
        Ok(List { header, cols, date: date.map(str::to_string), regions: Regions::default(), sum: Summary::default() })
    }

    /// The BOM and the header row of the answers.
    fn head<W: Write>(&self, out: &mut csv::Writer<W>) -> Result<(), Unreadable> {
        let head: Vec<&str> =
            self.header.iter().map(|h| h.trim_start_matches('\u{feff}')).chain(OUTPUT.iter().copied()).collect();
        out.write_record(&head).map_err(unwritable)
    }

    /// Answers one row into `out`: the row as it was, padded to the
    /// header's width, then the answer's cells, then any cells the row has
    /// beyond the header's (so that the answer stays under its header).
    /// The request field of its error, if it has one.
    fn row<W: Write>(
        &mut self,
        row: &csv::StringRecord,
        out: &mut csv::Writer<W>,
    ) -> Result<Option<String>, Unreadable> {
        self.sum.rows += 1;
        let width = self.header.len();
        for f in row.iter().take(width) {
            out.write_field(f).map_err(unwritable)?;
        }
        for _ in row.len()..width {
            out.write_field("").map_err(unwritable)?;
        }
        let answer = request(&self.cols, row, self.date.as_deref(), &mut self.regions)
            .and_then(|r| quote_in(crate::policy_sets(), &r, Detail::Figures));
        let mut bad = None;
        match answer {
            Ok(q) => {
                self.sum.add(&q);
                answer_cells(out, &q).map_err(unwritable)?;
            }
            Err(e) => {
                bad = Some(e.field.clone());
                self.sum.errors += 1;
                for _ in 0..OUTPUT.len() - 2 {
                    out.write_field("").map_err(unwritable)?;
                }
                out.write_field(column_of(&self.cols, &e.field)).map_err(unwritable)?;
                out.write_field(&e.message).map_err(unwritable)?;
            }
        }
        for f in row.iter().skip(width) {
            out.write_field(f).map_err(unwritable)?;
        }
        out.write_record(None::<&[u8]>).map_err(unwritable)?;
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
    mut next: impl FnMut(&mut csv::StringRecord) -> Result<bool, E>,
    output: W,
    date: Option<&str>,
) -> Result<Summary, Unreadable> {
    let mut list = List::new(header, date, CLI_TEMPLATE)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, output);
    w.write_all(BOM.as_bytes()).map_err(unwritable)?;
    let mut out = writer(w);
    list.head(&mut out)?;
    let mut row = csv::StringRecord::new();
    while next(&mut row).map_err(|e| unreadable_row(list.sum.rows + 2, e))? {
        list.row(&row, &mut out)?;
    }
    out.flush().map_err(unwritable)?;
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
    rdr: csv::Reader<std::io::Cursor<Vec<u8>>>,
    out: csv::Writer<Vec<u8>>,
    list: List,
    row: csv::StringRecord,
    size: usize,
    done: bool,
    first: usize,
    errors: usize,
    kept: Vec<Kept>,
}

/// A row kept for the page: its number in the file (the header is row 1),
/// the field of its error if it has one (a request field, `birth_date`, for
/// what the page says to enter; the column's own name for a cell the list's
/// reader refused, whose message already says it), and its cells as the
/// answers hold them (the input's, then [`OUTPUT`]'s).
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
        let mut rdr = reader(std::io::Cursor::new(text.into_bytes()));
        let list = List::new(first_row(&mut rdr, PAGE_TEMPLATE)?, date, PAGE_TEMPLATE)?;
        let mut out = writer(BOM.as_bytes().to_vec());
        list.head(&mut out)?;
        Ok(Steps { rdr, out, list, row: csv::StringRecord::new(), size, done: false, first, errors, kept: Vec::new() })
    }

    /// Answers up to `rows` more rows and gives the answers' bytes since
    /// the last call (the first call's begin with the BOM and the header).
    pub fn step(&mut self, rows: usize) -> Result<Vec<u8>, Unreadable> {
        for _ in 0..rows {
            let at = self.list.sum.rows + 2;
            if self.done || !self.rdr.read_record(&mut self.row).map_err(|e| unreadable_row(at, e))? {
                self.done = true;
                break;
            }
            let keep_first = self.list.sum.rows < self.first;
            if !keep_first && self.list.sum.errors >= self.errors {
                self.list.row(&self.row, &mut self.out)?;
                continue;
            }
            // A row that may be kept: its bytes, read back as cells.
            self.out.flush().map_err(unwritable)?;
            let from = self.out.get_ref().len();
            let bad = self.list.row(&self.row, &mut self.out)?;
            if keep_first || (bad.is_some() && self.list.sum.errors <= self.errors) {
                self.out.flush().map_err(unwritable)?;
                let bytes = self.out.get_ref().get(from..).unwrap_or_default();
                let mut back = reader(bytes);
                let mut cells = csv::StringRecord::new();
                let _ = back.read_record(&mut cells);
                self.kept.push(Kept { row: at, error: bad, cells: cells.iter().map(str::to_string).collect() });
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
            (self.rdr.position().byte() as f64 / self.size as f64).min(1.0)
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

    /// The header of the answers: the input's columns, then [`OUTPUT`].
    pub fn header(&self) -> Vec<String> {
        self.list
            .header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .chain(OUTPUT.iter().map(|s| (*s).to_string()))
            .collect()
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
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(fallback))
        .bom_override(true)
        .build(std::io::Cursor::new(head).chain(input))
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

/// An Excel workbook's first sheet as rows of cells (dates as
/// `YYYY-MM-DD`, whole numbers without `.0`). A workbook is read whole
/// (calamine), which is right for the lists villages keep.
#[cfg(not(target_arch = "wasm32"))]
pub fn xlsx_rows(path: &std::path::Path) -> Result<(Vec<String>, Vec<Vec<String>>), Unreadable> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(path).map_err(|e| Unreadable(format!("无法读取这个 Excel 文件：{e}")))?;
    let first = wb.sheet_names().first().cloned().ok_or_else(|| Unreadable("这个 Excel 文件没有工作表。".into()))?;
    let range = wb.worksheet_range(&first).map_err(|e| Unreadable(format!("无法读取工作表“{first}”：{e}")))?;
    let cell = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(t) => t.as_datetime().map_or_else(|| t.to_string(), |d| crate::date::iso(d.date()).to_string()),
        other => other.to_string(),
    };
    let mut rows = range.rows().map(|r| r.iter().map(cell).collect::<Vec<String>>());
    let header = rows.next().ok_or_else(|| Unreadable("工作表是空的：第一行应是列名（表头）。".into()))?;
    Ok((header, rows.collect()))
}
