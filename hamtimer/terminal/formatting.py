"""Plain-text renderings for the terminal: template lists, history tables, summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hamtimer.core.durations import clock_text, duration_text
from hamtimer.core.plan import Plan
from hamtimer.core.session_record import SessionRecord, SessionStatus, tally_text
from hamtimer.core.timeline_text import source_text
from hamtimer.core.vocabulary import Side

if TYPE_CHECKING:
    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.model import Template


def template_table(rows: Sequence[tuple[Template, Plan]]) -> list[str]:
    headers = ("ID", "NAME", "DURATION", "LEVEL", "SOURCE")
    body = [(t.id, t.name, duration_text(p), t.level.value, source_text(t)) for t, p in rows]
    return _table(headers, body)


SHORT_ID = 8
"""The ID column shows this many characters of an id (more where two would read alike);
`hamtimer history edit|delete` accept any unique start of an id."""


def history_table(entries: Sequence[HistoryEntry]) -> list[str]:
    """Newest first: when, what, how it ended, how long, hold seconds per leg, the quick log,
    and the id to edit or delete it by."""
    headers = (
        "DATE", "TEMPLATE", "STATUS", "LENGTH", "LEFT", "RIGHT", "BOTH", "EFFORT", "PAIN", "ID",
    )  # fmt: skip
    short = short_ids([entry.id for entry in entries])
    rows = []
    for entry in entries:
        holds = dict(entry.hold_s)
        rows.append(
            (
                f"{entry.started.astimezone():%Y-%m-%d %H:%M}",
                entry.template_name,
                entry.status.value + (" (not training)" if entry.not_training else ""),
                clock_text(entry.length_s),
                *(
                    f"{holds[side]:.0f} s" if side in holds else "-"
                    for side in (Side.LEFT, Side.RIGHT, Side.BOTH)
                ),
                "-" if entry.log.effort is None else str(entry.log.effort),
                "-" if entry.log.pain is None else str(entry.log.pain),
                short[entry.id],
            )
        )
    return _table(headers, rows)


def short_ids(ids: Sequence[str]) -> dict[str, str]:
    """Each id's first SHORT_ID characters, or more until no other id starts the same way
    (in sorted order only neighbours can share the longest start)."""
    ordered = sorted(set(ids))
    shown = {}
    for i, record_id in enumerate(ordered):
        neighbours = ordered[max(0, i - 1) : i] + ordered[i + 1 : i + 2]
        shared = max((_shared_start(record_id, n) for n in neighbours), default=0)
        shown[record_id] = record_id[: max(SHORT_ID, shared + 1)]
    return shown


def _shared_start(one: str, other: str) -> int:
    return next(
        (i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
        min(len(one), len(other)),
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    # The last column is free-running so long source titles do not pad every line.
    widths[-1] = 0
    lines = []
    for row in [headers, *rows]:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)))
    return [line.rstrip() for line in lines]


def summary_lines(record: SessionRecord) -> list[str]:
    state = "stopped early" if record.status == SessionStatus.STOPPED else record.status.value
    lines = [f"{record.template_name}: {state} in {clock_text(record.length_s)}"]
    for name, _mode, legs in record.exercises():
        lines.append(f"  {name}")
        for leg in legs:
            lines.append(f"    {leg.side.label.lower():<12} {tally_text(leg)}")
    if record.skipped_steps:
        lines.append(f"  Skipped steps: {record.skipped_steps}")
    return lines
