"""Coaching as a table: histories, and the advice each must (and must not) give.

TODAY is a Saturday; "d" below is days ago. Sessions count as training unless made with
`done=` under half of their six planned sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from hamtimer.core.coaching import (
    EXERCISES_ARTICLE,
    FIRST_TEMPLATE,
    TRAINING_ARTICLE,
    Advice,
    AdviceKind,
    ExerciseNow,
    Setting,
    TemplateNow,
    advise,
    harder_template,
    recent_training,
    template_now,
    template_to_show,
    warnings,
    weaker_leg,
)
from hamtimer.core.history import HistoryEntry
from hamtimer.core.model import Template
from hamtimer.core.session_record import LegRecord, QuickLog, SessionRecord, SessionStatus
from hamtimer.core.vocabulary import Leg, Mode, Side
from tests.builders import template
from tests.support.seed_runs import run_hash, runs, stored_hashes

TODAY = date(2026, 11, 21)
K = AdviceKind


def at(days_ago: float) -> datetime:
    return datetime(2026, 11, 21, 12, tzinfo=UTC) - timedelta(days=days_ago)


def entry(
    days_ago: float,
    effort: int | None = 6,
    pain: int | None = 2,
    left: float = 60.0,
    right: float = 60.0,
    reps: int = 0,
    done: float = 6.0,
    template_id: str = "bridge",
) -> HistoryEntry:
    moment = at(days_ago)
    return HistoryEntry(
        f"s{days_ago}-{template_id}", template_id, "Bridge", moment,
        moment + timedelta(minutes=10), SessionStatus.COMPLETED, 600.0,
        ((Side.LEFT, left), (Side.RIGHT, right)), ((Side.BOTH, reps),) if reps else (),
        QuickLog(effort, pain), done, 6,
    )  # fmt: skip


def record(
    days_ago: float,
    left: tuple[float, ...] = (25.0, 25.0, 25.0),
    right: tuple[float, ...] = (25.0, 25.0, 25.0),
    effort: int | None = 6,
    pain: int | None = 2,
    sets: int = 3,
) -> SessionRecord:
    """A bridge session's full record: each leg's holds of `sets` planned (the rest skipped),
    as progression reads them."""
    legs = tuple(
        LegRecord(
            "hold", "Bridge hold", Mode.HOLD, side, sets, len(holds), sets - len(holds), holds
        )
        for side, holds in ((Side.LEFT, left), (Side.RIGHT, right))
    )
    moment = at(days_ago)
    return SessionRecord(
        f"s{days_ago}", "bridge", "Bridge", 1, moment, moment, SessionStatus.COMPLETED,
        legs=legs, log=QuickLog(effort, pain),
    )  # fmt: skip


def reps_record(days_ago: float, reps: int, sets: int = 2) -> SessionRecord:
    legs = tuple(
        LegRecord("hinge", "Hinge to march", Mode.REPS, side, sets, sets, 0, (), reps)
        for side in (Side.LEFT, Side.RIGHT)
    )
    moment = at(days_ago)
    return SessionRecord(
        f"r{days_ago}", "hinge", "Hinge", 1, moment, moment, SessionStatus.COMPLETED,
        legs=legs, log=QuickLog(5, 1),
    )  # fmt: skip


def bridge_now(hold: int = 25, sets: int = 3, harder: str | None = None) -> TemplateNow:
    """The bridge as the user runs it now: `hold` s chosen of 20-30, `sets` of 2-4."""
    exercise = ExerciseNow("hold", "Bridge hold", Setting(sets, 4), hold_s=Setting(hold, 30))
    return TemplateNow("bridge", "Bridge", "An article on holds", (exercise,), "20-30 s", harder)


def hinge_now(reps: int = 10, sets: int = 2) -> TemplateNow:
    exercise = ExerciseNow("hinge", "Hinge to march", Setting(sets, 3), reps=Setting(reps, 12))
    return TemplateNow("hinge", "Hinge", "An article on hinges", (exercise,), "10-12 reps")


@dataclass(frozen=True)
class Case:
    entries: list[HistoryEntry]
    gives: dict[AdviceKind, str] = field(default_factory=dict)
    """Each kind of advice expected, with words its text must hold."""
    not_given: frozenset[AdviceKind] = frozenset()
    now: TemplateNow | None = None
    records: list[SessionRecord] = field(default_factory=list)


def three(*pains: int | None) -> list[HistoryEntry]:
    """Three sessions, two days apart, oldest pain first."""
    return [entry(5 - 2 * i, pain=p) for i, p in enumerate(pains)]


def weeks(*counts: int) -> list[HistoryEntry]:
    """`counts` sessions per week, oldest week first, the last being this week (Mon-Sat)."""
    found = []
    for weeks_ago, count in enumerate(reversed(counts)):
        found += [entry(7 * weeks_ago + 5 - day, pain=None) for day in range(count)]
    return found


READY = [record(1), record(3), record(5)]
"""Three sessions with every hold at 25 s on each leg."""

CASES = {
    # -- pain --------------------------------------------------------------------------------
    "rising pain to 5: ease off, and swap a sore run": Case(
        three(2, 3, 5),
        {K.EASE_OFF: "risen over your last three sessions (now 5/10)", K.SORENESS: "5/10"},
        frozenset({K.STOP}),
    ),
    "flat-high pain 8, 8, 8: stop and rest (it was no advice at all)": Case(
        three(8, 8, 8),
        {K.STOP: "pain of 8/10 after your last session"},
        frozenset({K.EASE_OFF, K.SORENESS}),
    ),
    "flat pain 5, 5, 5: ease off": Case(
        three(5, 5, 5), {K.EASE_OFF: "4/10 or more in 3 of your last 3", K.SORENESS: "5/10"}
    ),
    "spiky pain, 8 last: stop at once": Case(three(1, 1, 8), {K.STOP: "8/10"}),
    "spiky pain, 8 before a 1: no stop, no ease off": Case(
        three(1, 8, 1), not_given=frozenset({K.STOP, K.EASE_OFF, K.SORENESS})
    ),
    "spiky pain 5, 1, 5: two of three high": Case(
        three(5, 1, 5), {K.EASE_OFF: "in 2 of your last 3", K.SORENESS: "5/10"}
    ),
    "pain 4 in two of three, not logged once": Case(
        three(4, None, 4), {K.EASE_OFF: "in 2 of your last 3"}
    ),
    "low pain: nothing": Case(
        three(1, 2, 3), not_given=frozenset({K.STOP, K.EASE_OFF, K.SORENESS})
    ),
    # -- frequency ---------------------------------------------------------------------------
    "1 session last week: below the target": Case(
        weeks(2, 1, 0), {K.OFF_TARGET: "Last week you had 1 session: aim for 2 to 3"}
    ),
    "3 a week: on target, nothing": Case(
        weeks(3, 3, 1), not_given=frozenset({K.OFF_TARGET, K.TOO_MANY, K.REST})
    ),
    "a 4th session this week: a warning": Case(
        weeks(2, 4), {K.TOO_MANY: "4 sessions this week"}
    ),
    "6 this week: a warning, not on target": Case(
        weeks(3, 6),
        {K.TOO_MANY: "6 sessions this week, over the 2 to 3", K.REST: "today and yesterday"},
        frozenset({K.OFF_TARGET}),
    ),
    "6 last week: a note to keep to 2-3": Case(
        weeks(6, 1), {K.OFF_TARGET: "Last week you had 6 sessions: keep to 2 to 3"}
    ),
    "a first week: no note about last week": Case(
        [entry(1)], not_given=frozenset({K.OFF_TARGET})
    ),
    "a 4th session stopped after 11 s is not training: no warning": Case(
        [*weeks(3), entry(0.1, done=0.4)], not_given=frozenset({K.TOO_MANY, K.REST})
    ),
    # -- a slump -----------------------------------------------------------------------------
    "hold totals falling: ease off, and no step up": Case(
        [entry(5, left=75, right=75), entry(3, left=70, right=70), entry(1, left=65, right=60)],
        {K.SLUMP: "hold totals in Bridge fell over your last three sessions (150 s → 140 s"},
        frozenset({K.PROGRESS}),
        bridge_now(),
        READY,
    ),
    "rep totals falling: a slump too": Case(
        [entry(5, reps=60), entry(3, reps=50), entry(1, reps=40)], {K.SLUMP: "60 → 50 → 40"}
    ),
    "a stopped session in between is no slump": Case(
        [entry(5), entry(3), entry(2, left=5, right=0, done=0.3), entry(1)],
        not_given=frozenset({K.SLUMP}),
    ),
    # -- progression, per leg, from the user's choice ----------------------------------------
    "25 s chosen, held on each leg: 30 s next (it always said 25)": Case(
        three(2, 2, 2), {K.PROGRESS: "try 30 s holds (the template goes up to 30 s)"},
        now=bridge_now(hold=25), records=READY,
    ),
    "at 30 s, the top: one set more": Case(
        three(2, 2, 2), {K.PROGRESS: "add a set, 4 instead of 3"},
        now=bridge_now(hold=30),
        records=[record(d, (30.0,) * 3, (30.0,) * 3) for d in (1, 3, 5)],
    ),
    "at the top of holds and sets: the harder template": Case(
        three(2, 2, 2), {K.HARDER: "try Bridge, weighted, the harder version"},
        frozenset({K.PROGRESS}),
        bridge_now(hold=30, sets=4, harder="Bridge, weighted"),
        [record(d, (30.0,) * 4, (30.0,) * 4, sets=4) for d in (1, 3, 5)],
    ),
    "at the top with no harder template: nothing more": Case(
        three(2, 2, 2), not_given=frozenset({K.PROGRESS, K.HARDER}),
        now=bridge_now(hold=30, sets=4),
        records=[record(d, (30.0,) * 4, (30.0,) * 4, sets=4) for d in (1, 3, 5)],
    ),
    "left leg there, right short of 25 s: stay, naming the right leg": Case(
        three(2, 2, 2),
        {K.LEG_GAP: "your left leg did every set at 25 s in your last 3 sessions, your right"
         " leg 6 of 9. Stay at 25 s"},
        frozenset({K.PROGRESS}),
        bridge_now(),
        [record(1, right=(25.0, 25.0, 21.0)), record(3), record(5, right=(25.0, 22.0, 20.0))],
    ),
    "a set skipped on one leg: not ready": Case(
        three(2, 2, 2), {K.LEG_GAP: "your right leg 8 of 9"}, frozenset({K.PROGRESS}),
        bridge_now(), [record(1, right=(25.0, 25.0)), record(3), record(5)],
    ),
    "held 20 s but 25 s chosen: not ready, no gap": Case(
        three(2, 2, 2), not_given=frozenset({K.PROGRESS, K.LEG_GAP}),
        now=bridge_now(hold=25), records=[record(d, (20.0,) * 3, (20.0,) * 3) for d in (1, 3, 5)],
    ),
    "reps within the range first": Case(
        three(2, 2, 2), {K.PROGRESS: "try 11 reps a set (the range goes up to 12)"},
        now=hinge_now(reps=10), records=[reps_record(d, 20) for d in (1, 3, 5)],
    ),
    "reps at the top: one set more": Case(
        three(2, 2, 2), {K.PROGRESS: "add a set, 3 instead of 2"},
        now=hinge_now(reps=12), records=[reps_record(d, 24) for d in (1, 3, 5)],
    ),
    "a hard session among the three: no step up": Case(
        three(2, 2, 2), not_given=frozenset({K.PROGRESS}),
        now=bridge_now(), records=[record(1, effort=8), record(3), record(5)],
    ),
    "a painful session among the three: no step up": Case(
        three(2, 2, 2),
        not_given=frozenset({K.PROGRESS}),
        now=bridge_now(),
        records=[record(1), record(3, pain=4), record(5)],
    ),
    "effort not logged once: no step up": Case(
        three(2, 2, 2),
        not_given=frozenset({K.PROGRESS}),
        now=bridge_now(),
        records=[record(1, effort=None), record(3), record(5)],
    ),
    "only two sessions so far: no step up": Case(
        three(2, 2, 2), not_given=frozenset({K.PROGRESS}), now=bridge_now(), records=READY[:2]
    ),
    "pain easing off holds progression back": Case(
        three(5, 5, 2), {K.EASE_OFF: "in 2 of your last 3"}, frozenset({K.PROGRESS}),
        bridge_now(), READY,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_advice_each_history_gives(case: Case) -> None:
    template_id = "bridge" if case.now is None else case.now.id
    advice = advise(case.entries, TODAY, template_id, case.now, case.records)
    given = {item.kind: item for item in advice}
    for kind, words in case.gives.items():
        assert kind in given, f"no {kind} in {[a.text for a in advice]}"
        assert words in given[kind].text
    assert not case.not_given & given.keys(), [a.text for a in advice]


def test_every_piece_of_advice_names_its_article_and_why() -> None:
    every: list[Advice] = []
    for case in CASES.values():
        every += advise(case.entries, TODAY, "bridge", case.now, case.records)
    assert {a.kind for a in every} >= set(AdviceKind) - {K.WEAKER_LEG}
    assert all(a.source and a.why and a.text for a in every)
    sources = {kind: {a.source for a in every if a.kind == kind} for kind in AdviceKind}
    for kind in (K.STOP, K.EASE_OFF, K.SORENESS, K.SLUMP, K.TOO_MANY, K.REST, K.OFF_TARGET):
        assert sources[kind] == {TRAINING_ARTICLE}
    assert sources[K.LEG_GAP] == {EXERCISES_ARTICLE}
    # a step up rests on the article the template's range comes from
    assert sources[K.PROGRESS] == {"An article on holds", "An article on hinges"}


def test_most_urgent_first() -> None:
    history = [*weeks(3, 2), entry(1), entry(0, pain=8)]
    kinds = [a.kind for a in advise(history, TODAY)]
    assert kinds[0] == K.STOP and kinds.index(K.TOO_MANY) < kinds.index(K.REST)


def test_training_on_consecutive_days_asks_for_a_rest_day() -> None:
    [advice] = warnings([entry(1), entry(0)], TODAY)
    assert advice.kind == "rest" and "today and yesterday" in advice.text
    assert warnings([entry(2), entry(4)], TODAY) == []


def test_rising_pain_says_ease_off() -> None:
    rising = [entry(1, pain=5), entry(3, pain=3), entry(5, pain=2)]
    kinds = [a.kind for a in warnings(rising, TODAY)]
    assert "ease_off" in kinds
    low = [entry(2, pain=3), entry(4, pain=2), entry(6, pain=1)]
    assert warnings(low, TODAY) == []


def test_the_weaker_leg_is_named_when_it_holds_clearly_less() -> None:
    uneven = [replace(entry(d), hold_s=(("left", 60.0), ("right", 48.0))) for d in (2, 4, 6)]
    advice = weaker_leg(uneven)
    assert advice is not None and "right leg held 20% less" in advice.text
    assert advice.leg == Leg.RIGHT and advice.source == EXERCISES_ARTICLE
    even = [replace(entry(d), hold_s=(("left", 60.0), ("right", 57.0))) for d in (2, 4)]
    assert weaker_leg(even) is None


def test_progression_reads_the_newest_sessions_that_count() -> None:
    history = [entry(1), entry(2, done=0.5), entry(3), entry(5), entry(7)]
    assert [e.id for e in recent_training(history, "bridge")] == [
        "s1-bridge",
        "s3-bridge",
        "s5-bridge",
    ]


def test_the_template_now_is_the_users_choice_within_the_templates_range() -> None:
    chosen = template(
        exercises=[
            {
                "id": "bridge",
                "name": "Bridge hold",
                "mode": "hold",
                "sides": "each",
                "sets": {"target": 3, "min": 2, "max": 4},
                "hold_s": {"target": 25, "min": 20, "max": 30},
            }
        ]
    )
    now = template_now(chosen)
    [exercise] = now.exercises
    assert exercise.hold_s == Setting(25, 30) and exercise.sets == Setting(3, 4)
    assert now.source == "A test article" and now.range_label == "20-30 s holds"


def test_the_harder_template_is_the_next_level_from_the_same_article() -> None:
    plain = template(id="hinge", level="beginner")
    weighted = template(id="hinge-weighted", name="Weighted", level="intermediate")
    advanced = template(id="hinge-advanced", level="advanced")
    elsewhere = template(id="other", level="intermediate", source={"title": "Another article"})
    library = [advanced, elsewhere, plain, weighted]
    assert harder_template(plain, library) is weighted
    assert harder_template(advanced, library) is None


def test_advice_and_its_why_are_in_our_own_words() -> None:
    """Every piece of advice the table gives, as assembled: the articles' titles are quoted as
    sources; what the advice says is ours (the seeds' six-word runs, stored hashed)."""
    copied = stored_hashes()
    every: set[Advice] = set()
    for case in CASES.values():
        every |= set(advise(case.entries, TODAY, "bridge", case.now, case.records))
    for item in every:
        for text in (item.text, item.why):
            assert not {run_hash(run) for run in runs(text)} & copied, text


# -- the template Train opens on ----------------------------------------------------------

PLAIN = template(id="bridge", name="Bridge", level="intermediate")
WEIGHTED = template(id="bridge-weighted", name="Weighted bridge", level="advanced")
ISOMETRIC = template(id=FIRST_TEMPLATE, level="beginner", source={"title": "Holds"})
EASY = template(id="easy", level="beginner", source={"title": "Easy"})
LIBRARY = [EASY, PLAIN, WEIGHTED, ISOMETRIC]  # alphabetical: the start is not first


def opens_on(
    library: list[Template],
    last: str | None = None,
    entries: Sequence[HistoryEntry] = (),
    records: Sequence[SessionRecord] = (),
    now: TemplateNow | None = None,
) -> str | None:
    chosen = template_to_show(
        library, last, entries, lambda _id: records, lambda _template: now or bridge_now()
    )
    return None if chosen is None else chosen.id


def test_a_new_user_starts_on_the_beginner_isometric_session() -> None:
    assert opens_on(LIBRARY) == FIRST_TEMPLATE
    assert opens_on([PLAIN, EASY]) == "easy"  # else the first beginner one
    assert opens_on([WEIGHTED, PLAIN]) == "bridge-weighted"
    assert opens_on([]) is None


def test_the_template_last_started_wins_while_it_exists() -> None:
    assert opens_on(LIBRARY, last="bridge", entries=[entry(1, template_id="easy")]) == "bridge"
    assert opens_on(LIBRARY, last="deleted-since") == FIRST_TEMPLATE


def test_with_history_the_newest_trained_template_or_its_harder_version_once_ready() -> None:
    entries = [entry(3, template_id="easy"), entry(1), entry(0.5, done=0.0, template_id="easy")]
    assert opens_on(LIBRARY, entries=entries) == "bridge"
    at_the_top = [record(d, (30.0,) * 4, (30.0,) * 4, sets=4) for d in (1, 3, 5)]
    ready = bridge_now(hold=30, sets=4, harder="Weighted bridge")
    assert opens_on(LIBRARY, entries=entries, records=at_the_top, now=ready) == "bridge-weighted"
    not_yet = [record(d, (30.0,) * 4, (24.0,) * 4, sets=4) for d in (1, 3, 5)]
    assert opens_on(LIBRARY, entries=entries, records=not_yet, now=ready) == "bridge"
