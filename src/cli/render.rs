//! Terminal rendering: what the terminal mode and the CLI print — prompts,
//! turn feedback with highlighted hits, the debrief, and diagnostics with a
//! source snippet. All words come from the fluent messages.

use std::fmt::{self, Write as _};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::core::diagnostic::{Diagnostic, Severity};
use crate::core::i18n::Messages;
use crate::core::library::PreparedScenario;
use crate::core::model::{EndingKind, Prompt};
use crate::core::scoring::{ForbiddenHit, ScenarioResult, TurnResult, highlight_segments};
use crate::core::session::Screen;

/// `path:line:col: error[code]: message`, the snippet, and how to fix it.
pub fn diagnostic(m: &Messages, d: &Diagnostic) -> String {
    let (message, help) = m.diagnostic(d);
    let severity = match d.severity {
        Severity::Error => m.get("severity-error"),
        Severity::Warning => m.get("severity-warning"),
    };
    let mut out = format!(
        "{}:{}:{}: {}[{}]: {}\n",
        d.path.display(),
        d.line,
        d.col,
        severity,
        d.code,
        message
    );
    if let (Some(source), Some((start, end))) = (&d.source, d.span) {
        let snippet = Snippet {
            message: String::new(),
            help: help.clone(),
            source: NamedSource::new(d.path.display().to_string(), source.to_string()),
            span: (start, end.saturating_sub(start).max(1)).into(),
            label: message.clone(),
        };
        let mut rendered = String::new();
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_context_lines(1)
            .with_width(100);
        if handler.render_report(&mut rendered, &snippet).is_ok() {
            // Drop miette's own (empty) headline; keep the snippet and help.
            for line in rendered.lines().skip_while(|l| !l.contains('╭')) {
                let _ = writeln!(out, "{line}");
            }
            return out;
        }
    }
    if let Some(help) = help {
        let _ = writeln!(out, "  {}: {help}", m.get("help-prefix"));
    }
    out
}

#[derive(Debug)]
struct Snippet {
    message: String,
    help: Option<String>,
    source: NamedSource<String>,
    span: SourceSpan,
    label: String,
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Snippet {}

impl miette::Diagnostic for Snippet {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            self.span,
        ))))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }
}

/// The reply with each forbidden hit wrapped in 【】.
pub fn highlight(reply: &str, hits: &[ForbiddenHit]) -> String {
    highlight_segments(reply, hits)
        .into_iter()
        .map(|(text, hit)| if hit { format!("【{text}】") } else { text })
        .collect()
}

/// What the trainee sees before replying.
pub fn screen(m: &Messages, s: &Screen) -> String {
    let mut out = String::new();
    if !s.cue.is_empty() {
        let _ = writeln!(out, "\n〔{}〕", m.scenario_text(&s.cue));
    }
    if let Some(line) = &s.line {
        let who = s.speaker.as_ref().map_or_else(
            || m.get("speaker-unknown"),
            |p| {
                m.format(
                    "speaker-with-mood",
                    &[("name", m.scenario_text(&p.name)), ("mood", m.mood(p.mood))],
                )
            },
        );
        let _ = writeln!(out, "{who}：{}", m.scenario_text(line));
    }
    if let Some(ending) = &s.ending {
        let key = match ending.kind {
            EndingKind::Good => "ending-good",
            EndingKind::Bad => "ending-bad",
        };
        let _ = writeln!(out, "\n{}：{}", m.get(key), m.scenario_text(&ending.text));
        return out;
    }
    if let Some(limit) = s.time_limit {
        let _ = if limit.rings > 0 {
            writeln!(
                out,
                "{}",
                m.format(
                    "time-limit-rings",
                    &[
                        ("rings", limit.rings.to_string()),
                        ("seconds", format!("{}", limit.seconds))
                    ]
                )
            )
        } else {
            writeln!(
                out,
                "{}",
                m.format("time-limit", &[("seconds", format!("{}", limit.seconds))])
            )
        };
    }
    match &s.prompt {
        Some(Prompt::Reply { .. }) => {
            let _ = writeln!(out, "{}", m.get("prompt-reply"));
        }
        Some(p @ (Prompt::Choice { options } | Prompt::Action { options })) => {
            let key =
                if matches!(p, Prompt::Action { .. }) { "prompt-action" } else { "prompt-choice" };
            let _ = writeln!(out, "{}", m.get(key));
            for (i, o) in options.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, m.scenario_text(&o.text));
            }
        }
        None => {}
    }
    out
}

/// Feedback after one turn.
pub fn turn(
    m: &Messages,
    scenario: &PreparedScenario,
    node: &str,
    reply: &str,
    r: &TurnResult,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  → {} {}",
        m.verdict(r.verdict),
        m.format("score-of", &[("score", r.score.to_string())])
    );
    if !r.forbidden.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            m.format("your-reply", &[("reply", highlight(reply, &r.forbidden))])
        );
    }
    for hit in &r.forbidden {
        let _ = writeln!(
            out,
            "  ✗ {}",
            m.format(
                "hit-line",
                &[
                    ("text", hit.text.clone()),
                    ("category", m.category(hit.category)),
                    ("clause", m.scenario_text(hit.clause.as_deref().unwrap_or("-"))),
                ]
            )
        );
        if let Some(s) = &hit.suggestion {
            let _ = writeln!(
                out,
                "    {}",
                m.format("suggestion-line", &[("text", m.scenario_text(s))])
            );
        }
    }
    for check in &r.required {
        let mark = if check.met { "✓" } else { "✗" };
        let key = if check.met { "required-met" } else { "required-missed" };
        let _ = writeln!(
            out,
            "  {mark} {}",
            m.format(
                key,
                &[
                    ("rule", m.scenario_text(&scenario.rule_label(&check.rule))),
                    ("category", m.category(check.category)),
                    ("clause", m.scenario_text(check.clause.as_deref().unwrap_or("-"))),
                ]
            )
        );
        if !check.met
            && let Some(s) = &check.suggestion
        {
            let _ = writeln!(
                out,
                "    {}",
                m.format("suggestion-line", &[("text", m.scenario_text(s))])
            );
        }
    }
    if let Some(chosen) = &r.chose
        && let Some(node) = scenario.node_index(node).map(|i| scenario.node(i))
        && let Some(option) =
            node.prompt.as_ref().and_then(|p| p.options().iter().find(|o| &o.id == chosen))
    {
        if !option.feedback.is_empty() {
            let _ = writeln!(out, "  {}", m.scenario_text(&option.feedback));
        }
        if let Some(clause) = &option.clause {
            let _ = writeln!(
                out,
                "  {}",
                m.format("clause-line", &[("clause", m.scenario_text(clause))])
            );
        }
    }
    if r.timed_out {
        let _ = writeln!(out, "  {}", m.reason(&crate::core::scoring::Reason::TimedOut));
    }
    out
}

/// The debrief at the end of a scenario.
pub fn debrief(m: &Messages, scenario: &PreparedScenario, r: &ScenarioResult) -> String {
    let mut out = String::new();
    let s = &scenario.scenario;
    let _ = writeln!(out, "\n══ {} ══", m.get("debrief-title"));
    let _ = writeln!(out, "{}", m.scenario_title(&s.id, &s.title));
    let _ = writeln!(
        out,
        "{}",
        m.format(
            "debrief-score",
            &[
                ("score", r.score.to_string()),
                ("mark", r.pass_mark.to_string()),
                ("verdict", m.verdict(r.verdict)),
            ]
        )
    );
    if r.ending.is_none() {
        let _ = writeln!(out, "{}", m.get("debrief-unfinished"));
    } else if r.ending == Some(EndingKind::Bad) {
        let _ = writeln!(out, "{}", m.get("debrief-bad-ending"));
    }
    for rule in &r.critical_failures {
        let _ = writeln!(out, "{}", m.critical_failure(scenario, rule));
    }
    if !r.categories.is_empty() {
        let _ = writeln!(out, "\n{}", m.get("debrief-categories"));
        for c in &r.categories {
            let filled = usize::from(c.score) / 10;
            let name = m.category(c.category);
            let pad = 12usize.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
            let _ = writeln!(
                out,
                "  {name}{} {}{} {:>3}",
                " ".repeat(pad),
                "█".repeat(filled),
                "░".repeat(10 - filled),
                c.score
            );
        }
    }
    let _ = writeln!(out, "\n{}", m.get("debrief-transcript"));
    for (i, t) in r.transcript.iter().enumerate() {
        let _ = writeln!(out, "  {}.", i + 1);
        if let Some(line) = &t.line {
            let who = t
                .speaker
                .as_ref()
                .and_then(|id| s.cast.iter().find(|p| &p.id == id))
                .map_or_else(|| m.get("speaker-unknown"), |p| m.scenario_text(&p.name));
            let _ = writeln!(out, "     {who}：{}", m.scenario_text(line));
        }
        let reply = if t.result.timed_out {
            m.get("transcript-timed-out")
        } else if t.result.chose.is_some() {
            m.scenario_text(&t.reply) // an option's text is scenario text
        } else {
            highlight(&t.reply, &t.result.forbidden)
        };
        let _ = writeln!(
            out,
            "     {}：{}  [{} {}]",
            m.get("speaker-you"),
            reply,
            m.verdict(t.result.verdict),
            t.result.score
        );
        if let Some(node) = scenario.node_index(&t.node).map(|n| scenario.node(n)) {
            for model in &node.model {
                let _ = writeln!(
                    out,
                    "     {}",
                    m.format(
                        "model-answer",
                        &[
                            ("text", m.scenario_text(&model.text)),
                            ("clause", m.scenario_text(&model.clause))
                        ]
                    )
                );
            }
        }
    }
    if !s.sources.is_empty() {
        let _ = writeln!(out, "\n{}", m.get("debrief-sources"));
        for src in &s.sources {
            let _ =
                writeln!(out, "  · {} {}", m.scenario_text(&src.doc), m.scenario_text(&src.clause));
        }
    }
    out
}
