"""Train: the template list, the chosen template's details, and a large Start button."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.vocabulary import Sides

if TYPE_CHECKING:
    from hamtimer.core.model import Exercise, Template
    from hamtimer.core.plan import Plan
    from hamtimer.core.plan_book import PlanBook
    from hamtimer.core.rotation import PastSession, Turn
    from hamtimer.core.template_choice import TemplateChoice
    from hamtimer.services.past_sessions import PastSessions
    from hamtimer.services.template_choices import TemplateChoices
    from hamtimer.services.templates import LoadedTemplate
    from hamtimer.ui.train.quick_adjust import QuickAdjustPanel


def _rests(exercise: Exercise) -> str:
    parts = []
    if exercise.sides == Sides.EACH:
        parts.append(f"{exercise.rest_between_sides_s} s between sides")
    if exercise.sets.target > 1:
        parts.append(f"{exercise.rest_between_sets_s} s between sets")
    return "; rest " + ", ".join(parts) if parts else ""


def _exercise_html(exercise: Exercise) -> str:
    """One exercise: its amount and rests, its caution and notes, and whose numbers they are."""
    from hamtimer.core.sourcing import origin_text

    escape = html.escape
    caution = f"<br><i>⚠ {escape(exercise.caution)}</i>" if exercise.caution else ""
    notes = f"<br>{escape(exercise.notes)}" if exercise.notes else ""
    return (
        f"<li><b>{escape(exercise.name)}</b>: {escape(exercise.amount_label())}"
        f"{escape(_rests(exercise))}{caution}{notes}"
        f"<br><i>Numbers: {escape(origin_text(exercise))}</i></li>"
    )


def _sources_html(template: Template) -> str:
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
    """`plan` is the one a session of `template` runs: its total is what the engine runs."""
    from hamtimer.core.durations import duration_text  # shown after the first frame

    escape = html.escape
    rows = []
    for block, exercises in template.blocks():
        if not exercises:
            continue
        rows.append(f"<h3>{block.heading}</h3><ul>")
        rows += [_exercise_html(exercise) for exercise in exercises]
        rows.append("</ul>")
    equipment = ", ".join(template.equipment()) or "none"
    return (
        f"<h2>{escape(template.name)}</h2>"
        f"<p>{escape(template.description or '')}</p>"
        f"<p><b>Total:</b> {duration_text(plan)} · <b>Level:</b> {template.level.value}"
        f" · <b>Equipment:</b> {escape(equipment)}</p>"
        f"<p>{escape(template.notes or '')}</p>"
        f"{''.join(rows)}"
        f"{_sources_html(template)}"
    )


class TemplateBrowser(QWidget):
    start_requested = Signal(object)
    """The user pressed Start (or Enter) on a `Template`."""

    def __init__(
        self,
        library: list[LoadedTemplate],
        plans: PlanBook,
        parent: QWidget | None = None,
        choices: TemplateChoices | None = None,
        past: PastSessions | None = None,
    ) -> None:
        super().__init__(parent)
        self._plans = plans
        self.setObjectName("templateBrowser")
        self._library: list[LoadedTemplate] = []
        self._choices = choices
        self._past = past
        """The history's latest sessions, for choose-some templates' turns."""
        self.adjust: QuickAdjustPanel | None = None
        self.template_list = QListWidget()
        self.template_list.setObjectName("templateList")
        self.template_list.setAccessibleName("Session templates")
        font = self.template_list.font()
        font.setPixelSize(18)
        self.template_list.setFont(font)
        self.details = QLabel()
        self.details.setObjectName("templateDetails")
        self.details.setAccessibleName("Template details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.start_button = QPushButton("Start session  [Enter]")
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName("Start the selected session")
        self.start_button.setMinimumHeight(64)
        font = self.start_button.font()
        font.setPixelSize(24)
        font.setBold(True)
        self.start_button.setFont(font)
        self.start_button.clicked.connect(self.request_start)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        self._right = right
        right.addWidget(self.start_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.template_list, 2)
        layout.addLayout(right, 3)
        self.template_list.currentRowChanged.connect(self._show_details)
        self.template_list.itemDoubleClicked.connect(lambda _item: self.request_start())
        self.setTabOrder(self.template_list, self.start_button)
        self.set_library(library)

    def show_loading(self) -> None:
        """Shown while the templates are read, just after the window first appears."""
        self.details.setText("<h2>Loading templates…</h2>")
        self.start_button.setEnabled(False)

    def set_library(self, library: list[LoadedTemplate]) -> None:
        """Show `library`, keeping the selected template selected when it is still there."""
        current = self.selected_original()
        self._library = list(library)
        self.template_list.blockSignals(True)
        self.template_list.clear()
        for item in self._library:
            label = item.template.name + ("" if item.builtin else "  (yours)")
            QListWidgetItem(label, self.template_list)
        self.template_list.blockSignals(False)
        self.start_button.setEnabled(bool(self._library))
        if self._library:
            ids = [item.template.id for item in self._library]
            row = ids.index(current.id) if current is not None and current.id in ids else 0
            self.template_list.setCurrentRow(row)
            self._show_details(row)
        else:
            self.details.setText("<h2>No session templates found</h2>")

    def template_by_id(self, template_id: str) -> Template | None:
        return next((t.template for t in self._library if t.template.id == template_id), None)

    def set_choices(self, choices: TemplateChoices | None) -> None:
        self._choices = choices

    def select(self, template_id: str) -> None:
        for row, item in enumerate(self._library):
            if item.template.id == template_id:
                self.template_list.setCurrentRow(row)

    def selected_original(self) -> Template | None:
        """The selected template as written."""
        row = self.template_list.currentRow()
        return self._library[row].template if 0 <= row < len(self._library) else None

    def selected(self) -> Template | None:
        """The selected template as the user adjusted it, with a choose-some template's picks
        for the next session: what a session runs."""
        from hamtimer.core.rotation import session_choice

        template = self.selected_original()
        if template is None:
            return template
        choice = session_choice(template, self.choice_for(template.id), self.past_of(template))
        return self._plans.adjusted(template, choice)

    def past_of(self, template: Template) -> list[PastSession]:
        """The latest sessions of a choose-some template (none for the others)."""
        if self._past is None or template.choose_per_session is None:
            return []
        return self._past.of(template.id, len(template.exercises))

    def turn_of(self, template: Template) -> Turn | None:
        from hamtimer.core.rotation import next_turn

        return next_turn(template, self.choice_for(template.id), self.past_of(template))

    def set_choice(self, template_id: str, choice: TemplateChoice) -> str | None:
        """Keep a choice made elsewhere (advice in History) and show it."""
        problem = self._keep_choice(template_id, choice)
        shown = self.adjust.shown_template() if self.adjust is not None else None
        if self.adjust is not None and shown is not None and shown.id == template_id:
            self.adjust.show_template(shown, self.choice_for(template_id), self.turn_of(shown))
        return problem

    def choice_for(self, template_id: str) -> TemplateChoice:
        """The user's choice, without picks made for a session that has since been done."""
        from hamtimer.core.rotation import current_choice
        from hamtimer.core.template_choice import TemplateChoice

        choice = self._choices.get(template_id) if self._choices else TemplateChoice()
        template = self.template_by_id(template_id)
        if template is None:
            return choice
        return current_choice(template, choice, self.past_of(template))

    def session_done(self) -> None:
        """A session ended: a choose-some template's turns move on, so show it again."""
        self._refresh_selected()

    def _keep_choice(self, template_id: str, choice: TemplateChoice) -> str | None:
        if self._choices is None:
            return "Adjustments can't be kept here."
        try:
            self._choices.set(template_id, choice)
        except OSError as error:
            return f"Your adjustment could not be saved ({error.strerror or error})."
        finally:
            self._refresh_selected()
        return None

    def refresh_details(self) -> None:
        """Show the selected template again (its plan may have been compiled anew)."""
        self._refresh_selected()

    def _refresh_selected(self) -> None:
        self._show_details(self.template_list.currentRow())

    def request_start(self) -> None:
        template = self.selected()
        if template is not None:
            self.start_requested.emit(template)

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self._library):
            return
        original = self._library[row].template
        shown = self.selected() or original
        text = details_html(shown, self._plans.plan(shown))
        turn = self.turn_of(original)
        if turn is not None:
            from hamtimer.core.timeline_text import turn_text

            text = f"<p><b>{html.escape(turn_text(original, turn))}</b></p>" + text
        if self._choices is not None:
            from hamtimer.core.template_choice import choice_text

            adjustments = choice_text(original, self.choice_for(original.id))
            if adjustments:
                text = f"<p><b>Adjusted:</b> {html.escape(adjustments)}</p>" + text
        self.details.setText(text)
        if self._choices is not None:
            panel = self._adjust_panel()
            if not panel.is_showing(original, turn):
                panel.show_template(original, self.choice_for(original.id), turn)

    def _adjust_panel(self) -> QuickAdjustPanel:
        """Built with the first template shown, after the window's first frame."""
        if self.adjust is None:
            from hamtimer.ui.train.quick_adjust import QuickAdjustPanel

            self.adjust = QuickAdjustPanel()
            self.adjust.choice_changed.connect(self._choice_edited)
            self._right.insertWidget(1, self.adjust)
        return self.adjust

    def _choice_edited(self, choice: TemplateChoice) -> None:
        template = self.selected_original()
        if template is not None:
            problem = self._keep_choice(template.id, choice)
            if problem and self.adjust is not None:
                self.adjust.note.setText(problem)
