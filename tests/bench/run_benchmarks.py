"""`make bench`: every figure the README quotes, measured on this machine.

Sessions run in real time while another process keeps one core busy, and several runs are
pooled, because these machines are shared and noisy. From each `--log-events` log, whose
"actual" time is taken after every other listener of the session had the event (the voice
issued the sound, the view the caption, the recorder queued its journal write):
  boundary error  = actual - planned handling time of each step start (ms): p50, p99, max
  stall           = the longest actual - planned gap over every handled event (ms)
  end drift       = when the session really finished - when the plan says it should (ms)

1. Terminal runner (`hamtimer run`). Targets (issue 2): p99 <= 5 ms, max <= 20, drift <= 5.
2. GUI runner: the real window under a private Xvfb (`tests/support/gui_session.py`), playing
   to a private PulseAudio null sink, plus the CPU the process uses while a 30 s hold counts
   down with its figure still, and while ten slow reps move theirs. Targets (issues 3, 16):
   stall <= 16 ms, boundary p99 <= 5 ms, CPU <= 2% still and <= 5% moving, of one core.
3. Start-up against a bare PySide6 window in the same run (`tests/bench/startup.py`).
4. Speech (`tests/bench/speech_bench.py`): pre-render time, GUI stall while phrases render
   and play (target, issue 4: stall <= 16 ms).
4b. Phrase onsets (`tests/bench/phrase_onset_bench.py`): every phrase, countdown number and
   sound of recorded sessions, window and terminal, found by cross-correlation. Targets
   (issue 18): p95 <= 20 ms, max <= 50 ms, no phrase overlapping the next.
4c. Remote commands (`tests/bench/remote_bench.py`): an MPRIS PlayPause from a jeepney client
   on a private session bus to the session's reaction, in `hamtimer run` and the window, and a
   key press in the window (QTest) to the reaction. Target (issue 18): p95 <= 30 ms.
5. History store with 10,000 sessions (`tests/bench/history_bench.py`): load <= 200 ms,
   append one session <= 20 ms worst of 20, History screen <= 300 ms, index rebuilt from
   every file <= 3 s, 1,000 synced sessions merged <= 1 s (issues 5 and 14).
6. The frozen app (`tests/bench/frozen_start.py`; builds dist/hamtimer if missing): unpacked
   bundle size (target <= 250 MB) and start to the first frame, cold and warm page cache,
   against the source app in the same run.
7. Window sessions on an overloaded machine (`tests/bench/loaded_sessions.py`): 30 short
   spoken sessions, two at a time with both cores busy; every one must finish.
8. Voice commands (`tests/bench/voice_bench.py`): false triggers from the app's own phrases
   (target 0) and spoken command to the session acting, through a null sink (target <= 300 ms).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.bench import (
    frozen_start,
    history_bench,
    loaded_sessions,
    phrase_onset_bench,
    remote_bench,
    speech_bench,
    startup,
    voice_bench,
)
from tests.bench.busy_core import one_core_busy
from tests.bench.child_env import private_dirs
from tests.support.audio_capture import pulse_sink
from tests.support.xvfb import xvfb_display

RUNS = 3
RESULTS = Path(__file__).parent / "results"

BENCH_TEMPLATE: dict[str, Any] = {
    "schema_version": 1,
    "id": "bench-short",
    "name": "Benchmark: short session",
    "source": {"title": "hamtimer benchmark"},
    "countdown_s": 3,
    "rest_between_exercises_s": 4,
    "exercises": [
        {
            "id": "hold",
            "name": "Bridge hold",
            "mode": "hold",
            "sides": "each",
            "sets": {"target": 2},
            "hold_s": {"target": 6},
            "prepare_s": 3,
            "rest_between_sides_s": 5,
            "rest_between_sets_s": 4,
            "cues": [{"text": "Press", "at": "after", "offset_s": 2}],
        },
        {
            "id": "nordic",
            "name": "Nordic",
            "mode": "reps",
            "sides": "both",
            "reps": {"target": 2},
            "tempo": {"lower_s": 2, "pause_s": 0, "lift_s": 1},
            "prepare_s": 3,
        },
    ],
}

# The GUI session adds a long hold with several form cues and its figure standing still, and
# a long reps set whose figure moves at the rep rate: the CPU figures are taken over each.
GUI_BENCH_TEMPLATE: dict[str, Any] = {
    **BENCH_TEMPLATE,
    "id": "bench-gui",
    "exercises": [
        *BENCH_TEMPLATE["exercises"],
        {
            "id": "long-hold",
            "name": "Long bridge hold",
            "figure": "single-leg-bridge-hold",
            "mode": "hold",
            "sides": "both",
            "hold_s": {"target": 30},
            "prepare_s": 3,
            "cues": [
                {"text": "Heels down", "at": "after", "offset_s": 5},
                {"text": "Hips level", "at": "halfway"},
                {"text": "Keep breathing", "at": "before_end", "offset_s": 8},
            ],
        },
        {
            "id": "long-reps",
            "name": "Slow glute bridges",
            "figure": "glute-bridge",
            "mode": "reps",
            "sides": "both",
            "reps": {"target": 10},
            "tempo": {"lower_s": 2, "pause_s": 0, "lift_s": 1},
            "prepare_s": 3,
        },
    ],
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timing_from_log(log: Path) -> dict[str, Any]:
    records = [json.loads(line) for line in log.read_text().splitlines()]
    starts = [r for r in records if r["event"] == "step_started"]
    finished = next(r for r in records if r["event"] == "session_finished")
    planned_total = sum(r["duration"] or 0 for r in starts)
    return {
        "boundary_ms": [(r["actual"] - r["planned"]) * 1000 for r in starts],
        "all_events_ms": [(r["actual"] - r["planned"]) * 1000 for r in records],
        "end_drift_ms": (finished["actual"] - starts[0]["planned"] - planned_total) * 1000,
        "session_s": planned_total,
    }


def pooled(runs: list[dict[str, Any]]) -> dict[str, Any]:
    boundaries = [v for run in runs for v in run["boundary_ms"]]
    every = [v for run in runs for v in run["all_events_ms"]]
    return {
        "runs": len(runs),
        "session_s": runs[0]["session_s"],
        "step_boundaries": len(boundaries),
        "boundary_p50_ms": statistics.median(boundaries),
        "boundary_p99_ms": percentile(boundaries, 0.99),
        "boundary_max_ms": max(boundaries),
        "all_events": len(every),
        "all_events_p99_ms": percentile(every, 0.99),
        "stall_max_ms": max(every),
        "end_drift_max_ms": max((run["end_drift_ms"] for run in runs), key=abs),
    }


def terminal_run(workdir: Path, number: int) -> dict[str, Any]:
    template = workdir / "bench.json"
    template.write_text(json.dumps(BENCH_TEMPLATE))
    log = workdir / f"terminal-events-{number}.jsonl"
    command = [sys.executable, "-m", "hamtimer", "run", str(template), "--no-keys"]
    with one_core_busy():
        subprocess.run(
            [*command, "--log-events", str(log)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=private_dirs(workdir),
        )
    return timing_from_log(log)


def gui_run(workdir: Path, number: int, display: str) -> dict[str, Any]:
    template = workdir / "bench-gui.json"
    template.write_text(json.dumps(GUI_BENCH_TEMPLATE))
    log = workdir / f"gui-events-{number}.jsonl"
    # A sound device to play to, as users have: a private PulseAudio null sink (without one
    # the window had nothing to play through, and its player's cost went unmeasured).
    sound_dir = workdir / f"gui-sound-{number}"
    sound_dir.mkdir()
    with pulse_sink(sound_dir) as sound, one_core_busy():
        env = dict(
            private_dirs(workdir),
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            HOME=sound["HOME"],
            XDG_RUNTIME_DIR=sound["XDG_RUNTIME_DIR"],
        )
        done = subprocess.run(
            [sys.executable, "-m", "tests.support.gui_session", str(template), str(log)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
    hold = json.loads(done.stdout.strip().splitlines()[-1])
    return {**timing_from_log(log), **hold}


def report_terminal(figures: dict[str, Any]) -> bool:
    print(
        f"terminal runner, one core busy: {figures['runs']} runs of a"
        f" {figures['session_s']:.0f} s session"
    )
    print(f"  step boundaries: {figures['step_boundaries']}  (target p99 <= 5 ms, max <= 20 ms)")
    print(
        f"    p50 {figures['boundary_p50_ms']:.2f} ms   p99 {figures['boundary_p99_ms']:.2f} ms"
        f"   max {figures['boundary_max_ms']:.2f} ms"
    )
    print(
        f"  all scheduled events ({figures['all_events']}):"
        f" p99 {figures['all_events_p99_ms']:.2f} ms"
    )
    print(f"  end drift (worst run): {figures['end_drift_max_ms']:.2f} ms  (target <= 5 ms)")
    return (
        figures["boundary_p99_ms"] <= 5
        and figures["boundary_max_ms"] <= 20
        and abs(figures["end_drift_max_ms"]) <= 5
    )


def report_gui(figures: dict[str, Any]) -> bool:
    print(
        f"GUI runner under Xvfb, one core busy: {figures['runs']} runs of a"
        f" {figures['session_s']:.0f} s session"
    )
    print(
        f"  step boundaries: {figures['step_boundaries']}: p50 {figures['boundary_p50_ms']:.2f} ms"
        f"   p99 {figures['boundary_p99_ms']:.2f} ms (target <= 5)"
    )
    print(
        f"  event-loop stall over {figures['all_events']} handled events:"
        f" max {figures['stall_max_ms']:.2f} ms (target <= 16)"
    )
    print(f"  end drift (worst run): {figures['end_drift_max_ms']:.2f} ms")
    print(
        f"  CPU while a 30 s hold counts down, its figure still:"
        f" {figures['hold_cpu_percent']:.2f}% of one core (target <= 2%)"
    )
    print(
        f"  CPU while 10 slow reps run, their figure moving:"
        f" {figures['reps_cpu_percent']:.2f}% of one core (target <= 5%)"
    )
    return (
        figures["boundary_p99_ms"] <= 5
        and figures["stall_max_ms"] <= 16
        and figures["hold_cpu_percent"] <= 2
        and figures["reps_cpu_percent"] <= 5
    )


def save(name: str, figures: dict[str, Any]) -> None:
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2))


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        terminal = pooled([terminal_run(workdir, n) for n in range(RUNS)])
        save("terminal_timing", terminal)
        verdicts.append(report_terminal(terminal))
        with xvfb_display() as display:
            gui_runs = [gui_run(workdir, n, display) for n in range(RUNS)]
            gui = pooled(gui_runs)
            for step in ("hold", "reps"):  # the worst run of each
                gui[f"{step}_cpu_percent"] = 100 * max(
                    r[f"{step}_cpu_s"] / r[f"{step}_wall_s"] for r in gui_runs
                )
            save("gui_timing", gui)
            verdicts.append(report_gui(gui))
            start = startup.measure(display)
            save("startup", start)
            verdicts.append(startup.report(start))
            speech = speech_bench.measure(display)
            onsets = phrase_onset_bench.measure(display)
            remote = remote_bench.measure(display, remote_bench.FRONTENDS)
            frozen = frozen_start.measure(display)
        save("speech", speech)
        verdicts.append(speech_bench.report(speech))
        save("phrase_onsets", onsets)
        verdicts.append(phrase_onset_bench.report(onsets))
        save("remote_commands", remote)
        verdicts.append(remote_bench.report(remote))
    save("frozen_start", frozen)
    verdicts.append(frozen_start.report(frozen))
    history = history_bench.measure()
    save("history", history)
    verdicts.append(history_bench.report(history))
    overloaded = loaded_sessions.measure()
    save("loaded_sessions", overloaded)
    verdicts.append(loaded_sessions.report(overloaded))
    voice = voice_bench.measure()
    save("voice_commands", voice)
    verdicts.append(voice_bench.report(voice))
    ok = all(verdicts)
    print("all within targets" if ok else "SOME FIGURES OUTSIDE TARGETS (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
