//! `play --autoplay FILE --screenshot DIR`: plays scripted input (one line a
//! turn, as in the terminal mode) in the real window, writes a PNG of the
//! menu, the briefing, every prompt before it is answered, every turn's
//! feedback and the debrief, then exits. A script whose first line is
//! `/trainer` pictures the menu and the trainer's screen instead.
//! Used for the README's pictures and the render test.

use std::collections::VecDeque;
use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use courtesy_core::Input;

use super::records::Training;
use super::scenario_assets::LiveLibrary;
use super::state::{AppState, CurrentPlay, GameCommand, LastTurn, Preferences};
use super::ui::menu::MenuSelection;

/// The trainee a scripted run plays as.
pub const AUTOPLAY_TRAINEE: &str = "autoplay";

/// Frames to wait for the UI to settle before each picture.
const SETTLE_FRAMES: u32 = 12;
/// Frames to wait for the last pictures to be written before exiting.
const EXIT_FRAMES: u32 = 600;

/// The script being played and the pictures taken.
#[derive(Resource)]
pub struct Autoplay {
    /// The scenario to play.
    pub scenario: String,
    /// Input lines not yet given.
    pub lines: VecDeque<String>,
    /// Where the pictures go.
    pub dir: PathBuf,
    shots: Vec<PathBuf>,
    wait: u32,
    exiting: Option<u32>,
    last_state: Option<AppState>,
    /// The turn whose prompt was last pictured.
    prompt_shot: Option<usize>,
}

impl Autoplay {
    /// A script for `scenario`, writing pictures to `dir`.
    pub fn new(scenario: String, lines: Vec<String>, dir: PathBuf) -> Self {
        Autoplay {
            scenario,
            lines: lines.into(),
            dir,
            shots: Vec::new(),
            wait: SETTLE_FRAMES * 3,
            exiting: None,
            last_state: None,
            prompt_shot: None,
        }
    }
}

/// Plays the script.
pub struct AutoplayPlugin;

impl Plugin for AutoplayPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, drive);
    }
}

#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut auto: ResMut<Autoplay>,
    state: Res<State<AppState>>,
    play: Res<CurrentPlay>,
    last: Res<LastTurn>,
    library: Res<LiveLibrary>,
    mut menu: ResMut<MenuSelection>,
    mut prefs: ResMut<Preferences>,
    training: Option<Res<Training>>,
    mut out: MessageWriter<GameCommand>,
    mut exit: MessageWriter<AppExit>,
) {
    if let Some(frames) = auto.exiting {
        auto.exiting = Some(frames + 1);
        let written = auto.shots.iter().all(|p| p.exists());
        if written || frames > EXIT_FRAMES {
            if !written {
                error!("autoplay: screenshots were not all written");
            }
            exit.write(if written { AppExit::Success } else { AppExit::error() });
        }
        return;
    }
    let now = *state.get();
    if auto.last_state != Some(now) {
        auto.last_state = Some(now);
        auto.wait = auto.wait.max(SETTLE_FRAMES);
    }
    if auto.wait > 0 {
        auto.wait -= 1;
        return;
    }
    match now {
        AppState::Menu => {
            if library.playable(&auto.scenario).is_none() {
                if library.generation > 0 {
                    error!("autoplay: no playable scenario {}", auto.scenario);
                    exit.write(AppExit::error());
                }
                return;
            }
            if menu.selected.as_deref() != Some(auto.scenario.as_str()) {
                menu.selected = Some(auto.scenario.clone());
                auto.wait = SETTLE_FRAMES;
                return;
            }
            shoot(&mut commands, &mut auto, "menu");
            if auto.lines.front().is_some_and(|l| l == "/trainer") {
                auto.lines.pop_front();
                out.write(GameCommand::OpenTrainer);
                return;
            }
            out.write(GameCommand::Open { scenario: auto.scenario.clone() });
        }
        AppState::Trainer => {
            if training.is_none_or(|t| t.report.is_some()) {
                shoot(&mut commands, &mut auto, "trainer");
                auto.exiting = Some(0);
            }
        }
        AppState::Briefing => {
            // A scripted run plays under a name of its own.
            if prefs.trainee.trim().is_empty() {
                prefs.trainee = AUTOPLAY_TRAINEE.into();
            }
            shoot(&mut commands, &mut auto, "briefing");
            out.write(GameCommand::Begin);
        }
        AppState::Playing => {
            if last.0.is_some() {
                shoot(&mut commands, &mut auto, &format!("turn-{:02}", play.turns_played()));
                out.write(GameCommand::Continue);
            } else if let Some(prompt) =
                play.screen().and_then(|s| s.prompt).filter(|_| !play.finished())
            {
                let turn = play.turns_played() + 1;
                if auto.prompt_shot != Some(turn) {
                    auto.prompt_shot = Some(turn);
                    shoot(&mut commands, &mut auto, &format!("prompt-{turn:02}"));
                    return;
                }
                match auto.lines.pop_front() {
                    Some(line) => {
                        let input =
                            Input::from_line(&line, Some(&prompt)).unwrap_or(Input::TimedOut);
                        out.write(GameCommand::Answer(input));
                        auto.wait = 2;
                    }
                    None => {
                        error!("autoplay: the input ended before the scenario did");
                        shoot(&mut commands, &mut auto, "unfinished");
                        auto.exiting = Some(0);
                    }
                }
            }
        }
        AppState::Debrief => {
            shoot(&mut commands, &mut auto, "debrief");
            auto.exiting = Some(0);
        }
    }
}

fn shoot(commands: &mut Commands, auto: &mut Autoplay, name: &str) {
    let path = auto.dir.join(format!("{:02}-{name}.png", auto.shots.len()));
    commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone()));
    auto.shots.push(path);
    auto.wait = SETTLE_FRAMES;
}
