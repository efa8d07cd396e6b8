//! A report written for people who will not run courtesy: CSV files
//! (UTF-8 with a byte-order mark, so Excel reads the Chinese), an XLSX
//! workbook with a sheet and a native chart per section (rust_xlsxwriter),
//! and a printable HTML page (minijinja, charts as inline SVG, nothing
//! loaded from the network). All three are drawn from the same sections,
//! in the reader's language.

use courtesy_core::Messages;

use crate::report::Report;

/// One cell of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count or a percentage.
    Number(u32),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// A section of the report as a table, and the chart drawn from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A short stable name (files, sheet order).
    pub key: &'static str,
    /// Its title.
    pub title: String,
    /// Column headings.
    pub headings: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
    /// The columns charted against the first (category) column; empty for no chart.
    pub chart: Vec<usize>,
    /// The chart's values are percentages (0–100).
    pub percent: bool,
}

/// The report's sections, in order.
pub fn sections(report: &Report, m: &Messages) -> Vec<Section> {
    let h = |keys: &[&str]| keys.iter().map(|k| m.get(&format!("report-col-{k}"))).collect();
    let t = |s: &str| Cell::Text(s.to_string());
    let n = Cell::Number;
    let history = report.history.as_ref().map(|(who, rows)| Section {
        key: "history",
        title: m.format(
            "report-history",
            &[("name", who.name.as_str().into()), ("no", who.employee_no.as_str().into())],
        ),
        headings: h(&["date", "scenario", "mode", "score", "verdict", "turns"]),
        rows: rows
            .iter()
            .map(|r| {
                let mode = if r.exam { "report-exam" } else { "report-practice" };
                let verdict = match r.passed {
                    Some(true) => m.verdict(courtesy_core::Verdict::Pass),
                    Some(false) => m.verdict(courtesy_core::Verdict::Fail),
                    None => m.get("report-unfinished"),
                };
                vec![
                    t(&courtesy_core::curriculum::date(r.started_at)),
                    t(&m.scenario_title(&r.scenario, &r.title)),
                    t(&m.get(mode)),
                    r.score.map_or_else(|| t("—"), |s| n(u32::from(s))),
                    t(&verdict),
                    n(r.turns),
                ]
            })
            .collect(),
        chart: vec![],
        percent: false,
    });
    let mut all = vec![
        Section {
            key: "completion",
            title: m.get("report-completion"),
            headings: h(&["site", "curriculum", "assigned", "passed", "in-progress", "overdue"]),
            rows: report
                .completion
                .iter()
                .map(|c| {
                    vec![
                        t(&c.site),
                        t(&c.curriculum),
                        n(c.assigned),
                        n(c.passed),
                        n(c.in_progress),
                        n(c.overdue),
                    ]
                })
                .collect(),
            chart: vec![3, 4, 5],
            percent: false,
        },
        Section {
            key: "scenarios",
            title: m.get("report-scenarios"),
            headings: h(&["scenario", "attempts", "passed", "rate"]),
            rows: report
                .scenarios
                .iter()
                .map(|s| {
                    vec![
                        t(&m.scenario_title(&s.scenario, &s.title)),
                        n(s.attempts),
                        n(s.passed),
                        n(s.rate()),
                    ]
                })
                .collect(),
            chart: vec![3],
            percent: true,
        },
        Section {
            key: "categories",
            title: m.get("report-categories"),
            headings: h(&["category", "met", "missed", "rate", "said"]),
            rows: report
                .categories
                .iter()
                .map(|c| {
                    // A category of forbidden phrases only has no rate to show.
                    let rate = if c.met + c.missed == 0 { t("—") } else { n(c.rate()) };
                    vec![t(&m.category(c.category)), n(c.met), n(c.missed), rate, n(c.said)]
                })
                .collect(),
            chart: vec![3],
            percent: true,
        },
        Section {
            key: "missed",
            title: m.get("report-missed"),
            headings: h(&["rule", "count"]),
            rows: report.missed.iter().map(|r| vec![t(&r.label), n(r.count)]).collect(),
            chart: vec![1],
            percent: false,
        },
        Section {
            key: "said",
            title: m.get("report-said"),
            headings: h(&["rule", "count"]),
            rows: report.said.iter().map(|r| vec![t(&r.label), n(r.count)]).collect(),
            chart: vec![1],
            percent: false,
        },
        Section {
            key: "drills",
            title: m.get("report-drills"),
            headings: h(&["site", "open", "overdue", "escalated", "passed", "other"]),
            rows: report
                .drills
                .iter()
                .map(|d| {
                    vec![
                        t(&d.site),
                        n(d.open),
                        n(d.overdue),
                        n(d.escalated),
                        n(d.passed),
                        n(d.other),
                    ]
                })
                .collect(),
            chart: vec![1, 2, 3, 4],
            percent: false,
        },
        Section {
            key: "people",
            title: m.get("report-persons"),
            headings: h(&["no", "name", "site", "attempts", "passed", "drills-open"]),
            rows: report
                .persons
                .iter()
                .map(|p| {
                    vec![
                        t(&p.employee_no),
                        t(&p.name),
                        t(&p.site),
                        n(p.attempts),
                        n(p.passed),
                        n(p.drills_open),
                    ]
                })
                .collect(),
            chart: vec![],
            percent: false,
        },
    ];
    // One person's history first, when the report is about them.
    if let Some(history) = history {
        all.insert(0, history);
    }
    all
}

/// The report's heading lines: title, period, site, people and findings.
pub fn heading(report: &Report, m: &Messages) -> (String, String) {
    let title = m.format(
        "report-title",
        &[("site", report.site.clone().unwrap_or_else(|| m.get("report-site-all")).into())],
    );
    let sub = m.format(
        "report-sub",
        &[
            ("period", report.period.label().into()),
            ("people", report.people.into()),
            ("findings", report.findings.into()),
        ],
    );
    (title, sub)
}

/// A cell as CSV writes it: text that a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`) is prefixed with `'`.
fn csv_cell(cell: &Cell) -> String {
    let text = cell.text();
    if matches!(cell, Cell::Text(_)) && text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}

/// Each section as a CSV file `(name.csv, bytes)`, UTF-8 with a BOM.
pub fn csv_files(report: &Report, m: &Messages) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    for s in sections(report, m) {
        let mut out = vec![0xEF, 0xBB, 0xBF];
        {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(&s.headings).map_err(|e| e.to_string())?;
            for row in &s.rows {
                w.write_record(row.iter().map(csv_cell)).map_err(|e| e.to_string())?;
            }
            w.flush().map_err(|e| e.to_string())?;
        }
        files.push((format!("{}.csv", s.key), out));
    }
    Ok(files)
}

/// The report as an XLSX workbook: a summary sheet, then a sheet per
/// section with its table and a native bar chart beside it.
pub fn xlsx(report: &Report, m: &Messages) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Chart, ChartType, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_background_color(0xDDEBF7);
    let (title, sub) = heading(report, m);
    let summary = book.add_worksheet();
    summary.set_name(m.get("report-sheet-summary")).map_err(fail)?;
    summary.write_string_with_format(0, 0, &title, &bold).map_err(fail)?;
    summary.write_string(1, 0, &sub).map_err(fail)?;
    summary.set_column_width(0, 60).map_err(fail)?;
    let sections = sections(report, m);
    for (i, s) in sections.iter().enumerate() {
        summary.write_string(3 + i as u32, 0, &s.title).map_err(fail)?;
        summary.write_number(3 + i as u32, 1, s.rows.len() as f64).map_err(fail)?;
    }
    for s in sections {
        let name: String = s.title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(fail)?;
        for (c, h) in s.headings.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &head).map_err(fail)?;
            sheet.set_column_width(c as u16, if c == 0 { 36 } else { 12 }).map_err(fail)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Cell::Text(t) => sheet.write_string(r, c, t),
                    Cell::Number(n) => sheet.write_number(r, c, f64::from(*n)),
                }
                .map_err(fail)?;
            }
        }
        if s.chart.is_empty() || s.rows.is_empty() {
            continue;
        }
        let last = s.rows.len() as u32;
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name(&s.title);
        for &col in &s.chart {
            chart
                .add_series()
                .set_name((name.as_str(), 0, col as u16))
                .set_categories((name.as_str(), 1, 0, last, 0))
                .set_values((name.as_str(), 1, col as u16, last, col as u16));
        }
        if s.percent {
            chart.x_axis().set_min(0).set_max(100);
        }
        chart.set_width(640).set_height(120 + 24 * last.min(30));
        sheet.insert_chart(1, s.headings.len() as u16 + 1, &chart).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// Horizontal bars as inline SVG: one row per label, the values drawn
/// side by side in the section's colours, with their numbers.
pub fn bars_svg(rows: &[(String, Vec<u32>)], max: u32, legend: &[String]) -> String {
    const COLOURS: [&str; 5] = ["#2e7d32", "#f9a825", "#c62828", "#6a1b9a", "#1565c0"];
    let (label_w, bar_w, row_h) = (260.0, 360.0, 22.0);
    let max = f64::from(max.max(1));
    let series = rows.first().map_or(1, |r| r.1.len().max(1));
    let height = 24.0 + rows.len() as f64 * row_h * series as f64 + 8.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" font-size=\"12\">",
        w = label_w + bar_w + 60.0
    );
    for (i, name) in legend.iter().enumerate() {
        let x = label_w + i as f64 * 90.0;
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"13\">{}</text>",
            COLOURS[i % COLOURS.len()],
            x + 14.0,
            escape(name)
        ));
    }
    let mut y = 24.0;
    for (label, values) in rows {
        // About 20 characters fit beside the bars; a longer label is cut.
        let mut shown: String = label.chars().take(19).collect();
        if label.chars().count() > 19 {
            shown.push('…');
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + row_h * series as f64 / 2.0 + 4.0,
            escape(&shown)
        ));
        for (i, v) in values.iter().enumerate() {
            let w = f64::from(*v) / max * bar_w;
            svg.push_str(&format!(
                "<rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{v}</text>",
                y + 2.0,
                row_h - 6.0,
                COLOURS[i % COLOURS.len()],
                label_w + w + 4.0,
                y + row_h - 8.0
            ));
            y += row_h;
        }
    }
    svg.push_str("</svg>");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const TEMPLATE: &str = include_str!("report.html");

/// The report as a printable HTML page, self-contained.
pub fn html(report: &Report, m: &Messages) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    env.add_template("report.html", TEMPLATE).map_err(|e| e.to_string())?;
    let (title, sub) = heading(report, m);
    let sections: Vec<minijinja::Value> = sections(report, m)
        .into_iter()
        .map(|s| {
            let chart = (!s.chart.is_empty() && !s.rows.is_empty()).then(|| {
                let rows: Vec<(String, Vec<u32>)> = s
                    .rows
                    .iter()
                    .filter(|r| s.chart.iter().any(|&c| matches!(r.get(c), Some(Cell::Number(_)))))
                    .map(|r| {
                        let values = s
                            .chart
                            .iter()
                            .map(|&c| match r.get(c) {
                                Some(Cell::Number(n)) => *n,
                                _ => 0,
                            })
                            .collect();
                        (r[0].text(), values)
                    })
                    .collect();
                let max = if s.percent {
                    100
                } else {
                    rows.iter().flat_map(|r| r.1.iter().copied()).max().unwrap_or(1)
                };
                let legend: Vec<String> = s.chart.iter().map(|&c| s.headings[c].clone()).collect();
                bars_svg(&rows, max, &legend)
            });
            minijinja::context! {
                title => s.title,
                headings => s.headings,
                rows => s
                    .rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| minijinja::context! { t => c.text(), n => matches!(c, Cell::Number(_)) })
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>(),
                chart => chart.map(minijinja::Value::from_safe_string),
                empty => s.rows.is_empty(),
            }
        })
        .collect();
    let lang = match m.locale() {
        courtesy_core::Locale::ZhCn => "zh-CN",
        courtesy_core::Locale::ZhTw => "zh-TW",
        courtesy_core::Locale::EnUs => "en-US",
    };
    env.get_template("report.html")
        .and_then(|t| {
            t.render(minijinja::context! {
                lang => lang,
                title => title,
                sub => sub,
                sections => sections,
                none => m.get("report-none"),
                made => m.format("report-made", &[("date", courtesy_core::curriculum::date(crate::model::now()).into())]),
            })
        })
        .map_err(|e| e.to_string())
}
