"""A finished session as cards: one per exercise and leg (`LegRecord`), saying what was done
of what was planned, each hold or the reps, and what was skipped."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from hamtimer.core.durations import clock_text
from hamtimer.ui import theme

if TYPE_CHECKING:
    from hamtimer.core.session_record import LegRecord, SessionRecord

CARD_COLUMNS = 2


def session_heading(record: SessionRecord) -> str:
    """The session's name, status, when and how long, and its notes."""
    notes = f"<p><i>{html.escape(record.log.notes)}</i></p>" if record.log.notes else ""
    scores = [
        f"effort {record.log.effort}" if record.log.effort is not None else "",
        f"pain {record.log.pain}" if record.log.pain is not None else "",
    ]
    rated = " · ".join(score for score in scores if score)
    return (
        f"<h3>{html.escape(record.template_name)} · {record.status.value}</h3>"
        f"<p>{record.started.astimezone():%A %d %B %Y, %H:%M} · {clock_text(record.length_s)}"
        f"{' · ' + rated if rated else ''}</p>{notes}"
    )


def leg_lines(leg: LegRecord) -> list[str]:
    """What one card says, line by line."""
    lines = [f"{leg.sets_done} of {leg.sets_planned} sets"]
    if leg.hold_s:
        holds = ", ".join(f"{seconds:.0f}" for seconds in leg.hold_s)
        lines.append(f"held {holds} s")
        if leg.full_holds:
            lines.append(f"{leg.full_holds} held to the end")
    if leg.reps:
        lines.append(f"{leg.reps} reps")
    if leg.sets_skipped:
        lines.append(f"{leg.sets_skipped} skipped")
    return lines


class SessionCards(QWidget):
    """The cards of the session shown, two a row."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sessionCards")
        self.setAccessibleName("What was done, by exercise and leg")
        self.grid = QGridLayout(self)
        ring = theme.FOCUS_GAP + theme.FOCUS_RING  # room for the focus ring around a card
        self.grid.setContentsMargins(ring, ring, ring, ring)
        self.cards: list[QWidget] = []

    def show_record(self, record: SessionRecord | None) -> None:
        for card in self.cards:
            card.hide()
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for number, leg in enumerate(record.legs if record is not None else ()):
            card = _card(leg)
            self.grid.addWidget(card, number // CARD_COLUMNS, number % CARD_COLUMNS)
            self.cards.append(card)

    def texts(self) -> list[str]:
        """Each card's words, title first (what a screen reader reads)."""
        return [card.accessibleDescription() for card in self.cards]


def _card(leg: LegRecord) -> QWidget:
    card = QWidget()
    card.setObjectName("legCard")
    card.setProperty("role", "card")
    card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    card.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a keyboard and a screen reader land on it
    # The side is the card's heading; the exercise's name, often long, is a line under it
    # (as one heading it took four lines of a narrow card).
    title = QLabel(leg.side.label)
    title.setObjectName("legCardTitle")
    title.setAccessibleName(f"{leg.exercise_name} · {leg.side.label}")
    title.setProperty("role", "heading")
    exercise = QLabel(leg.exercise_name)
    exercise.setObjectName("legCardExercise")
    exercise.setAccessibleName(f"Exercise: {leg.exercise_name}")
    exercise.setWordWrap(True)
    body = QLabel("\n".join(leg_lines(leg)))
    body.setObjectName("legCardBody")
    body.setAccessibleName(", ".join(leg_lines(leg)))
    body.setProperty("role", "caption")
    body.setWordWrap(True)
    column = QVBoxLayout(card)
    column.addWidget(title)
    column.addWidget(exercise)
    column.addWidget(body)
    column.addStretch(1)
    card.setAccessibleName(title.accessibleName())
    card.setAccessibleDescription(f"{title.accessibleName()}: {', '.join(leg_lines(leg))}")
    return card
