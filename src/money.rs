//! Money: `rust_decimal`, never floats, shown with exactly two decimals.
//!
//! # Rounding
//! There is one rounding rule in the product, [`round_fen`]: to the fen
//! (0.01 yuan), half away from zero (`RoundingStrategy::MidpointAwayFromZero`,
//! the ordinary 四舍五入). For the non-negative amounts used here that is
//! "half up":
//!
//! ```
//! use rust_decimal::Decimal;
//! use yibao::money::round_fen;
//! assert_eq!(round_fen(Decimal::new(4215, 3)).to_string(), "4.22"); // 4.215 → 4.22
//! assert_eq!(round_fen(Decimal::new(4214, 3)).to_string(), "4.21"); // 4.214 → 4.21
//! assert_eq!(round_fen(Decimal::new(3, 3)).to_string(), "0.00");    // 0.003 → 0.00
//! ```
//!
//! Policy amounts (780, 110.8 …) are exact in fen and need no rounding; only
//! 甬宁保 band payouts (amount × 30 % or × 60 %) are rounded.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// Rounds to the fen, half away from zero (四舍五入到分).
pub fn round_fen(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// An amount in yuan, serialized as a string with exactly two decimals
/// (`"780.00"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount of whole fen (`build.rs` writes policy amounts so).
    pub const fn from_fen(fen: u64) -> Money {
        Money(Decimal::from_parts(fen as u32, (fen >> 32) as u32, 0, false, 2))
    }

    /// The amount rounded to the fen, as `"1234.50"`, lent to `f` from the
    /// stack (no `String`): for writers of many amounts.
    pub fn with_fixed<R>(self, f: impl FnOnce(&str) -> R) -> R {
        f(self.write(false).as_str())
    }

    /// The amount rounded to the fen, as `"1234.50"`.
    pub fn fixed(self) -> String {
        self.write(false).as_str().to_string()
    }

    /// The amount for reading: thousands separated, and without `.00` when
    /// whole (`"12,000"`, `"4,200.50"`).
    pub fn words(self) -> String {
        self.write(true).as_str().to_string()
    }

    /// The amount rounded to the fen, as a whole number of fen: whether it
    /// is negative, and its size.
    fn whole_fen(self) -> (bool, u128) {
        // Most amounts are already whole fen (scale 0 to 2) and need no
        // rounding; round_fen leaves scale 2, or less for amounts too large
        // to rescale.
        let r = if self.0.scale() > 2 { round_fen(self.0) } else { self.0 };
        let per: u64 = match r.scale() {
            0 => 100,
            1 => 10,
            _ => 1,
        };
        let m = r.mantissa();
        let fen = match u64::try_from(m.unsigned_abs()) {
            // Below 2^56, × 100 fits a u64: 64-bit arithmetic, which
            // WebAssembly does natively (128-bit is library calls).
            Ok(a) if a < 1 << 56 => u128::from(a * per),
            // A 96-bit mantissa × 100 fits a u128.
            _ => m.unsigned_abs().saturating_mul(u128::from(per)),
        };
        (m < 0, fen)
    }

    /// The amount rounded to the fen, in fen, when a JavaScript number
    /// holds it exactly (below 2^53 fen, about 90 trillion yuan).
    pub fn js_fen(self) -> Option<i64> {
        let (negative, fen) = self.whole_fen();
        let fen = i64::try_from(fen).ok().filter(|f| *f < 1 << 53)?;
        Some(if negative { -fen } else { fen })
    }

    /// The amount rounded to the fen: plain (`1234.50`), or for reading
    /// (`1,234.50`, `12,000`). Works on the whole number of fen, so no
    /// general decimal formatting is needed, and on the stack.
    fn write(self, reading: bool) -> Stack {
        let (negative, fen) = self.whole_fen();
        // Written from the end, in one buffer: the fen, then the yuan's
        // digits (a comma before every third when reading), then the sign.
        let mut out = Stack { bytes: [0; 48], start: 48 };
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
        // amount): WebAssembly has no 64-bit multiply-high, so dividing
        // wider numbers by 10 is a slow division (for a u128, a library
        // call), while a u32 is divided by multiplying.
        if let Ok(f) = u32::try_from(fen) {
            write!(f / 100, f % 100);
        } else {
            write!(fen / 100, fen % 100);
        }
        if negative {
            out.push_front(b'-');
        }
        out
    }
}

/// An amount's text on the stack (48 bytes hold the longest,
/// "-79,228,162,514,264,337,593,543,950,335.00"): no heap allocation when
/// it is only serialized.
struct Stack {
    bytes: [u8; 48],
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
/// human-readable (the WASM result tape, `tape.rs`): the whole number of
/// fen, which `tape.js` writes as the same two-decimal string.
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
        let s = String::deserialize(d)?;
        match crate::money::decimal(&s) {
            Some(v) if v >= Decimal::ZERO && v.normalize().scale() <= 2 => Ok(Money(v)),
            _ => Err(serde::de::Error::custom(format!(
                "金额须写成不小于0、最多两位小数的数字字符串（例如 \"780\"），现为 “{s}”"
            ))),
        }
    }
}

/// Parses a decimal string (a policy file's `"110.8"`, a request's
/// `"12000.50"`): an optional sign, digits, and an optional point with more
/// digits, spaces around it ignored. `None` for anything else, or more
/// digits than a `Decimal` holds.
///
/// Digit by digit in a loop: rust_decimal's own parser recurses once a
/// character, which in WebAssembly (no tail calls) overflowed the stack on
/// a long run of zeros.
pub fn decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut m: i128 = 0;
    for c in whole.bytes().chain(fraction.bytes()) {
        if !c.is_ascii_digit() {
            return None;
        }
        m = m.checked_mul(10)?.checked_add(i128::from(c - b'0'))?;
    }
    let scale = u32::try_from(fraction.len()).ok()?;
    Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale).ok()
}

/// A rate of a policy (a band's 30 %), exact, with its percent as written
/// (`"30"`), which is how results show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// The rate as a fraction (0.30).
    fraction: Decimal,
    /// The percent as written.
    text: crate::words::Text,
}

/// The newtype name under which a [`Rate`] is serialized: its percent text.
pub const RATE: &str = "yibao::Rate";

impl Rate {
    /// A compiled-in rate (`build.rs` writes `Rate::from_static("30")` for
    /// a percent it has checked: digits with at most one point and at most
    /// 26 decimals). Other text gives 0.
    // Indexing in a `const fn` (which cannot call `get`): `i < b.len()`.
    #[allow(clippy::indexing_slicing)]
    pub const fn from_static(s: &'static str) -> Rate {
        let b = s.as_bytes();
        let (mut m, mut scale, mut seen_point, mut i, mut ok) = (0u64, 0u32, false, 0, !b.is_empty());
        while i < b.len() && ok {
            let c = b[i];
            if c == b'.' && !seen_point {
                seen_point = true;
            } else if c.is_ascii_digit() && m < u64::MAX / 100 {
                m = m * 10 + (c - b'0') as u64;
                if seen_point {
                    scale += 1;
                }
            } else {
                ok = false;
            }
            i += 1;
        }
        if !ok || scale > 26 {
            m = 0;
            scale = 0;
        }
        // A percent: the fraction has two more decimals.
        let fraction = Decimal::from_parts(m as u32, (m >> 32) as u32, 0, false, scale + 2);
        Rate { fraction, text: crate::words::Text::Borrowed(s) }
    }

    /// The rate as a fraction (30 % is 0.30).
    pub fn fraction(&self) -> Decimal {
        self.fraction
    }

    /// The percent as written (`"30"`).
    pub fn text(&self) -> &crate::words::Text {
        &self.text
    }
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
        let s = String::deserialize(d)?;
        let ok = !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit() || c == b'.') && s.matches('.').count() <= 1;
        match decimal(&s).filter(|v| ok && *v <= Decimal::ONE_HUNDRED) {
            Some(v) => Ok(Rate { fraction: v * Decimal::new(1, 2), text: crate::words::Text::Owned(s) }),
            None => {
                Err(serde::de::Error::custom(format!("比例须写成0到100之间的百分数字符串（例如 \"30\"），现为 “{s}”")))
            }
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
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(it: I) -> Money {
        Money(total(it.map(|m| m.0)))
    }
}

/// The sum of the amounts. With `+` alone, not `Decimal`'s own `Sum`
/// (which adds with `+=`, a second copy of the addition code in the WASM).
pub fn total(amounts: impl Iterator<Item = Decimal>) -> Decimal {
    amounts.fold(Decimal::ZERO, |a, b| a + b)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The fen formatting agrees with rust_decimal's own Display.
        #[test]
        fn fixed_is_decimal_display(m in any::<i64>(), scale in 0u32..6) {
            let d = Decimal::new(m, scale);
            prop_assert_eq!(Money(d).fixed(), round_fen(d).to_string());
            prop_assert_eq!(Money(d).words().replace(',', ""), {
                let s = round_fen(d).to_string();
                s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
            });
        }
    }

    use super::*;

    #[test]
    fn display_is_words() {
        for fen in [0, 5, 78_000, 120_000_050, -4215] {
            let m = Money(Decimal::new(fen, 2));
            assert_eq!(format!("{m}"), m.words());
        }
    }

    #[test]
    fn words_groups_thousands_and_drops_zero_fen() {
        assert_eq!(Money(Decimal::new(1_200_000, 2)).words(), "12,000");
        assert_eq!(Money(Decimal::new(420_050, 2)).words(), "4,200.50");
        assert_eq!(Money(Decimal::new(100_000_000, 0)).words(), "100,000,000");
        assert_eq!(Money(Decimal::new(-780, 0)).words(), "-780");
        assert_eq!(Money(Decimal::ZERO).fixed(), "0.00");
        assert_eq!(Money(Decimal::ZERO).words(), "0");
        assert_eq!(Money(Decimal::new(5, 2)).words(), "0.05");
        assert_eq!(Money(Decimal::new(-4215, 3)).fixed(), "-4.22");
        assert_eq!(Money(Decimal::new(100_000_000, 0)).fixed(), "100000000.00");
        assert_eq!(Money(Decimal::MAX).fixed(), "79228162514264337593543950335.00");
        assert_eq!(Money(Decimal::MIN).words(), "-79,228,162,514,264,337,593,543,950,335");
    }
}
