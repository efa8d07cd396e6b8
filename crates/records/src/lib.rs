//! courtesy's training records: who trained on what. Sites form a tree
//! (company → region → service centre); people belong to a site and a job
//! role; an attempt at a scenario is begun, its turns are committed one by
//! one as they are played, and its result is added when it ends;
//! assignments enrol a person in a curriculum with a due date, and
//! certifications record what the curriculum rules granted.
//!
//! | module | owns |
//! |---|---|
//! | [`model`] | the rows, as types, and client-made ids (UUIDv7) |
//! | [`store`] | the [`RecordStore`] trait every backend implements, and its errors |
//! | [`sqlite`] | the embedded default: one SQLite file (WAL), versioned schema, append-only |
//! | `postgres` | (feature `postgres`) the same tables in PostgreSQL, for a company with many sites |
//! | [`sync`] | sending a desktop's records to PostgreSQL, idempotent and resumable |
//! | [`journal`] | pending writes kept in order while the database cannot take them, retried later |
//! | [`xapi`] | xAPI statements in the cmi5 shape, for a learning-management system |
//! | [`import`] | the one-time import of `results.jsonl`, and JSONL as an export |
//! | [`findings`] | mystery-shopper findings, the drills they assign, shifts, waivers and reviews |
//! | [`export`] | a report as CSV (with a BOM), XLSX with native charts, printable HTML |
//! | [`report`] | a month's report for trainers: completion, pass rates, rules missed, drills |
//! | [`review`] | the review queue of contested verdicts, proposed examples, agreement by month |
//! | [`sheet`] | shopper sheets as files (XLSX, CSV in UTF-8 or GB18030) and the import template |
//!
//! Records are **append-only**: nothing is updated or deleted (the SQLite
//! schema refuses it with triggers); a correction is a new row. Ids are made
//! on the client, so records from many machines never collide.

mod columns;
pub mod export;
pub mod findings;
pub mod import;
pub mod journal;
pub mod model;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod report;
pub mod review;
pub mod sheet;
pub mod sqlite;
pub mod store;
pub mod sync;
pub mod xapi;

pub use model::{
    Assignment, AttemptEnd, AttemptStart, AttemptSummary, CertificationRow, Contest, Person, Site,
    SiteKind, TurnRow, new_id,
};
pub use sqlite::SqliteStore;
pub use store::{RecordError, RecordStore};
