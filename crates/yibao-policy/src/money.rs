//! Money: a whole number of fen (0.01 yuan) in an `i64`, never a float,
//! shown with exactly two decimals.
//!
//! Every amount of the notices and of a request is a whole number of fen,
//! and sums and differences of them are too: they are exact integers. The
//! tests hold this arithmetic to `rust_decimal`'s.
//!
//! # Rounding
//! There is one rounding rule in the product, [`Rate::of`]: an amount times
//! a rate (a 甬宁保 band's 30 %, a split's percent) is rounded to the fen,
//! half away from zero (`RoundingStrategy::MidpointAwayFromZero`, the
//! ordinary 四舍五入). For the non-negative amounts used here that is
//! "half up":
//!
//! ```
//! use yibao_policy::money::{Money, Rate};
//! let thirty = Rate::from_static("30");
//! assert_eq!(thirty.of(Money::from_fen(1_405)).fixed(), "4.22"); // 14.05 × 30 % = 4.215 → 4.22
//! assert_eq!(thirty.of(Money::from_fen(1_403)).fixed(), "4.21"); // 14.03 × 30 % = 4.209 → 4.21
//! assert_eq!(thirty.of(Money::from_fen(1)).fixed(), "0.00");     // 0.01 × 30 % = 0.003 → 0.00
//! ```
//!
//! Policy amounts (780, 110.8 …) are whole fen and need no rounding; only
//! 甬宁保 band payouts (amount × 30 % or × 60 %) are rounded.

use serde::{Serialize, Serializer};

/// An amount of whole fen, serialized as a string with exactly two decimals
/// (`"780.00"`). Sums saturate at the `i64` range (about 92 quadrillion
/// yuan) instead of overflowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// An amount of whole fen (`build.rs` writes policy amounts so).
    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// Whole yuan.
    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan.saturating_mul(100))
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// A decimal string as an amount ([`parse_fen`]).
    #[inline]
    pub fn parse(s: &str) -> Option<Money> {
        parse_fen(s).map(Money)
    }

    /// The amount as `"1234.50"`, lent to `f` from the stack (no `String`):
    /// for writers of many amounts.
    pub fn with_fixed<R>(self, f: impl FnOnce(&str) -> R) -> R {
        f(self.write(false).as_str())
    }

    /// The amount as `"1234.50"`.
    pub fn fixed(self) -> String {
        self.write(false).as_str().to_string()
    }

    /// The amount for reading: thousands separated, and without `.00` when
    /// whole (`"12,000"`, `"4,200.50"`).
    pub fn words(self) -> String {
        self.write(true).as_str().to_string()
    }

    /// The amount as a policy file writes it: no separators, no trailing
    /// zeros (`"609.9"`, `"2880"`).
    pub fn plain(self) -> String {
        let s = self.fixed();
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }

    /// The amount in fen, when a JavaScript number holds it exactly (below
    /// 2^53 fen, about 90 trillion yuan).
    pub fn js_fen(self) -> Option<i64> {
        (self.0.unsigned_abs() < 1 << 53).then_some(self.0)
    }

    /// The amount as text: plain (`1234.50`), or for reading (`1,234.50`,
    /// `12,000`), written on the stack.
    fn write(self, reading: bool) -> Stack {
        let fen = self.0.unsigned_abs();
        // Written from the end, in one buffer: the fen, then the yuan's
        // digits (a comma before every third when reading), then the sign.
        let mut out = Stack { bytes: [0; 32], start: 32 };
        let mut digits = 0;
        macro_rules! write {
            ($yuan:expr, $cents:expr) => {{
                let (mut y, cents) = ($yuan, $cents);
                if !reading || cents != 0 {
                    // cents < 100: two digits.
                    out.push_front(b'0' + (cents % 10) as u8);
                    out.push_front(b'0' + (cents / 10) as u8);
                    out.push_front(b'.');
                }
                loop {
                    if reading && digits > 0 && digits % 3 == 0 {
                        out.push_front(b',');
                    }
                    out.push_front(b'0' + (y % 10) as u8);
                    digits += 1;
                    y /= 10;
                    if y == 0 {
                        break;
                    }
                }
            }};
        }
        // u32 where it fits (below 42,949,672.96 yuan, nearly every
        // amount): WebAssembly has no 64-bit multiply-high, so dividing a
        // u64 by 10 is a real division, while a u32 is divided by
        // multiplying (WASM size and speed).
        if let Ok(f) = u32::try_from(fen) {
            write!(f / 100, f % 100);
        } else {
            write!(fen / 100, fen % 100);
        }
        if self.0 < 0 {
            out.push_front(b'-');
        }
        out
    }
}

/// An amount's text on the stack (32 bytes hold the longest,
/// "-92,233,720,368,547,758.08"): no heap allocation when it is only
/// serialized.
struct Stack {
    bytes: [u8; 32],
    /// The text is `bytes[start..]`.
    start: usize,
}

impl Stack {
    /// Puts an ASCII byte (digits, sign, separators only) before the text.
    fn push_front(&mut self, b: u8) {
        if let Some(i) = self.start.checked_sub(1) {
            if let Some(slot) = self.bytes.get_mut(i) {
                *slot = b;
                self.start = i;
            }
        }
    }

    fn as_str(&self) -> &str {
        self.bytes.get(self.start..).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
    }
}

/// The newtype name under which [`Money`] reaches a serializer that is not
/// human-readable (`build.rs`, writing the policies as Rust): the whole
/// number of fen.
pub const MONEY_FEN: &str = "yibao::Money(fen)";

/// `"780.00"`: [`Money::fixed`]. To a serializer that is not
/// human-readable, the whole fen as the newtype [`MONEY_FEN`] (when it fits
/// a JavaScript number exactly), so that the string is made by the reader.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            if let Some(fen) = self.js_fen() {
                return s.serialize_newtype_struct(MONEY_FEN, &fen);
            }
        }
        s.serialize_str(self.write(false).as_str())
    }
}

/// A policy file's amount: a decimal string (`"780"`, `"110.8"`), never a
/// TOML float, not negative, whole fen.
impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        match parse_fen(&s) {
            Some(v) if v >= 0 => Ok(Money(v)),
            _ => Err(serde::de::Error::custom(format!(
                "金额须写成不小于0、最多两位小数的数字字符串（例如 \"780\"），现为 “{s}”"
            ))),
        }
    }
}

/// The amount as read in a sentence, [`Money::words`] (`12,000`,
/// `4,200.50`), written straight into the formatter: `format!("{}元", fee)`
/// makes no `String` for the amount.
impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.write(true).as_str())
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    #[inline]
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    #[inline]
    fn sub(self, o: Money) -> Money {
        Money(self.0.saturating_sub(o.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(it: I) -> Money {
        it.fold(Money::ZERO, |a, b| a + b)
    }
}

/// Parses a decimal string as whole fen (a policy file's `"110.8"`, a
/// request's `"12000.50"`): an optional sign, digits, and an optional point
/// with more digits, of which only the first two may be other than zero;
/// spaces around it ignored. `None` for anything else, or an amount an
/// `i64` of fen does not hold.
///
/// Digit by digit in a loop (no recursion, whatever the length: the
/// request's text is bounded before, `request::MAX_AMOUNT_CHARS`).
///
/// ```
/// use yibao_policy::money::parse_fen;
/// assert_eq!(parse_fen("780"), Some(78_000));
/// assert_eq!(parse_fen(" 110.8 "), Some(11_080));
/// assert_eq!(parse_fen("12000.500"), Some(1_200_050));
/// assert_eq!(parse_fen("12.345"), None); // a tenth of a fen
/// assert_eq!(parse_fen("-5"), Some(-500));
/// assert_eq!(parse_fen("1e5"), None);
/// ```
#[inline]
pub fn parse_fen(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let digit = |c: u8| c.is_ascii_digit().then(|| i64::from(c - b'0'));
    let mut m: i64 = 0;
    for c in whole.bytes() {
        m = m.checked_mul(10)?.checked_add(digit(c)?)?;
    }
    let mut f = fraction.bytes();
    for _ in 0..2 {
        let d = match f.next() {
            Some(c) => digit(c)?,
            None => 0,
        };
        m = m.checked_mul(10)?.checked_add(d)?;
    }
    // Beyond the fen, zeros only.
    if !f.all(|c| c == b'0') {
        return None;
    }
    Some(if negative { -m } else { m })
}

/// A rate of a policy (a band's 30 %), exact, as a fraction of integers,
/// with its percent as written (`"30"`), which is how results show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// The rate is `num / den` (30 % is 30 / 100).
    num: i64,
    den: i64,
    /// The percent as written.
    text: crate::words::Text,
}

/// The newtype name under which a [`Rate`] is serialized: its percent text.
pub const RATE: &str = "yibao::Rate";

/// A percent as a fraction: `"12.5"` is 125 / 1000. `None` for anything but
/// digits with at most one point (and at most 12 decimals).
// Indexing in a `const fn` (which cannot call `get`): `i < b.len()`.
#[allow(clippy::indexing_slicing)]
const fn fraction(b: &[u8]) -> Option<(i64, i64)> {
    let (mut num, mut den, mut seen_point, mut i) = (0i64, 100i64, false, 0);
    if b.is_empty() {
        return None;
    }
    while i < b.len() {
        let c = b[i];
        if c == b'.' && !seen_point {
            seen_point = true;
        } else if c.is_ascii_digit() && num < i64::MAX / 100 && den < 1_000_000_000_000_000 {
            num = num * 10 + (c - b'0') as i64;
            if seen_point {
                den *= 10;
            }
        } else {
            return None;
        }
        i += 1;
    }
    Some((num, den))
}

impl Rate {
    /// A compiled-in rate (`build.rs` writes `Rate::from_static("30")` for
    /// a percent it has checked). Other text gives 0.
    pub const fn from_static(s: &'static str) -> Rate {
        let (num, den) = match fraction(s.as_bytes()) {
            Some(f) => f,
            None => (0, 100),
        };
        Rate { num, den, text: crate::words::Text::Borrowed(s) }
    }

    /// The amount times the rate, to the fen, half away from zero (see the
    /// module's Rounding).
    pub fn of(&self, m: Money) -> Money {
        self.of_rounded(m, Rounding::HalfUp)
    }

    /// The amount times the rate, to the fen, rounded as a plan says.
    pub fn of_rounded(&self, m: Money, rounding: Rounding) -> Money {
        if rounding == Rounding::Down {
            // Towards zero: the fen not reached are dropped.
            return Money(m.0.saturating_mul(self.num) / self.den.max(1));
        }
        // In 64 bits (WASM size: no 128-bit division): a request's amounts
        // are at most 10^10 fen and a rate's numerator small, so the product
        // fits; beyond, the result saturates.
        let twice = m.0.saturating_mul(self.num).saturating_mul(2);
        let den = self.den.saturating_mul(2);
        let q = if twice >= 0 { twice.saturating_add(self.den) / den } else { twice.saturating_sub(self.den) / den };
        Money(q)
    }

    /// The rate times 100 as a fraction `(num, den)`: 30 % is (30, 100).
    pub fn parts(&self) -> (i64, i64) {
        (self.num, self.den)
    }

    /// The percent as written (`"30"`).
    pub fn text(&self) -> &crate::words::Text {
        &self.text
    }
}

/// How an amount times a rate becomes whole fen (a plan's `round`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Half a fen and more up, less down (half away from zero).
    #[default]
    HalfUp,
    /// Down to the fen below (towards zero).
    Down,
}

/// The percent as written (`30`).
impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(RATE, &self.text)
    }
}

/// A policy file's percent, `"30"`: from 0 to 100.
impl<'de> serde::Deserialize<'de> for Rate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        match fraction(s.as_bytes()).filter(|(n, d)| n <= d) {
            Some((num, den)) => Ok(Rate { num, den, text: crate::words::Text::Owned(s) }),
            None => {
                Err(serde::de::Error::custom(format!("比例须写成0到100之间的百分数字符串（例如 \"30\"），现为 “{s}”")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::{Decimal, RoundingStrategy};

    fn dec(m: Money) -> Decimal {
        Decimal::new(m.fen(), 2)
    }

    proptest! {
        /// The fen formatting agrees with rust_decimal's own Display.
        #[test]
        fn fixed_is_decimal_display(fen in any::<i64>()) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(m.fixed(), dec(m).to_string());
            prop_assert_eq!(m.words().replace(',', ""), {
                let s = dec(m).to_string();
                s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
            });
        }

        /// A rate of an amount is rust_decimal's product, rounded half away
        /// from zero to the fen.
        #[test]
        fn a_rate_of_an_amount_is_the_decimal_product_rounded(fen in -10_000_000_000_000i64..10_000_000_000_000, pct in 0u32..100_000, scale in 0u32..4) {
            let text = Decimal::new(i64::from(pct), scale).to_string();
            let rate: Rate = serde_json::from_value(serde_json::Value::String(text.clone())).unwrap_or(Rate::from_static("0"));
            let want = (dec(Money::from_fen(fen)) * Decimal::new(i64::from(pct), scale) / Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            if Decimal::new(i64::from(pct), scale) <= Decimal::ONE_HUNDRED {
                prop_assert_eq!(dec(rate.of(Money::from_fen(fen))), want, "{} × {}%", fen, text);
            }
        }

        /// `parse_fen` reads a decimal as rust_decimal's parser does (when it
        /// is whole fen), without recursing.
        #[test]
        fn parse_fen_reads_as_rust_decimal(s in "[+-]?[0-9]{0,20}(\\.[0-9]{0,6})?") {
            let ours = parse_fen(&s);
            match Decimal::from_str_exact(&s) {
                Ok(d) if d.normalize().scale() <= 2 && (d * Decimal::ONE_HUNDRED).abs() < Decimal::from(i64::MAX) => {
                    prop_assert_eq!(ours.map(|f| Decimal::new(f, 2)), Some(d.round_dp(2)), "{}", s);
                }
                _ => prop_assert!(ours.is_none() || Decimal::from_str_exact(&s).is_ok(), "{} read as {:?}", s, ours),
            }
        }
    }

    #[test]
    fn display_is_words() {
        for fen in [0, 5, 78_000, 120_000_050, -4215] {
            let m = Money::from_fen(fen);
            assert_eq!(format!("{m}"), m.words());
        }
    }

    #[test]
    fn words_groups_thousands_and_drops_zero_fen() {
        assert_eq!(Money::from_fen(1_200_000).words(), "12,000");
        assert_eq!(Money::from_fen(420_050).words(), "4,200.50");
        assert_eq!(Money::from_yuan(100_000_000).words(), "100,000,000");
        assert_eq!(Money::from_yuan(-780).words(), "-780");
        assert_eq!(Money::ZERO.fixed(), "0.00");
        assert_eq!(Money::ZERO.words(), "0");
        assert_eq!(Money::from_fen(5).words(), "0.05");
        assert_eq!(Money::from_fen(-422).fixed(), "-4.22");
        assert_eq!(Money::from_yuan(100_000_000).fixed(), "100000000.00");
        assert_eq!(Money::from_fen(i64::MAX).fixed(), "92233720368547758.07");
        assert_eq!(Money::from_fen(i64::MIN).words(), "-92,233,720,368,547,758.08");
        assert_eq!(Money::from_fen(i64::MAX) + Money::from_fen(1), Money::from_fen(i64::MAX), "saturates");
    }

    #[test]
    fn rates_read_and_apply() {
        assert_eq!(Rate::from_static("30").parts(), (30, 100));
        assert_eq!(Rate::from_static("12.5").parts(), (125, 1000));
        assert_eq!(Rate::from_static("x").parts(), (0, 100));
        assert_eq!(Rate::from_static("60").of(Money::from_yuan(10_000)), Money::from_yuan(6_000));
        assert_eq!(Rate::from_static("30").of(Money::from_fen(200_050)), Money::from_fen(60_015));
        assert_eq!(Rate::from_static("30").of(Money::from_fen(-1_405)), Money::from_fen(-422));
    }
}
