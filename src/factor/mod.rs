//! Second factors: generation and verification rules, free of storage concerns.

pub mod codes;
pub mod hotp;
pub mod totp;

/// Strip the spaces and dashes people type into codes ("123 456", "123-456").
/// Returns `None` when anything but ASCII digits remains or the result is empty.
pub(crate) fn normalize_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\t'))
        .collect();
    let code = code.trim_end_matches(['\r', '\n']).to_string();
    (!code.is_empty() && code.len() <= 16 && code.bytes().all(|b| b.is_ascii_digit()))
        .then_some(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_normalized() {
        assert_eq!(super::normalize_code("123 456").as_deref(), Some("123456"));
        assert_eq!(
            super::normalize_code("123-456\n").as_deref(),
            Some("123456")
        );
        assert_eq!(super::normalize_code("12a456"), None);
        assert_eq!(super::normalize_code("  "), None);
        assert_eq!(super::normalize_code("+123456"), None);
    }
}
