//! Shares of ownership (ГК ст.249; ЖК ст.30, 153, 158; `legal-rules.md` §13.6): each owner pays in
//! proportion to the share. Shares are exact fractions, reduced; their sum is exact (1/6 + 1/6 +
//! 2/3 is 1). When they add up to the whole, the account's sums are split by the largest remainder:
//! each owner gets the kopecks the share gives, rounded down, and the kopecks left go one by one to
//! the owners whose parts lost the most (the first of equals first), so the parts add up to the
//! account to the kopeck for any number of owners and differ from the exact part by less than one.
//! When they do not (an owner is missing), each part is the share's, rounded half up.

use super::penalty::kopecks;
use crate::model::Share;
use rust_decimal::Decimal;

/// An exact non-negative fraction, always reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fraction {
    pub num: u128,
    pub den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Fraction {
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };
    pub const ONE: Fraction = Fraction { num: 1, den: 1 };

    pub fn of(share: Share) -> Fraction {
        let (num, den) = (
            u128::from(share.numerator),
            u128::from(share.denominator.max(1)),
        );
        let g = gcd(num, den).max(1);
        Fraction {
            num: num / g,
            den: den / g,
        }
    }

    /// The exact sum, or `None` where it would not fit (thousands of distinct prime denominators).
    pub fn checked_add(self, other: Fraction) -> Option<Fraction> {
        let g = gcd(self.den, other.den).max(1);
        let den = (self.den / g).checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(other.den / g)?
            .checked_add(other.num.checked_mul(self.den / g)?)?;
        let r = gcd(num, den).max(1);
        Some(Fraction {
            num: num / r,
            den: den / r,
        })
    }
}

/// The exact sum of the shares given; `None` where it cannot be computed exactly.
pub fn total(shares: &[Option<Share>]) -> Option<Fraction> {
    shares
        .iter()
        .flatten()
        .try_fold(Fraction::ZERO, |sum, s| sum.checked_add(Fraction::of(*s)))
}

/// Whether the shares add up to exactly 1 (1/3 + 1/3 + 1/3, 1/6 + 1/6 + 2/3 do).
pub fn sum_to_one(shares: &[Option<Share>]) -> bool {
    !shares.is_empty() && total(shares) == Some(Fraction::ONE)
}

/// `amount` split by the fractions, by the largest remainder: the parts add up to it exactly.
fn largest_remainder(amount: Decimal, fractions: &[Fraction]) -> Vec<Decimal> {
    // Whole kopecks; an amount of the calc always has two decimals at most.
    let cents = (amount * Decimal::ONE_HUNDRED).trunc();
    let negative = cents < Decimal::ZERO;
    let cents: u128 = cents.abs().to_string().parse().unwrap_or(0);
    let mut parts: Vec<(u128, u128, u128)> = fractions
        .iter()
        .map(|f| {
            // cents × num / den, floor, and the remainder over den (compared as a fraction).
            let exact = cents.saturating_mul(f.num);
            (exact / f.den, exact % f.den, f.den)
        })
        .collect();
    let given: u128 = parts.iter().map(|p| p.0).sum();
    let mut left = cents.saturating_sub(given);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // The largest remainder first: r1/d1 > r2/d2 ⇔ r1·d2 > r2·d1; the first of equals first.
    order.sort_by(|&a, &b| {
        let (ra, da) = (parts[a].1, parts[a].2);
        let (rb, db) = (parts[b].1, parts[b].2);
        (rb.saturating_mul(da))
            .cmp(&ra.saturating_mul(db))
            .then(a.cmp(&b))
    });
    for i in order.into_iter().cycle().take(parts.len().max(1) * 2) {
        if left == 0 {
            break;
        }
        parts[i].0 += 1;
        left -= 1;
    }
    parts
        .iter()
        .map(|p| {
            let d = Decimal::from_i128_with_scale(p.0 as i128, 2);
            if negative { -d } else { d }
        })
        .collect()
}

/// Each debtor's part of (principal, penalty): the whole for joint liability, the share's part for
/// an owner; by the largest remainder where the shares add up to 1.
pub fn split(
    shares: &[Option<Share>],
    principal: Decimal,
    penalty: Decimal,
) -> Vec<(Decimal, Decimal)> {
    if sum_to_one(shares) && shares.iter().all(Option::is_some) {
        let fractions: Vec<Fraction> = shares.iter().flatten().map(|s| Fraction::of(*s)).collect();
        let p = largest_remainder(principal, &fractions);
        let q = largest_remainder(penalty, &fractions);
        return p.into_iter().zip(q).collect();
    }
    shares
        .iter()
        .map(|share| match share {
            None => (principal, penalty),
            Some(s) => {
                let f = Fraction::of(*s);
                let part = |amount: Decimal| {
                    kopecks(amount * Decimal::from(f.num as u64) / Decimal::from(f.den as u64))
                };
                (part(principal), part(penalty))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(numerator: u32, denominator: u32) -> Option<Share> {
        Some(Share {
            numerator,
            denominator,
        })
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn thirds_add_up_to_the_account_to_the_kopeck() {
        let third = share(1, 3);
        let p = split(&[third, third, third], d("100.00"), d("10.00"));
        // 33,333… each: the one kopeck left goes to the first of equals.
        assert_eq!(p[0], (d("33.34"), d("3.34")));
        assert_eq!(p[1], (d("33.33"), d("3.33")));
        assert_eq!(p[2], (d("33.33"), d("3.33")));
        assert!(!sum_to_one(&[third, third]));
    }

    #[test]
    fn shares_are_summed_exactly() {
        assert!(sum_to_one(&[share(1, 6), share(1, 6), share(2, 3)]));
        assert!(sum_to_one(&[share(1, 6); 6]));
        assert!(sum_to_one(&[share(1, 7); 7]));
        assert!(sum_to_one(&[share(10, 100); 10]));
        assert!(sum_to_one(&vec![share(1, 500); 500]));
        assert_eq!(
            total(&[share(1, 2), share(1, 3)]),
            Some(Fraction { num: 5, den: 6 })
        );
        assert!(!sum_to_one(&[share(1, 7); 8]));
    }

    #[test]
    fn any_number_of_owners_add_up_to_the_account() {
        for (n, principal) in [
            (101u32, "1000.00"),
            (500, "7.77"),
            (7, "100.00"),
            (3, "0.01"),
        ] {
            let shares = vec![share(1, n); n as usize];
            let parts = split(&shares, d(principal), d("12.34"));
            let sum_p: Decimal = parts.iter().map(|p| p.0).sum();
            let sum_q: Decimal = parts.iter().map(|p| p.1).sum();
            assert_eq!(sum_p, d(principal), "{n} owners");
            assert_eq!(sum_q, d("12.34"), "{n} owners");
            // No part differs from the exact share by a kopeck or more.
            let exact = d(principal) / Decimal::from(n);
            assert!(parts.iter().all(|p| (p.0 - exact).abs() < d("0.01")), "{n}");
        }
        // Unequal shares: 1/6, 1/6, 2/3 of 100,01.
        let parts = split(
            &[share(1, 6), share(1, 6), share(2, 3)],
            d("100.01"),
            d("0"),
        );
        let principal: Vec<Decimal> = parts.iter().map(|p| p.0).collect();
        assert_eq!(principal, [d("16.67"), d("16.67"), d("66.67")]);
    }

    #[test]
    fn a_missing_owner_leaves_each_share_its_own_part() {
        let parts = split(&[share(1, 2), share(1, 4)], d("100.00"), d("10.00"));
        assert_eq!(parts, [(d("50.00"), d("5.00")), (d("25.00"), d("2.50"))]);
    }
}
