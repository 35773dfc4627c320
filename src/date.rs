//! Calendar dates. The core never reads a clock: "today" is an input.

use chrono::{Datelike, Months, NaiveDate};

/// Parses `YYYY-MM-DD` (exactly that form, a real calendar day).
pub fn parse(s: &str) -> Option<NaiveDate> {
    let (y, m, d) = crate::policy::ymd(s)?;
    NaiveDate::from_ymd_opt(y, m, d)
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
