//! Diagnostics for trainers: what is wrong in which file, at which line and
//! column, and how to fix it. The message words live in the fluent files
//! (`diag-<code>` and `diag-<code>-help`); a diagnostic carries the code, the
//! place and the arguments.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// Every diagnostic code; each has `diag-<code>` and `diag-<code>-help`
/// messages in every locale (a test checks this).
pub const CODES: &[&str] = &[
    "io",
    "file-too-large",
    "invalid-utf8",
    "nul-byte",
    "syntax",
    "unknown-field",
    "missing-field",
    "duplicate-field",
    "unknown-variant",
    "wrong-type",
    "too-deep",
    "duplicate-id",
    "no-phrases",
    "empty-phrase",
    "id-filename",
    "bad-pass-mark",
    "unknown-rule-set",
    "unknown-speaker",
    "bad-time-limit",
    "no-prompt",
    "ending-with-prompt",
    "unknown-rule",
    "no-options",
    "no-good-option",
    "no-branch",
    "non-exhaustive",
    "dangling-ref",
    "unknown-option",
    "timeout-without-limit",
    "unreachable",
    "dead-end",
    "bad-example",
    "example-mismatch",
    "model-fails",
];

/// Largest scenario or rule-set file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A file as read from disk, kept for snippets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { path: path.into(), text: text.into() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, byte)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// Byte offset of a 1-based line and character column.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let mut offset = 0;
        for (i, l) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let within: usize = l.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
                return offset + within;
            }
            offset += l.len();
        }
        self.text.len()
    }

    /// Byte span of the first `"value"` (a quoted string) at or after `from`.
    pub fn find_string(&self, value: &str, from: usize) -> Option<(usize, usize)> {
        let quoted = format!("\"{value}\"");
        let from = floor_char_boundary(&self.text, from.min(self.text.len()));
        self.text[from..].find(&quoted).map(|i| (from + i, from + i + quoted.len()))
    }

    /// Byte span of `field: "value"` (e.g. a node's `id: "start"`).
    pub fn find_field(&self, field: &str, value: &str) -> Option<(usize, usize)> {
        let mut from = 0;
        while let Some((start, end)) = self.find_string(value, from) {
            let before = self.text[..start].trim_end();
            if let Some(rest) = before.strip_suffix(':')
                && rest.trim_end().ends_with(field)
            {
                return Some((start, end));
            }
            from = end;
        }
        None
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Short kebab-case code, e.g. `dangling-ref`; names the fluent message.
    pub code: &'static str,
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    /// Byte span in the file, for the snippet.
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
    /// Arguments of the fluent message.
    pub args: Vec<(&'static str, String)>,
    #[serde(skip)]
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    /// An error at a byte span of a file.
    pub fn at(file: &SourceFile, span: Option<(usize, usize)>, code: &'static str) -> Self {
        debug_assert!(CODES.contains(&code), "undeclared diagnostic code {code}");
        let (line, col) = span.map_or((1, 1), |(s, _)| file.line_col(s));
        Diagnostic {
            severity: Severity::Error,
            code,
            path: file.path.clone(),
            line,
            col,
            span,
            args: Vec::new(),
            source: Some(file.text.clone()),
        }
    }

    /// An error about a file that could not be read as text.
    pub fn file(path: &Path, line: usize, col: usize, code: &'static str) -> Self {
        debug_assert!(CODES.contains(&code), "undeclared diagnostic code {code}");
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.to_path_buf(),
            line,
            col,
            span: None,
            args: Vec::new(),
            source: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Reads a file as UTF-8 text, refusing huge files and invalid UTF-8 with a
/// diagnostic that points at the problem.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    let meta =
        std::fs::metadata(path).map_err(|e| Diagnostic::file(path, 1, 1, "io").arg("detail", e))?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(Diagnostic::file(path, 1, 1, "file-too-large")
            .arg("size", meta.len())
            .arg("limit", MAX_FILE_BYTES));
    }
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::file(path, 1, 1, "io").arg("detail", e))?;
    source_from_bytes(path, bytes)
}

/// Checks bytes for UTF-8 and NUL, giving line:col of the first bad byte.
pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file(path, 1, 1, "file-too-large")
            .arg("size", bytes.len())
            .arg("limit", MAX_FILE_BYTES));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::new(path, text);
            if let Some(nul) = file.text.find('\0') {
                let (line, col) = file.line_col(nul);
                let mut d = Diagnostic::at(&file, Some((nul, nul + 1)), "nul-byte");
                (d.line, d.col) = (line, col);
                return Err(d);
            }
            Ok(file)
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            Err(Diagnostic::file(path, line, col, "invalid-utf8").arg("byte", good))
        }
    }
}
