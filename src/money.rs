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

    /// The amount rounded to the fen, as `"1234.50"`.
    pub fn fixed(self) -> String {
        round_fen(self.0).to_string()
    }

    /// The amount for reading: thousands separated, and without `.00` when
    /// whole (`"12,000"`, `"4,200.50"`).
    pub fn words(self) -> String {
        let s = self.fixed();
        let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if frac == "00" {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{frac}")
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.fixed())
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
        Money(it.map(|m| m.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_groups_thousands_and_drops_zero_fen() {
        assert_eq!(Money(Decimal::new(1_200_000, 2)).words(), "12,000");
        assert_eq!(Money(Decimal::new(420_050, 2)).words(), "4,200.50");
        assert_eq!(Money(Decimal::new(100_000_000, 0)).words(), "100,000,000");
        assert_eq!(Money(Decimal::new(-780, 0)).words(), "-780");
        assert_eq!(Money(Decimal::ZERO).fixed(), "0.00");
    }
}
