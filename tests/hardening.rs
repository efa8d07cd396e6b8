//! Faults and hostile input at the command line (issue #9): a closed pipe,
//! terminal escape sequences in scenario files and replies.

use std::io::Read;
use std::path::Path;
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

const GOOD_RUN: [&str; 5] = [
    "1",
    "您好，丽江花园物业管理处，请问有什么可以帮您？",
    "好的，请稍等，我帮您查一下。",
    "不客气，谢谢您的来电，再见！",
    "1",
];

/// The saved sessions of a state folder: (id, inputs accepted).
fn saved_sessions(state: &Path) -> Vec<(String, usize)> {
    let Ok(dir) = std::fs::read_dir(state.join("courtesy/sessions")) else { return Vec::new() };
    // A header line, then one line per input (docs/reliability.md).
    dir.map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let mut lines = text.lines();
            let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
            let inputs =
                lines.filter(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()).count();
            (header["id"].as_str().unwrap().to_string(), inputs)
        })
        .collect()
}

/// The terminal mode killed with SIGKILL at varied moments, 24 times: every
/// finished scenario is recorded exactly once, and every unfinished one
/// resumes and is then recorded once.
#[cfg(unix)]
#[test]
fn sigkill_at_any_turn_loses_nothing_and_doubles_nothing() {
    use std::io::Write as _;
    let state = tempfile::tempdir().unwrap();
    let runs = 24;
    for run in 0..runs {
        let mut child = courtesy(&state)
            .args(["play", "--text", "--scenario", "phone-three-rings", "--seed", &run.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Feed some of the lines, then kill at a moment that varies by run:
        // before, during or after a turn's save, or after the last line.
        let fed = run % (GOOD_RUN.len() + 1);
        for line in &GOOD_RUN[..fed] {
            let _ = writeln!(stdin, "{line}");
        }
        let _ = stdin.flush();
        // Wait until the fed turns are saved (or the scenario is over), then
        // kill at a moment that varies by run, up to a few milliseconds on:
        // mid-turn, mid-save, mid-record.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while fed > 0
            && std::time::Instant::now() < deadline
            && !matches!(child.try_wait(), Ok(Some(_)))
            && saved_sessions(state.path()).iter().all(|(_, n)| *n + 1 < fed)
        {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(std::time::Duration::from_micros((run as u64 * 7919) % 20_000));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        drop(stdin);
        // Whatever was left unfinished resumes with the lines it still needs
        // and is then recorded, once.
        let before = records(state.path());
        let left = saved_sessions(state.path());
        assert!(left.len() <= 1, "run {run}: {left:?}");
        for (id, accepted) in &left {
            let accepted = *accepted;
            let rest: String = GOOD_RUN[accepted..].iter().map(|l| format!("{l}\n")).collect();
            let out = courtesy(&state)
                .args(["play", "--text", "--resume", id])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut resumed = out;
            resumed.stdin.take().unwrap().write_all(rest.as_bytes()).unwrap();
            let done = resumed.wait_with_output().unwrap();
            assert!(done.status.success(), "run {run}: {}", String::from_utf8_lossy(&done.stderr));
        }
        assert!(saved_sessions(state.path()).is_empty(), "run {run}: a save was left");
        let after = records(state.path());
        if left.is_empty() {
            // Finished before the kill (recorded then), or killed before the
            // first turn was played (nothing to keep).
            assert!(after <= before + 1, "run {run}");
        } else {
            // Recorded once: by the resume, or already before the kill when
            // it fell between the record's append and the save's removal
            // (then the resume must not record it again).
            let (id, _) = &left[0];
            let times = recorded_sessions(state.path()).iter().filter(|s| *s == id).count();
            assert_eq!(times, 1, "run {run}: the resumed session is recorded {times} times");
            assert!(after <= before + 1, "run {run}");
        }
    }
    let log = std::fs::read_to_string(state.path().join("courtesy/results.jsonl")).unwrap();
    let mut sessions: Vec<String> = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["session"].to_string())
        .collect();
    let recorded = sessions.len();
    sessions.sort();
    sessions.dedup();
    assert_eq!(sessions.len(), recorded, "a session was recorded twice");
    assert!(recorded > 0, "no run was recorded");
    assert!(log.lines().all(|l| l.ends_with('}')), "a torn line");
}

/// The session id of every recorded result.
fn recorded_sessions(state: &Path) -> Vec<String> {
    std::fs::read_to_string(state.join("courtesy/results.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["session"].as_str().map(str::to_string))
        .collect()
}

fn records(state: &Path) -> usize {
    std::fs::read_to_string(state.join("courtesy/results.jsonl")).map_or(0, |l| l.lines().count())
}

/// A diagnostic on a line of 70,000 columns: miette's padding panicked
/// (exit 101); now the line is clipped around the problem.
#[test]
fn a_diagnostic_on_a_very_wide_line_is_clipped_not_a_panic() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.ron");
    let wide = format!(
        "Scenario(\n    id: \"wide\",\n    title: \"{}\", titel: 1,\n)\n",
        "甲".repeat(70_000)
    );
    std::fs::write(&path, wide).unwrap();
    let out = courtesy(&state).args(["--locale", "en-US", "validate"]).arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[unknown-field]"), "{stderr}");
    assert!(stderr.contains("…甲甲") && stderr.contains("titel"), "{stderr}");
    assert!(stderr.len() < 5_000, "the whole line was printed: {} bytes", stderr.len());
}

/// With no scenarios folder to be found, courtesy uses the library built
/// into the binary — never the folder it was built in; a folder named by
/// `$COURTESY_SCENARIOS` or `--scenarios` that is not there is an error.
#[test]
fn without_a_scenarios_folder_courtesy_uses_its_built_in_library() {
    let state = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = courtesy(&state).current_dir(elsewhere.path()).arg("list").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("phone-three-rings"));
    let out =
        courtesy(&state).current_dir(elsewhere.path()).args(["list", "--json"]).output().unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(json.contains("<built-in>/scenarios/"), "the built-in library says so: {json}");
    assert!(!json.contains(env!("CARGO_MANIFEST_DIR")), "the build folder was read");
    let out = courtesy(&state).current_dir(elsewhere.path()).args(["validate"]).output().unwrap();
    assert!(out.status.success(), "the built-in library validates");
    for args in [vec!["list"], vec!["graph", "phone-three-rings"]] {
        let out = courtesy(&state)
            .current_dir(elsewhere.path())
            .env("COURTESY_SCENARIOS", elsewhere.path().join("nope"))
            .args(["--locale", "en-US"])
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("nope") && stderr.contains("COURTESY_SCENARIOS"), "{stderr}");
    }
}

/// `--resume` with nothing saved says so (it opened the menu, and a
/// script's first line picked scenario 1); with several saved it lists
/// them; `--resume ID` picks one.
#[test]
fn resume_says_what_is_saved() {
    let state = tempfile::tempdir().unwrap();
    let out = courtesy(&state)
        .args(["--locale", "en-US", "play", "--text", "--resume"])
        .write_stdin_bytes(b"1\n".to_vec());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no unfinished session"));
    for seed in ["1", "2"] {
        let out = courtesy(&state)
            .args(["play", "--text", "--scenario", "phone-three-rings", "--seed", seed])
            .write_stdin_bytes(b"1\n".to_vec());
        assert_eq!(out.status.code(), Some(1), "unfinished");
    }
    let saved = saved_sessions(state.path());
    assert_eq!(saved.len(), 2, "{saved:?}");
    let out = courtesy(&state)
        .args(["--locale", "en-US", "play", "--text", "--resume"])
        .write_stdin_bytes(Vec::new());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(saved.iter().all(|(id, _)| stderr.contains(id.as_str())), "{stderr}");
    let rest = GOOD_RUN[1..].iter().map(|l| format!("{l}\n")).collect::<String>();
    let out = courtesy(&state)
        .args(["play", "--text", "--resume", &saved[0].0])
        .write_stdin_bytes(rest.into_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(saved_sessions(state.path()).len(), 1, "the other save is kept");
}

/// A seed past 2^53 is shown as given, so replaying it replays the session.
#[test]
fn a_large_seed_is_shown_exactly() {
    let state = tempfile::tempdir().unwrap();
    let out = courtesy(&state)
        .args([
            "play",
            "--text",
            "--scenario",
            "phone-three-rings",
            "--seed",
            "18446744073709551615",
        ])
        .write_stdin_bytes(Vec::new());
    assert!(String::from_utf8_lossy(&out.stdout).contains("18446744073709551615"));
}
