//! Where the curricula come from, for the game and the command line alike:
//! `$COURTESY_CURRICULA`, `./curricula`, `curricula` next to the
//! executable, else the ones built into the binary (so a copied binary
//! still has them). Each is checked against the scenario ids that exist.
//! The shopper firms' column mappings live beside them, in `shoppers/`.

use std::collections::HashSet;
use std::path::PathBuf;

use courtesy_core::curriculum::{self, Curriculum};
use courtesy_core::shopper::{self, ShopperFirm};
use courtesy_core::{Diagnostic, SourceFile};

include!(concat!(env!("OUT_DIR"), "/embedded_curricula.rs"));
include!(concat!(env!("OUT_DIR"), "/embedded_shoppers.rs"));

/// The curricula folder to read, or none for the built-in ones.
pub fn folder() -> Option<PathBuf> {
    std::env::var_os("COURTESY_CURRICULA")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("curricula")).filter(|d| d.is_dir()))
        .or_else(|| {
            std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|d| d.join("curricula")))
                .filter(|d| d.is_dir())
        })
}

/// Every curriculum found that checks clean against `scenarios` (the ids
/// that exist), and every problem found on the way.
pub fn load(scenarios: &HashSet<&str>) -> (Vec<Curriculum>, Vec<Diagnostic>) {
    if let Some(dir) = folder() {
        return curriculum::load_dir(&dir, scenarios);
    }
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in EMBEDDED_CURRICULA {
        let file = SourceFile::new(PathBuf::from("<built-in>/curricula").join(name), *text);
        let (c, found_problems) = curriculum::check(&file, scenarios);
        found.extend(c);
        problems.extend(found_problems);
    }
    (found, problems)
}

/// Every shopper firm's mapping that checks clean against `skills` (the
/// scenario tags), and every problem found on the way.
pub fn firms(skills: &HashSet<&str>) -> (Vec<ShopperFirm>, Vec<Diagnostic>) {
    if let Some(dir) = folder() {
        return shopper::load_dir(&dir.join("shoppers"), skills);
    }
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in EMBEDDED_SHOPPERS {
        let path = PathBuf::from("<built-in>/curricula/shoppers").join(name);
        let (firm, more) = shopper::check(&SourceFile::new(path, *text), skills);
        found.extend(firm);
        problems.extend(more);
    }
    (found, problems)
}
