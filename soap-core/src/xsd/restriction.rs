//! The facets of a `#[soap_type(restriction(...))]` newtype: checked when a value is read, and
//! written into its `xs:simpleType` (see [`FacetRules`]).

use crate::nil::XsdScalar;
use crate::schema::{Facet, FacetKind};

/// What a restricted simple type allows beyond its base type: `xs:length`, `xs:minLength`,
/// `xs:maxLength`, `xs:pattern`, the four bounds, `xs:totalDigits` and `xs:fractionDigits`.
/// A `#[soap_type(restriction(...))]` newtype holds its rules in a constant.
///
/// Reading checks every facet but `pattern`: lengths count the characters of the text,
/// digits those of the decimal number, and each bound is parsed as the base type and compared
/// with the value. A pattern is written to the WSDL and not checked: XML Schema's regular
/// expressions are not Rust's, and the service checks its own input anyway, as WCF and zeep
/// leave it to it. Writing checks nothing: the value is the program's own.
///
/// ```
/// use soap_core::xsd::FacetRules;
/// const CODE: FacetRules = FacetRules { length: Some(3), ..FacetRules::NONE };
/// assert!(CODE.check_text("NOK").is_ok());
/// assert_eq!(
///     CODE.check_text("NO").unwrap_err(),
///     "\"NO\" has 2 characters; the type's length is 3"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetRules {
    /// `xs:length`.
    pub length: Option<usize>,
    /// `xs:minLength`.
    pub min_length: Option<usize>,
    /// `xs:maxLength`.
    pub max_length: Option<usize>,
    /// `xs:pattern`s (described, not checked).
    pub patterns: &'static [&'static str],
    /// `xs:minInclusive`, as written.
    pub min_inclusive: Option<&'static str>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<&'static str>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<&'static str>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<&'static str>,
    /// `xs:totalDigits`.
    pub total_digits: Option<usize>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<usize>,
}

impl FacetRules {
    /// No facet: a restriction that allows all of its base.
    pub const NONE: FacetRules = FacetRules {
        length: None,
        min_length: None,
        max_length: None,
        patterns: &[],
        min_inclusive: None,
        max_inclusive: None,
        min_exclusive: None,
        max_exclusive: None,
        total_digits: None,
        fraction_digits: None,
    };

    /// The facets for the schema, in XML Schema's order.
    pub fn facets(&self) -> Vec<Facet> {
        let mut out = Vec::new();
        for kind in FacetKind::ALL {
            let values: Vec<String> = match kind {
                FacetKind::Length => self.length.iter().map(usize::to_string).collect(),
                FacetKind::MinLength => self.min_length.iter().map(usize::to_string).collect(),
                FacetKind::MaxLength => self.max_length.iter().map(usize::to_string).collect(),
                FacetKind::Pattern => self.patterns.iter().map(|p| p.to_string()).collect(),
                FacetKind::MinInclusive => {
                    self.min_inclusive.iter().map(|b| b.to_string()).collect()
                }
                FacetKind::MaxInclusive => {
                    self.max_inclusive.iter().map(|b| b.to_string()).collect()
                }
                FacetKind::MinExclusive => {
                    self.min_exclusive.iter().map(|b| b.to_string()).collect()
                }
                FacetKind::MaxExclusive => {
                    self.max_exclusive.iter().map(|b| b.to_string()).collect()
                }
                FacetKind::TotalDigits => self.total_digits.iter().map(usize::to_string).collect(),
                FacetKind::FractionDigits => {
                    self.fraction_digits.iter().map(usize::to_string).collect()
                }
            };
            out.extend(values.into_iter().map(|value| Facet { kind, value }));
        }
        out
    }

    /// Checks the facets of the text: its length in characters and its digits.
    pub fn check_text(&self, text: &str) -> Result<(), String> {
        let chars = text.chars().count();
        let length = |facet: &str, limit: usize, ok: bool| -> Result<(), String> {
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "{text:?} has {chars} characters; the type's {facet} is {limit}"
                ))
            }
        };
        if let Some(n) = self.length {
            length("length", n, chars == n)?;
        }
        if let Some(n) = self.min_length {
            length("minLength", n, chars >= n)?;
        }
        if let Some(n) = self.max_length {
            length("maxLength", n, chars <= n)?;
        }
        if self.total_digits.is_some() || self.fraction_digits.is_some() {
            let (total, fraction) = digits(text);
            if let Some(n) = self.total_digits.filter(|n| total > *n) {
                return Err(format!(
                    "{text:?} has {total} digits; the type's totalDigits is {n}"
                ));
            }
            if let Some(n) = self.fraction_digits.filter(|n| fraction > *n) {
                return Err(format!(
                    "{text:?} has {fraction} fraction digits; the type's fractionDigits is {n}"
                ));
            }
        }
        Ok(())
    }

    /// Checks the bounds of `value`, each bound read as the base type `B`.
    pub fn check_bounds<B: XsdScalar + PartialOrd>(&self, value: &B) -> Result<(), String> {
        /// A bound: its text, its facet, and whether a value is within it.
        type Bound<'r, B> = (Option<&'r str>, &'static str, fn(&B, &B) -> bool);
        let bounds: [Bound<'_, B>; 4] = [
            (self.min_inclusive, "minInclusive", |v, b| v >= b),
            (self.max_inclusive, "maxInclusive", |v, b| v <= b),
            (self.min_exclusive, "minExclusive", |v, b| v > b),
            (self.max_exclusive, "maxExclusive", |v, b| v < b),
        ];
        for (bound, facet, within) in bounds {
            let Some(text) = bound else { continue };
            let limit = B::parse_xsd(text)
                .map_err(|e| format!("the type's {facet} {text:?} is not of its base type: {e}"))?;
            if !within(value, &limit) {
                return Err(format!(
                    "{:?} is outside the type's {facet} {text}",
                    value.to_xsd()
                ));
            }
        }
        Ok(())
    }
}

/// The significant digits of a decimal number's text, in all and after the point: leading
/// zeros of the integer part and trailing zeros of the fraction do not count.
fn digits(text: &str) -> (usize, usize) {
    let number = text.trim().trim_start_matches(['+', '-']);
    let (integer, fraction) = number.split_once('.').unwrap_or((number, ""));
    let integer = integer.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let count = |s: &str| s.chars().filter(char::is_ascii_digit).count();
    (count(integer) + count(fraction), count(fraction))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: FacetRules = FacetRules {
        min_length: Some(2),
        max_length: Some(4),
        total_digits: Some(5),
        fraction_digits: Some(2),
        ..FacetRules::NONE
    };

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(RULES.check_text("øø").is_ok());
        assert!(RULES
            .check_text("ø")
            .unwrap_err()
            .contains("minLength is 2"));
        assert!(RULES
            .check_text("ååååå")
            .unwrap_err()
            .contains("maxLength is 4"));
    }

    #[test]
    fn digits_leave_out_leading_and_trailing_zeros() {
        assert_eq!(digits("-0012.3400"), (4, 2));
        assert_eq!(digits("123"), (3, 0));
        let money = FacetRules {
            total_digits: Some(5),
            fraction_digits: Some(2),
            ..FacetRules::NONE
        };
        assert!(money.check_text("123.45").is_ok());
        assert!(money
            .check_text("1.234")
            .unwrap_err()
            .contains("fractionDigits is 2"));
        assert!(money.check_text("1234.5").is_ok());
        assert!(money
            .check_text("12345.6")
            .unwrap_err()
            .contains("totalDigits is 5"));
    }

    #[test]
    fn bounds_compare_values_of_the_base_type() {
        let percent = FacetRules {
            min_inclusive: Some("0"),
            max_exclusive: Some("100"),
            ..FacetRules::NONE
        };
        assert!(percent.check_bounds(&0i32).is_ok());
        assert!(percent.check_bounds(&99i32).is_ok());
        assert!(percent
            .check_bounds(&100i32)
            .unwrap_err()
            .contains("maxExclusive 100"));
        assert!(percent
            .check_bounds(&-1i32)
            .unwrap_err()
            .contains("minInclusive 0"));
        let broken = FacetRules {
            min_inclusive: Some("zero"),
            ..FacetRules::NONE
        };
        assert!(broken
            .check_bounds(&1i32)
            .unwrap_err()
            .contains("not of its base type"));
    }

    #[test]
    fn the_schema_facets_come_in_xml_schema_order() {
        let kinds: Vec<FacetKind> = FacetRules {
            patterns: &["[A-Z]+", "x"],
            max_length: Some(3),
            min_inclusive: Some("A"),
            ..FacetRules::NONE
        }
        .facets()
        .into_iter()
        .map(|f| f.kind)
        .collect();
        assert_eq!(
            kinds,
            [
                FacetKind::MinInclusive,
                FacetKind::MaxLength,
                FacetKind::Pattern,
                FacetKind::Pattern
            ]
        );
    }
}
