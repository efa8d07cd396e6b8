//! The one way the command line writes to a terminal. Text is made safe to
//! show: control characters (ESC, BEL, CR, C1 …) and bidi controls (U+202E …)
//! from a scenario file or a trainee's reply are printed as `<U+001B>`, so no
//! text can move the cursor, retitle the window, hide a verdict or reverse a
//! line. JSON goes out as it is (serde escapes its controls). A closed
//! standard output (`courtesy list | head -1`) ends the program quietly with
//! success, as Unix tools do; a closed standard error is ignored.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Is `c` a character a terminal acts on rather than shows?
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character a terminal would act on written as `<U+XXXX>`.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts_on_terminal(c) {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where a [`Terminal`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stream {
    Out,
    Err,
}

/// A writer to standard output or standard error that escapes text (unless
/// it carries JSON) and handles a closed pipe. Write whole strings to it
/// (`write!`), not arbitrary byte chunks: put a `BufWriter` inside it, not
/// around it.
pub struct Terminal<W: Write> {
    inner: W,
    stream: Stream,
    escape: bool,
}

/// Text to standard output.
pub fn stdout() -> Terminal<io::Stdout> {
    Terminal { inner: io::stdout(), stream: Stream::Out, escape: true }
}

/// JSON to standard output: not escaped, a closed pipe still handled.
pub fn stdout_json() -> Terminal<io::Stdout> {
    Terminal { inner: io::stdout(), stream: Stream::Out, escape: false }
}

/// Text to standard error.
pub fn stderr() -> Terminal<io::Stderr> {
    Terminal { inner: io::stderr(), stream: Stream::Err, escape: true }
}

impl<W: Write> Terminal<W> {
    /// Wraps `inner`, which writes to standard output.
    pub fn over_stdout(inner: W, escape: bool) -> Self {
        Terminal { inner, stream: Stream::Out, escape }
    }

    fn handle(&self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(_) if self.stream == Stream::Err => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            other => other,
        }
    }
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = match (self.escape, std::str::from_utf8(buf)) {
            (true, Ok(text)) => self.inner.write_all(safe(text).as_bytes()),
            (true, Err(_)) => self.inner.write_all(safe(&String::from_utf8_lossy(buf)).as_bytes()),
            (false, _) => self.inner.write_all(buf),
        };
        self.handle(result).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.handle(result)
    }
}

/// Prints text to standard output.
pub fn print(text: &str) {
    let mut out = stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints JSON to standard output.
pub fn print_json(text: &str) {
    let mut out = stdout_json();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints text to standard error.
pub fn eprint(text: &str) {
    let _ = stderr().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn escape_sequences_and_bidi_controls_are_shown_not_obeyed() {
        assert_eq!(safe("通过 ✓"), "通过 ✓");
        assert_eq!(safe("a\u{1b}]0;pwned\u{7}b"), "a<U+001B>]0;pwned<U+0007>b");
        assert_eq!(safe("\u{1b}[8m藏\u{1b}[0m"), "<U+001B>[8m藏<U+001B>[0m");
        assert_eq!(safe("行\r覆盖"), "行<U+000D>覆盖");
        assert_eq!(safe("\u{9b}2J"), "<U+009B>2J");
        assert_eq!(safe("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(safe("一\n二\t三"), "一\n二\t三");
    }
}
