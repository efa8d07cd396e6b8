//! Scenario files as Bevy assets: an `AssetLoader` reads each `.ron` file of
//! the scenarios folder (rule sets included), and the [`LiveLibrary`]
//! resource is rebuilt from them with the core loader whenever a file
//! changes (hot reload in authoring mode). A scenario whose file turns broken keeps its last good
//! version playable while the diagnostics say what is wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext, LoadState};
use bevy::prelude::*;

use courtesy_core::diagnostic::{MAX_FILE_BYTES, source_from_bytes};
use courtesy_core::{CompiledScenario, Diagnostic, Library, SourceFile};

/// One scenario or rule-set file, read but not yet parsed.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioFile {
    /// The text, or why it could not be read as text.
    pub source: Result<SourceFile, Diagnostic>,
}

/// Reads `.ron` files; paths in diagnostics are shown under `root`.
#[derive(TypePath)]
pub struct ScenarioFileLoader {
    /// The scenarios folder.
    pub root: PathBuf,
}

impl AssetLoader for ScenarioFileLoader {
    type Asset = ScenarioFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        context: &mut LoadContext<'_>,
    ) -> Result<ScenarioFile, std::io::Error> {
        let path = self.root.join(context.path().path());
        // A link out of the scenarios folder is reported, not read.
        let home = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        if let Err(d) = courtesy_core::load::link_stays_inside(&path, &home) {
            return Ok(ScenarioFile { source: Err(d) });
        }
        // Read at most one byte past the cap, whatever the file claims: a
        // bigger file is reported too large without being read whole.
        use bevy::tasks::futures_lite::AsyncReadExt as _;
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        while bytes.len() <= MAX_FILE_BYTES {
            let n = reader.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..n]);
        }
        Ok(ScenarioFile { source: source_from_bytes(&path, bytes) })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The library as the game plays it: the latest build from the files, and
/// the last good version of every scenario file, playable while its file is
/// broken.
#[derive(Resource, Default)]
pub struct LiveLibrary {
    /// The latest build of the library, with its diagnostics.
    pub library: Library,
    /// The last version without errors of each scenario file, by path.
    last_good: BTreeMap<PathBuf, Arc<CompiledScenario>>,
    /// Incremented on every rebuild (the UI and tests watch it).
    pub generation: u64,
}

impl LiveLibrary {
    /// Rebuilds from the files' current contents.
    pub fn rebuild(&mut self, sources: Vec<SourceFile>, read_errors: Vec<Diagnostic>) {
        let paths: Vec<PathBuf> = sources.iter().map(|s| s.path.clone()).collect();
        let unreadable: Vec<PathBuf> = read_errors.iter().map(|d| d.path.clone()).collect();
        let library = Library::from_sources(sources, read_errors);
        self.last_good.retain(|path, _| paths.contains(path) || unreadable.contains(path));
        for scenario in &library.scenarios {
            if library.errors_in(&scenario.file.path).next().is_none() {
                self.last_good.insert(scenario.file.path.clone(), Arc::clone(scenario));
            }
        }
        self.library = library;
        self.generation += 1;
    }

    /// Every playable scenario, sorted by id.
    pub fn scenarios(&self) -> Vec<Arc<CompiledScenario>> {
        let mut all: Vec<_> = self.last_good.values().cloned().collect();
        all.sort_by(|a, b| a.id().cmp(b.id()));
        all.dedup_by(|a, b| a.id() == b.id());
        all
    }

    /// The playable scenario with this id.
    pub fn playable(&self, id: &str) -> Option<Arc<CompiledScenario>> {
        self.last_good.values().find(|s| s.id() == id).cloned()
    }

    /// Every diagnostic of the latest build.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.library.diagnostics
    }
}

/// The scenario files being loaded, one asset each, and what is wrong with
/// the folder's entries that are not read (a FIFO, a link out of it).
#[derive(Resource)]
struct ScenarioFolder {
    handles: Vec<Handle<ScenarioFile>>,
    refused: Vec<Diagnostic>,
    loaded: bool,
}

/// Loads the scenarios folder as assets and keeps [`LiveLibrary`] current.
pub struct ScenarioAssetsPlugin {
    /// The folder the asset server reads from (the scenarios folder).
    pub root: PathBuf,
}

impl Plugin for ScenarioAssetsPlugin {
    fn build(&self, app: &mut App) {
        app.init_asset::<ScenarioFile>()
            .register_asset_loader(ScenarioFileLoader { root: self.root.clone() })
            .init_resource::<LiveLibrary>()
            .insert_resource(FolderRoot(self.root.clone()))
            .add_systems(Startup, load_folder)
            .add_systems(PreUpdate, rebuild_on_change)
            .add_message::<bevy::window::RequestRedraw>()
            .add_systems(Update, redraw_until_loaded);
    }
}

/// The window sleeps until input arrives; while the scenario files are still
/// loading it keeps drawing so the menu fills in without a mouse move.
fn redraw_until_loaded(
    catalogue: Res<LiveLibrary>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if catalogue.generation == 0 {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// The scenarios folder, as the plugin was given it.
#[derive(Resource)]
struct FolderRoot(PathBuf);

/// Lists the folder with the core's rules (regular files only, no link out
/// of it) and loads each file as an asset: Bevy's folder loader would open a
/// FIFO named `*.ron` and wait on it for ever.
fn load_folder(mut commands: Commands, server: Res<AssetServer>, root: Res<FolderRoot>) {
    let (files, refused) = courtesy_core::load::scenario_files(&root.0);
    let handles = files
        .iter()
        .filter_map(|path| path.strip_prefix(&root.0).ok())
        .map(|relative| server.load::<ScenarioFile>(relative.to_path_buf()))
        .collect();
    commands.insert_resource(ScenarioFolder { handles, refused, loaded: false });
}

/// Rebuilds the catalogue once the whole folder has loaded, then on every
/// change of a file.
fn rebuild_on_change(
    server: Res<AssetServer>,
    mut folder: ResMut<ScenarioFolder>,
    mut events: MessageReader<AssetEvent<ScenarioFile>>,
    files: Res<Assets<ScenarioFile>>,
    mut catalogue: ResMut<LiveLibrary>,
) {
    let changed = events.read().count() > 0;
    if !folder.loaded {
        // Every file loaded, or failed to (a read error is the file's own).
        let settled = folder
            .handles
            .iter()
            .all(|h| matches!(server.load_state(h), LoadState::Loaded | LoadState::Failed(_)));
        if !settled {
            return;
        }
        folder.loaded = true;
    } else if !changed {
        return;
    }
    let mut sources = Vec::new();
    let mut errors = folder.refused.clone();
    for (_, file) in files.iter() {
        match &file.source {
            Ok(source) => sources.push(source.clone()),
            Err(d) => errors.push(d.clone()),
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    catalogue.rebuild(sources, errors);
}
