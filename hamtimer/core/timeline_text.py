"""A template's compiled timeline as text: `hamtimer show` prints every column of it; the
editor's preview shows it in rows narrow enough for a side panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hamtimer.core.durations import clock_text, duration_text
from hamtimer.core.plan import Plan
from hamtimer.core.sourcing import listed, origin_text, other_sources, source_words
from hamtimer.core.vocabulary import StepKind

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.core.rotation import Turn


def source_text(template: Template) -> str:
    return source_words(template.source)


def turn_text(template: Template, turn: Turn) -> str:
    """'Runs 2 of its 5 main exercises per session, taking turns. This session (in turn):
    A and B; the others: C, D and E.'"""
    names = {exercise.id: exercise.name for exercise in template.exercises}
    picked = listed([names[i] for i in turn.picked])
    others = [e.name for e in template.exercises if e.id not in turn.picked]
    whose = "your pick" if turn.by_user else "in turn"
    return (
        f"Runs {turn.count} of its {len(template.exercises)} main exercises per session,"
        f" taking turns. This session ({whose}): {picked}; the others: {listed(others)}."
    )


def plan_lines(template: Template, plan: Plan, turn: Turn | None = None) -> list[str]:
    """Every step with start time, length, side, set and the cues scheduled inside it; then
    every exercise of the template with its notes, caution and where its numbers come from.
    `plan` is the session's (for a choose-some template, of `turn`'s picks)."""
    lines = [
        f"{template.name}  (id {template.id}, version {template.version}, {template.level.value})",
        f"Source: {source_text(template)}",
        f"Total: {duration_text(plan)} in {len(plan.steps)} steps",
    ]
    equipment = _equipment_used(template, plan)
    if equipment:
        lines.append("Equipment: " + ", ".join(equipment))
    if turn is not None:
        lines.append(turn_text(template, turn))
    if template.notes:
        lines.append(f"Notes: {template.notes}")
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
    return lines + exercise_lines(template)


def _equipment_used(template: Template, plan: Plan) -> list[str]:
    """What the session of `plan` needs: a choose-some session, only its picks' equipment."""
    used = {step.exercise_id for step in plan.steps}
    items = (item for e in template.all_exercises() if e.id in used for item in e.equipment)
    return list(dict.fromkeys(items))


def exercise_lines(template: Template) -> list[str]:
    """Each exercise by block: amount, where its numbers come from, its notes and caution."""
    lines = ["", "Exercises (where the numbers come from, notes, cautions):"]
    for block, exercises in template.blocks():
        if exercises:
            lines.append(f"  {block.heading}")
        for exercise in exercises:
            lines.append(
                f"    {exercise.name}: {exercise.amount_label()} ({origin_text(exercise)})"
            )
            if exercise.notes:
                lines.append(f"      Note: {exercise.notes}")
            if exercise.caution:
                lines.append(f"      Caution: {exercise.caution}")
    for source, names in other_sources(template):
        lines.append(f"Also from {source_words(source)}: {', '.join(names)}")
    if template.sourcing_note:
        lines.append(f"Numbers: {template.sourcing_note}")
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
