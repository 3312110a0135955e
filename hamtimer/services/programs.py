"""Programs and the user's plan: built-in programs shipped as package data, and the chosen
program, its start and the running week, kept in their own file in the config folder."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hamtimer.core.history import HistoryEntry
from hamtimer.core.plan_coaching import CoachedSession, coach_session
from hamtimer.core.program import Program, is_program_document, parse_program, validate_program
from hamtimer.core.scheduling import (
    DAY_NAMES,
    Day,
    DayKind,
    RunningWeek,
    WeekPlan,
    parse_days,
    plan_week,
)
from hamtimer.core.validation import MAX_TEMPLATE_BYTES, Problem, TemplateError
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import FileTooLargeError, GuardedFileError, read_json
from hamtimer.services.paths import builtin_folder
from hamtimer.services.templates import read_document_file

MAX_PLAN_BYTES = 10_000
"""A plan file is a few lines; anything bigger is not one."""


def read_program_file(path: Path) -> Program:
    """Read and check one program file; every failure is a `TemplateError`, as for templates."""
    return parse_program(read_document_file(path, "program"))


def looks_like_program(path: Path) -> bool:
    """Whether `hamtimer validate` should read `path` as a program rather than a template."""
    try:
        return is_program_document(read_json(path, max_bytes=MAX_TEMPLATE_BYTES))
    except (OSError, ValueError):
        return False  # the template reader reports it


@dataclass(frozen=True, slots=True)
class ProgramLibrary:
    programs: list[Program]
    broken: list[tuple[Path, TemplateError]]


def program_library(user_folder: Path) -> ProgramLibrary:
    """The built-ins, then the user's `*.json` files in `user_folder` (a copy of a built-in,
    edited, under a new id); a broken file or a taken id is listed, never fatal."""
    programs = builtin_programs()
    broken: list[tuple[Path, TemplateError]] = []
    files = sorted(user_folder.glob("*.json")) if user_folder.is_dir() else []
    for path in files:
        try:
            program = read_program_file(path)
        except TemplateError as error:
            broken.append((path, error))
            continue
        if any(known.id == program.id for known in programs):
            taken = Problem("$.id", f"'{program.id}' is taken by another program; rename it")
            broken.append((path, TemplateError([taken])))
            continue
        programs.append(program)
    return ProgramLibrary(programs, broken)


def builtin_programs() -> list[Program]:
    """The programs shipped with hamtimer, by id. A broken one is a packaging bug."""
    folder = builtin_folder("programs")
    entries = sorted(folder.iterdir(), key=lambda item: item.name)
    return [
        validate_program(json.loads(entry.read_bytes()))
        for entry in entries
        if entry.name.endswith(".json")
    ]


class UnknownProgramError(LookupError):
    pass


def find_program(program_id: str, programs: list[Program]) -> Program:
    for program in programs:
        if program.id == program_id:
            return program
    known = ", ".join(program.id for program in programs)
    raise UnknownProgramError(f"no program '{program_id}'; known programs: {known}")


@dataclass(frozen=True, slots=True)
class PlanChoice:
    program: str
    start: date
    running: RunningWeek

    def to_document(self) -> dict[str, Any]:
        running = self.running
        return {
            "program": self.program,
            "start": self.start.isoformat(),
            "hard_days": [DAY_NAMES[day] for day in sorted(running.hard_days)],
            "long_run": DAY_NAMES[running.long_run] if running.long_run is not None else None,
            "race": running.race.isoformat() if running.race is not None else None,
        }

    @classmethod
    def from_document(cls, document: Any) -> PlanChoice:
        """Raises ValueError, TypeError or KeyError when the document is not a plan."""
        if not isinstance(document, dict):
            raise TypeError("a plan is an object")
        hard = document.get("hard_days", [])
        if not isinstance(hard, list) or not all(isinstance(day, str) for day in hard):
            raise TypeError("hard_days must be a list of day names")
        long_run, race = document.get("long_run"), document.get("race")
        return cls(
            program=str(document["program"]),
            start=date.fromisoformat(document["start"]),
            running=RunningWeek(
                hard_days=parse_days(",".join(hard)),
                long_run=_one_day(long_run) if long_run is not None else None,
                race=date.fromisoformat(race) if race is not None else None,
            ),
        )


def _one_day(text: str) -> int:
    days = parse_days(text)
    if len(days) != 1:
        raise ValueError(f"'{text}' is not one day")
    return next(iter(days))


class PlanFileError(ValueError):
    """The plan file cannot be read; the message says why, in one line."""


class PlanStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> PlanChoice | None:
        """None when no plan was chosen yet."""
        try:
            document = read_json(self.path, max_bytes=MAX_PLAN_BYTES)
        except FileNotFoundError:
            return None
        except FileTooLargeError:
            raise PlanFileError(f"{self.path} is too big to be a plan") from None
        except GuardedFileError as error:
            raise PlanFileError(
                f"{self.path} can't be read ({error}); choose a plan again with"
                " `hamtimer plan --program ID`"
            ) from None
        except OSError as error:
            raise PlanFileError(f"cannot read {self.path}: {error.strerror}") from None
        try:
            return PlanChoice.from_document(document)
        except (ValueError, TypeError, KeyError) as error:
            raise PlanFileError(
                f"{self.path} is not a plan ({error}); choose one again with `hamtimer plan"
                " --program ID`"
            ) from None

    def save(self, choice: PlanChoice) -> None:
        write_atomic(self.path, json.dumps(choice.to_document(), indent=2) + "\n")


@dataclass(frozen=True, slots=True)
class CurrentPlan:
    """The chosen plan's week around `today`, from the history's training days."""

    choice: PlanChoice
    program: Program
    week: WeekPlan
    today: date
    coached: CoachedSession | None = None
    """Today's planned session with the coaching rules laid over it (None on other days)."""

    def today_plan(self) -> Day:
        return self.week.on(self.today)


def current_plan(
    store: PlanStore, programs: list[Program], entries: Iterable[HistoryEntry], today: date
) -> CurrentPlan | None:
    """None when no plan was chosen. Raises PlanFileError or UnknownProgramError."""
    choice = store.load()
    if choice is None:
        return None
    return plan_for(choice, find_program(choice.program, programs), entries, today)


def plan_for(
    choice: PlanChoice, program: Program, entries: Iterable[HistoryEntry], today: date
) -> CurrentPlan:
    history = list(entries)
    trained = trained_days(history)
    week = plan_week(program, choice.start, choice.running, trained, today)
    planned = week.on(today)
    coached = None
    if planned.session is not None and planned.kind == DayKind.PLANNED:
        coached = coach_session(
            program, week.number, planned.number, planned.session, history, today
        )
    return CurrentPlan(choice, program, week, today, coached)


def trained_days(entries: Iterable[HistoryEntry]) -> set[date]:
    """The local days with a training session (any template) in the history."""
    return {entry.started.astimezone().date() for entry in entries if entry.is_training}
