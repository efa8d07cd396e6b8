//! `courtesy list`: the scenario catalogue as text, JSON or the markdown of
//! docs/scenarios.md, filtered by tag or venue.

use std::fmt::Write as _;
use std::process::ExitCode;

use courtesy_core::model::Venue;
use serde::Serialize;

use super::{CliError, Context, Outcome, terminal};

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only scenarios with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only scenarios at this venue (gate-post, front-desk, service-centre, phone-call, home-visit, service-hall).
    #[arg(long, alias = "setting")]
    venue: Option<String>,
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
    venue: &'static str,
    tags: Vec<String>,
    sources: Vec<String>,
    file: String,
}

/// Lists the scenarios.
pub fn run(context: &Context, args: ListArgs) -> Outcome {
    let m = &context.messages;
    let library = context.existing_library()?;
    let mut entries: Vec<Entry> = library
        .scenarios
        .iter()
        .filter(|s| args.tag.as_ref().is_none_or(|t| s.scenario.tags.contains(t)))
        .filter(|s| args.venue.as_ref().is_none_or(|k| s.scenario.venue.key() == k))
        .map(|s| Entry {
            id: s.id().to_string(),
            title: m.scenario_title(s.id(), &s.scenario.title),
            summary: m.scenario_summary(s.id(), &s.scenario.summary),
            venue: s.scenario.venue.key(),
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
        "json" => terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&entries)?)),
        "markdown" => terminal::print(&markdown(context, &entries)),
        "text" => {
            for e in &entries {
                terminal::print(&format!(
                    "{:<28} {:<14} {}  [{}]\n",
                    e.id,
                    e.venue,
                    e.title,
                    e.tags.join(", ")
                ));
            }
        }
        other => return Err(CliError::BadListFormat(other.to_string())),
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
        m.get("catalogue-col-venue"),
        m.get("catalogue-col-tags"),
        m.get("catalogue-col-sources")
    );
    let venue_name = |key: &str| {
        Venue::ALL.iter().find(|v| v.key() == key).map_or_else(|| key.to_string(), |v| m.venue(*v))
    };
    for e in entries {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            e.id,
            e.title.replace('|', "\\|"),
            venue_name(e.venue),
            e.tags.join(", "),
            e.sources.join("; ").replace('|', "\\|")
        );
    }
    out
}
