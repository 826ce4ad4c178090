//! The catalogue in the database is section III of the EGM 2008 report, word for word.
//!
//! The expected catalogue is parsed here from the seed document itself, independently of the
//! data file the migration loads, so a typo in either cannot hide.

use crate::common;

use app::catalogue::{store, Recommendation};
use migrations::{catalogue::egm_2008, Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../migrations/catalogue/egm-2008-report.txt"
);

const GROUPS: [(&str, &str, usize); 11] = [
    ("POL", "Political dimensions", 9),
    ("SEC", "Socio-economic dimensions", 10),
    ("SPR", "Social protection", 7),
    ("CUL", "Cultural dimensions", 10),
    ("ENV", "Enabling environment", 6),
    ("CAP", "Capacity development", 8),
    (
        "CCI",
        "Cross-cutting issues for institutions and implementation",
        8,
    ),
    ("FRA", "Fragile societies", 8),
    ("DPW", "Disaster prevention and early-warning systems", 7),
    ("MEV", "Monitoring and evaluation", 16),
    ("INT", "Recommendations at the international level", 11),
];

/// Reads section III of the seed document: group headings, numbered recommendations and
/// their `- ` sub-items, from "Recommendations at the national level" to "Annex 1.".
fn recommendations_in_seed() -> Vec<Recommendation> {
    let document = std::fs::read_to_string(SEED)
        .unwrap_or_else(|e| panic!("cannot read the report at {SEED}: {e}"));
    let lines: Vec<&str> = document.lines().map(str::trim_end).collect();
    let heading = lines
        .iter()
        .position(|l| *l == "III. RECOMMENDATIONS")
        .expect("section III heading");
    let start = heading
        + lines[heading..]
            .iter()
            .position(|l| *l == "Recommendations at the national level")
            .expect("national level heading");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| *l == "Annex 1.")
            .expect("Annex 1 heading");

    let mut found: Vec<Recommendation> = Vec::new();
    let mut group: Option<(&str, &str)> = None;
    for line in &lines[start + 1..end] {
        if line.is_empty() {
            continue;
        }
        if let Some((code, name, _)) = GROUPS.iter().find(|(_, name, _)| name == line) {
            group = Some((code, name));
        } else if let Some(item) = line.trim_start().strip_prefix("- ") {
            found
                .last_mut()
                .expect("a sub-item follows a recommendation")
                .subitems
                .push(item.trim().to_owned());
        } else {
            let (number, text) = line.split_once(". ").expect("a numbered recommendation");
            let number: i32 = number
                .parse()
                .unwrap_or_else(|_| panic!("not numbered: {line}"));
            let (code, name) = group.expect("a recommendation follows a group heading");
            found.push(Recommendation {
                code: format!("{code}-{number}"),
                group_code: code.to_owned(),
                group_name: name.to_owned(),
                number,
                text: text.trim().to_owned(),
                subitems: Vec::new(),
            });
        }
    }
    found
}

#[test]
fn the_seed_document_holds_100_recommendations_in_the_designed_groups() {
    let seed = recommendations_in_seed();
    assert_eq!(seed.len(), 100);
    for (code, _, count) in GROUPS {
        let numbers: Vec<i32> = seed
            .iter()
            .filter(|r| r.group_code == code)
            .map(|r| r.number)
            .collect();
        assert_eq!(
            numbers,
            (1..=count as i32).collect::<Vec<_>>(),
            "numbering of group {code}"
        );
    }
}

#[tokio::test]
async fn database_catalogue_matches_the_seed_document_word_for_word() {
    let expected = recommendations_in_seed();
    for test_db in common::migrated_databases().await {
        let actual = store::recommendations(&test_db.db)
            .await
            .expect("read catalogue");
        assert_eq!(
            actual.len(),
            100,
            "{}: number of recommendations",
            test_db.backend
        );
        for (want, got) in expected.iter().zip(&actual) {
            assert_eq!(
                got, want,
                "{}: recommendation {}",
                test_db.backend, want.code
            );
        }
        let groups = store::groups(&test_db.db).await.expect("read groups");
        let shape: Vec<(String, String, usize)> = groups
            .iter()
            .map(|g| (g.code.clone(), g.name.clone(), g.recommendations.len()))
            .collect();
        let designed: Vec<(String, String, usize)> = GROUPS
            .iter()
            .map(|(c, n, k)| (c.to_string(), n.to_string(), *k))
            .collect();
        assert_eq!(shape, designed, "{}: groups", test_db.backend);
        assert_eq!(
            groups.last().map(|g| g.level.as_str()),
            Some("international")
        );
        assert!(groups[..10].iter().all(|g| g.level == "national"));
        test_db.finish().await;
    }
}

#[tokio::test]
async fn neighbours_follow_the_report_across_groups() {
    for test_db in common::migrated_databases().await {
        let cases = [
            ("MEV-5", Some("MEV-4"), Some("MEV-6")),
            ("pol-1", None, Some("POL-2")),
            ("SPR-7", Some("SPR-6"), Some("CUL-1")),
            ("INT-11", Some("INT-10"), None),
            ("XYZ-1", None, None),
        ];
        for (code, previous, next) in cases {
            let neighbours = store::neighbours(&test_db.db, code)
                .await
                .expect("read neighbours");
            assert_eq!(
                (neighbours.previous.as_deref(), neighbours.next.as_deref()),
                (previous, next),
                "{}: neighbours of {code}",
                test_db.backend
            );
        }
        test_db.finish().await;
    }
}

#[tokio::test]
async fn loading_the_catalogue_twice_duplicates_nothing() {
    let catalogue = egm_2008().expect("catalogue data parses");
    for test_db in common::migrated_databases().await {
        let before = row_counts(&test_db.db).await;
        assert_eq!(
            before,
            [1, 11, 100, 10],
            "{}: rows after migrating",
            test_db.backend
        );

        Migrator::up(&test_db.db, None)
            .await
            .expect("second migration run");
        migrations::load_catalogue(&test_db.db, &catalogue)
            .await
            .expect("load again");

        assert_eq!(
            row_counts(&test_db.db).await,
            before,
            "{}: rows after reloading",
            test_db.backend
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn migrations_roll_back_and_apply_again() {
    for test_db in common::migrated_databases().await {
        Migrator::down(&test_db.db, None)
            .await
            .expect("roll back every migration");
        Migrator::up(&test_db.db, None).await.expect("apply again");
        assert_eq!(
            row_counts(&test_db.db).await,
            [1, 11, 100, 10],
            "{}",
            test_db.backend
        );
        test_db.finish().await;
    }
}

async fn row_counts(db: &impl ConnectionTrait) -> [i64; 4] {
    let mut counts = [0; 4];
    for (count, table) in counts.iter_mut().zip([
        "frameworks",
        "recommendation_groups",
        "recommendations",
        "recommendation_subitems",
    ]) {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count rows")
            .expect("a count");
        *count = row.try_get("", "n").expect("count is an integer");
    }
    counts
}
