"""Plan compiler: a template becomes an immutable, flat timeline of steps with cues inside.

Every spoken phrase (announcements, setup lines, form cues, "halfway", tempo counts) is a
`ScheduledCue` placed so that no two phrases overlap and none runs into the spoken countdown.
The rule, applied per step (see `schedule_cues`):

1. Reserved first, never moved: the countdown window (the last `countdown_s` seconds of a timed
   step) and, in tempo steps, the cadence words ("down", "two", ... "up").
2. Then the step's announcement and setup lines, back to back from 0 s.
3. Then form cues and "halfway" in order of the moment they ask for (ties keep template order).
   A cue that would run into the countdown is first pulled earlier to end just before it.
   A cue whose slot is taken goes to the first free moment after it. A cue that cannot finish
   before the countdown (or the step end) is dropped and listed in `Step.dropped`, so
   `hamtimer show` tells the author.

Phrase length comes from a `speech_length` function: an estimate by default, the measured length
of the rendered WAV once the voice service has it.

A step's `Block`, `Side` and `StepKind`, with their words, are the vocabulary's; the plan
re-exports them for the modules that still import them from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from hamtimer.core.vocabulary import Block, CueAt, Leg, Mode, Phase, Side, Sides, StepKind

if TYPE_CHECKING:
    from hamtimer.core.model import Cue, Exercise, Template

SpeechLength = Callable[[str], float]

CUE_GAP_S = 0.25
"""Silence kept between two phrases so they never run together."""

MIN_SWITCH_S = 5
MIN_HALFWAY_STEP_S = 16
"""Shorter work steps get no spoken "halfway": it would crowd out the form cues."""

MAX_STEPS = 2000
"""A plan longer than this is refused: no real session has it, a hostile file might."""


class CueKind(StrEnum):
    ANNOUNCE = "announce"
    SETUP = "setup"
    CAUTION = "caution"
    FORM = "form"
    HALFWAY = "halfway"
    NEXT = "next"
    TEMPO = "tempo"


class TempoPhase(StrEnum):
    LOWER = "lower"
    PAUSE = "pause"
    LIFT = "lift"


def caution_phrase(caution: str) -> str:
    """How an exercise's caution is said and captioned."""
    return f"Caution: {caution}"


def estimate_speech_s(text: str) -> float:
    """Rough spoken length at a default speech rate (~165 words a minute) plus pauses."""
    words = len(text.split())
    pauses = len(re.findall(r"[,.;:!?]", text))
    return 0.25 + 0.36 * words + 0.15 * pauses


@dataclass(frozen=True, slots=True)
class ScheduledCue:
    at_s: float
    text: str
    kind: CueKind
    length_s: float
    requested_s: float
    """Where the template asked for it; differs from `at_s` when the rule moved it."""

    @property
    def end_s(self) -> float:
        return self.at_s + self.length_s

    @property
    def moved(self) -> bool:
        return not math.isclose(self.at_s, self.requested_s, abs_tol=1e-6)


@dataclass(frozen=True, slots=True)
class DroppedCue:
    text: str
    kind: CueKind
    requested_s: float
    reason: str


@dataclass(frozen=True, slots=True)
class TempoMark:
    """The start of one phase of one rep in a tempo step."""

    at_s: float
    rep: int
    phase: TempoPhase


@dataclass(frozen=True, slots=True)
class Step:
    index: int
    kind: StepKind
    block: Block
    exercise_id: str
    exercise_name: str
    mode: Mode
    side: Side
    set_number: int
    set_count: int
    duration_s: float | None
    """None for an open step: the user ends it with Done."""
    title: str
    detail: str
    cues: tuple[ScheduledCue, ...] = ()
    dropped: tuple[DroppedCue, ...] = ()
    countdown_s: int = 0
    halfway_s: float | None = None
    tempo: tuple[TempoMark, ...] = ()
    reps: int | None = None
    next_title: str | None = None
    caution: str | None = None
    """On an exercise's first get-ready step: its caution, shown while getting ready."""
    notes: tuple[str, ...] = ()
    """On an exercise's first get-ready step: its notes (and the template's, on the first)."""

    @property
    def is_timed(self) -> bool:
        return self.duration_s is not None

    @property
    def is_exercise(self) -> bool:
        """Work the user does (a hold, reps, a timed bout or an open step)."""
        return self.kind in (StepKind.WORK, StepKind.OPEN)

    @property
    def set_label(self) -> str:
        return f"Set {self.set_number} of {self.set_count}"

    @property
    def phase(self) -> Phase:
        """What the step is shown as: its kind, except that a timed hold is a HOLD."""
        return self.kind.phase(self.mode)


@dataclass(frozen=True, slots=True)
class Plan:
    template_id: str
    template_name: str
    template_version: int
    steps: tuple[Step, ...]
    finish_text: str = "Session complete. Well done."
    open_steps: int = field(init=False)
    total_s: float = field(init=False)
    """Sum of all timed steps; open steps add whatever time the user takes."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_s", sum(s.duration_s or 0.0 for s in self.steps))
        object.__setattr__(self, "open_steps", sum(1 for s in self.steps if not s.is_timed))

    def remaining_after(self, index: int) -> float:
        """Planned seconds of the timed steps after step `index`."""
        return sum(s.duration_s or 0.0 for s in self.steps[index + 1 :])


class PlanTooLongError(ValueError):
    """The template would compile to more steps than any real session has."""


# --- cue scheduling -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CueRequest:
    """A phrase asking to be spoken at `at_s` within its step."""

    at_s: float
    text: str
    kind: CueKind
    pulled_back: bool = False
    """before_end cues may move earlier to clear the countdown; others only move later."""


def schedule_cues(
    requests: Sequence[CueRequest],
    *,
    duration_s: float | None,
    countdown_s: int,
    speech_length: SpeechLength,
    fixed: Sequence[CueRequest] = (),
) -> tuple[tuple[ScheduledCue, ...], tuple[DroppedCue, ...]]:
    """Place phrases so none overlaps another or the countdown (the module docstring's rule)."""
    limit = math.inf if duration_s is None else duration_s - countdown_s
    busy: list[tuple[float, float]] = []
    placed: list[ScheduledCue] = []
    dropped: list[DroppedCue] = []
    for request in fixed:
        length = speech_length(request.text)
        busy.append((request.at_s, request.at_s + length + CUE_GAP_S))
        placed.append(ScheduledCue(request.at_s, request.text, request.kind, length, request.at_s))
    for request in requests:
        length = speech_length(request.text)
        start = request.at_s
        if request.pulled_back and start + length > limit:
            start = max(0.0, limit - length - CUE_GAP_S)
        slot = _first_free_slot(busy, start, length + CUE_GAP_S, limit + CUE_GAP_S)
        if slot is None:
            reason = "no room before the countdown" if duration_s else "no room in the step"
            dropped.append(DroppedCue(request.text, request.kind, request.at_s, reason))
            continue
        busy.append((slot, slot + length + CUE_GAP_S))
        placed.append(ScheduledCue(slot, request.text, request.kind, length, request.at_s))
    placed.sort(key=lambda cue: cue.at_s)
    return tuple(placed), tuple(dropped)


def _first_free_slot(
    busy: Iterable[tuple[float, float]], start: float, needed: float, limit: float
) -> float | None:
    """Earliest moment >= start where `needed` seconds are free and end by `limit`."""
    candidate = start
    for begin, end in sorted(busy):
        if end <= candidate:
            continue
        if begin >= candidate + needed:
            break
        candidate = end
    return candidate if candidate + needed <= limit + 1e-9 else None


# --- compiling ----------------------------------------------------------------------------


@dataclass
class _StepDraft:
    """A step before scheduling: what it asks to say, in order."""

    kind: StepKind
    block: Block
    exercise: Exercise
    side: Side
    set_number: int
    set_count: int
    duration_s: float | None
    title: str
    detail: str
    requests: list[CueRequest]
    reps: int | None = None
    tempo: tuple[TempoMark, ...] = ()
    halfway: bool = False


def compile_plan(template: Template, speech_length: SpeechLength = estimate_speech_s) -> Plan:
    """Turn a validated template into the timeline a session runs."""
    drafts = _draft_steps(template, speech_length)
    if len(drafts) > MAX_STEPS:
        raise PlanTooLongError(f"the template compiles to {len(drafts)} steps; at most {MAX_STEPS}")
    _fit_spoken_steps(drafts, template.countdown_s, speech_length)
    steps = [
        _finish_step(index, draft, drafts, template.countdown_s, speech_length)
        for index, draft in enumerate(drafts)
    ]
    return Plan(template.id, template.name, template.version, _with_guidance(steps, template))


def _with_guidance(steps: Sequence[Step], template: Template) -> tuple[Step, ...]:
    """Notes and cautions on each exercise's first get-ready step, where the user reads them
    before starting it; the template's notes open the session."""
    by_id = {exercise.id: exercise for exercise in template.all_exercises()}
    seen: set[str] = set()
    result: list[Step] = []
    for step in steps:
        if step.kind != StepKind.PREPARE or step.exercise_id in seen:
            result.append(step)
            continue
        seen.add(step.exercise_id)
        exercise = by_id[step.exercise_id]
        opening = (template.notes,) if not result and template.notes else ()
        own = (exercise.notes,) if exercise.notes else ()
        result.append(replace(step, caution=exercise.caution, notes=opening + own))
    return tuple(result)


def _draft_steps(template: Template, speech_length: SpeechLength) -> list[_StepDraft]:
    drafts: list[_StepDraft] = []
    first = template.first_side
    ordered = [(block, ex) for block, exercises in template.blocks() for ex in exercises]
    following = [block for block, _exercise in ordered[1:]] + [None]
    for (block, exercise), after in zip(ordered, following, strict=True):
        drafts.append(_prepare_draft(block, exercise, first))
        drafts.extend(_exercise_drafts(block, exercise, first, speech_length))
        if _rests_before(block, after) and template.rest_between_exercises_s > 0:
            drafts.append(
                _rest_draft(block, exercise, template.rest_between_exercises_s, "Rest", None)
            )
    return drafts


def _rests_before(block: Block, following: Block | None) -> bool:
    """Only main exercises rest between them. Warm-up moves and cool-down stretches run on
    into each other, and a block into the next, with the next get-ready step as the only
    transition: a rest would cool the body the warm-up has just warmed."""
    return block == Block.MAIN and following == Block.MAIN


def _sides_for(exercise: Exercise, first: Leg) -> list[Side]:
    if exercise.sides == Sides.EACH:
        return [first.side, first.other.side]
    return [Side.ALTERNATE if exercise.sides == Sides.ALTERNATE else Side.BOTH]


def _prepare_draft(block: Block, exercise: Exercise, first: Leg) -> _StepDraft:
    side = _sides_for(exercise, first)[0]
    sides = f" {side.phrase} first." if exercise.sides == Sides.EACH else ""
    requests = [CueRequest(0.0, f"{exercise.name}.{sides}", CueKind.ANNOUNCE)]
    requests += [CueRequest(0.0, line, CueKind.SETUP) for line in exercise.setup]
    if exercise.caution:
        # Said like a setup line, once: an exercise has one get-ready step per session.
        requests.append(CueRequest(0.0, caution_phrase(exercise.caution), CueKind.CAUTION))
    return _StepDraft(
        StepKind.PREPARE,
        block,
        exercise,
        side,
        1,
        exercise.sets.target,
        float(exercise.prepare_s),
        "Get ready",
        exercise.amount_label(),
        requests,
    )


def _exercise_drafts(
    block: Block, exercise: Exercise, first: Leg, speech_length: SpeechLength
) -> list[_StepDraft]:
    drafts: list[_StepDraft] = []
    sets = exercise.sets.target
    sides = _sides_for(exercise, first)
    for set_number in range(1, sets + 1):
        for side_index, side in enumerate(sides):
            if side_index > 0:
                drafts.append(_switch_draft(block, exercise, side, set_number))
            drafts.append(_work_draft(block, exercise, side, set_number, speech_length))
        if set_number < sets and exercise.rest_between_sets_s > 0:
            upcoming = f"set {set_number + 1} of {sets}"
            last = " Last set next." if set_number + 1 == sets and sets > 1 else ""
            rest = _rest_draft(block, exercise, exercise.rest_between_sets_s, upcoming, last)
            rest.set_number = set_number
            drafts.append(rest)
    return drafts


def _switch_draft(block: Block, exercise: Exercise, side: Side, set_number: int) -> _StepDraft:
    duration = max(MIN_SWITCH_S, exercise.rest_between_sides_s)
    say = f"Switch sides. {side.phrase}."
    return _StepDraft(
        StepKind.SWITCH,
        block,
        exercise,
        side,
        set_number,
        exercise.sets.target,
        float(duration),
        "Switch sides",
        f"{side.phrase} next",
        [CueRequest(0.0, say, CueKind.ANNOUNCE)],
    )


def _rest_draft(
    block: Block, exercise: Exercise, seconds: int, upcoming: str, suffix: str | None
) -> _StepDraft:
    return _StepDraft(
        StepKind.REST,
        block,
        exercise,
        Side.BOTH,
        exercise.sets.target,
        exercise.sets.target,
        float(seconds),
        "Rest",
        upcoming,
        [CueRequest(0.0, f"Rest {seconds} seconds.{suffix or ''}", CueKind.ANNOUNCE)],
    )


def _work_draft(
    block: Block, exercise: Exercise, side: Side, set_number: int, speech_length: SpeechLength
) -> _StepDraft:
    sets = exercise.sets.target
    last = " Last set." if set_number == sets and sets > 1 else ""
    side_words = f"{side.phrase}." if exercise.sides != Sides.BOTH else ""
    duration, reps, tempo, action = _work_shape(exercise, side)
    announce = f"{side_words}{last} {action}".strip()
    if tempo and duration is not None:
        # The cadence starts once the announcement is over, so the two never collide.
        lead_in = math.ceil(speech_length(announce) + CUE_GAP_S)
        tempo = tuple(TempoMark(m.at_s + lead_in, m.rep, m.phase) for m in tempo)
        duration += lead_in
    draft = _StepDraft(
        StepKind.WORK if duration is not None else StepKind.OPEN,
        block,
        exercise,
        side,
        set_number,
        sets,
        duration,
        exercise.name,
        exercise.amount_label(),
        [CueRequest(0.0, announce, CueKind.ANNOUNCE)],
        reps=reps,
        tempo=tempo,
    )
    if duration is not None and not tempo:
        draft.requests += [_form_request(cue, duration) for cue in exercise.cues]
        draft.halfway = exercise.mode in (Mode.HOLD, Mode.TIMED)
    elif duration is None:
        draft.requests += [CueRequest(0.0, cue.text, CueKind.FORM) for cue in exercise.cues]
    return draft


def _work_shape(
    exercise: Exercise, side: Side
) -> tuple[float | None, int | None, tuple[TempoMark, ...], str]:
    """Duration, reps, tempo marks and the spoken action word of one work step."""
    if exercise.hold_s is not None:
        return float(exercise.hold_s.target), None, (), "Hold."
    if exercise.work_s is not None:
        return float(exercise.work_s), None, (), "Go."
    if exercise.reps is not None:
        reps = exercise.reps.target * (2 if side == Side.ALTERNATE else 1)
        if exercise.tempo is not None:
            marks = _tempo_marks(
                reps, exercise.tempo.lower_s, exercise.tempo.pause_s, exercise.tempo.lift_s
            )
            return float(reps * exercise.tempo.rep_s), reps, marks, f"{reps} slow reps."
        return reps * exercise.seconds_per_rep, reps, (), f"{reps} reps. Go."
    goal = f" {exercise.goal}." if exercise.goal else ""
    return None, None, (), f"Go.{goal} Press done when finished."


def _tempo_marks(reps: int, lower_s: int, pause_s: int, lift_s: int) -> tuple[TempoMark, ...]:
    marks: list[TempoMark] = []
    rep_s = lower_s + pause_s + lift_s
    for rep in range(1, reps + 1):
        start = (rep - 1) * rep_s
        marks.append(TempoMark(float(start), rep, TempoPhase.LOWER))
        if pause_s:
            marks.append(TempoMark(float(start + lower_s), rep, TempoPhase.PAUSE))
        marks.append(TempoMark(float(start + lower_s + pause_s), rep, TempoPhase.LIFT))
    return tuple(marks)


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _cadence(tempo: Sequence[TempoMark], lift_s: float) -> list[CueRequest]:
    """Words for the tempo: 'down, two, three' over the lowering, 'hold', then 'up'."""
    requests: list[CueRequest] = []
    for mark, following in zip(tempo, [*tempo[1:], None], strict=True):
        end = following.at_s if following is not None else mark.at_s + lift_s
        if mark.phase == TempoPhase.LOWER:
            requests.append(CueRequest(mark.at_s, "down", CueKind.TEMPO))
            for second in range(1, int(end - mark.at_s)):
                word = _NUMBER_WORDS[second] if second < len(_NUMBER_WORDS) else str(second + 1)
                requests.append(CueRequest(mark.at_s + second, word, CueKind.TEMPO))
        elif mark.phase == TempoPhase.PAUSE:
            requests.append(CueRequest(mark.at_s, "hold", CueKind.TEMPO))
        else:
            requests.append(CueRequest(mark.at_s, "up", CueKind.TEMPO))
    return requests


def _form_request(cue: Cue, duration_s: float) -> CueRequest:
    if cue.at == CueAt.START:
        return CueRequest(0.0, cue.text, CueKind.FORM)
    if cue.at == CueAt.HALFWAY:
        return CueRequest(duration_s / 2, cue.text, CueKind.FORM)
    offset = float(cue.offset_s or 0)
    if cue.at == CueAt.AFTER:
        return CueRequest(min(offset, duration_s), cue.text, CueKind.FORM)
    return CueRequest(max(0.0, duration_s - offset), cue.text, CueKind.FORM, pulled_back=True)


def _fit_spoken_steps(drafts: list[_StepDraft], countdown_s: int, length: SpeechLength) -> None:
    """Prepare, switch and rest steps grow so their announcements finish before the countdown."""
    for draft in drafts:
        if draft.kind not in (StepKind.PREPARE, StepKind.SWITCH) or draft.duration_s is None:
            continue
        spoken = sum(length(r.text) + CUE_GAP_S for r in draft.requests if r.at_s == 0.0)
        needed = math.ceil(spoken + countdown_s + 1.0)
        draft.duration_s = max(draft.duration_s, float(needed))


def _finish_step(
    index: int,
    draft: _StepDraft,
    drafts: Sequence[_StepDraft],
    countdown_s: int,
    speech_length: SpeechLength,
) -> Step:
    duration = draft.duration_s
    # Tempo steps end on their own cadence; a 3-2-1 on top would talk over "up".
    has_room = duration is not None and duration >= countdown_s + 1
    countdown = countdown_s if has_room and not draft.tempo else 0
    following = next((d for d in drafts[index + 1 :] if d.kind != StepKind.REST), None)
    next_title = _describe(following) if following is not None else None
    requests = list(draft.requests)
    halfway_s = duration / 2 if draft.halfway and duration else None
    if halfway_s is not None and duration is not None and duration >= MIN_HALFWAY_STEP_S:
        requests.append(CueRequest(halfway_s, "Halfway.", CueKind.HALFWAY))
    if draft.kind == StepKind.REST and next_title is not None:
        requests.append(CueRequest(0.0, f"Next: {next_title}.", CueKind.NEXT))
    fixed: list[CueRequest] = []
    if draft.tempo and draft.exercise.tempo is not None:
        fixed = _cadence(draft.tempo, draft.exercise.tempo.lift_s)
    # The announcement and setup lines come first; the rest keep their requested order.
    ordered = sorted(requests, key=lambda r: (r.kind not in _LEADING_KINDS, r.at_s))
    cues, dropped = schedule_cues(
        ordered,
        duration_s=duration,
        countdown_s=countdown,
        speech_length=speech_length,
        fixed=fixed,
    )
    return Step(
        index=index,
        kind=draft.kind,
        block=draft.block,
        exercise_id=draft.exercise.id,
        exercise_name=draft.exercise.name,
        mode=draft.exercise.mode,
        side=draft.side,
        set_number=draft.set_number,
        set_count=draft.set_count,
        duration_s=duration,
        title=draft.title,
        detail=draft.detail,
        cues=cues,
        dropped=dropped,
        countdown_s=countdown,
        halfway_s=halfway_s,
        tempo=draft.tempo,
        reps=draft.reps,
        next_title=next_title,
    )


_LEADING_KINDS = (CueKind.ANNOUNCE, CueKind.SETUP, CueKind.CAUTION, CueKind.NEXT)


def _describe(draft: _StepDraft) -> str:
    """'Single-leg bridge, left leg, set 2 of 3' for "next" captions and rest announcements."""
    parts = [draft.exercise.name]
    if draft.side in (Side.LEFT, Side.RIGHT):
        parts.append(draft.side.phrase.lower())
    if draft.set_count > 1:
        parts.append(f"set {draft.set_number} of {draft.set_count}")
    return ", ".join(parts)
