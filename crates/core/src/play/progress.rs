//! The trainee's progress on disk, shared by the terminal mode and the game:
//! the session being played (seed and inputs, saved after every turn so a
//! killed process loses nothing) and the log of finished scenarios
//! (`results.jsonl`, one JSON object per line, for the trainer). It lives in
//! `$XDG_STATE_HOME/courtesy`, else `~/.local/state/courtesy`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::session::SavedSession;
use crate::judge::ScenarioResult;

/// Why progress could not be read or written. Its text names the file and
/// the system's reason; the frontends put it into a sentence.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A saved session that does not parse (left in place to look at).
    #[error("{}: {source}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: serde_json::Error,
    },
    /// A record that could not be turned into JSON.
    #[error("{0}")]
    Encode(#[from] serde_json::Error),
}

/// Practice shows feedback after every turn; exam only at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Feedback after every turn.
    #[default]
    Practice,
    /// Feedback at the end only.
    Exam,
}

/// One line of `results.jsonl`: who played, how, when, and the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRecord {
    /// Who played, if a name was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
    /// Practice or exam.
    #[serde(default)]
    pub mode: Mode,
    /// Seconds since 1970-01-01 UTC.
    pub finished_at: u64,
    /// The scenario's result.
    #[serde(flatten)]
    pub result: ScenarioResult,
}

impl ResultRecord {
    /// A record finished now.
    pub fn now(trainee: &str, mode: Mode, result: ScenarioResult) -> ResultRecord {
        ResultRecord {
            trainee: name(trainee),
            mode,
            finished_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            result,
        }
    }
}

/// What is saved while a scenario is played: the session (seed and inputs)
/// and who plays it how, so a resumed game picks up the name and mode too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedPlay {
    /// Who plays, if a name was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
    /// Practice or exam.
    #[serde(default)]
    pub mode: Mode,
    /// The session's seed and inputs.
    #[serde(flatten)]
    pub session: SavedSession,
}

/// An empty or blank name counts as none.
fn name(trainee: &str) -> Option<String> {
    let trainee = trainee.trim();
    (!trainee.is_empty()).then(|| trainee.to_string())
}

impl SavedPlay {
    /// What to save for `session`, played by `trainee` in `mode`.
    pub fn new(trainee: &str, mode: Mode, session: SavedSession) -> SavedPlay {
        SavedPlay { trainee: name(trainee), mode, session }
    }
}

/// The folder that holds the saved session and the results log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressStore {
    dir: PathBuf,
}

const SESSION_FILE: &str = "session.json";
const RESULTS_FILE: &str = "results.jsonl";

impl ProgressStore {
    /// The store in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> ProgressStore {
        ProgressStore { dir: dir.into() }
    }

    /// `$XDG_STATE_HOME/courtesy` or `~/.local/state/courtesy`; none when
    /// neither variable is set.
    pub fn default_location() -> Option<ProgressStore> {
        std::env::var_os("XDG_STATE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))
            .map(|d| ProgressStore::new(d.join("courtesy")))
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Saves the session being played, atomically (a temporary file, then
    /// a rename), so a crash mid-write leaves the previous save intact.
    pub fn save_session(&self, saved: &SavedPlay) -> Result<(), ProgressError> {
        let json = serde_json::to_vec(saved)?;
        let path = self.dir.join(SESSION_FILE);
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let tmp = path.with_extension("json.tmp");
            std::fs::write(&tmp, &json)?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|source| ProgressError::Io { path, source })
    }

    /// The saved session, if there is one. A damaged file is an error that
    /// names it (it is left in place for the trainee to look at).
    pub fn load_session(&self) -> Result<Option<SavedPlay>, ProgressError> {
        let path = self.dir.join(SESSION_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|source| ProgressError::Damaged { path, source }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(ProgressError::Io { path, source }),
        }
    }

    /// Forgets the saved session.
    fn discard_session(&self) {
        let _ = std::fs::remove_file(self.dir.join(SESSION_FILE));
    }

    /// Appends a finished scenario to the results log and forgets the saved
    /// session (there is nothing left to resume).
    pub fn record_result(&self, record: &ResultRecord) -> Result<(), ProgressError> {
        let path = self.dir.join(RESULTS_FILE);
        let line = serde_json::to_string(record)?;
        let append = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
            f.write_all(format!("{line}\n").as_bytes())
        };
        let written = append().map_err(|source| ProgressError::Io { path, source });
        self.discard_session();
        written
    }

    /// Every record of the results log; lines that do not parse (a write
    /// cut off by a crash) are skipped.
    pub fn results(&self) -> Vec<ResultRecord> {
        std::fs::read_to_string(self.dir.join(RESULTS_FILE))
            .map(|text| text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect())
            .unwrap_or_default()
    }
}
