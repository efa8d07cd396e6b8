//! Prints the judgement report of docs/judgement.md: the labelled corpus
//! (crates/core/tests/data/judgement/, or with `--holdout` the held-out one
//! in judgement-holdout/) judged by the library, as markdown — overall, per
//! voice, the worst nodes — and, with `--mistakes`, every reply judged
//! against its label.
//!
//!     cargo run -p courtesy-core --example judgement_report [-- [--holdout] [--mistakes] [SCENARIOS_DIR]]

use std::path::Path;

use courtesy_core::Library;
use courtesy_core::measure::{Counts, measure, read_corpus};

fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

fn row(name: &str, c: &Counts) -> String {
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
        c.total(),
        c.good_passed,
        c.good_failed,
        c.bad_failed,
        c.bad_passed,
        pct(c.good_passed_rate()),
        pct(c.bad_failed_rate()),
        pct(c.accuracy())
    )
}

const HEAD: &str = "| | replies | good passed | good failed | bad failed | bad passed | good passed % | bad failed % | accuracy |\n|---|---|---|---|---|---|---|---|---|";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenarios = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| root.join("../../scenarios"), std::path::PathBuf::from);
    let library = Library::load(&[scenarios]);
    let folder = if std::env::args().any(|a| a == "--holdout") {
        "tests/data/judgement-holdout"
    } else {
        "tests/data/judgement"
    };
    let corpus = read_corpus(&root.join(folder)).expect("the corpus");
    let m = measure(&library, &corpus);
    println!("{HEAD}\n{}", row("all", &m.overall));
    println!("\nPer voice:\n\n{HEAD}");
    for (voice, c) in &m.by_voice {
        println!("{}", row(voice, c));
    }
    let mut nodes: Vec<(&String, &Counts)> = m.by_node.iter().collect();
    nodes.sort_by_key(|(name, c)| (std::cmp::Reverse(c.wrong()), *name));
    println!("\nThe worst nodes:\n\n{HEAD}");
    for (name, c) in nodes.iter().take(15) {
        println!("{}", row(&format!("`{name}`"), c));
    }
    if !m.unknown.is_empty() {
        println!("\n{} rows name no typed-reply node:", m.unknown.len());
        for r in &m.unknown {
            println!("- {}:{} {}/{}", r.file.display(), r.line, r.scenario, r.node);
        }
    }
    if std::env::args().any(|a| a == "--mistakes") {
        println!("\nEvery reply judged against its label:\n");
        for x in &m.mistakes {
            let r = &x.reply;
            println!(
                "- `{}/{}` {:?} [{}] {} → {} ({}) — {}",
                r.scenario,
                r.node,
                r.expect,
                r.voice,
                r.reply,
                x.score,
                x.rules.join(" "),
                r.why
            );
        }
    }
}
