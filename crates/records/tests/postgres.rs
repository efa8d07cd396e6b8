//! The PostgreSQL store and the sync of a desktop's SQLite file to it,
//! against a real server: `.ci/run` starts one on 127.0.0.1 and runs these
//! with `COURTESY_TEST_PG=postgres://postgres@127.0.0.1:PORT/postgres`
//! (`cargo test -p courtesy-records --features postgres --test postgres -- --ignored`).
//! Each test works in a database of its own.
#![cfg(feature = "postgres")]

use courtesy_core::curriculum::JobRole;
use courtesy_core::{Mode, Verdict};
use courtesy_records::postgres::PgStore;
use courtesy_records::sync::sync;
use courtesy_records::{
    AttemptEnd, AttemptStart, Person, RecordError, RecordStore, Site, SiteKind, SqliteStore,
    TurnRow, new_id,
};

mod common;
use common::database;

fn person(no: &str, site: &str) -> Person {
    Person {
        id: new_id(),
        employee_no: no.into(),
        name: format!("员工{no}"),
        site: Some(site.into()),
        role: JobRole::FrontDesk,
        hired_on: None,
    }
}

/// Writes a site tree, two people and one finished attempt of `turns` turns
/// by the first; returns the person and the attempt.
fn fill(store: &mut dyn RecordStore, turns: u32) -> (Person, String) {
    store
        .add_site(&Site {
            id: "co".into(),
            parent: None,
            kind: SiteKind::Company,
            name: "公司".into(),
        })
        .unwrap();
    store
        .add_site(&Site {
            id: "a".into(),
            parent: Some("co".into()),
            kind: SiteKind::Centre,
            name: "甲中心".into(),
        })
        .unwrap();
    let (p1, p2) = (person("E001", "a"), person("E002", "a"));
    store.add_person(&p1).unwrap();
    store.add_person(&p2).unwrap();
    let attempt = new_id();
    store
        .begin_attempt(&AttemptStart {
            id: attempt.clone(),
            person: Some(p1.id.clone()),
            trainee_name: None,
            scenario: "phone-three-rings".into(),
            scenario_hash: "h".into(),
            mode: Mode::Exam,
            assignment: None,
            seed: u64::MAX,
            session: new_id(),
            started_at: 1_795_737_600,
        })
        .unwrap();
    for n in 1..=turns {
        store
            .record_turn(&TurnRow {
                id: new_id(),
                attempt: attempt.clone(),
                number: n,
                node: Some("greet".into()),
                reply: format!("第{n}轮：您好，请稍等"),
                verdict: Verdict::Pass,
                score: 90,
                met: vec!["greeting".into()],
                missed: vec![],
                hits: vec![],
                at: 1_795_737_600 + u64::from(n),
            })
            .unwrap();
    }
    store
        .finish_attempt(&AttemptEnd {
            attempt: attempt.clone(),
            finished_at: 1_795_737_700,
            score: 90,
            verdict: Verdict::Pass,
            critical_miss: false,
            ending: None,
        })
        .unwrap();
    (p1, attempt)
}

#[test]
#[ignore = "needs a PostgreSQL server (COURTESY_TEST_PG; .ci/run starts one)"]
fn the_postgres_store_reads_back_what_it_wrote_and_refuses_changes() {
    let url = database();
    let mut store = PgStore::connect(&url).unwrap();
    let (p1, attempt) = fill(&mut store, 3);
    let h = store.history(&p1.id).unwrap();
    assert_eq!((h.len(), h[0].turns), (1, 3));
    assert_eq!(h[0].start.seed, u64::MAX, "the seed survives BIGINT");
    assert_eq!(store.turns(&attempt).unwrap()[2].reply, "第3轮：您好，请稍等");
    assert_eq!(store.site_completion("co", "phone-three-rings").unwrap(), (1, 2));
    let doubt = courtesy_records::Contest {
        id: new_id(),
        attempt: attempt.clone(),
        turn: 2,
        comment: "应该算对".into(),
        at: 9,
    };
    store.contest(&doubt).unwrap();
    assert_eq!(store.contests().unwrap(), [doubt]);
    let twice = Person { id: new_id(), ..p1.clone() };
    assert!(matches!(store.add_person(&twice), Err(RecordError::Refused(_))));
    let mut raw = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let e = raw.execute("UPDATE turns SET reply = '改过的'", &[]).unwrap_err();
    assert!(
        e.to_string().contains("append-only") || format!("{e:?}").contains("append-only"),
        "{e:?}"
    );
    assert!(raw.execute("DELETE FROM people", &[]).is_err());
    // A second connection (another desktop) finds the schema and migrates nothing.
    let again = PgStore::connect(&url).unwrap();
    assert_eq!(again.people().unwrap().len(), 2);
    // A database from a newer courtesy is refused.
    raw.execute("INSERT INTO courtesy_schema (version) VALUES (99)", &[]).unwrap();
    assert!(matches!(PgStore::connect(&url), Err(RecordError::NewerSchema { found: 99, .. })));
}

#[test]
#[ignore = "needs a PostgreSQL server (COURTESY_TEST_PG; .ci/run starts one)"]
fn a_desktop_syncs_once_resumes_after_a_lost_connection_and_sends_only_what_is_new() {
    let url = database();
    let dir = tempfile::tempdir().unwrap();
    let mut local = SqliteStore::open(&dir.path().join("records.sqlite")).unwrap();
    let (p1, attempt) = fill(&mut local, 1_200);

    // The server goes away before the sync: nothing is marked sent.
    let mut remote = PgStore::connect(&url).unwrap();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap();
    assert!(sync(&local, &mut remote).is_err(), "a lost connection is an error");
    assert_eq!(local.sync_mark(&remote.name(), "sites").unwrap(), 0);

    // A copy of the desktop's file as it is now, before any sync.
    drop(local);
    let copy = dir.path().join("copy.sqlite");
    std::fs::copy(dir.path().join("records.sqlite"), &copy).unwrap();
    let local = SqliteStore::open(&dir.path().join("records.sqlite")).unwrap();

    // Connected again, but the server fails in the middle: the turns' second
    // batch (turn 700 is refused by a trigger standing in for a crash). What
    // went before it stays sent; nothing after it is marked.
    let mut remote = PgStore::connect(&url).unwrap();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(
            "CREATE FUNCTION fail_at_700() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.number = 700 THEN RAISE EXCEPTION 'server gone'; END IF; RETURN NEW; END $$; \
             CREATE TRIGGER fail_at_700 BEFORE INSERT ON turns FOR EACH ROW EXECUTE FUNCTION fail_at_700();",
        )
        .unwrap();
    assert!(sync(&local, &mut remote).is_err());
    assert_eq!(remote.turns(&attempt).unwrap().len(), 500, "the first batch went whole");
    assert!(remote.history(&p1.id).unwrap()[0].end.is_none(), "nothing after the failure");
    admin.batch_execute("DROP TRIGGER fail_at_700 ON turns").unwrap();

    // The next sync completes it, sending only the rest.
    let report = sync(&local, &mut remote).unwrap();
    assert_eq!(report.stored(), 700 + 1, "the turns not yet sent, and the result");
    assert_eq!(report.already(), 0);
    assert_eq!(remote.turns(&attempt).unwrap().len(), 1_200);
    assert_eq!(remote.history(&p1.id).unwrap()[0].end.as_ref().unwrap().score, 90);

    // Again: nothing new, nothing sent.
    assert_eq!(sync(&local, &mut remote).unwrap().stored(), 0);

    // Rows the server already has, sent again by a file that never
    // learned they went (its marks lost): stored once, counted as there.
    let unmarked = SqliteStore::open(&copy).unwrap();
    let resent = sync(&unmarked, &mut remote).unwrap();
    assert_eq!((resent.stored(), resent.already()), (0, 1_206));
    assert_eq!(remote.turns(&attempt).unwrap().len(), 1_200);

    // A new attempt after the sync: only it goes next time.
    let mut local = local;
    let p2 = &local.people().unwrap()[1];
    let next = new_id();
    local
        .begin_attempt(&AttemptStart {
            id: next.clone(),
            person: Some(p2.id.clone()),
            trainee_name: None,
            scenario: "phone-three-rings".into(),
            scenario_hash: "h".into(),
            mode: Mode::Practice,
            assignment: None,
            seed: 3,
            session: new_id(),
            started_at: 1_795_800_000,
        })
        .unwrap();
    let report = sync(&local, &mut remote).unwrap();
    assert_eq!(report.stored(), 1);
    assert_eq!(remote.history(&p2.id).unwrap().len(), 1);
}
