//! The scenario file format as Rust types: scenarios, their dialogue graph,
//! rules and rule sets. These types ARE the format that trainers write in RON
//! (see docs/scenario-format.md); unknown fields are rejected so typos surface.

use serde::{Deserialize, Serialize};

fn default_pass_mark() -> u8 {
    60
}
fn default_weight() -> u32 {
    1
}
fn default_penalty() -> u32 {
    40
}

/// One training scenario (one `scenarios/<id>.ron` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub setting: Setting,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub company: Company,
    pub trainee: Trainee,
    pub cast: Vec<Person>,
    #[serde(default = "default_pass_mark")]
    pub pass_mark: u8,
    /// Rule sets (by id, from `scenarios/phrases/`) whose forbidden rules apply
    /// to every reply, and whose phrase rules nodes may `require`.
    #[serde(default)]
    pub apply: Vec<String>,
    /// Rules of this scenario only.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Id of the first node.
    pub start: String,
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Where the scene plays; the game draws a different scene for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Setting {
    GatePost,
    FrontDesk,
    ServiceCentre,
    PhoneCall,
    HomeVisit,
    ServiceHall,
}

impl Setting {
    pub const ALL: [Setting; 6] = [
        Setting::GatePost,
        Setting::FrontDesk,
        Setting::ServiceCentre,
        Setting::PhoneCall,
        Setting::HomeVisit,
        Setting::ServiceHall,
    ];

    /// Stable kebab-case key, used in fluent ids and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Setting::GatePost => "gate-post",
            Setting::FrontDesk => "front-desk",
            Setting::ServiceCentre => "service-centre",
            Setting::PhoneCall => "phone-call",
            Setting::HomeVisit => "home-visit",
            Setting::ServiceHall => "service-hall",
        }
    }
}

/// A manual and the clause in it, e.g. `Source(doc: "客户服务标准规范", clause: "第二章第二条 十五")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub doc: String,
    pub clause: String,
}

/// The company the trainee works for; fills the `{company}` placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The trainee's post and the state the scene opens in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trainee {
    pub role: String,
    #[serde(default)]
    pub starts: TraineeState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TraineeState {
    #[default]
    Standing,
    Sitting,
    Asleep,
    Chatting,
    Reading,
    Away,
    OnPhone,
}

/// A person the trainee meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub mood: Mood,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Owner,
    NonOwner,
    Visitor,
    Caller,
    Customer,
    Resident,
    Colleague,
    Manager,
    Courier,
    Inspector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mood {
    #[default]
    Calm,
    Friendly,
    Pleased,
    Hurried,
    Confused,
    Anxious,
    Impatient,
    Annoyed,
    Angry,
}

/// One step of the dialogue graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    /// What the trainee sees happen ("a visitor walks in while you are on the phone").
    #[serde(default)]
    pub cue: String,
    /// Cast id of who speaks `says`.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The customer's line; with several, the seeded RNG picks one.
    #[serde(default)]
    pub says: Vec<String>,
    /// The speaker's mood from this node on.
    #[serde(default)]
    pub mood: Option<Mood>,
    /// What the trainee must do. A node without a prompt must be an ending.
    #[serde(default)]
    pub prompt: Option<Prompt>,
    #[serde(default)]
    pub time_limit: Option<TimeLimit>,
    /// Model answers (正确做法) for the debrief.
    #[serde(default)]
    pub model: Vec<ModelAnswer>,
    /// Where to go after the turn: the first branch whose condition holds.
    #[serde(default)]
    pub next: Vec<Branch>,
    #[serde(default)]
    pub ending: Option<Ending>,
}

/// What the trainee is asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Prompt {
    /// Type a reply in their own words; scored by rules.
    Reply {
        #[serde(default)]
        require: Vec<String>,
        #[serde(default)]
        forbid: Vec<String>,
    },
    /// Pick one of several things to say.
    Choice { options: Vec<Choice> },
    /// Pick one of several things to do (stand up, smile and nod…).
    Action { options: Vec<Choice> },
}

impl Prompt {
    pub fn options(&self) -> &[Choice] {
        match self {
            Prompt::Reply { .. } => &[],
            Prompt::Choice { options } | Prompt::Action { options } => options,
        }
    }
}

/// One option of a Choice or Action prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
    pub good: bool,
    /// Why it is right or wrong, shown after the turn.
    #[serde(default)]
    pub feedback: String,
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default = "Choice::default_category")]
    pub category: Category,
}

impl Choice {
    fn default_category() -> Category {
        Category::Etiquette
    }
}

/// A time limit on a prompt; `rings` makes it a ringing phone with a ring counter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub seconds: f32,
    #[serde(default)]
    pub rings: u8,
}

/// `Model(text: "...", clause: "...")`: a model answer (正确做法).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Model")]
pub struct ModelAnswer {
    pub text: String,
    pub clause: String,
}

/// `Branch(when: Failed, goto: "annoyed")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub when: When,
    pub goto: String,
}

/// The condition of a branch, tested against the turn's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    Passed,
    Failed,
    /// A forbidden rule was hit, or a phrase rule was said.
    Hit(String),
    /// A required rule was not met.
    Missed(String),
    TimedOut,
    /// This option was chosen.
    Chose(String),
    Always,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub kind: EndingKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndingKind {
    Good,
    Bad,
}

/// A reply and the verdict it must get; `courtesy validate` runs these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub node: String,
    pub reply: String,
    pub expect: Verdict,
    /// Rules that must be hit (forbidden) — checked in addition to the verdict.
    #[serde(default)]
    pub hits: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    #[serde(alias = "Pass")]
    Pass,
    #[serde(alias = "Fail")]
    Fail,
}

/// What a rule is about; the debrief gives a sub-score per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    // what good service says and does
    Greeting,
    Courtesy,
    Apology,
    Hold,
    Thanks,
    Closing,
    Introduction,
    Address,
    Etiquette,
    Procedure,
    // what it never says
    Deflection,
    Indifference,
    Confrontation,
    Impatience,
    Discrimination,
    CarelessPromise,
    Privacy,
    Rudeness,
}

impl Category {
    /// Stable kebab-case key, used in fluent ids and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Category::Greeting => "greeting",
            Category::Courtesy => "courtesy",
            Category::Apology => "apology",
            Category::Hold => "hold",
            Category::Thanks => "thanks",
            Category::Closing => "closing",
            Category::Introduction => "introduction",
            Category::Address => "address",
            Category::Etiquette => "etiquette",
            Category::Procedure => "procedure",
            Category::Deflection => "deflection",
            Category::Indifference => "indifference",
            Category::Confrontation => "confrontation",
            Category::Impatience => "impatience",
            Category::Discrimination => "discrimination",
            Category::CarelessPromise => "careless-promise",
            Category::Privacy => "privacy",
            Category::Rudeness => "rudeness",
        }
    }
}

/// Where in the reply a phrase must stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Position {
    #[default]
    Anywhere,
    /// Within the first few characters (a greeting opens the reply).
    Opening,
    /// Within the last few characters (a farewell closes it).
    Closing,
}

/// A phrase rule. Listed under `require` it must be met; under `forbid` (or in
/// a rule set's `forbidden`) it must not be hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    /// Alternatives; any one matches. May contain `{company}`.
    pub phrases: Vec<String>,
    /// Contexts that cancel a hit lying inside them (`不知道您贵姓`).
    #[serde(default)]
    pub except: Vec<String>,
    /// Share of the turn score when required.
    #[serde(default = "default_weight")]
    pub weight: u32,
    /// Points taken off when a forbidden rule is hit.
    #[serde(default = "default_penalty")]
    pub penalty: u32,
    /// A forbidden hit, or a missed requirement, fails the turn whatever the score.
    #[serde(default)]
    pub critical: bool,
    #[serde(default)]
    pub position: Position,
    /// The right wording, shown with a forbidden hit or a missed requirement.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// Document and clause the rule comes from.
    #[serde(default)]
    pub clause: Option<String>,
}

/// A shared file of rules (`scenarios/phrases/<id>.ron`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Applied to every reply of a scenario that applies this set.
    #[serde(default)]
    pub forbidden: Vec<Rule>,
    /// Standard phrases that nodes may require by id.
    #[serde(default)]
    pub phrases: Vec<Rule>,
}
