//! The briefing screen: where the scene plays, the trainee's post and how
//! the scene finds them, who they will meet, the pass mark and the manuals'
//! clauses. Enter begins, Esc goes back to the menu.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::CompiledScenario;
use egui::{Color32, Key, RichText};

use super::kinsoku;
use super::widgets::{BAD, big_button, fact_row, heading, source_lines, trainee_state};
use super::{DrawScreens, free_rect, panel_frame, root_ui};
use crate::app::scene::SceneArea;
use crate::app::state::{AppState, BeginBlocked, CurrentPlay, GameCommand, Preferences, Progress};

/// Draws the briefing while it is the screen.
pub struct BriefingPlugin;

impl Plugin for BriefingPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            EguiPrimaryContextPass,
            draw.in_set(DrawScreens).run_if(in_state(AppState::Briefing)),
        );
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut prefs: ResMut<Preferences>,
    play: Res<CurrentPlay>,
    progress: Res<Progress>,
    mut out: MessageWriter<GameCommand>,
    mut scene_area: ResMut<SceneArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let Some(scenario) = play.scenario.as_deref() else { return Ok(()) };
    let mut root = root_ui(&ctx);
    egui::Panel::bottom("briefing").frame(panel_frame()).show(&mut root, |ui| {
        let saved = progress.resumable.as_ref().map(|saved| {
            let title = play
                .scenario
                .as_ref()
                .filter(|s| s.id() == saved.session.scenario)
                .map_or(saved.session.scenario.clone(), |s| {
                    prefs.messages.scenario_title(s.id(), &s.scenario.title)
                });
            (title, saved.session.inputs.len())
        });
        let prefs = prefs.bypass_change_detection();
        out.write_batch(briefing(ui, prefs, scenario, play.begin_blocked, saved));
    });
    scene_area.set_if_neq(SceneArea(Some(free_rect(&root))));
    Ok(())
}

/// The briefing panel: where, who, what the manual expects; who is playing,
/// when nobody has said; and, before a saved session would be discarded,
/// the choice to continue it instead. `saved` is the saved session's title
/// and turns.
pub fn briefing(
    ui: &mut egui::Ui,
    prefs: &mut Preferences,
    scenario: &CompiledScenario,
    blocked: Option<BeginBlocked>,
    saved: Option<(String, usize)>,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let (m, trainee) = (&prefs.messages, &mut prefs.trainee);
    let s = &scenario.scenario;
    heading(ui, m.scenario_title(&s.id, &s.title));
    ui.add_space(6.0);
    kinsoku::label(ui, RichText::new(m.scenario_summary(&s.id, &s.summary)).size(19.0));
    ui.add_space(12.0);
    egui::Grid::new("briefing").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
        fact_row(ui, m.get("ui-venue"), m.venue(s.venue));
        let role = m.format(
            "role-with-state",
            &[
                ("role", m.scenario_role(&s.id, &s.trainee.role).into()),
                ("state", trainee_state(m, s.trainee.starts).into()),
            ],
        );
        fact_row(ui, m.get("ui-your-role"), role);
        kinsoku::label(ui, RichText::new(m.get("ui-cast")).strong());
        ui.vertical(|ui| {
            for p in &s.cast {
                kinsoku::label(
                    ui,
                    format!(
                        "{} · {} · {}",
                        m.scenario_text(&p.name),
                        m.role(p.role),
                        m.mood(p.mood)
                    ),
                );
            }
        });
        ui.end_row();
        fact_row(ui, m.get("ui-pass-mark"), s.pass_mark.to_string());
    });
    ui.add_space(10.0);
    source_lines(ui, m, "ui-sources", s, 18.0);
    ui.add_space(16.0);
    // Who is playing: asked here when the menu was skipped (play --scenario).
    let mut name_entered = false;
    if trainee.trim().is_empty() || blocked == Some(BeginBlocked::NoName) {
        ui.horizontal_wrapped(|ui| {
            kinsoku::label(ui, RichText::new(m.get("ui-name")).strong());
            let name = ui.add(
                egui::TextEdit::singleline(trainee)
                    .hint_text(m.get("ui-name-hint"))
                    .desired_width(200.0),
            );
            name_entered = name.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if blocked == Some(BeginBlocked::NoName) {
                name.request_focus();
                kinsoku::label(ui, RichText::new(m.get("ui-name-needed")).color(BAD));
            }
        });
        ui.add_space(8.0);
    }
    if blocked == Some(BeginBlocked::SavedSession)
        && let Some((title, turns)) = &saved
    {
        egui::Frame::new()
            .fill(Color32::from_rgb(255, 246, 214))
            .corner_radius(6)
            .inner_margin(egui::Margin::same(10))
            .show(ui, |ui| {
                kinsoku::label(
                    ui,
                    m.format(
                        "ui-discard-saved",
                        &[("title", title.clone().into()), ("n", (*turns).into())],
                    ),
                );
                ui.horizontal_wrapped(|ui| {
                    if ui.button(RichText::new(m.get("ui-resume")).strong()).clicked() {
                        out.push(GameCommand::Resume);
                    }
                    if ui.button(m.get("ui-discard-and-begin")).clicked() {
                        out.push(GameCommand::BeginDiscardingSaved);
                    }
                });
            });
        ui.add_space(8.0);
    }
    ui.horizontal(|ui| {
        let begin = big_button(ui, m.get("ui-begin"), 20.0, [180.0, 42.0]);
        let nothing_focused = ui.memory(|mem| mem.focused().is_none());
        if begin.clicked()
            || name_entered
            || (nothing_focused && ui.input(|i| i.key_pressed(Key::Enter)))
        {
            out.push(GameCommand::Begin);
        }
        if ui.button(m.get("ui-menu")).clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            out.push(GameCommand::ToMenu);
        }
    });
    out
}
