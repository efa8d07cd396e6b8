//! `courtesy play --text`: the terminal mode. Reads one reply per line (an
//! option by its number), prints the feedback after each turn and the debrief
//! at the end. Progress is saved after every turn (seed + inputs), so a killed
//! process loses nothing: `--resume` picks the session up again.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use courtesy_core::play::{InputError, MAX_REPLY_CHARS};
use courtesy_core::play::{Mode, ProgressStore, ResultRecord, SavedPlay, SavedSession};
use courtesy_core::{CompiledScenario, Input, Library, ScenarioResult, Session, Verdict, explain};

use super::input::{Line, Lines};
use super::{CliError, Context, Outcome, paint, terminal, training};

#[derive(clap::Args, Debug, Default)]
pub struct PlayArgs {
    /// Play in the terminal.
    #[arg(long)]
    pub text: bool,
    /// Scenario id (from the scenarios folder).
    #[arg(long, conflicts_with = "file")]
    pub scenario: Option<String>,
    /// A scenario file to play directly.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// Seed for the line variants; the same seed replays the same session.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print the scenario result as JSON on stdout (the dialogue goes to stderr).
    #[arg(long)]
    pub json: bool,
    /// Resume a session an earlier run left unfinished: the only one saved,
    /// or the one with this id (with several saved, they are listed).
    #[arg(long, num_args = 0..=1, default_missing_value = "", value_name = "ID")]
    pub resume: Option<String>,
    /// Play these scripted inputs (one per line) in the game window.
    #[arg(long, requires = "scenario", requires = "screenshot", conflicts_with = "text")]
    pub autoplay: Option<PathBuf>,
    /// Folder for the PNGs that --autoplay writes.
    #[arg(long, requires = "autoplay")]
    pub screenshot: Option<PathBuf>,
    /// The window's size for --autoplay, as WIDTHxHEIGHT (default 1280x800).
    #[arg(long, requires = "autoplay", value_parser = window_size, value_name = "WxH")]
    pub window: Option<(u32, u32)>,
    /// Play as this person of the roster (employee number): the attempt
    /// and each turn go to the training records.
    #[arg(long = "as", value_name = "EMPLOYEE_NO", conflicts_with = "resume")]
    pub as_person: Option<String>,
    /// Play the next scenario of the person's assignments (with --as), in
    /// the mode its module's gate asks for.
    #[arg(long, requires = "as_person", conflicts_with_all = ["scenario", "file"])]
    pub assigned: bool,
    /// Exam mode: the feedback comes at the end only.
    #[arg(long)]
    pub exam: bool,
}

/// `800x600` as (800, 600).
fn window_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) =
        text.split_once(['x', 'X', '×']).ok_or("write it as WIDTHxHEIGHT, e.g. 800x600")?;
    let number = |s: &str| s.trim().parse::<u32>().ok().filter(|n| (200..=8192).contains(n));
    match (number(w), number(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err("width and height are whole numbers from 200 to 8192".into()),
    }
}

/// Without `--text`, `play` opens the game window when there is one to open
/// (the terminal mode otherwise).
pub fn run(context: &Context, args: PlayArgs) -> Outcome {
    if !args.text && args.file.is_none() && !args.json && args.resume.is_none() && !args.assigned {
        #[cfg(feature = "gui")]
        {
            let autoplay = match (&args.autoplay, &args.screenshot) {
                (Some(file), Some(dir)) => {
                    let text = std::fs::read_to_string(file)
                        .map_err(|source| CliError::Io { path: file.clone(), source })?;
                    Some((text.lines().map(str::to_string).collect(), dir.clone()))
                }
                _ => None,
            };
            let options = courtesy::app::GameOptions {
                scenarios_dir: context.folder_for_the_game()?,
                locale: context.messages.locale(),
                seed: args.seed.unwrap_or_else(time_seed),
                scenario: args.scenario.clone(),
                authoring: false,
                autoplay,
                window: args.window,
                db: context.db.clone(),
                person: args.as_person.clone(),
            };
            match courtesy::app::run(options) {
                Ok(code) => return Ok(code),
                Err(error) if args.autoplay.is_some() => return Err(error.into()),
                Err(error) => terminal::eprint(&format!("{}\n", error.message(&context.messages))),
            }
        }
    }
    play_text(context, args)
}

/// `courtesy author`: the game reading `dir`, reloading files when saved.
pub fn author(context: &Context, dir: PathBuf) -> Outcome {
    #[cfg(feature = "gui")]
    {
        let options = courtesy::app::GameOptions {
            scenarios_dir: dir.clone(),
            locale: context.messages.locale(),
            seed: time_seed(),
            scenario: None,
            authoring: true,
            autoplay: None,
            window: None,
            db: context.db.clone(),
            person: None,
        };
        match courtesy::app::run(options) {
            Ok(code) => return Ok(code),
            Err(error) => terminal::eprint(&format!("{}\n", error.message(&context.messages))),
        }
    }
    // No window: show the diagnostics instead.
    super::validate::run(context, vec![dir])
}

/// The terminal mode.
fn play_text(context: &Context, mut args: PlayArgs) -> Outcome {
    let m = &context.messages;
    let saved = match &args.resume {
        Some(id) => Some(load_saved(id)?),
        None => None,
    };
    let library = match &args.file {
        Some(file) => Library::load(std::slice::from_ref(file)),
        None => context.existing_library()?,
    };
    let mut mode = if args.exam { Mode::Exam } else { Mode::Practice };
    if let (true, Some(no)) = (args.assigned, &args.as_person) {
        let (id, gate_mode) = training::next_assigned(context, no, &library)?;
        args.scenario = Some(id);
        mode = gate_mode;
    }
    let scenario = pick_scenario(context, &library, &args, saved.as_ref())?;
    let errors: Vec<_> = library.errors_in(&scenario.file.path).collect();
    if !errors.is_empty() {
        for d in errors {
            terminal::eprint(&paint::diagnostic(m, d));
        }
        return Err(CliError::InvalidScenario(scenario.id().to_string()));
    }

    let mut session = match &saved {
        Some(saved) => Session::replay(Arc::clone(&scenario), saved),
        None => Session::new(Arc::clone(&scenario), args.seed.unwrap_or_else(time_seed)),
    };
    let mut recorder = match &args.as_person {
        Some(no) => Some(training::Recorder::begin(context, no, &scenario, &session, mode)?),
        None => None,
    };
    let trainee = recorder.as_ref().map_or_else(String::new, |r| r.name.clone());
    let mut out: Box<dyn Write> =
        if args.json { Box::new(terminal::stderr()) } else { Box::new(terminal::stdout()) };
    let s = &scenario.scenario;
    let _ = writeln!(out, "══ {} ══", m.scenario_title(&s.id, &s.title));
    let _ = writeln!(out, "{}", m.scenario_summary(&s.id, &s.summary));
    let _ = writeln!(
        out,
        "{}",
        m.format(
            "play-briefing",
            &[
                ("setting", m.venue(s.venue).into()),
                ("role", m.scenario_role(&s.id, &s.trainee.role).into()),
                ("seed", session.seed().to_string().into()),
            ]
        )
    );

    let stdin = std::io::stdin();
    let mut lines = Lines::new(stdin.lock(), MAX_REPLY_CHARS);
    let mut save_warned = false;
    while let Some(screen) = session.screen() {
        let _ = write!(out, "{}", paint::screen(m, &screen));
        if session.is_finished() {
            break;
        }
        let _ = out.flush();
        let shown = Instant::now();
        let Some(line) = lines.next() else {
            let _ = writeln!(out, "{}", m.get("play-input-ended"));
            break;
        };
        let seconds = shown.elapsed().as_secs_f32();
        let text = match line.map_err(CliError::Read)? {
            Line::Text(text) => text,
            Line::InvalidUtf8 => {
                let _ = writeln!(out, "  {}", m.get("play-invalid-utf8"));
                continue;
            }
            Line::TooLong { chars } => {
                let e = InputError::TooLong { chars, limit: MAX_REPLY_CHARS };
                let _ = writeln!(out, "  {}", explain::input_error(m, &e));
                continue;
            }
        };
        // `/contest why`: the last turn's verdict looks wrong to the trainee.
        if let Some(comment) = text.trim().strip_prefix("/contest") {
            let number = session.transcript().len();
            let said = match (recorder.as_mut(), number) {
                (None, _) => m.get("play-contest-needs-roster"),
                (Some(_), 0) => m.get("play-contest-nothing"),
                (Some(r), n) => match r.contest(n, comment.trim()) {
                    Ok(()) => m.get("play-contested"),
                    Err(e) => e.message(m),
                },
            };
            let _ = writeln!(out, "  {said}");
            continue;
        }
        let input = match Input::from_line(&text, screen.prompt.as_ref()) {
            Some(input) => input,
            None if text.trim() == "/quit" => break,
            None => {
                let _ = writeln!(out, "  {}", m.get("play-want-number"));
                continue;
            }
        };
        match session.answer(input, seconds) {
            Ok(_) => {
                if let Some(turn) = session.transcript().last() {
                    if mode == Mode::Practice {
                        let feedback = explain::turn(m, Some(&scenario), turn);
                        let _ = write!(out, "{}", paint::turn(m, &feedback));
                    }
                    let number = session.transcript().len();
                    if let Some(warning) = recorder.as_mut().and_then(|r| r.turn(m, number, turn)) {
                        let _ = writeln!(out, "{warning}");
                    }
                    // A trainee who thinks a failed verdict is wrong can say so.
                    if recorder.is_some()
                        && mode == Mode::Practice
                        && turn.result.verdict == Verdict::Fail
                    {
                        let _ = writeln!(out, "  {}", m.get("play-contest-hint"));
                    }
                }
                if let Err(e) = save(&trainee, mode, session.saved())
                    && !save_warned
                {
                    save_warned = true;
                    let detail = e.message(m);
                    let _ = writeln!(
                        out,
                        "{}",
                        m.format("play-save-failed", &[("detail", detail.into())])
                    );
                }
            }
            Err(e) => {
                let _ = writeln!(out, "  {}", explain::input_error(m, &e));
            }
        }
    }

    let result = session.result();
    let mut record_failed = false;
    if session.is_finished()
        && let Some(warning) = recorder.as_mut().and_then(|r| r.finish(m, &result))
    {
        terminal::eprint(&format!("{warning}\n"));
    }
    if session.is_finished()
        && let Err(e) = finish_saved(session.id(), &trainee, mode, &result)
    {
        record_failed = true;
        terminal::eprint(&format!(
            "{}\n",
            m.format("play-result-save-failed", &[("detail", e.message(m).into())])
        ));
    }
    if args.json {
        terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&result)?));
    } else {
        terminal::print(&paint::debrief(m, &explain::debrief(m, &scenario, &result)));
    }
    // A result that could not be recorded is not a success: its save is
    // kept, and `--resume` records it once the disk is fixed.
    Ok(if session.is_finished() && !record_failed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn pick_scenario(
    context: &Context,
    library: &Library,
    args: &PlayArgs,
    saved: Option<&SavedSession>,
) -> Result<Arc<CompiledScenario>, CliError> {
    let m = &context.messages;
    if let Some(saved) = saved {
        return library
            .scenario(&saved.scenario)
            .ok_or_else(|| CliError::UnknownScenario(saved.scenario.clone()));
    }
    if args.file.is_some() {
        let file = args.file.as_ref().and_then(|f| std::fs::canonicalize(f).ok());
        let found = library
            .scenarios
            .iter()
            .find(|s| std::fs::canonicalize(&s.file.path).ok() == file)
            .cloned();
        return found.ok_or_else(|| {
            for d in &library.diagnostics {
                terminal::eprint(&paint::diagnostic(m, d));
            }
            CliError::NoScenarioInFile
        });
    }
    if let Some(id) = &args.scenario {
        return library.scenario(id).ok_or_else(|| CliError::UnknownScenario(id.clone()));
    }
    // No scenario named: list them and read a number.
    let mut all: Vec<_> = library.scenarios.clone();
    all.sort_by(|a, b| a.id().cmp(b.id()));
    if all.is_empty() {
        return Err(CliError::NoScenarios(context.scenarios_dir.clone()));
    }
    terminal::print(&format!("{}\n", m.get("pick-scenario")));
    for (i, s) in all.iter().enumerate() {
        terminal::print(&format!(
            "  {:>2}. {}\n",
            i + 1,
            m.scenario_title(s.id(), &s.scenario.title)
        ));
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(CliError::Read)?;
    line.trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| all.get(n.wrapping_sub(1)).cloned())
        .ok_or(CliError::PickInvalid)
}

fn time_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
}

fn store() -> Result<ProgressStore, CliError> {
    ProgressStore::default_location().ok_or(CliError::NoStateDir)
}

fn save(trainee: &str, mode: Mode, saved: SavedSession) -> Result<(), CliError> {
    Ok(store()?.save_session(&SavedPlay::new(trainee, mode, saved))?)
}

/// The session to resume: the one with id `id`, or with no id the only one
/// saved. Nothing saved, or several with no id, is an error that says what
/// there is.
fn load_saved(id: &str) -> Result<SavedSession, CliError> {
    let mut found = store()?.saved_sessions();
    if let Some(problem) = found.problems.pop()
        && found.sessions.is_empty()
    {
        return Err(problem.into());
    }
    let listed = |sessions: &[SavedPlay]| -> Vec<String> {
        sessions
            .iter()
            .map(|s| {
                let who = s.trainee.as_deref().unwrap_or("-");
                let turns = s.session.inputs.len();
                format!("{}  {}  {who}  {turns}", s.session.id, s.session.scenario)
            })
            .collect()
    };
    if !id.is_empty() {
        return match found.sessions.iter().position(|s| s.session.id == id) {
            Some(at) => Ok(found.sessions.remove(at).session),
            None => {
                Err(CliError::UnknownSave { id: id.to_string(), saved: listed(&found.sessions) })
            }
        };
    }
    match found.sessions.len() {
        0 => Err(CliError::NothingToResume),
        1 => Ok(found.sessions.remove(0).session),
        _ => Err(CliError::WhichSave(listed(&found.sessions))),
    }
}

/// A finished session: its result is appended to results.jsonl and the
/// resume file is removed.
fn finish_saved(
    session: &str,
    trainee: &str,
    mode: Mode,
    result: &ScenarioResult,
) -> Result<(), CliError> {
    Ok(store()?.record_result(&ResultRecord::now(session, trainee, mode, result.clone()))?)
}
