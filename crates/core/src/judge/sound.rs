//! Input-method slips. Trainees type Chinese with a pinyin input method, and
//! its commonest mistake is picking the wrong character for the right sound:
//! 在见 for 再见, 报歉 for 抱歉, 身份正 for 身份证. This module reads each
//! character as the toneless pinyin it is typed with (the `pinyin` crate's
//! most common reading), so a required phrase can be recognised through
//! such a slip.
//!
//! A slip is only counted under strict conditions, so that it cannot turn a
//! wrong reply into a right one: the phrase has at least two characters,
//! every character sounds the same, and exactly one character differs. It
//! only ever helps a REQUIRED act that the reply did not meet literally;
//! forbidden phrases are matched as written.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyin;

/// Characters a phrase needs before a slip in it is recognised: in a
/// one-character phrase, one wrong character is the whole phrase.
pub const MIN_SLIP_PHRASE: usize = 2;

/// Every toneless syllable, numbered in order of first use, as one
/// private-use character each (Supplementary Private Use Area-A).
fn syllable_code(syllable: &'static str) -> char {
    static CODES: OnceLock<std::sync::Mutex<HashMap<&'static str, u32>>> = OnceLock::new();
    let codes = CODES.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the
    // map itself is still a valid map.
    let mut codes = codes.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let next = codes.len() as u32;
    let code = *codes.entry(syllable).or_insert(next);
    // 0xF0000 + a few hundred syllables stays inside the private-use plane.
    char::from_u32(0xF_0000 + code).unwrap_or('\u{FFFD}')
}

/// The character as it sounds: one private-use character per toneless
/// syllable for a Han character, the character itself otherwise.
pub fn sound_of(c: char) -> char {
    match c.to_pinyin() {
        Some(p) => syllable_code(p.plain()),
        None => c,
    }
}

/// `text` as it sounds, one character for each of its characters, so
/// character offsets are the same in both.
pub fn project(text: &str) -> String {
    text.chars().map(sound_of).collect()
}

/// Whether `typed` is `meant` with one character slipped: the same length,
/// at least [`MIN_SLIP_PHRASE`] characters, exactly one character different,
/// and that character a Han character that sounds the same.
pub fn is_slip(typed: &str, meant: &str) -> bool {
    let (typed, meant): (Vec<char>, Vec<char>) = (typed.chars().collect(), meant.chars().collect());
    if typed.len() != meant.len() || meant.len() < MIN_SLIP_PHRASE {
        return false;
    }
    let mut differing = typed.iter().zip(&meant).filter(|(a, b)| a != b);
    match (differing.next(), differing.next()) {
        (Some((&a, &b)), None) => a.to_pinyin().is_some() && sound_of(a) == sound_of(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_typed_with_the_same_pinyin_sound_the_same() {
        assert_eq!(sound_of('再'), sound_of('在'));
        assert_eq!(sound_of('抱'), sound_of('报'));
        assert_eq!(sound_of('证'), sound_of('正'));
        assert_ne!(sound_of('再'), sound_of('见'));
        assert_eq!(sound_of('A'), 'A');
        assert_eq!(project("在见!").chars().count(), 3);
    }

    #[test]
    fn a_slip_is_one_same_sounding_character_in_a_longer_phrase() {
        assert!(is_slip("在见", "再见"));
        assert!(is_slip("身份正", "身份证"));
        // Two characters changed: a different word (在建), not a slip.
        assert!(!is_slip("在建", "再见"));
        // The same text is a plain match, not a slip.
        assert!(!is_slip("再见", "再见"));
        // A one-character phrase cannot slip.
        assert!(!is_slip("清", "请"));
        // A different sound is a different word.
        assert!(!is_slip("不见", "再见"));
    }
}
