//! Words: the crate's text type and the small helpers that write it.
//!
//! [`Text`] is shared by the policy data (compiled in, `'static`) and the
//! results (made per answer); [`join`] joins parts the way `[T]::join` does.
//! Like the rest of this crate it is also what yibao's `build.rs` reads the
//! policy files with, so it uses only `serde`.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text in a policy or a result: `Borrowed` when it is `'static` (the
/// compiled-in policy data, string literals), `Owned` when it is read from a
/// file or made at run time.
///
/// It is written out as a plain string. `Borrowed` text goes through
/// `serialize_newtype_struct` named [`STATIC_TEXT`], which `serde_json` (and
/// any other format) writes as the string itself, so the JSON is the same
/// either way. A host may recognise that name: text that never changes need
/// only cross to JavaScript once (see `wasm.rs`).
///
/// ```
/// use yibao_policy::words::Text;
/// let fixed = Text::Borrowed("个人缴费");
/// let made = Text::from(format!("{}元", 780));
/// assert_eq!(serde_json::to_string(&fixed).unwrap(), r#""个人缴费""#);
/// assert_eq!(serde_json::to_string(&made).unwrap(), r#""780元""#);
/// assert_eq!(&*made, "780元");
/// ```
///
/// Equality and order are those of the text, whichever the variant.
#[derive(Clone)]
pub enum Text {
    Borrowed(&'static str),
    Owned(String),
}

/// The error of the crate's own serde serializer (`build.rs` writing the
/// policies as Rust): a shape it does not write.
#[derive(Debug)]
pub struct Unsupported(pub String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Unsupported {}
impl serde::ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// The newtype name under which [`Text::Borrowed`] is serialized.
pub const STATIC_TEXT: &str = "yibao::StaticText";

impl std::ops::Deref for Text {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Text {
    #[inline]
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Borrowed("")
    }
}

impl From<&'static str> for Text {
    #[inline]
    fn from(s: &'static str) -> Self {
        Text::Borrowed(s)
    }
}

impl From<String> for Text {
    #[inline]
    fn from(s: String) -> Self {
        Text::Owned(s)
    }
}

impl PartialEq for Text {
    #[inline]
    fn eq(&self, o: &Text) -> bool {
        // The same 'static text (a policy's, passed through an answer) is
        // equal without comparing it byte by byte (a loop in MVP
        // WebAssembly).
        if let (Text::Borrowed(a), Text::Borrowed(b)) = (self, o) {
            if std::ptr::eq(*a, *b) {
                return true;
            }
        }
        **self == **o
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, o: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Text {
    fn cmp(&self, o: &Text) -> std::cmp::Ordering {
        (**self).cmp(&**o)
    }
}

impl PartialEq<str> for Text {
    #[inline]
    fn eq(&self, o: &str) -> bool {
        **self == *o
    }
}

impl PartialEq<&str> for Text {
    #[inline]
    fn eq(&self, o: &&str) -> bool {
        **self == **o
    }
}

impl PartialEq<String> for Text {
    #[inline]
    fn eq(&self, o: &String) -> bool {
        **self == **o
    }
}

impl PartialEq<Text> for &str {
    #[inline]
    fn eq(&self, o: &Text) -> bool {
        **self == **o
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Borrowed(t) => s.serialize_newtype_struct(STATIC_TEXT, *t),
            Text::Owned(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text::Owned)
    }
}

/// A list in a policy, likewise.
pub type List<T> = Cow<'static, [T]>;

/// `parts` joined by `sep`, as `[T]::join` does: a short loop (WASM size:
/// the standard library's generic `join` adds about 1 KB).
pub fn join<T: AsRef<str>>(parts: &[T], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// `join` is the standard library's `join`.
        #[test]
        fn join_is_std_join(parts in prop::collection::vec(any::<String>(), 0..6), sep in any::<String>()) {
            prop_assert_eq!(super::join(&parts, &sep), parts.join(sep.as_str()));
            let strs: Vec<&str> = parts.iter().map(String::as_str).collect();
            prop_assert_eq!(super::join(&strs, &sep), strs.join(sep.as_str()));
        }
    }
}
