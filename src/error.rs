//! The one error type: a code, the request field it concerns, and a Chinese
//! message that says what to enter instead.

use serde::Serialize;
use std::fmt;

/// A bad request.
///
/// ```
/// let e = yibao::quote_json(r#"{"region":"yuyao","birth_date":"1980-13-01","hukou":"local"}"#)
///     .unwrap_err();
/// assert_eq!(e.code, yibao::error::Code::InvalidValue);
/// assert_eq!(e.field, "birth_date");
/// assert!(e.message.contains("YYYY-MM-DD"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    /// Stable and machine-readable; in JSON its snake_case name.
    pub code: Code,
    /// The request field's path (`birth_date`, `bill.in_scope`,
    /// `newborn_parent.insured_normal`); empty for the request as a whole.
    pub field: String,
    /// What is wrong and what to enter, in Chinese.
    pub message: String,
}

/// What kind of mistake: the `code` of an error, as JSON and JavaScript
/// see it (`"invalid_value"`). In JavaScript, `internal` is also thrown, for
/// a call the module could not finish (`src/yibao.js`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Not JSON (the CLI), or not readable at all.
    InvalidJson,
    /// A question the answer needs and the request leaves open.
    Missing,
    /// A value of the wrong type (text where a number goes …).
    InvalidType,
    /// A value of the right type that is not one of those allowed.
    InvalidValue,
    /// A key the request does not have.
    UnknownField,
    /// An identity the chosen policy set does not define.
    UnknownIdentity,
    /// A field the chosen policy set has no use for (a district where there are none).
    NotApplicable,
    /// A value outside what the notices or the calculator cover.
    OutOfRange,
    /// A request over [`crate::read::MAX_REQUEST_BYTES`].
    TooLarge,
}

impl Code {
    pub const ALL: [Code; 9] = [
        Code::InvalidJson,
        Code::Missing,
        Code::InvalidType,
        Code::InvalidValue,
        Code::UnknownField,
        Code::UnknownIdentity,
        Code::NotApplicable,
        Code::OutOfRange,
        Code::TooLarge,
    ];

    /// The code as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidJson => "invalid_json",
            Code::Missing => "missing",
            Code::InvalidType => "invalid_type",
            Code::InvalidValue => "invalid_value",
            Code::UnknownField => "unknown_field",
            Code::UnknownIdentity => "unknown_identity",
            Code::NotApplicable => "not_applicable",
            Code::OutOfRange => "out_of_range",
            Code::TooLarge => "too_large",
        }
    }

    /// The code written as JSON writes it.
    pub fn from_name(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `e.code == "missing"`: tests and hosts compare with the JSON's text.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Error {
    pub fn new(code: Code, field: impl Into<String>, message: impl Into<String>) -> Self {
        Error { code, field: field.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "[{}] {}", self.code, self.message)
        } else {
            write!(f, "[{}] {}: {}", self.code, self.field, self.message)
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn each_code_is_written_as_serde_writes_it() {
        for c in Code::ALL {
            assert_eq!(serde_json::to_value(c).ok(), Some(serde_json::Value::String(c.as_str().into())));
            assert_eq!(Code::from_name(c.as_str()), Some(c));
        }
    }
}
