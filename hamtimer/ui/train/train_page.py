"""Train: today's card on a plan, a gallery of template cards, the selected template's
details, quick adjust, and a large Start. It opens on today's planned session, else on the
template last started (or, the first time, what the history suggests, else the beginner
isometric session), with the focus on Start."""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamtimer.ui import theme
from hamtimer.ui.train.template_details import (
    DetailsFacts,
    TemplateDetails,
    details_facts,
    details_html,
)
from hamtimer.ui.train.template_gallery import CardFacts, TemplateGallery
from hamtimer.ui.train.today_card import TodayCard
from hamtimer.ui.widgets.keyboard import set_tab_order, show_readable
from hamtimer.ui.widgets.scrolling import scrolls_down

if TYPE_CHECKING:
    from hamtimer.core.coaching import TemplateNow
    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.model import Exercise, Template
    from hamtimer.core.plan_book import PlanBook
    from hamtimer.core.rotation import PastSession, Turn
    from hamtimer.core.session_record import SessionRecord
    from hamtimer.core.template_choice import TemplateChoice
    from hamtimer.services.app_services import Services
    from hamtimer.services.past_sessions import PastSessions
    from hamtimer.services.template_choices import TemplateChoices
    from hamtimer.services.templates import LoadedTemplate
    from hamtimer.services.today import Today, TodayLookup
    from hamtimer.ui.train.quick_adjust import QuickAdjustPanel
    from hamtimer.ui.train.train_snapshot import TrainSnapshot

log = logging.getLogger(__name__)

ENTER = "  [Enter]"
"""Said on the one Start that Enter presses (it follows the focus on a plan's session day)."""


class TrainPage(QWidget):
    start_requested = Signal(object)
    """Start (or Enter) on a `Template`, adjusted as the session runs it."""

    def __init__(
        self,
        plans: PlanBook,
        parent: QWidget | None = None,
        choices: TemplateChoices | None = None,
        past: PastSessions | None = None,
        services: Services | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """`services`: where the last template started is remembered, the history read for
        the first choice and the plan for the Today card (None: none of it, as in small
        tests). `wall_clock` says which day it is."""
        super().__init__(parent)
        self._plans = plans
        self.setObjectName("trainPage")
        self._library: list[LoadedTemplate] = []
        self._choices = choices
        self._past = past
        """The history's latest sessions, for choose-some templates' turns."""
        self._services = services
        self._wall_clock = wall_clock
        self._today: Today | None = None
        """Today on the user's plan, once the templates are loaded."""
        self._today_of: date | None = None
        """The day `_today` was looked up for (a window left open overnight looks again)."""
        self.today_lookup: TodayLookup | None = None
        """The Today card's lookup, as last shown."""
        self.today_card = TodayCard()
        self.today_card.start_today.connect(self.start_today)
        self.today_card.follow_program.connect(self._follow_program)
        self.adjust: QuickAdjustPanel | None = None
        self._start_when_read = False
        """Start was pressed on cards drawn from the snapshot (`take_early_start`)."""
        self._snapshot_row: int | None = None
        """The card selected when the snapshot was drawn (`show_snapshot`)."""
        self.template_list = TemplateGallery()
        self.details_view = TemplateDetails()
        self.details = self.details_view.details
        scroll = scrolls_down(self.details_view, "detailsScroll")
        self.start_button = QPushButton("Start" + ENTER)
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName("Start the selected session")
        self.start_button.setProperty("role", "primary")
        self.start_button.setProperty("size", "large")
        self.start_button.setMinimumHeight(64)
        self.start_button.clicked.connect(self.request_start)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.start_button)
        self._right = right
        columns = QHBoxLayout()
        columns.addWidget(self.template_list, 3)
        columns.addLayout(right, 2)
        self._top = QVBoxLayout(self)
        self._top.addWidget(self.today_card)
        self._top.addLayout(columns, 1)
        self.template_list.currentRowChanged.connect(self._show_details)
        self.template_list.itemDoubleClicked.connect(lambda _item: self.request_start())
        self.today_card.start_button.installEventFilter(self)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes as the page reads: the Today card, the cards (arrows move between them),
        the details, quick adjust, Start. Again whenever the details or the rows are rebuilt."""
        adjust = self.adjust.tab_stops() if self.adjust is not None else []
        set_tab_order(
            [
                *self.today_card.tab_stops(),
                self.template_list,
                *self.details_view.tab_stops(),
                *adjust,
                self.start_button,
            ]
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Today's Start taking or losing the focus moves "[Enter]" between the two Starts."""
        focus = (QEvent.Type.FocusIn, QEvent.Type.FocusOut)
        if watched is self.today_card.start_button and event.type() in focus:
            self._say_enter_on_today(event.type() == QEvent.Type.FocusIn)
        return super().eventFilter(watched, event)

    def _say_enter_on_today(self, today: bool) -> None:
        self.today_card.start_button.setText("Start today's session" + (ENTER if today else ""))
        self.start_button.setText("Start" + ("" if today else ENTER))

    def _set_start_icon(self) -> None:
        """After the first frame (the icon font is loaded then). Without the font the icon is
        empty and the words say it all."""
        if not self.start_button.icon().isNull():
            return
        colour = self.start_button.palette().buttonText().color().name()
        self.start_button.setIcon(theme.icon("start", colour))

    def show_snapshot(self, snapshot: TrainSnapshot) -> None:
        """What Train showed last time, drawn before the templates are read: the cards, the
        selected one and its details, Start focused. `set_library` then shows the templates
        themselves (rebuilding only what changed)."""
        self.template_list.show_cards(list(snapshot.cards))
        self.template_list.setCurrentRow(snapshot.selected)  # no template yet: no details
        self._snapshot_row = snapshot.selected
        self.details_view.show_facts(snapshot.details)
        self.start_button.setEnabled(True)
        self._order_tabs()

    def take_early_start(self) -> bool:
        """Whether Start was pressed while the cards were drawn from the snapshot (once: the
        window starts the session when its voice is there, `application.after_cards`)."""
        pressed, self._start_when_read = self._start_when_read, False
        return pressed and bool(self._library)

    def _picked_on_snapshot(self) -> str | None:
        """The card the user chose, or pressed Start on, while the cards were drawn from the
        snapshot (None: neither, and the page opens on `_first_choice`, as fresh as the
        history)."""
        row = self.template_list.currentRow()
        if self._library or self._snapshot_row is None:
            return None
        if row == self._snapshot_row and not self._start_when_read:
            return None
        cards = self.template_list.cards
        return cards[row].facts.template_id if 0 <= row < len(cards) else None

    def snapshot_for_next_start(self) -> TrainSnapshot | None:
        """What the next start will open on, in words (None before the templates are read):
        every card, and the one `_first_choice` picks with its details."""
        from hamtimer.ui.train.train_snapshot import TrainSnapshot

        if not self._library:
            return None
        ids = [item.template.id for item in self._library]
        row = ids.index(self._first_choice(self._history_entries()))
        # Lengths as the next start has them before its voice measures the phrases: its
        # first reading of the templates then says the same, and no card is rebuilt.
        book = self._plans.before_the_voice()
        return TrainSnapshot(tuple(self._card_facts(book)), row, self._details_facts(row, book))

    def show_loading(self) -> None:
        """Shown while the templates are read, just after the window first appears."""
        self.details_view.show_message("Loading templates…")
        self.start_button.setEnabled(False)

    @property
    def library(self) -> list[LoadedTemplate]:
        """The templates Train offers (built-in and the user's that loaded)."""
        return list(self._library)

    def set_library(self, library: list[LoadedTemplate]) -> None:
        """Show `library` as cards. The selection stays where it was; the first time, it goes
        to the template to start with (`template_to_show`)."""
        current = self.selected_original()
        first_time = not self._library and current is None
        picked = self._picked_on_snapshot()
        self._library = list(library)
        self.template_list.show_cards(self._card_facts())
        self.start_button.setEnabled(bool(self._library))
        self._set_start_icon()
        entries = self._history_entries()
        if self._on_a_plan():
            self._show_today(entries)  # today's session is the one to open on
        else:
            # Only the offer of a plan to follow: after the cards are on screen (reading the
            # built-in plans took 35 ms before the first card could be read).
            QTimer.singleShot(0, self, self._look_up_today_once)
        if not self._library:
            self.details_view.show_message("No session templates found")
            return
        ids = [item.template.id for item in self._library]
        if current is not None and current.id in ids:
            row = ids.index(current.id)
        elif picked in ids:
            row = ids.index(picked)
        elif first_time:
            row = ids.index(self._first_choice(entries))
        else:
            row = 0
        self.template_list.setCurrentRow(row)
        self._show_details(row)

    def _history_entries(self) -> list[HistoryEntry]:
        return [] if self._services is None else self._services.history.load().entries

    def _first_choice(self, entries: Sequence[HistoryEntry]) -> str:
        """The template the page opens on: today's on a plan's session day, else the one
        `coaching.template_to_show` picks."""
        from hamtimer.core.coaching import recent_training, template_to_show

        services = self._services
        templates = [item.template for item in self._library]

        def records_of(template_id: str) -> list[SessionRecord]:
            if services is None:
                return []
            found = (services.history.record(e) for e in recent_training(entries, template_id))
            return [record for record in found if record is not None]

        planned = self._today.template_id if self._today is not None else None
        if planned is not None and self.template_by_id(planned) is not None:
            return planned  # today's session on the plan: its exercises beside its card
        last = services.settings.last_template() if services is not None else None
        chosen = template_to_show(templates, last, entries, records_of, self._now)
        return (chosen or templates[0]).id

    def template_now(self, template_id: str) -> TemplateNow | None:
        """The template as the user runs it now (their quick-adjust choice laid over it, as
        Start runs it) and the harder one from the same article: what progression advice
        measures against, here and in History."""
        template = self.template_by_id(template_id)
        return None if template is None else self._now(template)

    def _now(self, template: Template) -> TemplateNow:
        from hamtimer.core.coaching import harder_template, template_now

        adjusted = self._plans.adjusted(template, self.choice_for(template.id))
        library = [item.template for item in self._library]
        return template_now(adjusted, harder_template(template, library))

    def _card_facts(self, plans: PlanBook | None = None) -> list[CardFacts]:
        """Every card's words; `plans`: compiled by this book (default: the page's)."""
        from hamtimer.core.durations import duration_text
        from hamtimer.core.sourcing import source_words

        book = plans or self._plans
        facts = []
        for item in self._library:
            template = item.template
            facts.append(
                CardFacts(
                    template.id,
                    template.name,
                    duration_text(book.plan(self._session_template(template))),
                    template.level.value,
                    tuple(template.equipment()),
                    source_words(template.source),
                    yours=not item.builtin,
                    figure_id=_first_main(template).figure_id if template.exercises else None,
                    figure_of=_first_main(template).name if template.exercises else "",
                )
            )
        return facts

    def template_by_id(self, template_id: str) -> Template | None:
        return next((t.template for t in self._library if t.template.id == template_id), None)

    def set_choices(self, choices: TemplateChoices | None) -> None:
        self._choices = choices

    def select(self, template_id: str) -> None:
        for row, item in enumerate(self._library):
            if item.template.id == template_id:
                self.template_list.setCurrentRow(row)

    def focus_start(self) -> None:
        """Enter starts: today's planned session on a plan's session day, else the template
        shown. Tab and Shift+Tab reach the cards."""
        today = self._today is not None and self._today.is_session
        (self.today_card.start_button if today else self.start_button).setFocus()
        self._say_enter_on_today(today)  # at once, even before the window has the keyboard

    def selected_original(self) -> Template | None:
        """The selected template as written."""
        row = self.template_list.currentRow()
        return self._library[row].template if 0 <= row < len(self._library) else None

    def selected(self) -> Template | None:
        """The selected template as the user adjusted it, with a choose-some template's picks
        for the next session: what a session runs."""
        template = self.selected_original()
        return None if template is None else self._session_template(template)

    def _session_template(self, template: Template) -> Template:
        from hamtimer.core.rotation import session_choice

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
        """A session ended: a choose-some template's turns move on, so show it again; and
        today's plan may be done."""
        self.refresh_details()
        self._show_today(self._history_entries())

    def _keep_choice(self, template_id: str, choice: TemplateChoice) -> str | None:
        if self._choices is None:
            return "Adjustments can't be kept here."
        try:
            self._choices.set(template_id, choice)
        except OSError as error:
            return f"Your adjustment could not be saved ({error.strerror or error})."
        finally:
            self.refresh_details()
        return None

    def refresh_details(self) -> None:
        """Show the selected template and every card's total again (the plans may have been
        compiled anew, or a choice changed them)."""
        self.template_list.update_facts(self._card_facts())
        self._show_details(self.template_list.currentRow())

    def request_start(self) -> None:
        """Enter or Start: today's planned session when its Start has the focus, else the
        template shown. Pressed while the cards are still drawn from the snapshot, it is kept
        (`take_early_start`) and the session starts once the templates and the voice are there,
        a fraction of a second later."""
        if not self._library and self.template_list.count():
            self._start_when_read = True
            return
        if self.today_card.start_button.hasFocus():
            self.start_today()
            return
        template = self.selected()
        if template is not None:
            self._remember(template.id)
            self.start_requested.emit(template)

    def start_today(self) -> bool:
        """Today's planned session, at this week's targets laid over the template as quick
        adjust's choice (and a choose-some template's turn), as `hamtimer run today` runs it."""
        from hamtimer.core.rotation import session_choice

        self._look_up_today_once()
        today = self._today
        template = self.template_by_id(today.template_id or "") if today is not None else None
        if today is None or today.targets is None or template is None:
            return False
        choice = session_choice(template, today.targets, self.past_of(template))
        self._remember(template.id)
        self.start_requested.emit(self._plans.adjusted(template, choice))
        return True

    def why_not_today(self) -> str:
        """Why `start_today` has nothing to start, in one sentence (the Today card shows
        the rest)."""
        today, lookup = self._today, self.today_lookup
        if lookup is not None and lookup.problem:
            return f"Nothing started: {lookup.problem}"
        if today is None:
            return "Nothing started: you are not following a plan yet; choose one on Today."
        if today.is_session:
            return f"Nothing started: today's template {today.template_id!r} is not here."
        return f"Nothing started today. {today.title}"

    def today_date(self) -> date:
        return datetime.fromtimestamp(self._wall_clock()).date()

    def _look_up_today_once(self) -> None:
        """Today's card, unless it already shows today."""
        if self._today_of != self.today_date():
            self._show_today(self._history_entries())

    def _on_a_plan(self) -> bool:
        return self._services is not None and self._services.paths.plan_file.exists()

    def _show_today(self, entries: list[HistoryEntry]) -> None:
        """The Today card from the user's plan (nothing without services)."""
        if self._services is None:
            return
        from hamtimer.services.today import look_up_today

        paths = self._services.paths
        templates = {item.template.id: item.template for item in self._library}
        lookup = look_up_today(
            paths.plan_file, paths.user_programs_dir, entries, self.today_date(), templates
        )
        self._today = lookup.today
        self.today_lookup = lookup
        self._today_of = self.today_date()
        self.today_card.show_lookup(lookup)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Back on Train on another day (left open overnight): today is looked up again."""
        super().showEvent(event)
        if self._today_of is not None and self._today_of != self.today_date():
            self._show_today(self._history_entries())
            self.focus_start()

    def _follow_program(self, program_id: str) -> None:
        """The user chose a program on the Today card: it starts today."""
        if self._services is None:
            return
        from hamtimer.services.today import follow_program

        try:
            follow_program(self._services.paths.plan_file, program_id, self.today_date())
        except OSError as error:
            show_readable(
                self.today_card.problem,
                f"The plan could not be saved ({error.strerror or error}).",
                "Why the plan can't be used",
            )
            return
        self._show_today(self._history_entries())
        self.focus_start()

    def _remember(self, template_id: str) -> None:
        """The next launch opens on it. Written off the GUI thread; a failure costs only that."""
        if self._services is None:
            return
        settings = self._services.settings

        def save() -> None:
            try:
                settings.save_last_template(template_id)
            except OSError as error:
                log.info("the last template could not be remembered: %s", error)

        self._services.background.submit(save)

    def _details_facts(self, row: int, plans: PlanBook | None = None) -> DetailsFacts:
        """The details of the card in `row`, as a session of it would run; `plans` as in
        `_card_facts`."""
        original = self._library[row].template
        shown = self._session_template(original)
        head = details_html(shown, (plans or self._plans).plan(shown))
        turn = self.turn_of(original)
        if turn is not None:
            from hamtimer.core.timeline_text import turn_text

            head = f"<p><b>{html.escape(turn_text(original, turn))}</b></p>" + head
        if self._choices is not None:
            from hamtimer.core.template_choice import choice_text

            adjustments = choice_text(original, self.choice_for(original.id))
            if adjustments:
                head = f"<p><b>Adjusted:</b> {html.escape(adjustments)}</p>" + head
        return details_facts(shown, head)

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self._library):
            return
        original = self._library[row].template
        turn = self.turn_of(original)
        self.details_view.show_facts(self._details_facts(row))
        if self._choices is not None:
            panel = self._adjust_panel()
            if not panel.is_showing(original, turn):
                panel.show_template(original, self.choice_for(original.id), turn)
        self._order_tabs()

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
                self.adjust.say(problem)


def _first_main(template: Template) -> Exercise:
    """The exercise a card pictures: the first of the main block, not a warm-up move."""
    return template.exercises[0]
