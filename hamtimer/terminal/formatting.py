"""Plain-text renderings for the terminal: durations, template lists, plans, summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hamtimer.core.durations import clock_text, duration_text
from hamtimer.core.plan import Plan, Side, StepKind
from hamtimer.core.summary import SessionSummary, tally_text
from hamtimer.core.vocabulary import Mode

if TYPE_CHECKING:
    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.model import Template


def template_table(rows: Sequence[tuple[Template, Plan]]) -> list[str]:
    headers = ("ID", "NAME", "DURATION", "LEVEL", "SOURCE")
    body = [(t.id, t.name, duration_text(p), t.level.value, _source_text(t)) for t, p in rows]
    return _table(headers, body)


def history_table(entries: Sequence[HistoryEntry]) -> list[str]:
    """Newest first: when, what, how it ended, how long, hold seconds per leg, the quick log."""
    headers = ("DATE", "TEMPLATE", "STATUS", "LENGTH", "LEFT", "RIGHT", "BOTH", "EFFORT", "PAIN")
    rows = []
    for entry in entries:
        holds = dict(entry.hold_s)
        rows.append(
            (
                f"{entry.started.astimezone():%Y-%m-%d %H:%M}",
                entry.template_name,
                entry.status.value,
                clock_text((entry.ended - entry.started).total_seconds()),
                *(
                    f"{holds[side]:.0f} s" if side in holds else "-"
                    for side in ("left", "right", "both")
                ),
                "-" if entry.log.effort is None else str(entry.log.effort),
                "-" if entry.log.pain is None else str(entry.log.pain),
            )
        )
    return _table(headers, rows)


def _source_text(template: Template) -> str:
    source = template.source
    return f"{source.title} ({source.publisher})" if source.publisher else source.title


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    # The last column is free-running so long source titles do not pad every line.
    widths[-1] = 0
    lines = []
    for row in [headers, *rows]:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)))
    return [line.rstrip() for line in lines]


def plan_lines(template: Template, plan: Plan) -> list[str]:
    """Every step with start time, length, side, set and the cues scheduled inside it."""
    lines = [
        f"{template.name}  (id {template.id}, version {template.version}, {template.level.value})",
        f"Source: {_source_text(template)}",
        f"Total: {duration_text(plan)} in {len(plan.steps)} steps",
    ]
    if template.equipment():
        lines.append("Equipment: " + ", ".join(template.equipment()))
    lines.append("")
    lines.append(
        f"{'#':>3}  {'START':>7}  {'LENGTH':>6}  {'PHASE':<12} {'SIDE':<9} {'SET':<6} WHAT"
    )
    start = 0.0
    after_open = ""  # past an open step, start times are "at least"
    for step in plan.steps:
        length = f"{step.duration_s:.0f} s" if step.duration_s is not None else "open"
        phase = (
            step.kind.value.upper()
            if step.mode != Mode.HOLD or step.kind != StepKind.WORK
            else "HOLD"
        )
        side = "" if step.side == Side.BOTH else step.side.value
        sets = f"{step.set_number}/{step.set_count}" if step.is_exercise else ""
        what = step.exercise_name if step.is_exercise else f"{step.title}: {step.detail}"
        if step.kind in (StepKind.PREPARE, StepKind.REST) and step.next_title:
            what = f"{step.title} → {step.next_title}"
        begins = after_open + clock_text(start)
        lines.append(
            f"{step.index:>3}  {begins:>7}  {length:>6}  {phase:<12} {side:<9} {sets:<6} {what}"
        )
        for cue in step.cues:
            moved = f"  (asked for {cue.requested_s:.1f} s)" if cue.moved else ""
            lines.append(f'{"":>34}{cue.at_s:6.1f} s  {cue.kind.value:<8} "{cue.text}"{moved}')
        for dropped in step.dropped:
            lines.append(
                f'{"":>34}DROPPED  "{dropped.text}" (asked for {dropped.requested_s:.1f} s: '
                f"{dropped.reason})"
            )
        start += step.duration_s or 0.0
        after_open = after_open or ("≥" if not step.is_timed else "")
    return lines


def summary_lines(summary: SessionSummary) -> list[str]:
    state = "completed" if summary.completed else "stopped early"
    lines = [f"{summary.template_name}: {state} in {clock_text(summary.total_s)}"]
    for exercise in summary.exercises:
        lines.append(f"  {exercise.name}")
        for tally in exercise.sides.values():
            lines.append(f"    {_side_label(tally.side):<12} {tally_text(exercise.mode, tally)}")
    if summary.skipped_steps:
        lines.append(f"  Skipped steps: {summary.skipped_steps}")
    return lines


def _side_label(side: Side) -> str:
    return {Side.LEFT: "left", Side.RIGHT: "right", Side.BOTH: "both legs"}.get(side, "alternating")
