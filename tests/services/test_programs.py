"""Built-in programs and the plan file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from hamtimer.core.scheduling import RunningWeek
from hamtimer.core.template_choice import hold_bounds, sets_bounds
from hamtimer.core.validation import TemplateError
from hamtimer.services.programs import (
    PlanChoice,
    PlanFileError,
    PlanStore,
    UnknownProgramError,
    builtin_programs,
    find_program,
    looks_like_program,
    program_library,
    read_program_file,
)
from hamtimer.services.templates import builtin_templates

TEMPLATES = {item.template.id: item.template for item in builtin_templates()}


def test_the_builtin_programs() -> None:
    assert {p.id for p in builtin_programs()} == {
        "isometric-base",
        "runners-hamstring-block",
        "posterior-chain-rotation",
    }


@pytest.mark.parametrize("program", builtin_programs(), ids=lambda p: p.id)
def test_builtin_programs_use_builtin_templates_within_their_ranges(program: object) -> None:
    from hamtimer.core.program import Program

    assert isinstance(program, Program)
    assert program.template_ids() <= TEMPLATES.keys()
    for week in program.weeks:
        for session in week.sessions:
            exercises = {e.id: e for e in TEMPLATES[session.template].all_exercises()}
            for target in session.targets:
                exercise = exercises[target.exercise]
                if target.sets is not None:
                    low, high = sets_bounds(exercise.sets)
                    assert low <= target.sets <= high
                if target.hold_s is not None:
                    assert exercise.hold_s is not None
                    low, high = hold_bounds(exercise.hold_s)
                    assert low <= target.hold_s <= high


@pytest.mark.parametrize("program", builtin_programs(), ids=lambda p: p.id)
def test_builtin_programs_cite_the_articles_of_their_templates(program: object) -> None:
    from hamtimer.core.program import Program

    assert isinstance(program, Program)
    cited = {source.title for source in program.sources}
    used = {TEMPLATES[t].source.title for t in program.template_ids()} | {
        exercise.source.title
        for t in program.template_ids()
        for exercise in TEMPLATES[t].all_exercises()
        if exercise.source is not None
    }
    assert used <= cited


def test_the_isometric_base_goes_from_20_to_30_seconds() -> None:
    base = find_program("isometric-base", builtin_programs())
    holds = [week.sessions[0].targets[0].hold_s for week in base.weeks]
    assert (holds[0], holds[-1], len(base.weeks)) == (20, 30, 6)
    assert all(len(week.sessions) == 3 for week in base.weeks)
    assert [week.lighter for week in base.weeks].count(True) == 1


def test_an_unknown_program_lists_the_known_ones() -> None:
    with pytest.raises(UnknownProgramError, match="known programs: isometric-base"):
        find_program("nope", builtin_programs())


def test_the_plan_file_round_trips(tmp_path: Path) -> None:
    store = PlanStore(tmp_path / "plan.json")
    assert store.load() is None
    choice = PlanChoice(
        "isometric-base", date(2026, 11, 30), RunningWeek(frozenset({1, 3}), 5, date(2027, 3, 1))
    )
    store.save(choice)
    assert store.load() == choice


@pytest.mark.parametrize(
    "text",
    ['{"program": "x"}', "[]", '{"program": "x", "start": "2026-11-30", "hard_days": ["z"]}'],
)
def test_a_broken_plan_file_is_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError, match="is not a plan"):
        PlanStore(path).load()


def _user_program(folder: Path, file_name: str, **changes: object) -> Path:
    """A copy of the isometric base with `changes` laid over it, as the user would edit it."""
    document = find_program("isometric-base", builtin_programs()).model_dump(
        mode="json", exclude_defaults=True
    )
    document.update(changes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_users_programs_come_after_the_builtins(tmp_path: Path) -> None:
    _user_program(tmp_path, "mine.json", id="my-base", name="My base")
    _user_program(tmp_path, "clash.json")
    (tmp_path / "broken.json").write_text('{"kind": "program", "weeks": 1}', encoding="utf-8")
    library = program_library(tmp_path)
    assert [p.id for p in library.programs][-1] == "my-base"
    problems = {path.name: str(error.problems[0]) for path, error in library.broken}
    assert problems["clash.json"] == "$.id: 'isometric-base' is taken by another program; rename it"
    assert problems["broken.json"].startswith("$.")


def test_a_missing_folder_is_only_the_builtins(tmp_path: Path) -> None:
    assert len(program_library(tmp_path / "none").programs) == len(builtin_programs())


def test_a_program_file_is_told_from_a_template_file(tmp_path: Path) -> None:
    program = _user_program(tmp_path, "p.json", id="p")
    template = tmp_path / "t.json"
    template.write_text('{"schema_version": 1}', encoding="utf-8")
    assert looks_like_program(program) and not looks_like_program(template)
    assert not looks_like_program(tmp_path / "missing.json")
    assert read_program_file(program).id == "p"


def test_a_bad_program_file_names_the_field(tmp_path: Path) -> None:
    path = _user_program(tmp_path, "p.json", light_template="Not A Slug")
    with pytest.raises(TemplateError) as caught:
        read_program_file(path)
    assert str(caught.value.problems[0]).startswith("$.light_template: ")
