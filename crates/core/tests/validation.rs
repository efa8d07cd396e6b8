//! Every validation error: each test breaks a good scenario in one way and
//! checks that the loader reports the right code at the right line.

use std::path::{Path, PathBuf};

use courtesy_core::diagnostic::Diagnostic;
use courtesy_core::load::Library;

const GOOD: &str = r#"Scenario(
    id: "mini",
    title: "t",
    summary: "s",
    setting: FrontDesk,
    company: Company(name: "丽江花园"),
    trainee: Trainee(role: "前台"),
    cast: [Person(id: "c", name: "陈女士", role: Caller)],
    rules: [
        Rule(id: "hold", category: Hold, phrases: ["请稍等"]),
        Rule(id: "rude", category: Rudeness, phrases: ["快点说"]),
    ],
    start: "ask",
    nodes: [
        Node(id: "ask", speaker: "c", says: ["查一下"],
             prompt: Reply(require: ["hold"], forbid: ["rude"]),
             next: [Branch(when: Passed, goto: "good"), Branch(when: Failed, goto: "bad")]),
        Node(id: "good", ending: Ending(kind: Good, text: "好")),
        Node(id: "bad", ending: Ending(kind: Bad, text: "差")),
    ],
    examples: [
        Example(node: "ask", reply: "请稍等", expect: Pass),
        Example(node: "ask", reply: "快点说", expect: Fail, hits: ["rude"]),
    ],
)
"#;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn load_one(name: &str, text: &[u8]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    (dir, library)
}

/// Loads GOOD with `from` replaced by `to`; returns the diagnostics.
fn broken(from: &str, to: &str) -> (String, Vec<Diagnostic>) {
    assert!(GOOD.contains(from), "test setup: {from:?} not in GOOD");
    let text = GOOD.replacen(from, to, 1);
    let (_dir, library) = load_one("mini.ron", text.as_bytes());
    (text, library.diagnostics)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not found"))
        + 1
}

/// Asserts one error `code` on the line containing `at`.
fn expect(code: &str, (text, diagnostics): (String, Vec<Diagnostic>), at: &str) {
    let found = diagnostics.iter().find(|d| d.code.key() == code);
    let d = found.unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"));
    assert_eq!(d.line, line_of(&text, at), "{code} at the wrong line: {d:#?}");
    assert!(d.col >= 1);
    assert_eq!(d.path.file_name().unwrap(), "mini.ron");
}

#[test]
fn the_good_scenario_is_clean() {
    let (_dir, library) = load_one("mini.ron", GOOD.as_bytes());
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    assert_eq!(library.scenarios.len(), 1);
}

#[test]
fn syntax_errors() {
    expect("syntax", broken(r#"title: "t","#, r#"title: "t""#), "summary:");
}

#[test]
fn unknown_fields() {
    expect("unknown-field", broken(r#"title: "t","#, r#"titel: "t","#), "titel");
}

/// A misspelt field anywhere — in every struct and every prompt variant — is
/// an error at its line, never silently ignored (`requires:` would make a
/// node require nothing and pass every reply).
#[test]
fn unknown_fields_in_every_struct_and_variant() {
    let ask = r#"prompt: Reply(require: ["hold"], forbid: ["rude"]),"#;
    let action = r#"prompt: Action(options: [Choice(id: "a", text: "t", good: true), Choice(id: "b", text: "u", good: false)]),"#;
    let choice = r#"prompt: Choice(options: [Choice(id: "a", text: "t", good: true), Choice(id: "b", text: "u", good: false)]),"#;
    let cases: &[(&str, &str, &str)] = &[
        (r#"Company(name: "丽江花园")"#, r#"Company(name: "丽江花园", nmae: "x")"#, "nmae"),
        (r#"Trainee(role: "前台")"#, r#"Trainee(role: "前台", rol: "x")"#, "rol:"),
        ("role: Caller)", "role: Caller, mod: Calm)", "mod:"),
        (r#"phrases: ["请稍等"])"#, r#"phrases: ["请稍等"], phrase: ["x"])"#, "phrase:"),
        (r#"Node(id: "ask","#, r#"Node(id: "ask", speeker: "c","#, "speeker"),
        (
            ask,
            r#"prompt: Reply(requires: ["x"], require: ["hold"], forbid: ["rude"]),"#,
            "requires",
        ),
        (ask, &action.replace("good: false)", r#"good: false, feedbak: "x")"#), "feedbak"),
        (ask, &action.replace("]),", "], option: []),"), "option:"),
        (ask, &choice.replace("]),", "], option: []),"), "option:"),
        (r#"goto: "good")"#, r#"goto: "good", go: "x")"#, "go:"),
        (r#"text: "好")"#, r#"text: "好", txt: "x")"#, "txt:"),
        ("expect: Pass)", "expect: Pass, expected: Pass)", "expected"),
        (ask, &format!(r#"{ask} model: [Model(text: "x", clause: "y", claus: "z")],"#), "claus:"),
    ];
    for (from, to, at) in cases {
        expect("unknown-field", broken(from, to), at);
    }
}

#[test]
fn missing_fields() {
    let (text, d) = broken(
        r#"    summary: "s",
"#,
        "",
    );
    let missing = d.iter().find(|d| d.code.key() == "missing-field").expect("missing-field");
    assert_eq!(missing.line, text.trim_end().lines().count(), "reported where the struct closes");
}

#[test]
fn wrong_types() {
    expect(
        "wrong-type",
        broken(
            "Rule(id: \"hold\", category: Hold, phrases: [\"请稍等\"])",
            "Rule(id: \"hold\", category: Hold, phrases: \"请稍等\")",
        ),
        "id: \"hold\"",
    );
}

#[test]
fn unknown_variants() {
    expect("unknown-variant", broken("setting: FrontDesk", "setting: Counter"), "setting:");
}

#[test]
fn duplicate_ids() {
    expect("duplicate-id", broken(r#"Node(id: "bad""#, r#"Node(id: "good""#), r#"Node(id: "good""#);
}

#[test]
fn dangling_references() {
    expect("dangling-ref", broken(r#"goto: "bad")"#, r#"goto: "worse")"#), "worse");
    expect("dangling-ref", broken(r#"start: "ask""#, r#"start: "begin""#), "start:");
}

#[test]
fn unreachable_nodes_warn() {
    let (text, d) = broken(
        r#"        Node(id: "bad","#,
        r#"        Node(id: "orphan", ending: Ending(kind: Bad, text: "x")),
        Node(id: "bad","#,
    );
    let w = d.iter().find(|d| d.code.key() == "unreachable").expect("unreachable");
    assert!(!w.is_error());
    assert_eq!(w.line, line_of(&text, "orphan"));
}

#[test]
fn nodes_that_cannot_reach_an_ending() {
    let (text, d) =
        broken(r#"Branch(when: Failed, goto: "bad")"#, r#"Branch(when: Failed, goto: "loop")"#);
    let text = text.replacen(
        r#"        Node(id: "good","#,
        r#"        Node(id: "loop", prompt: Reply(), next: [Branch(when: Always, goto: "loop")]),
        Node(id: "good","#,
        1,
    );
    let _ = d;
    let (_dir, library) = load_one("mini.ron", text.as_bytes());
    let dead = library.diagnostics.iter().find(|d| d.code.key() == "dead-end").expect("dead-end");
    assert_eq!(dead.line, line_of(&text, r#"id: "loop""#));
}

#[test]
fn rules_with_no_phrases_and_empty_phrases() {
    expect("no-phrases", broken(r#"phrases: ["快点说"]"#, "phrases: []"), r#"id: "rude""#);
    expect(
        "empty-phrase",
        broken(r#"phrases: ["快点说"]"#, r#"phrases: ["快点说", "！？ 。"]"#),
        "！？",
    );
}

#[test]
fn patterns_that_do_not_close_or_expand_too_far() {
    expect("bad-pattern", broken(r#"phrases: ["快点说"]"#, r#"phrases: ["快点{说|讲"]"#), "快点{");
    let wide = format!(r#"phrases: ["{}"]"#, "{甲|乙|丙|丁}".repeat(5));
    expect("pattern-too-wide", broken(r#"phrases: ["快点说"]"#, &wide), "甲|乙");
    // A good pattern expands and is matched.
    let (_dir, library) =
        load_one("mini.ron", GOOD.replace(r#"["请稍等"]"#, r#"["请[您]{稍等|稍候}"]"#).as_bytes());
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    let s = library.scenarios[0].clone();
    assert!(s.score_reply(s.node_index("ask").unwrap(), "请您稍候").passed());
}

#[test]
fn examples_that_disagree_with_the_rules() {
    expect(
        "example-mismatch",
        broken(r#"reply: "请稍等", expect: Pass"#, r#"reply: "请您等等", expect: Pass"#),
        "请您等等",
    );
    expect(
        "example-mismatch",
        broken(r#"expect: Fail, hits: ["rude"]"#, r#"expect: Fail, hits: ["hold"]"#),
        r#"hits: ["hold"]"#,
    );
    expect(
        "bad-example",
        broken(
            r#"Example(node: "ask", reply: "请稍等""#,
            r#"Example(node: "good", reply: "请稍等""#,
        ),
        r#"node: "good""#,
    );
}

#[test]
fn model_answers_that_fail_their_own_node() {
    expect(
        "model-fails",
        broken(
            r#"prompt: Reply(require: ["hold"], forbid: ["rude"]),"#,
            r#"prompt: Reply(require: ["hold"], forbid: ["rude"]), model: [Model(text: "快点说吧", clause: "x")],"#,
        ),
        "快点说吧",
    );
}

#[test]
fn unknown_rules_speakers_options_and_rule_sets() {
    expect("unknown-rule", broken(r#"require: ["hold"]"#, r#"require: ["hodl"]"#), "hodl");
    expect(
        "unknown-rule",
        broken(r#"require: ["hold"]"#, r#"require: ["hold"], third_person: "that-lday""#),
        "that-lday",
    );
    expect("unknown-speaker", broken(r#"speaker: "c""#, r#"speaker: "x""#), r#"speaker: "x""#);
    expect(
        "unknown-rule-set",
        broken(
            r#"    start: "ask","#,
            r#"    apply: ["no-such-set"],
    start: "ask","#,
        ),
        "no-such-set",
    );
    expect(
        "unknown-option",
        broken(
            r#"Branch(when: Passed, goto: "good")"#,
            r#"Branch(when: Chose("x"), goto: "good"), Branch(when: Passed, goto: "good")"#,
        ),
        r#"Chose("x")"#,
    );
}

#[test]
fn node_shape_errors() {
    expect(
        "no-branch",
        broken(
            r#"next: [Branch(when: Passed, goto: "good"), Branch(when: Failed, goto: "bad")]"#,
            "next: []",
        ),
        r#"Node(id: "ask""#,
    );
    expect(
        "non-exhaustive",
        broken(r#", Branch(when: Failed, goto: "bad")"#, ""),
        r#"Node(id: "ask""#,
    );
    expect(
        "no-prompt",
        broken(
            r#"Node(id: "good", ending: Ending(kind: Good, text: "好"))"#,
            r#"Node(id: "good")"#,
        ),
        r#"Node(id: "good")"#,
    );
    expect(
        "ending-with-prompt",
        broken(r#"Node(id: "good", ending:"#, r#"Node(id: "good", prompt: Reply(), ending:"#),
        r#"Node(id: "good""#,
    );
    expect(
        "no-options",
        broken(
            "prompt: Reply(require: [\"hold\"], forbid: [\"rude\"])",
            "prompt: Action(options: [])",
        ),
        r#"Node(id: "ask""#,
    );
    expect(
        "bad-time-limit",
        broken(r#"says: ["查一下"],"#, r#"says: ["查一下"], time_limit: TimeLimit(seconds: 0.0),"#),
        r#"Node(id: "ask""#,
    );
}

#[test]
fn file_named_after_another_id() {
    let (_dir, library) = load_one("other.ron", GOOD.as_bytes());
    assert!(
        library.diagnostics.iter().any(|d| d.code.key() == "id-filename"),
        "{:#?}",
        library.diagnostics
    );
}

#[test]
fn duplicate_scenario_ids_across_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.ron"), GOOD).unwrap();
    std::fs::write(dir.path().join("copy.ron"), GOOD).unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    assert!(
        library
            .diagnostics
            .iter()
            .any(|d| d.code.key() == "duplicate-id" && d.path.ends_with("mini.ron"))
    );
}

fn file_error(name: &str, bytes: &[u8]) -> Diagnostic {
    let (_dir, library) = load_one(name, bytes);
    assert_eq!(library.scenarios.len(), 0);
    library.diagnostics.into_iter().next().expect("a diagnostic")
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let mut bytes = b"Scenario(\n    id: \"x\xff\",\n".to_vec();
    bytes.extend_from_slice(b")");
    let d = file_error("x.ron", &bytes);
    assert_eq!((d.code.key(), d.line, d.col), ("invalid-utf8", 2, 11));
}

#[test]
fn nul_bytes_are_reported() {
    let d = file_error("x.ron", b"Scenario(\n  id: \"a\0b\",\n)");
    assert_eq!((d.code.key(), d.line), ("nul-byte", 2));
}

#[test]
fn huge_files_are_refused() {
    let mut big = GOOD.as_bytes().to_vec();
    big.extend(std::iter::repeat_n(b' ', 5 * 1024 * 1024));
    assert_eq!(file_error("mini.ron", &big).code.key(), "file-too-large");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // Nesting where the format expects text is a type error; nesting in a
    // list of lists is stopped by the parser's depth limit. Neither overflows.
    let deep = format!("Scenario(id: {}1{})", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(file_error("deep.ron", deep.as_bytes()).code.key(), "wrong-type");
    let value: Result<ron::Value, _> = ron::Options::default().from_str(&format!(
        "{}1{}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    ));
    assert!(matches!(value.unwrap_err().code, ron::Error::ExceededRecursionLimit));
}

#[test]
fn missing_paths_are_reported() {
    let library = Library::load(&[Path::new("/no/such/dir/x.ron").to_path_buf()]);
    assert_eq!(library.diagnostics[0].code.key(), "io");
    let _ = PathBuf::new();
}

#[test]
fn the_documented_example_is_a_valid_scenario() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let doc = std::fs::read_to_string(root.join("docs/scenario-format.md")).unwrap();
    let start = doc.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("phrases")).unwrap();
    std::fs::copy(
        root.join("scenarios/phrases/service-language.ron"),
        dir.path().join("phrases/service-language.ron"),
    )
    .unwrap();
    std::fs::write(dir.path().join("call-for-manager-demo.ron"), example).unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    assert_eq!(library.scenarios.len(), 1);
}

/// Loads `paths` on another thread; fails the test if loading does not end
/// within a minute (a FIFO or a device would block a naive reader forever).
fn load_in_time(paths: Vec<PathBuf>) -> Library {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(Library::load(&paths)));
    receive.recv_timeout(std::time::Duration::from_secs(60)).expect("loading hung")
}

#[cfg(unix)]
#[test]
fn folders_fifos_devices_and_broken_links_named_ron_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.ron"), GOOD).unwrap();
    std::fs::create_dir(dir.path().join("folder.ron")).unwrap();
    let fifo = dir.path().join("pipe.ron");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("broken.ron")).unwrap();
    std::os::unix::fs::symlink("loop.ron", dir.path().join("loop.ron")).unwrap();
    let library = load_in_time(vec![dir.path().to_path_buf()]);
    assert_eq!(library.scenarios.len(), 1, "the good file still loads");
    for (name, kind) in [
        ("folder.ron", "folder"),
        ("pipe.ron", "fifo"),
        ("broken.ron", "link"),
        ("loop.ron", "link"),
    ] {
        let d = library
            .diagnostics
            .iter()
            .find(|d| d.path.file_name().unwrap() == name)
            .unwrap_or_else(|| panic!("{name} skipped in silence: {:#?}", library.diagnostics));
        assert_eq!(d.code.key(), "not-a-file", "{name}");
        assert!(d.args.iter().any(|(k, v)| *k == "kind" && v.to_string() == kind), "{name}: {d:?}");
    }
    // Named on the command line, a FIFO or a device is refused at once.
    for path in [fifo, PathBuf::from("/dev/zero")] {
        let library = load_in_time(vec![path.clone()]);
        assert_eq!(library.diagnostics[0].code.key(), "not-a-file", "{}", path.display());
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_scenarios_folder_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.ron");
    std::fs::write(&secret, "root:x:0:0:secret-line\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.ron"), GOOD).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("passwd.ron")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("mini.ron"), dir.path().join("inside.ron")).unwrap();
    let library = load_in_time(vec![dir.path().to_path_buf()]);
    let d = library
        .diagnostics
        .iter()
        .find(|d| d.path.file_name().unwrap() == "passwd.ron")
        .expect("the link is reported");
    assert_eq!(d.code.key(), "link-outside");
    let shown = format!("{:?}", library.diagnostics);
    assert!(!shown.contains("secret-line"), "the target's text leaked: {shown}");
    // A link that stays inside the folder is followed (and found a duplicate).
    assert!(
        library
            .diagnostics
            .iter()
            .all(|d| d.path.file_name().unwrap() != "inside.ron" || d.code.key() != "link-outside")
    );
}

/// ESC, NUL and direction controls, raw or written as RON escapes, are
/// errors at their place: they would act on a terminal or a text box.
#[test]
fn control_characters_raw_or_escaped_are_errors() {
    for (title, col) in [
        ("a\u{1b}]0;x", 14),
        (r"a\u{1b}[2J", 14),
        (r"a\x1b[8m", 14),
        (r"a\0b", 14),
        ("a\u{202e}b", 14),
        (r"a\u{202E}b", 14),
    ] {
        let text = GOOD.replacen(r#"title: "t","#, &format!(r#"title: "{title}","#), 1);
        let d = file_error("mini.ron", text.as_bytes());
        assert_eq!((d.code.key(), d.line, d.col), ("control-character", 3, col), "{title:?}");
    }
    // Line breaks, tabs and ordinary escapes are fine; so is a comment.
    let fine = GOOD.replacen(r#"title: "t","#, "title: \"a\\n\\tb\\u{4f60}\", // \\x1b\n", 1);
    let (_dir, library) = load_one("mini.ron", fine.as_bytes());
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
}

/// A byte-order mark (Notepad) is not text; CR-only line ends (old Mac)
/// still give lines.
#[test]
fn byte_order_marks_and_cr_line_ends_are_read_as_an_editor_shows_them() {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(GOOD.as_bytes());
    let (_dir, library) = load_one("mini.ron", &bom);
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    let cr = GOOD.replace(r#"title: "t","#, r#"titel: "t","#).replace('\n', "\r");
    let (_dir, library) = load_one("mini.ron", cr.as_bytes());
    let d = &library.diagnostics[0];
    assert_eq!((d.code.key(), d.line, d.col), ("unknown-field", 3, 5));
}

/// The kind in a message is in the reader's language; JSON keeps the key.
#[test]
fn kinds_in_messages_are_translated() {
    use courtesy_core::{Locale, Messages};
    let (text, diagnostics) = broken(r#"Rule(id: "rude""#, r#"Rule(id: "hold""#);
    let d = diagnostics.iter().find(|d| d.code.key() == "duplicate-id").unwrap();
    let _ = text;
    let (zh, _) = d.message(&Messages::new(Locale::ZhCn));
    assert!(zh.contains("规则") && !zh.contains("rule"), "{zh}");
    let (en, _) = d.message(&Messages::new(Locale::EnUs));
    assert!(en.contains("rule"), "{en}");
}

/// A scenario whose rules spell out more than `MAX_PATTERNS` phrases is
/// refused; one just under it still compiles (as an NFA, in linear memory).
#[test]
fn a_rule_book_past_the_phrase_limit_is_refused() {
    use courtesy_core::judge::rules::MAX_PATTERNS;
    let alternatives: String = (0..256u32)
        .map(|k| char::from_u32(0x4E00 + k).unwrap().to_string())
        .collect::<Vec<_>>()
        .join("|");
    let rules = |count: usize| -> String {
        (0..count)
            .map(|i| {
                let first = char::from_u32(0x5E00 + i as u32).unwrap();
                format!(
                    "Rule(id: \"g{i}\", category: Rudeness, phrases: [\"{first}{{{alternatives}}}\"]),\n"
                )
            })
            .collect()
    };
    // Some of the 256 characters fold together (Traditional to Simplified),
    // so a rule spells out a little under 256 phrases.
    let over = MAX_PATTERNS / 200 + 1;
    let (_, diagnostics) = broken("    rules: [\n", &format!("    rules: [\n{}", rules(over)));
    let d = diagnostics.iter().find(|d| d.code.key() == "too-many-phrases");
    assert!(d.is_some(), "{:?}", diagnostics.iter().map(|d| d.code.key()).collect::<Vec<_>>());
    let under = MAX_PATTERNS / 256 - 2;
    let (_, diagnostics) = broken("    rules: [\n", &format!("    rules: [\n{}", rules(under)));
    assert!(diagnostics.iter().all(|d| d.code.key() != "too-many-phrases"));
}

/// `forbid:` at the top of a scenario forbids a rule at every typed reply;
/// an unknown id there is an error.
#[test]
fn a_scenario_wide_forbid_applies_to_every_reply() {
    let text = GOOD
        .replacen("    start: \"ask\",", "    forbid: [\"rude\"],\n    start: \"ask\",", 1)
        .replacen(
            r#"prompt: Reply(require: ["hold"], forbid: ["rude"]),"#,
            r#"prompt: Reply(require: ["hold"]),"#,
            1,
        )
        .replacen(r#"Example(node: "ask", reply: "快点说", expect: Fail, hits: ["rude"]),"#, "", 1);
    let (_dir, library) = load_one("mini.ron", text.as_bytes());
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    let s = &library.scenarios[0];
    let ask = s.node_index("ask").unwrap();
    assert!(s.score_reply(ask, "请稍等").passed());
    let r = s.score_reply(ask, "请稍等，快点说");
    assert!(!r.passed() && r.hit_rule("rude"));
    expect(
        "unknown-rule",
        broken("    start: \"ask\",", "    forbid: [\"nope\"],\n    start: \"ask\","),
        "nope",
    );
}

/// `echo: true` on a node whose customer gives no number is an error.
#[test]
fn echo_needs_a_number_in_the_customers_line() {
    expect(
        "echo-without-number",
        broken(
            r#"prompt: Reply(require: ["hold"], forbid: ["rude"]),"#,
            r#"prompt: Reply(require: ["hold"], forbid: ["rude"], echo: true),"#,
        ),
        "Node(id: \"ask\"",
    );
    let with_number = GOOD
        .replacen(r#"says: ["查一下"],"#, r#"says: ["查一下3栋1202"],"#, 1)
        .replacen(r#"forbid: ["rude"]),"#, r#"forbid: ["rude"], echo: true),"#, 1);
    let (_dir, library) = load_one("mini.ron", with_number.as_bytes());
    assert!(library.diagnostics.iter().all(|d| d.code.key() != "echo-without-number"));
    // The example 请稍等 now misses the number: one act of two.
    let s = &library.scenarios[0];
    assert_eq!(s.score_reply(s.node_index("ask").unwrap(), "请稍等").score, 50);
    assert_eq!(s.score_reply(s.node_index("ask").unwrap(), "1202，请稍等").score, 100);
}

/// A local rule may extend a shared act: its phrases come on top of the
/// shared ones, `without` leaves some out, and an unknown base is an error.
#[test]
fn a_rule_extends_a_shared_act_and_may_narrow_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("phrases")).unwrap();
    std::fs::copy(
        root().join("scenarios/phrases/service-language.ron"),
        dir.path().join("phrases/service-language.ron"),
    )
    .unwrap();
    let text = GOOD
        .replacen("    rules: [\n", "    apply: [\"service-language\"],\n    rules: [\n", 1)
        .replacen(
            r#"Rule(id: "hold", category: Hold, phrases: ["请稍等"]),"#,
            r#"Rule(id: "hold-here", category: Hold, extends: "hold", without: ["稍坐"], phrases: ["您先忙我等会儿"]),"#,
            1,
        )
        .replace(r#"require: ["hold"]"#, r#"require: ["hold-here"]"#);
    std::fs::write(dir.path().join("mini.ron"), &text).unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    assert_eq!(library.error_count(), 0, "{:#?}", library.diagnostics);
    let s = library.scenario("mini").unwrap();
    let ask = s.node_index("ask").unwrap();
    for reply in ["请稍等", "请您稍候", "您先忙我等会儿"] {
        assert!(s.score_reply(ask, reply).passed(), "{reply}: from the shared act or its own");
    }
    assert!(!s.score_reply(ask, "您稍坐").passed(), "left out by without");
    let wrong = text.replacen(r#"extends: "hold""#, r#"extends: "hodl""#, 1);
    std::fs::write(dir.path().join("mini.ron"), &wrong).unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    let d = library.diagnostics.iter().find(|d| d.code.key() == "unknown-rule").unwrap();
    assert_eq!(d.line, line_of(&wrong, "hodl"));
}
