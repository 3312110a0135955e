"""Keeps the editor's form from changing what the user did not mean to change.

One event filter for one form (it is the form's child, so it goes when the form goes), that
looks only at widgets inside that form. It watches the whole application, but only while the
form is on screen: an application-wide filter in Python sees every event of every widget (a
session's, a restyle's), so a hidden or leftover form must not keep one.
- a number or a list takes the focus from a click or Tab, never from the wheel; a wheel over
  one that does not have the focus scrolls the form instead of changing the value under the
  pointer;
- Ctrl+Z and Ctrl+Shift+Z inside a text field reach the form's undo history, not the field's
  own, so one history covers every edit (the field would otherwise undo only its own text).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
WHEEL_FIELDS = (QAbstractSpinBox, QComboBox)
WATCHED = (QEvent.Type.Wheel, QEvent.Type.ShortcutOverride, QEvent.Type.Polish)


class FormGuard(QObject):
    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self._form = form
        self._watching = False
        form.installEventFilter(self)  # its Show and Hide switch the application-wide watch
        if form.isVisible():
            self._watch(True)

    def _watch(self, on: bool) -> None:
        application = QApplication.instance()
        if application is None or on == self._watching:
            return
        self._watching = on
        if on:
            application.installEventFilter(self)
        else:
            application.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self._form and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self._watch(kind == QEvent.Type.Show)
        if kind not in WATCHED:
            return False
        if not isinstance(watched, QWidget) or not self._form.isAncestorOf(watched):
            return False
        if kind == QEvent.Type.Polish:
            if isinstance(watched, WHEEL_FIELDS):
                # The default (wheel focus) would hand the field the focus, then the wheel.
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind == QEvent.Type.Wheel:
            return _pass_wheel_on(watched, event)
        return isinstance(event, QKeyEvent) and _is_history_key(event)


def _pass_wheel_on(widget: QWidget, event: QEvent) -> bool:
    """True (the field does not get it) for a wheel over an unfocused number or list, which
    goes to the scroll area holding the form instead; False lets the field have it."""
    field = _wheel_field(widget)
    if field is None or field.hasFocus():
        return False
    area = _scroll_area_of(field)
    if area is not None:
        # Handed over explicitly: Qt passes a wheel to the parents only when it came from the
        # window system, not when a program (or a test) sent it.
        QApplication.sendEvent(area.viewport(), event)
    return True


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _wheel_field(widget: QWidget) -> QWidget | None:
    """The spin box or combo box `widget` is, or is part of (a spin box's line edit)."""
    current: QWidget | None = widget
    for _ in range(3):
        if current is None:
            return None
        if isinstance(current, WHEEL_FIELDS):
            return current
        current = current.parentWidget()
    return None


def _is_history_key(event: QKeyEvent) -> bool:
    """A key the form's history answers: not accepting the override lets the shortcut run."""
    pressed = QKeySequence(event.keyCombination())
    return any(
        pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch
        for keys in (*UNDO_KEYS, *REDO_KEYS)
    )
