//! Mystery-shopper sheets from file to records: XLSX and CSV (UTF-8 with a
//! byte-order mark, GB18030), merged cells, formulas, dates as text, a
//! hostile sheet that imports nothing, a 10,000-row sheet, the template
//! read back, drills for a shift, and the trainer's status changes, on
//! SQLite (and on PostgreSQL with `COURTESY_TEST_PG`, run by `.ci/run`).

#[cfg(feature = "postgres")]
mod common;
use std::path::Path;

use courtesy_core::curriculum::{DAY, JobRole, parse_date};
use courtesy_core::drill::{DrillState, progress};
use courtesy_core::shopper::{self, Problem, ShopperFirm};
use courtesy_core::{Locale, Messages};
use courtesy_records::findings::{
    DrillAction, DrillEvent, FindingEvent, FindingStatus, Findings, Plan, ShiftRow, plan,
};
use courtesy_records::sheet::{SheetError, read_csv, read_file, template};
use courtesy_records::{Person, RecordStore, Site, SiteKind, SqliteStore, new_id};
use rust_xlsxwriter::{Format, Workbook};

fn firm() -> ShopperFirm {
    let file =
        courtesy_core::diagnostic::read_source(Path::new("../../curricula/shoppers/xinghe.ron"))
            .unwrap();
    shopper::parse(&file).unwrap()
}

const NOW: u64 = 20_400 * DAY; // 2025-11-08

/// 阳光花园 with four people: 张伟 (E001, day shift), 李娜 (E002, night),
/// 王强 (E003, night) and 赵敏 (E004, no shift on record).
fn fill(store: &mut dyn RecordStore) -> Vec<Person> {
    for (id, parent, kind, name) in [
        ("co", None, SiteKind::Company, "公司"),
        ("sun", Some("co"), SiteKind::Centre, "阳光花园"),
        ("moon", Some("co"), SiteKind::Centre, "月亮湾"),
    ] {
        store
            .add_site(&Site {
                id: id.into(),
                parent: parent.map(Into::into),
                kind,
                name: name.into(),
            })
            .unwrap();
    }
    let people: Vec<Person> =
        [("E001", "张伟"), ("E002", "李娜"), ("E003", "王强"), ("E004", "赵敏")]
            .iter()
            .map(|(no, name)| Person {
                id: new_id(),
                employee_no: no.to_string(),
                name: name.to_string(),
                site: Some("sun".into()),
                role: JobRole::GateGuard,
                hired_on: None,
            })
            .collect();
    for p in &people {
        store.add_person(p).unwrap();
    }
    for (p, shift) in [(0, "白班"), (1, "夜班"), (2, "夜班")] {
        store
            .add_shift(&ShiftRow {
                id: new_id(),
                person: people[p].id.clone(),
                shift: shift.into(),
                from_day: parse_date("2025-01-01").unwrap(),
                at: NOW - DAY,
            })
            .unwrap();
    }
    people
}

fn planned(
    store: &dyn RecordStore,
    table: &shopper::Table,
) -> Result<Plan, Vec<shopper::RowProblem>> {
    let reading = shopper::read(table, &firm());
    plan(
        &reading,
        &firm(),
        &store.sites().unwrap(),
        &store.people().unwrap(),
        &store.shifts().unwrap(),
        "test.xlsx",
        NOW,
    )
}

const HEAD: [&str; 12] = [
    "访问编号",
    "日期",
    "时间",
    "网点",
    "渠道",
    "被访人员",
    "班次",
    "总分",
    "检查类别",
    "关键项",
    "结果",
    "情况描述",
];

/// The sheet as a shopper firm delivers it: a title row, the visit's
/// columns merged over its items, dates as Excel dates and as text, and
/// the score as a formula.
fn xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("明细").unwrap();
    sheet.write_string(0, 0, "星河神秘顾客 2025年11月 暗访明细").unwrap();
    for (c, h) in HEAD.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let merged = Format::new();
    // Visit XH-001: rows 3–5 (0-based 2–4), merged visit columns.
    sheet.merge_range(2, 0, 4, 0, "XH-001", &merged).unwrap();
    sheet.merge_range(2, 1, 4, 1, "", &date).unwrap();
    sheet
        .write_datetime_with_format(
            2,
            1,
            rust_xlsxwriter::ExcelDateTime::parse_from_str("2025-11-03").unwrap(),
            &date,
        )
        .unwrap();
    for (c, v) in [(2, "14:10"), (3, "阳光花园"), (4, "到访"), (5, "E001"), (6, "白班")] {
        sheet.merge_range(2, c, 4, c, v, &merged).unwrap();
    }
    sheet.merge_range(2, 7, 4, 7, "", &merged).unwrap();
    sheet
        .write_formula(2, 7, rust_xlsxwriter::Formula::new("=100-20-7.5").set_result("72.5"))
        .unwrap();
    for (r, (cat, crit, res, comment)) in [
        ("岗位纪律", "是", "不合格", "2号门岗护卫员在岗亭内睡觉，问路时懒洋洋用手一指"),
        ("服务用语", "", "不合格", "回答“不知道”"),
        ("仪容仪表", "", "合格", ""),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 2;
        sheet.write_string(r, 8, *cat).unwrap();
        sheet.write_string(r, 9, *crit).unwrap();
        sheet.write_string(r, 10, *res).unwrap();
        sheet.write_string(r, 11, *comment).unwrap();
    }
    // Visit XH-002: a phone call, date as text, no person: drills the night shift.
    for (c, v) in [
        (0, "XH-002"),
        (1, "2025年11月4日"),
        (2, "23:40"),
        (3, "阳光花园"),
        (4, "电话"),
        (6, "夜班"),
        (8, "电话礼仪"),
        (10, "不合格"),
        (11, "响铃七声才接，接起说“喂，什么事”"),
    ] {
        sheet.write_string(5, c, v).unwrap();
    }
    book.save(path).unwrap();
}

fn exercise(store: &mut dyn RecordStore, dir: &Path) {
    let people = fill(store);
    let path = dir.join("星河 11月.xlsx");
    xlsx(&path);
    let file = read_file(&path, &firm()).unwrap();
    assert_eq!(file.sheet.as_deref(), Some("明细"));
    let plan = planned(store, &file.table).unwrap();
    assert_eq!(plan.findings.len(), 2);
    let (first, items) = &plan.findings[0];
    assert_eq!(courtesy_core::curriculum::date(first.observed_on), "2025-11-03");
    assert_eq!(first.score_centi, Some(7250), "the formula's saved value is read");
    assert_eq!(first.person.as_deref(), Some(people[0].id.as_str()));
    assert_eq!(items.len(), 3);
    // 张伟: a drill for each failed category, with its skills.
    let his: Vec<(&str, &[String])> = plan
        .drills
        .iter()
        .filter(|d| d.person == people[0].id)
        .map(|d| (d.category.as_str(), d.skills.as_slice()))
        .collect();
    assert_eq!(his.len(), 2);
    assert_eq!(his[0].0, "岗位纪律");
    assert_eq!(his[0].1, ["sleeping-on-post", "personal-chat", "unattended-desk"]);
    assert_eq!(his[1].0, "服务用语");
    // The call named no one: the two on the night shift that day are drilled.
    let call: Vec<&str> = plan
        .drills
        .iter()
        .filter(|d| d.finding == plan.findings[1].0.id)
        .map(|d| d.person.as_str())
        .collect();
    assert_eq!(call, [people[1].id.as_str(), people[2].id.as_str()]);

    let stored = store.import_findings(&plan).unwrap();
    assert_eq!((stored.findings, stored.already, stored.drills), (2, 0, 4));
    // The same sheet again stores nothing twice.
    let again = store.import_findings(&planned(store, &file.table).unwrap()).unwrap();
    assert_eq!((again.findings, again.already, again.drills), (0, 2, 0));

    let findings = store.findings().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].finding.visit, "XH-001");
    assert_eq!(findings[0].status(), FindingStatus::Imported);
    assert_eq!(findings[0].items[0].comment, "2号门岗护卫员在岗亭内睡觉，问路时懒洋洋用手一指");
    assert!(findings[0].items[0].critical);
    assert_eq!(findings[0].items_for("服务用语").count(), 1);
    assert_eq!(store.finding(&findings[1].finding.id).unwrap().unwrap(), findings[1]);

    // An appeal pauses the drills of the finding; confirming resumes them.
    let mine = store.drills(Some(&people[0].id)).unwrap();
    assert_eq!(mine.len(), 2);
    let id = findings[0].finding.id.clone();
    store
        .record_finding_event(&FindingEvent::new(
            &id,
            FindingStatus::Appealed,
            "监控显示在岗",
            "T001",
        ))
        .unwrap();
    let status = store.finding(&id).unwrap().unwrap().status();
    assert_eq!(status, FindingStatus::Appealed);
    assert_eq!(progress(&mine[0].schedule(status), &[], NOW).state, DrillState::Paused);
    store
        .record_finding_event(&FindingEvent::new(&id, FindingStatus::Confirmed, "", "T001"))
        .unwrap();
    let status = store.finding(&id).unwrap().unwrap().status();
    assert_eq!(progress(&mine[0].schedule(status), &[], NOW).state, DrillState::Due);

    // A waiver is kept with its reason.
    let drill = mine[1].drill.id.clone();
    store
        .record_drill_event(&DrillEvent::new(&drill, DrillAction::Waive, "已当面辅导", "T001"))
        .unwrap();
    let after = store.drills(Some(&people[0].id)).unwrap();
    let waived = after.iter().find(|d| d.drill.id == drill).unwrap();
    assert_eq!(waived.waiver().map(|w| w.reason.as_str()), Some("已当面辅导"));
    assert_eq!(progress(&waived.schedule(status), &[], NOW).state, DrillState::Waived);
    assert_eq!(store.drills(None).unwrap().len(), 4);

    // A contested verdict and its review, through the same store.
    let attempt = new_id();
    store
        .begin_attempt(&courtesy_records::AttemptStart {
            id: attempt.clone(),
            person: Some(people[0].id.clone()),
            trainee_name: None,
            scenario: "gate-guard-asleep".into(),
            scenario_hash: String::new(),
            mode: courtesy_core::Mode::Exam,
            assignment: None,
            seed: 1,
            session: new_id(),
            started_at: NOW,
        })
        .unwrap();
    store
        .contest(&courtesy_records::Contest {
            id: new_id(),
            attempt: attempt.clone(),
            turn: 1,
            comment: "我起身问候了".into(),
            at: NOW,
        })
        .unwrap();
    let views = courtesy_records::review::contest_views(&*store).unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].attempt.id, attempt);
    let decision = courtesy_records::findings::Decision::Uphold;
    store
        .review(&courtesy_records::findings::Review::new(
            &views[0].contest.id,
            decision,
            "",
            "T001",
        ))
        .unwrap();
    let views = courtesy_records::review::contest_views(&*store).unwrap();
    assert_eq!(views[0].review.as_ref().map(|r| r.decision), Some(decision));
}

#[test]
fn an_xlsx_sheet_becomes_findings_and_drills_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("records.sqlite")).unwrap();
    exercise(&mut store, dir.path());
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[cfg(feature = "postgres")]
#[test]
#[ignore = "needs COURTESY_TEST_PG; .ci/run starts a server"]
fn an_xlsx_sheet_becomes_findings_and_drills_in_postgres() {
    let mut store = courtesy_records::postgres::PgStore::connect(&common::database()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    exercise(&mut store, dir.path());
}

fn csv_text() -> String {
    let mut text = HEAD.join(",");
    text.push('\n');
    text.push_str(
        "XH-101,2025-11-05,09:00,阳光花园,到访,张伟,白班,80,迎候问候,,不合格,客户进门未起身问候\n",
    );
    text.push_str(",,,,,,,,岗位纪律,是,不合格,\"在前台用手机聊QQ，\"\"马上就好\"\"\"\n");
    text
}

#[test]
fn csv_in_utf8_with_a_bom_and_in_gb18030_read_the_same() {
    let text = csv_text();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let a = read_csv(&bom, b',').unwrap();
    let b = read_csv(&gb, b',').unwrap();
    assert_eq!((a.encoding, b.encoding), (Some("UTF-8"), Some("GB18030")));
    assert_eq!(a.table, b.table);
    let reading = shopper::read(&a.table, &firm());
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert_eq!(reading.visits[0].items[1].comment, "在前台用手机聊QQ，\"马上就好\"");
    // Neither UTF-8 nor GB18030.
    assert_eq!(read_csv(&[b'a', 0xFF, b'b', b'\n'], b','), Err(SheetError::Encoding));
}

#[test]
fn a_bad_sheet_reports_every_row_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("records.sqlite")).unwrap();
    fill(&mut store);
    let mut text = csv_text();
    text.push_str("XH-102,11/5/2025,,阳光花园,到访,,,,岗位纪律,,不合格,\n");
    text.push_str("XH-103,2025-11-05,,星星小区,到访,,,,岗位纪律,,不合格,\n");
    text.push_str("XH-104,2025-11-05,,阳光花园,到访,孙悟空,,,岗位纪律,,不合格,\n");
    text.push_str("XH-105,2025-11-05,,阳光花园,到访,,,,岗位纪律,,=1+1,\n");
    let table = read_csv(text.as_bytes(), b',').unwrap().table;
    let problems = planned(&store, &table).unwrap_err();
    let rows: Vec<u32> = problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [4, 5, 6, 7], "{problems:?}");
    assert!(matches!(problems[0].problem, Problem::BadDate { .. }));
    assert!(matches!(problems[1].problem, Problem::UnknownSite { .. }));
    assert!(matches!(problems[2].problem, Problem::UnknownPerson { .. }));
    assert!(matches!(problems[3].problem, Problem::Unknown { .. }));
    let m = Messages::new(Locale::ZhCn);
    assert!(problems[1].message(&m).contains("星星小区"));
    assert!(store.findings().unwrap().is_empty());
    assert!(store.drills(None).unwrap().is_empty());
}

#[test]
fn a_10000_row_sheet_imports_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("records.sqlite")).unwrap();
    fill(&mut store);
    let mut text = HEAD.join(",");
    text.push('\n');
    for i in 0..5_000 {
        let person = ["E001", "E002", "E003", "E004"][i % 4];
        text.push_str(&format!(
            "XH-{i:05},2025-11-05,10:00,阳光花园,到访,{person},,90,仪容仪表,,合格,\n"
        ));
        text.push_str(&format!(",,,,,,,,岗位纪律,,不合格,第{i}次暗访\n"));
    }
    let table = read_csv(text.as_bytes(), b',').unwrap().table;
    let plan = planned(&store, &table).unwrap();
    let stored = store.import_findings(&plan).unwrap();
    assert_eq!((stored.findings, stored.drills), (5_000, 5_000));
    assert_eq!(store.findings().unwrap().len(), 5_000);
}

#[test]
fn the_template_reads_back_as_a_visit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("records.sqlite")).unwrap();
    fill(&mut store);
    let m = Messages::new(Locale::ZhCn);
    let path = dir.path().join("模板.xlsx");
    std::fs::write(&path, template(&firm(), &m).unwrap()).unwrap();
    let file = read_file(&path, &firm()).unwrap();
    assert_eq!(file.sheet.as_deref(), Some("明细"));
    let plan = planned(&store, &file.table).unwrap();
    assert_eq!(plan.findings.len(), 1);
    assert_eq!(plan.findings[0].1.len(), 2);
}

#[test]
fn special_files_and_non_sheets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(read_file(dir.path(), &firm()), Err(SheetError::NotAFile));
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "not a zip").unwrap();
    assert!(matches!(read_file(&fake, &firm()), Err(SheetError::NotASheet { .. })));
    assert!(matches!(
        read_file(&dir.path().join("missing.csv"), &firm()),
        Err(SheetError::Open { .. })
    ));
}

#[test]
fn an_overturned_verdict_proposes_an_example_and_agreement_is_counted() {
    use courtesy_core::{Mode, Verdict};
    use courtesy_records::findings::{Decision, Review};
    use courtesy_records::review::{agreement, contest_views};
    use courtesy_records::{AttemptStart, Contest, TurnRow};
    let mut store = SqliteStore::in_memory().unwrap();
    let people = fill(&mut store);
    let attempt = new_id();
    store
        .begin_attempt(&AttemptStart {
            id: attempt.clone(),
            person: Some(people[0].id.clone()),
            trainee_name: None,
            scenario: "phone-three-rings".into(),
            scenario_hash: String::new(),
            mode: Mode::Practice,
            assignment: None,
            seed: 1,
            session: new_id(),
            started_at: NOW,
        })
        .unwrap();
    for (n, reply, verdict) in
        [(1, "您好，丽江花园物业，请讲。", Verdict::Fail), (2, "好的，请稍等。", Verdict::Pass)]
    {
        store
            .record_turn(&TurnRow {
                id: new_id(),
                attempt: attempt.clone(),
                number: n,
                node: Some(if n == 1 { "greet" } else { "query" }.into()),
                reply: reply.into(),
                verdict,
                score: 50,
                met: vec![],
                missed: vec!["introduce".into()],
                hits: vec![],
                at: NOW + u64::from(n),
            })
            .unwrap();
        store
            .contest(&Contest {
                id: new_id(),
                attempt: attempt.clone(),
                turn: n,
                comment: "我报了单位名".into(),
                at: NOW + 10 + u64::from(n),
            })
            .unwrap();
    }
    let views = contest_views(&store).unwrap();
    assert_eq!(views.len(), 2);
    assert!(views.iter().all(|v| v.is_open()));
    assert_eq!(
        views[0].turn.as_ref().map(|t| t.reply.as_str()),
        Some("您好，丽江花园物业，请讲。")
    );
    assert_eq!(views[0].person.as_ref().map(|p| p.employee_no.as_str()), Some("E001"));
    let mut overturn =
        Review::new(&views[0].contest.id, Decision::Overturn, "报了单位，应判通过", "T001");
    overturn.at = 20_420 * DAY; // 2025-11-28
    store.review(&overturn).unwrap();
    let mut uphold = Review::new(&views[1].contest.id, Decision::Uphold, "", "T001");
    uphold.at = 20_430 * DAY; // 2025-12-08
    store.review(&uphold).unwrap();
    let views = contest_views(&store).unwrap();
    assert!(views.iter().all(|v| !v.is_open()));
    let example = views[0].proposed_example().unwrap();
    assert_eq!((example.node.as_str(), example.expect), ("greet", Verdict::Pass));
    assert_eq!(example.reply, "您好，丽江花园物业，请讲。");
    assert!(example.review.as_deref().unwrap().ends_with("T001: 报了单位，应判通过"));
    assert_eq!(views[1].proposed_example(), None, "an upheld verdict proposes nothing");
    let months = agreement(&views);
    assert_eq!(months.len(), 2);
    assert_eq!((months[0].month.as_str(), months[0].reviewed, months[0].upheld), ("2025-11", 1, 0));
    assert_eq!((months[1].month.as_str(), months[1].percent()), ("2025-12", 100));
}
