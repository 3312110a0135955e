"""Built-in templates, template files on disk and looking templates up by id or path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.core.model import Exercise, Template
from hamtimer.core.plan import POSITION_TITLE, Plan, compile_plan
from hamtimer.core.validation import MAX_TEMPLATE_BYTES, TemplateError
from hamtimer.core.vocabulary import CueAt, Level, Mode, StepKind, TempoOrder
from hamtimer.services.templates import (
    LoadedTemplate,
    TemplateNotFoundError,
    builtin_templates,
    find_template,
    read_template_file,
)
from tests.builders import document, exercise_document, template


@pytest.fixture(scope="module")
def builtins() -> list[LoadedTemplate]:
    return builtin_templates()


# --- built-ins ------------------------------------------------------------------------------


def test_at_least_six_builtins(builtins: list[LoadedTemplate]) -> None:
    assert len(builtins) >= 6
    assert all(isinstance(item.template, Template) for item in builtins)
    assert all(item.builtin and item.origin == "built-in" for item in builtins)


def test_builtins_list_beginner_sessions_first_then_by_name(
    builtins: list[LoadedTemplate],
) -> None:
    """A first-time user meets a beginner session first (the window preselects it), not the
    advanced routine that sorts first by name."""
    levels = [list(Level).index(item.template.level) for item in builtins]
    assert levels == sorted(levels) and builtins[0].template.level == Level.BEGINNER
    for level in Level:
        names = [i.template.name.lower() for i in builtins if i.template.level == level]
        assert names == sorted(names)


def test_every_builtin_names_its_source(builtins: list[LoadedTemplate]) -> None:
    for item in builtins:
        assert item.template.source.title.strip(), item.template.id


def test_builtin_ids_are_unique(builtins: list[LoadedTemplate]) -> None:
    ids = [item.template.id for item in builtins]
    assert len(ids) == len(set(ids))


def test_isometric_bridge_hold_is_built_in(builtins: list[LoadedTemplate]) -> None:
    assert "isometric-bridge-hold" in {item.template.id for item in builtins}


def test_every_builtin_compiles(builtins: list[LoadedTemplate]) -> None:
    for item in builtins:
        plan = compile_plan(item.template)
        assert plan.template_id == item.template.id
        assert plan.steps, item.template.id
        assert plan.total_s > 0
        assert any(step.kind in (StepKind.WORK, StepKind.OPEN) for step in plan.steps)


def test_no_builtin_plan_drops_a_cue(builtins: list[LoadedTemplate]) -> None:
    dropped = [
        (item.template.id, step.index, cue.text, cue.reason)
        for item in builtins
        for step in compile_plan(item.template).steps
        for cue in step.dropped
    ]
    assert dropped == []


def _said_for(plan: Plan, exercise: Exercise) -> list[set[str]]:
    """Per work step of `exercise`: what is said in it and, for its after-effort cues, in the
    step after it (or, after the last step, as the session ends)."""
    said = []
    for index, step in enumerate(plan.steps):
        if step.exercise_id != exercise.id or not step.is_exercise:
            continue
        after = plan.steps[index + 1].cues if index + 1 < len(plan.steps) else ()
        closing = plan.closing_cues if index + 1 == len(plan.steps) else ()
        said.append({c.text for c in (*step.cues, *after)} | set(closing))
    return said


def test_no_builtin_cue_vanishes(builtins: list[LoadedTemplate]) -> None:
    """Every form cue of every exercise is said in every one of its work steps (tempo steps
    and open steps too), with the default speech estimate `hamtimer show` uses."""
    missing = [
        (item.template.id, exercise.id, cue.text)
        for item in builtins
        for exercise in item.template.all_exercises()
        for said in _said_for(compile_plan(item.template), exercise)
        for cue in exercise.cues
        if cue.text not in said
    ]
    assert missing == []


def test_every_builtin_tempo_names_its_direction(builtins: list[LoadedTemplate]) -> None:
    """A bridge lifts first (lift, squeeze at the top, lower slowly: article 004); a Nordic
    curl lowers first. A new tempo in a built-in must be added here, checked by a person."""
    tempos = {
        (item.template.id, exercise.id): exercise.tempo.order
        for item in builtins
        for exercise in item.template.all_exercises()
        if exercise.tempo is not None
    }
    assert tempos == {
        ("sample-routine", "glute-bridge"): TempoOrder.LIFT_FIRST,
        ("posterior-chain-five", "nordic-curl"): TempoOrder.LOWER_FIRST,
        ("sample-routine-advanced", "nordic-curl"): TempoOrder.LOWER_FIRST,
    }


def test_every_builtin_hold_lifts_before_its_clock_and_lowers_after_it(
    builtins: list[LoadedTemplate],
) -> None:
    holds = [
        (item.template, exercise)
        for item in builtins
        for exercise in item.template.all_exercises()
        if exercise.mode == Mode.HOLD
    ]
    assert holds
    for held, exercise in holds:
        plan = compile_plan(held)
        lowering = [cue.text for cue in exercise.cues if cue.at == CueAt.END]
        assert exercise.position is not None and lowering, exercise.id
        steps = plan.steps
        for index, step in enumerate(steps):
            if step.exercise_id != exercise.id or step.kind != StepKind.WORK:
                continue
            assert steps[index - 1].title == POSITION_TITLE
            after = [c.text for c in steps[index + 1].cues] if index + 1 < len(steps) else []
            assert (after or list(plan.closing_cues))[: len(lowering)] == lowering


def test_every_builtin_switch_leaves_time_to_change_over(builtins: list[LoadedTemplate]) -> None:
    """Silence to move (the heel from bench to bench) after what the switch says and before
    its countdown: at least the exercise's rest between sides, less what is said."""
    for item in builtins:
        for step in compile_plan(item.template).steps:
            if step.kind != StepKind.SWITCH or step.duration_s is None:
                continue
            said_until = step.cues[-1].end_s if step.cues else 0.0
            free = step.duration_s - step.countdown_s - said_until
            if step.mode == Mode.HOLD:
                assert free >= 10.0, (item.template.id, step.index, free)
            assert free > 0, (item.template.id, step.index, free)


# --- read_template_file ---------------------------------------------------------------------


def _problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(TemplateError) as caught:
        read_template_file(path)
    assert caught.value.problems
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_read_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "bridge.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    assert read_template_file(path) == template()


def test_read_file_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document()).encode())
    assert read_template_file(path).id == "test-bridge"


def test_read_missing_file(tmp_path: Path) -> None:
    assert _problems(tmp_path / "absent.json") == [("$", "file not found")]


def test_read_directory(tmp_path: Path) -> None:
    assert _problems(tmp_path) == [("$", "is a folder, not a template file")]


def test_read_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x",}', encoding="utf-8")
    [(where, message)] = _problems(path)
    assert where == "$"
    assert "line 1, column 12" in message


def test_read_invalid_fields_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    data = exercise_document(hold_s={"target": 100_000}, mode="hold")
    data["countdown_s"] = "three"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = dict(_problems(path))
    assert problems["$.countdown_s"] == 'got "three"; must be a whole number'
    assert problems["$.exercises[0].hold_s.target"] == "got 100000; must be at most 600"


def test_read_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_TEMPLATE_BYTES + 10))
    [(where, message)] = _problems(path)
    assert where == "$"
    assert "at most 1 MB" in message


def test_read_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Übung"}'.encode("latin-1"))
    [(where, message)] = _problems(path)
    assert where == "$"
    assert "UTF-8" in message


# --- find_template --------------------------------------------------------------------------


def test_find_by_id(builtins: list[LoadedTemplate]) -> None:
    found = find_template("isometric-bridge-hold", builtins)
    assert found.id == "isometric-bridge-hold"
    assert found is next(i.template for i in builtins if i.template.id == found.id)


def test_find_by_path(tmp_path: Path, builtins: list[LoadedTemplate]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document(id="my-own")), encoding="utf-8")
    assert find_template(str(path), builtins).id == "my-own"


def test_find_by_path_without_json_suffix(tmp_path: Path) -> None:
    path = tmp_path / "session.txt"
    path.write_text(json.dumps(document()), encoding="utf-8")
    assert find_template(str(path), []).id == "test-bridge"


def test_find_missing_json_path_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        find_template(str(tmp_path / "absent.json"), [])
    assert caught.value.problems[0].message == "file not found"


def test_find_unknown_id_lists_known_ids(builtins: list[LoadedTemplate]) -> None:
    with pytest.raises(TemplateNotFoundError) as caught:
        find_template("no-such-template", builtins)
    message = str(caught.value)
    assert "no-such-template" in message
    for item in builtins:
        assert item.template.id in message
