//! Curricula: the shipped ones check clean and cover every job role; a
//! broken one is reported at file:line:col; and the gates, unlocking and
//! certification follow a person's attempts.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use courtesy_core::curriculum::{self, Attempt, DAY, JobRole, ModuleState, Standing};
use courtesy_core::{Library, Mode, SourceFile};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn scenario_ids(library: &Library) -> HashSet<&str> {
    library.scenarios.iter().map(|s| s.id()).collect()
}

#[test]
fn the_shipped_curricula_check_clean_and_cover_every_job_role() {
    let library = Library::load(&[root().join("scenarios")]);
    let (found, problems) =
        curriculum::load_dir(&root().join("curricula"), &scenario_ids(&library));
    assert!(problems.is_empty(), "{problems:#?}");
    let roles: HashSet<JobRole> = found.iter().map(|c| c.role).collect();
    assert_eq!(roles.len(), JobRole::ALL.len(), "one curriculum per job role at least");
    for c in &found {
        assert!(c.modules.len() >= 3, "{}: modules that unlock in steps", c.id);
        assert!(!c.sources.is_empty(), "{}: cites the manuals", c.id);
        let last = c.modules.last().unwrap();
        assert!(last.gate.exam_only, "{}: ends with an exam", c.id);
    }
}

fn check(text: &str, name: &str) -> Vec<(String, usize, usize)> {
    let file = SourceFile::new(Path::new("curricula").join(name), text);
    let known: HashSet<&str> = ["phone-three-rings", "gate-guard-asleep"].into();
    match curriculum::parse(&file) {
        Err(d) => vec![(d.code.key().to_string(), d.line, d.col)],
        Ok(c) => curriculum::validate(&c, &file, &known)
            .into_iter()
            .map(|d| (d.code.key().to_string(), d.line, d.col))
            .collect(),
    }
}

const GOOD: &str = r#"Curriculum(
    id: "mini",
    title: "小课程",
    role: GateGuard,
    certification: CertificationRule(valid_days: 365, recertify_within_days: 30),
    modules: [
        Module(id: "one", title: "一", scenarios: ["gate-guard-asleep"], gate: Gate(mastery: 80)),
        Module(id: "two", title: "二", scenarios: ["phone-three-rings"], gate: Gate(mastery: 90, exam_only: true)),
    ],
)"#;

#[test]
fn a_broken_curriculum_is_reported_at_its_place_in_the_file() {
    assert_eq!(check(GOOD, "mini.ron"), []);
    // A name that is not the file's.
    assert_eq!(check(GOOD, "other.ron"), [("curriculum-id-filename".into(), 2, 9)]);
    // A scenario that does not exist: at the name, line 8.
    let typo = GOOD.replace(r#"["phone-three-rings"]"#, r#"["phone-three-ring"]"#);
    assert_eq!(check(&typo, "mini.ron"), [("unknown-scenario".into(), 8, 51)]);
    // A module named twice, a gate that cannot work, an empty module.
    let twice = GOOD.replace(r#"id: "two""#, r#"id: "one""#);
    assert_eq!(check(&twice, "mini.ron")[0].0, "duplicate-id");
    let gate = GOOD.replace("mastery: 90", "mastery: 190");
    assert_eq!(check(&gate, "mini.ron")[0].0, "bad-gate");
    let empty = GOOD.replace(r#"["gate-guard-asleep"]"#, "[]");
    assert_eq!(check(&empty, "mini.ron"), [("empty-module".into(), 7, 20)]);
    let validity = GOOD.replace("recertify_within_days: 30", "recertify_within_days: 400");
    assert_eq!(check(&validity, "mini.ron")[0].0, "bad-validity");
    // RON errors: an unknown field and a syntax error, at line:col.
    let field = GOOD.replace("title: \"小课程\"", "titel: \"小课程\"");
    assert_eq!(check(&field, "mini.ron")[0].0, "unknown-field");
    assert_eq!(check(&field, "mini.ron")[0].1, 3);
    let syntax = GOOD.replace("role: GateGuard,", "role: GateGuard");
    assert_eq!(check(&syntax, "mini.ron")[0].0, "syntax");
}

fn mini() -> curriculum::Curriculum {
    curriculum::parse(&SourceFile::new("curricula/mini.ron", GOOD)).unwrap()
}

fn attempt(scenario: &str, mode: Mode, score: u8, day: u64) -> Attempt {
    Attempt {
        scenario: scenario.into(),
        mode,
        score,
        passed: score >= 60,
        critical_miss: false,
        finished_at: day * DAY,
    }
}

fn states(p: &curriculum::Progress) -> Vec<ModuleState> {
    p.modules.iter().map(|m| m.state).collect()
}

#[test]
fn modules_unlock_in_order_as_their_gates_are_met() {
    let c = mini();
    let now = 10 * DAY;
    let p = curriculum::progress(&c, &[], now);
    assert_eq!(p.standing, Standing::NotStarted);
    assert_eq!(states(&p), [ModuleState::Open, ModuleState::Locked]);

    // Below mastery does not count; at mastery it does.
    let low = attempt("gate-guard-asleep", Mode::Practice, 70, 1);
    assert_eq!(
        states(&curriculum::progress(&c, std::slice::from_ref(&low), now))[0],
        ModuleState::Open
    );
    let good = attempt("gate-guard-asleep", Mode::Practice, 85, 2);
    let p = curriculum::progress(&c, &[low, good.clone()], now);
    assert_eq!(states(&p), [ModuleState::Passed, ModuleState::Open]);
    assert_eq!(p.standing, Standing::InProgress);

    // The second module's gate is exam-only: a practice run counts nothing.
    let practice = attempt("phone-three-rings", Mode::Practice, 100, 3);
    let p = curriculum::progress(&c, &[good.clone(), practice], now);
    assert_eq!(states(&p)[1], ModuleState::Open);
    assert_eq!(p.modules[1].scenarios, [("phone-three-rings".into(), 0, 1)]);

    // A critical miss never counts, whatever the score.
    let mut critical = attempt("phone-three-rings", Mode::Exam, 95, 4);
    critical.critical_miss = true;
    critical.passed = false;
    let p = curriculum::progress(&c, &[good.clone(), critical], now);
    assert_eq!(states(&p)[1], ModuleState::Open);

    // A passed module after a locked one stays locked.
    let exam = attempt("phone-three-rings", Mode::Exam, 95, 5);
    let p = curriculum::progress(&c, std::slice::from_ref(&exam), now);
    assert_eq!(states(&p), [ModuleState::Open, ModuleState::Locked]);
    let p = curriculum::progress(&c, &[good, exam], now);
    assert_eq!(states(&p), [ModuleState::Passed, ModuleState::Passed]);
    assert_eq!(p.standing, Standing::Certified);
}

#[test]
fn a_gate_can_ask_for_several_passes() {
    let mut c = mini();
    c.modules[0].gate.passes = 2;
    let one = attempt("gate-guard-asleep", Mode::Practice, 85, 1);
    let p = curriculum::progress(&c, std::slice::from_ref(&one), 9 * DAY);
    assert_eq!(p.modules[0].scenarios, [("gate-guard-asleep".into(), 1, 2)]);
    assert_eq!(p.modules[0].state, ModuleState::Open);
    let two = attempt("gate-guard-asleep", Mode::Exam, 90, 2);
    let p = curriculum::progress(&c, &[one, two], 9 * DAY);
    assert_eq!(p.modules[0].state, ModuleState::Passed);
    assert_eq!(p.modules[0].passed_at, Some(2 * DAY));
}

#[test]
fn a_certification_expires_and_is_renewed_by_passing_again() {
    let c = mini();
    let first = [
        attempt("gate-guard-asleep", Mode::Practice, 85, 10),
        attempt("phone-three-rings", Mode::Exam, 90, 12),
    ];
    let p = curriculum::progress(&c, &first, 100 * DAY);
    assert_eq!(p.standing, Standing::Certified);
    let cert = p.certifications[0];
    assert_eq!(cert.certified_at, 12 * DAY);
    assert_eq!(cert.expires_at, (12 + 365) * DAY);
    assert_eq!(cert.recertify_from, (12 + 335) * DAY);

    // Thirty days before expiry recertification is due, with modules open again.
    let p = curriculum::progress(&c, &first, 350 * DAY);
    assert_eq!(p.standing, Standing::RecertificationDue);
    assert_eq!(states(&p), [ModuleState::Open, ModuleState::Locked]);
    let p = curriculum::progress(&c, &first, 400 * DAY);
    assert_eq!(p.standing, Standing::Expired);

    // Attempts before the window (day 347) do not count again; inside it
    // they renew the certification.
    let mut early = first.to_vec();
    early.push(attempt("gate-guard-asleep", Mode::Practice, 88, 340));
    early.push(attempt("phone-three-rings", Mode::Exam, 91, 342));
    assert_eq!(curriculum::progress(&c, &early, 400 * DAY).standing, Standing::Expired);
    let mut renewed = first.to_vec();
    renewed.push(attempt("gate-guard-asleep", Mode::Practice, 88, 350));
    renewed.push(attempt("phone-three-rings", Mode::Exam, 91, 352));
    let p = curriculum::progress(&c, &renewed, 400 * DAY);
    assert_eq!(p.standing, Standing::Certified);
    assert_eq!(p.certifications.len(), 2);
    assert_eq!(p.certifications[1].expires_at, (352 + 365) * DAY);

    // Attempts after `now` are not seen.
    let p = curriculum::progress(&c, &renewed, 11 * DAY);
    assert_eq!(p.standing, Standing::InProgress);
}

#[test]
fn an_assignment_is_assigned_in_progress_failed_overdue_or_passed() {
    use courtesy_core::curriculum::{AssignmentStatus as S, assignment_status};
    let c = mini();
    let (assigned, due) = (DAY, Some(30 * DAY));
    let status = |attempts: &[Attempt], now| assignment_status(&c, attempts, assigned, due, now);
    assert_eq!(status(&[], 2 * DAY), S::Assigned);
    let first = attempt("gate-guard-asleep", Mode::Practice, 85, 2);
    assert_eq!(status(std::slice::from_ref(&first), 3 * DAY), S::InProgress);
    // The exam taken and failed: a retake is due.
    let failed = attempt("phone-three-rings", Mode::Exam, 50, 4);
    assert_eq!(status(&[first.clone(), failed.clone()], 5 * DAY), S::Failed);
    // Past the due date without certification.
    assert_eq!(status(&[first.clone(), failed.clone()], 31 * DAY), S::Overdue);
    // Passed the retake: certified, whatever the date.
    let retake = attempt("phone-three-rings", Mode::Exam, 92, 6);
    assert_eq!(status(&[first.clone(), failed, retake.clone()], 7 * DAY), S::Passed);
    assert_eq!(status(&[first, retake], 40 * DAY), S::Passed);
    // A practice run of the exam scenario is not a failed exam.
    let practice = attempt("phone-three-rings", Mode::Practice, 40, 3);
    let first = attempt("gate-guard-asleep", Mode::Practice, 85, 2);
    assert_eq!(status(&[first, practice], 5 * DAY), S::InProgress);
}

#[test]
fn dates_are_written_as_the_calendar_has_them() {
    assert_eq!(curriculum::date(0), "1970-01-01");
    assert_eq!(curriculum::date(951_782_400), "2000-02-29");
    assert_eq!(curriculum::date(1_795_737_600), "2026-11-27");
    assert_eq!(curriculum::date(1_795_737_600 + DAY - 1), "2026-11-27");
}
