//! The whole scenario library: it validates, every scenario plays to an
//! ending in the terminal mode with its good replies and with its bad ones,
//! and docs/scenarios.md is the current catalogue.

use std::path::PathBuf;
use std::sync::Arc;

use assert_cmd::Command;
use courtesy_core::model::{EndingKind, Prompt, Verdict};
use courtesy_core::{CompiledScenario, Library};
use courtesy_core::{Input, Session};
use courtesy_core::{Locale, Messages};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn library() -> Library {
    Library::load(&[root().join("scenarios")])
}

/// The line a scripted trainee types at the current node: for a good run, a
/// passing example of the node or its model answer and a good option; for a
/// bad run, a failing example (or a curt "嗯。") and a bad option.
fn script_line(scenario: &CompiledScenario, session: &Session, good: bool) -> (String, Input) {
    let screen = session.screen().unwrap();
    let node = &scenario.node(scenario.node_index(&screen.node).unwrap());
    match node.prompt.as_ref().unwrap() {
        Prompt::Reply { .. } => {
            let want = if good { Verdict::Pass } else { Verdict::Fail };
            let text = scenario
                .scenario
                .examples
                .iter()
                .find(|e| e.node == node.id && e.expect == want)
                .map(|e| e.reply.clone())
                .or_else(|| good.then(|| node.model.first().map(|m| m.text.clone())).flatten())
                .unwrap_or_else(|| "嗯。".to_string());
            (text.clone(), Input::Text(text))
        }
        p => {
            let options = p.options();
            let i = options.iter().position(|o| o.good == good).unwrap_or(0);
            ((i + 1).to_string(), Input::Pick(i))
        }
    }
}

/// Plays in-process, returns the terminal-mode script and the ending reached.
fn script(scenario: &Arc<CompiledScenario>, good: bool) -> (String, Option<EndingKind>) {
    let mut session = Session::new(Arc::clone(scenario), 1);
    let mut lines = String::new();
    for _ in 0..60 {
        if session.is_finished() {
            break;
        }
        let (line, input) = script_line(scenario, &session, good);
        lines.push_str(&line.replace('\n', " "));
        lines.push('\n');
        session.answer(input, 1.0).unwrap();
    }
    assert!(session.is_finished(), "{} does not end within 60 turns", scenario.id());
    (lines, session.result().ending)
}

#[test]
fn the_library_validates_without_errors_or_warnings() {
    let library = library();
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    assert!(library.scenarios.len() >= 3);
}

#[test]
fn every_scenario_plays_to_an_ending_with_good_and_bad_replies() {
    let library = library();
    for scenario in &library.scenarios {
        for good in [true, false] {
            let (input, ending) = script(scenario, good);
            if good {
                assert_eq!(
                    ending,
                    Some(EndingKind::Good),
                    "{}: good replies should reach a good ending",
                    scenario.id()
                );
            } else {
                assert_eq!(
                    ending,
                    Some(EndingKind::Bad),
                    "{}: bad replies should reach a bad ending",
                    scenario.id()
                );
            }
            let out = Command::cargo_bin("courtesy")
                .unwrap()
                .current_dir(root())
                .env("XDG_STATE_HOME", tempfile::tempdir().unwrap().path())
                .args(["play", "--text", "--scenario", scenario.id(), "--seed", "1", "--json"])
                .write_stdin(input.clone())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{} ({good}) in the terminal: {}\n{input}",
                scenario.id(),
                String::from_utf8_lossy(&out.stderr)
            );
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let expected = if good { "Good" } else { "Bad" };
            assert_eq!(json["ending"], expected, "{} ({good}) in the terminal", scenario.id());
            assert_eq!(
                json["verdict"],
                if good { "pass" } else { "fail" },
                "{} ({good})",
                scenario.id()
            );
        }
    }
}

#[test]
fn every_scenario_meets_the_library_standard() {
    let library = library();
    for s in library.scenarios.iter().map(|s| &s.scenario) {
        let id = &s.id;
        assert!(!s.sources.is_empty(), "{id}: sources");
        assert!(!s.tags.is_empty(), "{id}: tags");
        assert!(
            s.apply.contains(&"service-language".to_string()),
            "{id}: applies the built-in rules"
        );
        let prompts = s.nodes.iter().filter(|n| n.prompt.is_some()).count();
        assert!(prompts >= 3, "{id}: at least three trainee turns");
        assert!(s.nodes.iter().any(|n| n.says.len() >= 2), "{id}: variants for a customer line");
        assert!(
            s.nodes.iter().any(|n| matches!(n.prompt, Some(Prompt::Action { .. }))),
            "{id}: an action prompt"
        );
        assert!(s.nodes.iter().any(|n| !n.model.is_empty()), "{id}: model answers");
        let endings: Vec<_> =
            s.nodes.iter().filter_map(|n| n.ending.as_ref()).map(|e| e.kind).collect();
        assert!(
            endings.contains(&EndingKind::Good) && endings.contains(&EndingKind::Bad),
            "{id}: good and bad endings"
        );
        let pass = s.examples.iter().filter(|e| e.expect == Verdict::Pass).count();
        let fail_with_hits =
            s.examples.iter().filter(|e| e.expect == Verdict::Fail && !e.hits.is_empty()).count();
        assert!(
            pass >= 2 && fail_with_hits >= 2,
            "{id}: two passing and two failing examples with hits"
        );
        // Every typed-reply node: two passing and two failing examples, one
        // of them a near miss (the right polite words, the wrong deed).
        for node in s.nodes.iter().filter(|n| matches!(n.prompt, Some(Prompt::Reply { .. }))) {
            let of =
                |v: Verdict| s.examples.iter().filter(move |e| e.node == node.id && e.expect == v);
            assert!(of(Verdict::Pass).count() >= 2, "{id}/{}: two passing examples", node.id);
            assert!(of(Verdict::Fail).count() >= 2, "{id}/{}: two failing examples", node.id);
            assert!(
                of(Verdict::Fail).any(|e| e.near_miss),
                "{id}/{}: a failing near miss (right words, wrong deed)",
                node.id
            );
        }
        assert!(
            s.examples.iter().all(|e| !e.near_miss || e.expect == Verdict::Fail),
            "{id}: a near miss must fail"
        );
        for locale in ["en-US", "zh-TW"] {
            let ftl =
                std::fs::read_to_string(root().join(format!("locales/{locale}/courtesy.ftl")))
                    .unwrap();
            assert!(ftl.contains(&format!("scenario-{id}-title = ")), "{id}: {locale} title");
            assert!(ftl.contains(&format!("scenario-{id}-summary = ")), "{id}: {locale} summary");
        }
        let english = Messages::new(Locale::EnUs).scenario_role(id, &s.trainee.role);
        assert!(english.is_ascii(), "{id}: no en-US scenario-{id}-role (shows {english})");
        // The menu shows tags in words, in every language.
        for locale in [Locale::ZhCn, Locale::ZhTw, Locale::EnUs] {
            let m = Messages::new(locale);
            for tag in &s.tags {
                assert_ne!(
                    &m.tag(tag),
                    tag,
                    "{id}: tag {tag} has no tag-{tag} message in {locale:?}"
                );
            }
        }
    }
}

/// The scenarios the library issue asks for, by id.
const REQUIRED: &[&str] = &[
    "gate-guard-asleep",
    "desk-qq-chat",
    "non-owner-phone-number",
    "unattended-desk",
    "newspaper-not-our-business",
    "busy-desk-second-customer",
    "phone-three-rings",
    "visitor-arrives-during-call",
    "call-during-service",
    "caller-too-quiet",
    "call-for-manager",
    "unknown-question",
    "angry-customer",
    "serious-complaint",
    "late-fee-waiver",
    "fee-reduction-demand",
    "renovation-procedures",
    "handover-documents",
    "two-customers-priority",
    "disabled-visitor",
    "key-borrowing-visitor",
    "resident-declines-visitor",
    "parcel-for-resident",
    "front-desk-temptations",
    "etiquette-gestures",
    "grooming-check",
    "cashier-wrong-change",
    "colleague-respect",
    "apology-is-not-a-solution",
    "home-visit-engineer",
    "noisy-product-complaint",
    "parts-out-of-stock",
    "gift-refusal",
    "repair-call-intake",
];

#[test]
fn every_required_scenario_is_in_the_library() {
    let library = library();
    for id in REQUIRED {
        assert!(library.scenario(id).is_some(), "missing scenario {id}");
        assert!(root().join(format!("scenarios/{id}.ron")).is_file(), "{id}.ron");
    }
}

#[test]
fn the_catalogue_in_docs_is_up_to_date() {
    let out = Command::cargo_bin("courtesy")
        .unwrap()
        .current_dir(root())
        .env_remove("COURTESY_SCENARIOS")
        .args(["--locale", "zh-CN", "list", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let current = String::from_utf8(out.stdout).unwrap();
    let written = std::fs::read_to_string(root().join("docs/scenarios.md")).unwrap_or_default();
    assert!(
        written == current,
        "docs/scenarios.md is out of date: run `cargo run -- list --format markdown > docs/scenarios.md`"
    );
}
