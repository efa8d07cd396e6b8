//! Validation: every check `courtesy validate` runs on a scenario or rule
//! set beyond what parsing catches. A scenario goes through
//! [`SCENARIO_STEPS`], an ordered list of named steps, each a function of
//! the compiled scenario that reports what it finds: ids, references, node
//! shapes, the dialogue graph, and the scenario's model answers and examples,
//! which are judged here as a trainee's reply would be.

use std::collections::HashMap;
use std::collections::{HashSet, VecDeque};

use crate::compile::{CompiledScenario, LoadedRuleSet};
use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::judge::pattern::{self, PatternError};
use crate::judge::text::normalize_phrase;
use crate::model::{Node, Prompt, Rule, Verdict, When};
/// Checks a rule set's own rules.
pub fn rule_set(loaded: &LoadedRuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = &loaded.file;
    let all: Vec<&Rule> = loaded.set.forbidden.iter().chain(&loaded.set.phrases).collect();
    check_rules(file, &all, &mut out);
    out
}

fn check_rules(file: &SourceFile, rules: &[&Rule], out: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<&str> = HashSet::new();
    for rule in rules {
        let at = file.find_field("id", &rule.id);
        if !seen.insert(&rule.id) {
            out.push(
                Diagnostic::at(file, at, Code::DuplicateId).arg("kind", "rule").arg("id", &rule.id),
            );
        }
        if rule.phrases.is_empty() && rule.extends.is_none() {
            out.push(Diagnostic::at(file, at, Code::NoPhrases).arg("rule", &rule.id));
        }
        let from = at.map_or(0, |a| a.0);
        for phrase in rule.phrases.iter().chain(&rule.except) {
            if let Err(e) = pattern::expand(&phrase.replace("{company}", "")) {
                let code = match e {
                    PatternError::Unbalanced(_) => Code::BadPattern,
                    PatternError::TooWide => Code::PatternTooWide,
                };
                out.push(
                    Diagnostic::at(file, file.find_string(phrase, from).or(at), code)
                        .arg("rule", &rule.id)
                        .arg("phrase", phrase)
                        .arg("limit", pattern::MAX_VARIANTS),
                );
                continue;
            }
            let probe = phrase.replace("{company}", "");
            if normalize_phrase(&probe).is_empty() && !phrase.contains("{company}") {
                out.push(
                    Diagnostic::at(file, file.find_string(phrase, from).or(at), Code::EmptyPhrase)
                        .arg("rule", &rule.id)
                        .arg("phrase", phrase),
                );
            }
        }
    }
}

/// Two rule sets with one id.
pub fn duplicate_rule_sets(sets: &[LoadedRuleSet]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &LoadedRuleSet> = HashMap::new();
    let mut out = Vec::new();
    for s in sets {
        if let Some(other) = first.get(s.set.id.as_str()) {
            out.push(
                Diagnostic::at(&s.file, s.file.find_field("id", &s.set.id), Code::DuplicateId)
                    .arg("kind", "rule set")
                    .arg("id", &s.set.id)
                    .arg("other", other.file.path.display().to_string()),
            );
        } else {
            first.insert(&s.set.id, s);
        }
    }
    out
}

/// Two scenarios with one id.
pub fn duplicate_scenarios(scenarios: &[std::sync::Arc<CompiledScenario>]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &CompiledScenario> = HashMap::new();
    let mut out = Vec::new();
    for s in scenarios {
        if let Some(other) = first.get(s.id()) {
            out.push(
                Diagnostic::at(&s.file, s.file.find_field("id", s.id()), Code::DuplicateId)
                    .arg("kind", "scenario")
                    .arg("id", s.id())
                    .arg("other", other.file.path.display().to_string()),
            );
        } else {
            first.insert(s.id(), s);
        }
    }
    out
}

/// What a scenario step sees: the compiled scenario and every rule set.
pub struct StepInput<'a> {
    /// The scenario being checked.
    pub compiled: &'a CompiledScenario,
    /// Every rule set of the library.
    pub rule_sets: &'a [LoadedRuleSet],
}

impl StepInput<'_> {
    fn file(&self) -> &SourceFile {
        &self.compiled.file
    }

    fn err(&self, span: Option<(usize, usize)>, code: Code) -> Diagnostic {
        Diagnostic::at(self.file(), span, code)
    }

    /// Where a node's `id:` field is, and the byte offset searches start from.
    fn node_at(&self, node: &Node) -> (Option<(usize, usize)>, usize) {
        let at = self.file().find_field("id", &node.id);
        (at, at.map_or(0, |a| a.0))
    }
}

/// A named check of a scenario.
pub type Step = fn(&StepInput, &mut Vec<Diagnostic>);

/// The checks run on every scenario, in order.
pub const SCENARIO_STEPS: &[(&str, Step)] = &[
    ("file named after the id", file_named_after_id),
    ("pass mark in range", pass_mark_in_range),
    ("applied rule sets exist", applied_rule_sets_exist),
    ("local rules are sound", local_rules_are_sound),
    ("the rule book is not too big", rule_book_size),
    ("the scenario-wide forbid names rules", scenario_forbid_exists),
    ("cast ids are unique", cast_ids_are_unique),
    ("node ids are unique and start exists", node_ids_are_unique),
    ("nodes are well formed", nodes_are_well_formed),
    ("branches lead somewhere", branches_lead_somewhere),
    ("every node reachable and able to end", graph_reaches_an_ending),
    ("model answers pass their node", model_answers_pass),
    ("examples get their verdict", examples_get_their_verdict),
];

/// Every check on one scenario.
pub fn scenario(compiled: &CompiledScenario, rule_sets: &[LoadedRuleSet]) -> Vec<Diagnostic> {
    let input = StepInput { compiled, rule_sets };
    let mut out = Vec::new();
    for (_, step) in SCENARIO_STEPS {
        step(&input, &mut out);
    }
    out
}

fn file_named_after_id(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let s = &input.compiled.scenario;
    let file = input.file();
    if let Some(stem) = file.path.file_stem().and_then(|x| x.to_str())
        && stem != s.id
    {
        out.push(
            input
                .err(file.find_field("id", &s.id), Code::IdFilename)
                .arg("id", &s.id)
                .arg("file", stem),
        );
    }
}

fn pass_mark_in_range(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let mark = input.compiled.scenario.pass_mark;
    if mark > 100 {
        out.push(input.err(None, Code::BadPassMark).arg("value", mark));
    }
}

/// The scenario-wide `forbid` names rules that exist.
fn scenario_forbid_exists(input: &StepInput, out: &mut Vec<Diagnostic>) {
    for id in &input.compiled.scenario.forbid {
        if input.compiled.book.index_of(id).is_none() {
            out.push(
                input
                    .err(input.file().find_string(id, 0), Code::UnknownRule)
                    .arg("id", id)
                    .arg("node", "forbid"),
            );
        }
    }
}

fn rule_book_size(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let count = input.compiled.book.pattern_count();
    if count > crate::judge::rules::MAX_PATTERNS {
        out.push(
            input
                .err(None, Code::TooManyPhrases)
                .arg("count", count)
                .arg("limit", crate::judge::rules::MAX_PATTERNS),
        );
    }
}

fn applied_rule_sets_exist(input: &StepInput, out: &mut Vec<Diagnostic>) {
    for id in &input.compiled.scenario.apply {
        if !input.rule_sets.iter().any(|r| &r.set.id == id) {
            out.push(
                input.err(input.file().find_string(id, 0), Code::UnknownRuleSet).arg("id", id),
            );
        }
    }
}

/// The scenario's own rules, and their clash with applied rule ids.
fn local_rules_are_sound(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let s = &input.compiled.scenario;
    let file = input.file();
    let local: Vec<&Rule> = s.rules.iter().collect();
    check_rules(file, &local, out);
    for rule in &s.rules {
        if let Some(base) = &rule.extends
            && crate::compile::applied_rule(base, &s.apply, input.rule_sets).is_none()
        {
            out.push(
                input
                    .err(file.find_field("extends", base), Code::UnknownRule)
                    .arg("id", base)
                    .arg("node", &rule.id),
            );
        }
        for set in input.rule_sets.iter().filter(|r| s.apply.contains(&r.set.id)) {
            if set.set.forbidden.iter().chain(&set.set.phrases).any(|r| r.id == rule.id) {
                out.push(
                    input
                        .err(file.find_field("id", &rule.id), Code::DuplicateId)
                        .arg("kind", "rule")
                        .arg("id", &rule.id)
                        .arg("other", set.file.path.display().to_string()),
                );
            }
        }
    }
}

fn cast_ids_are_unique(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for p in &input.compiled.scenario.cast {
        if !seen.insert(p.id.as_str()) {
            out.push(
                input
                    .err(input.file().find_field("id", &p.id), Code::DuplicateId)
                    .arg("kind", "cast")
                    .arg("id", &p.id),
            );
        }
    }
}

fn node_ids_are_unique(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let s = &input.compiled.scenario;
    let file = input.file();
    let mut seen = HashSet::new();
    for node in &s.nodes {
        if !seen.insert(node.id.as_str()) {
            out.push(
                input
                    .err(file.find_field("id", &node.id), Code::DuplicateId)
                    .arg("kind", "node")
                    .arg("id", &node.id),
            );
        }
    }
    if input.compiled.node_index(&s.start).is_none() {
        out.push(
            input.err(file.find_field("start", &s.start), Code::DanglingRef).arg("id", &s.start),
        );
    }
}

/// Each node: a known speaker, a sane time limit, a prompt or an ending (not
/// both), rules and options that exist, and branches for every outcome.
fn nodes_are_well_formed(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let compiled = input.compiled;
    let file = input.file();
    let cast: HashSet<&str> = compiled.scenario.cast.iter().map(|p| p.id.as_str()).collect();
    for node in &compiled.scenario.nodes {
        let (at, from) = input.node_at(node);
        if let Some(speaker) = &node.speaker
            && !cast.contains(speaker.as_str())
        {
            out.push(
                input
                    .err(file.find_string(speaker, from), Code::UnknownSpeaker)
                    .arg("id", speaker)
                    .arg("node", &node.id),
            );
        }
        if let Some(limit) = node.time_limit
            && !(limit.seconds.is_finite() && limit.seconds > 0.0)
        {
            out.push(input.err(at, Code::BadTimeLimit).arg("node", &node.id));
        }
        match (&node.prompt, &node.ending) {
            (None, None) => out.push(input.err(at, Code::NoPrompt).arg("node", &node.id)),
            (Some(_), Some(_)) => {
                out.push(input.err(at, Code::EndingWithPrompt).arg("node", &node.id))
            }
            (None, Some(_)) if !node.next.is_empty() => {
                out.push(input.err(at, Code::EndingWithPrompt).arg("node", &node.id))
            }
            _ => {}
        }
        let Some(prompt) = &node.prompt else { continue };
        match prompt {
            Prompt::Reply { require, forbid, core, order, echo, third_person } => {
                if *echo && crate::compile::echo_numbers(&node.says).is_empty() {
                    out.push(input.err(at, Code::EchoWithoutNumber).arg("node", &node.id));
                }
                let ordered = order.iter().flat_map(|(a, b)| [a, b]);
                for id in
                    require.iter().chain(forbid).chain(core).chain(ordered).chain(third_person)
                {
                    if compiled.book.index_of(id).is_none() {
                        out.push(
                            input
                                .err(file.find_string(id, from), Code::UnknownRule)
                                .arg("id", id)
                                .arg("node", &node.id),
                        );
                    }
                }
            }
            Prompt::Choice { options } | Prompt::Action { options } => {
                if options.is_empty() {
                    out.push(input.err(at, Code::NoOptions).arg("node", &node.id));
                } else if !options.iter().any(|o| o.good) {
                    out.push(input.err(at, Code::NoGoodOption).arg("node", &node.id).warning());
                }
                let mut ids = HashSet::new();
                for o in options {
                    if !ids.insert(o.id.as_str()) {
                        out.push(
                            input
                                .err(file.find_field("id", &o.id), Code::DuplicateId)
                                .arg("kind", "option")
                                .arg("id", &o.id),
                        );
                    }
                }
            }
        }
        if node.next.is_empty() {
            out.push(input.err(at, Code::NoBranch).arg("node", &node.id));
        } else if !branches_cover_every_outcome(node) {
            out.push(input.err(at, Code::NonExhaustive).arg("node", &node.id));
        }
    }
}

/// Branch targets exist, and branch conditions name rules and options that do.
fn branches_lead_somewhere(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let compiled = input.compiled;
    let file = input.file();
    for node in &compiled.scenario.nodes {
        let (at, from) = input.node_at(node);
        for branch in &node.next {
            if compiled.node_index(&branch.goto).is_none() {
                out.push(
                    input
                        .err(file.find_string(&branch.goto, from), Code::DanglingRef)
                        .arg("id", &branch.goto)
                        .arg("node", &node.id),
                );
            }
            match &branch.when {
                When::Hit(id) | When::Missed(id) if compiled.book.index_of(id).is_none() => out
                    .push(
                        input
                            .err(file.find_string(id, from), Code::UnknownRule)
                            .arg("id", id)
                            .arg("node", &node.id),
                    ),
                When::Chose(id)
                    if !node
                        .prompt
                        .as_ref()
                        .is_some_and(|p| p.options().iter().any(|o| &o.id == id)) =>
                {
                    out.push(
                        input
                            .err(file.find_string(id, from), Code::UnknownOption)
                            .arg("id", id)
                            .arg("node", &node.id),
                    )
                }
                When::Visited(id) if compiled.node_index(id).is_none() => out.push(
                    input
                        .err(file.find_string(id, from), Code::DanglingRef)
                        .arg("id", id)
                        .arg("node", &node.id),
                ),
                When::TimedOut if node.time_limit.is_none() => out
                    .push(input.err(at, Code::TimeoutWithoutLimit).arg("node", &node.id).warning()),
                _ => {}
            }
        }
    }
}

/// Every node is reachable from the start and can reach an ending.
fn graph_reaches_an_ending(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let compiled = input.compiled;
    let s = &compiled.scenario;
    let Some(start) = compiled.node_index(&s.start) else { return };
    let n = s.nodes.len();
    let edges: Vec<Vec<usize>> = s
        .nodes
        .iter()
        .map(|node| node.next.iter().filter_map(|b| compiled.node_index(&b.goto)).collect())
        .collect();
    let reachable = bfs(&[start], |i| edges[i].clone(), n);
    let mut reverse = vec![Vec::new(); n];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            reverse[to].push(from);
        }
    }
    let endings: Vec<usize> = (0..n).filter(|&i| s.nodes[i].ending.is_some()).collect();
    let can_end = bfs(&endings, |i| reverse[i].clone(), n);
    for (i, node) in s.nodes.iter().enumerate() {
        let (at, _) = input.node_at(node);
        if !reachable[i] {
            out.push(input.err(at, Code::Unreachable).arg("node", &node.id).warning());
        } else if !can_end[i] {
            out.push(input.err(at, Code::DeadEnd).arg("node", &node.id));
        }
    }
}

/// Model answers of typed-reply nodes must pass their own node.
fn model_answers_pass(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let compiled = input.compiled;
    for (index, node) in compiled.scenario.nodes.iter().enumerate() {
        if !node.prompt.as_ref().is_some_and(Prompt::takes_typed_reply) {
            continue;
        }
        for model in &node.model {
            let result = compiled.score_reply(index, &model.text);
            if !result.passed() {
                out.push(
                    input
                        .err(input.file().find_string(&model.text, 0), Code::ModelFails)
                        .arg("node", &node.id)
                        .arg("score", result.score)
                        .arg("hits", id_list(result.forbidden().iter().map(|h| h.rule.as_str())))
                        .arg("missed", id_list(missed(&result))),
                );
            }
        }
    }
}

/// Each example is judged and must get the verdict (and hits) it expects.
fn examples_get_their_verdict(input: &StepInput, out: &mut Vec<Diagnostic>) {
    let compiled = input.compiled;
    let file = input.file();
    let examples_from = file.text.find("examples:").unwrap_or(0);
    for example in &compiled.scenario.examples {
        let at = file
            .find_string(&example.reply, examples_from)
            .or_else(|| file.find_string(&example.node, examples_from));
        let Some(index) = compiled.node_index(&example.node) else {
            out.push(
                input.err(at, Code::DanglingRef).arg("id", &example.node).arg("node", "examples"),
            );
            continue;
        };
        if !compiled.node(index).prompt.as_ref().is_some_and(Prompt::takes_typed_reply) {
            out.push(input.err(at, Code::BadExample).arg("node", &example.node));
            continue;
        }
        let result = compiled.score_reply(index, &example.reply);
        let missing_hits: Vec<&str> =
            example.hits.iter().filter(|id| !result.hit_rule(id)).map(String::as_str).collect();
        if result.verdict != example.expect || !missing_hits.is_empty() {
            out.push(
                input
                    .err(at, Code::ExampleMismatch)
                    .arg("reply", &example.reply)
                    .arg("expected", verdict_word(example.expect))
                    .arg("got", verdict_word(result.verdict))
                    .arg("score", result.score)
                    .arg("hits", id_list(result.forbidden().iter().map(|h| h.rule.as_str())))
                    .arg("missed", id_list(missed(&result)))
                    .arg("expected-hits", id_list(missing_hits.into_iter()))
                    .warning_if(example.review.is_some()),
            );
        }
    }
}

fn missed(result: &crate::judge::TurnResult) -> impl Iterator<Item = &str> {
    result.required().iter().filter(|r| !r.met).map(|r| r.rule.as_str())
}

/// Rule ids joined by commas, or `-` for none.
fn id_list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    if ids.is_empty() { "-".into() } else { ids.join(", ") }
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
    }
}

/// Does some branch match every outcome the prompt can have?
fn branches_cover_every_outcome(node: &Node) -> bool {
    let has = |f: &dyn Fn(&When) -> bool| node.next.iter().any(|b| f(&b.when));
    if has(&|w| *w == When::Always) {
        return true;
    }
    let passed = has(&|w| *w == When::Passed);
    let failed = has(&|w| *w == When::Failed);
    let timeout_ok = node.time_limit.is_none() || failed || has(&|w| *w == When::TimedOut);
    let outcomes_ok = match &node.prompt {
        Some(Prompt::Reply { .. }) => passed && failed,
        Some(Prompt::Choice { options } | Prompt::Action { options }) => options.iter().all(|o| {
            (o.good && passed)
                || (!o.good && failed)
                || has(&|w| matches!(w, When::Chose(id) if *id == o.id))
        }),
        None => true,
    };
    outcomes_ok && timeout_ok
}

fn bfs(starts: &[usize], next: impl Fn(usize) -> Vec<usize>, n: usize) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut queue: VecDeque<usize> = VecDeque::new();
    for &s in starts {
        if !seen[s] {
            seen[s] = true;
            queue.push_back(s);
        }
    }
    while let Some(i) = queue.pop_front() {
        for j in next(i) {
            if !seen[j] {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    seen
}
