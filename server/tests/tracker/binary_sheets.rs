//! Fixtures in Excel's two binary formats, which no maintained crate writes: xls (BIFF8
//! records in a compound file) and xlsb (BIFF12 records in a zip). Only the records the
//! readers need are written; dates are Excel serial numbers, as they are stored in both.

use std::io::{Cursor, Write};

use chrono::NaiveDate;
use zip::write::SimpleFileOptions;

use crate::sheets::{Rows, V};

fn serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch");
    (date - epoch).num_days() as f64
}

/// A cell as both formats store it: text or a number, a date as its serial number, a formula
/// as the result the program saved.
fn stored(cell: &V) -> V {
    match cell {
        V::F(_, saved) => saved
            .parse::<f64>()
            .map_or_else(|_| V::T((*saved).to_owned()), V::N),
        V::D(d) => V::N(serial(*d)),
        other => other.clone(),
    }
}

fn record(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
    out.extend(typ.to_le_bytes());
    out.extend((body.len() as u16).to_le_bytes());
    out.extend(body);
}

/// BIFF8 BOF of the workbook globals (`0x0005`) or a worksheet (`0x0010`).
fn bof(out: &mut Vec<u8>, kind: u16) {
    let mut body = vec![0x00, 0x06];
    body.extend(kind.to_le_bytes());
    body.extend([0u8; 12]);
    record(out, 0x0809, &body);
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// An xls workbook; `dimensions` overrides the declared (first row, last row + 1, first
/// column, last column + 1) of every sheet.
pub fn xls_with(sheets: &[(&str, Rows)], dimensions: Option<(u32, u32, u16, u16)>) -> Vec<u8> {
    let mut bodies = Vec::new();
    for (_, rows) in sheets {
        let mut s = Vec::new();
        bof(&mut s, 0x0010);
        let width = rows.iter().map(Vec::len).max().unwrap_or(0) as u16;
        let (r0, r1, c0, c1) = dimensions.unwrap_or((0, rows.len() as u32, 0, width));
        let mut dims = Vec::new();
        dims.extend(r0.to_le_bytes());
        dims.extend(r1.to_le_bytes());
        dims.extend(c0.to_le_bytes());
        dims.extend(c1.to_le_bytes());
        dims.extend([0, 0]);
        record(&mut s, 0x0200, &dims);
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let mut at = Vec::new();
                at.extend((r as u16).to_le_bytes());
                at.extend((c as u16).to_le_bytes());
                at.extend(0u16.to_le_bytes());
                match stored(cell) {
                    V::T(text) => {
                        at.extend((text.encode_utf16().count() as u16).to_le_bytes());
                        at.push(1);
                        at.extend(utf16(&text));
                        record(&mut s, 0x0204, &at);
                    }
                    V::N(n) => {
                        at.extend(n.to_le_bytes());
                        record(&mut s, 0x0203, &at);
                    }
                    _ => {}
                }
            }
        }
        record(&mut s, 0x000A, &[]);
        bodies.push(s);
    }
    // The globals name each sheet with the offset of its BOF, so their size comes first.
    let bound = |name: &str, at: u32| {
        let mut b = Vec::new();
        b.extend(at.to_le_bytes());
        b.extend([0, 0, name.encode_utf16().count() as u8, 1]);
        b.extend(utf16(name));
        b
    };
    let globals_len = 20
        + 4
        + sheets
            .iter()
            .map(|(n, _)| 4 + bound(n, 0).len())
            .sum::<usize>();
    let mut stream = Vec::new();
    bof(&mut stream, 0x0005);
    let mut at = globals_len;
    for ((name, _), body) in sheets.iter().zip(&bodies) {
        record(&mut stream, 0x0085, &bound(name, at as u32));
        at += body.len();
    }
    record(&mut stream, 0x000A, &[]);
    assert_eq!(stream.len(), globals_len);
    for body in bodies {
        stream.extend(body);
    }
    // Version 3 (512-byte sectors), as Excel writes xls files: calamine does not find a
    // workbook stream of 4 KB or more in a version-4 file.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .expect("compound file");
    file.create_stream("/Workbook")
        .expect("stream")
        .write_all(&stream)
        .expect("write");
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

pub fn xls(sheets: &[(&str, Rows)]) -> Vec<u8> {
    xls_with(sheets, None)
}

/// A BIFF12 record: its type and length in 7-bit groups, then its body.
fn brt(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend(body);
}

fn wide(text: &str) -> Vec<u8> {
    let mut out = (text.encode_utf16().count() as u32).to_le_bytes().to_vec();
    out.extend(utf16(text));
    out
}

pub fn xlsb(sheets: &[(&str, Rows)]) -> Vec<u8> {
    let mut workbook = Vec::new();
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts = Vec::new();
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let id = format!("rId{}", i + 1);
        rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.bin"/>"#,
            i + 1
        ));
        let mut bundle = vec![0u8; 4];
        bundle.extend((i as u32 + 1).to_le_bytes());
        bundle.extend(wide(&id));
        bundle.extend(wide(name));
        brt(&mut workbook, 0x009C, &bundle);

        let mut sheet = Vec::new();
        let width = rows.iter().map(Vec::len).max().unwrap_or(1) as u32;
        let mut dims = Vec::new();
        for v in [0, rows.len().max(1) as u32 - 1, 0, width.max(1) - 1] {
            dims.extend(v.to_le_bytes());
        }
        brt(&mut sheet, 0x0094, &dims);
        brt(&mut sheet, 0x0091, &[]);
        for (r, row) in rows.iter().enumerate() {
            brt(&mut sheet, 0x0000, &(r as u32).to_le_bytes());
            for (c, cell) in row.iter().enumerate() {
                let mut body = (c as u32).to_le_bytes().to_vec();
                body.extend(0u32.to_le_bytes());
                match stored(cell) {
                    V::T(text) => {
                        body.extend(wide(&text));
                        brt(&mut sheet, 0x0006, &body);
                    }
                    V::N(n) => {
                        body.extend(n.to_le_bytes());
                        brt(&mut sheet, 0x0005, &body);
                    }
                    _ => {}
                }
            }
        }
        brt(&mut sheet, 0x0092, &[]);
        parts.push((format!("xl/worksheets/sheet{}.bin", i + 1), sheet));
    }
    // The end of the sheet list, then of the book (the reader reads names until it).
    brt(&mut workbook, 0x0090, &[]);
    brt(&mut workbook, 0x0084, &[]);
    rels.push_str("</Relationships>");
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"#;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut add = |name: &str, content: &[u8]| {
        out.start_file(name, SimpleFileOptions::default())
            .expect("entry");
        out.write_all(content).expect("write");
    };
    add("[Content_Types].xml", types.as_bytes());
    add("xl/workbook.bin", &workbook);
    add("xl/_rels/workbook.bin.rels", rels.as_bytes());
    for (name, content) in &parts {
        add(name, content);
    }
    out.finish().expect("zip").into_inner()
}
