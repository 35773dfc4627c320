//! The one error type: a code, the request field it concerns, and a Chinese
//! message that says what to enter instead.

use serde::Serialize;
use std::fmt;

/// A bad request.
///
/// ```
/// let e = yibao::quote_json(r#"{"region":"yuyao","birth_date":"1980-13-01","hukou":"local"}"#)
///     .unwrap_err();
/// assert_eq!(e.code, "invalid_value");
/// assert_eq!(e.field, "birth_date");
/// assert!(e.message.contains("YYYY-MM-DD"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    /// Stable machine-readable code: `invalid_json`, `missing`,
    /// `invalid_type`, `invalid_value`, `unknown_field`, `unknown_identity`,
    /// `not_applicable`, `out_of_range`, `too_large` (a request over
    /// [`crate::request::MAX_REQUEST_BYTES`]). In JavaScript, `internal` is
    /// also thrown, for a call the module could not finish (`src/yibao.js`).
    pub code: &'static str,
    /// The request field's path (`birth_date`, `bill.in_scope`,
    /// `newborn_parent.insured_normal`); empty for the request as a whole.
    pub field: String,
    /// What is wrong and what to enter, in Chinese.
    pub message: String,
}

impl Error {
    pub fn new(code: &'static str, field: impl Into<String>, message: impl Into<String>) -> Self {
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
