//! The playing screen: the bar on top (scenario, mode, turn, menu), the
//! dialogue at the bottom (cue, the customer's line, the ring countdown and
//! the prompt: a reply box or the options), and, in the feedback step of
//! practice mode, the turn explained on the right. The 2D scene shows
//! through the middle.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::explain::{self, TurnFeedback};
use courtesy_core::model::{EndingKind, Prompt};
use courtesy_core::play::Mode;
use courtesy_core::{Input, Messages, TurnRecord};
use egui::{Color32, FontId, Key, RichText};

use super::kinsoku;
use super::widgets::{ACCENT, BAD, GOOD, MUTED, big_button, mood_color, turn_feedback};
use super::{DrawScreens, free_rect, panel_frame, root_ui};
use crate::app::records::Training;
use crate::app::scene::SceneArea;
use crate::app::state::{
    AppState, CurrentPlay, GameCommand, LastTurn, Preferences, TurnInput, TurnPhase,
};

/// The id of the reply box, so focus can be given to it.
pub const REPLY_ID: &str = "courtesy-reply";

/// Draws the playing screen while it is the screen.
pub struct PlayingPlugin;

impl Plugin for PlayingPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            EguiPrimaryContextPass,
            draw.in_set(DrawScreens).run_if(in_state(AppState::Playing)),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    play: Res<CurrentPlay>,
    mut input: ResMut<TurnInput>,
    last: Res<LastTurn>,
    phase: Res<State<TurnPhase>>,
    mut out: MessageWriter<GameCommand>,
    mut scene_area: ResMut<SceneArea>,
    training: Option<Res<Training>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let m = &prefs.messages;
    let mut root = root_ui(&ctx);
    let problem = training.as_ref().and_then(|t| t.problem.clone());
    egui::Panel::top("play-bar").frame(panel_frame()).show(&mut root, |ui| {
        out.write_batch(play_bar(ui, &prefs, &play, *phase.get(), problem.as_deref()));
    });
    // The right panel is laid out before the bottom one, so it runs the
    // window's full height.
    let explained = match (phase.get(), &last.0) {
        (TurnPhase::Feedback, Some(turn)) => Some(turn),
        (TurnPhase::Feedback | TurnPhase::Answering, _) => None,
    };
    if let Some(turn) = explained {
        let shown = explain::turn(m, play.scenario.as_deref(), turn);
        // At most 440 wide, and never more than half a narrow window, so the
        // exchange beside it stays readable.
        let width = (ctx.content_rect().width() * 0.5).clamp(260.0, 440.0);
        egui::Panel::right("feedback")
            .frame(panel_frame())
            .default_size(width)
            .min_size(width.min(340.0))
            .show(&mut root, |ui| {
                kinsoku::label(ui, RichText::new(m.get("ui-feedback-title")).strong());
                let contest = training.as_ref().filter(|t| t.me.is_some()).map(|t| {
                    let here =
                        play.session.as_ref().map(|s| (s.id().to_string(), s.transcript().len()));
                    t.contested.is_some() && t.contested == here
                });
                out.write_batch(feedback(ui, m, &shown, play.finished(), contest));
            });
    }
    egui::Panel::bottom("dialogue").frame(panel_frame()).min_size(220.0).show(&mut root, |ui| {
        out.write_batch(dialogue(ui, m, &play, &mut input, explained));
    });
    scene_area.set_if_neq(SceneArea(Some(free_rect(&root))));
    Ok(())
}

/// The top bar while playing.
pub fn play_bar(
    ui: &mut egui::Ui,
    prefs: &Preferences,
    play: &CurrentPlay,
    phase: TurnPhase,
    records_problem: Option<&str>,
) -> Vec<GameCommand> {
    let m = &prefs.messages;
    let mut out = Vec::new();
    // The menu button and the name on the right are laid out first; the
    // title, mode and turn on the left are cut short (…) when the window is
    // narrow, instead of running under them.
    let mut to_menu = false;
    egui::Sides::new().shrink_left().truncate().show(
        ui,
        |ui| {
            if let Some(s) = &play.scenario {
                ui.label(
                    RichText::new(m.scenario_title(s.id(), &s.scenario.title)).strong().size(20.0),
                );
            }
            ui.separator();
            let mode = match prefs.mode {
                Mode::Practice => m.get("ui-mode-practice"),
                Mode::Exam => m.get("ui-mode-exam"),
            };
            if play.session.is_some() {
                ui.label(m.format("ui-turn", &[("n", play.turn_on_screen(phase).into())]));
                ui.separator();
            }
            ui.label(mode);
        },
        |ui| {
            to_menu = ui.button(m.get("ui-menu")).clicked();
            // The turns wait on the writer thread while the records cannot
            // take them; the trainee plays on and is told.
            if let Some(problem) = records_problem {
                ui.label(RichText::new(m.get("ui-records-held")).color(BAD)).on_hover_text(problem);
            }
            if !prefs.trainee.is_empty() {
                ui.label(RichText::new(&prefs.trainee).color(MUTED));
            }
        },
    );
    if to_menu {
        out.push(GameCommand::ToMenu);
    }
    out
}

/// The feedback panel of a practice turn; Enter or the button goes on.
/// `contest`: none when the player is not on the roster (a contest is
/// recorded under a name); else whether this turn is contested already.
pub fn feedback(
    ui: &mut egui::Ui,
    m: &Messages,
    shown: &TurnFeedback,
    finished: bool,
    contest: Option<bool>,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let below = if contest.is_some() { 100.0 } else { 60.0 };
    egui::ScrollArea::vertical()
        .max_height(ui.available_height() - below)
        .show(ui, |ui| turn_feedback(ui, shown));
    ui.add_space(6.0);
    let label = if finished { m.get("ui-to-debrief") } else { m.get("ui-continue") };
    if big_button(ui, label, 20.0, [180.0, 40.0]).clicked()
        || ui.input(|i| i.key_pressed(Key::Enter))
    {
        out.push(GameCommand::Continue);
    }
    // One key (F2) for a trainee who thinks the verdict is wrong.
    match contest {
        Some(false)
            if ui.button(m.get("ui-contest")).clicked() || ui.input(|i| i.key_pressed(Key::F2)) =>
        {
            out.push(GameCommand::Contest);
        }
        Some(true) => {
            kinsoku::label(ui, RichText::new(m.get("ui-contested")).color(MUTED));
        }
        _ => {}
    }
    out
}

/// The dialogue panel: cue, the customer's line, and the prompt. With a
/// turn being `explained`, it shows that exchange instead.
pub fn dialogue(
    ui: &mut egui::Ui,
    m: &Messages,
    play: &CurrentPlay,
    input: &mut TurnInput,
    explained: Option<&TurnRecord>,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    if let Some(turn) = explained {
        exchange(ui, m, play, turn);
        return out;
    }
    let Some(screen) = play.screen() else { return out };
    if !screen.cue.is_empty() {
        // Narration in a frame of its own: slanted Chinese (fake italics)
        // reads badly.
        egui::Frame::new()
            .fill(Color32::from_rgb(236, 232, 223))
            .corner_radius(4)
            .inner_margin(egui::Margin::symmetric(10, 5))
            .show(ui, |ui| {
                kinsoku::label(
                    ui,
                    RichText::new(m.scenario_text(&screen.cue)).color(MUTED).size(18.0),
                );
            });
    }
    if let Some(line) = &screen.line {
        ui.horizontal_wrapped(|ui| {
            if let Some(p) = &screen.speaker {
                kinsoku::label(ui, RichText::new(m.scenario_text(&p.name)).strong().size(21.0));
                kinsoku::label(
                    ui,
                    RichText::new(m.format("mood-in-brackets", &[("mood", m.mood(p.mood).into())]))
                        .color(mood_color(p.mood))
                        .size(18.0),
                );
            }
            kinsoku::label(ui, RichText::new(format!("“{}”", m.scenario_text(line))).size(22.0));
        });
    }
    if let Some(ending) = &screen.ending {
        let color = if ending.kind == EndingKind::Good { GOOD } else { BAD };
        kinsoku::label(ui, RichText::new(m.scenario_text(&ending.text)).size(20.0).color(color));
    }
    ui.add_space(6.0);
    if play.finished() {
        return out;
    }
    if let (Some(left), Some(limit)) = (input.time_left(&screen), screen.time_limit) {
        let fraction = (left / limit.seconds).clamp(0.0, 1.0);
        let text = if limit.rings > 0 {
            let per_ring = limit.seconds / f32::from(limit.rings);
            let ring = ((input.elapsed / per_ring).floor() as u8 + 1).min(limit.rings);
            m.format(
                "ui-ringing",
                &[
                    ("ring", ring.into()),
                    ("rings", limit.rings.into()),
                    ("left", format!("{left:.0}").into()),
                ],
            )
        } else {
            m.format("ui-time-left", &[("left", format!("{left:.0}").into())])
        };
        // The words beside the bar, not on it: white on the bar ran onto the
        // white track as the bar emptied.
        let low = fraction < 0.34;
        ui.horizontal(|ui| {
            let words = RichText::new(text).strong().size(17.0);
            kinsoku::label(ui, if low { words.color(BAD) } else { words });
            ui.add(egui::ProgressBar::new(fraction).fill(if low { BAD } else { ACCENT }));
        });
    }
    match &screen.prompt {
        Some(Prompt::Reply { .. }) => out.extend(reply_box(ui, m, input)),
        Some(Prompt::Choice { options }) => {
            out.extend(option_buttons(ui, m, "prompt-choice", options.len(), |i| {
                m.scenario_text(&options[i].text)
            }))
        }
        Some(Prompt::Action { options }) => {
            out.extend(option_buttons(ui, m, "prompt-action", options.len(), |i| {
                m.scenario_text(&options[i].text)
            }))
        }
        None => {}
    }
    if let Some(refused) = &input.refused {
        kinsoku::label(ui, RichText::new(explain::input_error(m, refused)).color(BAD));
    }
    out
}

/// The exchange a feedback is about: the customer's line and the answer.
fn exchange(ui: &mut egui::Ui, m: &Messages, play: &CurrentPlay, turn: &TurnRecord) {
    if let (Some(line), Some(scenario)) = (&turn.line, &play.scenario) {
        let who = explain::speaker_name(m, scenario, turn.speaker.as_deref());
        let said = format!("“{}”", m.scenario_text(line));
        kinsoku::label(
            ui,
            RichText::new(m.format("speaker-line", &[("who", who.into()), ("text", said.into())]))
                .size(21.0),
        );
    }
    let reply = if turn.result.timed_out() {
        m.get("transcript-timed-out")
    } else if turn.result.picked().is_some() {
        m.scenario_text(&turn.reply)
    } else {
        turn.reply.clone()
    };
    let you =
        m.format("speaker-line", &[("who", m.get("speaker-you").into()), ("text", reply.into())]);
    kinsoku::label(ui, RichText::new(you).size(21.0).color(ACCENT));
    kinsoku::label(ui, RichText::new(m.get("ui-see-feedback")).color(MUTED));
}

/// The reply box: Enter sends, Shift+Enter starts a new line.
fn reply_box(ui: &mut egui::Ui, m: &Messages, input: &mut TurnInput) -> Option<GameCommand> {
    let mut sent = None;
    kinsoku::label(ui, m.get("ui-reply-label"));
    let id = egui::Id::new(REPLY_ID);
    // Checked before the box sees the key.
    let focused = ui.memory(|mem| mem.has_focus(id));
    let send_by_key = focused
        && ui.input_mut(|i| {
            let before = i.events.len();
            i.events.retain(|e| {
                !matches!(e, egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. }
                    if !modifiers.shift && !modifiers.alt)
            });
            i.events.len() != before
        });
    ui.horizontal(|ui| {
        let width = (ui.available_width() - 120.0).max(200.0);
        let edit = egui::TextEdit::multiline(&mut input.draft)
            .id(id)
            .desired_rows(2)
            .desired_width(width)
            .font(FontId::proportional(20.0))
            .hint_text(m.get("ui-reply-hint"));
        let response = ui.add(edit);
        if !focused && !response.has_focus() && ui.memory(|mem| mem.focused().is_none()) {
            response.request_focus();
        }
        if big_button(ui, m.get("ui-send"), 20.0, [100.0, 44.0]).clicked() || send_by_key {
            sent = Some(GameCommand::Answer(Input::Text(input.draft.clone())));
        }
    });
    kinsoku::label(ui, RichText::new(m.get("ui-keys-reply")).color(MUTED).size(14.0));
    sent
}

/// A digit 1–9 that came as text rather than as a key: with a Chinese
/// input method on, a digit may be committed through the IME (and, in its
/// full-width mode, as １–９).
pub fn digit_typed(events: &[egui::Event]) -> Option<usize> {
    events.iter().find_map(|e| {
        let text = match e {
            egui::Event::Text(t) | egui::Event::Ime(egui::ImeEvent::Commit(t)) => t.trim(),
            _ => return None,
        };
        let mut chars = text.chars();
        let digit = match (chars.next(), chars.next()) {
            (Some(c @ '1'..='9'), None) => c as u32 - '0' as u32,
            (Some(c @ '１'..='９'), None) => c as u32 - '０' as u32,
            _ => return None,
        };
        Some(digit as usize)
    })
}

/// The options as buttons, picked by a click or keys 1–9.
fn option_buttons(
    ui: &mut egui::Ui,
    m: &Messages,
    heading: &str,
    count: usize,
    text: impl Fn(usize) -> String,
) -> Option<GameCommand> {
    const DIGITS: [Key; 9] = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    let mut picked = None;
    kinsoku::label(ui, m.get(heading));
    for i in 0..count {
        let label = format!("{}. {}", i + 1, text(i));
        let button = ui.add(egui::Button::new(RichText::new(label).size(19.0)).wrap());
        let by_key = DIGITS.get(i).is_some_and(|k| ui.input(|inp| inp.key_pressed(*k)))
            || ui.input(|inp| digit_typed(&inp.events)) == Some(i + 1);
        if button.clicked() || by_key {
            picked = Some(GameCommand::Answer(Input::Pick(i)));
        }
    }
    kinsoku::label(ui, RichText::new(m.get("ui-keys-options")).color(MUTED).size(14.0));
    picked
}
