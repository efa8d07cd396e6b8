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

/// A table as the sync copies it.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Its name.
    pub name: &'static str,
    /// Its columns, in order.
    pub columns: &'static [(&'static str, Kind)],
}

use Kind::{Int, OptInt, OptText, Text};

/// Every table of the records, parents before the rows that refer to them.
pub const TABLES: [Table; 8] = [
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
    Table {
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
    },
    Table {
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
    },
    Table {
        name: "attempt_results",
        columns: &[
            ("attempt", Text),
            ("finished_at", Int),
            ("score", Int),
            ("verdict", Text),
            ("critical_miss", Int),
            ("ending", OptText),
        ],
    },
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
];

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
                let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
                let holes: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
                let sql = format!(
                    "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
                    table.name,
                    columns.join(", "),
                    holes.join(", ")
                );
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
