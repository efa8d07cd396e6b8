//! The command line: argument parsing and dispatch to the subcommands, each in
//! its own module. Exit codes: 0 success, 1 any error (bad input, failed
//! validation, unknown scenario), 2 for usage errors (clap's own).

mod catalogue;
mod check;
mod play;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::i18n::{Locale, Messages};
use crate::core::library::Library;

#[derive(Parser, Debug)]
#[command(name = "courtesy", version, about = "Service-etiquette training simulator")]
pub struct Cli {
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
    List(catalogue::ListArgs),
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
pub struct Context {
    pub messages: Messages,
    pub scenarios_dir: PathBuf,
}

impl Context {
    pub fn library(&self) -> Library {
        Library::load(std::slice::from_ref(&self.scenarios_dir))
    }
}

/// Where scenarios live: the flag, $COURTESY_SCENARIOS, ./scenarios, or the
/// folder this copy of courtesy was built from.
fn scenarios_dir(flag: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = flag {
        return dir;
    }
    if let Some(dir) = std::env::var_os("COURTESY_SCENARIOS") {
        return dir.into();
    }
    let local = PathBuf::from("scenarios");
    if local.is_dir() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

fn default_locale() -> Locale {
    ["COURTESY_LOCALE", "LC_ALL", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find_map(|v| Locale::parse(&v))
        .unwrap_or_default()
}

pub fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let _ = crate::app::STARTED.set(std::time::Instant::now());
    let cli = Cli::parse();
    let context = Context {
        messages: Messages::new(cli.locale.unwrap_or_else(default_locale)),
        scenarios_dir: scenarios_dir(cli.scenarios),
    };
    let outcome = match cli.command {
        None => play::run(&context, play::PlayArgs::default()),
        Some(Command::Play(args)) => play::run(&context, args),
        Some(Command::Author { path }) => {
            let dir = path.unwrap_or_else(|| context.scenarios_dir.clone());
            play::author(&context, dir)
        }
        Some(Command::Check(args)) => check::run(&context, args),
        Some(Command::Validate { paths }) => catalogue::validate(&context, paths),
        Some(Command::List(args)) => catalogue::list(&context, args),
        Some(Command::Graph { id }) => catalogue::graph(&context, &id),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{}: {message}", context.messages.get("error-prefix"));
            ExitCode::from(1)
        }
    }
}

/// A command's result: an exit code, or a message (already in words) for exit 1.
pub type Outcome = Result<ExitCode, String>;
