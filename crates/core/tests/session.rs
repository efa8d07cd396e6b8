//! The session engine: branching on outcomes, seeded variants, timeouts,
//! moods, input errors, replay, and the scenario result.

use std::path::PathBuf;
use std::sync::Arc;

use courtesy_core::diagnostic::SourceFile;
use courtesy_core::model::{EndingKind, Mood, Scenario, Verdict};
use courtesy_core::play::session::{Input, InputError, MAX_REPLY_CHARS, Session};
use courtesy_core::{compile::CompiledScenario, load::parse};

const SCENARIO: &str = r#"
Scenario(
    id: "mini", title: "t", summary: "s", setting: FrontDesk,
    company: Company(name: "丽江花园"),
    trainee: Trainee(role: "前台"),
    cast: [Person(id: "c", name: "陈女士", role: Caller, mood: Calm)],
    rules: [
        Rule(id: "hold", category: Hold, phrases: ["请稍等"]),
        Rule(id: "rude", category: Rudeness, phrases: ["快点说"], critical: true),
        Rule(id: "sorry", category: Apology, phrases: ["对不起"]),
    ],
    start: "ask",
    nodes: [
        Node(id: "ask", speaker: "c", says: ["甲", "乙", "丙", "丁"],
             prompt: Reply(require: ["hold"], forbid: ["rude"]),
             next: [Branch(when: Hit("rude"), goto: "angry"), Branch(when: Passed, goto: "act"), Branch(when: Failed, goto: "cold")]),
        Node(id: "cold", speaker: "c", says: ["嗯？"], prompt: Reply(require: ["sorry"]),
             next: [Branch(when: Always, goto: "act")]),
        Node(id: "angry", speaker: "c", mood: Angry, says: ["什么态度！"], prompt: Reply(require: ["sorry"]),
             next: [Branch(when: Always, goto: "bad")]),
        Node(id: "act", speaker: "c", prompt: Action(options: [
                Choice(id: "stand", text: "起身", good: true),
                Choice(id: "sit", text: "坐着", good: false),
             ]),
             time_limit: TimeLimit(seconds: 5.0),
             next: [Branch(when: TimedOut, goto: "bad"), Branch(when: Chose("stand"), goto: "good"), Branch(when: Failed, goto: "bad")]),
        Node(id: "good", ending: Ending(kind: Good, text: "好")),
        Node(id: "bad", ending: Ending(kind: Bad, text: "差")),
    ],
)
"#;

fn mini() -> Arc<CompiledScenario> {
    let file = SourceFile::new(PathBuf::from("mini.ron"), SCENARIO);
    let scenario: Scenario = parse(&file).expect("test scenario parses");
    Arc::new(CompiledScenario::new(scenario, file, &[]))
}

#[test]
fn a_good_path_reaches_the_good_ending_and_passes() {
    let mut s = Session::new(mini(), 7);
    assert_eq!(s.screen().unwrap().node, "ask");
    assert!(s.answer(Input::Text("好的，请稍等".into()), 2.0).unwrap().passed());
    assert_eq!(s.screen().unwrap().node, "act");
    assert!(s.answer(Input::Pick(0), 1.0).unwrap().passed());
    assert!(s.is_finished());
    let r = s.result();
    assert_eq!(r.ending, Some(EndingKind::Good));
    assert_eq!(r.verdict, Verdict::Pass);
    assert_eq!(r.score, 100);
    assert_eq!(r.transcript.len(), 2);
}

#[test]
fn branches_follow_hits_failures_and_choices() {
    let mut s = Session::new(mini(), 1);
    s.answer(Input::Text("嗯".into()), 1.0).unwrap();
    assert_eq!(s.screen().unwrap().node, "cold", "a failed turn takes the Failed branch");

    let mut s = Session::new(mini(), 1);
    let r = s.answer(Input::Text("请稍等，快点说".into()), 1.0).unwrap();
    assert_eq!(r.verdict, Verdict::Fail, "critical hit fails even with the requirement met");
    assert_eq!(s.screen().unwrap().node, "angry", "Hit(rule) is tested before Passed/Failed");
    assert_eq!(s.screen().unwrap().speaker.unwrap().mood, Mood::Angry);
    s.answer(Input::Text("对不起".into()), 1.0).unwrap();
    let result = s.result();
    assert_eq!(result.ending, Some(EndingKind::Bad));
    assert_eq!(result.verdict, Verdict::Fail);
    assert_eq!(result.critical_failures, vec!["rude".to_string()]);
}

#[test]
fn the_same_seed_gives_the_same_variants_and_seeds_differ() {
    let lines = |seed| Session::new(mini(), seed).screen().unwrap().line.unwrap();
    assert_eq!(lines(42), lines(42));
    let distinct: std::collections::HashSet<String> = (0..40).map(lines).collect();
    assert!(distinct.len() >= 3, "variants should vary with the seed: {distinct:?}");
}

#[test]
fn running_over_the_time_limit_counts_as_a_timeout() {
    let mut s = Session::new(mini(), 3);
    s.answer(Input::Text("请稍等".into()), 1.0).unwrap();
    let r = s.answer(Input::Pick(0), 6.0).unwrap();
    assert!(r.timed_out());
    assert_eq!(r.verdict, Verdict::Fail);
    assert_eq!(s.result().ending, Some(EndingKind::Bad));

    let mut s = Session::new(mini(), 3);
    s.answer(Input::Text("请稍等".into()), 1.0).unwrap();
    assert!(s.answer(Input::TimedOut, 0.0).unwrap().timed_out());
}

#[test]
fn a_failed_turn_sours_the_mood_and_a_good_one_eases_it() {
    let mut s = Session::new(mini(), 3);
    s.answer(Input::Text("嗯".into()), 1.0).unwrap();
    assert_eq!(s.screen().unwrap().speaker.unwrap().mood, Mood::Impatient);
    s.answer(Input::Text("对不起".into()), 1.0).unwrap();
    assert_eq!(s.screen().unwrap().speaker.unwrap().mood, Mood::Calm);
}

#[test]
fn bad_input_is_refused_and_leaves_the_session_unchanged() {
    let mut s = Session::new(mini(), 3);
    assert_eq!(s.answer(Input::Text("   ".into()), 1.0), Err(InputError::Empty));
    let huge = "请".repeat(MAX_REPLY_CHARS + 1);
    assert!(matches!(s.answer(Input::Text(huge), 1.0), Err(InputError::TooLong { .. })));
    assert_eq!(s.answer(Input::Pick(0), 1.0), Err(InputError::WantsText));
    assert!(s.transcript().is_empty());
    s.answer(Input::Text("请稍等😀𝒳 mixed English".into()), 1.0).unwrap();
    assert_eq!(s.answer(Input::Text("起身".into()), 1.0), Err(InputError::WantsOption));
    assert_eq!(s.answer(Input::Pick(5), 1.0), Err(InputError::NoSuchOption { given: 6, count: 2 }));
    s.answer(Input::Pick(0), 1.0).unwrap();
    assert_eq!(s.answer(Input::Pick(0), 1.0), Err(InputError::Finished));
    assert_eq!(s.transcript().len(), 2);
}

#[test]
fn replaying_the_saved_inputs_rebuilds_the_same_session() {
    let mut s = Session::new(mini(), 11);
    s.answer(Input::Text("嗯".into()), 1.5).unwrap();
    let saved = s.saved();
    let json = serde_json::to_string(&saved).unwrap();
    let back = serde_json::from_str(&json).unwrap();
    let replayed = Session::replay(mini(), &back);
    assert_eq!(replayed.screen(), s.screen());
    assert_eq!(replayed.transcript(), s.transcript());
    assert_eq!(replayed.result(), s.result());
}

#[test]
fn results_serialise_to_json_with_category_scores() {
    let mut s = Session::new(mini(), 5);
    s.answer(Input::Text("请稍等".into()), 1.0).unwrap();
    s.answer(Input::Pick(1), 1.0).unwrap();
    let json: serde_json::Value = serde_json::to_value(s.result()).unwrap();
    assert_eq!(json["verdict"], "fail");
    assert_eq!(json["score"], 50);
    let cats = json["categories"].as_array().unwrap();
    let hold = cats.iter().find(|c| c["category"] == "Hold").unwrap();
    assert_eq!(hold["score"], 100);
    let etiquette = cats.iter().find(|c| c["category"] == "Etiquette").unwrap();
    assert_eq!(etiquette["score"], 0);
    assert_eq!(json["transcript"][1]["reply"], "坐着");
}

/// The library's phone call, with the phone left ringing: every later turn
/// is answered well.
fn phone_left_ringing() -> courtesy_core::judge::ScenarioResult {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios"));
    let library = courtesy_core::load::Library::load(&[root]);
    let phone = library.scenario("phone-three-rings").expect("the library's phone scenario");
    let mut s = Session::new(phone, 1);
    assert!(!s.answer(Input::Pick(0), 30.0).unwrap().passed(), "30 s is past three rings");
    for reply in [
        "对不起，让您久等了。您好，丽江花园物业管理处，请问有什么可以帮您？",
        "好的，请稍等，我帮您查一下。",
        "不客气，谢谢您的来电，再见！",
    ] {
        assert!(s.answer(Input::Text(reply.into()), 3.0).unwrap().passed(), "{reply}");
    }
    assert!(s.answer(Input::Pick(0), 2.0).unwrap().passed());
    assert!(s.is_finished());
    s.result()
}

#[test]
fn a_phone_left_ringing_fails_the_call_and_its_category_and_ends_as_late() {
    let r = phone_left_ringing();
    // Four good turns and one 0 would average a pass; the missed time limit
    // fails the scenario on its own.
    assert!(r.score >= r.pass_mark, "score {}", r.score);
    assert_eq!(r.verdict, Verdict::Fail);
    // The ring counts in its category as a failed turn: two etiquette turns,
    // one passed.
    let etiquette = r
        .categories
        .iter()
        .find(|c| c.category == courtesy_core::model::Category::Etiquette)
        .expect("an etiquette bar");
    assert_eq!((etiquette.earned, etiquette.possible), (1, 2));
    // The ending fits: not the model call's.
    assert_eq!(r.ending_node.as_deref(), Some("end-late"));
    assert_eq!(r.ending, Some(EndingKind::Bad));
}

#[test]
fn a_visited_branch_follows_where_the_scene_has_been() {
    let text = SCENARIO.replace(
        r#"next: [Branch(when: TimedOut, goto: "bad"), Branch(when: Chose("stand"), goto: "good")"#,
        r#"next: [Branch(when: TimedOut, goto: "bad"), Branch(when: Visited("cold"), goto: "bad"), Branch(when: Chose("stand"), goto: "good")"#,
    );
    assert_ne!(text, SCENARIO, "test setup");
    let file = SourceFile::new(PathBuf::from("mini.ron"), text.as_str());
    let scenario: Scenario = parse(&file).expect("test scenario parses");
    let compiled = Arc::new(CompiledScenario::new(scenario, file, &[]));
    // Through `cold`: the good choice still ends badly.
    let mut s = Session::new(Arc::clone(&compiled), 7);
    s.answer(Input::Text("嗯".into()), 2.0).unwrap();
    s.answer(Input::Text("对不起".into()), 2.0).unwrap();
    s.answer(Input::Pick(0), 1.0).unwrap();
    assert_eq!(s.result().ending, Some(EndingKind::Bad));
    // Straight there: the good ending.
    let mut s = Session::new(compiled, 7);
    s.answer(Input::Text("请稍等".into()), 2.0).unwrap();
    s.answer(Input::Pick(0), 1.0).unwrap();
    assert_eq!(s.result().ending, Some(EndingKind::Good));
}

/// A bad answer at the query, soothed afterwards, does not end as a model
/// call either.
#[test]
fn a_call_soothed_after_a_bad_answer_does_not_end_as_a_model_call() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios"));
    let library = courtesy_core::load::Library::load(&[root]);
    let phone = library.scenario("phone-three-rings").expect("the library's phone scenario");
    let mut s = Session::new(phone, 1);
    s.answer(Input::Pick(0), 1.0).unwrap();
    for reply in [
        "您好，丽江花园物业管理处，请问有什么可以帮您？",
        "不知道，你自己来前台看吧",
        "对不起，请稍等，我马上帮您查询",
        "不客气，谢谢您的来电，再见！",
    ] {
        s.answer(Input::Text(reply.into()), 3.0).unwrap();
    }
    s.answer(Input::Pick(0), 2.0).unwrap();
    let r = s.result();
    assert_eq!(r.ending_node.as_deref(), Some("end-recovered"));
    assert_eq!(r.verdict, Verdict::Fail);
}
