//! The records as types: one struct per row kind, with the ids made on the
//! client (UUIDv7: time-ordered, unique across machines) and times in
//! seconds since 1970-01-01 UTC.

use serde::{Deserialize, Serialize};

use courtesy_core::curriculum::JobRole;
use courtesy_core::judge::TurnOutcome;
use courtesy_core::{Mode, ScenarioResult, TurnRecord, Verdict};

/// A new id: a UUIDv7, as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A UUID made from a name (UUIDv5 in the OID namespace): the same name
/// always gives the same id, on every machine.
pub fn stable_uuid(name: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes()).to_string()
}

/// Seconds since 1970-01-01 UTC, now.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A stable hash of a scenario file's text (FNV-1a, 64 bits, hex): which
/// version of a scenario an attempt was played on.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A level of the site tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SiteKind {
    /// The company.
    Company,
    /// A region of it.
    Region,
    /// A service centre, gate or hall where people work.
    Centre,
}

impl SiteKind {
    /// The stable key stored.
    pub fn key(self) -> &'static str {
        match self {
            SiteKind::Company => "company",
            SiteKind::Region => "region",
            SiteKind::Centre => "centre",
        }
    }

    /// The kind with this key.
    pub fn from_key(key: &str) -> Option<SiteKind> {
        [SiteKind::Company, SiteKind::Region, SiteKind::Centre].into_iter().find(|k| k.key() == key)
    }
}

/// A place in the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// Its id.
    pub id: String,
    /// The site it belongs to (none for the company).
    pub parent: Option<String>,
    /// Company, region or centre.
    pub kind: SiteKind,
    /// Its name.
    pub name: String,
}

/// Someone who trains: only what the job needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Their id.
    pub id: String,
    /// Their employee number, unique.
    pub employee_no: String,
    /// Their name, as trainers call them.
    pub name: String,
    /// Where they work.
    pub site: Option<String>,
    /// The job they are trained for.
    pub role: JobRole,
    /// When they were hired (YYYY-MM-DD).
    pub hired_on: Option<String>,
}

/// An attempt at a scenario, as it begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptStart {
    /// Its id.
    pub id: String,
    /// Who plays, from the roster; none for an imported record of a name.
    pub person: Option<String>,
    /// The name given, for records from before the roster.
    pub trainee_name: Option<String>,
    /// The scenario's id.
    pub scenario: String,
    /// [`content_hash`] of the scenario file played.
    pub scenario_hash: String,
    /// Practice or exam.
    pub mode: Mode,
    /// The assignment it counts for, if any.
    pub assignment: Option<String>,
    /// The seed that picked the lines.
    pub seed: u64,
    /// The game's session id (one attempt per session).
    pub session: String,
    /// When it began.
    pub started_at: u64,
}

/// One turn as played, committed as soon as it is judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRow {
    /// Its id.
    pub id: String,
    /// The attempt.
    pub attempt: String,
    /// 1 for the first turn.
    pub number: u32,
    /// The node answered.
    pub node: Option<String>,
    /// What the trainee typed or picked.
    pub reply: String,
    /// Pass or fail.
    pub verdict: Verdict,
    /// 0 to 100.
    pub score: u8,
    /// Required acts met.
    pub met: Vec<String>,
    /// Required acts missed.
    pub missed: Vec<String>,
    /// Forbidden rules hit.
    pub hits: Vec<String>,
    /// When it was judged.
    pub at: u64,
}

impl TurnRow {
    /// The row for turn `number` of `attempt`, from the engine's record.
    pub fn from_record(attempt: &str, number: u32, turn: &TurnRecord, at: u64) -> TurnRow {
        let (mut met, mut missed, mut hits) = (Vec::new(), Vec::new(), Vec::new());
        if let TurnOutcome::Reply { required, forbidden, .. } = &turn.result.outcome {
            for r in required {
                if r.met { met.push(r.rule.clone()) } else { missed.push(r.rule.clone()) }
            }
            hits.extend(forbidden.iter().map(|f| f.rule.clone()));
        }
        TurnRow {
            id: new_id(),
            attempt: attempt.to_string(),
            number,
            node: turn.node.clone(),
            reply: turn.reply.clone(),
            verdict: turn.result.verdict,
            score: turn.result.score,
            met,
            missed,
            hits,
            at,
        }
    }
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptEnd {
    /// The attempt.
    pub attempt: String,
    /// When it ended.
    pub finished_at: u64,
    /// 0 to 100.
    pub score: u8,
    /// Pass or fail.
    pub verdict: Verdict,
    /// A critical rule was failed.
    pub critical_miss: bool,
    /// The ending node reached, if one was.
    pub ending: Option<String>,
}

impl AttemptEnd {
    /// The end of `attempt`, from the engine's result.
    pub fn from_result(attempt: &str, result: &ScenarioResult, finished_at: u64) -> AttemptEnd {
        AttemptEnd {
            attempt: attempt.to_string(),
            finished_at,
            score: result.score,
            verdict: result.verdict,
            critical_miss: !result.critical_failures.is_empty(),
            ending: result.ending_node.clone(),
        }
    }
}

/// An attempt with its end, if it ended: what history and the gates read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    /// How it began.
    pub start: AttemptStart,
    /// How it ended, if it has.
    pub end: Option<AttemptEnd>,
    /// Turns committed.
    pub turns: u32,
}

impl AttemptSummary {
    /// The attempt as the curriculum gates see it, once it has ended.
    pub fn as_gate_attempt(&self) -> Option<courtesy_core::curriculum::Attempt> {
        let end = self.end.as_ref()?;
        Some(courtesy_core::curriculum::Attempt {
            scenario: self.start.scenario.clone(),
            mode: self.start.mode,
            score: end.score,
            passed: end.verdict == Verdict::Pass,
            critical_miss: end.critical_miss,
            finished_at: end.finished_at,
        })
    }
}

/// A person enrolled in a curriculum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Its id.
    pub id: String,
    /// Who.
    pub person: String,
    /// The curriculum's id.
    pub curriculum: String,
    /// Who enrolled them (a trainer's name, or `role` for enrolment by role).
    pub assigned_by: String,
    /// When.
    pub assigned_at: u64,
    /// When it is due, if it is.
    pub due_at: Option<u64>,
}

/// A certification the curriculum rules granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationRow {
    /// Its id.
    pub id: String,
    /// Who.
    pub person: String,
    /// The curriculum's id.
    pub curriculum: String,
    /// When it was earned.
    pub certified_at: u64,
    /// When it lapses.
    pub expires_at: u64,
}

impl CertificationRow {
    /// The row for a certification the curriculum rules granted.
    pub fn granted(
        person: &str,
        curriculum: &str,
        cert: &courtesy_core::curriculum::Certification,
    ) -> CertificationRow {
        CertificationRow {
            id: new_id(),
            person: person.to_string(),
            curriculum: curriculum.to_string(),
            certified_at: cert.certified_at,
            expires_at: cert.expires_at,
        }
    }
}

/// A trainee's doubt about a verdict: which turn, and why. It waits in the
/// trainers' review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contest {
    /// Its id.
    pub id: String,
    /// The attempt.
    pub attempt: String,
    /// The turn's number (1 for the first).
    pub turn: u32,
    /// What the trainee says (may be empty).
    pub comment: String,
    /// When.
    pub at: u64,
}
