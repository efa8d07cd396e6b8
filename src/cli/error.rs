//! The errors a command can end with, each put into the trainee's language
//! in one place ([`CliError::message`]); `cli::main` prints it and exits 1.

use std::path::PathBuf;

use courtesy_core::Messages;
use courtesy_core::play::ProgressError;

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// No scenario has this id.
    #[error("unknown scenario {0}")]
    UnknownScenario(String),
    /// The scenario has no node with this id.
    #[error("unknown node {node} in {scenario}")]
    UnknownNode { scenario: String, node: String },
    /// The scenario's file has errors (they were printed).
    #[error("scenario {0} has errors")]
    InvalidScenario(String),
    /// `play --file` named a file without a scenario.
    #[error("no scenario in the file")]
    NoScenarioInFile,
    /// The scenarios folder holds none.
    #[error("no scenarios in {}", .0.display())]
    NoScenarios(PathBuf),
    /// The number typed at the scenario list is not on it.
    #[error("no such scenario number")]
    PickInvalid,
    /// The rule file `check` was given has errors (they were printed).
    #[error("node {node} of {scenario} takes no typed reply")]
    NodeTakesNoReply { scenario: String, node: String },

    #[error("{} is not a rule set", .0.display())]
    NotARuleSet(PathBuf),

    #[error("nothing saved to resume")]
    NothingToResume,

    #[error("several sessions saved")]
    WhichSave(Vec<String>),

    #[error("no saved session {id}")]
    UnknownSave { id: String, saved: Vec<String> },

    #[error("the rules have errors")]
    RulesInvalid,
    /// No rule set has this id.
    #[error("no rule set {0}")]
    NoRules(String),
    /// `list --format` with an unknown format.
    #[error("unknown format {0}")]
    BadListFormat(String),
    /// Standard input could not be read.
    #[error("reading input: {0}")]
    Read(std::io::Error),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// Neither `XDG_STATE_HOME` nor `HOME` is set.
    #[error("no state folder")]
    NoStateDir,
    /// The trainee's progress could not be written.
    #[error(transparent)]
    Progress(#[from] ProgressError),
    /// JSON output failed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The roster has no one with this employee number.
    #[error("no one with employee number {0}")]
    UnknownPerson(String),
    /// No curriculum has this id.
    #[error("no curriculum {0}")]
    UnknownCurriculum(String),
    /// `records sync` was given a PostgreSQL address as the records to send.
    #[error("sync sends a records file")]
    SyncNeedsFile,
    /// The person has nothing left to do in their assignments.
    #[error("nothing assigned to {0}")]
    NothingAssigned(String),
    /// No curriculum is for this job.
    #[error("no curriculum for {0}")]
    NoCurriculumFor(String),
    /// A shopper's sheet could not be read, or the template written.
    #[error("{}: {error:?}", path.display())]
    Sheet {
        /// The file.
        path: PathBuf,
        /// Why.
        error: courtesy_records::sheet::SheetError,
    },
    /// A sheet had problems (each already printed); nothing was imported.
    #[error("{0} problems in the sheet")]
    SheetProblems(usize),
    /// No shopper firm has this id (or none was named and there are several).
    #[error("no shopper firm {id}")]
    UnknownFirm {
        /// The id asked for (empty: none was named).
        id: String,
        /// The firms there are.
        known: Vec<String>,
    },
    /// No finding has this visit number or id.
    #[error("no finding {0}")]
    UnknownFinding(String),
    /// No drill (or more than one) starts with this id.
    #[error("no drill {0}")]
    UnknownDrill(String),
    /// No single contest's id starts with this.
    #[error("no contest {0}")]
    UnknownContest(String),
    /// The scenario has no proposed examples waiting.
    #[error("nothing proposed for {0}")]
    NothingProposed(String),
    /// A scenario file could not be edited.
    #[error("{}: {error}", path.display())]
    Edit {
        /// The scenario file.
        path: PathBuf,
        /// Why.
        error: courtesy_core::edit::EditError,
    },
    /// Not a YYYY-MM month.
    #[error("not a month: {0}")]
    BadMonth(String),
    /// No site has this name or id.
    #[error("no site {0}")]
    UnknownSite(String),
    /// A report could not be drawn up in its format.
    #[error("{0}")]
    Export(String),
    /// Not a YYYY-MM-DD date.
    #[error("not a date: {0}")]
    BadDate(String),
    /// The training records could not be read or written.
    #[error(transparent)]
    Records(#[from] courtesy_records::RecordError),
    /// The game could not run.
    #[cfg(feature = "gui")]
    #[error(transparent)]
    Game(#[from] courtesy::app::GameError),
}

impl CliError {
    /// The error in words.
    pub fn message(&self, m: &Messages) -> String {
        match self {
            CliError::UnknownScenario(id) => m.format("unknown-scenario", &[("id", id.into())]),
            CliError::UnknownNode { scenario, node } => {
                m.format("unknown-node", &[("id", node.into()), ("scenario", scenario.into())])
            }
            CliError::InvalidScenario(id) => {
                m.format("play-invalid-scenario", &[("id", id.into())])
            }
            CliError::NoScenarioInFile => m.get("play-no-scenario-in-file"),
            CliError::NoScenarios(dir) => {
                m.format("no-scenarios", &[("dir", dir.display().to_string().into())])
            }
            CliError::PickInvalid => m.get("pick-scenario-invalid"),
            CliError::NodeTakesNoReply { scenario, node } => m.format(
                "check-node-takes-no-reply",
                &[("scenario", scenario.into()), ("node", node.into())],
            ),
            CliError::NotARuleSet(path) => {
                m.format("check-not-a-rule-set", &[("path", path.display().to_string().into())])
            }
            CliError::NothingToResume => m.get("resume-nothing-saved"),
            CliError::WhichSave(saved) => {
                m.format("resume-which", &[("saved", saved.join("\n  ").into())])
            }
            CliError::UnknownSave { id, saved } => m.format(
                "resume-unknown",
                &[("id", id.into()), ("saved", saved.join("\n  ").into())],
            ),
            CliError::RulesInvalid => m.get("check-rules-invalid"),
            CliError::NoRules(id) => m.format("check-no-rules", &[("id", id.into())]),
            CliError::BadListFormat(format) => {
                m.format("list-bad-format", &[("format", format.into())])
            }
            CliError::Read(e) => m.format("play-read-error", &[("detail", e.to_string().into())]),
            CliError::NoStateDir => m.get("no-state-dir"),
            CliError::UnknownPerson(no) => m.format("unknown-person", &[("no", no.into())]),
            CliError::UnknownCurriculum(id) => m.format("unknown-curriculum", &[("id", id.into())]),
            CliError::NoCurriculumFor(role) => {
                m.format("no-curriculum-for", &[("role", role.into())])
            }
            CliError::Records(e) => records_message(m, e),
            CliError::Sheet { path, error } => m.format(
                "findings-sheet-error",
                &[("file", path.display().to_string().into()), ("detail", error.message(m).into())],
            ),
            CliError::SheetProblems(count) => {
                m.format("findings-problems", &[("count", (*count).into())])
            }
            CliError::UnknownFirm { id, known } => m.format(
                "findings-unknown-firm",
                &[
                    ("id", if id.is_empty() { "none".into() } else { id.into() }),
                    ("known", known.join(", ").into()),
                ],
            ),
            CliError::UnknownFinding(id) => m.format("findings-unknown", &[("id", id.into())]),
            CliError::UnknownDrill(id) => m.format("drills-unknown", &[("id", id.into())]),
            CliError::UnknownContest(id) => m.format("review-unknown", &[("id", id.into())]),
            CliError::NothingProposed(id) => m.format("review-nothing", &[("id", id.into())]),
            CliError::Edit { path, error } => m.format(
                "review-edit-failed",
                &[
                    ("file", path.display().to_string().into()),
                    ("detail", error.to_string().into()),
                ],
            ),
            CliError::BadMonth(text) => m.format("report-bad-month", &[("value", text.into())]),
            CliError::UnknownSite(text) => {
                m.format("report-unknown-site", &[("value", text.into())])
            }
            CliError::Export(detail) => detail.clone(),
            CliError::BadDate(text) => m.format("bad-date", &[("value", text.into())]),
            CliError::SyncNeedsFile => m.get("records-sync-needs-file"),
            CliError::NothingAssigned(name) => {
                m.format("nothing-assigned", &[("name", name.into())])
            }
            #[cfg(feature = "gui")]
            CliError::Game(e) => e.message(m),
            CliError::Io { .. } => self.to_string(),
            CliError::Progress(_) | CliError::Json(_) => self.to_string(),
        }
    }
}

/// A records error in the reader's language.
fn records_message(m: &Messages, e: &courtesy_records::RecordError) -> String {
    use courtesy_records::RecordError as E;
    match e {
        E::Open { path, reason } => m.format(
            "records-open",
            &[("path", path.display().to_string().into()), ("detail", reason.into())],
        ),
        E::Locked => m.get("records-locked"),
        E::ReadOnly { reason } => m.format("records-read-only", &[("detail", reason.into())]),
        E::DiskFull => m.get("records-disk-full"),
        E::NewerSchema { found, known } => m.format(
            "records-newer",
            &[("found", (*found as u64).into()), ("known", (*known as u64).into())],
        ),
        E::NotRecords { path, reason } => m.format(
            "records-not-records",
            &[("path", path.display().to_string().into()), ("detail", reason.into())],
        ),
        E::Refused(detail) => m.format("records-refused", &[("detail", detail.into())]),
        E::Other(detail) => m.format("records-other", &[("detail", detail.into())]),
    }
}
