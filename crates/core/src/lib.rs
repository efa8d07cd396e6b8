//! The engine of courtesy, the service-etiquette training simulator: every
//! decision, no screen. The command line and the Bevy game sit on top; this
//! crate depends on neither, and the compiler keeps it so (no bevy, egui or
//! clap in its dependencies).
//!
//! The modules follow a reply's way through the engine, and every import
//! points down this list:
//!
//! | stage | module | owns |
//! |---|---|---|
//! | format | [`model`] | the scenario file format as types |
//! | words | [`i18n`] | fluent messages, locales, typed message arguments |
//! | problems | [`diagnostic`] | source files, diagnostics with file:line:col and typed codes |
//! | judging | [`judge`] | normalising, the phrase automaton, scoring a turn and a scenario |
//! | compiling | [`compile`] | a scenario's rule book and each node's rules, compiled once |
//! | validation | [`validate`] | the named checks of a scenario and rule set |
//! | loading | [`load`] | finding, reading and parsing files into a [`Library`] |
//! | play | [`play`] | the session state machine, input lines, saved progress |
//! | onboarding | [`curriculum`] | curricula, their checks, gates, unlocking and certification |
//! | findings | [`shopper`] | shopper firms' column mappings and their sheets read into visits |
//! | drills | [`drill`] | the spaced schedule of a refresher drill, from its attempts |
//! | explaining | [`explain`] | feedback in words for every frontend |
//! | editing | [`edit`] | appending reviewed examples to a scenario file, comments kept |
//! | measuring | [`measure`] | a labelled corpus of replies judged and counted |
//!
//! # Judging a reply
//!
//! ```
//! use courtesy_core::{Library, Messages, Locale, explain};
//!
//! let library = Library::load(&["../../scenarios".into()]);
//! let scenario = library.scenario("phone-three-rings").unwrap();
//! let greet = scenario.node_index("greet").unwrap();
//! let result = scenario.score_reply(greet, "喂，说吧");
//! assert!(!result.passed());
//!
//! // What a trainee is told, in words:
//! let m = Messages::new(Locale::ZhCn);
//! let record = courtesy_core::TurnRecord {
//!     node: Some("greet".into()),
//!     speaker: None,
//!     line: None,
//!     reply: "喂，说吧".into(),
//!     seconds: None,
//!     result,
//! };
//! let feedback = explain::turn(&m, Some(&scenario), &record);
//! assert!(feedback.lines.iter().any(|l| l.tone == explain::Tone::Bad));
//! ```
//!
//! # Playing a scenario
//!
//! ```
//! use std::sync::Arc;
//! use courtesy_core::{Input, Library, Session};
//!
//! let library = Library::load(&["../../scenarios".into()]);
//! let mut session = Session::new(library.scenario("phone-three-rings").unwrap(), 1);
//! let first = session.screen().unwrap();
//! assert!(first.prompt.is_some());
//! let input = Input::from_line("1", first.prompt.as_ref()).unwrap();
//! let result = session.answer(input, 2.0).unwrap();
//! assert!(result.passed());
//! ```

#![warn(missing_docs)]

pub mod compile;
pub mod curriculum;
pub mod diagnostic;
pub mod drill;
pub mod edit;
pub mod explain;
pub mod i18n;
pub mod judge;
pub mod load;
pub mod measure;
pub mod model;
pub mod play;
pub mod shopper;
pub mod validate;

pub use compile::CompiledScenario;
pub use diagnostic::{Code, Diagnostic, Severity, SourceFile};
pub use i18n::{Arg, Locale, Messages};
pub use judge::{NodeRules, ScenarioResult, TurnOutcome, TurnRecord, TurnResult};
pub use load::Library;
pub use model::{DEFAULT_PASS_MARK, Scenario, Verdict};
pub use play::{Input, InputError, Mode, ProgressStore, Session};
