//! The training records in the game: who is playing (picked from the
//! roster), their training (assignments, modules, certifications) for the
//! menu, and every attempt and turn written as it is played. All database
//! work happens on a writer thread that owns the SQLite file; the frame
//! only sends requests and reads replies, so a slow or locked disk never
//! stalls it. A write the records cannot take waits in the thread's journal
//! and is retried; the menu says so.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use courtesy_core::curriculum::{self, AssignmentStatus, Curriculum, Progress};
use courtesy_core::drill::scenarios_for;
use courtesy_core::edit::propose_in_file;
use courtesy_core::model::Example;
use courtesy_core::shopper::{self, Cell, Field, ShopperFirm, Table};
use courtesy_core::{Library, Locale, Messages};
use courtesy_records::export;
use courtesy_records::findings::{
    self, Decision, DrillRow, DrillView, Findings as _, Review, drill_views,
};
use courtesy_records::journal::{Journal, Write};
use courtesy_records::model::{content_hash, now};
use courtesy_records::report::{self, Period, Report};
use courtesy_records::review::{ContestView, contest_views};
use courtesy_records::{
    Assignment, AttemptEnd, AttemptStart, AttemptSummary, CertificationRow, Person, RecordStore,
    Site, SqliteStore, TurnRow, new_id,
};

use super::scenario_assets::LiveLibrary;
use super::state::{CurrentPlay, GameCommand, Preferences};

/// Opens the records and keeps [`Training`] current.
pub struct RecordsPlugin {
    /// The records file; none for the state folder's `records.sqlite`.
    pub db: Option<PathBuf>,
    /// Pick this person (employee number) once the roster has loaded.
    pub person: Option<String>,
}

impl Plugin for RecordsPlugin {
    fn build(&self, app: &mut App) {
        // The game writes a file on this machine; a PostgreSQL address is
        // for trainers' commands and `records sync`, so the game keeps to
        // the local file then.
        let url = |p: &PathBuf| p.to_string_lossy().contains("://");
        let path = self.db.clone().filter(|p| !url(p)).or_else(SqliteStore::default_path);
        let mut training = Training::start(path);
        training.wanted = self.person.clone();
        app.insert_resource(training)
            .add_message::<GameCommand>()
            .add_message::<RequestRedraw>()
            .add_systems(PreUpdate, (receive_replies, apply_commands).chain())
            .add_systems(Update, (load_curricula, record_play));
    }
}

/// A request to the writer thread.
enum Request {
    Write(Write),
    /// A person's history, assignments and drills; the drills are trained
    /// by the scenarios of their skills (the person's own curricula first).
    Load {
        person: String,
        scenario_tags: Arc<Vec<(String, Vec<String>)>>,
        own: HashSet<String>,
    },
    /// A certification the rules granted.
    Certify(CertificationRow),
    /// The curricula, checked against these scenario ids.
    Curricula(HashSet<String>),
    /// A month's report for the trainer's screen.
    Report {
        period: Period,
        site: Option<String>,
        person: Option<String>,
        library: Arc<Library>,
        curricula: Vec<Curriculum>,
    },
    /// The contested verdicts, for the review queue.
    Contests,
    /// A trainer's decision, and the example an overturned verdict proposes
    /// (written to the file first).
    Review {
        review: Review,
        example: Option<(Example, PathBuf)>,
    },
    /// The shopper firms' mappings, checked against these skills.
    Firms(HashSet<String>),
    /// A finding entered by hand, checked like a sheet's row and stored.
    AddFinding {
        firm: Box<ShopperFirm>,
        values: Vec<(Field, String)>,
        locale: Locale,
    },
    /// The report written as XLSX and HTML into `dir`, in this language.
    Export {
        report: Box<Report>,
        locale: Locale,
        dir: PathBuf,
    },
}

/// A reply from the writer thread.
enum Reply {
    Roster(Vec<Person>),
    Loaded {
        person: String,
        history: Vec<AttemptSummary>,
        assignments: Vec<Assignment>,
        drills: Vec<DrillView>,
    },
    Curricula(Vec<Curriculum>),
    /// The report asked for, with the sites to choose from.
    Report(Result<Box<Report>, String>, Vec<Site>),
    /// The contested verdicts.
    Contests(Vec<ContestView>),
    /// A decision recorded (with the file an example was proposed in), or why not.
    Reviewed(Result<Option<PathBuf>, String>),
    /// The shopper firms.
    Firms(Vec<ShopperFirm>),
    /// A finding entered: the drills it assigned, or every problem in words.
    Entered(Result<u64, Vec<String>>),
    /// The files a report was written to, or why it could not be.
    Exported(Result<Vec<PathBuf>, String>),
    /// Writes waiting, and the last problem (none once they are through).
    Status {
        pending: usize,
        problem: Option<String>,
    },
}

/// The records as the game sees them.
#[derive(Resource)]
pub struct Training {
    requests: Option<Sender<Request>>,
    replies: Mutex<Receiver<Reply>>,
    /// The roster (empty until it has loaded, or without records).
    pub roster: Vec<Person>,
    /// The roster has been read (or could not be).
    pub roster_loaded: bool,
    /// The curricula, checked against the library.
    pub curricula: Vec<Curriculum>,
    /// Who is playing, if they picked themselves from the roster.
    pub me: Option<Person>,
    /// Their attempts, oldest first.
    pub history: Vec<AttemptSummary>,
    /// Their assignments, oldest first.
    pub assignments: Vec<Assignment>,
    /// Writes not yet in the records.
    pub pending: usize,
    /// The last problem with the records, in its own words.
    pub problem: Option<String>,
    /// The employee number to pick once the roster is in.
    wanted: Option<String>,
    /// An employee number asked for (`play --as`) that is not on the roster.
    pub unknown: Option<String>,
    /// The last turn contested: the session's id and the turn's number.
    pub contested: Option<(String, usize)>,
    /// Their refresher drills from mystery-shopper findings, as loaded.
    pub drills: Vec<DrillView>,
    /// Each scenario's id and tags, for the drills' scenarios.
    scenario_tags: Arc<Vec<(String, Vec<String>)>>,
    /// The trainer's screen: the report shown (none while it is read).
    pub report: Option<Result<Box<Report>, String>>,
    /// The month shown, `YYYY-MM`.
    pub report_month: String,
    /// The site shown (none: every site).
    pub report_site: Option<String>,
    /// The person whose history is shown (employee number).
    pub report_person: Option<String>,
    /// The sites to choose from.
    pub sites: Vec<Site>,
    /// The files the last export wrote, or why it failed.
    pub exported: Option<Result<Vec<PathBuf>, String>>,
    /// The contested verdicts, for the review queue.
    pub contests: Vec<ContestView>,
    /// The last decision: the file an example was proposed in, or why it failed.
    pub reviewed: Option<Result<Option<PathBuf>, String>>,
    /// The shopper firms, for findings entered by hand.
    pub firms: Vec<ShopperFirm>,
    /// The last finding entered: the drills it assigned, or its problems.
    pub entered: Option<Result<u64, Vec<String>>>,
    /// The scenarios as compiled, for the report's rule names.
    library: Arc<Library>,
    /// Where exports are written.
    export_dir: Option<PathBuf>,
}

/// One assignment as the menu shows it.
pub struct AssignmentView<'a> {
    /// The curriculum.
    pub curriculum: &'a Curriculum,
    /// The assignment.
    pub assignment: &'a Assignment,
    /// Where it stands.
    pub status: AssignmentStatus,
    /// Modules and certifications.
    pub progress: Progress,
}

impl Training {
    /// Starts the writer thread on the records at `path` (none: no records).
    fn start(path: Option<PathBuf>) -> Training {
        // Exports go beside the records: `reports/` in the state folder.
        let export_dir = path.as_ref().and_then(|p| p.parent()).map(|d| d.join("reports"));
        let (reply_tx, replies) = channel();
        let requests = path.map(|path| {
            let (tx, rx) = channel();
            std::thread::Builder::new()
                .name("courtesy-records".into())
                .spawn(move || writer(path, rx, reply_tx))
                .ok();
            tx
        });
        let roster_loaded = requests.is_none();
        Training {
            requests,
            replies: Mutex::new(replies),
            roster: Vec::new(),
            roster_loaded,
            curricula: Vec::new(),
            me: None,
            history: Vec::new(),
            assignments: Vec::new(),
            pending: 0,
            problem: None,
            wanted: None,
            unknown: None,
            contested: None,
            drills: Vec::new(),
            scenario_tags: Arc::default(),
            report: None,
            report_month: curriculum::date(now())[..7].to_string(),
            report_site: None,
            report_person: None,
            sites: Vec::new(),
            exported: None,
            contests: Vec::new(),
            reviewed: None,
            firms: Vec::new(),
            entered: None,
            library: Arc::default(),
            export_dir,
        }
    }

    /// Records without a thread or a file, for tests of the screens.
    pub fn empty() -> Training {
        Training::start(None)
    }

    /// Asks for the report of the month and site chosen.
    fn ask_report(&mut self) {
        let Some(period) = Period::month(&self.report_month) else { return };
        self.report = None;
        self.send(Request::Report {
            period,
            site: self.report_site.clone(),
            person: self.report_person.clone(),
            library: self.library.clone(),
            curricula: self.curricula.clone(),
        });
    }

    /// Asks for a person's history, assignments and drills.
    fn load(&self, person: &Person) {
        let own = curriculum::scenarios_of_role(&self.curricula, person.role)
            .into_iter()
            .map(String::from)
            .collect();
        self.send(Request::Load {
            person: person.id.clone(),
            scenario_tags: self.scenario_tags.clone(),
            own,
        });
    }

    fn send(&self, request: Request) {
        if let Some(tx) = &self.requests {
            let _ = tx.send(request);
        }
    }

    /// Each assignment of the person playing, with its status now.
    pub fn assignments_now(&self) -> Vec<AssignmentView<'_>> {
        let attempts: Vec<_> = self.history.iter().filter_map(|a| a.as_gate_attempt()).collect();
        let at = now();
        self.assignments
            .iter()
            .filter_map(|a| {
                let c = self.curricula.iter().find(|c| c.id == a.curriculum)?;
                Some(AssignmentView {
                    curriculum: c,
                    assignment: a,
                    status: curriculum::assignment_status(
                        c,
                        &attempts,
                        a.assigned_at,
                        a.due_at,
                        at,
                    ),
                    progress: curriculum::progress(c, &attempts, at),
                })
            })
            .collect()
    }
}

/// The writer thread: opens the records, answers requests in order, and
/// keeps writes it could not make in a journal, retried with every request.
fn writer(path: PathBuf, requests: Receiver<Request>, replies: Sender<Reply>) {
    let mut store = match SqliteStore::open(&path) {
        Ok(store) => Some(store),
        Err(e) => {
            let _ = replies.send(Reply::Status { pending: 0, problem: Some(e.to_string()) });
            None
        }
    };
    let roster = store.as_ref().map(|s| s.people().unwrap_or_default()).unwrap_or_default();
    let _ = replies.send(Reply::Roster(roster));
    let mut journal = Journal::default();
    let mut had_problem = false;
    for request in requests {
        match request {
            Request::Write(w) => journal.push(w),
            Request::Load { person, scenario_tags, own } => {
                if let Some(s) = &store {
                    let history = s.history(&person).unwrap_or_default();
                    let assignments = s.assignments(&person).unwrap_or_default();
                    let own: HashSet<&str> = own.iter().map(String::as_str).collect();
                    let scenarios = |d: &DrillRow| {
                        let tagged = scenario_tags
                            .iter()
                            .filter(|(_, tags)| tags.iter().any(|t| d.skills.contains(t)))
                            .map(|(id, _)| id.as_str())
                            .collect();
                        scenarios_for(tagged, &own).into_iter().map(String::from).collect()
                    };
                    let drills = drill_views(s, &person, &scenarios, now()).unwrap_or_default();
                    let _ = replies.send(Reply::Loaded { person, history, assignments, drills });
                }
            }
            Request::Certify(cert) => {
                if let Some(s) = &mut store {
                    let _ = s.certify(&cert);
                }
            }
            Request::Curricula(ids) => {
                let ids: HashSet<&str> = ids.iter().map(String::as_str).collect();
                let _ = replies.send(Reply::Curricula(crate::curricula::load(&ids).0));
            }
            Request::Report { period, site, person, library, curricula } => {
                let Some(s) = &store else { continue };
                let mut report =
                    report::build(s, &library, &curricula, period, site.as_deref(), now());
                if let (Ok(built), Some(no)) = (&report, &person) {
                    report = report::with_history(built.clone(), s, &library, no)
                        .map(|r| r.unwrap_or_else(|| built.clone()));
                }
                let report = report.map(Box::new).map_err(|e| e.to_string());
                let _ = replies.send(Reply::Report(report, s.sites().unwrap_or_default()));
            }
            Request::Contests => {
                let Some(s) = &store else { continue };
                let _ = replies.send(Reply::Contests(contest_views(s).unwrap_or_default()));
            }
            Request::Review { review, example } => {
                let Some(s) = &mut store else { continue };
                let done = propose(example.as_ref())
                    .and_then(|file| s.review(&review).map(|()| file).map_err(|e| e.to_string()));
                let _ = replies.send(Reply::Reviewed(done));
                let _ = replies.send(Reply::Contests(contest_views(&*s).unwrap_or_default()));
            }
            Request::Firms(skills) => {
                let skills: HashSet<&str> = skills.iter().map(String::as_str).collect();
                let _ = replies.send(Reply::Firms(crate::curricula::firms(&skills).0));
            }
            Request::AddFinding { firm, values, locale } => {
                let Some(s) = &mut store else { continue };
                let _ = replies.send(Reply::Entered(enter_finding(s, &firm, &values, locale)));
            }
            Request::Export { report, locale, dir } => {
                let _ = replies.send(Reply::Exported(export_files(&report, locale, &dir)));
            }
        }
        if journal.pending() == 0 {
            continue;
        }
        let Some(s) = &mut store else { continue };
        let problem = journal.flush(s).err().map(|e| e.to_string());
        if problem.is_some() || had_problem {
            had_problem = problem.is_some();
            let _ = replies.send(Reply::Status { pending: journal.pending(), problem });
        }
    }
}

/// Adds a proposed example to its file (made if new): where it went.
fn propose(example: Option<&(Example, PathBuf)>) -> Result<Option<PathBuf>, String> {
    let Some((example, path)) = example else { return Ok(None) };
    propose_in_file(path, example).map_err(|e| e.to_string())?;
    Ok(Some(path.clone()))
}

/// A finding entered by hand: one visit of one item, laid out as the
/// firm's sheet and read, checked and stored exactly as an imported row.
fn enter_finding(
    store: &mut SqliteStore,
    firm: &ShopperFirm,
    values: &[(Field, String)],
    locale: Locale,
) -> Result<u64, Vec<String>> {
    let m = Messages::new(locale);
    let headings = firm.columns.headings();
    let number = format!("M-{}", &new_id()[..13]);
    let value = |f: Field| match f {
        Field::Visit => Cell::Text(number.clone()),
        f => {
            values.iter().find(|(g, _)| *g == f).map_or(Cell::Empty, |(_, v)| Cell::Text(v.clone()))
        }
    };
    let table = Table {
        rows: vec![
            headings.iter().map(|(_, h)| Cell::Text(h.to_string())).collect(),
            headings.iter().map(|(f, _)| value(*f)).collect(),
        ],
        merged: Vec::new(),
    };
    let reading = shopper::read(&table, firm);
    let fail = |e: courtesy_records::RecordError| vec![e.to_string()];
    let (sites, people, shifts) = (
        store.sites().map_err(fail)?,
        store.people().map_err(fail)?,
        store.shifts().map_err(fail)?,
    );
    let plan = findings::plan(&reading, firm, &sites, &people, &shifts, "courtesy", now())
        .map_err(|problems| problems.iter().map(|p| p.message(&m)).collect::<Vec<_>>())?;
    store.import_findings(&plan).map(|done| done.drills).map_err(fail)
}

/// Writes `report` as `<month>[-site].xlsx` and `.html` into `dir`.
fn export_files(
    report: &Report,
    locale: Locale,
    dir: &std::path::Path,
) -> Result<Vec<PathBuf>, String> {
    let m = Messages::new(locale);
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut name = courtesy_core::curriculum::date(report.period.from)[..7].to_string();
    if let Some(site) = &report.site {
        name.push('-');
        name.extend(site.chars().filter(|c| c.is_alphanumeric() || *c == '-'));
    }
    let xlsx = dir.join(format!("{name}.xlsx"));
    let html = dir.join(format!("{name}.html"));
    std::fs::write(&xlsx, export::xlsx(report, &m)?).map_err(|e| e.to_string())?;
    std::fs::write(&html, export::html(report, &m)?).map_err(|e| e.to_string())?;
    Ok(vec![xlsx, html])
}

/// Takes the writer thread's replies; wakes the window while the roster is
/// still loading and whenever something arrives.
fn receive_replies(
    mut training: ResMut<Training>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut out: MessageWriter<GameCommand>,
) {
    let replies: Vec<Reply> = match training.replies.lock() {
        Ok(rx) => rx.try_iter().collect(),
        Err(_) => Vec::new(),
    };
    if !training.roster_loaded {
        redraw.write(RequestRedraw);
    }
    for reply in replies {
        redraw.write(RequestRedraw);
        match reply {
            Reply::Roster(roster) => {
                training.roster = roster;
                training.roster_loaded = true;
                // `play --as E001`: that person plays.
                if let Some(no) = training.wanted.take() {
                    let found = training.roster.iter().find(|p| p.employee_no == no);
                    match found {
                        Some(p) => {
                            out.write(GameCommand::ChoosePerson(Some(p.id.clone())));
                        }
                        None => training.unknown = Some(no),
                    }
                }
            }
            Reply::Loaded { person, history, assignments, drills } => {
                if training.me.as_ref().is_some_and(|p| p.id == person) {
                    training.history = history;
                    training.assignments = assignments;
                    training.drills = drills;
                    certify(&training);
                }
            }
            Reply::Curricula(curricula) => {
                training.curricula = curricula;
                certify(&training);
                // The drills' scenarios depend on the library and the curricula.
                if let Some(me) = &training.me {
                    training.load(me);
                }
            }
            Reply::Report(report, sites) => {
                training.report = Some(report);
                training.sites = sites;
            }
            Reply::Exported(files) => training.exported = Some(files),
            Reply::Firms(firms) => training.firms = firms,
            Reply::Contests(contests) => training.contests = contests,
            Reply::Reviewed(done) => training.reviewed = Some(done),
            Reply::Entered(result) => {
                let stored = result.is_ok();
                training.entered = Some(result);
                if stored {
                    training.ask_report();
                }
            }
            Reply::Status { pending, problem } => {
                training.pending = pending;
                training.problem = problem;
            }
        }
    }
}

/// Records the certifications the rules now grant the person playing.
fn certify(training: &Training) {
    let Some(me) = &training.me else { return };
    for view in training.assignments_now() {
        for cert in &view.progress.certifications {
            training.send(Request::Certify(CertificationRow::granted(
                &me.id,
                &view.curriculum.id,
                cert,
            )));
        }
    }
}

/// `GameCommand::ChoosePerson`: who is playing, from the roster; and
/// `GameCommand::Contest`: the turn explained is contested.
fn apply_commands(
    mut commands: MessageReader<GameCommand>,
    mut training: ResMut<Training>,
    mut prefs: ResMut<Preferences>,
    play: Res<CurrentPlay>,
    library: Res<LiveLibrary>,
) {
    for command in commands.read() {
        match command {
            GameCommand::Contest => {
                let (Some(_), Some(session)) = (&training.me, &play.session) else { continue };
                let number = session.transcript().len();
                let here = Some((session.id().to_string(), number));
                if number == 0 || training.contested == here {
                    continue;
                }
                training.send(Request::Write(Write::Contest(courtesy_records::Contest {
                    id: new_id(),
                    attempt: uuid_for(session.id()),
                    turn: number as u32,
                    comment: String::new(),
                    at: now(),
                })));
                training.contested = here;
            }
            GameCommand::OpenTrainer => {
                training.ask_report();
                training.send(Request::Contests);
                let skills =
                    training.scenario_tags.iter().flat_map(|(_, t)| t.iter().cloned()).collect();
                training.send(Request::Firms(skills));
            }
            GameCommand::Review { contest, overturn } => {
                let Some(view) = training.contests.iter().find(|v| &v.contest.id == contest) else {
                    continue;
                };
                let decision = if *overturn { Decision::Overturn } else { Decision::Uphold };
                // The game does not know who the trainer is; the command line's
                // `review --by` does.
                let review = Review::new(contest, decision, "", "trainer");
                let mut decided = view.clone();
                decided.review = Some(review.clone());
                // The example goes beside the scenario's file, in `proposed/`.
                let example = decided.proposed_example().and_then(|e| {
                    let file = library.playable(&view.attempt.scenario)?.file.path.clone();
                    let dir = file.parent()?.join("proposed");
                    Some((e, dir.join(format!("{}.ron", view.attempt.scenario))))
                });
                training.reviewed = None;
                training.send(Request::Review { review, example });
            }
            GameCommand::AddFinding { firm, values } => {
                let Some(firm) = training.firms.iter().find(|f| &f.id == firm).cloned() else {
                    continue;
                };
                training.entered = None;
                training.send(Request::AddFinding {
                    firm: Box::new(firm),
                    values: values.clone(),
                    locale: prefs.messages.locale(),
                });
            }
            GameCommand::ShowReport { month, site, person } => {
                training.report_month = month.clone();
                training.report_site = site.clone();
                training.report_person = person.clone();
                training.ask_report();
            }
            GameCommand::ExportReport => {
                let (Some(Ok(report)), Some(dir)) = (&training.report, &training.export_dir) else {
                    continue;
                };
                let request = Request::Export {
                    report: report.clone(),
                    locale: prefs.messages.locale(),
                    dir: dir.clone(),
                };
                training.exported = None;
                training.send(request);
            }
            GameCommand::ChoosePerson(None) => {
                training.me = None;
                training.history.clear();
                training.assignments.clear();
                training.drills.clear();
            }
            GameCommand::ChoosePerson(Some(id)) => {
                let Some(person) = training.roster.iter().find(|p| &p.id == id).cloned() else {
                    continue;
                };
                prefs.trainee = person.name.clone();
                training.load(&person);
                training.me = Some(person);
            }
            _ => {}
        }
    }
}

/// Asks the writer thread for the curricula (files, read off the frame)
/// once the library has loaded, and again when it changes.
fn load_curricula(library: Res<LiveLibrary>, mut training: ResMut<Training>, mut seen: Local<u64>) {
    if library.generation == 0 || library.generation == *seen {
        return;
    }
    *seen = library.generation;
    let ids = library.scenarios().iter().map(|s| s.id().to_string()).collect();
    training.send(Request::Curricula(ids));
    training.library = Arc::new(Library { scenarios: library.scenarios(), ..Library::default() });
    training.scenario_tags = Arc::new(
        library.scenarios().iter().map(|s| (s.id().to_string(), s.scenario.tags.clone())).collect(),
    );
}

/// What has been sent of the session being played.
#[derive(Default)]
struct Sent {
    session: String,
    attempt: String,
    turns: usize,
    finished: bool,
}

/// Sends each new turn of the session being played, its start and its end,
/// to the writer thread. The attempt's id is made from the session's, so a
/// session resumed after a crash continues the same attempt.
fn record_play(
    play: Res<CurrentPlay>,
    prefs: Res<Preferences>,
    training: Res<Training>,
    mut sent: Local<Sent>,
) {
    let (Some(me), Some(session)) = (&training.me, &play.session) else { return };
    if session.id() != sent.session {
        let attempt = uuid_for(session.id());
        let scenario = session.scenario();
        training.send(Request::Write(Write::Begin(AttemptStart {
            id: attempt.clone(),
            person: Some(me.id.clone()),
            trainee_name: Some(me.name.clone()),
            scenario: scenario.id().to_string(),
            scenario_hash: content_hash(&scenario.file.text),
            mode: prefs.mode,
            assignment: None,
            seed: session.seed(),
            session: session.id().to_string(),
            started_at: now(),
        })));
        *sent = Sent { session: session.id().to_string(), attempt, turns: 0, finished: false };
    }
    let transcript = session.transcript();
    while sent.turns < transcript.len() {
        let number = sent.turns + 1;
        let row =
            TurnRow::from_record(&sent.attempt, number as u32, &transcript[sent.turns], now());
        training.send(Request::Write(Write::Turn(row)));
        sent.turns = number;
    }
    if session.is_finished() && !sent.finished {
        sent.finished = true;
        let end = AttemptEnd::from_result(&sent.attempt, &session.result(), now());
        training.send(Request::Write(Write::Finish(end)));
        training.load(me);
    }
}

/// A UUID for a session id (UUIDv5 in the OID namespace): the same session
/// always makes the same attempt.
fn uuid_for(session: &str) -> String {
    courtesy_records::model::stable_uuid(session)
}
