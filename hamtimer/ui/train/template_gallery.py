"""Train's gallery: one card per template (name, a figure of its first exercise, duration,
level, equipment, source), in a list view so the arrow keys move between cards, Enter starts
the selected one and a screen reader reads each card as one line."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from hamtimer.ui import theme
from hamtimer.ui.widgets.accessible import role_label

CARD_SIZE = QSize(290, 156)
"""The least a card gets: its width grows to share the gallery's width between columns."""
CARD_GAP = 8
"""Room around each card: the selection ring is drawn in it."""
FIGURE_SIZE = QSize(88, 88)
"""The exercise figure's room on a card (filled by the figure widget when it lands)."""
CHIP_SPACING = 4
RING_WIDTH = 3
FOCUS_RING_WIDTH = 5
"""The selected card's ring while the gallery has the keyboard: it fills the gap."""
WRAP_SLACK = 4
"""Cells a few pixels short of the row's width: a row filled exactly wraps its last card."""


@dataclass(frozen=True, slots=True)
class CardFacts:
    """What a card shows, in words."""

    template_id: str
    name: str
    duration: str
    """The compiled plan's total: what a session of it runs."""
    level: str
    equipment: tuple[str, ...]
    source: str
    yours: bool = False
    figure_id: str | None = None
    """The figure of its first main exercise (what the session is about), if any."""
    figure_of: str = ""
    """That exercise's name."""

    @property
    def label(self) -> str:
        """The list item's text (what the list sorts and searches by)."""
        return self.name + ("  (yours)" if self.yours else "")

    def spoken(self) -> str:
        """The whole card as one line, for screen readers."""
        equipment = ", ".join(self.equipment) or "no equipment"
        return f"{self.label}: {self.duration}, {self.level}, {equipment}; from {self.source}"


def two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` wrapped at words into two lines at most, the second elided if it runs over: a
    card's name never pushes its other lines out of the card."""
    words = text.split()
    first: list[str] = []
    while words and metrics.horizontalAdvance(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    if not first:  # one word wider than the card
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if not words:
        return " ".join(first)
    rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    return f"{' '.join(first)}\n{rest}"


class TemplateCard(QWidget):
    """One template, drawn over its list item. Clicks pass through to the list (which
    selects, and starts on a double click)."""

    def __init__(self, facts: CardFacts) -> None:
        super().__init__()
        self.facts = facts
        self.setObjectName(f"card-{facts.template_id}")
        self.setProperty("role", "card")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        from hamtimer.ui.widgets.figure_slot import FigureSlot

        self.figure_slot = FigureSlot(FIGURE_SIZE, facts.figure_id, facts.figure_of)
        self.name = role_label(facts.label, "heading", "cardName", f"Name: {facts.label}")
        self.name.setProperty("size", "large")  # a card's title: a heading's weight, less size
        self.name.setToolTip(facts.label)
        self.meta = role_label(
            f"{facts.duration} · {facts.level.capitalize()}",
            "caption",
            "cardMeta",
            "Length and level",
        )
        self.source = role_label(f"From {facts.source}", "hint", "cardSource", "Source")
        self.source.setWordWrap(False)  # one line, elided to the card's width (see resizeEvent)
        self.source.setToolTip(self.source.text())
        self.source.setMinimumWidth(1)
        chips = QHBoxLayout()
        chips.setSpacing(CHIP_SPACING)
        self.chips = [
            role_label(item, "chip", "equipmentChip", "Equipment") for item in facts.equipment
        ]
        self.more_chips = role_label("", "chip", "moreChips", "More equipment")
        for chip in [*self.chips, self.more_chips]:
            chip.setWordWrap(False)
            chips.addWidget(chip)
        chips.addStretch(1)
        self.more_chips.setVisible(False)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.meta)
        text.addLayout(chips)
        text.addWidget(self.source)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.figure_slot, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        text = f"From {self.facts.source}"
        width = max(1, self.source.width())
        elided = self.source.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        self.source.setText(elided)
        self.name.setText(two_lines(self.facts.label, self.name.fontMetrics(), width))
        self._fit_chips(self.source.width())

    def _fit_chips(self, width: int) -> None:
        """Whole chips, as many as fit the card's width; the others counted ("+2") (the
        details list them all)."""
        more_width = self.more_chips.fontMetrics().horizontalAdvance("+99") + 16
        for chip, item in zip(self.chips, self.facts.equipment, strict=True):
            chip.setText(item)
        used, shown = 0, 0
        for index, chip in enumerate(self.chips):
            needed = chip.sizeHint().width() + CHIP_SPACING
            last = index == len(self.chips) - 1
            if used + needed + (0 if last else more_width) > width:
                break
            used += needed
            shown += 1
        if shown == 0 and self.chips:  # even the first is too long: it is shortened
            first = self.chips[0]
            metrics = first.fontMetrics()
            # What the stylesheet puts around a chip's text (its padding), measured.
            padding = first.sizeHint().width() - metrics.horizontalAdvance(first.text())
            others = more_width + CHIP_SPACING if len(self.chips) > 1 else 0
            room = width - others - padding
            first.setText(
                metrics.elidedText(self.facts.equipment[0], Qt.TextElideMode.ElideRight, room)
            )
            first.setToolTip(self.facts.equipment[0])
            shown = 1
        for index, chip in enumerate(self.chips):
            chip.setVisible(index < shown)
        hidden = len(self.chips) - shown
        self.more_chips.setText(f"+{hidden}")
        self.more_chips.setVisible(hidden > 0)

    def set_selected(self, selected: bool) -> None:
        """A property the stylesheet can target; the list draws the ring in any case."""
        self.setProperty("selected", selected)
        self.style().unpolish(self)
        self.style().polish(self)


class _RingDelegate(QStyledItemDelegate):
    """Draws no text (the card does): only a ring around the selected card, in the
    palette's highlight; while the gallery has the keyboard, a wider one in the theme's focus
    colour (the same look as every other focused control)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if not selected:
            return
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        width = FOCUS_RING_WIDTH if focused else RING_WIDTH
        inset = 1 + width // 2
        rect: QRect = option.rect.adjusted(inset, inset, -inset, -inset)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(theme.current().focus) if focused else option.palette.highlight().color()
        pen = QPen(colour, width)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 10, 10)
        painter.restore()


class TemplateGallery(QListWidget):
    """Cards in rows that wrap with the width; arrows move, Home and End jump."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("templateList")
        self.setAccessibleName("Session templates")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self.setGridSize(CARD_SIZE + QSize(CARD_GAP, CARD_GAP))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_RingDelegate(self))
        self.setMinimumWidth(CARD_SIZE.width() + CARD_GAP + 24)  # one column and a scroll bar
        self.cards: list[TemplateCard] = []
        self.currentRowChanged.connect(self._mark_selected)

    def show_cards(self, facts: list[CardFacts]) -> None:
        """Replace every card (signals blocked: the caller selects one afterwards); cards
        that already say exactly this stay (a start drew them from what it remembered)."""
        if facts == [card.facts for card in self.cards]:
            return
        self.blockSignals(True)
        self.clear()
        self.cards = []
        for fact in facts:
            item = QListWidgetItem(fact.label, self)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, fact.spoken())
            item.setSizeHint(self.gridSize())
            card = TemplateCard(fact)
            wrapper = QWidget()  # the gap around the card, where the ring shows
            wrapper.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            around = QVBoxLayout(wrapper)
            around.setContentsMargins(CARD_GAP // 2 + 1, CARD_GAP // 2 + 1, CARD_GAP // 2, 0)
            around.addWidget(card)
            self.setItemWidget(item, wrapper)
            self.cards.append(card)
        self.blockSignals(False)
        self._fit_columns()

    def update_facts(self, facts: list[CardFacts]) -> None:
        """New durations (the plans were compiled again): the cards' words, in place."""
        for card, fact in zip(self.cards, facts, strict=False):
            card.facts = fact
            card.meta.setText(f"{fact.duration} · {fact.level.capitalize()}")
        for row, fact in enumerate(facts[: self.count()]):
            self.item(row).setData(Qt.ItemDataRole.AccessibleTextRole, fact.spoken())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """As many columns as cards of the least width fit; the cards share what is left,
        so a narrow window shows one wide column rather than a card and a gap. The scroll
        bar's room is always left: measured from the viewport, a scroll bar that comes with
        one more row and goes with one column more would change the columns forever."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = self.contentsRect().width() - scroll_bar - 2 * WRAP_SLACK
        least = CARD_SIZE.width() + CARD_GAP
        columns = max(1, width // least)
        cell = QSize(max(least, width // columns), CARD_SIZE.height() + CARD_GAP)
        if cell == self.gridSize():
            return
        self.setGridSize(cell)
        for row in range(self.count()):
            self.item(row).setSizeHint(cell)

    def _mark_selected(self, row: int) -> None:
        for index, card in enumerate(self.cards):
            card.set_selected(index == row)
