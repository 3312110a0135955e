"""What the screen shows, made readable by screen readers (Orca, NVDA, Narrator, VoiceOver).

Qt exposes a label by its accessible name when it has one, and a label's text otherwise; a
label named "Phase" is read as "Phase", never as what it shows. `show_text` keeps both: the
text on screen and the name "Phase: HOLD" for the reader (Qt sends NameChanged itself, which
a reader speaks for the object it is on, so a countdown never floods it). `announce` is
for what must be heard wherever the reader is: a polite announcement waits for the reader's
current sentence (the policy of what and when is core/screen_reader.py).
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget


def role_label(text: str, role: str, name: str, accessible: str | None = None) -> QLabel:
    """Words in one of the stylesheet's roles ("hint", "heading", ...), wrapping, and read
    out as they are written, or as `accessible` says (words that change, or elide)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setAccessibleName(text if accessible is None else accessible)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def show_text(label: QLabel, text: str, what: str) -> None:
    """`text` on screen, and "what: text" to a screen reader ("what" alone when empty)."""
    if label.text() != text:
        label.setText(text)
    name = f"{what}: {text}" if text else what
    if label.accessibleName() != name:
        label.setAccessibleName(name)


def show_rich_text(label: QLabel, html: str, what: str) -> None:
    """Rich text on screen, its words (no markup) to a screen reader: "what: words"."""
    label.setText(html)
    document = QTextDocument()
    document.setHtml(html)
    words = re.sub(r"\s+", " ", document.toPlainText()).strip()
    label.setAccessibleName(f"{what}: {words}" if words else what)


def announce(widget: QWidget, text: str) -> None:
    """Ask the screen reader, politely, to say `text` (nothing happens without one)."""
    if not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
