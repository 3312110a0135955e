"""Quick adjust: the user's standing choices for one template, applied before a session.

Fewer sets this week, a longer hold, the weaker leg first, only some of the exercises: the
template stays as written and the choice is laid over it. Numbers stay inside the template's
own range when it has one, so a choice never makes a session the template does not allow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hamtimer.core.model import MAX_HOLD_S, MAX_SETS, Amount
from hamtimer.core.template_document import SECTIONS, to_document
from hamtimer.core.validation import validate_document
from hamtimer.core.vocabulary import Leg

if TYPE_CHECKING:
    from hamtimer.core.model import Template


@dataclass(frozen=True, slots=True)
class TemplateChoice:
    first_side: Leg | None = None
    """None keeps the template's own first side."""
    excluded: frozenset[str] = frozenset()
    """Exercise ids left out of the session."""
    sets: Mapping[str, int] = field(default_factory=dict)
    hold_s: Mapping[str, int] = field(default_factory=dict)
    picks: frozenset[str] | None = None
    """A choose-some template's main exercises the user picked for one session (None: the
    rotation's); see core.rotation."""
    picks_after: str | None = None
    """The newest session of the template when `picks` was made: they are for the next one."""

    @property
    def is_default(self) -> bool:
        return self == TemplateChoice()

    def to_document(self) -> dict[str, Any]:
        return {
            "first_side": self.first_side.value if self.first_side else None,
            "excluded": sorted(self.excluded),
            "sets": dict(sorted(self.sets.items())),
            "hold_s": dict(sorted(self.hold_s.items())),
            "picks": sorted(self.picks) if self.picks is not None else None,
            "picks_after": self.picks_after,
        }

    @classmethod
    def from_document(cls, document: Any) -> TemplateChoice:
        """Raises ValueError or TypeError when the document is not a choice."""
        if not isinstance(document, dict):
            raise TypeError("a choice is an object")
        side = document.get("first_side")
        excluded = document.get("excluded", [])
        if not isinstance(excluded, list) or not all(isinstance(i, str) for i in excluded):
            raise TypeError("excluded must be a list of exercise ids")
        picks = document.get("picks")  # absent from files written before choose-some
        if picks is not None and (
            not isinstance(picks, list) or not all(isinstance(i, str) for i in picks)
        ):
            raise TypeError("picks must be a list of exercise ids")
        picks_after = document.get("picks_after")
        if picks_after is not None and not isinstance(picks_after, str):
            raise TypeError("picks_after must be a session id")
        return cls(
            first_side=Leg(side) if side is not None else None,
            excluded=frozenset(excluded),
            sets=_counts(document.get("sets", {}), "sets"),
            hold_s=_counts(document.get("hold_s", {}), "hold_s"),
            picks=frozenset(picks) if picks is not None else None,
            picks_after=picks_after,
        )


MAX_COUNT = 10_000
"""Far above any template's limits: only for refusing absurd files (apply_choice clamps)."""


def _counts(value: Any, name: str) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        for k, v in value.items()
    ):
        raise TypeError(f"{name} must map exercise ids to whole numbers")
    if not all(1 <= v <= MAX_COUNT for v in value.values()):  # a hostile file, not a choice
        raise ValueError(f"{name} must be from 1 to {MAX_COUNT}")
    return dict(value)


def bounds(amount: Amount, ceiling: int) -> tuple[int, int]:
    """What a choice may set: the template's range, or anything sensible for a fixed number."""
    if amount.is_range:
        return amount.min or amount.target, amount.max or amount.target
    return 1, ceiling


def sets_bounds(amount: Amount) -> tuple[int, int]:
    return bounds(amount, MAX_SETS)


def hold_bounds(amount: Amount) -> tuple[int, int]:
    return bounds(amount, MAX_HOLD_S)


def apply_choice(template: Template, choice: TemplateChoice) -> Template:
    """The template as the user chose to run it. Ids the template no longer has are ignored,
    and a choice that would leave no main exercise keeps them all."""
    if choice.is_default:
        return template
    document = to_document(template)
    if choice.first_side is not None:
        document["first_side"] = choice.first_side.value
    by_id = {exercise.id: exercise for exercise in template.all_exercises()}
    for section in SECTIONS:
        kept = [e for e in document.get(section, []) if e["id"] not in choice.excluded]
        if kept or section != "exercises":
            document[section] = kept
        for exercise in document.get(section, []):
            _adjust(exercise, by_id[exercise["id"]].sets, choice.sets, "sets", sets_bounds)
            hold = by_id[exercise["id"]].hold_s
            if hold is not None:
                _adjust(exercise, hold, choice.hold_s, "hold_s", hold_bounds)
    choose = document.get("choose_per_session")
    if choose is not None and len(document["exercises"]) <= choose:
        del document["choose_per_session"]  # what is left is the session's pick: it runs whole
    return validate_document(document)


def _adjust(
    exercise: dict[str, Any],
    amount: Amount,
    chosen: Mapping[str, int],
    key: str,
    limits: Callable[[Amount], tuple[int, int]],
) -> None:
    wanted = chosen.get(exercise["id"])
    if wanted is None:
        return
    low, high = limits(amount)
    target = min(max(wanted, low), high)
    exercise[key] = {**exercise[key], "target": target}
    credited = exercise.get("sourced_numbers", [])
    if not amount.is_range and target != amount.target and key in credited:
        # A number outside what the article gives is the user's, no longer the article's.
        exercise["sourced_numbers"] = [number for number in credited if number != key]


def choice_text(template: Template, choice: TemplateChoice) -> str:
    """'right leg first; Bridge hold: 1 set, 25 s hold; without Walk' for the Train page."""
    parts = []
    if choice.first_side is not None and choice.first_side != template.first_side:
        parts.append(f"{choice.first_side.value} leg first")
    for exercise in template.all_exercises():
        if exercise.id in choice.excluded:
            continue
        changes = []
        if exercise.id in choice.sets:
            count = choice.sets[exercise.id]
            changes.append(f"{count} set{'s' * (count != 1)}")
        if exercise.id in choice.hold_s:
            changes.append(f"{choice.hold_s[exercise.id]} s hold")
        if changes:
            parts.append(f"{exercise.name}: {', '.join(changes)}")
    left_out = [e.name for e in template.all_exercises() if e.id in choice.excluded]
    if left_out:
        parts.append("without " + ", ".join(left_out))
    return "; ".join(parts)
