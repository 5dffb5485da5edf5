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
