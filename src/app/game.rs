//! The game's logic: `GamePlugin` routes every [`GameCommand`] to the core
//! `Session` and moves between screens, keeps the time of a timed prompt,
//! and saves or records progress at the moment a turn is played. All
//! decisions are the core's; this plugin only routes and keeps time.
//!
//! Commands are routed in `PreUpdate`, before Bevy applies state changes,
//! so a command's new screen (or feedback step) is in force for the rest
//! of that frame.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use courtesy_core::play::{Mode, ProgressStore, SavedPlay};
use courtesy_core::{Input, Locale, Messages, Session};

use super::scenario_assets::LiveLibrary;
use super::state::{
    AppState, BeginBlocked, CurrentPlay, GameCommand, LastTurn, MenuFilter, MenuOrder, Preferences,
    Progress, TurnInput, TurnPhase,
};

/// The screens, the session and the commands.
pub struct GamePlugin {
    /// The language shown first.
    pub locale: Locale,
    /// The seed of the first session.
    pub seed: u64,
    /// Where the session and the results are saved; `None` saves nothing.
    pub progress: Option<ProgressStore>,
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        app.init_state::<AppState>()
            .add_sub_state::<TurnPhase>()
            .insert_resource(Preferences::new(self.locale))
            .insert_resource(CurrentPlay { next_seed: self.seed, ..CurrentPlay::default() })
            .init_resource::<TurnInput>()
            .init_resource::<LastTurn>()
            .init_resource::<MenuFilter>()
            .init_resource::<MenuOrder>()
            .insert_resource(Progress::open(self.progress.clone()))
            .add_message::<GameCommand>()
            .add_message::<RequestRedraw>()
            .add_systems(PreUpdate, route_commands)
            .add_systems(
                Update,
                refresh_menu_order.run_if(
                    in_state(AppState::Menu).and_then(
                        resource_changed::<MenuFilter>
                            .or_eager(resource_changed::<LiveLibrary>)
                            .or_eager(resource_changed::<Preferences>),
                    ),
                ),
            )
            .add_systems(
                Update,
                (
                    tick_timer.run_if(in_state(TurnPhase::Answering)),
                    to_debrief_when_done.run_if(in_state(TurnPhase::Answering)),
                ),
            );
    }
}

/// The state a command may change, in one place.
#[derive(bevy::ecs::system::SystemParam)]
struct Game<'w> {
    play: ResMut<'w, CurrentPlay>,
    input: ResMut<'w, TurnInput>,
    last: ResMut<'w, LastTurn>,
    prefs: ResMut<'w, Preferences>,
    progress: ResMut<'w, Progress>,
    order: Res<'w, MenuOrder>,
    library: Res<'w, LiveLibrary>,
    screen: Res<'w, State<AppState>>,
    next_screen: ResMut<'w, NextState<AppState>>,
    next_phase: ResMut<'w, NextState<TurnPhase>>,
}

fn route_commands(mut commands: MessageReader<GameCommand>, mut game: Game) {
    for command in commands.read() {
        game.apply(command.clone());
    }
}

impl Game<'_> {
    fn apply(&mut self, command: GameCommand) {
        match command {
            GameCommand::Open { scenario } => self.open(&scenario),
            begin @ (GameCommand::Begin | GameCommand::BeginDiscardingSaved) => {
                if *self.screen.get() != AppState::Briefing {
                    return;
                }
                // Who is playing is asked once per launch; results and
                // saves carry the name.
                if self.prefs.trainee.trim().is_empty() {
                    self.play.begin_blocked = Some(BeginBlocked::NoName);
                    return;
                }
                // A saved session is only discarded when the trainee says so.
                if self.progress.resumable.is_some() && begin == GameCommand::Begin {
                    self.play.begin_blocked = Some(BeginBlocked::SavedSession);
                    return;
                }
                self.play.begin_blocked = None;
                self.progress.resumable = None;
                self.start_new();
            }
            GameCommand::Answer(input) => self.answer(input),
            GameCommand::Continue => {
                if self.last.0.take().is_some() {
                    self.input.elapsed = 0.0;
                    self.next_phase.set(TurnPhase::Answering);
                    self.show_result_if_ended();
                }
            }
            GameCommand::Resume => {
                let Some(saved) = self.progress.resumable.clone() else { return };
                let Some(found) = self.library.playable(&saved.session.scenario) else { return };
                self.progress.resumable = None;
                self.prefs.trainee = saved.trainee.clone().unwrap_or_default();
                self.prefs.mode = saved.mode;
                self.start(Session::replay(found, &saved.session));
                // A file edited since may replay to the end: show the debrief.
                self.show_result_if_ended();
            }
            GameCommand::Retry => {
                if self.play.scenario.is_some() {
                    self.progress.resumable = None;
                    self.start_new();
                }
            }
            GameCommand::Next => {
                let current = self.play.scenario.as_ref().map(|s| s.id().to_string());
                let order = &self.order.0;
                let at = current.and_then(|id| order.iter().position(|x| *x == id));
                let following = match at {
                    Some(i) => order.get(i + 1).or(order.first()),
                    None => order.first(),
                };
                if let Some(id) = following.cloned() {
                    self.open(&id);
                }
            }
            GameCommand::OpenTrainer => self.next_screen.set(AppState::Trainer),
            GameCommand::ToMenu => {
                // A session left half-way can be continued from the menu.
                if let Some(session) = self.play.session.take()
                    && !session.is_finished()
                    && !session.transcript().is_empty()
                {
                    let saved =
                        SavedPlay::new(&self.prefs.trainee, self.prefs.mode, session.saved());
                    self.progress.resumable = Some(saved);
                }
                self.last.0 = None;
                self.next_screen.set(AppState::Menu);
            }
            GameCommand::SetLocale(locale) => self.prefs.messages = Messages::new(locale),
            GameCommand::SetMode(mode) => self.prefs.mode = mode,
            // The records plugin's: who is playing, and contests.
            GameCommand::ChoosePerson(_)
            | GameCommand::Contest
            | GameCommand::ShowReport { .. }
            | GameCommand::ExportReport
            | GameCommand::AddFinding { .. }
            | GameCommand::Review { .. } => {}
        }
    }

    /// Opens a scenario's briefing.
    fn open(&mut self, id: &str) {
        if let Some(found) = self.library.playable(id) {
            self.play.begin_blocked = None;
            self.play.scenario = Some(found);
            self.play.session = None;
            self.play.result = None;
            self.next_screen.set(AppState::Briefing);
        }
    }

    /// Starts the briefed scenario afresh with the next seed.
    fn start_new(&mut self) {
        let Some(scenario) = self.play.scenario.clone() else { return };
        let seed = self.play.next_seed;
        self.play.next_seed = seed.wrapping_add(1);
        self.start(Session::new(scenario, seed));
    }

    /// Plays `session` (new or resumed) from a clean turn.
    fn start(&mut self, session: Session) {
        self.play.begin_blocked = None;
        self.play.scenario = Some(Arc::clone(session.scenario()));
        self.play.session = Some(session);
        self.play.result = None;
        *self.input = TurnInput::default();
        self.last.0 = None;
        self.next_screen.set(AppState::Playing);
        self.next_phase.set(TurnPhase::Answering);
    }

    fn answer(&mut self, input: Input) {
        let answering = *self.screen.get() == AppState::Playing && self.last.0.is_none();
        let elapsed = self.input.elapsed;
        let Some(session) = self.play.session.as_mut().filter(|_| answering) else { return };
        match session.answer(input, elapsed) {
            Ok(_) => {
                // This answer is the only moment a session can end: until
                // then it is saved for resuming, at the end its result is
                // recorded (nothing is lost if the game closes on the last
                // feedback).
                if session.is_finished() {
                    self.progress.record(&self.prefs, session);
                } else {
                    self.progress.save(&self.prefs, session);
                }
                let played = session.transcript().last().cloned();
                *self.input = TurnInput::default();
                if self.prefs.mode == Mode::Practice {
                    self.last.0 = played;
                    self.next_phase.set(TurnPhase::Feedback);
                }
                self.show_result_if_ended();
            }
            Err(e) => self.input.refused = Some(e),
        }
    }

    /// Once the session has ended and no feedback is open, the result is
    /// ready (and `to_debrief_when_done` shows it).
    fn show_result_if_ended(&mut self) {
        if self.play.finished() && self.last.0.is_none() {
            self.play.result = self.play.session.as_ref().map(Session::result);
        }
    }
}

/// Counts the seconds of a timed prompt and answers `TimedOut` when they
/// run out. While a prompt is timed it asks for redraws (the window is
/// otherwise reactive and sleeps until input).
fn tick_timer(
    time: Res<Time>,
    play: Res<CurrentPlay>,
    mut input: ResMut<TurnInput>,
    mut commands: MessageWriter<GameCommand>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(screen) = play.screen() else { return };
    if screen.prompt.is_none() {
        return;
    }
    input.elapsed += time.delta_secs();
    if let Some(left) = input.time_left(&screen) {
        redraw.write(RequestRedraw);
        if left <= 0.0 {
            commands.write(GameCommand::Answer(Input::TimedOut));
        }
    }
}

/// Leaves Playing for the Debrief once a result exists.
fn to_debrief_when_done(play: Res<CurrentPlay>, mut next: ResMut<NextState<AppState>>) {
    if play.result.is_some() {
        next.set(AppState::Debrief);
    }
}

/// Works the menu's list out again from its filter, the library and the
/// language, and wakes the window when it changed.
fn refresh_menu_order(
    filter: Res<MenuFilter>,
    library: Res<LiveLibrary>,
    prefs: Res<Preferences>,
    mut order: ResMut<MenuOrder>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let ids = filter.apply(&library, &prefs.messages).iter().map(|s| s.id().to_string()).collect();
    if order.set_if_neq(MenuOrder(ids)) {
        redraw.write(RequestRedraw);
    }
}
