//! Calendar dates. The core never reads a clock: "today" is an input.
//!
//! A policy's dates are [`Date`]s, parsed once by `build.rs` and compiled in
//! with their text; a request's dates are parsed by [`parse`]. Both read
//! exactly `YYYY-MM-DD`, a real calendar day.

use crate::words::Text;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// `YYYY-MM-DD` into (year, month, day): exactly that form, four-digit year
/// from 1, month 1–12; the day is checked by [`parse`] (a `const fn`, so
/// that compiled-in dates cost nothing at run time).
// Indexing in a `const fn` (which cannot call `get`): the length is checked
// to be 10 first, and every index is below 10.
#[allow(clippy::indexing_slicing)]
pub const fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // At most four ASCII digits: folded directly, no general integer parsing.
    let mut v = [0u32; 3];
    let spans = [(0usize, 4usize), (5, 7), (8, 10)];
    let mut k = 0;
    while k < 3 {
        let (mut i, end) = spans[k];
        while i < end {
            let c = b[i];
            if !c.is_ascii_digit() {
                return None;
            }
            v[k] = v[k] * 10 + (c - b'0') as u32;
            i += 1;
        }
        k += 1;
    }
    if v[0] < 1 {
        return None;
    }
    Some((v[0] as i32, v[1], v[2]))
}

/// Parses `YYYY-MM-DD` (exactly that form, a real calendar day).
pub const fn parse(s: &str) -> Option<NaiveDate> {
    match ymd(s) {
        Some((y, m, d)) => NaiveDate::from_ymd_opt(y, m, d),
        None => None,
    }
}

/// A day of a policy (or one made from it), with its `YYYY-MM-DD` text:
/// the text crosses to a host as it is (for compiled-in dates, `'static`).
/// Equal and ordered as days.
#[derive(Clone)]
pub struct Date {
    day: NaiveDate,
    text: Text,
}

/// The newtype name under which a [`Date`] is serialized: its text, so
/// that JSON writes the string, and `build.rs` can tell a date from other
/// text.
pub const DATE: &str = "yibao::Date";

impl Date {
    /// A compiled-in date (`build.rs` writes `Date::from_static("2023-10-10")`
    /// for dates it has already checked). Text that is not a date gives
    /// 0001-01-01, which validation rules out before it could be compiled.
    pub const fn from_static(s: &'static str) -> Date {
        let day = match parse(s) {
            Some(d) => d,
            None => NaiveDate::MIN,
        };
        Date { day, text: Text::Borrowed(s) }
    }

    /// A day made at run time (a date moved to a later year).
    pub fn from_day(day: NaiveDate) -> Date {
        Date { day, text: Text::Owned(iso(day).to_string()) }
    }

    #[inline]
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// `YYYY-MM-DD`.
    #[inline]
    pub fn text(&self) -> &Text {
        &self.text
    }

    /// The same day `years` calendar years later (see [`shift_years`]).
    #[inline]
    pub fn plus_years(&self, years: i32) -> Date {
        if years == 0 {
            return self.clone();
        }
        Date::from_day(shift_years(self.day, years))
    }
}

impl PartialEq for Date {
    fn eq(&self, o: &Date) -> bool {
        self.day == o.day
    }
}
impl Eq for Date {}
impl PartialOrd for Date {
    fn partial_cmp(&self, o: &Date) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Date {
    fn cmp(&self, o: &Date) -> std::cmp::Ordering {
        self.day.cmp(&o.day)
    }
}

/// `YYYY-MM-DD`.
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::fmt::Debug for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(DATE, &self.text)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let day = parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("日期须为 YYYY-MM-DD 格式的真实日期，现为 “{s}”")))?;
        Ok(Date { day, text: Text::Owned(s) })
    }
}

/// Whole years of age on `on` (a birthday counts from the day itself; a
/// 29 February birthday from 1 March in common years). Zero before birth.
pub fn age_years(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on < birth {
        return 0;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// Whether `on` is no later than the day the child turns `months` months
/// old (that day included).
pub fn within_months(birth: NaiveDate, on: NaiveDate, months: u32) -> bool {
    match birth.checked_add_months(Months::new(months)) {
        Some(limit) => birth <= on && on <= limit,
        None => false,
    }
}

/// The same day `years` calendar years later (29 February becomes 28
/// February in a common year); `None` past chrono's range.
pub fn add_years(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    let months = u32::try_from(years).ok()?.checked_mul(12)?;
    d.checked_add_months(Months::new(months))
}

/// [`add_years`] for the engine's shifts, which stay within a century of
/// the notices (a benefit year is at most 2100): the day itself in the
/// impossible case of leaving chrono's range.
pub fn shift_years(d: NaiveDate, years: i32) -> NaiveDate {
    add_years(d, years).unwrap_or(d)
}

/// `2023-10-10`, written where it is formatted.
pub fn iso(d: NaiveDate) -> impl std::fmt::Display {
    struct Iso(NaiveDate);
    impl std::fmt::Display for Iso {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day())
        }
    }
    Iso(d)
}

/// `2023年10月10日`, written where it is formatted (no `String` of its own).
pub fn words(d: NaiveDate) -> impl std::fmt::Display {
    struct Words(NaiveDate);
    impl std::fmt::Display for Words {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
        }
    }
    Words(d)
}

/// `2023年10月10日至2023年12月25日`, written where it is formatted.
pub fn span_words(start: NaiveDate, end: NaiveDate) -> impl std::fmt::Display {
    struct Span(NaiveDate, NaiveDate);
    impl std::fmt::Display for Span {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}至{}", words(self.0), words(self.1))
        }
    }
    Span(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap_or_default()
    }

    #[test]
    fn ages_count_from_the_birthday_itself() {
        assert_eq!(age_years(d("2005-12-31"), d("2023-12-31")), 18);
        assert_eq!(age_years(d("2006-01-01"), d("2023-12-31")), 17);
        assert_eq!(age_years(d("2020-02-29"), d("2021-02-28")), 0);
        assert_eq!(age_years(d("2020-02-29"), d("2021-03-01")), 1);
        assert_eq!(age_years(d("2024-03-01"), d("2023-12-31")), 0);
    }

    #[test]
    fn six_months_includes_the_day_itself() {
        assert!(within_months(d("2023-06-15"), d("2023-12-15"), 6));
        assert!(!within_months(d("2023-06-15"), d("2023-12-16"), 6));
        assert!(within_months(d("2023-08-31"), d("2024-02-29"), 6));
        assert!(!within_months(d("2023-06-15"), d("2023-06-14"), 6));
    }

    #[test]
    fn years_are_added_as_calendar_years() {
        assert_eq!(add_years(d("2024-01-01"), 3), Some(d("2027-01-01")));
        assert_eq!(add_years(d("2024-02-29"), 1), Some(d("2025-02-28")));
        assert_eq!(add_years(d("2024-02-29"), 4), Some(d("2028-02-29")));
        assert_eq!(add_years(d("2024-05-05"), 0), Some(d("2024-05-05")));
        assert_eq!(add_years(d("2024-05-05"), -1), None);
        assert_eq!(iso(d("2027-01-01")).to_string(), "2027-01-01");
        let moved = Date::from_static("2024-02-29").plus_years(3);
        assert_eq!(&**moved.text(), "2027-02-28");
    }

    #[test]
    fn a_compiled_date_is_its_day_and_its_text() {
        const D: Date = Date::from_static("2023-10-10");
        assert_eq!(D.day(), d("2023-10-10"));
        assert_eq!(&**D.text(), "2023-10-10");
        assert_eq!(serde_json::to_string(&D).unwrap_or_default(), r#""2023-10-10""#);
        assert_eq!(Date::from_static("2023-02-30").day(), NaiveDate::MIN, "validation rules this out");
    }

    #[test]
    fn parse_is_strict() {
        for bad in
            ["2023-2-1", "2023-02-30", "2023/02/01", "20230201", "", "2023-13-01", "0000-01-01", "２０２３-01-01"]
        {
            assert!(parse(bad).is_none(), "{bad}");
        }
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2023-02-29").is_none());
        for bad in ["+023-01-01", "2023-+1-01", "2023-01- 1", "2023-0a-01"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any calendar day reads back; its text is chrono's own.
        #[test]
        fn every_day_reads_back(days in 0i64..3_000_000) {
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default() + chrono::Days::new(days as u64);
            let text = format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day());
            proptest::prop_assert_eq!(parse(&text), (day.year() <= 9999).then_some(day));
        }
    }
}
