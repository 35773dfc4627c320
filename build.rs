//! Reads every `policies/*.toml`, validates it with the same code the
//! library uses (the policy model, crates/yibao-policy), and compiles the
//! policy sets into Rust (`$OUT_DIR/policies.rs`) as one `static`: the data sits in the binary as
//! it is, with no code to build it and nothing parsed at run time. A broken
//! policy file fails the build with a message that names the problem.

// The policy model and the typed values it is made of, as the library has
// them (crates/yibao-policy, a build-dependency): the files are read and
// checked by the library's own code.
use yibao_policy::words::{Unsupported, STATIC_TEXT};
use yibao_policy::{date, money, policy};

use serde::ser::{self, Serialize};
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    if let Err(msg) = run() {
        // A build script reports failure by exiting non-zero.
        eprintln!("{msg}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!("cargo:rerun-if-changed=policies");
    let dir = PathBuf::from("policies");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("policies/: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    // File names are the ids `<region>-<year>`: name order is region, then
    // year, which the engine relies on to find a region's latest set.
    files.sort();
    if files.is_empty() {
        return Err("policies/ 里没有任何 .toml 政策文件".into());
    }
    let mut ids = Vec::new();
    let mut code = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let p: policy::Policy = toml::from_str(&text).map_err(|e| format!("{}: 格式错误：{e}", f.display()))?;
        if let Err(errs) = p.validate() {
            let errs: Vec<String> = errs.iter().map(ToString::to_string).collect();
            return Err(format!(
                "{}: 校验失败（cargo run -- policy check {} 可看到每个问题所在的行）：\n  - {}",
                f.display(),
                f.display(),
                errs.join("\n  - ")
            ));
        }
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if stem != p.id {
            return Err(format!("{}: 文件名须与 id 一致（{}.toml）", f.display(), p.id));
        }
        if ids.contains(&p.id) {
            return Err(format!("政策 id {} 重复", p.id));
        }
        ids.push(p.id.clone());
        let mut out = Rust { code: String::new(), raw: false };
        p.serialize(&mut out).map_err(|e| format!("{}: {}", f.display(), e.0))?;
        let _ = writeln!(code, "{},", out.code);
    }
    code.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    std::fs::write(out.join("policies.rs"), code).map_err(|e| e.to_string())?;
    Ok(())
}

/// A serde serializer that writes a value of the policy model as a Rust
/// constant expression: structs as struct literals, text as
/// `Text::Borrowed("…")`, lists as `Cow::Borrowed(&[…])`, typed values as
/// their `const` constructors (`Money::from_fen(78000)`,
/// `Date::from_static("2023-10-10")`, `Rate::from_static("30")`), enums as
/// their variants (a unit variant's serialized name in snake_case is its
/// Rust name in CamelCase: `newborn_bundle` → `Channel::NewbornBundle`). It
/// supports exactly the shapes the model uses and refuses anything else.
struct Rust {
    code: String,
    /// The next `str` is written as a bare literal (inside a typed value).
    raw: bool,
}

/// `newborn_bundle` → `NewbornBundle`.
fn camel(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(format!("build.rs cannot write {what} as Rust; extend its serializer")))
}

macro_rules! plain {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Unsupported> {
            let _ = write!(self.code, "{v:?}");
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Rust {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = &'a mut Rust;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = &'a mut Rust;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    /// Money comes as whole fen (`money::MONEY_FEN`), not as text.
    fn is_human_readable(&self) -> bool {
        false
    }

    plain!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
           serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("a float (write money as a decimal string)")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("a float (write money as a decimal string)")
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        unsupported("a char")
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        // `{:?}` of a str is a valid Rust string literal.
        if std::mem::take(&mut self.raw) {
            let _ = write!(self.code, "{v:?}");
        } else {
            let _ = write!(self.code, "Text::Borrowed({v:?})");
        }
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.code.push_str("None");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Unsupported> {
        self.code.push_str("Some(");
        v.serialize(&mut *self)?;
        self.code.push(')');
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        unsupported("()")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        unsupported("a unit struct")
    }
    fn serialize_unit_variant(self, name: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        let _ = write!(self.code, "{name}::{}", camel(variant));
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, v: &T) -> Result<(), Unsupported> {
        // Policy text (`policy::Text`): written as `Text::Borrowed("…")` by serialize_str.
        if name == STATIC_TEXT {
            return v.serialize(self);
        }
        let ctor = match name {
            date::DATE => "Date::from_static(",
            money::RATE => "Rate::from_static(",
            money::MONEY_FEN => "Money::from_fen(",
            _ => return unsupported("a newtype struct"),
        };
        self.code.push_str(ctor);
        // A date's or a rate's text, as the literal its constructor reads.
        self.raw = name != money::MONEY_FEN;
        v.serialize(&mut *self)?;
        self.raw = false;
        self.code.push(')');
        Ok(())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        let _ = write!(self.code, "{name}::{}(", camel(variant));
        v.serialize(&mut *self)?;
        self.code.push(')');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        self.code.push_str("::std::borrow::Cow::Borrowed(&[");
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("an enum")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("a map")
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        let _ = write!(self.code, "{name} {{");
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("an enum")
    }
}

impl ser::SerializeSeq for &mut Rust {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(&mut **self)?;
        self.code.push(',');
        Ok(())
    }
    fn end(self) -> Result<(), Unsupported> {
        self.code.push_str("])");
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Rust {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        let _ = write!(self.code, "{key}: ");
        v.serialize(&mut **self)?;
        self.code.push(',');
        Ok(())
    }
    fn end(self) -> Result<(), Unsupported> {
        self.code.push('}');
        Ok(())
    }
}
