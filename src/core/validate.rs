//! Validation: every check `courtesy validate` runs on a scenario or rule set
//! beyond what parsing catches — ids, references, the shape of the dialogue
//! graph, rules, and the scenario's own examples, which are scored here.

use std::collections::{HashMap, HashSet, VecDeque};

use super::diagnostic::{Diagnostic, SourceFile};
use super::library::{LoadedRuleSet, PreparedScenario};
use super::model::{Prompt, Rule, Verdict, When};
use super::scoring::score_reply;
use super::text::normalize_phrase;

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
                Diagnostic::at(file, at, "duplicate-id").arg("kind", "rule").arg("id", &rule.id),
            );
        }
        if rule.phrases.is_empty() {
            out.push(Diagnostic::at(file, at, "no-phrases").arg("rule", &rule.id));
        }
        let from = at.map_or(0, |a| a.0);
        for phrase in rule.phrases.iter().chain(&rule.except) {
            let probe = phrase.replace("{company}", "");
            if normalize_phrase(&probe).is_empty() && !phrase.contains("{company}") {
                out.push(
                    Diagnostic::at(file, file.find_string(phrase, from).or(at), "empty-phrase")
                        .arg("rule", &rule.id)
                        .arg("phrase", phrase),
                );
            }
        }
    }
}

pub fn duplicate_rule_sets(sets: &[LoadedRuleSet]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &LoadedRuleSet> = HashMap::new();
    let mut out = Vec::new();
    for s in sets {
        if let Some(other) = first.get(s.set.id.as_str()) {
            out.push(
                Diagnostic::at(&s.file, s.file.find_field("id", &s.set.id), "duplicate-id")
                    .arg("kind", "rule set")
                    .arg("id", &s.set.id)
                    .arg("other", other.file.path.display()),
            );
        } else {
            first.insert(&s.set.id, s);
        }
    }
    out
}

pub fn duplicate_scenarios(scenarios: &[std::sync::Arc<PreparedScenario>]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &PreparedScenario> = HashMap::new();
    let mut out = Vec::new();
    for s in scenarios {
        if let Some(other) = first.get(s.id()) {
            out.push(
                Diagnostic::at(&s.file, s.file.find_field("id", s.id()), "duplicate-id")
                    .arg("kind", "scenario")
                    .arg("id", s.id())
                    .arg("other", other.file.path.display()),
            );
        } else {
            first.insert(s.id(), s);
        }
    }
    out
}

/// Every check on one scenario.
pub fn scenario(prepared: &PreparedScenario, rule_sets: &[LoadedRuleSet]) -> Vec<Diagnostic> {
    let s = &prepared.scenario;
    let file = &prepared.file;
    let mut out = Vec::new();
    let err = |span, code| Diagnostic::at(file, span, code);

    // The file is named after the scenario.
    if let Some(stem) = file.path.file_stem().and_then(|x| x.to_str())
        && stem != s.id
    {
        out.push(
            err(file.find_field("id", &s.id), "id-filename").arg("id", &s.id).arg("file", stem),
        );
    }
    if s.pass_mark > 100 {
        out.push(err(None, "bad-pass-mark").arg("value", s.pass_mark));
    }

    // Rule sets applied.
    for id in &s.apply {
        if !rule_sets.iter().any(|r| &r.set.id == id) {
            out.push(err(file.find_string(id, 0), "unknown-rule-set").arg("id", id));
        }
    }
    // Local rules, and their clash with applied rule ids.
    let local: Vec<&Rule> = s.rules.iter().collect();
    check_rules(file, &local, &mut out);
    for rule in &s.rules {
        for set in rule_sets.iter().filter(|r| s.apply.contains(&r.set.id)) {
            if set.set.forbidden.iter().chain(&set.set.phrases).any(|r| r.id == rule.id) {
                out.push(
                    err(file.find_field("id", &rule.id), "duplicate-id")
                        .arg("kind", "rule")
                        .arg("id", &rule.id)
                        .arg("other", set.file.path.display()),
                );
            }
        }
    }

    // Cast.
    let mut cast_ids = HashSet::new();
    for p in &s.cast {
        if !cast_ids.insert(p.id.as_str()) {
            out.push(
                err(file.find_field("id", &p.id), "duplicate-id")
                    .arg("kind", "cast")
                    .arg("id", &p.id),
            );
        }
    }

    // Nodes.
    let mut node_ids = HashSet::new();
    for node in &s.nodes {
        if !node_ids.insert(node.id.as_str()) {
            out.push(
                err(file.find_field("id", &node.id), "duplicate-id")
                    .arg("kind", "node")
                    .arg("id", &node.id),
            );
        }
    }
    if prepared.node_index(&s.start).is_none() {
        out.push(err(file.find_field("start", &s.start), "dangling-ref").arg("id", &s.start));
    }
    for node in &s.nodes {
        let at = file.find_field("id", &node.id);
        let from = at.map_or(0, |a| a.0);
        if let Some(speaker) = &node.speaker
            && !cast_ids.contains(speaker.as_str())
        {
            out.push(
                err(file.find_string(speaker, from), "unknown-speaker")
                    .arg("id", speaker)
                    .arg("node", &node.id),
            );
        }
        if let Some(limit) = node.time_limit
            && !(limit.seconds.is_finite() && limit.seconds > 0.0)
        {
            out.push(err(at, "bad-time-limit").arg("node", &node.id));
        }
        match (&node.prompt, &node.ending) {
            (None, None) => out.push(err(at, "no-prompt").arg("node", &node.id)),
            (Some(_), Some(_)) => out.push(err(at, "ending-with-prompt").arg("node", &node.id)),
            (None, Some(_)) if !node.next.is_empty() => {
                out.push(err(at, "ending-with-prompt").arg("node", &node.id))
            }
            _ => {}
        }
        if let Some(prompt) = &node.prompt {
            match prompt {
                Prompt::Reply { require, forbid } => {
                    for id in require.iter().chain(forbid) {
                        if prepared.book.index_of(id).is_none() {
                            out.push(
                                err(file.find_string(id, from), "unknown-rule")
                                    .arg("id", id)
                                    .arg("node", &node.id),
                            );
                        }
                    }
                }
                Prompt::Choice { options } | Prompt::Action { options } => {
                    if options.is_empty() {
                        out.push(err(at, "no-options").arg("node", &node.id));
                    } else if !options.iter().any(|o| o.good) {
                        out.push(err(at, "no-good-option").arg("node", &node.id).warning());
                    }
                    let mut ids = HashSet::new();
                    for o in options {
                        if !ids.insert(o.id.as_str()) {
                            out.push(
                                err(file.find_field("id", &o.id), "duplicate-id")
                                    .arg("kind", "option")
                                    .arg("id", &o.id),
                            );
                        }
                    }
                }
            }
            if node.next.is_empty() {
                out.push(err(at, "no-branch").arg("node", &node.id));
            } else if !branches_cover_every_outcome(node) {
                out.push(err(at, "non-exhaustive").arg("node", &node.id));
            }
        }
        for branch in &node.next {
            if prepared.node_index(&branch.goto).is_none() {
                out.push(
                    err(file.find_string(&branch.goto, from), "dangling-ref")
                        .arg("id", &branch.goto)
                        .arg("node", &node.id),
                );
            }
            match &branch.when {
                When::Hit(id) | When::Missed(id) if prepared.book.index_of(id).is_none() => out
                    .push(
                        err(file.find_string(id, from), "unknown-rule")
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
                        err(file.find_string(id, from), "unknown-option")
                            .arg("id", id)
                            .arg("node", &node.id),
                    )
                }
                When::TimedOut if node.time_limit.is_none() => {
                    out.push(err(at, "timeout-without-limit").arg("node", &node.id).warning())
                }
                _ => {}
            }
        }
    }

    // Graph shape: reachable from start, and able to reach an ending.
    if let Some(start) = prepared.node_index(&s.start) {
        let n = s.nodes.len();
        let edges: Vec<Vec<usize>> = s
            .nodes
            .iter()
            .map(|node| node.next.iter().filter_map(|b| prepared.node_index(&b.goto)).collect())
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
            let at = file.find_field("id", &node.id);
            if !reachable[i] {
                out.push(err(at, "unreachable").arg("node", &node.id).warning());
            } else if !can_end[i] {
                out.push(err(at, "dead-end").arg("node", &node.id));
            }
        }
    }

    // Model answers of typed-reply nodes must pass their own node.
    for (index, node) in s.nodes.iter().enumerate() {
        if !matches!(node.prompt, Some(Prompt::Reply { .. })) {
            continue;
        }
        for model in &node.model {
            let result = score_reply(
                &prepared.book,
                &model.text,
                prepared.required(index),
                prepared.forbidden(index),
                s.pass_mark,
            );
            if !result.passed() {
                let hits: Vec<&str> = result.forbidden.iter().map(|h| h.rule.as_str()).collect();
                let missed: Vec<&str> =
                    result.required.iter().filter(|r| !r.met).map(|r| r.rule.as_str()).collect();
                out.push(
                    err(file.find_string(&model.text, 0), "model-fails")
                        .arg("node", &node.id)
                        .arg("score", result.score)
                        .arg("hits", if hits.is_empty() { "-".into() } else { hits.join(", ") })
                        .arg(
                            "missed",
                            if missed.is_empty() { "-".into() } else { missed.join(", ") },
                        ),
                );
            }
        }
    }

    // Examples: score each and compare.
    let examples_from = file.text.find("examples:").unwrap_or(0);
    for example in &s.examples {
        let at = file
            .find_string(&example.reply, examples_from)
            .or_else(|| file.find_string(&example.node, examples_from));
        let Some(index) = prepared.node_index(&example.node) else {
            out.push(err(at, "dangling-ref").arg("id", &example.node).arg("node", "examples"));
            continue;
        };
        if !matches!(prepared.node(index).prompt, Some(Prompt::Reply { .. })) {
            out.push(err(at, "bad-example").arg("node", &example.node));
            continue;
        }
        let result = score_reply(
            &prepared.book,
            &example.reply,
            prepared.required(index),
            prepared.forbidden(index),
            s.pass_mark,
        );
        let missing_hits: Vec<&str> = example
            .hits
            .iter()
            .filter(|id| !result.said.contains(id))
            .map(String::as_str)
            .collect();
        if result.verdict != example.expect || !missing_hits.is_empty() {
            let got_hits: Vec<&str> = result.forbidden.iter().map(|h| h.rule.as_str()).collect();
            let missed: Vec<&str> =
                result.required.iter().filter(|r| !r.met).map(|r| r.rule.as_str()).collect();
            out.push(
                err(at, "example-mismatch")
                    .arg("reply", &example.reply)
                    .arg("expected", verdict_word(example.expect))
                    .arg("got", verdict_word(result.verdict))
                    .arg("score", result.score)
                    .arg("hits", if got_hits.is_empty() { "-".into() } else { got_hits.join(", ") })
                    .arg("missed", if missed.is_empty() { "-".into() } else { missed.join(", ") })
                    .arg(
                        "expected-hits",
                        if missing_hits.is_empty() { "-".into() } else { missing_hits.join(", ") },
                    ),
            );
        }
    }
    out
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
    }
}

/// Does some branch match every outcome the prompt can have?
fn branches_cover_every_outcome(node: &super::model::Node) -> bool {
    let has = |f: &dyn Fn(&When) -> bool| node.next.iter().any(|b| f(&b.when));
    if has(&|w| *w == When::Always) {
        return true;
    }
    let passed = has(&|w| *w == When::Passed);
    let failed = has(&|w| *w == When::Failed);
    let timeout_ok = node.time_limit.is_none() || failed || has(&|w| *w == When::TimedOut);
    let outcomes_ok = match &node.prompt {
        Some(Prompt::Reply { .. }) => passed && failed,
        Some(p) => p.options().iter().all(|o| {
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
