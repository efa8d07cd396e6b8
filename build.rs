//! Embeds the scenario library (scenarios/*.ron and scenarios/phrases/*.ron)
//! in the binary: the last place the command line looks for scenarios, so a
//! copied binary still has a library and never reads the build machine's
//! folder at run time. Also lists the scene art (assets/scenes/*.svg) the
//! game embeds.

use std::path::{Path, PathBuf};

/// The package's folder, as cargo says when it runs this script. Not
/// `env!`, which is fixed when the script is compiled: two checkouts share
/// one compiled script through a shared target dir, and the second would
/// read the first's files (or none, once the first is gone).
fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
}

fn main() {
    let root = manifest_dir().join("scenarios");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("phrases")] {
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|x| x == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = String::from("/// The library built in: (path under scenarios/, text).\n");
    out.push_str("pub const EMBEDDED_SCENARIOS: &[(&str, &str)] = &[\n");
    for path in &files {
        let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_scenarios.rs");
    std::fs::write(dest, out).unwrap();
    embed_scene_art();
    embed_curricula();
}

/// Writes `embedded_curricula.rs`: the curricula (curricula/*.ron), the
/// last place the command line looks for them.
fn embed_curricula() {
    let dir = manifest_dir().join("curricula");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"));
    files.sort();
    let mut out = String::from("/// The curricula built in: (file name, text).\n");
    out.push_str("pub const EMBEDDED_CURRICULA: &[(&str, &str)] = &[\n");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_curricula.rs");
    std::fs::write(dest, out).unwrap();
}

/// Writes `scene_art.rs`: `[(name, include_str!(path)), …]` for every SVG
/// under assets/scenes, sorted by name.
fn embed_scene_art() {
    let dir = manifest_dir().join("assets/scenes");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.extension().is_some_and(|x| x == "svg"));
    files.sort();
    let mut out = String::from("[\n");
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy();
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("scene_art.rs");
    std::fs::write(dest, out).unwrap();
}
