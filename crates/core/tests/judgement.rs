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

/// The floor line of docs/judgement.md: `Floor: accuracy A, good replies
/// passed G, bad replies failed B` (fractions).
fn floor(doc: &Path) -> (f64, f64, f64) {
    let text = std::fs::read_to_string(doc).unwrap();
    let line = text.lines().find(|l| l.starts_with("Floor:")).expect("a Floor: line");
    let number = |key: &str| -> f64 {
        let at = line.find(key).unwrap_or_else(|| panic!("{key} in {line}")) + key.len();
        line[at..].trim_start().split([',', ' ']).next().unwrap().parse().unwrap()
    };
    (number("accuracy"), number("good replies passed"), number("bad replies failed"))
}

#[test]
fn judgement_on_the_corpus_stays_at_or_above_the_recorded_floor() {
    let library = Library::load(&[root().join("scenarios")]);
    let corpus =
        read_corpus(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/judgement"))
            .unwrap();
    assert!(corpus.len() >= 800, "the corpus has {} replies", corpus.len());
    let m = measure(&library, &corpus);
    assert!(m.unknown.is_empty(), "rows for no typed-reply node: {:#?}", m.unknown);
    let reply_nodes: usize = library
        .scenarios
        .iter()
        .flat_map(|s| &s.scenario.nodes)
        .filter(|n| n.prompt.as_ref().is_some_and(|p| p.takes_typed_reply()))
        .count();
    assert_eq!(m.by_node.len(), reply_nodes, "every reply node has labelled replies");
    let (accuracy, good, bad) = floor(&root().join("docs/judgement.md"));
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
