//! courtesy: a service-etiquette training simulator. The `core` module holds
//! everything that decides (scenarios, rules, scoring, sessions); `cli` is the
//! command line and terminal mode built on it.

pub mod cli;
pub mod core;
