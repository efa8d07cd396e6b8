//! The trainer's month report: counted from the records of the month
//! only, by site, and written as CSV (BOM, formulas neutralised), XLSX with
//! native charts (read back with calamine) and HTML with inline SVG charts
//! (escaped, and rendered by a real headless browser when `.ci/run` names
//! one in `COURTESY_TEST_BROWSER`).

#[cfg(feature = "postgres")]
mod common;
use std::io::Read;

use calamine::Reader;
use courtesy_core::curriculum::{DAY, JobRole};
use courtesy_core::{Library, Locale, Messages, Mode, Verdict};
use courtesy_records::export;
use courtesy_records::report::{Period, build};
use courtesy_records::{
    AttemptEnd, AttemptStart, Person, RecordStore, Site, SiteKind, SqliteStore, TurnRow, new_id,
};

fn library() -> Library {
    Library::load(&["../../scenarios".into()])
}

/// Two sites; at 阳光花园 张伟 passes phone-three-rings twice in November
/// and fails it once (missing the greeting, saying 不知道); at 月亮湾 a
/// person named with markup plays in October only.
fn records() -> (SqliteStore, Period) {
    let mut store = SqliteStore::in_memory().unwrap();
    let nov = fill(&mut store);
    (store, nov)
}

fn fill(store: &mut dyn RecordStore) -> Period {
    for (id, name) in [("sun", "阳光花园"), ("moon", "月亮湾")] {
        store
            .add_site(&Site {
                id: id.into(),
                parent: None,
                kind: SiteKind::Centre,
                name: name.into(),
            })
            .unwrap();
    }
    let nov = Period::month("2026-11").unwrap();
    let people = [("E001", "张伟", "sun"), ("E002", "<script>alert(1)</script>=1+1", "moon")];
    for (i, (no, name, site)) in people.iter().enumerate() {
        let person = Person {
            id: format!("p{i}"),
            employee_no: no.to_string(),
            name: name.to_string(),
            site: Some(site.to_string()),
            role: JobRole::CallCentre,
            hired_on: None,
        };
        store.add_person(&person).unwrap();
    }
    let mut play = |person: &str, at: u64, passed: bool| {
        let id = new_id();
        store
            .begin_attempt(&AttemptStart {
                id: id.clone(),
                person: Some(person.into()),
                trainee_name: None,
                scenario: "phone-three-rings".into(),
                scenario_hash: String::new(),
                mode: Mode::Practice,
                assignment: None,
                seed: 1,
                session: new_id(),
                started_at: at,
            })
            .unwrap();
        let (missed, hits) = if passed {
            (vec![], vec![])
        } else {
            (vec!["greeting".to_string()], vec!["no-dont-know".to_string()])
        };
        store
            .record_turn(&TurnRow {
                id: new_id(),
                attempt: id.clone(),
                number: 1,
                node: Some("greet".into()),
                reply: "…".into(),
                verdict: if passed { Verdict::Pass } else { Verdict::Fail },
                score: if passed { 100 } else { 0 },
                met: if passed { vec!["greeting".into()] } else { vec![] },
                missed,
                hits,
                at: at + 10,
            })
            .unwrap();
        store
            .finish_attempt(&AttemptEnd {
                attempt: id,
                finished_at: at + 60,
                score: if passed { 100 } else { 20 },
                verdict: if passed { Verdict::Pass } else { Verdict::Fail },
                critical_miss: false,
                ending: None,
            })
            .unwrap();
    };
    play("p0", nov.from + 2 * DAY, true);
    play("p0", nov.from + 3 * DAY, true);
    play("p0", nov.from + 4 * DAY, false);
    play("p1", nov.from - 5 * DAY, true);
    nov
}

#[test]
fn the_month_is_counted_by_scenario_category_rule_and_person() {
    let (store, nov) = records();
    let library = library();
    let report = build(&store, &library, &[], nov, None, nov.to).unwrap();
    assert_eq!(report.people, 2);
    assert_eq!(report.scenarios.len(), 1);
    let s = &report.scenarios[0];
    assert_eq!((s.attempts, s.passed, s.rate()), (3, 2, 66), "October's attempt is not counted");
    assert_eq!(report.said.len(), 1);
    assert_eq!((report.said[0].rule.as_str(), report.said[0].count), ("no-dont-know", 1));
    assert!(report.said[0].label.contains("不知道"), "{}", report.said[0].label);
    assert_eq!(report.persons.len(), 1);
    assert_eq!((report.persons[0].attempts, report.persons[0].passed), (3, 2));
    // One site: only its people.
    let moon = build(&store, &library, &[], nov, Some("moon"), nov.to).unwrap();
    assert_eq!((moon.people, moon.scenarios.len()), (1, 0));
    assert_eq!(moon.site.as_deref(), Some("月亮湾"));
    let oct = build(&store, &library, &[], Period::month("2026-10").unwrap(), Some("moon"), nov.to)
        .unwrap();
    assert_eq!(oct.scenarios[0].attempts, 1);
}

#[test]
fn a_persons_history_of_the_month_comes_first() {
    use courtesy_records::report::with_history;
    let (store, nov) = records();
    let library = library();
    let report = build(&store, &library, &[], nov, None, nov.to).unwrap();
    assert!(with_history(report.clone(), &store, &library, "E999").unwrap().is_none());
    let report = with_history(report, &store, &library, "E001").unwrap().unwrap();
    let (who, rows) = report.history.as_ref().unwrap();
    assert_eq!(who.name, "张伟");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows.iter().filter(|r| r.passed == Some(true)).count(), 2);
    let sections = export::sections(&report, &Messages::new(Locale::ZhCn));
    assert_eq!(sections[0].key, "history");
    assert_eq!(sections[0].title, "张伟（E001）的练习记录");
    assert_eq!(sections[0].rows[2][4], export::Cell::Text("未通过".into()));
}

#[test]
fn csv_has_a_bom_and_neutralises_formulas() {
    let (store, nov) = records();
    let oct = Period::month("2026-10").unwrap();
    let report = build(&store, &library(), &[], oct, None, nov.to).unwrap();
    let m = Messages::new(Locale::ZhCn);
    let files = export::csv_files(&report, &m).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "completion.csv",
            "scenarios.csv",
            "categories.csv",
            "missed.csv",
            "said.csv",
            "drills.csv",
            "people.csv"
        ]
    );
    for (_, bytes) in &files {
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    }
    let people = String::from_utf8(files[6].1[3..].to_vec()).unwrap();
    assert!(people.starts_with("工号,姓名,网点,"), "{people}");
    assert!(people.contains("E002,<script>alert(1)</script>=1+1,月亮湾,1,1,0"), "{people}");
    // A name that a spreadsheet would run is written as text.
    let mut hostile = report.clone();
    hostile.persons[0].name = "=HYPERLINK(\"http://x\")".into();
    let files = export::csv_files(&hostile, &m).unwrap();
    let people = String::from_utf8(files[6].1[3..].to_vec()).unwrap();
    assert!(people.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{people}");
}

#[test]
fn the_workbook_has_a_sheet_and_a_native_chart_per_section() {
    let (store, nov) = records();
    let report = build(&store, &library(), &[], nov, None, nov.to).unwrap();
    let bytes = export::xlsx(&report, &Messages::new(Locale::ZhCn)).unwrap();
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "概览");
    assert!(names.contains(&"各情景通过率".to_string()), "{names:?}");
    let range = book.worksheet_range("各情景通过率").unwrap();
    assert_eq!(range.get((1, 3)), Some(&calamine::Data::Float(66.0)));
    // Charts are parts of the package: one per section with data to chart
    // (scenarios, categories, rules missed, phrases said; no enrolment or
    // drill this month).
    let charted = export::sections(&report, &Messages::new(Locale::ZhCn))
        .iter()
        .filter(|s| !s.chart.is_empty() && !s.rows.is_empty())
        .count();
    assert_eq!(charted, 4);
    let mut zip = zip_names(&bytes);
    zip.retain(|n| n.starts_with("xl/charts/chart"));
    assert_eq!(zip.len(), charted, "{zip:?}");
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    // The central directory's file names, read without a zip library: each
    // entry starts with PK\x01\x02 and holds its name at offset 46.
    let mut names = Vec::new();
    let mut i = 0;
    while i + 46 < bytes.len() {
        if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
            let len = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
            let mut name = String::new();
            (&bytes[i + 46..i + 46 + len]).read_to_string(&mut name).unwrap();
            names.push(name);
            i += 46 + len;
        } else {
            i += 1;
        }
    }
    names
}

#[test]
fn the_html_page_is_self_contained_and_escapes_what_it_shows() {
    let (store, nov) = records();
    let oct = Period::month("2026-10").unwrap();
    let report = build(&store, &library(), &[], oct, None, nov.to).unwrap();
    let html = export::html(&report, &Messages::new(Locale::ZhCn)).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(!html.contains("<script>"), "the name is escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "shown as text");
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(!html.contains("http://") || !html.contains("src=\"http"), "nothing from the network");
    assert!(!html.contains("<link") && !html.contains("<script"));
    assert!(html.contains("@media print"));
}

/// The same records in PostgreSQL give the same report.
#[cfg(feature = "postgres")]
#[test]
#[ignore = "needs COURTESY_TEST_PG; .ci/run starts a server"]
fn postgres_gives_the_same_report() {
    let mut pg = courtesy_records::postgres::PgStore::connect(&common::database()).unwrap();
    let nov = fill(&mut pg);
    let (sqlite, _) = records();
    let library = library();
    for (period, site) in
        [(nov, None), (nov, Some("moon")), (Period::month("2026-10").unwrap(), None)]
    {
        let a = build(&sqlite, &library, &[], period, site, nov.to).unwrap();
        let b = build(&pg, &library, &[], period, site, nov.to).unwrap();
        assert_eq!(a, b);
    }
}

/// The page as a real browser renders it: Chromium, headless, prints the
/// DOM it built (the charts are SVG elements in it) and a PDF of the page.
#[test]
#[ignore = "needs a browser in COURTESY_TEST_BROWSER; .ci/run installs Chromium"]
fn the_html_report_renders_in_a_headless_browser() {
    let browser = std::env::var("COURTESY_TEST_BROWSER").expect("COURTESY_TEST_BROWSER");
    let (store, nov) = records();
    let report = build(&store, &library(), &[], nov, None, nov.to).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, export::html(&report, &Messages::new(Locale::ZhCn)).unwrap()).unwrap();
    let url = format!("file://{}", page.display());
    let base = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"];
    let dom = std::process::Command::new(&browser)
        .args(base)
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(dom.status.success(), "{}", String::from_utf8_lossy(&dom.stderr));
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("各情景通过率"), "{dom}");
    assert!(dom.matches("<svg").count() >= 3, "the charts are in the rendered page");
    assert!(dom.contains("<rect"), "with bars");
    let pdf = dir.path().join("report.pdf");
    let printed = std::process::Command::new(&browser)
        .args(base)
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(printed.status.success(), "{}", String::from_utf8_lossy(&printed.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 10_000, "a printed page");
}
