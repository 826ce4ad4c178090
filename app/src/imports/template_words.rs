//! The words of a progress template in each language: sheet names, headers, status choices,
//! validation messages and the instructions sheet. Headers and statuses are among those the
//! importer recognises (`columns.rs`, `values.rs`); a test holds them to that.

use super::Language;

pub(super) struct Words {
    pub progress_sheet: &'static str,
    pub instructions_sheet: &'static str,
    /// Starts the title row: "Progress report: Ministry of Health (MOH), Kenya".
    pub title: &'static str,
    pub hint: &'static str,
    /// Columns A to N: the IDs, the reference columns, then the columns to fill.
    pub headers: [&'static str; 14],
    /// The status dropdown, in the order of `Status::ALL`.
    pub statuses: [&'static str; 5],
    pub choose_status: &'static str,
    pub whole_percent: &'static str,
    pub date_example: &'static str,
    pub instructions: [&'static str; 12],
}

pub(super) fn words(language: Language) -> &'static Words {
    match language {
        Language::English => &ENGLISH,
        Language::French => &FRENCH,
        Language::Spanish => &SPANISH,
    }
}

static ENGLISH: Words = Words {
    progress_sheet: "Progress",
    instructions_sheet: "Instructions",
    title: "Progress report",
    hint: "Fill in the yellow columns, one row per commitment and target; see the Instructions sheet.",
    headers: [
        "Commitment ID",
        "Target ID",
        "Reference",
        "Commitment",
        "Start",
        "End",
        "Target indicator",
        "Target value",
        "Reporting date (YYYY-MM-DD)",
        "Status",
        "% complete (0 to 100)",
        "Indicator value",
        "Narrative",
        "Evidence link",
    ],
    statuses: [
        "Not started",
        "Limited progress",
        "Substantial progress",
        "Complete",
        "Withdrawn",
    ],
    choose_status: "Choose a status from the list.",
    whole_percent: "Write a whole number from 0 to 100.",
    date_example: "Write a date such as 2026-06-30.",
    instructions: [
        "How to report progress with this file",
        "",
        "1. Each row is one commitment, or one target of a commitment. Do not change the grey columns: the IDs tell the tracker what you report on.",
        "2. Fill in the yellow columns for the commitments you report on; leave the other rows empty (they are skipped).",
        "3. Reporting date: the day your report describes, such as 2026-06-30. Empty means the day you upload.",
        "4. Status: choose from the list (not started, limited, substantial, complete, withdrawn).",
        "5. % complete: a whole number from 0 to 100. A complete commitment is 100.",
        "6. Indicator value: the latest value of the target's indicator, in its unit.",
        "7. Narrative: what was done and what remains. Evidence link: a web address (https://...) of a report or document; several may be separated by spaces.",
        "8. Rows of the same commitment must agree on date, status, % and narrative; each target row carries its own indicator value.",
        "9. Upload the file on the tracker's page 'Import progress from a spreadsheet' (/imports). You will see a preview of every row first, and nothing is saved until you confirm.",
        "   Uploading the same file again creates nothing new; an import can be undone from the import history.",
    ],
};

static FRENCH: Words = Words {
    progress_sheet: "Avancement",
    instructions_sheet: "Instructions",
    title: "Rapport d'avancement",
    hint: "Remplissez les colonnes jaunes, une ligne par engagement et par cible ; voir la feuille Instructions.",
    headers: [
        "ID de l'engagement",
        "ID de la cible",
        "Référence",
        "Intitulé de l'engagement",
        "Début",
        "Fin",
        "Indicateur de la cible",
        "Valeur cible",
        "Date du rapport (AAAA-MM-JJ)",
        "Statut",
        "% d'avancement (0 à 100)",
        "Valeur de l'indicateur",
        "Commentaires",
        "Lien vers la preuve",
    ],
    statuses: [
        "Non commencé",
        "Progrès limités",
        "Progrès substantiels",
        "Achevé",
        "Retiré",
    ],
    choose_status: "Choisissez un statut dans la liste.",
    whole_percent: "Écrivez un nombre entier de 0 à 100.",
    date_example: "Écrivez une date comme 2026-06-30.",
    instructions: [
        "Comment rendre compte de l'avancement avec ce fichier",
        "",
        "1. Chaque ligne est un engagement, ou une cible d'un engagement. Ne modifiez pas les colonnes grises : les ID indiquent à l'outil de suivi sur quoi porte votre rapport.",
        "2. Remplissez les colonnes jaunes pour les engagements dont vous rendez compte ; laissez les autres lignes vides (elles sont ignorées).",
        "3. Date du rapport : le jour que décrit votre rapport, par exemple 2026-06-30. Vide : le jour de l'envoi.",
        "4. Statut : choisissez dans la liste (non commencé, progrès limités, progrès substantiels, achevé, retiré).",
        "5. % d'avancement : un nombre entier de 0 à 100. Un engagement achevé est à 100.",
        "6. Valeur de l'indicateur : la dernière valeur de l'indicateur de la cible, dans son unité.",
        "7. Commentaires : ce qui a été fait et ce qui reste à faire. Lien vers la preuve : l'adresse web (https://...) d'un rapport ou d'un document ; plusieurs adresses peuvent être séparées par des espaces.",
        "8. Les lignes d'un même engagement doivent concorder sur la date, le statut, le % et les commentaires ; chaque ligne de cible porte sa propre valeur d'indicateur.",
        "9. Envoyez le fichier depuis la page /imports de l'outil de suivi. Vous verrez d'abord un aperçu de chaque ligne, et rien n'est enregistré avant votre confirmation.",
        "   Envoyer à nouveau le même fichier ne crée rien de nouveau ; un import peut être annulé depuis l'historique des imports.",
    ],
};

static SPANISH: Words = Words {
    progress_sheet: "Avance",
    instructions_sheet: "Instrucciones",
    title: "Informe de avance",
    hint: "Complete las columnas amarillas, una fila por compromiso y meta; vea la hoja Instrucciones.",
    headers: [
        "ID del compromiso",
        "ID de la meta",
        "Referencia",
        "Título del compromiso",
        "Inicio",
        "Fin",
        "Indicador de la meta",
        "Valor meta",
        "Fecha del informe (AAAA-MM-DD)",
        "Estado",
        "% de avance (0 a 100)",
        "Valor del indicador",
        "Observaciones",
        "Enlace de evidencia",
    ],
    statuses: [
        "No iniciado",
        "Avance limitado",
        "Avance sustancial",
        "Completado",
        "Retirado",
    ],
    choose_status: "Elija un estado de la lista.",
    whole_percent: "Escriba un número entero de 0 a 100.",
    date_example: "Escriba una fecha como 2026-06-30.",
    instructions: [
        "Cómo informar del avance con este archivo",
        "",
        "1. Cada fila es un compromiso, o una meta de un compromiso. No modifique las columnas grises: los ID indican al sistema de seguimiento sobre qué informa.",
        "2. Complete las columnas amarillas de los compromisos sobre los que informa; deje vacías las demás filas (se omiten).",
        "3. Fecha del informe: el día que describe su informe, por ejemplo 2026-06-30. Vacía: el día en que se envía.",
        "4. Estado: elija de la lista (no iniciado, avance limitado, avance sustancial, completado, retirado).",
        "5. % de avance: un número entero de 0 a 100. Un compromiso completado está en 100.",
        "6. Valor del indicador: el último valor del indicador de la meta, en su unidad.",
        "7. Observaciones: lo que se hizo y lo que falta. Enlace de evidencia: la dirección web (https://...) de un informe o documento; se pueden separar varias con espacios.",
        "8. Las filas de un mismo compromiso deben coincidir en fecha, estado, % y observaciones; cada fila de meta lleva su propio valor del indicador.",
        "9. Envíe el archivo desde la página /imports del sistema de seguimiento. Primero verá una vista previa de cada fila, y nada se guarda hasta que lo confirme.",
        "   Enviar de nuevo el mismo archivo no crea nada nuevo; una importación se puede deshacer desde el historial de importaciones.",
    ],
};

#[cfg(test)]
mod tests {
    use super::super::columns::{find_layout, Remembered};
    use super::super::{values, Field};
    use super::*;
    use crate::plans::Status;
    use crate::spreadsheets::{Cell, Row, Sheet};

    #[test]
    fn every_language_writes_headers_and_statuses_the_importer_reads() {
        for language in Language::ALL {
            let text = words(language);
            let sheet = Sheet {
                name: text.progress_sheet.into(),
                rows: vec![Row {
                    number: 3,
                    cells: text
                        .headers
                        .iter()
                        .map(|h| Cell::Text((*h).into()))
                        .collect(),
                }],
            };
            let layout = find_layout(0, &sheet, &Remembered::default()).expect("a header");
            let found: Vec<(Field, usize)> = layout.columns.into_iter().collect();
            assert_eq!(
                found,
                vec![
                    (Field::Commitment, 0),
                    (Field::Target, 1),
                    (Field::ReportingDate, 8),
                    (Field::Status, 9),
                    (Field::Percent, 10),
                    (Field::Value, 11),
                    (Field::Narrative, 12),
                    (Field::Evidence, 13),
                ],
                "{language:?}"
            );
            for (word, status) in text.statuses.iter().zip(Status::ALL) {
                assert_eq!(
                    values::status(&Cell::Text((*word).into())),
                    Ok(Some(status)),
                    "{language:?} {word}"
                );
            }
        }
    }
}
