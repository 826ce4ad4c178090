//! Two closed cycles compared, commitment by commitment: what moved along the scale, what
//! slipped back, what is new and what is no longer public.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr};

use super::read::{cycle, frozen};
use super::{CycleComparison, Frozen, Moved};

/// How a commitment went from one cycle to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Course {
    Moved,
    Slipped,
    Unchanged,
}

/// Further along the scale (or a larger share at the same status) is a move; back along the
/// scale, a withdrawal, a smaller share at the same status, or newly overdue is a slip. A
/// slip outweighs a larger share. An unknown share (none reported) counts as 0.
pub fn course(before: &Frozen, after: &Frozen) -> Course {
    let steps = (before.status.step(), after.status.step());
    let withdrawn = matches!(steps, (Some(_), None));
    let back = matches!(steps, (Some(a), Some(b)) if b < a);
    let forward = matches!(steps, (Some(a), Some(b)) if b > a);
    let share = |f: &Frozen| f.percent_complete.unwrap_or(0);
    let same = before.status == after.status;
    let smaller = same && share(after) < share(before);
    let larger = same && share(after) > share(before);
    if withdrawn || back || smaller || (after.overdue && !before.overdue) {
        return Course::Slipped;
    }
    if forward || larger {
        Course::Moved
    } else {
        Course::Unchanged
    }
}

/// Cycles `a` and `b` compared, the one closed earlier first; `None` unless both exist and
/// are closed.
pub async fn compare(
    db: &impl ConnectionTrait,
    a: i32,
    b: i32,
) -> Result<Option<CycleComparison>, DbErr> {
    let (Some(a), Some(b)) = (cycle(db, a).await?, cycle(db, b).await?) else {
        return Ok(None);
    };
    if !a.is_closed() || !b.is_closed() {
        return Ok(None);
    }
    let (earlier, later) = if (a.closed_at, a.id) <= (b.closed_at, b.id) {
        (a, b)
    } else {
        (b, a)
    };
    let mut before: HashMap<i32, Frozen> = frozen(db, earlier.id)
        .await?
        .into_iter()
        .map(|f| (f.commitment_id, f))
        .collect();
    let mut comparison = CycleComparison {
        moved: Vec::new(),
        slipped: Vec::new(),
        new: Vec::new(),
        gone: Vec::new(),
        unchanged: 0,
        earlier,
        later,
    };
    for after in frozen(db, comparison.later.id).await? {
        let Some(before) = before.remove(&after.commitment_id) else {
            comparison.new.push(after);
            continue;
        };
        match course(&before, &after) {
            Course::Moved => comparison.moved.push(Moved { before, after }),
            Course::Slipped => comparison.slipped.push(Moved { before, after }),
            Course::Unchanged => comparison.unchanged += 1,
        }
    }
    let mut gone: Vec<Frozen> = before.into_values().collect();
    gone.sort_by(|x, y| (&x.country_name, &x.reference).cmp(&(&y.country_name, &y.reference)));
    comparison.gone = gone;
    Ok(Some(comparison))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::Status;

    fn at(status: Status, percent: Option<i32>, overdue: bool) -> Frozen {
        Frozen {
            commitment_id: 1,
            country: "KEN".into(),
            country_name: "Kenya".into(),
            reference: "C-01".into(),
            title: "Birth registration".into(),
            status,
            percent_complete: percent,
            overdue,
        }
    }

    #[test]
    fn a_step_forward_or_a_larger_share_is_a_move() {
        let limited = at(Status::Limited, Some(20), false);
        assert_eq!(
            course(&limited, &at(Status::Substantial, Some(20), false)),
            Course::Moved
        );
        assert_eq!(
            course(&limited, &at(Status::Limited, Some(30), false)),
            Course::Moved
        );
        assert_eq!(
            course(&at(Status::Limited, None, false), &limited),
            Course::Moved
        );
    }

    #[test]
    fn a_step_back_a_withdrawal_or_falling_overdue_is_a_slip() {
        let substantial = at(Status::Substantial, Some(60), false);
        assert_eq!(
            course(&substantial, &at(Status::Limited, Some(60), false)),
            Course::Slipped
        );
        assert_eq!(
            course(&substantial, &at(Status::Withdrawn, None, false)),
            Course::Slipped
        );
        assert_eq!(
            course(&substantial, &at(Status::Substantial, Some(50), false)),
            Course::Slipped
        );
        // Newly overdue slips even with a larger share.
        assert_eq!(
            course(&substantial, &at(Status::Substantial, Some(70), true)),
            Course::Slipped
        );
    }

    #[test]
    fn standing_still_is_unchanged() {
        let limited = at(Status::Limited, Some(20), true);
        assert_eq!(course(&limited, &limited.clone()), Course::Unchanged);
        let withdrawn = at(Status::Withdrawn, None, false);
        assert_eq!(course(&withdrawn, &withdrawn.clone()), Course::Unchanged);
    }
}
