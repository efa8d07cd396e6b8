//! Explaining: turns a judged turn and a scenario result into feedback in
//! words, once, for every frontend. A [`TurnFeedback`] is the verdict, the
//! reply cut into marked [`Piece`]s, and [`Line`]s with a [`Tone`], each with
//! its clause and the right wording; a [`Debrief`] is the whole scenario.
//! The terminal, `check` and the game only paint these: they choose glyphs
//! and colours by tone, never what is said.

use crate::compile::CompiledScenario;
use crate::i18n::Messages;
use crate::judge::{ForbiddenHit, Reason, ScenarioResult, TurnOutcome, TurnRecord};
use crate::model::{EndingKind, Node, TimeLimit, Verdict};
use crate::play::InputError;

/// How a line is meant: the painters pick a colour and a mark from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something done right (a rule met, a good pick): ✓, green.
    Good,
    /// Something wrong (a forbidden hit, a rule missed, a bad pick): ✗, red.
    Bad,
    /// Plain explanation, no mark.
    Plain,
    /// Secondary detail (a clause), no mark.
    Muted,
    /// What to say or do instead (the right wording, a model answer).
    Advice,
}

/// A piece of the trainee's reply; `marked` pieces are forbidden hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The original characters.
    pub text: String,
    /// Part of a forbidden hit?
    pub marked: bool,
}

/// The trainee's answer as shown with its feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyView {
    /// A typed reply, cut at the forbidden hits.
    Typed(Vec<Piece>),
    /// The picked option's text, in the locale's script.
    Picked(String),
    /// Nothing came in time; the words say so.
    TimedOut(String),
}

/// One line of feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// How it is meant.
    pub tone: Tone,
    /// The line in words (it names the clause where there is one).
    pub text: String,
    /// The manual's clause it rests on, for frontends that link it.
    pub clause: Option<String>,
    /// The right wording, in words ("应该说：…"), shown under the line.
    pub suggestion: Option<String>,
}

impl Line {
    fn new(tone: Tone, text: String) -> Line {
        Line { tone, text, clause: None, suggestion: None }
    }
}

/// Everything shown after one turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnFeedback {
    /// Pass or fail.
    pub verdict: Verdict,
    /// 0 to 100.
    pub score: u8,
    /// Verdict and score in words ("通过（100 分）").
    pub headline: String,
    /// What the trainee said or did.
    pub reply: ReplyView,
    /// Hits, rules met and missed, the option's explanation, in that order.
    pub lines: Vec<Line>,
    /// The node's model answers (正确做法), in words.
    pub model_answers: Vec<String>,
}

/// The reply cut into pieces, each marked when a forbidden hit covers it.
pub fn pieces(reply: &str, hits: &[ForbiddenHit]) -> Vec<Piece> {
    let chars: Vec<char> = reply.chars().collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut at = 0;
    let mut push = |range: std::ops::Range<usize>, marked: bool| {
        out.push(Piece { text: chars[range].iter().collect(), marked });
    };
    for hit in hits {
        if hit.start < at || hit.end > chars.len() || hit.start >= hit.end {
            continue;
        }
        if hit.start > at {
            push(at..hit.start, false);
        }
        push(hit.start..hit.end, true);
        at = hit.end;
    }
    if at < chars.len() {
        push(at..chars.len(), false);
    }
    out
}

/// A turn's verdict and score in words.
pub fn headline(m: &Messages, verdict: Verdict, score: u8) -> String {
    format!("{} {}", m.verdict(verdict), m.format("score-of", &[("score", score.into())]))
}

/// Explains one judged turn. `scenario` gives the node's options, rule
/// labels and model answers; without it (`check` against a rule set) the
/// rules are named by id.
pub fn turn(m: &Messages, scenario: Option<&CompiledScenario>, turn: &TurnRecord) -> TurnFeedback {
    let r = &turn.result;
    let node = scenario.zip(turn.node.as_deref()).and_then(|(s, id)| s.node_by_id(id));
    let clause_or_dash = |c: &Option<String>| m.scenario_text(c.as_deref().unwrap_or("-"));
    let suggestion = |s: &Option<String>| {
        s.as_ref().map(|s| m.format("suggestion-line", &[("text", m.scenario_text(s).into())]))
    };
    let mut lines = Vec::new();
    let reply = match &r.outcome {
        TurnOutcome::Reply { required, forbidden, .. } => {
            for hit in forbidden {
                lines.push(Line {
                    tone: Tone::Bad,
                    text: m.format(
                        "hit-line",
                        &[
                            ("text", hit.text.clone().into()),
                            ("category", m.category(hit.category).into()),
                            ("clause", clause_or_dash(&hit.clause).into()),
                        ],
                    ),
                    clause: hit.clause.as_ref().map(|c| m.scenario_text(c)),
                    suggestion: suggestion(&hit.suggestion),
                });
            }
            for check in required {
                let label = match scenario {
                    Some(s) => s.rule_label(&check.rule),
                    None => check.rule.clone(),
                };
                // An act met is quoted in the trainee's own words; one said
                // in the negative, in the words that negate it.
                let own = |start: usize, end: usize| -> String {
                    turn.reply.chars().skip(start).take(end.saturating_sub(start)).collect()
                };
                let (tone, key, words) = match (check.met, &check.negated) {
                    (true, _) => {
                        let words = match (check.start, check.end) {
                            (Some(start), Some(end)) => own(start, end),
                            _ => m.scenario_text(&label),
                        };
                        (Tone::Good, "required-met", words)
                    }
                    (false, Some(n)) => (Tone::Bad, "required-negated", n.text.clone()),
                    (false, None) if check.misplaced.is_some() => {
                        let words = check.misplaced.as_ref().map(|w| w.text.clone());
                        let key = match check.misplaced.as_ref().map(|w| w.belongs) {
                            Some(crate::model::Position::Closing) => "required-misplaced-closing",
                            _ => "required-misplaced-opening",
                        };
                        (Tone::Bad, key, words.unwrap_or_default())
                    }
                    (false, None) if check.core => {
                        (Tone::Bad, "required-missed-core", m.scenario_text(&label))
                    }
                    (false, None) => (Tone::Bad, "required-missed", m.scenario_text(&label)),
                };
                lines.push(Line {
                    tone,
                    text: m.format(
                        key,
                        &[
                            ("rule", words.clone().into()),
                            ("text", words.into()),
                            ("category", m.category(check.category).into()),
                            ("clause", clause_or_dash(&check.clause).into()),
                        ],
                    ),
                    clause: check.clause.as_ref().map(|c| m.scenario_text(c)),
                    suggestion: if check.met { None } else { suggestion(&check.suggestion) },
                });
            }
            let label = |id: &str| -> String {
                m.scenario_text(&scenario.map_or_else(|| id.to_string(), |s| s.rule_label(id)))
            };
            for why in &r.reasons {
                match why {
                    Reason::Recited | Reason::MissedEcho { .. } => {
                        lines.push(Line::new(Tone::Bad, reason(m, why)))
                    }
                    Reason::Echoed { .. } => lines.push(Line::new(Tone::Good, reason(m, why))),
                    Reason::ThirdPersonPronoun { text, at, rule } => lines.push(Line::new(
                        Tone::Bad,
                        reason(
                            m,
                            &Reason::ThirdPersonPronoun {
                                text: text.clone(),
                                at: *at,
                                rule: label(rule),
                            },
                        ),
                    )),
                    Reason::Register { .. } | Reason::Slip { .. } => {
                        lines.push(Line::new(Tone::Muted, reason(m, why)))
                    }
                    // Named for the trainee, not by id.
                    Reason::OutOfOrder { first, second } => lines.push(Line::new(
                        Tone::Bad,
                        reason(
                            m,
                            &Reason::OutOfOrder { first: label(first), second: label(second) },
                        ),
                    )),
                    Reason::Softened { rule, text, start, end }
                    | Reason::Refused { rule, text, start, end } => {
                        let (rule, text, start, end) = (label(rule), text.clone(), *start, *end);
                        let named = match why {
                            Reason::Softened { .. } => Reason::Softened { rule, text, start, end },
                            _ => Reason::Refused { rule, text, start, end },
                        };
                        lines.push(Line::new(Tone::Muted, reason(m, &named)));
                    }
                    _ => {}
                }
            }
            ReplyView::Typed(pieces(&turn.reply, forbidden))
        }
        TurnOutcome::Picked { option, .. } => {
            // Option ids are unique within a node only: look in this node.
            let picked = node
                .and_then(|n| n.prompt.as_ref())
                .and_then(|p| p.options().iter().find(|o| &o.id == option));
            if let Some(o) = picked {
                if !o.feedback.is_empty() {
                    lines.push(Line::new(Tone::Plain, m.scenario_text(&o.feedback)));
                }
                if let Some(clause) = &o.clause {
                    let text =
                        m.format("clause-line", &[("clause", m.scenario_text(clause).into())]);
                    lines.push(Line {
                        clause: Some(m.scenario_text(clause)),
                        ..Line::new(Tone::Muted, text)
                    });
                }
            }
            ReplyView::Picked(m.scenario_text(&turn.reply))
        }
        TurnOutcome::TimedOut { .. } => ReplyView::TimedOut(reason(m, &Reason::TimedOut)),
    };
    TurnFeedback {
        verdict: r.verdict,
        score: r.score,
        headline: headline(m, r.verdict, r.score),
        reply,
        lines,
        model_answers: node.map(|n| model_answers(m, n)).unwrap_or_default(),
    }
}

/// A node's model answers with their clauses, in words.
pub fn model_answers(m: &Messages, node: &Node) -> Vec<String> {
    node.model
        .iter()
        .map(|model| {
            m.format(
                "model-answer",
                &[
                    ("text", m.scenario_text(&model.text).into()),
                    ("clause", m.scenario_text(&model.clause).into()),
                ],
            )
        })
        .collect()
}

/// A turn's reason in words.
pub fn reason(m: &Messages, r: &Reason) -> String {
    match r {
        Reason::Met { rule } => m.format("reason-met", &[("rule", rule.into())]),
        Reason::MissedCore { rule } => m.format("reason-missed-core", &[("rule", rule.into())]),
        Reason::Negated { rule, text } => {
            m.format("reason-negated", &[("rule", rule.into()), ("text", text.into())])
        }
        Reason::Missed { rule, critical } => m.format(
            if *critical { "reason-missed-critical" } else { "reason-missed" },
            &[("rule", rule.into())],
        ),
        Reason::Forbidden { rule, text, critical } => m.format(
            if *critical { "reason-forbidden-critical" } else { "reason-forbidden" },
            &[("rule", rule.into()), ("text", text.into())],
        ),
        Reason::Softened { rule, text, .. } => {
            m.format("reason-softened", &[("rule", rule.into()), ("text", text.into())])
        }
        Reason::Refused { rule, text, .. } => {
            m.format("reason-refused", &[("rule", rule.into()), ("text", text.into())])
        }
        Reason::ThirdPersonPronoun { text, rule, .. } => {
            m.format("reason-third-person", &[("text", text.into()), ("rule", rule.into())])
        }
        Reason::Slip { text, meant, .. } => m.format(
            "reason-slip",
            &[("text", text.into()), ("meant", m.scenario_text(meant).into())],
        ),
        Reason::GoodChoice { option } => {
            m.format("reason-good-choice", &[("option", option.into())])
        }
        Reason::BadChoice { option } => m.format("reason-bad-choice", &[("option", option.into())]),
        Reason::TimedOut => m.get("reason-timed-out"),
        Reason::Recited => m.get("reason-recited"),
        Reason::Echoed { text } => m.format("reason-echoed", &[("text", text.into())]),
        Reason::MissedEcho { numbers } => {
            m.format("reason-missed-echo", &[("numbers", numbers.join("、").into())])
        }
        Reason::OutOfOrder { first, second } => {
            m.format("reason-out-of-order", &[("first", first.into()), ("second", second.into())])
        }
        Reason::Register { .. } => {
            m.format("reason-register", &[("points", crate::judge::score::REGISTER_PENALTY.into())])
        }
        Reason::BelowPassMark { score, pass_mark } => m.format(
            "reason-below-pass-mark",
            &[("score", (*score).into()), ("mark", (*pass_mark).into())],
        ),
    }
}

/// Why an input was refused, in words.
pub fn input_error(m: &Messages, e: &InputError) -> String {
    match e {
        InputError::Finished => m.get("input-finished"),
        InputError::Empty => m.get("input-empty"),
        InputError::TooLong { chars, limit } => {
            m.format("input-too-long", &[("chars", (*chars).into()), ("limit", (*limit).into())])
        }
        InputError::NoSuchOption { given, count } => m.format(
            "input-no-such-option",
            &[("given", (*given).into()), ("count", (*count).into())],
        ),
        InputError::WantsOption => m.get("play-want-number"),
        InputError::WantsText => m.get("input-wants-text"),
    }
}

/// A prompt's time limit in words (a ringing phone says its rings).
pub fn time_limit(m: &Messages, limit: &TimeLimit) -> String {
    let seconds = format!("{}", limit.seconds);
    if limit.rings > 0 {
        m.format("time-limit-rings", &[("rings", limit.rings.into()), ("seconds", seconds.into())])
    } else {
        m.format("time-limit", &[("seconds", seconds.into())])
    }
}

/// A cast member's name in the locale's script; "the customer" for none.
pub fn speaker_name(m: &Messages, scenario: &CompiledScenario, id: Option<&str>) -> String {
    id.and_then(|id| scenario.scenario.cast.iter().find(|p| p.id == id))
        .map_or_else(|| m.get("speaker-unknown"), |p| m.scenario_text(&p.name))
}

/// A category's bar on the debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryBar {
    /// The category's name.
    pub name: String,
    /// 0 to 100.
    pub score: u8,
    /// At or above the pass mark?
    pub passed: bool,
}

/// One turn on the debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebriefTurn {
    /// 1-based.
    pub number: usize,
    /// Who said what the trainee answered ("陈先生：…"), if anyone spoke.
    pub prompt: Option<String>,
    /// The turn explained.
    pub feedback: TurnFeedback,
}

/// Everything shown at the end of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debrief {
    /// The scenario's title.
    pub title: String,
    /// Pass or fail.
    pub verdict: Verdict,
    /// Score, pass mark and verdict in words.
    pub score_line: String,
    /// The ending reached, with its tone.
    pub ending: Option<Line>,
    /// Unfinished, bad ending, and every critical failure, in words.
    pub notes: Vec<Line>,
    /// One bar per category.
    pub categories: Vec<CategoryBar>,
    /// Every turn, explained.
    pub turns: Vec<DebriefTurn>,
    /// The manuals and clauses the scenario rests on.
    pub sources: Vec<String>,
}

/// Explains a whole scenario.
pub fn debrief(m: &Messages, scenario: &CompiledScenario, r: &ScenarioResult) -> Debrief {
    let s = &scenario.scenario;
    let mut notes = Vec::new();
    match r.ending {
        None => notes.push(Line::new(Tone::Bad, m.get("debrief-unfinished"))),
        Some(EndingKind::Bad) => notes.push(Line::new(Tone::Bad, m.get("debrief-bad-ending"))),
        Some(EndingKind::Good) => {}
    }
    for rule in &r.critical_failures {
        notes.push(Line::new(Tone::Bad, critical_failure(m, scenario, rule)));
    }
    let lapsed = r.transcript.iter().filter(|t| t.result.timed_out()).count();
    if lapsed > 0 {
        notes
            .push(Line::new(Tone::Bad, m.format("debrief-timed-out", &[("count", lapsed.into())])));
    }
    let ending = r.ending_node.as_deref().and_then(|id| scenario.node_by_id(id)).and_then(|n| {
        let e = n.ending.as_ref()?;
        let tone = if e.kind == EndingKind::Good { Tone::Good } else { Tone::Bad };
        Some(Line::new(tone, m.scenario_text(&e.text)))
    });
    Debrief {
        title: m.scenario_title(&s.id, &s.title),
        verdict: r.verdict,
        score_line: m.format(
            "debrief-score",
            &[
                ("score", r.score.into()),
                ("mark", r.pass_mark.into()),
                ("verdict", m.verdict(r.verdict).into()),
            ],
        ),
        ending,
        notes,
        categories: r
            .categories
            .iter()
            .map(|c| CategoryBar {
                name: m.category(c.category),
                score: c.score,
                passed: c.score >= r.pass_mark,
            })
            .collect(),
        turns: r
            .transcript
            .iter()
            .enumerate()
            .map(|(i, t)| DebriefTurn {
                number: i + 1,
                // What the trainee answered: the line said, or, for a turn
                // where nobody spoke (an action), the situation.
                prompt: t
                    .line
                    .as_ref()
                    .map(|line| {
                        m.format(
                            "speaker-line",
                            &[
                                ("who", speaker_name(m, scenario, t.speaker.as_deref()).into()),
                                ("text", m.scenario_text(line).into()),
                            ],
                        )
                    })
                    .or_else(|| {
                        let node = scenario.node_by_id(t.node.as_deref()?)?;
                        (!node.cue.is_empty()).then(|| {
                            m.format(
                                "debrief-situation",
                                &[("cue", m.scenario_text(&node.cue).into())],
                            )
                        })
                    }),
                feedback: turn(m, Some(scenario), t),
            })
            .collect(),
        sources: s
            .sources
            .iter()
            .map(|src| format!("{} {}", m.scenario_text(&src.doc), m.scenario_text(&src.clause)))
            .collect(),
    }
}

/// The debrief's line for a rule that failed the scenario on its own: its
/// category and its (first) phrase.
pub fn critical_failure(m: &Messages, scenario: &CompiledScenario, rule: &str) -> String {
    let (category, phrase) = scenario
        .book
        .index_of(rule)
        .map(|i| scenario.book.rule(i))
        .map(|r| (m.category(r.category), r.phrases.first().cloned().unwrap_or_default()))
        .unwrap_or_else(|| (String::new(), rule.to_string()));
    m.format(
        "debrief-critical",
        &[("category", category.into()), ("rule", m.scenario_text(&phrase).into())],
    )
}
