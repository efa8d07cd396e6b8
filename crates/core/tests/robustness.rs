//! Property tests: scoring, normalising and loading never panic, and every
//! reported span points at the text it claims, whatever the input.

use std::path::PathBuf;

use courtesy_core::diagnostic::{SourceFile, source_from_bytes};
use courtesy_core::judge::rules::{RuleBook, RuleBookBuilder};
use courtesy_core::judge::text::normalize;
use courtesy_core::judge::{NodeRules, score};
use courtesy_core::load::{Library, parse};
use courtesy_core::model::{RuleSet, Scenario};
use proptest::prelude::*;

fn built_in() -> &'static RuleBook {
    static BOOK: std::sync::OnceLock<RuleBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let dir =
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios/phrases");
        let library = Library::load(&[dir]);
        let set = &library.rule_set("service-language").unwrap().set;
        let mut b = RuleBookBuilder::new();
        b.add_rule_set(set);
        b.build(None)
    })
}

/// Replies mixing Chinese service words, forbidden phrases, punctuation,
/// emoji, full-width and control characters.
fn reply() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("不知道".to_string()),
        Just("不知道您贵姓".to_string()),
        Just("我们不管".to_string()),
        Just("對不起".to_string()),
        Just("請稍等".to_string()),
        Just("，".to_string()),
        Just("😀".to_string()),
        Just("\u{0}".to_string()),
        Just("ＡＢＣ".to_string()),
        Just("\u{301}".to_string()),
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn scoring_never_panics_and_spans_are_true(text in reply()) {
        let book = built_in();
        let r = score(book, &NodeRules::forbidden_only(book), &text);
        prop_assert!(r.score <= 100);
        let chars: Vec<char> = text.chars().collect();
        for hit in r.forbidden() {
            prop_assert!(hit.start < hit.end && hit.end <= chars.len());
            prop_assert_eq!(chars[hit.start..hit.end].iter().collect::<String>(), hit.text.clone());
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(text in reply()) {
        let once = normalize(&text).text;
        prop_assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(file) = source_from_bytes(&PathBuf::from("x.ron"), bytes) {
            let _ = parse::<Scenario>(&file);
            let _ = parse::<RuleSet>(&file);
        }
    }

    #[test]
    fn mangled_scenarios_never_panic(cut in 0usize..4000, insert in "[\\[\\](),:\"a-z0-9 ]{0,8}") {
        let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios/phone-three-rings.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
        let file = SourceFile::new(path, mangled);
        if let Err(d) = parse::<Scenario>(&file) {
            prop_assert!(d.line >= 1 && d.col >= 1);
        }
    }

    /// The whole loader (parse, compile, validate, judge the examples) on a
    /// mangled scenario, with the shared rule set beside it.
    #[test]
    fn mangled_scenarios_load_and_validate_without_panic(
        cut in 0usize..6000,
        insert in "[\\[\\](),:\"a-z0-9 {}|您不]{0,12}",
        reply_text in reply(),
    ) {
        let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios");
        let path = root.join("key-borrowing-visitor.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
        let rules = root.join("phrases/service-language.ron");
        let shared = SourceFile::new(&rules, std::fs::read_to_string(&rules).unwrap());
        let library = Library::from_sources(vec![SourceFile::new(path, mangled), shared], Vec::new());
        for d in &library.diagnostics {
            prop_assert!(d.line >= 1 && d.col >= 1);
        }
        for s in &library.scenarios {
            for index in 0..s.scenario.nodes.len() {
                let r = s.score_reply(index, &reply_text);
                prop_assert!(r.score <= 100);
            }
        }
    }
}

/// Every character of Unicode's Default_Ignorable_Code_Point list — zero-width
/// and bidi marks, variation selectors, tags and the Hangul fillers (U+115F,
/// U+1160, U+3164, U+FFA0) — is invisible to matching: hidden inside a
/// forbidden phrase, it does not hide the phrase.
#[test]
fn invisible_characters_inside_a_forbidden_phrase_do_not_hide_it() {
    let list = include_str!("data/default-ignorable.txt");
    let mut tried = 0;
    for line in list.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (first, last) = line.split_once("..").unwrap();
        let first = u32::from_str_radix(first, 16).unwrap();
        let last = u32::from_str_radix(last, 16).unwrap();
        for cp in first..=last {
            let c = char::from_u32(cp).unwrap();
            let hidden = format!("不{c}知{c}道");
            assert_eq!(normalize(&hidden).text, "不知道", "U+{cp:04X}");
            tried += 1;
        }
    }
    assert!(tried > 4000, "the list has {tried} characters");
    let rules = NodeRules::forbidden_only(built_in());
    for filler in ['\u{115F}', '\u{1160}', '\u{3164}', '\u{FFA0}'] {
        let reply = format!("不{filler}知道");
        let result = score(built_in(), &rules, &reply);
        assert!(!result.passed(), "U+{:04X}: {reply} passed", filler as u32);
        assert!(result.hit_rule("no-dont-know"));
    }
}
