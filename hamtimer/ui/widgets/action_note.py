"""A strip at the top of a page that answers the last action: what was done ("Deleted
'Tuesday bridges'"), or why it wasn't, with an Undo button when the action can be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from hamtimer.ui.widgets.accessible import show_text
from hamtimer.ui.widgets.form_rows import command_button
from hamtimer.ui.widgets.keyboard import readable


class ActionNote(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("role", "banner")
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What the last action did")
        readable(self.text)
        self.undo_button = command_button(f"{name}Undo", "Undo", "Undo what was just done")
        self.dismiss = QPushButton("✕")
        self.dismiss.setObjectName(f"{name}Dismiss")
        self.dismiss.setAccessibleName("Hide this message")
        self.undo_button.setAccessibleName("Undo what was just done")
        self.dismiss.setFlat(True)
        self.dismiss.clicked.connect(self.hide)
        self.undo_button.clicked.connect(self._undo_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.dismiss)
        self._undo: Callable[[], object] | None = None
        self.hide()

    def say(self, text: str, undo: Callable[[], object] | None = None, error: bool = False) -> None:
        """Show `text`; with `undo`, an Undo button that calls it (once)."""
        role = "banner-error" if error else "banner"
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)
            self.style().polish(self)
        show_text(self.text, text, "What the last action did")
        self._undo = undo
        self.undo_button.setVisible(undo is not None)
        self.show()

    def _undo_clicked(self) -> None:
        undo, self._undo = self._undo, None
        self.hide()
        if undo is not None:
            undo()
