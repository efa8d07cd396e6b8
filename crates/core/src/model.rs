//! The scenario file format as Rust types: scenarios, their dialogue graph,
//! rules and rule sets. These types ARE the format that trainers write in RON
//! (see docs/scenario-format.md); unknown fields are rejected so typos surface.
//! Old spellings stay readable through serde aliases.

use serde::{Deserialize, Serialize};

/// The pass mark of a turn and of a scenario that sets none: a turn or a
/// scenario scoring below it fails.
pub const DEFAULT_PASS_MARK: u8 = 60;

fn default_pass_mark() -> u8 {
    DEFAULT_PASS_MARK
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
    /// Unique id; the file is named `<id>.ron`.
    pub id: String,
    /// Shown in the menu.
    pub title: String,
    /// One or two sentences for the menu and the briefing.
    pub summary: String,
    /// Where it plays (`setting:` in older files).
    #[serde(alias = "setting")]
    pub venue: Venue,
    /// Tags for the menu filter (`tag-*` messages name them).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The manuals and clauses it rests on.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The company the trainee works for.
    pub company: Company,
    /// The trainee's post and how the scene finds them.
    pub trainee: Trainee,
    /// The people the trainee meets.
    pub cast: Vec<Person>,
    /// A turn or the scenario scoring below it fails.
    #[serde(default = "default_pass_mark")]
    pub pass_mark: u8,
    /// Rule sets (by id, from `scenarios/phrases/`) whose forbidden rules apply
    /// to every reply, and whose phrase rules nodes may `require`.
    #[serde(default)]
    pub apply: Vec<String>,
    /// Rules of this scenario only.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Ids of rules forbidden at every typed reply of this scenario (the
    /// line the case condemns, whatever the moment).
    #[serde(default)]
    pub forbid: Vec<String>,
    /// Id of the first node.
    pub start: String,
    /// The dialogue graph.
    pub nodes: Vec<Node>,
    /// Replies and the verdicts they must get; `validate` judges them.
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Where the scene plays; the game draws a different scene for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Venue {
    /// The gate booth of a residential estate.
    GatePost,
    /// A reception desk.
    FrontDesk,
    /// The property service centre's counter.
    ServiceCentre,
    /// The phone desk.
    PhoneCall,
    /// At a customer's door.
    HomeVisit,
    /// A telecom service hall's counter.
    ServiceHall,
}

impl Venue {
    /// Every venue, in menu order.
    pub const ALL: [Venue; 6] = [
        Venue::GatePost,
        Venue::FrontDesk,
        Venue::ServiceCentre,
        Venue::PhoneCall,
        Venue::HomeVisit,
        Venue::ServiceHall,
    ];

    /// Stable kebab-case key, used in fluent ids and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Venue::GatePost => "gate-post",
            Venue::FrontDesk => "front-desk",
            Venue::ServiceCentre => "service-centre",
            Venue::PhoneCall => "phone-call",
            Venue::HomeVisit => "home-visit",
            Venue::ServiceHall => "service-hall",
        }
    }
}

/// A manual and the clause in it, e.g. `Source(doc: "客户服务标准规范", clause: "第二章第二条 十五")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The manual's title.
    pub doc: String,
    /// The clause, e.g. `5.1.3` or `第二章第二条 十五`.
    pub clause: String,
}

/// The company the trainee works for; fills the `{company}` placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// The company's name.
    pub name: String,
    /// Other names it is answered with.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The trainee's post and the state the scene opens in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trainee {
    /// The post, in words (门岗保安, 前台接待…).
    pub role: String,
    /// How the scene finds the trainee.
    #[serde(default)]
    pub starts: TraineeState,
}

/// How the trainee is found when the scene opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TraineeState {
    /// Standing at the post.
    #[default]
    Standing,
    /// Sitting at the desk.
    Sitting,
    /// Asleep.
    Asleep,
    /// Chatting on QQ.
    Chatting,
    /// Behind a newspaper.
    Reading,
    /// Away from the desk.
    Away,
    /// On the phone.
    OnPhone,
}

/// A person the trainee meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Id the nodes name them by.
    pub id: String,
    /// Their name as shown.
    pub name: String,
    /// What they are to the company.
    pub role: Role,
    /// Their mood when the scene opens.
    #[serde(default)]
    pub mood: Mood,
}

/// What a person is to the company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// An owner (业主).
    Owner,
    /// Someone who is not an owner.
    NonOwner,
    /// A visitor.
    Visitor,
    /// Someone on the phone.
    Caller,
    /// A customer.
    Customer,
    /// A resident.
    Resident,
    /// A colleague.
    Colleague,
    /// A manager.
    Manager,
    /// A courier.
    Courier,
    /// An inspector (mystery shopper, quality check).
    Inspector,
}

/// How a person feels; failed turns sour it, passed turns ease it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mood {
    /// Calm.
    #[default]
    Calm,
    /// Friendly.
    Friendly,
    /// Pleased.
    Pleased,
    /// In a hurry.
    Hurried,
    /// Confused.
    Confused,
    /// Anxious.
    Anxious,
    /// Impatient.
    Impatient,
    /// Annoyed.
    Annoyed,
    /// Angry.
    Angry,
}

/// One step of the dialogue graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique within the scenario.
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
    /// How long the trainee has to answer.
    #[serde(default)]
    pub time_limit: Option<TimeLimit>,
    /// Model answers (正确做法) for the debrief.
    #[serde(default)]
    pub model: Vec<ModelAnswer>,
    /// Where to go after the turn: the first branch whose condition holds.
    #[serde(default)]
    pub next: Vec<Branch>,
    /// Makes the node an ending.
    #[serde(default)]
    pub ending: Option<Ending>,
}

/// What the trainee is asked for. An unknown field inside a variant
/// (`Reply(requires: [...])`) is an error, not a silently empty prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Prompt {
    /// Type a reply in their own words; scored by rules.
    Reply {
        /// Rule ids the reply must meet.
        #[serde(default)]
        require: Vec<String>,
        /// Rule ids the reply must not hit (besides the applied sets' forbidden rules).
        #[serde(default)]
        forbid: Vec<String>,
        /// The acts without which the turn fails, however many others are
        /// met (they count as required too): the point of the moment.
        #[serde(default)]
        core: Vec<String>,
        /// Pairs of rule ids `(a, b)`: when the reply does both, it must do
        /// `a` before `b` (address the guest before naming the colleague).
        #[serde(default)]
        order: Vec<(String, String)>,
        /// The reply should repeat (复述) a number the customer's line gives
        /// — a phone or room number of three digits or more: it counts as
        /// one more required act, named in the feedback when missed.
        #[serde(default)]
        echo: bool,
        /// A third person is present and this rule names them (那位女士,
        /// 周经理): calling them 他/她 before naming them fails the turn
        /// (称呼在场的第三者不可用“他/她”).
        #[serde(default)]
        third_person: Option<String>,
    },
    /// Pick one of several things to say.
    Choice {
        /// What can be said.
        options: Vec<PromptOption>,
    },
    /// Pick one of several things to do (stand up, smile and nod…).
    Action {
        /// What can be done.
        options: Vec<PromptOption>,
    },
}

impl Prompt {
    /// Is the answer typed in the trainee's own words (and judged by rules)?
    pub fn takes_typed_reply(&self) -> bool {
        match self {
            Prompt::Reply { .. } => true,
            Prompt::Choice { .. } | Prompt::Action { .. } => false,
        }
    }

    /// The options of a Choice or Action prompt (none for a Reply).
    pub fn options(&self) -> &[PromptOption] {
        match self {
            Prompt::Reply { .. } => &[],
            Prompt::Choice { options } | Prompt::Action { options } => options,
        }
    }
}

/// One option of a Choice or Action prompt; written `Choice(...)` in files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct PromptOption {
    /// Unique within the node.
    pub id: String,
    /// What is said or done.
    pub text: String,
    /// Is it what the manual asks for?
    pub good: bool,
    /// Why it is right or wrong, shown after the turn.
    #[serde(default)]
    pub feedback: String,
    /// The manual's clause.
    #[serde(default)]
    pub clause: Option<String>,
    /// The category the turn counts towards.
    #[serde(default = "PromptOption::default_category")]
    pub category: Category,
}

impl PromptOption {
    fn default_category() -> Category {
        Category::Etiquette
    }
}

/// A time limit on a prompt; `rings` makes it a ringing phone with a ring counter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    /// Seconds to answer.
    pub seconds: f32,
    /// Rings shown over those seconds (0: a plain countdown).
    #[serde(default)]
    pub rings: u8,
}

/// `Model(text: "...", clause: "...")`: a model answer (正确做法).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Model")]
pub struct ModelAnswer {
    /// The words.
    pub text: String,
    /// The clause it follows.
    pub clause: String,
}

/// `Branch(when: Failed, goto: "annoyed")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// The condition.
    pub when: When,
    /// The node to go to.
    pub goto: String,
}

/// The condition of a branch, tested against the turn's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    /// The turn passed.
    Passed,
    /// The turn failed.
    Failed,
    /// A forbidden rule was hit, or a phrase rule was said.
    Hit(String),
    /// A required rule was not met.
    Missed(String),
    /// The time ran out.
    TimedOut,
    /// This option was chosen.
    Chose(String),
    /// The scene has already been at this node (`Visited("late")`: the
    /// phone was picked up late), whatever this turn's result.
    Visited(String),
    /// Whatever happened.
    Always,
}

/// `Ending(kind: Good, text: "...")`: what the scenario ends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// Good or bad.
    pub kind: EndingKind,
    /// What happened, told to the trainee.
    pub text: String,
}

/// How a scenario ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndingKind {
    /// The customer was served well.
    Good,
    /// The customer was let down.
    Bad,
}

/// A reply and the verdict it must get; `courtesy validate` runs these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The node it answers.
    pub node: String,
    /// The reply.
    pub reply: String,
    /// The verdict it must get.
    pub expect: Verdict,
    /// Rules that must be hit (forbidden) — checked in addition to the verdict.
    #[serde(default)]
    pub hits: Vec<String>,
    /// A near miss: the right polite words, the wrong deed (it must fail).
    #[serde(default)]
    pub near_miss: bool,
    /// The review it came from: a trainer overturned the engine's verdict
    /// on a trainee's reply. While the rules still disagree, `validate`
    /// warns (the scenario stays playable) instead of refusing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

/// Whether a turn or a scenario passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Passed.
    #[serde(alias = "Pass")]
    Pass,
    /// Failed.
    #[serde(alias = "Fail")]
    Fail,
}

/// What a rule is about; the debrief gives a sub-score per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    // what good service says and does
    /// Greeting (问候).
    Greeting,
    /// Courtesy phrases (请、谢谢…).
    Courtesy,
    /// Apology.
    Apology,
    /// Asking to wait.
    Hold,
    /// Thanks.
    Thanks,
    /// Farewell.
    Closing,
    /// Saying who one is.
    Introduction,
    /// How the customer is addressed.
    Address,
    /// Bearing and gestures.
    Etiquette,
    /// Following the procedure.
    Procedure,
    // what it never says
    /// Passing the customer on (找有关部门).
    Deflection,
    /// Not caring (不知道、不管).
    Indifference,
    /// Arguing with the customer.
    Confrontation,
    /// Impatience.
    Impatience,
    /// Treating people unequally.
    Discrimination,
    /// Promising what cannot be kept.
    CarelessPromise,
    /// Giving out private data.
    Privacy,
    /// Rudeness.
    Rudeness,
    /// Taking gifts, meals or money from customers (廉洁).
    Integrity,
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
            Category::Integrity => "integrity",
        }
    }
}

/// Where in the reply a phrase must stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Position {
    /// Anywhere in the reply.
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
    /// Unique within the scenario and the sets it applies.
    pub id: String,
    /// What it is about.
    pub category: Category,
    /// A short name for feedback (「请对方稍等」); without one, feedback names
    /// the rule by its suggestion.
    #[serde(default)]
    pub name: Option<String>,
    /// A rule of an applied rule set (a shared act such as `hold` or
    /// `ask-name`) this rule builds on: its phrases and exceptions come first,
    /// then this rule's own.
    #[serde(default)]
    pub extends: Option<String>,
    /// Phrases of the rule it extends that this one leaves out (narrowing).
    #[serde(default)]
    pub without: Vec<String>,
    /// Alternatives; any one matches. May contain `{company}`.
    #[serde(default)]
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
    /// The phrases are a command (大点声): asked as a request (请/麻烦…,
    /// …好吗) a forbidden hit is softened and is not counted.
    #[serde(default)]
    pub command: bool,
    /// The phrases are a deed (收下, 拿着): said in the negative in the same
    /// clause (不能收下), a forbidden hit is a refusal and is not counted.
    #[serde(default)]
    pub negatable: bool,
    /// Where in the reply a phrase must stand.
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
    /// Its id, named by scenarios' `apply`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The manuals and clauses it rests on.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Applied to every reply of a scenario that applies this set.
    #[serde(default)]
    pub forbidden: Vec<Rule>,
    /// Standard phrases that nodes may require by id.
    #[serde(default)]
    pub phrases: Vec<Rule>,
}
