"""What the History charts show of progress: one template's hold (or reps) per leg over time
with its personal bests, the days trained for a calendar, and axes a person reads at a glance
(round ticks; one date label per week or per few weeks, on Mondays).

Only sessions that count as training (`HistoryEntry.is_training`) are drawn.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hamtimer.core.history import HistoryEntry
from hamtimer.core.history_stats import training, week_start
from hamtimer.core.vocabulary import Side

ROUND_STEPS = (1, 2, 5)
MAX_DATE_LABELS = 8


@dataclass(frozen=True, slots=True)
class Axis:
    top: float
    ticks: int
    """Ticks from 0 to `top` inclusive, each a round number apart."""


def round_axis(highest: float, max_ticks: int = 6) -> Axis:
    """0 to a round top above `highest`, with ticks 1, 2 or 5 times a power of ten apart
    (0/10/20/30, not 0/16/33/49/66)."""
    highest = max(highest, 1.0)
    power = 10 ** math.floor(math.log10(highest))
    for scale in (power / 10, power, power * 10):
        for step in ROUND_STEPS:
            size = step * scale
            if size <= 0 or size < 1:
                continue
            intervals = math.ceil(highest / size - 1e-9)
            if intervals + 1 <= max_ticks:
                return Axis(size * intervals, intervals + 1)
    return Axis(highest, 2)


@dataclass(frozen=True, slots=True)
class DateAxis:
    first: date
    """A Monday."""
    last: date
    """A Monday, `weeks_per_tick` weeks apart from `first` a whole number of times."""
    ticks: int
    weeks_per_tick: int


def week_axis(first_day: date, last_day: date) -> DateAxis:
    """Mondays around the days shown, at most `MAX_DATE_LABELS` labels, each one to a few whole
    weeks apart, so no two labels read the same date."""
    first = week_start(first_day)
    last = week_start(last_day) + timedelta(weeks=1)
    weeks = max(1, (last - first).days // 7)
    per_tick = max(1, math.ceil(weeks / (MAX_DATE_LABELS - 1)))
    intervals = math.ceil(weeks / per_tick)
    return DateAxis(first, first + timedelta(weeks=intervals * per_tick), intervals + 1, per_tick)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: date
    entry_id: str
    value: float
    best: bool
    """Higher than every earlier value of this leg: a personal best."""


@dataclass(frozen=True, slots=True)
class LegTrend:
    template_id: str
    template_name: str
    unit: str
    """"s" (hold seconds) or "reps"."""
    legs: dict[Side, list[TrendPoint]]

    @property
    def sessions(self) -> int:
        return len({point.entry_id for points in self.legs.values() for point in points})

    def bests(self) -> dict[Side, float]:
        return {side: max(p.value for p in points) for side, points in self.legs.items() if points}


def leg_trend(entries: Sequence[HistoryEntry], template_id: str) -> LegTrend | None:
    """Each leg's total hold (or, for a template without holds, reps) per session of one
    template, oldest first, personal bests marked; None when it has no session that counts."""
    sessions = sorted(
        (e for e in training(entries) if e.template_id == template_id), key=lambda e: e.started
    )
    if not sessions:
        return None
    holds = any(entry.hold_s for entry in sessions)
    legs: dict[Side, list[TrendPoint]] = {}
    for entry in sessions:
        values: Sequence[tuple[Side, float]] = (
            entry.hold_s if holds else [(s, float(r)) for s, r in entry.reps]
        )
        for side, value in values:
            earlier = legs.setdefault(side, [])
            best = all(value > point.value for point in earlier)
            earlier.append(TrendPoint(entry.started.astimezone().date(), entry.id, value, best))
    return LegTrend(template_id, sessions[-1].template_name, "s" if holds else "reps", legs)


def training_days(entries: Sequence[HistoryEntry]) -> Counter[date]:
    """Sessions that count as training, by local day: what the calendar colours."""
    return Counter(entry.started.astimezone().date() for entry in training(entries))


def trend_sentence(trend: LegTrend) -> str:
    """The trend chart in words, for a screen reader: each leg's values, oldest first, and
    its best ("Left leg: 20, 25, 30 s; best 30 s on 28 Nov.")."""
    unit = " s" if trend.unit == "s" else " reps"
    what = "hold seconds" if trend.unit == "s" else "reps"
    parts = [f"{trend.template_name}, {what} per leg over {trend.sessions} sessions."]
    for side, points in trend.legs.items():
        if not points:
            continue
        values = ", ".join(f"{point.value:g}" for point in points)
        best = max(points, key=lambda point: (point.value, point.day))
        parts.append(
            f"{side.phrase}: {values}{unit}; best {best.value:g}{unit} on {best.day:%d %b}."
        )
    return " ".join(parts)
