"""Problems in a template told in the editor's words: which field ("Sets", "Cue 2 (seconds)"),
in which exercise ("Bridge hold"), and what is wrong, with the JSON path kept for a details
line (and for `hamtimer validate`, which prints the path with the same sentence).

One naming of the fields for every place that talks about them, so the label next to a field
in the editor and the line in the Problems list agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hamtimer.core.validation import Problem
from hamtimer.core.vocabulary import Block

_FIELDS = {
    # The template's own fields
    "name": "Name",
    "id": "Id",
    "description": "Description",
    "source": "Source",
    "title": "title",
    "publisher": "publisher",
    "level": "Level",
    "first_side": "Side order",
    "countdown_s": "Countdown",
    "rest_between_exercises_s": "Rest between exercises",
    "notes": "Notes",
    "choose_per_session": "Main exercises per session",
    "sourcing_note": "Numbers",
    "schema_version": "Schema version",
    "version": "Version",
    # An exercise's fields
    "mode": "Mode",
    "sides": "Sides",
    "sets": "Sets",
    "hold_s": "Hold",
    "reps": "Reps",
    "tempo": "Tempo",
    "lower_s": "seconds lowering",
    "pause_s": "seconds paused",
    "lift_s": "seconds lifting",
    "order": "order",
    "position": "Position",
    "text": "words",
    "seconds": "seconds",
    "seconds_per_rep": "Pace",
    "work_s": "Work",
    "goal": "Goal",
    "expected_s": "Expected time",
    "wait_for_done": "Wait for Done",
    "prepare_s": "Get ready",
    "rest_between_sides_s": "Rest between sides",
    "rest_between_sets_s": "Rest between sets",
    "setup": "Setup",
    "cues": "Form cues",
    "at": "when",
    "offset_s": "seconds",
    "equipment": "Equipment",
    "caution": "Caution",
    "sourced_numbers": "Article's numbers",
    "target": "target",
    "min": "minimum",
    "max": "maximum",
}
_ITEMS = {"cues": "Cue", "setup": "Setup line", "equipment": "Equipment item"}
_SECTIONS = {block.key: block.heading for block in Block}
_TOKEN = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class PlainProblem:
    where: str
    """The exercise it is in ("Bridge hold"), or "" for the template's own fields."""
    field: str
    """The field as the editor labels it: "Sets", "Cue 2 (seconds)", "Template"."""
    sentence: str
    path: str
    """The JSON path, for the details line."""

    def __str__(self) -> str:
        """ "Bridge hold · Sets: the target (3) must be between …"."""
        prefix = f"{self.where} · " if self.where else ""
        return f"{prefix}{self.field}: {self.sentence}"

    @property
    def next_to_field(self) -> str:
        """What the note next to the field says (the exercise is the one shown)."""
        return f"{self.field}: {self.sentence}"


def plain(problem: Problem, document: Any = None) -> PlainProblem:
    """`problem` in the editor's words; `document` (the draft) names the exercise."""
    tokens = path_tokens(problem.path)
    where = ""
    if len(tokens) >= 2 and tokens[0] in _SECTIONS and isinstance(tokens[1], int):
        where = _exercise_name(document, str(tokens[0]), tokens[1])
        tokens = tokens[2:]
        if not tokens:
            return PlainProblem(where, "Exercise", problem.message, problem.path)
    return PlainProblem(where, field_label(tokens), problem.message, problem.path)


def field_label(tokens: list[str | int]) -> str:
    """("cues", 1, "offset_s") -> "Cue 2 (seconds)"; () -> "Template"."""
    if not tokens:
        return "Template"
    words: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if isinstance(token, str) and isinstance(following, int) and token in _ITEMS:
            words.append(f"{_ITEMS[token]} {following + 1}")
            index += 2
            continue
        words.append(_FIELDS.get(str(token), str(token)))
        index += 1
    head, *rest = words
    return f"{head[:1].upper()}{head[1:]}" + (f" ({' '.join(rest)})" if rest else "")


def path_tokens(path: str) -> list[str | int]:
    """'$.exercises[0].hold_s' -> ['exercises', 0, 'hold_s']."""
    return [int(index) if index else name for name, index in _TOKEN.findall(path)]


def _exercise_name(document: Any, section: str, index: int) -> str:
    exercises = document.get(section) if isinstance(document, dict) else None
    if isinstance(exercises, list) and 0 <= index < len(exercises):
        exercise = exercises[index]
        name = exercise.get("name") if isinstance(exercise, dict) else None
        if isinstance(name, str) and name.strip():
            return name.strip()
    return f"{_SECTIONS[section]} exercise {index + 1}"
