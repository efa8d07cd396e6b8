//! `courtesy report`: a month's training for trainers (and, with
//! `--person`, one person's attempts of the month), on the terminal
//! (tables with bars), as JSON, or written for others: CSV files with a
//! byte-order mark, an XLSX workbook with native charts, a printable HTML
//! page with inline SVG charts.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use courtesy_records::export::{self, Cell, Section};
use courtesy_records::model::now;
use courtesy_records::report::{Period, build, with_history};

use super::training::{curricula, open};
use super::{Context, Outcome, terminal};
use crate::cli::CliError;

/// `courtesy report …`
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The month, YYYY-MM (default: this month).
    #[arg(long)]
    pub month: Option<String>,
    /// Only this site (its name or id) and the sites below it.
    #[arg(long)]
    pub site: Option<String>,
    /// Also this person's attempts of the month (employee number), first.
    #[arg(long)]
    pub person: Option<String>,
    /// As JSON.
    #[arg(long)]
    pub json: bool,
    /// Write each section as a CSV file (UTF-8 with a BOM) into this folder.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write an Excel workbook, a sheet and a chart per section.
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// Write a printable HTML page.
    #[arg(long)]
    pub html: Option<PathBuf>,
}

/// `courtesy report`
pub fn run(context: &Context, args: ReportArgs) -> Outcome {
    let m = &context.messages;
    let at = now();
    let period = match &args.month {
        Some(text) => Period::month(text).ok_or_else(|| CliError::BadMonth(text.clone()))?,
        None => Period::month_of(at),
    };
    let store = open(context)?;
    let site = match &args.site {
        Some(name) => Some(
            store
                .sites()?
                .into_iter()
                .find(|s| &s.id == name || &s.name == name)
                .ok_or_else(|| CliError::UnknownSite(name.clone()))?
                .id,
        ),
        None => None,
    };
    let library = context.library();
    let curricula = curricula(context, &library);
    let mut report = build(&*store, &library, &curricula, period, site.as_deref(), at)?;
    if let Some(no) = &args.person {
        report = with_history(report, &*store, &library, no)?
            .ok_or_else(|| CliError::UnknownPerson(no.clone()))?;
    }
    let io = |path: &PathBuf| {
        let path = path.clone();
        move |source| CliError::Io { path: path.clone(), source }
    };
    let mut written = Vec::new();
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        for (name, bytes) in export::csv_files(&report, m).map_err(CliError::Export)? {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(io(&path))?;
            written.push(path);
        }
    }
    if let Some(path) = &args.xlsx {
        std::fs::write(path, export::xlsx(&report, m).map_err(CliError::Export)?)
            .map_err(io(path))?;
        written.push(path.clone());
    }
    if let Some(path) = &args.html {
        std::fs::write(path, export::html(&report, m).map_err(CliError::Export)?)
            .map_err(io(path))?;
        written.push(path.clone());
    }
    if args.json {
        terminal::print_json(&format!("{}\n", serde_json::to_string_pretty(&report)?));
        return Ok(ExitCode::SUCCESS);
    }
    if !written.is_empty() {
        let mut out = String::new();
        for path in written {
            out.push_str(
                &m.format("report-written", &[("file", path.display().to_string().into())]),
            );
            out.push('\n');
        }
        terminal::print(&out);
        return Ok(ExitCode::SUCCESS);
    }
    let (title, sub) = export::heading(&report, m);
    let mut out = format!("{title}\n{sub}\n");
    for s in export::sections(&report, m) {
        out.push_str(&text_section(&s, &m.get("report-none")));
    }
    terminal::print(&out);
    Ok(ExitCode::SUCCESS)
}

/// A section on the terminal: its title, and each row with a bar for its
/// first charted value.
fn text_section(s: &Section, none: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = format!("\n{}\n", s.title);
    if s.rows.is_empty() {
        out.push_str(&format!("  {none}\n"));
        return out;
    }
    let width = s.rows.iter().map(|r| cell_text(&r[0]).width()).max().unwrap_or(0).min(30);
    let max = s
        .chart
        .first()
        .map(|&c| s.rows.iter().filter_map(|r| number(r.get(c))).max().unwrap_or(1).max(1));
    let header: Vec<&str> = s.headings.iter().skip(1).map(String::as_str).collect();
    out.push_str(&format!("  {:width$}  {}\n", s.headings[0], header.join(" · ")));
    for row in &s.rows {
        let label: String = cell_text(&row[0]).chars().take(30).collect();
        let pad = width.saturating_sub(label.width());
        let rest: Vec<String> = row.iter().skip(1).map(cell_text).collect();
        let bar = match (s.chart.first(), max) {
            (Some(&c), Some(max)) => {
                let full = if s.percent { 100 } else { max };
                let n = number(row.get(c)).unwrap_or(0);
                "█".repeat((n * 20).div_ceil(full.max(1)) as usize)
            }
            _ => String::new(),
        };
        out.push_str(&format!("  {label}{}  {}  {bar}\n", " ".repeat(pad), rest.join(" · ")));
    }
    out
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => n.to_string(),
    }
}

fn number(c: Option<&Cell>) -> Option<u32> {
    match c {
        Some(Cell::Number(n)) => Some(*n),
        _ => None,
    }
}
