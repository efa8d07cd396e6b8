//! Loading: finds scenario and rule-set files, reads and parses them, has
//! each scenario compiled and validated, and gathers every diagnostic on the
//! way. A [`Library`] is what the command line and the game play from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::compile::{CompiledScenario, LoadedRuleSet};
use crate::diagnostic::{Code, Diagnostic, SourceFile, read_source};
use crate::model::{RuleSet, Scenario};
use crate::validate;

/// RON options for trainer files: `Some(..)` may be left out.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses a file into `T`, turning RON errors into diagnostics at line:col.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    ron_options().from_str::<T>(&file.text).map_err(|e| {
        use ron::error::Error as E;
        let code = match &e.code {
            E::NoSuchStructField { .. } => Code::UnknownField,
            E::MissingStructField { .. } => Code::MissingField,
            E::DuplicateStructField { .. } => Code::DuplicateField,
            E::NoSuchEnumVariant { .. } => Code::UnknownVariant,
            E::InvalidValueForType { .. }
            | E::ExpectedBoolean
            | E::ExpectedFloat
            | E::ExpectedInteger
            | E::ExpectedString
            | E::ExpectedArray
            | E::ExpectedStructLike
            | E::ExpectedNamedStructLike(_)
            | E::IntegerOutOfBounds => Code::WrongType,
            E::ExceededRecursionLimit => Code::TooDeep,
            _ => Code::Syntax,
        };
        let start = file.offset(e.span.start.line, e.span.start.col);
        let end = file.offset(e.span.end.line, e.span.end.col).max(start);
        let mut d =
            Diagnostic::at(file, Some((start, end.max(start + 1).min(file.text.len()))), code)
                .arg("detail", e.code.to_string());
        (d.line, d.col) = (e.span.start.line.max(1), e.span.start.col.max(1));
        d
    })
}

/// Is this file a rule set (its top-level value is `RuleSet(...)`)?
fn looks_like_rule_set(text: &str) -> bool {
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

/// Every scenario and rule set found, and every problem found on the way.
#[derive(Debug, Default)]
pub struct Library {
    /// The rule sets, in file order.
    pub rule_sets: Vec<LoadedRuleSet>,
    /// The scenarios that parsed, in file order (with errors or not).
    pub scenarios: Vec<Arc<CompiledScenario>>,
    /// Every problem found, errors and warnings.
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
                    Diagnostic::file(path, 1, 1, Code::Io).arg("detail", "no such file or folder"),
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
                    Ok(set) => library.rule_sets.push(LoadedRuleSet::new(set, file)),
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
            let compiled = CompiledScenario::new(scenario, file, &library.rule_sets);
            library.diagnostics.extend(validate::scenario(&compiled, &library.rule_sets));
            library.scenarios.push(Arc::new(compiled));
        }
        library.diagnostics.extend(validate::duplicate_scenarios(&library.scenarios));
        library
    }

    /// The scenario with this id.
    pub fn scenario(&self, id: &str) -> Option<Arc<CompiledScenario>> {
        self.scenarios.iter().find(|s| s.id() == id).cloned()
    }

    /// Every scenario tag: the skills a finding's drills can train.
    pub fn tags(&self) -> std::collections::HashSet<&str> {
        self.scenarios.iter().flat_map(|s| s.scenario.tags.iter().map(String::as_str)).collect()
    }

    /// The ids of the scenarios tagged with any of `tags`, in file order.
    pub fn tagged(&self, tags: &[String]) -> Vec<&str> {
        self.scenarios
            .iter()
            .filter(|s| s.scenario.tags.iter().any(|t| tags.contains(t)))
            .map(|s| s.id())
            .collect()
    }

    /// The rule set with this id.
    pub fn rule_set(&self, id: &str) -> Option<&LoadedRuleSet> {
        self.rule_sets.iter().find(|s| s.set.id == id)
    }

    /// Errors (not warnings) reported against `path`.
    pub fn errors_in<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.is_error() && d.path == path)
    }

    /// How many errors (not warnings) were found.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// The `*.ron` files of `dir`, sorted. Anything named `*.ron` that is not a
/// regular file (a folder, a FIFO, a device, a broken or looping link) is
/// reported, not skipped in silence; a link that leads out of `dir` is
/// reported and not followed.
/// The scenario and rule-set files of a scenarios folder — its `*.ron`
/// files and those of `phrases/` — and what is wrong with the entries that
/// are not regular files or lead out of the folder (never read, so a FIFO
/// cannot block the reader). The game loads exactly these files.
pub fn scenario_files(dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, mut diagnostics) = (Vec::new(), Vec::new());
    collect_ron(dir, &mut files, &mut diagnostics);
    let phrases = dir.join("phrases");
    if phrases.is_dir() {
        collect_ron(&phrases, &mut files, &mut diagnostics);
    }
    (files, diagnostics)
}

fn collect_ron(dir: &Path, out: &mut Vec<PathBuf>, diagnostics: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::file(dir, 1, 1, Code::Io).arg("detail", e.to_string()));
            return;
        }
    };
    let home = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    found.sort();
    for path in found {
        if let Err(d) = link_stays_inside(&path, &home) {
            diagnostics.push(d);
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => out.push(path),
            Ok(meta) => diagnostics.push(
                Diagnostic::file(&path, 1, 1, Code::NotAFile)
                    .arg("kind", crate::diagnostic::file_kind(&meta)),
            ),
            Err(e) => diagnostics
                .push(Diagnostic::file(&path, 1, 1, Code::Io).arg("detail", e.to_string())),
        }
    }
}

/// A file of the scenarios folder `home` (canonical) that is a link must
/// lead to a file inside it: a link out of the folder (`link-outside`) or a
/// broken or looping one (`not-a-file`) is reported, not followed. The game's
/// asset loader asks the same before it reads.
pub fn link_stays_inside(path: &Path, home: &Path) -> Result<(), Diagnostic> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(home) => Ok(()),
        Ok(target) => Err(Diagnostic::file(path, 1, 1, Code::LinkOutside)
            .arg("target", target.display().to_string())),
        Err(_) => Err(Diagnostic::file(path, 1, 1, Code::NotAFile).arg("kind", "link")),
    }
}

fn dedup_paths(files: &mut Vec<PathBuf>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
}
