//! Onboarding programmes: the curriculum file format (`curricula/*.ron`),
//! its checks with file:line:col diagnostics, and the pure rules that turn
//! a person's attempts into module states (locked, open, passed) and
//! certifications with their expiry and recertification window. No storage
//! here: the records crate keeps the attempts, this module judges them.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::model::Source;
use crate::play::Mode;

/// Seconds in a day; times are seconds since 1970-01-01 UTC.
pub const DAY: u64 = 86_400;

/// The job a curriculum trains for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum JobRole {
    /// A front-desk or service-centre clerk (前台/客服中心接待).
    FrontDesk,
    /// A gate guard (门岗护卫员).
    GateGuard,
    /// A call-centre or hotline agent (客服热线).
    CallCentre,
    /// A home-visit engineer (上门服务工程师).
    HomeVisitEngineer,
    /// A clerk in a telecom service hall (营业厅营业员).
    ServiceHall,
}

impl JobRole {
    /// Every role, in a fixed order.
    pub const ALL: [JobRole; 5] = [
        JobRole::FrontDesk,
        JobRole::GateGuard,
        JobRole::CallCentre,
        JobRole::HomeVisitEngineer,
        JobRole::ServiceHall,
    ];

    /// The stable kebab-case key (records, the command line, messages).
    pub fn key(self) -> &'static str {
        match self {
            JobRole::FrontDesk => "front-desk",
            JobRole::GateGuard => "gate-guard",
            JobRole::CallCentre => "call-centre",
            JobRole::HomeVisitEngineer => "home-visit-engineer",
            JobRole::ServiceHall => "service-hall",
        }
    }

    /// The role with this key.
    pub fn from_key(key: &str) -> Option<JobRole> {
        JobRole::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// An onboarding programme for one job role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    /// Its id; the file is `<id>.ron`.
    pub id: String,
    /// Its title, shown to trainees.
    pub title: String,
    /// The job it trains for.
    pub role: JobRole,
    /// The manual clauses it is built on.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// How long a certification lasts, and when recertification is due.
    pub certification: CertificationRule,
    /// The modules, in the order they unlock.
    pub modules: Vec<Module>,
}

/// How long a certification lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationRule {
    /// Days from certification to expiry.
    pub valid_days: u32,
    /// Recertification opens this many days before expiry.
    pub recertify_within_days: u32,
}

/// A module: scenarios to pass, and the gate that says when they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Its id, unique in the curriculum.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The scenarios, by id.
    pub scenarios: Vec<String>,
    /// What passing each scenario takes.
    pub gate: Gate,
    /// The manual clauses it trains.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// What an attempt must show to count towards a module, and how many
/// such attempts each scenario needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// The least score, 0 to 100 (the scenario must also be passed).
    pub mastery: u8,
    /// Only exam attempts count (else practice ones do too).
    #[serde(default)]
    pub exam_only: bool,
    /// An attempt with a critical failure never counts.
    #[serde(default = "yes")]
    pub no_critical_miss: bool,
    /// Counting attempts each scenario needs.
    #[serde(default = "one")]
    pub passes: u8,
}

fn yes() -> bool {
    true
}

fn one() -> u8 {
    1
}

/// Parses a curriculum file, with diagnostics at line:col.
pub fn parse(file: &SourceFile) -> Result<Curriculum, Diagnostic> {
    crate::load::parse(file)
}

/// Every curriculum in `dir` (its `*.ron` files, sorted), checked against
/// the scenario ids that exist, and every problem found.
pub fn load_dir(dir: &Path, scenarios: &HashSet<&str>) -> (Vec<Curriculum>, Vec<Diagnostic>) {
    let (files, mut problems) = crate::load::scenario_files(dir);
    let mut found = Vec::new();
    for path in files {
        let file = match crate::diagnostic::read_source(&path) {
            Ok(file) => file,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let (c, found_problems) = check(&file, scenarios);
        found.extend(c);
        problems.extend(found_problems);
    }
    (found, problems)
}

/// Parses and checks one curriculum file: the curriculum if it has no
/// error, and every problem found.
pub fn check(
    file: &SourceFile,
    scenarios: &HashSet<&str>,
) -> (Option<Curriculum>, Vec<Diagnostic>) {
    match parse(file) {
        Ok(c) => {
            let problems = validate(&c, file, scenarios);
            let usable = problems.iter().all(|d| !d.is_error());
            (usable.then_some(c), problems)
        }
        Err(d) => (None, vec![d]),
    }
}

/// Checks a parsed curriculum against its file and the scenario ids that
/// exist; every problem names its place in the file.
pub fn validate(c: &Curriculum, file: &SourceFile, scenarios: &HashSet<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let stem = Path::new(&file.path).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if c.id != stem {
        out.push(
            Diagnostic::at(file, file.find_field("id", &c.id), Code::CurriculumIdFilename)
                .arg("id", c.id.as_str())
                .arg("file", stem),
        );
    }
    let rule = c.certification;
    if rule.valid_days == 0 || rule.recertify_within_days >= rule.valid_days {
        out.push(
            Diagnostic::at(file, file.find_string("certification", 0), Code::BadValidity)
                .arg("valid", u64::from(rule.valid_days))
                .arg("window", u64::from(rule.recertify_within_days)),
        );
    }
    if c.modules.is_empty() {
        out.push(
            Diagnostic::at(file, file.find_string("modules", 0), Code::EmptyModule)
                .arg("module", c.id.as_str()),
        );
    }
    let mut seen = HashSet::new();
    for m in &c.modules {
        let at = file.find_field("id", &m.id);
        let from = at.map_or(0, |(s, _)| s);
        if !seen.insert(m.id.as_str()) {
            out.push(
                Diagnostic::at(file, at, Code::DuplicateId)
                    .arg("kind", "module")
                    .arg("id", m.id.as_str()),
            );
        }
        if m.scenarios.is_empty() {
            out.push(Diagnostic::at(file, at, Code::EmptyModule).arg("module", m.id.as_str()));
        }
        for s in &m.scenarios {
            if !scenarios.contains(s.as_str()) {
                out.push(
                    Diagnostic::at(file, file.find_string(s, from), Code::UnknownScenario)
                        .arg("id", s.as_str())
                        .arg("module", m.id.as_str()),
                );
            }
        }
        if m.gate.mastery > 100 || m.gate.passes == 0 {
            out.push(
                Diagnostic::at(file, file.find_string("gate", from), Code::BadGate)
                    .arg("module", m.id.as_str())
                    .arg("mastery", u64::from(m.gate.mastery))
                    .arg("passes", u64::from(m.gate.passes)),
            );
        }
    }
    out
}

/// One finished attempt at a scenario, as the gates see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The scenario's id.
    pub scenario: String,
    /// Practice or exam.
    pub mode: Mode,
    /// 0 to 100.
    pub score: u8,
    /// The scenario was passed.
    pub passed: bool,
    /// A critical rule was failed.
    pub critical_miss: bool,
    /// When it finished, in seconds since 1970.
    pub finished_at: u64,
}

impl Gate {
    /// Does this attempt count towards the gate?
    pub fn counts(&self, a: &Attempt) -> bool {
        a.passed
            && a.score >= self.mastery
            && (!self.exam_only || a.mode == Mode::Exam)
            && !(self.no_critical_miss && a.critical_miss)
    }
}

/// Where a person stands in a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModuleState {
    /// The module before it is not passed yet.
    Locked,
    /// Open to play; its gate is not met yet.
    Open,
    /// Its gate is met.
    Passed,
}

/// A module's state, and each scenario's counting attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleProgress {
    /// The module's id.
    pub id: String,
    /// Locked, open or passed.
    pub state: ModuleState,
    /// Per scenario: its id, attempts that count, attempts needed.
    pub scenarios: Vec<(String, usize, usize)>,
    /// When the gate was met, if it was.
    pub passed_at: Option<u64>,
}

/// A certification earned: when, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Certification {
    /// When the last module's gate was met.
    pub certified_at: u64,
    /// When it lapses.
    pub expires_at: u64,
    /// When recertification opens.
    pub recertify_from: u64,
}

/// Where a person stands in a curriculum, at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// No module passed yet.
    NotStarted,
    /// Some modules passed, not all.
    InProgress,
    /// Certified, and recertification not yet due.
    Certified,
    /// Certified, and the recertification window is open.
    RecertificationDue,
    /// The certification lapsed before it was renewed.
    Expired,
}

/// A person's progress through a curriculum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Where they stand now.
    pub standing: Standing,
    /// The modules of the cycle being worked on (the first training, or
    /// the recertification once it is due).
    pub modules: Vec<ModuleProgress>,
    /// Every certification earned, oldest first.
    pub certifications: Vec<Certification>,
}

/// The modules' states counting only attempts finished at or after `since`.
fn modules_since(c: &Curriculum, attempts: &[Attempt], since: u64) -> Vec<ModuleProgress> {
    let mut out: Vec<ModuleProgress> = Vec::new();
    let mut open = true;
    for m in &c.modules {
        let need = usize::from(m.gate.passes.max(1));
        let mut scenarios = Vec::new();
        let mut met_at: Option<u64> = Some(0);
        for s in &m.scenarios {
            let mut times: Vec<u64> = attempts
                .iter()
                .filter(|a| a.scenario == *s && a.finished_at >= since && m.gate.counts(a))
                .map(|a| a.finished_at)
                .collect();
            times.sort_unstable();
            scenarios.push((s.clone(), times.len(), need));
            met_at = match (met_at, times.get(need - 1)) {
                (Some(t), Some(&u)) => Some(t.max(u)),
                _ => None,
            };
        }
        let state = match (open, met_at) {
            (false, _) => ModuleState::Locked,
            (true, Some(_)) if !m.scenarios.is_empty() => ModuleState::Passed,
            (true, _) => ModuleState::Open,
        };
        // A module passes no earlier than the one before it.
        let passed_at = (state == ModuleState::Passed).then(|| {
            let before = out.last().and_then(|p| p.passed_at).unwrap_or(0);
            met_at.unwrap_or(0).max(before)
        });
        open = state == ModuleState::Passed;
        out.push(ModuleProgress { id: m.id.clone(), state, scenarios, passed_at });
    }
    out
}

/// A person's standing in a curriculum at `now`, from their attempts.
/// Passing every module certifies; the certification lasts `valid_days`;
/// from `recertify_within_days` before expiry, attempts count towards the
/// next certification, which is earned by passing every module again.
pub fn progress(c: &Curriculum, attempts: &[Attempt], now: u64) -> Progress {
    let rule = c.certification;
    let valid = u64::from(rule.valid_days) * DAY;
    let window = u64::from(rule.recertify_within_days.min(rule.valid_days)) * DAY;
    let attempts: Vec<Attempt> =
        attempts.iter().filter(|a| a.finished_at <= now).cloned().collect();
    let mut certifications: Vec<Certification> = Vec::new();
    let mut since = 0;
    let modules = loop {
        let modules = modules_since(c, &attempts, since);
        let done = !modules.is_empty() && modules.iter().all(|m| m.state == ModuleState::Passed);
        let last = modules.last().and_then(|m| m.passed_at);
        match (done, last) {
            (true, Some(at)) => {
                let cert = Certification {
                    certified_at: at,
                    expires_at: at + valid,
                    recertify_from: at + valid - window,
                };
                certifications.push(cert);
                if cert.recertify_from > now {
                    break modules;
                }
                // The window is open: the next cycle counts from its start.
                since = cert.recertify_from.max(at + 1);
            }
            _ => break modules,
        }
    };
    let standing = match certifications.last() {
        Some(cert) if now < cert.recertify_from => Standing::Certified,
        Some(cert) if now < cert.expires_at => Standing::RecertificationDue,
        Some(_) => Standing::Expired,
        None if modules.iter().any(|m| m.state == ModuleState::Passed) => Standing::InProgress,
        None => Standing::NotStarted,
    };
    Progress { standing, modules, certifications }
}

/// Where an assignment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssignmentStatus {
    /// Nothing of the curriculum played since it was assigned.
    Assigned,
    /// Under way.
    InProgress,
    /// Certified (and still valid).
    Passed,
    /// The final module's exam was taken and not passed: a retake is due.
    Failed,
    /// The due date went by without certification.
    Overdue,
}

/// An assignment's status at `now`: passed once certified (a certification
/// still valid counts, even if earned before the assignment); overdue once
/// the due date went by without it; failed when the last module's latest
/// attempt did not meet its gate; in progress once a scenario of the
/// curriculum was played after it was assigned.
pub fn assignment_status(
    c: &Curriculum,
    attempts: &[Attempt],
    assigned_at: u64,
    due_at: Option<u64>,
    now: u64,
) -> AssignmentStatus {
    let p = progress(c, attempts, now);
    if matches!(p.standing, Standing::Certified | Standing::RecertificationDue) {
        return AssignmentStatus::Passed;
    }
    if due_at.is_some_and(|due| now > due) {
        return AssignmentStatus::Overdue;
    }
    let seen = |a: &&Attempt| a.finished_at >= assigned_at && a.finished_at <= now;
    if let Some(last) = c.modules.last()
        && p.modules.last().is_some_and(|m| m.state == ModuleState::Open)
    {
        let latest = attempts
            .iter()
            .filter(seen)
            .filter(|a| last.scenarios.contains(&a.scenario))
            .filter(|a| !last.gate.exam_only || a.mode == Mode::Exam)
            .max_by_key(|a| a.finished_at);
        if latest.is_some_and(|a| !last.gate.counts(a)) {
            return AssignmentStatus::Failed;
        }
    }
    let played = attempts
        .iter()
        .filter(seen)
        .any(|a| c.modules.iter().any(|m| m.scenarios.contains(&a.scenario)));
    if played { AssignmentStatus::InProgress } else { AssignmentStatus::Assigned }
}

/// A time (seconds since 1970, UTC) as its date, `YYYY-MM-DD`.
pub fn date(secs: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = (secs / DAY) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Every scenario of the curricula for `role`: the ones a drill offers a
/// person of that job first.
pub fn scenarios_of_role(curricula: &[Curriculum], role: JobRole) -> HashSet<&str> {
    curricula
        .iter()
        .filter(|c| c.role == role)
        .flat_map(|c| c.modules.iter().flat_map(|m| m.scenarios.iter().map(String::as_str)))
        .collect()
}

/// The time (seconds since 1970, UTC) at which a date begins; `None` for a
/// date that does not exist (2026-02-30) or before 1970.
pub fn day_start(year: i64, month: u32, day: u32) -> Option<u64> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month || !(1970..=9999).contains(&year) {
        return None;
    }
    // Howard Hinnant's days-from-civil algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days).ok().map(|d| d * DAY)
}

/// A `YYYY-MM-DD` date as the time it begins (UTC).
pub fn parse_date(text: &str) -> Option<u64> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    day_start(year, month, day)
}

impl Gate {
    /// The mode an attempt is played in to count: exam for an exam-only
    /// gate, else practice (with feedback after every turn).
    pub fn mode(&self) -> Mode {
        if self.exam_only { Mode::Exam } else { Mode::Practice }
    }
}

/// A person's training in words, the same on the terminal and in the game.
pub mod words {
    use super::{AssignmentStatus, Curriculum, ModuleState, Progress, Standing, date};
    use crate::i18n::Messages;

    /// "“title”: status (due date)".
    pub fn assignment(
        m: &Messages,
        c: &Curriculum,
        status: AssignmentStatus,
        due_at: Option<u64>,
    ) -> String {
        let key = match status {
            AssignmentStatus::Assigned => "assignment-assigned",
            AssignmentStatus::InProgress => "assignment-in-progress",
            AssignmentStatus::Passed => "assignment-passed",
            AssignmentStatus::Failed => "assignment-failed",
            AssignmentStatus::Overdue => "assignment-overdue",
        };
        let due = due_at.map_or_else(|| "-".to_string(), date);
        m.format(
            "training-assignment",
            &[
                ("title", c.title.as_str().into()),
                ("status", m.get(key).into()),
                ("due", due.into()),
            ],
        )
    }

    /// A module's marker and title: `[已通过] 接听练习`.
    pub fn module(m: &Messages, state: ModuleState, title: &str) -> String {
        let key = match state {
            ModuleState::Locked => "module-locked",
            ModuleState::Open => "module-open",
            ModuleState::Passed => "module-passed",
        };
        format!("{} {title}", m.get(key))
    }

    /// The latest certificate, its dates and whether it is due or lapsed.
    pub fn certificate(m: &Messages, p: &Progress) -> Option<String> {
        let cert = p.certifications.last()?;
        let key = match p.standing {
            Standing::Expired => "training-expired",
            Standing::RecertificationDue => "training-recertify",
            _ => "training-certified",
        };
        Some(m.format(
            key,
            &[("from", date(cert.certified_at).into()), ("until", date(cert.expires_at).into())],
        ))
    }
}
