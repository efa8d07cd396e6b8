//! The game rendered for real: under Xvfb with Mesa's software Vulkan,
//! autoplay one scenario and check every screenshot exists, is not blank,
//! and has text in the dialogue area. Needs a display, so it is ignored by a
//! plain `cargo test`; .ci/run installs xvfb and mesa-vulkan-drivers and runs
//! it with `xvfb-run ... cargo test --test render -- --ignored`.
#![cfg(feature = "gui")]

use std::path::Path;

use assert_cmd::Command;

/// Width, height and RGBA pixels of a PNG.
fn pixels(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let rgba: Vec<u8> = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| match channels {
            4 => [p[0], p[1], p[2], p[3]],
            3 => [p[0], p[1], p[2], 255],
            _ => [p[0], p[0], p[0], 255],
        })
        .collect();
    (info.width, info.height, rgba)
}

/// Share of pixels in rows `from..to` (fractions of the height) that are
/// darker than the light panels, as text strokes are (grey text included).
fn dark_share(w: u32, h: u32, rgba: &[u8], from: f32, to: f32) -> f32 {
    let (y0, y1) = ((h as f32 * from) as u32, (h as f32 * to) as u32);
    let mut dark = 0usize;
    let mut all = 0usize;
    for y in y0..y1 {
        for x in 0..w {
            let i = ((y * w + x) * 4) as usize;
            let lum =
                (u32::from(rgba[i]) * 3 + u32::from(rgba[i + 1]) * 6 + u32::from(rgba[i + 2])) / 10;
            all += 1;
            if lum < 150 {
                dark += 1;
            }
        }
    }
    dark as f32 / all.max(1) as f32
}

fn distinct_colours(rgba: &[u8]) -> usize {
    let mut seen = std::collections::HashSet::new();
    for p in rgba.chunks(4).step_by(7) {
        seen.insert((p[0] / 8, p[1] / 8, p[2] / 8));
    }
    seen.len()
}

#[test]
#[ignore = "needs a display: run under xvfb-run (see .ci/run)"]
fn autoplay_writes_readable_screenshots() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("script.txt");
    std::fs::write(
        &script,
        "1\n您好，丽江花园物业管理处，请问有什么可以帮您？\n不知道，你自己来前台看吧\n对不起，请稍等，我马上帮您查询\n不客气，谢谢您的来电，再见！\n1\n",
    )
    .unwrap();
    let shots = dir.path().join("shots");
    Command::cargo_bin("courtesy")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", dir.path())
        .args(["play", "--scenario", "phone-three-rings", "--seed", "1", "--autoplay"])
        .arg(&script)
        .arg("--screenshot")
        .arg(&shots)
        .timeout(std::time::Duration::from_secs(240))
        .assert()
        .success();

    let mut names: Vec<String> = std::fs::read_dir(&shots)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected = vec!["00-menu.png".to_string(), "01-briefing.png".to_string()];
    for turn in 1..=6 {
        expected.push(format!("{:02}-prompt-{turn:02}.png", turn * 2));
        expected.push(format!("{:02}-turn-{turn:02}.png", turn * 2 + 1));
    }
    expected.push("14-debrief.png".to_string());
    assert_eq!(names, expected);
    for name in &names {
        let (w, h, rgba) = pixels(&shots.join(name));
        assert_eq!((w, h), (1280, 800), "{name}");
        assert!(distinct_colours(&rgba) > 20, "{name} looks blank");
        // Text everywhere the trainee reads: the dialogue panel on turns,
        // the whole page on the menu and the debrief.
        // (the dialogue panel is the bottom quarter of the window).
        let (from, to) =
            if name.contains("turn") || name.contains("prompt") { (0.75, 1.0) } else { (0.0, 1.0) };
        let share = dark_share(w, h, &rgba, from, to);
        assert!(share > 0.002 && share < 0.5, "{name}: dark share {share}");
    }
}
