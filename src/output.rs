//! Rendering for people (tables, plain lines) and for programs (one JSON document), chosen
//! once at the edge.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

/// How results are printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Printer {
    /// Tables and sentences.
    Human,
    /// One JSON document per command.
    Json,
}

impl Printer {
    /// Print `value`: as JSON, or through `human` for people.
    pub(crate) fn emit<T: Serialize + ?Sized>(
        self,
        value: &T,
        human: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        match self {
            Printer::Json => {
                // Serialized first, so that a closed pipe surfaces as the write's BrokenPipe.
                let mut text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
                text.push('\n');
                out.write_all(text.as_bytes())?;
            }
            Printer::Human => human(&mut out)?,
        }
        out.flush()
    }
}

/// A table in the house style: UTF-8 lines, wrapped to the terminal.
pub(crate) fn table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    table
}

/// A time for people: RFC 3339, or "-" when absent.
pub(crate) fn when(t: Option<i64>) -> String {
    t.map(crate::time_fmt::rfc3339)
        .unwrap_or_else(|| "-".into())
}

/// Free text from the database (names, reasons, actors, sources, details) as it may be
/// shown in a terminal: control characters and bidirectional marks escaped as `\u{1b}`,
/// so that a row written by an older twofa, or by hand, cannot move the cursor, retitle
/// the window, forge a line or reorder what a support person reads. JSON output does not
/// use this: serde_json escapes control characters itself and the text stays exact.
pub(crate) fn text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(crate::model::is_unsafe_in_text) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if crate::model::is_unsafe_in_text(c) {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A CSV cell that a spreadsheet will not run as a formula: one starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP, "CSV Injection").
/// `user import` takes that quote off again (see [`csv_uncell`]).
pub(crate) fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The cell [`csv_cell`] was given back: a `'` before a formula character is dropped.
pub(crate) fn csv_uncell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_controls_and_bidi_marks() {
        assert_eq!(text("plain é"), "plain é");
        assert_eq!(text("a\u{1b}]0;x\u{7}b\nc"), "a\\u{1b}]0;x\\u{7}b\\u{a}c");
        assert_eq!(text("x\u{202e}y\u{2066}"), "x\\u{202e}y\\u{2066}");
    }

    #[test]
    fn csv_cells_do_not_start_formulas_and_round_trip() {
        for cell in ["=1+1", "+15551234567", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(cell).starts_with('\''), "{cell}");
            assert_eq!(csv_uncell(&csv_cell(cell)), cell);
        }
        for cell in ["alice", "'quoted", "a=b", ""] {
            assert_eq!(csv_cell(cell), cell);
            assert_eq!(csv_uncell(&csv_cell(cell)), cell);
        }
    }
}
