//! Sending a desktop's records to the company's PostgreSQL: every table in
//! the order rows refer to each other, each row inserted with
//! `ON CONFLICT DO NOTHING` on its client-made key, so a row sent twice is
//! stored once. Progress is kept per table (`sync_marks`, itself
//! append-only) only after the remote transaction commits: a connection
//! lost mid-sync loses nothing, and the next sync sends the rest.

/// A column's type, the same in both databases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, never null.
    Text,
    /// Text or null.
    OptText,
    /// A 64-bit integer, never null.
    Int,
    /// A 64-bit integer or null.
    OptInt,
}

/// A value of a column, the same in both databases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// No value.
    Null,
    /// A 64-bit integer.
    Int(i64),
    /// Text.
    Text(String),
}

impl Value {
    /// The text, or empty.
    pub fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Int(i) => i.to_string(),
            Value::Null => String::new(),
        }
    }

    /// The text, or none.
    pub fn opt_text(&self) -> Option<String> {
        match self {
            Value::Text(t) => Some(t.clone()),
            _ => None,
        }
    }

    /// The number, or 0.
    pub fn int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            _ => 0,
        }
    }

    /// The number, or none.
    pub fn opt_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(t: &str) -> Value {
        Value::Text(t.to_string())
    }
}

impl From<String> for Value {
    fn from(t: String) -> Value {
        Value::Text(t)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<u64> for Value {
    fn from(i: u64) -> Value {
        Value::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// A table as the sync copies it.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Its name.
    pub name: &'static str,
    /// Its columns, in order.
    pub columns: &'static [(&'static str, Kind)],
}

impl Table {
    /// `INSERT … ON CONFLICT DO NOTHING`, with the placeholder `hole(i)`
    /// for the i-th column (1-based).
    pub fn insert_sql(&self, hole: impl Fn(usize) -> String) -> String {
        let columns: Vec<&str> = self.columns.iter().map(|(c, _)| *c).collect();
        let holes: Vec<String> = (1..=columns.len()).map(hole).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
            self.name,
            columns.join(", "),
            holes.join(", ")
        )
    }

    /// `SELECT` every column, where `filter` equals the placeholder `hole`
    /// (or lies in a range, for two placeholders `low,high`), ordered by
    /// `order`; refused for a column the table does not have.
    pub fn select_sql(
        &self,
        filter: Option<&str>,
        order: &str,
        hole: &str,
    ) -> Result<String, crate::store::RecordError> {
        for c in filter.into_iter().chain([order]) {
            if !self.columns.iter().any(|(name, _)| *name == c) {
                return Err(crate::store::RecordError::Other(format!(
                    "{} has no column {c}",
                    self.name
                )));
            }
        }
        let columns: Vec<&str> = self.columns.iter().map(|(c, _)| *c).collect();
        let filter = filter.map_or(String::new(), |c| match hole.split_once(',') {
            Some((low, high)) => format!(" WHERE {c} >= {low} AND {c} < {high}"),
            None => format!(" WHERE {c} = {hole}"),
        });
        Ok(format!(
            "SELECT {} FROM {}{filter} ORDER BY {order}, {}",
            columns.join(", "),
            self.name,
            columns[0]
        ))
    }
}

use Kind::{Int, OptInt, OptText, Text};

/// Every table of the records, parents before the rows that refer to them.
pub const TABLES: [Table; 15] = [
    Table {
        name: "sites",
        columns: &[("id", Text), ("parent", OptText), ("kind", Text), ("name", Text)],
    },
    Table {
        name: "people",
        columns: &[
            ("id", Text),
            ("employee_no", Text),
            ("name", Text),
            ("site", OptText),
            ("job_role", Text),
            ("hired_on", OptText),
        ],
    },
    ATTEMPTS,
    TURNS,
    ATTEMPT_RESULTS,
    Table {
        name: "contests",
        columns: &[("id", Text), ("attempt", Text), ("turn", Int), ("comment", Text), ("at", Int)],
    },
    Table {
        name: "assignments",
        columns: &[
            ("id", Text),
            ("person", Text),
            ("curriculum", Text),
            ("assigned_by", Text),
            ("assigned_at", Int),
            ("due_at", OptInt),
        ],
    },
    Table {
        name: "certifications",
        columns: &[
            ("id", Text),
            ("person", Text),
            ("curriculum", Text),
            ("certified_at", Int),
            ("expires_at", Int),
        ],
    },
    SHIFTS,
    FINDINGS,
    FINDING_ITEMS,
    FINDING_EVENTS,
    DRILLS,
    DRILL_EVENTS,
    REVIEWS,
];

/// An attempt at a scenario, as it began.
pub const ATTEMPTS: Table = Table {
    name: "attempts",
    columns: &[
        ("id", Text),
        ("person", OptText),
        ("trainee_name", OptText),
        ("scenario", Text),
        ("scenario_hash", Text),
        ("mode", Text),
        ("assignment", OptText),
        ("seed", Int),
        ("session", Text),
        ("started_at", Int),
    ],
};

/// One turn as played.
pub const TURNS: Table = Table {
    name: "turns",
    columns: &[
        ("id", Text),
        ("attempt", Text),
        ("number", Int),
        ("node", OptText),
        ("reply", Text),
        ("verdict", Text),
        ("score", Int),
        ("met", Text),
        ("missed", Text),
        ("hits", Text),
        ("at", Int),
    ],
};

/// How an attempt ended.
pub const ATTEMPT_RESULTS: Table = Table {
    name: "attempt_results",
    columns: &[
        ("attempt", Text),
        ("finished_at", Int),
        ("score", Int),
        ("verdict", Text),
        ("critical_miss", Int),
        ("ending", OptText),
    ],
};

/// Who works which shift, from a day on.
pub const SHIFTS: Table = Table {
    name: "shifts",
    columns: &[("id", Text), ("person", Text), ("shift", Text), ("from_day", Int), ("at", Int)],
};

/// A mystery shopper's visit, call or home call.
pub const FINDINGS: Table = Table {
    name: "findings",
    columns: &[
        ("id", Text),
        ("firm", Text),
        ("visit", Text),
        ("site", Text),
        ("channel", Text),
        ("person", OptText),
        ("shift", OptText),
        ("observed_on", Int),
        ("observed_at", OptText),
        ("score_centi", OptInt),
        ("source", Text),
        ("imported_at", Int),
    ],
};

/// The items a finding checked.
pub const FINDING_ITEMS: Table = Table {
    name: "finding_items",
    columns: &[
        ("id", Text),
        ("finding", Text),
        ("seq", Int),
        ("category", Text),
        ("critical", Int),
        ("result", Text),
        ("comment", Text),
        ("skills", Text),
    ],
};

/// A finding's status over time (imported, confirmed, appealed, closed).
pub const FINDING_EVENTS: Table = Table {
    name: "finding_events",
    columns: &[
        ("id", Text),
        ("finding", Text),
        ("status", Text),
        ("reason", Text),
        ("by_whom", Text),
        ("at", Int),
    ],
};

/// A refresher drill a finding assigned to a person.
pub const DRILLS: Table = Table {
    name: "drills",
    columns: &[
        ("id", Text),
        ("finding", Text),
        ("person", Text),
        ("category", Text),
        ("skills", Text),
        ("assigned_at", Int),
        ("due_at", Int),
        ("passes_needed", Int),
        ("escalate_after", Int),
    ],
};

/// A trainer's waiver or resumption of a drill.
pub const DRILL_EVENTS: Table = Table {
    name: "drill_events",
    columns: &[
        ("id", Text),
        ("drill", Text),
        ("action", Text),
        ("reason", Text),
        ("by_whom", Text),
        ("at", Int),
    ],
};

/// A trainer's decision on a contested verdict.
pub const REVIEWS: Table = Table {
    name: "reviews",
    columns: &[
        ("id", Text),
        ("contest", Text),
        ("decision", Text),
        ("note", Text),
        ("by_whom", Text),
        ("at", Int),
    ],
};

/// What a sync did, per table: rows sent and stored, rows the remote had
/// already.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// (table, stored, already there).
    pub tables: Vec<(&'static str, u64, u64)>,
}

impl SyncReport {
    /// Rows stored by this sync.
    pub fn stored(&self) -> u64 {
        self.tables.iter().map(|(_, n, _)| n).sum()
    }

    /// Rows the remote already had.
    pub fn already(&self) -> u64 {
        self.tables.iter().map(|(_, _, n)| n).sum()
    }
}

#[cfg(feature = "postgres")]
pub use self::pg::sync;

#[cfg(feature = "postgres")]
mod pg {
    use postgres::types::ToSql;
    use rusqlite::types::Value;

    use super::{Kind, SyncReport, TABLES};
    use crate::postgres::PgStore;
    use crate::sqlite::SqliteStore;
    use crate::store::RecordError;

    /// Rows per remote transaction.
    const BATCH: usize = 500;

    /// A SQLite value as a PostgreSQL parameter of the column's type.
    fn param(value: &Value, kind: Kind) -> Box<dyn ToSql + Sync> {
        match (kind, value) {
            (Kind::Text | Kind::OptText, Value::Text(t)) => Box::new(Some(t.clone())),
            (Kind::Int | Kind::OptInt, Value::Integer(i)) => Box::new(Some(*i)),
            (Kind::Text | Kind::OptText, _) => Box::new(None::<String>),
            (Kind::Int | Kind::OptInt, _) => Box::new(None::<i64>),
        }
    }

    /// Sends every row of `local` not yet sent to `remote`, table by table,
    /// in batches, each batch one transaction followed by its mark.
    pub fn sync(local: &SqliteStore, remote: &mut PgStore) -> Result<SyncReport, RecordError> {
        let name = remote.name();
        let mut report = SyncReport::default();
        for table in &TABLES {
            let (mut stored, mut already) = (0, 0);
            loop {
                let after = local.sync_mark(&name, table.name)?;
                let rows = local.rows_after(table, after, BATCH)?;
                let Some(last) = rows.last().map(|(rowid, _)| *rowid) else { break };
                let sql = table.insert_sql(|i| format!("${i}"));
                let inserted = remote.in_transaction(|tx| {
                    let statement = tx.prepare(&sql)?;
                    let mut inserted = Vec::with_capacity(rows.len());
                    for (_, values) in &rows {
                        let params: Vec<Box<dyn ToSql + Sync>> = values
                            .iter()
                            .zip(table.columns)
                            .map(|(v, (_, kind))| param(v, *kind))
                            .collect();
                        let refs: Vec<&(dyn ToSql + Sync)> =
                            params.iter().map(|p| p.as_ref()).collect();
                        inserted.push(tx.execute(&statement, &refs)?);
                    }
                    Ok(inserted)
                })?;
                let n = inserted.iter().filter(|&&x| x > 0).count() as u64;
                stored += n;
                already += rows.len() as u64 - n;
                // Only once the remote has them.
                local.add_sync_mark(&name, table.name, last)?;
            }
            report.tables.push((table.name, stored, already));
        }
        Ok(report)
    }
}
