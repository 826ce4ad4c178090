//! Which format a file is, judged by its content, and the checks on zip archives that must
//! pass before a workbook reader decompresses anything.

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use super::{Limits, ReadError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// Excel 97-2003 workbook (.xls).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// Comma- or semicolon-separated text (.csv).
    Csv,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "an Excel workbook (xlsx)",
            Format::Xlsb => "an Excel binary workbook (xlsb)",
            Format::Xls => "an Excel 97-2003 workbook (xls)",
            Format::Ods => "an OpenDocument spreadsheet (ods)",
            Format::Csv => "a CSV text file",
        }
    }

    /// The format a file name promises, if its extension is one we read.
    fn promised_by(file_name: &str) -> Option<Format> {
        let extension = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xlsb" => Some(Format::Xlsb),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" | "txt" => Some(Format::Csv),
            _ => None,
        }
    }
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// A workbook has a few dozen entries; thousands mean something else.
const MAX_ZIP_ENTRIES: usize = 1_000;
/// The most one entry may expand to: a 200,000-row sheet is well under this.
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
/// The most the whole archive may expand to.
const MAX_EXPANDED_BYTES: u64 = 512 * 1024 * 1024;

/// The file's format, checked against its name; for zip-based formats, every entry is checked
/// against the size limits first.
pub fn detect(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    let fail = |problem: String| ReadError::new(file_name, problem);
    if bytes.len() > limits.max_bytes {
        return Err(fail(format!(
            "the file is {} and the limit is {}; split it or leave out other sheets",
            megabytes(bytes.len() as u64),
            megabytes(limits.max_bytes as u64)
        )));
    }
    if bytes.is_empty() {
        return Err(fail("the file is empty".into()));
    }
    let promised = Format::promised_by(file_name).ok_or_else(|| {
        fail("only xlsx, xlsm, xlsb, xls, ods and csv files can be imported".into())
    })?;
    let found = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        zip_format(bytes).map_err(fail)?
    } else if bytes.starts_with(&OLE_MAGIC) {
        Format::Xls
    } else if looks_like_text(bytes) {
        Format::Csv
    } else {
        return Err(fail(format!(
            "the file is named as {} but its content is not a spreadsheet",
            promised.label()
        )));
    };
    if found != promised {
        return Err(fail(format!(
            "the file is named as {} but holds {}; save it again in the format its name says",
            promised.label(),
            found.label()
        )));
    }
    Ok(found)
}

/// Which workbook a zip archive holds, after checking that no entry expands beyond the
/// limits by the sizes the archive declares. An archive that lies about a size is caught as
/// it is read: the zip reader fails as soon as an entry produces more than it declared, so
/// the declared sizes bound what any reader can decompress.
fn zip_format(bytes: &[u8]) -> Result<Format, String> {
    let corrupt = |e: zip::result::ZipError| {
        format!("the file is damaged or incomplete ({e}); save it again and upload the new copy")
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "the workbook holds {} parts, more than a spreadsheet ever has; it is refused",
            archive.len()
        ));
    }
    let mut names = Vec::with_capacity(archive.len());
    let mut declared_total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(corrupt)?;
        declared_total = declared_total.saturating_add(entry.size());
        if entry.size() > MAX_ENTRY_BYTES || declared_total > MAX_EXPANDED_BYTES {
            return Err(expands_too_far());
        }
        names.push(entry.name().map_err(corrupt)?.into_owned());
    }
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if has("xl/workbook.xml") {
        Ok(Format::Xlsx)
    } else if has("xl/workbook.bin") {
        Ok(Format::Xlsb)
    } else if has("content.xml") && has("mimetype") {
        Ok(Format::Ods)
    } else {
        Err("the file is a zip archive but not a workbook".into())
    }
}

fn expands_too_far() -> String {
    format!(
        "the workbook would expand to more than {} when opened; it is refused",
        megabytes(MAX_EXPANDED_BYTES)
    )
}

/// Text files have no NUL bytes in their first kilobytes; every binary format does.
fn looks_like_text(bytes: &[u8]) -> bool {
    !bytes[..bytes.len().min(8192)].contains(&0)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in entries {
            out.start_file(*name, SimpleFileOptions::default())
                .expect("entry");
            out.write_all(content).expect("write");
        }
        out.finish().expect("zip").into_inner()
    }

    #[test]
    fn the_content_decides_and_must_match_the_name() {
        let limits = Limits::default();
        let csv = b"Commitment ID;Status\n12;limited\n";
        assert_eq!(detect("p.csv", csv, &limits), Ok(Format::Csv));
        let err = detect("progress.xlsx", csv, &limits).expect_err("refused");
        assert_eq!(err.file, "progress.xlsx");
        assert!(err.problem.contains("holds a CSV text file"), "{err}");
        let ods = zip_with(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(detect("p.ods", &ods, &limits), Ok(Format::Ods));
        let other = zip_with(&[("readme.txt", b"hello")]);
        assert!(detect("p.xlsx", &other, &limits)
            .expect_err("refused")
            .problem
            .contains("not a workbook"));
        assert!(detect("p.pdf", csv, &limits).is_err());
    }

    #[test]
    fn damaged_oversized_and_expanding_files_are_refused() {
        let limits = Limits {
            max_bytes: 1000,
            ..Limits::default()
        };
        let big = vec![b'a'; 1001];
        assert!(detect("p.csv", &big, &limits)
            .expect_err("too big")
            .problem
            .contains("the limit is"));
        let truncated = &zip_with(&[("xl/workbook.xml", b"<workbook/>")])[..20];
        assert!(detect("p.xlsx", truncated, &Limits::default())
            .expect_err("damaged")
            .problem
            .contains("damaged"));
        // 300 MB of zeros compress to a few hundred kilobytes.
        let zeros = vec![0u8; 300 * 1024 * 1024];
        let bomb = zip_with(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        drop(zeros);
        assert!(bomb.len() < 2 * 1024 * 1024);
        assert!(detect("p.xlsx", &bomb, &Limits::default())
            .expect_err("bomb")
            .problem
            .contains("expand"));
    }

    #[test]
    fn an_entry_that_lies_about_its_size_fails_when_read() {
        let mut lying = zip_with(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &[b'a'; 4096]),
        ]);
        // Declare 16 bytes for the sheet, in its local header and in the central directory:
        // (signature, offset of the size, offset of the name).
        for (signature, size, name) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
            let header = (0..lying.len())
                .find(|&i| {
                    lying[i..].starts_with(signature)
                        && lying[i + name..].starts_with(b"xl/worksheets/sheet1.xml")
                })
                .expect("header");
            lying[header + size..header + size + 4].copy_from_slice(&16u32.to_le_bytes());
        }
        assert_eq!(
            detect("p.xlsx", &lying, &Limits::default()),
            Ok(Format::Xlsx)
        );
        let mut archive = zip::ZipArchive::new(Cursor::new(&lying[..])).expect("archive");
        let mut sheet = archive.by_name("xl/worksheets/sheet1.xml").expect("entry");
        let read = std::io::copy(&mut sheet, &mut std::io::sink());
        assert!(
            read.is_err(),
            "read {read:?} bytes of an entry declared as 16"
        );
    }
}
