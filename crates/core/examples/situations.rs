//! Writes, for each scenario, the situation of every typed-reply turn as a
//! markdown page — who, where, what the customer says, where the dialogue
//! goes — WITHOUT the rules, the model answers or the examples. It is what
//! the writers of the labelled judgement corpus (tests/data/judgement/) work
//! from: a corpus written by someone who has read the rules tests nothing.
//!
//!     cargo run -p courtesy-core --example situations -- scenarios /tmp/situations

use std::fmt::Write as _;
use std::path::PathBuf;

use courtesy_core::Library;
use courtesy_core::model::{Prompt, When};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: situations SCENARIOS_DIR OUT_DIR");
        std::process::exit(2);
    };
    let library = Library::load(&[PathBuf::from(dir)]);
    std::fs::create_dir_all(out).expect("the output folder");
    for compiled in &library.scenarios {
        let s = &compiled.scenario;
        let mut page = String::new();
        let _ = writeln!(page, "# {} (`{}`)\n\n{}\n", s.title, s.id, s.summary);
        let _ = writeln!(page, "- Venue: {:?}", s.venue);
        let _ = writeln!(page, "- Company: {}", s.company.name);
        let _ = writeln!(page, "- The trainee: {} (found {:?})", s.trainee.role, s.trainee.starts);
        for p in &s.cast {
            let _ = writeln!(page, "- Cast `{}`: {} ({:?}, {:?})", p.id, p.name, p.role, p.mood);
        }
        let _ = writeln!(page, "- Manual clauses:");
        for src in &s.sources {
            let _ = writeln!(page, "  - {} {}", src.doc, src.clause);
        }
        let _ = writeln!(page, "\n## The dialogue, node by node (start: `{}`)\n", s.start);
        for node in &s.nodes {
            let _ = writeln!(page, "### `{}`", node.id);
            if !node.cue.is_empty() {
                let _ = writeln!(page, "- What happens: {}", node.cue);
            }
            if let Some(speaker) = &node.speaker {
                let _ = writeln!(page, "- Speaker: `{speaker}`");
            }
            for line in &node.says {
                let _ = writeln!(page, "- Says (one of): “{line}”");
            }
            if let Some(limit) = node.time_limit {
                let _ = writeln!(page, "- Time limit: {} s", limit.seconds);
            }
            match &node.prompt {
                Some(Prompt::Reply { .. }) => {
                    let _ = writeln!(page, "- **The trainee types a reply here.**");
                }
                Some(Prompt::Choice { options } | Prompt::Action { options }) => {
                    let _ = writeln!(page, "- The trainee picks one of:");
                    for o in options {
                        let _ = writeln!(page, "  - {}", o.text);
                    }
                }
                None => {}
            }
            for b in &node.next {
                let when = match &b.when {
                    When::Passed => "if the turn is done well".to_string(),
                    When::Failed => "if the turn is done badly".to_string(),
                    When::TimedOut => "if the time runs out".to_string(),
                    When::Always => "then".to_string(),
                    When::Hit(_) | When::Missed(_) => "after a particular reply".to_string(),
                    When::Chose(o) => format!("after picking `{o}`"),
                    When::Visited(n) => format!("if the scene went through `{n}`"),
                };
                let _ = writeln!(page, "- {when} → `{}`", b.goto);
            }
            if let Some(ending) = &node.ending {
                let _ = writeln!(page, "- Ending ({:?}): {}", ending.kind, ending.text);
            }
            let _ = writeln!(page);
        }
        let path = PathBuf::from(out).join(format!("{}.md", s.id));
        std::fs::write(&path, page).expect("write a page");
    }
    println!("{} scenarios written to {out}", library.scenarios.len());
}
