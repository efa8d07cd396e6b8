//! The embedded records: one SQLite file (bundled SQLite, WAL, full sync),
//! its schema versioned in the code (`PRAGMA user_version`, migrations run
//! in a transaction), and append-only by construction: triggers refuse
//! every UPDATE and DELETE. A database from a newer courtesy is refused
//! before anything is written to it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, params};

use courtesy_core::curriculum::JobRole;

use crate::columns::{list, mode_key, mode_of, to_json, verdict_key, verdict_of};
use crate::model::{
    Assignment, AttemptEnd, AttemptStart, AttemptSummary, CertificationRow, Contest, Person, Site,
    SiteKind, TurnRow,
};
use crate::store::{RecordError, RecordStore};
use crate::sync::{Table, Value};

/// The schema this build writes; older databases are migrated up to it.
pub const SCHEMA_VERSION: i64 = 4;

/// `PRAGMA application_id` of a courtesy records file ("cour").
const APPLICATION_ID: i64 = 0x636f_7572;

/// How long a write waits for another program's lock, unless set.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: [&str; 4] = [
    r#"
CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    parent TEXT REFERENCES sites(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    employee_no TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    site TEXT REFERENCES sites(id),
    job_role TEXT NOT NULL,
    hired_on TEXT
);
CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    person TEXT REFERENCES people(id),
    trainee_name TEXT,
    scenario TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    mode TEXT NOT NULL,
    assignment TEXT,
    seed INTEGER NOT NULL,
    session TEXT NOT NULL UNIQUE,
    started_at INTEGER NOT NULL
);
CREATE TABLE turns (
    id TEXT PRIMARY KEY,
    attempt TEXT NOT NULL REFERENCES attempts(id),
    number INTEGER NOT NULL,
    node TEXT,
    reply TEXT NOT NULL,
    verdict TEXT NOT NULL,
    score INTEGER NOT NULL,
    met TEXT NOT NULL,
    missed TEXT NOT NULL,
    hits TEXT NOT NULL,
    at INTEGER NOT NULL,
    UNIQUE (attempt, number)
);
CREATE TABLE attempt_results (
    attempt TEXT PRIMARY KEY REFERENCES attempts(id),
    finished_at INTEGER NOT NULL,
    score INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    critical_miss INTEGER NOT NULL,
    ending TEXT
);
CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    curriculum TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at INTEGER NOT NULL,
    due_at INTEGER
);
CREATE TABLE certifications (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    curriculum TEXT NOT NULL,
    certified_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    UNIQUE (person, curriculum, certified_at)
);
CREATE INDEX people_site ON people(site);
CREATE INDEX attempts_person ON attempts(person, started_at);
CREATE INDEX attempts_scenario ON attempts(scenario, person);
CREATE INDEX assignments_person ON assignments(person);
CREATE INDEX certifications_person ON certifications(person);
"#,
    r#"
-- How far each table has been sent to each remote store (a row per sync).
CREATE TABLE sync_marks (
    remote TEXT NOT NULL,
    tbl TEXT NOT NULL,
    last_rowid INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sync_marks_remote ON sync_marks(remote, tbl, last_rowid);
CREATE TRIGGER sync_marks_append_only_update BEFORE UPDATE ON sync_marks
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER sync_marks_append_only_delete BEFORE DELETE ON sync_marks
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
"#,
    r#"
-- A trainee's doubt about a turn's verdict, for the trainers' review.
CREATE TABLE contests (
    id TEXT PRIMARY KEY,
    attempt TEXT NOT NULL REFERENCES attempts(id),
    turn INTEGER NOT NULL,
    comment TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE TRIGGER contests_append_only_update BEFORE UPDATE ON contests
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER contests_append_only_delete BEFORE DELETE ON contests
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
"#,
    r#"
-- Mystery-shopper findings, the drills they assign, the shifts people work,
-- trainers' decisions on drills and findings, and reviews of contested verdicts.
CREATE TABLE shifts (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    shift TEXT NOT NULL,
    from_day INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    firm TEXT NOT NULL,
    visit TEXT NOT NULL,
    site TEXT NOT NULL REFERENCES sites(id),
    channel TEXT NOT NULL,
    person TEXT REFERENCES people(id),
    shift TEXT,
    observed_on INTEGER NOT NULL,
    observed_at TEXT,
    score_centi INTEGER,
    source TEXT NOT NULL,
    imported_at INTEGER NOT NULL
);
CREATE TABLE finding_items (
    id TEXT PRIMARY KEY,
    finding TEXT NOT NULL REFERENCES findings(id),
    seq INTEGER NOT NULL,
    category TEXT NOT NULL,
    critical INTEGER NOT NULL,
    result TEXT NOT NULL,
    comment TEXT NOT NULL,
    skills TEXT NOT NULL
);
CREATE TABLE finding_events (
    id TEXT PRIMARY KEY,
    finding TEXT NOT NULL REFERENCES findings(id),
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE TABLE drills (
    id TEXT PRIMARY KEY,
    finding TEXT NOT NULL REFERENCES findings(id),
    person TEXT NOT NULL REFERENCES people(id),
    category TEXT NOT NULL,
    skills TEXT NOT NULL,
    assigned_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    passes_needed INTEGER NOT NULL,
    escalate_after INTEGER NOT NULL
);
CREATE TABLE drill_events (
    id TEXT PRIMARY KEY,
    drill TEXT NOT NULL REFERENCES drills(id),
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    contest TEXT NOT NULL REFERENCES contests(id),
    decision TEXT NOT NULL,
    note TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX shifts_person ON shifts(person);
CREATE INDEX findings_site ON findings(site, observed_on);
CREATE INDEX finding_items_finding ON finding_items(finding);
CREATE INDEX finding_events_finding ON finding_events(finding);
CREATE INDEX drills_person ON drills(person);
CREATE INDEX drills_finding ON drills(finding);
CREATE INDEX drill_events_drill ON drill_events(drill);
CREATE INDEX reviews_contest ON reviews(contest);
CREATE INDEX attempts_started ON attempts(started_at);
CREATE INDEX turns_at ON turns(at);
CREATE TRIGGER shifts_append_only_update BEFORE UPDATE ON shifts
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER shifts_append_only_delete BEFORE DELETE ON shifts
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER findings_append_only_update BEFORE UPDATE ON findings
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER findings_append_only_delete BEFORE DELETE ON findings
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER finding_items_append_only_update BEFORE UPDATE ON finding_items
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER finding_items_append_only_delete BEFORE DELETE ON finding_items
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER finding_events_append_only_update BEFORE UPDATE ON finding_events
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER finding_events_append_only_delete BEFORE DELETE ON finding_events
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER drills_append_only_update BEFORE UPDATE ON drills
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER drills_append_only_delete BEFORE DELETE ON drills
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER drill_events_append_only_update BEFORE UPDATE ON drill_events
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER drill_events_append_only_delete BEFORE DELETE ON drill_events
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER reviews_append_only_update BEFORE UPDATE ON reviews
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER reviews_append_only_delete BEFORE DELETE ON reviews
    BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
"#,
];

/// The tables whose rows may never change.
const TABLES: [&str; 7] =
    ["sites", "people", "attempts", "turns", "attempt_results", "assignments", "certifications"];

/// The records in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// `records.sqlite` in courtesy's state folder
    /// (`$XDG_STATE_HOME/courtesy`, else `~/.local/state/courtesy`).
    pub fn default_path() -> Option<PathBuf> {
        courtesy_core::ProgressStore::default_location().map(|s| s.dir().join("records.sqlite"))
    }

    /// Opens (or creates) the records at `path`, migrating an older schema
    /// and refusing a newer one untouched.
    pub fn open(path: &Path) -> Result<SqliteStore, RecordError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_error(path, &e.to_string()))?;
        }
        let conn = Connection::open(path).map_err(|e| open_error(path, &e.to_string()))?;
        SqliteStore::prepare(conn, path)
    }

    /// Records in memory, for tests and benchmarks.
    pub fn in_memory() -> Result<SqliteStore, RecordError> {
        let conn = Connection::open_in_memory().map_err(|e| map(e, Path::new(":memory:")))?;
        SqliteStore::prepare(conn, Path::new(":memory:"))
    }

    fn prepare(conn: Connection, path: &Path) -> Result<SqliteStore, RecordError> {
        let store = SqliteStore { conn, path: path.to_path_buf() };
        let fail = |e| map(e, path);
        store.conn.busy_timeout(BUSY_WAIT).map_err(fail)?;
        // Read before anything is written: a newer or foreign file is left alone.
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| not_records(path, e))?;
        let app: i64 =
            store.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(fail)?;
        let tables: i64 = store
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| not_records(path, e))?;
        if version > SCHEMA_VERSION {
            return Err(RecordError::NewerSchema { found: version, known: SCHEMA_VERSION });
        }
        if tables > 0 && app != APPLICATION_ID {
            return Err(RecordError::NotRecords {
                path: path.to_path_buf(),
                reason: "it holds tables of another program".into(),
            });
        }
        store.conn.pragma_update(None, "foreign_keys", "ON").map_err(fail)?;
        let mode: String =
            store.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(fail)?;
        if mode != "wal" && mode != "memory" {
            return Err(RecordError::Other(format!("the journal mode stayed {mode}")));
        }
        // Every acknowledged commit is on disk, even after a power cut.
        store.conn.pragma_update(None, "synchronous", "FULL").map_err(fail)?;
        store.migrate(version)?;
        Ok(store)
    }

    fn migrate(&self, from: i64) -> Result<(), RecordError> {
        let fail = |e| map(e, &self.path);
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
            let next = i as i64 + 1;
            let mut script = format!("BEGIN IMMEDIATE;\n{sql}\n");
            if i == 0 {
                script.push_str(&format!("PRAGMA application_id = {APPLICATION_ID};\n"));
                for t in TABLES {
                    script.push_str(&format!(
                        "CREATE TRIGGER {t}_append_only_update BEFORE UPDATE ON {t} \
                         BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;\n\
                         CREATE TRIGGER {t}_append_only_delete BEFORE DELETE ON {t} \
                         BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;\n"
                    ));
                }
            }
            script.push_str(&format!("PRAGMA user_version = {next};\nCOMMIT;"));
            if let Err(e) = self.conn.execute_batch(&script) {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(fail(e));
            }
        }
        Ok(())
    }

    /// The file's schema version.
    pub fn schema_version(&self) -> Result<i64, RecordError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| map(e, &self.path))
    }

    /// SQLite's own check of the file: `ok` when it is sound.
    pub fn integrity_check(&self) -> Result<String, RecordError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| map(e, &self.path))
    }

    /// How long a write waits for another program's lock (5 s unless set).
    pub fn set_busy_wait(&mut self, wait: Duration) -> Result<(), RecordError> {
        self.conn.busy_timeout(wait).map_err(|e| map(e, &self.path))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs a write; its error names the file.
    fn write(&self, sql: &str, params: impl rusqlite::Params) -> Result<(), RecordError> {
        self.conn.execute(sql, params).map(|_| ()).map_err(|e| map(e, &self.path))
    }
}

impl SqliteStore {
    /// Rows of `table` (one of [`crate::sync::TABLES`]) after `rowid`, oldest
    /// first, at most `limit`, with their rowids.
    pub fn rows_after(
        &self,
        table: &crate::sync::Table,
        rowid: i64,
        limit: usize,
    ) -> Result<Vec<(i64, Vec<rusqlite::types::Value>)>, RecordError> {
        let fail = |e| map(e, &self.path);
        let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "SELECT rowid, {} FROM {} WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            columns.join(", "),
            table.name
        );
        let mut q = self.conn.prepare(&sql).map_err(fail)?;
        let rows = q
            .query_map(params![rowid, limit as i64], |r| {
                let values = (0..columns.len()).map(|i| r.get(i + 1)).collect::<Result<_, _>>()?;
                Ok((r.get(0)?, values))
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// The last rowid of `table` sent to `remote` (0 before the first sync).
    pub fn sync_mark(&self, remote: &str, table: &str) -> Result<i64, RecordError> {
        self.conn
            .query_row(
                "SELECT coalesce(max(last_rowid), 0) FROM sync_marks WHERE remote = ?1 AND tbl = ?2",
                params![remote, table],
                |r| r.get(0),
            )
            .map_err(|e| map(e, &self.path))
    }

    /// Notes that `table` has been sent to `remote` up to `rowid`.
    pub fn add_sync_mark(&self, remote: &str, table: &str, rowid: i64) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO sync_marks (remote, tbl, last_rowid, at) VALUES (?1, ?2, ?3, ?4)",
            params![remote, table, rowid, int(crate::model::now())],
        )
    }
}

fn open_error(path: &Path, reason: &str) -> RecordError {
    RecordError::Open { path: path.to_path_buf(), reason: reason.to_string() }
}

fn not_records(path: &Path, e: rusqlite::Error) -> RecordError {
    match map(e, path) {
        RecordError::Other(reason) => RecordError::NotRecords { path: path.to_path_buf(), reason },
        other => other,
    }
}

/// SQLite's errors in a trainer's terms.
fn map(e: rusqlite::Error, path: &Path) -> RecordError {
    match &e {
        rusqlite::Error::SqliteFailure(f, message) => {
            let reason = message.clone().unwrap_or_else(|| f.to_string());
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => RecordError::Locked,
                ErrorCode::ReadOnly => RecordError::ReadOnly { reason },
                ErrorCode::DiskFull => RecordError::DiskFull,
                ErrorCode::ConstraintViolation => RecordError::Refused(reason),
                ErrorCode::NotADatabase => {
                    RecordError::NotRecords { path: path.to_path_buf(), reason }
                }
                ErrorCode::CannotOpen | ErrorCode::PermissionDenied => open_error(path, &reason),
                _ => RecordError::Other(reason),
            }
        }
        _ => RecordError::Other(e.to_string()),
    }
}

/// Times and seeds are u64; SQLite's integers are i64 (same bits).
fn int(x: u64) -> i64 {
    x as i64
}

fn uint(row: &Row, i: usize) -> rusqlite::Result<u64> {
    row.get::<_, i64>(i).map(|x| x as u64)
}

const ATTEMPT_COLUMNS: &str = "a.id, a.person, a.trainee_name, a.scenario, a.scenario_hash, a.mode, \
     a.assignment, a.seed, a.session, a.started_at, r.finished_at, r.score, r.verdict, \
     r.critical_miss, r.ending, (SELECT count(*) FROM turns t WHERE t.attempt = a.id)";

fn attempt_row(row: &Row) -> rusqlite::Result<AttemptSummary> {
    let id: String = row.get(0)?;
    let start = AttemptStart {
        id: id.clone(),
        person: row.get(1)?,
        trainee_name: row.get(2)?,
        scenario: row.get(3)?,
        scenario_hash: row.get(4)?,
        mode: mode_of(&row.get::<_, String>(5)?),
        assignment: row.get(6)?,
        seed: uint(row, 7)?,
        session: row.get(8)?,
        started_at: uint(row, 9)?,
    };
    let end = match row.get::<_, Option<i64>>(10)? {
        Some(finished_at) => Some(AttemptEnd {
            attempt: id,
            finished_at: finished_at as u64,
            score: row.get::<_, i64>(11)?.clamp(0, 100) as u8,
            verdict: verdict_of(&row.get::<_, String>(12)?),
            critical_miss: row.get::<_, i64>(13)? != 0,
            ending: row.get(14)?,
        }),
        None => None,
    };
    Ok(AttemptSummary { start, end, turns: row.get::<_, i64>(15)? as u32 })
}

/// A value as SQLite binds it.
fn to_sqlite(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Int(i) => rusqlite::types::Value::Integer(*i),
        Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
    }
}

/// A value SQLite returned.
fn from_sqlite(v: rusqlite::types::Value) -> Value {
    match v {
        rusqlite::types::Value::Integer(i) => Value::Int(i),
        rusqlite::types::Value::Text(t) => Value::Text(t),
        rusqlite::types::Value::Real(r) => Value::Int(r as i64),
        rusqlite::types::Value::Null | rusqlite::types::Value::Blob(_) => Value::Null,
    }
}

impl RecordStore for SqliteStore {
    fn insert_rows(
        &mut self,
        rows: &[(&'static Table, Vec<Value>)],
    ) -> Result<Vec<bool>, RecordError> {
        let path = self.path.clone();
        let fail = |e| map(e, &path);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut inserted = Vec::with_capacity(rows.len());
        for (table, values) in rows {
            let mut statement =
                tx.prepare_cached(&table.insert_sql(|i| format!("?{i}"))).map_err(fail)?;
            let n = statement
                .execute(rusqlite::params_from_iter(values.iter().map(to_sqlite)))
                .map_err(fail)?;
            inserted.push(n > 0);
        }
        tx.commit().map_err(fail)?;
        Ok(inserted)
    }

    fn select_range(
        &self,
        table: &'static Table,
        column: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<Vec<Value>>, RecordError> {
        let fail = |e| map(e, &self.path);
        let sql = table.select_sql(Some(column), column, "?1,?2")?;
        let mut statement = self.conn.prepare_cached(&sql).map_err(fail)?;
        let width = table.columns.len();
        let rows = statement
            .query_map([from, to], |r: &Row| {
                (0..width)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(from_sqlite))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            })
            .map_err(fail)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(fail)
    }

    fn select_rows(
        &self,
        table: &'static Table,
        filter: Option<(&str, Value)>,
        order: &str,
    ) -> Result<Vec<Vec<Value>>, RecordError> {
        let fail = |e| map(e, &self.path);
        let sql = table.select_sql(filter.as_ref().map(|(c, _)| *c), order, "?1")?;
        let mut statement = self.conn.prepare_cached(&sql).map_err(fail)?;
        let width = table.columns.len();
        let read = |r: &Row| {
            (0..width)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(from_sqlite))
                .collect::<rusqlite::Result<Vec<Value>>>()
        };
        let rows = match &filter {
            Some((_, v)) => statement.query_map([to_sqlite(v)], read),
            None => statement.query_map([], read),
        }
        .map_err(fail)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(fail)
    }

    fn add_site(&mut self, s: &Site) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO sites (id, parent, kind, name) VALUES (?1, ?2, ?3, ?4)",
            params![s.id, s.parent, s.kind.key(), s.name],
        )
    }

    fn sites(&self) -> Result<Vec<Site>, RecordError> {
        let fail = |e| map(e, &self.path);
        let mut q = self
            .conn
            .prepare("SELECT id, parent, kind, name FROM sites ORDER BY name")
            .map_err(fail)?;
        let rows = q
            .query_map([], |r| {
                Ok(Site {
                    id: r.get(0)?,
                    parent: r.get(1)?,
                    kind: SiteKind::from_key(&r.get::<_, String>(2)?).unwrap_or(SiteKind::Centre),
                    name: r.get(3)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    fn add_person(&mut self, p: &Person) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO people (id, employee_no, name, site, job_role, hired_on) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![p.id, p.employee_no, p.name, p.site, p.role.key(), p.hired_on],
        )
    }

    fn people(&self) -> Result<Vec<Person>, RecordError> {
        let fail = |e| map(e, &self.path);
        let mut q = self
            .conn
            .prepare("SELECT id, employee_no, name, site, job_role, hired_on FROM people ORDER BY employee_no")
            .map_err(fail)?;
        let rows = q
            .query_map([], |r| {
                Ok(Person {
                    id: r.get(0)?,
                    employee_no: r.get(1)?,
                    name: r.get(2)?,
                    site: r.get(3)?,
                    role: JobRole::from_key(&r.get::<_, String>(4)?).unwrap_or(JobRole::FrontDesk),
                    hired_on: r.get(5)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Has an attempt of this game session been recorded?
    fn has_session(&self, session: &str) -> Result<bool, RecordError> {
        self.conn
            .query_row("SELECT 1 FROM attempts WHERE session = ?1", [session], |_| Ok(()))
            .optional()
            .map(|x| x.is_some())
            .map_err(|e| map(e, &self.path))
    }

    fn begin_attempt(&mut self, a: &AttemptStart) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO attempts (id, person, trainee_name, scenario, scenario_hash, mode, \
             assignment, seed, session, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                a.id,
                a.person,
                a.trainee_name,
                a.scenario,
                a.scenario_hash,
                mode_key(a.mode),
                a.assignment,
                int(a.seed),
                a.session,
                int(a.started_at)
            ],
        )
    }

    fn record_turn(&mut self, t: &TurnRow) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO turns (id, attempt, number, node, reply, verdict, score, met, missed, hits, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                t.id,
                t.attempt,
                t.number,
                t.node,
                t.reply,
                verdict_key(t.verdict),
                t.score,
                to_json(&t.met),
                to_json(&t.missed),
                to_json(&t.hits),
                int(t.at)
            ],
        )
    }

    fn finish_attempt(&mut self, e: &AttemptEnd) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO attempt_results (attempt, finished_at, score, verdict, critical_miss, ending) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                e.attempt,
                int(e.finished_at),
                e.score,
                verdict_key(e.verdict),
                e.critical_miss,
                e.ending
            ],
        )
    }

    fn history(&self, person: &str) -> Result<Vec<AttemptSummary>, RecordError> {
        let fail = |e| map(e, &self.path);
        let sql = format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts a LEFT JOIN attempt_results r ON r.attempt = a.id \
             WHERE a.person = ?1 ORDER BY a.started_at, a.id"
        );
        let mut q = self.conn.prepare_cached(&sql).map_err(fail)?;
        let rows = q.query_map([person], attempt_row).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    fn turns(&self, attempt: &str) -> Result<Vec<TurnRow>, RecordError> {
        let fail = |e| map(e, &self.path);
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT id, attempt, number, node, reply, verdict, score, met, missed, hits, at \
                 FROM turns WHERE attempt = ?1 ORDER BY number",
            )
            .map_err(fail)?;
        let rows = q
            .query_map([attempt], |r| {
                Ok(TurnRow {
                    id: r.get(0)?,
                    attempt: r.get(1)?,
                    number: r.get(2)?,
                    node: r.get(3)?,
                    reply: r.get(4)?,
                    verdict: verdict_of(&r.get::<_, String>(5)?),
                    score: r.get::<_, i64>(6)?.clamp(0, 100) as u8,
                    met: list(&r.get::<_, String>(7)?),
                    missed: list(&r.get::<_, String>(8)?),
                    hits: list(&r.get::<_, String>(9)?),
                    at: uint(r, 10)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    fn assign(&mut self, a: &Assignment) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO assignments (id, person, curriculum, assigned_by, assigned_at, due_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                a.id,
                a.person,
                a.curriculum,
                a.assigned_by,
                int(a.assigned_at),
                a.due_at.map(int)
            ],
        )
    }

    fn assignments(&self, person: &str) -> Result<Vec<Assignment>, RecordError> {
        let fail = |e| map(e, &self.path);
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT id, person, curriculum, assigned_by, assigned_at, due_at FROM assignments \
                 WHERE person = ?1 ORDER BY assigned_at, id",
            )
            .map_err(fail)?;
        let rows = q
            .query_map([person], |r| {
                Ok(Assignment {
                    id: r.get(0)?,
                    person: r.get(1)?,
                    curriculum: r.get(2)?,
                    assigned_by: r.get(3)?,
                    assigned_at: uint(r, 4)?,
                    due_at: r.get::<_, Option<i64>>(5)?.map(|x| x as u64),
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    fn certify(&mut self, c: &CertificationRow) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO certifications (id, person, curriculum, certified_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (person, curriculum, certified_at) DO NOTHING",
            params![c.id, c.person, c.curriculum, int(c.certified_at), int(c.expires_at)],
        )
    }

    fn certifications(&self, person: &str) -> Result<Vec<CertificationRow>, RecordError> {
        let fail = |e| map(e, &self.path);
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT id, person, curriculum, certified_at, expires_at FROM certifications \
                 WHERE person = ?1 ORDER BY certified_at, id",
            )
            .map_err(fail)?;
        let rows = q
            .query_map([person], |r| {
                Ok(CertificationRow {
                    id: r.get(0)?,
                    person: r.get(1)?,
                    curriculum: r.get(2)?,
                    certified_at: uint(r, 3)?,
                    expires_at: uint(r, 4)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    fn contest(&mut self, c: &Contest) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO contests (id, attempt, turn, comment, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.id, c.attempt, c.turn, c.comment, int(c.at)],
        )
    }

    fn contests(&self) -> Result<Vec<Contest>, RecordError> {
        let fail = |e| map(e, &self.path);
        let mut q = self
            .conn
            .prepare_cached("SELECT id, attempt, turn, comment, at FROM contests ORDER BY at, id")
            .map_err(fail)?;
        let rows = q
            .query_map([], |r| {
                Ok(Contest {
                    id: r.get(0)?,
                    attempt: r.get(1)?,
                    turn: r.get(2)?,
                    comment: r.get(3)?,
                    at: uint(r, 4)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    fn site_completion(&self, site: &str, scenario: &str) -> Result<(u64, u64), RecordError> {
        let sql = "WITH RECURSIVE under(id) AS ( \
                 SELECT ?1 UNION SELECT s.id FROM sites s JOIN under u ON s.parent = u.id), \
             staff(id) AS (SELECT p.id FROM people p WHERE p.site IN under) \
             SELECT \
               (SELECT count(*) FROM staff WHERE EXISTS ( \
                  SELECT 1 FROM attempts a JOIN attempt_results r ON r.attempt = a.id \
                  WHERE a.person = staff.id AND a.scenario = ?2 AND r.verdict = 'pass')), \
               (SELECT count(*) FROM staff)";
        self.conn
            .query_row(sql, params![site, scenario], |r| Ok((uint(r, 0)?, uint(r, 1)?)))
            .map_err(|e| map(e, &self.path))
    }
}
