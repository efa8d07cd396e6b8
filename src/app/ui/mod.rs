//! The egui layer: installs the bundled CJK font and the theme, and each
//! frame draws the current screen's panels (the views) and sends the
//! commands they return. The centre of the window stays transparent so the
//! 2D scene shows through.

pub mod views;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiInput, EguiPreUpdateSet, EguiPrimaryContextPass, egui};

use super::game::{AppState, GameCommand, Play, Progress, Settings};
use super::scenario_assets::Catalogue;
use views::MenuState;

/// Noto Sans CJK SC, subset (OFL 1.1; see assets/fonts/LICENSE-OFL.txt).
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-courtesy.otf");

/// The menu's filters.
#[derive(Resource, Default)]
pub struct MenuUi(pub MenuState);

/// Authoring mode shows the diagnostics panel.
#[derive(Resource, Default, Clone, Copy)]
pub struct Authoring(pub bool);

pub struct UiPlugin {
    pub authoring: bool,
}

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<MenuUi>()
            .insert_resource(Authoring(self.authoring))
            .insert_resource(Instrumentation::from_env())
            .add_systems(
                PreUpdate,
                drop_repeated_modifier_events
                    .after(EguiPreUpdateSet::ProcessInput)
                    .before(EguiPreUpdateSet::BeginPass),
            )
            .add_systems(EguiPrimaryContextPass, (setup_style, draw).chain());
    }
}

/// bevy_egui 0.42 adds a `ModifiersChanged` event to egui's input on every
/// frame, even when no modifier key changed; egui answers any input event
/// with a repaint request, and bevy_egui turns that into `RequestRedraw`, so
/// the reactive window would redraw forever (a whole core busy while the
/// trainee reads). Only real changes are passed on; egui keeps the last
/// state between frames.
pub fn drop_repeated_modifier_events(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last: Local<bevy::platform::collections::HashMap<Entity, egui::Modifiers>>,
) {
    for (entity, mut input) in &mut inputs {
        input.events.retain(|event| match event {
            egui::Event::ModifiersChanged(now) => last.insert(entity, *now) != Some(*now),
            _ => true,
        });
    }
}

/// Installs the font and the theme once the context exists.
pub fn setup_style(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    install_style(ctx);
    *done = true;
    Ok(())
}

/// The CJK font first for proportional text (it has Latin too), and a calm,
/// readable light theme with large text.
pub fn install_style(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "noto-sans-sc",
        egui::FontData::from_static(CJK_FONT),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Highest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
    ctx.set_visuals(egui::Visuals::light());
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles.insert(TextStyle::Body, FontId::new(18.0, FontFamily::Proportional));
        style.text_styles.insert(TextStyle::Button, FontId::new(18.0, FontFamily::Proportional));
        style.text_styles.insert(TextStyle::Heading, FontId::new(26.0, FontFamily::Proportional));
        style.text_styles.insert(TextStyle::Small, FontId::new(14.0, FontFamily::Proportional));
        style.text_styles.insert(TextStyle::Monospace, FontId::new(15.0, FontFamily::Monospace));
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        // A blinking cursor asks egui for a repaint every half second, and
        // bevy_egui 0.42 turns any pending repaint into an immediate redraw:
        // the window would redraw non-stop while the reply box has focus.
        style.visuals.text_cursor.blink = false;
    });
}

fn panel_frame() -> egui::Frame {
    egui::Frame::new()
        .fill(egui::Color32::from_rgb(250, 248, 244))
        .inner_margin(egui::Margin::same(16))
}

/// Measuring aids, read from the environment once: `COURTESY_TIMING` prints
/// the time from start-up to the first menu frame with the scenarios loaded
/// (docs/performance.md); `COURTESY_DEBUG_REPAINT` prints, every frame, why
/// egui wants to repaint (for when idle stops being idle).
#[derive(Resource)]
struct Instrumentation {
    report_start: bool,
    repaint_causes: bool,
}

impl Instrumentation {
    fn from_env() -> Self {
        Instrumentation {
            report_start: std::env::var_os("COURTESY_TIMING").is_some(),
            repaint_causes: std::env::var_os("COURTESY_DEBUG_REPAINT").is_some(),
        }
    }

    fn first_interactive_frame(&mut self, catalogue: &Catalogue) {
        if self.report_start && catalogue.generation > 0 {
            self.report_start = false;
            if let Some(started) = crate::app::STARTED.get() {
                eprintln!("first interactive frame after {} ms", started.elapsed().as_millis());
            }
        }
    }

    fn frame_done(&self, ctx: &egui::Context) {
        if self.repaint_causes {
            let events = ctx.input(|i| i.raw.events.clone());
            eprintln!("repaint causes: {:?} events: {events:?}", ctx.repaint_causes());
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    state: Res<State<AppState>>,
    mut settings: ResMut<Settings>,
    mut play: ResMut<Play>,
    catalogue: Res<Catalogue>,
    mut menu: ResMut<MenuUi>,
    progress: Res<Progress>,
    authoring: Res<Authoring>,
    mut instrumentation: ResMut<Instrumentation>,
    mut out: MessageWriter<GameCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "courtesy-root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.content_rect()),
    );
    let mut commands: Vec<GameCommand> = Vec::new();

    if authoring.0 {
        let m = &settings.messages;
        egui::Window::new(m.get("ui-diagnostics"))
            .default_pos([ctx.content_rect().right() - 520.0, 60.0])
            .default_size([500.0, 300.0])
            .show(&ctx, |ui| views::diagnostics(ui, m, &catalogue));
    }

    match state.get() {
        AppState::Menu => {
            egui::CentralPanel::default().frame(panel_frame()).show(&mut root, |ui| {
                commands.extend(views::menu(
                    ui,
                    &mut settings,
                    &catalogue,
                    &mut menu.0,
                    &progress,
                    &mut play.menu_order,
                ));
            });
            instrumentation.first_interactive_frame(&catalogue);
        }
        AppState::Briefing => {
            let m = &settings.messages;
            if let Some(scenario) = play.scenario.clone() {
                egui::Panel::bottom("briefing").frame(panel_frame()).show(&mut root, |ui| {
                    commands.extend(views::briefing(ui, m, &scenario));
                });
            }
        }
        AppState::Playing => {
            let m = &settings.messages;
            egui::Panel::top("play-bar").frame(panel_frame()).show(&mut root, |ui| {
                commands.extend(views::play_bar(ui, m, &settings, &play));
            });
            if play.feedback.is_some() {
                egui::Panel::right("feedback")
                    .frame(panel_frame())
                    .default_size(440.0)
                    .min_size(340.0)
                    .show(&mut root, |ui| {
                        ui.label(egui::RichText::new(m.get("ui-feedback-title")).strong());
                        commands.extend(views::feedback(ui, m, &play));
                    });
            }
            egui::Panel::bottom("dialogue").frame(panel_frame()).min_size(220.0).show(
                &mut root,
                |ui| {
                    commands.extend(views::dialogue(ui, m, &mut play));
                },
            );
        }
        AppState::Debrief => {
            egui::CentralPanel::default().frame(panel_frame()).show(&mut root, |ui| {
                commands.extend(views::debrief(ui, &settings, &play, &progress));
            });
        }
    }
    for c in commands {
        out.write(c);
    }
    instrumentation.frame_done(&ctx);
    Ok(())
}
