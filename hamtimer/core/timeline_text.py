"""A template's compiled timeline as plain text: `hamtimer show` and the editor's preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.core.durations import clock_text, duration_text
from hamtimer.core.plan import Plan, Side, StepKind
from hamtimer.core.vocabulary import Mode

if TYPE_CHECKING:
    from hamtimer.core.model import Template


def source_text(template: Template) -> str:
    source = template.source
    return f"{source.title} ({source.publisher})" if source.publisher else source.title


def plan_lines(template: Template, plan: Plan) -> list[str]:
    """Every step with start time, length, side, set and the cues scheduled inside it."""
    lines = [
        f"{template.name}  (id {template.id}, version {template.version}, {template.level.value})",
        f"Source: {source_text(template)}",
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
