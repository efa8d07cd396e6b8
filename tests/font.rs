//! The bundled CJK font (a subset) has a glyph for every character the game
//! can show: the scenarios (also converted to Traditional for zh-TW), the
//! three locales and the game's own labels. A trainer who adds a scenario
//! with a rarer character is told to re-run tools/make-font.py.

use std::collections::BTreeSet;
use std::path::Path;

use courtesy_core::judge::text::to_traditional;
use skrifa::{FontRef, MetadataProvider};

const FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-courtesy.otf");

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
}

/// Characters that are drawn (not spaces or control characters).
fn drawn(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_whitespace() && !c.is_control())
}

#[test]
fn the_font_has_every_character_the_game_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let font = FontRef::new(FONT).expect("the bundled font parses");
    let charmap = font.charmap();

    let mut paths = Vec::new();
    files(&root.join("scenarios"), "ron", &mut paths);
    let scenario_count = paths.len();
    files(&root.join("locales"), "ftl", &mut paths);
    files(&root.join("src/app"), "rs", &mut paths);
    files(&root.join("assets/scenes"), "svg", &mut paths);
    assert!(scenario_count >= 30, "the library is read ({scenario_count} files)");

    let mut missing: BTreeSet<(char, String)> = BTreeSet::new();
    let mut checked = 0usize;
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        // Source files: only what is between quotes reaches the screen.
        let shown: String = if path.extension().is_some_and(|x| x == "rs") {
            text.split('"').skip(1).step_by(2).collect::<Vec<_>>().join(" ")
        } else {
            text.clone()
        };
        let mut all: String = shown.clone();
        if i < scenario_count {
            all.push_str(&to_traditional(&shown));
        }
        for c in drawn(&all) {
            checked += 1;
            if charmap.map(c).is_none() {
                missing.insert((c, path.strip_prefix(root).unwrap().display().to_string()));
            }
        }
    }
    assert!(checked > 10_000, "only {checked} characters were checked");
    assert!(
        missing.is_empty(),
        "characters with no glyph in assets/fonts/NotoSansSC-courtesy.otf (run `python3 tools/make-font.py`): {missing:?}"
    );
}

#[test]
fn the_font_check_would_notice_a_missing_glyph() {
    let font = FontRef::new(FONT).unwrap();
    // Common Simplified and Traditional characters are in; Korean and an
    // emoji are not (the system's fonts are the fallback for those).
    for c in ['您', '請', '稍', '等', 'A', '，'] {
        assert!(font.charmap().map(c).is_some(), "{c}");
    }
    for c in ['가', '😀'] {
        assert!(font.charmap().map(c).is_none(), "{c}");
    }
}

/// Every Chinese character of a two-byte encoding: `leads` × `trails`.
fn decoded(
    encoding: &'static encoding_rs::Encoding,
    leads: std::ops::RangeInclusive<u8>,
    trails: &[std::ops::RangeInclusive<u8>],
) -> Vec<char> {
    let mut out = Vec::new();
    for lead in leads {
        for trail in trails.iter().cloned().flatten() {
            let bytes = [lead, trail];
            let (text, bad) = encoding.decode_without_bom_handling(&bytes);
            let mut chars = text.chars();
            if let (false, Some(c), None) = (bad, chars.next(), chars.next())
                && ('\u{3400}'..='\u{9FFF}').contains(&c)
            {
                out.push(c);
            }
        }
    }
    out
}

/// Trainees' names use rare characters (喆 堃 珺 镕 赟 彧); every Chinese
/// character of GB2312 and of Big5, and every CJK Unified Ideograph, has a
/// glyph, so a name is never a row of empty boxes.
#[test]
fn the_font_covers_names_gb2312_big5_and_every_unified_ideograph() {
    let font = FontRef::new(FONT).unwrap();
    let charmap = font.charmap();
    let missing = |chars: &[char]| -> Vec<char> {
        chars.iter().copied().filter(|c| charmap.map(*c).is_none()).collect()
    };
    assert_eq!(
        missing(&"喆堃珺镕赟彧昇玥焱淼鑫犇骉䶮".chars().collect::<Vec<_>>()),
        Vec::<char>::new()
    );
    let gb2312 = decoded(encoding_rs::GBK, 0xB0..=0xF7, &[0xA1..=0xFE]);
    assert!(gb2312.len() >= 6_763, "GB2312 has 6,763 hanzi, read {}", gb2312.len());
    assert_eq!(missing(&gb2312), Vec::<char>::new());
    let big5 = decoded(encoding_rs::BIG5, 0xA4..=0xF9, &[0x40..=0x7E, 0xA1..=0xFE]);
    assert!(big5.len() >= 13_000, "Big5 has 13,060 hanzi, read {}", big5.len());
    assert_eq!(missing(&big5), Vec::<char>::new());
    let unified: Vec<char> = ('\u{4E00}'..='\u{9FA5}').collect();
    assert_eq!(missing(&unified), Vec::<char>::new());
}
