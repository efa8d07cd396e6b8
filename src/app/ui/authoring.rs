//! The authoring window (trainers' mode, `courtesy author`): every
//! diagnostic of the scenario files, kept up to date as files are saved,
//! over whichever screen is shown.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::{Messages, Severity};
use egui::RichText;

use super::DrawScreens;
use super::widgets::{BAD, GOOD, MUTED, WARN};
use crate::app::scenario_assets::LiveLibrary;
use crate::app::state::Preferences;

/// Shows the diagnostics window on every screen.
pub struct AuthoringPlugin;

impl Plugin for AuthoringPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(EguiPrimaryContextPass, draw.in_set(DrawScreens));
    }
}

fn draw(mut contexts: EguiContexts, prefs: Res<Preferences>, library: Res<LiveLibrary>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let m = &prefs.messages;
    egui::Window::new(m.get("ui-diagnostics"))
        .default_pos([ctx.content_rect().right() - 520.0, 60.0])
        .default_size([500.0, 300.0])
        .show(&ctx, |ui| diagnostics(ui, m, &library));
    Ok(())
}

/// Every diagnostic of the scenario files, with how to fix it.
pub fn diagnostics(ui: &mut egui::Ui, m: &Messages, library: &LiveLibrary) {
    ui.label(
        RichText::new(m.format("ui-reloaded", &[("n", library.generation.into())])).color(MUTED),
    );
    let list = library.diagnostics();
    if list.is_empty() {
        ui.label(RichText::new(m.get("ui-diagnostics-none")).color(GOOD));
        return;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for d in list {
            let (message, help) = d.message(m);
            let color = if d.severity == Severity::Error { BAD } else { WARN };
            ui.label(
                RichText::new(format!(
                    "{}:{}:{}: [{}] {}",
                    d.path.display(),
                    d.line,
                    d.col,
                    d.code,
                    message
                ))
                .color(color)
                .monospace(),
            );
            if let Some(help) = help {
                ui.label(RichText::new(format!("  → {help}")).color(MUTED));
            }
        }
    });
}
