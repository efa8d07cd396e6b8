//! Embeds the scenario library (scenarios/*.ron and scenarios/phrases/*.ron)
//! in the binary: the last place the command line looks for scenarios, so a
//! copied binary still has a library and never reads the build machine's
//! folder at run time. Likewise the curricula (curricula/*.ron) and the
//! scene art the game draws (assets/scenes/*.svg).

use std::path::{Path, PathBuf};

/// The package's folder, as cargo says when it runs this script. Not
/// `env!`, which is fixed when the script is compiled: two checkouts share
/// one compiled script through a shared target dir, and the second would
/// read the first's files (or none, once the first is gone).
fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
}

/// The files of `dir` ending in `.ext`, sorted; the folder is watched.
fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.extension().is_some_and(|x| x == ext));
    files.sort();
    files
}

/// Writes `OUT_DIR/file`: an array of `(name, include_str!(path))`, the
/// name given by `name` for each file, after `head`.
fn write_table(file: &str, head: &str, files: &[PathBuf], name: impl Fn(&Path) -> String) {
    let mut out = String::from(head);
    out.push_str("[\n");
    for path in files {
        let shown = name(path);
        out.push_str(&format!(
            "    ({shown:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push(']');
    if !head.is_empty() {
        out.push_str(";\n");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(file);
    std::fs::write(dest, out).unwrap();
}

fn main() {
    let root = manifest_dir().join("scenarios");
    let mut files = files_in(&root, "ron");
    files.extend(files_in(&root.join("phrases"), "ron"));
    files.sort();
    write_table(
        "embedded_scenarios.rs",
        "/// The library built in: (path under scenarios/, text).\n\
         pub const EMBEDDED_SCENARIOS: &[(&str, &str)] = &",
        &files,
        |p| p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"),
    );
    // The curricula (curricula/*.ron), the last place they are looked for.
    write_table(
        "embedded_curricula.rs",
        "/// The curricula built in: (file name, text).\n\
         pub const EMBEDDED_CURRICULA: &[(&str, &str)] = &",
        &files_in(&manifest_dir().join("curricula"), "ron"),
        |p| p.file_name().unwrap().to_string_lossy().into_owned(),
    );
    // The shopper firms' column mappings (curricula/shoppers/*.ron).
    write_table(
        "embedded_shoppers.rs",
        "/// The shopper firms' mappings built in: (file name, text).\n\
         pub const EMBEDDED_SHOPPERS: &[(&str, &str)] = &",
        &files_in(&manifest_dir().join("curricula/shoppers"), "ron"),
        |p| p.file_name().unwrap().to_string_lossy().into_owned(),
    );
    // The scene art (assets/scenes/*.svg), by name without `.svg`.
    write_table("scene_art.rs", "", &files_in(&manifest_dir().join("assets/scenes"), "svg"), |p| {
        p.file_stem().unwrap().to_string_lossy().into_owned()
    });
}
