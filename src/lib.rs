//! courtesy's desktop game: a Bevy + egui shell over [`courtesy_core`], one
//! plugin per screen; and [`curricula`], where the game and the command
//! line find the onboarding programmes. The command line lives with the binary (`src/cli`);
//! every decision lives in the core crate, which depends on neither.

#![warn(missing_docs)]

#[cfg(feature = "gui")]
pub mod app;
pub mod curricula;
