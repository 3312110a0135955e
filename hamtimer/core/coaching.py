"""Advice from the history, in our own words, each naming the seed article it rests on.

The rules (the README's History section has them as a table):
- pain: the last session at 7/10 or more: stop and rest; 4 or more in two of the last three
  sessions, or rising over them to 4 or more: ease off; sore now (4 or more): swap a run for
  swimming or cycling, don't run through pain that changes your stride;
- frequency: 2-3 sessions a week; a fourth this week is warned about, training on consecutive
  days asks for a rest day, and last week outside 2-3 gets a note;
- a slump (hold or rep totals falling over the last three sessions of a template): ease off,
  and no step up;
- progression, per leg: after three sessions of a template in a row with every set done at
  the user's current numbers on each leg (effort at most 7 and pain at most 3, both logged),
  the next step: holds 5 s longer up to the template's maximum, or one rep more within the
  range, then one set more, then the harder template from the same article; when only one
  leg is there, stay until the other is;
- the weaker leg (holding 10% less over recent sessions) is named, to start with it.

Only sessions that count as training (at least half of the planned work done) are counted.
Pure: history entries for every session, the full records of the newest sessions of the
template the advice is about, and that template as the user runs it now (`TemplateNow`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING

from hamtimer.core.history import HistoryEntry
from hamtimer.core.history_stats import (
    WEEKLY_TARGET,
    on_target,
    sessions_per_week,
    training,
    week_start,
)
from hamtimer.core.session_record import FULL_HOLD_SLACK_S, LegRecord, SessionRecord
from hamtimer.core.vocabulary import Leg, Level, Side

if TYPE_CHECKING:
    from hamtimer.core.model import Amount, Exercise, Template

PROGRESS_AFTER = 3
"""Sessions in a row, every set done at the current numbers, before the next step."""
PROGRESS_EFFORT_MAX = 7
PROGRESS_PAIN_MAX = 3
HOLD_STEP_S = 5
REP_STEP = 1
PAIN_STOP = 7
"""One session at this pain (0-10) or more: stop and rest."""
PAIN_HIGH = 4
"""Pain at this or more in two of the last three sessions (or rising to it): ease off."""
PAIN_SESSIONS = 3
SLUMP_SESSIONS = 3
IMBALANCE_SHARE = 0.10
"""A leg holding this much less than the other, on average, is called the weaker one."""
IMBALANCE_SESSIONS = 5

# The seed articles the advice rests on, by title (a citation, not our words).
TRAINING_ARTICLE = "Improve Running Performance: Hamstring Training Benefits & Techniques"
EXERCISES_ARTICLE = "The 7 Best Running Workouts for Hamstrings"


class AdviceKind(StrEnum):
    STOP = "stop"
    EASE_OFF = "ease_off"
    SORENESS = "soreness"
    SLUMP = "slump"
    TOO_MANY = "too_many"
    REST = "rest"
    OFF_TARGET = "off_target"
    PROGRESS = "progress"
    LEG_GAP = "leg_gap"
    HARDER = "harder"
    WEAKER_LEG = "weaker_leg"


HOLDING_BACK = frozenset({AdviceKind.STOP, AdviceKind.EASE_OFF, AdviceKind.SLUMP})
"""While any of these is given, no step up is suggested."""


@dataclass(frozen=True, slots=True)
class Advice:
    kind: AdviceKind
    text: str
    """What to do, in our own words."""
    source: str
    """The title of the article it rests on (quoted as a citation)."""
    why: str
    """What that article says that the advice rests on, in our own words."""
    leg: Leg | None = None
    """For WEAKER_LEG: the leg to start with."""


# What each article says that advice rests on, in our own words.
WHY_PAIN_STOP = (
    "It warns that pushing on through hamstring pain invites an injury, and asks you to let"
    " the muscles heal before training them hard again."
)
WHY_EASE_OFF = (
    "It counts pain during training and soreness that keeps returning among the signs of"
    " overtraining, and answers them with lighter or fewer sessions until they clear."
)
WHY_SORENESS = (
    "Some soreness after training is normal, it says; when it alters how you run, trade"
    " running for low-impact exercise such as swimming or cycling for a while."
)
WHY_SLUMP = (
    "A drop in performance is one of the overtraining signs it names; its remedy is easier"
    " or less frequent training and time to recover."
)
WHY_WEEKLY = (
    "It sets hamstring work at two to three sessions a week: enough to build strength, with"
    " recovery time between sessions and less risk of overuse."
)
WHY_REST_DAYS = (
    "It treats rest days as part of the training: muscles repair and gain strength between"
    " sessions, and leaving out rest risks an injury."
)
WHY_ONE_LEG = (
    "It points out that one-leg exercises help to even out differences in strength between"
    " your two legs."
)


# -- what the user runs now ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Setting:
    """One number of an exercise: what the user runs now, and the most the template allows."""

    now: int
    top: int


@dataclass(frozen=True, slots=True)
class ExerciseNow:
    id: str
    name: str
    sets: Setting
    hold_s: Setting | None = None
    reps: Setting | None = None


@dataclass(frozen=True, slots=True)
class TemplateNow:
    """A template as the user runs it now: their quick-adjust choice for each number, the
    template's range for how far it goes, and the harder template from the same article."""

    id: str
    name: str
    source: str
    """The title of the article its exercises and ranges come from."""
    exercises: tuple[ExerciseNow, ...]
    """The main exercises that count holds or reps, as chosen (left-out ones are not here)."""
    range_label: str = ""
    """Its ranges in words ('20-30 s holds'), for the advice's why."""
    harder: str | None = None
    """The name of the harder template, if the library has one."""


def template_now(adjusted: Template, harder: Template | None = None) -> TemplateNow:
    """`adjusted` is the template with the user's choice laid over it (`apply_choice`): its
    targets are the choice, its maximums the template's own."""
    exercises = tuple(
        _exercise_now(exercise)
        for exercise in adjusted.exercises
        if exercise.hold_s is not None or exercise.reps is not None
    )
    labels = [_range_label(exercise) for exercise in adjusted.exercises]
    return TemplateNow(
        adjusted.id,
        adjusted.name,
        adjusted.source.title,
        exercises,
        "; ".join(label for label in labels if label),
        harder.name if harder is not None else None,
    )


def harder_template(template: Template, library: Iterable[Template]) -> Template | None:
    """The next level up from the same article (the weighted hinge after the plain one)."""
    levels = list(Level)
    above = [
        other
        for other in library
        if other.source.title == template.source.title
        and levels.index(other.level) > levels.index(template.level)
    ]
    return min(above, key=lambda other: levels.index(other.level), default=None)


FIRST_TEMPLATE = "isometric-bridge-hold"
"""Where a new user starts: the beginner isometric session (a still hold, no fatigue)."""


def template_to_show(
    library: Sequence[Template],
    last_used: str | None,
    entries: Sequence[HistoryEntry],
    records_of: Callable[[str], Sequence[SessionRecord]],
    now_of: Callable[[Template], TemplateNow],
) -> Template | None:
    """The template Train opens on: the one last started; else, once there is history, the
    newest trained template, or its harder version once progression says the user is ready
    for it; else the beginner isometric session (else the first beginner one, else the
    first). `records_of(template_id)` gives its recent full records (`recent_training`),
    `now_of` the template as the user runs it now."""
    by_id = {template.id: template for template in library}
    if last_used in by_id:
        return by_id[last_used]
    newest = next(
        (by_id[e.template_id] for e in _newest_first(training(entries)) if e.template_id in by_id),
        None,
    )
    if newest is not None:
        advice = progress(now_of(newest), records_of(newest.id))
        harder = harder_template(newest, library)
        ready = any(a.kind == AdviceKind.HARDER for a in advice)
        return harder if ready and harder is not None else newest
    beginners = [template for template in library if template.level == Level.BEGINNER]
    return by_id.get(FIRST_TEMPLATE) or next(iter(beginners), None) or next(iter(library), None)


def _setting(amount: Amount) -> Setting:
    return Setting(amount.target, amount.max or amount.target)


def _exercise_now(exercise: Exercise) -> ExerciseNow:
    return ExerciseNow(
        exercise.id,
        exercise.name,
        _setting(exercise.sets),
        _setting(exercise.hold_s) if exercise.hold_s is not None else None,
        _setting(exercise.reps) if exercise.reps is not None else None,
    )


def _range_label(exercise: Exercise) -> str:
    if exercise.hold_s is not None and exercise.hold_s.is_range:
        return f"{exercise.hold_s.label()} s holds"
    if exercise.reps is not None and exercise.reps.is_range:
        return f"{exercise.reps.label()} reps"
    return ""


# -- all the advice -----------------------------------------------------------------------


def advise(
    entries: Sequence[HistoryEntry],
    today: date,
    template_id: str | None = None,
    now: TemplateNow | None = None,
    records: Sequence[SessionRecord] = (),
) -> list[Advice]:
    """Every piece of advice, the most urgent first. `template_id` is the template the
    slump, progression and weaker-leg advice are about; `records` are the full records of its
    newest sessions that count as training (`recent_training`), newest first."""
    advice = warnings(entries, today)
    of_template = [e for e in entries if template_id is None or e.template_id == template_id]
    if template_id is not None:
        advice += _optional(slump(of_template))
    if not any(a.kind == AdviceKind.TOO_MANY for a in advice):
        advice += _optional(weekly_note(entries, today))
    if now is not None and not any(a.kind in HOLDING_BACK for a in advice):
        advice += progress(now, records)
    advice += _optional(weaker_leg(of_template))
    return advice


def warnings(entries: Sequence[HistoryEntry], today: date) -> list[Advice]:
    """What asks to hold back: pain, too many sessions this week, no rest day."""
    found = [*pain(entries), *_optional(too_many(entries, today))]
    found += _optional(_trained_yesterday(entries, today))
    return found


def recent_training(
    entries: Sequence[HistoryEntry], template_id: str, count: int = PROGRESS_AFTER
) -> list[HistoryEntry]:
    """The newest sessions of a template that count as training, newest first: the ones
    whose full records progression looks at."""
    of_template = [e for e in training(entries) if e.template_id == template_id]
    return _newest_first(of_template)[:count]


def _optional(advice: Advice | None) -> list[Advice]:
    return [] if advice is None else [advice]


# -- pain ---------------------------------------------------------------------------------


def pain(entries: Sequence[HistoryEntry]) -> list[Advice]:
    """From the pain logged in the last three sessions (any session: pain is about the legs,
    not about how much of the plan was done). Stop and rest takes the place of easing off."""
    logged = [e.log.pain for e in _newest_first(entries)[:PAIN_SESSIONS]]
    scores = [score for score in logged if score is not None]
    if not scores:
        return []
    latest = scores[0]
    if latest >= PAIN_STOP:
        return [_stop(latest, "your last session" if logged[0] is not None else "a recent one")]
    found = _optional(_ease_off(scores, len(logged)))
    if latest >= PAIN_HIGH:
        found.append(_soreness(latest))
    return found


def _stop(score: int, when: str) -> Advice:
    return Advice(
        AdviceKind.STOP,
        f"You logged pain of {score}/10 after {when}: stop the hamstring work and"
        " rest until it settles, and don't run through it; if it changes your stride, swim"
        " or cycle instead.",
        TRAINING_ARTICLE,
        WHY_PAIN_STOP,
    )


def _ease_off(scores: list[int], sessions: int) -> Advice | None:
    """`scores`: the pain logged in the last `sessions` sessions, newest first."""
    high = sum(score >= PAIN_HIGH for score in scores)
    rising = (
        len(scores) == PAIN_SESSIONS
        and scores[0] > scores[1] > scores[2]
        and scores[0] >= PAIN_HIGH
    )
    if high >= 2:
        reason = f"Pain of {PAIN_HIGH}/10 or more in {high} of your last {sessions} sessions"
    elif rising:
        reason = f"Hamstring pain has risen over your last three sessions (now {scores[0]}/10)"
    else:
        return None
    return Advice(
        AdviceKind.EASE_OFF,
        f"{reason}: ease off (shorter holds, fewer sets or fewer sessions a week) until it"
        " settles.",
        TRAINING_ARTICLE,
        WHY_EASE_OFF,
    )


def _soreness(score: int) -> Advice:
    return Advice(
        AdviceKind.SORENESS,
        f"Still sore ({score}/10)? If it changes the way you run, swap your next run for a swim"
        " or a ride, and never push a run through pain.",
        TRAINING_ARTICLE,
        WHY_SORENESS,
    )


# -- frequency ----------------------------------------------------------------------------


def too_many(entries: Sequence[HistoryEntry], today: date) -> Advice | None:
    """A fourth session (or more) this week."""
    count = sessions_per_week(entries)[week_start(today)]
    if count <= WEEKLY_TARGET[1]:
        return None
    return Advice(
        AdviceKind.TOO_MANY,
        f"{count} sessions this week, over the {WEEKLY_TARGET[0]} to {WEEKLY_TARGET[1]} a week"
        " that builds strength without overuse: keep the other days free of hamstring work.",
        TRAINING_ARTICLE,
        WHY_WEEKLY,
    )


def weekly_note(entries: Sequence[HistoryEntry], today: date) -> Advice | None:
    """Last week outside 2-3, for someone who was training by then (not a first week)."""
    this_monday = week_start(today)
    if not any(e.started.astimezone().date() < this_monday for e in training(entries)):
        return None
    count = sessions_per_week(entries)[this_monday - timedelta(weeks=1)]
    if on_target(count):
        return None
    low, high = WEEKLY_TARGET
    if count < low:
        said = "no sessions" if count == 0 else f"{count} session{'s' * (count != 1)}"
        text = f"Last week you had {said}: aim for {low} to {high} a week to build strength."
    else:
        text = f"Last week you had {count} sessions: keep to {low} to {high}, with rest days."
    return Advice(AdviceKind.OFF_TARGET, text, TRAINING_ARTICLE, WHY_WEEKLY)


def _trained_yesterday(entries: Sequence[HistoryEntry], today: date) -> Advice | None:
    days = {e.started.astimezone().date() for e in training(entries)}
    if today - timedelta(days=1) not in days:
        return None
    when = "today and yesterday" if today in days else "yesterday"
    return Advice(
        AdviceKind.REST,
        f"You trained hamstrings {when}: they get stronger on rest days,"
        " so give them one before the next hard session.",
        TRAINING_ARTICLE,
        WHY_REST_DAYS,
    )


# -- a slump ------------------------------------------------------------------------------


def slump(entries: Sequence[HistoryEntry]) -> Advice | None:
    """Hold or rep totals falling over the last three sessions (of one template) that count
    as training."""
    recent = _newest_first(training(entries))[:SLUMP_SESSIONS]
    if len(recent) < SLUMP_SESSIONS:
        return None
    oldest_first = recent[::-1]
    for what, unit, totals in (
        ("hold", " s", [sum(s for _side, s in e.hold_s) for e in oldest_first]),
        ("rep", "", [float(sum(n for _side, n in e.reps)) for e in oldest_first]),
    ):
        if totals[0] > 0 and all(a > b for a, b in pairwise(totals)):
            shown = " → ".join(f"{total:.0f}{unit}" for total in totals)
            return Advice(
                AdviceKind.SLUMP,
                f"Your {what} totals in {recent[0].template_name} fell over your last three"
                f" sessions ({shown}): that can mean overtraining, so ease off for a week"
                " instead of stepping up.",
                TRAINING_ARTICLE,
                WHY_SLUMP,
            )
    return None


# -- progression --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _LegProgress:
    """One side of one exercise over the recent sessions."""

    side: Side
    ready: int
    """Sessions in which this side did every set at the current numbers."""
    sets_met: int
    """Sets at the current numbers, of `sets_asked`."""
    sets_asked: int


def progress(now: TemplateNow, records: Sequence[SessionRecord]) -> list[Advice]:
    """The next step for each exercise every leg is ready for; a leg that is not yet; or
    the harder template once every exercise is at the top of its range."""
    recent = list(records)[:PROGRESS_AFTER]
    if len(recent) < PROGRESS_AFTER or not all(_manageable(r) for r in recent):
        return []
    sessions = len(recent)
    judged = [(exercise, _legs_progress(exercise, recent)) for exercise in now.exercises]
    ready = [e for e, legs in judged if legs and all(leg.ready == sessions for leg in legs)]
    steps = [(e.name, step) for e in ready if (step := _next_step(e)) is not None]
    gaps = [gap for e, legs in judged if (gap := _gap(e, legs, sessions)) is not None]
    found = [*_optional(_step_up(now, steps, sessions)), *gaps]
    if len(ready) == len(now.exercises) > 0 and not steps and now.harder is not None:
        found.append(_harder(now))  # every exercise at the top of its range, every set done
    return found


def _manageable(record: SessionRecord) -> bool:
    effort, score = record.log.effort, record.log.pain
    return (
        effort is not None
        and score is not None
        and effort <= PROGRESS_EFFORT_MAX
        and score <= PROGRESS_PAIN_MAX
    )


def _legs_progress(exercise: ExerciseNow, records: list[SessionRecord]) -> list[_LegProgress]:
    """Each side the exercise was trained on, judged on its own achieved holds or reps."""
    by_side: dict[Side, list[LegRecord]] = {}
    for record in records:
        for leg in record.legs:
            if leg.exercise_id == exercise.id:
                by_side.setdefault(leg.side, []).append(leg)
    return [
        _LegProgress(
            side,
            sum(_leg_ready(leg, exercise) for leg in legs),
            sum(min(_sets_met(leg, exercise), exercise.sets.now) for leg in legs),
            exercise.sets.now * len(records),
        )
        for side, legs in by_side.items()
    ]


def _leg_ready(leg: LegRecord, exercise: ExerciseNow) -> bool:
    """Every set at the current numbers: as many sets as chosen, none skipped, and each hold
    as long as chosen (or the reps chosen in every set)."""
    wanted = exercise.sets.now
    return leg.sets_skipped == 0 and leg.sets_done >= wanted and _sets_met(leg, exercise) >= wanted


def _sets_met(leg: LegRecord, exercise: ExerciseNow) -> int:
    if exercise.hold_s is not None:
        return sum(held >= exercise.hold_s.now - FULL_HOLD_SLACK_S for held in leg.hold_s)
    if exercise.reps is not None and exercise.reps.now > 0:
        return min(leg.sets_done, leg.reps // exercise.reps.now)
    return 0


def _next_step(exercise: ExerciseNow) -> str | None:
    """Holds (or reps) up within the range first, then one set more; None at the top."""
    hold, reps, sets = exercise.hold_s, exercise.reps, exercise.sets
    if hold is not None and hold.now < hold.top:
        longer = min(hold.top, hold.now + HOLD_STEP_S)
        return f"try {longer} s holds (the template goes up to {hold.top} s)"
    if reps is not None and reps.now < reps.top:
        more = min(reps.top, reps.now + REP_STEP)
        return f"try {more} reps a set (the range goes up to {reps.top})"
    if sets.now < sets.top:
        return f"add a set, {sets.now + 1} instead of {sets.now}"
    return None


def _step_up(now: TemplateNow, steps: list[tuple[str, str]], sessions: int) -> Advice | None:
    """`steps` are (exercise name, step); names are left out when there is one exercise."""
    if not steps:
        return None
    named = len(now.exercises) > 1
    said = "; ".join(f"{name}: {step}" if named else step for name, step in steps)
    return Advice(
        AdviceKind.PROGRESS,
        f"Every set done at your current numbers, on each leg, in your last {sessions}"
        f" sessions of {now.name}, with effort and pain in bounds: {said}.",
        now.source,
        _why_progress(now),
    )


def _why_progress(now: TemplateNow) -> str:
    ranges = f" ({now.range_label})" if now.range_label else ""
    return (
        f"The range this template works through{ranges} comes from this article; a small"
        " step at a time keeps the load manageable."
    )


def _gap(exercise: ExerciseNow, legs: list[_LegProgress], sessions: int) -> Advice | None:
    """One leg did every set at the current numbers, the other not yet: stay until it does."""
    ready = [leg for leg in legs if leg.ready == sessions and leg.side in (Side.LEFT, Side.RIGHT)]
    behind = [leg for leg in legs if leg.ready < sessions and leg.side in (Side.LEFT, Side.RIGHT)]
    if len(ready) != 1 or len(behind) != 1:
        return None
    amount = _amount_now(exercise)
    lagging = behind[0]
    return Advice(
        AdviceKind.LEG_GAP,
        f"{exercise.name}: your {ready[0].side.value} leg did every set at {amount} in your"
        f" last {sessions} sessions, your {lagging.side.value} leg {lagging.sets_met} of"
        f" {lagging.sets_asked}. Stay at {amount} until both legs do, then step up.",
        EXERCISES_ARTICLE,
        WHY_ONE_LEG,
        leg=Leg(lagging.side.value),
    )


def _amount_now(exercise: ExerciseNow) -> str:
    """'25 s' or '10 reps': what each set asks for now."""
    if exercise.hold_s is not None:
        return f"{exercise.hold_s.now} s"
    return f"{exercise.reps.now} reps" if exercise.reps is not None else "your numbers"


def _harder(now: TemplateNow) -> Advice:
    return Advice(
        AdviceKind.HARDER,
        f"You do every set of {now.name} at the top of its range: try {now.harder}, the"
        " harder version from the same article.",
        now.source,
        "This article gives a harder form of the same work for when the basic one has become easy.",
    )


# -- the weaker leg -----------------------------------------------------------------------


def weaker_leg(entries: Sequence[HistoryEntry]) -> Advice | None:
    """The leg that holds clearly less over the recent sessions that trained both."""
    pairs = [
        (dict(e.hold_s)[Side.LEFT], dict(e.hold_s)[Side.RIGHT])
        for e in _newest_first(training(entries))
        if {Side.LEFT, Side.RIGHT} <= dict(e.hold_s).keys()
    ][:IMBALANCE_SESSIONS]
    if len(pairs) < 2:
        return None
    left = sum(p[0] for p in pairs) / len(pairs)
    right = sum(p[1] for p in pairs) / len(pairs)
    stronger, weaker, leg = (left, right, Leg.RIGHT) if left >= right else (right, left, Leg.LEFT)
    if stronger == 0 or (stronger - weaker) / stronger < IMBALANCE_SHARE:
        return None
    share = round(100 * (stronger - weaker) / stronger)
    return Advice(
        AdviceKind.WEAKER_LEG,
        f"Your {leg.value} leg held {share}% less over the last {len(pairs)} sessions:"
        f" start with it while you are fresh.",
        EXERCISES_ARTICLE,
        WHY_ONE_LEG,
        leg=leg,
    )


def _newest_first(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda e: e.started, reverse=True)
