//! The system's fonts as the fallback. The bundled font draws Chinese
//! (every unified ideograph, Big5 and GB2312); for anything else a
//! trainee's name or a scenario may hold (Korean, symbols, the rarest
//! ideographs) egui falls back to fonts installed on the machine. They are
//! found with fontdb (fontconfig's folders on Linux) on a thread of their
//! own at start-up, so no frame waits for the disk, and added to egui when
//! they arrive.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::setup_style;

/// Families tried in this order; the first few found become fallbacks.
/// Noto Sans CJK SC and Source Han Sans draw Korean too, so no Korean face
/// of theirs is loaded a second time.
pub const FALLBACK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimSun-ExtB",
    "MingLiU-ExtB",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
    "Segoe UI Symbol",
    "DejaVu Sans",
];
/// At most this many system faces are loaded (each may be megabytes).
pub const MAX_FALLBACKS: usize = 4;

/// A font face found on the system: its family, its file's bytes and the
/// face's index in the file.
pub type FoundFace = (String, Vec<u8>, u32);

/// Finds the fallback faces on a thread at start-up and adds them to egui.
pub struct SystemFontsPlugin;

#[derive(Resource)]
struct Arriving(Mutex<Receiver<Vec<FoundFace>>>);

impl Plugin for SystemFontsPlugin {
    fn build(&self, app: &mut App) {
        let (send, receive) = channel();
        // A thread of its own: scanning font folders is blocking I/O.
        let spawned = std::thread::Builder::new().name("system-fonts".into()).spawn(move || {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            let _ = send.send(fallbacks(&db));
        });
        if spawned.is_ok() {
            app.insert_resource(Arriving(Mutex::new(receive)))
                .add_systems(EguiPrimaryContextPass, add_arrived_fonts.after(setup_style));
        }
    }
}

/// The faces of `db` to fall back on: regular faces of
/// [`FALLBACK_FAMILIES`], in that order, at most [`MAX_FALLBACKS`].
pub fn fallbacks(db: &fontdb::Database) -> Vec<FoundFace> {
    let mut out: Vec<FoundFace> = Vec::new();
    for family in FALLBACK_FAMILIES {
        if out.len() >= MAX_FALLBACKS {
            break;
        }
        let face = db.faces().find(|f| {
            f.families.iter().any(|(name, _)| name == family)
                && f.style == fontdb::Style::Normal
                && f.weight == fontdb::Weight::NORMAL
        });
        let Some(face) = face else { continue };
        if let Some(found) =
            db.with_face_data(face.id, |data, index| (family.to_string(), data.to_vec(), index))
        {
            out.push(found);
        }
    }
    out
}

fn add_arrived_fonts(
    mut contexts: EguiContexts,
    arriving: Option<Res<Arriving>>,
    mut done: Local<bool>,
) -> Result {
    let Some(arriving) = arriving.filter(|_| !*done) else { return Ok(()) };
    let received = match arriving.0.lock() {
        Ok(receiver) => receiver.try_recv(),
        Err(_) => Err(TryRecvError::Disconnected),
    };
    let faces = match received {
        Ok(faces) => faces,
        Err(TryRecvError::Empty) => return Ok(()),
        Err(TryRecvError::Disconnected) => {
            *done = true;
            return Ok(());
        }
    };
    *done = true;
    let ctx = contexts.ctx_mut()?;
    for (family, bytes, index) in faces {
        let mut data = egui::FontData::from_owned(bytes);
        data.index = index;
        ctx.add_font(egui::epaint::text::FontInsert::new(
            &format!("system: {family}"),
            data,
            [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
                .into_iter()
                .map(|family| egui::epaint::text::InsertFontFamily {
                    family,
                    priority: egui::epaint::text::FontPriority::Lowest,
                })
                .collect(),
        ));
    }
    ctx.request_repaint();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallbacks_are_the_listed_families_found_and_no_more() {
        let mut db = fontdb::Database::new();
        // The bundled font calls itself Noto Sans CJK SC: found, first.
        db.load_font_data(super::super::CJK_FONT.to_vec());
        let found = fallbacks(&db);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Noto Sans CJK SC");
        assert_eq!(found[0].1.len(), super::super::CJK_FONT.len());
        // Nothing listed: nothing loaded.
        assert!(fallbacks(&fontdb::Database::new()).is_empty());
    }
}
