//! The command line: argument parsing, dispatch to one module per
//! subcommand, and the one place errors are reported. Exit codes: 0
//! success, 1 any error (bad input, failed validation, unknown scenario),
//! 2 for usage errors (clap's own).

mod check;
mod error;
mod findings;
mod graph;
mod input;
mod list;
mod paint;
mod play;
mod report;
mod review;
mod terminal;
mod training;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use courtesy_core::{Library, Locale, Messages};

pub use error::CliError;

#[derive(Parser, Debug)]
#[command(name = "courtesy", version, about = "Service-etiquette training simulator")]
struct Cli {
    /// Language of everything shown: zh-CN (default), zh-TW or en-US.
    #[arg(long, global = true, value_parser = parse_locale)]
    locale: Option<Locale>,
    /// Folder of scenario files (default: ./scenarios, or $COURTESY_SCENARIOS).
    #[arg(long, global = true)]
    scenarios: Option<PathBuf>,
    /// The training records (default: $COURTESY_DB, else records.sqlite in the state folder).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Play a scenario.
    Play(play::PlayArgs),
    /// Score replies against a node's rules or the built-in service-language rules.
    Check(check::CheckArgs),
    /// Check scenario and rule files; exit 1 on any error.
    Validate {
        /// Files or folders (default: the scenarios folder).
        paths: Vec<PathBuf>,
    },
    /// List the scenarios.
    List(list::ListArgs),
    /// Print a scenario's node graph in Graphviz DOT.
    Graph { id: String },
    /// The game in authoring mode: plays scenarios straight from the files,
    /// reloads a file when it is saved, shows the diagnostics.
    Author {
        /// Folder of scenario files (default: the scenarios folder).
        path: Option<PathBuf>,
    },
    /// The roster of people who train.
    #[command(subcommand)]
    Roster(training::RosterCommand),
    /// Enrol a person in a curriculum (by default the one for their job).
    Enrol(training::EnrolArgs),
    /// A person's training: what is due, the modules, the certifications.
    Training(training::TrainingArgs),
    /// The training records themselves.
    #[command(subcommand)]
    Records(training::RecordsCommand),
    /// Mystery-shopper findings: import a shopper's sheet, its template, the
    /// findings' status.
    #[command(subcommand)]
    Findings(findings::FindingsCommand),
    /// Refresher drills from findings: where each stands; waive or resume one.
    #[command(subcommand)]
    Drills(findings::DrillsCommand),
    /// The review queue: contested verdicts upheld or overturned; an
    /// overturned one becomes an example to merge into the scenario.
    #[command(subcommand)]
    Review(review::ReviewCommand),
    /// A month's training for trainers: completion, pass rates, the rules
    /// missed and the phrases said, drills; as text, JSON, CSV, XLSX or HTML.
    Report(report::ReportArgs),
}

fn parse_locale(s: &str) -> Result<Locale, String> {
    Locale::parse(s).ok_or_else(|| format!("unknown locale '{s}': use zh-CN, zh-TW or en-US"))
}

include!(concat!(env!("OUT_DIR"), "/embedded_scenarios.rs"));

/// Where a diagnostic places a file of the built-in library.
const EMBEDDED_ROOT: &str = "<built-in>/scenarios";

/// The shared context of a command.
struct Context {
    messages: Messages,
    /// The scenarios folder; with `embedded`, a name for the built-in library.
    scenarios_dir: PathBuf,
    /// No folder was found: the library built into the binary is used.
    embedded: bool,
    /// `--db`: the training records to use.
    db: Option<PathBuf>,
}

impl Context {
    fn library(&self) -> Library {
        if self.embedded {
            return embedded_library();
        }
        Library::load(std::slice::from_ref(&self.scenarios_dir))
    }

    /// The library, or an error when the named scenarios folder is not there.
    fn existing_library(&self) -> Result<Library, CliError> {
        if !self.embedded && !self.scenarios_dir.is_dir() {
            return Err(CliError::NoScenarios(self.scenarios_dir.clone()));
        }
        Ok(self.library())
    }

    /// The folder for the game: the scenarios folder, or the built-in library
    /// written out to a temporary folder (the game reads files as assets).
    fn folder_for_the_game(&self) -> Result<PathBuf, CliError> {
        if !self.embedded {
            return Ok(self.scenarios_dir.clone());
        }
        let dir = std::env::temp_dir().join(format!(
            "courtesy-{}-scenarios-{}",
            env!("CARGO_PKG_VERSION"),
            std::process::id()
        ));
        for (name, text) in EMBEDDED_SCENARIOS {
            let path = dir.join(name);
            let write = || -> std::io::Result<()> {
                std::fs::create_dir_all(path.parent().unwrap_or(&dir))?;
                std::fs::write(&path, text)
            };
            write().map_err(|source| CliError::Io { path: path.clone(), source })?;
        }
        Ok(dir)
    }
}

/// The library built into the binary.
fn embedded_library() -> Library {
    let sources = EMBEDDED_SCENARIOS
        .iter()
        .map(|(name, text)| {
            courtesy_core::SourceFile::new(PathBuf::from(EMBEDDED_ROOT).join(name), *text)
        })
        .collect();
    Library::from_sources(sources, Vec::new())
}

/// Where scenarios live, in this order: `--scenarios`, `$COURTESY_SCENARIOS`,
/// `./scenarios`, `scenarios` next to the executable, and last the library
/// built into the binary (`true`). Never the folder the binary was built in:
/// a copied binary must not read the build machine's files. A folder named
/// by the flag or the variable that is not there is an error, not a fallback.
fn scenarios_dir(flag: Option<PathBuf>) -> (PathBuf, bool) {
    if let Some(dir) = flag {
        return (dir, false);
    }
    if let Some(dir) = std::env::var_os("COURTESY_SCENARIOS").filter(|d| !d.is_empty()) {
        return (dir.into(), false);
    }
    let local = PathBuf::from("scenarios");
    if local.is_dir() {
        return (local, false);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("scenarios")))
        .filter(|dir| dir.is_dir())
        .map_or_else(|| (PathBuf::from(EMBEDDED_ROOT), true), |dir| (dir, false))
}

fn default_locale() -> Locale {
    ["COURTESY_LOCALE", "LC_ALL", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find_map(|v| Locale::parse(&v))
        .unwrap_or_default()
}

/// Parses the command line, runs the command and reports its error, if
/// any, in the trainee's language.
pub fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let _ = courtesy::app::STARTED.set(std::time::Instant::now());
    let cli = Cli::parse();
    let (scenarios_dir, embedded) = scenarios_dir(cli.scenarios);
    let context = Context {
        messages: Messages::new(cli.locale.unwrap_or_else(default_locale)),
        scenarios_dir,
        embedded,
        db: cli.db,
    };
    match run(&context, cli.command) {
        Ok(code) => code,
        Err(error) => {
            let m = &context.messages;
            terminal::eprint(&format!("{}: {}\n", m.get("error-prefix"), error.message(m)));
            ExitCode::from(1)
        }
    }
}

fn run(context: &Context, command: Option<Command>) -> Outcome {
    match command {
        None => play::run(context, play::PlayArgs::default()),
        Some(Command::Play(args)) => play::run(context, args),
        Some(Command::Author { path }) => {
            let dir = match path {
                Some(dir) => dir,
                None => context.folder_for_the_game()?,
            };
            play::author(context, dir)
        }
        Some(Command::Check(args)) => check::run(context, args),
        Some(Command::Validate { paths }) => validate::run(context, paths),
        Some(Command::List(args)) => list::run(context, args),
        Some(Command::Graph { id }) => graph::run(context, &id),
        Some(Command::Roster(command)) => training::roster(context, command),
        Some(Command::Enrol(args)) => training::enrol(context, args),
        Some(Command::Training(args)) => training::training(context, args),
        Some(Command::Records(command)) => training::records(context, command),
        Some(Command::Findings(command)) => findings::findings(context, command),
        Some(Command::Drills(command)) => findings::drills(context, command),
        Some(Command::Review(command)) => review::review(context, command),
        Some(Command::Report(args)) => report::run(context, args),
    }
}

/// A command's result: an exit code, or the error to report (exit 1).
type Outcome = Result<ExitCode, CliError>;
