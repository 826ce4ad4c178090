//! The columns of a progress sheet, recognised by their header in English, French or Spanish,
//! and finding the header row in sheets that have title rows above it.

use std::collections::BTreeMap;

use super::Field;
use crate::spreadsheets::{Cell, Sheet};

impl Field {
    /// Headers that mean this field, written as [`normalise`] leaves them.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Commitment => &[
                "commitment id",
                "commitment",
                "commitment no",
                "id",
                "id engagement",
                "id de l engagement",
                "identifiant de l engagement",
                "engagement",
                "n engagement",
                "id compromiso",
                "id del compromiso",
                "identificador del compromiso",
                "compromiso",
            ],
            Field::Target => &[
                "target id",
                "target",
                "id cible",
                "id de la cible",
                "cible",
                "id meta",
                "id de la meta",
                "meta",
            ],
            Field::ReportingDate => &[
                "reporting date",
                "report date",
                "date of report",
                "date",
                "date du rapport",
                "date de rapport",
                "date de reporting",
                "fecha",
                "fecha del informe",
                "fecha de informe",
                "fecha de reporte",
            ],
            Field::Status => &["status", "statut", "etat", "estado", "situacion"],
            Field::Percent => &[
                "% complete",
                "percent complete",
                "percentage complete",
                "progress",
                "%",
                "avancement",
                "% d avancement",
                "taux d avancement",
                "% realise",
                "pourcentage",
                "avance",
                "% de avance",
                "porcentaje",
                "porcentaje de avance",
                "% completado",
            ],
            Field::Value => &[
                "indicator value",
                "value",
                "valeur de l indicateur",
                "valeur",
                "valor del indicador",
                "valor",
            ],
            Field::Narrative => &[
                "narrative",
                "comments",
                "comment",
                "remarks",
                "notes",
                "commentaire",
                "commentaires",
                "observations",
                "recit",
                "narratif",
                "narrativa",
                "comentarios",
                "observaciones",
            ],
            Field::Evidence => &[
                "evidence link",
                "evidence",
                "evidence url",
                "link",
                "lien",
                "lien vers la preuve",
                "preuve",
                "justificatif",
                "enlace",
                "enlace de evidencia",
                "evidencia",
            ],
        }
    }
}

/// A header as compared: lower case, accents and punctuation gone, and whatever stands in
/// parentheses dropped ("% complete (0 to 100)" is "% complete").
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars().flat_map(char::to_lowercase) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '%' => out.push(fold_accent(c)),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        other => other,
    }
}

/// Headers a person mapped by hand before, as (normalised header, field).
pub type Remembered = BTreeMap<String, Field>;

/// Where the header is in one sheet and which column holds each field.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub sheet: usize,
    /// Index into the sheet's rows of the header row.
    pub header_index: usize,
    pub columns: BTreeMap<Field, usize>,
}

impl Layout {
    pub fn missing(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| f.is_required() && !self.columns.contains_key(f))
            .collect()
    }
}

/// How many rows from the top are searched for the header.
pub(super) const HEADER_SEARCH_ROWS: usize = 30;

/// The fields the cells of one row name, by column.
fn match_row(cells: &[Cell], remembered: &Remembered) -> BTreeMap<Field, usize> {
    let mut found = BTreeMap::new();
    for (column, cell) in cells.iter().enumerate() {
        let Cell::Text(text) = cell else { continue };
        let header = normalise(text);
        let field = remembered.get(&header).copied().or_else(|| {
            Field::ALL
                .into_iter()
                .find(|f| f.synonyms().contains(&header.as_str()))
        });
        if let Some(field) = field {
            found.entry(field).or_insert(column);
        }
    }
    found
}

/// The best header row of `sheet`: the one naming the most fields among the first rows.
pub fn find_layout(sheet_index: usize, sheet: &Sheet, remembered: &Remembered) -> Option<Layout> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(i, row)| (i, match_row(&row.cells, remembered)))
        .filter(|(_, columns)| !columns.is_empty())
        // The earliest row wins a tie: data rows below a header rarely look like headers.
        .max_by_key(|(i, columns)| (columns.len(), std::cmp::Reverse(*i)))
        .map(|(header_index, columns)| Layout {
            sheet: sheet_index,
            header_index,
            columns,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spreadsheets::Row;

    fn row(number: u32, texts: &[&str]) -> Row {
        Row {
            number,
            cells: texts
                .iter()
                .map(|t| {
                    if t.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text((*t).into())
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn headers_in_three_languages_below_title_rows() {
        assert_eq!(normalise("  % d'Avancement (0-100) "), "% d avancement");
        assert_eq!(normalise("Situación"), "situacion");
        let sheet = Sheet {
            name: "Suivi".into(),
            rows: vec![
                row(1, &["Rapport de progrès du ministère de la Santé"]),
                row(
                    3,
                    &[
                        "ID engagement",
                        "Titre",
                        "Statut",
                        "Avancement (%)",
                        "Commentaires",
                    ],
                ),
                row(4, &["12", "Assurance maladie", "limité", "45 %", ""]),
            ],
        };
        let layout = find_layout(0, &sheet, &Remembered::new()).expect("found");
        assert_eq!(layout.header_index, 1);
        assert_eq!(layout.columns[&Field::Commitment], 0);
        assert_eq!(layout.columns[&Field::Status], 2);
        assert_eq!(layout.columns[&Field::Percent], 3);
        assert_eq!(layout.columns[&Field::Narrative], 4);
        assert!(layout.missing().is_empty());
    }

    #[test]
    fn a_remembered_mapping_names_an_unknown_header() {
        let sheet = Sheet {
            name: "S".into(),
            rows: vec![row(1, &["Código", "Estado"])],
        };
        let layout = find_layout(0, &sheet, &Remembered::new()).expect("found");
        assert_eq!(layout.missing(), [Field::Commitment]);
        let remembered = Remembered::from([("codigo".to_owned(), Field::Commitment)]);
        let layout = find_layout(0, &sheet, &remembered).expect("found");
        assert!(layout.missing().is_empty());
        assert_eq!(Field::parse("reporting_date"), Some(Field::ReportingDate));
    }
}
