//! The xAPI export against a golden file: the cmi5 shape an LMS reads
//! (actor account, verbs, scaled score, registration, session) for one
//! passed and one failed attempt. `COURTESY_BLESS=1` rewrites the file
//! after a deliberate change of shape.

use courtesy_core::curriculum::JobRole;
use courtesy_core::{Mode, Verdict};
use courtesy_records::xapi::{statements, timestamp};
use courtesy_records::{AttemptEnd, AttemptStart, AttemptSummary, Person};

fn attempt(
    id: &str,
    scenario: &str,
    score: u8,
    verdict: Verdict,
    assignment: Option<&str>,
) -> AttemptSummary {
    AttemptSummary {
        start: AttemptStart {
            id: id.into(),
            person: Some("0193a000-0000-7000-8000-000000000001".into()),
            trainee_name: Some("王芳".into()),
            scenario: scenario.into(),
            scenario_hash: "0123456789abcdef".into(),
            mode: Mode::Exam,
            assignment: assignment.map(Into::into),
            seed: 7,
            session: format!("session-{scenario}"),
            started_at: 1_795_737_600,
        },
        end: Some(AttemptEnd {
            attempt: id.into(),
            finished_at: 1_795_737_695,
            score,
            verdict,
            critical_miss: verdict == Verdict::Fail,
            ending: None,
        }),
        turns: 5,
    }
}

#[test]
fn the_export_matches_the_golden_file() {
    let person = Person {
        id: "0193a000-0000-7000-8000-000000000001".into(),
        employee_no: "E001".into(),
        name: "王芳".into(),
        site: None,
        role: JobRole::CallCentre,
        hired_on: None,
    };
    let mut unfinished =
        attempt("0193a000-0000-7000-8000-0000000000a3", "caller-too-quiet", 0, Verdict::Fail, None);
    unfinished.end = None;
    let history = [
        attempt(
            "0193a000-0000-7000-8000-0000000000a1",
            "phone-three-rings",
            88,
            Verdict::Pass,
            Some("0193a000-0000-7000-8000-0000000000e1"),
        ),
        attempt(
            "0193a000-0000-7000-8000-0000000000a2",
            "serious-complaint",
            45,
            Verdict::Fail,
            None,
        ),
        unfinished,
    ];
    let title = |id: &str| match id {
        "phone-three-rings" => "电话响了：三声之内接起".to_string(),
        other => other.to_string(),
    };
    let out = statements(&person, &history, &title, "https://training.example.com/");
    assert_eq!(out.len(), 4, "two statements per finished attempt, none for an unfinished one");
    let json = serde_json::to_string_pretty(&out).unwrap() + "\n";
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/xapi-golden.json");
    if std::env::var_os("COURTESY_BLESS").is_some() {
        std::fs::write(golden, &json).unwrap();
    }
    let expected =
        std::fs::read_to_string(golden).expect("the golden file (COURTESY_BLESS=1 writes it)");
    assert_eq!(json, expected);

    // The parts an LMS keys on, checked by hand as well.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["actor"]["account"]["name"], "E001");
    assert_eq!(v[0]["actor"]["account"]["homePage"], "https://training.example.com");
    assert_eq!(v[0]["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
    assert_eq!(v[0]["result"]["score"]["scaled"], 0.88);
    assert_eq!(v[0]["result"]["success"], true);
    assert_eq!(v[0]["context"]["registration"], "0193a000-0000-7000-8000-0000000000e1");
    assert_eq!(v[1]["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(v[1]["result"]["completion"], true);
    assert_eq!(v[2]["verb"]["id"], "http://adlnet.gov/expapi/verbs/failed");
    assert_eq!(v[2]["context"]["registration"], "0193a000-0000-7000-8000-0000000000a2");
    assert_eq!(v[0]["timestamp"], "2026-11-27T00:01:35Z");
    assert_eq!(v[0]["result"]["duration"], "PT95S");
    // The same attempt exported again gives the same statement ids.
    let again = statements(&person, &history, &title, "https://training.example.com");
    assert_eq!(
        again.iter().map(|s| &s.id).collect::<Vec<_>>(),
        out.iter().map(|s| &s.id).collect::<Vec<_>>()
    );
}

#[test]
fn timestamps_are_iso_8601_in_utc() {
    assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
    assert_eq!(timestamp(1_795_780_861), "2026-11-27T12:01:01Z");
}
