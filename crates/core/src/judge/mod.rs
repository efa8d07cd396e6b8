//! Judging a turn, in three steps (after [`pattern`] has expanded the
//! trainers' phrase patterns): [`text`] normalises a reply (and keeps a
//! map back to the original characters), [`rules`] finds every rule hit in
//! one pass of a compiled automaton ([`sound`] recognises a required
//! phrase through an input-method slip), and [`score`](mod@score) turns the hits
//! into a [`TurnResult`] with structured reasons. [`score()`] is the one
//! entry point for a typed reply; [`score_pick`] and [`score_timeout`] judge
//! the other two outcomes of a turn; [`score_scenario`] adds a played
//! scenario up.

pub mod pattern;
pub mod rules;
pub mod score;
pub mod sound;
pub mod text;

pub use score::{
    CategoryScore, ForbiddenHit, MisplacedAct, NodeRules, Reason, RequiredCheck, ScenarioResult,
    TurnOutcome, TurnRecord, TurnResult, score, score_pick, score_scenario, score_timeout,
};
