//! File names of downloads: what is kept of an uploaded file's name, and the
//! `Content-Disposition` header that offers a file under its name.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The characters RFC 8187 lets stand unencoded in `filename*` (its attr-char), besides
/// letters and digits.
const ENCODED_IN_FILENAME: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// A file name as it may be stored and sent back: its last path part (a name such as
/// `..\..\secret` or `/etc/passwd` names nothing on this server and must not suggest a folder
/// to the browser either), without quotes or control characters, at most 200 characters.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    match clean.trim() {
        "" | "." | ".." => "upload".to_owned(),
        _ => clean,
    }
}

/// `Content-Disposition` for a download named `name` (made safe first): a plain ASCII name
/// for old clients and the exact name, percent-encoded, for the others (RFC 6266), so that
/// "rapport d'étape.xlsx" arrives as such and no byte of the name can end the header.
pub fn attachment(name: &str) -> String {
    let name = safe_file_name(name);
    let plain: String = name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '\\' => c,
            _ => '_',
        })
        .collect();
    format!(
        "attachment; filename=\"{plain}\"; filename*=UTF-8''{}",
        utf8_percent_encode(&name, ENCODED_IN_FILENAME)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn paths_quotes_and_control_characters_never_reach_the_name() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\Users\\me\\report.xlsx"), "report.xlsx");
        assert_eq!(
            safe_file_name("a\"b\r\nSet-Cookie: x.csv"),
            "abSet-Cookie: x.csv"
        );
        assert_eq!(safe_file_name("reports/.."), "upload");
        assert_eq!(safe_file_name("   "), "upload");
        assert_eq!(safe_file_name(&"x".repeat(500)).len(), 200);
    }

    #[test]
    fn every_name_makes_a_valid_header_with_the_exact_name_encoded() {
        let header = attachment("rapport d'étape \"final\".xlsx");
        assert_eq!(
            header,
            "attachment; filename=\"rapport d'_tape final.xlsx\"; \
             filename*=UTF-8''rapport%20d%27%C3%A9tape%20final.xlsx"
        );
        for name in [
            "../x\r\n.csv",
            "تقرير.xlsx",
            "报告.ods",
            "a\\b;c=d.csv",
            "\u{0}",
        ] {
            let header = attachment(name);
            assert!(HeaderValue::from_str(&header).is_ok(), "{header}");
            assert!(!header.contains(['\r', '\n', '/']), "{header}");
        }
    }
}
