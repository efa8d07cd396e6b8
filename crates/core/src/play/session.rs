//! The session engine: one scenario being played, as a plain state machine.
//! It holds the current node, the seeded RNG, the moods, the transcript and a
//! log of inputs; it takes the trainee's input and says what to show next.
//! No I/O: the terminal mode and the game both drive it. Replaying the same
//! seed and inputs gives the same session, which is how progress is saved.

use std::collections::HashMap;
use std::sync::Arc;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::compile::CompiledScenario;
use crate::judge::{
    ScenarioResult, TurnRecord, TurnResult, score_pick, score_scenario, score_timeout,
};
use crate::model::{Ending, EndingKind, Mood, Node, Person, Prompt, TimeLimit, When};

/// Longest reply scored, in characters; longer input is refused, not cut.
pub const MAX_REPLY_CHARS: usize = 10_000;

/// Does `text` show nothing: only spaces, control characters (NUL …) and
/// invisible ones? Such a reply is refused, in play and in `check`.
pub fn is_blank_reply(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || crate::judge::text::is_default_ignorable(c))
}

/// What the trainee does on a turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Input {
    /// A typed reply.
    Text(String),
    /// The option at this 0-based index of a Choice or Action prompt.
    Pick(usize),
    /// The time limit ran out.
    TimedOut,
}

impl Input {
    /// One line of scripted input, as the terminal mode and the game's
    /// autoplay read it: a number picks an option (full-width digits too),
    /// `/timeout` lets the time run out, anything else is a typed reply.
    /// `/quit` and non-numbers at an option prompt give `None`.
    pub fn from_line(text: &str, prompt: Option<&Prompt>) -> Option<Input> {
        let trimmed = text.trim();
        match trimmed {
            "/timeout" => return Some(Input::TimedOut),
            "/quit" => return None,
            _ => {}
        }
        match prompt {
            Some(Prompt::Reply { .. }) | None => Some(Input::Text(text.to_string())),
            Some(Prompt::Choice { .. } | Prompt::Action { .. }) => {
                let digits: String = trimmed
                    .chars()
                    .map(|c| match c {
                        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                        _ => c,
                    })
                    .collect();
                digits.parse::<usize>().ok().filter(|n| *n >= 1).map(|n| Input::Pick(n - 1))
            }
        }
    }
}

/// Why an input was refused; the session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Nothing is asked any more.
    #[error("the scenario has ended")]
    Finished,
    /// A blank reply.
    #[error("the reply is empty")]
    Empty,
    /// Longer than [`MAX_REPLY_CHARS`].
    #[error("the reply is {chars} characters long; the limit is {limit}")]
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// An option number out of range.
    #[error("there is no option {given}; choose 1 to {count}")]
    NoSuchOption {
        /// The 1-based number given.
        given: usize,
        /// How many options there are.
        count: usize,
    },
    /// Text where an option was wanted.
    #[error("this turn wants one of the options, by number")]
    WantsOption,
    /// An option where text was wanted.
    #[error("this turn wants a typed reply")]
    WantsText,
}

/// Everything the trainee should see now.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// The node's id.
    pub node: String,
    /// What the trainee sees happen.
    pub cue: String,
    /// The speaker, with the mood they are in now.
    pub speaker: Option<Person>,
    /// The customer's line (the variant the seed picked).
    pub line: Option<String>,
    /// What the trainee must do; none at an ending.
    pub prompt: Option<Prompt>,
    /// The time limit of the prompt.
    pub time_limit: Option<TimeLimit>,
    /// The ending, at an ending node.
    pub ending: Option<Ending>,
}

/// An input as logged, with the seconds it took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedInput {
    /// What was given.
    pub input: Input,
    /// Seconds it took.
    pub seconds: f32,
}

/// What is saved to resume a session: the seed and the inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSession {
    /// The session's own id: each session is saved in its own file and
    /// recorded at most once (empty in saves from before ids).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The scenario's id.
    pub scenario: String,
    /// The seed.
    pub seed: u64,
    /// Every input accepted, in order.
    pub inputs: Vec<LoggedInput>,
}

/// A new session id, unique on this machine: the time, the process and a
/// counter. It names a save file and a record; it plays no part in the
/// dialogue, which only the seed decides.
pub fn fresh_session_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{now:x}-{:x}-{n}", std::process::id())
}

/// One scenario being played.
pub struct Session {
    id: String,
    scenario: Arc<CompiledScenario>,
    seed: u64,
    rng: ChaCha8Rng,
    current: Option<usize>,
    line: Option<String>,
    moods: HashMap<String, Mood>,
    transcript: Vec<TurnRecord>,
    ending: Option<(String, EndingKind)>,
    log: Vec<LoggedInput>,
}

impl Session {
    /// Starts at the scenario's start node. The seed picks the line variants.
    pub fn new(scenario: Arc<CompiledScenario>, seed: u64) -> Session {
        let moods = scenario.scenario.cast.iter().map(|p| (p.id.clone(), p.mood)).collect();
        let start = scenario.node_index(&scenario.scenario.start);
        let mut session = Session {
            id: fresh_session_id(),
            scenario,
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            current: None,
            line: None,
            moods,
            transcript: Vec::new(),
            ending: None,
            log: Vec::new(),
        };
        if let Some(start) = start {
            session.enter(start);
        }
        session
    }

    /// Rebuilds a session from its seed and inputs (resume after a crash).
    pub fn replay(scenario: Arc<CompiledScenario>, saved: &SavedSession) -> Session {
        let mut session = Session::new(scenario, saved.seed);
        if !saved.id.is_empty() {
            session.id = saved.id.clone();
        }
        for logged in &saved.inputs {
            if session.answer(logged.input.clone(), logged.seconds).is_err() {
                break;
            }
        }
        session
    }

    /// What to save to resume this session.
    pub fn saved(&self) -> SavedSession {
        SavedSession {
            id: self.id.clone(),
            scenario: self.scenario.id().to_string(),
            seed: self.seed,
            inputs: self.log.clone(),
        }
    }

    /// The session's id (kept by a resumed session).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The scenario played.
    pub fn scenario(&self) -> &Arc<CompiledScenario> {
        &self.scenario
    }

    /// The seed that picks the line variants.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every turn played so far.
    pub fn transcript(&self) -> &[TurnRecord] {
        &self.transcript
    }

    /// True once an ending (or a node with no way on) is reached.
    pub fn is_finished(&self) -> bool {
        match self.current {
            None => true,
            Some(i) => self.scenario.node(i).prompt.is_none(),
        }
    }

    fn enter(&mut self, index: usize) {
        self.current = Some(index);
        let node = self.scenario.node(index);
        self.line = match node.says.len() {
            0 => None,
            1 => Some(node.says[0].clone()),
            n => Some(node.says[self.rng.random_range(0..n)].clone()),
        };
        if let (Some(speaker), Some(mood)) = (&node.speaker, node.mood) {
            self.moods.insert(speaker.clone(), mood);
        }
        if let Some(ending) = &node.ending {
            self.ending = Some((node.id.clone(), ending.kind));
        }
    }

    fn current_node(&self) -> Option<&Node> {
        self.current.map(|i| self.scenario.node(i))
    }

    /// What to show now.
    pub fn screen(&self) -> Option<Screen> {
        let node = self.current_node()?;
        let speaker = node.speaker.as_ref().and_then(|id| {
            let mut person = self.scenario.scenario.cast.iter().find(|p| &p.id == id)?.clone();
            if let Some(m) = self.moods.get(id) {
                person.mood = *m;
            }
            Some(person)
        });
        Some(Screen {
            node: node.id.clone(),
            cue: node.cue.clone(),
            speaker,
            line: self.line.clone(),
            prompt: node.prompt.clone(),
            time_limit: node.time_limit,
            ending: node.ending.clone(),
        })
    }

    /// Plays one turn. `seconds` is how long the trainee took; past the
    /// node's time limit, the turn counts as timed out.
    pub fn answer(&mut self, input: Input, seconds: f32) -> Result<TurnResult, InputError> {
        let index = self.current.ok_or(InputError::Finished)?;
        let scenario = Arc::clone(&self.scenario);
        let node = scenario.node(index);
        let prompt = node.prompt.as_ref().ok_or(InputError::Finished)?;
        let over_time = node.time_limit.is_some_and(|l| seconds > l.seconds);

        let (result, reply) = if over_time || input == Input::TimedOut {
            (score_timeout(scenario.node_category(index)), String::new())
        } else {
            match (&input, prompt) {
                (Input::Text(text), Prompt::Reply { .. }) => {
                    let chars = text.chars().count();
                    if is_blank_reply(text) {
                        return Err(InputError::Empty);
                    }
                    if chars > MAX_REPLY_CHARS {
                        return Err(InputError::TooLong { chars, limit: MAX_REPLY_CHARS });
                    }
                    (scenario.score_reply(index, text), text.clone())
                }
                (Input::Pick(i), Prompt::Choice { options } | Prompt::Action { options }) => {
                    let option = options
                        .get(*i)
                        .ok_or(InputError::NoSuchOption { given: i + 1, count: options.len() })?;
                    (score_pick(option), option.text.clone())
                }
                (Input::Text(_), Prompt::Choice { .. } | Prompt::Action { .. }) => {
                    return Err(InputError::WantsOption);
                }
                (Input::Pick(_), Prompt::Reply { .. }) => return Err(InputError::WantsText),
                (Input::TimedOut, _) => {
                    (score_timeout(scenario.node_category(index)), String::new())
                }
            }
        };

        self.log.push(LoggedInput { input, seconds });
        self.transcript.push(TurnRecord {
            node: Some(node.id.clone()),
            speaker: node.speaker.clone(),
            line: self.line.clone(),
            reply,
            seconds: Some(seconds),
            result: result.clone(),
        });

        let next = node
            .next
            .iter()
            .find(|b| branch_matches(&b.when, &result, &self.transcript))
            .and_then(|b| scenario.node_index(&b.goto));
        match next {
            Some(next) => {
                // A failed turn sours the speaker's mood, a passed one eases it,
                // unless the next node sets the mood itself.
                if let Some(speaker) = &node.speaker
                    && scenario.node(next).mood.is_none()
                    && let Some(mood) = self.moods.get_mut(speaker)
                {
                    *mood = if result.passed() { mood.better() } else { mood.worse() };
                }
                self.enter(next);
            }
            None => self.current = None,
        }
        Ok(result)
    }

    /// The debrief: scores so far, and the ending if one was reached.
    pub fn result(&self) -> ScenarioResult {
        score_scenario(
            self.scenario.id(),
            self.seed,
            self.scenario.scenario.pass_mark,
            self.transcript.clone(),
            self.ending.clone(),
        )
    }
}

/// Does a branch condition hold for this turn's result?
/// `transcript` holds every turn so far, this one included.
fn branch_matches(when: &When, result: &TurnResult, transcript: &[TurnRecord]) -> bool {
    match when {
        When::Visited(id) => transcript.iter().any(|t| t.node.as_deref() == Some(id.as_str())),
        When::Passed => result.passed(),
        When::Failed => !result.passed(),
        When::Hit(id) => result.hit_rule(id),
        When::Missed(id) => result.required().iter().any(|r| &r.rule == id && !r.met),
        When::TimedOut => result.timed_out(),
        When::Chose(id) => result.picked() == Some(id.as_str()),
        When::Always => true,
    }
}

impl Mood {
    /// One step calmer (a good turn).
    fn better(self) -> Mood {
        match self {
            Mood::Angry => Mood::Annoyed,
            Mood::Annoyed => Mood::Impatient,
            Mood::Impatient | Mood::Confused | Mood::Anxious | Mood::Hurried => Mood::Calm,
            Mood::Calm | Mood::Friendly | Mood::Pleased => self,
        }
    }

    /// One step less patient.
    fn worse(self) -> Mood {
        match self {
            Mood::Friendly | Mood::Pleased => Mood::Calm,
            Mood::Calm | Mood::Hurried | Mood::Confused | Mood::Anxious => Mood::Impatient,
            Mood::Impatient => Mood::Annoyed,
            Mood::Annoyed | Mood::Angry => Mood::Angry,
        }
    }
}
