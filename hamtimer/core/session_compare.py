"""A finished session against the last one of the same template: per exercise and per leg,
more or less than last time (the summary's arrows)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hamtimer.core.session_record import LegRecord, SessionRecord
from hamtimer.core.vocabulary import Mode

SAME_WITHIN = 0.5
"""Within half a second (or rep) of last time counts as the same (timer jitter, rounding)."""


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    FIRST = "first"
    """No earlier session of this template trained this exercise on this side."""

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "same": "=", "first": "•"}[self.value]


@dataclass(frozen=True, slots=True)
class LegChange:
    leg: LegRecord
    trend: Trend
    text: str
    """'12 s longer than last time (48 s held)', 'the same as last time (8 reps)', 'first
    time'."""


def _amount(leg: LegRecord) -> tuple[float, str]:
    """What a leg did, as one number and its unit: seconds held in all, reps, or sets done."""
    if leg.mode == Mode.HOLD and leg.hold_s:
        return sum(leg.hold_s), "s"
    if leg.reps:
        return float(leg.reps), "reps"
    return float(leg.sets_done), "sets"


def _difference_words(difference: float, unit: str) -> str:
    """'12 s longer', '3 more reps', '1 fewer set'."""
    count = round(abs(difference))
    if unit == "s":
        return f"{count} s {'longer' if difference > 0 else 'shorter'}"
    noun = unit.removesuffix("s") if count == 1 else unit
    return f"{count} {'more' if difference > 0 else 'fewer'} {noun}"


def leg_change(now: LegRecord, before: LegRecord | None) -> LegChange:
    if before is None:
        return LegChange(now, Trend.FIRST, "first time")
    amount, unit = _amount(now)
    earlier, earlier_unit = _amount(before)
    was = f"{earlier:.0f} {earlier_unit}" + (" held" if earlier_unit == "s" else "")
    if unit != earlier_unit:  # the exercise changed its kind since: nothing to weigh
        return LegChange(now, Trend.FIRST, f"last time {was}")
    difference = amount - earlier
    if abs(difference) < SAME_WITHIN:
        return LegChange(now, Trend.SAME, f"the same as last time ({was})")
    trend = Trend.UP if difference > 0 else Trend.DOWN
    return LegChange(now, trend, f"{_difference_words(difference, unit)} than last time ({was})")


def compare(now: SessionRecord, before: SessionRecord | None) -> dict[tuple[str, str], LegChange]:
    """Each leg of `now`, by (exercise id, side), against the same leg in `before`."""
    earlier = {(leg.exercise_id, leg.side.value): leg for leg in before.legs} if before else {}
    return {
        (leg.exercise_id, leg.side.value): leg_change(
            leg, earlier.get((leg.exercise_id, leg.side.value))
        )
        for leg in now.legs
    }
