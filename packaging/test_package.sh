#!/usr/bin/env bash
# `make test-package`: build the bundle and use it as a user would, with real parts only:
# the frozen executable, a real X server (Xvfb), real espeak-ng, a real PulseAudio daemon.
# Every check prints one line; the first failure stops the run with "test-package: FAIL: ...".
#
#   packaging/test_package.sh            build, then check
#   packaging/test_package.sh --no-build check the bundle already in dist/hamtimer
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv_python="$root/.venv/bin/python"
bundle="$root/dist/hamtimer"
exe="$bundle/hamtimer"
started=$SECONDS

passed=0
fail() {
    echo "test-package: FAIL: $*" >&2
    echo "test-package: $passed passed, 1 failed"
    exit 1
}
ok() { echo "test-package: ok: $*"; passed=$((passed + 1)); }

if [[ "${1:-}" != "--no-build" ]]; then
    bash packaging/build_bundle.sh
    ok "built in $((SECONDS - started)) s"
fi
[[ -x "$exe" ]] || fail "no bundle at $exe (run make package)"

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do timeout 5 tail --pid="$pid" -f /dev/null 2>/dev/null || true; done
    rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }
}
trap cleanup EXIT

# A private home: the bundle must not read or write the user's settings, history or cache.
export HOME="$work/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_STATE_HOME="$HOME/.local/state" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# No audio device unless a test starts one: no PulseAudio server, no autospawn.
export PULSE_SERVER="unix:$work/no-pulse-here"
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
log_file="$XDG_STATE_HOME/hamtimer/log/hamtimer.log"

# --- the command line -----------------------------------------------------------------------
version="$("$venv_python" -c 'import hamtimer; print(hamtimer.__version__)')"
[[ "$("$exe" --version)" == "hamtimer $version" ]] || fail "--version does not say hamtimer $version"
ok "--version: hamtimer $version"

"$exe" templates >"$work/templates.txt" 2>"$work/templates.err" || fail "templates exited non-zero: $(head -1 "$work/templates.err")"
"$root/.venv/bin/hamtimer" templates >"$work/templates.source.txt"
diff -q "$work/templates.source.txt" "$work/templates.txt" >/dev/null \
    || fail "templates from the bundle differ from the source app's"
builtins=$(find hamtimer/data/templates -name '*.json' | wc -l)
listed=$(($(wc -l <"$work/templates.txt") - 1))
[[ "$listed" -eq "$builtins" ]] || fail "templates lists $listed, the package has $builtins"
ok "templates: the $builtins built-ins, as the source app lists them"

"$exe" show isometric-bridge-hold >"$work/show.txt" || fail "show isometric-bridge-hold exited non-zero"
grep -q "^Single-leg hamstring bridge hold" "$work/show.txt" || fail "show printed no template"
ok "show isometric-bridge-hold: $(wc -l <"$work/show.txt") lines"

echo '{"schema_version": 1, "id": "x", "mode": 1}' >"$work/bad.json"
status=0; "$exe" validate "$work/bad.json" >"$work/validate.txt" || status=$?
[[ $status -eq 1 ]] && grep -q '\$.name: required field is missing' "$work/validate.txt" \
    || fail "validate of a bad file: exit $status, $(head -1 "$work/validate.txt")"
ok "validate: a bad file is refused naming the field (exit 1)"

for sound in assets/sounds/*.wav; do
    cmp -s "$sound" "$bundle/_internal/$sound" || fail "the bundle lacks $sound"
done
ok "sounds: $(find assets/sounds -name '*.wav' | wc -l) files inside the bundle"

# --- failures it must handle itself ---------------------------------------------------------
status=0; "$exe" >"$work/nodisplay.out" 2>"$work/nodisplay.err" || status=$?
[[ $status -eq 2 ]] || fail "with no display: exit $status, expected 2"
[[ $(wc -l <"$work/nodisplay.err") -eq 1 ]] && grep -q '^hamtimer: no display found' "$work/nodisplay.err" \
    || fail "with no display: expected one line, got: $(tr '\n' '|' <"$work/nodisplay.err")"
ok "no display: one line, exit 2"

espeak_present=0
ldconfig -p | grep -q 'libespeak-ng\.so\.1 ' && espeak_present=1
status=0; "$exe" doctor >"$work/doctor.txt" 2>"$work/doctor.err" || status=$?
if [[ $espeak_present -eq 1 ]]; then
    grep -q '^speech engine: espeak (' "$work/doctor.txt" && [[ $status -eq 0 ]] \
        || fail "doctor: the frozen speech process did not start: $(grep '^speech' "$work/doctor.txt")"
    ok "doctor: $(grep '^speech engine' "$work/doctor.txt") (the frozen speech child works)"
else
    grep -q '^speech engine: none' "$work/doctor.txt" && [[ $status -eq 2 ]] \
        || fail "doctor without espeak-ng: $(grep '^speech' "$work/doctor.txt"), exit $status"
    ok "doctor: no espeak-ng here, and it says so (exit 2)"
fi
grep -q '^audio output (window):.*no audio output device' "$work/doctor.txt" \
    || fail "doctor with no audio server: $(grep '^audio output (window)' "$work/doctor.txt")"
ok "doctor: no audio device is reported as such"

# --- a real audio device: a private PulseAudio with a null sink ---------------------------------
start_pulse() {
    unset PULSE_SERVER
    pulseaudio -D --exit-idle-time=-1 -n --load="module-null-sink sink_name=hamsink" \
        --load=module-native-protocol-unix --log-target="file:$work/pulse.log" \
        || fail "PulseAudio did not start (see $work/pulse.log)"
    pids+=("$(cat "$XDG_RUNTIME_DIR/pulse/pid")")
}

cat >"$work/short.json" <<'JSON'
{"schema_version": 1, "id": "package-check", "name": "Package check",
 "source": {"title": "hamtimer package test"}, "countdown_s": 3,
 "exercises": [{"id": "hold", "name": "Bridge hold", "mode": "hold", "sides": "both",
   "sets": {"target": 1}, "hold_s": {"target": 4}, "prepare_s": 3}]}
JSON

# --- the window, under a private X server -------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
[[ -s "$work/display" ]] || fail "Xvfb did not start (is the xvfb package installed?)"
export DISPLAY=":$(cat "$work/display")"

# The main window: a top-level window whose title starts with hamtimer and whose WM_CLASS is
# ("hamtimer" "hamtimer"): Qt's helper windows have no WM_CLASS, other programs another one.
window_count() { xwininfo -root -tree 2>/dev/null | grep -cE '"hamtimer[^"]*": \("hamtimer" "hamtimer"\)' || true; }

# A process that still runs (a zombie waiting for a parent to reap it does not).
running() { [[ -r /proc/$1/stat ]] && [[ $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]; }

# Start the window, wait for it, let it settle for $2 s, stop it with SIGTERM.
window_run() {
    local name="$1" settle="$2" t0=$SECONDS pid status
    : >"$log_file"  # this run's lines only
    "$exe" >"$work/$name.out" 2>"$work/$name.err" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 200); do
        [[ $(window_count) -ge 1 ]] && break
        kill -0 "$pid" 2>/dev/null || fail "$name: the app exited before its window appeared: $(tail -1 "$work/$name.err")"
        sleep 0.1
    done
    [[ $(window_count) -ge 1 ]] || fail "$name: no hamtimer window within 20 s"
    local shown_after=$((SECONDS - t0))
    for _ in $(seq "$((settle * 10))"); do
        if [[ $name == with-audio ]] && grep -q 'speech renderer: ready' "$log_file" 2>/dev/null; then break; fi
        sleep 0.1
    done
    [[ $(window_count) -eq 1 ]] || fail "$name: $(window_count) hamtimer windows (a child re-ran the app?)"
    kill -0 "$pid" 2>/dev/null || fail "$name: the app died after showing its window: $(tail -1 "$work/$name.err")"
    local children=()
    mapfile -t children < <(pgrep -P "$pid" || true)
    kill -TERM "$pid"
    status=0
    timeout 10 tail --pid="$pid" -f /dev/null || fail "$name: still running 10 s after SIGTERM"
    wait "$pid" || status=$?
    [[ $status -eq 0 ]] || fail "$name: exit $status after SIGTERM (it should close like the window's Quit)"
    ! grep -q Traceback "$work/$name.err" || fail "$name: a traceback on stderr"
    # SIGTERM closes the voice, and an idle speech worker leaves within 2 s of its app anyway;
    # multiprocessing's resource tracker ends with the last of them.
    local left=()
    for _ in $(seq 50); do
        left=()
        for child in "${children[@]}"; do running "$child" && left+=("$child"); done
        [[ ${#left[@]} -eq 0 ]] && break
        sleep 0.1
    done
    if [[ ${#left[@]} -gt 0 ]]; then
        kill "${left[@]}" 2>/dev/null || true
        fail "$name: ${#left[@]} child processes outlived the app by 5 s"
    fi
    ok "$name: main window shown (within ${shown_after}s), one window, stopped by SIGTERM"
}

window_run no-audio 3

start_pulse
window_run with-audio 15
grep -q 'speech renderer: ready espeak' "$log_file" \
    || [[ $espeak_present -eq 0 ]] \
    || fail "with-audio: the window's speech child did not get ready: $(grep 'speech renderer' "$log_file" | tail -1)"
[[ $espeak_present -eq 0 ]] || ok "with-audio: the window's frozen speech child rendered with espeak"

# With a device, both frontends play through the in-process PortAudio stream (the bundle's
# cffi runtime and the system's libportaudio2), not their fallbacks.
"$exe" doctor >"$work/doctor-audio.txt" 2>/dev/null || true
for frontend in "window" "hamtimer run"; do
    grep -q "^audio output ($frontend): in-process stream" "$work/doctor-audio.txt" \
        || fail "doctor with a device: $(grep "^audio output ($frontend)" "$work/doctor-audio.txt")"
done
ok "doctor with a device: the window and hamtimer run play through the in-process stream"

# --- hamtimer run: speech rendered by the frozen child, sounds on the in-process stream ---------
unset DISPLAY
status=0
timeout 60 "$exe" run "$work/short.json" --no-keys --log-events "$work/events.jsonl" \
    >"$work/run.out" 2>"$work/run.err" || status=$?
[[ $status -eq 0 ]] || fail "run: exit $status: $(tail -1 "$work/run.err")"
grep -q '"event": *"session_finished"' "$work/events.jsonl" || fail "run: the session did not finish"
ok "run: a 10 s session ran to the end ($(head -1 "$work/run.out"))"

# --- no speech engine: libespeak-ng hidden in a private mount namespace (root only) -------------
espeak_lib="$(ldconfig -p | awk '/libespeak-ng\.so\.1 /{print $NF; exit}')"
if [[ -n "$espeak_lib" ]] && unshare -m true 2>/dev/null; then
    without_espeak() {
        unshare -m bash -c 'mount --bind /dev/null "$1" && shift && exec "$@"' _ "$(readlink -f "$espeak_lib")" "$@"
    }
    status=0; without_espeak "$exe" doctor >"$work/doctor-none.txt" 2>/dev/null || status=$?
    [[ $status -eq 2 ]] && grep -q '^speech engine: none (' "$work/doctor-none.txt" \
        || fail "no speech engine: doctor said $(grep '^speech' "$work/doctor-none.txt"), exit $status"
    ok "no speech engine: doctor says so in one line (exit 2)"
    status=0
    without_espeak timeout 60 "$exe" run "$work/short.json" --no-keys --log-events "$work/events-none.jsonl" \
        >"$work/run-none.out" 2>"$work/run-none.err" || status=$?
    [[ $status -eq 0 ]] && grep -q '"event": *"session_finished"' "$work/events-none.jsonl" \
        || fail "no speech engine: run exit $status: $(tail -1 "$work/run-none.err")"
    grep -q '^Voice off: ' "$work/run-none.out" \
        || fail "no speech engine: run's status line says $(head -1 "$work/run-none.out")"
    ok "no speech engine: the session still runs to the end ($(head -1 "$work/run-none.out"))"
else
    echo "test-package: note: no espeak-ng or no mount namespace here; the no-engine case was not run"
fi

# --- installed as a user would: launcher, metainfo, icons; the command through its symlink -----
prefix="$work/prefix"
bash packaging/install_linux.sh "$prefix" >/dev/null
desktop-file-validate "$prefix/share/applications/io.github.hamtimer.HamTimer.desktop" >/dev/null \
    || fail "the installed .desktop file does not validate"
[[ "$("$prefix/bin/hamtimer" --version)" == "hamtimer $version" ]] || fail "the installed hamtimer does not run"
[[ -f "$prefix/share/icons/hicolor/48x48/apps/io.github.hamtimer.HamTimer.png" ]] || fail "no installed icon"
bash packaging/install_linux.sh --uninstall "$prefix" >/dev/null
[[ ! -e "$prefix/bin/hamtimer" && ! -e "$prefix/lib/hamtimer" ]] || fail "uninstall left hamtimer behind"
ok "install_linux.sh: launcher validates, the symlinked command runs, uninstall removes it"

echo "test-package: all checks passed in $((SECONDS - started)) s"
echo "test-package: $passed passed, 0 failed"
