//! The screens drawn with egui, as plain functions of the game's state that
//! return the commands the trainee gave. They know nothing of Bevy systems,
//! so they can be tested with an egui context alone.

use bevy_egui::egui;
use egui::text::LayoutJob;
use egui::{Align, Color32, FontId, Key, Layout, RichText, TextFormat};

use crate::app::game::{GameCommand, Mode, Play, Progress, Settings};
use crate::app::scenario_assets::Catalogue;
use crate::core::diagnostic::Severity;
use crate::core::i18n::{Locale, Messages};
use crate::core::library::PreparedScenario;
use crate::core::model::{EndingKind, Mood, Prompt, Scenario, Setting, TraineeState, Verdict};
use crate::core::scoring::{ForbiddenHit, TurnResult, highlight_segments};
use crate::core::session::{Input, InputError};

pub const GOOD: Color32 = Color32::from_rgb(30, 130, 76);
pub const BAD: Color32 = Color32::from_rgb(192, 57, 43);
pub const MUTED: Color32 = Color32::from_rgb(110, 110, 120);
pub const ACCENT: Color32 = Color32::from_rgb(41, 98, 155);

/// The id of the reply box, so focus can be given to it.
pub const REPLY_ID: &str = "courtesy-reply";

/// The menu's filters, kept between frames.
#[derive(Default, Debug, Clone)]
pub struct MenuState {
    pub setting: Option<Setting>,
    pub tag: Option<String>,
    pub search: String,
    pub selected: Option<String>,
    /// The selection the list last scrolled to, so a selection made by the
    /// keys, a script or a filter change is brought into view once.
    pub scrolled_to: Option<String>,
}

impl MenuState {
    /// The scenarios the menu shows, in order.
    pub fn visible(
        &self,
        catalogue: &Catalogue,
        m: &Messages,
    ) -> Vec<std::sync::Arc<PreparedScenario>> {
        let search = self.search.trim().to_lowercase();
        catalogue
            .scenarios()
            .into_iter()
            .filter(|s| self.setting.is_none_or(|x| s.scenario.setting == x))
            .filter(|s| self.tag.as_ref().is_none_or(|t| s.scenario.tags.contains(t)))
            .filter(|s| {
                search.is_empty()
                    || m.scenario_title(s.id(), &s.scenario.title).to_lowercase().contains(&search)
                    || s.scenario.title.contains(search.as_str())
                    || s.id().contains(search.as_str())
            })
            .collect()
    }
}

fn heading(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).size(28.0).strong().color(ACCENT));
}

/// One row of a two-column facts grid: a bold label and its value.
fn fact_row(ui: &mut egui::Ui, label: String, value: impl Into<egui::WidgetText>) {
    ui.label(RichText::new(label).strong());
    ui.label(value);
    ui.end_row();
}

/// A scenario's sources under a bold heading, one line each.
fn source_lines(ui: &mut egui::Ui, m: &Messages, heading: &str, s: &Scenario, size: f32) {
    ui.label(RichText::new(m.get(heading)).strong());
    for src in &s.sources {
        ui.label(
            RichText::new(format!(
                "· {} {}",
                m.scenario_text(&src.doc),
                m.scenario_text(&src.clause)
            ))
            .size(size),
        );
    }
}

/// The menu: name, mode and language on top; on the left the filters and
/// the scenario list, on the right the selected scenario and Start. The ids
/// listed are left in `order`.
pub fn menu(
    ui: &mut egui::Ui,
    settings: &mut Settings,
    catalogue: &Catalogue,
    menu: &mut MenuState,
    progress: &Progress,
    order: &mut Vec<String>,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let m = &settings.messages;
    // Read before the text boxes are drawn: Enter that leaves the name box
    // must not also start a scenario.
    let nothing_focused = ui.memory(|mem| mem.focused().is_none());
    heading(ui, m.get("ui-title"));
    ui.label(RichText::new(m.get("ui-subtitle")).color(MUTED));
    ui.add_space(8.0);
    out.extend(resume_offer(ui, m, catalogue, progress));

    let mut locale = m.locale();
    let mut mode = settings.mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(m.get("ui-name"));
        ui.add(
            egui::TextEdit::singleline(&mut settings.trainee)
                .hint_text(m.get("ui-name-hint"))
                .desired_width(180.0),
        );
        ui.add_space(20.0);
        ui.label(m.get("ui-mode"));
        ui.radio_value(&mut mode, Mode::Practice, m.get("ui-mode-practice"));
        ui.radio_value(&mut mode, Mode::Exam, m.get("ui-mode-exam"));
        ui.add_space(20.0);
        ui.label(m.get("ui-language"));
        egui::ComboBox::from_id_salt("menu-locale").selected_text(locale_name(locale)).show_ui(
            ui,
            |ui| {
                for l in Locale::ALL {
                    ui.selectable_value(&mut locale, l, locale_name(l));
                }
            },
        );
    });
    if locale != m.locale() {
        out.push(GameCommand::SetLocale(locale));
    }
    if mode != settings.mode {
        out.push(GameCommand::SetMode(mode));
    }
    ui.separator();

    let visible = menu.visible(catalogue, m);
    // `Next` on the debrief follows the list as shown.
    order.clear();
    order.extend(visible.iter().map(|s| s.id().to_string()));
    if menu.selected.as_ref().is_none_or(|id| !visible.iter().any(|s| s.id() == id)) {
        menu.selected = visible.first().map(|s| s.id().to_string());
    }
    // Up and down move the selection while no text box has the keys.
    let step = ui.input(|i| {
        i32::from(i.key_pressed(Key::ArrowDown)) - i32::from(i.key_pressed(Key::ArrowUp))
    });
    let moved = nothing_focused && step != 0 && !visible.is_empty();
    if moved {
        let at = visible.iter().position(|s| menu.selected.as_deref() == Some(s.id())).unwrap_or(0)
            as i32;
        let to = (at + step).clamp(0, visible.len() as i32 - 1) as usize;
        menu.selected = Some(visible[to].id().to_string());
    }
    if nothing_focused
        && ui.input(|i| i.key_pressed(Key::Enter))
        && let Some(id) = &menu.selected
    {
        out.push(GameCommand::Open { scenario: id.clone() });
    }

    let height = ui.available_height();
    ui.columns(2, |columns| {
        let left = &mut columns[0];
        filters(left, m, catalogue, menu);
        left.label(
            RichText::new(m.format("ui-scenario-count", &[("n", visible.len().to_string())]))
                .color(MUTED),
        );
        if visible.is_empty() {
            left.label(m.get("ui-no-scenarios"));
        }
        let list_height = (left.available_height().min(height) - 8.0).max(120.0);
        egui::ScrollArea::vertical().id_salt("menu-list").max_height(list_height).show(
            left,
            |ui| {
                ui.set_width(ui.available_width());
                for s in &visible {
                    let selected = menu.selected.as_deref() == Some(s.id());
                    let response = ui.add_sized(
                        [ui.available_width(), 30.0],
                        egui::Button::selectable(
                            selected,
                            RichText::new(m.scenario_title(s.id(), &s.scenario.title)).size(18.0),
                        )
                        .right_text(
                            RichText::new(m.setting(s.scenario.setting)).color(MUTED).size(15.0),
                        ),
                    );
                    if selected && menu.scrolled_to.as_deref() != Some(s.id()) {
                        response.scroll_to_me(Some(Align::Center));
                        menu.scrolled_to = Some(s.id().to_string());
                    }
                    if response.clicked() {
                        menu.selected = Some(s.id().to_string());
                    }
                    if response.double_clicked() {
                        out.push(GameCommand::Open { scenario: s.id().to_string() });
                    }
                }
            },
        );

        let right = &mut columns[1];
        let chosen = menu.selected.as_ref().and_then(|id| visible.iter().find(|s| s.id() == id));
        if let Some(s) = chosen {
            preview(right, m, s);
            right.add_space(12.0);
            right.horizontal(|ui| {
                let start = ui.add(
                    egui::Button::new(RichText::new(m.get("ui-start")).size(20.0).strong())
                        .min_size([160.0, 42.0].into()),
                );
                if start.clicked() {
                    out.push(GameCommand::Open { scenario: s.id().to_string() });
                }
                ui.label(RichText::new(m.get("ui-keys-menu")).color(MUTED).size(14.0));
            });
        }
    });
    out
}

/// The setting, tag and title filters of the menu.
fn filters(ui: &mut egui::Ui, m: &Messages, catalogue: &Catalogue, menu: &mut MenuState) {
    let all = m.get("ui-all");
    egui::Grid::new("menu-filters").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        ui.label(m.get("ui-setting"));
        let current = menu.setting.map_or(all.clone(), |s| m.setting(s));
        egui::ComboBox::from_id_salt("menu-setting").selected_text(current).show_ui(ui, |ui| {
            ui.selectable_value(&mut menu.setting, None, all.clone());
            for s in Setting::ALL {
                ui.selectable_value(&mut menu.setting, Some(s), m.setting(s));
            }
        });
        ui.end_row();
        ui.label(m.get("ui-tag"));
        // Every tag once, in the order of its shown name.
        let tags: std::collections::BTreeSet<(String, String)> = catalogue
            .scenarios()
            .iter()
            .flat_map(|s| s.scenario.tags.iter())
            .map(|t| (m.tag(t), t.clone()))
            .collect();
        egui::ComboBox::from_id_salt("menu-tag")
            .selected_text(menu.tag.as_ref().map_or(all.clone(), |t| m.tag(t)))
            .height(400.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut menu.tag, None, all.clone());
                for (shown, t) in tags {
                    ui.selectable_value(&mut menu.tag, Some(t), shown);
                }
            });
        ui.end_row();
        ui.label(m.get("ui-search"));
        ui.add(
            egui::TextEdit::singleline(&mut menu.search)
                .hint_text(m.get("ui-search-hint"))
                .desired_width(220.0),
        );
        ui.end_row();
    });
}

/// The menu's view of one scenario: title, summary, where, tags, sources.
fn preview(ui: &mut egui::Ui, m: &Messages, scenario: &PreparedScenario) {
    let s = &scenario.scenario;
    ui.label(RichText::new(m.scenario_title(&s.id, &s.title)).size(22.0).strong().color(ACCENT));
    ui.label(RichText::new(m.scenario_summary(&s.id, &s.summary)).size(17.0));
    ui.add_space(6.0);
    egui::Grid::new("menu-preview").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        fact_row(ui, m.get("ui-setting"), m.setting(s.setting));
        fact_row(ui, m.get("ui-your-role"), m.scenario_text(&s.trainee.role));
        let tags: Vec<String> = s.tags.iter().map(|t| m.tag(t)).collect();
        fact_row(ui, m.get("ui-tag"), RichText::new(tags.join(" · ")).color(MUTED));
    });
    ui.add_space(4.0);
    source_lines(ui, m, "ui-sources", s, 15.0);
}

/// The session an earlier run left unfinished, offered to continue (F5);
/// and a problem with the progress files, if there was one.
fn resume_offer(
    ui: &mut egui::Ui,
    m: &Messages,
    catalogue: &Catalogue,
    progress: &Progress,
) -> Option<GameCommand> {
    if let Some(problem) = &progress.problem {
        ui.label(
            RichText::new(m.format("ui-progress-problem", &[("detail", problem.clone())]))
                .color(BAD)
                .size(14.0),
        );
    }
    let saved = progress.resumable.as_ref()?;
    let scenario = catalogue.playable(&saved.session.scenario)?;
    let mut command = None;
    egui::Frame::new()
        .fill(Color32::from_rgb(255, 246, 214))
        .corner_radius(6)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let title = m.scenario_title(scenario.id(), &scenario.scenario.title);
                let turns = saved.session.inputs.len().to_string();
                ui.label(m.format("ui-resume-offer", &[("title", title), ("n", turns)]));
                if ui.button(RichText::new(m.get("ui-resume")).strong()).clicked()
                    || ui.input(|i| i.key_pressed(Key::F5))
                {
                    command = Some(GameCommand::Resume);
                }
            });
        });
    ui.add_space(8.0);
    command
}

fn locale_name(l: Locale) -> &'static str {
    match l {
        Locale::ZhCn => "简体中文",
        Locale::ZhTw => "繁體中文",
        Locale::EnUs => "English",
    }
}

/// The briefing: where, who, what the manual expects.
pub fn briefing(ui: &mut egui::Ui, m: &Messages, scenario: &PreparedScenario) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let s = &scenario.scenario;
    heading(ui, m.scenario_title(&s.id, &s.title));
    ui.add_space(6.0);
    ui.label(RichText::new(m.scenario_summary(&s.id, &s.summary)).size(19.0));
    ui.add_space(12.0);
    egui::Grid::new("briefing").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
        fact_row(ui, m.get("ui-setting"), m.setting(s.setting));
        let role = format!(
            "{}（{}）",
            m.scenario_text(&s.trainee.role),
            trainee_state(m, s.trainee.starts)
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
        let begin = ui.add(
            egui::Button::new(RichText::new(m.get("ui-begin")).size(20.0))
                .min_size([180.0, 42.0].into()),
        );
        if begin.clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            out.push(GameCommand::Begin);
        }
        if ui.button(m.get("ui-menu")).clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            out.push(GameCommand::ToMenu);
        }
    });
    out
}

pub fn trainee_state(m: &Messages, state: TraineeState) -> String {
    m.get(&format!("ui-state-{}", format!("{state:?}").to_ascii_lowercase()))
}

pub fn mood_color(mood: Mood) -> Color32 {
    match mood {
        Mood::Friendly | Mood::Pleased => GOOD,
        Mood::Calm => ACCENT,
        Mood::Hurried | Mood::Confused | Mood::Anxious => Color32::from_rgb(180, 130, 20),
        Mood::Impatient | Mood::Annoyed => Color32::from_rgb(214, 110, 30),
        Mood::Angry => BAD,
    }
}

/// The top bar while playing.
pub fn play_bar(
    ui: &mut egui::Ui,
    m: &Messages,
    settings: &Settings,
    play: &Play,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        if let Some(s) = &play.scenario {
            ui.label(
                RichText::new(m.scenario_title(s.id(), &s.scenario.title)).strong().size(20.0),
            );
        }
        ui.separator();
        let mode = match settings.mode {
            Mode::Practice => m.get("ui-mode-practice"),
            Mode::Exam => m.get("ui-mode-exam"),
        };
        ui.label(mode);
        if let Some(session) = &play.session {
            ui.separator();
            ui.label(m.format("ui-turn", &[("n", (session.transcript().len() + 1).to_string())]));
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button(m.get("ui-menu")).clicked() {
                out.push(GameCommand::ToMenu);
            }
            if !settings.trainee.is_empty() {
                ui.label(RichText::new(&settings.trainee).color(MUTED));
            }
        });
    });
    out
}

/// The dialogue panel: cue, the customer's line, and the prompt.
pub fn dialogue(ui: &mut egui::Ui, m: &Messages, play: &mut Play) -> Vec<GameCommand> {
    let mut out = Vec::new();
    // While the feedback is open, show the exchange it is about.
    if play.feedback.is_some()
        && let (Some(session), Some(scenario)) = (&play.session, &play.scenario)
        && let Some(turn) = session.transcript().last()
    {
        if let Some(line) = &turn.line {
            let who = turn
                .speaker
                .as_ref()
                .and_then(|id| scenario.scenario.cast.iter().find(|p| &p.id == id))
                .map_or_else(|| m.get("speaker-unknown"), |p| m.scenario_text(&p.name));
            ui.label(RichText::new(format!("{who}：“{}”", m.scenario_text(line))).size(21.0));
        }
        let reply = if turn.result.timed_out {
            m.get("transcript-timed-out")
        } else if turn.result.chose.is_some() {
            m.scenario_text(&turn.reply)
        } else {
            turn.reply.clone()
        };
        ui.label(
            RichText::new(format!("{}：{reply}", m.get("speaker-you"))).size(21.0).color(ACCENT),
        );
        ui.label(RichText::new(m.get("ui-see-feedback")).color(MUTED));
        return out;
    }
    let Some(screen) = play.screen() else { return out };
    if !screen.cue.is_empty() {
        ui.label(
            RichText::new(format!("〔{}〕", m.scenario_text(&screen.cue)))
                .italics()
                .color(MUTED)
                .size(18.0),
        );
    }
    if let Some(line) = &screen.line {
        ui.horizontal_wrapped(|ui| {
            if let Some(p) = &screen.speaker {
                ui.label(RichText::new(m.scenario_text(&p.name)).strong().size(21.0));
                ui.label(
                    RichText::new(format!("（{}）", m.mood(p.mood)))
                        .color(mood_color(p.mood))
                        .size(18.0),
                );
            }
            ui.label(RichText::new(format!("“{}”", m.scenario_text(line))).size(22.0));
        });
    }
    if let Some(ending) = &screen.ending {
        let color = if ending.kind == EndingKind::Good { GOOD } else { BAD };
        ui.label(RichText::new(m.scenario_text(&ending.text)).size(20.0).color(color));
    }
    ui.add_space(6.0);

    let prompt = play.open_prompt();
    if let (Some(left), Some(limit)) = (play.time_left(), screen.time_limit) {
        let fraction = (left / limit.seconds).clamp(0.0, 1.0);
        let text = if limit.rings > 0 {
            let ring = ((play.elapsed / (limit.seconds / f32::from(limit.rings))).floor() as u8
                + 1)
            .min(limit.rings);
            m.format(
                "ui-ringing",
                &[
                    ("ring", ring.to_string()),
                    ("rings", limit.rings.to_string()),
                    ("left", format!("{left:.0}")),
                ],
            )
        } else {
            m.format("ui-time-left", &[("left", format!("{left:.0}"))])
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(RichText::new(text).color(Color32::WHITE))
                .fill(if fraction < 0.34 { BAD } else { ACCENT }),
        );
    }
    match prompt {
        Some(Prompt::Reply { .. }) => {
            ui.label(m.get("ui-reply-label"));
            let id = egui::Id::new(REPLY_ID);
            // Enter sends, Shift+Enter starts a new line (checked before the box sees the key).
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
                let edit = egui::TextEdit::multiline(&mut play.draft)
                    .id(id)
                    .desired_rows(2)
                    .desired_width(width)
                    .font(FontId::proportional(20.0))
                    .hint_text(m.get("ui-reply-hint"));
                let response = ui.add(edit);
                if !focused && !response.has_focus() && ui.memory(|mem| mem.focused().is_none()) {
                    response.request_focus();
                }
                let send = ui.add(
                    egui::Button::new(RichText::new(m.get("ui-send")).size(20.0))
                        .min_size([100.0, 44.0].into()),
                );
                if send.clicked() || send_by_key {
                    out.push(GameCommand::Answer(Input::Text(play.draft.clone())));
                }
            });
            ui.label(RichText::new(m.get("ui-keys-reply")).color(MUTED).size(14.0));
        }
        Some(p @ (Prompt::Choice { .. } | Prompt::Action { .. })) => {
            let key =
                if matches!(p, Prompt::Action { .. }) { "prompt-action" } else { "prompt-choice" };
            ui.label(m.get(key));
            let digits = [
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
            for (i, option) in p.options().iter().enumerate() {
                let text = format!("{}. {}", i + 1, m.scenario_text(&option.text));
                let button = ui.add(egui::Button::new(RichText::new(text).size(19.0)).wrap());
                let by_key = digits.get(i).is_some_and(|k| ui.input(|inp| inp.key_pressed(*k)));
                if button.clicked() || by_key {
                    out.push(GameCommand::Answer(Input::Pick(i)));
                }
            }
            ui.label(RichText::new(m.get("ui-keys-options")).color(MUTED).size(14.0));
        }
        None => {}
    }
    if let Some(refused) = &play.refused {
        ui.label(RichText::new(refusal(m, refused)).color(BAD));
    }
    out
}

fn refusal(m: &Messages, e: &InputError) -> String {
    match e {
        InputError::Empty => m.get("input-empty"),
        InputError::TooLong { chars, limit } => m.format(
            "input-too-long",
            &[("chars", chars.to_string()), ("limit", limit.to_string())],
        ),
        InputError::NoSuchOption { given, count } => m.format(
            "input-no-such-option",
            &[("given", given.to_string()), ("count", count.to_string())],
        ),
        InputError::WantsOption => m.get("play-want-number"),
        InputError::WantsText => m.get("input-wants-text"),
        InputError::Finished => m.get("input-finished"),
    }
}

/// The reply with forbidden hits painted.
pub fn highlighted(reply: &str, hits: &[ForbiddenHit], size: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    for (text, hit) in highlight_segments(reply, hits) {
        let format = if hit {
            TextFormat {
                font_id: FontId::proportional(size),
                color: Color32::WHITE,
                background: BAD,
                ..Default::default()
            }
        } else {
            TextFormat {
                font_id: FontId::proportional(size),
                color: Color32::from_gray(30),
                ..Default::default()
            }
        };
        job.append(&text, 0.0, format);
    }
    job
}

fn verdict_line(ui: &mut egui::Ui, m: &Messages, verdict: Verdict, score: u8) {
    let color = if verdict == Verdict::Pass { GOOD } else { BAD };
    ui.label(
        RichText::new(format!(
            "{} {}",
            m.verdict(verdict),
            m.format("score-of", &[("score", score.to_string())])
        ))
        .size(26.0)
        .strong()
        .color(color),
    );
}

/// The feedback after a practice turn.
pub fn feedback(ui: &mut egui::Ui, m: &Messages, play: &Play) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let (Some((reply, result)), Some(scenario)) = (&play.feedback, &play.scenario) else {
        return out;
    };
    let node = play.session.as_ref().and_then(|s| s.transcript().last()).map(|t| t.node.clone());
    egui::ScrollArea::vertical().max_height(ui.available_height() - 60.0).show(ui, |ui| {
        turn_details(ui, m, scenario, reply, result);
        if let Some(node) = &node {
            model_answers(ui, m, scenario, node);
        }
    });
    ui.add_space(6.0);
    let done = play.session.as_ref().is_some_and(|s| s.is_finished());
    let label = if done { m.get("ui-to-debrief") } else { m.get("ui-continue") };
    let button =
        ui.add(egui::Button::new(RichText::new(label).size(20.0)).min_size([180.0, 40.0].into()));
    if button.clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
        out.push(GameCommand::Continue);
    }
    out
}

/// One turn judged: verdict, the reply with hits, rules met and missed,
/// clauses and the right wording, model answers.
pub fn turn_details(
    ui: &mut egui::Ui,
    m: &Messages,
    scenario: &PreparedScenario,
    reply: &str,
    r: &TurnResult,
) {
    verdict_line(ui, m, r.verdict, r.score);
    if r.timed_out {
        ui.label(RichText::new(m.reason(&crate::core::scoring::Reason::TimedOut)).color(BAD));
    } else if r.chose.is_some() {
        ui.label(RichText::new(m.scenario_text(reply)).size(18.0));
    } else {
        ui.label(highlighted(reply, &r.forbidden, 19.0));
    }
    for hit in &r.forbidden {
        ui.label(
            RichText::new(format!(
                "× {}",
                m.format(
                    "hit-line",
                    &[
                        ("text", hit.text.clone()),
                        ("category", m.category(hit.category)),
                        ("clause", m.scenario_text(hit.clause.as_deref().unwrap_or("-"))),
                    ]
                )
            ))
            .color(BAD),
        );
        if let Some(s) = &hit.suggestion {
            ui.label(
                RichText::new(m.format("suggestion-line", &[("text", m.scenario_text(s))]))
                    .color(GOOD),
            );
        }
    }
    for check in &r.required {
        let (mark, key, color) =
            if check.met { ("√", "required-met", GOOD) } else { ("×", "required-missed", BAD) };
        ui.label(
            RichText::new(format!(
                "{mark} {}",
                m.format(
                    key,
                    &[
                        ("rule", m.scenario_text(&scenario.rule_label(&check.rule))),
                        ("category", m.category(check.category)),
                        ("clause", m.scenario_text(check.clause.as_deref().unwrap_or("-"))),
                    ]
                )
            ))
            .color(color),
        );
        if !check.met
            && let Some(s) = &check.suggestion
        {
            ui.label(
                RichText::new(m.format("suggestion-line", &[("text", m.scenario_text(s))]))
                    .color(GOOD),
            );
        }
    }
    if let Some(chosen) = &r.chose {
        let option = scenario
            .scenario
            .nodes
            .iter()
            .filter_map(|n| n.prompt.as_ref())
            .flat_map(|p| p.options())
            .find(|o| &o.id == chosen);
        if let Some(o) = option {
            if !o.feedback.is_empty() {
                ui.label(RichText::new(m.scenario_text(&o.feedback)).size(18.0));
            }
            if let Some(c) = &o.clause {
                ui.label(
                    RichText::new(m.format("clause-line", &[("clause", m.scenario_text(c))]))
                        .color(MUTED),
                );
            }
        }
    }
}

/// Model answers of a node, with their clauses.
fn model_answers(ui: &mut egui::Ui, m: &Messages, scenario: &PreparedScenario, node: &str) {
    if let Some(n) = scenario.node_index(node).map(|i| scenario.node(i)) {
        for model in &n.model {
            ui.label(
                RichText::new(m.format(
                    "model-answer",
                    &[
                        ("text", m.scenario_text(&model.text)),
                        ("clause", m.scenario_text(&model.clause)),
                    ],
                ))
                .color(ACCENT),
            );
        }
    }
}

/// The debrief: score, verdict, categories, transcript, model answers.
pub fn debrief(
    ui: &mut egui::Ui,
    settings: &Settings,
    play: &Play,
    progress: &Progress,
) -> Vec<GameCommand> {
    let mut out = Vec::new();
    let m = &settings.messages;
    let (Some(result), Some(scenario)) = (&play.result, &play.scenario) else { return out };
    let s = &scenario.scenario;
    heading(ui, format!("{} — {}", m.get("debrief-title"), m.scenario_title(&s.id, &s.title)));
    let mode = match settings.mode {
        Mode::Practice => m.get("ui-mode-practice"),
        Mode::Exam => m.get("ui-mode-exam"),
    };
    let who = settings.trainee.trim();
    let who = if who.is_empty() { m.get("ui-no-name") } else { who.to_string() };
    let recorded = match (&progress.store, &progress.problem) {
        (Some(_), None) => m.get("ui-result-recorded"),
        (Some(_), Some(problem)) => m.format("ui-progress-problem", &[("detail", problem.clone())]),
        (None, _) => String::new(),
    };
    ui.label(RichText::new(format!("{who} · {mode}　{recorded}")).color(MUTED));
    if let Some(node) =
        result.ending_node.as_ref().and_then(|id| scenario.node_index(id)).map(|i| scenario.node(i))
        && let Some(ending) = &node.ending
    {
        let color = if ending.kind == EndingKind::Good { GOOD } else { BAD };
        ui.label(RichText::new(m.scenario_text(&ending.text)).size(19.0).color(color));
    }
    ui.label(
        RichText::new(m.format(
            "debrief-score",
            &[
                ("score", result.score.to_string()),
                ("mark", result.pass_mark.to_string()),
                ("verdict", m.verdict(result.verdict)),
            ],
        ))
        .size(26.0)
        .strong()
        .color(if result.verdict == Verdict::Pass { GOOD } else { BAD }),
    );
    for rule in &result.critical_failures {
        ui.label(RichText::new(m.critical_failure(scenario, rule)).color(BAD));
    }
    ui.horizontal(|ui| {
        if ui
            .add(
                egui::Button::new(RichText::new(m.get("ui-retry")).size(19.0))
                    .min_size([140.0, 38.0].into()),
            )
            .clicked()
        {
            out.push(GameCommand::Retry);
        }
        if ui
            .add(
                egui::Button::new(RichText::new(m.get("ui-next")).size(19.0))
                    .min_size([140.0, 38.0].into()),
            )
            .clicked()
        {
            out.push(GameCommand::Next);
        }
        if ui
            .add(
                egui::Button::new(RichText::new(m.get("ui-menu")).size(19.0))
                    .min_size([140.0, 38.0].into()),
            )
            .clicked()
        {
            out.push(GameCommand::ToMenu);
        }
        ui.label(RichText::new(m.get("ui-keys-debrief")).color(MUTED).size(14.0));
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
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(RichText::new(m.get("debrief-categories")).strong());
        for c in &result.categories {
            ui.horizontal(|ui| {
                ui.add_sized([110.0, 22.0], egui::Label::new(m.category(c.category)));
                let color = if c.score >= result.pass_mark { GOOD } else { BAD };
                ui.add(
                    egui::ProgressBar::new(f32::from(c.score) / 100.0)
                        .desired_width(320.0)
                        .fill(color)
                        .text(RichText::new(c.score.to_string()).color(Color32::WHITE).strong()),
                );
            });
        }
        ui.add_space(8.0);
        ui.label(RichText::new(m.get("debrief-transcript")).strong());
        for (i, t) in result.transcript.iter().enumerate() {
            ui.add_space(4.0);
            if let Some(line) = &t.line {
                let who = t
                    .speaker
                    .as_ref()
                    .and_then(|id| s.cast.iter().find(|p| &p.id == id))
                    .map_or_else(|| m.get("speaker-unknown"), |p| m.scenario_text(&p.name));
                ui.label(format!("{}. {who}：{}", i + 1, m.scenario_text(line)));
            } else {
                ui.label(format!("{}.", i + 1));
            }
            ui.indent(("turn", i), |ui| {
                turn_details(ui, m, scenario, &t.reply, &t.result);
                model_answers(ui, m, scenario, &t.node);
            });
        }
        ui.add_space(8.0);
        source_lines(ui, m, "debrief-sources", s, 18.0);
    });
    out
}

/// The authoring panel: every diagnostic of the scenario files.
pub fn diagnostics(ui: &mut egui::Ui, m: &Messages, catalogue: &Catalogue) {
    ui.label(
        RichText::new(m.format("ui-reloaded", &[("n", catalogue.generation.to_string())]))
            .color(MUTED),
    );
    let list = catalogue.diagnostics();
    if list.is_empty() {
        ui.label(RichText::new(m.get("ui-diagnostics-none")).color(GOOD));
        return;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for d in list {
            let (message, help) = m.diagnostic(d);
            let color =
                if d.severity == Severity::Error { BAD } else { Color32::from_rgb(180, 130, 20) };
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
