//! `courtesy graph`: a scenario's dialogue graph in Graphviz DOT, endings
//! coloured by kind and branches labelled by their condition.

use std::fmt::Write as _;
use std::process::ExitCode;

use courtesy_core::model::{EndingKind, Prompt, When};

use super::{CliError, Context, Outcome, terminal};

/// Prints the graph of scenario `id`.
pub fn run(context: &Context, id: &str) -> Outcome {
    let library = context.existing_library()?;
    let scenario = library.scenario(id).ok_or_else(|| CliError::UnknownScenario(id.to_string()))?;
    let s = &scenario.scenario;
    let quote = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", quote(&s.id));
    let _ = writeln!(out, "  rankdir=LR;\n  node [shape=box, fontname=\"Noto Sans CJK SC\"];");
    for node in &s.nodes {
        let (shape, color) = match (&node.ending, &node.prompt) {
            (Some(e), _) if e.kind == EndingKind::Good => ("doubleoctagon", "darkgreen"),
            (Some(_), _) => ("doubleoctagon", "firebrick"),
            (None, Some(Prompt::Action { .. })) => ("hexagon", "black"),
            (None, Some(Prompt::Choice { .. })) => ("diamond", "black"),
            (None, Some(Prompt::Reply { .. }) | None) => ("box", "black"),
        };
        let label = node.says.first().or(node.ending.as_ref().map(|e| &e.text)).map_or("", |s| s);
        let short: String = label.chars().take(18).collect();
        let _ = writeln!(
            out,
            "  \"{}\" [shape={shape}, color={color}, label=\"{}\\n{}\"];",
            quote(&node.id),
            quote(&node.id),
            quote(&short)
        );
        for b in &node.next {
            let label = match &b.when {
                When::Passed => "passed".to_string(),
                When::Failed => "failed".to_string(),
                When::Hit(r) => format!("hit {r}"),
                When::Missed(r) => format!("missed {r}"),
                When::TimedOut => "timed out".to_string(),
                When::Chose(o) => format!("chose {o}"),
                When::Visited(n) => format!("after {n}"),
                When::Always => String::new(),
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"];",
                quote(&node.id),
                quote(&b.goto),
                quote(&label)
            );
        }
    }
    let _ = writeln!(out, "  start [shape=point];\n  start -> \"{}\";\n}}", quote(&s.start));
    terminal::print(&out);
    Ok(ExitCode::SUCCESS)
}
