//! Fluent messages: every string a person reads comes from
//! `locales/<locale>/courtesy.ftl` (compiled into the binary, so nothing can
//! go missing at run time). In zh-TW, scenario text is shown in Traditional.

use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use super::diagnostic::Diagnostic;
use super::library::PreparedScenario;
use super::model::{Category, Mood, Role, Setting, Verdict};
use super::scoring::Reason;
use super::text::to_traditional;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhCn,
    ZhTw,
    EnUs,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::EnUs];

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
            Locale::ZhCn => include_str!("../../locales/zh-CN/courtesy.ftl"),
            Locale::ZhTw => include_str!("../../locales/zh-TW/courtesy.ftl"),
            Locale::EnUs => include_str!("../../locales/en-US/courtesy.ftl"),
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
    pub fn new(locale: Locale) -> Messages {
        let mut chain = vec![locale];
        if locale != Locale::ZhCn {
            chain.push(Locale::ZhCn);
        }
        let bundles = chain.into_iter().map(bundle).collect();
        Messages { locale, bundles }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// A message without arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// A message with arguments; an unknown id comes back as itself.
    pub fn format(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value.parse::<i64>() {
                Ok(n) => fargs.set(*name, FluentValue::from(n)),
                Err(_) => fargs.set(*name, FluentValue::from(value.as_str())),
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

    /// A scenario's title: the locale's translation if there is one.
    /// A scenario tag as shown to people; a tag with no message shows its id.
    pub fn tag(&self, tag: &str) -> String {
        self.translated(&format!("tag-{tag}"), tag)
    }

    pub fn scenario_title(&self, id: &str, fallback: &str) -> String {
        self.translated(&format!("scenario-{id}-title"), fallback)
    }

    pub fn scenario_summary(&self, id: &str, fallback: &str) -> String {
        self.translated(&format!("scenario-{id}-summary"), fallback)
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

    pub fn verdict(&self, v: Verdict) -> String {
        self.get(match v {
            Verdict::Pass => "verdict-pass",
            Verdict::Fail => "verdict-fail",
        })
    }

    pub fn category(&self, c: Category) -> String {
        self.get(&format!("category-{}", c.key()))
    }

    pub fn setting(&self, s: Setting) -> String {
        self.get(&format!("setting-{}", s.key()))
    }

    pub fn mood(&self, m: Mood) -> String {
        self.get(&format!("mood-{}", format!("{m:?}").to_ascii_lowercase()))
    }

    pub fn role(&self, r: Role) -> String {
        self.get(&format!("role-{}", format!("{r:?}").to_ascii_lowercase()))
    }

    /// A turn's reason in words.
    pub fn reason(&self, r: &Reason) -> String {
        match r {
            Reason::Met { rule } => self.format("reason-met", &[("rule", rule.clone())]),
            Reason::Missed { rule, critical } => self.format(
                if *critical { "reason-missed-critical" } else { "reason-missed" },
                &[("rule", rule.clone())],
            ),
            Reason::Forbidden { rule, text, critical } => self.format(
                if *critical { "reason-forbidden-critical" } else { "reason-forbidden" },
                &[("rule", rule.clone()), ("text", text.clone())],
            ),
            Reason::GoodChoice { option } => {
                self.format("reason-good-choice", &[("option", option.clone())])
            }
            Reason::BadChoice { option } => {
                self.format("reason-bad-choice", &[("option", option.clone())])
            }
            Reason::TimedOut => self.get("reason-timed-out"),
            Reason::BelowPassMark { score, pass_mark } => self.format(
                "reason-below-pass-mark",
                &[("score", score.to_string()), ("mark", pass_mark.to_string())],
            ),
        }
    }

    /// The debrief's line for a rule that failed the scenario on its own:
    /// its category and its (first) phrase.
    pub fn critical_failure(&self, scenario: &PreparedScenario, rule: &str) -> String {
        let (category, phrase) = scenario
            .book
            .index_of(rule)
            .map(|i| scenario.book.rule(i))
            .map(|r| (self.category(r.category), r.phrases.first().cloned().unwrap_or_default()))
            .unwrap_or_else(|| (String::new(), rule.to_string()));
        self.format(
            "debrief-critical",
            &[("category", category), ("rule", self.scenario_text(&phrase))],
        )
    }

    /// A diagnostic's message and its help (how to fix it).
    pub fn diagnostic(&self, d: &Diagnostic) -> (String, Option<String>) {
        let args: Vec<(&str, String)> = d.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        let message = self.format(&format!("diag-{}", d.code), &args);
        let help_id = format!("diag-{}-help", d.code);
        let help = self.has(&help_id).then(|| self.format(&help_id, &args));
        (message, help)
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
