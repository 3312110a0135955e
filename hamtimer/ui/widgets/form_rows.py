"""Form building blocks: rows whose labels are named, accessible and tied to their field
(Alt-key buddies), and fields and buttons that say what they do to screen readers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)


def editor_form(parent: QWidget) -> QFormLayout:
    """A form whose rows put the field under its label when the two don't fit side by side:
    the editor's column then never scrolls sideways (at 1280x800 it did, cutting off the
    labels of rows as wide as a range's min and max)."""
    form = QFormLayout(parent)
    form.setContentsMargins(0, 0, 0, 0)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def add_row(form: QFormLayout, text: str, field: QWidget | QLayout, name: str) -> None:
    label = QLabel(text)
    label.setObjectName(f"{name}Label")
    label.setAccessibleName(text)
    if isinstance(field, QWidget):
        label.setBuddy(field)
    form.addRow(label, field)


def line_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def spin_box(low: int, high: int, suffix: str = "", name: str = "") -> QSpinBox:
    """Emits valueChanged when a typed number is complete, not at every keystroke."""
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    spin.setKeyboardTracking(False)
    return spin


def command_button(object_name: str, text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


def commit_typed_number() -> None:
    """Spin boxes take a typed number when Enter or focus-out confirms it; a shortcut (Enter
    to start, Ctrl+S to save) acts before that, so it commits the focused one first."""
    focused = QApplication.focusWidget()
    if isinstance(focused, QAbstractSpinBox):
        focused.interpretText()


def show_starts(container: QWidget) -> None:
    """Text fields just filled show the start of their text, not its end (where setText
    leaves the cursor)."""
    for edit in container.findChildren(QLineEdit):
        if not edit.hasFocus():
            edit.setCursorPosition(0)
