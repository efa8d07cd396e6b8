//! The Bevy-free core of courtesy: the scenario model and its loading and
//! validation, text normalisation, phrase matching and scoring, the session
//! state machine, and the fluent messages. Nothing here imports bevy; the
//! command line and the game both sit on top of it.

pub mod diagnostic;
pub mod i18n;
pub mod library;
pub mod model;
pub mod progress;
pub mod rules;
pub mod scoring;
pub mod session;
pub mod text;
pub mod validate;
