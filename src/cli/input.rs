//! Reading replies from standard input, one per line, bounded: a line is
//! never buffered past the reply limit (an endless line is skipped to its
//! end, not kept in memory), and a read error ends the reading instead of
//! repeating forever (`check < /tmp` reads a folder).

use std::io::{self, BufRead};

/// One line of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The line's text, without its `\n` or `\r\n`.
    Text(String),
    /// Longer than the limit; only its length in characters was counted.
    TooLong {
        /// Characters in the line.
        chars: usize,
    },
    /// Not UTF-8.
    InvalidUtf8,
}

/// The lines of `reader`, each kept only up to `limit_chars` characters.
pub struct Lines<R> {
    reader: R,
    limit_chars: usize,
    ended: bool,
}

impl<R: BufRead> Lines<R> {
    /// Lines of at most `limit_chars` characters are read whole.
    pub fn new(reader: R, limit_chars: usize) -> Self {
        Lines { reader, limit_chars, ended: false }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<io::Result<Line>> {
        if self.ended {
            return None;
        }
        // A UTF-8 character is at most 4 bytes.
        let limit_bytes = self.limit_chars.saturating_mul(4).saturating_add(2);
        let mut kept: Vec<u8> = Vec::new();
        let (mut chars, mut read_any) = (0usize, false);
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.ended = true;
                    return Some(Err(e));
                }
            };
            if available.is_empty() {
                self.ended = true;
                if !read_any {
                    return None;
                }
                break;
            }
            read_any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let part = &available[..newline.unwrap_or(available.len())];
            chars += part.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            if kept.len() < limit_bytes {
                kept.extend_from_slice(&part[..part.len().min(limit_bytes - kept.len())]);
            }
            let used = part.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            if newline.is_some() {
                break;
            }
        }
        if kept.last() == Some(&b'\r') {
            kept.pop();
            chars -= 1;
        }
        if chars > self.limit_chars {
            return Some(Ok(Line::TooLong { chars }));
        }
        Some(Ok(String::from_utf8(kept).map_or(Line::InvalidUtf8, Line::Text)))
    }
}

#[cfg(test)]
mod tests {
    use super::{Line, Lines};

    fn read(input: &[u8], limit: usize) -> Vec<Line> {
        Lines::new(input, limit).map(Result::unwrap).collect()
    }

    #[test]
    fn lines_are_split_on_newlines_and_lose_their_carriage_returns() {
        let lines = read("您好\r\n请稍等\n\n再见".as_bytes(), 10);
        let texts = ["您好", "请稍等", "", "再见"].map(|t| Line::Text(t.into()));
        assert_eq!(lines, texts);
    }

    #[test]
    fn a_line_past_the_limit_is_counted_not_kept() {
        let long = format!("{}\n好\n", "长".repeat(50));
        assert_eq!(
            read(long.as_bytes(), 10),
            [Line::TooLong { chars: 50 }, Line::Text("好".into())]
        );
        assert_eq!(read("一二三".as_bytes(), 3), [Line::Text("一二三".into())]);
        assert_eq!(read(b"\xff\xfe\n", 10), [Line::InvalidUtf8]);
    }

    #[test]
    fn an_endless_line_is_read_in_bounded_memory() {
        // 200 MB of one line, never held: the reader keeps 42 bytes.
        let endless = std::io::Read::take(std::io::repeat(b'a'), 200 * 1024 * 1024);
        let mut lines = Lines::new(std::io::BufReader::new(endless), 10);
        assert_eq!(lines.next().unwrap().unwrap(), Line::TooLong { chars: 200 * 1024 * 1024 });
        assert!(lines.next().is_none());
    }

    #[test]
    fn a_read_error_ends_the_lines() {
        struct Broken;
        impl std::io::Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("Is a directory"))
            }
        }
        let mut lines = Lines::new(std::io::BufReader::new(Broken), 10);
        assert!(lines.next().unwrap().is_err());
        assert!(lines.next().is_none(), "no endless error loop");
    }
}
