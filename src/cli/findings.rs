//! Mystery-shopper findings from the command line: `findings import` (a
//! shopper's XLSX or CSV, checked row by row and stored whole or not at
//! all), `findings template` (the blank sheet a firm's mapping describes),
//! `findings list` and `findings set` (a finding's status: confirmed,
//! appealed, closed), and `drills` (everyone's drills, and a trainer's
//! waiver or resumption of one).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use courtesy_core::curriculum::{Curriculum, date, scenarios_of_role};
use courtesy_core::drill::{scenarios_for, words};
use courtesy_core::shopper::{self, ShopperFirm};
use courtesy_core::{Library, Messages};
use courtesy_records::findings::{
    DrillAction, DrillEvent, DrillRow, DrillView, FindingEvent, FindingRecord, FindingStatus,
    Findings, drill_views, plan,
};
use courtesy_records::model::now;
use courtesy_records::sheet::{read_file, template};
use courtesy_records::{Person, RecordStore};

use super::training::{find_person, open};
use super::{Context, Outcome, paint, terminal};
use crate::cli::CliError;

/// `courtesy findings …`
#[derive(Subcommand, Debug)]
pub enum FindingsCommand {
    /// Import a shopper's sheet (XLSX, or CSV in UTF-8 or GB18030): every
    /// row is checked first, and a sheet with any problem imports nothing.
    Import {
        /// The sheet.
        file: PathBuf,
        /// The shopper firm (its mapping in curricula/shoppers/); needed
        /// when there is more than one.
        #[arg(long)]
        firm: Option<String>,
        /// Check the sheet and say what it would do, storing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the blank import template for a firm (an .xlsx file).
    Template {
        /// The file to write.
        file: PathBuf,
        /// The shopper firm.
        #[arg(long)]
        firm: Option<String>,
    },
    /// List the findings, oldest visit first.
    List {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a finding's status: confirmed, appealed (its drills wait) or
    /// closed (drills not yet passed are no longer asked for).
    Set {
        /// The finding: its visit number, or its id.
        finding: String,
        /// confirmed, appealed or closed.
        #[arg(value_parser = parse_status)]
        status: FindingStatus,
        /// Why (kept in the records).
        #[arg(long)]
        reason: String,
        /// Who decides (a trainer's name).
        #[arg(long, default_value = "trainer")]
        by: String,
    },
}

/// `courtesy drills …`
#[derive(Subcommand, Debug)]
pub enum DrillsCommand {
    /// Everyone's drills (or one person's), with where each stands.
    List {
        /// Only this person (employee number).
        #[arg(long)]
        person: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Waive a drill: it is no longer asked for; the reason is kept.
    Waive {
        /// The drill's id (or the start of it, as `drills list` shows).
        drill: String,
        /// Why.
        #[arg(long)]
        reason: String,
        /// Who decides.
        #[arg(long, default_value = "trainer")]
        by: String,
    },
    /// Resume an escalated drill after coaching: its failures are forgotten.
    Resume {
        /// The drill's id (or the start of it).
        drill: String,
        /// What was done.
        #[arg(long)]
        reason: String,
        /// Who decides.
        #[arg(long, default_value = "trainer")]
        by: String,
    },
}

/// People an import lists by name; the rest are counted.
const PEOPLE_SHOWN: usize = 30;

fn parse_status(s: &str) -> Result<FindingStatus, String> {
    FindingStatus::from_key(s)
        .filter(|s| *s != FindingStatus::Imported)
        .ok_or_else(|| format!("unknown status '{s}': use confirmed, appealed or closed"))
}

/// The firm named, or the only one there is.
fn firm(context: &Context, library: &Library, id: Option<&str>) -> Result<ShopperFirm, CliError> {
    let (firms, problems) = courtesy::curricula::firms(&library.tags());
    for d in &problems {
        terminal::eprint(&paint::diagnostic(&context.messages, d));
    }
    let known = || firms.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    match id {
        Some(id) => firms
            .iter()
            .find(|f| f.id == id)
            .cloned()
            .ok_or_else(|| CliError::UnknownFirm { id: id.to_string(), known: known() }),
        None if firms.len() == 1 => Ok(firms[0].clone()),
        None => Err(CliError::UnknownFirm { id: String::new(), known: known() }),
    }
}

/// `courtesy findings …`
pub fn findings(context: &Context, command: FindingsCommand) -> Outcome {
    let m = &context.messages;
    match command {
        FindingsCommand::Import { file, firm: id, dry_run } => {
            let library = context.library();
            let firm = firm(context, &library, id.as_deref())?;
            let sheet = read_file(&file, &firm)
                .map_err(|error| CliError::Sheet { path: file.clone(), error })?;
            let reading = shopper::read(&sheet.table, &firm);
            let mut store = open(context)?;
            let name = file
                .file_name()
                .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
            let planned = plan(
                &reading,
                &firm,
                &store.sites()?,
                &store.people()?,
                &store.shifts()?,
                &name,
                now(),
            );
            let plan = match planned {
                Ok(plan) => plan,
                Err(problems) => {
                    let mut out = String::new();
                    for p in &problems {
                        out.push_str(&format!("{name}: {}\n", p.message(m)));
                    }
                    terminal::eprint(&out);
                    return Err(CliError::SheetProblems(problems.len()));
                }
            };
            let sheet_name = sheet.sheet.or(sheet.encoding.map(String::from)).unwrap_or_default();
            let mut out = String::new();
            if dry_run {
                out.push_str(&m.format(
                    "findings-dry-run",
                    &[
                        ("file", name.as_str().into()),
                        ("sheet", sheet_name.into()),
                        ("findings", plan.findings.len().into()),
                        ("drills", plan.drills.len().into()),
                    ],
                ));
            } else {
                let stored = store.import_findings(&plan)?;
                out.push_str(&m.format(
                    "findings-imported",
                    &[
                        ("file", name.as_str().into()),
                        ("sheet", sheet_name.into()),
                        ("findings", stored.findings.into()),
                        ("already", stored.already.into()),
                        ("drills", stored.drills.into()),
                    ],
                ));
            }
            out.push('\n');
            // Who was assigned what: each person once, each category once
            // with its count, the first PEOPLE_SHOWN people.
            let mut assigned: Vec<(&str, Vec<(&str, usize)>)> = Vec::new();
            for d in &plan.drills {
                let at = match assigned.iter().position(|(p, _)| *p == d.person) {
                    Some(at) => at,
                    None => {
                        assigned.push((d.person.as_str(), Vec::new()));
                        assigned.len() - 1
                    }
                };
                let categories = &mut assigned[at].1;
                match categories.iter_mut().find(|(c, _)| *c == d.category) {
                    Some((_, n)) => *n += 1,
                    None => categories.push((d.category.as_str(), 1)),
                }
            }
            let people = store.people()?;
            for (id, categories) in assigned.iter().take(PEOPLE_SHOWN) {
                let Some(p) = people.iter().find(|p| &p.id == id) else { continue };
                let what: Vec<String> = categories
                    .iter()
                    .map(|(c, n)| if *n > 1 { format!("{c} ×{n}") } else { c.to_string() })
                    .collect();
                out.push_str(&format!("  {}\n", person_line(m, p, &what.join("、"))));
            }
            if assigned.len() > PEOPLE_SHOWN {
                let more = assigned.len() - PEOPLE_SHOWN;
                let text = m.format("findings-more-people", &[("count", more.into())]);
                out.push_str(&format!("  {text}\n"));
            }
            for visit in &plan.nobody {
                out.push_str(&m.format("findings-nobody", &[("visit", visit.as_str().into())]));
                out.push('\n');
            }
            terminal::print(&out);
        }
        FindingsCommand::Template { file, firm: id } => {
            let library = context.library();
            let firm = firm(context, &library, id.as_deref())?;
            let bytes = template(&firm, m)
                .map_err(|error| CliError::Sheet { path: file.clone(), error })?;
            std::fs::write(&file, bytes)
                .map_err(|source| CliError::Io { path: file.clone(), source })?;
            terminal::print(&format!(
                "{}\n",
                m.format(
                    "findings-template-written",
                    &[
                        ("firm", firm.name.as_str().into()),
                        ("file", file.display().to_string().into())
                    ]
                )
            ));
        }
        FindingsCommand::List { json } => {
            let store = open(context)?;
            let all = store.findings()?;
            if json {
                terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&all)?));
                return Ok(ExitCode::SUCCESS);
            }
            let sites = store.sites()?;
            let people = store.people()?;
            let mut out = String::new();
            for f in &all {
                out.push_str(&finding_line(m, f, &sites, &people));
                out.push('\n');
            }
            if all.is_empty() {
                out.push_str(&m.get("findings-none"));
                out.push('\n');
            }
            terminal::print(&out);
        }
        FindingsCommand::Set { finding, status, reason, by } => {
            let mut store = open(context)?;
            let all = store.findings()?;
            let found = all
                .iter()
                .find(|f| f.finding.id == finding || f.finding.visit == finding)
                .ok_or_else(|| CliError::UnknownFinding(finding.clone()))?;
            store.record_finding_event(&FindingEvent::new(
                &found.finding.id,
                status,
                &shopper::clean(&reason),
                &by,
            ))?;
            terminal::print(&format!(
                "{}\n",
                m.format(
                    "findings-status-set",
                    &[
                        ("visit", found.finding.visit.as_str().into()),
                        ("status", m.get(&format!("finding-{}", status.key())).into())
                    ]
                )
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn person_line(m: &Messages, p: &Person, what: &str) -> String {
    m.format(
        "findings-person",
        &[
            ("name", p.name.as_str().into()),
            ("no", p.employee_no.as_str().into()),
            ("what", what.into()),
        ],
    )
}

fn finding_line(
    m: &Messages,
    f: &FindingRecord,
    sites: &[courtesy_records::Site],
    people: &[Person],
) -> String {
    let site = sites.iter().find(|s| s.id == f.finding.site).map_or("?", |s| s.name.as_str());
    let who = f
        .finding
        .person
        .as_ref()
        .and_then(|id| people.iter().find(|p| &p.id == id))
        .map_or_else(|| f.finding.shift.clone().unwrap_or_default(), |p| p.name.clone());
    let failed =
        f.items.iter().filter(|i| i.result == courtesy_core::shopper::ItemResult::Fail).count();
    m.format(
        "findings-line",
        &[
            ("visit", f.finding.visit.as_str().into()),
            ("date", date(f.finding.observed_on).into()),
            ("site", site.into()),
            ("channel", m.get(&format!("channel-{}", f.finding.channel.key())).into()),
            ("who", who.into()),
            ("failed", failed.into()),
            ("items", f.items.len().into()),
            ("status", m.get(&format!("finding-{}", f.status().key())).into()),
        ],
    )
}

/// A person's drills in words: each drill's line, what the shopper saw,
/// and the scenarios to pass (for an open drill).
pub fn drill_lines(m: &Messages, library: &Library, views: &[DrillView]) -> String {
    let mut out = String::new();
    for v in views {
        let d = &v.record.drill;
        out.push_str(&format!("  {}\n", words::line(m, &d.category, &v.progress, d.due_at)));
        let f = &v.finding.finding;
        out.push_str(&format!(
            "      {}\n",
            words::seen(
                m,
                f.observed_on,
                f.observed_at.as_deref(),
                &v.site_name,
                f.channel,
                &v.seen()
            )
        ));
        if let Some(w) = v.record.waiver() {
            out.push_str(&format!("      {}\n", w.reason));
        }
        if v.progress.state.is_open() {
            let titles: Vec<String> = v
                .scenarios
                .iter()
                .map(|id| {
                    library.scenario(id).map_or_else(
                        || id.clone(),
                        |s| format!("{} ({id})", m.scenario_title(id, &s.scenario.title)),
                    )
                })
                .collect();
            out.push_str(&format!(
                "      {}\n",
                m.format("drill-play", &[("scenarios", titles.join("、").into())])
            ));
        }
    }
    out
}

/// The drills of `person` now, each trained by the library's scenarios of
/// its skills (those of the person's own curricula first).
pub fn views_of(
    store: &dyn RecordStore,
    library: &Library,
    curricula: &[Curriculum],
    person: &Person,
) -> Result<Vec<DrillView>, CliError> {
    let own = scenarios_of_role(curricula, person.role);
    let scenarios = |d: &DrillRow| {
        scenarios_for(library.tagged(&d.skills), &own).into_iter().map(String::from).collect()
    };
    Ok(drill_views(store, &person.id, &scenarios, now())?)
}

/// `courtesy drills …`
pub fn drills(context: &Context, command: DrillsCommand) -> Outcome {
    let m = &context.messages;
    match command {
        DrillsCommand::List { person, json } => {
            let store = open(context)?;
            let library = context.library();
            // Read once, not per person.
            let curricula = super::training::curricula(context, &library);
            let people = match person {
                Some(no) => vec![find_person(&*store, &no)?],
                None => store.people()?,
            };
            let mut all = Vec::new();
            for p in &people {
                let views = views_of(&*store, &library, &curricula, p)?;
                if !views.is_empty() {
                    all.push((p, views));
                }
            }
            if json {
                let out: Vec<_> = all
                    .iter()
                    .map(|(p, v)| serde_json::json!({ "person": p, "drills": v }))
                    .collect();
                terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&out)?));
                return Ok(ExitCode::SUCCESS);
            }
            let mut out = String::new();
            for (p, views) in &all {
                out.push_str(&person_line(m, p, ""));
                out.push('\n');
                for v in views {
                    let d = &v.record.drill;
                    out.push_str(&format!(
                        "  [{}] {}\n",
                        &d.id[..8.min(d.id.len())],
                        words::line(m, &d.category, &v.progress, d.due_at)
                    ));
                }
            }
            if all.is_empty() {
                out.push_str(&m.get("drills-none"));
                out.push('\n');
            }
            terminal::print(&out);
        }
        DrillsCommand::Waive { drill, reason, by } => {
            act(context, &drill, DrillAction::Waive, &reason, &by)?;
        }
        DrillsCommand::Resume { drill, reason, by } => {
            act(context, &drill, DrillAction::Resume, &reason, &by)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn act(
    context: &Context,
    drill: &str,
    action: DrillAction,
    reason: &str,
    by: &str,
) -> Result<(), CliError> {
    let m = &context.messages;
    let mut store = open(context)?;
    let all = store.drills(None)?;
    let matches: Vec<_> =
        all.iter().filter(|d| !drill.is_empty() && d.drill.id.starts_with(drill)).collect();
    let [found] = matches.as_slice() else {
        return Err(CliError::UnknownDrill(drill.to_string()));
    };
    let d = &found.drill;
    store.record_drill_event(&DrillEvent::new(&d.id, action, &shopper::clean(reason), by))?;
    let name = store
        .people()?
        .into_iter()
        .find(|p| p.id == d.person)
        .map_or_else(|| d.person.clone(), |p| p.name);
    terminal::print(&format!(
        "{}\n",
        m.format(
            &format!("drills-{}", action.key()),
            &[
                ("skill", d.category.as_str().into()),
                ("name", name.into()),
                ("reason", reason.into())
            ]
        )
    ));
    Ok(())
}
