"""The questions and file choosers of the Templates section, one function each so tests can
answer them (replace the function in `template_editor`, which calls them by that name)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
MAX_SHOWN_PROBLEMS = 40


def ask_unsaved(parent: QWidget, can_save: bool) -> str:
    """Save, discard or keep editing? Only valid templates can be saved. Tests replace it."""
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    if can_save:
        buttons |= QMessageBox.StandardButton.Save
    text = "This template has unsaved changes." + (
        "" if can_save else " It can't be saved until the marked problems are fixed."
    )
    answer = QMessageBox.question(parent, "Unsaved changes", text, buttons)
    return {
        QMessageBox.StandardButton.Save: SAVE,
        QMessageBox.StandardButton.Discard: DISCARD,
    }.get(answer, CANCEL)


def choose_import_files(parent: QWidget) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(
        parent, "Import templates", str(Path.home()), "hamtimer templates (*.json)"
    )
    return [Path(name) for name in names]


def choose_export_file(parent: QWidget, suggested: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Export template", str(Path.home() / suggested), "hamtimer template (*.json)"
    )
    return Path(name) if name else None


def choose_export_folder(parent: QWidget) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Export your templates to", str(Path.home()))
    return Path(name) if name else None


def show_refused(parent: QWidget, lines: list[str]) -> None:
    shown = lines[:MAX_SHOWN_PROBLEMS]
    more = len(lines) - len(shown)
    text = "\n".join(shown) + (f"\n… and {more} more" if more else "")
    QMessageBox.warning(parent, "Nothing was imported", f"Nothing was imported:\n\n{text}")
