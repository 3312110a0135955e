"""Problems marked where they are: a frame on the field, and the problem in words on a line
right under it (and as its tooltip), cleared as soon as the field is fixed.

Each problem goes on the one field that edits what it is about (the most precise one: a cue's
seconds, not the cue list and not the "Add cue" button); a problem about a whole object (an
exercise) goes on every field of it. A warning (the template runs, but not quite as written)
is marked the same way in another colour and never blocks saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QWidget

from hamtimer.core.validation import path_covers

if TYPE_CHECKING:
    from hamtimer.core.validation import Problem

# The frames and notes are the one thing the editor styles itself: the states exist only here.
INVALID_STYLE = """
*[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; }
*[invalid="warning"] { border: 2px solid #b26a00; border-radius: 3px; }
QLabel[problemNote="error"] { color: #c62828; }
QLabel[problemNote="warning"] { color: #b26a00; }
"""
ERROR, WARNING = "error", "warning"

Notes = Mapping[str, list[str]]
"""Per field path, what to say next to it."""


def fields_for(problem_path: str, fields: Iterable[str]) -> list[str]:
    """The field paths a problem is marked on: the most precise field holding it, or, for a
    problem about an object, every field of that object."""
    paths = list(fields)
    holding = [path for path in paths if _holds(path, problem_path)]
    if holding:
        return [max(holding, key=len)]
    return [path for path in paths if path_covers(path, problem_path)]


def _holds(field_path: str, problem_path: str) -> bool:
    return problem_path == field_path or problem_path.startswith(
        (field_path + ".", field_path + "[")
    )


def mark(widget: QWidget, messages: list[str], level: str = ERROR) -> None:
    """Frame `widget` and put `messages` under it; no messages clears both."""
    state: bool | str = (True if level == ERROR else WARNING) if messages else False
    if widget.property("invalid") != state:
        widget.setProperty("invalid", state)
        # Plain container widgets (a number with its range) paint a frame only when styled.
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip("\n".join(messages))
    widget.setAccessibleDescription("; ".join(messages))
    _show_note(widget, messages, level)


def mark_fields(
    fields: Mapping[str, QWidget],
    problems: Iterable[Problem],
    describe: Mapping[Problem, str] | None = None,
    warnings: Iterable[Problem] = (),
) -> int:
    """Mark every field a problem (or warning) belongs on and clear the others; how many
    fields have a problem. `describe` words each problem for the note (else its message)."""
    words = describe or {}
    errors: dict[str, list[str]] = {path: [] for path in fields}
    cautions: dict[str, list[str]] = {path: [] for path in fields}
    for found, into in ((problems, errors), (warnings, cautions)):
        for problem in found:
            for path in fields_for(problem.path, fields):
                into[path].append(words.get(problem, problem.message))
    marked = 0
    for path, widget in fields.items():
        if errors[path]:
            mark(widget, errors[path], ERROR)
            marked += 1
        else:
            mark(widget, cautions[path], WARNING)
    return marked


def note_of(widget: QWidget) -> QLabel | None:
    """The line of words under a marked field, while it has one."""
    note = _NOTES.get(id(widget))
    return note if note is not None and _alive(note) else None


_NOTES: dict[int, QLabel] = {}


def _show_note(widget: QWidget, messages: list[str], level: str) -> None:
    note = note_of(widget)
    if not messages:
        if note is not None:
            note.hide()
            note.setText("")
        return
    if note is None:
        note = _add_note_under(widget)
        if note is None:
            return
    note.setText("\n".join(messages))
    if note.property("problemNote") != level:
        note.setProperty("problemNote", level)
        note.style().unpolish(note)
        note.style().polish(note)
    note.setVisible(not widget.isHidden())


def _add_note_under(widget: QWidget) -> QLabel | None:
    """A label in the layout right under `widget`, or under the row holding it: in a form, a
    row of its own below the field's; in a column, the next item."""
    current = widget
    for _ in range(4):
        parent = current.parentWidget()
        if parent is None:
            return None
        layout = parent.layout()
        if isinstance(layout, QFormLayout):
            row = cast("tuple[int, object]", layout.getWidgetPosition(current))[0]
            if row >= 0:
                note = _note_label(widget)
                layout.insertRow(row + 1, QWidget(), note)  # under the field, not its label
                return note
        elif isinstance(layout, QBoxLayout):
            column = _column_holding(layout, current)
            if column is not None:
                note = _note_label(widget)
                column[0].insertWidget(column[1] + 1, note)
                return note
        current = parent
    return None


def _column_holding(layout: QBoxLayout, widget: QWidget) -> tuple[QBoxLayout, int] | None:
    """The innermost vertical layout (and the index in it) holding `widget`, directly or in
    a row nested in it."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        if item is not None and item.widget() is widget:
            return (layout, index) if _is_column(layout) else None
        if isinstance(inner, QBoxLayout) and _contains(inner, widget):
            deeper = _column_holding(inner, widget)
            if deeper is not None:
                return deeper
            return (layout, index) if _is_column(layout) else None
    return None


def _contains(layout: QBoxLayout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        if item is not None and item.widget() is widget:
            return True
        if isinstance(inner, QBoxLayout) and _contains(inner, widget):
            return True
    return False


def _is_column(layout: QBoxLayout) -> bool:
    return layout.direction() in (
        QBoxLayout.Direction.TopToBottom,
        QBoxLayout.Direction.BottomToTop,
    )


def _note_label(field: QWidget) -> QLabel:
    note = QLabel()
    note.setObjectName("problemNote")
    note.setProperty("role", "caption")
    note.setWordWrap(True)
    note.setAccessibleName(f"Problem with {field.accessibleName() or 'this field'}")
    key = id(field)
    _NOTES[key] = note
    field.destroyed.connect(lambda *_: _NOTES.pop(key, None))
    return note


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # its C++ side went with its layout's owner
        return False
    return True
