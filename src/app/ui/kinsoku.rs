//! Chinese line breaking (禁则) for the game's text. egui breaks a line
//! between any two Chinese characters and knows only some closing marks,
//! so ，。；）” could start a line and “（ end one. [`label`] lays text out
//! with egui, then moves each break that breaks a rule one character
//! earlier (a hard line break) and lays it out again, so the rules hold at
//! every width.

use std::sync::Arc;

use bevy_egui::egui;
use egui::text::{Galley, LayoutJob};

/// Marks that may not start a line (closing punctuation and the like).
pub const NO_LINE_START: &str = "，。、；：？！…—～·）》〉」』】〕〗〙〛］｝”’)]},.;:?!%％‰°℃";
/// Marks that may not end a line (opening punctuation).
pub const NO_LINE_END: &str = "（《〈「『【〔〖〘〚［｛“‘([{";

/// At most this many passes; each moves one break, so more than a few
/// means a line of nothing but punctuation, laid out as egui does.
const MAX_PASSES: usize = 8;

/// A label whose line breaks follow the Chinese rules. Where egui would not
/// wrap (a row that extends) or wraps around other widgets (a wrapping row),
/// it is egui's own label.
pub fn label(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    let text = text.into();
    let wraps_alone = ui.wrap_mode() == egui::TextWrapMode::Wrap
        && !(ui.layout().main_dir() == egui::Direction::LeftToRight && ui.layout().main_wrap())
        && ui.available_width().is_finite();
    if !wraps_alone {
        return ui.label(text);
    }
    let job = text.into_layout_job(ui.style(), egui::FontSelection::Default, egui::Align::Min);
    let mut job = Arc::unwrap_or_clone(job);
    job.wrap.max_width = ui.available_width();
    let galley = layout(&job, |j| ui.painter().layout_job(j));
    ui.add(egui::Label::new(galley))
}

/// Lays `job` out with `lay` (egui's layout), moving breaks until no line
/// starts with a mark of [`NO_LINE_START`] or ends with one of
/// [`NO_LINE_END`].
pub fn layout(job: &LayoutJob, lay: impl Fn(LayoutJob) -> Arc<Galley>) -> Arc<Galley> {
    let mut job = job.clone();
    let mut galley = lay(job.clone());
    for _ in 0..MAX_PASSES {
        let Some(at) = first_bad_break(&galley) else { break };
        insert_break(&mut job, at);
        galley = lay(job.clone());
    }
    galley
}

/// The character index where a hard break should go to mend the first
/// wrapped line that breaks a rule.
pub fn first_bad_break(galley: &Galley) -> Option<usize> {
    let mut start = 0usize; // char index of the row's first character
    let mut previous: Option<(usize, bool)> = None; // (its start, ended by a newline)
    for row in &galley.rows {
        let glyphs = &row.row.glyphs;
        let count = row.char_count_excluding_newline().0;
        if let Some((previous_start, hard)) = previous
            && !hard
            && glyphs.first().is_some_and(|g| NO_LINE_START.contains(g.chr))
            && start > previous_start + 1
        {
            // Take the previous row's last character along.
            return Some(start - 1);
        }
        if !row.ends_with_newline
            && count > 1
            && glyphs.last().is_some_and(|g| NO_LINE_END.contains(g.chr))
            && galley.rows.last().is_some_and(|last| !std::ptr::eq(last, row))
        {
            // Send the opening mark down with what it opens.
            return Some(start + count - 1);
        }
        previous = Some((start, row.ends_with_newline));
        start += row.char_count_including_newline().0;
    }
    None
}

/// Inserts a line break before character `at` of the job's text, keeping
/// its sections on the same characters.
fn insert_break(job: &mut LayoutJob, at: usize) {
    let byte = job.text.char_indices().nth(at).map_or(job.text.len(), |(b, _)| b);
    job.text.insert(byte, '\n');
    for section in &mut job.sections {
        let range = &mut section.byte_range;
        if range.start.0 > byte {
            range.start.0 += 1;
        }
        if range.end.0 > byte || (range.end.0 == byte && range.start.0 < byte) {
            range.end.0 += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// egui's own layout of `text` at `width`, with the game's fonts.
    fn layouts(text: &str) -> Vec<(f32, Arc<Galley>, Arc<Galley>)> {
        let ctx = egui::Context::default();
        super::super::install_style(&ctx);
        // Fonts added before a frame are ready from the next one.
        ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
        let mut out = Vec::new();
        let mut frame = ctx.run_ui(egui::RawInput::default(), |ui| {
            out.clear();
            for width in (60..=600).step_by(3) {
                let width = width as f32;
                let job = LayoutJob::simple(
                    text.to_string(),
                    egui::FontId::proportional(18.0),
                    egui::Color32::BLACK,
                    width,
                );
                let plain = ui.painter().layout_job(job.clone());
                let mended = layout(&job, |j| ui.painter().layout_job(j));
                out.push((width, plain, mended));
            }
        });
        frame.textures_delta.clear();
        out
    }

    fn row_starts(g: &Galley) -> Vec<char> {
        g.rows.iter().filter_map(|r| r.row.glyphs.first().map(|g| g.chr)).collect()
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_at_any_width() {
        let text = "前台电话响起。要在三声之内接听，用公司规范用语问候，查询时请对方稍等（按“保留”键），通话结束时道别；等对方先挂断。";
        let all = layouts(text);
        // egui alone does break before ，or ） at some widths: the check bites.
        assert!(
            all.iter().any(|(_, plain, _)| row_starts(plain)[1..]
                .iter()
                .any(|c| NO_LINE_START.contains(*c))),
            "egui never broke badly: the test proves nothing"
        );
        for (width, _, mended) in &all {
            let starts = row_starts(mended);
            assert!(
                !starts[1..].iter().any(|c| NO_LINE_START.contains(*c)),
                "width {width}: a line starts with one of {starts:?}"
            );
            for row in &mended.rows[..mended.rows.len() - 1] {
                let last = row.row.glyphs.last().map(|g| g.chr);
                assert!(
                    !last.is_some_and(|c| NO_LINE_END.contains(c)),
                    "width {width}: a line ends with {last:?}"
                );
            }
            // Nothing lost: the same characters, plus line breaks.
            assert_eq!(mended.text().replace('\n', ""), text, "width {width}");
        }
    }
}
