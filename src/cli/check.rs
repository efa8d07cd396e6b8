//! `courtesy check`: judges replies against one node's rules, a rule file,
//! or the built-in service-language rules. Replies come as arguments or one
//! per stdin line, so large files score in one run. `--json` prints one turn
//! per line in the shape of docs/turn-json.md; the text mode paints the
//! core's explanation.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;

use courtesy_core::judge::rules::{RuleBook, RuleBookBuilder};
use courtesy_core::judge::{self, NodeRules, TurnRecord};
use courtesy_core::model::Company;
use courtesy_core::play::{MAX_REPLY_CHARS, is_blank_reply};
use courtesy_core::{CompiledScenario, Library, Messages, explain};
use serde::Serialize;

use super::input::{Line, Lines};
use super::{CliError, Context, Outcome, paint, terminal};

/// The rule set `check` uses when no scenario or rule file is named.
pub const BUILT_IN_RULES: &str = "service-language";

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Score against this scenario's node (with --node).
    #[arg(long, requires = "node", conflicts_with = "rules")]
    scenario: Option<String>,
    /// The node whose required and forbidden rules apply.
    #[arg(long, requires = "scenario")]
    node: Option<String>,
    /// A rule-set file to score against.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Company name for `{company}` phrases (without a scenario).
    #[arg(long)]
    company: Option<String>,
    /// One JSON object per reply.
    #[arg(long)]
    json: bool,
    /// Replies to score; with none, one reply per stdin line.
    text: Vec<String>,
}

#[derive(Serialize)]
struct ErrorLine {
    line: usize,
    error: String,
}

/// What the replies are judged against.
enum Target {
    /// A node of a scenario, with the scenario's own compiled rules.
    Node { scenario: Arc<CompiledScenario>, index: usize },
    /// A rule set's forbidden rules.
    RuleSet { book: Box<RuleBook>, rules: NodeRules },
}

impl Target {
    fn judge(&self, reply: &str) -> TurnRecord {
        let (node, result) = match self {
            Target::Node { scenario, index } => {
                (Some(scenario.node(*index).id.clone()), scenario.score_reply(*index, reply))
            }
            Target::RuleSet { book, rules } => (None, judge::score(book, rules, reply)),
        };
        TurnRecord {
            node,
            speaker: None,
            line: None,
            reply: reply.to_string(),
            seconds: None,
            result,
        }
    }

    fn scenario(&self) -> Option<&CompiledScenario> {
        match self {
            Target::Node { scenario, .. } => Some(scenario),
            Target::RuleSet { .. } => None,
        }
    }
}

fn target(context: &Context, args: &CheckArgs) -> Result<Target, CliError> {
    let m = &context.messages;
    if let (Some(id), Some(node)) = (&args.scenario, &args.node) {
        let library = context.existing_library()?;
        let scenario = library.scenario(id).ok_or_else(|| CliError::UnknownScenario(id.clone()))?;
        let index = scenario
            .node_index(node)
            .ok_or_else(|| CliError::UnknownNode { scenario: id.clone(), node: node.clone() })?;
        if !scenario.node(index).prompt.as_ref().is_some_and(|p| p.takes_typed_reply()) {
            return Err(CliError::NodeTakesNoReply { scenario: id.clone(), node: node.clone() });
        }
        return Ok(Target::Node { scenario, index });
    }
    let library = match &args.rules {
        Some(file) => Library::load(std::slice::from_ref(file)),
        None if context.embedded => context.library(),
        None => Library::load(&[context.scenarios_dir.join("phrases")]),
    };
    let errors: Vec<_> = library.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in errors {
            terminal::eprint(&paint::diagnostic(m, d));
        }
        return Err(CliError::RulesInvalid);
    }
    let set = match &args.rules {
        // The rule set in that very file, not one beside it.
        Some(file) => {
            let wanted = std::fs::canonicalize(file).ok();
            library
                .rule_sets
                .iter()
                .find(|s| std::fs::canonicalize(&s.file.path).ok() == wanted)
                .ok_or_else(|| CliError::NotARuleSet(file.clone()))?
        }
        None => library
            .rule_set(BUILT_IN_RULES)
            .ok_or_else(|| CliError::NoRules(BUILT_IN_RULES.to_string()))?,
    };
    let mut builder = RuleBookBuilder::new();
    builder.add_rule_set(&set.set);
    let company = args.company.as_ref().map(|name| Company { name: name.clone(), aliases: vec![] });
    let book = builder.build(company.as_ref());
    let rules = NodeRules::forbidden_only(&book);
    Ok(Target::RuleSet { book: Box::new(book), rules })
}

pub fn run(context: &Context, args: CheckArgs) -> Outcome {
    let m = &context.messages;
    let target = target(context, &args)?;
    let stdout = std::io::stdout();
    let mut out = terminal::Terminal::over_stdout(BufWriter::new(stdout.lock()), !args.json);
    let mut failed_lines = 0usize;
    let mut emit =
        |line_no: usize, reply: Result<String, LineError>, out: &mut terminal::Terminal<_>| {
            let written = match reply {
                Ok(text) => match check_one(&target, &text) {
                    Ok(turn) => write_result(m, out, &target, &turn, args.json),
                    Err(e) => {
                        failed_lines += 1;
                        write_error(m, out, line_no, e, args.json)
                    }
                },
                Err(e) => {
                    failed_lines += 1;
                    write_error(m, out, line_no, e, args.json)
                }
            };
            written.is_ok()
        };
    if args.text.is_empty() {
        let stdin = std::io::stdin();
        for (i, line) in Lines::new(stdin.lock(), MAX_REPLY_CHARS).enumerate() {
            let (reply, last) = match line {
                Ok(Line::Text(text)) => (Ok(text), false),
                Ok(Line::TooLong { chars }) => (Err(LineError::TooLong(chars)), false),
                Ok(Line::InvalidUtf8) => (Err(LineError::InvalidUtf8), false),
                // A read error (stdin is a folder, a device failed) ends the run.
                Err(e) => (Err(LineError::Io(e.to_string())), true),
            };
            if !emit(i + 1, reply, &mut out) || last {
                break;
            }
        }
    } else {
        for (i, text) in args.text.iter().enumerate() {
            emit(i + 1, Ok(text.clone()), &mut out);
        }
    }
    let _ = out.flush();
    Ok(if failed_lines > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Why a line could not be scored.
enum LineError {
    TooLong(usize),
    Empty,
    InvalidUtf8,
    Io(String),
}

fn check_one(target: &Target, text: &str) -> Result<TurnRecord, LineError> {
    let chars = text.chars().count();
    if chars > MAX_REPLY_CHARS {
        return Err(LineError::TooLong(chars));
    }
    // The same test as a turn in play: nothing visible is not a reply.
    if is_blank_reply(text) {
        return Err(LineError::Empty);
    }
    Ok(target.judge(text))
}

fn write_result(
    m: &Messages,
    out: &mut impl Write,
    target: &Target,
    turn: &TurnRecord,
    json: bool,
) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, turn)?;
        writeln!(out)
    } else {
        let feedback = explain::turn(m, target.scenario(), turn);
        write!(out, "{}", paint::check(m, &feedback))
    }
}

fn write_error(
    m: &Messages,
    out: &mut impl Write,
    line: usize,
    e: LineError,
    json: bool,
) -> std::io::Result<()> {
    let message = match e {
        LineError::TooLong(chars) => m.format(
            "input-too-long",
            &[("chars", chars.into()), ("limit", MAX_REPLY_CHARS.into())],
        ),
        LineError::InvalidUtf8 => m.get("input-invalid-utf8"),
        LineError::Empty => m.get("input-empty"),
        LineError::Io(detail) => detail,
    };
    if json {
        serde_json::to_writer(&mut *out, &ErrorLine { line, error: message })?;
        writeln!(out)
    } else {
        writeln!(out, "{}: {}", m.format("line-n", &[("n", line.into())]), message)
    }
}
