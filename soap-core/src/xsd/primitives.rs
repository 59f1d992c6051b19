//! XML Schema primitives from other crates, each behind the soap-core feature of its crate's
//! name: `time` (`xs:dateTime`, `xs:date`, WCF's `ser:duration`), `rust_decimal`
//! (`xs:decimal`), `uuid` (WCF's `ser:guid`) and `base64` (`xs:base64Binary`).
#![allow(unused_macros, unused_imports)] // with no feature on, nothing here is used

use std::io::{Read, Write};

use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use super::{codegen, XsdValue};
use crate::nil::{collapse, XsdScalar};
use crate::qname::QName;
use crate::schema::{XsdType, SER, XS};

/// `XsdValue` (a scalar element) and `XsdType` (its XML Schema name) for a type with an
/// `XsdScalar` impl.
macro_rules! scalar_type {
    ($t:ty, $ns:expr, $prefix:literal, $local:literal) => {
        impl XsdValue for $t {
            const NAMESPACE: &'static str = $ns;
            const PREFIX: &'static str = $prefix;
            fn write_element<W: Write>(
                &self,
                name: &str,
                writer: &mut Serializer<W>,
            ) -> yaserde::Result<()> {
                codegen::write_scalar(self, name, writer)
            }
            fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
                codegen::read_scalar(reader)
            }
        }

        impl XsdType for $t {
            fn type_name() -> QName {
                QName::new($ns, $local)
            }
        }
    };
}

/// yaserde's traits for a scalar type of this crate, so that it can be an operation's parameter
/// or result (a message member) as well as a `#[soap_type]` member.
macro_rules! local_yaserde {
    ($t:ty, $default_name:literal) => {
        impl yaserde::YaSerialize for $t {
            fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
                codegen::serialize_scalar(self, &self.to_xsd(), $default_name, writer)
            }
            crate::xmlio::no_attributes!();
        }

        impl yaserde::YaDeserialize for $t {
            fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
                codegen::read_scalar(reader)
            }
        }
    };
}

#[cfg(feature = "uuid")]
mod guid {
    use super::*;

    /// WCF's `ser:guid`, written hyphenated in lower case.
    impl XsdScalar for uuid::Uuid {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            uuid::Uuid::try_parse(collapsed)
                .map_err(|e| format!("{collapsed:?} is not a valid ser:guid: {e}"))
        }
        fn to_xsd(&self) -> String {
            self.hyphenated().to_string()
        }
    }
    scalar_type!(uuid::Uuid, SER, "ser", "guid");
}

#[cfg(feature = "rust_decimal")]
mod decimal {
    use super::*;

    /// `xs:decimal`: digits with an optional point; no exponent, no `NaN`.
    impl XsdScalar for rust_decimal::Decimal {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            let invalid =
                |e: &dyn std::fmt::Display| format!("{collapsed:?} is not a valid xs:decimal: {e}");
            if collapsed.contains(['e', 'E']) {
                return Err(invalid(&"an exponent is not allowed"));
            }
            collapsed
                .parse::<rust_decimal::Decimal>()
                .map_err(|e| invalid(&e))
        }
        fn to_xsd(&self) -> String {
            self.to_string()
        }
    }
    scalar_type!(rust_decimal::Decimal, XS, "xs", "decimal");
}

#[cfg(feature = "base64")]
mod binary {
    use base64::Engine;

    use super::*;

    /// `xs:base64Binary`: bytes written as base64 (standard alphabet, padded). White space
    /// inside the text (line breaks) is allowed when reading.
    ///
    /// ```
    /// use soap_core::xsd::Base64Binary;
    /// #[soap_core::soap_type(ns = "urn:t")]
    /// struct Blob { data: Base64Binary }
    /// let xml = yaserde::ser::to_string(&Blob { data: Base64Binary(b"hi".to_vec()) }).unwrap();
    /// assert!(xml.contains("<t:Data>aGk=</t:Data>"));
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
    pub struct Base64Binary(pub Vec<u8>);

    impl XsdScalar for Base64Binary {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact.as_bytes())
                .map(Base64Binary)
                .map_err(|e| {
                    let shown: String = compact.chars().take(40).collect();
                    format!("{shown:?} is not a valid xs:base64Binary: {e}")
                })
        }
        fn to_xsd(&self) -> String {
            base64::engine::general_purpose::STANDARD.encode(&self.0)
        }
    }
    scalar_type!(Base64Binary, XS, "xs", "base64Binary");
    local_yaserde!(Base64Binary, "xs:base64Binary");
}
#[cfg(feature = "base64")]
pub use binary::Base64Binary;
#[cfg(feature = "time")]
pub use dates::DateTime;

#[cfg(feature = "time")]
mod dates {
    use std::sync::OnceLock;

    use time::format_description::well_known::Rfc3339;
    use time::format_description::OwnedFormatItem;
    use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

    use super::*;

    fn format(
        cell: &'static OnceLock<OwnedFormatItem>,
        description: &str,
    ) -> &'static OwnedFormatItem {
        cell.get_or_init(|| {
            time::format_description::parse_owned::<2>(description)
                .expect("a constant format description")
        })
    }

    fn date_format() -> &'static OwnedFormatItem {
        static CELL: OnceLock<OwnedFormatItem> = OnceLock::new();
        format(&CELL, "[year]-[month]-[day]")
    }

    fn local_format() -> &'static OwnedFormatItem {
        static CELL: OnceLock<OwnedFormatItem> = OnceLock::new();
        format(
            &CELL,
            "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]",
        )
    }

    /// `.fff` for a time with fractional seconds, nothing otherwise.
    fn fraction(nanoseconds: u32) -> String {
        if nanoseconds == 0 {
            return String::new();
        }
        let digits = format!(".{nanoseconds:09}");
        digits.trim_end_matches('0').to_string()
    }

    /// `xs:dateTime` with a time zone (`Z`, `+01:00`): what WCF writes for a UTC or local
    /// `DateTime`.
    impl XsdScalar for OffsetDateTime {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            OffsetDateTime::parse(collapsed, &Rfc3339).map_err(|e| {
                format!("{collapsed:?} is not a valid xs:dateTime with a time zone: {e}")
            })
        }
        fn to_xsd(&self) -> String {
            self.format(&Rfc3339).unwrap_or_else(|_| self.to_string())
        }
    }
    scalar_type!(OffsetDateTime, XS, "xs", "dateTime");

    /// `xs:dateTime` without a time zone: what WCF writes for an unspecified `DateTime`.
    impl XsdScalar for PrimitiveDateTime {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            PrimitiveDateTime::parse(collapsed, local_format()).map_err(|e| {
                format!("{collapsed:?} is not a valid xs:dateTime without a time zone: {e}")
            })
        }
        fn to_xsd(&self) -> String {
            let (date, time) = (self.date(), self.time());
            format!(
                "{}T{:02}:{:02}:{:02}{}",
                date.to_xsd(),
                time.hour(),
                time.minute(),
                time.second(),
                fraction(time.nanosecond())
            )
        }
    }
    scalar_type!(PrimitiveDateTime, XS, "xs", "dateTime");

    /// `xs:dateTime` as WCF writes it, losing nothing: the date and time, and the time zone
    /// when there is one. .NET's three `DateTimeKind`s are the three forms: `Unspecified`
    /// (`2026-12-03T10:30:00`), `Utc` (`…Z`) and `Local` (`…+01:00`). What `soap-codegen`
    /// maps `xs:dateTime` to; `PrimitiveDateTime` and `OffsetDateTime` each read one form only.
    ///
    /// ```
    /// use soap_core::nil::XsdScalar;
    /// use soap_core::xsd::DateTime;
    /// for text in ["2026-12-03T10:30:00", "2026-12-03T10:30:00.25Z", "2026-12-03T10:30:00-05:00"] {
    ///     assert_eq!(DateTime::parse_xsd(text).unwrap().to_xsd(), text);
    /// }
    /// assert!(DateTime::parse_xsd("2026-12-03T10:30:00").unwrap().offset.is_none());
    /// // .NET's DateTime.MinValue, what WCF sends for a default DateTime.
    /// assert_eq!(DateTime::default().to_xsd(), "0001-01-01T00:00:00");
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct DateTime {
        /// The date and time as written.
        pub local: PrimitiveDateTime,
        /// The time zone written after it (`Z` is UTC), if any.
        pub offset: Option<UtcOffset>,
    }

    impl DateTime {
        /// The instant, when the value says which one it is (it has a time zone).
        pub fn instant(&self) -> Option<OffsetDateTime> {
            self.offset.map(|offset| self.local.assume_offset(offset))
        }
    }

    /// `0001-01-01T00:00:00`: .NET's `DateTime.MinValue`, what a default `DateTime` is on the
    /// wire.
    impl Default for DateTime {
        fn default() -> Self {
            DateTime {
                local: PrimitiveDateTime::new(
                    Date::MIN.replace_year(1).unwrap_or(Date::MIN),
                    time::Time::MIDNIGHT,
                ),
                offset: None,
            }
        }
    }

    impl From<PrimitiveDateTime> for DateTime {
        fn from(local: PrimitiveDateTime) -> Self {
            DateTime {
                local,
                offset: None,
            }
        }
    }

    impl From<OffsetDateTime> for DateTime {
        fn from(instant: OffsetDateTime) -> Self {
            DateTime {
                local: PrimitiveDateTime::new(instant.date(), instant.time()),
                offset: Some(instant.offset()),
            }
        }
    }

    impl XsdScalar for DateTime {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            let invalid = || format!("{collapsed:?} is not a valid xs:dateTime");
            let (local, offset) = match collapsed.strip_suffix('Z') {
                Some(local) => (local, Some(UtcOffset::UTC)),
                None => match split_offset(collapsed) {
                    Some((local, offset)) => (local, Some(offset)),
                    None => (collapsed, None),
                },
            };
            let local = PrimitiveDateTime::parse(local, local_format())
                .map_err(|e| format!("{}: {e}", invalid()))?;
            Ok(DateTime { local, offset })
        }
        fn to_xsd(&self) -> String {
            let mut text = self.local.to_xsd();
            match self.offset {
                None => {}
                Some(offset) if offset.is_utc() => text.push('Z'),
                Some(offset) => {
                    let (h, m, _) = offset.as_hms();
                    let sign = if offset.is_negative() { '-' } else { '+' };
                    text.push_str(&format!(
                        "{sign}{:02}:{:02}",
                        h.unsigned_abs(),
                        m.unsigned_abs()
                    ));
                }
            }
            text
        }
    }
    scalar_type!(DateTime, XS, "xs", "dateTime");
    local_yaserde!(DateTime, "xs:dateTime");

    /// `+01:00` / `-05:30` at the end of a date and time: the text before it, and the offset.
    fn split_offset(text: &str) -> Option<(&str, UtcOffset)> {
        let at = text.len().checked_sub(6)?;
        let (local, zone) = (text.get(..at)?, text.get(at..)?);
        let bytes = zone.as_bytes();
        let sign = match bytes[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        if !local.contains('T') || bytes[3] != b':' {
            return None;
        }
        let hours: i8 = zone.get(1..3)?.parse().ok()?;
        let minutes: i8 = zone.get(4..6)?.parse().ok()?;
        UtcOffset::from_hms(sign * hours, sign * minutes, 0)
            .ok()
            .map(|offset| (local, offset))
    }

    /// `xs:date`, without a time zone.
    impl XsdScalar for Date {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            Date::parse(collapsed, date_format())
                .map_err(|e| format!("{collapsed:?} is not a valid xs:date: {e}"))
        }
        fn to_xsd(&self) -> String {
            format!(
                "{:04}-{:02}-{:02}",
                self.year(),
                u8::from(self.month()),
                self.day()
            )
        }
    }
    scalar_type!(Date, XS, "xs", "date");

    /// WCF's `ser:duration` (a .NET `TimeSpan`): `xs:duration` in days, hours, minutes and
    /// seconds. Years and months are refused: their length in seconds is not fixed.
    impl XsdScalar for Duration {
        fn parse_xsd(text: &str) -> Result<Self, String> {
            let collapsed = collapse(text);
            parse_duration(collapsed)
                .ok_or_else(|| format!("{collapsed:?} is not a valid ser:duration (like P1DT2H3M4.5S; no years or months)"))
        }
        fn to_xsd(&self) -> String {
            write_duration(*self)
        }
    }
    scalar_type!(Duration, SER, "ser", "duration");

    fn parse_duration(text: &str) -> Option<Duration> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let rest = rest.strip_prefix('P')?;
        let (date_part, time_part) = match rest.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return None,
            None => (rest, None),
        };
        if date_part.is_empty() && time_part.is_none() {
            return None;
        }
        let mut total = Duration::ZERO;
        if !date_part.is_empty() {
            let days = date_part.strip_suffix('D')?;
            total += Duration::days(digits(days)?);
        }
        if let Some(mut t) = time_part {
            for (unit, seconds) in [('H', 3600), ('M', 60)] {
                if let Some((n, after)) = t.split_once(unit) {
                    total += Duration::seconds(digits(n)?.checked_mul(seconds)?);
                    t = after;
                }
            }
            if !t.is_empty() {
                let s = t.strip_suffix('S')?;
                let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
                total += Duration::seconds(digits(whole)?);
                if !frac.is_empty() {
                    if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let nanos: i64 = format!("{frac:0<9}").parse().ok()?;
                    total += Duration::nanoseconds(nanos);
                }
            }
        }
        Some(if negative { -total } else { total })
    }

    fn digits(text: &str) -> Option<i64> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok()
    }

    fn write_duration(duration: Duration) -> String {
        if duration.is_zero() {
            return "PT0S".into();
        }
        let sign = if duration.is_negative() { "-" } else { "" };
        let duration = duration.abs();
        let seconds = duration.whole_seconds();
        let (days, hours, minutes, secs) = (
            seconds / 86_400,
            seconds % 86_400 / 3600,
            seconds % 3600 / 60,
            seconds % 60,
        );
        let nanos = duration.subsec_nanoseconds().unsigned_abs();
        let mut out = format!("{sign}P");
        if days > 0 {
            out.push_str(&format!("{days}D"));
        }
        if hours > 0 || minutes > 0 || secs > 0 || nanos > 0 {
            out.push('T');
            if hours > 0 {
                out.push_str(&format!("{hours}H"));
            }
            if minutes > 0 {
                out.push_str(&format!("{minutes}M"));
            }
            if secs > 0 || nanos > 0 {
                out.push_str(&format!("{secs}{}S", fraction(nanos)));
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn durations_round_trip_in_wcf_form() {
            for (text, duration) in [
                ("PT0S", Duration::ZERO),
                ("P1DT2H3M4.5S", Duration::new(93_784, 500_000_000)),
                ("-PT1M", Duration::minutes(-1)),
                ("P2D", Duration::days(2)),
            ] {
                assert_eq!(Duration::parse_xsd(text), Ok(duration), "{text}");
                assert_eq!(duration.to_xsd(), text);
            }
            for bad in ["P", "PT", "P1Y", "P1M", "1D", "PT1M2H", "PTxS", "P1DT"] {
                assert!(Duration::parse_xsd(bad).is_err(), "{bad}");
            }
        }

        #[test]
        fn date_times_with_and_without_a_zone() {
            let local = PrimitiveDateTime::parse_xsd(" 2024-01-02T03:04:05.25 ").unwrap();
            assert_eq!(local.to_xsd(), "2024-01-02T03:04:05.25");
            assert_eq!(
                PrimitiveDateTime::parse_xsd("2024-01-02T03:04:05")
                    .unwrap()
                    .to_xsd(),
                "2024-01-02T03:04:05"
            );
            let utc = OffsetDateTime::parse_xsd("2024-01-02T03:04:05Z").unwrap();
            assert_eq!(utc.to_xsd(), "2024-01-02T03:04:05Z");
            assert!(PrimitiveDateTime::parse_xsd("2024-01-02T03:04:05Z").is_err());
            assert_eq!(
                Date::parse_xsd("2024-02-29").unwrap().to_xsd(),
                "2024-02-29"
            );
            assert!(Date::parse_xsd("2023-02-29")
                .unwrap_err()
                .starts_with("\"2023-02-29\" is not a valid xs:date"));
        }
    }
}

#[cfg(all(test, feature = "uuid", feature = "rust_decimal", feature = "base64"))]
mod tests {
    use super::*;
    use crate::schema::{Schemas, XsdMember};
    use crate::xsd::ArrayOf;

    #[test]
    fn guids_decimals_and_binary_in_their_lexical_forms() {
        let id = uuid::Uuid::parse_xsd(" 6F9619FF-8B86-D011-B42D-00C04FC964FF ").unwrap();
        assert_eq!(id.to_xsd(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assert!(uuid::Uuid::parse_xsd("nope")
            .unwrap_err()
            .starts_with("\"nope\" is not a valid ser:guid"));

        let d = rust_decimal::Decimal::parse_xsd("-12.50").unwrap();
        assert_eq!(d.to_xsd(), "-12.50");
        assert_eq!(
            rust_decimal::Decimal::parse_xsd("1e3").unwrap_err(),
            "\"1e3\" is not a valid xs:decimal: an exponent is not allowed"
        );

        assert_eq!(
            Base64Binary::parse_xsd("aGVs\nbG8=").unwrap().0,
            b"hello".to_vec()
        );
        assert!(Base64Binary::parse_xsd("!!").is_err());
    }

    #[test]
    fn arrays_of_guids_live_in_the_arrays_namespace() {
        let mut schemas = Schemas::default();
        <ArrayOf<uuid::Uuid> as XsdMember>::define(&mut schemas);
        let arrays = schemas.get(crate::schema::ARRAYS).unwrap();
        assert_eq!(arrays.types[0].name, "ArrayOfguid");
    }
}
