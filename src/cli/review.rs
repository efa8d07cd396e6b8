//! The review queue from the command line: `review list` (contested
//! verdicts, each with the turn it doubts, and agreement between trainers
//! and the engine by month), `review uphold|overturn` (an overturned verdict
//! proposes an example, written to `scenarios/proposed/<id>.ron`), and
//! `review merge` (the proposals appended to the scenario's examples, and
//! the scenario checked again).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use courtesy_core::edit::{add_examples, propose_in_file};
use courtesy_core::model::Example;
use courtesy_core::{Library, Messages};
use courtesy_records::findings::{Decision, Findings, Review};
use courtesy_records::review::{ContestView, agreement, contest_views};

use super::training::open;
use super::{Context, Outcome, paint, terminal};
use crate::cli::CliError;

/// `courtesy review …`
#[derive(Subcommand, Debug)]
pub enum ReviewCommand {
    /// The contested verdicts waiting for a trainer, and agreement by month.
    List {
        /// Also those already decided.
        #[arg(long)]
        all: bool,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// The engine was right.
    Uphold {
        /// The contest's id (or the start of it, as `review list` shows).
        contest: String,
        /// Why (kept in the records).
        #[arg(long, default_value = "")]
        note: String,
        /// Who decides.
        #[arg(long, default_value = "trainer")]
        by: String,
    },
    /// The engine was wrong: the reply becomes a proposed example of the
    /// scenario, expecting the other verdict.
    Overturn {
        /// The contest's id (or the start of it).
        contest: String,
        /// Why (kept in the records and in the example).
        #[arg(long, default_value = "")]
        note: String,
        /// Who decides.
        #[arg(long, default_value = "trainer")]
        by: String,
    },
    /// Append a scenario's proposed examples to its file, and check it.
    Merge {
        /// The scenario's id.
        scenario: String,
    },
}

/// `courtesy review …`
pub fn review(context: &Context, command: ReviewCommand) -> Outcome {
    let m = &context.messages;
    match command {
        ReviewCommand::List { all, json } => {
            let store = open(context)?;
            let views = contest_views(&*store)?;
            let months = agreement(&views);
            let shown: Vec<&ContestView> = views.iter().filter(|v| all || v.is_open()).collect();
            if json {
                let out = serde_json::json!({ "contests": shown, "agreement": months });
                terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&out)?));
                return Ok(ExitCode::SUCCESS);
            }
            let library = context.library();
            let mut out = String::new();
            for v in &shown {
                out.push_str(&contest_lines(m, &library, v));
            }
            if shown.is_empty() {
                out.push_str(&m.get("review-none"));
                out.push('\n');
            }
            for a in &months {
                out.push_str(&m.format(
                    "review-agreement",
                    &[
                        ("month", a.month.as_str().into()),
                        ("reviewed", a.reviewed.into()),
                        ("upheld", a.upheld.into()),
                        ("percent", a.percent().into()),
                    ],
                ));
                out.push('\n');
            }
            terminal::print(&out);
        }
        ReviewCommand::Uphold { contest, note, by } => {
            decide(context, &contest, Decision::Uphold, &note, &by)?;
        }
        ReviewCommand::Overturn { contest, note, by } => {
            decide(context, &contest, Decision::Overturn, &note, &by)?;
        }
        ReviewCommand::Merge { scenario } => return merge(context, &scenario),
    }
    Ok(ExitCode::SUCCESS)
}

fn contest_lines(m: &Messages, library: &Library, v: &ContestView) -> String {
    let title = library.scenario(&v.attempt.scenario).map_or_else(
        || v.attempt.scenario.clone(),
        |s| m.scenario_title(&v.attempt.scenario, &s.scenario.title),
    );
    let mut out = String::new();
    for (i, line) in v.lines(m, &title).iter().enumerate() {
        out.push_str(if i == 0 { "" } else { "    " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Where a scenario's proposed examples wait: `<scenarios>/proposed/<id>.ron`.
fn proposals_path(context: &Context, scenario: &str) -> Result<PathBuf, CliError> {
    if context.embedded {
        return Err(CliError::NoScenarios(context.scenarios_dir.clone()));
    }
    Ok(context.scenarios_dir.join("proposed").join(format!("{scenario}.ron")))
}

fn decide(
    context: &Context,
    contest: &str,
    decision: Decision,
    note: &str,
    by: &str,
) -> Result<(), CliError> {
    let m = &context.messages;
    let mut store = open(context)?;
    let views = contest_views(&*store)?;
    let matches: Vec<&ContestView> =
        views.iter().filter(|v| !contest.is_empty() && v.contest.id.starts_with(contest)).collect();
    let [view] = matches.as_slice() else {
        return Err(CliError::UnknownContest(contest.to_string()));
    };
    let note = courtesy_core::shopper::clean(note);
    let review = Review::new(&view.contest.id, decision, &note, by);
    let mut decided = (*view).clone();
    decided.review = Some(review.clone());
    // Write the proposal first: a review recorded without its example would be lost.
    let mut message = m.format(
        &format!("review-{}-done", decision.key()),
        &[("id", view.contest.id[..8.min(view.contest.id.len())].into())],
    );
    if let Some(example) = decided.proposed_example() {
        let path = proposals_path(context, &view.attempt.scenario)?;
        propose_in_file(&path, &example)
            .map_err(|source| CliError::Io { path: path.clone(), source })?;
        message.push('\n');
        message.push_str(&m.format(
            "review-proposed",
            &[
                ("file", path.display().to_string().into()),
                ("scenario", view.attempt.scenario.as_str().into()),
            ],
        ));
    }
    store.review(&review)?;
    terminal::print(&format!("{message}\n"));
    Ok(())
}

fn merge(context: &Context, scenario: &str) -> Outcome {
    let m = &context.messages;
    let library = context.existing_library()?;
    let compiled =
        library.scenario(scenario).ok_or_else(|| CliError::UnknownScenario(scenario.into()))?;
    let path = proposals_path(context, scenario)?;
    let proposals = courtesy_core::diagnostic::read_source(&path)
        .map_err(|_| CliError::NothingProposed(scenario.to_string()))?;
    let examples: Vec<Example> = courtesy_core::load::parse(&proposals).map_err(|d| {
        terminal::eprint(&paint::diagnostic(m, &d));
        CliError::NothingProposed(scenario.to_string())
    })?;
    if examples.is_empty() {
        return Err(CliError::NothingProposed(scenario.to_string()));
    }
    let file = &compiled.file;
    let edited = add_examples(file, &examples)
        .map_err(|error| CliError::Edit { path: file.path.clone(), error })?;
    std::fs::write(&file.path, &edited)
        .map_err(|source| CliError::Io { path: file.path.clone(), source })?;
    std::fs::remove_file(&path).map_err(|source| CliError::Io { path: path.clone(), source })?;
    terminal::print(&format!(
        "{}\n",
        m.format(
            "review-merged",
            &[("count", examples.len().into()), ("file", file.path.display().to_string().into())]
        )
    ));
    // The scenario checked again: a reviewed example the rules still misjudge is a warning.
    let again = context.library();
    let mut disagree = 0;
    for d in again.diagnostics.iter().filter(|d| d.path == file.path) {
        disagree += usize::from(d.code == courtesy_core::Code::ExampleMismatch);
        terminal::eprint(&paint::diagnostic(m, d));
    }
    if disagree > 0 {
        terminal::print(&format!(
            "{}\n",
            m.format("review-rules-disagree", &[("count", disagree.into())])
        ));
    }
    Ok(ExitCode::SUCCESS)
}
