//! The progress template: the owner's commitments and targets, in three languages whose
//! headers the importer reads back, and only for those who report for the owner.

use app::imports::store::{self, ImportError};
use app::imports::{ImportOptions, Language};
use app::refusal::Refusal;
use app::spreadsheets::Limits;

use crate::common;
use crate::imports::{french_workbook, moh, preview, updates, upload};
use crate::world::{self, today};

#[tokio::test]
async fn the_template_lists_the_owners_commitments_and_only_its_people_get_it() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target) = w.commitment(db, "C-01").await;
        let bytes = app::imports::template::for_owner(db, &w.focal_point, moh(), Language::English)
            .await
            .expect("template");
        let book = app::spreadsheets::read("template.xlsx", &bytes, &Limits::default())
            .expect("read back");
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "Progress");
        let data = sheet
            .rows
            .iter()
            .find(|r| r.number == 4)
            .expect("first commitment row");
        assert_eq!(data.cells[0], app::spreadsheets::Cell::Number(id.into()));
        assert_eq!(
            data.cells[1],
            app::spreadsheets::Cell::Number(target.into())
        );
        assert_eq!(book.sheets[1].name, "Instructions");
        // Returned untouched, it reports nothing.
        let blank = preview(db, &w, &upload("template.xlsx", bytes)).await;
        assert!(blank.missing.is_empty());
        assert_eq!(blank.counts.rows_read, 0);
        // In French and Spanish too, its headers are ones the importer reads back.
        for (language, sheet_name, help) in [
            (Language::French, "Avancement", "Instructions"),
            (Language::Spanish, "Avance", "Instrucciones"),
        ] {
            let bytes = app::imports::template::for_owner(db, &w.focal_point, moh(), language)
                .await
                .expect("template");
            let book = app::spreadsheets::read("modele.xlsx", &bytes, &Limits::default())
                .expect("read back");
            assert_eq!(book.sheets[0].name, sheet_name);
            assert_eq!(book.sheets[1].name, help);
            let blank = preview(db, &w, &upload("modele.xlsx", bytes)).await;
            assert!(
                blank.missing.is_empty(),
                "{language:?}: {:?}",
                blank.missing
            );
            assert_eq!(blank.columns.len(), 8, "{language:?}");
        }

        for outsider in [&w.other_focal_point, &w.other_coordinator, &w.reviewer] {
            let refused =
                app::imports::template::for_owner(db, outsider, moh(), Language::English).await;
            assert!(matches!(
                refused,
                Err(ImportError::Refused(Refusal::Forbidden(_)))
            ));
            let file = upload("suivi.xlsx", french_workbook(id, target));
            let refused = store::commit(
                db,
                outsider,
                moh(),
                &file,
                &ImportOptions::default(),
                Limits::default(),
                today(),
            )
            .await;
            assert!(matches!(
                refused,
                Err(ImportError::Refused(Refusal::Forbidden(_)))
            ));
        }
        assert_eq!(updates(db).await, 0);
        test_db.finish().await;
    }
}
