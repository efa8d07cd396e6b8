//! The trainer's report of a month: completion and overdue per site and
//! curriculum, pass rate per scenario and per category, the rules most
//! often missed and the forbidden phrases most often said, drills by site
//! and the findings that caused them. Built from the records of the month
//! (read by range, so a month of a large database reads only that month)
//! and the library, which names the rules and their categories.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use courtesy_core::curriculum::{self, AssignmentStatus, Curriculum, DAY, day_start};
use courtesy_core::drill::{DrillState, scenarios_for};
use courtesy_core::model::Category;
use courtesy_core::{Library, Verdict};

use crate::columns::{list, verdict_of};
use crate::findings::{DrillRow, Findings, drill_views};
use crate::model::Person;
use crate::store::RecordError;
use crate::sync::{ATTEMPT_RESULTS, ATTEMPTS, FINDINGS, TURNS};

/// The days a report covers: `from` up to, not including, `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day's start.
    pub from: u64,
    /// The start of the day after the last.
    pub to: u64,
}

impl Period {
    /// A month, `YYYY-MM`.
    pub fn month(text: &str) -> Option<Period> {
        let (y, m) = text.trim().split_once('-')?;
        let (year, month): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
        let from = day_start(year, month, 1)?;
        let to =
            if month == 12 { day_start(year + 1, 1, 1)? } else { day_start(year, month + 1, 1)? };
        Some(Period { from, to })
    }

    /// The month `at` falls in.
    pub fn month_of(at: u64) -> Period {
        let date = curriculum::date(at);
        Period::month(&date[..7]).unwrap_or(Period { from: at - at % DAY, to: at - at % DAY + DAY })
    }

    /// `YYYY-MM-DD – YYYY-MM-DD`.
    pub fn label(&self) -> String {
        format!(
            "{} – {}",
            curriculum::date(self.from),
            curriculum::date(self.to.saturating_sub(DAY))
        )
    }
}

/// Completion of one curriculum at one site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// The site's name.
    pub site: String,
    /// The curriculum's title.
    pub curriculum: String,
    /// People enrolled.
    pub assigned: u32,
    /// Of them, passed.
    pub passed: u32,
    /// Started, not passed, not overdue.
    pub in_progress: u32,
    /// Past the due date and not passed.
    pub overdue: u32,
}

/// Attempts at one scenario in the month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ScenarioStat {
    /// Its id.
    pub scenario: String,
    /// Its title.
    pub title: String,
    /// Attempts finished.
    pub attempts: u32,
    /// Of them, passed.
    pub passed: u32,
}

impl ScenarioStat {
    /// Passed as a share of attempts, 0 to 100.
    pub fn rate(&self) -> u32 {
        (self.passed * 100).checked_div(self.attempts).unwrap_or(0)
    }
}

/// Required rules of one category met and missed, and its forbidden
/// phrases said, over the month's turns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryStat {
    /// The category.
    pub category: Category,
    /// Required rules met.
    pub met: u32,
    /// Required rules missed.
    pub missed: u32,
    /// Forbidden phrases said.
    pub said: u32,
}

impl CategoryStat {
    /// Met as a share of required, 0 to 100.
    pub fn rate(&self) -> u32 {
        (self.met * 100).checked_div(self.met + self.missed).unwrap_or(0)
    }
}

/// A rule and how often it was missed (or, forbidden, said).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule's id.
    pub rule: String,
    /// What it asks for, in words (its label).
    pub label: String,
    /// How often.
    pub count: u32,
}

/// Drills at one site, by where they stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DrillStat {
    /// The site's name.
    pub site: String,
    /// To do (due or resting).
    pub open: u32,
    /// Overdue.
    pub overdue: u32,
    /// Escalated to the trainer.
    pub escalated: u32,
    /// Passed.
    pub passed: u32,
    /// Waived, paused or closed.
    pub other: u32,
}

/// One person's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonStat {
    /// Employee number.
    pub employee_no: String,
    /// Name.
    pub name: String,
    /// Site's name.
    pub site: String,
    /// Attempts finished in the month.
    pub attempts: u32,
    /// Of them, passed.
    pub passed: u32,
    /// Drills not yet passed (due, resting, overdue or escalated).
    pub drills_open: u32,
}

/// The report of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The days covered.
    pub period: Period,
    /// The site it is for (its name), or the whole company.
    pub site: Option<String>,
    /// People in scope.
    pub people: u32,
    /// Completion per site and curriculum.
    pub completion: Vec<Completion>,
    /// Pass rate per scenario, most attempted first.
    pub scenarios: Vec<ScenarioStat>,
    /// Per category of rule.
    pub categories: Vec<CategoryStat>,
    /// The required rules most often missed.
    pub missed: Vec<RuleCount>,
    /// The forbidden phrases most often said.
    pub said: Vec<RuleCount>,
    /// Drills per site.
    pub drills: Vec<DrillStat>,
    /// Findings observed in the period.
    pub findings: u32,
    /// Each person's month.
    pub persons: Vec<PersonStat>,
    /// One person's attempts in the period, when the report is asked for
    /// one ([`with_history`]): whose, and each attempt.
    pub history: Option<(PersonStat, Vec<HistoryRow>)>,
}

/// One attempt of a person's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    /// When it began.
    pub started_at: u64,
    /// The scenario's id.
    pub scenario: String,
    /// Its title.
    pub title: String,
    /// Practice or exam.
    pub exam: bool,
    /// 0 to 100, once it ended.
    pub score: Option<u8>,
    /// Passed, once it ended.
    pub passed: Option<bool>,
    /// Turns played.
    pub turns: u32,
}

/// The report with one person's history in its period added (the person
/// by employee number); `None` when no one has that number.
pub fn with_history(
    mut report: Report,
    store: &(impl Findings + ?Sized),
    library: &Library,
    employee_no: &str,
) -> Result<Option<Report>, RecordError> {
    let people = store.people()?;
    let Some(person) = people.iter().find(|p| p.employee_no == employee_no) else {
        return Ok(None);
    };
    let sites = store.sites()?;
    let site = person
        .site
        .as_ref()
        .and_then(|id| sites.iter().find(|s| &s.id == id))
        .map_or_else(String::new, |s| s.name.clone());
    let rows: Vec<HistoryRow> = store
        .history(&person.id)?
        .into_iter()
        .filter(|a| (report.period.from..report.period.to).contains(&a.start.started_at))
        .map(|a| HistoryRow {
            started_at: a.start.started_at,
            title: library
                .scenario(&a.start.scenario)
                .map_or_else(|| a.start.scenario.clone(), |s| s.scenario.title.clone()),
            scenario: a.start.scenario,
            exam: a.start.mode == courtesy_core::Mode::Exam,
            score: a.end.as_ref().map(|e| e.score),
            passed: a.end.as_ref().map(|e| e.verdict == Verdict::Pass),
            turns: a.turns,
        })
        .collect();
    let stat = report.persons.iter().find(|p| p.employee_no == employee_no).cloned().unwrap_or(
        PersonStat {
            employee_no: person.employee_no.clone(),
            name: person.name.clone(),
            site,
            attempts: 0,
            passed: 0,
            drills_open: 0,
        },
    );
    report.history = Some((stat, rows));
    Ok(Some(report))
}

/// How many rules the "most often" lists keep.
pub const TOP: usize = 15;

/// Builds the report of `period` for `site` (and the sites below it), or
/// the whole company.
pub fn build(
    store: &(impl Findings + ?Sized),
    library: &Library,
    curricula: &[Curriculum],
    period: Period,
    site: Option<&str>,
    now: u64,
) -> Result<Report, RecordError> {
    let sites = store.sites()?;
    let scope = site.map(|s| crate::findings::under(s, &sites));
    let site_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| sites.iter().find(|s| &s.id == id))
            .map_or_else(String::new, |s| s.name.clone())
    };
    let people: Vec<Person> = store
        .people()?
        .into_iter()
        .filter(|p| scope.as_ref().is_none_or(|sc| p.site.as_ref().is_some_and(|s| sc.contains(s))))
        .collect();
    let by_id: HashMap<&str, &Person> = people.iter().map(|p| (p.id.as_str(), p)).collect();

    // The month's attempts (started in it) with their ends, and its turns.
    let (from, to) = (period.from as i64, period.to as i64);
    let mut attempts: HashMap<String, (String, String)> = HashMap::new(); // id → (person, scenario)
    for row in store.select_range(&ATTEMPTS, "started_at", from, to)? {
        let Some(person) = row[1].opt_text().filter(|p| by_id.contains_key(p.as_str())) else {
            continue;
        };
        attempts.insert(row[0].text(), (person, row[3].text()));
    }
    let mut scenarios: BTreeMap<String, ScenarioStat> = BTreeMap::new();
    let mut per_person: HashMap<String, (u32, u32)> = HashMap::new();
    for row in store.select_range(&ATTEMPT_RESULTS, "finished_at", from, to + 31 * DAY as i64)? {
        let Some((person, scenario)) = attempts.get(&row[0].text()) else { continue };
        let passed = verdict_of(&row[3].text()) == Verdict::Pass;
        let stat = scenarios.entry(scenario.clone()).or_insert_with(|| ScenarioStat {
            scenario: scenario.clone(),
            title: library
                .scenario(scenario)
                .map_or_else(|| scenario.clone(), |s| s.scenario.title.clone()),
            ..ScenarioStat::default()
        });
        stat.attempts += 1;
        stat.passed += u32::from(passed);
        let p = per_person.entry(person.clone()).or_default();
        p.0 += 1;
        p.1 += u32::from(passed);
    }
    let mut categories: BTreeMap<Category, (u32, u32, u32)> = BTreeMap::new();
    let mut missed: HashMap<(String, String), u32> = HashMap::new();
    let mut said: HashMap<String, (String, u32)> = HashMap::new();
    for row in store.select_range(&TURNS, "at", from, to)? {
        let Some((_, scenario)) = attempts.get(&row[1].text()) else { continue };
        let compiled = library.scenario(scenario);
        let category = |rule: &str| {
            compiled.as_ref().and_then(|c| c.book.index_of(rule).map(|i| c.book.rule(i).category))
        };
        for rule in list(&row[7].text()) {
            if let Some(c) = category(&rule) {
                categories.entry(c).or_default().0 += 1;
            }
        }
        for rule in list(&row[8].text()) {
            if let Some(c) = category(&rule) {
                categories.entry(c).or_default().1 += 1;
            }
            *missed.entry((scenario.clone(), rule)).or_default() += 1;
        }
        for rule in list(&row[9].text()) {
            if let Some(c) = category(&rule) {
                categories.entry(c).or_default().2 += 1;
            }
            // What the rule forbids: its first phrases.
            let label = compiled
                .as_ref()
                .and_then(|c| c.book.index_of(&rule).map(|i| c.book.rule(i).phrases.clone()))
                .filter(|p| !p.is_empty())
                .map_or_else(
                    || rule.clone(),
                    |p| p.iter().take(3).cloned().collect::<Vec<_>>().join(" / "),
                );
            said.entry(rule).or_insert((label, 0)).1 += 1;
        }
    }
    let mut missed: Vec<RuleCount> = missed
        .into_iter()
        .map(|((scenario, rule), count)| RuleCount {
            label: library
                .scenario(&scenario)
                .map_or_else(|| rule.clone(), |c| c.rule_label(&rule)),
            rule,
            count,
        })
        .collect();
    // The same rule missed in several scenarios counts once, summed.
    missed.sort_by(|a, b| a.rule.cmp(&b.rule));
    missed.dedup_by(|a, b| {
        let same = a.rule == b.rule;
        if same {
            b.count += a.count;
        }
        same
    });
    let mut said: Vec<RuleCount> =
        said.into_iter().map(|(rule, (label, count))| RuleCount { rule, label, count }).collect();
    for list in [&mut missed, &mut said] {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        list.truncate(TOP);
    }

    // Completion per site and curriculum, from each enrolled person's history.
    let mut completion: BTreeMap<(String, String), Completion> = BTreeMap::new();
    let mut drills: BTreeMap<String, DrillStat> = BTreeMap::new();
    let mut persons = Vec::new();
    let all_drills = store.drills(None)?;
    let with_drills: HashSet<&str> = all_drills.iter().map(|d| d.drill.person.as_str()).collect();
    for p in &people {
        let site = site_name(&p.site);
        let assignments = store.assignments(&p.id)?;
        if !assignments.is_empty() {
            let history: Vec<_> =
                store.history(&p.id)?.iter().filter_map(|a| a.as_gate_attempt()).collect();
            for a in assignments {
                let Some(c) = curricula.iter().find(|c| c.id == a.curriculum) else { continue };
                let status =
                    curriculum::assignment_status(c, &history, a.assigned_at, a.due_at, now);
                let row = completion.entry((site.clone(), c.title.clone())).or_insert_with(|| {
                    Completion {
                        site: site.clone(),
                        curriculum: c.title.clone(),
                        ..Completion::default()
                    }
                });
                row.assigned += 1;
                match status {
                    AssignmentStatus::Passed => row.passed += 1,
                    AssignmentStatus::Overdue => row.overdue += 1,
                    AssignmentStatus::InProgress | AssignmentStatus::Failed => row.in_progress += 1,
                    AssignmentStatus::Assigned => {}
                }
            }
        }
        let mut open = 0;
        if with_drills.contains(p.id.as_str()) {
            let own = curriculum::scenarios_of_role(curricula, p.role);
            let scenarios_of = |d: &DrillRow| {
                scenarios_for(library.tagged(&d.skills), &own)
                    .into_iter()
                    .map(String::from)
                    .collect()
            };
            let stat = drills
                .entry(site.clone())
                .or_insert_with(|| DrillStat { site: site.clone(), ..DrillStat::default() });
            for v in drill_views(store, &p.id, &scenarios_of, now)? {
                match v.progress.state {
                    DrillState::Due | DrillState::Resting => stat.open += 1,
                    DrillState::Overdue => stat.overdue += 1,
                    DrillState::Escalated => stat.escalated += 1,
                    DrillState::Passed => stat.passed += 1,
                    DrillState::Waived | DrillState::Paused | DrillState::Closed => stat.other += 1,
                }
                open += u32::from(
                    v.progress.state.is_open() || v.progress.state == DrillState::Escalated,
                );
            }
        }
        let (attempts, passed) = per_person.get(&p.id).copied().unwrap_or_default();
        if attempts > 0 || open > 0 {
            persons.push(PersonStat {
                employee_no: p.employee_no.clone(),
                name: p.name.clone(),
                site,
                attempts,
                passed,
                drills_open: open,
            });
        }
    }
    // The period's findings only (by range), not every finding with its items.
    let findings = store
        .select_range(&FINDINGS, "observed_on", from, to)?
        .iter()
        .filter(|row| scope.as_ref().is_none_or(|sc| sc.contains(&row[3].text())))
        .count() as u32;
    let mut scenarios: Vec<ScenarioStat> = scenarios.into_values().collect();
    scenarios.sort_by(|a, b| b.attempts.cmp(&a.attempts).then_with(|| a.scenario.cmp(&b.scenario)));
    Ok(Report {
        period,
        site: site.map(|s| site_name(&Some(s.to_string()))),
        people: people.len() as u32,
        completion: completion.into_values().collect(),
        scenarios,
        categories: categories
            .into_iter()
            .map(|(category, (met, missed, said))| CategoryStat { category, met, missed, said })
            .collect(),
        missed,
        said,
        drills: drills.into_values().collect(),
        findings,
        persons,
        history: None,
    })
}
