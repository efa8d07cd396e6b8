//! courtesy: a service-etiquette training simulator. The `core` module holds
//! everything that decides (scenarios, rules, scoring, sessions); `cli` is the
//! command line and terminal mode, and `app` the Bevy game, both built on it.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod core;
