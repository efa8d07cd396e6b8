//! `courtesy validate`, `courtesy list` and `courtesy graph`: the trainer's
//! view of the library — diagnostics, the catalogue, and the dialogue graph.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::core::library::Library;
use crate::core::model::{EndingKind, Prompt, Setting, When};

use super::{Context, Outcome, render};

pub fn validate(context: &Context, paths: Vec<PathBuf>) -> Outcome {
    let m = &context.messages;
    let paths = if paths.is_empty() { vec![context.scenarios_dir.clone()] } else { paths };
    let library = Library::load(&paths);
    for d in &library.diagnostics {
        eprint!("{}", render::diagnostic(m, d));
    }
    let errors = library.error_count();
    let warnings = library.diagnostics.len() - errors;
    let summary = m.format(
        "validate-summary",
        &[
            ("scenarios", library.scenarios.len().to_string()),
            ("rulesets", library.rule_sets.len().to_string()),
            ("errors", errors.to_string()),
            ("warnings", warnings.to_string()),
        ],
    );
    if errors > 0 {
        eprintln!("{summary}");
        Ok(ExitCode::from(1))
    } else {
        println!("{summary}");
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only scenarios with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only scenarios in this setting (gate-post, front-desk, service-centre, phone-call, home-visit, service-hall).
    #[arg(long)]
    setting: Option<String>,
    /// Same as --format json.
    #[arg(long)]
    json: bool,
    /// text (default), json or markdown.
    #[arg(long, default_value = "text")]
    format: String,
}

#[derive(Serialize)]
struct Entry {
    id: String,
    title: String,
    summary: String,
    setting: &'static str,
    tags: Vec<String>,
    sources: Vec<String>,
    file: String,
}

pub fn list(context: &Context, args: ListArgs) -> Outcome {
    let m = &context.messages;
    let library = context.library();
    let mut entries: Vec<Entry> = library
        .scenarios
        .iter()
        .filter(|s| args.tag.as_ref().is_none_or(|t| s.scenario.tags.contains(t)))
        .filter(|s| args.setting.as_ref().is_none_or(|k| s.scenario.setting.key() == k))
        .map(|s| Entry {
            id: s.id().to_string(),
            title: m.scenario_title(s.id(), &s.scenario.title),
            summary: m.scenario_summary(s.id(), &s.scenario.summary),
            setting: s.scenario.setting.key(),
            tags: s.scenario.tags.clone(),
            sources: s
                .scenario
                .sources
                .iter()
                .map(|x| format!("{} {}", m.scenario_text(&x.doc), m.scenario_text(&x.clause)))
                .collect(),
            file: s.file.path.display().to_string(),
        })
        .collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let format = if args.json { "json" } else { args.format.as_str() };
    match format {
        "json" => {
            println!("{}", serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?)
        }
        "markdown" => print!("{}", markdown(context, &entries)),
        "text" => {
            for e in &entries {
                println!("{:<28} {:<14} {}  [{}]", e.id, e.setting, e.title, e.tags.join(", "));
            }
        }
        other => return Err(m.format("list-bad-format", &[("format", other.to_string())])),
    }
    Ok(ExitCode::SUCCESS)
}

fn markdown(context: &Context, entries: &[Entry]) -> String {
    let m = &context.messages;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", m.get("catalogue-title"));
    let _ = writeln!(out, "{}\n", m.get("catalogue-generated"));
    let _ = writeln!(
        out,
        "| id | {} | {} | {} | {} |\n|---|---|---|---|---|",
        m.get("catalogue-col-title"),
        m.get("catalogue-col-setting"),
        m.get("catalogue-col-tags"),
        m.get("catalogue-col-sources")
    );
    let setting_name = |key: &str| {
        Setting::ALL
            .iter()
            .find(|s| s.key() == key)
            .map_or_else(|| key.to_string(), |s| m.setting(*s))
    };
    for e in entries {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            e.id,
            e.title.replace('|', "\\|"),
            setting_name(e.setting),
            e.tags.join(", "),
            e.sources.join("; ").replace('|', "\\|")
        );
    }
    out
}

pub fn graph(context: &Context, id: &str) -> Outcome {
    let m = &context.messages;
    let library = context.library();
    let scenario = library
        .scenario(id)
        .ok_or_else(|| m.format("unknown-scenario", &[("id", id.to_string())]))?;
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
            _ => ("box", "black"),
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
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
