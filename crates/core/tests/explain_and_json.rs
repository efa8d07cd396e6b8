//! The explain layer and the one JSON shape of a turn: what a trainee is
//! told after a typed reply, a picked option and a timeout; the fields
//! docs/turn-json.md documents, for every kind of turn; and records written
//! in the earlier shapes still read.

use std::sync::Arc;

use courtesy_core::explain::{self, ReplyView, Tone};
use courtesy_core::{
    CompiledScenario, Input, Library, Locale, Messages, ScenarioResult, Session, SourceFile,
    TurnOutcome, TurnRecord,
};

/// Two action nodes whose options share the id `wait` but not the words:
/// option ids are unique within a node only.
const MINI: &str = r#"Scenario(
    id: "mini", title: "t", summary: "s", venue: FrontDesk,
    company: Company(name: "丽江花园"), trainee: Trainee(role: "前台"),
    cast: [Person(id: "c", name: "陈女士", role: Caller)],
    apply: [],
    rules: [
        Rule(id: "hold", category: Hold, phrases: ["请稍等"], clause: "2.2.1",
             suggestion: "请您稍等，我帮您查一下"),
        Rule(id: "rude", category: Rudeness, phrases: ["快点说"], clause: "2.2.3",
             suggestion: "请您慢慢说"),
    ],
    start: "first",
    nodes: [
        Node(id: "first", cue: "客户走到柜台前。", prompt: Action(options: [
            Choice(id: "wait", text: "站起来", good: true, feedback: "第一处的说明", clause: "甲"),
        ]), next: [Branch(when: Always, goto: "ask")]),
        Node(id: "ask", speaker: "c", says: ["查一下"],
             prompt: Reply(require: ["hold"], forbid: ["rude"]),
             time_limit: TimeLimit(seconds: 30),
             model: [Model(text: "请稍等，我帮您查一下。", clause: "2.2.1")],
             next: [Branch(when: Always, goto: "second")]),
        Node(id: "second", prompt: Action(options: [
            Choice(id: "wait", text: "点头微笑", good: false, feedback: "第二处的说明"),
        ]), next: [Branch(when: Always, goto: "end")]),
        Node(id: "end", ending: Ending(kind: Good, text: "好")),
    ],
)"#;

fn mini() -> Arc<CompiledScenario> {
    let library = Library::from_sources(vec![SourceFile::new("mini.ron", MINI)], Vec::new());
    // The second node has no good option: a warning, not an error.
    assert_eq!(library.error_count(), 0, "{:#?}", library.diagnostics);
    library.scenario("mini").unwrap()
}

/// Plays: the first option, a reply with a forbidden phrase and the hold
/// phrase, then the second node's option.
fn played() -> (Arc<CompiledScenario>, ScenarioResult) {
    let scenario = mini();
    let mut session = Session::new(Arc::clone(&scenario), 1);
    session.answer(Input::Pick(0), 1.0).unwrap();
    session.answer(Input::Text("快点说，请稍等".into()), 2.0).unwrap();
    session.answer(Input::Pick(0), 1.0).unwrap();
    assert!(session.is_finished());
    (scenario, session.result())
}

#[test]
fn a_typed_reply_is_explained_with_its_marks_clauses_and_right_wording() {
    let (scenario, result) = played();
    let m = Messages::new(Locale::ZhCn);
    let f = explain::turn(&m, Some(&scenario), &result.transcript[1]);
    assert_eq!(f.score, 60, "the hold phrase met, less the default penalty of 40");
    assert_eq!(
        f.headline,
        format!("{} {}", m.verdict(f.verdict), m.format("score-of", &[("score", 60u8.into())]))
    );
    let ReplyView::Typed(pieces) = &f.reply else { panic!("{:?}", f.reply) };
    let marked: Vec<&str> = pieces.iter().filter(|p| p.marked).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, ["快点说"]);
    assert_eq!(pieces.iter().map(|p| p.text.as_str()).collect::<String>(), "快点说，请稍等");
    let hit = &f.lines[0];
    assert_eq!(hit.tone, Tone::Bad);
    assert!(hit.text.contains("快点说") && hit.text.contains("2.2.3"), "{}", hit.text);
    assert!(hit.suggestion.as_deref().unwrap().contains("请您慢慢说"));
    let met = &f.lines[1];
    assert_eq!(met.tone, Tone::Good);
    assert!(met.text.contains("「请稍等」"), "the trainee's own words: {}", met.text);
    assert_eq!(met.suggestion, None, "a rule met needs no right wording");
    assert_eq!(f.model_answers.len(), 1);
    assert!(f.model_answers[0].contains("请稍等，我帮您查一下"));
}

#[test]
fn an_act_said_in_the_negative_is_explained_in_the_trainees_words() {
    let scenario = mini();
    let mut session = Session::new(Arc::clone(&scenario), 1);
    session.answer(Input::Pick(0), 1.0).unwrap();
    session.answer(Input::Text("我没法请稍等".into()), 2.0).unwrap();
    let m = Messages::new(Locale::ZhCn);
    let f = explain::turn(&m, Some(&scenario), session.transcript().last().unwrap());
    let negated = f.lines.iter().find(|l| l.text.contains("没法请稍等")).expect("{f:#?}");
    assert_eq!(negated.tone, Tone::Bad);
    assert!(negated.suggestion.is_some(), "with the right wording");
}

#[test]
fn a_picked_option_is_explained_from_its_own_node() {
    let (scenario, result) = played();
    let m = Messages::new(Locale::ZhCn);
    let first = explain::turn(&m, Some(&scenario), &result.transcript[0]);
    let second = explain::turn(&m, Some(&scenario), &result.transcript[2]);
    assert_eq!(first.lines[0].text, "第一处的说明");
    assert_eq!(first.lines[1].tone, Tone::Muted, "the clause");
    assert_eq!(second.lines[0].text, "第二处的说明", "not the first node's option `wait`");
    assert_eq!(second.reply, ReplyView::Picked("点头微笑".into()));
}

#[test]
fn a_timeout_and_the_debrief_are_explained_in_the_locale() {
    let scenario = mini();
    let mut session = Session::new(Arc::clone(&scenario), 1);
    session.answer(Input::Pick(0), 1.0).unwrap();
    session.answer(Input::Text("请稍等".into()), 31.0).unwrap();
    let turn = session.transcript().last().unwrap();
    assert!(turn.result.timed_out());
    let m = Messages::new(Locale::EnUs);
    let f = explain::turn(&m, Some(&scenario), turn);
    assert_eq!(f.reply, ReplyView::TimedOut(m.get("reason-timed-out")));
    let d = explain::debrief(&m, &scenario, &session.result());
    assert_eq!(d.turns.len(), 2);
    assert_eq!(d.notes[0].text, m.get("debrief-unfinished"));
    assert!(d.notes[1].text.starts_with("One step was not done in time"), "{:?}", d.notes);
    assert!(d.turns[1].prompt.as_deref().unwrap().starts_with("陈女士: "));
    // An action turn, where nobody spoke, is replayed with its situation.
    assert_eq!(d.turns[0].prompt.as_deref(), Some("Situation: 客户走到柜台前。"));
}

/// The scenario library of the repository.
fn the_library() -> Library {
    Library::load(&[std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios"
    ))])
}

/// The keys of a JSON object, sorted.
fn keys(v: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn every_kind_of_turn_has_the_documented_fields() {
    let (_, result) = played();
    let json = serde_json::to_value(&result).unwrap();
    let turns = json["transcript"].as_array().unwrap();
    let common = ["line", "node", "reasons", "reply", "score", "seconds", "speaker", "verdict"];
    let with = |extra: &[&'static str]| {
        let mut all: Vec<&str> = common.iter().chain(extra).copied().collect();
        all.sort_unstable();
        all
    };
    assert_eq!(keys(&turns[0]), with(&["kind", "option", "category"]));
    assert_eq!(turns[0]["kind"], "picked");
    assert_eq!(keys(&turns[1]), with(&["kind", "required", "forbidden", "rules_hit"]));
    assert_eq!(turns[1]["kind"], "reply");
    assert_eq!(turns[1]["forbidden"][0]["start"], 0);
    assert_eq!(turns[1]["forbidden"][0]["end"], 3);
    assert_eq!(turns[1]["reasons"][0]["kind"], "met");
    // And a turn reads back as it was written.
    let back: ScenarioResult = serde_json::from_value(json).unwrap();
    assert_eq!(back, result);

    let scenario = mini();
    let mut session = Session::new(scenario, 1);
    session.answer(Input::Pick(0), 1.0).unwrap();
    session.answer(Input::TimedOut, 1.0).unwrap();
    let timed_out = serde_json::to_value(session.transcript().last().unwrap()).unwrap();
    assert_eq!(keys(&timed_out), with(&["kind", "category"]));
    assert_eq!(timed_out["kind"], "timed-out");
    // The node's typed reply requires `hold`: the turn counts as a failed Hold.
    assert_eq!(timed_out["category"], "Hold");
}

#[test]
fn records_in_the_earlier_shapes_still_read() {
    // The flat result under `result`, as results.jsonl lines were written
    // before the outcome was typed.
    let nested = r#"{"node":"ask","speaker":"c","line":"查一下","reply":"请稍等","seconds":2.0,
        "result":{"verdict":"pass","score":100,"required":[],"forbidden":[],
        "said":["hold"],"reasons":[],"timed_out":false,"chose":null,"choice_category":null}}"#;
    let turn: TurnRecord = serde_json::from_str(nested).unwrap();
    assert_eq!(turn.node.as_deref(), Some("ask"));
    assert!(turn.result.hit_rule("hold"));
    let picked = r#"{"node":"first","reply":"站起来","seconds":1.0,"result":{"verdict":"pass",
        "score":100,"required":[],"forbidden":[],"said":[],"reasons":[],"timed_out":false,
        "chose":"wait","choice_category":"Etiquette"}}"#;
    let turn: TurnRecord = serde_json::from_str(picked).unwrap();
    assert_eq!(turn.result.picked(), Some("wait"));
    let timed = r#"{"node":"ask","reply":"","seconds":9.0,"result":{"verdict":"fail","score":0,
        "required":[],"forbidden":[],"said":[],"reasons":[{"kind":"timed-out"}],
        "timed_out":true,"chose":null,"choice_category":null}}"#;
    let turn: TurnRecord = serde_json::from_str(timed).unwrap();
    assert_eq!(turn.result.outcome, TurnOutcome::TimedOut { category: None });
    // Today's shape, and a turn kind nobody wrote, which is refused.
    let today = serde_json::to_string(&turn).unwrap();
    assert!(today.contains(r#""kind":"timed-out""#), "{today}");
    assert!(serde_json::from_str::<TurnRecord>(&today.replace("timed-out", "dance")).is_err());
}

/// The library's introduction in the wrong order, and a request that softens
/// a command: the feedback names the rules by their short names, in words.
#[test]
fn order_and_softening_are_explained_by_name() {
    let library = the_library();
    let m = Messages::new(Locale::ZhCn);
    let feedback = |scenario: &str, node: &str, reply: &str| {
        let s = library.scenario(scenario).unwrap();
        let result = s.score_reply(s.node_index(node).unwrap(), reply);
        let turn = TurnRecord {
            node: Some(node.into()),
            speaker: None,
            line: None,
            reply: reply.into(),
            seconds: None,
            result,
        };
        explain::turn(&m, Some(&s), &turn)
    };
    let f = feedback("etiquette-gestures", "introduce", "小刘，这位是开发商的周经理。");
    let line = f.lines.iter().find(|l| l.text.contains("先对周经理说")).expect("{f:#?}");
    assert_eq!(line.tone, Tone::Bad);
    assert!(line.text.contains("再介绍小刘"), "{}", line.text);
    let f = feedback("caller-too-quiet", "faint", "不好意思，麻烦您说话大点声好吗？");
    assert!(f.lines.iter().any(|l| l.text.contains("大点声") && l.tone == Tone::Muted), "{f:#?}");
}

/// `check --json`'s shape: a softened command carries its words and span.
#[test]
fn a_softened_command_is_in_the_json_with_its_span() {
    let library = the_library();
    let s = library.scenario("caller-too-quiet").unwrap();
    let reply = "不好意思，麻烦您说话大点声好吗？";
    let result = s.score_reply(s.node_index("faint").unwrap(), reply);
    let json = serde_json::to_value(&result).unwrap();
    let softened = json["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "softened")
        .unwrap_or_else(|| panic!("{json}"));
    let (start, end) =
        (softened["start"].as_u64().unwrap() as usize, softened["end"].as_u64().unwrap() as usize);
    let words: String = reply.chars().skip(start).take(end - start).collect();
    assert_eq!(words, "大点声");
    assert_eq!(softened["text"], "大点声");
}

/// A greeting said, but not first: the feedback says it must come first,
/// not that it is missing.
#[test]
fn a_greeting_in_the_wrong_place_is_explained_as_misplaced() {
    let library = the_library();
    let s = library.scenario("disabled-visitor").unwrap();
    let reply = "请把证件给我，表我帮您拿过来，填的时候需要帮忙就告诉我。您好！";
    let result = s.score_reply(s.node_index("greet").unwrap(), reply);
    let greeting = result.required().iter().find(|c| c.rule == "greeting").unwrap();
    assert!(!greeting.met);
    let turn = TurnRecord {
        node: Some("greet".into()),
        speaker: None,
        line: None,
        reply: reply.into(),
        seconds: None,
        result,
    };
    for (locale, words) in [(Locale::ZhCn, "要放在最前面"), (Locale::EnUs, "must come first")]
    {
        let f = explain::turn(&Messages::new(locale), Some(&s), &turn);
        let line = f.lines.iter().find(|l| l.text.contains(words)).expect("{f:#?}");
        assert!(line.text.contains("您好"), "quotes the trainee's words: {}", line.text);
        assert_eq!(line.tone, Tone::Bad);
    }
}
