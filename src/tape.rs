//! How a result crosses from WASM to JavaScript: a "tape" of `u32` codes
//! plus one UTF-8 text, which `tape.js` turns into the same object that
//! `JSON.parse` would make of `serde_json`'s output.
//!
//! Why not JSON text: most of a result is policy text that never changes
//! (clauses, sources, enrolment steps, assumptions). As JSON it would be
//! escaped, copied, decoded from UTF-8 and parsed again on every call, and
//! that was most of the time of a `quote()`. Here [`Text::Borrowed`](crate::words::Text::Borrowed)
//! (recognised by its newtype name [`STATIC_TEXT`]) and struct field names,
//! all `'static`, go as their address and length in the module's memory:
//! `tape.js` decodes each once and keeps it. Only text made for this answer
//! (sums, sentences with the person's figures) is carried, in one string
//! decoded once per call, and cut up by UTF-16 offsets.
//!
//! | code | followed by | value |
//! |---|---|---|
//! | 0, 1, 2 | | `null`, `true`, `false` |
//! | 3 | low, high 32 bits | a number (`f64` bits) |
//! | 4 | `i32` bits | an integer |
//! | 5 | start, end | this call's text `[start, end)` in UTF-16 units |
//! | 6 | address, length | `'static` UTF-8 in memory, decoded once |
//! | 7 … 9 | key, value, key, value … | an object |
//! | 8 … 9 | value, value … | an array |
//! | 10 | low, high 32 bits | money: whole fen (`i64`), written `"780.00"` |
//! | code + 16 | key, then the code's words | an object's field: its name (packed `address << 8 \| length`) and value |
//!
//! A struct's field name normally goes with its value's code (+16, then
//! the name packed in one word), so that writing a field is one step; a
//! name that does not pack (an address past 16 MB, say natively) goes as
//! its own code 6 before the value, as a map's keys do.
//!
//! Money (code 10) is why the tape says it is not human-readable (serde's
//! `is_human_readable`): [`Money`](crate::money::Money) then gives its
//! whole fen instead of formatting a string, and `tape.js` writes the same
//! two-decimal string `Money`'s human-readable form is. Nothing else in a
//! result serializes differently for that.
//!
//! The format follows serde's data model exactly as `serde_json` does
//! (`None`, `()` and unit structs are `null`, a unit variant is its name,
//! other variants `{ name: value }`, a non-finite float is `null`), so the
//! WASM `quote()` returns what `JSON.parse` makes of the CLI's output; the
//! Node equivalence test holds it to that.
//!
//! Requests come in the other way, flattened by `tape.js` into numbers
//! written straight into the module's memory and one joined string
//! ([`read_request`]): one call into JS per request, where walking the JS
//! object with js-sys took about ten per field.
//!
//! The module is plain Rust (no wasm-bindgen) so that it is tested natively.

use crate::money::MONEY_FEN;
use crate::request::Value;
use crate::words::{Unsupported, STATIC_TEXT};
use serde::ser::{self, Serialize};
use std::borrow::Cow;

pub const NULL: u32 = 0;
pub const TRUE: u32 = 1;
pub const FALSE: u32 = 2;
pub const F64: u32 = 3;
pub const I32: u32 = 4;
pub const TEXT: u32 = 5;
pub const STATIC: u32 = 6;
pub const OBJECT: u32 = 7;
pub const ARRAY: u32 = 8;
pub const END: u32 = 9;
pub const MONEY: u32 = 10;
/// Added to a value's code when an object's key comes first, packed into
/// the next word as `address << 8 | length` (a field name: short, and in
/// the module's first 16 MB).
pub const KEYED: u32 = 16;

/// A value written as a tape. `ops` and `text` are what `tape.js` reads.
#[derive(Debug, Default)]
pub struct Tape {
    pub ops: Vec<u32>,
    /// This call's text, every dynamic string one after the other.
    pub text: String,
    /// `text`'s length in UTF-16 units (JavaScript string offsets).
    utf16: u32,
    /// Set by `serialize_newtype_struct(STATIC_TEXT, …)` for the `str` that follows.
    next_is_static: bool,
    /// Set by `serialize_newtype_struct(MONEY_FEN, …)` for the `i64` that follows.
    next_is_money: bool,
    /// A field name waiting for its value, packed (see [`KEYED`]).
    key: Option<u32>,
    /// What each address stood for, for the native tests' reader.
    #[cfg(test)]
    statics: Vec<(u32, u32, String)>,
}

impl Tape {
    /// Writes `value`.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Tape, Unsupported> {
        Tape::with_room(value, 1)
    }

    /// Writes `value`, with room for `quotes` answers' worth (a household's
    /// answer holds one a member), so that the buffers rarely grow: growing
    /// copies them, and a copy is a loop in MVP WebAssembly.
    pub fn with_room<T: Serialize + ?Sized>(value: &T, quotes: usize) -> Result<Tape, Unsupported> {
        // Room for a typical result.
        let n = quotes.max(1);
        let mut t =
            Tape { ops: Vec::with_capacity(2048 * n), text: String::with_capacity(4096 * n), ..Tape::default() };
        value.serialize(&mut t)?;
        Ok(t)
    }

    /// A value's code and its two words, after the pending key if any. One
    /// `extend` (not `extend_from_slice`: a small `memcpy` call is a loop in
    /// MVP WebAssembly), so that a field costs one call, not two.
    fn op3(&mut self, code: u32, a: u32, b: u32) {
        match self.key.take() {
            Some(k) => self.ops.extend([code | KEYED, k, a, b]),
            None => self.ops.extend([code, a, b]),
        }
    }

    /// A value's code alone (after the pending key if any).
    fn op1(&mut self, code: u32) {
        match self.key.take() {
            Some(k) => self.ops.extend([code | KEYED, k]),
            None => self.ops.push(code),
        }
    }

    /// A field's name: kept to go with its value's code when it packs,
    /// otherwise written as `'static` text of its own.
    fn field(&mut self, name: &'static str) {
        match (u32::try_from(name.as_ptr() as usize), u8::try_from(name.len())) {
            (Ok(at), Ok(len)) if at < 1 << 24 => self.key = Some(at << 8 | u32::from(len)),
            _ => self.static_text(name),
        }
    }

    fn text(&mut self, s: &str) {
        let start = self.utf16;
        // A string is far shorter than 4 GB; saturate rather than wrap.
        let units = u32::try_from(utf16_len(s)).unwrap_or(u32::MAX);
        self.utf16 = self.utf16.saturating_add(units);
        self.text.push_str(s);
        self.op3(TEXT, start, self.utf16);
    }

    /// `'static` text (struct field names, variant names, the `str` of a
    /// `Text::Borrowed`): its address and length, which never change. Off a
    /// 32-bit target (native tests) an address may not fit: then it is text.
    fn static_text(&mut self, s: &str) {
        match (u32::try_from(s.as_ptr() as usize), u32::try_from(s.len())) {
            (Ok(at), Ok(len)) => {
                #[cfg(test)]
                self.statics.push((at, len, s.to_string()));
                self.op3(STATIC, at, len);
            }
            _ => self.text(s),
        }
    }

    fn number(&mut self, v: f64) {
        if !v.is_finite() {
            // serde_json writes NaN and infinities as null.
            self.op1(NULL);
        } else if v.fract() == 0.0
            && (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&v)
            && v.to_bits() != (-0.0f64).to_bits()
        {
            self.int(v as i32);
        } else {
            let bits = v.to_bits();
            self.op3(F64, (bits & 0xffff_ffff) as u32, (bits >> 32) as u32);
        }
    }

    fn int(&mut self, i: i32) {
        let bits = u32::from_ne_bytes(i.to_ne_bytes());
        match self.key.take() {
            Some(k) => self.ops.extend([I32 | KEYED, k, bits]),
            None => self.ops.extend([I32, bits]),
        }
    }

    /// An integer: exact when it fits an `i32`, otherwise the nearest
    /// double, as `JSON.parse` reads a long integer.
    fn wide(&mut self, v: i128) {
        if std::mem::take(&mut self.next_is_money) {
            let bits = v as u64;
            return self.op3(MONEY, (bits & 0xffff_ffff) as u32, (bits >> 32) as u32);
        }
        match i32::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.number(v as f64),
        }
    }

    fn close(&mut self) {
        self.ops.push(END);
    }
}

/// The length of `s` in UTF-16 units, counted on the bytes: one unit per
/// character (every byte that does not continue one), two for a character
/// outside the BMP (4-byte form, lead byte ≥ 0xF0). Eight bytes at a time,
/// as bit masks on a `u64`: this runs over every sentence of an answer.
fn utf16_len(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let (mut continuing, mut astral) = (0, 0);
    for c in &mut chunks {
        let w = <[u8; 8]>::try_from(c).map(u64::from_le_bytes).unwrap_or(0);
        // 10xxxxxx: the top bit set, the next clear.
        continuing += (w & !(w << 1) & HIGH).count_ones() as usize;
        // 11110xxx and above: the top four bits set.
        astral += (w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones() as usize;
    }
    for &b in chunks.remainder() {
        continuing += usize::from((b & 0xC0) == 0x80);
        astral += usize::from(b >= 0xF0);
    }
    bytes.len() - continuing + astral
}

macro_rules! ints {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Unsupported> {
            self.wide(i128::from(v));
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = &'a mut Tape;
    type SerializeTuple = &'a mut Tape;
    type SerializeTupleStruct = &'a mut Tape;
    type SerializeTupleVariant = &'a mut Tape;
    type SerializeMap = &'a mut Tape;
    type SerializeStruct = &'a mut Tape;
    type SerializeStructVariant = &'a mut Tape;

    fn is_human_readable(&self) -> bool {
        false
    }

    ints!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
          serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.op1(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        // serde_json prints an f32 by its own shortest form, which widening
        // to f64 would not reproduce; results carry no floats at all.
        Err(Unsupported("tape: f32 is not supported".into()))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        if std::mem::take(&mut self.next_is_static) {
            self.static_text(v);
        } else {
            self.text(v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unsupported> {
        self.op1(ARRAY);
        for b in v {
            self.int(i32::from(*b));
        }
        self.close();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.op1(NULL);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.op1(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.op1(NULL);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.static_text(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, v: &T) -> Result<(), Unsupported> {
        if name == STATIC_TEXT {
            // `policy::Text::Borrowed`: the `str` inside is `'static`.
            self.next_is_static = true;
            let r = v.serialize(&mut *self);
            self.next_is_static = false;
            return r;
        }
        if name == MONEY_FEN {
            // `Money`: its whole fen, for tape.js to write as "780.00".
            self.next_is_money = true;
            let r = v.serialize(&mut *self);
            self.next_is_money = false;
            return r;
        }
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        self.op1(OBJECT);
        self.static_text(variant);
        v.serialize(&mut *self)?;
        self.close();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unsupported> {
        self.op1(ARRAY);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Unsupported> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unsupported> {
        self.op1(OBJECT);
        self.static_text(variant);
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unsupported> {
        self.op1(OBJECT);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unsupported> {
        self.op1(OBJECT);
        self.static_text(variant);
        self.serialize_map(None)
    }
}

// The compound parts: each value goes on the tape in turn, and `end` closes
// the array or object (variants also close their `{ variant: … }`).
macro_rules! elements {
    ($($part:ident::$add:ident closes $n:literal),*) => {$(
        impl ser::$part for &mut Tape {
            type Ok = ();
            type Error = Unsupported;
            fn $add<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Unsupported> {
                for _ in 0..$n {
                    self.close();
                }
                Ok(())
            }
        }
    )*};
}

macro_rules! fields {
    ($($part:ident closes $n:literal),*) => {$(
        impl ser::$part for &mut Tape {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
                self.field(key);
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Unsupported> {
                for _ in 0..$n {
                    self.close();
                }
                Ok(())
            }
        }
    )*};
}

elements!(SerializeSeq::serialize_element closes 1, SerializeTuple::serialize_element closes 1,
          SerializeTupleStruct::serialize_field closes 1, SerializeTupleVariant::serialize_field closes 2);
fields!(SerializeStruct closes 1, SerializeStructVariant closes 2);

impl ser::SerializeMap for &mut Tape {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Result<(), Unsupported> {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

/// The flattened request that `tape.js` sends, alone, for a request over
/// [`crate::request::MAX_REQUEST_BYTES`] (it stops walking there).
pub const REQUEST_TOO_LARGE: f64 = 11.0;

/// Reads a request flattened by `tape.js` (`yibao_flatten_request`): the
/// codes, after the count, and the joined strings. `None` when something
/// in it cannot be request data (a function, a symbol, nesting deeper than
/// eight levels), or when the two do not fit together.
///
/// The codes are those listed in `tape.js`; a string's length is in UTF-16
/// units, JavaScript's, and counted here on the characters (a lone
/// surrogate arrives as U+FFFD, one unit, as wasm-bindgen passes it).
pub fn read_request<'a>(codes: &[f64], text: &'a str) -> Option<Value<'a>> {
    let mut r = Flat { codes: codes.iter(), text, ascii: text.is_ascii() };
    let v = r.value(0)?;
    (r.codes.len() == 0 && r.text.is_empty()).then_some(v)
}

struct Flat<'c, 'a> {
    codes: std::slice::Iter<'c, f64>,
    text: &'a str,
    ascii: bool,
}

/// The byte length of the first `units` UTF-16 units of `s`; `None` when
/// they end inside a character or past the end.
fn utf8_len(s: &str, units: usize) -> Option<usize> {
    let (mut seen, mut end) = (0, 0);
    for c in s.chars() {
        if seen >= units {
            break;
        }
        seen += c.len_utf16();
        end += c.len_utf8();
    }
    (seen == units).then_some(end)
}

impl<'a> Flat<'_, 'a> {
    /// A whole number from 0 to 2^32 (a code, a length or a count).
    fn count(&mut self) -> Option<usize> {
        let c = *self.codes.next()?;
        ((0.0..=4_294_967_296.0).contains(&c) && c.fract() == 0.0).then_some(c as usize)
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        let units = self.count()?;
        // In ASCII (most requests) a unit is a byte.
        let end = if self.ascii { units } else { utf8_len(self.text, units)? };
        let (s, rest) = self.text.split_at_checked(end)?;
        self.text = rest;
        Some(Cow::Borrowed(s))
    }

    fn value(&mut self, depth: u8) -> Option<Value<'a>> {
        if depth > 8 {
            return None;
        }
        Some(match self.count()? {
            0 => Value::Null,
            1 => Value::Bool(true),
            2 => Value::Bool(false),
            3 => Value::Float(*self.codes.next()?),
            5 => Value::Str(self.string()?),
            7 => {
                let n = self.count()?;
                let mut map = Vec::with_capacity(n.min(self.codes.len()));
                for _ in 0..n {
                    let k = self.string()?;
                    map.push((k, self.value(depth + 1)?));
                }
                Value::Map(map)
            }
            8 => {
                let n = self.count()?;
                let mut list = Vec::with_capacity(n.min(self.codes.len()));
                for _ in 0..n {
                    list.push(self.value(depth + 1)?);
                }
                Value::List(list)
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// Reads a tape back as tape.js does (natively, every string is in
    /// `text`: addresses do not fit 32 bits, or are resolved by `statics`).
    fn read(t: &Tape) -> Value {
        let units: Vec<u16> = t.text.encode_utf16().collect();
        let mut i = 0;
        fn value(t: &Tape, units: &[u16], i: &mut usize) -> Value {
            let op = |i: &mut usize| {
                *i += 1;
                t.ops.get(*i - 1).copied().unwrap()
            };
            match op(i) {
                NULL => Value::Null,
                TRUE => Value::Bool(true),
                FALSE => Value::Bool(false),
                F64 => {
                    let (lo, hi) = (op(i), op(i));
                    json!(f64::from_bits(u64::from(lo) | (u64::from(hi) << 32)))
                }
                I32 => json!(op(i) as i32),
                TEXT => {
                    let (a, b) = (op(i) as usize, op(i) as usize);
                    Value::String(String::from_utf16(&units[a..b]).unwrap())
                }
                STATIC => {
                    let (at, len) = (op(i), op(i));
                    let (.., s) = t.statics.iter().find(|(a, l, _)| (*a, *l) == (at, len)).unwrap();
                    Value::String(s.clone())
                }
                OBJECT => {
                    let mut m = serde_json::Map::new();
                    while t.ops[*i] != END {
                        let Value::String(k) = value(t, units, i) else { panic!("key not a string") };
                        m.insert(k, value(t, units, i));
                    }
                    *i += 1;
                    Value::Object(m)
                }
                ARRAY => {
                    let mut a = Vec::new();
                    while t.ops[*i] != END {
                        a.push(value(t, units, i));
                    }
                    *i += 1;
                    Value::Array(a)
                }
                MONEY => {
                    // As tape.js writes it.
                    let (lo, hi) = (op(i), op(i));
                    let fen = (u64::from(lo) | (u64::from(hi) << 32)) as i64;
                    let (sign, a) = (if fen < 0 { "-" } else { "" }, fen.unsigned_abs());
                    Value::String(format!("{sign}{}.{:02}", a / 100, a % 100))
                }
                other => panic!("code {other}"),
            }
        }
        let v = value(t, &units, &mut i);
        assert_eq!(i, t.ops.len(), "the whole tape is one value");
        v
    }

    /// As JavaScript sees it: every number a double.
    fn js(v: Value) -> Value {
        match v {
            Value::Number(n) => json!(n.as_f64().unwrap()),
            Value::Array(a) => Value::Array(a.into_iter().map(js).collect()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, js(v))).collect()),
            other => other,
        }
    }

    /// The tape reads back as JSON.parse would read serde_json's text.
    fn same_as_json<T: Serialize>(v: &T) {
        assert_eq!(js(read(&Tape::of(v).unwrap())), js(serde_json::to_value(v).unwrap()));
    }

    #[test]
    fn utf16_lengths() {
        for s in ["", "abc", "个人缴费780元", "𠀀a😀", "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}"] {
            assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s}");
        }
    }

    #[test]
    fn every_kind_of_value_reads_back_as_serde_json_writes_it() {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(i32),
            Tuple(u8, bool),
            Struct { a: Option<String> },
        }
        #[derive(serde::Serialize)]
        struct S {
            big: u64,
            neg: i64,
            float: f64,
            nan: f64,
            minus_zero: f64,
            bytes: serde_bytes_like::Bytes,
            c: char,
            unit: (),
            tuple: (i8, &'static str),
            map: std::collections::BTreeMap<String, Vec<E>>,
        }
        mod serde_bytes_like {
            pub struct Bytes(pub &'static [u8]);
            impl serde::Serialize for Bytes {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_bytes(self.0)
                }
            }
        }
        let map = [("k😀".to_string(), vec![E::Unit, E::New(-7), E::Tuple(255, false), E::Struct { a: None }])]
            .into_iter()
            .collect();
        same_as_json(&S {
            big: u64::MAX,
            neg: i64::from(i32::MIN) - 1,
            float: 0.1,
            nan: f64::NAN,
            minus_zero: -0.0,
            bytes: serde_bytes_like::Bytes(b"\x00\xff"),
            c: '缴',
            unit: (),
            tuple: (-1, "\u{feff}BOM kept"),
            map,
        });
    }

    #[test]
    fn real_quotes_read_back_as_their_json() {
        for r in [
            r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"1980-05-01","hukou":"local","bill":{"in_scope":80000,"self_paid":20000,"cancer_drugs":50000}}"#,
            r#"{"region":"cixi","benefit_year":2023,"birth_date":"2012-03-15","hukou":"nonlocal","residence_permit":true,"school":"primary_secondary","identities":["dibao"]}"#,
            r#"{"region":"baiyin","district":"huining","birth_date":"1950-01-01","hukou":"local"}"#,
        ] {
            same_as_json(&crate::quote_json(r).unwrap());
        }
        same_as_json(&crate::policies());
    }

    #[test]
    fn money_goes_as_whole_fen_and_reads_as_serde_json_writes_it() {
        use crate::money::Money;
        let amounts: [i64; 9] = [78_000, 11_080, -422, 0, 50, -50, (1 << 53) - 1, 1 << 53, i64::MAX];
        let money: Vec<Money> = amounts.iter().copied().map(Money::from_fen).collect();
        same_as_json(&money);
        // Below 2^53 fen as code 10; beyond, as text.
        let t = Tape::of(&money).unwrap();
        let codes: Vec<u32> = t.ops.iter().skip(1).step_by(3).copied().collect();
        assert_eq!(codes, [MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, TEXT, TEXT, END]);
    }

    proptest! {
        #[test]
        fn utf16_length_of_any_text(s in any::<String>()) {
            prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
        }

        #[test]
        fn any_amount_reads_back(m in any::<i64>()) {
            same_as_json(&crate::money::Money::from_fen(m));
        }

        #[test]
        fn any_text_and_number_reads_back(s in any::<String>(), f in any::<f64>(), i in any::<i64>()) {
            same_as_json(&(s, f, i));
        }
    }

    /// Requests: `read_request` against a writer that does what tape.js's
    /// `yibao_flatten_request` does.
    mod requests {
        use super::super::read_request;
        use crate::request::Value;
        use proptest::prelude::*;

        fn string(s: &str, codes: &mut Vec<f64>, text: &mut String) {
            codes.push(s.encode_utf16().count() as f64);
            text.push_str(s);
        }

        fn flatten(v: &Value, codes: &mut Vec<f64>, text: &mut String) {
            match v {
                Value::Null => codes.push(0.0),
                Value::Bool(b) => codes.push(if *b { 1.0 } else { 2.0 }),
                Value::Int(_) => unreachable!("JS has no integers"),
                Value::Float(f) => codes.extend([3.0, *f]),
                Value::Str(s) => {
                    codes.push(5.0);
                    string(s, codes, text);
                }
                Value::List(l) => {
                    codes.extend([8.0, l.len() as f64]);
                    l.iter().for_each(|v| flatten(v, codes, text));
                }
                Value::Map(m) => {
                    codes.extend([7.0, m.len() as f64]);
                    for (k, v) in m {
                        string(k, codes, text);
                        flatten(v, codes, text);
                    }
                }
            }
        }

        fn flat(v: &Value) -> (Vec<f64>, String) {
            let (mut codes, mut text) = (Vec::new(), String::new());
            flatten(v, &mut codes, &mut text);
            (codes, text)
        }

        fn any_value() -> impl Strategy<Value = Value<'static>> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<f64>().prop_map(Value::Float),
                any::<String>().prop_map(|s| Value::Str(s.into())),
                "[a-z_]{0,12}".prop_map(|s| Value::Str(s.into())),
            ];
            leaf.prop_recursive(6, 64, 8, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..8).prop_map(Value::List),
                    prop::collection::vec((any::<String>().prop_map(std::borrow::Cow::Owned), inner), 0..8)
                        .prop_map(Value::Map),
                ]
            })
        }

        /// NaN is not equal to itself; compare the bits.
        fn same(a: &Value, b: &Value) -> bool {
            match (a, b) {
                (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
                (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
                (Value::Map(x), Value::Map(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|((k, a), (l, b))| k == l && same(a, b))
                }
                _ => a == b,
            }
        }

        proptest! {
            #[test]
            fn any_request_data_reads_back(v in any_value()) {
                let (codes, text) = flat(&v);
                let back = read_request(&codes, &text);
                prop_assert!(back.as_ref().is_some_and(|b| same(b, &v)), "{v:?} read back as {back:?}");
            }

            #[test]
            fn cut_or_damaged_input_is_refused_not_a_panic(v in any_value(), cut in 0usize..64, junk in any::<f64>()) {
                let (mut codes, text) = flat(&v);
                if cut < codes.len() {
                    // A value's codes are never a complete value when cut short.
                    let short = codes.get(..cut).unwrap_or_default();
                    prop_assert!(read_request(short, &text).is_none());
                }
                codes.push(junk);
                let _ = read_request(&codes, &text);
                let _ = read_request(&codes, text.get(..text.len() / 2).unwrap_or(""));
            }
        }

        #[test]
        fn a_request_reads_back() {
            let v = Value::Map(vec![
                ("region".into(), Value::Str("yuyao".into())),
                ("benefit_year".into(), Value::Float(2024.0)),
                ("户籍".into(), Value::Str("𝄞 本市".into())),
                ("identities".into(), Value::List(vec![Value::Null, Value::Str("dibao".into())])),
                ("qianwan".into(), Value::Bool(false)),
            ]);
            let (codes, text) = flat(&v);
            assert_eq!(read_request(&codes, &text), Some(v));
        }

        #[test]
        fn what_is_not_request_data_is_refused() {
            // 10: a function, symbol or bigint, or nested too deep (tape.js).
            assert_eq!(read_request(&[7.0, 1.0, 1.0, 10.0], "x"), None);
            // An unknown code, a code that is not a whole number, NaN.
            for c in [4.0, 6.0, 9.0, 11.0, 0.5, -1.0, f64::NAN, f64::INFINITY] {
                assert_eq!(read_request(&[c], ""), None, "{c}");
            }
            // Left over codes or text.
            assert_eq!(read_request(&[0.0, 0.0], ""), None);
            assert_eq!(read_request(&[0.0], "x"), None);
            // A length past the text, or ending inside a character: "𝄞" is
            // two UTF-16 units.
            assert_eq!(read_request(&[5.0, 3.0], "ab"), None);
            assert_eq!(read_request(&[8.0, 2.0, 5.0, 1.0, 5.0, 1.0], "𝄞"), None);
            assert_eq!(read_request(&[5.0, 2.0], "𝄞"), Some(Value::Str("𝄞".into())));
            // A count far beyond the codes.
            assert_eq!(read_request(&[8.0, 4e9], ""), None);
        }

        #[test]
        fn nesting_deeper_than_eight_is_refused() {
            let mut v = Value::Null;
            for _ in 0..8 {
                v = Value::List(vec![v]);
            }
            let (codes, text) = flat(&v);
            assert!(read_request(&codes, &text).is_some());
            let (codes, text) = flat(&Value::List(vec![v]));
            assert_eq!(read_request(&codes, &text), None);
        }
    }
}
