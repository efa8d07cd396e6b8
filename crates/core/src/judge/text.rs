//! Text normalisation for matching: NFKC, Traditional→Simplified folding,
//! lower case, and dropping punctuation, symbols and white space — while
//! remembering, for every normalised character, which character of the
//! ORIGINAL text it came from, so hits can be reported as original spans.

use std::collections::HashMap;
use std::sync::OnceLock;

use ferrous_opencc::{OpenCC, config::BuiltinConfig};
use unicode_normalization::UnicodeNormalization;

/// A normalised text with a map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised characters, as a string (what the automaton scans).
    pub text: String,
    /// For each byte offset of `text` that starts a character, the index of
    /// that character in `chars`; other byte offsets hold `usize::MAX`.
    byte_to_char: Vec<usize>,
    /// For every normalised character, the index of the original character
    /// (counted in chars, not bytes) it came from.
    origin: Vec<usize>,
}

impl Normalized {
    /// Number of normalised characters.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    /// No characters left after normalising?
    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// Character index (in normalised chars) of a byte offset into `text`.
    /// `byte == text.len()` maps to `len()`.
    pub fn char_at_byte(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.len();
        }
        self.byte_to_char[byte]
    }

    /// Maps a half-open range of normalised chars to the half-open range of
    /// original chars it covers.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.len());
        (self.origin[start], self.origin[end - 1] + 1)
    }
}

/// Normalises `input` for matching. Phrases and replies go through the same
/// function, so whatever it folds, it folds on both sides.
pub fn normalize(input: &str) -> Normalized {
    let table = t2s_table();
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        byte_to_char: Vec::with_capacity(input.len()),
        origin: Vec::with_capacity(input.len()),
    };
    let mut nfkc_buf: Vec<char> = Vec::with_capacity(4);
    for (index, c) in input.chars().enumerate() {
        // Fast paths: ASCII and CJK ideographs are already NFKC and caseless.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                push(&mut out, c.to_ascii_lowercase(), index);
            }
            continue;
        }
        if is_cjk_ideograph(c) {
            push(&mut out, table.fold(c), index);
            continue;
        }
        nfkc_buf.clear();
        nfkc_buf.extend(std::iter::once(c).nfkc());
        for &n in &nfkc_buf {
            if !n.is_alphanumeric() {
                continue; // punctuation, symbols, emoji, white space, controls
            }
            let folded = table.fold(n);
            for lower in folded.to_lowercase() {
                push(&mut out, lower, index);
            }
        }
    }
    out
}

fn push(out: &mut Normalized, c: char, origin: usize) {
    let char_index = out.origin.len();
    let start = out.text.len();
    out.text.push(c);
    out.byte_to_char.push(char_index);
    for _ in start + 1..out.text.len() {
        out.byte_to_char.push(usize::MAX);
    }
    out.origin.push(origin);
}

fn is_cjk_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// The normalised form of a phrase, as a plain string.
pub fn normalize_phrase(phrase: &str) -> String {
    normalize(phrase).text
}

/// Traditional→Simplified folding, one character to one character: a dense
/// array over the BMP CJK blocks, a map for the rest.
struct T2s {
    dense: Vec<char>,
    sparse: HashMap<char, char>,
}

const DENSE_START: u32 = 0x3400;
const DENSE_END: u32 = 0xFAFF;

impl T2s {
    fn fold(&self, c: char) -> char {
        let u = c as u32;
        if (DENSE_START..=DENSE_END).contains(&u) {
            self.dense[(u - DENSE_START) as usize]
        } else if self.sparse.is_empty() {
            c
        } else {
            self.sparse.get(&c).copied().unwrap_or(c)
        }
    }
}

/// Character-level Traditional→Simplified table, built once from OpenCC's
/// `t2s` dictionaries. Character-level folding keeps offsets one-to-one; the
/// same folding applies to phrases, so matching stays consistent.
fn t2s_table() -> &'static T2s {
    static TABLE: OnceLock<T2s> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        let dense_identity =
            || (DENSE_START..=DENSE_END).map(|u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect();
        let Ok(opencc) = OpenCC::from_config(BuiltinConfig::T2s) else {
            // conversion data unavailable: no folding, never a panic
            return T2s { dense: dense_identity(), sparse: map };
        };
        // One conversion call over every CJK character, one per line, so that
        // phrase rules cannot join neighbours.
        let ranges = [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF, 0x20000..=0x2A6DF];
        let chars: Vec<char> = ranges.into_iter().flatten().filter_map(char::from_u32).collect();
        let mut joined = String::with_capacity(chars.len() * 4);
        for c in &chars {
            joined.push(*c);
            joined.push('\n');
        }
        let converted = opencc.convert(&joined);
        for (from, to) in chars.iter().zip(converted.split('\n')) {
            let mut it = to.chars();
            if let (Some(t), None) = (it.next(), it.next())
                && t != *from
            {
                map.insert(*from, t);
            }
        }
        let mut dense: Vec<char> = dense_identity();
        map.retain(|from, to| {
            let u = *from as u32;
            if (DENSE_START..=DENSE_END).contains(&u) {
                dense[(u - DENSE_START) as usize] = *to;
                false
            } else {
                true
            }
        });
        T2s { dense, sparse: map }
    })
}

/// Converts Simplified Chinese text to Traditional (for zh-TW display).
pub fn to_traditional(input: &str) -> String {
    static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
    match S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2tw).ok()) {
        Some(opencc) => opencc.convert(input),
        None => input.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_case_punctuation_and_spaces() {
        assert_eq!(normalize("ＡＢＣ，ｄｅｆ！ 1２3").text, "abcdef123");
        assert_eq!(normalize("不 知 道。").text, "不知道");
    }

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(normalize("對不起，請稍等").text, "对不起请稍等");
        assert_eq!(normalize("麗江花園物業管理處").text, "丽江花园物业管理处");
    }

    #[test]
    fn keeps_a_map_to_original_characters() {
        let n = normalize("您好， 請稍等！");
        assert_eq!(n.text, "您好请稍等");
        // "请稍等" is normalised chars 2..5, original chars 4..7
        assert_eq!(n.original_span(2, 5), (4, 7));
        assert_eq!(n.char_at_byte(n.text.find("请").unwrap()), 2);
    }

    #[test]
    fn drops_emoji_and_controls() {
        assert_eq!(normalize("好😀\u{0}的\u{200b}").text, "好的");
    }

    #[test]
    fn converts_to_traditional() {
        assert_eq!(to_traditional("对不起，请稍等"), "對不起，請稍等");
    }
}
