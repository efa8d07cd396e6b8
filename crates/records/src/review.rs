//! The review queue: each contested verdict with the turn it doubts, and
//! the trainer's decision on it. An overturned verdict becomes a proposed
//! `Example` for the scenario (the reply, expecting the verdict the trainer
//! gave), and agreement between trainers and the engine is counted by
//! month.

use serde::Serialize;

use courtesy_core::model::Example;
use courtesy_core::{Messages, Verdict};

use crate::columns::mode_of;
use crate::findings::{Decision, Findings, Review};
use crate::model::{AttemptStart, Contest, Person, TurnRow};
use crate::store::RecordError;
use crate::sync::{ATTEMPTS, Value};

/// A contested verdict as a trainer reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContestView {
    /// The contest.
    pub contest: Contest,
    /// The attempt it is about.
    pub attempt: AttemptStart,
    /// Who played, if on the roster.
    pub person: Option<Person>,
    /// The turn whose verdict is doubted (none if it was never committed).
    pub turn: Option<TurnRow>,
    /// The trainer's decision, once made.
    pub review: Option<Review>,
}

impl ContestView {
    /// Has a trainer decided on it?
    pub fn is_open(&self) -> bool {
        self.review.is_none()
    }

    /// The contest in words, the same on the terminal and in the game: its
    /// heading (id, date, who, `title`, turn), the turn doubted, the
    /// trainee's comment and the decision, each when there is one.
    pub fn lines(&self, m: &Messages, title: &str) -> Vec<String> {
        let who = self
            .person
            .as_ref()
            .map(|p| format!("{} ({})", p.name, p.employee_no))
            .or_else(|| self.attempt.trainee_name.clone())
            .unwrap_or_default();
        let mut lines = vec![m.format(
            "review-head",
            &[
                ("id", self.contest.id[..8.min(self.contest.id.len())].into()),
                ("date", courtesy_core::curriculum::date(self.contest.at).into()),
                ("who", who.into()),
                ("scenario", title.into()),
                ("turn", self.contest.turn.into()),
            ],
        )];
        if let Some(t) = &self.turn {
            lines.push(m.format(
                "review-turn",
                &[
                    ("reply", t.reply.as_str().into()),
                    ("verdict", m.verdict(t.verdict).into()),
                    ("missed", t.missed.join(", ").into()),
                    ("hits", t.hits.join(", ").into()),
                ],
            ));
        }
        if !self.contest.comment.is_empty() {
            lines.push(
                m.format("review-comment", &[("comment", self.contest.comment.as_str().into())]),
            );
        }
        if let Some(r) = &self.review {
            lines.push(m.format(
                &format!("review-{}", r.decision.key()),
                &[("by", r.by.as_str().into()), ("note", r.note.as_str().into())],
            ));
        }
        lines
    }

    /// The example an overturned verdict proposes: the reply, expecting the
    /// verdict the engine did not give, with the review it came from.
    pub fn proposed_example(&self) -> Option<Example> {
        let review = self.review.as_ref().filter(|r| r.decision == Decision::Overturn)?;
        let turn = self.turn.as_ref()?;
        let node = turn.node.clone()?;
        let expect = match turn.verdict {
            Verdict::Pass => Verdict::Fail,
            Verdict::Fail => Verdict::Pass,
        };
        let mut note = format!(
            "{} {} {}",
            &self.contest.id[..8.min(self.contest.id.len())],
            courtesy_core::curriculum::date(review.at),
            review.by
        );
        if !review.note.is_empty() {
            note.push_str(": ");
            note.push_str(&review.note);
        }
        Some(Example {
            node,
            reply: turn.reply.clone(),
            expect,
            hits: Vec::new(),
            near_miss: false,
            review: Some(note),
        })
    }
}

/// Every contest with its turn and review, oldest first.
pub fn contest_views(store: &(impl Findings + ?Sized)) -> Result<Vec<ContestView>, RecordError> {
    let reviews = store.reviews()?;
    let people = store.people()?;
    let mut views = Vec::new();
    for contest in store.contests()? {
        let Some(row) = store
            .select_rows(&ATTEMPTS, Some(("id", Value::from(contest.attempt.as_str()))), "id")?
            .pop()
        else {
            continue;
        };
        let attempt = AttemptStart {
            id: row[0].text(),
            person: row[1].opt_text(),
            trainee_name: row[2].opt_text(),
            scenario: row[3].text(),
            scenario_hash: row[4].text(),
            mode: mode_of(&row[5].text()),
            assignment: row[6].opt_text(),
            seed: row[7].int() as u64,
            session: row[8].text(),
            started_at: row[9].int() as u64,
        };
        let turn = store.turns(&attempt.id)?.into_iter().find(|t| t.number == contest.turn);
        let person =
            attempt.person.as_ref().and_then(|id| people.iter().find(|p| &p.id == id)).cloned();
        let review = reviews.iter().rev().find(|r| r.contest == contest.id).cloned();
        views.push(ContestView { contest, attempt, person, turn, review });
    }
    Ok(views)
}

/// Agreement between trainers and the engine in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// `YYYY-MM`.
    pub month: String,
    /// Contests reviewed that month.
    pub reviewed: u32,
    /// Of them, upheld (the engine was right).
    pub upheld: u32,
}

impl Agreement {
    /// Upheld as a share of reviewed, 0 to 100.
    pub fn percent(&self) -> u32 {
        (self.upheld * 100).checked_div(self.reviewed).unwrap_or(0)
    }
}

/// Agreement by month of review, oldest first.
pub fn agreement(views: &[ContestView]) -> Vec<Agreement> {
    let mut months: Vec<Agreement> = Vec::new();
    let mut reviewed: Vec<&Review> = views.iter().filter_map(|v| v.review.as_ref()).collect();
    reviewed.sort_by_key(|r| r.at);
    for r in reviewed {
        let month = courtesy_core::curriculum::date(r.at)[..7].to_string();
        if months.last().is_none_or(|m| m.month != month) {
            months.push(Agreement { month, reviewed: 0, upheld: 0 });
        }
        let m = months.last_mut().expect("pushed above");
        m.reviewed += 1;
        m.upheld += u32::from(r.decision == Decision::Uphold);
    }
    months
}
