//! Text normalisation for matching: NFKC, Traditional→Simplified folding,
//! Taiwan wording to the mainland's, lower case, and dropping
//! punctuation, symbols and white space — while
//! remembering, for every normalised character, which character of the
//! ORIGINAL text it came from, so hits can be reported as original spans.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
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
        // Invisible: zero-width and bidi marks, and the Hangul fillers, which
        // are letters and would otherwise split 不\u{3164}知道 out of a phrase.
        if is_default_ignorable(c) {
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
    fold_vocabulary(out)
}

/// Taiwan wording and the mainland wording the rules are written in, after
/// the characters are folded to Simplified (so 身分證 arrives as 身分证).
/// Phrase-level, as OpenCC's Taiwan-to-mainland conversion does for
/// vocabulary; longer entries win.
const TW_VOCABULARY: &[(&str, &str)] = &[
    ("身分证", "身份证"),
    ("身分", "身份"),
    ("影印", "复印"),
    ("影本", "复印件"),
    ("正本", "原件"),
    ("资讯", "信息"),
    ("讯息", "信息"),
    ("软体", "软件"),
    ("网路", "网络"),
    ("品质", "质量"),
    ("联络", "联系"),
    ("连络", "联系"),
    ("修缮", "维修"),
    ("警卫", "保安"),
    ("屋主", "业主"),
    ("公布栏", "公告栏"),
    ("公佈栏", "公告栏"),
    ("租屋", "租房"),
    ("仲介", "中介"),
    ("购屋", "购房"),
    ("交屋", "交房"),
    ("一吋", "一寸"),
    ("缴款", "交款"),
    ("计程车", "出租车"),
    ("捷运", "地铁"),
    ("行动电话", "手机"),
    ("等著", "等着"),
    ("拿著", "拿着"),
    ("看著", "看着"),
    ("听著", "听着"),
    ("跟著", "跟着"),
    ("留著", "留着"),
    ("收著", "收着"),
    ("坐著", "坐着"),
    ("急著", "急着"),
];

fn tw_vocabulary() -> &'static Option<AhoCorasick> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(TW_VOCABULARY.iter().map(|(tw, _)| tw))
            .ok()
    })
}

/// Replaces Taiwan wording in a normalised text; each new character keeps
/// the origin of the character it replaces (the last one when it is longer).
fn fold_vocabulary(n: Normalized) -> Normalized {
    let Some(automaton) = tw_vocabulary() else { return n };
    if !automaton.is_match(&n.text) {
        return n;
    }
    let mut out = Normalized {
        text: String::with_capacity(n.text.len() + 8),
        byte_to_char: Vec::with_capacity(n.byte_to_char.len() + 8),
        origin: Vec::with_capacity(n.origin.len() + 4),
    };
    let copy = |out: &mut Normalized, from: usize, to: usize| {
        for (k, c) in n.text[from..to].chars().enumerate() {
            let at = n.char_at_byte(from) + k;
            push(out, c, n.origin[at]);
        }
    };
    let mut last = 0;
    for m in automaton.find_iter(&n.text) {
        copy(&mut out, last, m.start());
        let origins = &n.origin[n.char_at_byte(m.start())..n.char_at_byte(m.end())];
        for (k, c) in TW_VOCABULARY[m.pattern().as_usize()].1.chars().enumerate() {
            push(&mut out, c, origins[k.min(origins.len() - 1)]);
        }
        last = m.end();
    }
    copy(&mut out, last, n.text.len());
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

/// Unicode's Default_Ignorable_Code_Point: characters a renderer shows as
/// nothing. Tested against Unicode's list in tests/data/default-ignorable.txt.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
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
    fn folds_taiwan_wording_and_keeps_the_map() {
        let n = normalize("請帶身分證影本，您等著喔");
        assert_eq!(n.text, "请带身份证复印件您等着喔");
        // 复印件 (3 chars) came from 影本 (original chars 5..7).
        let at = n.text.chars().position(|c| c == '复').unwrap();
        assert_eq!(n.original_span(at, at + 3), (5, 7));
        assert_eq!(normalize("公佈欄").text, "公告栏");
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
