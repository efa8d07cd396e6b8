//! Normalisation, matching, exceptions, positions, critical rules and scoring,
//! through the core API.

use courtesy_core::judge::rules::{RuleBook, RuleBookBuilder};
use courtesy_core::judge::{self, NodeRules};
use courtesy_core::model::{Category, Company, Position, Rule, Verdict};

fn rule(id: &str, category: Category, phrases: &[&str]) -> Rule {
    Rule {
        id: id.into(),
        category,
        phrases: phrases.iter().map(|s| s.to_string()).collect(),
        except: vec![],
        weight: 1,
        penalty: 40,
        critical: false,
        command: false,
        negatable: false,
        name: None,
        extends: None,
        without: vec![],
        position: Position::Anywhere,
        suggestion: None,
        clause: Some("test clause".into()),
    }
}

/// A book with forbidden rules (always applied) and required rules.
fn book(forbidden: Vec<Rule>, phrases: Vec<Rule>) -> RuleBook {
    let mut b = RuleBookBuilder::new();
    for r in forbidden {
        b.add(r, true);
    }
    for r in phrases {
        b.add(r, false);
    }
    b.build(Some(&Company {
        name: "丽江花园物业".into(), aliases: vec!["丽江花园".into()]
    }))
}

fn score(b: &RuleBook, text: &str, required: &[&str]) -> courtesy_core::judge::TurnResult {
    let req: Vec<usize> = required.iter().map(|id| b.index_of(id).unwrap()).collect();
    judge::score(
        b,
        &NodeRules {
            required: req,
            forbidden: (b.always_forbidden()).to_vec(),
            core: Vec::new(),
            order: Vec::new(),
            echo: Vec::new(),
            third_person: None,
            pass_mark: 60,
        },
        text,
    )
}

#[test]
fn traditional_full_width_and_spaced_replies_meet_simplified_rules() {
    let b = book(
        vec![],
        vec![
            rule("sorry", Category::Apology, &["对不起"]),
            rule("hold", Category::Hold, &["请稍等"]),
        ],
    );
    for reply in
        ["對不起，請稍等", "对 不 起，请 稍 等", "對不起！！請稍等。。。", "ＯＫ，对不起，请稍等"]
    {
        let r = score(&b, reply, &["sorry", "hold"]);
        assert_eq!(r.verdict, Verdict::Pass, "{reply}");
        assert_eq!(r.score, 100, "{reply}");
    }
}

#[test]
fn forbidden_hits_report_spans_of_the_original_text() {
    let b = book(vec![rule("dont-know", Category::Indifference, &["不知道"])], vec![]);
    let reply = "嗯……我 不 知 道！";
    let r = score(&b, reply, &[]);
    assert_eq!(r.forbidden().len(), 1);
    let hit = &r.forbidden()[0];
    assert_eq!(hit.text, "不 知 道");
    let chars: Vec<char> = reply.chars().collect();
    assert_eq!(chars[hit.start..hit.end].iter().collect::<String>(), "不 知 道");
    assert_eq!(hit.clause.as_deref(), Some("test clause"));
    assert_eq!(r.score, 60);
}

#[test]
fn exceptions_cancel_hits_inside_polite_speech_only() {
    let mut dont_know = rule("dont-know", Category::Indifference, &["不知道"]);
    dont_know.except = vec!["不知道您贵姓".into()];
    let mut dont_care = rule("dont-care", Category::Deflection, &["不管"]);
    dont_care.except = vec!["不管怎样".into()];
    let b = book(vec![dont_know, dont_care], vec![]);
    assert!(score(&b, "请问，不知道您贵姓？", &[]).forbidden().is_empty());
    assert!(score(&b, "不管怎样，我们都会帮您处理。", &[]).forbidden().is_empty());
    let r = score(&b, "不知道您贵姓？这事我们不管。", &[]);
    assert_eq!(r.forbidden().len(), 1);
    assert_eq!(r.forbidden()[0].rule, "dont-care");
}

#[test]
fn opening_and_closing_positions_are_enforced() {
    let mut greeting = rule("greeting", Category::Greeting, &["您好"]);
    greeting.position = Position::Opening;
    let mut farewell = rule("farewell", Category::Closing, &["再见"]);
    farewell.position = Position::Closing;
    let b = book(vec![], vec![greeting, farewell]);
    assert_eq!(score(&b, "您好，再见", &["greeting", "farewell"]).score, 100);
    let late = score(&b, "这个问题我帮您查一下，查好了告诉您，您好", &["greeting"]);
    assert!(!late.required()[0].met, "a greeting at the end does not open the reply");
    let early = score(&b, "再见，您的问题我们稍后回复，请保持电话畅通", &["farewell"]);
    assert!(!early.required()[0].met, "a farewell at the start does not close the reply");
    // Both are said, in the wrong place, and the check says where they were.
    let placed = |r: &courtesy_core::judge::TurnResult| {
        r.required()[0].misplaced.as_ref().map(|w| (w.text.clone(), w.start, w.belongs))
    };
    assert_eq!(placed(&late), Some(("您好".into(), 18, Position::Opening)));
    assert_eq!(placed(&early), Some(("再见".into(), 0, Position::Closing)));
    // Nowhere at all is simply missed.
    assert_eq!(placed(&score(&b, "请稍等", &["greeting"])), None);
}

#[test]
fn a_critical_hit_fails_the_turn_whatever_the_score() {
    let mut critical = rule("not-owner", Category::Discrimination, &["他不是业主"]);
    critical.critical = true;
    critical.penalty = 1;
    let b = book(vec![critical], vec![rule("greeting", Category::Greeting, &["您好"])]);
    let r = score(&b, "您好，他不是业主", &["greeting"]);
    assert_eq!(r.score, 99);
    assert_eq!(r.verdict, Verdict::Fail);
}

#[test]
fn a_missed_critical_requirement_fails_the_turn() {
    let mut must = rule("company", Category::Introduction, &["{company}"]);
    must.critical = true;
    must.weight = 1;
    let mut other = rule("greeting", Category::Greeting, &["您好"]);
    other.weight = 9;
    let b = book(vec![], vec![must, other]);
    let r = score(&b, "您好", &["company", "greeting"]);
    assert_eq!(r.score, 90);
    assert_eq!(r.verdict, Verdict::Fail);
    assert_eq!(score(&b, "您好，丽江花园", &["company", "greeting"]).verdict, Verdict::Pass);
}

#[test]
fn weights_share_the_score_and_penalties_come_off() {
    let mut a = rule("a", Category::Greeting, &["您好"]);
    a.weight = 3;
    let b_rule = rule("b", Category::Hold, &["请稍等"]);
    let mut bad = rule("bad", Category::Impatience, &["快点说"]);
    bad.penalty = 30;
    let b = book(vec![bad], vec![a, b_rule]);
    assert_eq!(score(&b, "您好", &["a", "b"]).score, 75);
    assert_eq!(score(&b, "请稍等", &["a", "b"]).score, 25);
    assert_eq!(score(&b, "您好，快点说", &["a", "b"]).score, 45);
    assert_eq!(score(&b, "快点说", &["a", "b"]).score, 0);
}

#[test]
fn one_automaton_handles_many_rules_and_overlaps() {
    let forbidden: Vec<Rule> = (0..500)
        .map(|i| rule(&format!("r{i}"), Category::Rudeness, &[&format!("禁语{i}号")]))
        .collect();
    let b = book(forbidden, vec![]);
    let r = score(&b, "禁语7号和禁语123号，还有禁语499号", &[]);
    let ids: Vec<&str> = r.forbidden().iter().map(|h| h.rule.as_str()).collect();
    assert_eq!(ids, vec!["r7", "r123", "r499"]);
}

#[test]
fn an_act_said_in_the_negative_is_not_met_but_a_question_is() {
    let b = book(vec![], vec![rule("record", Category::Procedure, &["帮您登记", "记下来"])]);
    let negated = score(&b, "不好意思，我没法帮您登记。", &["record"]);
    assert!(!negated.required()[0].met);
    let n = negated.required()[0].negated.as_ref().expect("the negation is reported");
    assert_eq!((n.text.as_str(), n.start, n.end), ("没法帮您登记", 6, 12));
    assert_eq!(negated.verdict, Verdict::Fail);
    for fine in ["能不能帮您登记一下？", "没事，我帮您登记。", "我没法当场修，但我先帮您登记。"]
    {
        let r = score(&b, fine, &["record"]);
        assert!(r.required()[0].met, "{fine}: {:?}", r.required()[0]);
    }
    assert!(!score(&b, "没记下来", &["record"]).required()[0].met);
}

#[test]
fn a_forbidden_phrase_fails_the_turn_whatever_the_score() {
    let b = book(
        vec![Rule { penalty: 10, ..rule("no-guess", Category::Indifference, &["我想"]) }],
        vec![rule("sorry", Category::Apology, &["对不起"])],
    );
    let r = score(&b, "对不起，我想是水管的问题", &["sorry"]);
    assert_eq!(r.score, 90);
    assert_eq!(r.verdict, Verdict::Fail);
}

#[test]
fn you_and_the_polite_you_match_alike() {
    let b = book(
        vec![rule("no-read-it", Category::Indifference, &["你自己看"])],
        vec![rule("hold", Category::Hold, &["请您稍等"])],
    );
    assert!(score(&b, "请你稍等", &["hold"]).required()[0].met);
    assert_eq!(score(&b, "您自己看吧", &[]).forbidden()[0].text, "您自己看");
}

#[test]
fn a_quoted_forbidden_phrase_is_talked_about_not_said() {
    let b = book(vec![rule("no-dont-know", Category::Indifference, &["不知道"])], vec![]);
    for quoted in ["我们不能说“不知道”，要帮您查", "培训时讲过，不要说「不知道」"]
    {
        assert!(score(&b, quoted, &[]).forbidden().is_empty(), "{quoted}");
    }
    assert_eq!(score(&b, "“您好”，这个我不知道", &[]).forbidden().len(), 1);
}

#[test]
fn calling_the_customer_you_costs_a_little_and_says_why() {
    let b = book(vec![], vec![rule("hold", Category::Hold, &["请您稍等"])]);
    let plain = score(&b, "请你稍等一下", &["hold"]);
    assert_eq!((plain.score, plain.verdict), (95, Verdict::Pass));
    assert!(
        plain.reasons.iter().any(|r| matches!(r, courtesy_core::judge::Reason::Register { at: 1 }))
    );
    assert_eq!(score(&b, "请您稍等，你们二位先坐", &["hold"]).score, 100);
}

/// Apology, hold and fetching the supervisor required; fetching is the
/// node's core act.
fn fetch_is_the_core_act() -> (RuleBook, NodeRules) {
    let b = book(
        vec![],
        vec![
            rule("sorry", Category::Apology, &["对不起"]),
            rule("hold", Category::Hold, &["请稍等"]),
            rule("fetch", Category::Procedure, &["请工程主管"]),
        ],
    );
    let ids =
        |names: &[&str]| -> Vec<usize> { names.iter().map(|n| b.index_of(n).unwrap()).collect() };
    let rules = NodeRules {
        required: ids(&["sorry", "hold", "fetch"]),
        forbidden: vec![],
        core: ids(&["fetch"]),
        order: Vec::new(),
        echo: Vec::new(),
        third_person: None,
        pass_mark: 60,
    };
    (b, rules)
}

#[test]
fn a_missed_core_act_fails_the_turn_however_many_others_are_met() {
    let (b, rules) = fetch_is_the_core_act();
    let r = judge::score(&b, &rules, "对不起，请稍等");
    assert_eq!(r.score, 66, "two of three met");
    assert_eq!(r.verdict, Verdict::Fail, "but not the point of the turn");
    assert!(r.required().iter().any(|c| c.rule == "fetch" && c.core && !c.met));
    assert!(judge::score(&b, &rules, "对不起，我去请工程主管").passed());
}

#[test]
fn a_turn_that_does_its_core_acts_passes_and_the_others_raise_the_score() {
    let (b, rules) = fetch_is_the_core_act();
    let only_core = judge::score(&b, &rules, "我马上请工程主管来");
    assert_eq!((only_core.score, only_core.verdict), (60, Verdict::Pass));
    assert!(only_core.required().iter().any(|c| c.rule == "sorry" && !c.met), "still advised");
    assert_eq!(judge::score(&b, &rules, "对不起，我马上请工程主管来").score, 80);
    assert_eq!(judge::score(&b, &rules, "对不起，请稍等，我马上请工程主管来").score, 100);
    let plain_you = judge::score(&b, &rules, "你等等，我马上请工程主管来");
    assert_eq!(
        (plain_you.score, plain_you.verdict),
        (60, Verdict::Pass),
        "你 costs points, not the verdict, of a turn that did its point"
    );
}

#[test]
fn a_command_asked_as_a_request_is_softened_not_counted() {
    let louder = Rule {
        command: true,
        critical: true,
        ..rule("no-phone-rudeness", Category::Impatience, &["大点声"])
    };
    let b = book(vec![louder], vec![]);
    for request in
        ["不好意思，麻烦您说话大点声好吗？", "老人家，您稍微大点声说，好不好？", "请您大点声说"]
    {
        let r = score(&b, request, &[]);
        assert!(r.forbidden().is_empty(), "{request}: {:?}", r.forbidden());
        assert!(
            r.reasons.iter().any(|x| matches!(x, courtesy_core::judge::Reason::Softened { .. })),
            "{request}: the softening is explained"
        );
    }
    for command in ["大点声！", "喂，大点声，听不见"] {
        assert_eq!(score(&b, command, &[]).verdict, Verdict::Fail, "{command}");
    }
    // Without `command`, the same words are not softened.
    let plain = book(vec![rule("no-loud", Category::Impatience, &["大点声"])], vec![]);
    assert_eq!(score(&plain, "麻烦您大点声好吗", &[]).verdict, Verdict::Fail);
}

#[test]
fn a_negation_does_not_reach_across_punctuation() {
    let b = book(vec![], vec![rule("farewell", Category::Closing, &["慢走"])]);
    assert!(score(&b, "不會不會，慢走喔", &["farewell"]).required()[0].met);
    assert!(!score(&b, "不会慢走的", &["farewell"]).required()[0].met);
}

#[test]
fn a_forbidden_deed_said_in_the_negative_is_a_refusal() {
    let accept = Rule {
        negatable: true,
        critical: true,
        ..rule("no-accepting-gifts", Category::Integrity, &["收下红包", "拿着"])
    };
    let b = book(vec![accept], vec![]);
    for refusal in ["我不能收下红包，您的心意我领了", "这个我真不能拿着"] {
        let r = score(&b, refusal, &[]);
        assert!(r.forbidden().is_empty(), "{refusal}");
        assert!(
            r.reasons.iter().any(|x| matches!(x, courtesy_core::judge::Reason::Refused { .. })),
            "{refusal}: the refusal is explained"
        );
    }
    assert_eq!(score(&b, "谢谢您，那我就收下红包了", &[]).verdict, Verdict::Fail);
    // A negation in another clause does not reach it.
    assert_eq!(score(&b, "不会吧，拿着就拿着", &[]).verdict, Verdict::Fail);
}

#[test]
fn an_order_rule_fails_the_right_acts_in_the_wrong_order() {
    let b = book(
        vec![],
        vec![
            rule("address-guest", Category::Address, &["周经理"]),
            rule("name-colleague", Category::Introduction, &["小刘"]),
            rule("introduce", Category::Introduction, &["这是", "这位是"]),
        ],
    );
    let ids =
        |names: &[&str]| -> Vec<usize> { names.iter().map(|n| b.index_of(n).unwrap()).collect() };
    let rules = NodeRules {
        required: ids(&["introduce"]),
        forbidden: vec![],
        core: vec![],
        order: vec![(b.index_of("address-guest").unwrap(), b.index_of("name-colleague").unwrap())],
        echo: Vec::new(),
        third_person: None,
        pass_mark: 60,
    };
    assert!(judge::score(&b, &rules, "周经理，这是我们的工程主管小刘。").passed());
    assert!(judge::score(&b, &rules, "这是我们的工程主管小刘。").passed(), "one of the two");
    let wrong = judge::score(&b, &rules, "小刘，这位是开发商的周经理。");
    assert_eq!(wrong.verdict, Verdict::Fail);
    assert!(wrong.reasons.iter().any(|r| matches!(
        r,
        courtesy_core::judge::Reason::OutOfOrder { first, second }
            if first == "address-guest" && second == "name-colleague"
    )));
}

#[test]
fn repeating_the_customers_number_counts_as_an_act() {
    let b = book(vec![], vec![rule("farewell", Category::Closing, &["再见"])]);
    let rules = NodeRules {
        required: vec![b.index_of("farewell").unwrap()],
        forbidden: vec![],
        core: vec![],
        order: vec![],
        echo: courtesy_core::compile::echo_numbers(&["你让他回电话给我，138××××5678。".into()]),
        third_person: None,
        pass_mark: 60,
    };
    assert_eq!(rules.echo, ["1385678"], "the masks are not digits");
    let echoed = judge::score(&b, &rules, "好的，138××××5678，我记下了，再见");
    assert_eq!((echoed.score, echoed.verdict), (100, Verdict::Pass));
    assert!(echoed.reasons.iter().any(|r| matches!(
        r,
        courtesy_core::judge::Reason::Echoed { text } if text == "138××××5678"
    )));
    let not = judge::score(&b, &rules, "好的，我记下了，再见");
    assert_eq!(not.score, 50, "one of two acts");
    assert!(
        not.reasons.iter().any(|r| matches!(r, courtesy_core::judge::Reason::MissedEcho { .. }))
    );
}

#[test]
fn a_required_phrase_typed_with_an_input_method_slip_is_met_and_named() {
    let b = book(
        vec![rule("no-no-one", Category::Indifference, &["没人管"])],
        vec![
            rule("farewell", Category::Courtesy, &["再见"]),
            rule("apology", Category::Courtesy, &["抱歉"]),
        ],
    );
    // 在见 is 再见 with one same-sounding character: met, and said so.
    let r = score(&b, "好的，我马上转给维修站，感谢您的来电，在见。", &["farewell"]);
    assert_eq!(r.verdict, Verdict::Pass, "{r:?}");
    let slip = r.reasons.iter().find_map(|why| match why {
        judge::Reason::Slip { rule, text, meant, start, end } => {
            Some((rule.clone(), text.clone(), meant.clone(), *start, *end))
        }
        _ => None,
    });
    assert_eq!(slip, Some(("farewell".into(), "在见".into(), "再见".into(), 19, 21)));
    // Met as written: no slip is reported.
    let r = score(&b, "感谢您的来电，再见。", &["farewell"]);
    assert!(!r.reasons.iter().any(|why| matches!(why, judge::Reason::Slip { .. })));
}

#[test]
fn a_slip_needs_one_same_sounding_character_within_one_run_of_text() {
    let b = book(vec![], vec![rule("farewell", Category::Courtesy, &["再见"])]);
    // Two characters changed (在建) is another word, a different sound
    // (不见) is another word, and 在，见 crosses a comma.
    for reply in ["这栋楼还在建", "好久不见", "我在，见到了"] {
        let r = score(&b, reply, &["farewell"]);
        assert_eq!(r.verdict, Verdict::Fail, "{reply}: {r:?}");
    }
}

#[test]
fn forbidden_phrases_are_matched_as_written_not_by_sound() {
    // 没人管 is forbidden; 没人馆 sounds the same but is not what was said.
    let b = book(vec![rule("no-no-one", Category::Indifference, &["没人管"])], vec![]);
    let r = score(&b, "这里没人馆", &[]);
    assert!(r.forbidden().is_empty(), "{r:?}");
}

#[test]
fn a_present_third_person_is_named_before_any_he_or_she() {
    let b =
        book(vec![], vec![rule("that-lady", Category::Address, &["那位女士", "这位", "周经理"])]);
    let rules = NodeRules {
        required: vec![b.index_of("that-lady").unwrap()],
        third_person: b.index_of("that-lady"),
        ..NodeRules::forbidden_only(&b)
    };
    let pronoun = |reply: &str| {
        judge::score(&b, &rules, reply).reasons.iter().find_map(|r| match r {
            judge::Reason::ThirdPersonPronoun { text, at, .. } => Some((text.clone(), *at)),
            _ => None,
        })
    };
    // Named first: 她 later on is not the fault this rule is about.
    assert!(judge::score(&b, &rules, "那位女士是开发商的周经理，来参观的。").passed());
    assert_eq!(pronoun("那位女士是周经理，我陪她参观。"), None);
    // 她 before the naming fails the turn, and says where.
    let r = judge::score(&b, &rules, "她是开发商的周经理。");
    assert_eq!(r.verdict, Verdict::Fail);
    assert_eq!(pronoun("她是开发商的周经理。"), Some(("她".into(), 0)));
    // Traditional characters, and no naming at all.
    assert_eq!(pronoun("我陪他們看看會所"), Some(("他".into(), 2)));
    // 其他 and 他人 are other words.
    assert_eq!(pronoun("没有其他的事，那位女士是周经理。"), None);
}
