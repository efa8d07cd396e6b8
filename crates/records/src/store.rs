//! The interface every records backend implements (SQLite on a desktop,
//! PostgreSQL for a company with many sites), and what can go wrong, in
//! terms a trainer can act on.

use std::path::PathBuf;

use crate::model::{
    Assignment, AttemptEnd, AttemptStart, AttemptSummary, CertificationRow, Contest, Person, Site,
    TurnRow,
};
use crate::sync::{Table, Value};

/// Why the records could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The database file could not be opened or created.
    #[error("cannot open the records at {}: {reason}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// Another program held the database locked for longer than we wait.
    #[error("the records are locked by another program; close it, or try again")]
    Locked,
    /// The file, its folder or the disk is read-only.
    #[error("the records are read-only: {reason}")]
    ReadOnly {
        /// The system's reason.
        reason: String,
    },
    /// The disk is full.
    #[error("the disk holding the records is full")]
    DiskFull,
    /// The database was written by a newer courtesy; it is left untouched.
    #[error(
        "the records were written by a newer courtesy (schema {found}; this one knows up to {known}); it is left untouched"
    )]
    NewerSchema {
        /// The database's schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// The file is not a courtesy records database (or is damaged).
    #[error("{} is not a courtesy records database, or it is damaged: {reason}", path.display())]
    NotRecords {
        /// The file.
        path: PathBuf,
        /// What the database said.
        reason: String,
    },
    /// A row refers to one that does not exist, or repeats a unique key.
    #[error("refused: {0}")]
    Refused(String),
    /// Anything else the database reported.
    #[error("database error: {0}")]
    Other(String),
}

/// A records backend. Every write is one transaction, durable when it
/// returns; nothing is ever updated or deleted.
pub trait RecordStore {
    /// Adds a site.
    fn add_site(&mut self, site: &Site) -> Result<(), RecordError>;
    /// Every site.
    fn sites(&self) -> Result<Vec<Site>, RecordError>;
    /// Adds a person to the roster.
    fn add_person(&mut self, person: &Person) -> Result<(), RecordError>;
    /// The roster, by employee number.
    fn people(&self) -> Result<Vec<Person>, RecordError>;
    /// Has an attempt of this game session been recorded?
    fn has_session(&self, session: &str) -> Result<bool, RecordError>;
    /// Records that an attempt began.
    fn begin_attempt(&mut self, start: &AttemptStart) -> Result<(), RecordError>;
    /// Commits one turn of an attempt, as it is played.
    fn record_turn(&mut self, turn: &TurnRow) -> Result<(), RecordError>;
    /// Records how an attempt ended.
    fn finish_attempt(&mut self, end: &AttemptEnd) -> Result<(), RecordError>;
    /// A person's attempts, oldest first.
    fn history(&self, person: &str) -> Result<Vec<AttemptSummary>, RecordError>;
    /// The turns of an attempt, in order.
    fn turns(&self, attempt: &str) -> Result<Vec<TurnRow>, RecordError>;
    /// Enrols a person in a curriculum.
    fn assign(&mut self, assignment: &Assignment) -> Result<(), RecordError>;
    /// A person's assignments, oldest first.
    fn assignments(&self, person: &str) -> Result<Vec<Assignment>, RecordError>;
    /// Records a certification (once per person, curriculum and date).
    fn certify(&mut self, cert: &CertificationRow) -> Result<(), RecordError>;
    /// A person's certifications, oldest first.
    fn certifications(&self, person: &str) -> Result<Vec<CertificationRow>, RecordError>;
    /// Records a trainee's doubt about a turn's verdict.
    fn contest(&mut self, contest: &Contest) -> Result<(), RecordError>;
    /// Every contested verdict, oldest first.
    fn contests(&self) -> Result<Vec<Contest>, RecordError>;
    /// Inserts rows into tables of [`crate::sync::TABLES`], all in one
    /// transaction; a row whose key is already there is left as it is.
    /// Says, row by row, which were new.
    fn insert_rows(
        &mut self,
        rows: &[(&'static Table, Vec<Value>)],
    ) -> Result<Vec<bool>, RecordError>;
    /// The rows of `table` whose `filter` column holds its value (every row
    /// for none), ordered by the column `order`.
    fn select_rows(
        &self,
        table: &'static Table,
        filter: Option<(&str, Value)>,
        order: &str,
    ) -> Result<Vec<Vec<Value>>, RecordError>;
    /// The rows of `table` whose integer `column` lies in `from..to`,
    /// ordered by that column.
    fn select_range(
        &self,
        table: &'static Table,
        column: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<Vec<Value>>, RecordError>;
    /// People under a site (itself and every site below it) who have
    /// finished `scenario` with a pass, and how many people are there.
    fn site_completion(&self, site: &str, scenario: &str) -> Result<(u64, u64), RecordError>;
}
