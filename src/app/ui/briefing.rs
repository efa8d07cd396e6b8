//! The briefing screen: where the scene plays, the trainee's post and how
//! the scene finds them, who they will meet, the pass mark and the manuals'
//! clauses. Enter begins, Esc goes back to the menu.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::{CompiledScenario, Messages};
use egui::{Key, RichText};

use super::widgets::{big_button, fact_row, heading, source_lines, trainee_state};
use super::{DrawScreens, free_rect, panel_frame, root_ui};
use crate::app::scene::SceneArea;
use crate::app::state::{AppState, CurrentPlay, GameCommand, Preferences};

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
    prefs: Res<Preferences>,
    play: Res<CurrentPlay>,
    mut out: MessageWriter<GameCommand>,
    mut scene_area: ResMut<SceneArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let Some(scenario) = play.scenario.as_deref() else { return Ok(()) };
    let mut root = root_ui(&ctx);
    egui::Panel::bottom("briefing").frame(panel_frame()).show(&mut root, |ui| {
        out.write_batch(briefing(ui, &prefs.messages, scenario));
    });
    scene_area.set_if_neq(SceneArea(Some(free_rect(&root))));
    Ok(())
}

/// The briefing panel: where, who, what the manual expects.
pub fn briefing(ui: &mut egui::Ui, m: &Messages, scenario: &CompiledScenario) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let s = &scenario.scenario;
    heading(ui, m.scenario_title(&s.id, &s.title));
    ui.add_space(6.0);
    ui.label(RichText::new(m.scenario_summary(&s.id, &s.summary)).size(19.0));
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
        ui.label(RichText::new(m.get("ui-cast")).strong());
        ui.vertical(|ui| {
            for p in &s.cast {
                ui.label(format!(
                    "{} · {} · {}",
                    m.scenario_text(&p.name),
                    m.role(p.role),
                    m.mood(p.mood)
                ));
            }
        });
        ui.end_row();
        fact_row(ui, m.get("ui-pass-mark"), s.pass_mark.to_string());
    });
    ui.add_space(10.0);
    source_lines(ui, m, "ui-sources", s, 18.0);
    ui.add_space(16.0);
    ui.horizontal(|ui| {
        let begin = big_button(ui, m.get("ui-begin"), 20.0, [180.0, 42.0]);
        if begin.clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            out.push(GameCommand::Begin);
        }
        if ui.button(m.get("ui-menu")).clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            out.push(GameCommand::ToMenu);
        }
    });
    out
}
