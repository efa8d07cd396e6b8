//! The `courtesy` command line, end to end (assert_cmd).

use assert_cmd::Command;
use predicates::prelude::*;

fn courtesy(state: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("courtesy").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", state.path())
        .env_remove("COURTESY_SCENARIOS")
        .env("COURTESY_LOCALE", "zh-CN");
    cmd
}

fn state() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Plays a scenario with scripted input and returns the JSON result.
fn play_json(id: &str, seed: u64, input: &str) -> serde_json::Value {
    let (finished, json) = play_partial(id, seed, input);
    assert!(finished, "the scenario did not reach an ending");
    json
}

/// Plays; returns whether it finished (exit 0) and the JSON result.
fn play_partial(id: &str, seed: u64, input: &str) -> (bool, serde_json::Value) {
    let s = state();
    let out = courtesy(&s)
        .args(["play", "--text", "--scenario", id, "--seed", &seed.to_string(), "--json"])
        .write_stdin(input)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.success(), json)
}

#[test]
fn phone_three_rings_plays_to_the_good_ending() {
    let r = play_json(
        "phone-three-rings",
        1,
        "1\n您好，丽江花园物业管理处，请问有什么可以帮您？\n好的，请稍等，我帮您查一下。\n不客气，谢谢您的来电，再见！\n1\n",
    );
    assert_eq!(r["verdict"], "pass");
    assert_eq!(r["ending"], "Good");
    assert_eq!(r["score"], 100);
    assert_eq!(r["transcript"].as_array().unwrap().len(), 5);
}

#[test]
fn phone_three_rings_bad_replies_reach_a_bad_ending() {
    let r = play_json("phone-three-rings", 1, "/timeout\n喂？\n不知道\n急什么\n");
    assert_eq!(r["verdict"], "fail");
    assert_eq!(r["ending"], "Bad");
    assert_eq!(r["ending_node"], "end-hung-up");
    let t = r["transcript"].as_array().unwrap();
    assert_eq!(t[0]["kind"], "timed-out", "the turn shape of docs/turn-json.md");
    assert_eq!(t[1]["node"], "late");
}

#[test]
fn unknown_question_plays_good_and_bad() {
    let good = play_json(
        "unknown-question",
        2,
        "1\n对不起，这个问题我请工程主管来为您解答，请您稍等一下。\n1\n不客气，刘先生请慢走，再见！\n1\n",
    );
    assert_eq!((good["verdict"].as_str(), good["ending"].as_str()), (Some("pass"), Some("Good")));
    let bad = play_json("unknown-question", 2, "3\n不知道\n不清楚就是不清楚\n");
    assert_eq!(
        (bad["verdict"].as_str(), bad["ending_node"].as_str()),
        (Some("fail"), Some("end-complaint"))
    );
    assert_eq!(bad["critical_failures"][0], "no-dont-know");
}

#[test]
fn gate_guard_asleep_plays_good_and_bad() {
    let good = play_json(
        "gate-guard-asleep",
        3,
        "1\n您好！管理处在3栋一楼，请往前直走，到第二个路口右转就到了。\n1\n不客气，请慢走！\n",
    );
    assert_eq!((good["verdict"].as_str(), good["ending"].as_str()), (Some("pass"), Some("Good")));
    let bad =
        play_json("gate-guard-asleep", 3, "3\n干嘛\n去里面，往里走就看见了\n往里走就看见了\n");
    assert_eq!(
        (bad["verdict"].as_str(), bad["ending_node"].as_str()),
        (Some("fail"), Some("end-lost"))
    );
}

#[test]
fn the_same_seed_replays_the_same_lines() {
    let input = "1\n您好，丽江花园物业管理处，请问有什么可以帮您？\n请稍等\n";
    let line =
        |seed| play_partial("phone-three-rings", seed, input).1["transcript"][2]["line"].clone();
    assert_eq!(line(9), line(9));
    let lines: std::collections::HashSet<String> = (0..12).map(|s| line(s).to_string()).collect();
    assert_eq!(lines.len(), 2, "both variants of the query appear across seeds");
}

#[test]
fn text_play_prints_feedback_and_debrief() {
    let s = state();
    courtesy(&s)
        .args(["play", "--text", "--scenario", "phone-three-rings", "--seed", "1"])
        .write_stdin("１\n喂，说吧！\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("【喂，说吧】"))
        .stdout(predicate::str::contains("应该说"))
        .stdout(predicate::str::contains("规范用语"))
        .stdout(predicate::str::contains("讲评"))
        .stdout(predicate::str::contains("正确做法：您好，丽江花园物业管理处"));
}

#[test]
fn an_interrupted_session_resumes_where_it_stopped() {
    let s = state();
    courtesy(&s)
        .args(["play", "--text", "--scenario", "phone-three-rings", "--seed", "4"])
        .write_stdin("1\n您好，丽江花园物业管理处，请问有什么可以帮您？\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--resume"));
    assert_eq!(saves(&s), 1, "the unfinished session is saved in its own file");
    let out = courtesy(&s)
        .args(["play", "--text", "--resume", "--json"])
        .write_stdin("请稍等\n不客气，再见\n1\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["seed"], 4);
    assert_eq!(r["transcript"].as_array().unwrap().len(), 5);
    assert_eq!(r["ending"], "Good");
    assert_eq!(saves(&s), 0, "a recorded session leaves no save");
    let results = std::fs::read_to_string(s.path().join("courtesy/results.jsonl")).unwrap();
    assert_eq!(results.lines().count(), 1);
}

/// How many sessions are saved in the state folder.
fn saves(state: &tempfile::TempDir) -> usize {
    std::fs::read_dir(state.path().join("courtesy/sessions"))
        .map(|d| d.filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "jsonl").count())
        .unwrap_or(0)
}

#[test]
fn bad_lines_in_play_are_refused_with_a_message() {
    let s = state();
    let mut input = b"abc\n\xff\xfe\n1\n\n".to_vec();
    input.extend_from_slice("您好，丽江花园物业管理处，请问有什么可以帮您？\n".as_bytes());
    courtesy(&s)
        .args(["play", "--text", "--scenario", "phone-three-rings", "--seed", "1"])
        .write_stdin(input)
        .assert()
        .stdout(predicate::str::contains("请输入选项前的序号"))
        .stdout(predicate::str::contains("不是有效的 UTF-8"))
        .stdout(predicate::str::contains("回答是空的"));
}

#[test]
fn check_json_reports_character_offsets_clause_and_suggestion() {
    let s = state();
    let out = courtesy(&s).args(["check", "--json", "您好，這個我不知道。"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "fail");
    let hit = &v["forbidden"][0];
    assert_eq!(hit["rule"], "no-dont-know");
    assert_eq!(hit["text"], "不知道");
    assert_eq!((hit["start"].as_u64(), hit["end"].as_u64()), (Some(6), Some(9)));
    assert!(hit["clause"].as_str().unwrap().contains("2.2.1"));
    assert!(hit["suggestion"].as_str().unwrap().contains("请您稍等"));
    assert!(v["required"].as_array().unwrap().is_empty());
}

#[test]
fn check_against_a_node_reports_required_rules() {
    let s = state();
    let out = courtesy(&s)
        .args([
            "check",
            "--json",
            "--scenario",
            "phone-three-rings",
            "--node",
            "greet",
            "您好，丽江花园物业管理处",
            "喂",
        ])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let req = |i: usize, rule: &str| {
        lines[i]["required"].as_array().unwrap().iter().find(|r| r["rule"] == rule).unwrap()["met"]
            .clone()
    };
    assert_eq!(req(0, "greeting-company"), true);
    assert_eq!(req(0, "offer-help"), false);
    assert_eq!(req(1, "greeting-company"), false);
}

#[test]
fn check_reads_one_reply_per_line_and_flags_bad_lines() {
    let s = state();
    let mut input = Vec::new();
    for i in 0..2000 {
        input.extend_from_slice(format!("第{i}位客户，对不起，请稍等\n").as_bytes());
    }
    input.extend_from_slice(b"\xff\xfe bad\n");
    input.extend_from_slice("我们不管\n".as_bytes());
    input.extend(std::iter::repeat_n(b'a', 1_048_576));
    input.push(b'\n');
    input.extend_from_slice("😀🙂 mixed 文字 ＡＢＣ\n\0\n\n".as_bytes());
    let out = courtesy(&s).args(["check", "--json"]).write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "bad lines make the exit code 1");
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2006);
    assert_eq!(lines[0]["verdict"], "pass");
    assert_eq!(lines[2000]["line"], 2001);
    assert!(lines[2000]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[2001]["forbidden"][0]["rule"], "no-we-dont-handle-it");
    assert!(lines[2002]["error"].as_str().unwrap().contains("1048576"));
    assert_eq!(lines[2003]["verdict"], "pass");
}

#[test]
fn validate_passes_on_the_library() {
    let s = state();
    courtesy(&s)
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 个错误"))
        .stdout(predicate::str::contains("检查了 5 个课程"));
}

#[test]
fn validate_prints_path_line_col_code_and_snippet_and_exits_1() {
    let s = state();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "Scenario(\n    id: \"broken\",\n    titel: \"x\",\n)\n").unwrap();
    courtesy(&s)
        .args(["--locale", "en-US", "validate"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{}:3:5: error[unknown-field]", path.display())))
        .stderr(predicate::str::contains("titel"))
        .stderr(predicate::str::contains("docs/scenario-format.md"))
        .stderr(predicate::str::contains(": 1 error, 0 warnings."));
}

#[test]
fn validate_reports_invalid_utf8_files() {
    let s = state();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.ron");
    std::fs::write(&path, b"Scenario(\n  title: \"\xc4\xfa\xba\xc3\",\n)").unwrap();
    courtesy(&s)
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":2:11: 错误[invalid-utf8]"))
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn list_filters_by_tag_and_prints_json() {
    let s = state();
    let out = courtesy(&s).args(["list", "--tag", "phone-etiquette", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = v.as_array().unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"phone-three-rings"), "{ids:?}");
    assert!(!ids.contains(&"gate-guard-asleep"), "{ids:?}");
    for e in entries {
        assert!(e["tags"].as_array().unwrap().iter().any(|t| t == "phone-etiquette"), "{e}");
    }
    let all = courtesy(&s).args(["list", "--json"]).output().unwrap();
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert!(all.as_array().unwrap().len() > entries.len());
    courtesy(&s)
        .args(["--locale", "en-US", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Asleep in the gate booth"));
    courtesy(&s)
        .args(["--locale", "zh-TW", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("崗亭裡睡著了"));
}

#[test]
fn graph_prints_dot() {
    let s = state();
    courtesy(&s)
        .args(["graph", "phone-three-rings"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph \"phone-three-rings\""))
        .stdout(predicate::str::contains("\"ring\" -> \"greet\" [label=\"passed\"]"));
}

#[test]
fn unknown_scenarios_and_usage_errors() {
    let s = state();
    courtesy(&s)
        .args(["play", "--text", "--scenario", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("找不到场景"));
    courtesy(&s).args(["graph", "nope"]).assert().code(1);
    courtesy(&s).args(["check", "--node", "x"]).assert().code(2);
}

#[test]
fn zh_tw_shows_scenario_text_in_traditional() {
    let s = state();
    courtesy(&s)
        .args([
            "--locale",
            "zh-TW",
            "play",
            "--text",
            "--scenario",
            "phone-three-rings",
            "--seed",
            "1",
        ])
        .write_stdin("2\n")
        .assert()
        .stdout(predicate::str::contains("電話響了"))
        .stdout(predicate::str::contains("放下手上的單據"));
}

#[test]
fn without_a_display_the_game_falls_back_to_the_terminal_mode() {
    let s = state();
    courtesy(&s)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .write_stdin("1\n/quit\n")
        .assert()
        .stderr(predicate::str::contains("没有可用的图形显示"))
        .stdout(predicate::str::contains("请选择一个场景"))
        .stdout(predicate::str::contains("讲评"));
}

/// A broken curriculum is reported at file:line:col by `validate`, like a
/// scenario, and fails it.
#[test]
fn validate_checks_a_curriculum_file_and_points_at_the_mistake() {
    let s = state();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("curricula");
    std::fs::create_dir(&folder).unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("curricula/gate-guard-onboarding.ron"),
    )
    .unwrap()
    .replace(
        "\"resident-declines-visitor\", \"etiquette-gestures\"",
        "\"resident-declines-vistor\", \"etiquette-gestures\"",
    );
    let file = folder.join("gate-guard-onboarding.ron");
    std::fs::write(&file, &text).unwrap();
    let line = text.lines().position(|l| l.contains("resident-declines-vistor")).unwrap() + 1;
    courtesy(&s)
        .arg("validate")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("gate-guard-onboarding.ron:{line}:")))
        .stderr(predicate::str::contains("resident-declines-vistor"))
        .stderr(predicate::str::contains("courtesy list"));
}
