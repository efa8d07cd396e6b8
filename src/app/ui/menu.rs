//! The menu screen: who plays, practice or exam, the language, and the
//! scenarios, filtered by venue and tag or searched by title, with a preview
//! of the selected one; an unfinished session is offered to continue (F5).
//! ↑/↓ choose, Enter or a double-click opens the briefing.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use courtesy_core::model::Venue;
use courtesy_core::play::Mode;
use courtesy_core::{CompiledScenario, Locale, Messages};
use egui::{Align, Color32, Key, RichText};

use super::kinsoku;
use super::widgets::{ACCENT, BAD, GOOD, MUTED, heading, locale_name, source_lines};
use super::{DrawScreens, panel_frame, root_ui};
use crate::app::records::Training;
use crate::app::scenario_assets::LiveLibrary;
use crate::app::state::{AppState, GameCommand, MenuFilter, MenuOrder, Preferences, Progress};

/// Draws the menu while it is the screen.
pub struct MenuPlugin;

impl Plugin for MenuPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<MenuSelection>().add_systems(
            EguiPrimaryContextPass,
            draw.in_set(DrawScreens).run_if(in_state(AppState::Menu)),
        );
    }
}

/// The scenario selected on the menu, kept between frames.
#[derive(Resource, Default, Debug, Clone, PartialEq, Eq)]
pub struct MenuSelection {
    /// The scenario selected.
    pub selected: Option<String>,
    /// The selection the list last scrolled to, so a selection made by the
    /// keys, a script or a filter change is brought into view once.
    pub scrolled_to: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    mut prefs: ResMut<Preferences>,
    library: Res<LiveLibrary>,
    mut filter: ResMut<MenuFilter>,
    mut selection: ResMut<MenuSelection>,
    progress: Res<Progress>,
    order: Res<MenuOrder>,
    training: Res<Training>,
    mut out: MessageWriter<GameCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    // Only real changes count: the list is worked out again when the
    // filter changes, and the name box edits the name in place.
    let mut edited = filter.clone();
    egui::CentralPanel::default().frame(panel_frame()).show(&mut root, |ui| {
        let prefs = prefs.bypass_change_detection();
        let view =
            MenuView { library: &library, progress: &progress, order: &order, training: &training };
        out.write_batch(view.show(ui, prefs, &mut edited, &mut selection));
    });
    filter.set_if_neq(edited);
    Ok(())
}

/// What the menu shows and does not change.
pub struct MenuView<'a> {
    /// The playable scenarios.
    pub library: &'a LiveLibrary,
    /// The session that can be continued.
    pub progress: &'a Progress,
    /// The ids listed, in order.
    pub order: &'a MenuOrder,
    /// The roster, and the training of the person playing.
    pub training: &'a Training,
}

impl MenuView<'_> {
    /// The menu: name, mode and language on top; on the left the filters and
    /// the scenario list, on the right the selected scenario and Start.
    pub fn show(
        &self,
        ui: &mut egui::Ui,
        prefs: &mut Preferences,
        filter: &mut MenuFilter,
        menu: &mut MenuSelection,
    ) -> Vec<GameCommand> {
        let (library, progress) = (self.library, self.progress);
        let mut out = Vec::new();
        let m = &prefs.messages;
        // Read before the text boxes are drawn: Enter that leaves the name box
        // must not also start a scenario.
        let nothing_focused = ui.memory(|mem| mem.focused().is_none());
        heading(ui, m.get("ui-title"));
        kinsoku::label(ui, RichText::new(m.get("ui-subtitle")).color(MUTED));
        ui.add_space(8.0);
        out.extend(resume_offer(ui, m, library, progress));

        let mut locale = m.locale();
        let mut mode = prefs.mode;
        let training = self.training;
        ui.horizontal_wrapped(|ui| {
            kinsoku::label(ui, m.get("ui-name"));
            // People on the roster pick themselves; anyone else types a name.
            if !training.roster.is_empty() {
                let current = training.me.as_ref().map_or_else(
                    || m.get("ui-not-on-roster"),
                    |p| format!("{} {}", p.employee_no, p.name),
                );
                egui::ComboBox::from_id_salt("menu-who")
                    .selected_text(current)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for p in &training.roster {
                            let me = training.me.as_ref().is_some_and(|x| x.id == p.id);
                            let label = format!("{} {}", p.employee_no, p.name);
                            if ui.selectable_label(me, label).clicked() && !me {
                                out.push(GameCommand::ChoosePerson(Some(p.id.clone())));
                            }
                        }
                        let nobody = training.me.is_none();
                        if ui.selectable_label(nobody, m.get("ui-not-on-roster")).clicked()
                            && !nobody
                        {
                            out.push(GameCommand::ChoosePerson(None));
                        }
                    });
            }
            if training.me.is_none() {
                ui.add(
                    egui::TextEdit::singleline(&mut prefs.trainee)
                        .hint_text(m.get("ui-name-hint"))
                        .desired_width(180.0),
                );
            }
            ui.add_space(20.0);
            kinsoku::label(ui, m.get("ui-mode"));
            ui.radio_value(&mut mode, Mode::Practice, m.get("ui-mode-practice"));
            ui.radio_value(&mut mode, Mode::Exam, m.get("ui-mode-exam"));
        });
        // The language on a row of its own, so it never runs off a narrow window.
        ui.horizontal_wrapped(|ui| {
            kinsoku::label(ui, m.get("ui-language"));
            egui::ComboBox::from_id_salt("menu-locale")
                .selected_text(locale_name(locale))
                .width(120.0)
                .show_ui(ui, |ui| {
                    for l in Locale::ALL {
                        ui.selectable_value(&mut locale, l, locale_name(l));
                    }
                });
            // What is trained is Chinese: say so where the screens are not.
            if m.locale() == Locale::EnUs {
                kinsoku::label(ui, RichText::new(m.get("ui-content-language")).color(MUTED));
            }
            // The trainer's screen, where there are records to report on.
            if training.roster_loaded
                && !training.roster.is_empty()
                && ui.button(m.get("ui-trainer-open")).clicked()
            {
                out.push(GameCommand::OpenTrainer);
            }
        });
        if locale != m.locale() {
            out.push(GameCommand::SetLocale(locale));
        }
        if mode != prefs.mode {
            out.push(GameCommand::SetMode(mode));
        }
        if let Some(no) = &training.unknown {
            let text = m.format("unknown-person", &[("no", no.as_str().into())]);
            kinsoku::label(ui, RichText::new(text).color(BAD));
        }
        if training.me.is_some() {
            ui.separator();
            // At most a third of a short window, so the list stays in view.
            let most = (ui.ctx().content_rect().height() * 0.3).max(110.0);
            egui::ScrollArea::vertical().id_salt("my-training").max_height(most).show(ui, |ui| {
                ui.set_width(ui.available_width());
                out.extend(my_training(ui, m, training, library, prefs.mode));
            });
        }
        ui.separator();

        let visible: Vec<Arc<CompiledScenario>> =
            self.order.0.iter().filter_map(|id| library.playable(id)).collect();
        if menu.selected.as_ref().is_none_or(|id| !visible.iter().any(|s| s.id() == id)) {
            menu.selected = visible.first().map(|s| s.id().to_string());
        }
        // Up and down move the selection while no text box has the keys.
        let step = ui.input(|i| {
            i32::from(i.key_pressed(Key::ArrowDown)) - i32::from(i.key_pressed(Key::ArrowUp))
        });
        let moved = nothing_focused && step != 0 && !visible.is_empty();
        if moved {
            let at =
                visible.iter().position(|s| menu.selected.as_deref() == Some(s.id())).unwrap_or(0)
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
        // Two columns that share the window's width and never run past it:
        // the list at most 460 wide, the preview the rest, each wrapping its
        // text to its own width.
        let gap = 16.0;
        let total = ui.available_width();
        let left_width = (total * 0.42).clamp(220.0, 460.0).min((total - gap) / 2.0).max(160.0);
        // The row also puts egui's item spacing around the gap.
        let spacing = ui.spacing().item_spacing.x;
        let right_width = (total - left_width - gap - 2.0 * spacing).max(160.0);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(left_width, height),
                egui::Layout::top_down(Align::Min),
                |left| {
                    left.set_width(left_width);
                    filters(left, m, library, filter);
                    kinsoku::label(
                        left,
                        RichText::new(
                            m.format("ui-scenario-count", &[("n", visible.len().into())]),
                        )
                        .color(MUTED),
                    );
                    if visible.is_empty() {
                        kinsoku::label(left, m.get("ui-no-scenarios"));
                    }
                    let list_height = (left.available_height().min(height) - 8.0).max(120.0);
                    egui::ScrollArea::vertical().id_salt("menu-list").max_height(list_height).show(
                        left,
                        |ui| {
                            ui.set_width(ui.available_width());
                            for s in &visible {
                                if let Some(command) = list_entry(ui, m, s, menu) {
                                    out.push(command);
                                }
                            }
                        },
                    );
                },
            );
            ui.add_space(gap);
            ui.allocate_ui_with_layout(
                egui::vec2(right_width, height),
                egui::Layout::top_down(Align::Min),
                |right| {
                    right.set_width(right_width);
                    let chosen =
                        menu.selected.as_ref().and_then(|id| visible.iter().find(|s| s.id() == id));
                    let Some(s) = chosen else { return };
                    // Start right under the title, so a short window still shows it.
                    kinsoku::label(
                        right,
                        RichText::new(m.scenario_title(s.id(), &s.scenario.title))
                            .size(22.0)
                            .strong()
                            .color(ACCENT),
                    );
                    right.horizontal_wrapped(|ui| {
                        let start = ui.add(
                            egui::Button::new(RichText::new(m.get("ui-start")).size(20.0).strong())
                                .min_size([160.0, 42.0].into()),
                        );
                        if start.clicked() {
                            out.push(GameCommand::Open { scenario: s.id().to_string() });
                        }
                        kinsoku::label(
                            ui,
                            RichText::new(m.get("ui-keys-menu")).color(MUTED).size(14.0),
                        );
                    });
                    right.add_space(6.0);
                    egui::ScrollArea::vertical().id_salt("menu-preview").show(right, |ui| {
                        ui.set_width(ui.available_width());
                        preview(ui, m, s);
                    });
                },
            );
        });
        out
    }
}

/// "My training": each assignment with its status and due date, the
/// modules (passed, open, locked), the open module's scenarios still short
/// of passes as buttons that open them in the mode their gate asks for,
/// and the certificate's expiry.
fn my_training(
    ui: &mut egui::Ui,
    m: &Messages,
    training: &Training,
    library: &LiveLibrary,
    mode: Mode,
) -> Vec<GameCommand> {
    use courtesy_core::curriculum::{AssignmentStatus as S, ModuleState, words};
    let mut out = Vec::new();
    kinsoku::label(ui, RichText::new(m.get("ui-my-training")).strong());
    let views = training.assignments_now();
    if views.is_empty() && training.drills.is_empty() {
        kinsoku::label(ui, RichText::new(m.get("training-none")).color(MUTED));
    }
    out.extend(drills(ui, m, training, library, mode));
    for v in &views {
        let color = match v.status {
            S::Failed | S::Overdue => BAD,
            S::Passed => GOOD,
            _ => ACCENT,
        };
        let line = words::assignment(m, v.curriculum, v.status, v.assignment.due_at);
        kinsoku::label(ui, RichText::new(line).color(color));
        ui.horizontal_wrapped(|ui| {
            for (module, shown) in v.curriculum.modules.iter().zip(&v.progress.modules) {
                let color = match shown.state {
                    ModuleState::Passed => GOOD,
                    ModuleState::Open => ACCENT,
                    ModuleState::Locked => MUTED,
                };
                // Each module whole on its line: no break inside 投诉（考试）.
                let text = RichText::new(words::module(m, shown.state, &module.title)).color(color);
                ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
            }
        });
        let open = v
            .curriculum
            .modules
            .iter()
            .zip(&v.progress.modules)
            .find(|(_, p)| p.state == ModuleState::Open);
        if let Some((module, shown)) = open {
            ui.horizontal_wrapped(|ui| {
                for (id, count, need) in shown.scenarios.iter().filter(|(_, c, n)| c < n) {
                    let Some(s) = library.playable(id) else { continue };
                    let label =
                        format!("{} {count}/{need}", m.scenario_title(id, &s.scenario.title));
                    if ui.button(label).clicked() {
                        let wanted = module.gate.mode();
                        if wanted != mode {
                            out.push(GameCommand::SetMode(wanted));
                        }
                        out.push(GameCommand::Open { scenario: id.clone() });
                    }
                }
            });
        }
        if let Some(text) = words::certificate(m, &v.progress) {
            kinsoku::label(ui, RichText::new(text).color(MUTED));
        }
    }
    if let Some(problem) = &training.problem {
        let text = m.format("records-held", &[("detail", problem.as_str().into())]);
        kinsoku::label(ui, RichText::new(text).color(BAD));
    }
    out
}

/// The refresher drills from mystery-shopper findings: each with where it
/// stands and what the shopper saw, and for an open one its scenarios as
/// buttons that open them in exam mode (only exams count).
fn drills(
    ui: &mut egui::Ui,
    m: &Messages,
    training: &Training,
    library: &LiveLibrary,
    mode: Mode,
) -> Vec<GameCommand> {
    use courtesy_core::drill::{DrillState, words};
    let mut out = Vec::new();
    if training.drills.is_empty() {
        return out;
    }
    kinsoku::label(ui, RichText::new(m.get("training-drills")).strong());
    for v in &training.drills {
        let d = &v.record.drill;
        let color = match v.progress.state {
            s if words::is_alarming(s) => BAD,
            DrillState::Passed => GOOD,
            s if s.is_open() => ACCENT,
            _ => MUTED,
        };
        kinsoku::label(
            ui,
            RichText::new(words::line(m, &d.category, &v.progress, d.due_at)).color(color),
        );
        let f = &v.finding.finding;
        let seen = words::seen(
            m,
            f.observed_on,
            f.observed_at.as_deref(),
            &v.site_name,
            f.channel,
            &v.seen(),
        );
        kinsoku::label(ui, RichText::new(seen).color(MUTED));
        if v.progress.state.is_open() {
            ui.horizontal_wrapped(|ui| {
                for id in &v.scenarios {
                    let Some(s) = library.playable(id) else { continue };
                    if ui.button(m.scenario_title(id, &s.scenario.title)).clicked() {
                        if mode != Mode::Exam {
                            out.push(GameCommand::SetMode(Mode::Exam));
                        }
                        out.push(GameCommand::Open { scenario: id.clone() });
                    }
                }
            });
        }
    }
    out
}

/// The venue, tag and title filters of the menu.
fn filters(ui: &mut egui::Ui, m: &Messages, library: &LiveLibrary, menu: &mut MenuFilter) {
    let all = m.get("ui-all");
    egui::Grid::new("menu-filters").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        kinsoku::label(ui, m.get("ui-venue"));
        let current = menu.venue.map_or(all.clone(), |s| m.venue(s));
        egui::ComboBox::from_id_salt("menu-venue").selected_text(current).show_ui(ui, |ui| {
            ui.selectable_value(&mut menu.venue, None, all.clone());
            for s in Venue::ALL {
                ui.selectable_value(&mut menu.venue, Some(s), m.venue(s));
            }
        });
        ui.end_row();
        kinsoku::label(ui, m.get("ui-tag"));
        // Every tag once, in the order of its shown name.
        let tags: std::collections::BTreeSet<(String, String)> = library
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
        kinsoku::label(ui, m.get("ui-search"));
        ui.add(
            egui::TextEdit::singleline(&mut menu.search)
                .hint_text(m.get("ui-search-hint"))
                .desired_width(220.0),
        );
        ui.end_row();
    });
}

/// One scenario in the menu's list: its title (cut short with … when the
/// column is narrow) and venue; a click selects it, a double click opens it.
fn list_entry(
    ui: &mut egui::Ui,
    m: &Messages,
    s: &CompiledScenario,
    menu: &mut MenuSelection,
) -> Option<GameCommand> {
    let selected = menu.selected.as_deref() == Some(s.id());
    let response = ui.add_sized(
        [ui.available_width(), 30.0],
        egui::Button::selectable(
            selected,
            RichText::new(m.scenario_title(s.id(), &s.scenario.title)).size(18.0),
        )
        .right_text(RichText::new(m.venue(s.scenario.venue)).color(MUTED).size(15.0))
        .truncate(),
    );
    if selected && menu.scrolled_to.as_deref() != Some(s.id()) {
        response.scroll_to_me(Some(Align::Center));
        menu.scrolled_to = Some(s.id().to_string());
    }
    if response.clicked() {
        menu.selected = Some(s.id().to_string());
    }
    response.double_clicked().then(|| GameCommand::Open { scenario: s.id().to_string() })
}

/// The menu's view of one scenario under its title: summary, where, post,
/// tags and sources, each wrapped to the column.
fn preview(ui: &mut egui::Ui, m: &Messages, scenario: &CompiledScenario) {
    let s = &scenario.scenario;
    kinsoku::label(ui, RichText::new(m.scenario_summary(&s.id, &s.summary)).size(17.0));
    ui.add_space(6.0);
    let tags: Vec<String> = s.tags.iter().map(|t| m.tag(t)).collect();
    for (label, value) in [
        (m.get("ui-venue"), RichText::new(m.venue(s.venue))),
        (m.get("ui-your-role"), RichText::new(m.scenario_role(&s.id, &s.trainee.role))),
        (m.get("ui-tag"), RichText::new(tags.join(" · ")).color(MUTED)),
    ] {
        ui.horizontal_wrapped(|ui| {
            kinsoku::label(ui, RichText::new(label).strong());
            kinsoku::label(ui, value);
        });
    }
    ui.add_space(4.0);
    source_lines(ui, m, "ui-sources", s, 15.0);
}

/// The session an earlier run left unfinished, offered to continue (F5);
/// and a problem with the progress files, if there was one.
fn resume_offer(
    ui: &mut egui::Ui,
    m: &Messages,
    library: &LiveLibrary,
    progress: &Progress,
) -> Option<GameCommand> {
    if let Some(problem) = &progress.problem {
        kinsoku::label(
            ui,
            RichText::new(m.format("ui-progress-problem", &[("detail", problem.into())]))
                .color(BAD)
                .size(14.0),
        );
    }
    let saved = progress.resumable.as_ref()?;
    let scenario = library.playable(&saved.session.scenario)?;
    let mut command = None;
    egui::Frame::new()
        .fill(Color32::from_rgb(255, 246, 214))
        .corner_radius(6)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let title = m.scenario_title(scenario.id(), &scenario.scenario.title);
                let turns = saved.session.inputs.len().into();
                kinsoku::label(
                    ui,
                    m.format("ui-resume-offer", &[("title", title.into()), ("n", turns)]),
                );
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
