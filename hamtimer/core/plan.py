"""Plan compiler: a template becomes an immutable, flat timeline of steps with cues inside.

Every spoken phrase (announcements, setup lines, form cues, "halfway", tempo words) is a
`ScheduledCue` placed so that no two phrases overlap and none runs into the spoken countdown.
The rule, applied per step (see `schedule_cues`):

1. Reserved first, never moved: the countdown window (the last `countdown_s` seconds of a timed
   step) and, in tempo steps, the word that starts each phase of a rep ("down", "hold", "up").
2. Then the step's announcement and setup lines, back to back from 0 s; an after-effort cue
   carried in from the step before ("lower slowly") goes before them.
3. Then form cues and "halfway" in order of the moment they ask for (ties keep template order).
   A cue that would run into the countdown is first pulled earlier to end just before it.
   A cue whose slot is taken goes to the first free moment after it: in a tempo step, a gap
   between the phase words. A cue that cannot finish before the countdown (or the step end)
   is dropped and listed in `Step.dropped`, so `hamtimer show` tells the author.
4. Last, a tempo's counts ("two", "three" through a slow phase) wherever they are still free:
   a form cue is worth more than a count, and the phase words keep the rhythm.

Where a cue is asked for: at the start, N s after it, halfway or N s before the end of the
work; for an open step, of its expected time. A cue at the end of the effort is said as the
next step (a rest, a switch, a get-ready) begins; after the last step, before the closing words.

Phrase length comes from a `speech_length` function: an estimate by default, the measured length
of the rendered WAV once the voice service has it.

A step's `Block`, `Side`, `StepKind` and `TempoPhase`, with their words, are the vocabulary's.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from hamtimer.core.vocabulary import (
    Block,
    CueAt,
    Leg,
    Mode,
    Phase,
    Side,
    Sides,
    StepKind,
    TempoPhase,
)

if TYPE_CHECKING:
    from hamtimer.core.model import Cue, Exercise, Position, Template, Tempo

SpeechLength = Callable[[str], float]

CUE_GAP_S = 0.25
"""Silence kept between two phrases so they never run together."""

MIN_SWITCH_S = 5
MIN_HALFWAY_STEP_S = 16
"""Shorter work steps get no spoken "halfway": it would crowd out the form cues."""

MAX_STEPS = 2000
"""A plan longer than this is refused: no real session has it, a hostile file might."""

FINISH_TEXT = "Session complete. Well done."
POSITION_TITLE = "Get into position"


class CueKind(StrEnum):
    ANNOUNCE = "announce"
    SETUP = "setup"
    CAUTION = "caution"
    FORM = "form"
    HALFWAY = "halfway"
    NEXT = "next"
    TEMPO = "tempo"


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
    """None for an open step that waits for Done; an open step that moves on by itself has
    its expected time here."""
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
    figure_id: str | None = None
    """The exercise's figure (`Exercise.figure_id`); None for none."""

    @property
    def is_timed(self) -> bool:
        return self.duration_s is not None

    @property
    def is_exercise(self) -> bool:
        """Work the user does (a hold, reps, a timed bout or an open step)."""
        return self.kind in (StepKind.WORK, StepKind.OPEN)

    @property
    def done_completes(self) -> bool:
        """Done reaches an open step's goal; on timed work it ends the step early."""
        return self.kind == StepKind.OPEN

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
    closing_cues: tuple[str, ...] = ()
    """After-effort cues of the last step ("lower slowly"): said as the session ends."""
    open_steps: int = field(init=False)
    """Steps that wait for Done."""
    total_s: float = field(init=False)
    """Sum of all timed steps; steps that wait for Done add whatever time the user takes."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_s", sum(s.duration_s or 0.0 for s in self.steps))
        object.__setattr__(self, "open_steps", sum(1 for s in self.steps if not s.is_timed))

    @property
    def finish_text(self) -> str:
        """What is said as the session ends: the closing cues, then `FINISH_TEXT`."""
        return " ".join([*(_sentence(cue) for cue in self.closing_cues), FINISH_TEXT])

    def remaining_after(self, index: int) -> float:
        """Planned seconds of the timed steps after step `index`."""
        return sum(s.duration_s or 0.0 for s in self.steps[index + 1 :])


def _sentence(text: str) -> str:
    """A cue as a sentence, so the closing words read (and are said) as two sentences."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


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
    carried: bool = False
    """An after-effort cue carried into the step after its effort: said before anything else."""


def schedule_cues(
    requests: Sequence[CueRequest],
    *,
    duration_s: float | None,
    countdown_s: int,
    speech_length: SpeechLength,
    fixed: Sequence[CueRequest] = (),
    fill: Sequence[CueRequest] = (),
) -> tuple[tuple[ScheduledCue, ...], tuple[DroppedCue, ...]]:
    """Place phrases so none overlaps another or the countdown (the module docstring's rule):
    `fixed` ones at their moment first, then `requests` in order, then each `fill` phrase at
    its moment only where that is still free (one that isn't is left out, not dropped)."""
    limit = math.inf if duration_s is None else duration_s - countdown_s
    busy: list[tuple[float, float]] = []
    placed: list[ScheduledCue] = []
    dropped: list[DroppedCue] = []

    def place(at_s: float, request: CueRequest, length: float) -> None:
        busy.append((at_s, at_s + length + CUE_GAP_S))
        placed.append(ScheduledCue(at_s, request.text, request.kind, length, request.at_s))

    for request in fixed:
        place(request.at_s, request, speech_length(request.text))
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
        place(slot, request, length)
    for request in fill:
        length = speech_length(request.text)
        slot = _first_free_slot(busy, request.at_s, length + CUE_GAP_S, limit + CUE_GAP_S)
        if slot is not None and math.isclose(slot, request.at_s, abs_tol=1e-9):
            place(slot, request, length)
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


@dataclass(frozen=True, slots=True)
class _Compiling:
    """What every step of one compile shares."""

    first_side: Leg
    countdown_s: int
    speech_length: SpeechLength
    wait_for_done: bool
    """Every open step waits for Done (the user's setting), whatever its template says."""


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
    countdown: bool = True
    """False where the step before already counted in (a position) or a cadence ends it."""
    cadence: list[CueRequest] = field(default_factory=list)
    """A tempo's phase words, at fixed moments."""
    counts: list[CueRequest] = field(default_factory=list)
    """A tempo's counts, said where nothing else is."""
    end_cues: list[str] = field(default_factory=list)
    """Said once the effort is over, at the start of the next step."""
    dropped: list[DroppedCue] = field(default_factory=list)


def compile_plan(
    template: Template,
    speech_length: SpeechLength = estimate_speech_s,
    *,
    wait_for_done: bool = False,
) -> Plan:
    """Turn a validated template into the timeline a session runs. `wait_for_done` keeps every
    open step going until Done (the user's setting); otherwise each exercise's own choice."""
    compiling = _Compiling(template.first_side, template.countdown_s, speech_length, wait_for_done)
    drafts = _draft_steps(template, compiling)
    if len(drafts) > MAX_STEPS:
        raise PlanTooLongError(f"the template compiles to {len(drafts)} steps; at most {MAX_STEPS}")
    closing = _carry_end_cues(drafts)
    _fit_spoken_steps(drafts, compiling)
    steps = [_finish_step(index, draft, drafts, compiling) for index, draft in enumerate(drafts)]
    guided = _with_guidance(steps, template)
    return Plan(template.id, template.name, template.version, guided, tuple(closing))


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


def _draft_steps(template: Template, compiling: _Compiling) -> list[_StepDraft]:
    drafts: list[_StepDraft] = []
    ordered = [(block, ex) for block, exercises in template.blocks() for ex in exercises]
    following = [block for block, _exercise in ordered[1:]] + [None]
    for (block, exercise), after in zip(ordered, following, strict=True):
        drafts.append(_prepare_draft(block, exercise, compiling.first_side))
        drafts.extend(_exercise_drafts(block, exercise, compiling))
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


def _exercise_drafts(block: Block, exercise: Exercise, compiling: _Compiling) -> list[_StepDraft]:
    drafts: list[_StepDraft] = []
    sets = exercise.sets.target
    sides = _sides_for(exercise, compiling.first_side)
    for set_number in range(1, sets + 1):
        for side_index, side in enumerate(sides):
            if side_index > 0:
                drafts.append(_switch_draft(block, exercise, side, set_number, compiling))
            if exercise.position is not None:
                drafts.append(_position_draft(block, exercise, exercise.position, side, set_number))
            drafts.append(_work_draft(block, exercise, side, set_number, compiling))
        if set_number < sets and exercise.rest_between_sets_s > 0:
            upcoming = f"set {set_number + 1} of {sets}"
            last = " Last set next." if set_number + 1 == sets and sets > 1 else ""
            rest = _rest_draft(block, exercise, exercise.rest_between_sets_s, upcoming, last)
            rest.set_number = set_number
            drafts.append(rest)
    return drafts


def _switch_draft(
    block: Block, exercise: Exercise, side: Side, set_number: int, compiling: _Compiling
) -> _StepDraft:
    # The rest between sides is the time to change over (move the heel to the other bench);
    # the 3-2-1 comes after it, not out of it.
    duration = max(MIN_SWITCH_S, exercise.rest_between_sides_s) + compiling.countdown_s
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


def _position_draft(
    block: Block, exercise: Exercise, position: Position, side: Side, set_number: int
) -> _StepDraft:
    """Getting into position before the hold's clock starts: the step before counted in to
    it, and the hold's own start ("Hold.") ends it, so it has no countdown of its own."""
    return _StepDraft(
        StepKind.PREPARE,
        block,
        exercise,
        side,
        set_number,
        exercise.sets.target,
        float(position.seconds),
        POSITION_TITLE,
        position.text,
        [CueRequest(0.0, position.text, CueKind.ANNOUNCE)],
        countdown=False,
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
    block: Block, exercise: Exercise, side: Side, set_number: int, compiling: _Compiling
) -> _StepDraft:
    sets = exercise.sets.target
    last = " Last set." if set_number == sets and sets > 1 else ""
    side_words = f"{side.phrase}." if exercise.sides != Sides.BOTH else ""
    duration, reps, action = _work_shape(exercise, side, compiling.wait_for_done)
    announce = f"{side_words}{last} {action}".strip()
    draft = _StepDraft(
        StepKind.OPEN if exercise.mode == Mode.OPEN else StepKind.WORK,
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
        halfway=exercise.mode in (Mode.HOLD, Mode.TIMED),
    )
    during = [cue for cue in exercise.cues if cue.at != CueAt.END]
    draft.end_cues = [cue.text for cue in exercise.cues if cue.at == CueAt.END]
    if exercise.tempo is not None and reps is not None:
        _add_cadence(draft, exercise.tempo, reps, during, compiling.speech_length)
    else:
        # An open step's cues keep their moments, measured on its expected time.
        span = duration if duration is not None else float(exercise.expected_duration_s)
        draft.requests += [_form_request(cue, span) for cue in during]
    return draft


def _work_shape(
    exercise: Exercise, side: Side, wait_for_done: bool
) -> tuple[float | None, int | None, str]:
    """Duration (None: until Done), reps and the spoken action of one work step."""
    if exercise.hold_s is not None:
        return float(exercise.hold_s.target), None, "Hold."
    if exercise.work_s is not None:
        return float(exercise.work_s), None, "Go."
    if exercise.reps is not None:
        reps = exercise.reps.target * (2 if side == Side.ALTERNATE else 1)
        if exercise.tempo is not None:
            return float(reps * exercise.tempo.rep_s), reps, f"{reps} slow reps."
        return reps * exercise.seconds_per_rep, reps, f"{reps} reps. Go."
    goal = f" {exercise.goal}." if exercise.goal else ""
    if wait_for_done or exercise.wait_for_done:
        return None, None, f"Go.{goal} Press done when finished."
    return float(exercise.expected_duration_s), None, f"Go.{goal}"


def _add_cadence(
    draft: _StepDraft,
    tempo: Tempo,
    reps: int,
    cues: Sequence[Cue],
    speech_length: SpeechLength,
) -> None:
    """A tempo step: the announcement and the start cues first, then the reps in the tempo's
    order, its phase words fixed and its counts filling what the form cues leave free. The
    cadence ends the set, so there is no 3-2-1 on top of the last "up"."""
    said_first = [draft.requests[0].text, *(cue.text for cue in cues if cue.at == CueAt.START)]
    lead_in = math.ceil(sum(speech_length(text) + CUE_GAP_S for text in said_first))
    draft.tempo = _tempo_marks(tempo, reps, float(lead_in))
    draft.duration_s = float(lead_in + reps * tempo.rep_s)
    draft.countdown = False
    draft.cadence, draft.counts = _cadence(draft.tempo, tempo)
    draft.requests += [_form_request(cue, draft.duration_s) for cue in cues]


def _tempo_marks(tempo: Tempo, reps: int, start_s: float) -> tuple[TempoMark, ...]:
    """Where each phase of each rep starts, in the tempo's order."""
    marks: list[TempoMark] = []
    at = start_s
    for rep in range(1, reps + 1):
        for phase, seconds in tempo.phases():
            marks.append(TempoMark(at, rep, phase))
            at += seconds
    return tuple(marks)


_PHASE_WORDS = {TempoPhase.LOWER: "down", TempoPhase.PAUSE: "hold", TempoPhase.LIFT: "up"}
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _cadence(marks: Sequence[TempoMark], tempo: Tempo) -> tuple[list[CueRequest], list[CueRequest]]:
    """The words of a tempo: each phase named as it starts ("down", "hold", "up"), and the
    seconds of a slow lowering or lifting counted after it ("two", "three")."""
    seconds = dict(tempo.phases())
    words: list[CueRequest] = []
    counts: list[CueRequest] = []
    for mark in marks:
        words.append(CueRequest(mark.at_s, _PHASE_WORDS[mark.phase], CueKind.TEMPO))
        if mark.phase == TempoPhase.PAUSE:
            continue
        for second in range(1, seconds[mark.phase]):
            counts.append(CueRequest(mark.at_s + second, _count_word(second + 1), CueKind.TEMPO))
    return words, counts


def _count_word(number: int) -> str:
    return _NUMBER_WORDS[number - 1] if number <= len(_NUMBER_WORDS) else str(number)


def _form_request(cue: Cue, duration_s: float) -> CueRequest:
    if cue.at == CueAt.START:
        return CueRequest(0.0, cue.text, CueKind.FORM)
    if cue.at == CueAt.HALFWAY:
        return CueRequest(duration_s / 2, cue.text, CueKind.FORM)
    offset = float(cue.offset_s or 0)
    if cue.at == CueAt.AFTER:
        return CueRequest(min(offset, duration_s), cue.text, CueKind.FORM)
    return CueRequest(max(0.0, duration_s - offset), cue.text, CueKind.FORM, pulled_back=True)


def _carry_end_cues(drafts: list[_StepDraft]) -> list[str]:
    """After-effort cues move to the start of the step after their effort: a rest, a switch
    or a get-ready. Straight into more work they would talk over it, so they are dropped (and
    listed); after the session's last step they are returned, to go before the closing words."""
    for draft, following in itertools.pairwise(drafts):
        if not draft.end_cues:
            continue
        if following.kind in (StepKind.WORK, StepKind.OPEN):
            requested = draft.duration_s or 0.0
            reason = "no rest after the effort to say it in"
            draft.dropped += [
                DroppedCue(text, CueKind.FORM, requested, reason) for text in draft.end_cues
            ]
            continue
        carried = [CueRequest(0.0, text, CueKind.FORM, carried=True) for text in draft.end_cues]
        following.requests[:0] = carried
    return list(drafts[-1].end_cues) if drafts else []


def _fit_spoken_steps(drafts: list[_StepDraft], compiling: _Compiling) -> None:
    """Prepare and switch steps grow so what they say finishes before the countdown."""
    for draft in drafts:
        if draft.kind not in (StepKind.PREPARE, StepKind.SWITCH) or draft.duration_s is None:
            continue
        spoken = sum(compiling.speech_length(r.text) + CUE_GAP_S for r in draft.requests)
        countdown = compiling.countdown_s if draft.countdown else 0
        needed = math.ceil(spoken + countdown + 1.0)
        draft.duration_s = max(draft.duration_s, float(needed))


def _finish_step(
    index: int, draft: _StepDraft, drafts: Sequence[_StepDraft], compiling: _Compiling
) -> Step:
    duration = draft.duration_s
    has_room = duration is not None and duration >= compiling.countdown_s + 1
    countdown = compiling.countdown_s if has_room and draft.countdown else 0
    following = next((d for d in drafts[index + 1 :] if d.kind != StepKind.REST), None)
    next_title = _describe(following) if following is not None else None
    requests = list(draft.requests)
    halfway_s = duration / 2 if draft.halfway and duration else None
    if halfway_s is not None and duration is not None and duration >= MIN_HALFWAY_STEP_S:
        requests.append(CueRequest(halfway_s, "Halfway.", CueKind.HALFWAY))
    if draft.kind == StepKind.REST and next_title is not None:
        requests.append(CueRequest(0.0, f"Next: {next_title}.", CueKind.NEXT))
    cues, dropped = schedule_cues(
        sorted(requests, key=_speaking_order),
        duration_s=duration,
        countdown_s=countdown,
        speech_length=compiling.speech_length,
        fixed=draft.cadence,
        fill=draft.counts,
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
        dropped=(*dropped, *draft.dropped),
        countdown_s=countdown,
        halfway_s=halfway_s,
        tempo=draft.tempo,
        reps=draft.reps,
        next_title=next_title,
        figure_id=draft.exercise.figure_id,
    )


_LEADING_KINDS = (CueKind.ANNOUNCE, CueKind.SETUP, CueKind.CAUTION, CueKind.NEXT)


def _speaking_order(request: CueRequest) -> tuple[bool, bool, float]:
    """A carried after-effort cue, then the announcement and setup lines, then the rest in
    the order of the moment they ask for (a stable sort keeps template order for ties)."""
    return (not request.carried, request.kind not in _LEADING_KINDS, request.at_s)


def _describe(draft: _StepDraft) -> str:
    """'Single-leg bridge, left leg, set 2 of 3' for "next" captions and rest announcements."""
    parts = [draft.exercise.name]
    if draft.side in (Side.LEFT, Side.RIGHT):
        parts.append(draft.side.phrase.lower())
    if draft.set_count > 1:
        parts.append(f"set {draft.set_number} of {draft.set_count}")
    return ", ".join(parts)
