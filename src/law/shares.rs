//! Shares of ownership (ГК ст.249; ЖК ст.30, 153, 158; `legal-rules.md` §13.6): each owner pays in
//! proportion to the share. An owner's part of a sum is the sum × the share, to the kopeck; when
//! the shares add up to the whole, the last owner takes the remainder, so the parts add up to the
//! account's sums to the kopeck.

use super::penalty::kopecks;
use crate::model::Share;
use rust_decimal::Decimal;

/// Each debtor's part of (principal, penalty): the whole for joint liability, the share's part for
/// an owner. When the shares add up to 1 the last owner takes the remainder, so the parts add up to
/// the account's sums to the kopeck.
pub fn split(
    shares: &[Option<Share>],
    principal: Decimal,
    penalty: Decimal,
) -> Vec<(Decimal, Decimal)> {
    let whole_split = sum_to_one(shares);
    let mut parts: Vec<(Decimal, Decimal)> = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        let part = match share {
            None => (principal, penalty),
            Some(_) if whole_split && i + 1 == shares.len() => {
                let taken_principal: Decimal = parts.iter().map(|x| x.0).sum();
                let taken_penalty: Decimal = parts.iter().map(|x| x.1).sum();
                (principal - taken_principal, penalty - taken_penalty)
            }
            Some(s) => (
                kopecks(principal * s.as_decimal()),
                kopecks(penalty * s.as_decimal()),
            ),
        };
        parts.push(part);
    }
    parts
}

/// Whether the shares add up to exactly 1, in integer arithmetic (1/3 + 1/3 + 1/3 does).
pub fn sum_to_one(shares: &[Option<Share>]) -> bool {
    let (mut num, mut den) = (0u128, 1u128);
    for s in shares.iter().flatten() {
        num = num * u128::from(s.denominator) + u128::from(s.numerator) * den;
        den *= u128::from(s.denominator);
        if den > 1 << 60 {
            return false;
        }
    }
    !shares.is_empty() && num == den
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_add_up_to_the_account_to_the_kopeck() {
        let third = Some(Share {
            numerator: 1,
            denominator: 3,
        });
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let p = split(&[third, third, third], d("100.00"), d("10.00"));
        assert_eq!(p[0], (d("33.33"), d("3.33")));
        assert_eq!(
            p[2],
            (d("33.34"), d("3.34")),
            "the last owner takes the remainder"
        );
        assert!(!sum_to_one(&[third, third]));
    }
}
