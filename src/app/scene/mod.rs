//! The scene behind the panels: the place (gate booth, service counter,
//! reception, phone desk, a customer's door, a telecom hall), the customer
//! with a face that shows the mood, and the trainee in the state the
//! scenario opens in (asleep, reading, chatting, away…) until the first turn
//! puts them right. The art is SVG ([`svg`]) laid out by a pure table
//! ([`layout`]); this module spawns it as sprites, rebuilds it only when
//! what it shows changes, moves what tells the story (a ringing phone, a
//! customer turning away) and keeps the window asleep otherwise.

pub mod layout;
pub mod svg;

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::window::RequestRedraw;

use courtesy_core::model::{EndingKind, Role, TraineeState, Venue};

use self::layout::{CANVAS, Customer, FIGURE, HEAD, Layer, Motion, Shown};
use super::state::{AppState, CurrentPlay};

/// Marks everything the scene spawned (despawned on a rebuild).
#[derive(Component)]
pub struct SceneItem;

/// Marks a sprite drawn from an art file (faces included).
#[derive(Component)]
struct SceneArt;

/// What the scene shows; a change rebuilds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SceneKey {
    /// The place drawn; none draws nothing.
    pub venue: Option<Venue>,
    /// How the trainee is shown.
    pub trainee: Option<TraineeState>,
    /// The customer shown, as drawn.
    pub customer: Option<Customer>,
    /// The ending reached, if any.
    pub ending: Option<EndingKind>,
    /// The phone rings, not yet answered.
    pub ringing: bool,
}

impl SceneKey {
    /// The scene for the current state of play.
    pub fn of(play: &CurrentPlay, state: AppState) -> SceneKey {
        let Some(scenario) = &play.scenario else { return SceneKey::default() };
        if !matches!(state, AppState::Briefing | AppState::Playing) {
            return SceneKey::default();
        }
        let s = &scenario.scenario;
        let played = play.session.as_ref().is_some_and(|x| !x.transcript().is_empty());
        let trainee = if played {
            if s.venue == Venue::PhoneCall { TraineeState::Sitting } else { TraineeState::Standing }
        } else {
            s.trainee.starts
        };
        let screen = play.screen();
        let customer = screen
            .as_ref()
            .and_then(|x| x.speaker.as_ref())
            .filter(|p| p.role != Role::Colleague && p.role != Role::Manager)
            .or_else(|| s.cast.first())
            .map(|p| Customer::new(p.role, &p.name, p.mood));
        let ringing = state == AppState::Playing
            && !played
            && screen.as_ref().and_then(|x| x.time_limit).is_some_and(|t| t.rings > 0);
        SceneKey {
            venue: Some(s.venue),
            trainee: Some(trainee),
            customer,
            ending: screen.and_then(|x| x.ending).map(|e| e.kind),
            ringing,
        }
    }
}

/// Draws the scene behind the panels, rebuilt when what it shows changes,
/// and scaled to the part of the window the panels leave free.
pub struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        svg::register(app);
        app.init_resource::<SceneArea>().add_message::<RequestRedraw>().add_systems(
            Update,
            (rebuild_scene, fit_the_camera, (animate, redraw_while_loading)).chain(),
        );
    }
}

/// The part of the window the screens' panels leave to the scene, in
/// logical pixels from the top-left; each screen that shows the scene
/// writes it as it lays out its panels.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct SceneArea(pub Option<Rect>);

/// The venue drawing, in world units (the wall and the floor run on
/// beyond it in plain colour).
pub const SCENE_BOX: Rect = Rect {
    min: Vec2::new(-CANVAS.x / 2.0, ORIGIN.y + TOP - CANVAS.y),
    max: Vec2::new(CANVAS.x / 2.0, ORIGIN.y + TOP),
};

/// The least height, in logical pixels, the scene is drawn in.
pub const MIN_SCENE_HEIGHT: f32 = 90.0;

/// Everything is drawn around this point, above the dialogue panel.
const ORIGIN: Vec2 = Vec2::new(0.0, 130.0);
/// The venue drawing's top edge, above [`ORIGIN`].
const TOP: f32 = 220.0;

/// A point of a venue drawing (x right, y down) in world units.
fn to_world(p: Vec2) -> Vec2 {
    Vec2::new(p.x - CANVAS.x / 2.0, ORIGIN.y + TOP - p.y)
}

/// The camera's position and scale (world units per logical pixel) that
/// show all of [`SCENE_BOX`], centred, in `area` of a window of `window`
/// logical pixels: a small window shrinks the scene rather than cropping
/// it, a large one enlarges it (up to twice its size).
pub fn camera_for(area: Rect, window: Vec2) -> (Vec2, f32) {
    let free = area.size().max(Vec2::splat(1.0));
    let scale = (SCENE_BOX.width() / free.x).max(SCENE_BOX.height() / free.y).max(0.5);
    let (design, centre) = (SCENE_BOX.center(), area.center());
    // A world point p shows at window/2 + (p - camera) / scale, y flipped.
    let camera = Vec2::new(
        design.x - (centre.x - window.x / 2.0) * scale,
        design.y + (centre.y - window.y / 2.0) * scale,
    );
    (camera, scale)
}

fn fit_the_camera(
    area: Res<SceneArea>,
    windows: Query<&Window, With<bevy::window::PrimaryWindow>>,
    mut cameras: Query<(&mut Transform, &mut Projection), With<Camera2d>>,
    mut items: Query<&mut Visibility, With<SceneItem>>,
) {
    let Ok(window) = windows.single() else { return };
    let Some(free) = area.0 else { return };
    // A strip too thin to show anyone (the briefing of a long scenario in a
    // small window) is left empty rather than filled with a speck.
    let shown =
        if free.height() >= MIN_SCENE_HEIGHT { Visibility::Inherited } else { Visibility::Hidden };
    for mut visibility in &mut items {
        visibility.set_if_neq(shown);
    }
    let (at, scale) = camera_for(free, window.size());
    for (mut transform, mut projection) in &mut cameras {
        if transform.translation.truncate().distance(at) > 0.5 {
            transform.translation = at.extend(transform.translation.z);
        }
        if let Projection::Orthographic(ortho) = projection.as_ref()
            && (ortho.scale - scale).abs() > 0.001
            && let Projection::Orthographic(ortho) = projection.as_mut()
        {
            ortho.scale = scale;
        }
    }
}

fn rebuild_scene(
    mut commands: Commands,
    play: Res<CurrentPlay>,
    state: Res<State<AppState>>,
    items: Query<Entity, With<SceneItem>>,
    server: Res<AssetServer>,
    mut shown: Local<Option<SceneKey>>,
    mut turned: Local<bool>,
) {
    let key = SceneKey::of(&play, *state.get());
    if shown.as_ref() == Some(&key) {
        return;
    }
    for e in &items {
        commands.entity(e).despawn();
    }
    // A customer turns away when their mood sours during the scenario (one
    // who walks in angry faces the trainee), and stays turned while it lasts.
    let turn = match (shown.as_ref().and_then(|k| k.customer), key.customer) {
        (Some(before), Some(now)) if before.look == now.look && layout::turns_away(now.mood) => {
            if *turned {
                Turn::Already
            } else if !layout::turns_away(before.mood) {
                Turn::Now
            } else {
                Turn::No
            }
        }
        _ => Turn::No,
    };
    *turned = turn != Turn::No;
    draw(&mut commands, &server, &key, turn);
    *shown = Some(key);
}

/// Whether the customer is shown turning away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Facing the trainee.
    No,
    /// Turning away, from now.
    Now,
    /// Turned away already.
    Already,
}

/// Spawns the scene for `key`.
fn draw(commands: &mut Commands, server: &AssetServer, key: &SceneKey, turn: Turn) {
    let Some(venue) = key.venue else {
        backdrop(commands, [0xee, 0xe8, 0xde], [0xd9, 0xd1, 0xc2]);
        return;
    };
    let (wall, floor) = layout::surroundings(venue);
    backdrop(commands, wall, floor);
    let shown = Shown {
        venue,
        trainee: key.trainee.unwrap_or_default(),
        customer: key.customer,
        ringing: key.ringing,
    };
    for layer in layout::layers(&shown) {
        spawn_layer(commands, server, &layer, turn);
    }
    if let Some(kind) = key.ending {
        // A green or red glow along the top.
        let c = if kind == EndingKind::Good {
            Color::srgba(0.2, 0.7, 0.3, 0.5)
        } else {
            Color::srgba(0.8, 0.2, 0.2, 0.5)
        };
        let at = to_world(Vec2::new(CANVAS.x / 2.0, 12.0));
        commands.spawn((
            SceneItem,
            Sprite { color: c, custom_size: Some(Vec2::new(4000.0, 24.0)), ..default() },
            Transform::from_translation(at.extend(9.0)),
        ));
    }
}

/// The wall above the floor line and the floor below it, running on
/// beyond the drawing.
fn backdrop(commands: &mut Commands, wall: [u8; 3], floor: [u8; 3]) {
    let line = to_world(Vec2::new(CANVAS.x / 2.0, 300.0));
    for (rgb, centre) in [(wall, line.y + 2000.0), (floor, line.y - 2000.0)] {
        commands.spawn((
            SceneItem,
            Sprite {
                color: Color::srgb_u8(rgb[0], rgb[1], rgb[2]),
                custom_size: Some(Vec2::new(8000.0, 4000.0)),
                ..default()
            },
            Transform::from_xyz(0.0, centre, -1.0),
        ));
    }
}

/// Something moving, and since when (the first frame it was seen).
#[derive(Component)]
struct Moving {
    motion: Motion,
    home: Transform,
    since: Option<f32>,
}

fn spawn_layer(commands: &mut Commands, server: &AssetServer, layer: &Layer, turn: Turn) {
    let pixels = svg::PIXELS_PER_UNIT;
    let anchor =
        Anchor(Vec2::new(layer.pin.x / layer.size.x - 0.5, 0.5 - layer.pin.y / layer.size.y));
    let home = Transform::from_translation(to_world(layer.at).extend(layer.depth))
        .with_scale(Vec3::splat(layer.scale / pixels));
    let mut entity = commands.spawn((
        SceneItem,
        SceneArt,
        Sprite::from_image(server.load(svg::art_path(&layer.art))),
        anchor,
        home,
    ));
    match (layer.motion, turn) {
        (Some(Motion::Ring), _) => {
            entity.insert(Moving { motion: Motion::Ring, home, since: None });
        }
        (Some(Motion::TurnAway), Turn::Now) => {
            entity.insert(Moving { motion: Motion::TurnAway, home, since: None });
        }
        (Some(Motion::TurnAway), Turn::Already) => {
            let since = Some(f32::NEG_INFINITY);
            entity.insert(Moving { motion: Motion::TurnAway, home, since });
        }
        _ => {}
    }
    if let Some(face) = layer.face {
        // On the head, in the figure's own (image pixel) units.
        let head = Vec2::new(HEAD.x - layer.pin.x, layer.pin.y - HEAD.y) * pixels;
        debug_assert_eq!(layer.size, FIGURE);
        entity.with_children(|figure| {
            figure.spawn((
                SceneArt,
                Sprite::from_image(server.load(svg::art_path(face))),
                Transform::from_translation(head.extend(0.1)),
            ));
        });
    }
}

/// Moves what moves, and keeps the window drawing only while something does.
fn animate(
    time: Res<Time>,
    mut moving: Query<(&mut Transform, &mut Moving)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let now = time.elapsed_secs();
    let mut still_moving = false;
    for (mut transform, mut m) in &mut moving {
        let age = now - *m.since.get_or_insert(now);
        let next = match m.motion {
            Motion::Ring => {
                still_moving = true;
                // Shakes for 1.2 s in every 2 s, like a phone's rings.
                let angle = if age % 2.0 < 1.2 { 0.12 * (age * 45.0).sin() } else { 0.0 };
                m.home.with_rotation(Quat::from_rotation_z(angle))
            }
            Motion::TurnAway => {
                let k = (age / 0.6).clamp(0.0, 1.0);
                still_moving |= k < 1.0;
                let eased = k * k * (3.0 - 2.0 * k);
                let mut t = m.home;
                t.translation.x += 60.0 * eased;
                t.rotation = Quat::from_rotation_z(-0.06 * eased);
                t.scale.x *= 1.0 - 0.15 * eased;
                t
            }
        };
        if *transform != next {
            *transform = next;
        }
    }
    if still_moving {
        redraw.write(RequestRedraw);
    }
}

/// The window sleeps between inputs; while the scene's art is still being
/// drawn off the frame it keeps waking, so the picture fills in by itself.
fn redraw_while_loading(
    server: Res<AssetServer>,
    art: Query<&Sprite, With<SceneArt>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let loading = art.iter().any(|sprite| {
        !server.is_loaded_with_dependencies(&sprite.image)
            && !matches!(server.load_state(&sprite.image), bevy::asset::LoadState::Failed(_))
    });
    if loading {
        redraw.write(RequestRedraw);
    }
}

#[cfg(test)]
mod camera_tests {
    use super::*;

    /// Where a world point shows in the window, for a camera.
    fn on_screen(p: Vec2, camera: Vec2, scale: f32, window: Vec2) -> Vec2 {
        Vec2::new(
            window.x / 2.0 + (p.x - camera.x) / scale,
            window.y / 2.0 - (p.y - camera.y) / scale,
        )
    }

    #[test]
    fn the_whole_scene_shows_in_the_free_area_at_every_size() {
        for (window, area) in [
            (Vec2::new(800.0, 600.0), Rect::new(0.0, 70.0, 800.0, 380.0)),
            (Vec2::new(1366.0, 768.0), Rect::new(0.0, 70.0, 900.0, 548.0)),
            (Vec2::new(1920.0, 1080.0), Rect::new(0.0, 70.0, 1920.0, 860.0)),
            (Vec2::new(640.0, 480.0), Rect::new(0.0, 60.0, 640.0, 260.0)),
        ] {
            let (camera, scale) = camera_for(area, window);
            for corner in [SCENE_BOX.min, SCENE_BOX.max] {
                let shown = on_screen(corner, camera, scale, window);
                let inside = area.inflate(0.5).contains(shown);
                assert!(inside, "{window}: {corner} shows at {shown}, outside {area:?}");
            }
        }
    }
}
