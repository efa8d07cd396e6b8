//! The egui layer: one plugin per screen (`menu`, `briefing`, `playing`,
//! `debrief`, `trainer`, and the `authoring` diagnostics window), each drawing only in
//! its own state, over the shared `widgets`. This module installs the
//! bundled CJK font and the theme, and works around two bevy_egui habits
//! that kept the reactive window redrawing. The centre of the window stays
//! transparent so the 2D scene shows through.

pub mod authoring;
pub mod briefing;
pub mod debrief;
pub mod kinsoku;
pub mod menu;
pub mod playing;
pub mod system_fonts;
pub mod trainer;
pub mod widgets;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiInput, EguiPreUpdateSet, EguiPrimaryContextPass, egui};

use super::scenario_assets::LiveLibrary;

/// Noto Sans CJK SC, subset (OFL 1.1; see assets/fonts/LICENSE-OFL.txt).
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-courtesy.otf");

/// The screens, drawn with egui.
pub struct UiPlugin {
    /// Show the diagnostics window (trainers' authoring mode).
    pub authoring: bool,
}

/// Runs in `EguiPrimaryContextPass` after the style is installed and before
/// the frame is measured: every screen draws in this set.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrawScreens;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Instrumentation::from_env())
            .add_systems(
                PreUpdate,
                drop_repeated_modifier_events
                    .after(EguiPreUpdateSet::ProcessInput)
                    .before(EguiPreUpdateSet::BeginPass),
            )
            .configure_sets(EguiPrimaryContextPass, DrawScreens.after(setup_style))
            .add_systems(EguiPrimaryContextPass, (setup_style, measure_frame.after(DrawScreens)))
            .add_plugins((
                menu::MenuPlugin,
                briefing::BriefingPlugin,
                playing::PlayingPlugin,
                debrief::DebriefPlugin,
                trainer::TrainerPlugin,
                system_fonts::SystemFontsPlugin,
            ));
        if self.authoring {
            app.add_plugins(authoring::AuthoringPlugin);
        }
    }
}

/// What the panels laid out in `root` left free, for the scene behind them.
pub fn free_rect(root: &egui::Ui) -> Rect {
    let r = root.available_rect_before_wrap();
    Rect::new(r.min.x, r.min.y, r.max.x, r.max.y)
}

/// The whole window as a Ui on the background layer, for a screen's panels.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "courtesy-root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.content_rect()),
    )
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

/// The frame of every panel: opaque, with a margin.
pub fn panel_frame() -> egui::Frame {
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

    fn first_interactive_frame(&mut self, library: &LiveLibrary) {
        if self.report_start && library.generation > 0 {
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

/// After the screens: reports the first interactive frame and, when asked,
/// why egui wants to repaint.
fn measure_frame(
    mut contexts: EguiContexts,
    library: Res<LiveLibrary>,
    mut instrumentation: ResMut<Instrumentation>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    instrumentation.first_interactive_frame(&library);
    instrumentation.frame_done(ctx);
    Ok(())
}
