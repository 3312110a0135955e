"""Advice from the history, in our own words, grounded in the seed articles: progress
gradually, give hamstrings rest days, ease off when soreness keeps building, and work the
weaker leg (single-leg work evens out imbalances).

Each rule looks only at history entries; what a template allows comes in as numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hamtimer.core.history import HistoryEntry
from hamtimer.core.session_record import SessionStatus
from hamtimer.core.vocabulary import Leg, Side

PROGRESS_AFTER = 3
"""Sessions in a row, completed with effort and pain in bounds, before a longer hold."""
PROGRESS_EFFORT_MAX = 7
PROGRESS_PAIN_MAX = 3
PROGRESS_STEP_S = 5
PAIN_RISING_FROM = 4
"""Rising pain only warns once it reaches this (0-10)."""
IMBALANCE_SHARE = 0.10
"""A leg holding this much less than the other, on average, is called the weaker one."""
IMBALANCE_SESSIONS = 5


@dataclass(frozen=True, slots=True)
class Advice:
    kind: str
    """"progress", "rest", "ease_off" or "weaker_leg"."""
    text: str
    leg: Leg | None = None
    """For "weaker_leg": the leg to start with."""


def next_hold(
    entries: Sequence[HistoryEntry], template_id: str, target_s: int, max_s: int | None
) -> Advice | None:
    """+5 s (up to the template's maximum) after three completed sessions of this template in
    a row felt manageable: effort at most 7 and pain at most 3, both logged."""
    if max_s is None or target_s >= max_s:
        return None
    recent = [e for e in _newest_first(entries) if e.template_id == template_id][:PROGRESS_AFTER]
    if len(recent) < PROGRESS_AFTER or not all(_manageable(e) for e in recent):
        return None
    suggested = min(max_s, target_s + PROGRESS_STEP_S)
    return Advice(
        "progress",
        f"Your last {PROGRESS_AFTER} sessions felt manageable: try {suggested} s holds next"
        f" (the template goes up to {max_s} s).",
    )


def warnings(entries: Sequence[HistoryEntry], today: date) -> list[Advice]:
    advice = []
    rest = _trained_yesterday(entries, today)
    if rest is not None:
        advice.append(rest)
    rising = _pain_rising(entries)
    if rising is not None:
        advice.append(rising)
    return advice


def weaker_leg(entries: Sequence[HistoryEntry]) -> Advice | None:
    """The leg that holds clearly less over the recent sessions that trained both."""
    pairs = [
        (dict(e.hold_s)[Side.LEFT], dict(e.hold_s)[Side.RIGHT])
        for e in _newest_first(entries)
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
        "weaker_leg",
        f"Your {leg.value} leg held {share}% less over the last {len(pairs)} sessions:"
        f" start with it while you are fresh.",
        leg=leg,
    )


def _manageable(entry: HistoryEntry) -> bool:
    effort, pain = entry.log.effort, entry.log.pain
    return (
        entry.status == SessionStatus.COMPLETED
        and effort is not None
        and pain is not None
        and effort <= PROGRESS_EFFORT_MAX
        and pain <= PROGRESS_PAIN_MAX
    )


def _trained_yesterday(entries: Sequence[HistoryEntry], today: date) -> Advice | None:
    days = {e.started.astimezone().date() for e in entries}
    if today - timedelta(days=1) in days:
        when = "today and yesterday" if today in days else "yesterday"
        return Advice(
            "rest",
            f"You trained hamstrings {when}: they get stronger on rest days,"
            " so give them one before the next hard session.",
        )
    return None


def _pain_rising(entries: Sequence[HistoryEntry]) -> Advice | None:
    logged = [e.log.pain for e in _newest_first(entries) if e.log.pain is not None][:3]
    if len(logged) == 3 and logged[0] > logged[1] > logged[2] and logged[0] >= PAIN_RISING_FROM:
        return Advice(
            "ease_off",
            f"Hamstring pain has risen over your last three sessions (now {logged[0]}/10):"
            " rest, or ease off (shorter holds, fewer sets) until it settles.",
        )
    return None


def _newest_first(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda e: e.started, reverse=True)
