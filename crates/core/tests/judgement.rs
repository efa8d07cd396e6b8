//! Judgement measured on the labelled corpus (tests/data/judgement/): good
//! replies written in many voices must pass and bad ones fail, at least as
//! often as the floor recorded in docs/judgement.md. The corpus was written
//! and labelled from the manuals by people who had not read the rules.

use std::path::{Path, PathBuf};

use courtesy_core::Library;
use courtesy_core::measure::{measure, read_corpus};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A floor line of docs/judgement.md: `Floor: accuracy A, good replies
/// passed G, bad replies failed B` (fractions), or the same after
/// `Held-out floor:`.
fn floor(doc: &Path, label: &str) -> (f64, f64, f64) {
    let text = std::fs::read_to_string(doc).unwrap();
    let line = text.lines().find(|l| l.starts_with(label)).expect("a floor line");
    let number = |key: &str| -> f64 {
        let at = line.find(key).unwrap_or_else(|| panic!("{key} in {line}")) + key.len();
        line[at..].trim_start().split([',', ' ']).next().unwrap().parse().unwrap()
    };
    (number("accuracy"), number("good replies passed"), number("bad replies failed"))
}

#[test]
fn judgement_on_the_corpus_stays_at_or_above_the_recorded_floor() {
    stays_above_the_floor("tests/data/judgement", "Floor:", 800);
}

/// The held-out corpus was written after the rules were tuned, by writers
/// who saw neither the rules nor the development corpus; nobody tunes rules
/// on it. It measures judgement on words the rules were not fitted to.
#[test]
fn judgement_on_the_held_out_corpus_stays_at_or_above_its_floor() {
    stays_above_the_floor("tests/data/judgement-holdout", "Held-out floor:", 400);
}

fn stays_above_the_floor(folder: &str, label: &str, at_least: usize) {
    let library = Library::load(&[root().join("scenarios")]);
    let corpus = read_corpus(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder)).unwrap();
    assert!(corpus.len() >= at_least, "the corpus has {} replies", corpus.len());
    let m = measure(&library, &corpus);
    assert!(m.unknown.is_empty(), "rows for no typed-reply node: {:#?}", m.unknown);
    let reply_nodes: usize = library
        .scenarios
        .iter()
        .flat_map(|s| &s.scenario.nodes)
        .filter(|n| n.prompt.as_ref().is_some_and(|p| p.takes_typed_reply()))
        .count();
    assert_eq!(m.by_node.len(), reply_nodes, "every reply node has labelled replies");
    let (accuracy, good, bad) = floor(&root().join("docs/judgement.md"), label);
    let o = m.overall;
    let report = format!(
        "accuracy {:.3}, good replies passed {:.3}, bad replies failed {:.3}",
        o.accuracy(),
        o.good_passed_rate(),
        o.bad_failed_rate()
    );
    println!("{report}");
    assert!(o.accuracy() >= accuracy, "below the floor: {report}");
    assert!(o.good_passed_rate() >= good, "below the floor: {report}");
    assert!(o.bad_failed_rate() >= bad, "below the floor: {report}");
}

#[test]
fn a_recited_formula_passes_no_reply_node() {
    let library = Library::load(&[root().join("scenarios")]);
    let formulas = [
        "您好请稍等对不起谢谢再见",
        "您好，对不起，请您稍等，谢谢，再见！",
        "對不起！請稍等。謝謝您，再見",
        "你好你好，不好意思，稍等一下，感谢，慢走",
    ];
    let mut passed = Vec::new();
    for scenario in &library.scenarios {
        for (index, node) in scenario.scenario.nodes.iter().enumerate() {
            if !node.prompt.as_ref().is_some_and(|p| p.takes_typed_reply()) {
                continue;
            }
            for formula in formulas {
                if scenario.score_reply(index, formula).passed() {
                    passed.push(format!("{}/{}: {formula}", scenario.id(), node.id));
                }
            }
        }
    }
    assert!(passed.is_empty(), "recited formulas passed: {passed:#?}");
}

/// The replies issue #8 quotes, at their nodes: the good ones pass, the bad
/// ones fail.
#[test]
fn the_replies_the_issue_quotes_get_the_trainers_verdict() {
    let library = Library::load(&[root().join("scenarios")]);
    let cases: &[(&str, &str, &str, bool)] = &[
        ("phone-three-rings", "query", "好的，我帮您查一下，您稍等", true),
        ("call-for-manager", "close", "好的，我记下了，会尽快转告主任，再见", true),
        ("key-borrowing-visitor", "confirm", "陶先生，请稍等，我给业主打个电话确认一下", true),
        ("gate-guard-asleep", "ask-way", "请问有什么可以帮到你们？我带你们去吧！", true),
        ("caller-too-quiet", "faint", "不好意思，麻烦您说话大点声好吗？", true),
        ("unknown-question", "ask", "您好请稍等对不起谢谢再见", false),
        ("gift-refusal", "red-envelope", "谢谢您，那我就拿着了", false),
        ("angry-customer", "storm-in", "对不起，爱买不买", false),
        ("angry-customer", "storm-in", "对不起，少废话", false),
        ("angry-customer", "storm-in", "对不起，那是你的问题", false),
        ("angry-customer", "storm-in", "对不起，有意见你去投诉啊", false),
        ("angry-customer", "storm-in", "对不起，你怎么这么麻烦", false),
        ("angry-customer", "storm-in", "对不起，您搞错了吧", false),
    ];
    let mut wrong = Vec::new();
    for &(scenario, node, reply, good) in cases {
        let s = library.scenarios.iter().find(|s| s.id() == scenario).expect(scenario);
        let index = s.node_index(node).expect(node);
        let result = s.score_reply(index, reply);
        if result.passed() != good {
            wrong.push(format!(
                "{scenario}/{node}: {reply} → {:?} {:?}",
                result.verdict, result.reasons
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
