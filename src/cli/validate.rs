//! `courtesy validate`: loads scenario and rule files, prints every
//! diagnostic with its snippet and help, and a summary; exit 1 on an error.

use std::path::PathBuf;
use std::process::ExitCode;

use courtesy_core::Library;

use super::{Context, Outcome, paint, terminal};

/// Validates `paths` (default: the scenarios folder).
pub fn run(context: &Context, paths: Vec<PathBuf>) -> Outcome {
    let m = &context.messages;
    let library = match paths.is_empty() {
        true => context.existing_library()?,
        false => Library::load(&paths),
    };
    for d in &library.diagnostics {
        terminal::eprint(&paint::diagnostic(m, d));
    }
    let errors = library.error_count();
    let warnings = library.diagnostics.len() - errors;
    let summary = m.format(
        "validate-summary",
        &[
            ("scenarios", library.scenarios.len().into()),
            ("rulesets", library.rule_sets.len().into()),
            ("errors", errors.into()),
            ("warnings", warnings.into()),
        ],
    );
    if errors > 0 {
        terminal::eprint(&format!("{summary}\n"));
        Ok(ExitCode::from(1))
    } else {
        terminal::print(&format!("{summary}\n"));
        Ok(ExitCode::SUCCESS)
    }
}
