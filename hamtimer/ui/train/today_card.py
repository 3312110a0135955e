"""The Today card at the top of Train: on a plan, today's session at this week's targets and
why, with its own Start; or a rest day, why, and what is next. With no plan, a one-line offer
to follow one (the same choice `hamtimer plan --program ID` makes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hamtimer.ui.widgets.accessible import show_text
from hamtimer.ui.widgets.keyboard import readable, show_readable

if TYPE_CHECKING:
    from hamtimer.services.today import Today, TodayLookup

INVITE = "Train on a plan: two or three sessions a week, placed around your runs."


def _label(name: str, accessible: str, role: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


class TodayCard(QFrame):
    start_today = Signal()
    """Start on today's planned session."""
    follow_program = Signal(str)
    """The id of the program the user chose to follow (no plan yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayCard")
        self.setAccessibleName("Today")
        self.setProperty("role", "card")
        self.kicker = _label("todayKicker", "Today", "caption")
        self.title = _label("todayTitle", "Today's session", "title")
        self.reason = _label("todayReason", "Why today", "caption")
        self.notes = _label("todayNotes", "What the coaching changed", "hint")
        self.next = _label("todayNext", "What is next", "caption")
        self.problem = _label("todayProblem", "Why the plan can't be used", "banner-error")
        self.start_button = QPushButton("Start today's session")
        self.start_button.setObjectName("startToday")
        self.start_button.setAccessibleName("Start today's planned session")
        self.start_button.setProperty("role", "primary")
        self.start_button.setMinimumHeight(56)
        self.start_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.start_button.clicked.connect(self.start_today.emit)
        self.programs = QComboBox()
        self.programs.setObjectName("programChoice")
        self.programs.setAccessibleName("Programs")
        self.follow_button = QPushButton("Follow this plan")
        self.follow_button.setObjectName("followProgram")
        self.follow_button.setAccessibleName("Follow the chosen program from today")
        self.follow_button.clicked.connect(
            lambda: self.follow_program.emit(str(self.programs.currentData()))
        )
        self.invite = _label("planInvite", "Plans", "caption")
        show_text(self.invite, INVITE, "Plans")  # shown with the offer (`show_lookup`)
        readable(self.title, self.reason, self.notes, self.next, self.problem, self.invite)
        words = QVBoxLayout()
        words.setSpacing(2)
        for label in (self.kicker, self.title, self.reason, self.notes, self.next, self.problem):
            words.addWidget(label)
        offer = QHBoxLayout()
        offer.addWidget(self.invite, 1)
        offer.addWidget(self.programs)
        offer.addWidget(self.follow_button)
        words.addLayout(offer)
        layout = QHBoxLayout(self)
        layout.addLayout(words, 1)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_lookup(None)

    def tab_stops(self) -> list[QWidget]:
        """What Tab visits on the card, as it reads: its words, the plan offer, Start."""
        return [
            self.title,
            self.reason,
            self.notes,
            self.next,
            self.problem,
            self.invite,
            self.programs,
            self.follow_button,
            self.start_button,
        ]

    def show_lookup(self, lookup: TodayLookup | None) -> None:
        """None: nothing to show yet (the templates are loading)."""
        today = lookup.today if lookup is not None else None
        offering = lookup is not None and bool(lookup.programs) and today is None
        self._show_words(today)
        problem = lookup.problem if lookup is not None else ""
        show_readable(self.problem, problem, "Why the plan can't be used")
        for widget in (self.invite, self.programs, self.follow_button):
            widget.setVisible(offering)
        if offering and lookup is not None:
            self.programs.clear()
            for program in lookup.programs:
                self.programs.addItem(program.name, program.id)
        self.setVisible(
            lookup is not None and (today is not None or offering or bool(lookup.problem))
        )

    def _show_words(self, today: Today | None) -> None:
        session = today is not None and today.is_session
        self.kicker.setText("Today on your plan" if session else "Today")
        self.kicker.setVisible(today is not None)
        for label, what, text in (
            (self.title, "Today's session", today.title if today is not None else ""),
            (
                self.reason,
                "Why today",
                f"{today.reason}." if today is not None and today.reason else "",
            ),
            (self.notes, "What the coaching changed", " ".join(today.notes) if today else ""),
            (self.next, "What is next", today.next if today is not None else ""),
        ):
            show_readable(label, text, what)
        self.start_button.setVisible(session)
