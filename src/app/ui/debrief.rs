//! The debrief screen: score and verdict, the ending, a bar per category,
//! every turn with its marks and the model answers (正确做法), and the
//! sources; retry (R), next scenario (N) or menu (Esc). It paints the core's
//! `explain::debrief`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::Verdict;
use courtesy_core::explain::{self, Debrief};
use courtesy_core::play::Mode;
use egui::{Color32, Key, RichText};

use super::kinsoku;
use super::widgets::{BAD, GOOD, MUTED, big_button, heading, line, source_lines, turn_feedback};
use super::{DrawScreens, panel_frame, root_ui};
use crate::app::state::{AppState, CurrentPlay, GameCommand, Preferences, Progress};

/// Draws the debrief while it is the screen.
pub struct DebriefPlugin;

impl Plugin for DebriefPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            EguiPrimaryContextPass,
            draw.in_set(DrawScreens).run_if(in_state(AppState::Debrief)),
        );
    }
}

fn draw(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    play: Res<CurrentPlay>,
    progress: Res<Progress>,
    mut out: MessageWriter<GameCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (Some(result), Some(scenario)) = (&play.result, &play.scenario) else { return Ok(()) };
    let m = &prefs.messages;
    let shown = explain::debrief(m, scenario, result);
    let mut root = root_ui(&ctx);
    egui::CentralPanel::default().frame(panel_frame()).show(&mut root, |ui| {
        out.write_batch(debrief(ui, &prefs, &progress, &shown));
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            details(ui, &prefs, &shown);
            ui.add_space(8.0);
            source_lines(ui, m, "debrief-sources", &scenario.scenario, 18.0);
        });
    });
    Ok(())
}

/// The head of the debrief: who, verdict, ending, notes and the buttons.
pub fn debrief(
    ui: &mut egui::Ui,
    prefs: &Preferences,
    progress: &Progress,
    d: &Debrief,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let m = &prefs.messages;
    heading(ui, format!("{} — {}", m.get("debrief-title"), d.title));
    let mode = match prefs.mode {
        Mode::Practice => m.get("ui-mode-practice"),
        Mode::Exam => m.get("ui-mode-exam"),
    };
    let who = prefs.trainee.trim();
    let who = if who.is_empty() { m.get("ui-no-name") } else { who.to_string() };
    let recorded = match (&progress.store, &progress.problem) {
        (Some(_), None) => m.get("ui-result-recorded"),
        (Some(_), Some(problem)) => m.format("ui-progress-problem", &[("detail", problem.into())]),
        (None, _) => String::new(),
    };
    kinsoku::label(ui, RichText::new(format!("{who} · {mode}　{recorded}")).color(MUTED));
    if let Some(ending) = &d.ending {
        line(ui, ending);
    }
    let color = if d.verdict == Verdict::Pass { GOOD } else { BAD };
    kinsoku::label(ui, RichText::new(&d.score_line).size(26.0).strong().color(color));
    for note in &d.notes {
        line(ui, note);
    }
    ui.horizontal(|ui| {
        if big_button(ui, m.get("ui-retry"), 19.0, [140.0, 38.0]).clicked() {
            out.push(GameCommand::Retry);
        }
        if big_button(ui, m.get("ui-next"), 19.0, [140.0, 38.0]).clicked() {
            out.push(GameCommand::Next);
        }
        if big_button(ui, m.get("ui-menu"), 19.0, [140.0, 38.0]).clicked() {
            out.push(GameCommand::ToMenu);
        }
        kinsoku::label(ui, RichText::new(m.get("ui-keys-debrief")).color(MUTED).size(14.0));
    });
    if ui.input(|i| i.key_pressed(Key::R)) {
        out.push(GameCommand::Retry);
    }
    if ui.input(|i| i.key_pressed(Key::N)) {
        out.push(GameCommand::Next);
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        out.push(GameCommand::ToMenu);
    }
    out
}

/// The bars per category and every turn explained.
fn details(ui: &mut egui::Ui, prefs: &Preferences, d: &Debrief) {
    let m = &prefs.messages;
    kinsoku::label(ui, RichText::new(m.get("debrief-categories")).strong());
    for c in &d.categories {
        ui.horizontal(|ui| {
            ui.add_sized([110.0, 22.0], egui::Label::new(&c.name));
            ui.add(
                egui::ProgressBar::new(f32::from(c.score) / 100.0)
                    .desired_width(320.0)
                    .fill(if c.passed { GOOD } else { BAD })
                    .text(RichText::new(c.score.to_string()).color(Color32::WHITE).strong()),
            );
        });
    }
    ui.add_space(8.0);
    kinsoku::label(ui, RichText::new(m.get("debrief-transcript")).strong());
    for t in &d.turns {
        ui.add_space(4.0);
        match &t.prompt {
            Some(prompt) => kinsoku::label(ui, format!("{}. {prompt}", t.number)),
            None => kinsoku::label(ui, format!("{}.", t.number)),
        };
        ui.indent(("turn", t.number), |ui| turn_feedback(ui, &t.feedback));
    }
}
