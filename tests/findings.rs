//! A mystery-shopper finding from sheet to passed drill, from the command
//! line on a fresh state folder: the trainer imports a shopper's sheet that
//! flags a trainee, the drill appears in the trainee's training with what
//! the shopper saw, an exam passed today counts once and the next day's
//! completes it; a bad sheet imports nothing and says which rows are wrong;
//! a finding under appeal pauses its drill and a waiver keeps its reason.

use assert_cmd::Command;
use courtesy_core::curriculum::DAY;
use courtesy_core::{Mode, Verdict};
use courtesy_records::{AttemptEnd, AttemptStart, RecordStore, SqliteStore, new_id};

const GOOD_CALL: &str = "1\n您好，丽江花园物业管理处，请问有什么可以帮您？\n好的，请稍等，我帮您查一下。\n不客气，谢谢您的来电，再见！\n1\n";

const SHEET: &str =
    "\u{feff}访问编号,日期,时间,网点,渠道,被访人员,班次,总分,检查类别,关键项,结果,情况描述
XH-1,2026-11-04,23:40,阳光花园,电话,E001,,80,电话礼仪,,不合格,响铃六声才接，接起说“喂，什么事”
,,,,,,,,服务用语,,合格,
";

struct Trainer {
    state: tempfile::TempDir,
    curricula: tempfile::TempDir,
}

impl Trainer {
    fn new() -> Trainer {
        let curricula = tempfile::tempdir().unwrap();
        let shoppers = curricula.path().join("shoppers");
        std::fs::create_dir(&shoppers).unwrap();
        std::fs::copy("curricula/shoppers/xinghe.ron", shoppers.join("xinghe.ron")).unwrap();
        let t = Trainer { state: tempfile::tempdir().unwrap(), curricula };
        t.ok(&[
            "roster",
            "add",
            "--employee-no",
            "E001",
            "--name",
            "张伟",
            "--role",
            "call-centre",
            "--site",
            "阳光花园",
        ]);
        t
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

    fn ok(&self, args: &[&str]) -> String {
        let out = self.courtesy().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn sheet(&self, text: &str) -> String {
        let path = self.state.path().join("星河 11月.csv");
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn drill(&self) -> serde_json::Value {
        let out = self.ok(&["training", "E001", "--json"]);
        let t: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(t["drills"].as_array().map(Vec::len), Some(1), "{t}");
        t["drills"][0].clone()
    }

    fn records(&self) -> SqliteStore {
        SqliteStore::open(&self.state.path().join("courtesy/records.sqlite")).unwrap()
    }
}

#[test]
fn a_finding_becomes_a_drill_passed_on_two_separate_days() {
    let t = Trainer::new();
    let sheet = t.sheet(SHEET);
    let out = t.ok(&["findings", "import", &sheet]);
    assert!(out.contains("存入 1 条暗访") && out.contains("安排了 1 项复训"), "{out}");
    assert!(out.contains("张伟（E001）电话礼仪"), "{out}");

    let drill = t.drill();
    assert_eq!(drill["progress"]["state"], "due");
    assert_eq!(drill["record"]["drill"]["category"], "电话礼仪");
    assert!(drill["scenarios"].as_array().unwrap().iter().any(|s| s == "phone-three-rings"));
    let text = t.ok(&["training", "E001"]);
    assert!(text.contains("复训“电话礼仪”：待练（已通过 0/2 天）"), "{text}");
    assert!(text.contains("2026-11-04 23:40 阳光花园（电话）：响铃六声才接"), "{text}");

    // Practice does not count; an exam passed today counts once.
    t.courtesy()
        .args(["play", "--text", "--as", "E001", "--scenario", "phone-three-rings", "--seed", "1"])
        .write_stdin(GOOD_CALL)
        .assert()
        .success();
    assert_eq!(t.drill()["progress"]["passed_days"], 0);
    for _ in 0..2 {
        t.courtesy()
            .args(["play", "--text", "--as", "E001", "--exam", "--scenario", "phone-three-rings"])
            .args(["--seed", "1"])
            .write_stdin(GOOD_CALL)
            .assert()
            .success();
    }
    let drill = t.drill();
    assert_eq!(drill["progress"]["state"], "resting", "{drill}");
    assert_eq!(drill["progress"]["passed_days"], 1);

    // The next day's exam (written as the game would) completes it.
    let mut store = t.records();
    let person = store.people().unwrap()[0].id.clone();
    let tomorrow = courtesy_records::model::now() + DAY;
    let id = new_id();
    store
        .begin_attempt(&AttemptStart {
            id: id.clone(),
            person: Some(person),
            trainee_name: None,
            scenario: "phone-three-rings".into(),
            scenario_hash: String::new(),
            mode: Mode::Exam,
            assignment: None,
            seed: 1,
            session: new_id(),
            started_at: tomorrow,
        })
        .unwrap();
    store
        .finish_attempt(&AttemptEnd {
            attempt: id,
            finished_at: tomorrow + 60,
            score: 95,
            verdict: Verdict::Pass,
            critical_miss: false,
            ending: None,
        })
        .unwrap();
    drop(store);
    assert_eq!(t.drill()["progress"]["state"], "passed");
    let text = t.ok(&["training", "E001"]);
    assert!(text.contains("复训“电话礼仪”：已通过"), "{text}");

    // The trainer's report of this month counts the exams and the drill.
    let report: serde_json::Value =
        serde_json::from_str(&t.ok(&["report", "--site", "阳光花园", "--json"])).unwrap();
    assert_eq!(report["drills"][0]["site"], "阳光花园");
    assert_eq!(report["drills"][0]["passed"], 1);
    let scenario = &report["scenarios"][0];
    // Three played today, and tomorrow's unless today ends the month.
    assert_eq!(scenario["scenario"], "phone-three-rings");
    assert!(matches!(scenario["attempts"].as_u64(), Some(3 | 4)), "{scenario}");
    let out = t.state.path().join("out");
    let (csv, xlsx, html) = (out.join("csv"), out.join("月报.xlsx"), out.join("月报.html"));
    std::fs::create_dir(&out).unwrap();
    let said = t.ok(&[
        "report",
        "--csv",
        csv.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(said.lines().count(), 9, "{said}");
    assert!(std::fs::read(csv.join("drills.csv")).unwrap().starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    assert!(std::fs::read_to_string(&html).unwrap().contains("各网点暗访复训"));
    let text = t.ok(&["report"]);
    assert!(text.contains("培训报表：全部网点") && text.contains("各网点暗访复训"), "{text}");
    let text = t.ok(&["report", "--person", "E001"]);
    assert!(text.contains("张伟（E001）的练习记录"), "{text}");
    assert!(text.contains("电话响了：三声之内接起 · 考试"), "{text}");
    // A month that is not one is refused in words.
    let out = t.courtesy().args(["report", "--month", "2026-13"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是月份"));
}

#[test]
fn a_bad_sheet_imports_nothing_and_names_its_rows() {
    let t = Trainer::new();
    let bad = format!(
        "{SHEET}XH-2,2026-11-31,,阳光花园,电话,E001,,,电话礼仪,,不合格,\nXH-3,2026-11-05,,星星小区,到访,,,,卫生,,不合格,\n"
    );
    let out = t.courtesy().args(["findings", "import", &t.sheet(&bad)]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第 4 行“日期”列") && err.contains("2026-11-31"), "{err}");
    assert!(err.contains("第 5 行“网点”列") && err.contains("星星小区"), "{err}");
    assert!(err.contains("第 5 行“检查类别”列") && err.contains("卫生"), "{err}");
    assert!(err.contains("什么都没有导入"), "{err}");
    assert!(t.ok(&["findings", "list"]).contains("还没有暗访记录"));
    // Two visits of one category: the person is listed once, with the count.
    let twice = format!("{SHEET}XH-2,2026-11-05,10:00,阳光花园,电话,E001,,,电话礼仪,,不合格,\n");
    let out = t.ok(&["findings", "import", &t.sheet(&twice)]);
    assert!(out.contains("张伟（E001）电话礼仪 ×2\n"), "{out}");
    // A file that is not a sheet, in the trainer's words.
    let out = t
        .courtesy()
        .args(["findings", "import", t.state.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是表格"));
}

#[test]
fn an_appeal_pauses_the_drill_and_a_waiver_keeps_its_reason() {
    let t = Trainer::new();
    t.ok(&["findings", "import", &t.sheet(SHEET)]);
    let out = t.ok(&["findings", "set", "XH-1", "appealed", "--reason", "录音显示三声内接听"]);
    assert!(out.contains("申诉中"), "{out}");
    assert_eq!(t.drill()["progress"]["state"], "paused");
    assert!(t.ok(&["findings", "list"]).contains("申诉中"));
    t.ok(&["findings", "set", "XH-1", "confirmed", "--reason", "复核录音属实"]);
    assert_eq!(t.drill()["progress"]["state"], "due");
    let id = t.drill()["record"]["drill"]["id"].as_str().unwrap().to_string();
    let out = t.ok(&["drills", "waive", &id[..8], "--reason", "已当面辅导并抽查合格"]);
    assert!(out.contains("已免除 张伟 的复训“电话礼仪”"), "{out}");
    let drill = t.drill();
    assert_eq!(drill["progress"]["state"], "waived");
    assert_eq!(drill["record"]["events"][0]["reason"], "已当面辅导并抽查合格");
    // The template opens as a workbook.
    let template = t.state.path().join("模板.xlsx");
    t.ok(&["findings", "template", template.to_str().unwrap()]);
    assert!(std::fs::read(&template).unwrap().starts_with(b"PK"));
}

/// Copies the scenario library, so a merge may edit it.
fn library_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["", "phrases"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(std::path::Path::new("scenarios").join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "ron") {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

#[test]
fn an_overturned_verdict_is_merged_into_the_scenario_as_an_example() {
    let t = Trainer::new();
    let lib = library_copy();
    let with_lib = |args: &[&str]| {
        let out = t.courtesy().env("COURTESY_SCENARIOS", lib.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    t.courtesy()
        .env("COURTESY_SCENARIOS", lib.path())
        .args(["play", "--text", "--as", "E001", "--scenario", "phone-three-rings", "--seed", "1"])
        .write_stdin("1\n您好，物业，请讲。\n/contest 我问候了，也说了是物业\n/quit\n")
        .assert()
        .code(1); // the turn failed
    let list = with_lib(&["review", "list"]);
    assert!(list.contains("张伟 (E001)") && list.contains("您好，物业，请讲。"), "{list}");
    assert!(list.contains("学员说：我问候了，也说了是物业"), "{list}");
    let queue: serde_json::Value =
        serde_json::from_str(&with_lib(&["review", "list", "--json"])).unwrap();
    let id = queue["contests"][0]["contest"]["id"].as_str().unwrap().to_string();
    assert_eq!(queue["contests"][0]["turn"]["verdict"], "fail");

    let out = with_lib(&[
        "review",
        "overturn",
        &id[..8],
        "--note",
        "报了“物业”，可以算报单位",
        "--by",
        "T001",
    ]);
    assert!(out.contains("已改判") && out.contains("review merge phone-three-rings"), "{out}");
    let proposal = lib.path().join("proposed/phone-three-rings.ron");
    assert!(std::fs::read_to_string(&proposal).unwrap().contains("您好，物业，请讲。"));
    assert!(with_lib(&["review", "list"]).contains("没有等待复核的申诉"));
    let all = with_lib(&["review", "list", "--all"]);
    assert!(all.contains("T001 改判") && all.contains("一致 0%"), "{all}");

    let before = std::fs::read_to_string(lib.path().join("phone-three-rings.ron")).unwrap();
    let out = with_lib(&["review", "merge", "phone-three-rings"]);
    assert!(out.contains("已把 1 条示例加进"), "{out}");
    let after = std::fs::read_to_string(lib.path().join("phone-three-rings.ron")).unwrap();
    assert!(after.starts_with(&before[..before.find("examples:").unwrap()]));
    assert!(after.contains("reply: \"您好，物业，请讲。\", expect: Pass, review: \""), "{after}");
    assert!(!proposal.exists());
    // The scenario still validates (the disagreement is a warning) and plays.
    let out =
        t.courtesy().env("COURTESY_SCENARIOS", lib.path()).args(["validate"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("example-mismatch"));
    // Nothing left to merge.
    let out = t
        .courtesy()
        .env("COURTESY_SCENARIOS", lib.path())
        .args(["review", "merge", "phone-three-rings"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
