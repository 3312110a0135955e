"""A template's compiled timeline as text: `hamtimer show` prints every column of it; the
editor's preview shows it in rows narrow enough for a side panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hamtimer.core.durations import clock_text, duration_text
from hamtimer.core.plan import Plan
from hamtimer.core.vocabulary import StepKind

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
        f"{'#':>3}  {'START':>7}  {'LENGTH':>6}  {'PHASE':<12}  {'SIDE':<9} {'SET':<6} WHAT"
    )
    start = 0.0
    after_open = ""  # past an open step, start times are "at least"
    for step in plan.steps:
        length = f"{step.duration_s:.0f} s" if step.duration_s is not None else "open"
        phase, side = step.phase.caption, step.side.caption  # the run screen's words
        sets = f"{step.set_number}/{step.set_count}" if step.is_exercise else ""
        what = step.exercise_name if step.is_exercise else f"{step.title}: {step.detail}"
        if step.kind in (StepKind.PREPARE, StepKind.REST) and step.next_title:
            what = f"{step.title} → {step.next_title}"
        begins = after_open + clock_text(start)
        lines.append(
            f"{step.index:>3}  {begins:>7}  {length:>6}  {phase:<12}  {side:<9} {sets:<6} {what}"
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
    if plan.closing_cues:  # after-effort cues of the last step, said as the session ends
        lines.append(f"{'':>3}  {after_open + clock_text(start):>7}  {'':>6}  END")
        lines.append(f'{"":>34}{"":>8}  closing  "{plan.finish_text}"')
    return lines


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One step for a narrow preview: when, what (phase, side, set, exercise), how long,
    and the cues inside it, each as 'at 3.3 s: text'."""

    start: str
    what: str
    length: str
    cues: tuple[str, ...]


def timeline_rows(plan: Plan) -> list[TimelineRow]:
    rows = []
    start = 0.0
    after_open = ""
    for step in plan.steps:
        words = [step.phase.caption, step.side.caption]
        if step.is_exercise:
            words += [f"{step.set_number}/{step.set_count}", "·", step.exercise_name]
        elif step.next_title:
            words += ["·", f"next: {step.next_title}"]
        cues = [f'at {cue.at_s:.1f} s: "{cue.text}"' for cue in step.cues]
        cues += [f'dropped: "{d.text}" ({d.reason})' for d in step.dropped]
        length = f"{step.duration_s:.0f} s" if step.duration_s is not None else "open"
        what = " ".join(word for word in words if word)
        rows.append(TimelineRow(after_open + clock_text(start), what, length, tuple(cues)))
        start += step.duration_s or 0.0
        after_open = after_open or ("≥" if not step.is_timed else "")
    if plan.closing_cues:
        closing = (f'at the end: "{plan.finish_text}"',)
        rows.append(TimelineRow(after_open + clock_text(start), "END", "", closing))
    return rows
