//! Compiled phrase matching. A [`RuleBook`] holds every rule a scenario can
//! use, compiled into ONE Aho-Corasick automaton over normalised phrases and
//! exception contexts; [`RuleBook::scan`] finds every rule hit in a reply in a
//! single pass and reports it as a span of normalised characters.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::pattern;
use super::sound;
use super::text::{Normalized, normalize, normalize_phrase};
use crate::model::{Company, Position, Rule, RuleSet};

/// Up to this many compiled phrases a rule book searches with a DFA (the
/// fastest); past it, with a contiguous NFA, whose size grows linearly where
/// a DFA's grows with phrases times byte classes (30,000 phrases: 160 MB
/// as a DFA, 4 MB as an NFA).
pub const DFA_MAX_PATTERNS: usize = 3_000;

/// The most compiled phrases (after patterns, `{company}` and both registers
/// are expanded) one scenario's rule book may hold; `validate` reports a
/// scenario past it (`too-many-phrases`).
pub const MAX_PATTERNS: usize = 100_000;

/// An opening phrase must start within this many normalised characters.
pub const OPENING_WINDOW: usize = 6;
/// A closing phrase must end within this many normalised characters of the end.
pub const CLOSING_WINDOW: usize = 12;

/// Index of a rule inside its [`RuleBook`].
pub type RuleIndex = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatternUse {
    Phrase(RuleIndex),
    Except(RuleIndex),
}

/// One hit: rule `rule` matched normalised characters `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The rule hit.
    pub rule: RuleIndex,
    /// First normalised character of the hit.
    pub start: usize,
    /// One past its last normalised character.
    pub end: usize,
}

/// The outcome of scanning one text.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The text as matched, with its map back to the original.
    pub normalized: Normalized,
    /// At most one hit per rule per place, exceptions and positions applied,
    /// sorted by rule then position.
    pub hits: Vec<Hit>,
    /// Hits of `Opening` and `Closing` rules that stand in the wrong place
    /// (a greeting in the middle of the reply): not met, but worth saying.
    pub misplaced: Vec<Hit>,
    /// The exception contexts found, which cancel hits inside them (kept
    /// for [`RuleBook::slips`], so the text is not scanned twice).
    pub exceptions: Vec<Hit>,
}

impl Scan {
    /// The first hit of a rule, if any.
    pub fn first_hit(&self, rule: RuleIndex) -> Option<Hit> {
        self.hits.iter().copied().find(|h| h.rule == rule)
    }
}

/// Every rule a scenario (or `courtesy check`) can use, compiled.
#[derive(Debug, Clone)]
pub struct RuleBook {
    rules: Vec<Rule>,
    by_id: HashMap<String, RuleIndex>,
    /// Rules applied to every reply (the applied rule sets' `forbidden`).
    always_forbidden: Vec<RuleIndex>,
    /// The rule sets' standard courtesy phrases (their `phrases`).
    standard: Vec<RuleIndex>,
    /// The compiled phrases: this book's own, and the rule sets' compiled
    /// once and shared by every book that applies them, each with the index
    /// of its first rule in this book.
    parts: Vec<(Arc<Patterns>, RuleIndex)>,
}

/// Phrases and exception contexts compiled into one automaton; the rule
/// indices in `uses` count from the part's first rule.
#[derive(Debug)]
pub struct Patterns {
    automaton: Option<AhoCorasick>,
    /// The normalised patterns, in pattern order.
    texts: Vec<String>,
    uses: Vec<Vec<PatternUse>>,
    /// The phrases as they sound, for input-method slips; compiled the
    /// first time a reply misses a required act, so loading pays nothing.
    sounds: OnceLock<Option<Sounds>>,
}

/// Phrases as they sound ([`sound::project`]), each with the patterns
/// (indices into [`Patterns`]) that sound like it.
#[derive(Debug)]
struct Sounds {
    automaton: AhoCorasick,
    patterns: Vec<Vec<usize>>,
}

impl Patterns {
    /// Compiles the phrases and exceptions of `rules` (index, rule) that
    /// `take` keeps. `{company}` expands to the company's name and aliases;
    /// without a company, phrases that need it are left out.
    fn compile<'a>(
        rules: impl Iterator<Item = (RuleIndex, &'a Rule)>,
        company: Option<&Company>,
        take: impl Fn(&str) -> bool,
    ) -> Patterns {
        let mut pattern_index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<PatternUse>> = Vec::new();
        let mut add_pattern = |text: String, usage: PatternUse| {
            if text.is_empty() {
                return;
            }
            let next = patterns.len();
            let i = *pattern_index.entry(text.clone()).or_insert(next);
            if i == next {
                patterns.push(text);
                uses.push(Vec::new());
            }
            if !uses[i].contains(&usage) {
                uses[i].push(usage);
            }
        };
        for (index, rule) in rules {
            for phrase in rule.phrases.iter().filter(|p| take(p)) {
                for expanded in expand_company(phrase, company) {
                    // A pattern that does not expand is left out (`validate` says why).
                    for plain in pattern::expand(&expanded).unwrap_or_default() {
                        for register in both_registers(&normalize_phrase(&plain)) {
                            add_pattern(register, PatternUse::Phrase(index));
                        }
                    }
                }
            }
            for context in rule.except.iter().filter(|p| take(p)) {
                for expanded in expand_company(context, company) {
                    for plain in pattern::expand(&expanded).unwrap_or_default() {
                        add_pattern(normalize_phrase(&plain), PatternUse::Except(index));
                    }
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // A DFA while it is small; an NFA past DFA_MAX_PATTERNS.
            let kind = if patterns.len() <= DFA_MAX_PATTERNS {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(kind))
                .build(&patterns)
                .or_else(|_| {
                    AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&patterns)
                })
                .ok()
        };
        Patterns { automaton, texts: patterns, uses, sounds: OnceLock::new() }
    }

    /// The phrases (not exception contexts) long enough to slip, compiled
    /// by sound once.
    fn sounds(&self) -> Option<&Sounds> {
        self.sounds
            .get_or_init(|| {
                let mut index: HashMap<String, usize> = HashMap::new();
                let mut projected: Vec<String> = Vec::new();
                let mut patterns: Vec<Vec<usize>> = Vec::new();
                for (i, text) in self.texts.iter().enumerate() {
                    let is_phrase = self.uses[i].iter().any(|u| matches!(u, PatternUse::Phrase(_)));
                    if !is_phrase || text.chars().count() < sound::MIN_SLIP_PHRASE {
                        continue;
                    }
                    let sound = sound::project(text);
                    let next = projected.len();
                    let at = *index.entry(sound.clone()).or_insert(next);
                    if at == next {
                        projected.push(sound);
                        patterns.push(Vec::new());
                    }
                    patterns[at].push(i);
                }
                if projected.is_empty() {
                    return None;
                }
                let automaton = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&projected)
                    .ok()?;
                Some(Sounds { automaton, patterns })
            })
            .as_ref()
    }

    /// A rule set's phrases, compiled once for every scenario that applies
    /// it; those that name `{company}` depend on the scenario and are
    /// compiled with the scenario's own.
    pub fn of_rule_set(set: &RuleSet) -> Patterns {
        Patterns::compile(set_rules(set).enumerate(), None, |p| !p.contains(COMPANY))
    }

    /// How many distinct patterns it holds.
    pub fn len(&self) -> usize {
        self.uses.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.uses.is_empty()
    }
}

const COMPANY: &str = "{company}";

/// A rule set's rules in book order: forbidden, then phrases.
fn set_rules(set: &RuleSet) -> impl Iterator<Item = &Rule> {
    set.forbidden.iter().chain(&set.phrases)
}

/// A rule added to a [`RuleBookBuilder`], and whether it is forbidden in every reply.
pub struct RuleBookBuilder {
    rules: Vec<Rule>,
    always_forbidden: Vec<RuleIndex>,
    standard: Vec<RuleIndex>,
    by_id: HashMap<String, RuleIndex>,
    /// Rule sets added already compiled: their patterns and first rule.
    shared: Vec<(Arc<Patterns>, RuleIndex, usize)>,
}

impl Default for RuleBookBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RuleBookBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        RuleBookBuilder {
            rules: Vec::new(),
            always_forbidden: Vec::new(),
            standard: Vec::new(),
            by_id: HashMap::new(),
            shared: Vec::new(),
        }
    }

    /// Adds a rule; a second rule with an id already present is ignored
    /// (validation reports duplicates).
    pub fn add(&mut self, rule: Rule, always_forbidden: bool) -> &mut Self {
        if self.by_id.contains_key(&rule.id) {
            return self;
        }
        let index = self.rules.len();
        self.by_id.insert(rule.id.clone(), index);
        if always_forbidden {
            self.always_forbidden.push(index);
        }
        self.rules.push(rule);
        self
    }

    /// Adds a rule set: its `forbidden` rules apply to every reply, its
    /// `phrases` are available to `require`.
    pub fn add_rule_set(&mut self, set: &RuleSet) -> &mut Self {
        for rule in &set.forbidden {
            self.add(rule.clone(), true);
        }
        for rule in &set.phrases {
            if !self.by_id.contains_key(&rule.id) {
                self.standard.push(self.rules.len());
            }
            self.add(rule.clone(), false);
        }
        self
    }

    /// Adds a rule set whose phrases are already compiled (`patterns`, from
    /// [`Patterns::of_rule_set`]): every book that applies it shares them.
    /// All its rules are added, in order; a rule whose id is already in the
    /// book keeps its place but cannot be named (validation reports it).
    pub fn add_compiled_rule_set(&mut self, set: &RuleSet, patterns: Arc<Patterns>) -> &mut Self {
        let first = self.rules.len();
        let forbidden = set.forbidden.len();
        for (i, rule) in set_rules(set).enumerate() {
            let index = first + i;
            if i < forbidden {
                self.always_forbidden.push(index);
            } else if !self.by_id.contains_key(&rule.id) {
                self.standard.push(index);
            }
            self.by_id.entry(rule.id.clone()).or_insert(index);
            self.rules.push(rule.clone());
        }
        self.shared.push((patterns, first, forbidden + set.phrases.len()));
        self
    }

    /// Compiles the phrases not compiled already: the book's own rules, and
    /// the `{company}` phrases of shared rule sets. `{company}` expands to
    /// the company's name and aliases; without a company, phrases that need
    /// it are left out.
    pub fn build(self, company: Option<&Company>) -> RuleBook {
        let in_shared = |index: RuleIndex| {
            self.shared.iter().any(|&(_, first, len)| (first..first + len).contains(&index))
        };
        let own = Patterns::compile(
            self.rules.iter().enumerate().filter(|(i, _)| !in_shared(*i)),
            company,
            |_| true,
        );
        let company_phrases = Patterns::compile(
            self.rules.iter().enumerate().filter(|(i, _)| in_shared(*i)),
            company,
            |p| p.contains(COMPANY),
        );
        let mut parts: Vec<(Arc<Patterns>, RuleIndex)> = Vec::new();
        for local in [own, company_phrases] {
            if !local.is_empty() {
                parts.push((Arc::new(local), 0));
            }
        }
        parts.extend(self.shared.iter().map(|(p, first, _)| (Arc::clone(p), *first)));
        let mut rules = self.rules;
        if let Some(c) = company {
            for rule in &mut rules {
                if let Some(s) = &mut rule.suggestion {
                    *s = s.replace("{company}", &c.name);
                }
            }
        }
        RuleBook {
            rules,
            by_id: self.by_id,
            always_forbidden: self.always_forbidden,
            standard: self.standard,
            parts,
        }
    }
}

/// A phrase as said with 您 and with 你: a forbidden phrase written with 你
/// is hit when said with 您, and a courtesy phrase written with 您 is met
/// with 你 (the register itself is judged apart). Exception contexts are
/// not widened: `不知道您贵姓` is polite only with 您.
fn both_registers(phrase: &str) -> Vec<String> {
    let plain = phrase.replace('您', "你");
    let polite = phrase.replace('你', "您");
    let mut out = vec![phrase.to_string()];
    for variant in [plain, polite] {
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// Expands `{company}` into one phrase per company name or alias.
pub fn expand_company(phrase: &str, company: Option<&Company>) -> Vec<String> {
    const PLACEHOLDER: &str = "{company}";
    if !phrase.contains(PLACEHOLDER) {
        return vec![phrase.to_string()];
    }
    match company {
        None => Vec::new(),
        Some(c) => std::iter::once(&c.name)
            .chain(c.aliases.iter())
            .map(|name| phrase.replace(PLACEHOLDER, name))
            .collect(),
    }
}

impl RuleBook {
    /// The rule at an index.
    pub fn rule(&self, index: RuleIndex) -> &Rule {
        &self.rules[index]
    }

    /// Every rule, by index.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The index of the rule with this id.
    pub fn index_of(&self, id: &str) -> Option<RuleIndex> {
        self.by_id.get(id).copied()
    }

    /// Is this one of the rule sets' standard courtesy phrases (greeting,
    /// hold, apology, thanks, farewell…), as opposed to a scenario's own?
    pub fn is_standard(&self, index: RuleIndex) -> bool {
        self.standard.contains(&index)
    }

    /// Rules forbidden in every reply (the applied rule sets' `forbidden`).
    pub fn always_forbidden(&self) -> &[RuleIndex] {
        &self.always_forbidden
    }

    /// Normalised patterns (phrases and exception contexts) compiled, in
    /// all its parts.
    pub fn pattern_count(&self) -> usize {
        self.parts.iter().map(|(p, _)| p.len()).sum()
    }

    /// Finds every rule hit in `text`.
    pub fn scan(&self, text: &str) -> Scan {
        let normalized = normalize(text);
        let (hits, misplaced, exceptions) = self.hits_in(&normalized);
        Scan { normalized, hits, misplaced, exceptions }
    }

    /// Hits of the `wanted` rules that `n` only meets through an
    /// input-method slip (在见 for 再见, see [`sound`]), each with the phrase
    /// it was taken for. Positions and exception contexts apply as to any hit.
    pub fn slips(&self, scan: &Scan, wanted: &[RuleIndex]) -> Vec<(Hit, String)> {
        let n = &scan.normalized;
        if wanted.is_empty() || n.is_empty() {
            return Vec::new();
        }
        let sounded = sound::project(&n.text);
        let chars: Vec<char> = n.text.chars().collect();
        // The projection keeps character offsets, not byte offsets.
        let mut char_at: Vec<usize> = vec![usize::MAX; sounded.len() + 1];
        for (i, (byte, _)) in sounded.char_indices().enumerate() {
            char_at[byte] = i;
        }
        char_at[sounded.len()] = chars.len();
        let mut candidates: Vec<(Hit, String)> = Vec::new();
        for (part, first) in &self.parts {
            let Some(sounds) = part.sounds() else { continue };
            for m in sounds.automaton.find_overlapping_iter(&sounded) {
                let (start, end) = (char_at[m.start()], char_at[m.end()]);
                // A slip is within one run of characters: 笑，这 is not 笑着.
                let (from, to) = n.original_span(start, end);
                if to - from != end - start {
                    continue;
                }
                let typed: String = chars[start..end].iter().collect();
                for &pattern in &sounds.patterns[m.pattern().as_usize()] {
                    let meant = &part.texts[pattern];
                    if !sound::is_slip(&typed, meant) {
                        continue;
                    }
                    for usage in &part.uses[pattern] {
                        if let PatternUse::Phrase(rule) = *usage
                            && wanted.contains(&(first + rule))
                        {
                            candidates
                                .push((Hit { rule: first + rule, start, end }, meant.clone()));
                        }
                    }
                }
            }
        }
        if candidates.is_empty() {
            return candidates;
        }
        let len = n.len();
        candidates.retain(|(hit, _)| self.stands(hit, &scan.exceptions, len));
        candidates.sort_by_key(|(hit, _)| (hit.rule, hit.start, std::cmp::Reverse(hit.end)));
        candidates.dedup_by_key(|(hit, _)| (hit.rule, hit.start));
        candidates
    }

    /// Whether a candidate hit is in its rule's place and outside its
    /// exception contexts.
    fn stands(&self, hit: &Hit, exceptions: &[Hit], len: usize) -> bool {
        let rule = &self.rules[hit.rule];
        let in_place = match rule.position {
            Position::Anywhere => true,
            Position::Opening => hit.start < OPENING_WINDOW,
            Position::Closing => len - hit.end < CLOSING_WINDOW,
        };
        in_place
            && !exceptions
                .iter()
                .any(|e| e.rule == hit.rule && e.start <= hit.start && hit.end <= e.end)
    }

    /// The hits, the misplaced hits and the exception contexts of `n`.
    fn hits_in(&self, n: &Normalized) -> (Vec<Hit>, Vec<Hit>, Vec<Hit>) {
        let (mut candidates, exceptions) = self.candidates_in(n);
        let len = n.len();
        let outside = |hit: &Hit| {
            !exceptions
                .iter()
                .any(|e| e.rule == hit.rule && e.start <= hit.start && hit.end <= e.end)
        };
        let mut misplaced: Vec<Hit> = candidates
            .iter()
            .filter(|hit| outside(hit) && !self.stands(hit, &exceptions, len))
            .copied()
            .collect();
        misplaced.sort_by_key(|h| (h.rule, h.start));
        candidates.retain(|hit| self.stands(hit, &exceptions, len));
        // One hit per rule per place: longest first at each start, then drop overlaps.
        candidates.sort_by(|a, b| {
            (a.rule, a.start, std::cmp::Reverse(a.end)).cmp(&(
                b.rule,
                b.start,
                std::cmp::Reverse(b.end),
            ))
        });
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        for hit in candidates {
            match hits.last() {
                Some(last) if last.rule == hit.rule && hit.start < last.end => {}
                _ => hits.push(hit),
            }
        }
        (hits, misplaced, exceptions)
    }

    /// Every phrase hit (before positions and exceptions) and every
    /// exception context found in `n`.
    fn candidates_in(&self, n: &Normalized) -> (Vec<Hit>, Vec<Hit>) {
        let mut candidates: Vec<Hit> = Vec::new();
        let mut exceptions: Vec<Hit> = Vec::new();
        for (part, first) in &self.parts {
            let Some(automaton) = &part.automaton else { continue };
            for m in automaton.find_overlapping_iter(&n.text) {
                let start = n.char_at_byte(m.start());
                let end = n.char_at_byte(m.end());
                for usage in &part.uses[m.pattern().as_usize()] {
                    match *usage {
                        PatternUse::Phrase(rule) => {
                            candidates.push(Hit { rule: first + rule, start, end })
                        }
                        PatternUse::Except(rule) => {
                            exceptions.push(Hit { rule: first + rule, start, end })
                        }
                    }
                }
            }
        }
        (candidates, exceptions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn rule(id: &str, phrases: &[&str], except: &[&str]) -> Rule {
        Rule {
            id: id.into(),
            category: Category::Deflection,
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            except: except.iter().map(|s| s.to_string()).collect(),
            weight: 1,
            penalty: 40,
            critical: false,
            command: false,
            negatable: false,
            name: None,
            extends: None,
            without: vec![],
            position: Position::Anywhere,
            suggestion: None,
            clause: None,
        }
    }

    fn book(rules: Vec<Rule>) -> RuleBook {
        let mut b = RuleBookBuilder::new();
        for r in rules {
            b.add(r, true);
        }
        b.build(None)
    }

    #[test]
    fn exception_cancels_only_the_hit_inside_it() {
        let b = book(vec![rule("dont-know", &["不知道"], &["不知道您贵姓"])]);
        assert!(b.scan("不知道您贵姓？").hits.is_empty());
        let s = b.scan("不知道您贵姓？这个我不知道。");
        assert_eq!(s.hits.len(), 1);
        assert_eq!(s.normalized.original_span(s.hits[0].start, s.hits[0].end), (10, 13));
    }

    #[test]
    fn nested_phrases_of_one_rule_give_one_hit() {
        let b = book(vec![rule("dont-know", &["不知道", "我不知道"], &[])]);
        let s = b.scan("我不知道");
        assert_eq!(s.hits, vec![Hit { rule: 0, start: 0, end: 4 }]);
    }

    #[test]
    fn a_phrase_shared_by_two_rules_hits_both() {
        let b = book(vec![rule("a", &["不管"], &[]), rule("b", &["我们不管"], &[])]);
        let s = b.scan("我们不管");
        assert_eq!(s.hits.len(), 2);
    }

    #[test]
    fn company_placeholder_expands_to_name_and_aliases() {
        let company = Company { name: "中海物业".into(), aliases: vec!["中海".into()] };
        let mut b = RuleBookBuilder::new();
        b.add(rule("g", &["您好{company}"], &[]), false);
        let with = b.build(Some(&company));
        assert_eq!(with.scan("您好，中海").hits.len(), 1);
        assert_eq!(with.scan("您好，中海物业").hits.len(), 1);
        let mut b = RuleBookBuilder::new();
        b.add(rule("g", &["您好{company}"], &[]), false);
        assert_eq!(b.build(None).pattern_count(), 0);
    }
}
