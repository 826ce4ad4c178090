//! Hostile and broken spreadsheets: each gets a clear error naming the file, the server goes
//! on, and nothing is written.

use app::imports::store::{self, ImportError, Upload};
use app::imports::{Field, ImportOptions};
use app::spreadsheets::Limits;

use crate::common;
use crate::imports::{commit, french_workbook, moh, updates, upload};
use crate::sheets;
use crate::world::{self, today};

#[tokio::test]
async fn hostile_and_broken_files_get_a_clear_error_and_write_nothing() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        w.commitment(db, "C-01").await;
        let small = Limits {
            max_bytes: 1024,
            max_rows: 2,
        };
        let too_many = sheets::csv(
            &[
                vec!["Commitment ID", "Status"],
                vec!["1", "limited"],
                vec!["1", "limited"],
                vec!["1", "limited"],
            ],
            ',',
            false,
        );
        let cases: Vec<(Upload, Limits, &str)> = vec![
            (upload("big.csv", vec![b'a'; 2000]), small, "the limit is"),
            (upload("rows.csv", too_many), small, "more than 2 rows"),
            (
                upload("fake.xlsx", b"Commitment ID,Status\n".to_vec()),
                Limits::default(),
                "holds a CSV text file",
            ),
            (
                upload("cut.xlsx", french_workbook(1, 1)[..300].to_vec()),
                Limits::default(),
                "damaged",
            ),
            (
                upload("bomb.xlsx", sheets::zip_bomb()),
                Limits::default(),
                "expand",
            ),
            (
                upload(
                    "latin1.csv",
                    b"Commitment ID;Status\n1;limit\xe9\n".to_vec(),
                ),
                Limits::default(),
                "line 2 is not UTF-8",
            ),
            (
                upload("nothing.ods", b"\x00\x01binary".to_vec()),
                Limits::default(),
                "not a spreadsheet",
            ),
        ];
        for (file, limits, needle) in cases {
            let result = store::commit(
                db,
                &w.focal_point,
                moh(),
                &file,
                &ImportOptions::default(),
                limits,
                today(),
            )
            .await;
            match result {
                Err(ImportError::Unreadable(e)) => {
                    assert_eq!(e.file, file.file_name);
                    assert!(e.problem.contains(needle), "{}: {e}", file.file_name);
                }
                other => panic!("{}: expected a clear error, got {other:?}", file.file_name),
            }
        }
        // A 2 KB file claiming the whole grid is read cell by cell: no allocation, no crash.
        let absurd = upload("absurd.xlsx", sheets::absurd_dimension());
        let (seen, batch) = commit(db, &w, &absurd).await;
        assert_eq!(batch, None);
        assert_eq!(seen.missing, [Field::Commitment]);
        assert_eq!(updates(db).await, 0);
        test_db.finish().await;
    }
}
