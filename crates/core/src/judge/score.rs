//! Scoring: turns a scan of a reply (or a picked option, or a timeout) into
//! a [`TurnResult`], and a played scenario into a [`ScenarioResult`] with
//! per-category sub-scores. Reasons are structured here; the `explain`
//! module puts them into words.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rules::{Hit, RuleBook, RuleIndex, Scan};
use crate::model::{Category, EndingKind, PromptOption, Verdict};

/// What a typed reply at one node is judged against, resolved to rule
/// indices of the scenario's [`RuleBook`] once, when the scenario is
/// compiled.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeRules {
    /// Rules the reply must meet.
    pub required: Vec<RuleIndex>,
    /// Rules the reply must not hit (the node's own and the applied sets').
    pub forbidden: Vec<RuleIndex>,
    /// Required rules without which the turn fails whatever the score.
    pub core: Vec<RuleIndex>,
    /// Pairs `(a, b)`: when both are met, `a` must come first.
    pub order: Vec<(RuleIndex, RuleIndex)>,
    /// Numbers the customer gave (normalised); when there are any, the
    /// reply must repeat one of them.
    pub echo: Vec<String>,
    /// The rule that names a third person who is present; when set, 他/她
    /// before a hit of it fails the turn.
    pub third_person: Option<RuleIndex>,
    /// A turn scoring below it fails.
    pub pass_mark: u8,
}

impl NodeRules {
    /// No requirement, every always-forbidden rule of `book`, and the
    /// default pass mark: how `check` judges against a rule set.
    pub fn forbidden_only(book: &RuleBook) -> NodeRules {
        NodeRules {
            required: Vec::new(),
            forbidden: book.always_forbidden().to_vec(),
            core: Vec::new(),
            order: Vec::new(),
            echo: Vec::new(),
            third_person: None,
            pass_mark: crate::model::DEFAULT_PASS_MARK,
        }
    }
}

/// A required rule and whether the reply met it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredCheck {
    /// The rule's id.
    pub rule: String,
    /// Its category.
    pub category: Category,
    /// Whether the reply met it.
    pub met: bool,
    /// The act said only in the negative (「我没法帮您登记」), which does not
    /// meet it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negated: Option<NegatedAct>,
    /// The act said, but not where it belongs (a greeting that does not
    /// open the reply), which does not meet it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misplaced: Option<MisplacedAct>,
    /// Its share of the turn score.
    pub weight: u32,
    /// Missing it fails the turn and the scenario whatever the score.
    pub critical: bool,
    /// A core act of the node: missing it fails the turn.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
    /// Character span in the reply where it was met (start).
    pub start: Option<usize>,
    /// Character span in the reply where it was met (end, exclusive).
    pub end: Option<usize>,
    /// The manual's clause.
    pub clause: Option<String>,
    /// The wording to use when it was missed.
    pub suggestion: Option<String>,
}

/// Where a reply said an act in the negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NegatedAct {
    /// The words of the original reply, negation included.
    pub text: String,
    /// Character offset where they start.
    pub start: usize,
    /// Character offset where they end (exclusive).
    pub end: usize,
}

/// Where a reply said an act that must open or close it somewhere else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MisplacedAct {
    /// The trainee's words.
    pub text: String,
    /// Character offset where they start.
    pub start: usize,
    /// Character offset where they end (exclusive).
    pub end: usize,
    /// Where they belong: `Opening` or `Closing`.
    pub belongs: crate::model::Position,
}

/// Points a reply loses for calling the customer 你 rather than 您.
pub const REGISTER_PENALTY: u32 = 5;

/// Where the reply first calls someone 你 (not 你们, and with no 您
/// anywhere): the manuals ask for 您.
fn plain_you(reply: &str) -> Option<usize> {
    if reply.contains('您') {
        return None;
    }
    let chars: Vec<char> = reply.chars().collect();
    chars.iter().enumerate().position(|(i, &c)| c == '你' && chars.get(i + 1) != Some(&'们'))
}

/// Character spans (open, close) of the reply's quotations: “…”, 「…」, 『…』, "…".
fn quoted_spans(reply: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in reply.chars().enumerate() {
        match (open, c) {
            (None, '“' | '「' | '『' | '"') => open = Some((i, c)),
            (Some((at, '“')), '”') | (Some((at, '「')), '」') | (Some((at, '『')), '』') => {
                spans.push((at, i));
                open = None;
            }
            (Some((at, '"')), '"') => {
                spans.push((at, i));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

/// At least this many of the rule sets' standard courtesy phrases (the
/// formulas) in a reply with…
const RECITED_KINDS: usize = 3;
/// …at most this many characters that no formula covers is a recitation:
/// 「您好请稍等对不起谢谢再见」 strings formulas together and does nothing.
const RECITED_SLACK: usize = 2;

/// Does the reply only string courtesy formulas together? Yes when the
/// standard phrases cover all of it but `RECITED_SLACK` characters, and
/// either it misses something the node requires (and says three or more
/// formulas), or it adds three or more formulas the node does not ask for
/// (a phrase inside another, like 请 in 请稍等, is not counted apart). The
/// right formulas, where they are all a node asks for, are the right answer.
fn recited_formulas(book: &RuleBook, rules: &NodeRules, scan: &Scan, missed_any: bool) -> bool {
    let standard: Vec<&super::rules::Hit> =
        scan.hits.iter().filter(|h| book.is_standard(h.rule)).collect();
    let mut covered = vec![false; scan.normalized.len()];
    for hit in &standard {
        covered[hit.start..hit.end].iter_mut().for_each(|c| *c = true);
    }
    if covered.iter().filter(|c| !**c).count() > RECITED_SLACK {
        return false;
    }
    let outermost = standard.iter().filter(|h| {
        !standard.iter().any(|o| {
            o.rule != h.rule
                && o.start <= h.start
                && h.end <= o.end
                && o.end - o.start > h.end - h.start
        })
    });
    let mut kinds: Vec<RuleIndex> = Vec::new();
    for hit in outermost {
        if !kinds.contains(&hit.rule) {
            kinds.push(hit.rule);
        }
    }
    let extra = kinds.iter().filter(|k| !rules.required.contains(k)).count();
    (missed_any && kinds.len() >= RECITED_KINDS) || extra >= RECITED_KINDS
}

/// jieba, its dictionary loaded once, when a reply first needs it.
fn segmenter() -> &'static jieba_rs::Jieba {
    static SEGMENTER: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    SEGMENTER.get_or_init(jieba_rs::Jieba::new)
}

/// Where the words of a normalised text start, in characters, as jieba
/// segments it.
fn word_starts(text: &str) -> Vec<usize> {
    segmenter().cut(text, false).iter().map(|token| token.start).collect()
}

/// The first 他 or 她 (他们, 她们 included) that jieba reads as a pronoun
/// of its own, in characters, if it comes before character `before`:
/// 其他 and 他人 are other words.
fn pronoun_before(text: &str, before: usize) -> Option<usize> {
    if !text.contains(['他', '她']) {
        return None;
    }
    segmenter()
        .cut(text, false)
        .iter()
        .find(|t| matches!(t.word, "他" | "她" | "他们" | "她们"))
        .map(|t| t.start)
        .filter(|&at| at < before)
}

/// Words just before a command that make it a request (麻烦您说话大点声).
const REQUEST_OPENERS: &[&str] =
    &["请", "麻烦", "劳驾", "能不能", "能否", "可不可以", "可以", "稍微", "稍"];

/// Words just after a command that make it a question (大点声好吗).
const REQUEST_CLOSERS: &[&str] = &["好吗", "好不好", "可以吗", "行吗", "好么", "行不行"];

/// How many characters either side of a command are searched for what
/// softens it (麻烦您说话 | 大点声 | 好吗).
const REQUEST_WINDOW: usize = 7;

/// Is the command at characters `start..end` of the normalised text asked
/// as a request?
fn asked_as_request(text: &str, start: usize, end: usize) -> bool {
    let before: String =
        text.chars().take(start).skip(start.saturating_sub(REQUEST_WINDOW)).collect();
    let after: String = text.chars().skip(end).take(REQUEST_WINDOW).collect();
    REQUEST_OPENERS.iter().any(|w| before.contains(w))
        || REQUEST_CLOSERS.iter().any(|w| after.contains(w))
}

/// Words that, just before an act, say it is not done: 我没法帮您登记,
/// 不能给您退. An A-not-A question (能不能帮您, 有没有登记) is not a negation.
const NEGATORS: &[&str] = &[
    "没办法",
    "没法",
    "无法",
    "不能",
    "不会",
    "不可以",
    "没有",
    "不肯",
    "不想",
    "不给",
    "不帮",
    "不要",
    "别",
    "没",
];

/// How many characters may stand between a negator and the act it negates
/// (没法马上帮您登记).
const NEGATION_GAP: usize = 2;

/// The normalised character where a negation of the act starting at
/// `start` begins, if one does.
fn negation_before(text: &str, start: usize) -> Option<usize> {
    let chars: Vec<char> = text.chars().take(start).collect();
    for gap in 0..=NEGATION_GAP.min(chars.len()) {
        let end = chars.len() - gap;
        for negator in NEGATORS {
            let n: Vec<char> = negator.chars().collect();
            // 没 and 别 alone only right before the act: 没事，我帮您登记.
            if n.len() == 1 && gap > 0 {
                continue;
            }
            if end < n.len() || chars[end - n.len()..end] != n[..] {
                continue;
            }
            let at = end - n.len();
            // 能不能, 有没有, 会不会, 可不可以: a question, not a negation.
            let a_not_a = n.len() >= 2 && at > 0 && chars[at - 1] == n[1];
            if !a_not_a {
                return Some(at);
            }
        }
    }
    None
}

/// A forbidden phrase found in the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForbiddenHit {
    /// The rule's id.
    pub rule: String,
    /// Its category.
    pub category: Category,
    /// The words of the ORIGINAL reply that hit.
    pub text: String,
    /// Character offset (not bytes) into the reply where the hit starts.
    pub start: usize,
    /// Character offset where it ends (exclusive).
    pub end: usize,
    /// Points it takes off.
    pub penalty: u32,
    /// A hit fails the turn whatever the score.
    pub critical: bool,
    /// The manual's clause.
    pub clause: Option<String>,
    /// The right wording.
    pub suggestion: Option<String>,
}

/// Why a turn got its verdict; `explain` puts it into words (`reason-*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// A required rule was met.
    Met {
        /// The rule's id.
        rule: String,
    },
    /// A core act of the node was not done: the turn fails.
    MissedCore {
        /// The rule's id.
        rule: String,
    },
    /// A required act was said only in the negative.
    Negated {
        /// The rule's id.
        rule: String,
        /// The trainee's words, negation included.
        text: String,
    },
    /// A required rule was not met.
    Missed {
        /// The rule's id.
        rule: String,
        /// Missing it fails the turn.
        critical: bool,
    },
    /// A forbidden rule was hit.
    Forbidden {
        /// The rule's id.
        rule: String,
        /// The words that hit.
        text: String,
        /// The hit fails the turn.
        critical: bool,
    },
    /// A command-tone forbidden phrase was asked as a request
    /// (麻烦您大点声好吗) and is not counted.
    Softened {
        /// The rule's id.
        rule: String,
        /// The trainee's words.
        text: String,
        /// Character offsets of the words in the reply.
        start: usize,
        /// End (exclusive).
        end: usize,
    },
    /// A forbidden deed was said in the negative (不能收下): a refusal,
    /// not counted.
    Refused {
        /// The rule's id.
        rule: String,
        /// The trainee's words.
        text: String,
        /// Character offsets of the words in the reply.
        start: usize,
        /// End (exclusive).
        end: usize,
    },
    /// A required act was met through a slip of the input method: the
    /// trainee typed 在见 and meant 再见.
    Slip {
        /// The rule's id.
        rule: String,
        /// The trainee's words.
        text: String,
        /// The phrase they were taken for (normalised).
        meant: String,
        /// Character offsets of the words in the reply.
        start: usize,
        /// End (exclusive).
        end: usize,
    },
    /// A good option was picked.
    GoodChoice {
        /// The option's id.
        option: String,
    },
    /// A bad option was picked.
    BadChoice {
        /// The option's id.
        option: String,
    },
    /// The time ran out.
    TimedOut,
    /// The reply does `second` before `first`.
    OutOfOrder {
        /// The rule that must come first.
        first: String,
        /// The rule that must come after it.
        second: String,
    },
    /// The reply repeats a number the customer gave (复述).
    Echoed {
        /// The number, as the trainee wrote it.
        text: String,
    },
    /// The reply does not repeat the number the customer gave.
    MissedEcho {
        /// The number(s) the customer gave, normalised.
        numbers: Vec<String>,
    },
    /// The reply only strings courtesy formulas together.
    Recited,
    /// The reply calls a third person who is present 他/她 before naming
    /// them (那位女士): the turn fails.
    ThirdPersonPronoun {
        /// The pronoun as the trainee wrote it.
        text: String,
        /// Character offset of it in the reply.
        at: usize,
        /// The rule that names the person (its label is the right wording).
        rule: String,
    },
    /// The reply calls the customer 你 rather than 您 (a small deduction).
    Register {
        /// Character offset of the first 你.
        at: usize,
    },
    /// The score is below the pass mark.
    BelowPassMark {
        /// The turn's score.
        score: u8,
        /// The pass mark.
        pass_mark: u8,
    },
}

/// What happened on a turn, judged. A new kind of turn is a new variant,
/// and every `match` over it must handle it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TurnOutcome {
    /// A typed reply, with the rules it met and hit.
    Reply {
        /// Each required rule, met or missed.
        required: Vec<RequiredCheck>,
        /// Each forbidden hit, in reply order.
        forbidden: Vec<ForbiddenHit>,
        /// Ids of every rule the reply hit, required or forbidden.
        #[serde(alias = "said")]
        rules_hit: Vec<String>,
    },
    /// An option of a Choice or Action prompt was picked.
    Picked {
        /// The option's id.
        option: String,
        /// The category the turn counts towards.
        category: Category,
    },
    /// The time limit ran out.
    TimedOut {
        /// The category the turn counts towards, as a failed turn (records
        /// written before it was kept read as `None`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        category: Option<Category>,
    },
}

/// The result of one turn: the verdict, the score, what happened and why.
///
/// In JSON the outcome's fields sit beside the verdict (`kind` says which
/// outcome). Records written before the outcome was typed (with `said`,
/// `timed_out`, `chose` and `choice_category`) still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TurnResultWire")]
pub struct TurnResult {
    /// Pass or fail.
    pub verdict: Verdict,
    /// 0 to 100.
    pub score: u8,
    /// What happened.
    #[serde(flatten)]
    pub outcome: TurnOutcome,
    /// Why, in order.
    pub reasons: Vec<Reason>,
}

/// Every field a turn result has been written with, today's and earlier
/// records' alike.
#[derive(Deserialize, Default)]
struct TurnResultWire {
    verdict: Option<Verdict>,
    score: Option<u8>,
    #[serde(default)]
    reasons: Vec<Reason>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    required: Vec<RequiredCheck>,
    #[serde(default)]
    forbidden: Vec<ForbiddenHit>,
    #[serde(default, alias = "said")]
    rules_hit: Vec<String>,
    #[serde(default, alias = "chose")]
    option: Option<String>,
    #[serde(default, alias = "choice_category")]
    category: Option<Category>,
    #[serde(default)]
    timed_out: bool,
}

impl TryFrom<TurnResultWire> for TurnResult {
    type Error = String;

    fn try_from(w: TurnResultWire) -> Result<TurnResult, String> {
        let (Some(verdict), Some(score)) = (w.verdict, w.score) else {
            return Err("a turn needs `verdict` and `score`".into());
        };
        let kind = match w.kind.as_deref() {
            Some(kind) => kind,
            None if w.timed_out => "timed-out",
            None if w.option.is_some() => "picked",
            None => "reply",
        };
        let outcome = match kind {
            "reply" => TurnOutcome::Reply {
                required: w.required,
                forbidden: w.forbidden,
                rules_hit: w.rules_hit,
            },
            "picked" => TurnOutcome::Picked {
                option: w.option.ok_or("a picked turn needs `option`")?,
                category: w.category.unwrap_or(Category::Etiquette),
            },
            "timed-out" => TurnOutcome::TimedOut { category: w.category },
            other => return Err(format!("unknown turn kind `{other}`")),
        };
        Ok(TurnResult { verdict, score, outcome, reasons: w.reasons })
    }
}

impl TurnResult {
    /// Did the turn pass?
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Pass
    }

    /// The required rules checked (none unless the turn was a typed reply).
    pub fn required(&self) -> &[RequiredCheck] {
        match &self.outcome {
            TurnOutcome::Reply { required, .. } => required,
            TurnOutcome::Picked { .. } | TurnOutcome::TimedOut { .. } => &[],
        }
    }

    /// The forbidden hits (none unless the turn was a typed reply).
    pub fn forbidden(&self) -> &[ForbiddenHit] {
        match &self.outcome {
            TurnOutcome::Reply { forbidden, .. } => forbidden,
            TurnOutcome::Picked { .. } | TurnOutcome::TimedOut { .. } => &[],
        }
    }

    /// Did the reply hit this rule (required or forbidden)?
    pub fn hit_rule(&self, id: &str) -> bool {
        match &self.outcome {
            TurnOutcome::Reply { rules_hit, .. } => rules_hit.iter().any(|r| r == id),
            TurnOutcome::Picked { .. } | TurnOutcome::TimedOut { .. } => false,
        }
    }

    /// The picked option's id, for a Choice or Action turn.
    pub fn picked(&self) -> Option<&str> {
        match &self.outcome {
            TurnOutcome::Picked { option, .. } => Some(option),
            TurnOutcome::Reply { .. } | TurnOutcome::TimedOut { .. } => None,
        }
    }

    /// Did the time run out?
    pub fn timed_out(&self) -> bool {
        matches!(self.outcome, TurnOutcome::TimedOut { .. })
    }
}

/// Scores a typed reply against a node's rules: the one way a reply is
/// judged, by the session, `validate` (model answers and examples) and
/// `check` alike.
///
/// ```
/// use courtesy_core::judge::rules::RuleBookBuilder;
/// use courtesy_core::judge::{NodeRules, TurnOutcome, score};
/// use courtesy_core::model::{Category, Position, Rule};
///
/// let rule = |id: &str, phrases: &[&str]| Rule {
///     id: id.into(),
///     category: Category::Indifference,
///     phrases: phrases.iter().map(|p| p.to_string()).collect(),
///     except: vec!["不知道您贵姓".into()],
///     weight: 1,
///     penalty: 40,
///     critical: false,
///     command: false,
///     negatable: false,
///     name: None,
///     extends: None,
///     without: vec![],
///     position: Position::Anywhere,
///     suggestion: Some("请您稍等，我帮您问一下".into()),
///     clause: Some("2.2.1".into()),
/// };
/// let mut builder = RuleBookBuilder::new();
/// builder.add(rule("no-dont-know", &["不知道"]), true);
/// let book = builder.build(None);
/// let rules = NodeRules::forbidden_only(&book);
///
/// // The exception context is not a hit; the second 不知道 is, at its
/// // place in the original text (Traditional characters included).
/// let result = score(&book, &rules, "不知道您贵姓？這個我不知道。");
/// let TurnOutcome::Reply { forbidden, .. } = &result.outcome else { unreachable!() };
/// assert_eq!(forbidden.len(), 1);
/// assert_eq!((forbidden[0].start, forbidden[0].end), (10, 13));
/// assert_eq!(result.score, 60);
/// ```
pub fn score(book: &RuleBook, rules: &NodeRules, reply: &str) -> TurnResult {
    let mut scan = book.scan(reply);
    // A required act missed as written may have been typed with a slip of
    // the input method (在见 for 再见): it counts, and the feedback says so.
    let missing: Vec<RuleIndex> =
        rules.required.iter().copied().filter(|&r| scan.first_hit(r).is_none()).collect();
    let slips = book.slips(&scan, &missing);
    if !slips.is_empty() {
        scan.hits.extend(slips.iter().map(|(hit, _)| *hit));
        scan.hits.sort_by_key(|h| (h.rule, h.start));
    }
    score_scan(book, rules, reply, &scan, &slips)
}

/// A negation of the act starting at normalised character `start`, when it
/// stands in the same clause: punctuation between them (不会不会，慢走)
/// ends its reach.
fn negation_in_clause(scan: &Scan, spans: &CharSpans<'_>, start: usize) -> Option<usize> {
    let at = negation_before(&scan.normalized.text, start)?;
    let (negator_start, _) = scan.normalized.original_span(at, at + 1);
    let (act_start, _) = scan.normalized.original_span(start, start + 1);
    let between = spans.slice(negator_start, act_start);
    between.chars().all(char::is_alphanumeric).then_some(at)
}

/// Scores an already scanned reply.
fn score_scan(
    book: &RuleBook,
    rules: &NodeRules,
    reply: &str,
    scan: &Scan,
    slips: &[(Hit, String)],
) -> TurnResult {
    let spans = CharSpans::new(reply);
    let mut reasons = Vec::new();
    let mut critical_failure = false;

    let mut required_checks = Vec::with_capacity(rules.required.len());
    let mut core_missed = false;
    let (mut total_weight, mut met_weight) = (0u64, 0u64);
    for &index in &rules.required {
        let rule = book.rule(index);
        let hits: Vec<_> = scan.hits.iter().filter(|h| h.rule == index).collect();
        let negation = |h: &super::rules::Hit| negation_in_clause(scan, &spans, h.start);
        let affirmed = hits.iter().find(|h| negation(h).is_none());
        let negated = match affirmed {
            Some(_) => None,
            None => hits.first().map(|h| (h, negation(h))),
        };
        let span = affirmed.map(|h| scan.normalized.original_span(h.start, h.end));
        total_weight += u64::from(rule.weight);
        let core = rules.core.contains(&index);
        if let Some(hit) = affirmed {
            met_weight += u64::from(rule.weight);
            reasons.push(Reason::Met { rule: rule.id.clone() });
            if let Some((_, meant)) = slips.iter().find(|(slip, _)| slip == *hit) {
                let (start, end) = scan.normalized.original_span(hit.start, hit.end);
                reasons.push(Reason::Slip {
                    rule: rule.id.clone(),
                    text: spans.slice(start, end).to_string(),
                    meant: meant.clone(),
                    start,
                    end,
                });
            }
        } else {
            critical_failure |= rule.critical;
            if core {
                core_missed = true;
                reasons.push(Reason::MissedCore { rule: rule.id.clone() });
            }
            match negated {
                Some((hit, Some(negator_start))) => {
                    let (start, end) = scan.normalized.original_span(negator_start, hit.end);
                    reasons.push(Reason::Negated {
                        rule: rule.id.clone(),
                        text: spans.slice(start, end).to_string(),
                    });
                }
                _ => {
                    reasons.push(Reason::Missed { rule: rule.id.clone(), critical: rule.critical })
                }
            }
        }
        let negated_span = negated
            .and_then(|(hit, negator)| negator.map(|n| scan.normalized.original_span(n, hit.end)));
        // Said, but not where the rule wants it (您好 in the middle).
        let misplaced = (affirmed.is_none() && negated_span.is_none())
            .then(|| scan.misplaced.iter().find(|h| h.rule == index))
            .flatten()
            .map(|h| {
                let (start, end) = scan.normalized.original_span(h.start, h.end);
                MisplacedAct {
                    text: spans.slice(start, end).to_string(),
                    start,
                    end,
                    belongs: rule.position,
                }
            });
        required_checks.push(RequiredCheck {
            rule: rule.id.clone(),
            category: rule.category,
            met: affirmed.is_some(),
            negated: negated_span.map(|(start, end)| NegatedAct {
                text: spans.slice(start, end).to_string(),
                start,
                end,
            }),
            misplaced,
            weight: rule.weight,
            critical: rule.critical,
            core,
            start: span.map(|s| s.0),
            end: span.map(|s| s.1),
            clause: rule.clause.clone(),
            suggestion: rule.suggestion.clone().or_else(|| rule.phrases.first().cloned()),
        });
    }

    let mut forbidden_hits = Vec::new();
    let mut penalty = 0u64;
    let mut penalised: Vec<RuleIndex> = Vec::new();
    let mut softened: Vec<RuleIndex> = Vec::new();
    let quoted = quoted_spans(reply);
    let mut words: Option<Vec<usize>> = None;
    for hit in &scan.hits {
        if !rules.forbidden.contains(&hit.rule) {
            continue;
        }
        // 天啊 inside 今天啊, 可能 inside 不可能: part of a longer word, not said.
        let starts = words.get_or_insert_with(|| word_starts(&scan.normalized.text));
        if starts.binary_search(&hit.start).is_err() {
            continue;
        }
        let rule = book.rule(hit.rule);
        let (start, end) = scan.normalized.original_span(hit.start, hit.end);
        // 「不能说“不知道”」 talks about the phrase; it does not say it.
        if quoted.iter().any(|&(open, close)| open < start && end <= close) {
            continue;
        }
        let text = spans.slice(start, end).to_string();
        if rule.negatable && negation_in_clause(scan, &spans, hit.start).is_some() {
            if !softened.contains(&hit.rule) {
                softened.push(hit.rule);
                reasons.push(Reason::Refused { rule: rule.id.clone(), text, start, end });
            }
            continue;
        }
        if rule.command && asked_as_request(&scan.normalized.text, hit.start, hit.end) {
            if !softened.contains(&hit.rule) {
                softened.push(hit.rule);
                reasons.push(Reason::Softened { rule: rule.id.clone(), text, start, end });
            }
            continue;
        }
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

    // 称呼在场的第三者不可用“他/她”: a pronoun before the person is named.
    let pronoun = rules.third_person.and_then(|naming| {
        let named_at = scan.hits.iter().filter(|h| h.rule == naming).map(|h| h.start).min();
        let at = pronoun_before(&scan.normalized.text, named_at.unwrap_or(usize::MAX))?;
        let (start, end) = scan.normalized.original_span(at, at + 1);
        reasons.push(Reason::ThirdPersonPronoun {
            text: spans.slice(start, end).to_string(),
            at: start,
            rule: book.rule(naming).id.clone(),
        });
        Some(start)
    });
    if let Some(at) = plain_you(reply) {
        penalty += u64::from(REGISTER_PENALTY);
        reasons.push(Reason::Register { at });
    }
    // 复述: repeating a number the customer gave counts as one more act.
    let echoed = (!rules.echo.is_empty()).then(|| {
        let said = rules.echo.iter().find_map(|n| {
            let at = scan.normalized.text.find(n.as_str())?;
            let start = scan.normalized.text[..at].chars().count();
            let end = start + n.chars().count();
            let (from, to) = scan.normalized.original_span(start, end);
            Some(spans.slice(from, to).to_string())
        });
        match said {
            Some(text) => {
                reasons.push(Reason::Echoed { text });
                true
            }
            None => {
                reasons.push(Reason::MissedEcho { numbers: rules.echo.clone() });
                false
            }
        }
    });
    let base = base_score(rules, &required_checks, echoed, met_weight, total_weight);
    let mut score = base.saturating_sub(penalty).min(100) as u8;
    // A turn that did every core act and said nothing forbidden keeps the
    // pass mark: a small deduction (你) lowers the score, not the verdict.
    let core_done = !rules.core.is_empty() && !core_missed;
    if core_done && forbidden_hits.is_empty() {
        score = score.max(rules.pass_mark);
    }
    if score < rules.pass_mark {
        reasons.push(Reason::BelowPassMark { score, pass_mark: rules.pass_mark });
    }
    // A forbidden phrase fails the turn whatever the score: the manuals
    // forbid it outright. `critical` rules fail the scenario as well.
    let forbidden_said = !forbidden_hits.is_empty();
    let missed_any = required_checks.iter().any(|c| !c.met);
    let recited = recited_formulas(book, rules, scan, missed_any);
    let mut out_of_order = false;
    for &(a, b) in &rules.order {
        let at = |index: RuleIndex| {
            let id = &book.rule(index).id;
            required_checks.iter().find(|c| &c.rule == id).and_then(|c| c.start).or_else(|| {
                // An ordered rule need not be required: its first affirmed hit.
                scan.hits
                    .iter()
                    .find(|h| h.rule == index)
                    .map(|h| scan.normalized.original_span(h.start, h.end).0)
            })
        };
        if let (Some(first), Some(second)) = (at(a), at(b))
            && second < first
        {
            out_of_order = true;
            reasons.push(Reason::OutOfOrder {
                first: book.rule(a).id.clone(),
                second: book.rule(b).id.clone(),
            });
        }
    }
    if recited {
        reasons.push(Reason::Recited);
    }
    let verdict = if critical_failure
        || pronoun.is_some()
        || core_missed
        || forbidden_said
        || recited
        || out_of_order
        || score < rules.pass_mark
    {
        Verdict::Fail
    } else {
        Verdict::Pass
    };

    let mut rules_hit: Vec<String> = Vec::new();
    for hit in &scan.hits {
        let id = &book.rule(hit.rule).id;
        if !rules_hit.contains(id) {
            rules_hit.push(id.clone());
        }
    }

    TurnResult {
        verdict,
        score,
        outcome: TurnOutcome::Reply {
            required: required_checks,
            forbidden: forbidden_hits,
            rules_hit,
        },
        reasons,
    }
}

/// The score before penalties. Without core acts it is the share of the
/// required weight met. When a node names core acts and all of them are met,
/// the turn has done its point: the score starts at the pass mark and the
/// other required acts raise it toward 100 (the debrief shows them as advice).
/// An `echo` node's repeat of the customer's number (`echoed`) counts as
/// one more act of weight 1.
fn base_score(
    rules: &NodeRules,
    checks: &[RequiredCheck],
    echoed: Option<bool>,
    met_weight: u64,
    total_weight: u64,
) -> u64 {
    let share = |met: u64, total: u64| (met * 100).checked_div(total).unwrap_or(100);
    let echo_met = u64::from(echoed == Some(true));
    let echo_total = u64::from(echoed.is_some());
    let has_core = checks.iter().any(|c| c.core);
    if !has_core || checks.iter().any(|c| c.core && !c.met) {
        return share(met_weight + echo_met, total_weight + echo_total);
    }
    let (mut other_met, mut other_total) = (echo_met, echo_total);
    for check in checks.iter().filter(|c| !c.core) {
        other_total += u64::from(check.weight);
        if check.met {
            other_met += u64::from(check.weight);
        }
    }
    let mark = u64::from(rules.pass_mark);
    mark + (100 - mark.min(100)) * share(other_met, other_total) / 100
}

/// Scores the pick of an option.
pub fn score_pick(option: &PromptOption) -> TurnResult {
    let (verdict, score, reason) = if option.good {
        (Verdict::Pass, 100, Reason::GoodChoice { option: option.id.clone() })
    } else {
        (Verdict::Fail, 0, Reason::BadChoice { option: option.id.clone() })
    };
    TurnResult {
        verdict,
        score,
        outcome: TurnOutcome::Picked { option: option.id.clone(), category: option.category },
        reasons: vec![reason],
    }
}

/// The result of a prompt that ran out of time; it counts as a failed turn
/// of `category` (the node's, see
/// [`CompiledScenario::node_category`](crate::compile::CompiledScenario::node_category)).
pub fn score_timeout(category: Option<Category>) -> TurnResult {
    TurnResult {
        verdict: Verdict::Fail,
        score: 0,
        outcome: TurnOutcome::TimedOut { category },
        reasons: vec![Reason::TimedOut],
    }
}

/// One judged turn: the JSON shape of a turn everywhere, in a played
/// scenario's transcript (`play --json`, `results.jsonl`) and in
/// `check --json`. Documented in docs/turn-json.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "TurnRecordWire")]
pub struct TurnRecord {
    /// The node's id (none for `check` against a rule set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Cast id of who spoke the line.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The customer's line as shown (the chosen variant).
    #[serde(default)]
    pub line: Option<String>,
    /// What the trainee typed, or the text of the option picked.
    pub reply: String,
    /// Seconds the trainee took (none for `check`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f32>,
    /// The judgement (its fields sit beside these in JSON).
    #[serde(flatten)]
    pub result: TurnResult,
}

/// A turn as written today (the result's fields inline) or before (under
/// `result`).
#[derive(Deserialize)]
struct TurnRecordWire {
    #[serde(default)]
    node: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    line: Option<String>,
    reply: String,
    #[serde(default)]
    seconds: Option<f32>,
    #[serde(default)]
    result: Option<TurnResultWire>,
    #[serde(flatten)]
    inline: TurnResultWire,
}

impl TryFrom<TurnRecordWire> for TurnRecord {
    type Error = String;

    fn try_from(w: TurnRecordWire) -> Result<TurnRecord, String> {
        let result = TurnResult::try_from(w.result.unwrap_or(w.inline))?;
        Ok(TurnRecord {
            node: w.node,
            speaker: w.speaker,
            line: w.line,
            reply: w.reply,
            seconds: w.seconds,
            result,
        })
    }
}

/// A category's sub-score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryScore {
    /// The category.
    pub category: Category,
    /// 0 to 100.
    pub score: u8,
    /// Weight of the rules met and good picks.
    pub earned: u32,
    /// Weight of all rules checked and picks made.
    pub possible: u32,
    /// Points taken off by forbidden hits.
    pub penalty: u32,
}

/// The result of a whole scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// The scenario's id.
    pub scenario: String,
    /// The seed that picked the line variants.
    pub seed: u64,
    /// The mean turn score.
    pub score: u8,
    /// Pass or fail.
    pub verdict: Verdict,
    /// The scenario's pass mark.
    pub pass_mark: u8,
    /// The kind of ending reached, if one was.
    pub ending: Option<EndingKind>,
    /// The ending node reached, if one was.
    pub ending_node: Option<String>,
    /// Sub-score per category.
    pub categories: Vec<CategoryScore>,
    /// Rules whose critical failure fails the scenario whatever the score.
    pub critical_failures: Vec<String>,
    /// Every turn played.
    pub transcript: Vec<TurnRecord>,
}

/// Adds up a transcript. The overall score is the mean turn score; the
/// scenario passes when that reaches the pass mark, no turn failed on a
/// critical rule, and the ending (if reached) is a good one.
pub fn score_scenario(
    scenario: &str,
    seed: u64,
    pass_mark: u8,
    transcript: Vec<TurnRecord>,
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
        for check in r.required() {
            let entry = categories.entry(check.category).or_default();
            entry.1 += check.weight;
            if check.met {
                entry.0 += check.weight;
            } else if check.critical {
                note_critical(&check.rule);
            }
        }
        for hit in r.forbidden().iter().filter(|h| h.critical) {
            note_critical(&hit.rule);
        }
        let mut seen: Vec<&str> = Vec::new();
        for hit in r.forbidden() {
            if !seen.contains(&hit.rule.as_str()) {
                seen.push(&hit.rule);
                categories.entry(hit.category).or_default().2 += hit.penalty;
            }
        }
        match r.outcome {
            TurnOutcome::Picked { category, .. } => {
                let entry = categories.entry(category).or_default();
                entry.1 += 1;
                if r.passed() {
                    entry.0 += 1;
                }
            }
            // A turn let run out of time is a failed turn of its category.
            TurnOutcome::TimedOut { category: Some(category) } => {
                categories.entry(category).or_default().1 += 1;
            }
            TurnOutcome::Reply { .. } | TurnOutcome::TimedOut { category: None } => {}
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
    // A time limit is a standard of its own (响铃三声内接听): missing one
    // fails the scenario, whatever the other turns scored.
    let lapsed = transcript.iter().any(|t| t.result.timed_out());
    let verdict =
        if score >= pass_mark && !critical && !lapsed && !bad_ending && !transcript.is_empty() {
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
