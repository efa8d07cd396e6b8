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
    // The file is refused (control-character); its line still reaches the
    // terminal in the diagnostic's snippet, shown and not obeyed.
    let file = dir.path().join("phone-three-rings.ron");
    let file = file.to_str().unwrap();
    for args in [vec!["validate"], vec!["play", "--text", "--file", file]] {
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

/// Runs courtesy with a deadline: a hang fails the test instead of the CI.
fn run_in_time(mut cmd: Command, stdin: Stdio) -> std::process::Output {
    let child = cmd.stdin(stdin).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let id = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    match receive.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("courtesy hung");
        }
    }
}

/// `check < /tmp` read a folder and printed "Is a directory" forever.
#[test]
fn check_reading_a_folder_ends_with_an_error() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = courtesy(&state);
    cmd.arg("check");
    let out = run_in_time(cmd, Stdio::from(std::fs::File::open("/tmp").unwrap()));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.len() < 10_000, "{} bytes of output", out.stdout.len());
}

/// `validate some.fifo` blocked forever on the open.
#[cfg(unix)]
#[test]
fn validate_refuses_a_fifo_at_once() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.ron");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut cmd = courtesy(&state);
    cmd.args(["--locale", "en-US", "validate"]).arg(&fifo);
    let out = run_in_time(cmd, Stdio::null());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not-a-file"));
}

/// A 64 MB line is counted, refused and skipped; the next line is scored.
#[test]
fn a_huge_line_is_refused_without_being_kept() {
    let state = tempfile::tempdir().unwrap();
    let mut input = vec![b'x'; 64 * 1024 * 1024];
    input.extend_from_slice("\n请稍等\n".as_bytes());
    let out = courtesy(&state).args(["check", "--json"]).write_stdin_bytes(input);
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("\"line\":1") && lines[0].contains("67108864"), "{}", lines[0]);
    assert!(lines[1].contains("\"verdict\""), "{}", lines[1]);
    assert_eq!(out.status.code(), Some(1));
}

/// Blank replies are refused in check as in play; a node that takes no typed
/// reply and a scenario file given as --rules are errors, not a pass at 100.
#[test]
fn check_refuses_what_it_cannot_score() {
    let state = tempfile::tempdir().unwrap();
    for blank in ["", "   ", "\u{200b}\u{3164}"] {
        let out = courtesy(&state).args(["check", blank]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{blank:?}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("100"), "{blank:?}");
    }
    // NUL cannot be an argument; it can be a line.
    let out = courtesy(&state).args(["check", "--json"]).write_stdin_bytes(b"\0\0\n".to_vec());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"error\""));
    let out = courtesy(&state)
        .args(["check", "--scenario", "phone-three-rings", "--node", "pick-up", "您好"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pick-up"));
    let out = courtesy(&state)
        .args(["check", "--rules", "scenarios/phone-three-rings.ron", "不知道"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("phone-three-rings.ron"));
}

trait WriteStdinBytes {
    fn write_stdin_bytes(&mut self, input: Vec<u8>) -> std::process::Output;
}

impl WriteStdinBytes for Command {
    fn write_stdin_bytes(&mut self, input: Vec<u8>) -> std::process::Output {
        use std::io::Write as _;
        let mut child = self
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        out
    }
}
