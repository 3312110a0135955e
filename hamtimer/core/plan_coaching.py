"""The coaching rules laid over a program's session: what the history says about today's.

- pain that asks to stop (core.coaching.pain): no session today, whatever the plan says;
- holding back (pain easing off, a slump in this template): no step up, the session runs at
  the previous week's targets;
- a weaker leg (holding clearly less, per leg, over recent sessions): it goes first.

Pure: the program, the week's number, the planned session, and the history's entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from hamtimer.core.coaching import HOLDING_BACK, Advice, AdviceKind, advise, weaker_leg
from hamtimer.core.history import HistoryEntry
from hamtimer.core.program import Program, ProgramSession
from hamtimer.core.template_choice import TemplateChoice
from hamtimer.core.vocabulary import Leg


@dataclass(frozen=True, slots=True)
class CoachedSession:
    session: ProgramSession
    """The session to run: the planned one, or last week's numbers when holding back."""
    first_side: Leg | None = None
    stop: Advice | None = None
    """Set when the history says not to train today: the session does not run."""
    notes: tuple[str, ...] = ()
    """What changed and why, in words, for `hamtimer today` and `run today`."""

    def choice(self) -> TemplateChoice:
        return replace(self.session.choice(), first_side=self.first_side)


def coach_session(
    program: Program,
    week_number: int,
    session_number: int,
    session: ProgramSession,
    entries: Sequence[HistoryEntry],
    today: date,
) -> CoachedSession:
    """`session_number` is 1-based within the week."""
    advice = advise(entries, today, session.template)
    stop = next((a for a in advice if a.kind == AdviceKind.STOP), None)
    if stop is not None:
        return CoachedSession(session, stop=stop, notes=(stop.text,))
    notes: list[str] = []
    holding = next((a for a in advice if a.kind in HOLDING_BACK), None)
    if holding is not None and week_number > 1:
        session = _last_weeks(program, week_number, session_number, session)
        notes.append(f"At last week's numbers: {holding.text}")
    of_template = [e for e in entries if e.template_id == session.template]
    weaker = weaker_leg(of_template)
    if weaker is not None:
        notes.append(weaker.text)
    return CoachedSession(session, weaker.leg if weaker else None, notes=tuple(notes))


def _last_weeks(
    program: Program, week_number: int, session_number: int, session: ProgramSession
) -> ProgramSession:
    """The same session of the week before (its last one when that week had fewer), when it
    is the same template; otherwise the planned session with no targets (the template's own
    numbers, no step up)."""
    earlier = program.weeks[week_number - 2].sessions
    before = earlier[min(session_number, len(earlier)) - 1]
    if before.template == session.template:
        return before.model_copy(update={"heavy": session.heavy})
    return ProgramSession(template=session.template, heavy=session.heavy)
