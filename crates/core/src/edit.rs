//! Edits courtesy makes to a trainer's scenario file, keeping its comments
//! and layout: appending the examples a review proposed. The text is edited
//! in place and parsed again before it is used; an edit that would not
//! parse as the same scenario with the examples added is refused.

use crate::diagnostic::SourceFile;
use crate::model::{Example, Scenario, Verdict};

/// Why examples could not be added to a scenario file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file does not parse as a scenario now.
    #[error("the scenario file does not parse: {0}")]
    Unparsed(String),
    /// The edited text would not parse with the examples added (a bug).
    #[error("the edited file would not parse: {0}")]
    Broken(String),
}

/// An example as one line of RON: `Example(node: "greet", reply: "…",
/// expect: Pass, review: "…"),`.
pub fn example_line(example: &Example) -> String {
    let verdict = match example.expect {
        Verdict::Pass => "Pass",
        Verdict::Fail => "Fail",
    };
    let mut line = format!(
        "Example(node: {}, reply: {}, expect: {verdict}",
        quote(&example.node),
        quote(&example.reply)
    );
    if !example.hits.is_empty() {
        let hits: Vec<String> = example.hits.iter().map(|h| quote(h)).collect();
        line.push_str(&format!(", hits: [{}]", hits.join(", ")));
    }
    if example.near_miss {
        line.push_str(", near_miss: true");
    }
    if let Some(review) = &example.review {
        line.push_str(&format!(", review: {}", quote(review)));
    }
    line.push_str("),");
    line
}

/// The head of a file of proposed examples, `scenarios/proposed/<id>.ron`.
const PROPOSALS_HEAD: &str = "// Examples proposed by reviews of contested verdicts.\n\
// `courtesy review merge <scenario>` appends them to the scenario's examples.\n[\n]\n";

/// A file of proposed examples (`existing`, or a new one) with `example`
/// added at the end of its list.
pub fn add_proposal(existing: Option<&str>, example: &Example) -> String {
    let mut text = existing.unwrap_or(PROPOSALS_HEAD).to_string();
    let close = text.rfind(']').unwrap_or(text.len());
    text.insert_str(close, &format!("    {}\n", example_line(example)));
    text
}

/// Adds `example` to the proposals file at `path` (made, with its folder,
/// if it is not there).
pub fn propose_in_file(path: &std::path::Path, example: &Example) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    std::fs::write(path, add_proposal(existing.as_deref(), example))
}

/// A RON string literal: quotes, backslashes and control characters escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The scenario file's text with `examples` appended to its `examples`
/// list (made if it has none), each on a line of its own.
pub fn add_examples(file: &SourceFile, examples: &[Example]) -> Result<String, EditError> {
    let before: Scenario = crate::load::parse(file)
        .map_err(|d| EditError::Unparsed(format!("{}:{}", d.line, d.col)))?;
    let text = &*file.text;
    let lines: String = examples.iter().map(|e| format!("        {}\n", example_line(e))).collect();
    let edited = match top_level_field(text, "examples") {
        Some(open) => {
            let close =
                matching(text, open).ok_or_else(|| EditError::Unparsed("examples".into()))?;
            // Before the closing bracket, on a line of its own.
            let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
            let (at, indent_close) = if text[line_start..close].trim().is_empty() {
                (line_start, false)
            } else {
                (close, true)
            };
            let mut out = String::with_capacity(text.len() + lines.len() + 8);
            out.push_str(&text[..at]);
            if indent_close {
                out.push('\n');
            }
            out.push_str(&lines);
            if indent_close {
                out.push_str("    ");
            }
            out.push_str(&text[at..]);
            out
        }
        None => {
            // Before the scenario's closing parenthesis.
            let close = text.rfind(')').ok_or_else(|| EditError::Unparsed(")".into()))?;
            let body_end = text[..close].trim_end().len();
            let comma = if text[..body_end].ends_with(',') { "" } else { "," };
            format!(
                "{}{comma}\n    examples: [\n{lines}    ],\n{}",
                &text[..body_end],
                &text[close..]
            )
        }
    };
    let check = SourceFile::new(file.path.clone(), edited.as_str());
    let after: Scenario = crate::load::parse(&check)
        .map_err(|d| EditError::Broken(format!("{}:{}", d.line, d.col)))?;
    if after.examples.len() != before.examples.len() + examples.len()
        || after.examples[before.examples.len()..] != *examples
    {
        return Err(EditError::Broken("examples".into()));
    }
    Ok(edited)
}

/// The byte offset of the `[` that opens a field of the scenario itself
/// (depth 1), outside strings and comments.
fn top_level_field(text: &str, field: &str) -> Option<usize> {
    let mut depth = 0i32;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 1);
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ if depth == 1 && text[i..].starts_with(field) => {
                let before_ok =
                    i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
                let rest = text[i + field.len()..].trim_start();
                if before_ok && rest.starts_with(':') {
                    let after_colon = rest[1..].trim_start();
                    if after_colon.starts_with('[') {
                        return Some(text.len() - after_colon.len());
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset of the bracket closing the one at `open`.
fn matching(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset of the quote closing the string that opens at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'"' => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(reply: &str, expect: Verdict) -> Example {
        Example {
            node: "greet".into(),
            reply: reply.into(),
            expect,
            hits: vec![],
            near_miss: false,
            review: Some("复核：张伟 2026-11-27".into()),
        }
    }

    #[test]
    fn examples_are_appended_to_the_list_keeping_comments() {
        let text = std::fs::read_to_string("../../scenarios/phone-three-rings.ron").unwrap();
        let file = SourceFile::new("phone-three-rings.ron", text.as_str());
        let new = [
            example("您好，这里是丽江花园物业，请讲。", Verdict::Pass),
            example("喂？\"说\"\\吧\u{1b}", Verdict::Fail),
        ];
        let edited = add_examples(&file, &new).unwrap();
        assert!(edited.starts_with(&text[..text.find("examples:").unwrap()]), "head kept");
        let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with("//")).count();
        assert_eq!(comments(&edited), comments(&text));
        let parsed: Scenario =
            crate::load::parse(&SourceFile::new("x.ron", edited.as_str())).unwrap();
        assert_eq!(parsed.examples[parsed.examples.len() - 2..], new);
        // Twice is fine: the list grows again.
        let again = add_examples(&SourceFile::new("x.ron", edited.as_str()), &new).unwrap();
        assert_eq!(again.matches("复核：张伟").count(), 4);
    }

    #[test]
    fn a_scenario_without_examples_gets_the_field() {
        let text = std::fs::read_to_string("../../scenarios/phone-three-rings.ron").unwrap();
        let start = text.find("    examples: [").unwrap();
        let end = start + text[start..].find("    ],\n").unwrap() + "    ],\n".len();
        let bare = format!("{}{}", &text[..start], &text[end..]);
        let file = SourceFile::new("x.ron", bare.as_str());
        let edited = add_examples(&file, &[example("您好", Verdict::Pass)]).unwrap();
        let parsed: Scenario =
            crate::load::parse(&SourceFile::new("x.ron", edited.as_str())).unwrap();
        assert_eq!(parsed.examples.len(), 1);
    }

    /// The library with this text as phone-three-rings, and the shared rules.
    fn library_with(text: &str) -> crate::Library {
        let mut sources = vec![SourceFile::new("phone-three-rings.ron", text)];
        for entry in std::fs::read_dir("../../scenarios/phrases").unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            sources.push(SourceFile::new(path, text.as_str()));
        }
        crate::Library::from_sources(sources, Vec::new())
    }

    #[test]
    fn a_reviewed_example_the_rules_still_misjudge_is_a_warning() {
        let text = std::fs::read_to_string("../../scenarios/phone-three-rings.ron").unwrap();
        let file = SourceFile::new("phone-three-rings.ron", text.as_str());
        let mut wrong = example("喂，说吧！", Verdict::Pass);
        let edited = add_examples(&file, std::slice::from_ref(&wrong)).unwrap();
        let library = library_with(&edited);
        let mismatch: Vec<_> =
            library.diagnostics.iter().filter(|d| d.code == crate::Code::ExampleMismatch).collect();
        assert_eq!(mismatch.len(), 1);
        assert!(!mismatch[0].is_error());
        assert_eq!(
            edited.lines().nth(mismatch[0].line - 1).map(|l| l.contains("喂，说吧！\", e")),
            Some(true)
        );
        // The same example written by hand (no review) is an error.
        wrong.review = None;
        let edited = add_examples(&file, &[wrong]).unwrap();
        let library = library_with(&edited);
        assert!(
            library
                .diagnostics
                .iter()
                .any(|d| d.code == crate::Code::ExampleMismatch && d.is_error())
        );
    }

    #[test]
    fn proposals_pile_up_in_a_list_that_parses() {
        let one = add_proposal(None, &example("您好", Verdict::Pass));
        let two = add_proposal(Some(&one), &example("您好，请讲", Verdict::Pass));
        let parsed: Vec<Example> =
            crate::load::parse(&SourceFile::new("p.ron", two.as_str())).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1].reply, "您好，请讲");
        assert!(two.starts_with("// Examples proposed"));
    }

    #[test]
    fn a_broken_file_is_refused() {
        let file = SourceFile::new("x.ron", "Scenario(id: \"x\",");
        assert!(matches!(add_examples(&file, &[]), Err(EditError::Unparsed(_))));
    }
}
