"""Choose-some templates: which of the main exercises the next session runs.

A template with `choose_per_session` N runs N of its main exercises in each session. By default
they are the N done longest ago (never done first, ties in the template's order), so over
sessions every exercise takes its turn. In quick adjust the user may pick others; that pick is
for the next session only, so the rotation carries on from what was actually done.

Pure functions over the history's recent sessions (`PastSession`, newest first); reading the
history is the services' job (`services.past_sessions`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.core.session_record import SessionRecord
    from hamtimer.core.template_choice import TemplateChoice


@dataclass(frozen=True, slots=True)
class PastSession:
    """An earlier session of a template: its id and the exercises it got done."""

    id: str
    done: frozenset[str]
    """Ids of the exercises with at least one set done (skipped ones are still due)."""


def past_session(record: SessionRecord) -> PastSession:
    return PastSession(
        record.id, frozenset(leg.exercise_id for leg in record.legs if leg.sets_done > 0)
    )


@dataclass(frozen=True, slots=True)
class Turn:
    """A choose-some template's next session: what the rotation picks and what runs."""

    count: int
    """The template's `choose_per_session`."""
    pool: tuple[str, ...]
    """The main exercises the rotation takes turns through, in template order."""
    in_turn: tuple[str, ...]
    """The rotation's picks, in template order."""
    picked: tuple[str, ...]
    """What the next session runs: the user's pick for it, else `in_turn`."""
    after: str | None
    """The newest counted session; a user's pick made now is for the session after it."""

    @property
    def by_user(self) -> bool:
        return self.picked != self.in_turn


def in_turn(pool: Sequence[str], count: int, past: Sequence[PastSession]) -> tuple[str, ...]:
    """The `count` exercises of `pool` done longest ago, never done first. Between two last
    done in the same session, the one done less often in `past` goes first (so every exercise
    gets the same share), then the pool's order. Returned in the pool's order, so a session
    keeps the template's sequence (explosive work early, maximal eccentrics last)."""

    def due(index: int) -> tuple[float, int, int]:
        exercise_id = pool[index]
        ago = next((age for age, s in enumerate(past) if exercise_id in s.done), math.inf)
        times = sum(1 for s in past if exercise_id in s.done)
        return (-ago, times, index)

    most_due = sorted(range(len(pool)), key=due)
    return tuple(pool[i] for i in sorted(most_due[:count]))


def next_turn(
    template: Template, choice: TemplateChoice, past: Sequence[PastSession]
) -> Turn | None:
    """The next session's picks; None for a template that runs all its main exercises."""
    count = template.choose_per_session
    if count is None:
        return None
    main = [exercise.id for exercise in template.exercises]
    # Exercises the user left out for good stay out of the rotation (all of them: none do).
    pool = tuple(i for i in main if i not in choice.excluded) or tuple(main)
    rotation = in_turn(pool, count, [s for s in past if s.done])
    after = next((s.id for s in past if s.done), None)
    picked = rotation
    if choice.picks is not None and choice.picks_after == after:
        picked = tuple(i for i in main if i in choice.picks) or rotation
    return Turn(count, pool, rotation, picked, after)


def session_choice(
    template: Template, choice: TemplateChoice, past: Sequence[PastSession]
) -> TemplateChoice:
    """`choice` as the next session runs it: a choose-some template's main exercises that are
    not picked are left out, and a pick made for an earlier session is forgotten."""
    turn = next_turn(template, choice, past)
    if turn is None:
        return choice
    left_out = {exercise.id for exercise in template.exercises if exercise.id not in turn.picked}
    return replace(choice, excluded=choice.excluded | left_out, picks=None, picks_after=None)


def current_choice(
    template: Template, choice: TemplateChoice, past: Sequence[PastSession]
) -> TemplateChoice:
    """`choice` without a pick made before the newest session (it was for that session)."""
    if choice.picks is None:
        return choice
    turn = next_turn(template, choice, past)
    if turn is not None and choice.picks_after == turn.after:
        return choice
    return replace(choice, picks=None, picks_after=None)
