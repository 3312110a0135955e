"""The built-in figures: one for every built-in main exercise, every file usable, and a file
that is not usable costs one log line and no figure."""

from __future__ import annotations

import json
import logging
import os
from importlib import resources
from pathlib import Path

import pytest

from hamtimer.core.figures import joints_of
from hamtimer.core.model import NO_FIGURE
from hamtimer.core.plan import compile_plan
from hamtimer.core.vocabulary import Block
from hamtimer.services import figures as figure_service
from hamtimer.services.figures import (
    builtin_figures,
    figure_catalogue,
    figure_for,
    read_figure_bytes,
    read_figure_file,
)
from hamtimer.services.templates import builtin_templates
from tests.builders import exercise_template

FOLDER = resources.files("hamtimer.data").joinpath("figures")


def builtin_exercises(*blocks: Block) -> dict[str, str]:
    """The built-in templates' exercises in `blocks`: their figure ids, by exercise id."""
    return {
        exercise.id: exercise.figure_id or ""
        for loaded in builtin_templates()
        for block, exercises in loaded.template.blocks()
        if block in blocks
        for exercise in exercises
    }


def test_every_built_in_exercise_has_a_figure() -> None:
    """The 19 main exercises, and the warm-up moves and cool-down stretches too."""
    assert len(builtin_exercises(Block.MAIN)) == 19
    exercises = builtin_exercises(*Block)
    missing = sorted(name for name, figure in exercises.items() if figure_for(figure) is None)
    assert missing == []


def test_every_figure_file_loads_without_a_complaint(caplog: pytest.LogCaptureFixture) -> None:
    files = sorted(entry.name for entry in FOLDER.iterdir() if entry.name.endswith(".json"))
    builtin_figures.cache_clear()
    with caplog.at_level(logging.WARNING):
        loaded = builtin_figures()
    assert caplog.records == []
    assert sorted(f"{figure_id}.json" for figure_id in loaded) == files


def test_no_figure_goes_through_the_floor() -> None:
    """A keyframe whose foot or hand sinks below the floor would look wrong on any screen."""
    for figure in builtin_figures().values():
        if not figure.ground:  # on a hill the slope is the floor
            continue
        for name, pose in figure.poses.items():
            lowest = min(y for _x, y in joints_of(pose).values())
            assert lowest > -0.01, f"{figure.id}: {name}"


def test_the_catalogue_lists_every_figure_by_name() -> None:
    catalogue = figure_catalogue()
    assert {entry.id for entry in catalogue} == set(builtin_figures())
    names = [entry.name.lower() for entry in catalogue]
    assert names == sorted(names)


def test_a_template_names_another_figure_or_none() -> None:
    assert exercise_template().exercises[0].figure_id == "bridge"  # its own id
    assert exercise_template(figure="glute-bridge").exercises[0].figure_id == "glute-bridge"
    assert exercise_template(figure=NO_FIGURE).exercises[0].figure_id is None
    plan = compile_plan(exercise_template(figure="single-leg-bridge-hold"))
    assert {step.figure_id for step in plan.steps if step.exercise_id == "bridge"} == {
        "single-leg-bridge-hold"
    }
    for unknown in ("no-such-figure", None, "../templates/sample-routine", "", "A" * 500):
        assert figure_for(unknown) is None


def test_a_broken_file_is_no_figure_and_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "broken.json"
    document = json.loads(FOLDER.joinpath("glute-bridge.json").read_text())
    document["poses"]["up"]["hip"] = [0, 1e9]
    broken.write_text(json.dumps(document))
    with caplog.at_level(logging.WARNING):
        assert read_figure_file(broken) is None
    assert len(caplog.records) == 1
    assert "broken.json" in caplog.text and "hip" in caplog.text


def test_a_pipe_named_like_a_figure_is_refused_without_waiting(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with caplog.at_level(logging.WARNING):
        assert read_figure_file(pipe) is None
        assert read_figure_file(tmp_path / "absent.json") is None
    assert len(caplog.records) == 2


def test_missing_or_broken_built_in_figures_are_left_out_not_fatal(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(figure_service, "FIGURES_FOLDER", "no-such-folder-of-figures")
    builtin_figures.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert builtin_figures() == {}
        assert "no-such-folder-of-figures" in caplog.text
    finally:
        monkeypatch.undo()
        builtin_figures.cache_clear()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert read_figure_bytes(b"\x00not json", "built-in x.json") is None
    assert "built-in x.json" in caplog.text


def test_figures_load_from_a_frozen_bundles_multiplexed_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A PyInstaller bundle hands out a MultiplexedPath, whose joinpath takes one name a call
    # (Python 3.11): the window died at start on the first card (`make test-package` saw it).
    from importlib.readers import MultiplexedPath

    real = resources.files(figure_service.FIGURES_PACKAGE)
    monkeypatch.setattr(
        figure_service.resources, "files", lambda _package: MultiplexedPath(Path(str(real)))
    )
    figure_service.figure_for.cache_clear()
    try:
        found = figure_service.figure_for("nordic-curl")
    finally:
        figure_service.figure_for.cache_clear()
    assert found is not None and found.id == "nordic-curl"
