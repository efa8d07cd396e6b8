//! A trainer's onboarding flow from the command line, on a fresh state
//! folder: add a hire to the roster, enrol them, watch the modules unlock
//! as they pass, see the certification and its expiry; and the records'
//! faults reported in the trainer's language.

use assert_cmd::Command;
use predicates::prelude::*;

const GOOD_CALL: &str = "1\n您好，丽江花园物业管理处，请问有什么可以帮您？\n好的，请稍等，我帮您查一下。\n不客气，谢谢您的来电，再见！\n1\n";

const MINI: &str = r#"Curriculum(
    id: "mini-call",
    title: "接听电话小课程",
    role: CallCentre,
    certification: CertificationRule(valid_days: 365, recertify_within_days: 30),
    modules: [
        Module(id: "practice", title: "接听练习", scenarios: ["phone-three-rings"], gate: Gate(mastery: 80)),
        Module(id: "exam", title: "接听考试", scenarios: ["phone-three-rings"], gate: Gate(mastery: 80, exam_only: true)),
    ],
)"#;

struct Trainer {
    state: tempfile::TempDir,
    curricula: tempfile::TempDir,
}

impl Trainer {
    fn new() -> Trainer {
        let curricula = tempfile::tempdir().unwrap();
        std::fs::write(curricula.path().join("mini-call.ron"), MINI).unwrap();
        Trainer { state: tempfile::tempdir().unwrap(), curricula }
    }

    fn courtesy(&self) -> Command {
        let mut cmd = Command::cargo_bin("courtesy").unwrap();
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_STATE_HOME", self.state.path())
            .env("COURTESY_CURRICULA", self.curricula.path())
            .env_remove("COURTESY_SCENARIOS")
            .env_remove("COURTESY_DB")
            .env("COURTESY_LOCALE", "zh-CN");
        cmd
    }

    fn training(&self) -> serde_json::Value {
        let out = self.courtesy().args(["training", "E001", "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn states(t: &serde_json::Value) -> Vec<String> {
    t["training"][0]["progress"]["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["state"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_new_hire_is_enrolled_and_certified_as_the_gates_open() {
    let t = Trainer::new();
    t.courtesy()
        .args(["roster", "add", "--employee-no", "E001", "--name", "王芳", "--role", "call-centre"])
        .args(["--site", "丽江花园客服中心", "--hired", "2026-11-20"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已加入名册：E001 王芳（客服热线）"));
    t.courtesy()
        .args(["enrol", "E001", "--curriculum", "mini-call", "--due-days", "14"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已为 王芳 报名“接听电话小课程”"));
    let before = t.training();
    assert_eq!(before["training"][0]["status"], "assigned");
    assert_eq!(states(&before), ["open", "locked"]);

    // The next assigned scenario, in practice mode: the first module passes.
    t.courtesy()
        .args(["play", "--text", "--as", "E001", "--assigned", "--seed", "1"])
        .write_stdin(GOOD_CALL)
        .assert()
        .success()
        .stdout(predicate::str::contains("做到了"));
    let middle = t.training();
    assert_eq!(middle["training"][0]["status"], "in-progress");
    assert_eq!(states(&middle), ["passed", "open"]);

    // The exam module is next, and it is played in exam mode (no feedback
    // after each turn).
    t.courtesy()
        .args(["play", "--text", "--as", "E001", "--assigned", "--seed", "1"])
        .write_stdin(GOOD_CALL)
        .assert()
        .success()
        .stdout(predicate::str::contains("做到了").not());
    let after = t.training();
    assert_eq!(after["training"][0]["status"], "passed");
    assert_eq!(after["training"][0]["progress"]["standing"], "certified");
    let cert = &after["training"][0]["progress"]["certifications"][0];
    let (from, until) =
        (cert["certified_at"].as_u64().unwrap(), cert["expires_at"].as_u64().unwrap());
    assert_eq!(until - from, 365 * 86_400);

    // In words: the certificate and its expiry date.
    let expires = courtesy_core::curriculum::date(until);
    t.courtesy()
        .args(["training", "E001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[已通过] 接听考试"))
        .stdout(predicate::str::contains(format!("{expires} 到期")));
    t.courtesy()
        .args(["play", "--text", "--as", "E001", "--assigned"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("王芳 没有待完成的培训"));

    // The records export for an LMS: a passed and a completed statement per attempt.
    let xapi = t.state.path().join("xapi.json");
    t.courtesy()
        .args(["records", "export", "--home-page", "https://lms.example.com", "--xapi"])
        .arg(&xapi)
        .assert()
        .success()
        .stdout(predicate::str::contains("4 条 xAPI 语句"));
    let statements: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&xapi).unwrap()).unwrap();
    assert_eq!(statements[0]["actor"]["account"]["name"], "E001");
    assert_eq!(statements[0]["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
    assert_eq!(
        statements[0]["object"]["id"],
        "https://lms.example.com/scenarios/phone-three-rings"
    );
    assert_eq!(statements[0]["result"]["score"]["scaled"], 1.0);

    // The records hold both attempts, every turn, and the certification.
    let path = t.state.path().join("courtesy/records.sqlite");
    let store = courtesy_records::SqliteStore::open(&path).unwrap();
    use courtesy_records::RecordStore;
    let person = &store.people().unwrap()[0];
    let history = store.history(&person.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|a| a.turns == 5 && a.end.is_some()));
    assert_eq!(history[1].start.mode, courtesy_core::Mode::Exam);
    assert_eq!(store.certifications(&person.id).unwrap().len(), 1);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn record_faults_are_told_in_the_trainers_language() {
    let t = Trainer::new();
    t.courtesy()
        .args(["training", "E999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("名册里没有工号 E999"));
    // A database from a newer courtesy is refused, untouched.
    let db = t.state.path().join("newer.sqlite");
    rusqlite_version(&db, 99);
    let before = std::fs::read(&db).unwrap();
    t.courtesy()
        .args(["--db"])
        .arg(&db)
        .args(["roster", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("更新版本的 courtesy"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // Not a database at all.
    let text = t.state.path().join("notes.txt");
    std::fs::write(&text, "不是数据库".repeat(300)).unwrap();
    t.courtesy()
        .args(["--db"])
        .arg(&text)
        .args(["roster", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("不是 courtesy 的培训记录"));
    // An unknown job is refused by the command line itself.
    t.courtesy()
        .args(["roster", "add", "--employee-no", "E1", "--name", "甲", "--role", "cook"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("front-desk"));
}

/// A records file whose schema version is `version`.
fn rusqlite_version(path: &std::path::Path, version: i64) {
    drop(courtesy_records::SqliteStore::open(path).unwrap());
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.pragma_update(None, "user_version", version).unwrap();
}

/// A desktop sends its records to the company's PostgreSQL, and a trainer
/// reads them there with `--db postgres://…`. Run by `.ci/run` against the
/// server it starts (`COURTESY_TEST_PG`).
#[test]
#[ignore = "needs a PostgreSQL server (COURTESY_TEST_PG; .ci/run starts one)"]
fn a_desktop_syncs_to_postgres_and_the_trainer_reads_it_there() {
    let admin = std::env::var("COURTESY_TEST_PG").expect("COURTESY_TEST_PG names the server");
    let name = format!("courtesy_cli_{}", courtesy_records::new_id().replace('-', ""));
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);

    let t = Trainer::new();
    t.courtesy()
        .args(["roster", "add", "--employee-no", "E001", "--name", "王芳", "--role", "call-centre"])
        .assert()
        .success();
    t.courtesy().args(["enrol", "E001", "--curriculum", "mini-call"]).assert().success();
    t.courtesy()
        .args(["play", "--text", "--as", "E001", "--assigned", "--seed", "1"])
        .write_stdin(GOOD_CALL)
        .assert()
        .success();
    t.courtesy()
        .args(["records", "sync", "--to", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("新存入"));
    // Twice is harmless: nothing new is stored.
    t.courtesy()
        .args(["records", "sync", "--to", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("新存入 0 条"));
    // The trainer's machine reads the company's server.
    let out = t.courtesy().args(["--db", &url, "training", "E001", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["training"][0]["status"], "in-progress");
    assert_eq!(json["training"][0]["progress"]["modules"][0]["state"], "passed");
}

/// A trainee who thinks a failed verdict is wrong contests it with
/// `/contest` and a reason; it reaches the records for the trainers'
/// review, on the turn it names.
#[test]
fn a_trainee_contests_a_verdict_and_it_reaches_the_records() {
    let t = Trainer::new();
    t.courtesy()
        .args(["roster", "add", "--employee-no", "E001", "--name", "王芳", "--role", "call-centre"])
        .assert()
        .success();
    // Picks up, then a greeting without the company's name: a failed turn.
    t.courtesy()
        .args(["play", "--text", "--as", "E001", "--scenario", "phone-three-rings", "--seed", "1"])
        .write_stdin("/contest 还没答\n1\n您好\n/contest 我问候了，只是没报单位名\n/quit\n")
        .assert()
        .stdout(predicate::str::contains("还没有作答"))
        .stdout(predicate::str::contains("觉得这一轮判错了？"))
        .stdout(predicate::str::contains("已记下你的申诉"));
    let store =
        courtesy_records::SqliteStore::open(&t.state.path().join("courtesy/records.sqlite"))
            .unwrap();
    use courtesy_records::RecordStore;
    let contests = store.contests().unwrap();
    assert_eq!(contests.len(), 1);
    assert_eq!(contests[0].turn, 2);
    assert_eq!(contests[0].comment, "我问候了，只是没报单位名");
    let turns = store.turns(&contests[0].attempt).unwrap();
    assert_eq!(turns[1].reply, "您好", "the contest names the turn it doubts");
    // Without the roster there is no one to record it under.
    t.courtesy()
        .args(["play", "--text", "--scenario", "phone-three-rings", "--seed", "1"])
        .write_stdin("1\n/contest 不对\n/quit\n")
        .assert()
        .stdout(predicate::str::contains("--as"));
}
