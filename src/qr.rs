//! QR codes for otpauth URIs: in the terminal with Unicode half blocks, as PNG and as SVG.

use qrcode::{Color, EcLevel, QrCode};

use crate::error::{Error, Result};

const QUIET_ZONE: usize = 4;

fn encode(text: &str, level: EcLevel) -> Result<QrCode> {
    QrCode::with_error_correction_level(text.as_bytes(), level)
        .map_err(|e| Error::Usage(format!("cannot make a QR code of that URI: {e}")))
}

/// The code as a grid of modules with the quiet zone, `true` meaning dark.
fn grid(code: &QrCode) -> (usize, Vec<bool>) {
    let width = code.width();
    let full = width + 2 * QUIET_ZONE;
    let mut cells = vec![false; full * full];
    for (i, color) in code.to_colors().into_iter().enumerate() {
        let (x, y) = (i % width, i / width);
        cells[(y + QUIET_ZONE) * full + x + QUIET_ZONE] = color == Color::Dark;
    }
    (full, cells)
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

/// Render for a terminal: two modules per character cell (`▀`, `▄`, `█`, space), with the
/// 4-module quiet zone, at error-correction level L so a typical URI fits an 80×24
/// terminal with room for the text around it.
///
/// Without colour, a block draws the terminal's foreground colour: on the usual dark
/// terminal that is light, so blocks stand for light modules; `invert` flips that for
/// light terminals.
pub fn terminal(text: &str, style: TerminalStyle) -> Result<String> {
    let code = encode(text, EcLevel::L)?;
    let (full, cells) = grid(&code);
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
    let (full, cells) = grid(&code);
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
    fn a_typical_uri_stays_small() {
        // 113 characters: the default issuer, a short name, and every parameter spelled out
        // as DESIGN's Key Uri Format asks. Level L makes it version 6: 49 columns, 25 lines.
        let uri = "otpauth://totp/twofa:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=twofa&algorithm=SHA1&digits=6&period=30";
        let text = terminal(uri, TerminalStyle::default()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() <= 25, "{} lines", lines.len());
        assert!(lines.iter().all(|l| l.chars().count() <= 49));
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
    }
}
