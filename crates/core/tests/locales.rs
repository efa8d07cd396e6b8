//! The three locales carry the same messages, and every message the code asks
//! for by a derived id (categories, settings, moods, roles, diagnostics) exists.

use std::collections::BTreeSet;

use courtesy_core::diagnostic::Code;
use courtesy_core::i18n::{Locale, Messages};
use courtesy_core::model::{Category, Venue};

fn ids(locale: &str) -> BTreeSet<String> {
    let path =
        format!("{}/locales/{locale}/courtesy.ftl", concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap().to_string())
        // scenario titles may be left to the zh-CN source text
        .filter(|id| !id.starts_with("scenario-"))
        .collect()
}

#[test]
fn all_locales_have_the_same_message_ids() {
    let cn = ids("zh-CN");
    assert_eq!(cn, ids("zh-TW"));
    assert_eq!(cn, ids("en-US"));
}

#[test]
fn derived_ids_exist_in_every_locale() {
    let categories = [
        Category::Greeting,
        Category::Courtesy,
        Category::Apology,
        Category::Hold,
        Category::Thanks,
        Category::Closing,
        Category::Introduction,
        Category::Address,
        Category::Etiquette,
        Category::Procedure,
        Category::Deflection,
        Category::Indifference,
        Category::Confrontation,
        Category::Impatience,
        Category::Discrimination,
        Category::CarelessPromise,
        Category::Privacy,
        Category::Rudeness,
        Category::Integrity,
    ];
    for locale in Locale::ALL {
        let m = Messages::new(locale);
        let own = ids(locale.tag());
        for c in categories {
            assert!(own.contains(&format!("category-{}", c.key())), "{locale}: {c:?}");
        }
        for s in Venue::ALL {
            assert!(own.contains(&format!("venue-{}", s.key())), "{locale}: {s:?}");
        }
        for code in Code::ALL {
            let id = format!("diag-{code}");
            assert!(own.contains(&id) && own.contains(&format!("{id}-help")), "{locale}: {id}");
        }
        assert_ne!(m.get("verdict-pass"), "verdict-pass");
    }
}
#[test]
fn locale_names_are_negotiated() {
    assert_eq!(Locale::parse("zh_CN.UTF-8"), Some(Locale::ZhCn));
    assert_eq!(Locale::parse("zh-HK"), Some(Locale::ZhTw));
    assert_eq!(Locale::parse("zh-Hant"), Some(Locale::ZhTw));
    assert_eq!(Locale::parse("en_GB"), Some(Locale::EnUs));
    assert_eq!(Locale::parse("fr"), None);
}

#[test]
fn english_counts_agree_with_their_numbers_and_use_an_ascii_colon() {
    let m = Messages::new(Locale::EnUs);
    let offer =
        |n: usize| m.format("ui-resume-offer", &[("title", "Call".into()), ("n", n.into())]);
    assert!(offer(1).contains("(1 turn answered)"), "{}", offer(1));
    assert!(offer(5).contains("(5 turns answered)"), "{}", offer(5));
    let summary = m.format(
        "validate-summary",
        &[
            ("scenarios", 1.into()),
            ("rulesets", 2.into()),
            ("errors", 0.into()),
            ("warnings", 1.into()),
        ],
    );
    assert_eq!(summary, "Checked 1 scenario and 2 rule sets: 0 errors, 1 warning.");
    let line = m.format("speaker-line", &[("who", "You".into()), ("text", "请稍等".into())]);
    assert_eq!(line, "You: 请稍等");
    // Chinese keeps its full-width colon.
    let zh = Messages::new(Locale::ZhCn);
    assert_eq!(
        zh.format("speaker-line", &[("who", "您".into()), ("text", "请稍等".into())]),
        "您：请稍等"
    );
    // The trainee's post is in English where the scenario has a translation.
    assert_eq!(
        m.scenario_role("phone-three-rings", "物业管理处前台客服"),
        "Property management front desk"
    );
}
