//! The command line: argument parsing, dispatch to one module per
//! subcommand, and the one place errors are reported. Exit codes: 0
//! success, 1 any error (bad input, failed validation, unknown scenario),
//! 2 for usage errors (clap's own).

mod check;
mod error;
mod graph;
mod input;
mod list;
mod paint;
mod play;
mod terminal;
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
}

fn parse_locale(s: &str) -> Result<Locale, String> {
    Locale::parse(s).ok_or_else(|| format!("unknown locale '{s}': use zh-CN, zh-TW or en-US"))
}

/// The shared context of a command.
struct Context {
    messages: Messages,
    scenarios_dir: PathBuf,
}

impl Context {
    fn library(&self) -> Library {
        Library::load(std::slice::from_ref(&self.scenarios_dir))
    }

    /// The library, or an error when the scenarios folder is not there.
    fn existing_library(&self) -> Result<Library, CliError> {
        if !self.scenarios_dir.is_dir() {
            return Err(CliError::NoScenarios(self.scenarios_dir.clone()));
        }
        Ok(self.library())
    }
}

/// Where scenarios live, in this order: `--scenarios`, `$COURTESY_SCENARIOS`,
/// `./scenarios`, and `scenarios` next to the executable. Never the folder
/// the binary was built in: a copied binary must not read the build
/// machine's files. When none exists, `./scenarios` is named in the error.
fn scenarios_dir(flag: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = flag {
        return dir;
    }
    if let Some(dir) = std::env::var_os("COURTESY_SCENARIOS").filter(|d| !d.is_empty()) {
        return dir.into();
    }
    let local = PathBuf::from("scenarios");
    if local.is_dir() {
        return local;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("scenarios")))
        .filter(|dir| dir.is_dir())
        .unwrap_or(local)
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
    let context = Context {
        messages: Messages::new(cli.locale.unwrap_or_else(default_locale)),
        scenarios_dir: scenarios_dir(cli.scenarios),
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
            let dir = path.unwrap_or_else(|| context.scenarios_dir.clone());
            play::author(context, dir)
        }
        Some(Command::Check(args)) => check::run(context, args),
        Some(Command::Validate { paths }) => validate::run(context, paths),
        Some(Command::List(args)) => list::run(context, args),
        Some(Command::Graph { id }) => graph::run(context, &id),
    }
}

/// A command's result: an exit code, or the error to report (exit 1).
type Outcome = Result<ExitCode, CliError>;
