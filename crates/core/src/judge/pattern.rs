//! Phrase patterns a trainer can write: `[…]` is optional and `{…|…}` is one
//! of several, nested as deep as needed — `请[您][先]{稍等|稍候|等一下}` is
//! twelve phrases. A pattern expands into plain phrases, which the one
//! automaton compiles; `validate` refuses a pattern that does not close or
//! expands beyond [`MAX_VARIANTS`].

/// The most phrases one pattern may expand into.
pub const MAX_VARIANTS: usize = 256;

/// Why a pattern cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// A `[` or `{` without its closing mark, or a stray `]`, `}` or `|`.
    #[error("unbalanced `{0}`")]
    Unbalanced(char),
    /// More than [`MAX_VARIANTS`] phrases.
    #[error("expands into more than {MAX_VARIANTS} phrases")]
    TooWide,
}

/// Every phrase a pattern stands for, in order, without duplicates. A
/// phrase with no pattern marks is itself.
pub fn expand(pattern: &str) -> Result<Vec<String>, PatternError> {
    if !pattern.contains(['[', ']', '{', '}', '|']) {
        return Ok(vec![pattern.to_string()]);
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut at = 0;
    let out = sequence(&chars, &mut at, None)?;
    if at < chars.len() {
        return Err(PatternError::Unbalanced(chars[at]));
    }
    let mut unique: Vec<String> = Vec::with_capacity(out.len());
    for phrase in out {
        if !unique.contains(&phrase) {
            unique.push(phrase);
        }
    }
    Ok(unique)
}

/// A run of items up to `until` (or the end); stops before `|` inside `{}`.
fn sequence(
    chars: &[char],
    at: &mut usize,
    until: Option<char>,
) -> Result<Vec<String>, PatternError> {
    let mut out = vec![String::new()];
    while *at < chars.len() {
        let c = chars[*at];
        let options: Vec<String> = match c {
            ']' | '}' | '|' if until.is_some() => return Ok(out),
            ']' | '}' | '|' => return Err(PatternError::Unbalanced(c)),
            '[' => {
                *at += 1;
                let mut inner = sequence(chars, at, Some(']'))?;
                close(chars, at, ']', '[')?;
                inner.insert(0, String::new());
                inner
            }
            '{' => {
                *at += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.extend(sequence(chars, at, Some('}'))?);
                    match chars.get(*at) {
                        Some('|') => *at += 1,
                        _ => break,
                    }
                }
                close(chars, at, '}', '{')?;
                alternatives
            }
            _ => {
                *at += 1;
                vec![c.to_string()]
            }
        };
        if out.len() * options.len() > MAX_VARIANTS {
            return Err(PatternError::TooWide);
        }
        out = out
            .iter()
            .flat_map(|head| options.iter().map(move |tail| format!("{head}{tail}")))
            .collect();
    }
    Ok(out)
}

fn close(chars: &[char], at: &mut usize, want: char, opened: char) -> Result<(), PatternError> {
    if chars.get(*at) == Some(&want) {
        *at += 1;
        Ok(())
    } else {
        Err(PatternError::Unbalanced(opened))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_parts_and_alternatives_expand() {
        let all = expand("请[您][先]{稍等|稍候|等一下}").unwrap();
        assert_eq!(all.len(), 12);
        assert!(all.contains(&"请稍等".to_string()));
        assert!(all.contains(&"请您先等一下".to_string()));
        assert_eq!(expand("{对不起|[实在]抱歉}").unwrap(), ["对不起", "抱歉", "实在抱歉"]);
        assert_eq!(expand("您好").unwrap(), ["您好"]);
    }

    #[test]
    fn unbalanced_and_too_wide_patterns_are_refused() {
        assert_eq!(expand("请[您稍等"), Err(PatternError::Unbalanced('[')));
        assert_eq!(expand("请{稍等|稍候"), Err(PatternError::Unbalanced('{')));
        assert_eq!(expand("稍等]"), Err(PatternError::Unbalanced(']')));
        assert_eq!(expand("a|b"), Err(PatternError::Unbalanced('|')));
        let wide = "{a|b|c|d}".repeat(5);
        assert_eq!(expand(&wide), Err(PatternError::TooWide));
    }
}
