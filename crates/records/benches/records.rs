//! The records' costs: a turn's commit on the game's path (a file in WAL
//! with full sync, against the same insert in memory as the baseline of the
//! same run); the report queries over 1,000,000 attempts (one person's
//! history, a region's completion of a scenario, a month's trainer report);
//! the import of a 10,000-row findings sheet; and a month's report for
//! 1,000 people written as HTML and XLSX (against CSV).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use courtesy_core::curriculum::JobRole;
use courtesy_core::{Mode, Verdict};
use courtesy_records::export;
use courtesy_records::findings::{Findings, plan};
use courtesy_records::report::{Period, Report, build};
use courtesy_records::sheet::read_csv;
use courtesy_records::{
    AttemptStart, Person, RecordStore, Site, SiteKind, SqliteStore, TurnRow, new_id,
};

fn turn(attempt: &str, number: u32) -> TurnRow {
    TurnRow {
        id: new_id(),
        attempt: attempt.into(),
        number,
        node: Some("hold".into()),
        reply: "好的，请稍等，我帮您查一下。".into(),
        verdict: Verdict::Pass,
        score: 100,
        met: vec!["hold".into(), "courtesy".into()],
        missed: vec![],
        hits: vec![],
        at: 1_795_737_600,
    }
}

/// A store with one person and one attempt begun.
fn with_attempt(mut store: SqliteStore) -> (SqliteStore, String) {
    let person = Person {
        id: new_id(),
        employee_no: "E001".into(),
        name: "王芳".into(),
        site: None,
        role: JobRole::FrontDesk,
        hired_on: None,
    };
    store.add_person(&person).unwrap();
    let attempt = AttemptStart {
        id: new_id(),
        person: Some(person.id),
        trainee_name: None,
        scenario: "phone-three-rings".into(),
        scenario_hash: String::new(),
        mode: Mode::Practice,
        assignment: None,
        seed: 1,
        session: new_id(),
        started_at: 1_795_737_600,
    };
    store.begin_attempt(&attempt).unwrap();
    (store, attempt.id)
}

fn commit(c: &mut Criterion) {
    let mut group = c.benchmark_group("turn commit");
    let dir = tempfile::tempdir().unwrap();
    let (mut file, attempt) =
        with_attempt(SqliteStore::open(&dir.path().join("r.sqlite")).unwrap());
    let mut n = 0;
    group.bench_function("file, WAL, full sync", |b| {
        b.iter(|| {
            n += 1;
            file.record_turn(black_box(&turn(&attempt, n))).unwrap();
        })
    });
    let (mut memory, attempt) = with_attempt(SqliteStore::in_memory().unwrap());
    let mut n = 0;
    group.bench_function("in memory (baseline)", |b| {
        b.iter(|| {
            n += 1;
            memory.record_turn(black_box(&turn(&attempt, n))).unwrap();
        })
    });
    group.finish();
}

const PEOPLE: usize = 2_000;
const ATTEMPTS: usize = 1_000_000;
const SCENARIOS: usize = 34;
/// 2023-11-14, when the big store's attempts begin.
const START: i64 = 1_700_000_000;

/// 5 regions × 10 centres, 2,000 people, 1,000,000 finished attempts,
/// written in one transaction straight through SQLite (the store commits
/// each row on its own, which would take hours here).
fn big_store(path: &std::path::Path) -> (SqliteStore, Vec<String>) {
    let store = roster(path);
    let people: Vec<String> = store.people().unwrap().into_iter().map(|p| p.id).collect();
    drop(store);
    let mut raw = rusqlite::Connection::open(path).unwrap();
    let tx = raw.transaction().unwrap();
    {
        let mut a = tx
            .prepare("INSERT INTO attempts (id, person, scenario, scenario_hash, mode, seed, session, started_at) VALUES (?1, ?2, ?3, '', 'practice', 1, ?1, ?4)")
            .unwrap();
        let mut r = tx
            .prepare("INSERT INTO attempt_results (attempt, finished_at, score, verdict, critical_miss) VALUES (?1, ?2, ?3, ?4, 0)")
            .unwrap();
        let mut t = tx
            .prepare("INSERT INTO turns (id, attempt, number, node, reply, verdict, score, met, missed, hits, at) VALUES (?1, ?2, 1, 'greet', '您好', ?3, ?4, '[\"greeting\"]', ?5, ?6, ?7)")
            .unwrap();
        for i in 0..ATTEMPTS {
            let id = new_id();
            let person = &people[i % PEOPLE];
            let scenario = format!("scenario-{}", i % SCENARIOS);
            // One a minute: 1,000,000 minutes are 23 months, ~43,000 a month.
            let at = START + i as i64 * 60;
            a.execute(rusqlite::params![id, person, scenario, at]).unwrap();
            let score = (i * 37 % 101) as i64;
            let verdict = if score >= 60 { "pass" } else { "fail" };
            r.execute(rusqlite::params![id, at + 90, score, verdict]).unwrap();
            let missed = if score >= 60 { "[]" } else { "[\"hold\"]" };
            let hits = if i % 7 == 0 { "[\"no-dont-know\"]" } else { "[]" };
            t.execute(rusqlite::params![new_id(), id, verdict, score, missed, hits, at + 30])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    (SqliteStore::open(path).unwrap(), people)
}

fn reports(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, people) = big_store(&dir.path().join("big.sqlite"));
    let mut group = c.benchmark_group("reports over 1,000,000 attempts");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    group.bench_function("a person's history (500 attempts)", |b| {
        b.iter(|| store.history(black_box(&people[1234])).unwrap().len())
    });
    group.bench_function("a centre's completion of a scenario (40 people)", |b| {
        b.iter(|| store.site_completion(black_box("r2c3"), black_box("scenario-7")).unwrap())
    });
    group.bench_function("a region's completion of a scenario (400 people)", |b| {
        b.iter(|| store.site_completion(black_box("r2"), black_box("scenario-7")).unwrap())
    });
    group.bench_function("the company's completion of a scenario (2,000 people)", |b| {
        b.iter(|| store.site_completion(black_box("co"), black_box("scenario-7")).unwrap())
    });
    // The trainer screen's and `courtesy report`'s month: ~43,000 attempts
    // and turns of 2,000 people, read by range.
    let library = courtesy_core::Library::default();
    let month = Period::month_of(START as u64 + 400 * 86_400);
    group.bench_function("a month's report of the company (2,000 people)", |b| {
        b.iter(|| {
            build(&store, &library, &[], black_box(month), None, month.to).unwrap().scenarios.len()
        })
    });
    group.bench_function("a month's report of a centre (40 people)", |b| {
        b.iter(|| {
            build(&store, &library, &[], black_box(month), Some("r2c3"), month.to).unwrap().people
        })
    });
    group.finish();
}

/// A shopper's sheet of `rows` rows: 5,000 visits of two items, each
/// visit naming one of `people` people at one of 50 centres.
fn findings_sheet(rows: usize) -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}访问编号,日期,时间,网点,渠道,被访人员,班次,总分,检查类别,关键项,结果,情况描述\n",
    );
    for i in 0..rows / 2 {
        let person = format!("E{:05}", i % PEOPLE);
        let site = format!("r{}c{}", i % PEOPLE % 5, i % PEOPLE / 5 % 10);
        text.push_str(&format!("XH-{i:05},2026-11-03,14:10,{site},到访,{person},白班,72.5,岗位纪律,是,不合格,岗亭内睡觉\n"));
        text.push_str(",,,,,,,,服务用语,,不合格,回答“不知道”\n");
    }
    text.into_bytes()
}

fn import(c: &mut Criterion) {
    let firm_file = courtesy_core::diagnostic::read_source(std::path::Path::new(
        "../../curricula/shoppers/xinghe.ron",
    ))
    .unwrap();
    let firm = courtesy_core::shopper::parse(&firm_file).unwrap();
    let sheet = findings_sheet(10_000);
    let dir = tempfile::tempdir().unwrap();
    let store = roster(&dir.path().join("roster.sqlite"));
    let (sites, people) = (store.sites().unwrap(), store.people().unwrap());
    let mut group = c.benchmark_group("import of a 10,000-row findings sheet");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("read and check (CSV, 5,000 visits)", |b| {
        b.iter(|| {
            let table = read_csv(black_box(&sheet), b',').unwrap().table;
            let reading = courtesy_core::shopper::read(&table, &firm);
            plan(&reading, &firm, &sites, &people, &[], "bench.csv", 0).unwrap().drills.len()
        })
    });
    let mut n = 0;
    group.bench_function("read, check and store in one transaction (file, WAL)", |b| {
        b.iter_batched(
            || {
                n += 1;
                roster(&dir.path().join(format!("import-{n}.sqlite")))
            },
            |mut store| {
                let table = read_csv(&sheet, b',').unwrap().table;
                let reading = courtesy_core::shopper::read(&table, &firm);
                let plan = plan(&reading, &firm, &sites, &people, &[], "bench.csv", 0).unwrap();
                store.import_findings(&plan).unwrap().findings
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// The big store's sites and people without their attempts: 5 regions
/// × 10 centres under the company, 2,000 people spread over the centres.
fn roster(path: &std::path::Path) -> SqliteStore {
    let mut store = SqliteStore::open(path).unwrap();
    let site = |id: &str, parent: Option<&str>, kind| Site {
        id: id.into(),
        parent: parent.map(Into::into),
        kind,
        name: id.into(),
    };
    store.add_site(&site("co", None, SiteKind::Company)).unwrap();
    for r in 0..5 {
        let region = format!("r{r}");
        store.add_site(&site(&region, Some("co"), SiteKind::Region)).unwrap();
        for c in 0..10 {
            store.add_site(&site(&format!("r{r}c{c}"), Some(&region), SiteKind::Centre)).unwrap();
        }
    }
    for i in 0..PEOPLE {
        store
            .add_person(&Person {
                id: format!("p{i}"),
                employee_no: format!("E{i:05}"),
                name: format!("员工{i}"),
                site: Some(format!("r{}c{}", i % 5, i / 5 % 10)),
                role: JobRole::FrontDesk,
                hired_on: None,
            })
            .unwrap();
    }
    store
}

/// A month's report of 1,000 people, 34 scenarios, 15 rules of each kind
/// and 50 sites, as the exports receive it.
fn month_report() -> Report {
    use courtesy_records::report::{Completion, DrillStat, PersonStat, RuleCount, ScenarioStat};
    let rule = |i: usize| RuleCount {
        rule: format!("rule-{i}"),
        label: format!("请您稍等，我马上帮您查询 {i}"),
        count: 100 - i as u32,
    };
    Report {
        period: Period::month("2026-11").unwrap(),
        site: None,
        people: 1_000,
        completion: (0..50)
            .map(|i| Completion {
                site: format!("网点{i}"),
                curriculum: "前台接待员入职培训".into(),
                assigned: 20,
                passed: 12,
                in_progress: 6,
                overdue: 2,
            })
            .collect(),
        scenarios: (0..34)
            .map(|i| ScenarioStat {
                scenario: format!("scenario-{i}"),
                title: format!("情景 {i}"),
                attempts: 1_200,
                passed: 900,
            })
            .collect(),
        categories: Vec::new(),
        missed: (0..15).map(rule).collect(),
        said: (0..15).map(rule).collect(),
        drills: (0..50)
            .map(|i| DrillStat {
                site: format!("网点{i}"),
                open: 5,
                overdue: 1,
                escalated: 1,
                passed: 8,
                other: 0,
            })
            .collect(),
        findings: 120,
        persons: (0..1_000)
            .map(|i| PersonStat {
                employee_no: format!("E{i:05}"),
                name: format!("员工{i}"),
                site: format!("网点{}", i % 50),
                attempts: 40,
                passed: 30,
                drills_open: 1,
            })
            .collect(),
        history: None,
    }
}

fn exports(c: &mut Criterion) {
    let report = month_report();
    let m = courtesy_core::Messages::new(courtesy_core::Locale::ZhCn);
    let mut group = c.benchmark_group("a month's report of 1,000 people, written");
    group.sample_size(20);
    group.bench_function("CSV files (baseline)", |b| {
        b.iter(|| export::csv_files(black_box(&report), &m).unwrap().len())
    });
    group.bench_function("printable HTML", |b| {
        b.iter(|| export::html(black_box(&report), &m).unwrap().len())
    });
    group.bench_function("XLSX with charts", |b| {
        b.iter(|| export::xlsx(black_box(&report), &m).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, commit, reports, import, exports);
criterion_main!(benches);
