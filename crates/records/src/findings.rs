//! Mystery-shopper findings in the records: a finding with its items and
//! its status over time, the refresher drills it assigns, the shifts people
//! work (to find who was on duty), trainers' waivers of drills, and their
//! reviews of contested verdicts.
//!
//! [`plan`] turns a sheet read by `courtesy_core::shopper` into rows,
//! resolving sites and people against the records; [`Findings`] stores and
//! reads them through any [`RecordStore`], so SQLite and PostgreSQL share
//! one implementation. Ids are made from the firm and visit number, so a
//! sheet imported twice is stored once.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use courtesy_core::curriculum::DAY;
use courtesy_core::shopper::{
    Channel, ItemResult, Problem, Reading, RowProblem, ShopperFirm, Visit, key,
};

use crate::columns::{list, to_json};
use crate::model::{Person, Site, new_id, stable_uuid};
use crate::store::{RecordError, RecordStore};
use crate::sync::{
    DRILL_EVENTS, DRILLS, FINDING_EVENTS, FINDING_ITEMS, FINDINGS, REVIEWS, SHIFTS, Table, Value,
};

/// Where a finding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingStatus {
    /// As the shopper delivered it; its drills are assigned.
    Imported,
    /// Checked and accepted by the site's manager.
    Confirmed,
    /// Disputed: its drills wait until it is confirmed or closed.
    Appealed,
    /// Dealt with: drills not yet passed are no longer asked for.
    Closed,
}

impl FindingStatus {
    /// Every status, in order.
    pub const ALL: [FindingStatus; 4] = [
        FindingStatus::Imported,
        FindingStatus::Confirmed,
        FindingStatus::Appealed,
        FindingStatus::Closed,
    ];

    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            FindingStatus::Imported => "imported",
            FindingStatus::Confirmed => "confirmed",
            FindingStatus::Appealed => "appealed",
            FindingStatus::Closed => "closed",
        }
    }

    /// The status with this key.
    pub fn from_key(key: &str) -> Option<FindingStatus> {
        FindingStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A mystery shopper's visit, call or home call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Its id (from the firm and visit number).
    pub id: String,
    /// The shopper firm's id.
    pub firm: String,
    /// The firm's visit number.
    pub visit: String,
    /// The site's id.
    pub site: String,
    /// How the shopper came.
    pub channel: Channel,
    /// The person seen, if the sheet names one.
    pub person: Option<String>,
    /// The shift, if the sheet names one.
    pub shift: Option<String>,
    /// The day (the time it begins).
    pub observed_on: u64,
    /// The time of day, `HH:MM`.
    pub observed_at: Option<String>,
    /// The shopper's score, in hundredths.
    pub score_centi: Option<i64>,
    /// The file and rows it came from.
    pub source: String,
    /// When it was imported.
    pub imported_at: u64,
}

/// One checked item of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingItem {
    /// Its id.
    pub id: String,
    /// The finding.
    pub finding: String,
    /// 1 for the first.
    pub seq: u32,
    /// The firm's category.
    pub category: String,
    /// Critical to the firm.
    pub critical: bool,
    /// What the shopper found.
    pub result: ItemResult,
    /// What the shopper saw.
    pub comment: String,
    /// The skills a failed item drills.
    pub skills: Vec<String>,
}

/// A change of a finding's status, with why and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingEvent {
    /// Its id.
    pub id: String,
    /// The finding.
    pub finding: String,
    /// The new status.
    pub status: FindingStatus,
    /// Why.
    pub reason: String,
    /// Who.
    pub by: String,
    /// When.
    pub at: u64,
}

/// A refresher drill: one failed category of a finding that a person must
/// pass again, on the scenarios of its skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillRow {
    /// Its id.
    pub id: String,
    /// The finding that assigned it.
    pub finding: String,
    /// Who.
    pub person: String,
    /// The firm's category of the failed items.
    pub category: String,
    /// Its skills (scenario tags): scenarios with any of them train it.
    pub skills: Vec<String>,
    /// When.
    pub assigned_at: u64,
    /// When it is due.
    pub due_at: u64,
    /// Separate days with a passed exam it needs.
    pub passes_needed: u32,
    /// Failed exams in a row before it is escalated.
    pub escalate_after: u32,
}

/// What a trainer did to a drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DrillAction {
    /// No longer asked for.
    Waive,
    /// Asked for again after an escalation, failures forgotten.
    Resume,
}

impl DrillAction {
    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            DrillAction::Waive => "waive",
            DrillAction::Resume => "resume",
        }
    }
}

/// A trainer's waiver or resumption of a drill, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillEvent {
    /// Its id.
    pub id: String,
    /// The drill.
    pub drill: String,
    /// What was done.
    pub action: DrillAction,
    /// Why.
    pub reason: String,
    /// Who.
    pub by: String,
    /// When.
    pub at: u64,
}

/// A person works a shift from a day on (until a later row says otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftRow {
    /// Its id.
    pub id: String,
    /// Who.
    pub person: String,
    /// The shift's name, as sheets write it (白班, 夜班…).
    pub shift: String,
    /// From this day (the time it begins).
    pub from_day: u64,
    /// When it was recorded.
    pub at: u64,
}

/// A trainer's decision on a contested verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The engine was right.
    Uphold,
    /// The engine was wrong: the reply becomes a proposed example.
    Overturn,
}

impl Decision {
    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            Decision::Uphold => "uphold",
            Decision::Overturn => "overturn",
        }
    }
}

/// A review of a contested verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Its id.
    pub id: String,
    /// The contest.
    pub contest: String,
    /// Upheld or overturned.
    pub decision: Decision,
    /// The trainer's note.
    pub note: String,
    /// Who.
    pub by: String,
    /// When.
    pub at: u64,
}

/// A finding with its items and status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRecord {
    /// The finding.
    pub finding: Finding,
    /// Its items, in order.
    pub items: Vec<FindingItem>,
    /// Its status changes, oldest first.
    pub events: Vec<FindingEvent>,
}

impl FindingRecord {
    /// Its status now: the latest change's. Changes in the same second are
    /// ordered by their ids (UUIDv7, made in time order), after the import.
    pub fn status(&self) -> FindingStatus {
        self.events
            .iter()
            .max_by(|a, b| {
                let key = |e: &FindingEvent| (e.at, e.status != FindingStatus::Imported);
                key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
            })
            .map_or(FindingStatus::Imported, |e| e.status)
    }

    /// What the shopper saw about `category`: its failed items.
    pub fn items_for<'a>(
        &'a self,
        category: &'a str,
    ) -> impl Iterator<Item = &'a FindingItem> + 'a {
        self.items.iter().filter(move |i| i.result == ItemResult::Fail && i.category == category)
    }
}

/// A drill with the trainers' actions on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DrillRecord {
    /// The drill.
    pub drill: DrillRow,
    /// Waivers and resumptions, oldest first.
    pub events: Vec<DrillEvent>,
}

impl DrillRecord {
    /// The drill as the schedule sees it, given its finding's status.
    pub fn schedule(&self, finding: FindingStatus) -> courtesy_core::drill::Drill {
        let d = &self.drill;
        courtesy_core::drill::Drill {
            assigned_at: d.assigned_at,
            due_at: d.due_at,
            passes_needed: d.passes_needed,
            escalate_after: d.escalate_after,
            resumed_at: self
                .events
                .iter()
                .filter(|e| e.action == DrillAction::Resume)
                .map(|e| e.at)
                .max(),
            waived: self.events.iter().any(|e| e.action == DrillAction::Waive),
            paused: finding == FindingStatus::Appealed,
            closed: finding == FindingStatus::Closed,
        }
    }

    /// The waiver, if the drill was waived.
    pub fn waiver(&self) -> Option<&DrillEvent> {
        self.events.iter().find(|e| e.action == DrillAction::Waive)
    }
}

/// What an import will store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// The findings with their items.
    pub findings: Vec<(Finding, Vec<FindingItem>)>,
    /// Their `imported` status.
    pub events: Vec<FindingEvent>,
    /// The drills they assign.
    pub drills: Vec<DrillRow>,
    /// Visits with a failed item but no one to drill (no person named, and
    /// no one on the roster at the site and shift), by visit number.
    pub nobody: Vec<String>,
}

/// What an import stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Imported {
    /// Findings stored.
    pub findings: u64,
    /// Findings the records had already (the same firm and visit number).
    pub already: u64,
    /// Drills assigned.
    pub drills: u64,
}

/// The sites at and below `site`.
pub(crate) fn under(site: &str, sites: &[Site]) -> BTreeSet<String> {
    let mut found = BTreeSet::from([site.to_string()]);
    loop {
        let before = found.len();
        for s in sites {
            if s.parent.as_ref().is_some_and(|p| found.contains(p)) {
                found.insert(s.id.clone());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// The shift `person` works on `day`, from the rota.
pub fn shift_on<'a>(person: &str, day: u64, shifts: &'a [ShiftRow]) -> Option<&'a str> {
    shifts
        .iter()
        .filter(|s| s.person == person && s.from_day <= day)
        .max_by_key(|s| (s.from_day, s.at))
        .map(|s| s.shift.as_str())
}

/// Turns a sheet read with `firm`'s mapping into the rows to store,
/// resolving each visit's site and person against the records; every
/// problem, by row, if any visit cannot be stored. `source` names the file.
pub fn plan(
    reading: &Reading,
    firm: &ShopperFirm,
    sites: &[Site],
    people: &[Person],
    shifts: &[ShiftRow],
    source: &str,
    now: u64,
) -> Result<Plan, Vec<RowProblem>> {
    let mut problems = reading.problems.clone();
    let mut out = Plan::default();
    let column = |h: &Option<String>| h.clone();
    // Everything looked up per visit is indexed once, by its normal form:
    // a sheet of 5,000 visits against a roster of 2,000 stays linear.
    let mut site_by_id: HashMap<String, &Site> = HashMap::new();
    let mut sites_by_name: HashMap<String, Vec<&Site>> = HashMap::new();
    for s in sites {
        site_by_id.insert(key(&s.id), s);
        sites_by_name.entry(key(&s.name)).or_default().push(s);
    }
    let by_number: HashMap<String, &Person> =
        people.iter().map(|p| (key(&p.employee_no), p)).collect();
    let mut staff_of: HashMap<String, Vec<&Person>> = HashMap::new();
    for visit in &reading.visits {
        let row = visit.rows[0];
        let wanted = key(&visit.site);
        let site = site_by_id.get(&wanted).copied().or_else(|| {
            sites_by_name.get(&wanted).filter(|named| named.len() == 1).map(|named| named[0])
        });
        let Some(site) = site else {
            problems.push(RowProblem {
                row,
                column: Some(firm.columns.site.clone()),
                problem: Problem::UnknownSite { value: visit.site.clone() },
            });
            continue;
        };
        let staff = staff_of.entry(site.id.clone()).or_insert_with(|| {
            let here = under(&site.id, sites);
            people.iter().filter(|p| p.site.as_ref().is_some_and(|s| here.contains(s))).collect()
        });
        let person = match &visit.person {
            None => None,
            Some(named) => {
                let wanted = key(named);
                if let Some(p) = by_number.get(&wanted) {
                    Some(*p)
                } else {
                    let called: Vec<&&Person> =
                        staff.iter().filter(|p| key(&p.name) == wanted).collect();
                    match called.len() {
                        1 => Some(*called[0]),
                        0 => {
                            problems.push(RowProblem {
                                row,
                                column: column(&firm.columns.person),
                                problem: Problem::UnknownPerson { value: named.clone() },
                            });
                            continue;
                        }
                        n => {
                            problems.push(RowProblem {
                                row,
                                column: column(&firm.columns.person),
                                problem: Problem::AmbiguousPerson {
                                    value: named.clone(),
                                    count: n as u32,
                                },
                            });
                            continue;
                        }
                    }
                }
            }
        };
        let staff = staff.clone();
        let (finding, items) = finding_rows(visit, firm, &site.id, person, source, now);
        out.events.push(FindingEvent {
            id: stable_uuid(&format!("finding-imported:{}", finding.id)),
            finding: finding.id.clone(),
            status: FindingStatus::Imported,
            reason: String::new(),
            by: firm.id.clone(),
            at: now,
        });
        // One drill per failed category, with the skills of its items.
        let mut failed: Vec<(&str, Vec<String>)> = Vec::new();
        for item in items.iter().filter(|i| i.result == ItemResult::Fail) {
            let at = match failed.iter().position(|(c, _)| *c == item.category) {
                Some(at) => at,
                None => {
                    failed.push((item.category.as_str(), Vec::new()));
                    failed.len() - 1
                }
            };
            for skill in &item.skills {
                if !failed[at].1.contains(skill) {
                    failed[at].1.push(skill.clone());
                }
            }
        }
        let targets: Vec<&Person> = match person {
            Some(p) => vec![p],
            None => staff
                .iter()
                .copied()
                .filter(|p| match &visit.shift {
                    Some(shift) => {
                        shift_on(&p.id, visit.day, shifts).is_some_and(|s| key(s) == key(shift))
                    }
                    None => true,
                })
                .collect(),
        };
        if !failed.is_empty() && targets.is_empty() {
            out.nobody.push(visit.number.clone());
        }
        for p in &targets {
            for (category, skills) in &failed {
                out.drills.push(DrillRow {
                    id: stable_uuid(&format!("drill:{}:{}:{category}", finding.id, p.id)),
                    finding: finding.id.clone(),
                    person: p.id.clone(),
                    category: category.to_string(),
                    skills: skills.clone(),
                    assigned_at: now,
                    due_at: now + u64::from(firm.drills.due_days) * DAY,
                    passes_needed: firm.drills.passes_needed,
                    escalate_after: firm.drills.escalate_after,
                });
            }
        }
        out.findings.push((finding, items));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort_by_key(|p| p.row);
        Err(problems)
    }
}

fn finding_rows(
    visit: &Visit,
    firm: &ShopperFirm,
    site: &str,
    person: Option<&Person>,
    source: &str,
    now: u64,
) -> (Finding, Vec<FindingItem>) {
    let id = stable_uuid(&format!("finding:{}:{}", firm.id, visit.number));
    let rows: Vec<String> = visit.rows.iter().map(u32::to_string).collect();
    let items = visit
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| FindingItem {
            id: stable_uuid(&format!("finding-item:{id}:{}", i + 1)),
            finding: id.clone(),
            seq: i as u32 + 1,
            category: item.category.clone(),
            critical: item.critical,
            result: item.result,
            comment: item.comment.clone(),
            skills: item.skills.clone(),
        })
        .collect();
    let finding = Finding {
        id,
        firm: firm.id.clone(),
        visit: visit.number.clone(),
        site: site.to_string(),
        channel: visit.channel,
        person: person.map(|p| p.id.clone()),
        shift: visit.shift.clone(),
        observed_on: visit.day,
        observed_at: visit.time.clone(),
        score_centi: visit.score_centi,
        source: format!("{source} ({})", rows.join(",")),
        imported_at: now,
    };
    (finding, items)
}

impl Finding {
    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.firm.as_str().into(),
            self.visit.as_str().into(),
            self.site.as_str().into(),
            self.channel.key().into(),
            self.person.clone().into(),
            self.shift.clone().into(),
            self.observed_on.into(),
            self.observed_at.clone().into(),
            self.score_centi.into(),
            self.source.as_str().into(),
            self.imported_at.into(),
        ]
    }

    fn from_values(v: &[Value]) -> Finding {
        Finding {
            id: v[0].text(),
            firm: v[1].text(),
            visit: v[2].text(),
            site: v[3].text(),
            channel: Channel::from_key(&v[4].text()).unwrap_or(Channel::Visit),
            person: v[5].opt_text(),
            shift: v[6].opt_text(),
            observed_on: v[7].int() as u64,
            observed_at: v[8].opt_text(),
            score_centi: v[9].opt_int(),
            source: v[10].text(),
            imported_at: v[11].int() as u64,
        }
    }
}

impl FindingItem {
    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.finding.as_str().into(),
            i64::from(self.seq).into(),
            self.category.as_str().into(),
            i64::from(self.critical).into(),
            self.result.key().into(),
            self.comment.as_str().into(),
            to_json(&self.skills).into(),
        ]
    }

    fn from_values(v: &[Value]) -> FindingItem {
        FindingItem {
            id: v[0].text(),
            finding: v[1].text(),
            seq: v[2].int() as u32,
            category: v[3].text(),
            critical: v[4].int() != 0,
            result: ItemResult::from_key(&v[5].text()).unwrap_or(ItemResult::NotApplicable),
            comment: v[6].text(),
            skills: list(&v[7].text()),
        }
    }
}

impl FindingEvent {
    /// A status change made now.
    pub fn new(finding: &str, status: FindingStatus, reason: &str, by: &str) -> FindingEvent {
        FindingEvent {
            id: new_id(),
            finding: finding.to_string(),
            status,
            reason: reason.to_string(),
            by: by.to_string(),
            at: crate::model::now(),
        }
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.finding.as_str().into(),
            self.status.key().into(),
            self.reason.as_str().into(),
            self.by.as_str().into(),
            self.at.into(),
        ]
    }

    fn from_values(v: &[Value]) -> FindingEvent {
        FindingEvent {
            id: v[0].text(),
            finding: v[1].text(),
            status: FindingStatus::from_key(&v[2].text()).unwrap_or(FindingStatus::Imported),
            reason: v[3].text(),
            by: v[4].text(),
            at: v[5].int() as u64,
        }
    }
}

impl DrillRow {
    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.finding.as_str().into(),
            self.person.as_str().into(),
            self.category.as_str().into(),
            to_json(&self.skills).into(),
            self.assigned_at.into(),
            self.due_at.into(),
            i64::from(self.passes_needed).into(),
            i64::from(self.escalate_after).into(),
        ]
    }

    fn from_values(v: &[Value]) -> DrillRow {
        DrillRow {
            id: v[0].text(),
            finding: v[1].text(),
            person: v[2].text(),
            category: v[3].text(),
            skills: list(&v[4].text()),
            assigned_at: v[5].int() as u64,
            due_at: v[6].int() as u64,
            passes_needed: v[7].int() as u32,
            escalate_after: v[8].int() as u32,
        }
    }
}

impl DrillEvent {
    /// A waiver or resumption made now.
    pub fn new(drill: &str, action: DrillAction, reason: &str, by: &str) -> DrillEvent {
        DrillEvent {
            id: new_id(),
            drill: drill.to_string(),
            action,
            reason: reason.to_string(),
            by: by.to_string(),
            at: crate::model::now(),
        }
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.drill.as_str().into(),
            self.action.key().into(),
            self.reason.as_str().into(),
            self.by.as_str().into(),
            self.at.into(),
        ]
    }

    fn from_values(v: &[Value]) -> DrillEvent {
        DrillEvent {
            id: v[0].text(),
            drill: v[1].text(),
            action: if v[2].text() == "resume" { DrillAction::Resume } else { DrillAction::Waive },
            reason: v[3].text(),
            by: v[4].text(),
            at: v[5].int() as u64,
        }
    }
}

impl ShiftRow {
    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.person.as_str().into(),
            self.shift.as_str().into(),
            self.from_day.into(),
            self.at.into(),
        ]
    }

    fn from_values(v: &[Value]) -> ShiftRow {
        ShiftRow {
            id: v[0].text(),
            person: v[1].text(),
            shift: v[2].text(),
            from_day: v[3].int() as u64,
            at: v[4].int() as u64,
        }
    }
}

impl Review {
    /// A decision made now.
    pub fn new(contest: &str, decision: Decision, note: &str, by: &str) -> Review {
        Review {
            id: new_id(),
            contest: contest.to_string(),
            decision,
            note: note.to_string(),
            by: by.to_string(),
            at: crate::model::now(),
        }
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.id.as_str().into(),
            self.contest.as_str().into(),
            self.decision.key().into(),
            self.note.as_str().into(),
            self.by.as_str().into(),
            self.at.into(),
        ]
    }

    fn from_values(v: &[Value]) -> Review {
        Review {
            id: v[0].text(),
            contest: v[1].text(),
            decision: if v[2].text() == "overturn" { Decision::Overturn } else { Decision::Uphold },
            note: v[3].text(),
            by: v[4].text(),
            at: v[5].int() as u64,
        }
    }
}

/// Findings, drills, shifts and reviews, stored through any records
/// backend (one implementation for SQLite and PostgreSQL).
pub trait Findings: RecordStore {
    /// Stores a planned import in one transaction: all of it, or nothing.
    fn import_findings(&mut self, plan: &Plan) -> Result<Imported, RecordError> {
        let mut rows: Vec<(&'static Table, Vec<Value>)> = Vec::new();
        for (finding, items) in &plan.findings {
            rows.push((&FINDINGS, finding.values()));
            rows.extend(items.iter().map(|i| (&FINDING_ITEMS, i.values())));
        }
        rows.extend(plan.events.iter().map(|e| (&FINDING_EVENTS, e.values())));
        rows.extend(plan.drills.iter().map(|d| (&DRILLS, d.values())));
        let inserted = self.insert_rows(&rows)?;
        let mut count = Imported::default();
        for ((table, _), new) in rows.iter().zip(inserted) {
            match (table.name, new) {
                ("findings", true) => count.findings += 1,
                ("findings", false) => count.already += 1,
                ("drills", true) => count.drills += 1,
                _ => {}
            }
        }
        Ok(count)
    }

    /// Every finding with its items and status history, oldest visit first.
    fn findings(&self) -> Result<Vec<FindingRecord>, RecordError> {
        let mut items: HashMap<String, Vec<FindingItem>> = HashMap::new();
        for v in self.select_rows(&FINDING_ITEMS, None, "seq")? {
            let item = FindingItem::from_values(&v);
            items.entry(item.finding.clone()).or_default().push(item);
        }
        let mut events: HashMap<String, Vec<FindingEvent>> = HashMap::new();
        for v in self.select_rows(&FINDING_EVENTS, None, "at")? {
            let event = FindingEvent::from_values(&v);
            events.entry(event.finding.clone()).or_default().push(event);
        }
        Ok(self
            .select_rows(&FINDINGS, None, "observed_on")?
            .iter()
            .map(|v| {
                let finding = Finding::from_values(v);
                FindingRecord {
                    items: items.remove(&finding.id).unwrap_or_default(),
                    events: events.remove(&finding.id).unwrap_or_default(),
                    finding,
                }
            })
            .collect())
    }

    /// One finding, by id.
    fn finding(&self, id: &str) -> Result<Option<FindingRecord>, RecordError> {
        let Some(v) = self.select_rows(&FINDINGS, Some(("id", id.into())), "id")?.pop() else {
            return Ok(None);
        };
        let items = self.select_rows(&FINDING_ITEMS, Some(("finding", id.into())), "seq")?;
        let events = self.select_rows(&FINDING_EVENTS, Some(("finding", id.into())), "at")?;
        Ok(Some(FindingRecord {
            finding: Finding::from_values(&v),
            items: items.iter().map(|v| FindingItem::from_values(v)).collect(),
            events: events.iter().map(|v| FindingEvent::from_values(v)).collect(),
        }))
    }

    /// Records a change of a finding's status.
    fn record_finding_event(&mut self, event: &FindingEvent) -> Result<(), RecordError> {
        self.insert_rows(&[(&FINDING_EVENTS, event.values())]).map(|_| ())
    }

    /// A person's drills (everyone's for none), oldest first, with the
    /// trainers' actions on them.
    fn drills(&self, person: Option<&str>) -> Result<Vec<DrillRecord>, RecordError> {
        let filter = person.map(|p| ("person", Value::from(p)));
        let rows = self.select_rows(&DRILLS, filter, "assigned_at")?;
        let mut events: HashMap<String, Vec<DrillEvent>> = HashMap::new();
        for v in self.select_rows(&DRILL_EVENTS, None, "at")? {
            let event = DrillEvent::from_values(&v);
            events.entry(event.drill.clone()).or_default().push(event);
        }
        Ok(rows
            .iter()
            .map(|v| {
                let drill = DrillRow::from_values(v);
                DrillRecord { events: events.remove(&drill.id).unwrap_or_default(), drill }
            })
            .collect())
    }

    /// Records a trainer's waiver or resumption of a drill.
    fn record_drill_event(&mut self, event: &DrillEvent) -> Result<(), RecordError> {
        self.insert_rows(&[(&DRILL_EVENTS, event.values())]).map(|_| ())
    }

    /// Records the shift a person works from a day on.
    fn add_shift(&mut self, shift: &ShiftRow) -> Result<(), RecordError> {
        self.insert_rows(&[(&SHIFTS, shift.values())]).map(|_| ())
    }

    /// The rota: every shift row, oldest first.
    fn shifts(&self) -> Result<Vec<ShiftRow>, RecordError> {
        Ok(self
            .select_rows(&SHIFTS, None, "at")?
            .iter()
            .map(|v| ShiftRow::from_values(v))
            .collect())
    }

    /// Records a trainer's decision on a contested verdict.
    fn review(&mut self, review: &Review) -> Result<(), RecordError> {
        self.insert_rows(&[(&REVIEWS, review.values())]).map(|_| ())
    }

    /// Every review, oldest first.
    fn reviews(&self) -> Result<Vec<Review>, RecordError> {
        Ok(self.select_rows(&REVIEWS, None, "at")?.iter().map(|v| Review::from_values(v)).collect())
    }
}

impl<T: RecordStore + ?Sized> Findings for T {}

/// A person's drill as the trainee and the trainer see it: where it
/// stands, the finding that caused it and the scenarios that train it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DrillView {
    /// The drill and the trainers' actions on it.
    pub record: DrillRecord,
    /// The finding that assigned it.
    pub finding: FindingRecord,
    /// The finding's site, by name.
    pub site_name: String,
    /// Where it stands.
    pub progress: courtesy_core::drill::DrillProgress,
    /// The scenarios that train it.
    pub scenarios: Vec<String>,
}

impl DrillView {
    /// What the shopper saw about this drill's category (the comments of
    /// its failed items, else the category).
    pub fn seen(&self) -> String {
        let items: Vec<String> = self
            .finding
            .items_for(&self.record.drill.category)
            .map(|i| if i.comment.is_empty() { i.category.clone() } else { i.comment.clone() })
            .collect();
        items.join("；")
    }
}

/// A person's drills at `now`, oldest first (a finding's in the order of
/// its items); `scenarios` gives the scenarios that train a drill.
/// Attempts on those scenarios count as the schedule says
/// ([`courtesy_core::drill`]).
pub fn drill_views(
    store: &(impl Findings + ?Sized),
    person: &str,
    scenarios: &dyn Fn(&DrillRow) -> Vec<String>,
    now: u64,
) -> Result<Vec<DrillView>, RecordError> {
    let drills = store.drills(Some(person))?;
    if drills.is_empty() {
        return Ok(Vec::new());
    }
    let attempts: Vec<courtesy_core::curriculum::Attempt> =
        store.history(person)?.iter().filter_map(|a| a.as_gate_attempt()).collect();
    let sites = store.sites()?;
    let mut findings: HashMap<String, FindingRecord> = HashMap::new();
    let mut views = Vec::with_capacity(drills.len());
    for record in drills {
        let id = record.drill.finding.clone();
        if !findings.contains_key(&id) {
            let Some(f) = store.finding(&id)? else { continue };
            findings.insert(id.clone(), f);
        }
        let finding = findings[&id].clone();
        let scenarios = scenarios(&record.drill);
        let on_it: Vec<_> =
            attempts.iter().filter(|a| scenarios.contains(&a.scenario)).cloned().collect();
        let progress =
            courtesy_core::drill::progress(&record.schedule(finding.status()), &on_it, now);
        let site_name = sites
            .iter()
            .find(|s| s.id == finding.finding.site)
            .map_or_else(|| finding.finding.site.clone(), |s| s.name.clone());
        views.push(DrillView { record, finding, site_name, progress, scenarios });
    }
    let order = |v: &DrillView| {
        let seq = v.finding.items_for(&v.record.drill.category).map(|i| i.seq).min();
        (
            v.record.drill.assigned_at,
            v.finding.finding.observed_on,
            v.finding.finding.id.clone(),
            seq,
        )
    };
    views.sort_by_cached_key(order);
    Ok(views)
}
