//! The records' costs: a turn's commit on the game's path (a file in WAL
//! with full sync, against the same insert in memory as the baseline of the
//! same run), and the report queries over 1,000,000 attempts: one person's
//! history and a region's completion of a scenario.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use courtesy_core::curriculum::JobRole;
use courtesy_core::{Mode, Verdict};
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

/// 5 regions × 10 centres, 2,000 people, 1,000,000 finished attempts,
/// written in one transaction straight through SQLite (the store commits
/// each row on its own, which would take hours here).
fn big_store(path: &std::path::Path) -> (SqliteStore, Vec<String>) {
    let mut store = SqliteStore::open(path).unwrap();
    store
        .add_site(&Site {
            id: "co".into(),
            parent: None,
            kind: SiteKind::Company,
            name: "公司".into(),
        })
        .unwrap();
    for r in 0..5 {
        let region = format!("r{r}");
        store
            .add_site(&Site {
                id: region.clone(),
                parent: Some("co".into()),
                kind: SiteKind::Region,
                name: region.clone(),
            })
            .unwrap();
        for c in 0..10 {
            let id = format!("r{r}c{c}");
            store
                .add_site(&Site {
                    id: id.clone(),
                    parent: Some(region.clone()),
                    kind: SiteKind::Centre,
                    name: id,
                })
                .unwrap();
        }
    }
    let mut people = Vec::new();
    for i in 0..PEOPLE {
        let p = Person {
            id: new_id(),
            employee_no: format!("E{i:05}"),
            name: format!("员工{i}"),
            site: Some(format!("r{}c{}", i % 5, i / 5 % 10)),
            role: JobRole::FrontDesk,
            hired_on: None,
        };
        store.add_person(&p).unwrap();
        people.push(p.id);
    }
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
        for i in 0..ATTEMPTS {
            let id = new_id();
            let person = &people[i % PEOPLE];
            let scenario = format!("scenario-{}", i % SCENARIOS);
            let at = 1_700_000_000 + i as i64;
            a.execute(rusqlite::params![id, person, scenario, at]).unwrap();
            let score = (i * 37 % 101) as i64;
            let verdict = if score >= 60 { "pass" } else { "fail" };
            r.execute(rusqlite::params![id, at + 90, score, verdict]).unwrap();
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
    group.finish();
}

criterion_group!(benches, commit, reports);
criterion_main!(benches);
