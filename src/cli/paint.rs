//! The terminal painter: what the terminal mode and the CLI print. It paints
//! what the core's `explain` layer says — prompts, turn feedback with the
//! hits in 【】, the debrief — and diagnostics with a source snippet
//! (miette). It chooses marks by tone, never the words.

use std::fmt::{self, Write as _};

use courtesy_core::Messages;
use courtesy_core::diagnostic::{Diagnostic, Severity};
use courtesy_core::explain::{self, Debrief, Line, Piece, ReplyView, Tone, TurnFeedback};
use courtesy_core::model::{EndingKind, Prompt};
use courtesy_core::play::Screen;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

/// `path:line:col: error[code]: message`, the snippet, and how to fix it.
pub fn diagnostic(m: &Messages, d: &Diagnostic) -> String {
    let (message, help) = d.message(m);
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
        // A line too wide to draw (minified or generated files) gets a
        // clipped excerpt instead: miette cannot pad past 65,535 columns.
        if let Some(excerpt) = wide_line_excerpt(source, start, end) {
            let _ = writeln!(out, "  | {excerpt}");
            if let Some(help) = help {
                let _ = writeln!(out, "  {}: {help}", m.get("help-prefix"));
            }
            return out;
        }
        let snippet = Snippet {
            message: String::new(),
            help: help.clone(),
            source: NamedSource::new(d.path.display().to_string(), std::sync::Arc::clone(source)),
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

/// Lines longer than this many characters are not drawn whole.
const MAX_DRAWN_LINE: usize = 400;

/// When a line the span touches is too wide to draw, up to 60 characters
/// either side of the span's start, clipped with `…`.
fn wide_line_excerpt(source: &str, start: usize, end: usize) -> Option<String> {
    let start = start.min(source.len());
    let end = end.clamp(start, source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let line = source.get(line_start..line_end)?;
    if line.chars().count() <= MAX_DRAWN_LINE {
        return None;
    }
    let before: Vec<char> = source.get(line_start..start)?.chars().collect();
    let from = before.len().saturating_sub(60);
    let head: String = before[from..].iter().collect();
    let tail: String = source.get(start..line_end)?.chars().take(60).collect();
    let more = source.get(start..line_end)?.chars().count() > 60;
    Some(format!("{}{head}{tail}{}", if from > 0 { "…" } else { "" }, if more { "…" } else { "" }))
}

#[derive(Debug)]
struct Snippet {
    message: String,
    help: Option<String>,
    source: NamedSource<std::sync::Arc<str>>,
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
pub fn pieces(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| if p.marked { format!("【{}】", p.text) } else { p.text.clone() })
        .collect()
}

/// The reply as the terminal shows it.
fn reply(view: &ReplyView) -> String {
    match view {
        ReplyView::Typed(typed) => pieces(typed),
        ReplyView::Picked(text) | ReplyView::TimedOut(text) => text.clone(),
    }
}

fn mark(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "✓ ",
        Tone::Bad => "✗ ",
        Tone::Plain | Tone::Muted | Tone::Advice => "",
    }
}

/// A feedback line and its right wording, indented.
fn line(out: &mut String, indent: &str, l: &Line) {
    let _ = writeln!(out, "{indent}{}{}", mark(l.tone), l.text);
    if let Some(s) = &l.suggestion {
        let _ = writeln!(out, "{indent}  {s}");
    }
}

/// What the trainee sees before replying.
pub fn screen(m: &Messages, s: &Screen) -> String {
    let mut out = String::new();
    if !s.cue.is_empty() {
        let _ = writeln!(out, "\n〔{}〕", m.scenario_text(&s.cue));
    }
    if let Some(text) = &s.line {
        let who = s.speaker.as_ref().map_or_else(
            || m.get("speaker-unknown"),
            |p| {
                m.format(
                    "speaker-with-mood",
                    &[("name", m.scenario_text(&p.name).into()), ("mood", m.mood(p.mood).into())],
                )
            },
        );
        let line = m
            .format("speaker-line", &[("who", who.into()), ("text", m.scenario_text(text).into())]);
        let _ = writeln!(out, "{line}");
    }
    if let Some(ending) = &s.ending {
        let key = match ending.kind {
            EndingKind::Good => "ending-good",
            EndingKind::Bad => "ending-bad",
        };
        let line = m.format(
            "speaker-line",
            &[("who", m.get(key).into()), ("text", m.scenario_text(&ending.text).into())],
        );
        let _ = writeln!(out, "\n{line}");
        return out;
    }
    if let Some(limit) = &s.time_limit {
        let _ = writeln!(out, "{}", explain::time_limit(m, limit));
    }
    match &s.prompt {
        Some(Prompt::Reply { .. }) => {
            let _ = writeln!(out, "{}", m.get("prompt-reply"));
        }
        Some(Prompt::Choice { options }) => options_list(&mut out, m, "prompt-choice", options),
        Some(Prompt::Action { options }) => options_list(&mut out, m, "prompt-action", options),
        None => {}
    }
    out
}

fn options_list(
    out: &mut String,
    m: &Messages,
    key: &str,
    options: &[courtesy_core::model::PromptOption],
) {
    let _ = writeln!(out, "{}", m.get(key));
    for (i, o) in options.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, m.scenario_text(&o.text));
    }
}

/// Feedback after one turn.
pub fn turn(m: &Messages, f: &TurnFeedback) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  → {}", f.headline);
    match &f.reply {
        ReplyView::Typed(typed) if typed.iter().any(|p| p.marked) => {
            let _ =
                writeln!(out, "  {}", m.format("your-reply", &[("reply", pieces(typed).into())]));
        }
        ReplyView::TimedOut(text) => {
            let _ = writeln!(out, "  {text}");
        }
        ReplyView::Typed(_) | ReplyView::Picked(_) => {}
    }
    for l in &f.lines {
        line(&mut out, "  ", l);
    }
    out
}

/// One line of `check`'s text output: verdict, score and the marked reply,
/// then what went wrong.
pub fn check(m: &Messages, f: &TurnFeedback) -> String {
    let mut out = format!("{} {:>3}  {}\n", m.verdict(f.verdict), f.score, reply(&f.reply));
    for l in f.lines.iter().filter(|l| l.tone == Tone::Bad) {
        line(&mut out, "    ", l);
    }
    out
}

/// The debrief at the end of a scenario.
pub fn debrief(m: &Messages, d: &Debrief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n══ {} ══", m.get("debrief-title"));
    let _ = writeln!(out, "{}", d.title);
    let _ = writeln!(out, "{}", d.score_line);
    for note in &d.notes {
        let _ = writeln!(out, "{}", note.text);
    }
    if !d.categories.is_empty() {
        let _ = writeln!(out, "\n{}", m.get("debrief-categories"));
        for c in &d.categories {
            let filled = usize::from(c.score) / 10;
            let pad =
                12usize.saturating_sub(unicode_width::UnicodeWidthStr::width(c.name.as_str()));
            let _ = writeln!(
                out,
                "  {}{} {}{} {:>3}",
                c.name,
                " ".repeat(pad),
                "█".repeat(filled),
                "░".repeat(10 - filled),
                c.score
            );
        }
    }
    let _ = writeln!(out, "\n{}", m.get("debrief-transcript"));
    for t in &d.turns {
        let _ = writeln!(out, "  {}.", t.number);
        if let Some(prompt) = &t.prompt {
            let _ = writeln!(out, "     {prompt}");
        }
        let _ = writeln!(
            out,
            "     {}  [{} {}]",
            m.format(
                "speaker-line",
                &[("who", m.get("speaker-you").into()), ("text", reply(&t.feedback.reply).into())]
            ),
            m.verdict(t.feedback.verdict),
            t.feedback.score
        );
        for model in &t.feedback.model_answers {
            let _ = writeln!(out, "     {model}");
        }
    }
    if !d.sources.is_empty() {
        let _ = writeln!(out, "\n{}", m.get("debrief-sources"));
        for src in &d.sources {
            let _ = writeln!(out, "  · {src}");
        }
    }
    out
}
