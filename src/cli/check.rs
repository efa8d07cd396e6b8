//! `courtesy check`: scores replies against one node's rules, a rule file, or
//! the built-in service-language rules. Replies come as arguments or one per
//! stdin line (JSON lines with `--json`), so large files score in one run.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::core::i18n::Messages;
use crate::core::library::{Library, PreparedScenario};
use crate::core::model::{Company, Verdict};
use crate::core::rules::{RuleBook, RuleBookBuilder, RuleIndex};
use crate::core::scoring::{ForbiddenHit, TurnResult, score_reply};
use crate::core::session::MAX_REPLY_CHARS;

use super::{Context, Outcome, render};

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

/// What `check --json` prints for one reply.
#[derive(Serialize)]
struct CheckLine<'a> {
    verdict: Verdict,
    score: u8,
    forbidden: &'a [ForbiddenHit],
    required: Vec<RequiredLine<'a>>,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct RequiredLine<'a> {
    rule: &'a str,
    met: bool,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Serialize)]
struct ErrorLine {
    line: usize,
    error: String,
}

struct Target {
    book: RuleBook,
    required: Vec<RuleIndex>,
    forbidden: Vec<RuleIndex>,
    pass_mark: u8,
}

fn target(context: &Context, args: &CheckArgs) -> Result<Target, String> {
    let m = &context.messages;
    if let (Some(id), Some(node)) = (&args.scenario, &args.node) {
        let library = context.library();
        let scenario: std::sync::Arc<PreparedScenario> = library
            .scenario(id)
            .ok_or_else(|| m.format("unknown-scenario", &[("id", id.clone())]))?;
        let index = scenario.node_index(node).ok_or_else(|| {
            m.format("unknown-node", &[("id", node.clone()), ("scenario", id.clone())])
        })?;
        return Ok(Target {
            required: scenario.required(index).to_vec(),
            forbidden: scenario.forbidden(index).to_vec(),
            pass_mark: scenario.scenario.pass_mark,
            book: scenario.book.clone(),
        });
    }
    let library = match &args.rules {
        Some(file) => Library::load(std::slice::from_ref(file)),
        None => Library::load(&[context.scenarios_dir.join("phrases")]),
    };
    let errors: Vec<_> = library.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in errors {
            eprint!("{}", render::diagnostic(m, d));
        }
        return Err(m.get("check-rules-invalid"));
    }
    let set = match &args.rules {
        Some(_) => library.rule_sets.first(),
        None => library.rule_set(BUILT_IN_RULES),
    }
    .ok_or_else(|| m.format("check-no-rules", &[("id", BUILT_IN_RULES.to_string())]))?;
    let mut builder = RuleBookBuilder::new();
    builder.add_rule_set(&set.set);
    let company = args.company.as_ref().map(|name| Company { name: name.clone(), aliases: vec![] });
    let book = builder.build(company.as_ref());
    Ok(Target {
        forbidden: book.always_forbidden().to_vec(),
        required: Vec::new(),
        pass_mark: 60,
        book,
    })
}

pub fn run(context: &Context, args: CheckArgs) -> Outcome {
    let m = &context.messages;
    let target = target(context, &args)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed_lines = 0usize;
    let mut emit = |line_no: usize, reply: Result<String, LineError>, out: &mut BufWriter<_>| {
        let written = match reply {
            Ok(text) => match check_one(&target, &text) {
                Ok(result) => write_result(m, out, &text, &result, args.json),
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
        for (i, line) in stdin.lock().split(b'\n').enumerate() {
            let reply = match line {
                Ok(bytes) => String::from_utf8(bytes)
                    .map(|s| s.trim_end_matches('\r').to_string())
                    .map_err(|_| LineError::InvalidUtf8),
                Err(e) => Err(LineError::Io(e.to_string())),
            };
            if !emit(i + 1, reply, &mut out) {
                break; // stdout closed
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
    InvalidUtf8,
    Io(String),
}

fn check_one(target: &Target, text: &str) -> Result<TurnResult, LineError> {
    let chars = text.chars().count();
    if chars > MAX_REPLY_CHARS {
        return Err(LineError::TooLong(chars));
    }
    Ok(score_reply(&target.book, text, &target.required, &target.forbidden, target.pass_mark))
}

fn write_result(
    m: &Messages,
    out: &mut impl Write,
    reply: &str,
    r: &TurnResult,
    json: bool,
) -> std::io::Result<()> {
    if json {
        let line = CheckLine {
            verdict: r.verdict,
            score: r.score,
            forbidden: &r.forbidden,
            required: r
                .required
                .iter()
                .map(|c| RequiredLine { rule: &c.rule, met: c.met, start: c.start, end: c.end })
                .collect(),
            reasons: r.reasons.iter().map(|x| m.reason(x)).collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)
    } else {
        writeln!(
            out,
            "{} {:>3}  {}",
            m.verdict(r.verdict),
            r.score,
            render::highlight(reply, &r.forbidden)
        )?;
        for hit in &r.forbidden {
            writeln!(
                out,
                "    ✗ {}",
                m.format(
                    "hit-line",
                    &[
                        ("text", hit.text.clone()),
                        ("category", m.category(hit.category)),
                        ("clause", m.scenario_text(hit.clause.as_deref().unwrap_or("-"))),
                    ]
                )
            )?;
            if let Some(s) = &hit.suggestion {
                writeln!(
                    out,
                    "      {}",
                    m.format("suggestion-line", &[("text", m.scenario_text(s))])
                )?;
            }
        }
        for c in r.required.iter().filter(|c| !c.met) {
            writeln!(
                out,
                "    ✗ {}",
                m.format(
                    "required-missed",
                    &[
                        ("rule", c.rule.clone()),
                        ("category", m.category(c.category)),
                        ("clause", m.scenario_text(c.clause.as_deref().unwrap_or("-")))
                    ]
                )
            )?;
        }
        Ok(())
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
            &[("chars", chars.to_string()), ("limit", MAX_REPLY_CHARS.to_string())],
        ),
        LineError::InvalidUtf8 => m.get("input-invalid-utf8"),
        LineError::Io(detail) => detail,
    };
    if json {
        serde_json::to_writer(&mut *out, &ErrorLine { line, error: message })?;
        writeln!(out)
    } else {
        writeln!(out, "{}: {}", m.format("line-n", &[("n", line.to_string())]), message)
    }
}
