//! Diagnostics for trainers: what is wrong in which file, at which line and
//! column, and how to fix it. Owns [`SourceFile`] (a file as read, for
//! snippets), [`Diagnostic`] and its typed [`Code`]. The words live in the
//! fluent files (`diag-<code>` and `diag-<code>-help`); a diagnostic carries
//! the code, the place and the arguments, and [`Diagnostic::message`] puts
//! them into words.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::i18n::{Arg, Messages};

/// What is wrong, as a code. Each has `diag-<key>` and `diag-<key>-help`
/// messages in every locale (a test checks this), and the key is what
/// `validate --json` and the tests name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Code {
    /// `io`
    Io,
    /// `file-too-large`
    FileTooLarge,
    /// `not-a-file`
    NotAFile,
    /// `link-outside`
    LinkOutside,
    /// `invalid-utf8`
    InvalidUtf8,
    /// `nul-byte`
    NulByte,
    /// `control-character`
    ControlCharacter,
    /// `syntax`
    Syntax,
    /// `unknown-field`
    UnknownField,
    /// `missing-field`
    MissingField,
    /// `duplicate-field`
    DuplicateField,
    /// `unknown-variant`
    UnknownVariant,
    /// `wrong-type`
    WrongType,
    /// `too-deep`
    TooDeep,
    /// `duplicate-id`
    DuplicateId,
    /// `no-phrases`
    NoPhrases,
    /// `empty-phrase`
    EmptyPhrase,
    /// `id-filename`
    IdFilename,
    /// `bad-pass-mark`
    BadPassMark,
    /// `unknown-rule-set`
    UnknownRuleSet,
    /// `unknown-speaker`
    UnknownSpeaker,
    /// `bad-time-limit`
    BadTimeLimit,
    /// `no-prompt`
    NoPrompt,
    /// `ending-with-prompt`
    EndingWithPrompt,
    /// `unknown-rule`
    UnknownRule,
    /// `no-options`
    NoOptions,
    /// `no-good-option`
    NoGoodOption,
    /// `no-branch`
    NoBranch,
    /// `non-exhaustive`
    NonExhaustive,
    /// `dangling-ref`
    DanglingRef,
    /// `unknown-option`
    UnknownOption,
    /// `timeout-without-limit`
    TimeoutWithoutLimit,
    /// `unreachable`
    Unreachable,
    /// `dead-end`
    DeadEnd,
    /// `bad-example`
    BadExample,
    /// `example-mismatch`
    ExampleMismatch,
    /// `model-fails`
    ModelFails,
    /// `bad-pattern`
    BadPattern,
    /// `pattern-too-wide`
    PatternTooWide,
    /// `too-many-phrases`
    TooManyPhrases,
    /// `echo-without-number`
    EchoWithoutNumber,
    /// `curriculum-id-filename`
    CurriculumIdFilename,
    /// `unknown-scenario`
    UnknownScenario,
    /// `empty-module`
    EmptyModule,
    /// `bad-gate`
    BadGate,
    /// `bad-validity`
    BadValidity,
    /// `empty-mapping`
    EmptyMapping,
    /// `unknown-skill`
    UnknownSkill,
    /// `bad-drill-policy`
    BadDrillPolicy,
    /// `firm-id-filename`
    FirmIdFilename,
}

impl Code {
    /// Every code, in the order of the reference in docs/scenario-format.md.
    pub const ALL: [Code; 50] = [
        Code::Io,
        Code::FileTooLarge,
        Code::NotAFile,
        Code::LinkOutside,
        Code::InvalidUtf8,
        Code::NulByte,
        Code::ControlCharacter,
        Code::Syntax,
        Code::UnknownField,
        Code::MissingField,
        Code::DuplicateField,
        Code::UnknownVariant,
        Code::WrongType,
        Code::TooDeep,
        Code::DuplicateId,
        Code::NoPhrases,
        Code::EmptyPhrase,
        Code::IdFilename,
        Code::BadPassMark,
        Code::UnknownRuleSet,
        Code::UnknownSpeaker,
        Code::BadTimeLimit,
        Code::NoPrompt,
        Code::EndingWithPrompt,
        Code::UnknownRule,
        Code::NoOptions,
        Code::NoGoodOption,
        Code::NoBranch,
        Code::NonExhaustive,
        Code::DanglingRef,
        Code::UnknownOption,
        Code::TimeoutWithoutLimit,
        Code::Unreachable,
        Code::DeadEnd,
        Code::BadExample,
        Code::ExampleMismatch,
        Code::ModelFails,
        Code::BadPattern,
        Code::PatternTooWide,
        Code::TooManyPhrases,
        Code::EchoWithoutNumber,
        Code::CurriculumIdFilename,
        Code::UnknownScenario,
        Code::EmptyModule,
        Code::BadGate,
        Code::BadValidity,
        Code::EmptyMapping,
        Code::UnknownSkill,
        Code::BadDrillPolicy,
        Code::FirmIdFilename,
    ];

    /// The stable kebab-case key.
    pub fn key(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::FileTooLarge => "file-too-large",
            Code::NotAFile => "not-a-file",
            Code::LinkOutside => "link-outside",
            Code::InvalidUtf8 => "invalid-utf8",
            Code::NulByte => "nul-byte",
            Code::ControlCharacter => "control-character",
            Code::Syntax => "syntax",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::DuplicateField => "duplicate-field",
            Code::UnknownVariant => "unknown-variant",
            Code::WrongType => "wrong-type",
            Code::TooDeep => "too-deep",
            Code::DuplicateId => "duplicate-id",
            Code::NoPhrases => "no-phrases",
            Code::EmptyPhrase => "empty-phrase",
            Code::IdFilename => "id-filename",
            Code::BadPassMark => "bad-pass-mark",
            Code::UnknownRuleSet => "unknown-rule-set",
            Code::UnknownSpeaker => "unknown-speaker",
            Code::BadTimeLimit => "bad-time-limit",
            Code::NoPrompt => "no-prompt",
            Code::EndingWithPrompt => "ending-with-prompt",
            Code::UnknownRule => "unknown-rule",
            Code::NoOptions => "no-options",
            Code::NoGoodOption => "no-good-option",
            Code::NoBranch => "no-branch",
            Code::NonExhaustive => "non-exhaustive",
            Code::DanglingRef => "dangling-ref",
            Code::UnknownOption => "unknown-option",
            Code::TimeoutWithoutLimit => "timeout-without-limit",
            Code::Unreachable => "unreachable",
            Code::DeadEnd => "dead-end",
            Code::BadExample => "bad-example",
            Code::ExampleMismatch => "example-mismatch",
            Code::ModelFails => "model-fails",
            Code::BadPattern => "bad-pattern",
            Code::PatternTooWide => "pattern-too-wide",
            Code::TooManyPhrases => "too-many-phrases",
            Code::EchoWithoutNumber => "echo-without-number",
            Code::CurriculumIdFilename => "curriculum-id-filename",
            Code::UnknownScenario => "unknown-scenario",
            Code::EmptyModule => "empty-module",
            Code::BadGate => "bad-gate",
            Code::BadValidity => "bad-validity",
            Code::EmptyMapping => "empty-mapping",
            Code::UnknownSkill => "unknown-skill",
            Code::BadDrillPolicy => "bad-drill-policy",
            Code::FirmIdFilename => "firm-id-filename",
        }
    }
}

impl From<Code> for &'static str {
    fn from(code: Code) -> &'static str {
        code.key()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Largest scenario or rule-set file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Whether a diagnostic stops the file from being played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file (or the scenario in it) cannot be played until it is fixed.
    Error,
    /// Worth a look; the scenario still plays.
    Warning,
}

/// A file as read from disk, kept for snippets.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where it was read from (as given, not canonicalised).
    pub path: PathBuf,
    /// The whole text.
    pub text: Arc<str>,
    /// Line starts and `field: "value"` places, found in one pass when first
    /// asked for, so locating a node or a diagnostic does not scan the file
    /// again (validation was quadratic in the file's size).
    index: Arc<OnceLock<SourceIndex>>,
}

impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl Eq for SourceFile {}

/// Where a file's lines start, and the first `field: "value"` of each pair.
#[derive(Debug)]
struct SourceIndex {
    line_starts: Vec<usize>,
    fields: HashMap<(String, String), (usize, usize)>,
}

impl SourceIndex {
    fn new(text: &str) -> SourceIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let bytes = text.as_bytes();
        let mut fields = HashMap::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                }
                b'"' => {
                    let start = i;
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j] != b'"' {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    if j >= bytes.len() {
                        break; // an unclosed string: the parser reports it
                    }
                    let end = j + 1;
                    let before = text[..start].trim_end();
                    if let Some(rest) = before.strip_suffix(':') {
                        let rest = rest.trim_end();
                        let ident = rest
                            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .map_or(0, |k| k + 1);
                        if ident < rest.len() {
                            let key = (rest[ident..].to_string(), text[start + 1..j].to_string());
                            fields.entry(key).or_insert((start, end));
                        }
                    }
                    i = end;
                }
                _ => i += 1,
            }
        }
        SourceIndex { line_starts, fields }
    }
}

impl SourceFile {
    /// A file from its path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { path: path.into(), text: text.into(), index: Arc::default() }
    }

    fn index(&self) -> &SourceIndex {
        self.index.get_or_init(|| SourceIndex::new(&self.text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let starts = &self.index().line_starts;
        let line = starts.partition_point(|&s| s <= byte);
        let line_start = starts[line - 1];
        let col = self.text[line_start..byte].chars().count() + 1;
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

    /// Byte span of the first `field: "value"` (e.g. a node's `id: "start"`).
    pub fn find_field(&self, field: &str, value: &str) -> Option<(usize, usize)> {
        self.index().fields.get(&(field.to_string(), value.to_string())).copied()
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
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong; names the fluent message.
    pub code: Code,
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Byte span in the file, for the snippet.
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
    /// Arguments of the fluent message.
    #[serde(serialize_with = "args_as_strings")]
    pub args: Vec<(&'static str, Arg)>,
    /// The file's text, for the snippet.
    #[serde(skip)]
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    /// An error at a byte span of a file.
    pub fn at(file: &SourceFile, span: Option<(usize, usize)>, code: Code) -> Self {
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
    pub fn file(path: &Path, line: usize, col: usize, code: Code) -> Self {
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

    /// Adds an argument of the message: text stays text, and only a number
    /// type becomes a fluent number.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Makes it a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Makes it a warning when `yes`.
    pub fn warning_if(self, yes: bool) -> Self {
        if yes { self.warning() } else { self }
    }

    /// Is it an error (not a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message, and how to fix it, in the language of `m`.
    pub fn message(&self, m: &Messages) -> (String, Option<String>) {
        // `kind` is a stable key (`rule set`, `fifo`) in JSON; in words it
        // is the locale's name for it (`kind-rule-set`).
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, value)| match (*name, value) {
                ("kind", Arg::Text(key)) => {
                    let id = format!("kind-{}", key.replace(' ', "-"));
                    (*name, if m.has(&id) { Arg::Text(m.get(&id)) } else { value.clone() })
                }
                _ => (*name, value.clone()),
            })
            .collect();
        let message = m.format(&format!("diag-{}", self.code), &args);
        let help_id = format!("diag-{}-help", self.code);
        let help = m.has(&help_id).then(|| m.format(&help_id, &args));
        (message, help)
    }
}

fn args_as_strings<S: serde::Serializer>(
    args: &[(&'static str, Arg)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = serializer.serialize_seq(Some(args.len()))?;
    for (name, value) in args {
        seq.serialize_element(&(name, value.to_string()))?;
    }
    seq.end()
}

/// Reads a file as UTF-8 text, refusing huge files and invalid UTF-8 with a
/// diagnostic that points at the problem.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    use std::io::Read as _;
    let io =
        |e: std::io::Error| Diagnostic::file(path, 1, 1, Code::Io).arg("detail", e.to_string());
    let meta = std::fs::metadata(path).map_err(io)?;
    // A FIFO would block the open, a device never ends, a folder has no text.
    if !meta.is_file() {
        return Err(Diagnostic::file(path, 1, 1, Code::NotAFile).arg("kind", file_kind(&meta)));
    }
    // Read at most the cap whatever the metadata says (/proc files say 0).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    source_from_bytes(path, bytes)
}

/// What a path that is not a regular file is, in a word for the message.
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "folder";
    }
    if t.is_symlink() {
        return "link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "fifo";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    "other"
}

/// Would a terminal or a text box act on `c` rather than show it?
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first control or bidi character in a file, raw or written as a RON
/// escape (`\0`, `\x1b`, `\u{1b}`, `\u{202e}`): its byte span and the
/// character. Line comments are skipped.
fn control_character(text: &str) -> Option<(usize, usize, char)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'\\' => {
                let rest = &text[i + 1..];
                let escaped = if rest.starts_with('0') {
                    Some(('\0', 2))
                } else if let Some(hex) = rest.strip_prefix('x') {
                    hex.get(..2)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .map(|c| (c, 4))
                } else if let Some(body) = rest.strip_prefix("u{") {
                    body.find('}').and_then(|close| {
                        u32::from_str_radix(&body[..close], 16)
                            .ok()
                            .and_then(char::from_u32)
                            .map(|c| (c, close + 4))
                    })
                } else {
                    None
                };
                match escaped {
                    Some((c, len)) if is_hidden_control(c) => return Some((i, i + len, c)),
                    _ => i += 2,
                }
                continue;
            }
            _ => {}
        }
        let c = text[i..].chars().next()?;
        if is_hidden_control(c) {
            return Some((i, i + c.len_utf8(), c));
        }
        i += c.len_utf8();
    }
    None
}

/// Checks bytes for UTF-8 and NUL, giving line:col of the first bad byte.
pub fn source_from_bytes(path: &Path, mut bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    // A byte-order mark (Notepad, Word) is not part of the text.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    // Old Mac line ends: a lone CR ends a line, as it does in the editor.
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file(path, 1, 1, Code::FileTooLarge)
            .arg("size", bytes.len())
            .arg("limit", MAX_FILE_BYTES));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::new(path, text);
            if let Some(nul) = file.text.find('\0') {
                let (line, col) = file.line_col(nul);
                let mut d = Diagnostic::at(&file, Some((nul, nul + 1)), Code::NulByte);
                (d.line, d.col) = (line, col);
                return Err(d);
            }
            if let Some((start, end, c)) = control_character(&file.text) {
                let (line, col) = file.line_col(start);
                let mut d = Diagnostic::at(&file, Some((start, end)), Code::ControlCharacter)
                    .arg("char", format!("U+{:04X}", c as u32));
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
            Err(Diagnostic::file(path, line, col, Code::InvalidUtf8).arg("byte", good))
        }
    }
}
