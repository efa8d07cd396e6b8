//! What the screens share: the colours, headings and fact rows, and the
//! painter of the core's explanation of a turn (verdict, the reply with its
//! marked pieces, and the lines coloured by tone). It paints what
//! `courtesy_core::explain` says and decides nothing.

use super::kinsoku;
use bevy_egui::egui;
use courtesy_core::explain::{Line, Piece, ReplyView, Tone, TurnFeedback};
use courtesy_core::model::{Mood, Scenario, TraineeState};
use courtesy_core::{Locale, Messages, Verdict};
use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

/// Things done right.
pub const GOOD: Color32 = Color32::from_rgb(30, 130, 76);
/// Things gone wrong.
pub const BAD: Color32 = Color32::from_rgb(192, 57, 43);
/// Secondary text.
pub const MUTED: Color32 = Color32::from_rgb(110, 110, 120);
/// Headings and the trainee's own words.
pub const ACCENT: Color32 = Color32::from_rgb(41, 98, 155);
/// Warnings.
pub const WARN: Color32 = Color32::from_rgb(180, 130, 20);

/// A screen's heading.
pub fn heading(ui: &mut egui::Ui, text: impl Into<String>) {
    kinsoku::label(ui, RichText::new(text.into()).size(28.0).strong().color(ACCENT));
}

/// One row of a two-column facts grid: a bold label and its value.
pub fn fact_row(ui: &mut egui::Ui, label: String, value: impl Into<egui::WidgetText>) {
    kinsoku::label(ui, RichText::new(label).strong());
    kinsoku::label(ui, value);
    ui.end_row();
}

/// A scenario's sources under a bold heading, one line each.
pub fn source_lines(ui: &mut egui::Ui, m: &Messages, heading: &str, s: &Scenario, size: f32) {
    kinsoku::label(ui, RichText::new(m.get(heading)).strong());
    for src in &s.sources {
        kinsoku::label(
            ui,
            RichText::new(format!(
                "· {} {}",
                m.scenario_text(&src.doc),
                m.scenario_text(&src.clause)
            ))
            .size(size),
        );
    }
}

/// A big button.
pub fn big_button(ui: &mut egui::Ui, text: String, size: f32, min: [f32; 2]) -> egui::Response {
    ui.add(egui::Button::new(RichText::new(text).size(size)).min_size(min.into()))
}

/// A language's name in itself.
pub fn locale_name(l: Locale) -> &'static str {
    match l {
        Locale::ZhCn => "简体中文",
        Locale::ZhTw => "繁體中文",
        Locale::EnUs => "English",
    }
}

/// How the scene finds the trainee, in words.
pub fn trainee_state(m: &Messages, state: TraineeState) -> String {
    m.get(&format!("ui-state-{}", format!("{state:?}").to_ascii_lowercase()))
}

/// The colour of a mood.
pub fn mood_color(mood: Mood) -> Color32 {
    match mood {
        Mood::Friendly | Mood::Pleased => GOOD,
        Mood::Calm => ACCENT,
        Mood::Hurried | Mood::Confused | Mood::Anxious => WARN,
        Mood::Impatient | Mood::Annoyed => Color32::from_rgb(214, 110, 30),
        Mood::Angry => BAD,
    }
}

/// The colour of a tone.
pub fn tone_color(tone: Tone) -> Color32 {
    match tone {
        Tone::Good => GOOD,
        Tone::Bad => BAD,
        Tone::Plain => Color32::from_gray(30),
        Tone::Muted => MUTED,
        Tone::Advice => ACCENT,
    }
}

/// The mark before a line of a tone.
fn tone_mark(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "√ ",
        Tone::Bad => "× ",
        Tone::Plain | Tone::Muted | Tone::Advice => "",
    }
}

/// The reply with forbidden hits painted.
pub fn highlighted(pieces: &[Piece], size: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    for piece in pieces {
        let format = if piece.marked {
            TextFormat {
                font_id: FontId::proportional(size),
                color: Color32::WHITE,
                background: BAD,
                ..Default::default()
            }
        } else {
            TextFormat {
                font_id: FontId::proportional(size),
                color: Color32::from_gray(30),
                ..Default::default()
            }
        };
        job.append(&piece.text, 0.0, format);
    }
    job
}

/// The verdict and score, large, in the verdict's colour.
pub fn verdict_line(ui: &mut egui::Ui, verdict: Verdict, headline: &str) {
    let color = if verdict == Verdict::Pass { GOOD } else { BAD };
    kinsoku::label(ui, RichText::new(headline).size(26.0).strong().color(color));
}

/// One feedback line and the right wording under it.
pub fn line(ui: &mut egui::Ui, l: &Line) {
    let size = if l.tone == Tone::Plain { 18.0 } else { 16.0 };
    kinsoku::label(
        ui,
        RichText::new(format!("{}{}", tone_mark(l.tone), l.text))
            .size(size)
            .color(tone_color(l.tone)),
    );
    if let Some(s) = &l.suggestion {
        kinsoku::label(ui, RichText::new(s).color(GOOD));
    }
}

/// One turn explained: verdict, what the trainee said or did, the lines,
/// and the model answers.
pub fn turn_feedback(ui: &mut egui::Ui, f: &TurnFeedback) {
    verdict_line(ui, f.verdict, &f.headline);
    match &f.reply {
        ReplyView::Typed(pieces) => {
            kinsoku::label(ui, highlighted(pieces, 19.0));
        }
        ReplyView::Picked(text) => {
            kinsoku::label(ui, RichText::new(text).size(18.0));
        }
        ReplyView::TimedOut(text) => {
            kinsoku::label(ui, RichText::new(text).color(BAD));
        }
    }
    for l in &f.lines {
        line(ui, l);
    }
    for model in &f.model_answers {
        kinsoku::label(ui, RichText::new(model).color(ACCENT));
    }
}
