//! Compiling: a parsed scenario becomes a [`CompiledScenario`], ready to play
//! and to judge. Its rules and those of the rule sets it applies go into one
//! [`RuleBook`] (one automaton), and each node's rule lists are resolved
//! once into [`NodeRules`]. Missing references are skipped here; `validate`
//! reports them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::judge::rules::{Patterns, RuleBook, RuleBookBuilder, RuleIndex};
use crate::judge::{NodeRules, TurnResult, score};
use crate::model::{Category, Node, Prompt, Rule, RuleSet, Scenario};

/// A rule set with the file it came from, its phrases compiled once for
/// every scenario that applies it.
#[derive(Debug, Clone)]
pub struct LoadedRuleSet {
    /// The parsed set.
    pub set: RuleSet,
    /// Its file, for diagnostics.
    pub file: SourceFile,
    /// Its phrases, compiled (all but those naming `{company}`).
    pub patterns: Arc<Patterns>,
}

impl LoadedRuleSet {
    /// A parsed set, compiled.
    pub fn new(set: RuleSet, file: SourceFile) -> LoadedRuleSet {
        let patterns = Arc::new(Patterns::of_rule_set(&set));
        LoadedRuleSet { set, file, patterns }
    }
}

/// A scenario ready to play: parsed, with its rules compiled and every
/// typed-reply node's rules resolved.
#[derive(Debug)]
pub struct CompiledScenario {
    /// The scenario as written.
    pub scenario: Scenario,
    /// Its file, for diagnostics.
    pub file: SourceFile,
    /// Every rule it can use, compiled.
    pub book: RuleBook,
    node_index: HashMap<String, usize>,
    /// Per node, in node order; empty lists for nodes without a typed reply.
    node_rules: Vec<NodeRules>,
}

impl CompiledScenario {
    /// Compiles `scenario` against the rule sets it applies.
    pub fn new(scenario: Scenario, file: SourceFile, rule_sets: &[LoadedRuleSet]) -> Self {
        let mut builder = RuleBookBuilder::new();
        for rule in &scenario.rules {
            builder.add(extended(rule, &scenario.apply, rule_sets), false);
        }
        for id in &scenario.apply {
            if let Some(loaded) = rule_sets.iter().find(|s| &s.set.id == id) {
                builder.add_compiled_rule_set(&loaded.set, Arc::clone(&loaded.patterns));
            }
        }
        let book = builder.build(Some(&scenario.company));
        // The first node of an id wins (validation reports duplicates).
        let node_index =
            scenario.nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).rev().collect();
        let node_rules =
            scenario.nodes.iter().map(|node| resolve(&book, &scenario, node)).collect();
        CompiledScenario { scenario, file, book, node_index, node_rules }
    }

    /// The scenario's id.
    pub fn id(&self) -> &str {
        &self.scenario.id
    }

    /// The index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.node_index.get(id).copied()
    }

    /// The node at an index.
    pub fn node(&self, index: usize) -> &Node {
        &self.scenario.nodes[index]
    }

    /// The node with this id.
    pub fn node_by_id(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|i| self.node(i))
    }

    /// What a typed reply at the node is judged against.
    pub fn node_rules(&self, index: usize) -> &NodeRules {
        &self.node_rules[index]
    }

    /// The category a turn at the node counts towards when it gets no
    /// answer in time: the good option's (or the first option's) for a
    /// choice, the first core (or required) act's for a typed reply.
    pub fn node_category(&self, index: usize) -> Option<Category> {
        match self.node(index).prompt.as_ref()? {
            Prompt::Choice { options } | Prompt::Action { options } => {
                options.iter().find(|o| o.good).or(options.first()).map(|o| o.category)
            }
            Prompt::Reply { .. } => {
                let rules = self.node_rules(index);
                let first = rules.core.first().or(rules.required.first())?;
                Some(self.book.rule(*first).category)
            }
        }
    }

    /// Judges a typed reply at the node.
    pub fn score_reply(&self, index: usize, reply: &str) -> TurnResult {
        score(&self.book, self.node_rules(index), reply)
    }

    /// How a rule is named to a trainee: its short name, its right wording
    /// (suggestion), its first phrase, or its id.
    pub fn rule_label(&self, id: &str) -> String {
        match self.book.index_of(id).map(|i| self.book.rule(i)) {
            Some(rule) => rule
                .name
                .clone()
                .or_else(|| rule.suggestion.clone())
                .or_else(|| rule.phrases.first().cloned())
                .unwrap_or_else(|| id.to_string()),
            None => id.to_string(),
        }
    }
}

/// The rule of an applied set that `id` names, if any.
pub fn applied_rule<'a>(
    id: &str,
    apply: &[String],
    rule_sets: &'a [LoadedRuleSet],
) -> Option<&'a Rule> {
    apply
        .iter()
        .filter_map(|set| rule_sets.iter().find(|s| &s.set.id == set))
        .flat_map(|s| s.set.phrases.iter().chain(&s.set.forbidden))
        .find(|r| r.id == id)
}

/// A local rule with the rule it extends folded in: the base's phrases (but
/// those in `without`) and exceptions, then its own. A rule that extends
/// nothing, or an unknown rule (`validate` reports it), is as written.
fn extended(rule: &Rule, apply: &[String], rule_sets: &[LoadedRuleSet]) -> Rule {
    let Some(base) = rule.extends.as_deref().and_then(|id| applied_rule(id, apply, rule_sets))
    else {
        return rule.clone();
    };
    let mut merged = rule.clone();
    merged.phrases = base
        .phrases
        .iter()
        .filter(|p| !rule.without.contains(p))
        .chain(&rule.phrases)
        .cloned()
        .collect();
    merged.except = base.except.iter().chain(&rule.except).cloned().collect();
    merged
}

/// The numbers a customer's lines give, for an `echo` node: every run of
/// three digits or more, as normalised (`138××××5678` is `1385678`, since
/// the masks are not letters).
pub fn echo_numbers(lines: &[String]) -> Vec<String> {
    let mut numbers: Vec<String> = Vec::new();
    for line in lines {
        let text = crate::judge::text::normalize(line).text;
        for run in text.split(|c: char| !c.is_ascii_digit()).filter(|r| r.len() >= 3) {
            if !numbers.iter().any(|n| n == run) {
                numbers.push(run.to_string());
            }
        }
    }
    numbers
}

/// A node's required and forbidden rules as indices; every reply also
/// answers to the applied sets' forbidden rules and the scenario's `forbid`.
fn resolve(book: &RuleBook, scenario: &Scenario, node: &Node) -> NodeRules {
    let pass_mark = scenario.pass_mark;
    let indices = |ids: &[String]| -> Vec<RuleIndex> {
        ids.iter().filter_map(|id| book.index_of(id)).collect()
    };
    let (mut required, own_forbidden, core, order, echo, third_person) = match &node.prompt {
        Some(Prompt::Reply { require, forbid, core, order, echo, third_person }) => {
            let pairs = order
                .iter()
                .filter_map(|(a, b)| Some((book.index_of(a)?, book.index_of(b)?)))
                .collect();
            let echo = if *echo { echo_numbers(&node.says) } else { Vec::new() };
            let third_person = third_person.as_deref().and_then(|id| book.index_of(id));
            (indices(require), indices(forbid), indices(core), pairs, echo, third_person)
        }
        Some(Prompt::Choice { .. } | Prompt::Action { .. }) | None => {
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), None)
        }
    };
    for c in &core {
        if !required.contains(c) {
            required.push(*c);
        }
    }
    let mut forbidden = book.always_forbidden().to_vec();
    let scenario_wide = if node.prompt.as_ref().is_some_and(Prompt::takes_typed_reply) {
        indices(&scenario.forbid)
    } else {
        Vec::new()
    };
    for f in own_forbidden.into_iter().chain(scenario_wide) {
        if !forbidden.contains(&f) {
            forbidden.push(f);
        }
    }
    NodeRules { required, forbidden, core, order, echo, third_person, pass_mark }
}
