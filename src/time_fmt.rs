//! Durations (`30s`, `15m`, `12h`, `7d`) and RFC 3339 times, as written in flags, config and JSON.

use std::fmt;
use std::str::FromStr;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A length of time written as a number and a unit: `30s`, `15m`, `12h`, `7d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span(pub i64);

impl Span {
    /// The span in seconds.
    pub fn seconds(self) -> i64 {
        self.0
    }

    /// A span of whole minutes.
    pub const fn minutes(m: i64) -> Span {
        Span(m * 60)
    }

    /// A span of whole hours.
    pub const fn hours(h: i64) -> Span {
        Span(h * 3600)
    }
}

impl Span {
    /// For people: `5 minutes`, `30 seconds`, `1 hour`.
    pub fn human(self) -> String {
        let s = self.0;
        for (unit, size) in [("day", 86_400), ("hour", 3600), ("minute", 60)] {
            if s != 0 && s % size == 0 {
                let n = s / size;
                return format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
            }
        }
        format!("{s} second{}", if s == 1 { "" } else { "s" })
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let bad = || {
            format!("'{text}' is not a duration: write a number and a unit, e.g. 30s, 15m, 12h, 7d")
        };
        if number.is_empty() {
            return Err(bad());
        }
        let number: i64 = number.parse().map_err(|_| bad())?;
        let factor = match unit {
            // Zero needs no unit: `--grace 0` means none.
            "" if number == 0 => 1,
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            "w" => 7 * 86_400,
            _ => return Err(bad()),
        };
        number
            .checked_mul(factor)
            .filter(|s| *s <= 100 * 365 * 86_400)
            .map(Span)
            .ok_or_else(bad)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] {
            if s != 0 && s % size == 0 {
                return write!(f, "{}{unit}", s / size);
            }
        }
        write!(f, "{s}s")
    }
}

impl<'de> serde::Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Format Unix seconds as RFC 3339 in UTC, e.g. `2026-11-28T07:18:23Z`.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| unix.to_string())
}

/// The local offset when the process started (while it had one thread, so the C library could
/// be asked): the fallback for [`short_local`] when it cannot ask again later.
static START_OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();

/// Note the local offset now; call early in `main`, before any thread starts.
pub fn note_local_offset() {
    let _ =
        START_OFFSET.set(time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC));
}

/// Unix seconds as a short local time for a table column: `12-01 19:04` when `unix` is in
/// the same local year as `now`, else the day, `2025-12-01`. The zone is the system's (`TZ`).
pub fn short_local(unix: i64, now: i64) -> String {
    let local = |t: i64| -> Option<OffsetDateTime> {
        let utc = OffsetDateTime::from_unix_timestamp(t).ok()?;
        let offset = time::UtcOffset::local_offset_at(utc)
            .ok()
            .or_else(|| START_OFFSET.get().copied())
            .unwrap_or(time::UtcOffset::UTC);
        Some(utc.to_offset(offset))
    };
    let (Some(t), Some(n)) = (local(unix), local(now)) else {
        return unix.to_string();
    };
    let format = if t.year() == n.year() {
        time::macros::format_description!("[month]-[day] [hour]:[minute]")
    } else {
        time::macros::format_description!("[year]-[month]-[day]")
    };
    t.format(&format).unwrap_or_else(|_| unix.to_string())
}

/// Parse a point in time as given on the command line: an RFC 3339 time
/// (`2026-11-28T07:00:00Z`), a date (`2026-11-28`, midnight UTC), or a duration meaning
/// that long ago (`2h`, `7d`).
pub fn parse_time(text: &str, now: i64) -> Result<i64, String> {
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(t.unix_timestamp());
    }
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(text, &date_format) {
        return Ok(d.midnight().assume_utc().unix_timestamp());
    }
    if let Ok(span) = text.parse::<Span>() {
        return Ok(now - span.seconds());
    }
    Err(format!(
        "'{text}' is not a time: give an RFC 3339 time (2026-11-28T07:00:00Z), a date (2026-11-28) or how long ago (2h, 7d)"
    ))
}

/// Serialize Unix seconds as RFC 3339 strings in JSON.
pub(crate) mod as_rfc3339 {
    pub fn serialize<S: serde::Serializer>(t: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::rfc3339(*t))
    }
}

/// Serialize optional Unix seconds as RFC 3339 strings (or null) in JSON.
pub(crate) mod as_rfc3339_opt {
    pub fn serialize<S: serde::Serializer>(t: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::rfc3339(*t)),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_parse_and_print() {
        assert_eq!("30s".parse::<Span>().unwrap(), Span(30));
        assert_eq!("15m".parse::<Span>().unwrap(), Span(900));
        assert_eq!("12h".parse::<Span>().unwrap(), Span(43_200));
        assert_eq!("7d".parse::<Span>().unwrap(), Span(604_800));
        assert_eq!(Span(900).to_string(), "15m");
        assert_eq!(Span(90).to_string(), "90s");
        for bad in [
            "",
            "15",
            "m",
            "15 minutes",
            "-5m",
            "1.5h",
            "99999999999999d",
        ] {
            assert!(bad.parse::<Span>().is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn times_parse() {
        assert_eq!(
            parse_time("2026-11-28T07:00:00Z", 0).unwrap(),
            1_795_849_200
        );
        assert_eq!(parse_time("2026-11-28", 0).unwrap(), 1_795_824_000);
        assert_eq!(parse_time("2h", 10_000).unwrap(), 2_800);
        assert!(parse_time("yesterday", 0).is_err());
        assert_eq!(rfc3339(1_795_849_200), "2026-11-28T07:00:00Z");
    }
}
