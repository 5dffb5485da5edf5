//! Rendering for people (tables, plain lines) and for programs (one JSON document), chosen
//! once at the edge.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
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

/// The width human output is laid out for: `COLUMNS` when it is set to a number (at least
/// 40), else the terminal's width when stdout is a terminal, else 80 columns, the width of a
/// default terminal, so that a pipe into `less` or a log reads the same as the screen.
pub(crate) fn width() -> u16 {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|&c| c >= 40)
    {
        return cols;
    }
    terminal_size().map_or(80, |(w, _)| w.max(40))
}

/// The size of the terminal on stdout, (columns, lines), when stdout is one.
pub(crate) fn terminal_size() -> Option<(u16, u16)> {
    if !io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(io::stdout())
        .map(|(terminal_size::Width(w), terminal_size::Height(h))| (w, h))
        .filter(|&(w, h)| w > 0 && h > 0)
}

/// Whether colour may be used at all: not when `NO_COLOR` is set to anything
/// (<https://no-color.org>) or `TERM` is `dumb`.
pub(crate) fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|v| v != "dumb")
}

/// Whether stdout gets colour: a terminal, and colour allowed.
pub(crate) fn color_stdout() -> bool {
    io::stdout().is_terminal() && color_allowed()
}

/// Whether stderr gets colour: a terminal, and colour allowed.
pub(crate) fn color_stderr() -> bool {
    io::stderr().is_terminal() && color_allowed()
}

/// The colours people scan for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Paint {
    /// ✓, accepted, ok.
    Good,
    /// ✗, refused, overdue, errors.
    Bad,
    /// Warnings, in grace.
    Warn,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Good => "32",
            Paint::Bad => "31",
            Paint::Warn => "33",
        }
    }

    fn table_color(self) -> comfy_table::Color {
        match self {
            Paint::Good => comfy_table::Color::Green,
            Paint::Bad => comfy_table::Color::Red,
            Paint::Warn => comfy_table::Color::Yellow,
        }
    }
}

/// `text` in `paint`'s colour when `on`, else as it is.
pub(crate) fn paint(on: bool, paint: Paint, text: &str) -> String {
    if on {
        format!("\x1b[{}m{text}\x1b[0m", paint.code())
    } else {
        text.to_string()
    }
}

/// `text` for stdout: coloured on a terminal without `NO_COLOR`.
pub(crate) fn paint_out(p: Paint, text: &str) -> String {
    paint(color_stdout(), p, text)
}

/// `text` for stderr: coloured on a terminal without `NO_COLOR`.
pub(crate) fn paint_err(p: Paint, text: &str) -> String {
    paint(color_stderr(), p, text)
}

/// A table cell in `paint`'s colour (drawn only when the table is styled, see [`table`]).
pub(crate) fn cell(p: Paint, text: &str) -> comfy_table::Cell {
    comfy_table::Cell::new(text).fg(p.table_color())
}

/// A table in the house style: UTF-8 lines, laid out for [`width`] columns, coloured cells
/// only on a terminal without `NO_COLOR`. Call [`fit`] after adding the rows.
pub(crate) fn table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width())
        .set_header(header);
    if color_stdout() {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// The narrowest a wrapping column is squeezed to before columns are left out.
const MIN_WRAP: u16 = 16;

/// Lay a filled table out for its width: the columns in `nowrap` (times, ids, states) are
/// never wrapped, the others wrap at spaces (so a detail's `key=value` pairs stay whole),
/// and while the table would still squeeze a wrapping column below 16 columns the columns in
/// `drop` are left out, the first named first. Returns the headers of the columns left out.
pub(crate) fn fit(table: &mut Table, nowrap: &[usize], drop: &[usize]) -> Vec<String> {
    let limit = usize::from(table.width().unwrap_or_else(width));
    let widths = table.column_max_content_widths();
    let headers: Vec<String> = table
        .header()
        .map(|h| h.cell_iter().map(|c| c.content()).collect())
        .unwrap_or_default();
    // Each column takes its content, one space each side and one border line; plus the
    // table's closing border.
    let least = |shown: &[bool]| -> usize {
        widths
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
            .map(|(i, &w)| {
                let w = if nowrap.contains(&i) {
                    w
                } else {
                    w.min(MIN_WRAP)
                };
                usize::from(w) + 3
            })
            .sum::<usize>()
            + 1
    };
    let mut shown = vec![true; widths.len()];
    let mut dropped = Vec::new();
    for &i in drop {
        if least(&shown) <= limit {
            break;
        }
        if i < shown.len() {
            shown[i] = false;
            dropped.push(headers.get(i).cloned().unwrap_or_default());
        }
    }
    for (i, s) in shown.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            if !s {
                column.set_constraint(ColumnConstraint::Hidden);
            } else if nowrap.contains(&i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }
    dropped
}

/// A JSON detail as `key=value` pairs for a table: strings bare (quoted when they hold a
/// space, `=` or a quote), other values as compact JSON; pairs separated by spaces so that
/// a table wraps between them. Free text is escaped as [`text`] does.
pub(crate) fn key_values(detail: &serde_json::Value) -> String {
    fn value(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) if !s.is_empty() && !s.contains([' ', '=', '"']) => {
                text(s).into_owned()
            }
            serde_json::Value::String(s) => {
                format!(
                    "\"{}\"",
                    text(&s.replace('\\', "\\\\").replace('"', "\\\""))
                )
            }
            other => text(&other.to_string()).into_owned(),
        }
    }
    match detail {
        serde_json::Value::Object(map) if map.is_empty() => "-".into(),
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}={}", text(k), value(v)))
            .collect::<Vec<_>>()
            .join(" "),
        serde_json::Value::Null => "-".into(),
        other => value(other),
    }
}

/// A time for people: RFC 3339, or "-" when absent.
pub(crate) fn when(t: Option<i64>) -> String {
    t.map(crate::time_fmt::rfc3339)
        .unwrap_or_else(|| "-".into())
}

/// A time for a table column: local time, short — `12-01 19:04` in the current year,
/// `2025-12-01` (the day) in another — or "-" when absent. `--json` keeps RFC 3339.
pub(crate) fn short_when(t: Option<i64>) -> String {
    let Some(t) = t else {
        return "-".into();
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    crate::time_fmt::short_local(t, now)
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
    fn details_read_as_key_value_pairs() {
        let v = serde_json::json!({"factor": 3, "kind": "totp", "reason": "lost phone", "ok": true, "empty": ""});
        assert_eq!(
            key_values(&v),
            r#"empty="" factor=3 kind=totp ok=true reason="lost phone""#
        );
        assert_eq!(key_values(&serde_json::json!({})), "-");
        assert_eq!(
            key_values(&serde_json::json!({"x": "a\u{1b}b"})),
            "x=a\\u{1b}b"
        );
        assert_eq!(
            key_values(&serde_json::json!({"x": "say \"hi\"\n"})),
            r#"x="say \"hi\"\u{a}""#
        );
    }

    #[test]
    fn tables_fit_their_width_without_wrapping_times() {
        let mut t = table(["id", "time", "actor", "action", "detail"]);
        t.set_width(80);
        t.add_row([
            "1",
            "12-01 19:04",
            "a-rather-long-actor-name",
            "factor.enrolled",
            "factor=1 kind=totp reason=\"a long reason that has to wrap somewhere\" more=1",
        ]);
        let mut narrow = t.clone();
        assert!(fit(&mut t, &[0, 1, 3], &[2]).is_empty());
        let text = t.to_string();
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(text.contains("12-01 19:04"), "{text}");
        assert!(text.contains("factor.enrolled"), "{text}");
        // Narrower: the actor goes first, and still no time is split.
        narrow.set_width(60);
        assert_eq!(fit(&mut narrow, &[0, 1, 3], &[2]), ["actor"]);
        let text = narrow.to_string();
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        assert!(
            text.contains("12-01 19:04") && !text.contains("a-rather"),
            "{text}"
        );
    }

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
