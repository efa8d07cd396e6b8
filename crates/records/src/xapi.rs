//! Export for a learning-management system: xAPI statements in the cmi5
//! shape, one `passed` or `failed` and one `completed` per finished attempt.
//! The actor is the person's account (`homePage` + employee number), the
//! registration is the assignment (else the attempt), the score is scaled
//! to 0–1. Statement ids are derived from the attempt (UUIDv5), so a second
//! export of the same attempt gives the same ids and an LRS keeps one copy.

use serde::Serialize;

use courtesy_core::Verdict;

use crate::model::{AttemptSummary, Person};

/// The verbs cmi5 uses for a finished assignable unit.
const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// cmi5's category for statements that decide whether a unit is passed.
const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const SESSION_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

/// One xAPI statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// A UUID, stable for the same attempt and verb.
    pub id: String,
    /// Who.
    pub actor: Actor,
    /// Passed, failed or completed.
    pub verb: Verb,
    /// The scenario.
    pub object: Activity,
    /// Score, success, completion, duration.
    pub result: StatementResult,
    /// Registration, categories, session.
    pub context: Context,
    /// When the attempt ended (ISO 8601, UTC).
    pub timestamp: String,
}

/// The learner, by account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// Always `Agent`.
    #[serde(rename = "objectType")]
    pub object_type: &'static str,
    /// The person's name.
    pub name: String,
    /// The account: the company's home page and the employee number.
    pub account: Account,
}

/// An account on a system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Account {
    /// The system's address.
    #[serde(rename = "homePage")]
    pub home_page: String,
    /// The id there: the employee number.
    pub name: String,
}

/// A verb.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verb {
    /// Its IRI.
    pub id: &'static str,
    /// Its name.
    pub display: LanguageMap,
}

/// Text by language.
pub type LanguageMap = std::collections::BTreeMap<&'static str, String>;

/// The scenario played.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Always `Activity`.
    #[serde(rename = "objectType")]
    pub object_type: &'static str,
    /// `<home page>/scenarios/<id>`.
    pub id: String,
    /// Its name.
    pub definition: Definition,
}

/// An activity's definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    /// Its title, in Chinese (the training's language).
    pub name: LanguageMap,
}

/// The result of a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementResult {
    /// The score (on passed/failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// Passed or not (on passed/failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Completed (on completed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    /// How long it took, ISO 8601 (`PT95S`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
}

/// A score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// 0 to 1.
    pub scaled: f64,
    /// 0 to 100.
    pub raw: u8,
    /// 0.
    pub min: u8,
    /// 100.
    pub max: u8,
}

/// A statement's context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Context {
    /// The assignment (or the attempt) as a UUID.
    pub registration: String,
    /// cmi5's categories.
    #[serde(rename = "contextActivities")]
    pub context_activities: ContextActivities,
    /// The game session.
    pub extensions: std::collections::BTreeMap<&'static str, String>,
}

/// Categories of a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextActivities {
    /// cmi5 (and moveon for passed/failed).
    pub category: Vec<CategoryRef>,
}

/// An activity named by id only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRef {
    /// Its IRI.
    pub id: &'static str,
}

/// A time as ISO 8601 in UTC: `2026-11-27T06:00:00Z`.
pub fn timestamp(secs: u64) -> String {
    let day = courtesy_core::curriculum::date(secs);
    let s = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

fn stable_id(attempt: &str, verb: &str) -> String {
    let namespace = uuid::Uuid::parse_str(attempt).unwrap_or(uuid::Uuid::NAMESPACE_OID);
    uuid::Uuid::new_v5(&namespace, verb.as_bytes()).to_string()
}

/// The statements for a person's finished attempts, oldest first.
/// `title` gives a scenario's title; `home_page` names the company's system.
pub fn statements(
    person: &Person,
    history: &[AttemptSummary],
    title: &dyn Fn(&str) -> String,
    home_page: &str,
) -> Vec<Statement> {
    let home = home_page.trim_end_matches('/');
    let mut out = Vec::new();
    for attempt in history {
        let Some(end) = &attempt.end else { continue };
        let start = &attempt.start;
        let actor = Actor {
            object_type: "Agent",
            name: person.name.clone(),
            account: Account { home_page: home.to_string(), name: person.employee_no.clone() },
        };
        let object = Activity {
            object_type: "Activity",
            id: format!("{home}/scenarios/{}", start.scenario),
            definition: Definition { name: [("zh-CN", title(&start.scenario))].into() },
        };
        let registration = start
            .assignment
            .clone()
            .filter(|a| uuid::Uuid::parse_str(a).is_ok())
            .unwrap_or_else(|| start.id.clone());
        let context = |moveon: bool| Context {
            registration: registration.clone(),
            context_activities: ContextActivities {
                category: std::iter::once(CategoryRef { id: CMI5_CATEGORY })
                    .chain(moveon.then_some(CategoryRef { id: MOVEON_CATEGORY }))
                    .collect(),
            },
            extensions: [(SESSION_EXTENSION, start.session.clone())].into(),
        };
        let passed = end.verdict == Verdict::Pass;
        let (verb, word) = if passed { (PASSED, "passed") } else { (FAILED, "failed") };
        let duration = format!("PT{}S", end.finished_at.saturating_sub(start.started_at));
        out.push(Statement {
            id: stable_id(&start.id, verb),
            actor: actor.clone(),
            verb: Verb { id: verb, display: [("en-US", word.to_string())].into() },
            object: object.clone(),
            result: StatementResult {
                score: Some(Score {
                    scaled: f64::from(end.score) / 100.0,
                    raw: end.score,
                    min: 0,
                    max: 100,
                }),
                success: Some(passed),
                completion: None,
                duration: Some(duration.clone()),
            },
            context: context(true),
            timestamp: timestamp(end.finished_at),
        });
        out.push(Statement {
            id: stable_id(&start.id, COMPLETED),
            actor,
            verb: Verb { id: COMPLETED, display: [("en-US", "completed".to_string())].into() },
            object,
            result: StatementResult {
                score: None,
                success: None,
                completion: Some(true),
                duration: Some(duration),
            },
            context: context(true),
            timestamp: timestamp(end.finished_at),
        });
    }
    out
}
