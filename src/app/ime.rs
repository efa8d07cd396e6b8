//! The input method across a scenario. bevy_egui allows the IME only while a
//! text field has focus and switches it off in between; winit's X11 backend
//! then destroys the input context and makes a new one, which fcitx5 starts
//! in English, so a trainee had to press Ctrl+Space at every reply. It also
//! hands the IME the whole text box, so the candidate window covered the
//! first line of the reply.
//!
//! This plugin edits egui's output just before bevy_egui passes it to the
//! window: while a scenario is playing, the IME stays allowed at the last
//! caret (between reply boxes, and after a click elsewhere), and the IME
//! area is the caret's foot rather than the box, so the candidates open
//! under the text being typed.

use bevy::prelude::*;
use bevy_egui::input::process_ime_system;
use bevy_egui::output::process_output_system;
use bevy_egui::{EguiOutput, EguiPostUpdateSet, PrimaryEguiContext, egui};

use super::state::AppState;

/// Keeps the input method on for a whole scenario, placed at the caret.
pub struct ImePlugin;

impl Plugin for ImePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            PostUpdate,
            hold_the_input_method
                .in_set(EguiPostUpdateSet::ProcessOutput)
                .after(process_output_system)
                .before(process_ime_system),
        );
    }
}

/// What to tell the window about the IME this frame. `wanted` is egui's
/// (some while a text field has focus); `last` remembers the last caret.
/// While `playing`, a frame without a focused field keeps the last one, so
/// the input context lives on; elsewhere egui decides.
pub fn ime_to_show(
    wanted: Option<egui::output::IMEOutput>,
    last: &mut Option<egui::output::IMEOutput>,
    playing: bool,
) -> Option<egui::output::IMEOutput> {
    if !playing {
        *last = None;
        return wanted.map(at_the_caret);
    }
    if let Some(ime) = wanted {
        *last = Some(at_the_caret(ime));
    }
    *last
}

/// The IME area at the caret's foot: the candidate window opens under the
/// line being typed instead of over the top of the box (winit's X11 backend
/// uses the area's top-left corner as the XIM spot).
pub fn at_the_caret(ime: egui::output::IMEOutput) -> egui::output::IMEOutput {
    let caret = ime.cursor_rect;
    let foot =
        egui::Rect::from_min_size(caret.left_bottom(), egui::vec2(caret.width().max(1.0), 1.0));
    egui::output::IMEOutput { rect: foot, cursor_rect: foot, ..ime }
}

fn hold_the_input_method(
    mut outputs: Query<&mut EguiOutput, With<PrimaryEguiContext>>,
    state: Option<Res<State<AppState>>>,
    mut last: Local<Option<egui::output::IMEOutput>>,
) {
    let playing = state.is_some_and(|s| *s.get() == AppState::Playing);
    for mut output in &mut outputs {
        let wanted = output.platform_output.ime;
        let shown = ime_to_show(wanted, &mut last, playing);
        if shown != wanted {
            output.platform_output.ime = shown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ime(x: f32) -> egui::output::IMEOutput {
        egui::output::IMEOutput {
            purpose: egui::IMEPurpose::Normal,
            rect: egui::Rect::from_min_size(egui::pos2(10.0, 500.0), egui::vec2(600.0, 80.0)),
            cursor_rect: egui::Rect::from_min_size(egui::pos2(x, 520.0), egui::vec2(2.0, 20.0)),
            should_interrupt_composition: false,
        }
    }

    #[test]
    fn the_input_method_stays_on_between_reply_boxes_while_playing() {
        let mut last = None;
        let typing = ime_to_show(Some(ime(120.0)), &mut last, true).expect("on while typing");
        // The reply was sent; the next box is not focused yet, or the
        // trainee clicked an option: still on, at the last caret.
        assert_eq!(ime_to_show(None, &mut last, true), Some(typing));
        // Back at the menu, egui decides again.
        assert_eq!(ime_to_show(None, &mut last, false), None);
        assert_eq!(ime_to_show(None, &mut last, true), None, "forgotten after the scenario");
    }

    #[test]
    fn the_candidate_window_opens_under_the_caret_not_over_the_box() {
        let placed = at_the_caret(ime(120.0));
        assert_eq!(placed.rect.left_top(), egui::pos2(120.0, 540.0));
        assert!(placed.rect.height() <= 1.0);
    }
}
