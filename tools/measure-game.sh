#!/usr/bin/env bash
# Measures the game for docs/performance.md: release binary size, time from
# start to the first interactive frame (menu drawn with the scenarios loaded),
# CPU use while the menu waits for input, and resident memory.
# Needs a release build and xvfb-run (Debian's xvfb + mesa-vulkan-drivers).
# Usage: tools/measure-game.sh [seconds-idle]   (run from the repository root)
set -euo pipefail
idle="${1:-30}"
bin="${CARGO_TARGET_DIR:-$HOME/.cache/courtesy-target}/release/courtesy"
[ -x "$bin" ] || { echo "no release build at $bin: run cargo build --release" >&2; exit 1; }
echo "binary: $(stat -c %s "$bin") bytes ($(( $(stat -c %s "$bin") / 1024 / 1024 )) MiB)"

log=$(mktemp)
state=$(mktemp -d)
XDG_STATE_HOME="$state" COURTESY_TIMING=1 xvfb-run -a -s "-screen 0 1280x800x24" "$bin" 2>"$log" &
runner=$!
pid=""
for _ in $(seq 1 600); do
  pid=$(pgrep -n -x courtesy || true)
  grep -q "first interactive frame" "$log" && break
  sleep 0.1
done
grep "first interactive frame" "$log" || { echo "the game did not reach the menu" >&2; cat "$log" >&2; kill $runner; exit 1; }
sleep 3 # let start-up work settle
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t0=$(ticks); s0=$(date +%s.%N)
sleep "$idle"
t1=$(ticks); s1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s0="$s0" -v s1="$s1" \
  'BEGIN { printf "idle CPU over %.0f s: %.2f%% of one core\n", s1 - s0, 100 * (b - a) / hz / (s1 - s0) }'
grep -E "VmRSS|VmHWM" "/proc/$pid/status"
kill "$pid" 2>/dev/null || true
wait $runner 2>/dev/null || true
rm -rf "$log" "$state"
