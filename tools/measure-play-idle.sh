#!/usr/bin/env bash
# Idle CPU while a trainee is in a scenario with the reply box focused (the
# case where a blinking cursor or a stuck repaint would keep redrawing), and
# a check that the window still answers keys: Enter starts the briefing's
# scenario, 1 picks the first action, Enter continues, then text is typed.
# Needs a release build, xvfb-run and xdotool; run it as
#   xvfb-run -a -s "-screen 0 1280x800x24" tools/measure-play-idle.sh [seconds]
set -euo pipefail
idle="${1:-20}"
bin="${CARGO_TARGET_DIR:-$HOME/.cache/courtesy-target}/release/courtesy"
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
"$bin" play --scenario unknown-question 2>/dev/null &
sleep 4
pid=$(pgrep -n -x courtesy)
w=$(xdotool search --sync --name courtesy | head -1)
xdotool windowfocus --sync "$w"
xdotool key Return; sleep 1.5   # the briefing asks who is playing
xdotool type "Tester"; xdotool key Return; sleep 1.5
xdotool key 1; sleep 1.5
xdotool key Return; sleep 1
xdotool type "duibuqi"; sleep 5
hz=$(getconf CLK_TCK)
t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep "$idle"
t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$idle" \
  'BEGIN { printf "idle CPU in play, reply box focused, over %d s: %.2f%% of one core\n", s, 100 * (b - a) / hz / s }'
grep VmRSS "/proc/$pid/status"
# The keys reached the game: a session was saved with the typed reply box.
ls "${XDG_STATE_HOME:-$HOME/.local/state}"/courtesy/sessions/ >/dev/null 2>&1 \
  || echo "warning: no saved session: did the keys reach the game?" >&2
kill "$pid"
