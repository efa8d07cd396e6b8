//! The trainee's progress on disk, shared by the terminal mode and the game:
//! the sessions being played (seed and inputs, saved after every turn so a
//! killed process loses nothing) and the log of finished scenarios
//! (`results.jsonl`, one JSON object per line, for the trainer). It lives in
//! `$XDG_STATE_HOME/courtesy`, else `~/.local/state/courtesy`.
//!
//! What it promises, with two people on one PC and a disk that fills up:
//! - each session is saved in its own file (`sessions/<id>.json`) through a
//!   temporary file of its own, so sessions never overwrite each other;
//! - a finished session is appended to the log whole or not at all, and
//!   its save is removed only once the record is safely written;
//! - a session is recorded at most once (its id is in the record), so a
//!   kill between the append and the removal cannot double it;
//! - a reader recovers every whole record, even after a torn line.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::session::{LoggedInput, SavedSession};
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
    /// The session's id: a session is recorded once (empty in old records).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session: String,
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
    /// A record of session `session`, finished now.
    pub fn now(session: &str, trainee: &str, mode: Mode, result: ScenarioResult) -> ResultRecord {
        ResultRecord {
            session: session.to_string(),
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

/// The folder that holds the saved sessions and the results log.
#[derive(Debug, Clone)]
pub struct ProgressStore {
    dir: PathBuf,
    /// How many inputs of each session this store has already written, so
    /// the next save appends only the new ones.
    on_disk: Arc<Mutex<HashMap<String, usize>>>,
}

impl PartialEq for ProgressStore {
    fn eq(&self, other: &Self) -> bool {
        self.dir == other.dir
    }
}

impl Eq for ProgressStore {}

const LEGACY_SESSION_FILE: &str = "session.json";
const SESSIONS_DIR: &str = "sessions";
const RESULTS_FILE: &str = "results.jsonl";

/// The saved sessions found, and the save files that could not be read
/// (left in place to look at).
#[derive(Debug, Default)]
pub struct SavedSessions {
    /// Newest first.
    pub sessions: Vec<SavedPlay>,
    /// Files that are damaged or unreadable.
    pub problems: Vec<ProgressError>,
}

impl ProgressStore {
    /// The store in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> ProgressStore {
        ProgressStore { dir: dir.into(), on_disk: Arc::default() }
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

    /// The save file of session `id` (an id from before ids: the old
    /// single save file).
    fn session_path(&self, id: &str) -> PathBuf {
        if id.is_empty() {
            return self.dir.join(LEGACY_SESSION_FILE);
        }
        let name: String = id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect();
        self.dir.join(SESSIONS_DIR).join(format!("{name}.jsonl"))
    }

    /// Saves a session being played in its own file: a header line (who,
    /// how, the scenario and seed) and one line per input. The first save
    /// writes it whole, through a temporary file of this process and call
    /// and a rename, so two writers never share a temporary file; later
    /// saves append only the inputs not yet written (10,000 turns write
    /// 10,000 lines, not 10,000 growing copies), and a failed append is cut
    /// back so the file never holds half an input.
    pub fn save_session(&self, saved: &SavedPlay) -> Result<(), ProgressError> {
        let id = saved.session.id.clone();
        let path = self.session_path(&id);
        let inputs = &saved.session.inputs;
        let mut on_disk = self.on_disk.lock().unwrap_or_else(|e| e.into_inner());
        let written = match on_disk.get(&id).copied() {
            Some(done) if !id.is_empty() && done <= inputs.len() && path.exists() => {
                append_lines(&path, &inputs[done..])
            }
            _ => write_whole(&path, saved),
        };
        match written {
            Ok(()) => {
                on_disk.insert(id, inputs.len());
                Ok(())
            }
            Err(source) => {
                on_disk.remove(&id);
                Err(ProgressError::Io { path, source })
            }
        }
    }

    /// Every saved session, newest first, and the files that could not be
    /// read.
    pub fn saved_sessions(&self) -> SavedSessions {
        let mut found = SavedSessions::default();
        let mut files: Vec<PathBuf> = match std::fs::read_dir(self.dir.join(SESSIONS_DIR)) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => {
                found
                    .problems
                    .push(ProgressError::Io { path: self.dir.join(SESSIONS_DIR), source });
                Vec::new()
            }
        };
        files.push(self.dir.join(LEGACY_SESSION_FILE));
        let mut dated: Vec<(std::time::SystemTime, SavedPlay)> = Vec::new();
        for path in files {
            let modified = std::fs::metadata(&path).and_then(|m| m.modified());
            match std::fs::read(&path) {
                Ok(bytes) => match parse_session(&bytes) {
                    Ok(saved) => {
                        dated.push((modified.unwrap_or(std::time::UNIX_EPOCH), saved));
                    }
                    Err(source) => found.problems.push(ProgressError::Damaged { path, source }),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => found.problems.push(ProgressError::Io { path, source }),
            }
        }
        dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.session.id.cmp(&b.1.session.id)));
        found.sessions = dated.into_iter().map(|(_, s)| s).collect();
        found
    }

    /// The newest saved session, if there is one. A damaged file is an
    /// error that names it (it is left in place for the trainee to look at).
    pub fn load_session(&self) -> Result<Option<SavedPlay>, ProgressError> {
        let mut found = self.saved_sessions();
        match found.sessions.is_empty() {
            true => found.problems.pop().map_or(Ok(None), Err),
            false => Ok(Some(found.sessions.remove(0))),
        }
    }

    /// Forgets a saved session.
    pub fn discard_session(&self, id: &str) {
        let _ = std::fs::remove_file(self.session_path(id));
        self.on_disk.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }

    /// Appends a finished scenario to the results log, whole or not at all,
    /// and then forgets its saved session. A session already in the log is
    /// not appended again. When the append fails the save is kept, so the
    /// session can be resumed and recorded later.
    pub fn record_result(&self, record: &ResultRecord) -> Result<(), ProgressError> {
        let path = self.dir.join(RESULTS_FILE);
        let line = serde_json::to_string(record)?;
        let append = || -> std::io::Result<()> {
            use std::io::{Read as _, Seek as _, SeekFrom};
            std::fs::create_dir_all(&self.dir)?;
            let mut f =
                std::fs::OpenOptions::new().create(true).read(true).append(true).open(&path)?;
            // A FIFO or a device in its place would never end the read below.
            if !f.metadata()?.is_file() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a regular file",
                ));
            }
            // One writer at a time: the game and the terminal may both record.
            f.lock()?;
            let mut old = Vec::new();
            f.read_to_end(&mut old)?;
            if !record.session.is_empty()
                && parse_records(&String::from_utf8_lossy(&old))
                    .iter()
                    .any(|r| r.session == record.session)
            {
                return Ok(()); // already recorded (a kill after the append)
            }
            // A torn last line (a full disk, a crash) gets its own line end,
            // so the new record starts on a line of its own.
            let mut bytes = Vec::with_capacity(line.len() + 2);
            if old.last().is_some_and(|&b| b != b'\n') {
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            let written = f.write_all(&bytes).and_then(|()| f.sync_data());
            if written.is_err() {
                // All or nothing: cut off whatever part of the line got out.
                let _ = f.set_len(old.len() as u64);
                let _ = f.seek(SeekFrom::End(0));
            }
            written
        };
        append().map_err(|source| ProgressError::Io { path, source })?;
        self.discard_session(&record.session);
        Ok(())
    }

    /// Every record of the results log. A line that does not parse (cut off
    /// by a crash) is skipped; a whole record written after it on the same
    /// line by an older version is recovered.
    pub fn results(&self) -> Vec<ResultRecord> {
        std::fs::read(self.dir.join(RESULTS_FILE))
            .map(|bytes| parse_records(&String::from_utf8_lossy(&bytes)))
            .unwrap_or_default()
    }
}

/// Writes a session's save file whole: through a temporary file of this
/// process and call, then a rename, so a crash mid-write leaves the
/// previous save intact. The old single save (no id) is one JSON object.
fn write_whole(path: &Path, saved: &SavedPlay) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let mut bytes = Vec::new();
    if saved.session.id.is_empty() {
        serde_json::to_writer(&mut bytes, saved)?;
    } else {
        let header = SavedPlay {
            trainee: saved.trainee.clone(),
            mode: saved.mode,
            session: SavedSession {
                id: saved.session.id.clone(),
                scenario: saved.session.scenario.clone(),
                seed: saved.session.seed,
                inputs: Vec::new(),
            },
        };
        serde_json::to_writer(&mut bytes, &header)?;
        bytes.push(b'\n');
        for input in &saved.session.inputs {
            serde_json::to_writer(&mut bytes, input)?;
            bytes.push(b'\n');
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = path.with_extension(format!("{}-{n}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Appends inputs to a save file, one line each, all or none.
fn append_lines(path: &Path, inputs: &[LoggedInput]) -> std::io::Result<()> {
    if inputs.is_empty() {
        return Ok(());
    }
    let mut bytes = Vec::new();
    for input in inputs {
        serde_json::to_writer(&mut bytes, input)?;
        bytes.push(b'\n');
    }
    let mut f = std::fs::OpenOptions::new().append(true).open(path)?;
    let before = f.metadata()?.len();
    let written = f.write_all(&bytes);
    if written.is_err() {
        let _ = f.set_len(before);
    }
    written
}

/// A save file: a header line and one line per input (a torn last line,
/// from a kill mid-append, is dropped), or the old single JSON object.
fn parse_session(bytes: &[u8]) -> Result<SavedPlay, serde_json::Error> {
    if let Ok(whole) = serde_json::from_slice::<SavedPlay>(bytes) {
        return Ok(whole);
    }
    let mut lines = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    let mut saved: SavedPlay = serde_json::from_slice(lines.next().unwrap_or_default())?;
    for line in lines {
        match serde_json::from_slice::<LoggedInput>(line) {
            Ok(input) => saved.session.inputs.push(input),
            Err(_) => break,
        }
    }
    Ok(saved)
}

/// The records of a results log's text.
fn parse_records(text: &str) -> Vec<ResultRecord> {
    let mut records = Vec::new();
    for line in text.lines() {
        if let Ok(r) = serde_json::from_str(line) {
            records.push(r);
            continue;
        }
        // `{"trainee":..,"resu` + `{"session":..}`: the last whole record.
        let starts = line.match_indices("{\"").map(|(i, _)| i).filter(|&i| i > 0);
        if let Some(r) = starts.filter_map(|i| serde_json::from_str(&line[i..]).ok()).next() {
            records.push(r);
        }
    }
    records
}
