//! The one-time import of the log the game and the terminal mode wrote
//! before the records existed (`results.jsonl`): each finished scenario
//! becomes an attempt with its turns and result. It is safe to run again:
//! a session already recorded is skipped. The JSONL log itself is still
//! written, as an export a trainer can read without courtesy.

use courtesy_core::play::ResultRecord;

use crate::model::{AttemptEnd, AttemptStart, Person, TurnRow, content_hash, new_id};
use crate::store::{RecordError, RecordStore};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Finished scenarios added.
    pub imported: usize,
    /// Already in the records (imported before, or recorded live).
    pub already: usize,
    /// Of those added, how many were matched to one person of the roster
    /// by name (the others keep the name they were played under).
    pub matched: usize,
}

/// Imports finished scenarios from `results.jsonl` records. A trainee name
/// that matches exactly one person of `roster` is recorded as that person.
pub fn import_results(
    store: &mut dyn RecordStore,
    records: &[ResultRecord],
    roster: &[Person],
) -> Result<ImportReport, RecordError> {
    let mut report = ImportReport::default();
    for record in records {
        // Records from before sessions had ids are named by their content.
        let session = if record.session.is_empty() {
            let text = serde_json::to_string(record).unwrap_or_default();
            format!("import-{}", content_hash(&text))
        } else {
            record.session.clone()
        };
        if store.has_session(&session)? {
            report.already += 1;
            continue;
        }
        let name = record.trainee.clone().filter(|n| !n.trim().is_empty());
        let mut matches = roster.iter().filter(|p| Some(&p.name) == name.as_ref());
        let person = match (matches.next(), matches.next()) {
            (Some(p), None) => Some(p.id.clone()),
            _ => None,
        };
        let r = &record.result;
        let attempt = new_id();
        store.begin_attempt(&AttemptStart {
            id: attempt.clone(),
            person: person.clone(),
            trainee_name: name,
            scenario: r.scenario.clone(),
            scenario_hash: String::new(),
            mode: record.mode,
            assignment: None,
            seed: r.seed,
            session,
            started_at: record.finished_at,
        })?;
        for (i, turn) in r.transcript.iter().enumerate() {
            store.record_turn(&TurnRow::from_record(
                &attempt,
                i as u32 + 1,
                turn,
                record.finished_at,
            ))?;
        }
        store.finish_attempt(&AttemptEnd::from_result(&attempt, r, record.finished_at))?;
        report.imported += 1;
        report.matched += usize::from(person.is_some());
    }
    Ok(report)
}
