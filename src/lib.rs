//! courtesy's desktop game: a Bevy + egui shell over [`courtesy_core`], one
//! plugin per screen. The command line lives with the binary (`src/cli`);
//! every decision lives in the core crate, which depends on neither.

#![warn(missing_docs)]

#[cfg(feature = "gui")]
pub mod app;
