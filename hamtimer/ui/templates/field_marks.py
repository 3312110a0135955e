"""Invalid fields marked where they are: a red frame, and the problem as the tooltip."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from hamtimer.core.validation import path_covers

if TYPE_CHECKING:
    from hamtimer.core.validation import Problem

INVALID_STYLE = """
*[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; }
"""


def mark(widget: QWidget, messages: list[str]) -> None:
    invalid = bool(messages)
    if widget.property("invalid") == invalid and not invalid:
        return
    widget.setProperty("invalid", invalid)
    # Plain container widgets (a number with its range) paint a frame only when styled.
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    widget.setToolTip("\n".join(messages))
    widget.setAccessibleDescription("; ".join(messages))
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def mark_fields(fields: Mapping[str, QWidget], problems: Iterable[Problem]) -> int:
    """Mark every field a problem belongs on and clear the others; how many are marked."""
    found = list(problems)
    marked = 0
    for path, widget in fields.items():
        messages = [p.message for p in found if path_covers(path, p.path)]
        mark(widget, messages)
        marked += bool(messages)
    return marked
