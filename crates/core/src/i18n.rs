//! Fluent messages: every string a person reads comes from
//! `locales/<locale>/courtesy.ftl` (compiled into the binary, so nothing can
//! go missing at run time). Owns [`Locale`], [`Messages`] and the typed
//! message argument [`Arg`]. In zh-TW, scenario text is shown in Traditional.

use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use crate::judge::text::to_traditional;
use crate::model::{Category, Mood, Role, Venue, Verdict};

/// A language courtesy is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese (the default).
    #[default]
    ZhCn,
    /// Traditional Chinese; scenario text is converted.
    ZhTw,
    /// English; scenario text stays Chinese.
    EnUs,
}

/// A value for a placeholder of a message. Only a number type becomes a
/// fluent number (formatted and used for plurals); text, ids and seeds stay
/// text, so `007` is not shown as `7` and a large seed is not rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is.
    Text(String),
    /// A count or a score.
    Number(i64),
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(t) => f.write_str(t),
            Arg::Number(n) => write!(f, "{n}"),
        }
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                i64::try_from(n).map_or_else(|_| Arg::Text(n.to_string()), Arg::Number)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

impl Locale {
    /// Every locale, in the order the menu lists them.
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::EnUs];

    /// The BCP 47 tag: zh-CN, zh-TW or en-US.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::EnUs => "en-US",
        }
    }

    /// Accepts zh-CN, zh_CN, zh-Hans, zh-TW, zh-HK, zh-Hant, en, en-US… (any case).
    pub fn parse(s: &str) -> Option<Locale> {
        let s = s.trim().replace('_', "-").to_ascii_lowercase();
        let s = s.split('.').next().unwrap_or(""); // LANG=zh_CN.UTF-8
        match s {
            "zh" | "zh-cn" | "zh-hans" | "zh-sg" | "zh-hans-cn" => Some(Locale::ZhCn),
            "zh-tw" | "zh-hk" | "zh-mo" | "zh-hant" | "zh-hant-tw" | "zh-hant-hk" => {
                Some(Locale::ZhTw)
            }
            _ if s == "en" || s.starts_with("en-") => Some(Locale::EnUs),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Locale::ZhCn => include_str!("../../../locales/zh-CN/courtesy.ftl"),
            Locale::ZhTw => include_str!("../../../locales/zh-TW/courtesy.ftl"),
            Locale::EnUs => include_str!("../../../locales/en-US/courtesy.ftl"),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The messages of one locale, with zh-CN as the fallback for missing ids.
pub struct Messages {
    locale: Locale,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Messages {
    /// The messages of `locale`.
    pub fn new(locale: Locale) -> Messages {
        let mut chain = vec![locale];
        if locale != Locale::ZhCn {
            chain.push(Locale::ZhCn);
        }
        let bundles = chain.into_iter().map(bundle).collect();
        Messages { locale, bundles }
    }

    /// The locale shown.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// A message without arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// A message with arguments; an unknown id comes back as itself.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fargs.set(*name, FluentValue::from(*n)),
                Arg::Text(t) => fargs.set(*name, FluentValue::from(t.as_str())),
            }
        }
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, Some(&fargs), &mut errors).into_owned();
            }
        }
        id.to_string()
    }

    /// Whether the id exists (in this locale or the fallback).
    pub fn has(&self, id: &str) -> bool {
        self.bundles.iter().any(|b| b.has_message(id))
    }

    /// Scenario text (dialogue, cues) as this locale shows it.
    pub fn scenario_text(&self, text: &str) -> String {
        match self.locale {
            Locale::ZhTw => to_traditional(text),
            _ => text.to_string(),
        }
    }

    /// A scenario tag as shown to people; a tag with no message shows its id.
    pub fn tag(&self, tag: &str) -> String {
        self.translated(&format!("tag-{tag}"), tag)
    }

    /// A scenario's title: the locale's translation if there is one.
    pub fn scenario_title(&self, id: &str, fallback: &str) -> String {
        self.translated(&format!("scenario-{id}-title"), fallback)
    }

    /// A scenario's summary: the locale's translation if there is one.
    pub fn scenario_summary(&self, id: &str, fallback: &str) -> String {
        self.translated(&format!("scenario-{id}-summary"), fallback)
    }

    /// The trainee's post in a scenario: the locale's translation if there
    /// is one (en-US), else the scenario's own words.
    pub fn scenario_role(&self, id: &str, fallback: &str) -> String {
        self.translated(&format!("scenario-{id}-role"), fallback)
    }

    /// The message `id` of this locale, else `fallback` as scenario text.
    fn translated(&self, id: &str, fallback: &str) -> String {
        match self.bundles.first().and_then(|b| b.get_message(id)).and_then(|m| m.value()) {
            Some(pattern) => {
                let mut errors = Vec::new();
                self.bundles[0].format_pattern(pattern, None, &mut errors).into_owned()
            }
            None => self.scenario_text(fallback),
        }
    }

    /// "Passed" or "failed".
    pub fn verdict(&self, v: Verdict) -> String {
        self.get(match v {
            Verdict::Pass => "verdict-pass",
            Verdict::Fail => "verdict-fail",
        })
    }

    /// A rule category's name.
    pub fn category(&self, c: Category) -> String {
        self.get(&format!("category-{}", c.key()))
    }

    /// A venue's name.
    pub fn venue(&self, v: Venue) -> String {
        self.get(&format!("venue-{}", v.key()))
    }

    /// A mood's name.
    pub fn mood(&self, m: Mood) -> String {
        self.get(&format!("mood-{}", format!("{m:?}").to_ascii_lowercase()))
    }

    /// A cast role's name.
    pub fn role(&self, r: Role) -> String {
        self.get(&format!("role-{}", format!("{r:?}").to_ascii_lowercase()))
    }
}

fn bundle(locale: Locale) -> FluentBundle<FluentResource> {
    let lang: LanguageIdentifier = locale.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    bundle.set_use_isolating(false);
    // The files are compiled in and checked by tests; a broken entry is skipped.
    let resource = match FluentResource::try_new(locale.source().to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    bundle
}
