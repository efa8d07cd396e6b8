//! The game's screens and session, as Bevy state: `AppState` for the screens
//! (menu, briefing, playing, debrief), the resources the screens read, and
//! the one `GameCommand` message through which the UI, the keyboard, the
//! autoplay and the tests drive everything. All decisions are made by the
//! core `Session`; this plugin only routes commands to it and keeps time.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use crate::core::i18n::{Locale, Messages};
use crate::core::library::PreparedScenario;
use crate::core::model::Prompt;
use crate::core::progress::{ProgressStore, ResultRecord, SavedPlay};
use crate::core::scoring::{ScenarioResult, TurnResult};
use crate::core::session::{Input, InputError, Screen, Session};

use super::scenario_assets::Catalogue;

/// The screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AppState {
    #[default]
    Menu,
    Briefing,
    Playing,
    Debrief,
}

pub use crate::core::progress::Mode;

/// Everything the trainee or a script can ask of the game.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum GameCommand {
    /// Choose a scenario and open its briefing.
    Open {
        scenario: String,
    },
    /// Start playing the scenario of the briefing.
    Begin,
    /// Answer the current prompt.
    Answer(Input),
    /// Close the feedback of the last turn and go on.
    Continue,
    /// Continue the session that an earlier run left unfinished.
    Resume,
    /// Play the same scenario again (a new seed).
    Retry,
    /// Play the next scenario of the menu's list.
    Next,
    ToMenu,
    SetLocale(Locale),
    SetMode(Mode),
}

/// The trainee's settings and the shown language.
#[derive(Resource)]
pub struct Settings {
    pub trainee: String,
    pub mode: Mode,
    pub messages: Messages,
}

impl Settings {
    pub fn new(locale: Locale) -> Self {
        Settings { trainee: String::new(), mode: Mode::Practice, messages: Messages::new(locale) }
    }
}

/// The scenario being briefed or played, and the state of the current turn.
#[derive(Resource, Default)]
pub struct Play {
    pub scenario: Option<Arc<PreparedScenario>>,
    pub session: Option<Session>,
    /// The last turn's reply and result, shown until `Continue` (practice).
    pub feedback: Option<(String, TurnResult)>,
    /// The reply being typed.
    pub draft: String,
    /// Seconds spent on the current prompt.
    pub elapsed: f32,
    /// Why the last input was refused, if it was.
    pub refused: Option<InputError>,
    /// The finished scenario's result.
    pub result: Option<ScenarioResult>,
    /// Seed of the next session; each start takes one and moves on.
    pub next_seed: u64,
    /// Ids shown in the menu, in order (for `Next`).
    pub menu_order: Vec<String>,
}

impl Play {
    pub fn screen(&self) -> Option<Screen> {
        self.session.as_ref().and_then(Session::screen)
    }

    /// The prompt waiting for an answer (none while feedback is shown).
    pub fn open_prompt(&self) -> Option<Prompt> {
        if self.feedback.is_some() {
            return None;
        }
        let session = self.session.as_ref()?;
        if session.is_finished() {
            return None;
        }
        session.screen()?.prompt
    }

    /// Seconds left on a timed prompt.
    pub fn time_left(&self) -> Option<f32> {
        self.open_prompt()?;
        let limit = self.screen()?.time_limit?;
        Some((limit.seconds - self.elapsed).max(0.0))
    }
}

/// Where progress is kept (none for autoplay), the unfinished session the
/// menu offers to continue, and the last problem with the files.
#[derive(Resource, Default)]
pub struct Progress {
    pub store: Option<ProgressStore>,
    pub resumable: Option<SavedPlay>,
    pub problem: Option<String>,
}

impl Progress {
    /// Opens the store and reads the session an earlier run left.
    pub fn open(store: Option<ProgressStore>) -> Progress {
        let (resumable, problem) = match store.as_ref().map(ProgressStore::load_session) {
            Some(Ok(saved)) => (saved.filter(|s| !s.session.inputs.is_empty()), None),
            Some(Err(e)) => (None, Some(e)),
            None => (None, None),
        };
        Progress { store, resumable, problem }
    }

    fn save(&mut self, settings: &Settings, session: &Session) {
        if let Some(store) = &self.store {
            let saved = SavedPlay::new(&settings.trainee, settings.mode, session.saved());
            self.problem = store.save_session(&saved).err();
        }
    }

    fn record(&mut self, settings: &Settings, result: &ScenarioResult) {
        if let Some(store) = &self.store {
            let record = ResultRecord::now(&settings.trainee, settings.mode, result.clone());
            self.problem = store.record_result(&record).err();
        }
    }
}

pub struct GamePlugin {
    pub locale: Locale,
    pub seed: u64,
    /// Where the session and the results are saved; `None` saves nothing.
    pub progress: Option<ProgressStore>,
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        app.init_state::<AppState>()
            .insert_resource(Settings::new(self.locale))
            .insert_resource(Play { next_seed: self.seed, ..Play::default() })
            .insert_resource(Progress::open(self.progress.clone()))
            .add_message::<GameCommand>()
            .add_systems(
                Update,
                (
                    apply_commands,
                    (tick_timer, to_debrief_when_done).chain().run_if(in_state(AppState::Playing)),
                )
                    .chain(),
            );
    }
}

fn apply_commands(
    mut commands: MessageReader<GameCommand>,
    mut play: ResMut<Play>,
    mut settings: ResMut<Settings>,
    mut progress: ResMut<Progress>,
    catalogue: Res<Catalogue>,
    state: Res<State<AppState>>,
    mut next: ResMut<NextState<AppState>>,
) {
    for command in commands.read() {
        match command.clone() {
            GameCommand::Open { scenario } => {
                if let Some(found) = catalogue.playable(&scenario) {
                    play.scenario = Some(found);
                    play.session = None;
                    play.result = None;
                    next.set(AppState::Briefing);
                }
            }
            GameCommand::Begin => {
                if *state.get() == AppState::Briefing {
                    // A new session replaces the one that could be resumed.
                    progress.resumable = None;
                    start_new(&mut play);
                    next.set(AppState::Playing);
                }
            }
            GameCommand::Answer(input) => answer(&mut play, &settings, &mut progress, input),
            GameCommand::Continue => {
                if play.feedback.take().is_some() {
                    play.elapsed = 0.0;
                    show_result_if_ended(&mut play);
                }
            }
            GameCommand::Resume => {
                let Some(saved) = progress.resumable.clone() else { continue };
                let Some(found) = catalogue.playable(&saved.session.scenario) else { continue };
                progress.resumable = None;
                settings.trainee = saved.trainee.clone().unwrap_or_default();
                settings.mode = saved.mode;
                start(&mut play, Session::replay(found, &saved.session));
                // A file edited since may replay to the end: show the debrief.
                show_result_if_ended(&mut play);
                next.set(AppState::Playing);
            }
            GameCommand::Retry => {
                if play.scenario.is_some() {
                    progress.resumable = None;
                    start_new(&mut play);
                    next.set(AppState::Playing);
                }
            }
            GameCommand::Next => {
                let current = play.scenario.as_ref().map(|s| s.id().to_string());
                let order = &play.menu_order;
                let at = current.and_then(|id| order.iter().position(|x| *x == id));
                let following = match at {
                    Some(i) => order.get(i + 1).or(order.first()),
                    None => order.first(),
                };
                if let Some(found) = following.cloned().and_then(|id| catalogue.playable(&id)) {
                    play.scenario = Some(found);
                    play.session = None;
                    play.result = None;
                    next.set(AppState::Briefing);
                }
            }
            GameCommand::ToMenu => {
                // A session left half-way can be continued from the menu.
                if let Some(session) = play.session.take()
                    && !session.is_finished()
                    && !session.transcript().is_empty()
                {
                    progress.resumable =
                        Some(SavedPlay::new(&settings.trainee, settings.mode, session.saved()));
                }
                play.feedback = None;
                next.set(AppState::Menu);
            }
            GameCommand::SetLocale(locale) => settings.messages = Messages::new(locale),
            GameCommand::SetMode(mode) => settings.mode = mode,
        }
    }
}

/// Starts the briefed scenario afresh with the next seed.
fn start_new(play: &mut Play) {
    let Some(scenario) = play.scenario.clone() else { return };
    let seed = play.next_seed;
    play.next_seed = play.next_seed.wrapping_add(1);
    start(play, Session::new(scenario, seed));
}

/// Plays `session` (new or resumed) with a clean turn.
fn start(play: &mut Play, session: Session) {
    play.scenario = Some(Arc::clone(session.scenario()));
    play.session = Some(session);
    play.feedback = None;
    play.draft.clear();
    play.elapsed = 0.0;
    play.refused = None;
    play.result = None;
}

fn answer(play: &mut Play, settings: &Settings, progress: &mut Progress, input: Input) {
    if play.open_prompt().is_none() {
        return;
    }
    let elapsed = play.elapsed;
    let Some(session) = play.session.as_mut() else { return };
    match session.answer(input, elapsed) {
        Ok(result) => {
            let reply = session.transcript().last().map(|t| t.reply.clone()).unwrap_or_default();
            // This answer is the only moment a session can end: until then
            // it is saved for resuming, at the end its result is recorded
            // (nothing is lost if the game closes on the last feedback).
            if session.is_finished() {
                progress.record(settings, &session.result());
            } else {
                progress.save(settings, session);
            }
            play.refused = None;
            play.draft.clear();
            play.elapsed = 0.0;
            if settings.mode == Mode::Practice {
                play.feedback = Some((reply, result));
            }
            show_result_if_ended(play);
        }
        Err(e) => play.refused = Some(e),
    }
}

/// When the session has ended and no feedback is open, the result is ready
/// (and `to_debrief_when_done` shows it).
fn show_result_if_ended(play: &mut Play) {
    let ended = play.session.as_ref().is_some_and(Session::is_finished);
    if ended && play.feedback.is_none() {
        play.result = play.session.as_ref().map(Session::result);
    }
}

/// Counts the seconds of a timed prompt and answers `TimedOut` when they run
/// out. While a prompt is timed it asks for redraws (the app is otherwise
/// reactive and sleeps until input).
fn tick_timer(
    time: Res<Time>,
    mut play: ResMut<Play>,
    mut commands: MessageWriter<GameCommand>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if play.open_prompt().is_none() {
        return;
    }
    play.elapsed += time.delta_secs();
    if let Some(left) = play.time_left() {
        redraw.write(RequestRedraw);
        if left <= 0.0 {
            commands.write(GameCommand::Answer(Input::TimedOut));
        }
    }
}

/// Leaves Playing for the Debrief once a result exists and nothing is shown.
pub fn to_debrief_when_done(play: Res<Play>, mut next: ResMut<NextState<AppState>>) {
    if play.result.is_some() && play.feedback.is_none() {
        next.set(AppState::Debrief);
    }
}
