"""Phrase onsets for `make bench` (issue 18): every phrase and sound of a session, on time?

Sessions of a short template (announcements, a setup line, form cues, halfway, a carried end
cue, rest and switch, tempo words, countdowns, the closing line: 59 s) run in `hamtimer run`
and in the real window under Xvfb, with one core kept busy, into a private PulseAudio null sink
whose monitor is recorded. Every item the event log says was due is found in the recording by
cross-correlation with its own audio (tests/support/phrase_onsets.py). Reported per frontend,
pooled over RUNS sessions: onset error p50 / p95 / max after taking out the constant output
latency, items not heard, and spoken phrases that start before the one before them has ended.

`python -m tests.bench.phrase_onset_bench [--app DIR] [terminal|window|window-qt]...` runs
only those frontends (window-qt: the window playing through Qt Multimedia, its fallback);
`--app DIR` runs the sessions from another checkout (how "before" was measured on main);
`--busy N` (after --app) runs N busy processes instead of one: 2 and more overload this
two-core machine (the README's *loaded* runs).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from hamtimer.core.announcements import spoken_phrases
from hamtimer.core.plan import compile_plan, estimate_speech_s
from hamtimer.core.validation import parse_template
from hamtimer.services.speech.renderer import (
    cache_key_prefix,
    default_engine_key,
    phrase_cache_path,
)
from hamtimer.services.speech.wav import wav_length_s
from tests.bench.busy_core import one_core_busy
from tests.bench.speech_bench import prerender_once
from tests.support.audio_capture import pulse_sink, record_session
from tests.support.phrase_onsets import (
    RATE,
    Found,
    expected_items,
    find_items,
    overlapping,
    recorded,
)

RUNS = 3
P95_TARGET_MS = 20.0
MAX_TARGET_MS = 50.0
FRONTENDS = ("terminal", "window")
WINDOW_WITH_QT = "window-qt"
"""Not in `make bench`: the window played through Qt Multimedia, to compare players."""
SOUNDS_DIR = Path(__file__).resolve().parents[2] / "assets" / "sounds"

ONSET_TEMPLATE: dict[str, Any] = {
    "schema_version": 1,
    "id": "bench-onsets",
    "name": "Benchmark: phrase onsets",
    "source": {"title": "hamtimer benchmark"},
    "first_side": "left",
    "countdown_s": 3,
    "rest_between_exercises_s": 7,
    "exercises": [
        {
            "id": "bridge",
            "name": "Bridge hold",
            "mode": "hold",
            "sides": "each",
            "hold_s": {"target": 10},
            "prepare_s": 7,
            "rest_between_sides_s": 6,
            "setup": ["Heel on the bench."],
            "cues": [
                {"text": "Squeeze", "at": "after", "offset_s": 1},
                {"text": "Hips level", "at": "halfway"},
                {"text": "Lower slowly", "at": "end"},
            ],
        },
        {
            "id": "nordic",
            "name": "Nordic",
            "mode": "reps",
            "sides": "both",
            "reps": {"target": 2},
            "tempo": {"lower_s": 2, "pause_s": 0, "lift_s": 1},
            "prepare_s": 4,
        },
    ],
}


def warm_cache(speech_cache: Path) -> None:
    """Every phrase in the cache before the first recorded session, as after a first use (and
    then those of the plan compiled with their measured lengths, which may add some)."""
    template = parse_template(json.dumps(ONSET_TEMPLATE).encode())
    prefix = cache_key_prefix(default_engine_key(), None, None)

    def measured(text: str) -> float:
        path = phrase_cache_path(speech_cache, prefix, text)
        return wav_length_s(path) if path.exists() else estimate_speech_s(text)

    for _pass in range(2):
        phrases = spoken_phrases(compile_plan(template, measured))
        missing = [p for p in phrases if not phrase_cache_path(speech_cache, prefix, p).exists()]
        if missing:
            prerender_once(speech_cache, missing)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def _command(frontend: str, template: Path, events: Path) -> list[str]:
    if frontend.startswith("window"):
        return [sys.executable, "-m", "tests.support.gui_session", str(template), str(events)]
    run = [sys.executable, "-m", "hamtimer", "run", str(template), "--no-keys"]
    return [*run, "--log-events", str(events)]


def recorded_session(
    frontend: str,
    env: dict[str, str],
    workdir: Path,
    n: int,
    app: Path | None = None,
    busy_cores: int = 1,
) -> list[Found]:
    template = workdir / "onsets.json"
    template.write_text(json.dumps(ONSET_TEMPLATE))
    events = workdir / f"{frontend}-{n}.jsonl"
    with one_core_busy(busy_cores):
        command = _command(frontend, template, events)
        raw, _stderr = record_session(command, env, rate=RATE, cwd=app)
    finish_text = compile_plan(parse_template(template.read_bytes())).finish_text
    speech_cache = Path(env["XDG_CACHE_HOME"]) / "hamtimer" / "speech"
    items = expected_items(events, finish_text, speech_cache, SOUNDS_DIR)
    return find_items(recorded(raw), items)


def pooled(runs: list[list[Found]]) -> dict[str, Any]:
    every = [f for run in runs for f in run]
    errors = [abs(f.error_s) * 1000 for f in every if f.error_s is not None]
    worst = sorted((f for f in every if f.error_s is not None), key=lambda f: -abs(f.error_s or 0))[
        :5
    ]
    overlaps = [pair for run in runs for pair in overlapping(run)]
    by_kind: dict[str, list[float]] = {}
    for f in every:
        if f.error_s is not None:
            by_kind.setdefault(f.item.kind, []).append(abs(f.error_s) * 1000)
    return {
        "runs": len(runs),
        "items": len(every),
        "not_heard": [f.item.label for f in every if f.onset is None],
        "onset_p50_ms": statistics.median(errors) if errors else None,
        "onset_p95_ms": percentile(errors, 0.95) if errors else None,
        "onset_max_ms": max(errors) if errors else None,
        "overlapping": len(overlaps),
        "overlapping_pairs": [(a.item.label, b.item.label) for a, b in overlaps],
        "worst": [(f.item.label, round((f.error_s or 0) * 1000, 1)) for f in worst],
        "max_ms_by_kind": {kind: round(max(v), 1) for kind, v in sorted(by_kind.items())},
        "weakest_match": round(min((f.match for f in every if f.onset), default=0.0), 2),
    }


def measure(
    display: str | None,
    frontends: tuple[str, ...] = FRONTENDS,
    app: Path | None = None,
    busy_cores: int = 1,
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, pulse_sink(Path(tmp)) as base:
        workdir = Path(tmp)
        env = dict(
            base,
            XDG_CACHE_HOME=str(workdir / "cache"),
            XDG_CONFIG_HOME=str(workdir / "config"),
            XDG_STATE_HOME=str(workdir / "state"),
            XDG_DATA_HOME=str(workdir / "data"),
        )
        warm_cache(workdir / "cache" / "hamtimer" / "speech")
        for frontend in frontends:
            shown = dict(env, DISPLAY=display or "", QT_QPA_PLATFORM="xcb")
            if frontend == WINDOW_WITH_QT:
                shown["HAMTIMER_BENCH_WINDOW_PLAYER"] = "qt"
            chosen = shown if frontend.startswith("window") else env
            if app is not None:
                chosen = dict(chosen, PYTHONPATH=str(app))
            runs = [
                recorded_session(frontend, chosen, workdir, n, app, busy_cores) for n in range(RUNS)
            ]
            figures[frontend] = dict(
                pooled(runs), busy_cores=busy_cores, audio_log=_audio_log(workdir, frontend)
            )
    return figures


def _audio_log(workdir: Path, frontend: str) -> list[str]:
    """What the players logged (late starts, a device that ran dry), read from the app's log
    file and then cleared for the next frontend."""
    lines = []
    for log_file in sorted((workdir / "state").glob("**/*.log")):
        lines += [line[24:] for line in log_file.read_text().splitlines() if "audio:" in line]
        log_file.unlink()
    return lines


def report(figures: dict[str, Any]) -> bool:
    ok = True
    for frontend, f in figures.items():
        print(
            f"phrase onsets, {frontend}, {f['busy_cores']} core(s) busy: {f['runs']} sessions,"
            f" {f['items']} items"
            " (every phrase, countdown number and sound), found by cross-correlation"
        )
        if f["onset_p95_ms"] is None:
            print("  nothing was heard")
            ok = False
            continue
        print(
            f"  onset error p50 {f['onset_p50_ms']:.1f} ms, p95 {f['onset_p95_ms']:.1f} ms,"
            f" max {f['onset_max_ms']:.1f} ms  (target p95 <= {P95_TARGET_MS:.0f},"
            f" max <= {MAX_TARGET_MS:.0f})"
        )
        print(
            f"  not heard: {len(f['not_heard'])}; phrases overlapping the next:"
            f" {f['overlapping']}  (target 0 and 0)"
        )
        ok = ok and (
            f["onset_p95_ms"] <= P95_TARGET_MS
            and f["onset_max_ms"] <= MAX_TARGET_MS
            and not f["not_heard"]
            and f["overlapping"] == 0
        )
    return ok


def main(arguments: list[str]) -> int:
    from tests.support.xvfb import xvfb_display

    app = None
    if arguments[:1] == ["--app"]:
        app, arguments = Path(arguments[1]).resolve(), arguments[2:]
    busy_cores = 1
    if arguments[:1] == ["--busy"]:
        busy_cores, arguments = int(arguments[1]), arguments[2:]
    frontends = tuple(arguments) or FRONTENDS
    if any(frontend.startswith("window") for frontend in frontends):
        with xvfb_display() as display:
            figures = measure(display, frontends, app, busy_cores)
    else:
        figures = measure(None, frontends, app, busy_cores)
    print(json.dumps(figures, indent=2))
    return 0 if report(figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
