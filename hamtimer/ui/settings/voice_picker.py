"""The voice: a search field over a list grouped by language, the user's own language first
("English" before ~130 espeak-ng languages from Afrikaans on), each group under a heading
that can't be chosen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

Voice = tuple[str, str]
"""(engine voice id, name), e.g. ("gmw/en-US", "English (America)")."""
VOICE_ROLE = Qt.ItemDataRole.UserRole
HEADING_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_TEXT = "Engine default"
VISIBLE_ROWS = 8


def language_of(voice: Voice) -> str:
    """ "English (America)" -> "English"."""
    return voice[1].split(" (", 1)[0].strip() or voice[1]


def speaks(voice: Voice, locale: str) -> bool:
    """Does `voice` speak the language of `locale` (like "en_GB")?"""
    language = locale.split("_")[0].lower()
    code = voice[0].rsplit("/", 1)[-1].lower()
    return language not in ("", "c") and (code == language or code.startswith(f"{language}-"))


def voice_groups(voices: Sequence[Voice], locale: str) -> list[tuple[str, list[Voice]]]:
    """(heading, voices) by language, by name; the user's language first, headed as theirs."""
    ordered = sorted(voices, key=lambda voice: voice[1].lower())
    yours = [voice for voice in ordered if speaks(voice, locale)]
    groups: dict[str, list[Voice]] = {}
    for voice in ordered:
        if voice not in yours:
            groups.setdefault(language_of(voice), []).append(voice)
    first = [(f"Your language: {language_of(yours[0])}", yours)] if yours else []
    return first + sorted(groups.items(), key=lambda group: group[0].lower())


class VoicePicker(QWidget):
    chosen = Signal()
    """The user chose another voice."""

    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit()
        self.search.setObjectName("voiceSearch")
        self.search.setAccessibleName("Search the voices")
        self.search.setPlaceholderText("Search: English, French, America…")
        self.list = QListView()
        self.list.setObjectName("voiceChoice")
        self.list.setAccessibleName("Voice, grouped by language")
        self.list.setUniformItemSizes(True)
        self.model = QStandardItemModel(self)
        self.list.setModel(self.model)
        rows = self.list.fontMetrics().height() + 6
        self.list.setFixedHeight(rows * VISIBLE_ROWS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self.filter)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self._quiet = False
        self.set_voices((), "")

    def set_voices(self, voices: Sequence[Voice], locale: str) -> None:
        chosen = self.current_voice()
        self._quiet = True
        self.model.clear()
        self.model.appendRow(_voice_item(DEFAULT_TEXT, None))
        for heading, group in voice_groups(voices, locale):
            self.model.appendRow(_heading_item(heading))
            for voice_id, name in group:
                self.model.appendRow(_voice_item(name, voice_id))
        self._quiet = False
        self.select(chosen)
        self.filter(self.search.text())

    def current_voice(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(VOICE_ROLE) if index.isValid() else None

    def select(self, voice_id: str | None) -> None:
        """Show `voice_id` as chosen (a saved voice the engine doesn't list is kept)."""
        row = self._row_of(voice_id)
        if row is None and voice_id is not None:
            self.model.appendRow(_voice_item(voice_id, voice_id))
            row = self.model.rowCount() - 1
        self._quiet = True
        self.list.setCurrentIndex(self.model.index(row or 0, 0))
        self._quiet = False

    def names(self) -> list[str]:
        """What the list holds, headings in brackets."""
        items = (self.model.item(row) for row in range(self.model.rowCount()))
        return [f"[{i.text()}]" if i.data(HEADING_ROLE) else i.text() for i in items if i]

    def shown_names(self) -> list[str]:
        """The voices the search leaves (headings left out)."""
        return [
            item.text()
            for row, item in enumerate(self.model.item(r) for r in range(self.model.rowCount()))
            if item is not None and not item.data(HEADING_ROLE) and not self.list.isRowHidden(row)
        ]

    def filter(self, search: str) -> None:
        """Voices whose name or id has every word searched (the default always stays); a
        heading goes with the last of its voices."""
        words = search.lower().split()
        heading: int | None = None
        heading_shown = False
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item is None:
                continue
            if item.data(HEADING_ROLE):
                self._hide_heading(heading, heading_shown)
                heading, heading_shown = row, False
                continue
            voice_id = item.data(VOICE_ROLE)
            text = f"{item.text()} {voice_id or ''}".lower()
            shown = voice_id is None or all(word in text for word in words)
            self.list.setRowHidden(row, not shown)
            heading_shown = heading_shown or (shown and voice_id is not None)
        self._hide_heading(heading, heading_shown)

    def _hide_heading(self, row: int | None, shown: bool) -> None:
        if row is not None:
            self.list.setRowHidden(row, not shown)

    def _row_of(self, voice_id: str | None) -> int | None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if (
                item is not None
                and not item.data(HEADING_ROLE)
                and item.data(VOICE_ROLE) == voice_id
            ):
                return row
        return None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid() and not current.data(HEADING_ROLE):
            self.chosen.emit()


def _voice_item(name: str, voice_id: str | None) -> QStandardItem:
    item = QStandardItem(name)
    item.setData(voice_id, VOICE_ROLE)
    item.setEditable(False)
    return item


def _heading_item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(True, HEADING_ROLE)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: readable, never selected
    font = QFont(item.font())
    font.setBold(True)
    item.setFont(font)
    return item
