//! Shopper sheets as files: an XLSX (or XLS, ODS) workbook read with
//! calamine, or a CSV in UTF-8 (with or without a byte-order mark), UTF-16
//! or GB18030, decoded with encoding_rs, into the cells
//! `courtesy_core::shopper::read` understands; and the blank import
//! template a firm's mapping describes, written with rust_xlsxwriter.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader};
use courtesy_core::Messages;
use courtesy_core::shopper::{Cell, Field, ShopperFirm, Table};

/// Largest sheet file read, in bytes (a 10,000-row sheet is about 1 MB).
pub const MAX_SHEET_BYTES: u64 = 64 * 1024 * 1024;

/// Why a sheet file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// The file could not be opened or read.
    Open {
        /// The system's reason.
        reason: String,
    },
    /// A folder, FIFO or device, not a file.
    NotAFile,
    /// Larger than [`MAX_SHEET_BYTES`].
    TooLarge {
        /// Its size.
        bytes: u64,
    },
    /// Not a workbook calamine can read.
    NotASheet {
        /// What calamine said.
        reason: String,
    },
    /// A CSV neither UTF-8, UTF-16 nor GB18030.
    Encoding,
    /// The workbook has no worksheet.
    NoSheet,
    /// The template could not be written.
    Write {
        /// The reason.
        reason: String,
    },
}

impl SheetError {
    /// The error in words, in the reader's language.
    pub fn message(&self, m: &Messages) -> String {
        match self {
            SheetError::Open { reason } => {
                m.format("sheet-open", &[("reason", reason.as_str().into())])
            }
            SheetError::NotAFile => m.get("sheet-not-a-file"),
            SheetError::TooLarge { bytes } => m.format(
                "sheet-too-large",
                &[("mib", (bytes / (1024 * 1024)).into()), ("max", 64u64.into())],
            ),
            SheetError::NotASheet { reason } => {
                m.format("sheet-not-a-sheet", &[("reason", reason.as_str().into())])
            }
            SheetError::Encoding => m.get("sheet-encoding"),
            SheetError::NoSheet => m.get("sheet-no-sheet"),
            SheetError::Write { reason } => {
                m.format("sheet-write", &[("reason", reason.as_str().into())])
            }
        }
    }
}

/// A sheet read from a file, and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetFile {
    /// The cells.
    pub table: Table,
    /// The worksheet read (none for a CSV).
    pub sheet: Option<String>,
    /// The text encoding of a CSV (`UTF-8`, `GB18030`…).
    pub encoding: Option<&'static str>,
}

/// Reads `path`: a CSV by its extension (`.csv`, `.txt`), else a workbook
/// recognised by its content. The worksheet is the firm's, if the workbook
/// has it, else the first.
pub fn read_file(path: &Path, firm: &ShopperFirm) -> Result<SheetFile, SheetError> {
    let meta = std::fs::metadata(path).map_err(|e| SheetError::Open { reason: e.to_string() })?;
    if !meta.is_file() {
        return Err(SheetError::NotAFile);
    }
    if meta.len() > MAX_SHEET_BYTES {
        return Err(SheetError::TooLarge { bytes: meta.len() });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SHEET_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| SheetError::Open { reason: e.to_string() })?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "csv" | "txt" | "tsv") {
        read_csv(&bytes, if ext == "tsv" { b'\t' } else { b',' })
    } else {
        read_workbook(bytes, firm.sheet.as_deref())
    }
}

/// Decodes CSV bytes: a byte-order mark decides; without one, UTF-8 if it
/// is valid, else GB18030 if that decodes without error.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), SheetError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(SheetError::Encoding)
        } else {
            Ok((text.into_owned(), encoding.name()))
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors { Err(SheetError::Encoding) } else { Ok((text.into_owned(), "GB18030")) }
}

/// Reads a CSV's cells (every cell text; the reader parses dates and numbers).
pub fn read_csv(bytes: &[u8], delimiter: u8) -> Result<SheetFile, SheetError> {
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::NotASheet { reason: e.to_string() })?;
        rows.push(
            record
                .iter()
                .map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) })
                .collect(),
        );
    }
    Ok(SheetFile {
        table: Table { rows, merged: Vec::new() },
        sheet: None,
        encoding: Some(encoding),
    })
}

/// Reads a workbook's sheet, keeping the sheet's own row and column
/// numbers and its merged ranges.
pub fn read_workbook(bytes: Vec<u8>, wanted: Option<&str>) -> Result<SheetFile, SheetError> {
    let not_a_sheet = |e: calamine::Error| SheetError::NotASheet { reason: e.to_string() };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(not_a_sheet)?;
    let names = book.sheet_names();
    let name = wanted
        .and_then(|w| names.iter().find(|n| n.trim() == w.trim()))
        .or_else(|| names.first())
        .cloned()
        .ok_or(SheetError::NoSheet)?;
    let range = book.worksheet_range(&name).map_err(not_a_sheet)?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left as usize];
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    let merged = match &mut book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|d| (d.start.0 as usize, d.start.1 as usize, d.end.0 as usize, d.end.1 as usize))
    .collect();
    Ok(SheetFile { table: Table { rows, merged }, sheet: Some(name), encoding: None })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => Cell::DateTime(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The blank import template for `firm`: its headings, lists to pick the
/// channel, category, result and critical mark from, two example rows,
/// and a sheet that says what each category drills.
pub fn template(firm: &ShopperFirm, m: &Messages) -> Result<Vec<u8>, SheetError> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| SheetError::Write { reason: e.to_string() };
    let mut book = Workbook::new();
    let heading = Format::new().set_bold().set_background_color(0xDDEBF7);
    let sheet = book.add_worksheet();
    sheet.set_name(firm.sheet.as_deref().unwrap_or("明细")).map_err(fail)?;
    let headings = firm.columns.headings();
    let first = |map: Vec<&String>| map.first().map(|s| s.to_string()).unwrap_or_default();
    let fail_word = first(
        firm.results
            .iter()
            .filter(|(_, r)| **r == courtesy_core::shopper::ItemResult::Fail)
            .map(|(k, _)| k)
            .collect(),
    );
    let pass_word = first(
        firm.results
            .iter()
            .filter(|(_, r)| **r == courtesy_core::shopper::ItemResult::Pass)
            .map(|(k, _)| k)
            .collect(),
    );
    let channel = first(firm.channels.keys().collect());
    let mut categories = firm.categories.keys();
    let examples: [Vec<(Field, String)>; 2] = [
        vec![
            (Field::Visit, "V-0001".into()),
            (Field::Date, "2026-11-03".into()),
            (Field::Time, "14:10".into()),
            (Field::Site, m.get("template-example-site")),
            (Field::Channel, channel.clone()),
            (Field::Person, "E001".into()),
            (Field::Shift, m.get("template-example-shift")),
            (Field::Score, "72.5".into()),
            (Field::Category, categories.next().cloned().unwrap_or_default()),
            (Field::Critical, firm.critical_marks.first().cloned().unwrap_or_default()),
            (Field::Result, fail_word),
            (Field::Comment, m.get("template-example-comment")),
        ],
        vec![
            (Field::Category, categories.next().cloned().unwrap_or_default()),
            (Field::Result, pass_word),
        ],
    ];
    for (col, (field, text)) in headings.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *text, &heading).map_err(fail)?;
        sheet
            .set_column_width(col, if *field == Field::Comment { 40 } else { 14 })
            .map_err(fail)?;
        for (row, example) in examples.iter().enumerate() {
            if let Some((_, value)) = example.iter().find(|(f, _)| f == field) {
                sheet.write_string(row as u32 + 1, col, value).map_err(fail)?;
            }
        }
        let list: Option<Vec<&String>> = match field {
            Field::Channel => Some(firm.channels.keys().collect()),
            Field::Category => Some(firm.categories.keys().collect()),
            Field::Result => Some(firm.results.keys().collect()),
            Field::Critical => Some(firm.critical_marks.iter().collect()),
            _ => None,
        };
        if let Some(list) = list {
            let total: usize = list.iter().map(|s| s.chars().count() + 1).sum();
            if total < 250 {
                let check = DataValidation::new().allow_list_strings(&list).map_err(fail)?;
                sheet.add_data_validation(1, col, 10_000, col, &check).map_err(fail)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let help = book.add_worksheet();
    help.set_name(m.get("template-help-sheet")).map_err(fail)?;
    help.write_string_with_format(0, 0, m.get("template-help-category"), &heading).map_err(fail)?;
    help.write_string_with_format(0, 1, m.get("template-help-skills"), &heading).map_err(fail)?;
    help.set_column_width(0, 16).map_err(fail)?;
    help.set_column_width(1, 60).map_err(fail)?;
    for (row, (category, skills)) in firm.categories.iter().enumerate() {
        help.write_string(row as u32 + 1, 0, category).map_err(fail)?;
        help.write_string(row as u32 + 1, 1, skills.join(", ")).map_err(fail)?;
    }
    let notes = firm.categories.len() as u32 + 2;
    for (i, key) in
        ["template-help-rows", "template-help-dates", "template-help-drills"].iter().enumerate()
    {
        help.write_string(notes + i as u32, 0, m.get(key)).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}
