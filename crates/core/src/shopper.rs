//! Mystery-shopper findings as a shopper firm delivers them: the column
//! mapping file (`curricula/shoppers/<firm>.ron`) with its checks at
//! file:line:col, and the reading of a sheet, already decoded into cells,
//! into visits with their items. Every problem names its row and column so
//! a trainer can fix the sheet; nothing here touches a file or the records.
//!
//! A sheet has one row per checked item. Rows with the same visit number
//! are one visit; a row whose visit number is empty continues the visit
//! above (as merged cells and hand-filled sheets leave them), and inherits
//! the visit's date, site and the other visit columns it leaves empty.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::curriculum::{DAY, day_start};
use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::drill::DrillPolicy;
use crate::i18n::{Arg, Messages};
use crate::model::Source;

/// How a shopper firm lays out its sheets, and what its words mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopperFirm {
    /// Its id; the file is `<id>.ron`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The worksheet to read (else the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// The sheet's column headings.
    pub columns: Columns,
    /// The firm's word for each channel.
    pub channels: BTreeMap<String, Channel>,
    /// The firm's word for each item result.
    pub results: BTreeMap<String, ItemResult>,
    /// What marks an item critical in the critical column (else it is not).
    #[serde(default = "ShopperFirm::default_critical_marks")]
    pub critical_marks: Vec<String>,
    /// Each of the firm's item categories, and the skills (scenario tags)
    /// a failed item of it drills.
    pub categories: BTreeMap<String, Vec<String>>,
    /// What the drills of its findings ask for.
    #[serde(default)]
    pub drills: DrillPolicy,
    /// The manual clauses its categories follow.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl ShopperFirm {
    fn default_critical_marks() -> Vec<String> {
        ["是", "Y", "yes", "√", "✓", "★", "关键"].map(String::from).to_vec()
    }
}

/// The heading of each column the firm's sheets carry; `None` for a column
/// the firm does not deliver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// The visit (or call) number, shared by the rows of one visit.
    pub visit: String,
    /// The date of the visit.
    pub date: String,
    /// The time of the visit.
    #[serde(default)]
    pub time: Option<String>,
    /// The site, by its name or id in the records.
    pub site: String,
    /// Visit, phone or home call.
    pub channel: String,
    /// The person seen, by employee number or name.
    #[serde(default)]
    pub person: Option<String>,
    /// The shift (as the roster names it).
    #[serde(default)]
    pub shift: Option<String>,
    /// The shopper's score of the visit.
    #[serde(default)]
    pub score: Option<String>,
    /// The item's category.
    pub category: String,
    /// Whether the item is critical.
    #[serde(default)]
    pub critical: Option<String>,
    /// The item's result.
    pub result: String,
    /// What the shopper saw.
    #[serde(default)]
    pub comment: Option<String>,
}

impl Columns {
    /// Every heading, with the field it fills, in sheet order for a template.
    pub fn headings(&self) -> Vec<(Field, &str)> {
        let mut out = vec![(Field::Visit, self.visit.as_str()), (Field::Date, self.date.as_str())];
        out.extend(self.time.as_deref().map(|h| (Field::Time, h)));
        out.push((Field::Site, self.site.as_str()));
        out.push((Field::Channel, self.channel.as_str()));
        out.extend(self.person.as_deref().map(|h| (Field::Person, h)));
        out.extend(self.shift.as_deref().map(|h| (Field::Shift, h)));
        out.extend(self.score.as_deref().map(|h| (Field::Score, h)));
        out.push((Field::Category, self.category.as_str()));
        out.extend(self.critical.as_deref().map(|h| (Field::Critical, h)));
        out.push((Field::Result, self.result.as_str()));
        out.extend(self.comment.as_deref().map(|h| (Field::Comment, h)));
        out
    }
}

/// A column of a findings sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Visit number.
    Visit,
    /// Date.
    Date,
    /// Time.
    Time,
    /// Site.
    Site,
    /// Channel.
    Channel,
    /// Person.
    Person,
    /// Shift.
    Shift,
    /// Score.
    Score,
    /// Category.
    Category,
    /// Critical flag.
    Critical,
    /// Result.
    Result,
    /// Comment.
    Comment,
}

impl Field {
    /// Is it about the visit (the same on every row of it), not the item?
    fn of_visit(self) -> bool {
        matches!(
            self,
            Field::Date
                | Field::Time
                | Field::Site
                | Field::Channel
                | Field::Person
                | Field::Shift
                | Field::Score
        )
    }
}

/// How the shopper met the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// In person, at the site.
    Visit,
    /// On the phone.
    Phone,
    /// At the customer's home.
    HomeCall,
}

impl Channel {
    /// The stable key (records, messages `channel-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Channel::Visit => "visit",
            Channel::Phone => "phone",
            Channel::HomeCall => "home-call",
        }
    }

    /// The channel with this key.
    pub fn from_key(key: &str) -> Option<Channel> {
        [Channel::Visit, Channel::Phone, Channel::HomeCall].into_iter().find(|c| c.key() == key)
    }
}

/// What the shopper found for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemResult {
    /// Done as the manual says.
    Pass,
    /// Not done, or done wrong: it assigns drills.
    Fail,
    /// Did not arise.
    NotApplicable,
}

impl ItemResult {
    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            ItemResult::Pass => "pass",
            ItemResult::Fail => "fail",
            ItemResult::NotApplicable => "n/a",
        }
    }

    /// The result with this key.
    pub fn from_key(key: &str) -> Option<ItemResult> {
        [ItemResult::Pass, ItemResult::Fail, ItemResult::NotApplicable]
            .into_iter()
            .find(|r| r.key() == key)
    }
}

/// Parses a shopper-firm mapping, with diagnostics at line:col.
pub fn parse(file: &SourceFile) -> Result<ShopperFirm, Diagnostic> {
    crate::load::parse(file)
}

/// Parses and checks one mapping file against the skills (scenario tags)
/// that exist: the mapping if it has no error, and every problem found.
pub fn check(file: &SourceFile, skills: &HashSet<&str>) -> (Option<ShopperFirm>, Vec<Diagnostic>) {
    match parse(file) {
        Ok(firm) => {
            let problems = validate(&firm, file, skills);
            let usable = problems.iter().all(|d| !d.is_error());
            (usable.then_some(firm), problems)
        }
        Err(d) => (None, vec![d]),
    }
}

/// Every mapping in `dir` (its `*.ron` files, sorted), checked, and every
/// problem found. A missing folder is no mapping and no problem.
pub fn load_dir(dir: &Path, skills: &HashSet<&str>) -> (Vec<ShopperFirm>, Vec<Diagnostic>) {
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let (files, mut problems) = crate::load::scenario_files(dir);
    let mut found = Vec::new();
    for path in files {
        match crate::diagnostic::read_source(&path) {
            Ok(file) => {
                let (firm, more) = check(&file, skills);
                found.extend(firm);
                problems.extend(more);
            }
            Err(d) => problems.push(d),
        }
    }
    (found, problems)
}

/// Checks a parsed mapping; every problem names its place in the file.
pub fn validate(firm: &ShopperFirm, file: &SourceFile, skills: &HashSet<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let stem = Path::new(&file.path).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if firm.id != stem {
        out.push(
            Diagnostic::at(file, file.find_field("id", &firm.id), Code::FirmIdFilename)
                .arg("id", firm.id.as_str())
                .arg("file", stem),
        );
    }
    let mut headings = HashSet::new();
    for (_, heading) in firm.columns.headings() {
        if !headings.insert(key(heading)) {
            out.push(
                Diagnostic::at(file, file.find_string(heading, 0), Code::DuplicateId)
                    .arg("kind", "column")
                    .arg("id", heading),
            );
        }
    }
    for (what, empty) in [
        ("channels", firm.channels.is_empty()),
        ("results", firm.results.is_empty()),
        ("categories", firm.categories.is_empty()),
    ] {
        if empty {
            out.push(
                Diagnostic::at(file, file.find_string(what, 0), Code::EmptyMapping)
                    .arg("what", what),
            );
        }
    }
    if !firm.results.values().any(|r| *r == ItemResult::Fail) {
        out.push(
            Diagnostic::at(file, file.find_string("results", 0), Code::EmptyMapping)
                .arg("what", "results: Fail"),
        );
    }
    let start = file.text.find("categories").unwrap_or(0);
    for (category, tags) in &firm.categories {
        let at = file.find_string(category, start);
        if tags.is_empty() {
            out.push(Diagnostic::at(file, at, Code::EmptyMapping).arg("what", category.as_str()));
        }
        let from = at.map_or(start, |(s, _)| s);
        for tag in tags {
            if !skills.contains(tag.as_str()) {
                out.push(
                    Diagnostic::at(file, file.find_string(tag, from), Code::UnknownSkill)
                        .arg("skill", tag.as_str())
                        .arg("category", category.as_str()),
                );
            }
        }
    }
    if !firm.drills.is_valid() {
        out.push(
            Diagnostic::at(file, file.find_string("drills", 0), Code::BadDrillPolicy)
                .arg("due", u64::from(firm.drills.due_days))
                .arg("passes", u64::from(firm.drills.passes_needed))
                .arg("escalate", u64::from(firm.drills.escalate_after)),
        );
    }
    out
}

/// One cell as a spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date and time, as a spreadsheet serial (days since 1899-12-30).
    DateTime(f64),
    /// True or false.
    Bool(bool),
    /// An error value (`#REF!`), or a formula whose value was never saved.
    Error(String),
}

/// A sheet decoded into cells, rows top to bottom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The rows; row `i` is the sheet's row `i + 1`.
    pub rows: Vec<Vec<Cell>>,
    /// Merged ranges `(first row, first column, last row, last column)`,
    /// 0-based and inclusive; the value sits in the first cell.
    pub merged: Vec<(usize, usize, usize, usize)>,
}

/// A visit (or call) read from a sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visit {
    /// The firm's visit number.
    pub number: String,
    /// The sheet rows it came from (1-based).
    pub rows: Vec<u32>,
    /// The day, as the time it begins (UTC).
    pub day: u64,
    /// The time of day, `HH:MM`.
    pub time: Option<String>,
    /// The site, as the sheet names it.
    pub site: String,
    /// How the shopper came.
    pub channel: Channel,
    /// The person seen, as the sheet names them.
    pub person: Option<String>,
    /// The shift.
    pub shift: Option<String>,
    /// The shopper's score, in hundredths.
    pub score_centi: Option<i64>,
    /// The items, in sheet order.
    pub items: Vec<Item>,
}

/// One checked item of a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Its sheet row.
    pub row: u32,
    /// The firm's category.
    pub category: String,
    /// Critical to the firm.
    pub critical: bool,
    /// What was found.
    pub result: ItemResult,
    /// What the shopper saw.
    pub comment: String,
    /// The skills it drills if it failed.
    pub skills: Vec<String>,
}

/// Something wrong with a sheet, for the row-by-row report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// The sheet row (1-based; 0 for the sheet as a whole).
    pub row: u32,
    /// The column's heading, if one is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a row or the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// No row within the first 20 carries every heading.
    MissingColumns {
        /// Headings not found.
        missing: Vec<String>,
        /// The headings of the row that came closest.
        found: Vec<String>,
    },
    /// No data below the headings.
    NoRows,
    /// A value the column needs is empty.
    Empty,
    /// Not a date this reader knows.
    BadDate {
        /// The cell.
        value: String,
    },
    /// Not a time of day.
    BadTime {
        /// The cell.
        value: String,
    },
    /// Not a number.
    BadScore {
        /// The cell.
        value: String,
    },
    /// A word the mapping does not list.
    Unknown {
        /// The cell.
        value: String,
        /// The words it lists.
        known: Vec<String>,
    },
    /// An error value, or a formula saved without its value.
    CellError {
        /// The cell.
        value: String,
    },
    /// Two rows of one visit disagree.
    Conflict {
        /// This row's value.
        value: String,
        /// The value of the visit's first row.
        first: String,
        /// That row.
        first_row: u32,
    },
    /// The first row leaves the visit number empty.
    NoVisit,
    /// No site in the records has this name or id.
    UnknownSite {
        /// The cell.
        value: String,
    },
    /// No one on the roster has this employee number, nor this name at the site.
    UnknownPerson {
        /// The cell.
        value: String,
    },
    /// Several people at the site have this name.
    AmbiguousPerson {
        /// The cell.
        value: String,
        /// How many.
        count: u32,
    },
    /// Longer than a cell of this column may be.
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
}

impl RowProblem {
    /// The problem in words: "row 12, 日期: …".
    pub fn message(&self, m: &Messages) -> String {
        let join = |v: &[String]| v.join("、");
        let (key, args): (&str, Vec<(&str, Arg)>) = match &self.problem {
            Problem::MissingColumns { missing, found } => (
                "sheet-missing-columns",
                vec![("missing", join(missing).into()), ("found", join(found).into())],
            ),
            Problem::NoRows => ("sheet-no-rows", vec![]),
            Problem::Empty => ("sheet-empty", vec![]),
            Problem::BadDate { value } => {
                ("sheet-bad-date", vec![("value", value.as_str().into())])
            }
            Problem::BadTime { value } => {
                ("sheet-bad-time", vec![("value", value.as_str().into())])
            }
            Problem::BadScore { value } => {
                ("sheet-bad-score", vec![("value", value.as_str().into())])
            }
            Problem::Unknown { value, known } => (
                "sheet-unknown",
                vec![("value", value.as_str().into()), ("known", join(known).into())],
            ),
            Problem::CellError { value } => {
                ("sheet-cell-error", vec![("value", value.as_str().into())])
            }
            Problem::Conflict { value, first, first_row } => (
                "sheet-conflict",
                vec![
                    ("value", value.as_str().into()),
                    ("first", first.as_str().into()),
                    ("first_row", u64::from(*first_row).into()),
                ],
            ),
            Problem::NoVisit => ("sheet-no-visit", vec![]),
            Problem::UnknownSite { value } => {
                ("sheet-unknown-site", vec![("value", value.as_str().into())])
            }
            Problem::UnknownPerson { value } => {
                ("sheet-unknown-person", vec![("value", value.as_str().into())])
            }
            Problem::AmbiguousPerson { value, count } => (
                "sheet-ambiguous-person",
                vec![("value", value.as_str().into()), ("count", u64::from(*count).into())],
            ),
            Problem::TooLong { chars, max } => (
                "sheet-too-long",
                vec![("chars", (*chars as u64).into()), ("max", (*max as u64).into())],
            ),
        };
        let what = m.format(key, &args);
        let place = match &self.column {
            Some(column) => m.format(
                "sheet-at-column",
                &[("row", u64::from(self.row).into()), ("column", column.as_str().into())],
            ),
            None if self.row > 0 => {
                m.format("sheet-at-row", &[("row", u64::from(self.row).into())])
            }
            None => m.get("sheet-at-sheet"),
        };
        format!("{place}: {what}")
    }
}

/// What a sheet holds: its visits, and every problem found in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reading {
    /// The visits, in the order they first appear.
    pub visits: Vec<Visit>,
    /// Every problem, by row; a sheet with any is imported not at all.
    pub problems: Vec<RowProblem>,
}

/// Longest text a visit, site, person, shift or category cell may hold.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest comment.
pub const MAX_COMMENT_CHARS: usize = 4000;
/// How far down the headings are looked for.
const HEADING_ROWS: usize = 20;

/// Reads a decoded sheet with a firm's mapping.
pub fn read(table: &Table, firm: &ShopperFirm) -> Reading {
    let mut reading = Reading::default();
    let rows = unmerge(table);
    let headings = firm.columns.headings();
    let Some((heading_row, at)) = find_headings(&rows, &headings, &mut reading) else {
        return reading;
    };
    let lookup = Lookup::new(firm);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut first_rows: Vec<HashMap<Field, (String, u32)>> = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(heading_row + 1) {
        let row_no = (i + 1) as u32;
        let cell = |f: Field| at.get(&f).and_then(|&c| row.get(c)).unwrap_or(&Cell::Empty);
        if at.values().all(|&c| matches!(row.get(c), None | Some(Cell::Empty)))
            || at.values().all(|&c| row.get(c).is_none_or(|x| text(x).is_empty()))
        {
            continue;
        }
        let mut problems = Vec::new();
        let heading = |f: Field| headings.iter().find(|(h, _)| *h == f).map(|(_, t)| t.to_string());
        let mut problem = |f: Field, p: Problem| {
            problems.push(RowProblem { row: row_no, column: heading(f), problem: p })
        };
        // Cells the spreadsheet itself marks as broken.
        for (&f, &c) in &at {
            if let Some(Cell::Error(e)) = row.get(c) {
                problem(f, Problem::CellError { value: e.clone() });
            }
        }
        let number = clean(&text(cell(Field::Visit)));
        let visit = if number.is_empty() {
            match current {
                Some(v) => v,
                None => {
                    problem(Field::Visit, Problem::NoVisit);
                    reading.problems.append(&mut problems);
                    continue;
                }
            }
        } else if let Some(&v) = index.get(&number) {
            v
        } else {
            usize::MAX
        };
        current = (visit != usize::MAX).then_some(visit).or(current);
        // The visit's own columns: read them, or inherit them when empty.
        let mut values: HashMap<Field, String> = HashMap::new();
        for &(f, _) in headings.iter().filter(|(f, _)| f.of_visit()) {
            let value = match cell(f) {
                Cell::DateTime(serial) if f == Field::Date || f == Field::Time => {
                    format!("#serial:{serial}")
                }
                Cell::Number(n) if f == Field::Time && (0.0..1.0).contains(n) => {
                    format!("#serial:{n}")
                }
                Cell::Number(n) if f == Field::Date && *n > 1.0 => format!("#serial:{n}"),
                c => clean(&text(c)),
            };
            if value.chars().count() > MAX_NAME_CHARS {
                problem(f, Problem::TooLong { chars: value.chars().count(), max: MAX_NAME_CHARS });
                continue;
            }
            if !value.is_empty() {
                values.insert(f, value);
            }
        }
        let visit = if visit == usize::MAX {
            let v = new_visit(&number, row_no, &values, &lookup, &mut problem);
            index.insert(number.clone(), reading.visits.len());
            current = Some(reading.visits.len());
            reading.visits.push(v);
            first_rows.push(values.iter().map(|(f, v)| (*f, (v.clone(), row_no))).collect());
            reading.visits.len() - 1
        } else {
            let firsts = &mut first_rows[visit];
            for (f, v) in &values {
                match firsts.get(f) {
                    Some((first, first_row)) if key(first) != key(v) => problem(
                        *f,
                        Problem::Conflict {
                            value: shown(v),
                            first: shown(first),
                            first_row: *first_row,
                        },
                    ),
                    Some(_) => {}
                    None => {
                        firsts.insert(*f, (v.clone(), row_no));
                    }
                }
            }
            reading.visits[visit].rows.push(row_no);
            visit
        };
        if let Some(item) = read_item(row_no, &cell, &lookup, &mut problem) {
            reading.visits[visit].items.push(item);
        }
        reading.problems.append(&mut problems);
    }
    if reading.visits.is_empty() && reading.problems.is_empty() {
        reading.problems.push(RowProblem {
            row: (heading_row + 1) as u32,
            column: None,
            problem: Problem::NoRows,
        });
    }
    reading.problems.sort_by_key(|p| p.row);
    reading
}

/// The rows with every merged range's value copied into each of its cells.
fn unmerge(table: &Table) -> Vec<Vec<Cell>> {
    let mut rows = table.rows.clone();
    for &(r0, c0, r1, c1) in &table.merged {
        let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else { continue };
        for row in rows.iter_mut().take(r1.saturating_add(1)).skip(r0) {
            if row.len() <= c1 && c1 < 1024 {
                row.resize(c1 + 1, Cell::Empty);
            }
            for cell in row.iter_mut().take(c1.saturating_add(1)).skip(c0) {
                *cell = value.clone();
            }
        }
    }
    rows
}

/// The row of headings and the column of each field.
fn find_headings(
    rows: &[Vec<Cell>],
    headings: &[(Field, &str)],
    reading: &mut Reading,
) -> Option<(usize, HashMap<Field, usize>)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate().take(HEADING_ROWS) {
        let names: Vec<String> = row.iter().map(|c| key(&text(c))).collect();
        let mut at = HashMap::new();
        for &(f, h) in headings {
            if let Some(c) = names.iter().position(|n| *n == key(h)) {
                at.insert(f, c);
            }
        }
        if at.len() == headings.len() {
            return Some((i, at));
        }
        if best.is_none_or(|(n, _)| at.len() > n) {
            best = Some((at.len(), i));
        }
    }
    let row = best.map_or(0, |(_, i)| i);
    let found: Vec<String> = rows
        .get(row)
        .map(|r| r.iter().map(|c| clean(&text(c))).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default();
    let found_keys: HashSet<String> = found.iter().map(|f| key(f)).collect();
    let missing = headings
        .iter()
        .filter(|(_, h)| !found_keys.contains(&key(h)))
        .map(|(_, h)| h.to_string())
        .collect();
    reading.problems.push(RowProblem {
        row: if rows.is_empty() { 0 } else { row as u32 + 1 },
        column: None,
        problem: Problem::MissingColumns {
            missing,
            found: found.iter().map(|f| shown(f)).collect(),
        },
    });
    None
}

/// The mapping's words, looked up by their normal form.
struct Lookup<'a> {
    firm: &'a ShopperFirm,
    channels: HashMap<String, Channel>,
    results: HashMap<String, ItemResult>,
    categories: HashMap<String, (&'a str, &'a [String])>,
    critical: HashSet<String>,
}

impl<'a> Lookup<'a> {
    fn new(firm: &'a ShopperFirm) -> Self {
        Lookup {
            firm,
            channels: firm.channels.iter().map(|(k, v)| (key(k), *v)).collect(),
            results: firm.results.iter().map(|(k, v)| (key(k), *v)).collect(),
            categories: firm
                .categories
                .iter()
                .map(|(k, v)| (key(k), (k.as_str(), v.as_slice())))
                .collect(),
            critical: firm.critical_marks.iter().map(|k| key(k)).collect(),
        }
    }
}

fn new_visit(
    number: &str,
    row: u32,
    values: &HashMap<Field, String>,
    lookup: &Lookup,
    problem: &mut impl FnMut(Field, Problem),
) -> Visit {
    let get = |f: Field| values.get(&f).cloned();
    let need = |f: Field, problem: &mut dyn FnMut(Field, Problem)| {
        let v = get(f);
        if v.is_none() {
            problem(f, Problem::Empty);
        }
        v.unwrap_or_default()
    };
    let date = need(Field::Date, problem);
    let (day, time_in_date) = if date.is_empty() {
        (0, None)
    } else {
        parse_date_cell(&date).unwrap_or_else(|| {
            problem(Field::Date, Problem::BadDate { value: shown(&date) });
            (0, None)
        })
    };
    let time = match get(Field::Time) {
        Some(t) => parse_time_cell(&t).or_else(|| {
            problem(Field::Time, Problem::BadTime { value: shown(&t) });
            None
        }),
        None => time_in_date,
    };
    let site = need(Field::Site, problem);
    let channel_word = need(Field::Channel, problem);
    let channel = lookup.channels.get(&key(&channel_word)).copied().unwrap_or_else(|| {
        if !channel_word.is_empty() {
            problem(
                Field::Channel,
                Problem::Unknown {
                    value: shown(&channel_word),
                    known: lookup.firm.channels.keys().cloned().collect(),
                },
            );
        }
        Channel::Visit
    });
    let score_centi = get(Field::Score).and_then(|s| {
        let number = s.trim_end_matches(['分', '%', ' ']);
        match number.parse::<f64>() {
            Ok(x) if x.is_finite() && (0.0..=1.0e6).contains(&x) => {
                Some((x * 100.0).round() as i64)
            }
            _ => {
                problem(Field::Score, Problem::BadScore { value: shown(&s) });
                None
            }
        }
    });
    Visit {
        number: number.to_string(),
        rows: vec![row],
        day,
        time,
        site,
        channel,
        person: get(Field::Person),
        shift: get(Field::Shift),
        score_centi,
        items: Vec::new(),
    }
}

fn read_item<'c>(
    row: u32,
    cell: &impl Fn(Field) -> &'c Cell,
    lookup: &Lookup,
    problem: &mut impl FnMut(Field, Problem),
) -> Option<Item> {
    let category = clean(&text(cell(Field::Category)));
    let result = clean(&text(cell(Field::Result)));
    let critical = clean(&text(cell(Field::Critical)));
    let comment = clean(&text(cell(Field::Comment)));
    let mut ok = true;
    for (f, v) in [(Field::Category, &category), (Field::Result, &result)] {
        if v.is_empty() {
            problem(f, Problem::Empty);
            ok = false;
        } else if v.chars().count() > MAX_NAME_CHARS {
            problem(f, Problem::TooLong { chars: v.chars().count(), max: MAX_NAME_CHARS });
            ok = false;
        }
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        problem(
            Field::Comment,
            Problem::TooLong { chars: comment.chars().count(), max: MAX_COMMENT_CHARS },
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let Some(&(category_name, skills)) = lookup.categories.get(&key(&category)) else {
        problem(
            Field::Category,
            Problem::Unknown {
                value: shown(&category),
                known: lookup.firm.categories.keys().cloned().collect(),
            },
        );
        return None;
    };
    let Some(&result) = lookup.results.get(&key(&result)) else {
        problem(
            Field::Result,
            Problem::Unknown {
                value: shown(&result),
                known: lookup.firm.results.keys().cloned().collect(),
            },
        );
        return None;
    };
    Some(Item {
        row,
        category: category_name.to_string(),
        critical: lookup.critical.contains(&key(&critical)),
        result,
        comment,
        skills: skills.to_vec(),
    })
}

/// A cell as text, the way a person reads it in the sheet.
fn text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
        Cell::Number(n) => n.to_string(),
        Cell::DateTime(serial) => match serial_to_time(*serial) {
            Some((day, time)) => match time {
                Some(t) => format!("{} {t}", crate::curriculum::date(day)),
                None => crate::curriculum::date(day),
            },
            None => serial.to_string(),
        },
        Cell::Bool(b) => b.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

/// Text with control, bidirectional and zero-width characters removed (a
/// line break in a comment stays), and the ends trimmed.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || !(c.is_control() || invisible(c)))
        .collect::<String>()
        .trim()
        .to_string()
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// The form two words are compared in: width and compatibility forms
/// folded, spaces and invisible characters dropped, letters lower-cased.
pub fn key(text: &str) -> String {
    clean(text).nfkc().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A value as a report shows it: at most 40 characters.
pub fn shown(text: &str) -> String {
    let text = text.strip_prefix("#serial:").unwrap_or(text);
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// A spreadsheet serial date (days since 1899-12-30) as the day it falls
/// on and its time of day, if it has one.
fn serial_to_time(serial: f64) -> Option<(u64, Option<String>)> {
    if !serial.is_finite() || !(25_569.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor();
    let day = (days as u64 - 25_569) * DAY;
    let minutes = ((serial - days) * 1440.0).round() as u64;
    let time =
        (minutes > 0 && minutes < 1440).then(|| format!("{:02}:{:02}", minutes / 60, minutes % 60));
    Some((day, time))
}

/// A date cell: `2026-11-03`, `2026/11/3`, `2026.11.3`, `2026年11月3日`,
/// each with an optional time after it, or a spreadsheet date.
fn parse_date_cell(value: &str) -> Option<(u64, Option<String>)> {
    if let Some(serial) = value.strip_prefix("#serial:") {
        return serial.parse().ok().and_then(serial_to_time);
    }
    let value: String = value.nfkc().collect();
    let unified: String = value
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            '日' | '号' => ' ',
            'T' => ' ',
            c => c,
        })
        .collect();
    let mut parts = unified.split_whitespace();
    let date = parts.next()?;
    let mut ymd = date.split('-');
    let year = ymd.next()?;
    if year.len() != 4 {
        return None;
    }
    let year: i64 = year.parse().ok()?;
    let month: u32 = ymd.next()?.parse().ok()?;
    let day: u32 = ymd.next().filter(|d| !d.is_empty())?.parse().ok()?;
    if ymd.next().is_some_and(|rest| !rest.is_empty()) {
        return None;
    }
    let start = day_start(year, month, day)?;
    let time = match parts.next() {
        Some(t) => Some(parse_time_cell(t)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((start, time))
}

/// A time cell: `14:10`, `14:10:00`, `14点10分`, or a fraction of a day.
fn parse_time_cell(value: &str) -> Option<String> {
    if let Some(serial) = value.strip_prefix("#serial:") {
        let x: f64 = serial.parse().ok()?;
        let minutes = ((x.fract()) * 1440.0).round() as u64;
        return (minutes < 1440).then(|| format!("{:02}:{:02}", minutes / 60, minutes % 60));
    }
    let value: String =
        value.nfkc().map(|c| if c == '点' || c == '时' { ':' } else { c }).collect();
    let value = value.trim_end_matches('分');
    let mut parts = value.split(':');
    let hour: u32 = parts.next()?.trim().parse().ok()?;
    let minute: u32 = parts.next().map_or(Some(0), |m| m.trim().parse().ok())?;
    if let Some(seconds) = parts.next() {
        let s: u32 = seconds.trim().parse().ok()?;
        if s > 59 {
            return None;
        }
    }
    (hour < 24 && minute < 60 && parts.next().is_none()).then(|| format!("{hour:02}:{minute:02}"))
}

#[cfg(test)]
mod tests;
