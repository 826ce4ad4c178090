//! Imports against the database: previewing a file, committing it in one transaction,
//! undoing a committed batch, the import history, and remembered column mappings.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::check::{check, CommitmentFacts, Fingerprint, Group, Importer};
use super::columns::{find_layout, normalise, Layout, Remembered};
use super::entities::{import_batch, import_file, import_mapping};
use super::rows::{column_name, parse, ParsedRow};
use super::{
    Batch, ColumnChoice, Counts, Field, ImportOptions, Outcome, Preview, PreviewRow, Problem,
};
use crate::accounts::{entities::user, Actor};
use crate::audit::{self, Change};
use crate::plans::entities::{action_plan, commitment, country, owner, target};
use crate::progress::store::{history, insert, Written};
use crate::progress::{Source, ValidUpdate};
use crate::refusal::{Refusal, WriteError};
use crate::spreadsheets::{self, Limits, ReadError, Sheet, Workbook};

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read at all.
    #[error("{0}")]
    Unreadable(#[from] ReadError),
    #[error("{0}")]
    Refused(Refusal),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl From<Refusal> for ImportError {
    fn from(refusal: Refusal) -> Self {
        ImportError::Refused(refusal)
    }
}

impl From<WriteError> for ImportError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Refused(refusal) => ImportError::Refused(refusal),
            WriteError::Database(error) => ImportError::Database(error),
        }
    }
}

/// A file as uploaded.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Where an import goes: a country and one of its owners.
pub struct Destination<'a> {
    pub iso3: &'a str,
    pub owner_code: &'a str,
}

/// What the file would do, with nothing written.
pub async fn preview(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<Preview, ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    Ok(analyse(db, &owner, upload, options, limits, today).await?.0)
}

/// Imports the file when every row passes: all its updates in one transaction, recorded as one
/// batch with the file kept. A file with any error writes nothing; the preview says why.
pub async fn commit(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<(Preview, Option<i32>), ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    let (preview, groups, format) = analyse(db, &owner, upload, options, limits, today).await?;
    if !preview.is_clean() {
        return Ok((preview, None));
    }
    let txn = db.begin().await?;
    let uploader = author(&txn, actor).await?;
    let batch = import_batch::ActiveModel {
        owner_id: Set(owner.id),
        uploader_id: Set(uploader),
        file_name: Set(upload.file_name.clone()),
        format: Set(format),
        sha256: Set(hex::encode(Sha256::digest(&upload.bytes))),
        uploaded_at: Set(Utc::now()),
        sheet: Set(Some(preview.sheet.clone())),
        rows_read: Set(count(preview.counts.rows_read)),
        rows_accepted: Set(count(preview.counts.accepted)),
        rows_unchanged: Set(count(preview.counts.unchanged)),
        rows_rejected: Set(0),
        state: Set("committed".into()),
        committed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    import_file::ActiveModel {
        batch_id: Set(batch.id),
        content: Set(upload.bytes.clone()),
    }
    .insert(&txn)
    .await?;
    let ids: Vec<i32> = groups.iter().map(|g| g.commitment_id).collect();
    let mut commitments: HashMap<i32, commitment::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for c in commitment::Entity::find()
            .filter(commitment::Column::Id.is_in(chunk.iter().copied()))
            .all(&txn)
            .await?
        {
            commitments.insert(c.id, c);
        }
    }
    let mut created = 0;
    for group in groups.iter().filter(|g| !g.unchanged) {
        let (Some(update), Some(found)) = (&group.update, commitments.get(&group.commitment_id))
        else {
            continue;
        };
        let written = Written {
            source: Source::Import,
            batch: Some(batch.id),
        };
        insert(&txn, uploader, found, update, written)
            .await?
            .ok_or_else(|| changed_meanwhile(group.commitment_id))?;
        created += 1;
    }
    remember(&txn, owner.id, &preview, options).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(uploader),
            action: "import.commit",
            entity_type: "import_batch",
            entity_id: batch.id.to_string(),
            before: None,
            after: Some(json!({
                "owner": owner.code,
                "file_name": upload.file_name,
                "sha256": batch.sha256,
                "rows_read": preview.counts.rows_read,
                "accepted": preview.counts.accepted,
                "unchanged": preview.counts.unchanged,
                "updates_created": created,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((preview, Some(batch.id)))
}

/// Whom the updates are recorded under: the person, or the operator's account for work done
/// at the command line.
async fn author(db: &impl ConnectionTrait, actor: &Actor) -> Result<i32, DbErr> {
    match actor {
        Actor::Person(person) => Ok(person.user_id),
        Actor::Operator => crate::accounts::store::operator_account(db).await,
    }
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn changed_meanwhile(id: i32) -> Refusal {
    Refusal::Conflict {
        message: format!(
            "commitment {id} was changed while the file was being imported; nothing was written: import the file again"
        ),
        current_version: 0,
    }
}

/// The owner `to` names, when `actor` may report for it.
async fn owner_for(
    db: &DatabaseConnection,
    actor: &Actor,
    to: &Destination<'_>,
) -> Result<owner::Model, ImportError> {
    let iso3 = crate::plans::normalise_iso3(to.iso3);
    let code = to.owner_code.trim().to_ascii_uppercase();
    let unknown = || {
        Refusal::NotFound(format!(
            "{iso3} has no ministry or agency with the code {code}"
        ))
    };
    let country = country::Entity::find()
        .filter(country::Column::Iso3.eq(iso3.as_str()))
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    let owner = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(country.id))
        .filter(owner::Column::Code.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    if !actor.reports_for(country.id, owner.id) {
        return Err(Refusal::Forbidden(format!(
            "you may not import progress for {code} of {iso3}: only its focal points and the country's coordinator may"
        ))
        .into());
    }
    Ok(owner)
}

/// Reads and checks the file: the preview, the updates it makes, and its format's name.
async fn analyse(
    db: &DatabaseConnection,
    owner: &owner::Model,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<(Preview, Vec<Group>, String), ImportError> {
    let name = upload.file_name.clone();
    let bytes = upload.bytes.clone();
    // Reading is CPU work of up to seconds: it must not hold up the server's other requests.
    let workbook = tokio::task::spawn_blocking(move || spreadsheets::read(&name, &bytes, &limits))
        .await
        .map_err(|_| ReadError {
            file: upload.file_name.clone(),
            problem: "the file could not be read; save it again and upload the new copy".into(),
        })??;
    let remembered = remembered(db, owner.id).await?;
    let (sheet_index, layout) = choose_sheet(&upload.file_name, &workbook, options, &remembered)?;
    let sheet = &workbook.sheets[sheet_index];
    let (mut rows, _blank) = parse(sheet, &layout);
    let facts = facts(db, owner.country_id).await?;
    let importer = Importer {
        owner_id: owner.id,
        owner_code: &owner.code,
        today,
    };
    let groups = if layout.missing().is_empty() {
        check(&mut rows, &facts, &importer)
    } else {
        Vec::new()
    };
    let preview = describe(&upload.file_name, sheet, &layout, &rows, &groups, &facts);
    Ok((
        preview,
        groups,
        format!("{:?}", workbook.format).to_lowercase(),
    ))
}

/// The sheet to import and its layout: the one named in `options`, else the one whose header
/// names the most fields; columns mapped by hand take precedence.
fn choose_sheet(
    file_name: &str,
    workbook: &Workbook,
    options: &ImportOptions,
    remembered: &Remembered,
) -> Result<(usize, Layout), ImportError> {
    let fail = |problem: String| {
        ImportError::Unreadable(ReadError {
            file: file_name.to_owned(),
            problem,
        })
    };
    let names = || {
        workbook
            .sheets
            .iter()
            .map(|s| format!("'{}'", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let layouts: Vec<Layout> = workbook
        .sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            options
                .sheet
                .as_ref()
                .is_none_or(|wanted| workbook.sheets[*i].name == *wanted)
        })
        .filter(|(_, sheet)| !sheet.rows.is_empty())
        .map(|(i, sheet)| {
            find_layout(i, sheet, remembered).unwrap_or(Layout {
                sheet: i,
                header_index: 0,
                columns: Default::default(),
            })
        })
        .collect();
    if let Some(wanted) = &options.sheet {
        if !workbook.sheets.iter().any(|s| s.name == *wanted) {
            return Err(fail(format!(
                "there is no sheet '{wanted}'; the file has {}",
                names()
            )));
        }
    }
    let complete: Vec<&Layout> = layouts.iter().filter(|l| l.missing().is_empty()).collect();
    let best = complete.iter().map(|l| l.columns.len()).max();
    let tied: Vec<&&Layout> = complete
        .iter()
        .filter(|l| Some(l.columns.len()) == best)
        .collect();
    let mut layout = match tied[..] {
        [one] => (*one).clone(),
        [] => layouts
            .iter()
            .max_by_key(|l| l.columns.len())
            .cloned()
            .ok_or_else(|| fail("the file has no rows with data".into()))?,
        _ => {
            let sheets: Vec<String> = tied
                .iter()
                .map(|l| format!("'{}'", workbook.sheets[l.sheet].name))
                .collect();
            return Err(fail(format!(
                "sheets {} all hold progress columns; choose the sheet to import",
                sheets.join(" and ")
            )));
        }
    };
    for (field, column) in &options.mapping {
        layout.columns.insert(*field, *column);
    }
    Ok((layout.sheet, layout))
}

/// What the check knows of every commitment of the country.
async fn facts(
    db: &DatabaseConnection,
    country_id: i32,
) -> Result<HashMap<i32, CommitmentFacts>, DbErr> {
    let plan_ids: Vec<i32> = action_plan::Entity::find()
        .filter(action_plan::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let commitments = commitment::Entity::find()
        .filter(commitment::Column::PlanId.is_in(plan_ids))
        .all(db)
        .await?;
    let ids: Vec<i32> = commitments.iter().map(|c| c.id).collect();
    let owners: HashMap<i32, String> = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect();
    let mut targets: HashMap<i32, Vec<i32>> = HashMap::new();
    let mut recorded: HashMap<i32, HashSet<Fingerprint>> = HashMap::new();
    let undone = undone_updates(db, &owners.keys().copied().collect::<Vec<_>>()).await?;
    for chunk in ids.chunks(500) {
        for t in target::Entity::find()
            .filter(target::Column::CommitmentId.is_in(chunk.iter().copied()))
            .order_by_asc(target::Column::Id)
            .all(db)
            .await?
        {
            targets.entry(t.commitment_id).or_default().push(t.id);
        }
        for (id, updates) in history(db, chunk).await? {
            recorded.entry(id).or_default().extend(
                updates
                    .iter()
                    .filter(|u| !undone.contains(&u.id))
                    .map(Fingerprint::of_update),
            );
        }
    }
    Ok(commitments
        .into_iter()
        .map(|c| {
            let facts = CommitmentFacts {
                title: c.title,
                lead_owner_id: c.lead_owner_id,
                lead_owner_code: owners.get(&c.lead_owner_id).cloned().unwrap_or_default(),
                start_date: c.start_date,
                target_ids: targets.remove(&c.id).unwrap_or_default(),
                recorded: recorded.remove(&c.id).unwrap_or_default(),
            };
            (c.id, facts)
        })
        .collect())
}

/// Updates that came from batches since undone: they no longer count as recorded.
async fn undone_updates(db: &DatabaseConnection, owner_ids: &[i32]) -> Result<HashSet<i32>, DbErr> {
    use crate::progress::entities::progress_update;
    let batches: Vec<i32> = import_batch::Entity::find()
        .filter(import_batch::Column::OwnerId.is_in(owner_ids.iter().copied()))
        .filter(import_batch::Column::State.eq("undone"))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();
    if batches.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(progress_update::Entity::find()
        .filter(progress_update::Column::ImportBatchId.is_in(batches))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect())
}

/// The preview of checked rows.
fn describe(
    file_name: &str,
    sheet: &Sheet,
    layout: &Layout,
    rows: &[ParsedRow],
    groups: &[Group],
    facts: &HashMap<i32, CommitmentFacts>,
) -> Preview {
    let unchanged: HashSet<i32> = groups
        .iter()
        .filter(|g| g.unchanged && g.update.is_some())
        .map(|g| g.commitment_id)
        .collect();
    let mut counts = Counts::default();
    let mut errors = Vec::new();
    let mut preview_rows = Vec::with_capacity(rows.len());
    for row in rows {
        counts.rows_read += 1;
        let outcome = if !row.problems.is_empty() {
            counts.rejected += 1;
            Outcome::Rejected
        } else if row.commitment.is_some_and(|id| unchanged.contains(&id)) {
            counts.unchanged += 1;
            Outcome::Unchanged
        } else {
            counts.accepted += 1;
            Outcome::Create
        };
        for (field, message) in &row.problems {
            errors.push(Problem {
                sheet: sheet.name.clone(),
                row: row.number,
                column: field
                    .and_then(|f| layout.columns.get(&f))
                    .map(|c| column_name(sheet, layout, *c)),
                message: message.clone(),
            });
        }
        preview_rows.push(PreviewRow {
            row: row.number,
            commitment_id: row.commitment,
            target_id: row.target,
            title: row
                .commitment
                .and_then(|id| facts.get(&id))
                .map(|f| f.title.clone())
                .unwrap_or_default(),
            status: row.status,
            percent_complete: row.percent,
            outcome,
            problems: row.problems.iter().map(|(_, m)| m.clone()).collect(),
        });
    }
    let header = &sheet.rows[layout.header_index];
    Preview {
        file_name: file_name.to_owned(),
        sheet: sheet.name.clone(),
        header_row: header.number,
        columns: layout
            .columns
            .iter()
            .map(|(field, column)| ColumnChoice {
                field: *field,
                column: column_name(sheet, layout, *column),
            })
            .collect(),
        headers: (0..header.cells.len())
            .filter(|c| !header.cell(*c).is_empty())
            .map(|c| (c, column_name(sheet, layout, c)))
            .collect(),
        missing: layout.missing(),
        rows: preview_rows,
        counts,
        errors,
    }
}

/// The owner's remembered header mappings.
async fn remembered(db: &DatabaseConnection, owner_id: i32) -> Result<Remembered, DbErr> {
    Ok(import_mapping::Entity::find()
        .filter(import_mapping::Column::OwnerId.eq(owner_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Field::parse(&m.field).map(|f| (m.header, f)))
        .collect())
}

/// Remembers the columns mapped by hand, by their header, for the owner's next upload.
async fn remember(
    txn: &impl ConnectionTrait,
    owner_id: i32,
    preview: &Preview,
    options: &ImportOptions,
) -> Result<(), DbErr> {
    for (field, column) in &options.mapping {
        let Some((_, name)) = preview.headers.iter().find(|(c, _)| c == column) else {
            continue;
        };
        // `name` is "D 'Header'": the header is what stands between the quotes.
        let header = normalise(
            name.split_once('\'')
                .map_or("", |(_, rest)| rest.trim_end_matches('\'')),
        );
        import_mapping::Entity::delete_many()
            .filter(import_mapping::Column::OwnerId.eq(owner_id))
            .filter(import_mapping::Column::Header.eq(header.as_str()))
            .exec(txn)
            .await?;
        import_mapping::ActiveModel {
            owner_id: Set(owner_id),
            header: Set(header),
            field: Set(field.as_str().to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The batches imported for an owner, newest first.
pub async fn batches(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
) -> Result<Vec<Batch>, ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    let rows = import_batch::Entity::find()
        .filter(import_batch::Column::OwnerId.eq(owner.id))
        .order_by_desc(import_batch::Column::Id)
        .all(db)
        .await?;
    let uploaders: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|b| b.uploader_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|b| Batch {
            id: b.id,
            owner_code: owner.code.clone(),
            file_name: b.file_name,
            sha256: b.sha256,
            uploader: uploaders.get(&b.uploader_id).cloned().unwrap_or_default(),
            uploaded_at: b.uploaded_at,
            counts: Counts {
                rows_read: b.rows_read as usize,
                accepted: b.rows_accepted as usize,
                unchanged: b.rows_unchanged as usize,
                rejected: b.rows_rejected as usize,
            },
            state: b.state,
        })
        .collect())
}

/// Undoes committed batch `batch_id`: every commitment it moved gets a new update restoring
/// the status and % complete reported before, so history shows both the import and its undo.
/// Refused when a commitment has been updated since: undoing would hide that newer report.
pub async fn undo(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    today: NaiveDate,
) -> Result<usize, WriteError> {
    use crate::progress::entities::progress_update;
    let txn = db.begin().await?;
    let person = author(&txn, actor).await?;
    let not_found = || Refusal::NotFound(format!("there is no import batch {batch_id}"));
    let batch = import_batch::Entity::find_by_id(batch_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let owner = owner::Entity::find_by_id(batch.owner_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    if batch.uploader_id != person && !actor.coordinates(owner.country_id) {
        return Err(Refusal::Forbidden(format!(
            "import batch {batch_id} can be undone by the person who uploaded it or the country's coordinator"
        ))
        .into());
    }
    if batch.state != "committed" {
        return Err(Refusal::Invalid(vec![crate::refusal::FieldError::new(
            "batch",
            format!(
                "import batch {batch_id} is {}, not committed: there is nothing to undo",
                batch.state
            ),
        )])
        .into());
    }
    let imported = progress_update::Entity::find()
        .filter(progress_update::Column::ImportBatchId.eq(batch_id))
        .all(&txn)
        .await?;
    let ids: Vec<i32> = imported.iter().map(|u| u.commitment_id).collect();
    let histories = history(&txn, &ids).await?;
    let mut restored = 0;
    for update in &imported {
        let found = commitment::Entity::find_by_id(update.commitment_id)
            .one(&txn)
            .await?
            .ok_or_else(not_found)?;
        let updates = histories.get(&found.id).cloned().unwrap_or_default();
        if updates.first().is_some_and(|newest| newest.id > update.id) {
            return Err(Refusal::Conflict {
                message: format!(
                    "commitment {} has been updated since this import; undoing it would hide that report, so nothing was changed",
                    found.id
                ),
                current_version: found.version,
            }
            .into());
        }
        // The report before the import, as it stood.
        let before = updates.iter().find(|u| u.id < update.id);
        let compensation = ValidUpdate {
            reporting_date: today,
            status: before.map(|u| u.status).unwrap_or_default(),
            percent_complete: before.and_then(|u| u.percent_complete),
            narrative: format!(
                "Import of '{}' (batch {batch_id}) undone: the status reported before it is restored.",
                batch.file_name
            ),
            evidence_urls: Vec::new(),
            indicator_values: before.map(|u| u.indicator_values.clone()).unwrap_or_default(),
            version: None,
        };
        let written = Written {
            source: Source::Import,
            batch: Some(batch_id),
        };
        // `insert` keeps % complete when the update has none; restoring "none" clears it.
        insert(&txn, person, &found, &compensation, written)
            .await?
            .ok_or_else(|| changed_meanwhile(found.id))?;
        if compensation.percent_complete.is_none() {
            commitment::Entity::update_many()
                .col_expr(
                    commitment::Column::PercentComplete,
                    sea_orm::sea_query::Expr::value(Option::<i32>::None),
                )
                .filter(commitment::Column::Id.eq(found.id))
                .exec(&txn)
                .await?;
        }
        restored += 1;
    }
    let mut undone: import_batch::ActiveModel = batch.clone().into();
    undone.state = Set("undone".into());
    undone.undone_at = Set(Some(Utc::now()));
    undone.undone_by_id = Set(Some(person));
    undone.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(person),
            action: "import.undo",
            entity_type: "import_batch",
            entity_id: batch_id.to_string(),
            before: Some(json!({ "state": batch.state })),
            after: Some(json!({ "state": "undone", "commitments_restored": restored })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(restored)
}
