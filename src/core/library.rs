//! Loading: reads scenario and rule-set files, parses RON into the model,
//! compiles each scenario's rules into a [`RuleBook`] once, and gathers every
//! diagnostic on the way. A [`Library`] is what the CLI and the game play from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, SourceFile, read_source};
use super::model::{Node, Prompt, RuleSet, Scenario};
use super::rules::{RuleBook, RuleBookBuilder, RuleIndex};
use super::validate;

/// RON options for trainer files: `Some(..)` may be left out.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses a file into `T`, turning RON errors into diagnostics at line:col.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    ron_options().from_str::<T>(&file.text).map_err(|e| {
        use ron::error::Error as E;
        let code = match &e.code {
            E::NoSuchStructField { .. } => "unknown-field",
            E::MissingStructField { .. } => "missing-field",
            E::DuplicateStructField { .. } => "duplicate-field",
            E::NoSuchEnumVariant { .. } => "unknown-variant",
            E::InvalidValueForType { .. }
            | E::ExpectedBoolean
            | E::ExpectedFloat
            | E::ExpectedInteger
            | E::ExpectedString
            | E::ExpectedArray
            | E::ExpectedStructLike
            | E::ExpectedNamedStructLike(_)
            | E::IntegerOutOfBounds => "wrong-type",
            E::ExceededRecursionLimit => "too-deep",
            _ => "syntax",
        };
        let start = file.offset(e.span.start.line, e.span.start.col);
        let end = file.offset(e.span.end.line, e.span.end.col).max(start);
        let mut d =
            Diagnostic::at(file, Some((start, end.max(start + 1).min(file.text.len()))), code)
                .arg("detail", &e.code);
        (d.line, d.col) = (e.span.start.line.max(1), e.span.start.col.max(1));
        d
    })
}

/// Is this file a rule set (its top-level value is `RuleSet(...)`)?
pub fn looks_like_rule_set(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    rest.starts_with("RuleSet")
}

/// A rule set with the file it came from.
#[derive(Debug, Clone)]
pub struct LoadedRuleSet {
    pub set: RuleSet,
    pub file: SourceFile,
}

/// A scenario ready to play: parsed, with its rules compiled and every node's
/// rule lists resolved to rule indices.
#[derive(Debug)]
pub struct PreparedScenario {
    pub scenario: Scenario,
    pub file: SourceFile,
    pub book: RuleBook,
    node_index: HashMap<String, usize>,
    required: Vec<Vec<RuleIndex>>,
    forbidden: Vec<Vec<RuleIndex>>,
}

impl PreparedScenario {
    /// Compiles `scenario` against the rule sets it applies (missing sets are
    /// skipped here; validation reports them).
    pub fn new(scenario: Scenario, file: SourceFile, rule_sets: &[LoadedRuleSet]) -> Self {
        let mut builder = RuleBookBuilder::new();
        for rule in &scenario.rules {
            builder.add(rule.clone(), false);
        }
        for id in &scenario.apply {
            if let Some(loaded) = rule_sets.iter().find(|s| &s.set.id == id) {
                builder.add_rule_set(&loaded.set);
            }
        }
        let book = builder.build(Some(&scenario.company));
        let node_index =
            scenario.nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).rev().collect();
        let resolve = |ids: &[String]| -> Vec<RuleIndex> {
            ids.iter().filter_map(|id| book.index_of(id)).collect()
        };
        let mut required = Vec::with_capacity(scenario.nodes.len());
        let mut forbidden = Vec::with_capacity(scenario.nodes.len());
        for node in &scenario.nodes {
            let (req, forb) = match &node.prompt {
                Some(Prompt::Reply { require, forbid }) => (resolve(require), resolve(forbid)),
                _ => (Vec::new(), Vec::new()),
            };
            let mut all_forbidden = book.always_forbidden().to_vec();
            for f in forb {
                if !all_forbidden.contains(&f) {
                    all_forbidden.push(f);
                }
            }
            required.push(req);
            forbidden.push(all_forbidden);
        }
        PreparedScenario { scenario, file, book, node_index, required, forbidden }
    }

    pub fn id(&self) -> &str {
        &self.scenario.id
    }

    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.node_index.get(id).copied()
    }

    pub fn node(&self, index: usize) -> &Node {
        &self.scenario.nodes[index]
    }

    /// How a rule is named to a trainee: its right wording (suggestion), or
    /// its first phrase, or its id.
    pub fn rule_label(&self, id: &str) -> String {
        match self.book.index_of(id).map(|i| self.book.rule(i)) {
            Some(rule) => rule
                .suggestion
                .clone()
                .or_else(|| rule.phrases.first().cloned())
                .unwrap_or_else(|| id.to_string()),
            None => id.to_string(),
        }
    }

    pub fn required(&self, node: usize) -> &[RuleIndex] {
        &self.required[node]
    }

    pub fn forbidden(&self, node: usize) -> &[RuleIndex] {
        &self.forbidden[node]
    }
}

/// Every scenario and rule set found, and every problem found on the way.
#[derive(Debug, Default)]
pub struct Library {
    pub rule_sets: Vec<LoadedRuleSet>,
    pub scenarios: Vec<Arc<PreparedScenario>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Library {
    /// Loads files and folders. A folder contributes its `*.ron` files and
    /// those of its `phrases/` subfolder; a scenario file given alone also
    /// brings the rule sets of the `phrases/` folder beside it.
    pub fn load(paths: &[PathBuf]) -> Library {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut library = Library::default();
        for path in paths {
            if path.is_dir() {
                collect_ron(path, &mut files, &mut library.diagnostics);
                let phrases = path.join("phrases");
                if phrases.is_dir() {
                    collect_ron(&phrases, &mut files, &mut library.diagnostics);
                }
            } else if path.exists() {
                files.push(path.clone());
                if let Some(parent) = path.parent() {
                    let phrases = parent.join("phrases");
                    if phrases.is_dir() && !parent.ends_with("phrases") {
                        let mut extra = Vec::new();
                        collect_ron(&phrases, &mut extra, &mut library.diagnostics);
                        files.extend(extra);
                    }
                }
            } else {
                library.diagnostics.push(
                    Diagnostic::file(path, 1, 1, "io").arg("detail", "no such file or folder"),
                );
            }
        }
        dedup_paths(&mut files);
        let mut sources = Vec::with_capacity(files.len());
        for path in &files {
            match read_source(path) {
                Ok(f) => sources.push(f),
                Err(d) => library.diagnostics.push(d),
            }
        }
        Library::from_sources(sources, library.diagnostics)
    }

    /// Builds a library from files already in memory (the game's asset
    /// loader uses this); `diagnostics` are problems found while reading.
    pub fn from_sources(sources: Vec<SourceFile>, diagnostics: Vec<Diagnostic>) -> Library {
        let mut library = Library { diagnostics, ..Library::default() };
        let mut scenario_files: Vec<(Scenario, SourceFile)> = Vec::new();
        for file in sources {
            if looks_like_rule_set(&file.text) {
                match parse::<RuleSet>(&file) {
                    Ok(set) => library.rule_sets.push(LoadedRuleSet { set, file }),
                    Err(d) => library.diagnostics.push(d),
                }
            } else {
                match parse::<Scenario>(&file) {
                    Ok(s) => scenario_files.push((s, file)),
                    Err(d) => library.diagnostics.push(d),
                }
            }
        }
        for loaded in &library.rule_sets {
            library.diagnostics.extend(validate::rule_set(loaded));
        }
        library.diagnostics.extend(validate::duplicate_rule_sets(&library.rule_sets));
        for (scenario, file) in scenario_files {
            let prepared = PreparedScenario::new(scenario, file, &library.rule_sets);
            library.diagnostics.extend(validate::scenario(&prepared, &library.rule_sets));
            library.scenarios.push(Arc::new(prepared));
        }
        library.diagnostics.extend(validate::duplicate_scenarios(&library.scenarios));
        library
    }

    pub fn scenario(&self, id: &str) -> Option<Arc<PreparedScenario>> {
        self.scenarios.iter().find(|s| s.id() == id).cloned()
    }

    pub fn rule_set(&self, id: &str) -> Option<&LoadedRuleSet> {
        self.rule_sets.iter().find(|s| s.set.id == id)
    }

    /// Errors (not warnings) reported against `path`.
    pub fn errors_in<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.is_error() && d.path == path)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

fn collect_ron(dir: &Path, out: &mut Vec<PathBuf>, diagnostics: &mut Vec<Diagnostic>) {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
                .collect();
            found.sort();
            out.extend(found);
        }
        Err(e) => diagnostics.push(Diagnostic::file(dir, 1, 1, "io").arg("detail", e)),
    }
}

fn dedup_paths(files: &mut Vec<PathBuf>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
}
