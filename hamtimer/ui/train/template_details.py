"""Train's details of the selected template: what it is and its total, then every exercise
with its figure, sets x hold or reps per side, rests, cautions and notes, then its sources."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hamtimer.core.vocabulary import Sides
from hamtimer.ui import theme
from hamtimer.ui.widgets.accessible import show_rich_text
from hamtimer.ui.widgets.keyboard import readable

if TYPE_CHECKING:
    from hamtimer.core.model import Exercise, Template
    from hamtimer.core.plan import Plan

ROW_FIGURE_SIZE = QSize(72, 72)


def _rests(exercise: Exercise) -> str:
    parts = []
    if exercise.sides == Sides.EACH:
        parts.append(f"{exercise.rest_between_sides_s} s between sides")
    if exercise.sets.target > 1:
        parts.append(f"{exercise.rest_between_sets_s} s between sets")
    return "Rest " + ", ".join(parts) + "." if parts else ""


def amount_now(exercise: Exercise) -> str:
    """'3 sets x 20 s hold, each side': what a session runs (the targets), with the range the
    template allows after it when it has one."""
    sets = f"{exercise.sets.target} set{'s' * (exercise.sets.target != 1)} x "
    per_side = ", each side" if exercise.sides == Sides.EACH else ""
    if exercise.hold_s is not None:
        amount = f"{exercise.hold_s.target} s hold"
    elif exercise.reps is not None:
        tempo = f" at tempo {exercise.tempo.label()}" if exercise.tempo else ""
        amount = f"{exercise.reps.target} reps{tempo}"
    elif exercise.work_s is not None:
        amount = f"{exercise.work_s} s"
    else:
        amount = exercise.goal or "until done"
    ranges = [a for a in (exercise.sets, exercise.hold_s, exercise.reps) if a and a.is_range]
    allowed = f" (the template allows {exercise.amount_label()})" if ranges else ""
    return f"{sets}{amount}{per_side}{allowed}"


def exercise_html(exercise: Exercise) -> str:
    """One exercise: its amount and rests, its caution and notes, and whose numbers they are."""
    from hamtimer.core.sourcing import origin_text

    escape = html.escape
    lines = [f"<b>{escape(exercise.name)}</b>", escape(amount_now(exercise))]
    if _rests(exercise):
        lines.append(escape(_rests(exercise)))
    if exercise.caution:
        lines.append(f"<b>⚠ {escape(exercise.caution)}</b>")
    if exercise.notes:
        lines.append(escape(exercise.notes))
    lines.append(f"<i>Numbers: {escape(origin_text(exercise))}</i>")
    return "<br>".join(lines)


def sources_html(template: Template) -> str:
    from hamtimer.core.sourcing import other_sources, source_words

    escape = html.escape
    lines = [f"<b>Source:</b> {escape(source_words(template.source))}"]
    lines += [
        f"<b>Also from</b> {escape(source_words(source))}: {escape(', '.join(names))}"
        for source, names in other_sources(template)
    ]
    if template.sourcing_note:
        lines.append(f"<b>Numbers:</b> {escape(template.sourcing_note)}")
    return f"<p>{'<br>'.join(lines)}</p>"


def details_html(template: Template, plan: Plan) -> str:
    """The head of the details. `plan` is the one a session of `template` runs: its total is
    what the engine runs."""
    from hamtimer.core.durations import duration_text  # shown after the first frame

    escape = html.escape
    equipment = ", ".join(template.equipment()) or "none"
    notes = f"<p>{escape(template.notes)}</p>" if template.notes else ""
    return (
        f"<h2>{escape(template.name)}</h2>"
        f"<p>{escape(template.description or '')}</p>"
        f"<p><b>Total:</b> {duration_text(plan)} · <b>Level:</b> {template.level.value}"
        f" · <b>Equipment:</b> {escape(equipment)}</p>"
        f"{notes}"
    )


@dataclass(frozen=True, slots=True)
class RowFacts:
    """One exercise as the details show it, in words."""

    exercise_id: str
    name: str
    figure_id: str | None
    html: str


@dataclass(frozen=True, slots=True)
class DetailsFacts:
    """What the details show of a template, in words: all a start needs to draw them before
    the templates are read (`train_snapshot`)."""

    template_id: str
    head: str
    """The head: what the session changes, the name, description, total, level, notes."""
    blocks: tuple[tuple[str, tuple[RowFacts, ...]], ...]
    """Each block that has exercises: its heading ("" when it is the only block) and rows."""
    sources: str


def details_facts(template: Template, head: str) -> DetailsFacts:
    blocks = [(block, exercises) for block, exercises in template.blocks() if exercises]
    return DetailsFacts(
        template.id,
        head,
        tuple(
            (
                block.heading if len(blocks) > 1 else "",  # said only when there are more
                tuple(RowFacts(e.id, e.name, e.figure_id, exercise_html(e)) for e in exercises),
            )
            for block, exercises in blocks
        ),
        sources_html(template),
    )


class ExerciseRow(QWidget):
    """One exercise in the details: its figure beside its words."""

    def __init__(self, facts: RowFacts) -> None:
        super().__init__()
        self.setObjectName(f"exerciseRow-{facts.exercise_id}")
        from hamtimer.ui.widgets.figure_slot import FigureSlot

        self.figure_slot = FigureSlot(ROW_FIGURE_SIZE, facts.figure_id, facts.name)
        self.text = QLabel()
        self.text.setObjectName("exerciseText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        show_rich_text(self.text, facts.html, "Exercise")
        readable(self.text)
        layout = QHBoxLayout(self)
        ring = theme.FOCUS_GAP + theme.FOCUS_RING  # room for the focus ring around the words
        layout.setContentsMargins(0, ring, ring, ring)
        layout.addWidget(self.figure_slot, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)


class TemplateDetails(QWidget):
    """The head (`details`, rich text), a heading and a row per exercise for each block,
    and the sources."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("detailsView")
        self.details = QLabel()
        self.details.setObjectName("templateDetails")
        self.details.setAccessibleName("Template details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sources = QLabel()
        self.sources.setObjectName("templateSources")
        self.sources.setAccessibleName("Sources")
        self.sources.setWordWrap(True)
        self.sources.setProperty("role", "caption")
        self.sources.setTextFormat(Qt.TextFormat.RichText)
        readable(self.details, self.sources)
        self._exercises = QVBoxLayout()
        self._exercises.setContentsMargins(0, 0, 0, 0)
        self.rows: list[ExerciseRow] = []
        self._headings: list[QLabel] = []
        self.facts: DetailsFacts | None = None
        """What is shown (None: a message, or nothing yet)."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addLayout(self._exercises)
        layout.addWidget(self.sources)
        layout.addStretch(1)

    def tab_stops(self) -> list[QWidget]:
        """The details as they read: the head, each block's heading and exercises, the
        sources (a keyboard and a screen reader land on each)."""
        items = (self._exercises.itemAt(i) for i in range(self._exercises.count()))
        shown = [item.widget() for item in items if item is not None]
        words = [row.text if isinstance(row, ExerciseRow) else row for row in shown]
        return [self.details, *(w for w in words if w is not None), self.sources]

    def show_message(self, text: str) -> None:
        show_rich_text(self.details, f"<h2>{html.escape(text)}</h2>", "Template details")
        self._clear_rows()
        self.sources.clear()

    def show_template(self, template: Template, head: str) -> None:
        """`head`: the details' head, with what the session changes said first."""
        self.show_facts(details_facts(template, head))

    def show_facts(self, facts: DetailsFacts) -> None:
        """The rows (and their figures) are built again only when they changed: choosing
        another template, not adjusting this one or reading the templates after a start
        drew them from what it remembered."""
        show_rich_text(self.details, facts.head, "Template details")
        shown = self.facts
        if shown is None or (shown.blocks, shown.sources) != (facts.blocks, facts.sources):
            self._clear_rows()
            for heading, rows in facts.blocks:
                if heading:
                    self._exercises.addWidget(self._heading(heading))
                for row_facts in rows:
                    row = ExerciseRow(row_facts)
                    self.rows.append(row)
                    self._exercises.addWidget(row)
            show_rich_text(self.sources, facts.sources, "Sources")
        self.facts = facts

    def _heading(self, text: str) -> QLabel:
        heading = QLabel(text)
        heading.setObjectName("blockHeading")
        heading.setAccessibleName(text)
        heading.setProperty("role", "heading")
        readable(heading)
        self._headings.append(heading)
        return heading

    def _clear_rows(self) -> None:
        for widget in [*self._headings, *self.rows]:
            # Hidden first: a row added and dropped before the event loop ran would otherwise
            # still be shown, as a window of its own, by the show Qt queued when it was added.
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        self.rows, self._headings = [], []
        self.facts = None
