//! Scoring: turns a scan of a reply (or a chosen option, or a timeout) into a
//! [`TurnResult`], and a played scenario into a [`ScenarioResult`] with
//! per-category sub-scores. Reasons are structured here and put into words by
//! the fluent messages in `locales/`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Category, Choice, EndingKind, Verdict};
use super::rules::{RuleBook, RuleIndex, Scan};

/// A required rule and whether the reply met it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredCheck {
    pub rule: String,
    pub category: Category,
    pub met: bool,
    pub weight: u32,
    pub critical: bool,
    /// Character span in the reply where it was met.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub clause: Option<String>,
    /// The wording to use when it was missed.
    pub suggestion: Option<String>,
}

/// A forbidden phrase found in the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForbiddenHit {
    pub rule: String,
    pub category: Category,
    /// The words of the ORIGINAL reply that hit.
    pub text: String,
    /// Character offsets (not bytes) into the reply, half-open.
    pub start: usize,
    pub end: usize,
    pub penalty: u32,
    pub critical: bool,
    pub clause: Option<String>,
    pub suggestion: Option<String>,
}

/// Why a turn got its verdict; rendered by fluent (`reason-*` messages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    Met { rule: String },
    Missed { rule: String, critical: bool },
    Forbidden { rule: String, text: String, critical: bool },
    GoodChoice { option: String },
    BadChoice { option: String },
    TimedOut,
    BelowPassMark { score: u8, pass_mark: u8 },
}

/// The result of one turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnResult {
    pub verdict: Verdict,
    pub score: u8,
    pub required: Vec<RequiredCheck>,
    pub forbidden: Vec<ForbiddenHit>,
    /// Ids of every rule the reply hit (phrase rules said, forbidden rules hit).
    pub said: Vec<String>,
    pub reasons: Vec<Reason>,
    pub timed_out: bool,
    /// The chosen option's id, for Choice and Action prompts.
    pub chose: Option<String>,
    /// Category the turn counts towards when it is an option choice.
    pub choice_category: Option<Category>,
}

impl TurnResult {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Pass
    }
}

/// Scores a typed reply: `required` must be met, `forbidden` must not be hit.
pub fn score_reply(
    book: &RuleBook,
    reply: &str,
    required: &[RuleIndex],
    forbidden: &[RuleIndex],
    pass_mark: u8,
) -> TurnResult {
    let scan = book.scan(reply);
    score_scan(book, reply, &scan, required, forbidden, pass_mark)
}

/// Scores an already scanned reply.
pub fn score_scan(
    book: &RuleBook,
    reply: &str,
    scan: &Scan,
    required: &[RuleIndex],
    forbidden: &[RuleIndex],
    pass_mark: u8,
) -> TurnResult {
    let spans = CharSpans::new(reply);
    let mut reasons = Vec::new();
    let mut critical_failure = false;

    let mut required_checks = Vec::with_capacity(required.len());
    let (mut total_weight, mut met_weight) = (0u64, 0u64);
    for &index in required {
        let rule = book.rule(index);
        let hit = scan.first_hit(index);
        let span = hit.map(|h| scan.normalized.original_span(h.start, h.end));
        total_weight += u64::from(rule.weight);
        if hit.is_some() {
            met_weight += u64::from(rule.weight);
            reasons.push(Reason::Met { rule: rule.id.clone() });
        } else {
            critical_failure |= rule.critical;
            reasons.push(Reason::Missed { rule: rule.id.clone(), critical: rule.critical });
        }
        required_checks.push(RequiredCheck {
            rule: rule.id.clone(),
            category: rule.category,
            met: hit.is_some(),
            weight: rule.weight,
            critical: rule.critical,
            start: span.map(|s| s.0),
            end: span.map(|s| s.1),
            clause: rule.clause.clone(),
            suggestion: rule.suggestion.clone().or_else(|| rule.phrases.first().cloned()),
        });
    }

    let mut forbidden_hits = Vec::new();
    let mut penalty = 0u64;
    let mut penalised: Vec<RuleIndex> = Vec::new();
    for hit in &scan.hits {
        if !forbidden.contains(&hit.rule) {
            continue;
        }
        let rule = book.rule(hit.rule);
        let (start, end) = scan.normalized.original_span(hit.start, hit.end);
        let text = spans.slice(start, end).to_string();
        if !penalised.contains(&hit.rule) {
            penalised.push(hit.rule);
            penalty += u64::from(rule.penalty);
            critical_failure |= rule.critical;
            reasons.push(Reason::Forbidden {
                rule: rule.id.clone(),
                text: text.clone(),
                critical: rule.critical,
            });
        }
        forbidden_hits.push(ForbiddenHit {
            rule: rule.id.clone(),
            category: rule.category,
            text,
            start,
            end,
            penalty: rule.penalty,
            critical: rule.critical,
            clause: rule.clause.clone(),
            suggestion: rule.suggestion.clone(),
        });
    }
    forbidden_hits.sort_by_key(|h| (h.start, h.end));

    let base = if total_weight == 0 { 100 } else { met_weight * 100 / total_weight };
    let score = base.saturating_sub(penalty).min(100) as u8;
    if score < pass_mark {
        reasons.push(Reason::BelowPassMark { score, pass_mark });
    }
    let verdict = if critical_failure || score < pass_mark { Verdict::Fail } else { Verdict::Pass };

    let mut said: Vec<String> = Vec::new();
    for hit in &scan.hits {
        let id = &book.rule(hit.rule).id;
        if !said.contains(id) {
            said.push(id.clone());
        }
    }

    TurnResult {
        verdict,
        score,
        required: required_checks,
        forbidden: forbidden_hits,
        said,
        reasons,
        timed_out: false,
        chose: None,
        choice_category: None,
    }
}

/// Scores the choice of an option.
pub fn score_choice(option: &Choice) -> TurnResult {
    let (verdict, score, reason) = if option.good {
        (Verdict::Pass, 100, Reason::GoodChoice { option: option.id.clone() })
    } else {
        (Verdict::Fail, 0, Reason::BadChoice { option: option.id.clone() })
    };
    TurnResult {
        verdict,
        score,
        required: Vec::new(),
        forbidden: Vec::new(),
        said: Vec::new(),
        reasons: vec![reason],
        timed_out: false,
        chose: Some(option.id.clone()),
        choice_category: Some(option.category),
    }
}

/// The result of a prompt that ran out of time.
pub fn score_timeout() -> TurnResult {
    TurnResult {
        verdict: Verdict::Fail,
        score: 0,
        required: Vec::new(),
        forbidden: Vec::new(),
        said: Vec::new(),
        reasons: vec![Reason::TimedOut],
        timed_out: true,
        chose: None,
        choice_category: None,
    }
}

/// One played turn, as kept in the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptTurn {
    pub node: String,
    pub speaker: Option<String>,
    /// The customer's line as shown (the chosen variant).
    pub line: Option<String>,
    /// What the trainee typed, or the text of the option chosen.
    pub reply: String,
    pub seconds: f32,
    pub result: TurnResult,
}

/// A category's sub-score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryScore {
    pub category: Category,
    pub score: u8,
    pub earned: u32,
    pub possible: u32,
    pub penalty: u32,
}

/// The result of a whole scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    pub scenario: String,
    pub seed: u64,
    pub score: u8,
    pub verdict: Verdict,
    pub pass_mark: u8,
    pub ending: Option<EndingKind>,
    pub ending_node: Option<String>,
    pub categories: Vec<CategoryScore>,
    /// Rules whose critical failure fails the scenario whatever the score.
    pub critical_failures: Vec<String>,
    pub transcript: Vec<TranscriptTurn>,
}

/// Adds up a transcript. The overall score is the mean turn score; the
/// scenario passes when that reaches the pass mark, no turn failed on a
/// critical rule, and the ending (if reached) is a good one.
pub fn score_scenario(
    scenario: &str,
    seed: u64,
    pass_mark: u8,
    transcript: Vec<TranscriptTurn>,
    ending: Option<(String, EndingKind)>,
) -> ScenarioResult {
    let mut categories: BTreeMap<Category, (u32, u32, u32)> = BTreeMap::new();
    let mut critical_failures: Vec<String> = Vec::new();
    let mut note_critical = |rule: &str| {
        if !critical_failures.iter().any(|r| r == rule) {
            critical_failures.push(rule.to_string());
        }
    };
    for turn in &transcript {
        let r = &turn.result;
        for check in &r.required {
            let entry = categories.entry(check.category).or_default();
            entry.1 += check.weight;
            if check.met {
                entry.0 += check.weight;
            } else if check.critical {
                note_critical(&check.rule);
            }
        }
        for hit in r.forbidden.iter().filter(|h| h.critical) {
            note_critical(&hit.rule);
        }
        let mut seen: Vec<&str> = Vec::new();
        for hit in &r.forbidden {
            if !seen.contains(&hit.rule.as_str()) {
                seen.push(&hit.rule);
                categories.entry(hit.category).or_default().2 += hit.penalty;
            }
        }
        if let Some(category) = r.choice_category {
            let entry = categories.entry(category).or_default();
            entry.1 += 1;
            if r.passed() {
                entry.0 += 1;
            }
        }
    }
    let categories = categories
        .into_iter()
        .map(|(category, (earned, possible, penalty))| {
            let score = if possible > 0 {
                let base = i64::from(earned) * 100 / i64::from(possible);
                (base - i64::from(penalty)).clamp(0, 100) as u8
            } else {
                (100 - i64::from(penalty)).clamp(0, 100) as u8
            };
            CategoryScore { category, score, earned, possible, penalty }
        })
        .collect();
    let score = if transcript.is_empty() {
        0
    } else {
        (transcript.iter().map(|t| u64::from(t.result.score)).sum::<u64>()
            / transcript.len() as u64) as u8
    };
    let bad_ending = matches!(ending, Some((_, EndingKind::Bad)));
    let critical = !critical_failures.is_empty();
    let verdict = if score >= pass_mark && !critical && !bad_ending && !transcript.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    let (ending_node, ending) = match ending {
        Some((node, kind)) => (Some(node), Some(kind)),
        None => (None, None),
    };
    ScenarioResult {
        scenario: scenario.to_string(),
        seed,
        score,
        verdict,
        pass_mark,
        ending,
        ending_node,
        categories,
        critical_failures,
        transcript,
    }
}

/// The reply cut into pieces, each marked true when a forbidden hit covers
/// it: what the terminal wraps in 【】 and the game paints red.
pub fn highlight_segments(reply: &str, hits: &[ForbiddenHit]) -> Vec<(String, bool)> {
    let chars: Vec<char> = reply.chars().collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut at = 0;
    for hit in hits {
        if hit.start < at || hit.end > chars.len() || hit.start >= hit.end {
            continue;
        }
        if hit.start > at {
            out.push((chars[at..hit.start].iter().collect(), false));
        }
        out.push((chars[hit.start..hit.end].iter().collect(), true));
        at = hit.end;
    }
    if at < chars.len() {
        out.push((chars[at..].iter().collect(), false));
    }
    out
}

/// Maps char offsets of a string to byte offsets, for slicing by chars.
struct CharSpans<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> CharSpans<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharSpans { text, bytes }
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        let last = self.bytes.len() - 1;
        &self.text[self.bytes[start.min(last)]..self.bytes[end.min(last)]]
    }
}
