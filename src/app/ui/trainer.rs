//! The trainer's screen: a month's report for a site or the whole
//! company, each section as a bar chart (egui_plot) beside its numbers, the
//! people as a table, one person's history, the export to an Excel workbook
//! and a printable page, and a form that enters a mystery-shopper finding
//! by hand. It paints the same sections `courtesy report` prints and writes
//! (`courtesy_records::export::sections`); the records thread reads and
//! writes them, never the frame.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::Messages;
use courtesy_records::export::{self, Cell, Section};
use courtesy_records::report::Period;
use egui::{Key, RichText};
use egui_plot::{Bar, BarChart, Plot};

use super::kinsoku;
use super::widgets::{ACCENT, BAD, GOOD, MUTED, heading};
use super::{DrawScreens, panel_frame, root_ui};
use crate::app::records::Training;
use crate::app::state::{AppState, GameCommand, Preferences};

/// Draws the trainer's screen while it is the screen.
pub struct TrainerPlugin;

impl Plugin for TrainerPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            EguiPrimaryContextPass,
            draw.in_set(DrawScreens).run_if(in_state(AppState::Trainer)),
        );
    }
}

fn draw(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    training: Res<Training>,
    mut out: MessageWriter<GameCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    egui::CentralPanel::default().frame(panel_frame()).show(&mut root, |ui| {
        out.write_batch(trainer(ui, &prefs.messages, &training));
    });
    if ctx.input(|i| i.key_pressed(Key::Escape)) {
        out.write(GameCommand::ToMenu);
    }
    Ok(())
}

/// The screen's contents: the bar of choices, then the report.
pub fn trainer(ui: &mut egui::Ui, m: &Messages, training: &Training) -> Vec<GameCommand> {
    let mut out = Vec::new();
    heading(ui, m.get("ui-trainer"));
    ui.horizontal_wrapped(|ui| {
        let month = &training.report_month;
        let shift = |by: i32| {
            let period = Period::month(month)?;
            let day = if by < 0 { period.from - 86_400 } else { period.to };
            Some(courtesy_core::curriculum::date(day)[..7].to_string())
        };
        if ui.button("◀").clicked()
            && let Some(before) = shift(-1)
        {
            out.push(show(training, before, training.report_site.clone()));
        }
        ui.label(RichText::new(month).strong());
        if ui.button("▶").clicked()
            && let Some(after) = shift(1)
        {
            out.push(show(training, after, training.report_site.clone()));
        }
        let all = m.get("report-site-all");
        let shown = training
            .report_site
            .as_ref()
            .and_then(|id| training.sites.iter().find(|s| &s.id == id))
            .map_or(all.clone(), |s| s.name.clone());
        egui::ComboBox::from_id_salt("trainer-site").selected_text(shown).show_ui(ui, |ui| {
            if ui.selectable_label(training.report_site.is_none(), all).clicked() {
                out.push(show(training, month.clone(), None));
            }
            for s in &training.sites {
                let on = training.report_site.as_ref() == Some(&s.id);
                if ui.selectable_label(on, &s.name).clicked() {
                    out.push(show(training, month.clone(), Some(s.id.clone())));
                }
            }
        });
        // Whose history to show first.
        let everyone = m.get("ui-trainer-everyone");
        let shown = training
            .report_person
            .as_ref()
            .and_then(|no| training.roster.iter().find(|p| &p.employee_no == no))
            .map_or(everyone.clone(), |p| format!("{} {}", p.employee_no, p.name));
        egui::ComboBox::from_id_salt("trainer-person").selected_text(shown).show_ui(ui, |ui| {
            let pick = |person: Option<String>| GameCommand::ShowReport {
                month: month.clone(),
                site: training.report_site.clone(),
                person,
            };
            if ui.selectable_label(training.report_person.is_none(), everyone).clicked() {
                out.push(pick(None));
            }
            for p in &training.roster {
                let on = training.report_person.as_ref() == Some(&p.employee_no);
                if ui.selectable_label(on, format!("{} {}", p.employee_no, p.name)).clicked() {
                    out.push(pick(Some(p.employee_no.clone())));
                }
            }
        });
        if ui.button(m.get("ui-trainer-export")).clicked() {
            out.push(GameCommand::ExportReport);
        }
        if ui.button(m.get("ui-back")).clicked() {
            out.push(GameCommand::ToMenu);
        }
    });
    match &training.exported {
        Some(Ok(files)) => {
            for f in files {
                let text = m.format("report-written", &[("file", f.display().to_string().into())]);
                kinsoku::label(ui, RichText::new(text).color(GOOD));
            }
        }
        Some(Err(e)) => {
            kinsoku::label(ui, RichText::new(e.as_str()).color(BAD));
        }
        None => {}
    }
    out.extend(finding_form(ui, m, training));
    out.extend(review_queue(ui, m, training));
    ui.separator();
    let report = match &training.report {
        None => {
            kinsoku::label(ui, RichText::new(m.get("ui-trainer-loading")).color(MUTED));
            return out;
        }
        Some(Err(e)) => {
            let text = m.format("records-held", &[("detail", e.as_str().into())]);
            kinsoku::label(ui, RichText::new(text).color(BAD));
            return out;
        }
        Some(Ok(report)) => report,
    };
    let (title, sub) = export::heading(report, m);
    kinsoku::label(ui, RichText::new(title).strong());
    kinsoku::label(ui, RichText::new(sub).color(MUTED));
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for s in export::sections(report, m) {
            ui.add_space(8.0);
            kinsoku::label(ui, RichText::new(&s.title).strong().color(ACCENT));
            if s.rows.is_empty() {
                kinsoku::label(ui, RichText::new(m.get("report-none")).color(MUTED));
                continue;
            }
            if !s.chart.is_empty() {
                chart(ui, &s);
            }
            table(ui, &s);
        }
    });
    out
}

/// What the trainer has typed into the finding form, kept in egui's memory
/// between frames.
#[derive(Clone, Default)]
struct FindingForm {
    firm: usize,
    site: String,
    date: String,
    time: String,
    channel: String,
    person: String,
    shift: String,
    category: String,
    critical: bool,
    result: String,
    comment: String,
}

/// The form that enters a mystery-shopper finding by hand: one checked
/// item, checked and stored as a row of the firm's sheet would be, with
/// the drills it assigns or every problem in words.
fn finding_form(ui: &mut egui::Ui, m: &Messages, training: &Training) -> Vec<GameCommand> {
    use courtesy_core::shopper::Field;
    let mut out = Vec::new();
    if training.firms.is_empty() || training.sites.is_empty() {
        return out;
    }
    egui::CollapsingHeader::new(m.get("ui-finding-form")).id_salt("finding-form").show(ui, |ui| {
        let id = egui::Id::new("finding-form-data");
        let mut form: FindingForm =
            ui.data_mut(|d| d.get_temp(id)).unwrap_or_else(|| FindingForm {
                date: courtesy_core::curriculum::date(courtesy_records::model::now()),
                ..FindingForm::default()
            });
        let firm = &training.firms[form.firm.min(training.firms.len() - 1)];
        let pick = |ui: &mut egui::Ui, salt: &str, value: &mut String, choices: Vec<String>| {
            egui::ComboBox::from_id_salt(salt).selected_text(value.clone()).width(160.0).show_ui(
                ui,
                |ui| {
                    for c in choices {
                        ui.selectable_value(value, c.clone(), c);
                    }
                },
            );
        };
        egui::Grid::new("finding-form-grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            if training.firms.len() > 1 {
                ui.label(m.get("ui-finding-firm"));
                egui::ComboBox::from_id_salt("finding-firm")
                    .selected_text(firm.name.clone())
                    .show_ui(ui, |ui| {
                        for (i, f) in training.firms.iter().enumerate() {
                            ui.selectable_value(&mut form.firm, i, &f.name);
                        }
                    });
                ui.end_row();
            }
            ui.label(&firm.columns.site);
            pick(
                ui,
                "finding-site",
                &mut form.site,
                training.sites.iter().map(|s| s.name.clone()).collect(),
            );
            ui.end_row();
            ui.label(&firm.columns.date);
            ui.add(egui::TextEdit::singleline(&mut form.date).desired_width(160.0));
            ui.end_row();
            if let Some(h) = &firm.columns.time {
                ui.label(h);
                ui.add(
                    egui::TextEdit::singleline(&mut form.time)
                        .hint_text("14:10")
                        .desired_width(160.0),
                );
                ui.end_row();
            }
            ui.label(&firm.columns.channel);
            pick(ui, "finding-channel", &mut form.channel, firm.channels.keys().cloned().collect());
            ui.end_row();
            if let Some(h) = &firm.columns.person {
                ui.label(h);
                let mut people = vec![String::new()];
                people.extend(training.roster.iter().map(|p| p.employee_no.clone()));
                pick(ui, "finding-person", &mut form.person, people);
                ui.end_row();
            }
            if let Some(h) = &firm.columns.shift {
                ui.label(h);
                ui.add(egui::TextEdit::singleline(&mut form.shift).desired_width(160.0));
                ui.end_row();
            }
            ui.label(&firm.columns.category);
            pick(
                ui,
                "finding-category",
                &mut form.category,
                firm.categories.keys().cloned().collect(),
            );
            ui.end_row();
            ui.label(&firm.columns.result);
            pick(ui, "finding-result", &mut form.result, firm.results.keys().cloned().collect());
            ui.end_row();
            if let Some(h) = &firm.columns.critical {
                ui.label(h);
                ui.checkbox(&mut form.critical, "");
                ui.end_row();
            }
            if let Some(h) = &firm.columns.comment {
                ui.label(h);
                ui.add(
                    egui::TextEdit::multiline(&mut form.comment)
                        .desired_rows(2)
                        .desired_width(320.0),
                );
                ui.end_row();
            }
        });
        if ui.button(m.get("ui-finding-save")).clicked() {
            let critical = if form.critical {
                firm.critical_marks.first().cloned().unwrap_or_default()
            } else {
                String::new()
            };
            let values = vec![
                (Field::Date, form.date.clone()),
                (Field::Time, form.time.clone()),
                (Field::Site, form.site.clone()),
                (Field::Channel, form.channel.clone()),
                (Field::Person, form.person.clone()),
                (Field::Shift, form.shift.clone()),
                (Field::Category, form.category.clone()),
                (Field::Critical, critical),
                (Field::Result, form.result.clone()),
                (Field::Comment, form.comment.clone()),
            ];
            out.push(GameCommand::AddFinding { firm: firm.id.clone(), values });
        }
        match &training.entered {
            Some(Ok(drills)) => {
                let text = m.format("ui-finding-saved", &[("drills", (*drills).into())]);
                kinsoku::label(ui, RichText::new(text).color(GOOD));
            }
            Some(Err(problems)) => {
                for p in problems {
                    kinsoku::label(ui, RichText::new(p.as_str()).color(BAD));
                }
            }
            None => {}
        }
        ui.data_mut(|d| d.insert_temp(id, form));
    });
    out
}

/// The contested verdicts waiting for a trainer: each with the reply, the
/// engine's verdict and the trainee's comment, and two buttons. An
/// overturned verdict's reply is proposed as an example of the scenario
/// (`courtesy review merge` adds it).
fn review_queue(ui: &mut egui::Ui, m: &Messages, training: &Training) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let open: Vec<_> = training.contests.iter().filter(|v| v.is_open()).collect();
    let title = m.format("ui-review-queue", &[("count", open.len().into())]);
    egui::CollapsingHeader::new(title).id_salt("review-queue").show(ui, |ui| {
        if open.is_empty() {
            kinsoku::label(ui, RichText::new(m.get("review-none")).color(MUTED));
        }
        for v in open {
            let lines = v.lines(m, &v.attempt.scenario);
            for (i, line) in lines.into_iter().enumerate() {
                let text = if i == 0 { RichText::new(line).strong() } else { RichText::new(line) };
                kinsoku::label(ui, text);
            }
            ui.horizontal(|ui| {
                if ui.button(m.get("ui-review-uphold")).clicked() {
                    out.push(GameCommand::Review {
                        contest: v.contest.id.clone(),
                        overturn: false,
                    });
                }
                if ui.button(m.get("ui-review-overturn")).clicked() {
                    out.push(GameCommand::Review { contest: v.contest.id.clone(), overturn: true });
                }
            });
            ui.add_space(6.0);
        }
        match &training.reviewed {
            Some(Ok(Some(file))) => {
                let text =
                    m.format("ui-review-proposed", &[("file", file.display().to_string().into())]);
                kinsoku::label(ui, RichText::new(text).color(GOOD));
            }
            Some(Err(e)) => {
                kinsoku::label(ui, RichText::new(e.as_str()).color(BAD));
            }
            _ => {}
        }
    });
    out
}

/// The report of `month` for `site`, keeping the person shown.
fn show(training: &Training, month: String, site: Option<String>) -> GameCommand {
    GameCommand::ShowReport { month, site, person: training.report_person.clone() }
}

/// A section's chart: one horizontal bar per row (per charted column, side
/// by side), labelled with the row's first cell.
fn chart(ui: &mut egui::Ui, s: &Section) {
    const COLOURS: [egui::Color32; 4] =
        [GOOD, egui::Color32::from_rgb(0xf9, 0xa8, 0x25), BAD, ACCENT];
    let rows: Vec<&Vec<Cell>> = s
        .rows
        .iter()
        .filter(|r| s.chart.iter().any(|&c| matches!(r.get(c), Some(Cell::Number(_)))))
        .take(20)
        .collect();
    let labels: Vec<String> = rows.iter().map(|r| short(&cell(&r[0]), 14)).collect();
    let n = s.chart.len() as f64;
    let charts: Vec<BarChart> = s
        .chart
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let colour = COLOURS[k % COLOURS.len()];
            let bars = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let value = match r.get(c) {
                        Some(Cell::Number(v)) => f64::from(*v),
                        _ => 0.0,
                    };
                    // Rows top to bottom; the series of a row side by side.
                    let y = -(i as f64) + (k as f64 - (n - 1.0) / 2.0) * (0.8 / n);
                    Bar::new(y, value).width(0.8 / n).name(&labels[i]).fill(colour)
                })
                .collect();
            BarChart::new(s.headings[c].clone(), bars)
                .color(COLOURS[k % COLOURS.len()])
                .horizontal()
        })
        .collect();
    let height = (rows.len() as f32 * 26.0 + 60.0).clamp(130.0, 520.0);
    let names = labels.clone();
    let mut plot = Plot::new(format!("chart-{}", s.key))
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid([true, false])
        .include_x(0.0)
        .y_axis_min_width(110.0)
        .y_axis_formatter(move |mark, _| {
            let i = (-mark.value).round();
            if (mark.value + i).abs() < 0.01 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .legend(egui_plot::Legend::default());
    if s.percent {
        plot = plot.include_x(100.0);
    }
    plot.show(ui, |p| {
        for c in charts {
            p.bar_chart(c);
        }
    });
}

/// A section's numbers as a striped grid.
fn table(ui: &mut egui::Ui, s: &Section) {
    egui::Grid::new(format!("table-{}", s.key)).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for h in &s.headings {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for row in &s.rows {
            for c in row {
                match c {
                    Cell::Text(t) => ui.label(short(t, 40)),
                    Cell::Number(n) => ui.label(n.to_string()),
                };
            }
            ui.end_row();
        }
    });
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => n.to_string(),
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}
