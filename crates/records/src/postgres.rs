//! PostgreSQL for a company with many sites: the same tables as the SQLite
//! file, behind the same [`RecordStore`] trait, append-only by triggers,
//! the schema versioned in `courtesy_schema` and migrated under an advisory
//! lock (two desktops connecting at once migrate once). Desktops keep
//! writing their own SQLite file and send it here with [`crate::sync`].

use std::cell::RefCell;
use std::path::PathBuf;

use postgres::{Client, NoTls, Row, Transaction, error::SqlState};

use courtesy_core::curriculum::JobRole;

use crate::columns::{list, mode_key, mode_of, to_json, verdict_key, verdict_of};
use crate::model::{
    Assignment, AttemptEnd, AttemptStart, AttemptSummary, CertificationRow, Contest, Person, Site,
    SiteKind, TurnRow,
};
use crate::store::{RecordError, RecordStore};
use crate::sync::{Kind, Table, Value};

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 3;

const MIGRATIONS: [&str; 3] = [
    r#"
CREATE TABLE sites (id TEXT PRIMARY KEY, parent TEXT REFERENCES sites(id), kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE people (id TEXT PRIMARY KEY, employee_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    site TEXT REFERENCES sites(id), job_role TEXT NOT NULL, hired_on TEXT);
CREATE TABLE attempts (id TEXT PRIMARY KEY, person TEXT REFERENCES people(id), trainee_name TEXT,
    scenario TEXT NOT NULL, scenario_hash TEXT NOT NULL, mode TEXT NOT NULL, assignment TEXT,
    seed BIGINT NOT NULL, session TEXT NOT NULL UNIQUE, started_at BIGINT NOT NULL);
CREATE TABLE turns (id TEXT PRIMARY KEY, attempt TEXT NOT NULL REFERENCES attempts(id),
    number BIGINT NOT NULL, node TEXT, reply TEXT NOT NULL, verdict TEXT NOT NULL, score BIGINT NOT NULL,
    met TEXT NOT NULL, missed TEXT NOT NULL, hits TEXT NOT NULL, at BIGINT NOT NULL, UNIQUE (attempt, number));
CREATE TABLE attempt_results (attempt TEXT PRIMARY KEY REFERENCES attempts(id), finished_at BIGINT NOT NULL,
    score BIGINT NOT NULL, verdict TEXT NOT NULL, critical_miss BIGINT NOT NULL, ending TEXT);
CREATE TABLE assignments (id TEXT PRIMARY KEY, person TEXT NOT NULL REFERENCES people(id),
    curriculum TEXT NOT NULL, assigned_by TEXT NOT NULL, assigned_at BIGINT NOT NULL, due_at BIGINT);
CREATE TABLE certifications (id TEXT PRIMARY KEY, person TEXT NOT NULL REFERENCES people(id),
    curriculum TEXT NOT NULL, certified_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
    UNIQUE (person, curriculum, certified_at));
CREATE INDEX people_site ON people(site);
CREATE INDEX attempts_person ON attempts(person, started_at);
CREATE INDEX attempts_scenario ON attempts(scenario, person);
CREATE INDEX assignments_person ON assignments(person);
CREATE INDEX certifications_person ON certifications(person);
CREATE FUNCTION courtesy_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'records are append-only'; END $$;
"#,
    r#"
CREATE TABLE contests (id TEXT PRIMARY KEY, attempt TEXT NOT NULL REFERENCES attempts(id),
    turn BIGINT NOT NULL, comment TEXT NOT NULL, at BIGINT NOT NULL);
CREATE TRIGGER contests_append_only BEFORE UPDATE OR DELETE ON contests
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
"#,
    r#"
CREATE TABLE shifts (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    shift TEXT NOT NULL,
    from_day BIGINT NOT NULL,
    at BIGINT NOT NULL
);
CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    firm TEXT NOT NULL,
    visit TEXT NOT NULL,
    site TEXT NOT NULL REFERENCES sites(id),
    channel TEXT NOT NULL,
    person TEXT REFERENCES people(id),
    shift TEXT,
    observed_on BIGINT NOT NULL,
    observed_at TEXT,
    score_centi BIGINT,
    source TEXT NOT NULL,
    imported_at BIGINT NOT NULL
);
CREATE TABLE finding_items (
    id TEXT PRIMARY KEY,
    finding TEXT NOT NULL REFERENCES findings(id),
    seq BIGINT NOT NULL,
    category TEXT NOT NULL,
    critical BIGINT NOT NULL,
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
    at BIGINT NOT NULL
);
CREATE TABLE drills (
    id TEXT PRIMARY KEY,
    finding TEXT NOT NULL REFERENCES findings(id),
    person TEXT NOT NULL REFERENCES people(id),
    category TEXT NOT NULL,
    skills TEXT NOT NULL,
    assigned_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    passes_needed BIGINT NOT NULL,
    escalate_after BIGINT NOT NULL
);
CREATE TABLE drill_events (
    id TEXT PRIMARY KEY,
    drill TEXT NOT NULL REFERENCES drills(id),
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    contest TEXT NOT NULL REFERENCES contests(id),
    decision TEXT NOT NULL,
    note TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    at BIGINT NOT NULL
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
CREATE TRIGGER shifts_append_only BEFORE UPDATE OR DELETE ON shifts
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
CREATE TRIGGER findings_append_only BEFORE UPDATE OR DELETE ON findings
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
CREATE TRIGGER finding_items_append_only BEFORE UPDATE OR DELETE ON finding_items
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
CREATE TRIGGER finding_events_append_only BEFORE UPDATE OR DELETE ON finding_events
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
CREATE TRIGGER drills_append_only BEFORE UPDATE OR DELETE ON drills
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
CREATE TRIGGER drill_events_append_only BEFORE UPDATE OR DELETE ON drill_events
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION courtesy_append_only();
"#,
];

const TABLES: [&str; 7] =
    ["sites", "people", "attempts", "turns", "attempt_results", "assignments", "certifications"];

/// The records in a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
    /// The address without its password, for messages and sync marks.
    name: String,
}

/// The address with any password left out.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or("");
            format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// PostgreSQL's errors in a trainer's terms.
fn map(e: postgres::Error, name: &str) -> RecordError {
    let reason = e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_string());
    match e.code() {
        Some(c) if *c == SqlState::UNIQUE_VIOLATION || *c == SqlState::FOREIGN_KEY_VIOLATION => {
            RecordError::Refused(reason)
        }
        Some(c) if *c == SqlState::READ_ONLY_SQL_TRANSACTION => RecordError::ReadOnly { reason },
        Some(c) if *c == SqlState::DISK_FULL => RecordError::DiskFull,
        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => RecordError::Locked,
        Some(_) => RecordError::Other(reason),
        None => RecordError::Open { path: PathBuf::from(name), reason },
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`), creating or
    /// migrating the schema, refusing a newer one untouched.
    pub fn connect(url: &str) -> Result<PgStore, RecordError> {
        let name = without_password(url);
        let client = Client::connect(url, NoTls).map_err(|e| map(e, &name))?;
        let store = PgStore { client: RefCell::new(client), name };
        store.migrate()?;
        Ok(store)
    }

    /// The address, without its password.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    fn fail(&self) -> impl Fn(postgres::Error) -> RecordError + '_ {
        move |e| map(e, &self.name)
    }

    fn migrate(&self) -> Result<(), RecordError> {
        let fail = self.fail();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(&fail)?;
        // One desktop migrates; the others wait here, then find it done.
        tx.execute("SELECT pg_advisory_xact_lock(1668248946)", &[]).map_err(&fail)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS courtesy_schema (version BIGINT NOT NULL)")
            .map_err(&fail)?;
        let found: i64 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM courtesy_schema", &[])
            .map_err(&fail)?
            .get(0);
        if found > SCHEMA_VERSION {
            return Err(RecordError::NewerSchema { found, known: SCHEMA_VERSION });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
            tx.batch_execute(sql).map_err(&fail)?;
            if i == 0 {
                for t in TABLES {
                    tx.batch_execute(&format!(
                        "CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} \
                         FOR EACH ROW EXECUTE FUNCTION courtesy_append_only()"
                    ))
                    .map_err(&fail)?;
                }
            }
            tx.execute("INSERT INTO courtesy_schema (version) VALUES ($1)", &[&(i as i64 + 1)])
                .map_err(&fail)?;
        }
        tx.commit().map_err(&fail)
    }

    /// Runs `work` in one transaction, committed if it succeeds.
    pub fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&mut Transaction<'_>) -> Result<T, postgres::Error>,
    ) -> Result<T, RecordError> {
        let name = self.name.clone();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(|e| map(e, &name))?;
        let out = work(&mut tx).map_err(|e| map(e, &name))?;
        tx.commit().map_err(|e| map(e, &name))?;
        Ok(out)
    }

    fn write(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<(), RecordError> {
        self.client.borrow_mut().execute(sql, params).map(|_| ()).map_err(self.fail())
    }

    fn read(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Row>, RecordError> {
        self.client.borrow_mut().query(sql, params).map_err(self.fail())
    }
}

fn attempt_row(r: &Row) -> AttemptSummary {
    let id: String = r.get(0);
    let start = AttemptStart {
        id: id.clone(),
        person: r.get(1),
        trainee_name: r.get(2),
        scenario: r.get(3),
        scenario_hash: r.get(4),
        mode: mode_of(r.get(5)),
        assignment: r.get(6),
        seed: r.get::<_, i64>(7) as u64,
        session: r.get(8),
        started_at: r.get::<_, i64>(9) as u64,
    };
    let end = r.get::<_, Option<i64>>(10).map(|finished_at| AttemptEnd {
        attempt: id,
        finished_at: finished_at as u64,
        score: r.get::<_, i64>(11).clamp(0, 100) as u8,
        verdict: verdict_of(r.get(12)),
        critical_miss: r.get::<_, i64>(13) != 0,
        ending: r.get(14),
    });
    AttemptSummary { start, end, turns: r.get::<_, i64>(15) as u32 }
}

/// A value as PostgreSQL binds it, typed by its column.
fn to_pg(v: &Value, kind: Kind) -> Box<dyn postgres::types::ToSql + Sync> {
    match (kind, v) {
        (_, Value::Text(t)) => Box::new(Some(t.clone())),
        (_, Value::Int(i)) => Box::new(Some(*i)),
        (Kind::Text | Kind::OptText, Value::Null) => Box::new(None::<String>),
        (Kind::Int | Kind::OptInt, Value::Null) => Box::new(None::<i64>),
    }
}

/// A row's values, typed by the table's columns.
fn pg_values(table: &Table, r: &Row) -> Vec<Value> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, (_, kind))| match kind {
            Kind::Text | Kind::OptText => {
                r.get::<_, Option<String>>(i).map_or(Value::Null, Value::Text)
            }
            Kind::Int | Kind::OptInt => r.get::<_, Option<i64>>(i).map_or(Value::Null, Value::Int),
        })
        .collect()
}

impl RecordStore for PgStore {
    fn insert_rows(
        &mut self,
        rows: &[(&'static Table, Vec<Value>)],
    ) -> Result<Vec<bool>, RecordError> {
        self.in_transaction(|tx| {
            let mut inserted = Vec::with_capacity(rows.len());
            for (table, values) in rows {
                let statement = tx.prepare(&table.insert_sql(|i| format!("${i}")))?;
                let params: Vec<Box<dyn postgres::types::ToSql + Sync>> =
                    values.iter().zip(table.columns).map(|(v, (_, k))| to_pg(v, *k)).collect();
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p.as_ref()).collect();
                inserted.push(tx.execute(&statement, &refs)? > 0);
            }
            Ok(inserted)
        })
    }

    fn select_range(
        &self,
        table: &'static Table,
        column: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<Vec<Value>>, RecordError> {
        let sql = table.select_sql(Some(column), column, "$1,$2")?;
        let rows = self.read(&sql, &[&from, &to])?;
        Ok(rows.iter().map(|r| pg_values(table, r)).collect())
    }

    fn select_rows(
        &self,
        table: &'static Table,
        filter: Option<(&str, Value)>,
        order: &str,
    ) -> Result<Vec<Vec<Value>>, RecordError> {
        let sql = table.select_sql(filter.as_ref().map(|(c, _)| *c), order, "$1")?;
        let param = filter.as_ref().map(|(c, v)| {
            let kind = table.columns.iter().find(|(name, _)| name == c).map_or(Kind::Text, |x| x.1);
            to_pg(v, kind)
        });
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            param.iter().map(|p| p.as_ref()).collect();
        let rows = self.read(&sql, &params)?;
        Ok(rows.iter().map(|r| pg_values(table, r)).collect())
    }

    fn add_site(&mut self, s: &Site) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO sites (id, parent, kind, name) VALUES ($1, $2, $3, $4)",
            &[&s.id, &s.parent, &s.kind.key(), &s.name],
        )
    }

    fn sites(&self) -> Result<Vec<Site>, RecordError> {
        Ok(self
            .read("SELECT id, parent, kind, name FROM sites ORDER BY name", &[])?
            .iter()
            .map(|r| Site {
                id: r.get(0),
                parent: r.get(1),
                kind: SiteKind::from_key(r.get(2)).unwrap_or(SiteKind::Centre),
                name: r.get(3),
            })
            .collect())
    }

    fn add_person(&mut self, p: &Person) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO people (id, employee_no, name, site, job_role, hired_on) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&p.id, &p.employee_no, &p.name, &p.site, &p.role.key(), &p.hired_on],
        )
    }

    fn people(&self) -> Result<Vec<Person>, RecordError> {
        Ok(self
            .read("SELECT id, employee_no, name, site, job_role, hired_on FROM people ORDER BY employee_no", &[])?
            .iter()
            .map(|r| Person {
                id: r.get(0),
                employee_no: r.get(1),
                name: r.get(2),
                site: r.get(3),
                role: JobRole::from_key(r.get(4)).unwrap_or(JobRole::FrontDesk),
                hired_on: r.get(5),
            })
            .collect())
    }

    fn has_session(&self, session: &str) -> Result<bool, RecordError> {
        Ok(!self.read("SELECT 1 FROM attempts WHERE session = $1", &[&session])?.is_empty())
    }

    fn begin_attempt(&mut self, a: &AttemptStart) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO attempts (id, person, trainee_name, scenario, scenario_hash, mode, assignment, seed, \
             session, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &a.id,
                &a.person,
                &a.trainee_name,
                &a.scenario,
                &a.scenario_hash,
                &mode_key(a.mode),
                &a.assignment,
                &(a.seed as i64),
                &a.session,
                &(a.started_at as i64),
            ],
        )
    }

    fn record_turn(&mut self, t: &TurnRow) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO turns (id, attempt, number, node, reply, verdict, score, met, missed, hits, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &t.id,
                &t.attempt,
                &i64::from(t.number),
                &t.node,
                &t.reply,
                &verdict_key(t.verdict),
                &i64::from(t.score),
                &to_json(&t.met),
                &to_json(&t.missed),
                &to_json(&t.hits),
                &(t.at as i64),
            ],
        )
    }

    fn finish_attempt(&mut self, e: &AttemptEnd) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO attempt_results (attempt, finished_at, score, verdict, critical_miss, ending) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &e.attempt,
                &(e.finished_at as i64),
                &i64::from(e.score),
                &verdict_key(e.verdict),
                &i64::from(e.critical_miss),
                &e.ending,
            ],
        )
    }

    fn history(&self, person: &str) -> Result<Vec<AttemptSummary>, RecordError> {
        Ok(self
            .read(
                "SELECT a.id, a.person, a.trainee_name, a.scenario, a.scenario_hash, a.mode, a.assignment, \
                 a.seed, a.session, a.started_at, r.finished_at, r.score, r.verdict, r.critical_miss, r.ending, \
                 (SELECT count(*) FROM turns t WHERE t.attempt = a.id) \
                 FROM attempts a LEFT JOIN attempt_results r ON r.attempt = a.id \
                 WHERE a.person = $1 ORDER BY a.started_at, a.id",
                &[&person],
            )?
            .iter()
            .map(attempt_row)
            .collect())
    }

    fn turns(&self, attempt: &str) -> Result<Vec<TurnRow>, RecordError> {
        Ok(self
            .read(
                "SELECT id, attempt, number, node, reply, verdict, score, met, missed, hits, at \
                 FROM turns WHERE attempt = $1 ORDER BY number",
                &[&attempt],
            )?
            .iter()
            .map(|r| TurnRow {
                id: r.get(0),
                attempt: r.get(1),
                number: r.get::<_, i64>(2) as u32,
                node: r.get(3),
                reply: r.get(4),
                verdict: verdict_of(r.get(5)),
                score: r.get::<_, i64>(6).clamp(0, 100) as u8,
                met: list(r.get(7)),
                missed: list(r.get(8)),
                hits: list(r.get(9)),
                at: r.get::<_, i64>(10) as u64,
            })
            .collect())
    }

    fn assign(&mut self, a: &Assignment) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO assignments (id, person, curriculum, assigned_by, assigned_at, due_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &a.id,
                &a.person,
                &a.curriculum,
                &a.assigned_by,
                &(a.assigned_at as i64),
                &a.due_at.map(|d| d as i64),
            ],
        )
    }

    fn assignments(&self, person: &str) -> Result<Vec<Assignment>, RecordError> {
        Ok(self
            .read(
                "SELECT id, person, curriculum, assigned_by, assigned_at, due_at FROM assignments \
                 WHERE person = $1 ORDER BY assigned_at, id",
                &[&person],
            )?
            .iter()
            .map(|r| Assignment {
                id: r.get(0),
                person: r.get(1),
                curriculum: r.get(2),
                assigned_by: r.get(3),
                assigned_at: r.get::<_, i64>(4) as u64,
                due_at: r.get::<_, Option<i64>>(5).map(|d| d as u64),
            })
            .collect())
    }

    fn certify(&mut self, c: &CertificationRow) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO certifications (id, person, curriculum, certified_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person, curriculum, certified_at) DO NOTHING",
            &[&c.id, &c.person, &c.curriculum, &(c.certified_at as i64), &(c.expires_at as i64)],
        )
    }

    fn certifications(&self, person: &str) -> Result<Vec<CertificationRow>, RecordError> {
        Ok(self
            .read(
                "SELECT id, person, curriculum, certified_at, expires_at FROM certifications \
                 WHERE person = $1 ORDER BY certified_at, id",
                &[&person],
            )?
            .iter()
            .map(|r| CertificationRow {
                id: r.get(0),
                person: r.get(1),
                curriculum: r.get(2),
                certified_at: r.get::<_, i64>(3) as u64,
                expires_at: r.get::<_, i64>(4) as u64,
            })
            .collect())
    }

    fn contest(&mut self, c: &Contest) -> Result<(), RecordError> {
        self.write(
            "INSERT INTO contests (id, attempt, turn, comment, at) VALUES ($1, $2, $3, $4, $5)",
            &[&c.id, &c.attempt, &i64::from(c.turn), &c.comment, &(c.at as i64)],
        )
    }

    fn contests(&self) -> Result<Vec<Contest>, RecordError> {
        Ok(self
            .read("SELECT id, attempt, turn, comment, at FROM contests ORDER BY at, id", &[])?
            .iter()
            .map(|r| Contest {
                id: r.get(0),
                attempt: r.get(1),
                turn: r.get::<_, i64>(2) as u32,
                comment: r.get(3),
                at: r.get::<_, i64>(4) as u64,
            })
            .collect())
    }

    fn site_completion(&self, site: &str, scenario: &str) -> Result<(u64, u64), RecordError> {
        let rows = self.read(
            "WITH RECURSIVE under(id) AS ( \
                 SELECT $1::text UNION SELECT s.id FROM sites s JOIN under u ON s.parent = u.id), \
             staff(id) AS (SELECT p.id FROM people p WHERE p.site IN (SELECT id FROM under)) \
             SELECT \
               (SELECT count(*) FROM staff WHERE EXISTS ( \
                  SELECT 1 FROM attempts a JOIN attempt_results r ON r.attempt = a.id \
                  WHERE a.person = staff.id AND a.scenario = $2 AND r.verdict = 'pass')), \
               (SELECT count(*) FROM staff)",
            &[&site, &scenario],
        )?;
        let r = &rows[0];
        Ok((r.get::<_, i64>(0) as u64, r.get::<_, i64>(1) as u64))
    }
}
