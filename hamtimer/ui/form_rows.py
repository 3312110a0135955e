"""Form rows whose labels are named, accessible and tied to their field (Alt-key buddies)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


def add_row(form: QFormLayout, text: str, field: QWidget | QLayout, name: str) -> None:
    label = QLabel(text)
    label.setObjectName(f"{name}Label")
    label.setAccessibleName(text)
    if isinstance(field, QWidget):
        label.setBuddy(field)
    form.addRow(label, field)
