//! The desktop game: a thin Bevy + egui shell over the core. `state` holds
//! the screens, the commands and the resources; the plugins are
//! `GamePlugin` (routes commands to the session), `ScenarioAssetsPlugin`
//! (scenario files as assets, hot reload), `UiPlugin` (one plugin per
//! screen, drawn with egui), `ImePlugin` (the input method kept on through
//! a scenario), `ScenePlugin` (the 2D scene) and
//! `AutoplayPlugin` (scripted runs with screenshots); `WindowFitPlugin`
//! sizes a trainee's window to the monitor it opens on. The core depends on
//! none of it.

pub mod autoplay;
pub mod game;
pub mod ime;
pub mod records;
pub mod scenario_assets;
pub mod scene;
pub mod state;
pub mod ui;
pub mod window_fit;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::asset::AssetPlugin;
use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiPlugin, EguiStartupSet};

use courtesy_core::play::ProgressStore;
use courtesy_core::{Locale, Messages};
use game::GamePlugin;
use scenario_assets::{LiveLibrary, ScenarioAssetsPlugin};
use state::GameCommand;

/// How to start the game.
#[derive(Debug, Clone)]
pub struct GameOptions {
    /// The scenarios folder.
    pub scenarios_dir: PathBuf,
    /// The language shown first.
    pub locale: Locale,
    /// The seed of the first session.
    pub seed: u64,
    /// Open this scenario's briefing at once.
    pub scenario: Option<String>,
    /// Reload files when saved and show the diagnostics panel.
    pub authoring: bool,
    /// Scripted input lines and the folder for screenshots.
    pub autoplay: Option<(Vec<String>, PathBuf)>,
    /// The window's size in logical pixels; without it, 1280×800, fitted
    /// to the monitor (`window_fit`).
    pub window: Option<(u32, u32)>,
    /// The training records file; none for the state folder's.
    pub db: Option<PathBuf>,
    /// Who plays, by employee number (`play --as`).
    pub person: Option<String>,
}

/// When the process started (set by `cli::main`, else by `run`), for the
/// start-up figure in docs/performance.md.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Is there a display to open a window on?
pub fn display_available() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// Why the game could not run.
#[derive(Debug, thiserror::Error)]
pub enum GameError {
    /// No display to open a window on (the caller falls back to the
    /// terminal mode).
    #[error("no display")]
    NoDisplay,
    /// The screenshot folder could not be made.
    #[error("{}: {source}", path.display())]
    Screenshots {
        /// The folder.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

impl GameError {
    /// The error in words.
    pub fn message(&self, m: &Messages) -> String {
        match self {
            GameError::NoDisplay => m.get("ui-no-display"),
            GameError::Screenshots { .. } => self.to_string(),
        }
    }
}

/// Runs the game until the window closes.
pub fn run(options: GameOptions) -> Result<ExitCode, GameError> {
    let _ = STARTED.set(std::time::Instant::now());
    if !display_available() {
        return Err(GameError::NoDisplay);
    }
    let root =
        std::fs::canonicalize(&options.scenarios_dir).unwrap_or(options.scenarios_dir.clone());
    // Trainees' sessions and results are kept; scripted demos and trainers
    // trying their files leave no trace in them.
    let progress = if options.autoplay.is_none() && !options.authoring {
        ProgressStore::default_location()
    } else {
        None
    };
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "courtesy".into(),
                    resolution: {
                        let (w, h) = options.window.unwrap_or((1280, 800));
                        WindowResolution::new(w, h)
                    },
                    ime_enabled: true,
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: root.to_string_lossy().into_owned(),
                watch_for_changes_override: Some(options.authoring),
                ..default()
            })
            .set(LogPlugin {
                filter: "warn,wgpu=error,naga=error,bevy_render=error".into(),
                ..default()
            }),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(Color::srgb(0.93, 0.91, 0.87)))
    .add_plugins((
        GamePlugin { locale: options.locale, seed: options.seed, progress },
        ScenarioAssetsPlugin { root },
        ui::UiPlugin { authoring: options.authoring },
        ime::ImePlugin,
        scene::ScenePlugin,
        records::RecordsPlugin { db: options.db.clone(), person: options.person.clone() },
    ))
    .add_systems(PreStartup, spawn_camera.before(EguiStartupSet::InitContexts));

    match &options.autoplay {
        Some((lines, dir)) => {
            std::fs::create_dir_all(dir)
                .map_err(|source| GameError::Screenshots { path: dir.clone(), source })?;
            let scenario = options.scenario.clone().unwrap_or_default();
            app.insert_resource(WinitSettings::game())
                .insert_resource(autoplay::Autoplay::new(scenario, lines.clone(), dir.clone()))
                .add_plugins(autoplay::AutoplayPlugin);
        }
        None => {
            // A trainee's window fits the monitor; a size asked for is kept.
            if options.window.is_none() {
                app.add_plugins(window_fit::WindowFitPlugin);
            }
            // Reactive: no busy loop while the trainee thinks. Trainees'
            // windows wake only for their input (and the timer's redraws);
            // authoring also wakes every 5 s to pick up saved files.
            app.insert_resource(if options.authoring {
                WinitSettings::desktop_app()
            } else {
                let mode = UpdateMode::reactive_low_power(std::time::Duration::from_secs(60));
                WinitSettings { focused_mode: mode, unfocused_mode: mode }
            });
            if let Some(id) = options.scenario.clone() {
                app.insert_resource(OpenAtStart(Some(id))).add_systems(Update, open_at_start);
            }
        }
    }
    Ok(match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::from(1),
    })
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

#[derive(Resource)]
struct OpenAtStart(Option<String>);

/// Opens the briefing of the scenario named on the command line once the
/// scenario files have loaded.
fn open_at_start(
    mut wanted: ResMut<OpenAtStart>,
    library: Res<LiveLibrary>,
    mut out: MessageWriter<GameCommand>,
) {
    if library.generation == 0 {
        return;
    }
    if let Some(id) = wanted.0.take() {
        out.write(GameCommand::Open { scenario: id });
    }
}
