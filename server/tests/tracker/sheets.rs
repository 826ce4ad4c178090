//! Spreadsheet fixtures made the way offices make them: xlsx with title rows, dates and
//! formulas, OpenDocument spreadsheets, and CSV text with either separator.

use std::io::{Cursor, Write};

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Formula, Workbook};
use zip::write::SimpleFileOptions;

/// One cell of a fixture.
#[derive(Clone, Debug)]
pub enum V {
    T(String),
    N(f64),
    D(NaiveDate),
    /// A formula and the result the program saved with it.
    F(&'static str, &'static str),
    E,
}

pub fn t(text: &str) -> V {
    V::T(text.to_owned())
}

pub type Rows = Vec<Vec<V>>;

pub fn xlsx(sheets: &[(&str, Rows)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    V::T(text) => sheet.write_string(r, c, text).map(drop),
                    V::N(n) => sheet.write_number(r, c, *n).map(drop),
                    V::D(d) => sheet.write_date_with_format(r, c, *d, &date).map(drop),
                    V::F(formula, result) => sheet
                        .write_formula(r, c, Formula::new(*formula).set_result(*result))
                        .map(drop),
                    V::E => Ok(()),
                }
                .expect("write");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn zip_of(entries: &[(&str, String)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        out.start_file(*name, SimpleFileOptions::default())
            .expect("entry");
        out.write_all(content.as_bytes()).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

pub fn ods(sheets: &[(&str, Rows)]) -> Vec<u8> {
    let mut tables = String::new();
    for (name, rows) in sheets {
        tables.push_str(&format!("<table:table table:name=\"{name}\">"));
        for row in rows {
            tables.push_str("<table:table-row>");
            for cell in row {
                tables.push_str(&match cell {
                    V::T(text) => format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
                    ),
                    V::N(n) => format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                    ),
                    V::D(d) => format!(
                        "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
                    ),
                    V::F(_, result) => format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{result}</text:p></table:table-cell>"
                    ),
                    V::E => "<table:table-cell/>".to_owned(),
                });
            }
            tables.push_str("</table:table-row>");
        }
        tables.push_str("</table:table>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".to_owned(),
        ),
        ("META-INF/manifest.xml", manifest.to_owned()),
        ("content.xml", content),
    ])
}

/// CSV text: `separator` between fields, quoted where needed, optionally with a BOM.
pub fn csv(rows: &[Vec<&str>], separator: char, bom: bool) -> Vec<u8> {
    let mut text = String::new();
    if bom {
        text.push('\u{FEFF}');
    }
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                if f.contains(separator) || f.contains('"') {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    (*f).to_owned()
                }
            })
            .collect();
        text.push_str(&fields.join(&separator.to_string()));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// An xlsx whose only cells are A1 and XFD1048576: its declared dimension is the whole grid.
pub fn absurd_dimension() -> Vec<u8> {
    let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Status</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Progress" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    zip_of(&[
        ("[Content_Types].xml", types.to_owned()),
        ("_rels/.rels", root_rels.to_owned()),
        ("xl/workbook.xml", workbook.to_owned()),
        ("xl/_rels/workbook.xml.rels", rels.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet.to_owned()),
    ])
}

/// A valid xlsx whose one sheet expands to hundreds of megabytes of XML.
pub fn zip_bomb() -> Vec<u8> {
    let padding = " ".repeat(300 * 1024 * 1024);
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>{padding}</worksheet>"#
    );
    zip_of(&[
        ("xl/workbook.xml", "<workbook/>".to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}
