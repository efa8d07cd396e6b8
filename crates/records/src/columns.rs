//! How values are written in both databases' columns: modes and verdicts
//! as short words, lists of rule ids as JSON text.

use courtesy_core::{Mode, Verdict};

/// `practice` or `exam`.
pub(crate) fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "practice",
        Mode::Exam => "exam",
    }
}

/// The mode a column holds (anything but `exam` is practice).
pub(crate) fn mode_of(key: &str) -> Mode {
    if key == "exam" { Mode::Exam } else { Mode::Practice }
}

/// `pass` or `fail`.
pub(crate) fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
    }
}

/// The verdict a column holds (anything but `pass` is a fail).
pub(crate) fn verdict_of(key: &str) -> Verdict {
    if key == "pass" { Verdict::Pass } else { Verdict::Fail }
}

/// A list of rule ids from its JSON text (empty if unreadable).
pub(crate) fn list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A list of rule ids as JSON text.
pub(crate) fn to_json(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}
