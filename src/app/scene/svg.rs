//! The scene's art: the SVG files under `assets/scenes/`, built into the
//! binary as Bevy `embedded://` assets and turned into images by an
//! [`AssetLoader`] with resvg, off the frame. Text in the art is set in the
//! bundled CJK font, never a system font, so every machine draws the same.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use bevy::asset::io::Reader;
use bevy::asset::io::embedded::EmbeddedAssetRegistry;
use bevy::asset::{AssetLoader, LoadContext, RenderAssetUsages};
use bevy::image::Image;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use resvg::{tiny_skia, usvg};

/// Image pixels per SVG unit: the art stays sharp up to twice its drawn
/// size on screen (the camera never enlarges it more than that).
pub const PIXELS_PER_UNIT: f32 = 2.0;

/// Every art file, by name, with its SVG text.
pub const ART: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/scene_art.rs"));

/// The `embedded://` path of an art file.
pub fn art_path(name: &str) -> String {
    format!("embedded://courtesy/scenes/{name}.svg")
}

/// Registers the art files as embedded assets and the SVG loader.
pub fn register(app: &mut App) {
    {
        let registry = app.world_mut().resource_mut::<EmbeddedAssetRegistry>();
        for (name, text) in ART {
            let path = format!("courtesy/scenes/{name}.svg");
            registry.insert_asset(Default::default(), Path::new(&path), text.as_bytes());
        }
    }
    app.register_asset_loader(SvgLoader);
}

/// Why an art file could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum SvgError {
    /// The file could not be read.
    #[error("could not read the SVG: {0}")]
    Read(#[from] std::io::Error),
    /// It is not SVG resvg understands.
    #[error("not a usable SVG: {0}")]
    Parse(#[from] usvg::Error),
    /// It has no area, or is too large to draw.
    #[error("the SVG is {0}×{1} units: it must be between 1 and 4096 on each side")]
    Size(f32, f32),
}

/// Turns an SVG file into an image of [`PIXELS_PER_UNIT`] pixels per unit.
#[derive(Default, TypePath)]
pub struct SvgLoader;

impl AssetLoader for SvgLoader {
    type Asset = Image;
    type Settings = ();
    type Error = SvgError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _context: &mut LoadContext<'_>,
    ) -> Result<Image, SvgError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        rasterise(&bytes)
    }

    fn extensions(&self) -> &[&str] {
        &["svg"]
    }
}

/// The bundled CJK font, for text in the art; parsed once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(crate::app::ui::CJK_FONT)));
            Arc::new(db)
        })
        .clone()
}

/// Parses an SVG with the bundled font.
pub fn parse(bytes: &[u8]) -> Result<usvg::Tree, usvg::Error> {
    let options = usvg::Options { fontdb: fonts(), ..Default::default() };
    usvg::Tree::from_data(bytes, &options)
}

/// Draws an SVG into an sRGB image with straight (not premultiplied) alpha,
/// as Bevy's sprites expect.
pub fn rasterise(bytes: &[u8]) -> Result<Image, SvgError> {
    let tree = parse(bytes)?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(1.0..=4096.0).contains(&w) || !(1.0..=4096.0).contains(&h) {
        return Err(SvgError::Size(w, h));
    }
    let (pw, ph) = ((w * PIXELS_PER_UNIT).ceil() as u32, (h * PIXELS_PER_UNIT).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(pw, ph).ok_or(SvgError::Size(w, h))?;
    let scale = tiny_skia::Transform::from_scale(PIXELS_PER_UNIT, PIXELS_PER_UNIT);
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    let data: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok(Image::new(
        Extent3d { width: pw, height: ph, depth_or_array_layers: 1 },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    ))
}
