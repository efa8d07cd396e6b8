//! The window's first size. It opens at most 1280×800, and smaller where the
//! monitor it starts on is smaller: a 1366×768 laptop, the commonest screen
//! at a service desk, keeps the briefing's start button and the reply box
//! above its taskbar.

use bevy::prelude::*;
use bevy::window::{Monitor, MonitorSelection, OnMonitor, PrimaryMonitor, PrimaryWindow};

/// The size the window asks for when the monitor has room.
pub const PREFERRED: Vec2 = Vec2::new(1280.0, 800.0);
/// Room left on the monitor for the window's title bar, a taskbar and a
/// margin, in logical pixels (width, height).
pub const MONITOR_MARGIN: Vec2 = Vec2::new(40.0, 110.0);
/// The smallest size the screens are laid out for.
pub const SMALLEST: Vec2 = Vec2::new(800.0, 600.0);

/// Sizes the window once to fit the monitor it starts on.
pub struct WindowFitPlugin;

impl Plugin for WindowFitPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, fit_the_window);
    }
}

/// The window's logical size on a monitor of `monitor` logical pixels: the
/// preferred size, shrunk to leave the margin, but never below the
/// smallest size the screens support (unless the monitor itself is smaller).
pub fn fitted_size(monitor: Vec2) -> Vec2 {
    let room = (monitor - MONITOR_MARGIN).max(SMALLEST.min(monitor));
    PREFERRED.min(room)
}

fn fit_the_window(
    mut windows: Query<(&mut Window, Option<&OnMonitor>), With<PrimaryWindow>>,
    monitors: Query<(Entity, &Monitor, Has<PrimaryMonitor>)>,
    mut done: Local<bool>,
) {
    if *done {
        return;
    }
    let Ok((mut window, on)) = windows.single_mut() else { return };
    // The monitor the window is on, else the primary one, once winit knows.
    let monitor = on
        .and_then(|on| monitors.get(on.0).ok())
        .or_else(|| monitors.iter().find(|(_, _, primary)| *primary))
        .or_else(|| monitors.iter().next());
    let Some((entity, monitor, _)) = monitor else { return };
    *done = true;
    let scale = monitor.scale_factor.max(0.5) as f32;
    let logical = Vec2::new(monitor.physical_width as f32, monitor.physical_height as f32) / scale;
    let size = fitted_size(logical);
    if (window.resolution.width() - size.x).abs() >= 1.0
        || (window.resolution.height() - size.y).abs() >= 1.0
    {
        window.resolution.set(size.x, size.y);
        window.position = WindowPosition::Centered(MonitorSelection::Entity(entity));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_fits_a_laptop_and_keeps_its_size_on_big_screens() {
        // 1366×768: the whole window, title bar and taskbar fit.
        let laptop = fitted_size(Vec2::new(1366.0, 768.0));
        assert!(laptop.y + MONITOR_MARGIN.y <= 768.0 && laptop.x <= 1366.0, "{laptop}");
        assert_eq!(laptop, Vec2::new(1280.0, 658.0));
        // 1280×800 is cut by the title bar at 1280×800: it shrinks too.
        assert!(fitted_size(Vec2::new(1280.0, 800.0)).y < 800.0);
        // 1920×1080 and a 4K screen at 200 %: the preferred size.
        assert_eq!(fitted_size(Vec2::new(1920.0, 1080.0)), PREFERRED);
        assert_eq!(fitted_size(Vec2::new(3840.0, 2160.0) / 2.0), PREFERRED);
        // Never below 800×600 on a monitor that has it.
        assert_eq!(fitted_size(Vec2::new(820.0, 640.0)), SMALLEST);
        // A monitor smaller still: the whole monitor.
        assert_eq!(fitted_size(Vec2::new(640.0, 480.0)), Vec2::new(640.0, 480.0));
    }
}
