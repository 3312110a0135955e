"""Templates as plain JSON documents: what files hold, what the editor edits.

The editor works on a document (nested dicts and lists) and asks `template_check` about it
after every change; these helpers make the documents it starts from and the edits that must
keep a document coherent (a new mode brings its own fields and drops the old mode's).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from hamtimer.core.vocabulary import BLOCK_KEYS, SCHEMA_VERSION, Mode, Sides

if TYPE_CHECKING:
    from hamtimer.core.model import Template

Document = dict[str, Any]

MODE_FIELDS: dict[Mode, tuple[str, ...]] = {
    Mode.HOLD: ("hold_s", "position"),
    Mode.REPS: ("reps", "tempo", "seconds_per_rep"),
    Mode.TIMED: ("work_s",),
    Mode.OPEN: ("goal", "expected_s", "wait_for_done"),
}
MODE_DEFAULTS: dict[Mode, Document] = {
    Mode.HOLD: {"hold_s": {"target": 30}},
    Mode.REPS: {"reps": {"target": 10}},
    Mode.TIMED: {"work_s": 30},
    Mode.OPEN: {},
}
SECTIONS = BLOCK_KEYS
"""The template's exercise lists, warm-up to cool-down (`Block.key`)."""


def to_document(template: Template) -> Document:
    """Only what the author set: defaults and empty optionals stay out of the file."""
    document: Document = template.model_dump(mode="json", exclude_none=True)
    return document


def to_json(template: Template) -> str:
    return json.dumps(to_document(template), indent=2, ensure_ascii=False) + "\n"


def slug_of(text: str, fallback: str = "template") -> str:
    """'Single-leg Bridge (left)' -> 'single-leg-bridge-left', usable as an id."""
    from hamtimer.core.model import MAX_ID_LENGTH  # the editor has loaded the model already

    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID_LENGTH].strip("-")
    return slug or fallback


def unique_id(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free."""
    if base not in taken:
        return base
    from hamtimer.core.model import MAX_ID_LENGTH  # ids are made for templates being saved

    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_ID_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def new_exercise(taken_ids: Collection[str]) -> Document:
    return {
        "id": unique_id("exercise", taken_ids),
        "name": "New exercise",
        "mode": Mode.HOLD.value,
        "sides": Sides.EACH.value,
        "sets": {"target": 3},
        **MODE_DEFAULTS[Mode.HOLD],
    }


def new_template(taken_ids: Collection[str]) -> Document:
    return {
        "schema_version": SCHEMA_VERSION,
        "id": unique_id("my-session", taken_ids),
        "name": "My session",
        "source": {"title": "My own session"},
        "exercises": [new_exercise(())],
    }


def duplicate(template: Template, taken_ids: Collection[str]) -> Document:
    """An editable copy: a new id, '(copy)' in the name, its own version history."""
    from hamtimer.core.model import MAX_NAME_LENGTH

    document = to_document(template)
    document["id"] = unique_id(f"{template.id}-copy", taken_ids)
    document["name"] = f"{template.name} (copy)"[:MAX_NAME_LENGTH]
    document["version"] = 1
    return document


CREDITED = "sourced_numbers"
"""The exercise's numbers its article gives (`SourcedNumber` values)."""

ModeMemory = dict[str, Document]
"""An exercise's modes left while editing it: mode value -> its fields as they were then."""


def with_mode(exercise: Document, mode: Mode, memory: ModeMemory | None = None) -> Document:
    """The exercise in another mode: the old mode's fields go (into `memory`, when given), the
    new one's come back as they were when it was left, or get defaults the first time."""
    if memory is not None and isinstance(exercise.get("mode"), str):
        memory[exercise["mode"]] = _mode_part(exercise)
    changed = {key: value for key, value in exercise.items() if key not in _all_mode_fields()}
    changed["mode"] = mode.value
    credited = changed.get(CREDITED)
    if isinstance(credited, list):
        # The new mode's numbers are defaults, not the article's: credit only what stays.
        changed[CREDITED] = [n for n in credited if n not in _all_mode_fields()]
    remembered = (memory or {}).get(mode.value)
    if remembered is None:
        changed.update(copy.deepcopy(MODE_DEFAULTS[mode]))
        return changed
    restored = copy.deepcopy(remembered)
    recredited = restored.pop(CREDITED, [])
    changed.update(restored)
    if recredited:
        changed[CREDITED] = [*changed.get(CREDITED, []), *recredited]
    return changed


def _mode_part(exercise: Document) -> Document:
    """The fields only this exercise's mode has, with the article's credit for them."""
    part = {key: exercise[key] for key in _all_mode_fields() if key in exercise}
    credited = exercise.get(CREDITED)
    if isinstance(credited, list):
        part[CREDITED] = [n for n in credited if n in _all_mode_fields()]
    return copy.deepcopy(part)


def exercise_ids(document: Document) -> list[str]:
    return [
        str(exercise.get("id", ""))
        for section in SECTIONS
        for exercise in document.get(section, [])
        if isinstance(exercise, dict)
    ]


def _all_mode_fields() -> set[str]:
    return {name for names in MODE_FIELDS.values() for name in names}
