"""History: advice from the history (each naming its source article), the sessions (newest
first, filterable), one session in detail, and two charts: sessions per week against the 2-3
target, and hold seconds per leg, left against right; and for the selected session, Edit log,
Not training (left out of charts and coaching) and Delete (the window offers Undo in its status
bar).

The list is a model over the loaded entries, so 10,000 sessions cost no widgets; a session's
full record is read from the store only when it is selected. Every write goes through the
background thread, as the session's own writes do.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QCursor, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.coaching import Advice, AdviceKind, TemplateNow, advise, recent_training
from hamtimer.core.durations import clock_text
from hamtimer.core.history_progress import (
    DateAxis,
    LegTrend,
    leg_trend,
    round_axis,
    training_days,
    trend_sentence,
    week_axis,
)
from hamtimer.core.history_stats import (
    WEEKLY_TARGET,
    weekly_counts,
    weekly_sentence,
    weeks_on_target,
)
from hamtimer.core.session_record import QuickLog
from hamtimer.core.vocabulary import Side
from hamtimer.ui.history.calendar_heat_map import CalendarHeatMap
from hamtimer.ui.history.session_cards import SessionCards, session_heading
from hamtimer.ui.widgets.accessible import show_rich_text
from hamtimer.ui.widgets.keyboard import readable, set_tab_order, show_readable
from hamtimer.ui.widgets.scrolling import scrolls_down

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis

    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.session_record import SessionRecord
    from hamtimer.services.history import HistoryStore

COLUMNS = (
    "Date",
    "Template",
    "Status",
    "Length",
    Side.LEFT.label,
    Side.RIGHT.label,
    "Effort",
    "Pain",
)
PERIODS = (("Last 4 weeks", 28), ("Last 12 weeks", 84), ("Last year", 365), ("All time", 0))
CHART_WEEKS = 8
CHART_MIN_HEIGHT = 260
"""Room for the axes' numbers: at 220 the seconds axis showed "…" for each."""
SESSIONS_MIN_HEIGHT = 320
"""The sessions' list gets at least this: eight rows (beside it, a leg card whole)."""
SELECTED_MIN_HEIGHT = 260
"""The selected session, under the sessions: its title, both leg cards and its actions."""
SIDE_BY_SIDE_WIDTH = 1500
"""A page at least this wide shows the selected session beside the sessions and its two charts
side by side (each ~700 px); narrower, each goes below the other and the page scrolls."""
RESIZE_SAMPLE_ROWS = 30
"""Columns fit the first rows: measuring every row of a long history took 400 ms."""
ALL_TEMPLATES = "All templates"
ON_TRACK = "No advice today: keep to 2 to 3 sessions a week, with a rest day between them."
NO_ADVICE_YET = (
    "Advice appears here as your history grows: when to step up a hold, when to rest, "
    "which leg to start with."
)
NOT_TRAINING = "not training"
MESSAGE = "History message"
Index = QModelIndex | QPersistentModelIndex
WRITE_ERRORS = (OSError, ValueError, RuntimeError, LookupError)
"""What a history write can raise: a disk problem, a read-only history, a session gone."""

log = logging.getLogger(__name__)


class SessionTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's names)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return _cell(self.entries[index.row()], index.column())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


def _cell(entry: HistoryEntry, column: int) -> str:
    holds = dict(entry.hold_s)
    values = (
        f"{entry.started.astimezone():%a %d %b %Y, %H:%M}",
        entry.template_name,
        f"{entry.status.value}, {NOT_TRAINING}" if entry.not_training else entry.status.value,
        clock_text(entry.length_s),
        f"{holds[Side.LEFT]:.0f} s" if Side.LEFT in holds else "",
        f"{holds[Side.RIGHT]:.0f} s" if Side.RIGHT in holds else "",
        "" if entry.log.effort is None else str(entry.log.effort),
        "" if entry.log.pain is None else str(entry.log.pain),
    )
    return values[column]


LIGHTER_LINK_PERCENT = 150
DARK = 100
"""Luma (0-255) under which a colour reads as dark: pure blue's is 18, #202124's 33."""


def _luma(colour: QColor) -> float:
    """How light a colour looks (Rec. 709 weights): blue looks far darker than its HSL
    lightness of 50% says."""
    return 0.2126 * colour.red() + 0.7152 * colour.green() + 0.0722 * colour.blue()


WHY_LINK = "why:"
"""Each source link is why:N, N the advice's place in the list."""


def advice_html(advice: Sequence[Advice], link_colour: str | None = None) -> str:
    """One line per piece of advice, its source article named as a link (`why:N`) that
    shows why."""
    # Qt's rich text takes a link's colour from a span inside it, not from the <a> itself.
    style = f" style='color: {link_colour}'" if link_colour else ""
    return "<br>".join(
        f"• {html.escape(item.text)} <small>(<a href='{WHY_LINK}{number}'><span{style}>why:"
        f" from “{html.escape(item.source)}”</span></a>)</small>"
        for number, item in enumerate(advice)
    )


def why_html(item: Advice) -> str:
    return f"<b>Why:</b> {html.escape(item.why)} <i>(“{html.escape(item.source)}”)</i>"


TemplateLookup = Callable[[str], TemplateNow | None]
"""A template id's current numbers (the user's choice) and range; None when it is not here."""


def _score_box(name: str, accessible: str, value: int | None) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setRange(-1, 10)
    box.setSpecialValueText("not rated")
    box.setValue(-1 if value is None else value)
    return box


def ask_log(parent: QWidget, current: QuickLog) -> QuickLog | None:
    """The session's log, edited in a small dialog; None if cancelled. Tests replace this."""
    dialog = QDialog(parent)
    dialog.setObjectName("editLogDialog")
    dialog.setWindowTitle("Edit the session's log")
    effort = _score_box("editEffort", "Effort, 0 to 10 (RPE)", current.effort)
    pain = _score_box("editPain", "Hamstring pain or soreness, 0 to 10", current.pain)
    notes = QLineEdit(current.notes)
    notes.setObjectName("editNotes")
    notes.setAccessibleName("Notes")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow("Effort (RPE 0 to 10)", effort)
    form.addRow("Hamstring pain or soreness (0 to 10)", pain)
    form.addRow("Notes", notes)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return QuickLog(
        None if effort.value() < 0 else effort.value(),
        None if pain.value() < 0 else pain.value(),
        notes.text().strip(),
    )


class HistoryPage(QWidget):
    start_weaker_first = Signal(str, str)
    """(template id, leg): the user took the advice to start with the weaker leg."""
    deleted = Signal(str, str)
    """(session id, what to tell the user): a session was deleted; the window offers Undo."""
    status = Signal(str)
    """One line for the window's status bar (what was saved, or why not)."""

    def __init__(
        self,
        store: HistoryStore | None,
        template_now: TemplateLookup = lambda _id: None,
        background: Executor | None = None,
    ) -> None:
        """`background` is the app's background thread, which does every history write (None:
        written on this thread, in tests)."""
        super().__init__()
        self.setObjectName("historyPage")
        self._store = store
        self._template_now = template_now
        self._background = background
        self._all: list[HistoryEntry] = []
        self._records: dict[str, SessionRecord | None] = {}
        """Full records read for progression, by session id, until the next reload."""
        self.advice: list[Advice] = []
        self.model = SessionTableModel()
        self.table = QTableView()
        self.template_filter = QComboBox()
        self.period_filter = QComboBox()
        self.streak = QLabel()
        self.detail = QLabel()
        self.message = QLabel()
        self.coach = QLabel()
        self.why = QLabel()
        self.weaker_first = QPushButton()
        self.weaker_first.setObjectName("weakerFirst")
        self.weaker_first.setVisible(False)
        self.weaker_first.clicked.connect(self._offer_taken)
        self._weaker: tuple[str, str] | None = None
        self.edit_log = QPushButton("Edit log…")
        self.not_training = QPushButton("Not training")
        self.not_training.setCheckable(True)
        self.delete_button = QPushButton("Delete")
        self.edit_log.clicked.connect(self._edit_log)
        self.not_training.clicked.connect(self._toggle_not_training)
        self.delete_button.clicked.connect(self._delete)
        self._name_controls()
        self.weekly_chart = _chart_view("weeklyChart", "Chart: sessions per week")
        self.legs_chart = _chart_view("legsChart", "Chart: hold per leg")
        self.calendar = CalendarHeatMap()
        self.cards = SessionCards()
        self.charts_hint = QLabel()
        self.charts_hint.setObjectName("chartsHint")
        self.charts_hint.setAccessibleName("What the charts will show")
        self.charts_hint.setProperty("role", "hint")
        self.charts_hint.setWordWrap(True)
        readable(self.charts_hint)
        self._lay_out()
        self._order_tabs()
        self.template_filter.currentIndexChanged.connect(self._filter)
        self.period_filter.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

    def _name_controls(self) -> None:
        for widget, name, accessible in (
            (self.table, "sessionTable", "Sessions, newest first"),
            (self.template_filter, "templateFilter", "Show sessions of template"),
            (self.period_filter, "periodFilter", "Show sessions from"),
            (self.streak, "streakLabel", "Weeks on target"),
            (self.detail, "sessionDetail", "Selected session"),
            (self.message, "historyMessage", "History message"),
            (self.coach, "coachAdvice", "Advice from your history"),
            (self.why, "adviceWhy", "Why this advice"),
            (self.edit_log, "editLog", "Edit the selected session's effort, pain and notes"),
            (
                self.not_training,
                "notTraining",
                "Not training: leave the selected session out of the charts and coaching",
            ),
            (self.delete_button, "deleteSession", "Delete the selected session"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)  # not all 10,000 rows
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Template"), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # arrows move in the list; Tab leaves it
        readable(self.message, self.why, self.streak, self.detail)
        for label, _days in PERIODS:
            self.period_filter.addItem(label)
        self.period_filter.setCurrentIndex(len(PERIODS) - 1)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message.setWordWrap(True)
        self.coach.setWordWrap(True)
        self.coach.setTextFormat(Qt.TextFormat.RichText)
        self.coach.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.coach.linkHovered.connect(self._hint)
        self.coach.linkActivated.connect(self._explain)
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setVisible(False)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.template_filter)
        filters.addWidget(self.period_filter)
        filters.addStretch(1)
        filters.addWidget(self.streak)
        charts = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        charts.addWidget(self.weekly_chart)
        charts.addWidget(self.legs_chart)
        self._charts = charts
        actions = QHBoxLayout()
        for button in (self.edit_log, self.not_training, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        detail = QWidget()
        detail_column = QVBoxLayout(detail)
        detail_column.addWidget(self.detail)
        detail_column.addWidget(self.cards)
        detail_column.addLayout(actions)
        detail_column.addStretch(1)
        # The selected session scrolls rather than squeeze its cards (they were cut to a line
        # under a long advice); Tab scrolls the card it lands on into view.
        detail_scroll = scrolls_down(detail, "sessionDetailScroll")
        # It scrolls down only: never narrower than its widest row (the actions), whose end
        # was cut off at 1024x600.
        scroll_bar = detail_scroll.verticalScrollBar().sizeHint().width()
        detail_scroll.setMinimumWidth(detail.minimumSizeHint().width() + scroll_bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(detail_scroll)
        split.setCollapsible(0, False)
        split.setCollapsible(1, False)
        split.setSizes([700, 400])
        # Beside each other or one under the other (resizeEvent), each keeps its room.
        self.table.setMinimumHeight(SESSIONS_MIN_HEIGHT)
        detail_scroll.setMinimumHeight(SELECTED_MIN_HEIGHT)
        self._split = split
        # The page scrolls down when the window is short (1024x600): the sessions keep a
        # readable height, the charts and the calendar come below, rather than all of them
        # squeezed into view (the table showed three rows, the charts' labels were "…").
        content = QWidget()
        content.setObjectName("historyContent")
        scroll = scrolls_down(content, "historyScroll")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        page = QVBoxLayout(content)
        page.addWidget(self.message)
        page.addWidget(self.coach)
        page.addWidget(self.why)
        page.addWidget(self.weaker_first)
        page.addLayout(filters)
        page.addWidget(split, 3)
        page.addWidget(self.charts_hint)
        page.addLayout(charts, 2)
        page.addWidget(self.calendar)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """On a wide page, the selected session beside the sessions and the two charts side by
        side; below that, each under the other (the page scrolls). Beside the selected
        session at 1280 px, the sessions' Template column was "Single…" under "emplat", and
        the charts' dates and seconds, at half the width, "12 ..." and "…"."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._charts.direction() != direction:
            self._charts.setDirection(direction)
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self._split.orientation() != orientation:
            self._split.setOrientation(orientation)
            sizes = [700, 400] if wide else [SESSIONS_MIN_HEIGHT, SELECTED_MIN_HEIGHT]
            self._split.setSizes(sizes)

    def _order_tabs(self) -> None:
        """Tab goes as the page reads: messages and advice, the filters and the streak, the
        sessions, the selected one (its cards, then what can be done to it), the charts. Again
        whenever the cards are rebuilt."""
        set_tab_order(
            [
                self.message,
                self.coach,
                self.why,
                self.weaker_first,
                self.template_filter,
                self.period_filter,
                self.streak,
                self.table,
                self.detail,
                *self.cards.cards,
                self.edit_log,
                self.not_training,
                self.delete_button,
                self.charts_hint,
                self.weekly_chart,
                self.legs_chart,
                self.calendar,
            ]
        )

    def _show_session(self, heading: str, record: SessionRecord | None) -> None:
        show_rich_text(self.detail, heading, "Selected session")
        self.cards.show_record(record)
        self._order_tabs()

    # -- from the window ---------------------------------------------------------------------

    def reload(self, today: date | None = None) -> None:
        """Read the history again (after a session, or when the page is opened)."""
        if self._store is None:
            show_readable(self.message, "No history here: sessions are not being saved.", MESSAGE)
            return
        loaded = self._store.load()
        show_readable(self.message, " ".join(loaded.messages), MESSAGE)
        self._all = loaded.entries
        self._records.clear()  # a quick log may have changed since
        self._today = today or date.today()
        templates = sorted({entry.template_name for entry in self._all})
        self.template_filter.blockSignals(True)
        chosen = self.template_filter.currentText()
        self.template_filter.clear()
        self.template_filter.addItems([ALL_TEMPLATES, *templates])
        self.template_filter.setCurrentText(chosen if chosen in templates else ALL_TEMPLATES)
        self.template_filter.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        template = self.template_filter.currentText()
        days = PERIODS[self.period_filter.currentIndex()][1]
        shown = [
            entry
            for entry in self._all
            if (template in ("", ALL_TEMPLATES) or entry.template_name == template)
            and (not days or (self._today - entry.started.astimezone().date()).days < days)
        ]
        self.model.set_entries(shown)
        weeks = weeks_on_target(self._all, self._today)  # only sessions that count (is_training)
        low, high = WEEKLY_TARGET
        streak = f"{weeks} week{'s' * (weeks != 1)} in a row at {low} to {high} a week"
        show_readable(self.streak, streak, "Weeks on target")
        self._draw_charts(shown)
        self._advise(shown)
        if shown:
            self.table.selectRow(0)
        else:
            self._show_session("No sessions here yet." if not self._all else "None match.", None)
        self._enable_actions()

    def _advise(self, shown: list[HistoryEntry]) -> None:
        """Advice about the history; the template-specific part (slump, progression, the
        weaker leg) is about the template of the newest session shown."""
        focus = shown[0].template_id if shown else None
        now = self._template_now(focus) if focus is not None else None
        records = self._recent_records(focus) if focus is not None and now else []
        self.advice = advise(self._all, self._today, focus, now, records)
        self._offer_weaker_first(shown)
        quiet = ON_TRACK if any(entry.is_training for entry in self._all) else NO_ADVICE_YET
        words = advice_html(self.advice, self._link_colour()) or quiet
        show_rich_text(self.coach, words, "Advice from your history")
        self.why.setVisible(False)

    def _link_colour(self) -> str | None:
        """A palette's own link colour, unless it is dark on a dark window (a dark palette
        that leaves links at Qt's default blue): then a lighter one, so the source reads."""
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link)
        if _luma(palette.color(QPalette.ColorRole.Window)) >= DARK or _luma(link) >= DARK:
            return None
        return link.lighter(LIGHTER_LINK_PERCENT).name()

    def _recent_records(self, template_id: str) -> list[SessionRecord]:
        """The full records of the template's newest sessions that count as training."""
        assert self._store is not None
        entries = recent_training(self._all, template_id)
        for entry in entries:
            if entry.id not in self._records:
                self._records[entry.id] = self._store.record(entry)
        found = [self._records[entry.id] for entry in entries]
        return [record for record in found if record is not None]

    def _offer_weaker_first(self, shown: list[HistoryEntry]) -> None:
        weaker = next((a for a in self.advice if a.kind == AdviceKind.WEAKER_LEG), None)
        self._weaker = None
        if weaker is not None and weaker.leg is not None and shown:
            self._weaker = (shown[0].template_id, weaker.leg.value)
            self.weaker_first.setText(
                f"Start {shown[0].template_name} with the {weaker.leg.value} leg from now on"
            )
            self.weaker_first.setAccessibleName(self.weaker_first.text())
        self.weaker_first.setVisible(self._weaker is not None)

    def _advice_at(self, link: str) -> Advice | None:
        number = link.removeprefix(WHY_LINK)
        if not link.startswith(WHY_LINK) or not number.isdigit():
            return None
        return self.advice[int(number)] if int(number) < len(self.advice) else None

    def _hint(self, link: str) -> None:
        """Hovering a source shows why, as a tooltip."""
        item = self._advice_at(link)
        if item is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), why_html(item), self.coach)

    def _explain(self, link: str) -> None:
        """Clicking a source (or Enter on it) shows why under the advice, and keeps it."""
        item = self._advice_at(link)
        if item is not None:
            show_rich_text(self.why, why_html(item), "Why this advice")
            self.why.setVisible(True)

    def _offer_taken(self) -> None:
        if self._weaker is not None:
            self.start_weaker_first.emit(*self._weaker)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._enable_actions()
        if not current.isValid() or self._store is None:
            return
        record = self._store.record(self.model.entries[current.row()])
        self._show_session(
            session_heading(record) if record else "This session can't be read.", record
        )

    # -- correcting the record ---------------------------------------------------------------

    def selected(self) -> HistoryEntry | None:
        index = self.table.currentIndex()
        return self.model.entries[index.row()] if index.isValid() else None

    def _enable_actions(self) -> None:
        entry = self.selected()
        writable = entry is not None and self._store is not None and not self._store.read_only
        for button in (self.edit_log, self.not_training, self.delete_button):
            button.setEnabled(writable)
        self.not_training.setChecked(entry is not None and entry.not_training)

    def _edit_log(self) -> None:
        entry = self.selected()
        if entry is None or self._store is None:
            return
        edited = ask_log(self, entry.log)
        if edited is not None and edited != entry.log:
            store = self._store
            self._write("The log is saved.", store.set_quick_log, entry, edited)

    def _toggle_not_training(self) -> None:
        entry = self.selected()
        if entry is None or self._store is None:
            return
        marked = not entry.not_training
        text = "Left out of the charts and coaching." if marked else "Counted as training again."
        self._write(text, self._store.set_not_training, entry.id, marked)

    def _delete(self) -> None:
        entry = self.selected()
        if entry is None or self._store is None:
            return
        when = f"{entry.started.astimezone():%a %d %b %Y, %H:%M}"
        if self._write(None, self._store.delete, entry.id):
            self.deleted.emit(entry.id, f"Deleted {entry.template_name}, {when}.")

    def restore(self, record_id: str) -> None:
        """Undo a deletion (the window's Undo button)."""
        if self._store is not None:
            self._write("The session is back.", self._store.restore, record_id)

    def _write(self, done: str | None, job: Callable[..., Any], *args: Any) -> bool:
        """Run a history write on the background thread, wait for it, and show the list again,
        keeping the selected session selected. Whether it worked (the status bar says why
        not)."""
        selected = self.selected()
        try:
            if self._background is None:
                job(*args)
            else:
                self._background.submit(job, *args).result()
        except WRITE_ERRORS as error:
            log.warning("history not changed: %s", error)
            self.status.emit(f"Not saved: {error}")
            return False
        self.reload(self._today)
        self._select(selected.id if selected is not None else None)
        if done:
            self.status.emit(done)
        return True

    def _select(self, record_id: str | None) -> None:
        rows = [i for i, entry in enumerate(self.model.entries) if entry.id == record_id]
        if rows:
            self.table.selectRow(rows[0])

    def _draw_charts(self, shown: list[HistoryEntry]) -> None:
        self._draw_weekly(shown)
        trend = self._trend(shown)
        self._draw_trend(trend)
        self.calendar.show_days(training_days(shown), self._today)
        show_readable(self.charts_hint, _charts_hint(shown, trend), "What the charts will show")

    def _trend(self, shown: list[HistoryEntry]) -> LegTrend | None:
        """The trend of the template chosen in the filter, or else of the newest session's:
        one template's holds, never several mixed in one line."""
        counted = [entry for entry in shown if entry.is_training]
        return leg_trend(counted, counted[0].template_id) if counted else None

    def _draw_weekly(self, shown: list[HistoryEntry]) -> None:
        from PySide6.QtCharts import (
            QAreaSeries,
            QBarCategoryAxis,
            QBarSeries,
            QBarSet,
            QLineSeries,
            QValueAxis,
        )

        chart = _cleared(self.weekly_chart)
        counts = weekly_counts(shown, self._today, CHART_WEEKS)
        low, high = WEEKLY_TARGET
        # The 2-3 a week target as a band behind the bars, on an x axis of its own that
        # lines up with the bar categories (category i is at x = i).
        band = QAreaSeries()
        chart.addSeries(band)  # the chart owns it; it owns its two edges
        band.setUpperSeries(_flat_line(QLineSeries, high, CHART_WEEKS, band))
        band.setLowerSeries(_flat_line(QLineSeries, low, CHART_WEEKS, band))
        band.setName(f"Target: {low} to {high} a week")
        band_colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        band_colour.setAlphaF(0.18)
        band.setColor(band_colour)
        band.setBorderColor(band_colour)
        weekly = QBarSeries()
        sessions = QBarSet("Sessions")
        sessions.append([float(count) for _monday, count in counts])
        weekly.append(sessions)
        chart.addSeries(weekly)
        weeks_axis = QBarCategoryAxis()
        weeks_axis.append([f"{monday:%d %b}".lstrip("0") for monday, _count in counts])
        chart.addAxis(weeks_axis, Qt.AlignmentFlag.AlignBottom)
        weekly.attachAxis(weeks_axis)
        band_axis = QValueAxis()
        band_axis.setRange(-0.5, CHART_WEEKS - 0.5)
        band_axis.setVisible(False)
        chart.addAxis(band_axis, Qt.AlignmentFlag.AlignBottom)
        band.attachAxis(band_axis)
        value = _value_axis(chart, weekly, max([high, *(c for _m, c in counts)]) + 1)
        band.attachAxis(value)
        chart.setTitle("Sessions per week, by Monday")
        self.weekly_chart.setAccessibleDescription(weekly_sentence(counts, WEEKLY_TARGET))

    def _draw_trend(self, trend: LegTrend | None) -> None:
        from PySide6.QtCharts import QLineSeries, QScatterSeries

        chart = _cleared(self.legs_chart)
        if trend is None:
            chart.setTitle("Hold per leg")
            self.legs_chart.setAccessibleDescription("No sessions of this template yet.")
            return
        self.legs_chart.setAccessibleDescription(trend_sentence(trend))
        what = "hold seconds" if trend.unit == "s" else "reps"
        chart.setTitle(f"{trend.template_name}: {what} per leg, ★ personal best")
        lines: list[object] = []
        days = [point.day for points in trend.legs.values() for point in points]
        for side in (Side.LEFT, Side.RIGHT, Side.BOTH):
            points = trend.legs.get(side)
            if not points:
                continue
            line, bests = QLineSeries(), QScatterSeries()
            line.setName(side.phrase)
            line.setPointsVisible(True)
            bests.setName(f"{side.phrase}: best")
            bests.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeStar)
            bests.setMarkerSize(14)
            for point in points:
                moment = _noon_ms(point.day)
                line.append(moment, point.value)
                if point.best:
                    bests.append(moment, point.value)
            chart.addSeries(line)
            chart.addSeries(bests)
            bests.setColor(line.color())
            lines += [line, bests]
        _time_axis(chart, lines, week_axis(min(days), max(days)))
        top = max(point.value for points in trend.legs.values() for point in points)
        _value_axis(chart, lines[0], top * 1.05, also=lines[1:])


def _new_chart() -> QChart:
    from PySide6.QtCharts import QChart

    chart = QChart()
    if QApplication.palette().window().color().lightness() < 128:  # follow a dark palette
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _chart_view(name: str, accessible: str) -> QChartView:
    """A chart; Tab stops on it, and a screen reader reads its numbers in a sentence (its
    description, set as it is drawn)."""
    from PySide6.QtCharts import QChartView

    view = QChartView(_new_chart())
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(CHART_MIN_HEIGHT)
    return view


def _cleared(view: QChartView) -> QChart:
    """A new chart in the view: axes removed from a chart in use left their labels drawn."""
    old = view.chart()
    chart = _new_chart()
    view.setChart(chart)
    old.deleteLater()
    return chart


def _flat_line(kind: type[QLineSeries], level: float, weeks: int, owner: QObject) -> QLineSeries:
    line = kind(owner)
    line.append(-0.5, level)
    line.append(weeks - 0.5, level)
    return line


def _noon_ms(day: date) -> float:
    """A day on a date axis (milliseconds), at noon so it sits mid-day."""
    return datetime.combine(day, time(12)).timestamp() * 1000


def _charts_hint(shown: list[HistoryEntry], trend: LegTrend | None) -> str:
    """What the charts will show, while there is too little to show it."""
    if not any(entry.is_training for entry in shown):
        return (
            "Your sessions per week (against the 2 to 3 a week target), your holds per leg "
            "and a calendar of the days you trained appear here after your first session."
        )
    if trend is not None and trend.sessions == 1:
        return (
            f"One session of {trend.template_name} so far: from the second one, the chart "
            "shows each leg's trend, with your personal bests marked ★."
        )
    return ""


def _value_axis(
    chart: QChart, series: object, highest: float, also: Sequence[object] = ()
) -> QValueAxis:
    """0 to a round top with round ticks."""
    from PySide6.QtCharts import QValueAxis

    rounded = round_axis(highest)
    axis = QValueAxis()
    axis.setRange(0, rounded.top)
    axis.setTickCount(rounded.ticks)
    axis.setLabelFormat("%d")
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)  # type: ignore[attr-defined]
    for other in also:
        other.attachAxis(axis)  # type: ignore[attr-defined]
    return axis


def _time_axis(chart: QChart, series: Sequence[object], dates: DateAxis) -> None:
    """Mondays, one label per week (or per few weeks over a long span), none repeated."""
    from PySide6.QtCharts import QDateTimeAxis
    from PySide6.QtCore import QDateTime

    axis = QDateTimeAxis()
    axis.setFormat("d MMM" if dates.weeks_per_tick < 8 else "MMM ''yy")  # "May '26"
    axis.setRange(
        QDateTime.fromMSecsSinceEpoch(int(_midnight_ms(dates.first))),
        QDateTime.fromMSecsSinceEpoch(int(_midnight_ms(dates.last))),
    )
    axis.setTickCount(dates.ticks)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    for line in series:
        line.attachAxis(axis)  # type: ignore[attr-defined]


def _midnight_ms(day: date) -> float:
    return datetime.combine(day, time(0)).timestamp() * 1000
