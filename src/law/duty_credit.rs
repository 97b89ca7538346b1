//! The duty paid for a court order that was cancelled or refused is credited against the duty of
//! the claim that follows (НК ст.333.20 п.1 пп.13; `legal-rules.md` §4.4; UNCONFIRMED whether
//! 259-ФЗ moved the provision, §12 п.8). Example (new scale): 2 750 paid for the order, a claim
//! duty of 5 500 → 2 750 to pay.

use super::penalty::kopecks;
use crate::model::Share;
use rust_decimal::Decimal;

/// The claim duty still to pay: the scale's duty less the credit, never below zero. A co-owner's
/// claim takes the owner's share of the credit (to the kopeck).
pub fn claim_duty_due(claim_duty: Decimal, credit: Decimal, share: Option<Share>) -> Decimal {
    let credit = share.map_or(credit, |s| kopecks(credit * s.as_decimal()));
    (claim_duty - credit).max(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_section_4_4_and_a_share() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(claim_duty_due(d("5500"), d("2750"), None), d("2750"));
        assert_eq!(claim_duty_due(d("4000"), d("5000"), None), d("0"));
        let third = Share {
            numerator: 1,
            denominator: 3,
        };
        assert_eq!(
            claim_duty_due(d("4000"), d("2000"), Some(third)),
            d("3333.33")
        );
    }
}
