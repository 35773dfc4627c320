//! Reading a request with serde: the deserializers a request's fields share,
//! and serde's errors turned into ours (a code, the field's path, a Chinese
//! message).
//!
//! Every host reads JSON text with the same derived types
//! ([`crate::request`], [`crate::household`]): the CLI its input, the WASM
//! module what `src/yibao.js` made of the JS object. serde_json reads the
//! text once into a [`Json`] value ([`parse`]); then each part of an object
//! (a request's place and time, its person, the keys neither names) is read
//! from it by its own derived struct ([`value`]), which leaves the other
//! parts' keys alone: no `#[serde(flatten)]`, which would compile every
//! part's reader twice. The value is read with our error type
//! ([`Failure`]): each field's path is known as it is read (no
//! serde_path_to_error wrapped around every reader), and serde's errors are
//! never written out in serde's words, which would bring in the formatting
//! of floats (docs/decisions-boundary.md has what each of these weighed in
//! the page's module). Our own errors travel through serde as marked text
//! ([`Marked`], [`raise`]).

use crate::error::{Code, Error};
use crate::money::Money;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// An error of ours made while reading, carried through serde's error type
/// as text: `\u{1}path\u{1}code\u{1}message\u{1}`, read back by
/// [`Failure`]'s `custom`. The path is relative to where it was raised.
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

pub(crate) fn join(a: &str, b: &str) -> String {
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
/// field, `hint` in request.rs). The error type of the reader
/// ([`value`]): serde's errors become it without being written out in
/// serde's words (which would bring in the formatting of floats: with
/// serde_json's own errors the page's module was 20 KB gzip larger).
#[derive(Debug)]
pub(crate) struct Failure {
    pub field: String,
    pub code: Code,
    pub message: Option<String>,
}

impl Failure {
    fn of(code: Code) -> Failure {
        Failure { field: String::new(), code, message: None }
    }

    /// The failure of a value read under `key` (a key, or a list's `[i]`).
    fn under(self, key: &str) -> Failure {
        Failure { field: join(key, &self.field), ..self }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.code.as_str(), self.field)
    }
}

impl std::error::Error for Failure {}

impl de::Error for Failure {
    /// Ours ([`raise`]), marked; anything else serde says is an invalid value.
    fn custom<T: fmt::Display>(msg: T) -> Failure {
        let (field, code, message) = unmark(&msg.to_string());
        match code {
            Some(code) => Failure { field, code, message: Some(message) },
            None => Failure::of(Code::InvalidValue),
        }
    }
    fn invalid_type(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Failure {
        Failure::of(Code::InvalidType)
    }
    fn invalid_value(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Failure {
        Failure::of(Code::InvalidValue)
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Failure {
        Failure::of(Code::InvalidValue)
    }
    /// Raised while its key is read: the key's reader puts it in the path.
    fn unknown_field(key: &str, _: &'static [&'static str]) -> Failure {
        Failure { message: Some(unknown(key).message), ..Failure::of(Code::UnknownField) }
    }
    /// Raised once the key is read, before its value: the key is the field.
    fn duplicate_field(key: &'static str) -> Failure {
        let message = format!("“{}”填写了不止一次，请只保留一个。", shorten(key));
        Failure { field: key.to_string(), code: Code::InvalidValue, message: Some(message) }
    }
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

/// More numbers too large for a double than [`MAX_INFINITE`].
fn out_of_range(e: &serde_json::Error) -> Error {
    Error::new(
        Code::InvalidValue,
        "",
        format!("请求中的数字过大（第{}行第{}列附近）。请检查是否多写了位数。", e.line(), e.column()),
    )
}

fn invalid_json(e: &serde_json::Error) -> Error {
    Error::new(
        Code::InvalidJson,
        "",
        format!("请求不是有效的 JSON（第{}行第{}列附近）。请检查引号、逗号和括号。", e.line(), e.column()),
    )
}

/// JSON text (the CLI's input, or the WASM module's from `JSON.stringify`)
/// read as a [`Json`] value before any field is read: at most
/// [`MAX_REQUEST_BYTES`], a UTF-8 byte order mark before it allowed. A
/// syntax error anywhere comes before any field's error, as with
/// `JSON.parse`.
///
/// A number too large for a double (`1e999`) is valid JSON that serde_json
/// refuses; JavaScript reads it as `Infinity`. Such a number is written as
/// `1e300` instead, which every field refuses as it refuses `Infinity`, so
/// that the error names the field as `quote()` in JS does.
pub(crate) fn parse(json: &str) -> Result<Json, Error> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_REQUEST_BYTES {
        return Err(too_large());
    }
    let mut text = std::borrow::Cow::Borrowed(json);
    // Each pass writes one such number finitely; a few at most. (The WASM
    // module's text is JSON.stringify's, valid and finite: read at once.)
    let mut pass = 0;
    loop {
        let mut de = serde_json::Deserializer::from_str(&text);
        match Json::deserialize(&mut de) {
            Ok(v) => return de.end().map(|()| v).map_err(|e| invalid_json(&e)),
            Err(e) if e.to_string().starts_with("number out of range") => match finite(&text, &e) {
                Some(t) if pass < MAX_INFINITE => text = std::borrow::Cow::Owned(t),
                _ => return Err(out_of_range(&e)),
            },
            Err(e) => return Err(invalid_json(&e)),
        }
        pass += 1;
    }
}

/// Reads `T` from a value that [`parse`] read, with the failure's path.
/// `T` may leave keys of an object unread: a request's parts are read from
/// the same object one after the other (no `#[serde(flatten)]`, which would
/// compile every part's reader twice).
pub(crate) fn value<'a, T: Deserialize<'a>>(v: &'a Json) -> Result<T, Failure> {
    T::deserialize(v)
}

/// A JSON value as serde_json read it: numbers as serde_json hands them to
/// a reader, an object's keys in order with any key given twice (so that
/// the derived types see the object as serde_json would show it).
/// Requests are read from it rather than from serde_json's reader, with
/// our error type ([`Failure`]), and each field's path known as it is read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                Json::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::U64(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::I64(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                Ok(Json::F64(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = a.next_element()? {
                    out.push(v);
                }
                Ok(Json::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut out = Vec::new();
                while let Some(kv) = a.next_entry()? {
                    out.push(kv);
                }
                Ok(Json::Object(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A [`Json`] value as serde's data: each reader asks for what it expects
/// and is shown what the value is (serde_json's own reader does the same).
impl<'de> Deserializer<'de> for &'de Json {
    type Error = Failure;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        match self {
            Json::Null => v.visit_unit(),
            Json::Bool(b) => v.visit_bool(*b),
            Json::U64(n) => v.visit_u64(*n),
            Json::I64(n) => v.visit_i64(*n),
            Json::F64(n) => v.visit_f64(*n),
            Json::Str(s) => v.visit_borrowed_str(s),
            Json::List(items) => v.visit_seq(Items { items: items.iter(), at: 0 }),
            Json::Object(entries) => v.visit_map(Entries { entries: entries.iter(), value: None }),
        }
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        match self {
            Json::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }
    // A reader that takes one kind of value is shown only that kind (any
    // other is the wrong type, as serde's visitors would say), so that a
    // struct's reader is never handed a list (serde's derive would read it
    // as the fields in order) and none compiles a branch for the others.
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        match self {
            Json::Bool(b) => v.visit_bool(*b),
            _ => Err(Failure::of(Code::InvalidType)),
        }
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        match self {
            Json::Str(s) => v.visit_borrowed_str(s),
            _ => Err(Failure::of(Code::InvalidType)),
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        self.deserialize_str(v)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        match self {
            Json::List(items) => v.visit_seq(Items { items: items.iter(), at: 0 }),
            _ => Err(Failure::of(Code::InvalidType)),
        }
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        match self {
            Json::Object(entries) => v.visit_map(Entries { entries: entries.iter(), value: None }),
            _ => Err(Failure::of(Code::InvalidType)),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Failure> {
        self.deserialize_map(v)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Failure> {
        v.visit_unit()
    }
    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct newtype_struct tuple tuple_struct enum identifier
    }
}

/// A list's items, each failure under its place (`[2]`).
struct Items<'a> {
    items: std::slice::Iter<'a, Json>,
    at: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Failure;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Failure> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let at = self.at;
        self.at += 1;
        seed.deserialize(item).map(Some).map_err(|e| e.under(&format!("[{at}]")))
    }
}

/// An object's entries, each failure under its key (a key's own, such as
/// an unknown key, too).
struct Entries<'a> {
    entries: std::slice::Iter<'a, (String, Json)>,
    value: Option<&'a (String, Json)>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Failure;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Failure> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        self.value = Some(entry);
        let key = de::value::BorrowedStrDeserializer::<Failure>::new(&entry.0);
        seed.deserialize(key).map(Some).map_err(|e| e.under(&entry.0))
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Failure> {
        let Some((key, value)) = self.value.take() else { return Err(Failure::of(Code::InvalidValue)) };
        seed.deserialize(value).map_err(|e| e.under(key))
    }
}

/// The most numbers too large for a double that a request is read with;
/// a request with more is refused at the next, as the request as a whole
/// (only the CLI can be given such numbers; JSON.stringify writes none).
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

/// A part of a request this module does not answer (the page's first
/// module has no bill and no change of status: `request::BILLS`): null is
/// nothing, anything else is refused, never ignored.
#[cfg(all(target_arch = "wasm32", not(all(feature = "bill", feature = "change"))))]
pub(crate) fn not_here<'de, D: Deserializer<'de>, T>(d: D) -> Result<Option<T>, D::Error> {
    match Any::deserialize(d)? {
        Any::Null => Ok(None),
        _ => Err(raise(
            Code::NotApplicable,
            "这里的计算组件不估算结算单，也不计算参保后的身份变化；请用完整的计算组件。",
        )),
    }
}

/// The keys of an object, in the order given, less those its structs read
/// ([`Rest::except`]): keys whose names are data (a sub-area's flag), or
/// unknown ones, checked after reading. Its reader refuses anything but an
/// object, so it is read first.
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

impl Rest {
    /// The keys that the object's structs do not `read`.
    pub(crate) fn except(mut self, read: impl Fn(&str) -> bool) -> Rest {
        self.0.retain(|(k, _)| !read(k));
        self
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

#[cfg(test)]
mod tests {
    use super::{parse, value};
    use crate::error::Code;

    #[test]
    fn a_failure_names_the_path_it_was_read_under() {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct T {
            #[serde(rename = "a")]
            _a: Option<Vec<Option<bool>>>,
            #[serde(rename = "b")]
            _b: Option<Box<T>>,
        }
        let fail = |text: &str| match parse(text) {
            Ok(v) => value::<T>(&v).err().map(|f| (f.code, f.field)),
            Err(e) => Some((e.code, e.field)),
        };
        assert_eq!(fail(r#"{"a": [true, null, 1]}"#), Some((Code::InvalidType, "a[2]".into())));
        assert_eq!(fail(r#"{"b": {"b": {"a": "x"}}}"#), Some((Code::InvalidType, "b.b.a".into())));
        assert_eq!(fail(r#"{"b": {"c": 1}}"#), Some((Code::UnknownField, "b.c".into())));
        assert_eq!(fail(r#"{"b": {}, "a": [], "b": null}"#), Some((Code::InvalidValue, "b".into())));
        assert_eq!(fail(r#"{"b": {"a": [1e999]}}"#), Some((Code::InvalidType, "b.a[0]".into())));
        assert_eq!(fail(r#"{"b": {"a": [true]}}"#), None);
        // A list where an object belongs is the wrong type, never its fields in order.
        assert_eq!(fail(r#"{"b": [null, null]}"#), Some((Code::InvalidType, "b".into())));
        assert_eq!(fail(r#"{"a": {"0": true}}"#), Some((Code::InvalidType, "a".into())));
        assert_eq!(fail(r#"{"a": [true, "yes"]}"#), Some((Code::InvalidType, "a[1]".into())));
    }
}
