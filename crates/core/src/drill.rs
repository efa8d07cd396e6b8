//! Refresher drills: the pure rules that schedule a drill a mystery-shopper
//! finding assigned, from the attempts a person played on the drill's
//! skill. No storage here: the records crate keeps drills and attempts, this
//! module says where each drill stands.
//!
//! # The schedule (docs/drills.md)
//!
//! A drill is passed when its skill's scenarios are passed **in exam mode on
//! `passes_needed` separate days**, each counting day at least a spacing
//! interval after the one before: 1 day, then 3, 7 and 14 (a Leitner-style
//! ladder; a pass sooner than the interval is practice and does not count).
//! A failed exam starts the count again. After `escalate_after` failed exams
//! in a row the drill is **escalated**: the trainee is no longer drilled and
//! the trainer is asked to coach; a trainer who resumes the drill clears the
//! failures. Practice attempts never count and never escalate.

use serde::{Deserialize, Serialize};

use crate::curriculum::{Attempt, DAY};
use crate::play::Mode;

/// Days between counting passes: after the n-th counting day, the next
/// counts from `SPACING_DAYS[n - 1]` days later (the last value repeats).
pub const SPACING_DAYS: [u64; 4] = [1, 3, 7, 14];

/// What a finding's drills ask for, set per shopper firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrillPolicy {
    /// Days from the import to the due date.
    #[serde(default = "DrillPolicy::default_due_days")]
    pub due_days: u32,
    /// Separate days with a passed exam the drill needs.
    #[serde(default = "DrillPolicy::default_passes")]
    pub passes_needed: u32,
    /// Failed exams in a row before the trainer is asked to step in.
    #[serde(default = "DrillPolicy::default_escalate")]
    pub escalate_after: u32,
}

impl DrillPolicy {
    fn default_due_days() -> u32 {
        14
    }
    fn default_passes() -> u32 {
        2
    }
    fn default_escalate() -> u32 {
        3
    }

    /// Is the policy usable? (Every number above zero.)
    pub fn is_valid(&self) -> bool {
        self.due_days > 0 && self.passes_needed > 0 && self.escalate_after > 0
    }
}

impl Default for DrillPolicy {
    fn default() -> Self {
        DrillPolicy {
            due_days: Self::default_due_days(),
            passes_needed: Self::default_passes(),
            escalate_after: Self::default_escalate(),
        }
    }
}

/// A drill as the schedule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drill {
    /// When it was assigned; earlier attempts do not count.
    pub assigned_at: u64,
    /// When it is due.
    pub due_at: u64,
    /// Separate days with a passed exam it needs.
    pub passes_needed: u32,
    /// Failed exams in a row before it is escalated.
    pub escalate_after: u32,
    /// When a trainer last resumed it after an escalation.
    pub resumed_at: Option<u64>,
    /// A trainer waived it.
    pub waived: bool,
    /// Its finding is under appeal.
    pub paused: bool,
    /// Its finding is closed.
    pub closed: bool,
}

/// Where a drill stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DrillState {
    /// An exam may be played now, and would count.
    Due,
    /// Passed today (or too recently): the next counting exam opens later.
    Resting,
    /// Not passed by the due date.
    Overdue,
    /// Failed too often: the trainer coaches before it goes on.
    Escalated,
    /// Its finding is under appeal; nothing is asked meanwhile.
    Paused,
    /// Passed on enough separate days.
    Passed,
    /// Waived by a trainer.
    Waived,
    /// Its finding was closed before the drill was passed.
    Closed,
}

impl DrillState {
    /// The stable key (records, JSON, messages `drill-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            DrillState::Due => "due",
            DrillState::Resting => "resting",
            DrillState::Overdue => "overdue",
            DrillState::Escalated => "escalated",
            DrillState::Paused => "paused",
            DrillState::Passed => "passed",
            DrillState::Waived => "waived",
            DrillState::Closed => "closed",
        }
    }

    /// Does the trainee still have something to do?
    pub fn is_open(self) -> bool {
        matches!(self, DrillState::Due | DrillState::Resting | DrillState::Overdue)
    }
}

/// A drill's state and the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DrillProgress {
    /// Where it stands.
    pub state: DrillState,
    /// Separate counting days so far.
    pub passed_days: u32,
    /// Counting days needed.
    pub needed: u32,
    /// Failed exams in a row (since the last resume).
    pub failures_in_a_row: u32,
    /// When the next exam counts, if a counting day has been earned.
    pub next_at: Option<u64>,
    /// When it was passed.
    pub passed_at: Option<u64>,
}

/// Where `drill` stands at `now`, from the attempts on its skill's
/// scenarios (any order; only exams finished after it was assigned count).
pub fn progress(drill: &Drill, attempts: &[Attempt], now: u64) -> DrillProgress {
    let mut exams: Vec<&Attempt> = attempts
        .iter()
        .filter(|a| a.mode == Mode::Exam && a.finished_at >= drill.assigned_at)
        .collect();
    exams.sort_by_key(|a| a.finished_at);
    let resumed = drill.resumed_at.unwrap_or(0);
    let (mut days, mut last_day, mut failures) = (0u32, 0u64, 0u32);
    let mut passed_at = None;
    for a in exams {
        let day = a.finished_at / DAY;
        if a.passed && !a.critical_miss {
            failures = 0;
            if days == 0 || day >= last_day + spacing(days) {
                days += 1;
                last_day = day;
            }
            if days >= drill.passes_needed {
                passed_at = Some(a.finished_at);
                break;
            }
        } else {
            days = 0;
            if a.finished_at >= resumed {
                failures += 1;
            }
        }
    }
    let next_at = (days > 0 && passed_at.is_none()).then(|| (last_day + spacing(days)) * DAY);
    let escalated = drill.escalate_after > 0 && failures >= drill.escalate_after;
    let state = if passed_at.is_some() {
        DrillState::Passed
    } else if drill.waived {
        DrillState::Waived
    } else if drill.closed {
        DrillState::Closed
    } else if drill.paused {
        DrillState::Paused
    } else if escalated {
        DrillState::Escalated
    } else if now > drill.due_at {
        DrillState::Overdue
    } else if next_at.is_some_and(|t| t > now) {
        DrillState::Resting
    } else {
        DrillState::Due
    };
    DrillProgress {
        state,
        passed_days: days,
        needed: drill.passes_needed,
        failures_in_a_row: failures,
        next_at,
        passed_at,
    }
}

/// The scenarios that train a drill: of those tagged with its skills
/// (`tagged`, in library order), the ones in `preferred` (the person's own
/// curricula) if any are, else all of them.
pub fn scenarios_for<'a>(
    tagged: Vec<&'a str>,
    preferred: &std::collections::HashSet<&str>,
) -> Vec<&'a str> {
    let own: Vec<&str> = tagged.iter().copied().filter(|s| preferred.contains(s)).collect();
    if own.is_empty() { tagged } else { own }
}

/// Days after the `n`-th counting day before the next one counts.
fn spacing(n: u32) -> u64 {
    let i = (n.max(1) as usize - 1).min(SPACING_DAYS.len() - 1);
    SPACING_DAYS[i]
}

/// A drill in words, the same on the terminal and in the game.
pub mod words {
    use super::{DrillProgress, DrillState};
    use crate::curriculum::date;
    use crate::i18n::Messages;
    use crate::shopper::Channel;

    /// Where the drill stands: "待练（0/2 天）".
    pub fn state(m: &Messages, p: &DrillProgress) -> String {
        let key = format!("drill-{}", p.state.key());
        let next = p.next_at.map_or_else(String::new, date);
        m.format(
            &key,
            &[
                ("done", u64::from(p.passed_days).into()),
                ("needed", u64::from(p.needed).into()),
                ("next", next.into()),
                ("failures", u64::from(p.failures_in_a_row).into()),
            ],
        )
    }

    /// "复训“岗位纪律”：待练（0/2 天），截止 2025-11-22" (`what` is the
    /// shopper firm's category).
    pub fn line(m: &Messages, what: &str, p: &DrillProgress, due_at: u64) -> String {
        m.format(
            "drill-line",
            &[("skill", what.into()), ("state", state(m, p).into()), ("due", date(due_at).into())],
        )
    }

    /// What the shopper saw: "2025-11-03 14:10 阳光花园 到访：…".
    pub fn seen(
        m: &Messages,
        day: u64,
        time: Option<&str>,
        site: &str,
        channel: Channel,
        comment: &str,
    ) -> String {
        m.format(
            "drill-seen",
            &[
                ("date", date(day).into()),
                ("time", time.unwrap_or("").into()),
                ("site", site.into()),
                ("channel", m.get(&format!("channel-{}", channel.key())).into()),
                ("comment", comment.into()),
            ],
        )
    }

    /// Is the drill's state worth a warning colour?
    pub fn is_alarming(state: DrillState) -> bool {
        matches!(state, DrillState::Overdue | DrillState::Escalated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: u64 = 20_000 * DAY; // 2024-10-04, midnight UTC

    fn drill() -> Drill {
        Drill {
            assigned_at: T0,
            due_at: T0 + 14 * DAY,
            passes_needed: 2,
            escalate_after: 3,
            resumed_at: None,
            waived: false,
            paused: false,
            closed: false,
        }
    }

    fn exam(day: u64, hour: u64, passed: bool) -> Attempt {
        Attempt {
            scenario: "gate-guard-asleep".into(),
            mode: Mode::Exam,
            score: if passed { 90 } else { 40 },
            passed,
            critical_miss: false,
            finished_at: T0 + day * DAY + hour * 3600,
        }
    }

    #[test]
    fn a_new_drill_is_due_and_counts_nothing() {
        let p = progress(&drill(), &[], T0 + 60);
        assert_eq!(p.state, DrillState::Due);
        assert_eq!((p.passed_days, p.needed, p.next_at), (0, 2, None));
    }

    #[test]
    fn two_passes_on_one_day_count_once_and_the_next_opens_a_day_later() {
        let attempts = [exam(0, 9, true), exam(0, 15, true)];
        let p = progress(&drill(), &attempts, T0 + 16 * 3600);
        assert_eq!(p.state, DrillState::Resting);
        assert_eq!(p.passed_days, 1);
        assert_eq!(p.next_at, Some(T0 + DAY));
        // The next day it is due again, and a pass then completes it.
        assert_eq!(progress(&drill(), &attempts, T0 + DAY + 60).state, DrillState::Due);
        let done = [exam(0, 9, true), exam(1, 9, true)];
        let p = progress(&drill(), &done, T0 + DAY + 10 * 3600);
        assert_eq!(p.state, DrillState::Passed);
        assert_eq!(p.passed_at, Some(T0 + DAY + 9 * 3600));
    }

    #[test]
    fn the_third_counting_day_waits_three_days() {
        let d = Drill { passes_needed: 3, ..drill() };
        let attempts = [exam(0, 9, true), exam(1, 9, true), exam(2, 9, true)];
        let p = progress(&d, &attempts, T0 + 2 * DAY + 10 * 3600);
        assert_eq!((p.state, p.passed_days), (DrillState::Resting, 2));
        assert_eq!(p.next_at, Some(T0 + 4 * DAY));
        let attempts = [exam(0, 9, true), exam(1, 9, true), exam(4, 9, true)];
        assert_eq!(progress(&d, &attempts, T0 + 5 * DAY).state, DrillState::Passed);
    }

    #[test]
    fn a_failed_exam_starts_the_count_again() {
        let attempts = [exam(0, 9, true), exam(1, 9, false), exam(2, 9, true)];
        let p = progress(&drill(), &attempts, T0 + 2 * DAY + 10 * 3600);
        assert_eq!((p.state, p.passed_days), (DrillState::Resting, 1));
    }

    #[test]
    fn practice_and_attempts_before_the_finding_do_not_count() {
        let mut practice = exam(0, 9, true);
        practice.mode = Mode::Practice;
        let mut before = exam(0, 0, true);
        before.finished_at = T0 - DAY;
        let p = progress(&drill(), &[practice, before], T0 + DAY);
        assert_eq!((p.state, p.passed_days), (DrillState::Due, 0));
    }

    #[test]
    fn failing_again_and_again_escalates_until_a_trainer_resumes() {
        let attempts = [exam(0, 9, false), exam(0, 10, false), exam(1, 9, false)];
        let p = progress(&drill(), &attempts, T0 + DAY + 10 * 3600);
        assert_eq!((p.state, p.failures_in_a_row), (DrillState::Escalated, 3));
        let resumed = Drill { resumed_at: Some(T0 + DAY + 11 * 3600), ..drill() };
        let p = progress(&resumed, &attempts, T0 + DAY + 12 * 3600);
        assert_eq!((p.state, p.failures_in_a_row), (DrillState::Due, 0));
    }

    #[test]
    fn overdue_waived_paused_and_closed() {
        let late = T0 + 15 * DAY;
        assert_eq!(progress(&drill(), &[], late).state, DrillState::Overdue);
        let waived = Drill { waived: true, ..drill() };
        assert_eq!(progress(&waived, &[], late).state, DrillState::Waived);
        let paused = Drill { paused: true, ..drill() };
        assert_eq!(progress(&paused, &[], T0).state, DrillState::Paused);
        let closed = Drill { closed: true, ..drill() };
        assert_eq!(progress(&closed, &[], T0).state, DrillState::Closed);
        // A drill passed before its finding was closed stays passed.
        let done = [exam(0, 9, true), exam(1, 9, true)];
        assert_eq!(progress(&closed, &done, late).state, DrillState::Passed);
    }

    #[test]
    fn a_pass_with_a_critical_miss_is_a_failure() {
        let mut a = exam(0, 9, true);
        a.critical_miss = true;
        let p = progress(&drill(), &[a], T0 + DAY);
        assert_eq!((p.passed_days, p.failures_in_a_row), (0, 1));
    }
}
