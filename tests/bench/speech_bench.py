"""Speech figures for `make bench` (issue 4), with real espeak-ng and a real PulseAudio sink.

1. Pre-render: every phrase of the longest built-in template rendered from an empty cache,
   timed from the renderer's creation (worker start included). Median of RUNS.
2. GUI stall while phrases render and play: sessions in the real window (under Xvfb), with a
   warm speech cache, and started the moment the window shows with an empty one, so phrases
   render during the session; the longest gap between a scheduled and an actual handling.

Phrase onsets (every phrase and sound, window and terminal) are tests/bench/phrase_onset_bench.py.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from hamtimer.core.announcements import spoken_phrases
from hamtimer.core.plan import compile_plan
from hamtimer.services.speech.renderer import PhraseRenderer, RendererState, default_engine_key
from hamtimer.services.templates import builtin_templates
from tests.support.audio_capture import (
    pulse_sink,
    record_session,
)

RUNS = 3
STALL_TARGET_MS = 16

SPEECH_TEMPLATE: dict[str, Any] = {
    "schema_version": 1,
    "id": "bench-speech",
    "name": "Benchmark: spoken cues",
    "source": {"title": "hamtimer benchmark"},
    "countdown_s": 3,
    "exercises": [
        {
            "id": "bridge",
            "name": "Bridge hold",
            "mode": "hold",
            "sides": "each",
            "hold_s": {"target": 9},
            "prepare_s": 4,
            "rest_between_sides_s": 5,
            "cues": [
                {"text": "Heels down", "at": "after", "offset_s": 1},
                {"text": "Hips level", "at": "halfway"},
            ],
        }
    ],
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def prerender_once(cache: Path, phrases: list[str]) -> dict[str, float]:
    done = threading.Event()
    rendered: set[str] = set()
    ready_at: list[float] = []

    def on_rendered(phrase: Any) -> None:
        rendered.add(phrase.text)
        if rendered >= set(phrases):
            done.set()

    def on_status(status: Any) -> None:
        if status.state == RendererState.READY:
            ready_at.append(time.monotonic())
        elif status.state == RendererState.UNAVAILABLE:
            done.set()

    start = time.monotonic()
    renderer = PhraseRenderer(
        cache, engine_key=default_engine_key(), on_rendered=on_rendered, on_status=on_status
    )
    renderer.request(phrases)
    done.wait(120)
    end = time.monotonic()
    renderer.close()
    if rendered < set(phrases):
        raise RuntimeError(f"only {len(rendered)} of {len(phrases)} phrases rendered")
    return {"total_s": end - start, "worker_start_s": ready_at[0] - start}


def measure_prerender(workdir: Path) -> dict[str, Any]:
    library = [loaded.template for loaded in builtin_templates()]
    longest = max(library, key=lambda t: compile_plan(t).total_s)
    phrases = spoken_phrases(compile_plan(longest))
    runs = [prerender_once(workdir / f"prerender-{n}", phrases) for n in range(RUNS)]
    return {
        "template": longest.id,
        "phrases": len(phrases),
        "prerender_total_s": statistics.median(r["total_s"] for r in runs),
        "prerender_worker_start_s": statistics.median(r["worker_start_s"] for r in runs),
    }


def session_env(base: dict[str, str], workdir: Path, name: str) -> dict[str, str]:
    return dict(
        base,
        XDG_CACHE_HOME=str(workdir / f"cache-{name}"),
        XDG_CONFIG_HOME=str(workdir / "config"),
        XDG_STATE_HOME=str(workdir / "state"),
        XDG_DATA_HOME=str(workdir / "data"),
    )


def recorded_run(command: list[str], env: dict[str, str], events: Path) -> dict[str, Any]:
    record_session([*command, str(events)], env)
    records = [json.loads(line) for line in events.read_text().splitlines()]
    return {"stall_ms": max((r["actual"] - r["planned"]) * 1000 for r in records)}


def measure_stall(workdir: Path, display: str) -> dict[str, Any]:
    template = workdir / "speech.json"
    template.write_text(json.dumps(SPEECH_TEMPLATE))
    gui = [sys.executable, "-m", "tests.support.gui_session", str(template)]
    runs: dict[str, list[dict[str, Any]]] = {"window": [], "rendering": []}
    with pulse_sink(workdir) as base:
        gui_env = dict(session_env(base, workdir, "warm"), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        for n in range(RUNS):
            events = workdir / f"window-{n}.jsonl"
            runs["window"].append(recorded_run(gui, gui_env, events))
            cold = dict(
                session_env(base, workdir, f"cold-{n}"),
                DISPLAY=display,
                QT_QPA_PLATFORM="xcb",
                HAMTIMER_BENCH_START_AT_ONCE="1",
            )
            runs["rendering"].append(recorded_run(gui, cold, workdir / f"cold-{n}.jsonl"))
    return {
        "runs": RUNS,
        "stall_playing_max_ms": max(run["stall_ms"] for run in runs["window"]),
        "stall_rendering_max_ms": max(run["stall_ms"] for run in runs["rendering"]),
    }


def measure(display: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        return {**measure_prerender(workdir), **measure_stall(workdir, display)}


def report(figures: dict[str, Any]) -> bool:
    print(f"speech: real espeak-ng, a PulseAudio null sink, {figures['runs']} runs each")
    print(
        f"  pre-render all {figures['phrases']} phrases of '{figures['template']}' from an empty"
        f" cache: {figures['prerender_total_s']:.2f} s (speech worker start"
        f" {figures['prerender_worker_start_s']:.2f} s of it)"
    )
    print(
        f"  GUI stall while phrases play: max {figures['stall_playing_max_ms']:.2f} ms;"
        f" while they render during the session: max {figures['stall_rendering_max_ms']:.2f} ms"
        f"  (target <= {STALL_TARGET_MS})"
    )
    return (
        figures["stall_playing_max_ms"] <= STALL_TARGET_MS
        and figures["stall_rendering_max_ms"] <= STALL_TARGET_MS
    )


if __name__ == "__main__":
    from tests.support.xvfb import xvfb_display

    with xvfb_display() as shown:
        measured = measure(shown)
    print(json.dumps(measured, indent=2))
    sys.exit(0 if report(measured) else 1)
