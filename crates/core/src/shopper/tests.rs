use super::*;
use crate::Library;
use crate::i18n::Locale;

fn firm() -> ShopperFirm {
    let file = crate::diagnostic::read_source(Path::new("../../curricula/shoppers/xinghe.ron"))
        .expect("the sample mapping");
    parse(&file).expect("it parses")
}

fn t(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.into()) }
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

fn row(cells: [&str; 12]) -> Vec<Cell> {
    cells.iter().map(|c| t(c)).collect()
}

fn table(rows: &[[&str; 12]]) -> Table {
    let mut all = vec![row(HEAD)];
    all.extend(rows.iter().map(|r| row(*r)));
    Table { rows: all, merged: Vec::new() }
}

#[test]
fn the_sample_mapping_names_only_skills_that_scenarios_have() {
    let library = Library::load(&["../../scenarios".into()]);
    let tags = library.tags();
    let (firms, problems) = load_dir(Path::new("../../curricula/shoppers"), &tags);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(firms.len(), 1);
    // A category that drills a skill no scenario has is pointed at.
    let file = SourceFile::new(
        "curricula/shoppers/xinghe.ron",
        std::fs::read_to_string("../../curricula/shoppers/xinghe.ron")
            .unwrap()
            .replace("\"grooming\"]", "\"groming\"]"),
    );
    let (firm, problems) = check(&file, &tags);
    assert!(firm.is_none());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::UnknownSkill);
    assert_eq!(
        file.text.lines().nth(problems[0].line - 1).map(|l| l.contains("groming")),
        Some(true)
    );
}

#[test]
fn rows_of_one_visit_make_one_finding_with_its_items() {
    let sheet = table(&[
        [
            "XH-001",
            "2026-11-03",
            "14:10",
            "阳光花园",
            "到访",
            "E001",
            "白班",
            "72.5",
            "岗位纪律",
            "是",
            "不合格",
            "2号门岗护卫员在岗亭内睡觉",
        ],
        ["", "", "", "", "", "", "", "", "服务用语", "", "不合格", "问路时说“不知道”"],
        ["", "", "", "", "", "", "", "", "仪容仪表", "", "合格", ""],
        [
            "XH-002",
            "2026/11/4",
            "",
            "阳光花园",
            "电话",
            "",
            "",
            "90",
            "电话礼仪",
            "",
            "合格",
            "三声内接听",
        ],
    ]);
    let reading = read(&sheet, &firm());
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert_eq!(reading.visits.len(), 2);
    let first = &reading.visits[0];
    assert_eq!((first.number.as_str(), first.rows.clone()), ("XH-001", vec![2, 3, 4]));
    assert_eq!(crate::curriculum::date(first.day), "2026-11-03");
    assert_eq!(first.time.as_deref(), Some("14:10"));
    assert_eq!((first.channel, first.person.as_deref()), (Channel::Visit, Some("E001")));
    assert_eq!(first.score_centi, Some(7250));
    assert_eq!(first.items.len(), 3);
    assert!(first.items[0].critical);
    assert_eq!(first.items[0].result, ItemResult::Fail);
    assert_eq!(first.items[0].skills, ["sleeping-on-post", "personal-chat", "unattended-desk"]);
    assert_eq!(first.items[1].comment, "问路时说“不知道”");
    assert_eq!(first.items[2].result, ItemResult::Pass);
    assert_eq!(reading.visits[1].channel, Channel::Phone);
    assert_eq!(reading.visits[1].person, None);
}

#[test]
fn merged_visit_cells_are_read_as_the_visit_of_each_row() {
    let mut sheet = table(&[
        [
            "XH-001",
            "2026-11-03",
            "14:10",
            "阳光花园",
            "到访",
            "E001",
            "白班",
            "72",
            "岗位纪律",
            "",
            "不合格",
            "睡岗",
        ],
        ["", "", "", "", "", "", "", "", "服务用语", "", "不合格", "说不知道"],
    ]);
    // The visit's columns merged down over both rows, as Excel keeps them.
    sheet.merged = (0..8).map(|c| (1, c, 2, c)).collect();
    let reading = read(&sheet, &firm());
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert_eq!(reading.visits.len(), 1);
    assert_eq!(reading.visits[0].items.len(), 2);
}

#[test]
fn dates_are_read_in_the_forms_sheets_use_and_refused_when_ambiguous() {
    for (cell, want) in [
        (t("2026-11-03"), Some(("2026-11-03", None))),
        (t("2026/11/3"), Some(("2026-11-03", None))),
        (t("2026.11.03"), Some(("2026-11-03", None))),
        (t("2026年11月3日"), Some(("2026-11-03", None))),
        (t("２０２６－１１－０３"), Some(("2026-11-03", None))),
        (t("2026-11-03 14:10"), Some(("2026-11-03", Some("14:10")))),
        (Cell::DateTime(46_329.0), Some(("2026-11-03", None))),
        (Cell::DateTime(46_329.5), Some(("2026-11-03", Some("12:00")))),
        (Cell::Number(46_329.0), Some(("2026-11-03", None))),
        (t("11/3/2026"), None),
        (t("2026-02-30"), None),
        (t("昨天"), None),
        (Cell::Number(20_261_103.0), None),
    ] {
        let mut r =
            row(["XH-1", "", "", "阳光花园", "到访", "", "", "", "岗位纪律", "", "合格", ""]);
        r[1] = cell.clone();
        r[2] = Cell::Empty;
        let reading = read(&Table { rows: vec![row(HEAD), r], merged: vec![] }, &firm());
        match want {
            Some((day, time)) => {
                assert!(reading.problems.is_empty(), "{cell:?}: {:?}", reading.problems);
                let v = &reading.visits[0];
                assert_eq!(crate::curriculum::date(v.day), day, "{cell:?}");
                assert_eq!(v.time.as_deref(), time, "{cell:?}");
            }
            None => {
                assert_eq!(reading.problems.len(), 1, "{cell:?}");
                assert!(matches!(reading.problems[0].problem, Problem::BadDate { .. }), "{cell:?}");
                assert_eq!(reading.problems[0].column.as_deref(), Some("日期"));
            }
        }
    }
}

#[test]
fn every_bad_row_is_reported_with_its_row_and_column() {
    let mut sheet = table(&[
        [
            "XH-001",
            "2026-11-03",
            "25:00",
            "阳光花园",
            "到访",
            "E001",
            "",
            "七十",
            "岗位记律",
            "",
            "不合格",
            "",
        ],
        ["XH-001", "2026-11-04", "", "阳光花园", "到访", "", "", "", "服务用语", "", "差", ""],
        ["XH-002", "", "", "", "信件", "", "", "", "服务用语", "", "不合格", ""],
    ]);
    sheet.rows[2][11] = Cell::Error("#REF!".into());
    let reading = read(&sheet, &firm());
    let found: Vec<(u32, Option<&str>, &str)> = reading
        .problems
        .iter()
        .map(|p| {
            let kind = match &p.problem {
                Problem::BadTime { .. } => "time",
                Problem::BadScore { .. } => "score",
                Problem::Unknown { .. } => "unknown",
                Problem::Conflict { .. } => "conflict",
                Problem::CellError { .. } => "error",
                Problem::Empty => "empty",
                other => panic!("{other:?}"),
            };
            (p.row, p.column.as_deref(), kind)
        })
        .collect();
    for want in [
        (2, Some("时间"), "time"),
        (2, Some("总分"), "score"),
        (2, Some("检查类别"), "unknown"),
        (3, Some("日期"), "conflict"),
        (3, Some("结果"), "unknown"),
        (3, Some("情况描述"), "error"),
        (4, Some("日期"), "empty"),
        (4, Some("网点"), "empty"),
        (4, Some("渠道"), "unknown"),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    assert_eq!(found.len(), 9, "{found:?}");
    // In words, with the row and the column, in every locale.
    for locale in Locale::ALL {
        let m = Messages::new(locale);
        let text = reading.problems[2].message(&m);
        assert!(
            text.contains('2') && text.contains("检查类别") && text.contains("岗位记律"),
            "{text}"
        );
        assert!(text.contains("岗位纪律"), "the known categories are listed: {text}");
    }
}

#[test]
fn a_sheet_with_the_wrong_columns_says_which_are_missing() {
    let sheet = Table {
        rows: vec![
            vec![t("某某调查公司 2026年11月 暗访明细")],
            vec![t("编号"), t("日期"), t("门店"), t("项目"), t("得分")],
            vec![t("1"), t("2026-11-03"), t("阳光花园"), t("礼貌"), t("5")],
        ],
        merged: vec![],
    };
    let reading = read(&sheet, &firm());
    assert!(reading.visits.is_empty());
    assert_eq!(reading.problems.len(), 1);
    let Problem::MissingColumns { missing, found } = &reading.problems[0].problem else {
        panic!("{:?}", reading.problems)
    };
    assert_eq!(reading.problems[0].row, 2);
    assert!(missing.contains(&"访问编号".to_string()) && !missing.contains(&"日期".to_string()));
    assert_eq!(found, &["编号", "日期", "门店", "项目", "得分"]);
}

#[test]
fn headings_are_found_below_a_title_and_in_any_width_or_spacing() {
    let mut heading = row(HEAD);
    heading[0] = t(" 访问 编号 ");
    heading[7] = t("总分\u{200B}");
    let sheet = Table {
        rows: vec![
            vec![t("星河神秘顾客 暗访明细")],
            vec![],
            heading,
            row([
                "XH-9",
                "2026-11-03",
                "",
                "阳光花园",
                "到访",
                "",
                "",
                "",
                "岗位纪律",
                "",
                "合格",
                "",
            ]),
        ],
        merged: vec![],
    };
    let reading = read(&sheet, &firm());
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert_eq!(reading.visits[0].rows, vec![4]);
}

#[test]
fn hostile_text_is_cleaned_and_overlong_text_refused() {
    let long = "很".repeat(MAX_COMMENT_CHARS + 1);
    let sheet = table(&[
        [
            "XH-1",
            "2026-11-03",
            "",
            "阳光\u{202E}花园",
            "到访",
            "",
            "",
            "",
            "岗位\u{200B}纪律",
            "",
            "不合格",
            "\u{1b}[31m睡岗\u{1b}[0m\u{7}",
        ],
        ["XH-2", "2026-11-03", "", "阳光花园", "到访", "", "", "", "岗位纪律", "", "不合格", &long],
    ]);
    let reading = read(&sheet, &firm());
    assert_eq!(reading.visits[0].site, "阳光花园");
    assert_eq!(reading.visits[0].items[0].category, "岗位纪律");
    assert_eq!(reading.visits[0].items[0].comment, "[31m睡岗[0m");
    assert_eq!(reading.problems.len(), 1);
    assert!(matches!(reading.problems[0].problem, Problem::TooLong { .. }));
    assert_eq!(reading.problems[0].row, 3);
}

#[test]
fn an_empty_sheet_and_a_headless_first_row_are_reported() {
    let reading = read(&table(&[]), &firm());
    assert!(matches!(reading.problems[0].problem, Problem::NoRows));
    let reading = read(&Table::default(), &firm());
    assert!(matches!(reading.problems[0].problem, Problem::MissingColumns { .. }));
    assert_eq!(reading.problems[0].row, 0);
    let sheet = table(&[[
        "",
        "2026-11-03",
        "",
        "阳光花园",
        "到访",
        "",
        "",
        "",
        "岗位纪律",
        "",
        "合格",
        "",
    ]]);
    let reading = read(&sheet, &firm());
    assert!(matches!(reading.problems[0].problem, Problem::NoVisit));
}

#[test]
fn day_start_is_the_inverse_of_date() {
    for day in (0..40_000u64).step_by(7) {
        let text = crate::curriculum::date(day * DAY);
        assert_eq!(crate::curriculum::parse_date(&text), Some(day * DAY), "{text}");
    }
    assert_eq!(
        crate::curriculum::parse_date("2024-02-29").map(crate::curriculum::date).as_deref(),
        Some("2024-02-29")
    );
    assert_eq!(crate::curriculum::parse_date("2023-02-29"), None);
    assert_eq!(crate::curriculum::parse_date("1969-12-31"), None);
}
