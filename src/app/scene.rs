//! The 2D scene behind the panels, drawn with Bevy sprites and meshes: the
//! place (gate booth, service counter, phone desk, a customer's door, a
//! telecom counter), the customer with a face that shows the mood, and the
//! trainee in the state the scenario opens in (asleep, reading, chatting,
//! away…) until the first turn puts them right. Rebuilt only when what it
//! shows changes.

use bevy::prelude::*;

use courtesy_core::model::{EndingKind, Mood, Role, TraineeState, Venue};

use super::state::{AppState, CurrentPlay};

/// Marks everything the scene spawned.
#[derive(Component)]
pub struct SceneItem;

/// What the scene shows; a change rebuilds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SceneKey {
    /// The place drawn; none draws nothing.
    pub venue: Option<Venue>,
    /// How the trainee is shown.
    pub trainee: Option<TraineeState>,
    /// The customer shown, with their mood.
    pub customer: Option<(Role, Mood)>,
    /// The ending reached, if any.
    pub ending: Option<EndingKind>,
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
            .map(|p| (p.role, p.mood));
        SceneKey {
            venue: Some(s.venue),
            trainee: Some(trainee),
            customer,
            ending: screen.and_then(|x| x.ending).map(|e| e.kind),
        }
    }
}

/// Draws the scene behind the panels, rebuilt when what it shows changes,
/// and scaled to the part of the window the panels leave free.
pub struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SceneArea>().add_systems(Update, (rebuild_scene, fit_the_camera));
    }
}

/// The part of the window the screens' panels leave to the scene, in
/// logical pixels from the top-left; each screen that shows the scene
/// writes it as it lays out its panels.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct SceneArea(pub Option<Rect>);

/// What every venue draws, in world units: the people, the furniture and
/// the speech bubble (the floor and the wall run on beyond it).
pub const SCENE_BOX: Rect =
    Rect { min: Vec2::new(-570.0, ORIGIN.y - 160.0), max: Vec2::new(570.0, ORIGIN.y + 200.0) };

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
) {
    let Ok(window) = windows.single() else { return };
    let Some(free) = area.0 else { return };
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
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut shown: Local<Option<SceneKey>>,
) {
    let key = SceneKey::of(&play, *state.get());
    if shown.as_ref() == Some(&key) {
        return;
    }
    for e in &items {
        commands.entity(e).despawn();
    }
    let mut painter =
        Painter { commands: &mut commands, meshes: &mut meshes, materials: &mut materials };
    painter.draw(&key);
    *shown = Some(key);
}

struct Painter<'a, 'w, 's> {
    commands: &'a mut Commands<'w, 's>,
    meshes: &'a mut Assets<Mesh>,
    materials: &'a mut Assets<ColorMaterial>,
}

const SKIN: Color = Color::srgb(0.96, 0.82, 0.69);
const UNIFORM: Color = Color::srgb(0.16, 0.27, 0.45);
/// Everything is drawn around this point, above the dialogue panel.
const ORIGIN: Vec2 = Vec2::new(0.0, 130.0);

impl Painter<'_, '_, '_> {
    fn rect(&mut self, color: Color, at: Vec2, size: Vec2, z: f32) {
        self.commands.spawn((
            SceneItem,
            Sprite { color, custom_size: Some(size), ..default() },
            Transform::from_translation((ORIGIN + at).extend(z)),
        ));
    }

    fn tilted(&mut self, color: Color, at: Vec2, size: Vec2, z: f32, angle: f32) {
        self.commands.spawn((
            SceneItem,
            Sprite { color, custom_size: Some(size), ..default() },
            Transform::from_translation((ORIGIN + at).extend(z))
                .with_rotation(Quat::from_rotation_z(angle)),
        ));
    }

    fn circle(&mut self, color: Color, at: Vec2, radius: f32, z: f32) {
        let mesh = self.meshes.add(Circle::new(radius));
        let material = self.materials.add(color);
        self.commands.spawn((
            SceneItem,
            Mesh2d(mesh),
            MeshMaterial2d(material),
            Transform::from_translation((ORIGIN + at).extend(z)),
        ));
    }

    fn draw(&mut self, key: &SceneKey) {
        let Some(venue) = key.venue else {
            self.backdrop(Color::srgb(0.93, 0.91, 0.87), Color::srgb(0.85, 0.82, 0.76));
            return;
        };
        match venue {
            Venue::GatePost => {
                self.backdrop(Color::srgb(0.68, 0.84, 0.95), Color::srgb(0.55, 0.6, 0.55));
                // estate gate, barrier and the booth
                self.rect(
                    Color::srgb(0.75, 0.72, 0.68),
                    Vec2::new(330.0, 40.0),
                    Vec2::new(60.0, 300.0),
                    1.0,
                );
                for i in 0..6 {
                    let c = if i % 2 == 0 { Color::srgb(0.85, 0.2, 0.2) } else { Color::WHITE };
                    self.rect(
                        c,
                        Vec2::new(40.0 + i as f32 * 45.0, -40.0),
                        Vec2::new(45.0, 14.0),
                        2.0,
                    );
                }
                self.rect(
                    Color::srgb(0.55, 0.62, 0.72),
                    Vec2::new(-260.0, 20.0),
                    Vec2::new(280.0, 280.0),
                    1.0,
                );
                self.rect(
                    Color::srgb(0.82, 0.92, 0.98),
                    Vec2::new(-260.0, 60.0),
                    Vec2::new(220.0, 110.0),
                    1.5,
                );
                self.trainee(key.trainee, Vec2::new(-260.0, 10.0), Some(Vec2::new(-260.0, -30.0)));
                self.rect(
                    Color::srgb(0.45, 0.5, 0.6),
                    Vec2::new(-260.0, -40.0),
                    Vec2::new(280.0, 60.0),
                    4.0,
                );
            }
            Venue::FrontDesk | Venue::ServiceCentre | Venue::ServiceHall => {
                let wall = if venue == Venue::ServiceHall {
                    Color::srgb(0.86, 0.91, 0.96)
                } else {
                    Color::srgb(0.95, 0.92, 0.86)
                };
                self.backdrop(wall, Color::srgb(0.78, 0.72, 0.64));
                // sign on the wall, a plant, the door
                self.rect(
                    Color::srgb(0.2, 0.42, 0.62),
                    Vec2::new(-150.0, 165.0),
                    Vec2::new(380.0, 44.0),
                    1.0,
                );
                self.rect(
                    Color::srgb(0.55, 0.4, 0.28),
                    Vec2::new(420.0, 30.0),
                    Vec2::new(120.0, 260.0),
                    1.0,
                );
                self.circle(Color::srgb(0.3, 0.6, 0.3), Vec2::new(-480.0, 40.0), 40.0, 1.0);
                self.rect(
                    Color::srgb(0.5, 0.35, 0.2),
                    Vec2::new(-480.0, -20.0),
                    Vec2::new(40.0, 60.0),
                    1.0,
                );
                self.trainee(key.trainee, Vec2::new(-150.0, 10.0), Some(Vec2::new(-150.0, -40.0)));
                // counter with computer and phone
                self.rect(
                    Color::srgb(0.6, 0.45, 0.32),
                    Vec2::new(-60.0, -70.0),
                    Vec2::new(520.0, 90.0),
                    4.0,
                );
                self.rect(
                    Color::srgb(0.45, 0.32, 0.22),
                    Vec2::new(-60.0, -22.0),
                    Vec2::new(540.0, 12.0),
                    4.1,
                );
                self.rect(
                    Color::srgb(0.15, 0.15, 0.18),
                    Vec2::new(-260.0, 20.0),
                    Vec2::new(110.0, 75.0),
                    4.2,
                );
                let screen = if key.trainee == Some(TraineeState::Chatting) {
                    Color::srgb(0.2, 0.55, 0.95)
                } else {
                    Color::srgb(0.55, 0.7, 0.85)
                };
                self.rect(screen, Vec2::new(-260.0, 22.0), Vec2::new(98.0, 62.0), 4.3);
                if key.trainee == Some(TraineeState::Chatting) {
                    for i in 0..3 {
                        self.rect(
                            Color::WHITE,
                            Vec2::new(-275.0 + (i % 2) as f32 * 30.0, 40.0 - i as f32 * 18.0),
                            Vec2::new(50.0, 10.0),
                            4.4,
                        );
                    }
                }
                self.rect(
                    Color::srgb(0.2, 0.2, 0.2),
                    Vec2::new(90.0, -8.0),
                    Vec2::new(50.0, 22.0),
                    4.2,
                );
                if venue == Venue::ServiceHall {
                    self.rect(
                        Color::srgba(0.8, 0.9, 1.0, 0.35),
                        Vec2::new(-60.0, 60.0),
                        Vec2::new(520.0, 150.0),
                        4.5,
                    );
                }
            }
            Venue::PhoneCall => {
                self.backdrop(Color::srgb(0.92, 0.9, 0.95), Color::srgb(0.72, 0.7, 0.78));
                self.trainee(key.trainee, Vec2::new(-360.0, 10.0), Some(Vec2::new(-360.0, -40.0)));
                self.rect(
                    Color::srgb(0.55, 0.42, 0.32),
                    Vec2::new(-360.0, -70.0),
                    Vec2::new(360.0, 80.0),
                    4.0,
                );
                self.rect(
                    Color::srgb(0.15, 0.15, 0.15),
                    Vec2::new(-250.0, -20.0),
                    Vec2::new(70.0, 26.0),
                    4.2,
                );
                // the caller, in a bubble
                self.circle(Color::srgb(0.98, 0.98, 1.0), Vec2::new(20.0, 50.0), 135.0, 1.0);
                self.circle(Color::srgb(0.98, 0.98, 1.0), Vec2::new(-125.0, -30.0), 22.0, 1.0);
                self.circle(Color::srgb(0.98, 0.98, 1.0), Vec2::new(-170.0, -60.0), 11.0, 1.0);
                if let Some((role, mood)) = key.customer {
                    self.person(role, mood, Vec2::new(20.0, 20.0), 0.8);
                }
                self.ending_light(key.ending);
                return;
            }
            Venue::HomeVisit => {
                self.backdrop(Color::srgb(0.9, 0.86, 0.8), Color::srgb(0.62, 0.55, 0.48));
                // the door and its frame
                self.rect(
                    Color::srgb(0.45, 0.3, 0.2),
                    Vec2::new(90.0, 30.0),
                    Vec2::new(200.0, 320.0),
                    1.0,
                );
                self.rect(
                    Color::srgb(0.35, 0.22, 0.14),
                    Vec2::new(90.0, 30.0),
                    Vec2::new(170.0, 300.0),
                    1.2,
                );
                self.circle(Color::srgb(0.85, 0.75, 0.3), Vec2::new(35.0, 20.0), 8.0, 1.3);
                self.trainee(key.trainee, Vec2::new(-250.0, 20.0), None);
                // tool case
                self.rect(
                    Color::srgb(0.25, 0.25, 0.3),
                    Vec2::new(-170.0, -90.0),
                    Vec2::new(80.0, 50.0),
                    5.0,
                );
            }
        }
        if let Some((role, mood)) = key.customer {
            let at = match venue {
                Venue::HomeVisit => Vec2::new(90.0, 20.0),
                Venue::GatePost => Vec2::new(60.0, 10.0),
                _ => Vec2::new(130.0, 10.0),
            };
            self.person(role, mood, at, 1.0);
        }
        self.ending_light(key.ending);
    }

    fn backdrop(&mut self, wall: Color, floor: Color) {
        self.rect(wall, Vec2::new(0.0, 120.0), Vec2::new(4000.0, 600.0), 0.0);
        self.rect(floor, Vec2::new(0.0, -430.0), Vec2::new(4000.0, 600.0), 0.1);
    }

    /// A green or red glow along the top when an ending is shown.
    fn ending_light(&mut self, ending: Option<EndingKind>) {
        if let Some(kind) = ending {
            let c = if kind == EndingKind::Good {
                Color::srgba(0.2, 0.7, 0.3, 0.5)
            } else {
                Color::srgba(0.8, 0.2, 0.2, 0.5)
            };
            self.rect(c, Vec2::new(0.0, 260.0), Vec2::new(4000.0, 30.0), 9.0);
        }
    }

    /// The trainee at `at`; `seat` is where they sit when seated.
    fn trainee(&mut self, state: Option<TraineeState>, at: Vec2, seat: Option<Vec2>) {
        let state = state.unwrap_or_default();
        match state {
            TraineeState::Away => {
                // an empty chair
                if let Some(seat) = seat {
                    self.rect(
                        Color::srgb(0.3, 0.3, 0.35),
                        seat + Vec2::new(0.0, 10.0),
                        Vec2::new(70.0, 80.0),
                        3.0,
                    );
                }
            }
            TraineeState::Asleep => {
                let base = seat.unwrap_or(at);
                self.rect(UNIFORM, base + Vec2::new(0.0, 20.0), Vec2::new(80.0, 80.0), 3.0);
                self.circle(SKIN, base + Vec2::new(30.0, 35.0), 28.0, 3.5);
                // closed eyes and a "z z"
                self.rect(Color::BLACK, base + Vec2::new(40.0, 40.0), Vec2::new(14.0, 3.0), 3.6);
                for i in 0..3 {
                    let s = 10.0 + i as f32 * 6.0;
                    self.rect(
                        Color::srgb(0.3, 0.3, 0.6),
                        base + Vec2::new(70.0 + i as f32 * 22.0, 80.0 + i as f32 * 24.0),
                        Vec2::new(s, 3.0),
                        3.7,
                    );
                }
            }
            TraineeState::Sitting
            | TraineeState::Chatting
            | TraineeState::Reading
            | TraineeState::OnPhone => {
                let base = seat.unwrap_or(at);
                self.rect(UNIFORM, base + Vec2::new(0.0, 30.0), Vec2::new(80.0, 90.0), 3.0);
                self.circle(SKIN, base + Vec2::new(0.0, 100.0), 30.0, 3.5);
                self.face(base + Vec2::new(0.0, 100.0), Mood::Calm, 3.6, 1.0);
                if state == TraineeState::Reading {
                    self.rect(
                        Color::srgb(0.93, 0.93, 0.9),
                        base + Vec2::new(0.0, 85.0),
                        Vec2::new(120.0, 90.0),
                        5.0,
                    );
                    for i in 0..5 {
                        self.rect(
                            Color::srgb(0.5, 0.5, 0.5),
                            base + Vec2::new(0.0, 115.0 - i as f32 * 14.0),
                            Vec2::new(100.0, 4.0),
                            5.1,
                        );
                    }
                }
                if state == TraineeState::OnPhone {
                    self.tilted(
                        Color::srgb(0.15, 0.15, 0.15),
                        base + Vec2::new(30.0, 100.0),
                        Vec2::new(12.0, 50.0),
                        3.8,
                        0.3,
                    );
                }
            }
            TraineeState::Standing => {
                self.rect(UNIFORM, at + Vec2::new(0.0, 40.0), Vec2::new(80.0, 130.0), 3.0);
                self.circle(SKIN, at + Vec2::new(0.0, 135.0), 30.0, 3.5);
                self.face(at + Vec2::new(0.0, 135.0), Mood::Pleased, 3.6, 1.0);
                // name badge on the left chest
                self.rect(Color::WHITE, at + Vec2::new(-20.0, 80.0), Vec2::new(22.0, 12.0), 3.6);
            }
        }
    }

    /// A customer: the body's colour tells the role, the face the mood.
    fn person(&mut self, role: Role, mood: Mood, at: Vec2, scale: f32) {
        let body = match role {
            Role::Owner | Role::Resident => Color::srgb(0.55, 0.35, 0.55),
            Role::NonOwner | Role::Visitor => Color::srgb(0.3, 0.55, 0.45),
            Role::Caller | Role::Customer => Color::srgb(0.75, 0.5, 0.25),
            Role::Courier => Color::srgb(0.85, 0.6, 0.1),
            Role::Colleague | Role::Manager | Role::Inspector => Color::srgb(0.35, 0.35, 0.4),
        };
        self.rect(body, at + Vec2::new(0.0, 20.0) * scale, Vec2::new(90.0, 150.0) * scale, 6.0);
        let head = at + Vec2::new(0.0, 130.0) * scale;
        let skin = match mood {
            Mood::Angry => Color::srgb(0.95, 0.55, 0.5),
            Mood::Annoyed | Mood::Impatient => Color::srgb(0.97, 0.7, 0.58),
            _ => SKIN,
        };
        self.circle(skin, head, 36.0 * scale, 6.5);
        self.face(head, mood, 6.6, scale);
    }

    /// Eyes, brows and mouth for a mood.
    fn face(&mut self, head: Vec2, mood: Mood, z: f32, scale: f32) {
        let eye = Color::srgb(0.1, 0.1, 0.1);
        for side in [-1.0f32, 1.0] {
            self.circle(eye, head + Vec2::new(12.0 * side, 6.0) * scale, 3.5 * scale, z);
            let brow = match mood {
                Mood::Angry | Mood::Annoyed => -0.45 * side,
                Mood::Anxious | Mood::Confused => 0.35 * side,
                _ => 0.0,
            };
            self.tilted(
                eye,
                head + Vec2::new(12.0 * side, 16.0) * scale,
                Vec2::new(12.0, 2.5) * scale,
                z,
                brow,
            );
        }
        let (width, curve) = match mood {
            Mood::Friendly | Mood::Pleased => (16.0, 0.25),
            Mood::Calm | Mood::Hurried => (12.0, 0.0),
            Mood::Confused | Mood::Anxious => (10.0, 0.2),
            Mood::Impatient | Mood::Annoyed => (14.0, -0.15),
            Mood::Angry => (18.0, -0.3),
        };
        for side in [-1.0f32, 1.0] {
            self.tilted(
                Color::srgb(0.45, 0.15, 0.15),
                head + Vec2::new(width / 4.0 * side, -14.0) * scale,
                Vec2::new(width / 2.0, 3.0) * scale,
                z,
                curve * side,
            );
        }
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
