//! Data-driven proof of the built-in service-language rules: every forbidden
//! phrase the manuals quote is caught, and every standard phrase they quote is
//! not. The lists live in tests/data with the clause of each line.

use std::path::PathBuf;

use courtesy_core::judge::rules::{RuleBook, RuleBookBuilder};
use courtesy_core::judge::{NodeRules, score};
use courtesy_core::load::Library;

fn built_in() -> RuleBook {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios/phrases");
    let library = Library::load(&[dir]);
    assert_eq!(library.error_count(), 0, "{:#?}", library.diagnostics);
    let set = &library.rule_set("service-language").expect("built-in rule set").set;
    let mut b = RuleBookBuilder::new();
    b.add_rule_set(set);
    b.build(None)
}

/// Lines of `phrase<TAB>clause`, skipping comments and blank lines.
fn data(name: &str) -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (phrase, rest) = l.split_once('\t').unwrap_or_else(|| panic!("no tab in {l:?}"));
            let clause = rest.split('\t').next().unwrap_or_default();
            (phrase.to_string(), clause.to_string())
        })
        .collect()
}

/// The standard phrases with the shared acts each performs (third column).
fn standard_acts() -> Vec<(String, Vec<String>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/standard-quoted.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.split('\t');
            let phrase = cols.next().unwrap().to_string();
            let acts = cols.nth(1).unwrap_or_default();
            (phrase, acts.split(',').filter(|a| !a.is_empty()).map(str::to_string).collect())
        })
        .collect()
}

/// Wherever a node of the library requires an act — by the shared act's id,
/// or by a scenario rule that extends it — each standard phrase the manuals
/// quote for that act meets it there.
#[test]
fn every_standard_phrase_meets_its_act_wherever_the_act_is_required() {
    let library =
        Library::load(&[PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios"))]);
    let phrases = standard_acts();
    assert!(phrases.iter().filter(|(_, acts)| !acts.is_empty()).count() >= 30);
    let (mut checked, mut unmet) = (0, Vec::new());
    for scenario in &library.scenarios {
        for (index, node) in scenario.scenario.nodes.iter().enumerate() {
            let rules = scenario.node_rules(index);
            for &required in &rules.required {
                let rule = scenario.book.rule(required);
                for (phrase, acts) in &phrases {
                    let performs = acts
                        .iter()
                        .any(|a| *a == rule.id || rule.extends.as_deref() == Some(a.as_str()));
                    if !performs {
                        continue;
                    }
                    checked += 1;
                    let result = scenario.score_reply(index, phrase);
                    if !result.required().iter().any(|c| c.rule == rule.id && c.met) {
                        unmet.push(format!("{}/{} {}: {phrase}", scenario.id(), node.id, rule.id));
                    }
                }
            }
        }
    }
    println!("{checked} phrase-at-node checks");
    assert!(checked > 100, "only {checked} checks");
    assert!(unmet.is_empty(), "{} of {checked} unmet: {unmet:#?}", unmet.len());
}

#[test]
fn every_forbidden_phrase_quoted_in_the_manuals_is_caught() {
    let book = built_in();
    let lines = data("forbidden-quoted.tsv");
    assert!(lines.len() >= 30, "the list should cover the manuals, has {}", lines.len());
    let mut missed = Vec::new();
    for (phrase, clause) in &lines {
        let r = score(&book, &NodeRules::forbidden_only(&book), phrase);
        if r.forbidden().is_empty() {
            missed.push(format!("{phrase} ({clause})"));
        }
    }
    assert!(missed.is_empty(), "not caught: {missed:#?}");
}

#[test]
fn no_standard_phrase_quoted_in_the_manuals_is_flagged() {
    let book = built_in();
    let lines = data("standard-quoted.tsv");
    assert!(lines.len() >= 30, "the list should cover the manuals, has {}", lines.len());
    let mut flagged = Vec::new();
    for (phrase, clause) in &lines {
        let r = score(&book, &NodeRules::forbidden_only(&book), phrase);
        if !r.forbidden().is_empty() {
            let hits: Vec<_> =
                r.forbidden().iter().map(|h| format!("{}:{}", h.rule, h.text)).collect();
            flagged.push(format!("{phrase} ({clause}) -> {hits:?}"));
        }
    }
    assert!(flagged.is_empty(), "wrongly flagged: {flagged:#?}");
}

#[test]
fn the_built_in_set_has_the_categories_and_suggestions_it_promises() {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios/phrases");
    let library = Library::load(&[dir]);
    let set = &library.rule_set("service-language").unwrap().set;
    let phrases: usize = set.forbidden.iter().map(|r| r.phrases.len()).sum();
    assert!(phrases >= 80, "{phrases} forbidden phrases");
    let categories: std::collections::HashSet<_> =
        set.forbidden.iter().map(|r| r.category).collect();
    assert!(categories.len() >= 6, "{categories:?}");
    for r in &set.forbidden {
        assert!(r.suggestion.is_some(), "{} has no suggestion", r.id);
        assert!(r.clause.is_some(), "{} has no clause", r.id);
    }
}

/// A forbidden phrase that is only part of a longer word is not said:
/// 天啊 in 今天啊 and 不懂 in 看不懂 (jieba finds the words); 可能 in 不可能
/// (an exception of no-guessing: jieba splits 这不可能 as 这/不/可能).
#[test]
fn a_phrase_inside_a_longer_word_is_not_a_hit() {
    let book = built_in();
    let rules = NodeRules::forbidden_only(&book);
    let hits = |reply: &str| -> Vec<String> {
        score(&book, &rules, reply).forbidden().iter().map(|h| h.rule.clone()).collect()
    };
    assert!(hits("今天啊，您来得正好").is_empty(), "{:?}", hits("今天啊，您来得正好"));
    assert!(!hits("天啊，您怎么又来了").is_empty());
    assert!(hits("您要是看不懂这张表，我来帮您填").is_empty());
    let denial = hits("这不可能");
    assert!(denial.contains(&"no-flat-denial".to_string()), "{denial:?}");
    assert!(!denial.contains(&"no-guessing".to_string()), "{denial:?}");
    assert!(hits("这个可能要等两天").contains(&"no-guessing".to_string()));
}
