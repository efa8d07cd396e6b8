//! Measuring judgement: a labelled corpus of replies — each written for one
//! node of one scenario and labelled pass or fail by the standard of a
//! strict trainer who knows the manuals — judged by the library as a
//! trainee's reply would be, and counted: overall, per voice (terse,
//! Taiwan wording, recited formulas…) and per node. The corpus format is
//! documented in docs/judgement.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::Library;
use crate::model::Verdict;

/// One labelled reply of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledReply {
    /// The corpus file (named `<scenario-id>.tsv`).
    pub file: PathBuf,
    /// 1-based line in it.
    pub line: usize,
    /// The scenario's id.
    pub scenario: String,
    /// The node answered.
    pub node: String,
    /// The verdict a strict trainer gives.
    pub expect: Verdict,
    /// How it is said: terse, wordy, colloquial, formal, taiwan, ni, typo,
    /// formula, near-miss, rude, promise, other.
    pub voice: String,
    /// The trainee's words.
    pub reply: String,
    /// Why the label, in the labeller's words.
    pub why: String,
}

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A line is not `node<TAB>label<TAB>voice<TAB>reply<TAB>why`.
    #[error("{}:{line}: {problem}", path.display())]
    BadLine {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        problem: String,
    },
}

/// Reads every `*.tsv` file of `dir`, in name order.
pub fn read_corpus(dir: &Path) -> Result<Vec<LabelledReply>, CorpusError> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CorpusError + '_ {
        move |source| CorpusError::Io { path: path.to_path_buf(), source }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let scenario = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        for (i, row) in text.lines().enumerate().skip(1) {
            if row.trim().is_empty() {
                continue;
            }
            let bad = |problem: &str| CorpusError::BadLine {
                path: path.clone(),
                line: i + 1,
                problem: problem.to_string(),
            };
            let cols: Vec<&str> = row.split('\t').collect();
            let [node, label, voice, reply, why] = cols[..] else {
                return Err(bad(&format!("{} columns, want 5", cols.len())));
            };
            let expect = match label.trim() {
                "pass" => Verdict::Pass,
                "fail" => Verdict::Fail,
                other => return Err(bad(&format!("label `{other}`, want pass or fail"))),
            };
            out.push(LabelledReply {
                file: path.clone(),
                line: i + 1,
                scenario: scenario.clone(),
                node: node.trim().to_string(),
                expect,
                voice: voice.trim().to_string(),
                reply: reply.to_string(),
                why: why.trim().to_string(),
            });
        }
    }
    Ok(out)
}

/// How labelled replies fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Good replies passed.
    pub good_passed: usize,
    /// Good replies failed (false fails).
    pub good_failed: usize,
    /// Bad replies passed (false passes).
    pub bad_passed: usize,
    /// Bad replies failed.
    pub bad_failed: usize,
}

impl Counts {
    fn add(&mut self, expect: Verdict, got: Verdict) {
        match (expect, got) {
            (Verdict::Pass, Verdict::Pass) => self.good_passed += 1,
            (Verdict::Pass, Verdict::Fail) => self.good_failed += 1,
            (Verdict::Fail, Verdict::Pass) => self.bad_passed += 1,
            (Verdict::Fail, Verdict::Fail) => self.bad_failed += 1,
        }
    }

    /// Every reply counted.
    pub fn total(&self) -> usize {
        self.good_passed + self.good_failed + self.bad_passed + self.bad_failed
    }

    /// Share of replies judged as labelled, 0 to 1.
    pub fn accuracy(&self) -> f64 {
        ratio(self.good_passed + self.bad_failed, self.total())
    }

    /// Share of good replies passed, 0 to 1 (1 − the false-fail rate).
    pub fn good_passed_rate(&self) -> f64 {
        ratio(self.good_passed, self.good_passed + self.good_failed)
    }

    /// Share of bad replies failed, 0 to 1 (1 − the false-pass rate).
    pub fn bad_failed_rate(&self) -> f64 {
        ratio(self.bad_failed, self.bad_failed + self.bad_passed)
    }

    /// Replies judged against their label.
    pub fn wrong(&self) -> usize {
        self.good_failed + self.bad_passed
    }
}

/// 1 when there is nothing to count.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

/// A reply judged against its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// The reply and its label.
    pub reply: LabelledReply,
    /// The score it got.
    pub score: u8,
    /// The rules it hit and missed, by id (`+id` met, `-id` missed, `!id` hit).
    pub rules: Vec<String>,
}

/// The corpus judged.
#[derive(Debug, Clone, Default)]
pub struct Measurement {
    /// Every reply.
    pub overall: Counts,
    /// Per voice.
    pub by_voice: BTreeMap<String, Counts>,
    /// Per `scenario/node`.
    pub by_node: BTreeMap<String, Counts>,
    /// Every reply judged against its label, in corpus order.
    pub mistakes: Vec<Mistake>,
    /// Rows naming a scenario or node that does not exist or takes no
    /// typed reply.
    pub unknown: Vec<LabelledReply>,
}

/// Judges every reply of `corpus` at its node, as the session would.
pub fn measure(library: &Library, corpus: &[LabelledReply]) -> Measurement {
    let mut m = Measurement::default();
    for row in corpus {
        let found = library.scenario(&row.scenario).and_then(|s| {
            let index = s.node_index(&row.node)?;
            s.node(index).prompt.as_ref()?.takes_typed_reply().then_some((s, index))
        });
        let Some((scenario, index)) = found else {
            m.unknown.push(row.clone());
            continue;
        };
        let result = scenario.score_reply(index, &row.reply);
        m.overall.add(row.expect, result.verdict);
        m.by_voice.entry(row.voice.clone()).or_default().add(row.expect, result.verdict);
        let node = format!("{}/{}", row.scenario, row.node);
        m.by_node.entry(node).or_default().add(row.expect, result.verdict);
        if result.verdict != row.expect {
            let mut rules: Vec<String> = result
                .required()
                .iter()
                .map(|r| format!("{}{}", if r.met { "+" } else { "-" }, r.rule))
                .collect();
            rules.extend(result.forbidden().iter().map(|h| format!("!{}", h.rule)));
            m.mistakes.push(Mistake { reply: row.clone(), score: result.score, rules });
        }
    }
    m
}
