//! Reading a request with serde: the deserializers a request's fields share,
//! and serde's errors turned into ours (a code, the field's path, a Chinese
//! message).
//!
//! Every host reads JSON text with the same derived types
//! ([`crate::request`], [`crate::household`]) through [`json`]: the CLI its
//! input, the WASM module what `src/yibao.js` made of the JS object. The
//! field's path comes from `serde_path_to_error`. An object whose fields are shared
//! (a request's place and time, a person) is a struct flattened into its
//! parent with [`part`], which tracks the path inside it too. Our own
//! errors, and paths found inside a part, travel through serde's error type
//! as marked text ([`Marked`]) and are read back by [`error`].

use crate::error::{Code, Error};
use crate::money::Money;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// An error made while reading, carried through serde's error type as
/// text: `\u{1}path\u{1}code\u{1}message\u{1}`. The path is relative to
/// where it was raised; an empty code means "classify serde's message".
pub(crate) struct Marked<'a> {
    pub at: &'a str,
    pub code: Option<Code>,
    pub message: &'a str,
}

impl fmt::Display for Marked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code.map_or("", Code::as_str);
        write!(f, "\u{1}{}\u{1}{code}\u{1}{}\u{1}", self.at, self.message)
    }
}

/// An error of ours raised inside a deserializer, at the value being read.
pub(crate) fn raise<E: de::Error>(code: Code, message: &str) -> E {
    E::custom(Marked { at: "", code: Some(code), message })
}

/// A part of an object flattened into it (`#[serde(flatten, deserialize_with
/// = "part")]`): serde reads it from the object's buffered entries, where
/// the outer path tracking cannot see, so its own path goes into its error.
pub(crate) fn part<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    serde_path_to_error::deserialize(d).map_err(|e| {
        let (at, code, message) = unmark(&e.inner().to_string());
        let at = join(&path(e.path()), &at);
        de::Error::custom(Marked { at: &at, code, message: &message })
    })
}

/// A serde path as a request field's (`members[2].bill.in_scope`).
fn path(p: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut at = String::new();
    for s in p.iter() {
        match s {
            Segment::Seq { index } => w!(at, "[{index}]"),
            Segment::Map { key } => at = join(&at, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    at
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ if b.starts_with('[') => format!("{a}{b}"),
        _ => format!("{a}.{b}"),
    }
}

/// A message read back: its path, its code if ours, the message. A JS
/// error's text starts with "Error: ".
fn unmark(msg: &str) -> (String, Option<Code>, String) {
    let msg = msg.strip_prefix("Error: ").unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix('\u{1}') {
        let mut it = rest.splitn(4, '\u{1}');
        if let (Some(at), Some(code), Some(message)) = (it.next(), it.next(), it.next()) {
            return (at.to_string(), Code::from_name(code), message.to_string());
        }
    }
    (String::new(), None, msg.to_string())
}

/// What went wrong, where: the path (relative to the object read), the
/// code, and our message if we made one (else the reader's words for the
/// field, [`crate::request::hint`]).
pub(crate) struct Failure {
    pub field: String,
    pub code: Code,
    pub message: Option<String>,
}

/// A reader's error as a [`Failure`]: serde's own messages are classified
/// by the words serde starts them with.
fn failure(p: &serde_path_to_error::Path, msg: &str) -> Failure {
    let (at, code, message) = unmark(msg);
    let field = join(&path(p), &at);
    if let Some(code) = code {
        return Failure { field, code, message: Some(message) };
    }
    // An unknown key's path ends with it (serde_path_to_error has it).
    if message.starts_with("unknown field") {
        let key = field.rsplit('.').next().unwrap_or_default();
        let message = Some(unknown(key).message);
        return Failure { field, code: Code::UnknownField, message };
    }
    // A duplicate key is found before its value is read: its name is in
    // serde's words ("duplicate field `region`").
    if let Some(key) = message.strip_prefix("duplicate field `").and_then(|k| k.rsplit_once('`')).map(|(k, _)| k) {
        let message = Some(format!("“{}”填写了不止一次，请只保留一个。", shorten(key)));
        return Failure { field: join(&field, key), code: Code::InvalidValue, message };
    }
    let code = if message.starts_with("invalid type") { Code::InvalidType } else { Code::InvalidValue };
    Failure { field, code, message: None }
}

/// Reads `T` from any serde deserializer, with the failure's path.
pub(crate) fn with<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, Failure> {
    serde_path_to_error::deserialize(d).map_err(|e| failure(e.path(), &e.inner().to_string()))
}

/// The largest request, as JSON text: 1 MiB (a real one takes well under
/// 1 KB). The CLI reads no more than that; `quote()` in JavaScript counts
/// its request as the JSON text `JSON.stringify` would make of it
/// (`src/yibao.js`), and stops walking it once past.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

/// The error for a request over [`MAX_REQUEST_BYTES`], the same in every host.
pub fn too_large() -> Error {
    Error::new(Code::TooLarge, "", "请求超过1 MB（1,048,576字节）。一个人的请求通常不到1 KB，请只填写计算需要的项目。")
}

fn invalid_json(e: &serde_json::Error) -> Error {
    Error::new(
        Code::InvalidJson,
        "",
        format!("请求不是有效的 JSON（第{}行第{}列附近）。请检查引号、逗号和括号。", e.line(), e.column()),
    )
}

/// Reads JSON text (the CLI's input) as `T`: at most [`MAX_REQUEST_BYTES`],
/// a UTF-8 byte order mark before it allowed; then `finish` makes a failure
/// an error. The text is read as JSON first, as `JSON.parse` would: a
/// syntax error anywhere comes before any field's error.
///
/// A number too large for a double (`1e999`) is valid JSON that serde_json
/// refuses; JavaScript reads it as `Infinity`. Such a number is read as
/// `1e300` instead, which every field refuses as it refuses `Infinity`, so
/// that the error names the field as `quote()` in JS does.
pub(crate) fn json<T: DeserializeOwned>(json: &str, finish: impl Fn(Failure) -> Error) -> Result<T, Error> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_REQUEST_BYTES {
        return Err(too_large());
    }
    let mut text = std::borrow::Cow::Borrowed(json);
    // Each pass writes one such number finitely; a few at most. (The WASM
    // module's text is JSON.stringify's, valid and finite: read at once.)
    for pass in 0..=MAX_INFINITE {
        if cfg!(target_arch = "wasm32") {
            break;
        }
        let mut de = serde_json::Deserializer::from_str(&text);
        match serde_path_to_error::deserialize::<_, serde_json::Value>(&mut de) {
            Ok(_) => match de.end() {
                Ok(()) => break,
                Err(e) => return Err(invalid_json(&e)),
            },
            Err(e) if e.inner().to_string().starts_with("number out of range") => match finite(&text, e.inner()) {
                Some(t) if pass < MAX_INFINITE => text = std::borrow::Cow::Owned(t),
                _ => return Err(finish(Failure { field: path(e.path()), code: Code::InvalidValue, message: None })),
            },
            Err(e) => return Err(invalid_json(e.inner())),
        }
    }
    let mut de = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| finish(failure(e.path(), &e.inner().to_string())))
}

/// The most numbers too large for a double that a request is read with
/// (a request with more is refused at the next).
const MAX_INFINITE: usize = 16;

/// `text` with the number serde_json found out of range (it stops at the
/// number's end) written as `1e300`, keeping its sign.
fn finite(text: &str, e: &serde_json::Error) -> Option<String> {
    let line_start = if e.line() <= 1 { 0 } else { text.match_indices('\n').nth(e.line() - 2).map(|(i, _)| i + 1)? };
    let end = line_start + e.column();
    let number = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E');
    let end = end + text.get(end..)?.find(|c: char| !number(c)).unwrap_or(text.len() - end);
    let start = text.get(..end)?.rfind(|c: char| !number(c)).map_or(0, |i| i + 1);
    let token = text.get(start..end)?;
    let with = if token.starts_with('-') { "-1e300" } else { "1e300" };
    Some(format!("{}{with}{}", text.get(..start)?, text.get(end..)?))
}

/// A whole number: a JSON integer, or a float without a fraction (a JS
/// number is a float). A fraction, or one past ±10^15, is an
/// `invalid_value`; anything but a number an `invalid_type`.
pub(crate) struct Whole(pub i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v).map(Whole).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Whole, E> {
                // |v| < 10^15 fits an i64 exactly.
                #[allow(clippy::cast_possible_truncation)]
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    Ok(Whole(v as i64))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// An optional whole number (`benefit_year`).
pub(crate) fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<Whole>::deserialize(d)?.map(|w| w.0))
}

/// An optional count, not negative (`employee_insurance_months`).
pub(crate) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    match Option::<Whole>::deserialize(d)? {
        None => Ok(None),
        Some(Whole(n)) => u32::try_from(n)
            .map(Some)
            .map_err(|_| de::Error::invalid_value(de::Unexpected::Signed(n), &"a count of months")),
    }
}

/// An amount of money: a JSON/JS number or a decimal string, read as whole
/// fen ([`amount_from_f64`], [`amount_from_str`]).
pub(crate) struct Amount(pub Money);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl V {
            fn or_bad<E: de::Error>(self, a: Option<Money>, what: de::Unexpected<'_>) -> Result<Amount, E> {
                a.map(Amount).ok_or_else(|| E::invalid_value(what, &self))
            }
        }
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                self.or_bad(v.checked_mul(100).map(Money::from_fen), de::Unexpected::Signed(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                let fen = i64::try_from(v).ok().and_then(|v| v.checked_mul(100));
                self.or_bad(fen.map(Money::from_fen), de::Unexpected::Unsigned(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                self.or_bad(amount_from_f64(v), de::Unexpected::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                self.or_bad(amount_from_str(v), de::Unexpected::Other("text"))
            }
        }
        d.deserialize_any(V)
    }
}

/// Any value, as much of it as a check needs (a flag, an unknown key's
/// value, a member's name): read whatever its type, so that its error is
/// ours, made after reading.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum Any {
    #[default]
    Null,
    Bool(bool),
    Str(String),
    /// A number, a list or an object.
    Other,
}

impl<'de> Deserialize<'de> for Any {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Any;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Any, E> {
                Ok(Any::Null)
            }
            fn visit_none<E>(self) -> Result<Any, E> {
                Ok(Any::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Any, D::Error> {
                Any::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Any, E> {
                Ok(Any::Bool(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Any, E> {
                Ok(Any::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Any, E> {
                Ok(Any::Str(v))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Any, E> {
                Ok(Any::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Any, E> {
                Ok(Any::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Any, E> {
                Ok(Any::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Any::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Any::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The keys of an object that its struct does not name, in the order given
/// (`#[serde(flatten)]`): keys whose names are data (a sub-area's flag), or
/// unknown ones, checked after reading.
#[derive(Debug, Default)]
pub(crate) struct Rest(pub Vec<(String, Any)>);

impl<'de> Deserialize<'de> for Rest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Rest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Rest, A::Error> {
                let mut out = Vec::new();
                while let Some(kv) = a.next_entry::<String, Any>()? {
                    out.push(kv);
                }
                Ok(Rest(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The error of a key the request does not have.
pub(crate) fn unknown(key: &str) -> Error {
    Error::new(Code::UnknownField, key, format!("不认识的字段“{}”，请检查拼写；可用的字段见说明文档。", shorten(key)))
}

/// Text from the request as a message quotes it: at most 32 characters,
/// then "…" (the whole of it is in the error's `field`).
pub(crate) fn shorten(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(32) {
        Some((end, _)) => Cow::Owned(format!("{}…", s.get(..end).unwrap_or_default())),
        None => Cow::Borrowed(s),
    }
}

/// A JSON/JS number as an amount: exact when it is a whole number of fen.
///
/// `12345.67` is the binary float nearest to 12345.67; × 100 it lies within
/// a millionth of a fen of 1234567, so it is read as exactly 12345.67 yuan.
/// A third decimal (`0.001` → 0.1 fen) is off by at least a tenth of a fen
/// and is refused, as are non-finite and huge numbers. (This avoids
/// formatting floats, which would add 14 KB to the WASM.)
pub fn amount_from_f64(v: f64) -> Option<Money> {
    if !v.is_finite() || v.abs() > 1e12 {
        return None;
    }
    let fen = v * 100.0;
    let whole = fen.round();
    // |whole| ≤ 1e14 fits an i64 exactly.
    #[allow(clippy::cast_possible_truncation)]
    ((fen - whole).abs() < 1e-3).then(|| Money::from_fen(whole as i64))
}

/// The most characters an amount given as text may have (spaces around it
/// aside): `"100000000.00"`, the largest amount, has 12.
pub const MAX_AMOUNT_CHARS: usize = 32;

/// A decimal string as an amount (`"12000.50"`); an empty string is zero.
/// Longer than [`MAX_AMOUNT_CHARS`] it is refused before it is read.
pub fn amount_from_str(s: &str) -> Option<Money> {
    let s = s.trim();
    if s.is_empty() {
        return Some(Money::ZERO);
    }
    if s.len() > MAX_AMOUNT_CHARS {
        return None;
    }
    Money::parse(s)
}
