//! The training records from the command line: the roster (`roster add`,
//! `roster list`), enrolment in a curriculum (`enrol`), a person's training
//! (`training`: assignments and their status, modules locked, open and
//! passed, certifications and their expiry) and the one-time import of
//! `results.jsonl` (`records import`). The records are the SQLite file in
//! the state folder, or the one `--db` names.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use courtesy_core::curriculum::{self, Curriculum, DAY, JobRole, ModuleState, Standing};
use courtesy_core::{Library, Messages};
use courtesy_records::findings::{Findings, ShiftRow};
use courtesy_records::journal::{Journal, Write};
use courtesy_records::model::{content_hash, now};
use courtesy_records::{
    Assignment, AttemptEnd, AttemptStart, CertificationRow, Person, RecordStore, Site, SiteKind,
    SqliteStore, TurnRow, new_id,
};

use super::{Context, Outcome, terminal};
use crate::cli::CliError;

/// `courtesy roster …`
#[derive(Subcommand, Debug)]
pub enum RosterCommand {
    /// Add a person to the roster.
    Add {
        /// Employee number (unique).
        #[arg(long = "employee-no")]
        employee_no: String,
        /// Name, as trainers call them.
        #[arg(long)]
        name: String,
        /// Job: front-desk, gate-guard, call-centre, home-visit-engineer or service-hall.
        #[arg(long, value_parser = parse_role)]
        role: JobRole,
        /// Where they work (a service centre's name; added if new).
        #[arg(long)]
        site: Option<String>,
        /// Hire date, YYYY-MM-DD.
        #[arg(long)]
        hired: Option<String>,
    },
    /// Record the shift a person works (from a day on), so a finding that
    /// names a shift but no person drills the people on it.
    Shift {
        /// The person's employee number.
        employee_no: String,
        /// The shift, as the shoppers' sheets name it (白班, 夜班…).
        shift: String,
        /// From this day, YYYY-MM-DD (default: today).
        #[arg(long)]
        from: Option<String>,
    },
    /// List the roster.
    List {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `courtesy enrol …`
#[derive(Args, Debug)]
pub struct EnrolArgs {
    /// The person's employee number.
    pub employee_no: String,
    /// The curriculum (default: the one for the person's job).
    #[arg(long)]
    pub curriculum: Option<String>,
    /// Days until it is due.
    #[arg(long, default_value_t = 30)]
    pub due_days: u32,
    /// Who enrols them (a trainer's name).
    #[arg(long, default_value = "trainer")]
    pub by: String,
}

/// `courtesy training …`
#[derive(Args, Debug)]
pub struct TrainingArgs {
    /// The person's employee number.
    pub employee_no: String,
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

/// `courtesy records …`
#[derive(Subcommand, Debug)]
pub enum RecordsCommand {
    /// Import results.jsonl (from before the records) once; safe to repeat.
    Import,
    /// Send these records (the desktop's file) to the company's PostgreSQL;
    /// safe to repeat, and a sync cut short is completed by the next.
    Sync {
        /// The PostgreSQL address (postgres://user@host:port/db).
        #[arg(long)]
        to: String,
    },
    /// Write every finished attempt as xAPI statements (cmi5 shape) to a JSON file.
    Export {
        /// The file to write.
        #[arg(long)]
        xapi: PathBuf,
        /// The company's training system, the accounts' home page.
        #[arg(long, default_value = "https://courtesy.invalid")]
        home_page: String,
        /// Only this person (employee number).
        #[arg(long)]
        person: Option<String>,
    },
}

fn parse_role(s: &str) -> Result<JobRole, String> {
    JobRole::from_key(s).ok_or_else(|| {
        let keys: Vec<&str> = JobRole::ALL.iter().map(|r| r.key()).collect();
        format!("unknown job '{s}': use {}", keys.join(", "))
    })
}

/// The records file: `--db`, `$COURTESY_DB`, else the state folder's.
pub fn records_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    flag.or_else(|| std::env::var_os("COURTESY_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(SqliteStore::default_path)
        .ok_or(CliError::NoStateDir)
}

/// Is this `--db` a PostgreSQL address rather than a file?
pub fn is_postgres(db: &std::path::Path) -> bool {
    let text = db.to_string_lossy();
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// The records `--db` names: a PostgreSQL address, or a SQLite file.
pub(super) fn open(context: &Context) -> Result<Box<dyn RecordStore>, CliError> {
    let path = records_path(context.db.clone())?;
    if is_postgres(&path) {
        return Ok(Box::new(courtesy_records::postgres::PgStore::connect(
            &path.to_string_lossy(),
        )?));
    }
    Ok(Box::new(SqliteStore::open(&path)?))
}

/// The curricula (see [`courtesy::curricula`]), checked against the
/// library; problems are printed and a broken file is skipped.
pub fn curricula(context: &Context, library: &Library) -> Vec<Curriculum> {
    let ids: HashSet<&str> = library.scenarios.iter().map(|s| s.id()).collect();
    let (found, problems) = courtesy::curricula::load(&ids);
    for d in &problems {
        terminal::eprint(&super::paint::diagnostic(&context.messages, d));
    }
    found
}

fn role_name(m: &Messages, role: JobRole) -> String {
    m.get(&format!("job-{}", role.key()))
}

pub(super) fn find_person(store: &dyn RecordStore, employee_no: &str) -> Result<Person, CliError> {
    store
        .people()?
        .into_iter()
        .find(|p| p.employee_no == employee_no)
        .ok_or_else(|| CliError::UnknownPerson(employee_no.to_string()))
}

/// `courtesy roster add|list`
pub fn roster(context: &Context, command: RosterCommand) -> Outcome {
    let m = &context.messages;
    let mut store = open(context)?;
    match command {
        RosterCommand::Add { employee_no, name, role, site, hired } => {
            let site = match site {
                Some(name) => {
                    let known = store.sites()?.into_iter().find(|s| s.name == name);
                    Some(match known {
                        Some(s) => s.id,
                        None => {
                            let s =
                                Site { id: new_id(), parent: None, kind: SiteKind::Centre, name };
                            store.add_site(&s)?;
                            s.id
                        }
                    })
                }
                None => None,
            };
            let person = Person { id: new_id(), employee_no, name, site, role, hired_on: hired };
            store.add_person(&person)?;
            terminal::print(&format!(
                "{}\n",
                m.format(
                    "roster-added",
                    &[
                        ("no", person.employee_no.as_str().into()),
                        ("name", person.name.as_str().into()),
                        ("role", role_name(m, role).into()),
                    ]
                )
            ));
        }
        RosterCommand::Shift { employee_no, shift, from } => {
            let person = find_person(&*store, &employee_no)?;
            let at = now();
            let from_day = match &from {
                Some(text) => {
                    curriculum::parse_date(text).ok_or_else(|| CliError::BadDate(text.clone()))?
                }
                None => at - at % DAY,
            };
            let shift = courtesy_core::shopper::clean(&shift);
            store.add_shift(&ShiftRow {
                id: new_id(),
                person: person.id.clone(),
                shift: shift.clone(),
                from_day,
                at,
            })?;
            terminal::print(&format!(
                "{}
",
                m.format(
                    "roster-shift-set",
                    &[
                        ("name", person.name.as_str().into()),
                        ("shift", shift.into()),
                        ("from", curriculum::date(from_day).into()),
                    ]
                )
            ));
        }
        RosterCommand::List { json } => {
            let people = store.people()?;
            if json {
                terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&people)?));
            } else if people.is_empty() {
                terminal::print(&format!("{}\n", m.get("roster-empty")));
            } else {
                let sites = store.sites()?;
                for p in people {
                    let site = p.site.as_ref().and_then(|id| sites.iter().find(|s| &s.id == id));
                    terminal::print(&format!(
                        "{}  {}  {}  {}\n",
                        p.employee_no,
                        p.name,
                        role_name(m, p.role),
                        site.map_or("", |s| s.name.as_str())
                    ));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `courtesy enrol`
pub fn enrol(context: &Context, args: EnrolArgs) -> Outcome {
    let m = &context.messages;
    let mut store = open(context)?;
    let person = find_person(&*store, &args.employee_no)?;
    let library = context.existing_library()?;
    let all = curricula(context, &library);
    let chosen = match &args.curriculum {
        Some(id) => all
            .iter()
            .find(|c| &c.id == id)
            .ok_or_else(|| CliError::UnknownCurriculum(id.clone()))?,
        None => all
            .iter()
            .find(|c| c.role == person.role)
            .ok_or_else(|| CliError::NoCurriculumFor(role_name(m, person.role)))?,
    };
    let at = now();
    let due = at + u64::from(args.due_days) * DAY;
    store.assign(&Assignment {
        id: new_id(),
        person: person.id.clone(),
        curriculum: chosen.id.clone(),
        assigned_by: args.by,
        assigned_at: at,
        due_at: Some(due),
    })?;
    terminal::print(&format!(
        "{}\n",
        m.format(
            "enrolled",
            &[
                ("name", person.name.as_str().into()),
                ("curriculum", chosen.title.as_str().into()),
                ("due", curriculum::date(due).into()),
            ]
        )
    ));
    Ok(ExitCode::SUCCESS)
}

/// `courtesy training`: what is due, each curriculum's modules, and the
/// certifications; a certification the rules now grant is recorded.
pub fn training(context: &Context, args: TrainingArgs) -> Outcome {
    let m = &context.messages;
    let mut store = open(context)?;
    let person = find_person(&*store, &args.employee_no)?;
    let library = context.existing_library()?;
    let all = curricula(context, &library);
    let attempts: Vec<_> =
        store.history(&person.id)?.iter().filter_map(|a| a.as_gate_attempt()).collect();
    let at = now();
    let mut report = Vec::new();
    for assignment in store.assignments(&person.id)? {
        let Some(c) = all.iter().find(|c| c.id == assignment.curriculum) else { continue };
        let progress = curriculum::progress(c, &attempts, at);
        for cert in &progress.certifications {
            store.certify(&CertificationRow::granted(&person.id, &c.id, cert))?;
        }
        let status = curriculum::assignment_status(
            c,
            &attempts,
            assignment.assigned_at,
            assignment.due_at,
            at,
        );
        report.push((c, assignment, status, progress));
    }
    let drills = super::findings::views_of(&*store, &library, &all, &person)?;
    if args.json {
        let json: Vec<_> = report
            .iter()
            .map(|(c, a, status, p)| {
                serde_json::json!({
                    "curriculum": c.id, "assignment": a, "status": status, "progress": p,
                })
            })
            .collect();
        let out = serde_json::json!({ "person": person, "training": json, "drills": drills });
        terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&out)?));
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = m.format(
        "training-header",
        &[("name", person.name.as_str().into()), ("no", person.employee_no.as_str().into())],
    );
    out.push('\n');
    if report.is_empty() && drills.is_empty() {
        out.push_str(&m.get("training-none"));
        out.push('\n');
    }
    if !drills.is_empty() {
        out.push_str(&m.get("training-drills"));
        out.push('\n');
        out.push_str(&super::findings::drill_lines(m, &library, &drills));
    }
    for (c, a, status, p) in &report {
        out.push_str(&curriculum::words::assignment(m, c, *status, a.due_at));
        out.push('\n');
        for (module, shown) in c.modules.iter().zip(&p.modules) {
            out.push_str(&format!(
                "  {}\n",
                curriculum::words::module(m, shown.state, &module.title)
            ));
            if shown.state == ModuleState::Open {
                for (id, count, need) in &shown.scenarios {
                    let title = library
                        .scenario(id)
                        .map_or_else(|| id.clone(), |s| m.scenario_title(id, &s.scenario.title));
                    out.push_str(&format!("      {title}  {count}/{need}\n"));
                }
            }
        }
        if let Some(line) = curriculum::words::certificate(m, p) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    terminal::print(&out);
    Ok(ExitCode::SUCCESS)
}

/// `courtesy records import|export`
pub fn records(context: &Context, command: RecordsCommand) -> Outcome {
    let m = &context.messages;
    match command {
        RecordsCommand::Sync { to } => {
            let path = records_path(context.db.clone())?;
            if is_postgres(&path) {
                return Err(CliError::SyncNeedsFile);
            }
            let local = SqliteStore::open(&path)?;
            let mut remote = courtesy_records::postgres::PgStore::connect(&to)?;
            let report = courtesy_records::sync::sync(&local, &mut remote)?;
            terminal::print(&format!(
                "{}\n",
                m.format(
                    "records-synced",
                    &[
                        ("stored", report.stored().into()),
                        ("already", report.already().into()),
                        ("to", remote.name().into()),
                    ]
                )
            ));
        }
        RecordsCommand::Export { xapi, home_page, person } => {
            let store = open(context)?;
            let library = context.library();
            let title = |id: &str| {
                library.scenario(id).map_or_else(|| id.to_string(), |s| s.scenario.title.clone())
            };
            let mut all = Vec::new();
            for p in store.people()? {
                if person.as_ref().is_some_and(|no| no != &p.employee_no) {
                    continue;
                }
                all.extend(courtesy_records::xapi::statements(
                    &p,
                    &store.history(&p.id)?,
                    &title,
                    &home_page,
                ));
            }
            let json = serde_json::to_string_pretty(&all)? + "\n";
            std::fs::write(&xapi, json)
                .map_err(|source| CliError::Io { path: xapi.clone(), source })?;
            terminal::print(&format!(
                "{}\n",
                m.format(
                    "records-exported",
                    &[
                        ("count", (all.len() as u64).into()),
                        ("path", xapi.display().to_string().into())
                    ]
                )
            ));
        }
        RecordsCommand::Import => {
            let progress =
                courtesy_core::ProgressStore::default_location().ok_or(CliError::NoStateDir)?;
            let mut store = open(context)?;
            let roster = store.people()?;
            let report = courtesy_records::import::import_results(
                &mut *store,
                &progress.results(),
                &roster,
            )?;
            terminal::print(&format!(
                "{}\n",
                m.format(
                    "records-imported",
                    &[
                        ("imported", (report.imported as u64).into()),
                        ("already", (report.already as u64).into()),
                        ("matched", (report.matched as u64).into()),
                    ]
                )
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The link to the records while `play --text --as` runs: the attempt is
/// begun, each turn is written as it is judged and the end when it comes.
/// A write the records cannot take waits in a journal and is retried at the
/// next turn; the trainee is told once, and plays on.
pub struct Recorder {
    store: Box<dyn RecordStore>,
    journal: Journal,
    attempt: String,
    /// The person's name, for results.jsonl.
    pub name: String,
    warned: bool,
}

impl Recorder {
    /// Opens the records and begins the attempt of `session` by the person
    /// with this employee number.
    pub fn begin(
        context: &Context,
        employee_no: &str,
        scenario: &courtesy_core::CompiledScenario,
        session: &courtesy_core::Session,
        mode: courtesy_core::Mode,
    ) -> Result<Recorder, CliError> {
        let store = open(context)?;
        let person = find_person(&*store, employee_no)?;
        let attempt = new_id();
        let mut journal = Journal::default();
        journal.push(Write::Begin(AttemptStart {
            id: attempt.clone(),
            person: Some(person.id),
            trainee_name: Some(person.name.clone()),
            scenario: scenario.id().to_string(),
            scenario_hash: content_hash(&scenario.file.text),
            mode,
            assignment: None,
            seed: session.seed(),
            session: session.id().to_string(),
            started_at: now(),
        }));
        let mut recorder = Recorder { store, journal, attempt, name: person.name, warned: false };
        recorder.flush(&context.messages);
        Ok(recorder)
    }

    /// Writes turn `number`; a warning to show, the first time writing fails.
    pub fn turn(
        &mut self,
        m: &Messages,
        number: usize,
        turn: &courtesy_core::TurnRecord,
    ) -> Option<String> {
        self.journal.push(Write::Turn(TurnRow::from_record(
            &self.attempt,
            number as u32,
            turn,
            now(),
        )));
        self.flush(m)
    }

    /// Records the trainee's doubt about turn `number`'s verdict (written at
    /// once, after the turns still waiting).
    pub fn contest(&mut self, number: usize, comment: &str) -> Result<(), CliError> {
        self.journal.flush(&mut *self.store)?;
        self.store.contest(&courtesy_records::Contest {
            id: new_id(),
            attempt: self.attempt.clone(),
            turn: number as u32,
            comment: comment.to_string(),
            at: now(),
        })?;
        Ok(())
    }

    /// Writes the end of the attempt; what is still unwritten, if anything.
    pub fn finish(
        &mut self,
        m: &Messages,
        result: &courtesy_core::ScenarioResult,
    ) -> Option<String> {
        self.journal.push(Write::Finish(AttemptEnd::from_result(&self.attempt, result, now())));
        self.flush(m);
        (self.journal.pending() > 0).then(|| {
            m.format("records-unwritten", &[("count", (self.journal.pending() as u64).into())])
        })
    }

    fn flush(&mut self, m: &Messages) -> Option<String> {
        match self.journal.flush(&mut *self.store) {
            Ok(()) => None,
            Err(_) if self.warned => None,
            Err(e) => {
                self.warned = true;
                let detail = CliError::Records(e).message(m);
                Some(m.format("records-held", &[("detail", detail.into())]))
            }
        }
    }
}

/// The next scenario of a person's assignments, and the mode its gate asks
/// for: the first open module's first scenario still short of passes.
pub fn next_assigned(
    context: &Context,
    employee_no: &str,
    library: &Library,
) -> Result<(String, courtesy_core::Mode), CliError> {
    let store = open(context)?;
    let person = find_person(&*store, employee_no)?;
    let all = curricula(context, library);
    let attempts: Vec<_> =
        store.history(&person.id)?.iter().filter_map(|a| a.as_gate_attempt()).collect();
    let at = now();
    for assignment in store.assignments(&person.id)? {
        let Some(c) = all.iter().find(|c| c.id == assignment.curriculum) else { continue };
        let p = curriculum::progress(c, &attempts, at);
        if matches!(p.standing, Standing::Certified) {
            continue;
        }
        for (module, shown) in c.modules.iter().zip(&p.modules) {
            if shown.state != ModuleState::Open {
                continue;
            }
            if let Some((id, ..)) = shown.scenarios.iter().find(|(_, count, need)| count < need) {
                return Ok((id.clone(), module.gate.mode()));
            }
        }
    }
    Err(CliError::NothingAssigned(person.name))
}
