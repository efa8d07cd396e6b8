//! `courtesy validate`: loads scenario and rule files, and the curricula,
//! prints every diagnostic with its snippet and help, and a summary; exit 1
//! on an error. A path in a `curricula` folder is checked as a curriculum,
//! one in `curricula/shoppers` as a shopper firm's column mapping.

use std::path::PathBuf;
use std::process::ExitCode;

use std::collections::HashSet;

use courtesy_core::Library;
use courtesy_core::{curriculum, shopper};

use super::{Context, Outcome, paint, terminal};

/// Is this a curriculum file or the curricula folder?
fn is_curricula(path: &std::path::Path) -> bool {
    let named = |p: &std::path::Path| p.file_name().is_some_and(|n| n == "curricula");
    named(path) || path.parent().is_some_and(named)
}

/// Is this a shopper firm's mapping or their folder?
fn is_shoppers(path: &std::path::Path) -> bool {
    let named = |p: &std::path::Path| p.file_name().is_some_and(|n| n == "shoppers");
    named(path) || path.parent().is_some_and(named)
}

/// Validates `paths` (default: the scenarios folder and the curricula).
pub fn run(context: &Context, paths: Vec<PathBuf>) -> Outcome {
    let m = &context.messages;
    let (shopper_paths, paths_left): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| is_shoppers(p));
    let (curricula_paths, scenario_paths): (Vec<PathBuf>, Vec<PathBuf>) =
        paths_left.into_iter().partition(|p| is_curricula(p));
    let library = match scenario_paths.is_empty() {
        true => context.existing_library()?,
        false => Library::load(&scenario_paths),
    };
    for d in &library.diagnostics {
        terminal::eprint(&paint::diagnostic(m, d));
    }
    // The curricula, checked against the scenarios that exist.
    let ids: HashSet<&str> = library.scenarios.iter().map(|s| s.id()).collect();
    let mut curricula = 0;
    let mut curriculum_problems = Vec::new();
    let mut firms = 0;
    if paths.is_empty() {
        let (found, problems) = courtesy::curricula::load(&ids);
        curricula = found.len();
        curriculum_problems = problems;
        let (found, problems) = courtesy::curricula::firms(&library.tags());
        firms = found.len();
        curriculum_problems.extend(problems);
    }
    for path in &shopper_paths {
        let (found, problems) = if path.is_dir() {
            shopper::load_dir(path, &library.tags())
        } else {
            match courtesy_core::diagnostic::read_source(path) {
                Ok(file) => {
                    let (f, problems) = shopper::check(&file, &library.tags());
                    (f.into_iter().collect(), problems)
                }
                Err(d) => (Vec::new(), vec![d]),
            }
        };
        firms += found.len();
        curriculum_problems.extend(problems);
    }
    for path in &curricula_paths {
        let (found, problems) = if path.is_dir() {
            curriculum::load_dir(path, &ids)
        } else {
            match courtesy_core::diagnostic::read_source(path) {
                Ok(file) => {
                    let (c, problems) = curriculum::check(&file, &ids);
                    (c.into_iter().collect(), problems)
                }
                Err(d) => (Vec::new(), vec![d]),
            }
        };
        curricula += found.len();
        curriculum_problems.extend(problems);
    }
    for d in &curriculum_problems {
        terminal::eprint(&paint::diagnostic(m, d));
    }
    let curriculum_errors = curriculum_problems.iter().filter(|d| d.is_error()).count();
    let errors = library.error_count() + curriculum_errors;
    let warnings = library.diagnostics.len() + curriculum_problems.len() - errors;
    let summary = m.format(
        "validate-summary",
        &[
            ("scenarios", library.scenarios.len().into()),
            ("rulesets", library.rule_sets.len().into()),
            ("errors", errors.into()),
            ("warnings", warnings.into()),
        ],
    ) + "\n"
        + &m.format("validate-curricula", &[("count", curricula.into())])
        + "\n"
        + &m.format("validate-firms", &[("count", firms.into())]);
    if errors > 0 {
        terminal::eprint(&format!("{summary}\n"));
        Ok(ExitCode::from(1))
    } else {
        terminal::print(&format!("{summary}\n"));
        Ok(ExitCode::SUCCESS)
    }
}
