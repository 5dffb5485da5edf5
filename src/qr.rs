//! QR codes for otpauth URIs: in the terminal with Unicode half blocks, as PNG and as SVG.

use qrcode::{Color, EcLevel, QrCode};

use crate::error::{Error, Result};

/// The quiet zone of the image files: the standard's 4 modules.
const QUIET_ZONE: usize = 4;

/// The quiet zone of the terminal code: 2 modules, as google-authenticator draws it. The
/// terminal's own margin is dark or light at random; scanners read 2 modules well.
const TERMINAL_QUIET_ZONE: usize = 2;

fn encode(text: &str, level: EcLevel) -> Result<QrCode> {
    QrCode::with_error_correction_level(text.as_bytes(), level)
        .map_err(|e| Error::Usage(format!("cannot make a QR code of that URI: {e}")))
}

/// The code as a grid of modules with a quiet zone of `quiet` modules, `true` meaning dark.
fn grid(code: &QrCode, quiet: usize) -> (usize, Vec<bool>) {
    let width = code.width();
    let full = width + 2 * quiet;
    let mut cells = vec![false; full * full];
    for (i, color) in code.to_colors().into_iter().enumerate() {
        let (x, y) = (i % width, i / width);
        cells[(y + quiet) * full + x + quiet] = color == Color::Dark;
    }
    (full, cells)
}

/// The size of [`terminal`]'s drawing of `text`: (columns, lines).
pub fn terminal_size(text: &str) -> Result<(usize, usize)> {
    let full = encode(text, EcLevel::L)?.width() + 2 * TERMINAL_QUIET_ZONE;
    Ok((full, full.div_ceil(2)))
}

/// How to draw the code in a terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct TerminalStyle {
    /// The terminal has a light background (dark text): draw dark modules with the
    /// foreground colour instead of the light ones.
    pub invert: bool,
    /// Pin black-on-white with ANSI colours, which reads right on any background.
    pub color: bool,
}

/// Render for a terminal: two modules per character cell (`▀`, `▄`, `█`, space), with a
/// 2-module quiet zone, at error-correction level L (the lowest: a screen does not get dirty
/// or torn, and every level scans from it), so a typical URI (about 80 characters, version 4)
/// takes 37 columns and 19 lines of an 80×24 terminal.
///
/// Without colour, a block draws the terminal's foreground colour: on the usual dark
/// terminal that is light, so blocks stand for light modules; `invert` flips that for
/// light terminals.
pub fn terminal(text: &str, style: TerminalStyle) -> Result<String> {
    let code = encode(text, EcLevel::L)?;
    let (full, cells) = grid(&code, TERMINAL_QUIET_ZONE);
    // Which modules the block characters paint.
    let painted = |dark: bool| {
        if style.color || style.invert {
            dark
        } else {
            !dark
        }
    };
    let mut out = String::with_capacity(full * (full / 2 + 1) * 4);
    for y in (0..full).step_by(2) {
        if style.color {
            out.push_str("\x1b[30;107m");
        }
        for x in 0..full {
            let top = painted(cells[y * full + x]);
            // The odd last row's missing half belongs to the quiet zone.
            let bottom = painted(y + 1 < full && cells[(y + 1) * full + x]);
            out.push(match (top, bottom) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        if style.color {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    Ok(out)
}

/// A PNG image of the code, 8 pixels per module, level M, with the quiet zone.
pub fn png(text: &str) -> Result<Vec<u8>> {
    const SCALE: usize = 8;
    let code = encode(text, EcLevel::M)?;
    let (full, cells) = grid(&code, QUIET_ZONE);
    let side = full * SCALE;
    let mut pixels = Vec::with_capacity(side * side);
    for y in 0..side {
        for x in 0..side {
            pixels.push(if cells[(y / SCALE) * full + x / SCALE] {
                0u8
            } else {
                255u8
            });
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| Error::Usage(format!("PNG encoding failed: {e}")))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| Error::Usage(format!("PNG encoding failed: {e}")))?;
    }
    Ok(out)
}

/// An SVG image of the code, level M, with the quiet zone.
pub fn svg(text: &str) -> Result<String> {
    let code = encode(text, EcLevel::M)?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(256, 256)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typical_uri_fits_an_80_by_24_terminal() {
        // The default issuer, a short name and a 160-bit seed, the default parameters left
        // out: 80 characters, version 4 at level L (the secret goes in alphanumeric mode), 33
        // modules and the 2-module quiet zone.
        let uri = "otpauth://totp/twofa:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=twofa";
        assert_eq!(terminal_size(uri).unwrap(), (37, 19));
        let text = terminal(uri, TerminalStyle::default()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 19);
        assert!(lines.iter().all(|l| l.chars().count() == 37));
        // The quiet zone is light: on a dark terminal it is drawn with full blocks.
        assert!(lines[0].chars().all(|c| c == '█'));
        let inverted = terminal(
            uri,
            TerminalStyle {
                invert: true,
                color: false,
            },
        )
        .unwrap();
        assert!(inverted.lines().next().unwrap().chars().all(|c| c == ' '));
        // A longer issuer and name still fit with room for the prompt.
        let longer = "otpauth://totp/Example%20Corp:alice.smith@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Corp";
        let (w, h) = terminal_size(longer).unwrap();
        assert!(w <= 80 && h <= 23, "{w}x{h}");
    }
}
