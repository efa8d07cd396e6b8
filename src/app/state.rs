//! The game's state, as Bevy sees it: the screens ([`AppState`]), the
//! feedback step of a turn ([`TurnPhase`], a sub-state of playing), the one
//! [`GameCommand`] message through which the UI, the keyboard, the autoplay
//! and the tests drive everything, and the resources the screens read. Each
//! resource owns one thing: who plays and in which language
//! ([`Preferences`]), the scenario and its session ([`CurrentPlay`]), the
//! turn being answered ([`TurnInput`]), the turn being explained
//! ([`LastTurn`]), the menu's filter and order ([`MenuFilter`],
//! [`MenuOrder`]) and saved progress ([`Progress`]).

use std::sync::Arc;

use bevy::prelude::*;
use courtesy_core::model::Venue;
use courtesy_core::play::{
    InputError, Mode, ProgressError, ProgressStore, ResultRecord, SavedPlay, Screen,
};
use courtesy_core::{
    CompiledScenario, Input, Locale, Messages, ScenarioResult, Session, TurnRecord,
};

use super::scenario_assets::LiveLibrary;

/// The screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AppState {
    /// Choosing a scenario.
    #[default]
    Menu,
    /// Where, who, and what the manuals expect.
    Briefing,
    /// The scenario being played.
    Playing,
    /// The result.
    Debrief,
    /// The trainer's screen: a month's report with charts, and its exports.
    Trainer,
}

/// While playing: answering the prompt, or reading the last turn's
/// feedback (practice mode).
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(AppState = AppState::Playing)]
pub enum TurnPhase {
    /// The prompt waits for an answer.
    #[default]
    Answering,
    /// The last turn is explained until `Continue`.
    Feedback,
}

/// Everything the trainee or a script can ask of the game.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum GameCommand {
    /// Choose a scenario and open its briefing.
    Open {
        /// The scenario's id.
        scenario: String,
    },
    /// Start playing the scenario of the briefing.
    Begin,
    /// Start the briefed scenario even though it discards the unfinished
    /// session that is saved.
    BeginDiscardingSaved,
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
    /// Back to the menu.
    ToMenu,
    /// Show everything in this language.
    SetLocale(Locale),
    /// Practice or exam from the next scenario on.
    SetMode(Mode),
    /// Who is playing: a person of the roster (by id), or none to play
    /// under a typed name (the records plugin acts on it).
    ChoosePerson(Option<String>),
    /// The trainee thinks the verdict of the turn explained is wrong (the
    /// records plugin keeps it for the trainers' review).
    Contest,
    /// Open the trainer's screen.
    OpenTrainer,
    /// Show the report of this month (`YYYY-MM`) for this site (by id; none
    /// for every site), with this person's history (by employee number).
    ShowReport {
        /// The month.
        month: String,
        /// The site.
        site: Option<String>,
        /// The person.
        person: Option<String>,
    },
    /// Write the report shown as an Excel workbook and a printable page.
    ExportReport,
    /// A trainer's decision on a contested verdict (by the contest's id):
    /// overturned, the reply becomes a proposed example of the scenario.
    Review {
        /// The contest.
        contest: String,
        /// Overturn (else uphold).
        overturn: bool,
    },
    /// A mystery-shopper finding entered on the trainer's screen: one
    /// checked item, as the firm's sheet would have it (checked and stored
    /// as an imported row is).
    AddFinding {
        /// The shopper firm's id.
        firm: String,
        /// The value of each column.
        values: Vec<(courtesy_core::shopper::Field, String)>,
    },
}

/// Who plays, how, and the language shown.
#[derive(Resource)]
pub struct Preferences {
    /// The trainee's name as typed on the menu.
    pub trainee: String,
    /// Practice or exam.
    pub mode: Mode,
    /// The messages of the chosen language.
    pub messages: Messages,
}

impl Preferences {
    /// Practice mode, no name, in `locale`.
    pub fn new(locale: Locale) -> Self {
        Preferences {
            trainee: String::new(),
            mode: Mode::Practice,
            messages: Messages::new(locale),
        }
    }
}

/// Why a scenario did not start when asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeginBlocked {
    /// Nobody has said who is playing.
    NoName,
    /// An unfinished session is saved, and starting would discard it.
    SavedSession,
}

/// The scenario being briefed or played, its session and its result.
#[derive(Resource, Default)]
pub struct CurrentPlay {
    /// The scenario of the briefing or the session.
    pub scenario: Option<Arc<CompiledScenario>>,
    /// The session, once begun.
    pub session: Option<Session>,
    /// The finished scenario's result.
    pub result: Option<ScenarioResult>,
    /// Seed of the next session; each start takes one and moves on.
    pub next_seed: u64,
    /// Why the last `Begin` did not start: the briefing asks for what it
    /// needs.
    pub begin_blocked: Option<BeginBlocked>,
}

impl CurrentPlay {
    /// What the session shows now.
    pub fn screen(&self) -> Option<Screen> {
        self.session.as_ref().and_then(Session::screen)
    }

    /// The turns played so far.
    pub fn turns_played(&self) -> usize {
        self.session.as_ref().map_or(0, |s| s.transcript().len())
    }

    /// Has the session reached its end?
    pub fn finished(&self) -> bool {
        self.session.as_ref().is_some_and(Session::is_finished)
    }

    /// The number of the turn on screen (1-based): the one being answered,
    /// or, while its feedback shows or once the scene is over, the last
    /// one played.
    pub fn turn_on_screen(&self, phase: TurnPhase) -> usize {
        let played = self.turns_played();
        if phase == TurnPhase::Feedback || self.finished() { played.max(1) } else { played + 1 }
    }
}

/// The turn being answered: the reply typed so far, the time taken, and
/// why the last input was refused.
#[derive(Resource, Default)]
pub struct TurnInput {
    /// The reply being typed.
    pub draft: String,
    /// Seconds spent on the current prompt.
    pub elapsed: f32,
    /// Why the last input was refused, if it was.
    pub refused: Option<InputError>,
}

impl TurnInput {
    /// Seconds left on a timed prompt of `screen`.
    pub fn time_left(&self, screen: &Screen) -> Option<f32> {
        screen.prompt.as_ref()?;
        let limit = screen.time_limit?;
        Some((limit.seconds - self.elapsed).max(0.0))
    }
}

/// The turn explained in the feedback step (practice mode).
#[derive(Resource, Default)]
pub struct LastTurn(pub Option<TurnRecord>);

/// The menu's filters: which scenarios it lists.
#[derive(Resource, Default, Debug, Clone, PartialEq, Eq)]
pub struct MenuFilter {
    /// Only this venue.
    pub venue: Option<Venue>,
    /// Only this tag.
    pub tag: Option<String>,
    /// Title search (in the shown language, or the id).
    pub search: String,
}

impl MenuFilter {
    /// The scenarios that pass the filter, in id order.
    pub fn apply(&self, library: &LiveLibrary, m: &Messages) -> Vec<Arc<CompiledScenario>> {
        let search = self.search.trim().to_lowercase();
        library
            .scenarios()
            .into_iter()
            .filter(|s| self.venue.is_none_or(|x| s.scenario.venue == x))
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

/// The scenario ids the menu lists, in order, worked out from the filter
/// when it, the library or the language changes; `Next` follows it.
#[derive(Resource, Default, Debug, PartialEq, Eq)]
pub struct MenuOrder(pub Vec<String>);

/// Where progress is kept (none for autoplay), the unfinished session the
/// menu offers to continue, and the last problem with the files.
#[derive(Resource, Default)]
pub struct Progress {
    /// The store; `None` keeps nothing.
    pub store: Option<ProgressStore>,
    /// A session an earlier run left unfinished.
    pub resumable: Option<SavedPlay>,
    /// The last failure to read or write progress, in its own words.
    pub problem: Option<String>,
}

impl Progress {
    /// Opens the store and reads the session an earlier run left.
    pub fn open(store: Option<ProgressStore>) -> Progress {
        let (resumable, problem) = match store.as_ref().map(ProgressStore::load_session) {
            Some(Ok(saved)) => (saved.filter(|s| !s.session.inputs.is_empty()), None),
            Some(Err(e)) => (None, Some(e.to_string())),
            None => (None, None),
        };
        Progress { store, resumable, problem }
    }

    /// Saves the session being played.
    pub fn save(&mut self, prefs: &Preferences, session: &Session) {
        if let Some(store) = &self.store {
            let saved = SavedPlay::new(&prefs.trainee, prefs.mode, session.saved());
            self.problem = store.save_session(&saved).err().as_ref().map(ProgressError::to_string);
        }
    }

    /// Records a finished scenario (once per session; a failed write keeps
    /// the session's save, so it can be resumed and recorded later).
    pub fn record(&mut self, prefs: &Preferences, session: &Session) {
        if let Some(store) = &self.store {
            let record =
                ResultRecord::now(session.id(), &prefs.trainee, prefs.mode, session.result());
            self.problem =
                store.record_result(&record).err().as_ref().map(ProgressError::to_string);
        }
    }
}
