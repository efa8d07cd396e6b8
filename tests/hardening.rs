//! Faults and hostile input at the command line (issue #9): a closed pipe,
//! terminal escape sequences in scenario files and replies.

use std::io::Read;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

fn courtesy(state: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("courtesy").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", state.path())
        .env_remove("COURTESY_SCENARIOS")
        .env("COURTESY_LOCALE", "zh-CN");
    cmd
}

/// `courtesy list | true`: the reader is gone before courtesy writes. Each
/// command ends quietly with success, as Unix tools do, instead of
/// panicking (exit 101).
#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let state = tempfile::tempdir().unwrap();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["list", "--format", "markdown"],
        &["validate"],
        &["graph", "phone-three-rings"],
        &["check", "不知道"],
        &["play", "--text", "--scenario", "phone-three-rings", "--seed", "1"],
    ];
    for args in commands {
        let mut child = courtesy(&state)
            .args(*args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // close the reading end at once
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(status.code(), Some(101), "{args:?} panicked: {stderr}");
        if args[0] != "play" {
            assert!(status.success(), "{args:?}: {status:?} {stderr}");
        }
    }
}

const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[1A\u{1b}[8m\u{9b}31m\r\u{202e}";

/// A reply's escape sequences are shown, not obeyed.
#[test]
fn a_reply_cannot_drive_the_terminal() {
    let state = tempfile::tempdir().unwrap();
    let out = courtesy(&state).args(["check", &format!("不知道{HOSTILE}")]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\r', '\u{202e}'] {
        assert!(!stdout.contains(c), "U+{:04X} reached the terminal: {stdout:?}", c as u32);
    }
    assert!(stdout.contains("<U+001B>]0;pwned<U+0007>"), "{stdout}");
    assert!(stdout.contains("<U+202E>"), "{stdout}");
}

/// A scenario file's titles and lines are shown, not obeyed, in every
/// text the terminal prints.
#[test]
fn a_scenario_file_cannot_drive_the_terminal() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/phone-three-rings.ron"),
    )
    .unwrap();
    let title = good.lines().find(|l| l.trim_start().starts_with("title:")).unwrap();
    let hostile = good.replacen(title, &format!("    title: \"响铃{HOSTILE}\","), 1);
    std::fs::write(dir.path().join("phone-three-rings.ron"), hostile).unwrap();
    std::fs::create_dir(dir.path().join("phrases")).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/phrases/service-language.ron"),
        dir.path().join("phrases/service-language.ron"),
    )
    .unwrap();
    for args in
        [vec!["list"], vec!["play", "--text", "--scenario", "phone-three-rings", "--seed", "1"]]
    {
        let out = courtesy(&state)
            .arg("--scenarios")
            .arg(dir.path())
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(text.contains("响铃<U+001B>]0;pwned"), "{args:?}: {text}");
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!text.contains(c), "{args:?}: U+{:04X} reached the terminal", c as u32);
        }
    }
}
