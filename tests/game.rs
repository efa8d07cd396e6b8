//! The game's ECS, without a GPU or a window: MinimalPlugins, the game's own
//! plugins, and the screens and session driven through `GameCommand`
//! messages — menu to debrief, timeouts, retry, locale switch, a Chinese
//! input-method commit reaching the reply box, and hot reload of a scenario
//! file that breaks and is fixed again.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::asset::AssetPlugin;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use bevy_egui::egui;
use courtesy::app::game::GamePlugin;
use courtesy::app::scenario_assets::{LiveLibrary, ScenarioAssetsPlugin};
use courtesy::app::state::{
    AppState, BeginBlocked, CurrentPlay, GameCommand, LastTurn, MenuFilter, MenuOrder, Preferences,
    Progress, TurnInput, TurnPhase,
};
use courtesy::app::ui::playing;
use courtesy_core::diagnostic::read_source;
use courtesy_core::model::{EndingKind, Venue};
use courtesy_core::play::{Mode, ProgressStore, ResultRecord};
use courtesy_core::{Input, Locale, Messages, TurnResult, Verdict};

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// The catalogue of the real library, read from disk.
fn catalogue() -> LiveLibrary {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .unwrap()
        .chain(std::fs::read_dir(scenarios_dir().join("phrases")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let sources = files.iter().map(|p| read_source(p).unwrap()).collect();
    let mut c = LiveLibrary::default();
    c.rebuild(sources, Vec::new());
    c
}

/// A headless app with the game's logic and one second per update.
/// The game, with a trainee who has given their name.
fn app() -> App {
    let mut app = app_saving_to(None);
    app.world_mut().resource_mut::<Preferences>().trainee = "测试学员".into();
    app
}

/// The same, keeping the trainee's progress in `store`.
fn app_saving_to(store: Option<&Path>) -> App {
    let progress = store.map(ProgressStore::new);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .add_message::<bevy::window::RequestRedraw>()
        .insert_resource(catalogue())
        .add_plugins(GamePlugin { locale: Locale::ZhCn, seed: 1, progress })
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
    app.update();
    app
}

fn send(app: &mut App, command: GameCommand) {
    app.world_mut().write_message(command);
    app.update();
    app.update(); // state transitions apply on the next frame
}

fn state(app: &App) -> AppState {
    *app.world().resource::<State<AppState>>().get()
}

fn play(app: &App) -> &CurrentPlay {
    app.world().resource::<CurrentPlay>()
}

/// The turn explained in the feedback step, if it is open.
fn feedback(app: &App) -> Option<TurnResult> {
    let open = app.world().get_resource::<State<TurnPhase>>().map(|s| *s.get());
    let last = app.world().resource::<LastTurn>().0.clone();
    assert_eq!(open == Some(TurnPhase::Feedback), last.is_some(), "the phase and the turn agree");
    last.map(|t| t.result)
}

/// The turn number the play bar shows.
fn turn_on_screen(app: &App) -> usize {
    let phase = *app.world().resource::<State<TurnPhase>>().get();
    play(app).turn_on_screen(phase)
}

fn time_left(app: &App) -> Option<f32> {
    app.world().resource::<TurnInput>().time_left(&play(app).screen()?)
}

#[test]
fn menu_to_debrief_with_good_replies() {
    let mut app = app();
    assert_eq!(state(&app), AppState::Menu);
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    assert_eq!(state(&app), AppState::Briefing);
    send(&mut app, GameCommand::Begin);
    assert_eq!(state(&app), AppState::Playing);

    let replies = [
        Input::Pick(0),
        Input::Text("您好，丽江花园物业管理处，请问有什么可以帮您？".into()),
        Input::Text("好的，请稍等，我帮您查一下。".into()),
        Input::Text("不客气，谢谢您的来电，再见！".into()),
        Input::Pick(0),
    ];
    for (n, reply) in replies.into_iter().enumerate() {
        // The turn counter names the turn being answered, then the turn
        // whose feedback shows: five turns end on turn 5.
        assert_eq!(turn_on_screen(&app), n + 1, "answering turn {}", n + 1);
        send(&mut app, GameCommand::Answer(reply));
        let result = feedback(&app).expect("practice mode shows feedback");
        assert_eq!(result.verdict, Verdict::Pass);
        assert_eq!(turn_on_screen(&app), n + 1, "the feedback of turn {}", n + 1);
        send(&mut app, GameCommand::Continue);
    }
    assert_eq!(state(&app), AppState::Debrief);
    let result = play(&app).result.clone().unwrap();
    assert_eq!(result.ending, Some(EndingKind::Good));
    assert_eq!(result.score, 100);
}

const GOOD_PHONE_REPLIES: [&str; 3] = [
    "您好，丽江花园物业管理处，请问有什么可以帮您？",
    "好的，请稍等，我帮您查一下。",
    "不客气，谢谢您的来电，再见！",
];

#[test]
fn a_finished_scenario_is_recorded_with_the_trainee_and_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_saving_to(Some(dir.path()));
    app.world_mut().resource_mut::<Preferences>().trainee = "  王小明 ".into();
    send(&mut app, GameCommand::SetMode(Mode::Exam));
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    send(&mut app, GameCommand::Begin);
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    let saved = ProgressStore::new(dir.path()).saved_sessions().sessions;
    assert_eq!(saved.len(), 1, "saved after the first turn");
    for reply in GOOD_PHONE_REPLIES {
        send(&mut app, GameCommand::Answer(Input::Text(reply.into())));
    }
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    assert_eq!(state(&app), AppState::Debrief);

    let records = ProgressStore::new(dir.path()).results();
    assert_eq!(records.len(), 1);
    let ResultRecord { session, trainee, mode, result, finished_at } = &records[0];
    assert!(!session.is_empty(), "the record names its session");
    assert_eq!(trainee.as_deref(), Some("王小明"));
    assert_eq!(*mode, Mode::Exam);
    assert!(*finished_at > 1_700_000_000);
    assert_eq!(result, play(&app).result.as_ref().unwrap());
    let saved = ProgressStore::new(dir.path()).saved_sessions().sessions;
    assert!(saved.is_empty(), "nothing is left to resume");
    // Retrying and finishing again adds a second line; the first stays.
    send(&mut app, GameCommand::Retry);
    for _ in 0..20 {
        if state(&app) == AppState::Debrief {
            break;
        }
        // The second option is a poor one; a curt "喂" is a poor reply.
        let input = Input::from_line("2", play(&app).screen().and_then(|s| s.prompt).as_ref())
            .unwrap_or_else(|| Input::Text("喂".into()));
        send(&mut app, GameCommand::Answer(input));
    }
    assert_eq!(state(&app), AppState::Debrief);
    let records = ProgressStore::new(dir.path()).results();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].result.verdict, Verdict::Fail);
}

#[test]
fn a_session_cut_off_is_offered_again_and_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = app_saving_to(Some(dir.path()));
        app.world_mut().resource_mut::<Preferences>().trainee = "李娜".into();
        send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
        send(&mut app, GameCommand::Begin);
        send(&mut app, GameCommand::Answer(Input::Pick(0)));
        send(&mut app, GameCommand::Continue);
        send(&mut app, GameCommand::Answer(Input::Text(GOOD_PHONE_REPLIES[0].into())));
        // The process dies here: the app is dropped without going back to the menu.
    }
    let mut app = app_saving_to(Some(dir.path()));
    let offered =
        app.world().resource::<Progress>().resumable.clone().expect("the menu offers the session");
    assert_eq!(offered.session.scenario, "phone-three-rings");
    assert_eq!(offered.session.inputs.len(), 2);
    assert!(app.world().resource::<Preferences>().trainee.is_empty());

    send(&mut app, GameCommand::Resume);
    assert_eq!(state(&app), AppState::Playing);
    assert_eq!(app.world().resource::<Preferences>().trainee, "李娜");
    assert_eq!(play(&app).session.as_ref().unwrap().transcript().len(), 2);
    assert_eq!(play(&app).screen().unwrap().node, "query", "the third turn is next");
    for reply in &GOOD_PHONE_REPLIES[1..] {
        send(&mut app, GameCommand::Answer(Input::Text((*reply).into())));
        send(&mut app, GameCommand::Continue);
    }
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    send(&mut app, GameCommand::Continue);
    assert_eq!(state(&app), AppState::Debrief);
    let result = play(&app).result.clone().unwrap();
    assert_eq!(result.transcript.len(), 5);
    assert_eq!(result.verdict, Verdict::Pass);
    let records = ProgressStore::new(dir.path()).results();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].trainee.as_deref(), Some("李娜"));
}

#[test]
fn leaving_for_the_menu_half_way_offers_the_session_and_a_new_start_asks_first() {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "gate-guard-asleep".into() });
    send(&mut app, GameCommand::Begin);
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    send(&mut app, GameCommand::ToMenu);
    assert_eq!(state(&app), AppState::Menu);
    assert!(app.world().resource::<Progress>().resumable.is_some());
    send(&mut app, GameCommand::Open { scenario: "unknown-question".into() });
    // Begin does not silently throw the saved session away: the briefing asks.
    send(&mut app, GameCommand::Begin);
    assert_eq!(state(&app), AppState::Briefing);
    assert_eq!(play(&app).begin_blocked, Some(BeginBlocked::SavedSession));
    assert!(app.world().resource::<Progress>().resumable.is_some());
    send(&mut app, GameCommand::BeginDiscardingSaved);
    assert_eq!(state(&app), AppState::Playing);
    assert_eq!(play(&app).begin_blocked, None);
    assert!(app.world().resource::<Progress>().resumable.is_none());
    // With nothing to resume, Resume does nothing.
    send(&mut app, GameCommand::Resume);
    assert_eq!(play(&app).scenario.as_ref().unwrap().id(), "unknown-question");
}

/// `play --scenario` opens the briefing without the menu's name box: the
/// briefing asks who is playing before it starts.
#[test]
fn a_scenario_does_not_start_until_the_trainee_says_who_they_are() {
    let mut app = app_saving_to(None);
    send(&mut app, GameCommand::Open { scenario: "gate-guard-asleep".into() });
    send(&mut app, GameCommand::Begin);
    assert_eq!(state(&app), AppState::Briefing);
    assert_eq!(play(&app).begin_blocked, Some(BeginBlocked::NoName));
    app.world_mut().resource_mut::<Preferences>().trainee = "张三".into();
    send(&mut app, GameCommand::Begin);
    assert_eq!(state(&app), AppState::Playing);
}

#[test]
fn exam_mode_shows_no_feedback_until_the_debrief() {
    let mut app = app();
    send(&mut app, GameCommand::SetMode(Mode::Exam));
    send(&mut app, GameCommand::Open { scenario: "gate-guard-asleep".into() });
    send(&mut app, GameCommand::Begin);
    for reply in [
        Input::Pick(2),
        Input::Text("干嘛".into()),
        Input::Text("往里走就看见了".into()),
        Input::Text("往里走就看见了".into()),
    ] {
        send(&mut app, GameCommand::Answer(reply));
        assert!(feedback(&app).is_none());
    }
    assert_eq!(state(&app), AppState::Debrief);
    assert_eq!(play(&app).result.as_ref().unwrap().verdict, Verdict::Fail);
}

#[test]
fn a_timed_prompt_times_out_as_time_passes() {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    send(&mut app, GameCommand::Begin);
    assert!(time_left(&app).is_some());
    // Virtual time advances at most 0.25 s a frame: 9 s take 36 frames.
    for _ in 0..30 {
        app.update();
    }
    assert!(feedback(&app).is_none(), "not yet timed out after 7.5 s");
    assert!(time_left(&app).unwrap() < 2.0);
    for _ in 0..10 {
        app.update();
    }
    let result = feedback(&app).expect("the timeout was scored");
    assert!(result.timed_out());
    send(&mut app, GameCommand::Continue);
    assert_eq!(play(&app).screen().unwrap().node, "late");
}

#[test]
fn retry_starts_again_with_a_new_seed() {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "unknown-question".into() });
    send(&mut app, GameCommand::Begin);
    let first_seed = play(&app).session.as_ref().unwrap().seed();
    send(&mut app, GameCommand::Answer(Input::Pick(2)));
    send(&mut app, GameCommand::Continue);
    send(&mut app, GameCommand::Answer(Input::Text("不知道".into())));
    send(&mut app, GameCommand::Continue);
    send(&mut app, GameCommand::Answer(Input::Text("不清楚就是不清楚".into())));
    send(&mut app, GameCommand::Continue);
    assert_eq!(state(&app), AppState::Debrief);
    send(&mut app, GameCommand::Retry);
    assert_eq!(state(&app), AppState::Playing);
    let session = play(&app).session.as_ref().unwrap();
    assert!(session.transcript().is_empty());
    assert_ne!(session.seed(), first_seed);
    assert!(play(&app).result.is_none());
}

#[test]
fn refused_input_is_shown_and_nothing_is_lost() {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "unknown-question".into() });
    send(&mut app, GameCommand::Begin);
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    send(&mut app, GameCommand::Continue);
    send(&mut app, GameCommand::Answer(Input::Text("   ".into())));
    assert!(app.world().resource::<TurnInput>().refused.is_some());
    assert!(feedback(&app).is_none());
    assert_eq!(play(&app).session.as_ref().unwrap().transcript().len(), 1);
}

#[test]
fn the_locale_switches_the_words_shown() {
    let mut app = app();
    send(&mut app, GameCommand::SetLocale(Locale::EnUs));
    let settings = app.world().resource::<Preferences>();
    assert_eq!(settings.messages.locale(), Locale::EnUs);
    assert_eq!(settings.messages.get("ui-start"), "Start");
    send(&mut app, GameCommand::SetLocale(Locale::ZhTw));
    let m = &app.world().resource::<Preferences>().messages;
    assert_eq!(m.scenario_text("请稍等"), "請稍等");
}

#[test]
fn next_goes_through_the_menu_order() {
    let mut app = app();
    app.world_mut().resource_mut::<MenuOrder>().0 =
        vec!["phone-three-rings".into(), "gate-guard-asleep".into()];
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    send(&mut app, GameCommand::Next);
    assert_eq!(state(&app), AppState::Briefing);
    assert_eq!(play(&app).scenario.as_ref().unwrap().id(), "gate-guard-asleep");
}

#[test]
fn the_menu_order_follows_the_filter_and_the_language_without_drawing() {
    let mut app = app();
    app.update();
    let all = app.world().resource::<MenuOrder>().0.clone();
    assert_eq!(all.len(), 34, "the whole library, in id order");
    assert!(all.is_sorted());
    app.world_mut().resource_mut::<MenuFilter>().venue = Some(Venue::PhoneCall);
    app.update();
    let phone = app.world().resource::<MenuOrder>().0.clone();
    assert!(phone.contains(&"phone-three-rings".to_string()), "{phone:?}");
    assert!(!phone.contains(&"gate-guard-asleep".to_string()), "{phone:?}");
    // The title search is in the language shown.
    *app.world_mut().resource_mut::<MenuFilter>() =
        MenuFilter { search: "Asleep".into(), ..MenuFilter::default() };
    send(&mut app, GameCommand::SetLocale(Locale::EnUs));
    assert_eq!(app.world().resource::<MenuOrder>().0, ["gate-guard-asleep"]);
    // Next follows it.
    send(&mut app, GameCommand::Next);
    assert_eq!(play(&app).scenario.as_ref().unwrap().id(), "gate-guard-asleep");
}

/// Runs the dialogue view for one frame with the given input events.
fn dialogue_frame(
    ctx: &egui::Context,
    play: &CurrentPlay,
    input: &mut TurnInput,
    events: Vec<egui::Event>,
) -> Vec<GameCommand> {
    let m = Messages::new(Locale::ZhCn);
    let mut out = Vec::new();
    let raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        events,
        ..Default::default()
    };
    let mut output = ctx.run_ui(raw, |ui| {
        out = playing::dialogue(ui, &m, play, input, None);
    });
    output.textures_delta.clear(); // nothing renders them here
    out
}

/// A game at the first free-text prompt of `unknown-question`, and an egui
/// context styled as the game's, to draw its dialogue panel in.
fn at_a_reply_prompt() -> (App, egui::Context) {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "unknown-question".into() });
    send(&mut app, GameCommand::Begin);
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    send(&mut app, GameCommand::Continue);
    let ctx = egui::Context::default();
    courtesy::app::ui::install_style(&ctx);
    (app, ctx)
}

#[test]
fn an_input_method_commit_lands_in_the_reply_box_and_enter_sends_it() {
    let (mut app, ctx) = at_a_reply_prompt();
    let mut input = TurnInput::default();
    let play = app.world().resource::<CurrentPlay>();
    // The reply box takes focus by itself; then the IME composes and commits.
    dialogue_frame(&ctx, play, &mut input, vec![]);
    let preedit = egui::ImeEvent::Preedit { text: "duibuqi".into(), active_range_chars: None };
    dialogue_frame(&ctx, play, &mut input, vec![egui::Event::Ime(preedit)]);
    dialogue_frame(
        &ctx,
        play,
        &mut input,
        vec![egui::Event::Ime(egui::ImeEvent::Commit("对不起，请您稍等".into()))],
    );
    assert_eq!(input.draft, "对不起，请您稍等");
    // Shift+Enter is a new line, Enter sends.
    let shift_enter = egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::SHIFT,
    };
    let sent = dialogue_frame(&ctx, play, &mut input, vec![shift_enter]);
    assert!(sent.is_empty());
    assert!(input.draft.ends_with('\n'), "{:?}", input.draft);
    let enter = egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let sent = dialogue_frame(&ctx, play, &mut input, vec![enter]);
    assert_eq!(sent, vec![GameCommand::Answer(Input::Text("对不起，请您稍等\n".into()))]);
    app.world_mut().write_message(sent[0].clone());
    app.update();
    let turn = app.world().resource::<LastTurn>().0.clone().unwrap();
    assert_eq!(turn.reply, "对不起，请您稍等\n");
}

const GOOD_FILE: &str = r#"Scenario(
    id: "mini", title: "小场景", summary: "s", setting: FrontDesk,
    company: Company(name: "丽江花园"), trainee: Trainee(role: "前台"),
    cast: [Person(id: "c", name: "陈女士", role: Caller)],
    rules: [Rule(id: "hold", category: Hold, phrases: ["请稍等"])],
    start: "ask",
    nodes: [
        Node(id: "ask", speaker: "c", says: ["查一下"], prompt: Reply(require: ["hold"]),
             next: [Branch(when: Always, goto: "end")]),
        Node(id: "end", ending: Ending(kind: Good, text: "好")),
    ],
)"#;

fn wait_for_generation(app: &mut App, generation: u64) {
    for _ in 0..500 {
        app.update();
        if app.world().resource::<LiveLibrary>().generation > generation {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the catalogue was not rebuilt");
}

/// An app whose asset loader reads the scenario files of `dir`.
fn app_reading_folder(dir: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin { file_path: dir.to_string_lossy().into_owned(), ..default() },
    ))
    .add_plugins(ScenarioAssetsPlugin { root: dir.to_path_buf() });
    app
}

fn write(dir: &Path, text: &str) {
    std::fs::write(dir.join("mini.ron"), text).unwrap();
}

#[test]
fn a_file_that_breaks_keeps_its_last_good_version_until_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), GOOD_FILE);
    let mut app = app_reading_folder(dir.path());
    wait_for_generation(&mut app, 0);
    let first = app.world().resource::<LiveLibrary>();
    assert!(first.diagnostics().is_empty(), "{:#?}", first.diagnostics());
    assert_eq!(first.playable("mini").unwrap().scenario.title, "小场景");

    // Broken: a syntax error. The old version stays playable; the error shows.
    let generation = first.generation;
    write(dir.path(), &GOOD_FILE.replace("title: \"小场景\",", "title: \"坏了\""));
    app.world().resource::<AssetServer>().reload("mini.ron");
    wait_for_generation(&mut app, generation);
    let broken = app.world().resource::<LiveLibrary>();
    assert_eq!(broken.diagnostics()[0].code.key(), "syntax");
    assert_eq!(broken.diagnostics()[0].line, 2);
    assert_eq!(broken.playable("mini").unwrap().scenario.title, "小场景");

    // Fixed: the new version replaces it and the diagnostics clear.
    let generation = broken.generation;
    write(dir.path(), &GOOD_FILE.replace("小场景", "改好的场景"));
    app.world().resource::<AssetServer>().reload("mini.ron");
    wait_for_generation(&mut app, generation);
    let fixed = app.world().resource::<LiveLibrary>();
    assert!(fixed.diagnostics().is_empty());
    assert_eq!(fixed.playable("mini").unwrap().scenario.title, "改好的场景");
}

#[test]
fn unchanged_modifier_keys_do_not_keep_the_window_redrawing() {
    use bevy_egui::EguiInput;
    use courtesy::app::ui::drop_repeated_modifier_events;
    let mut app = App::new();
    app.add_systems(Update, drop_repeated_modifier_events);
    let context = app.world_mut().spawn(EguiInput::default()).id();
    let frame = |app: &mut App, events: Vec<egui::Event>| -> Vec<egui::Event> {
        app.world_mut().get_mut::<EguiInput>(context).unwrap().events = events;
        app.update();
        app.world().get::<EguiInput>(context).unwrap().events.clone()
    };
    let none = egui::Event::ModifiersChanged(egui::Modifiers::NONE);
    let shift = egui::Event::ModifiersChanged(egui::Modifiers::SHIFT);
    let typed = egui::Event::Text("您好".into());
    assert_eq!(
        frame(&mut app, vec![none.clone()]),
        vec![none.clone()],
        "the first state is passed on"
    );
    assert_eq!(frame(&mut app, vec![none.clone()]), vec![], "the same state again is dropped");
    assert_eq!(
        frame(&mut app, vec![typed.clone(), none.clone()]),
        vec![typed.clone()],
        "other events stay"
    );
    assert_eq!(frame(&mut app, vec![shift.clone()]), vec![shift.clone()], "a change is passed on");
    assert_eq!(frame(&mut app, vec![none.clone()]), vec![none], "and the change back");
}

#[test]
fn a_focused_reply_box_does_not_ask_for_endless_repaints() {
    let (app, ctx) = at_a_reply_prompt();
    let play = app.world().resource::<CurrentPlay>();
    let mut input = TurnInput::default();
    dialogue_frame(&ctx, play, &mut input, vec![]);
    dialogue_frame(&ctx, play, &mut input, vec![egui::Event::Text("您好".into())]);
    assert_eq!(input.draft, "您好", "the box has the focus");
    // Once the typing has been drawn, a frame with no input asks for none.
    dialogue_frame(&ctx, play, &mut input, vec![]);
    dialogue_frame(&ctx, play, &mut input, vec![]);
    assert!(!ctx.has_requested_repaint(), "repaint wanted: {:?}", ctx.repaint_causes());
}

/// The game's asset loader does not follow a link out of the scenarios
/// folder: it reports it, and the target's text reaches no diagnostic.
#[cfg(unix)]
#[test]
fn the_game_does_not_read_a_link_out_of_the_scenarios_folder() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.ron"), "root:x:0:0:secret-line\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), GOOD_FILE);
    std::os::unix::fs::symlink(outside.path().join("secret.ron"), dir.path().join("passwd.ron"))
        .unwrap();
    let mut app = app_reading_folder(dir.path());
    wait_for_generation(&mut app, 0);
    let live = app.world().resource::<LiveLibrary>();
    let codes: Vec<&str> = live.diagnostics().iter().map(|d| d.code.key()).collect();
    assert!(codes.contains(&"link-outside"), "{codes:?}");
    assert!(!format!("{:?}", live.diagnostics()).contains("secret-line"));
    assert!(live.playable("mini").is_some(), "the good file still plays");
}

/// A FIFO named `*.ron` in the scenarios folder is reported, never opened:
/// the library still loads (Bevy's folder loader waited on it for ever).
#[cfg(unix)]
#[test]
fn the_game_loads_its_library_past_a_fifo_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), GOOD_FILE);
    let fifo = dir.path().join("pipe.ron");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut app = app_reading_folder(dir.path());
    wait_for_generation(&mut app, 0);
    let live = app.world().resource::<LiveLibrary>();
    assert!(live.playable("mini").is_some(), "the good file plays");
    let refused = live.diagnostics().iter().find(|d| d.path.ends_with("pipe.ron")).unwrap();
    assert_eq!(refused.code.key(), "not-a-file");
}

/// With pinyin on, a digit may reach the game as committed text, not as a
/// key: options are still picked by it, full-width included.
#[test]
fn an_option_digit_committed_by_the_input_method_picks_the_option() {
    let commit = |t: &str| vec![egui::Event::Ime(egui::ImeEvent::Commit(t.into()))];
    assert_eq!(playing::digit_typed(&commit("2")), Some(2));
    assert_eq!(playing::digit_typed(&commit("３")), Some(3));
    assert_eq!(playing::digit_typed(&[egui::Event::Text("1".into())]), Some(1));
    assert_eq!(playing::digit_typed(&commit("12")), None);
    assert_eq!(playing::digit_typed(&commit("你")), None);
    assert_eq!(playing::digit_typed(&commit("0")), None);
}

/// The menu laid out in a window of `width`×`height`: the rect its widgets
/// take.
fn menu_extent(app: &App, locale: Locale, width: f32, height: f32) -> egui::Rect {
    let mut prefs = Preferences::new(locale);
    let mut filter = MenuFilter::default();
    let mut selection = courtesy::app::ui::menu::MenuSelection {
        selected: Some("phone-three-rings".into()),
        ..Default::default()
    };
    let view = courtesy::app::ui::menu::MenuView {
        library: app.world().resource::<LiveLibrary>(),
        progress: app.world().resource::<Progress>(),
        order: app.world().resource::<MenuOrder>(),
        training: &courtesy::app::records::Training::empty(),
    };
    extent_of(width, height, |ui| {
        let _ = view.show(ui, &mut prefs, &mut filter, &mut selection);
    })
}

/// Nothing of the menu runs off the right edge of the window, from 800×600
/// up: at 800 wide the preview column used to spill past it, cutting the
/// summary, the language selector and Start.
#[test]
fn the_menu_fits_the_window_at_every_size() {
    let mut app = app();
    app.update();
    for locale in [Locale::ZhCn, Locale::EnUs] {
        for (w, h) in [(800.0, 600.0), (1024.0, 640.0), (1366.0, 768.0), (1920.0, 1080.0)] {
            let extent = menu_extent(&app, locale, w, h);
            assert!(extent.is_positive(), "{locale:?} {w}x{h}: nothing laid out");
            assert!(
                extent.max.x <= w + 0.5,
                "{locale:?} {w}x{h}: the menu reaches x={}",
                extent.max.x
            );
        }
    }
}

/// The rect a screen's widgets take when `draw` lays them out in a window
/// of `width`×`height`.
fn extent_of(width: f32, height: f32, mut draw: impl FnMut(&mut egui::Ui)) -> egui::Rect {
    let ctx = egui::Context::default();
    courtesy::app::ui::install_style(&ctx);
    let mut extent = egui::Rect::NOTHING;
    // Fonts arrive from the second frame; the layout settles after it.
    for _ in 0..3 {
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(width, height),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                // The widgets' own extent (the panel's rect is the window's).
                extent = ui.scope(|ui| draw(ui)).response.rect;
            });
        });
        output.textures_delta.clear();
    }
    extent
}

/// The briefing (name box and the saved-session choice shown) and the
/// dialogue of a prompt stay inside the window from 800×600 up.
#[test]
fn the_briefing_and_the_dialogue_fit_the_window_at_every_size() {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    let scenario = play(&app).scenario.clone().unwrap();
    send(&mut app, GameCommand::Begin);
    for locale in [Locale::ZhCn, Locale::EnUs] {
        for (w, h) in [(800.0, 600.0), (1366.0, 768.0), (1920.0, 1080.0)] {
            let mut prefs = Preferences::new(locale);
            let briefing = extent_of(w, h, |ui| {
                let saved = Some(("电话响了：三声之内接起".to_string(), 3));
                let _ = courtesy::app::ui::briefing::briefing(
                    ui,
                    &mut prefs,
                    &scenario,
                    Some(BeginBlocked::SavedSession),
                    saved,
                );
            });
            assert!(
                briefing.max.x <= w + 0.5,
                "{locale:?} {w}x{h}: briefing at x={}",
                briefing.max.x
            );
            let m = Messages::new(locale);
            let mut input = TurnInput::default();
            let dialogue = extent_of(w, h, |ui| {
                let _ = playing::dialogue(ui, &m, play(&app), &mut input, None);
            });
            assert!(
                dialogue.max.x <= w + 0.5,
                "{locale:?} {w}x{h}: dialogue at x={}",
                dialogue.max.x
            );
        }
    }
}

/// The feedback panel of a failed turn (the longest it gets) keeps its
/// Continue button inside the panel, and the debrief's head (verdict,
/// notes, buttons) leaves room for the details below it, from 800×600 up.
#[test]
fn the_feedback_and_the_debrief_fit_the_window_at_every_size() {
    let mut app = app();
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    send(&mut app, GameCommand::Begin);
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    send(&mut app, GameCommand::Continue);
    send(&mut app, GameCommand::Answer(Input::Text("不知道，你自己来前台看吧".into())));
    let turn = app.world().resource::<LastTurn>().0.clone().unwrap();
    let scenario = play(&app).scenario.clone().unwrap();
    for _ in 0..20 {
        if play(&app).result.is_some() {
            break;
        }
        send(&mut app, GameCommand::Continue);
        send(&mut app, GameCommand::Answer(Input::Text("你自己看吧".into())));
    }
    let result = play(&app).result.clone().expect("the scenario ends");
    for locale in [Locale::ZhCn, Locale::EnUs] {
        let m = Messages::new(locale);
        let shown = courtesy_core::explain::turn(&m, Some(&scenario), &turn);
        assert!(shown.lines.len() >= 3, "a failed turn explains itself: {:?}", shown.lines);
        let debrief = courtesy_core::explain::debrief(&m, &scenario, &result);
        let prefs = Preferences::new(locale);
        let progress = app.world().resource::<Progress>();
        for (w, h) in [(800.0, 600.0), (1366.0, 768.0), (1920.0, 1080.0)] {
            // The panel's width as the playing screen gives it, below the play bar.
            let (pw, ph) = ((w * 0.5f32).clamp(260.0, 440.0), h - 60.0);
            let panel = extent_of(pw, ph, |ui| {
                let _ = playing::feedback(ui, &m, &shown, false, Some(false));
            });
            assert!(
                panel.max.x <= pw + 0.5 && panel.max.y <= ph + 0.5,
                "{locale:?} {w}x{h}: feedback reaches {:?} in {pw}x{ph}",
                panel.max
            );
            let head = extent_of(w, h, |ui| {
                let _ = courtesy::app::ui::debrief::debrief(ui, &prefs, progress, &debrief);
            });
            assert!(
                head.max.x <= w + 0.5 && head.max.y <= h * 0.6,
                "{locale:?} {w}x{h}: the debrief's head reaches {:?}",
                head.max
            );
        }
    }
}

/// Updates until `done` holds, for at most ten seconds (the records are
/// written and read on their own thread).
fn update_until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let start = std::time::Instant::now();
    while !done(app) {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
        app.update();
    }
}

/// A hire on the roster picks themselves on the menu, sees their
/// assignment, plays, and every turn reaches the records on the writer
/// thread, with the attempt's end; the menu's training then counts it.
#[test]
fn a_person_on_the_roster_plays_and_every_turn_reaches_the_records() {
    use courtesy::app::records::{RecordsPlugin, Training};
    use courtesy_core::curriculum::{AssignmentStatus, ModuleState};
    use courtesy_records::{Assignment, Person, RecordStore, SqliteStore, new_id};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("records.sqlite");
    let person = Person {
        id: new_id(),
        employee_no: "E001".into(),
        name: "王芳".into(),
        site: None,
        role: courtesy_core::curriculum::JobRole::CallCentre,
        hired_on: None,
    };
    {
        let mut store = SqliteStore::open(&db).unwrap();
        store.add_person(&person).unwrap();
        store
            .assign(&Assignment {
                id: new_id(),
                person: person.id.clone(),
                curriculum: "call-centre-onboarding".into(),
                assigned_by: "培训主管".into(),
                assigned_at: 1_700_000_000,
                due_at: None,
            })
            .unwrap();
    }
    let mut app = app_saving_to(None);
    app.add_plugins(RecordsPlugin { db: Some(db.clone()), person: None });
    update_until(&mut app, "the roster", |app| app.world().resource::<Training>().roster_loaded);
    assert_eq!(app.world().resource::<Training>().roster, std::slice::from_ref(&person));

    send(&mut app, GameCommand::ChoosePerson(Some(person.id.clone())));
    assert_eq!(app.world().resource::<Preferences>().trainee, "王芳");
    update_until(&mut app, "the assignment", |app| {
        !app.world().resource::<Training>().assignments.is_empty()
    });
    {
        let training = app.world().resource::<Training>();
        let views = training.assignments_now();
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].status, AssignmentStatus::Assigned);
        assert_eq!(views[0].progress.modules[0].state, ModuleState::Open);
        assert_eq!(views[0].progress.modules[1].state, ModuleState::Locked);
    }

    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    send(&mut app, GameCommand::Begin);
    // The first turn's verdict is contested (F2 on the feedback), once.
    send(&mut app, GameCommand::Answer(Input::Pick(0)));
    send(&mut app, GameCommand::Contest);
    send(&mut app, GameCommand::Contest);
    send(&mut app, GameCommand::Continue);
    for input in [
        Input::Text("您好，丽江花园物业管理处，请问有什么可以帮您？".into()),
        Input::Text("好的，请稍等，我帮您查一下。".into()),
        Input::Text("不客气，谢谢您的来电，再见！".into()),
        Input::Pick(0),
    ] {
        send(&mut app, GameCommand::Answer(input));
        send(&mut app, GameCommand::Continue);
    }
    assert!(play(&app).result.is_some(), "the scenario ended");

    let read = SqliteStore::open(&db).unwrap();
    let mut history = Vec::new();
    update_until(&mut app, "the attempt in the records", |_| {
        history = read.history(&person.id).unwrap();
        history.first().is_some_and(|a| a.end.is_some())
    });
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].turns, 5, "every turn was written");
    assert_eq!(history[0].start.scenario, "phone-three-rings");
    let turns = read.turns(&history[0].start.id).unwrap();
    assert_eq!(turns[2].reply, "好的，请稍等，我帮您查一下。");
    let contests = read.contests().unwrap();
    assert_eq!(contests.len(), 1, "contested once, though F2 was pressed twice");
    assert_eq!((contests[0].attempt.as_str(), contests[0].turn), (history[0].start.id.as_str(), 1));
    // The menu's training is read again after the attempt: it counts.
    update_until(&mut app, "the training to count the attempt", |app| {
        app.world().resource::<Training>().history.len() == 1
    });
    let training = app.world().resource::<Training>();
    let counted = &training.assignments_now()[0].progress.modules[0].scenarios;
    assert!(counted.iter().any(|(id, n, _)| id == "phone-three-rings" && *n == 1), "{counted:?}");
}

/// A mystery-shopper finding flags a trainee: the drill appears on their
/// training in the game with what the shopper saw, its scenarios are the
/// ones to play, and an exam passed in the game counts a day towards it.
#[test]
fn a_drill_from_a_finding_shows_on_my_training_and_an_exam_counts() {
    use courtesy::app::records::{RecordsPlugin, Training};
    use courtesy_core::drill::DrillState;
    use courtesy_records::findings::{Findings, plan};
    use courtesy_records::{Person, RecordStore, Site, SiteKind, SqliteStore, new_id};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("records.sqlite");
    let person = Person {
        id: new_id(),
        employee_no: "E001".into(),
        name: "王芳".into(),
        site: Some("sun".into()),
        role: courtesy_core::curriculum::JobRole::CallCentre,
        hired_on: None,
    };
    {
        let mut store = SqliteStore::open(&db).unwrap();
        let site = Site {
            id: "sun".into(),
            parent: None,
            kind: SiteKind::Centre,
            name: "阳光花园".into(),
        };
        store.add_site(&site).unwrap();
        store.add_person(&person).unwrap();
        let file = courtesy_core::diagnostic::read_source(std::path::Path::new(
            "curricula/shoppers/xinghe.ron",
        ))
        .unwrap();
        let firm = courtesy_core::shopper::parse(&file).unwrap();
        let sheet = "访问编号,日期,时间,网点,渠道,被访人员,班次,总分,检查类别,关键项,结果,情况描述\n\
                     XH-1,2026-11-04,23:40,阳光花园,电话,E001,,80,电话礼仪,,不合格,响铃六声才接\n";
        let table = courtesy_records::sheet::read_csv(sheet.as_bytes(), b',').unwrap().table;
        let reading = courtesy_core::shopper::read(&table, &firm);
        let now = courtesy_records::model::now();
        let plan = plan(
            &reading,
            &firm,
            &[site],
            std::slice::from_ref(&person),
            &[],
            "test.csv",
            now - 60,
        )
        .unwrap();
        store.import_findings(&plan).unwrap();
    }
    let mut app = app_saving_to(None);
    app.add_plugins(RecordsPlugin { db: Some(db.clone()), person: Some("E001".into()) });
    update_until(&mut app, "the drill with its scenarios", |app| {
        let training = app.world().resource::<Training>();
        training.drills.first().is_some_and(|d| !d.scenarios.is_empty())
    });
    {
        let training = app.world().resource::<Training>();
        let drill = &training.drills[0];
        assert_eq!(drill.record.drill.category, "电话礼仪");
        assert_eq!(drill.progress.state, DrillState::Due);
        assert_eq!(drill.seen(), "响铃六声才接");
        assert!(drill.scenarios.iter().any(|s| s == "phone-three-rings"), "{:?}", drill.scenarios);
    }
    // An exam of one of its scenarios, played in the game.
    send(&mut app, GameCommand::SetMode(courtesy_core::Mode::Exam));
    send(&mut app, GameCommand::Open { scenario: "phone-three-rings".into() });
    send(&mut app, GameCommand::Begin);
    for input in [
        Input::Pick(0),
        Input::Text("您好，丽江花园物业管理处，请问有什么可以帮您？".into()),
        Input::Text("好的，请稍等，我帮您查一下。".into()),
        Input::Text("不客气，谢谢您的来电，再见！".into()),
        Input::Pick(0),
    ] {
        send(&mut app, GameCommand::Answer(input));
        send(&mut app, GameCommand::Continue);
    }
    assert!(
        play(&app).result.as_ref().is_some_and(|r| r.verdict == courtesy_core::Verdict::Pass),
        "the exam was passed"
    );
    update_until(&mut app, "the drill to count the exam", |app| {
        let training = app.world().resource::<Training>();
        training.drills.first().is_some_and(|d| d.progress.passed_days == 1)
    });
    let training = app.world().resource::<Training>();
    assert_eq!(training.drills[0].progress.state, DrillState::Resting);
}

/// The trainer's screen: the month's report arrives from the records
/// thread, is laid out within the window at every size, and is exported
/// to an Excel workbook and a printable page beside the records.
#[test]
fn the_trainer_screen_shows_the_month_and_exports_it() {
    use courtesy::app::records::{RecordsPlugin, Training};
    use courtesy_records::{AttemptEnd, AttemptStart, Person, RecordStore, SqliteStore, new_id};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("records.sqlite");
    {
        let mut store = SqliteStore::open(&db).unwrap();
        let person = Person {
            id: new_id(),
            employee_no: "E001".into(),
            name: "王芳".into(),
            site: None,
            role: courtesy_core::curriculum::JobRole::CallCentre,
            hired_on: None,
        };
        store.add_person(&person).unwrap();
        let id = new_id();
        let at = courtesy_records::model::now();
        store
            .begin_attempt(&AttemptStart {
                id: id.clone(),
                person: Some(person.id.clone()),
                trainee_name: None,
                scenario: "phone-three-rings".into(),
                scenario_hash: String::new(),
                mode: courtesy_core::Mode::Exam,
                assignment: None,
                seed: 1,
                session: new_id(),
                started_at: at,
            })
            .unwrap();
        store
            .finish_attempt(&AttemptEnd {
                attempt: id,
                finished_at: at,
                score: 90,
                verdict: courtesy_core::Verdict::Pass,
                critical_miss: false,
                ending: None,
            })
            .unwrap();
    }
    let mut app = app_saving_to(None);
    app.add_plugins(RecordsPlugin { db: Some(db.clone()), person: None });
    update_until(&mut app, "the roster", |app| app.world().resource::<Training>().roster_loaded);
    send(&mut app, GameCommand::OpenTrainer);
    assert_eq!(*app.world().resource::<State<AppState>>().get(), AppState::Trainer);
    update_until(&mut app, "the report", |app| {
        app.world().resource::<Training>().report.as_ref().is_some_and(|r| r.is_ok())
    });
    {
        let training = app.world().resource::<Training>();
        let Some(Ok(report)) = &training.report else { unreachable!() };
        assert_eq!(report.people, 1);
        assert_eq!(report.scenarios[0].scenario, "phone-three-rings");
        assert_eq!((report.scenarios[0].attempts, report.scenarios[0].passed), (1, 1));
        for locale in [Locale::ZhCn, Locale::EnUs] {
            let m = courtesy_core::Messages::new(locale);
            for (w, h) in [(800.0, 600.0), (1366.0, 768.0)] {
                let extent = extent_of(w, h, |ui| {
                    let _ = courtesy::app::ui::trainer::trainer(ui, &m, training);
                });
                assert!(extent.max.x <= w + 0.5, "{locale:?} {w}x{h}: reaches x={}", extent.max.x);
            }
        }
    }
    send(&mut app, GameCommand::ExportReport);
    update_until(&mut app, "the export", |app| {
        app.world().resource::<Training>().exported.is_some()
    });
    let training = app.world().resource::<Training>();
    let Some(Ok(files)) = &training.exported else { panic!("{:?}", training.exported) };
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| f.starts_with(dir.path().join("reports")) && f.exists()));
    // One person's history of the month, first.
    let month = app.world().resource::<Training>().report_month.clone();
    send(&mut app, GameCommand::ShowReport { month, site: None, person: Some("E001".into()) });
    update_until(&mut app, "the person's history", |app| {
        let training = app.world().resource::<Training>();
        matches!(&training.report, Some(Ok(r)) if r.history.is_some())
    });
    {
        let training = app.world().resource::<Training>();
        let Some(Ok(report)) = &training.report else { unreachable!() };
        let (who, rows) = report.history.as_ref().unwrap();
        assert_eq!((who.name.as_str(), rows.len()), ("王芳", 1));
    }
    send(&mut app, GameCommand::ToMenu);
    assert_eq!(*app.world().resource::<State<AppState>>().get(), AppState::Menu);
}

/// A finding entered by hand on the trainer's screen is checked as a row
/// of the firm's sheet: a bad date is refused in words and stores nothing,
/// a good entry is stored and assigns the drill.
#[test]
fn a_finding_entered_on_the_trainer_screen_is_checked_and_stored() {
    use courtesy::app::records::{RecordsPlugin, Training};
    use courtesy_core::shopper::Field;
    use courtesy_records::findings::Findings;
    use courtesy_records::{Person, RecordStore, Site, SiteKind, SqliteStore, new_id};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("records.sqlite");
    {
        let mut store = SqliteStore::open(&db).unwrap();
        let site = Site {
            id: "sun".into(),
            parent: None,
            kind: SiteKind::Centre,
            name: "阳光花园".into(),
        };
        store.add_site(&site).unwrap();
        store
            .add_person(&Person {
                id: new_id(),
                employee_no: "E001".into(),
                name: "王芳".into(),
                site: Some("sun".into()),
                role: courtesy_core::curriculum::JobRole::CallCentre,
                hired_on: None,
            })
            .unwrap();
    }
    let mut app = app_saving_to(None);
    app.add_plugins(RecordsPlugin { db: Some(db.clone()), person: None });
    update_until(&mut app, "the library", |app| {
        app.world().resource::<LiveLibrary>().generation > 0
    });
    update_until(&mut app, "the roster", |app| app.world().resource::<Training>().roster_loaded);
    send(&mut app, GameCommand::OpenTrainer);
    update_until(&mut app, "the firms and sites", |app| {
        let t = app.world().resource::<Training>();
        !t.firms.is_empty() && !t.sites.is_empty()
    });
    let entry = |date: &str| GameCommand::AddFinding {
        firm: "xinghe".into(),
        values: vec![
            (Field::Date, date.into()),
            (Field::Time, "09:30".into()),
            (Field::Site, "阳光花园".into()),
            (Field::Channel, "电话".into()),
            (Field::Person, "E001".into()),
            (Field::Category, "电话礼仪".into()),
            (Field::Result, "不合格".into()),
            (Field::Comment, "响铃六声才接".into()),
        ],
    };
    send(&mut app, entry("2026-13-01"));
    update_until(&mut app, "the refusal", |app| {
        app.world().resource::<Training>().entered.is_some()
    });
    {
        let training = app.world().resource::<Training>();
        let Some(Err(problems)) = &training.entered else { panic!("{:?}", training.entered) };
        assert!(
            problems.iter().any(|p| p.contains("日期") && p.contains("2026-13-01")),
            "{problems:?}"
        );
    }
    send(&mut app, entry("2026-11-05"));
    update_until(&mut app, "the entry", |app| {
        matches!(app.world().resource::<Training>().entered, Some(Ok(_)))
    });
    assert_eq!(app.world().resource::<Training>().entered, Some(Ok(1)), "one drill assigned");
    let store = SqliteStore::open(&db).unwrap();
    let findings = store.findings().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].items[0].comment, "响铃六声才接");
    assert_eq!(store.drills(None).unwrap().len(), 1);
}

/// The review queue on the trainer's screen: a contested verdict is
/// listed, overturned with a button, and its reply proposed as an example
/// beside the scenario's file (here a copy of the library).
#[test]
fn a_contested_verdict_is_overturned_on_the_trainer_screen() {
    use courtesy::app::records::{RecordsPlugin, Training};
    use courtesy_records::findings::Findings;
    use courtesy_records::{
        AttemptStart, Contest, Person, RecordStore, SqliteStore, TurnRow, new_id,
    };
    let library = tempfile::tempdir().unwrap();
    for sub in ["", "phrases"] {
        std::fs::create_dir_all(library.path().join(sub)).unwrap();
        for e in std::fs::read_dir(scenarios_dir().join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "ron") {
                std::fs::copy(&p, library.path().join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    let mut sources: Vec<_> = ["", "phrases"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(library.path().join(sub)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    sources.sort();
    let mut live = LiveLibrary::default();
    live.rebuild(sources.iter().map(|p| read_source(p).unwrap()).collect(), Vec::new());

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("records.sqlite");
    {
        let mut store = SqliteStore::open(&db).unwrap();
        let person = Person {
            id: new_id(),
            employee_no: "E001".into(),
            name: "王芳".into(),
            site: None,
            role: courtesy_core::curriculum::JobRole::CallCentre,
            hired_on: None,
        };
        store.add_person(&person).unwrap();
        let attempt = new_id();
        let at = courtesy_records::model::now();
        store
            .begin_attempt(&AttemptStart {
                id: attempt.clone(),
                person: Some(person.id),
                trainee_name: None,
                scenario: "phone-three-rings".into(),
                scenario_hash: String::new(),
                mode: courtesy_core::Mode::Practice,
                assignment: None,
                seed: 1,
                session: new_id(),
                started_at: at,
            })
            .unwrap();
        store
            .record_turn(&TurnRow {
                id: new_id(),
                attempt: attempt.clone(),
                number: 2,
                node: Some("greet".into()),
                reply: "您好，物业，请讲。".into(),
                verdict: courtesy_core::Verdict::Fail,
                score: 40,
                met: vec![],
                missed: vec!["introduce".into()],
                hits: vec![],
                at,
            })
            .unwrap();
        store
            .contest(&Contest {
                id: new_id(),
                attempt,
                turn: 2,
                comment: "我说了是物业".into(),
                at,
            })
            .unwrap();
    }
    let mut app = app_saving_to(None);
    app.insert_resource(live);
    app.add_plugins(RecordsPlugin { db: Some(db.clone()), person: None });
    update_until(&mut app, "the roster", |app| app.world().resource::<Training>().roster_loaded);
    send(&mut app, GameCommand::OpenTrainer);
    update_until(&mut app, "the contests", |app| {
        !app.world().resource::<Training>().contests.is_empty()
    });
    let id = app.world().resource::<Training>().contests[0].contest.id.clone();
    send(&mut app, GameCommand::Review { contest: id, overturn: true });
    update_until(&mut app, "the review", |app| {
        let t = app.world().resource::<Training>();
        t.reviewed.is_some() && t.contests.iter().all(|v| !v.is_open())
    });
    let training = app.world().resource::<Training>();
    let Some(Ok(Some(file))) = &training.reviewed else { panic!("{:?}", training.reviewed) };
    assert_eq!(file, &library.path().join("proposed/phone-three-rings.ron"));
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("reply: \"您好，物业，请讲。\", expect: Pass"), "{text}");
    let reviews = SqliteStore::open(&db).unwrap().reviews().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].decision, courtesy_records::findings::Decision::Overturn);
}
