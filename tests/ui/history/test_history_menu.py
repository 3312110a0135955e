"""File → Export history… and Import history…, with the file dialogs answered by the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from hamtimer.ui.main_window import MainWindow
from tests.history_records import small_record, store_at


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    return warnings


def trigger(window: MainWindow, name: str) -> None:
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if a.objectName() == name
    )
    action.trigger()


def test_export_then_import_into_another_history_merges_without_duplicates(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = store_at(tmp_path / "mine")
    source.append(small_record(1))
    source.append(small_record(2))
    exported = tmp_path / "export.json"
    answer_dialogs(monkeypatch, exported)
    window._history = source
    trigger(window, "exportHistory")
    assert len(json.loads(exported.read_text())["sessions"]) == 2
    assert window.statusBar().currentMessage() == f"Exported 2 sessions to {exported}."

    other = store_at(tmp_path / "other")
    other.append(small_record(2))
    window._history = other
    trigger(window, "importHistory")

    assert window.statusBar().currentMessage() == "Imported 1 new sessions (1 were already here)."
    assert {e.id for e in other.load().entries} == {"session-1", "session-2"}


def test_a_bad_file_imports_nothing_and_says_why(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    document = {"schema_version": 1, "sessions": [{"id": "ok"}, {"id": 3}]}
    bad.write_text(json.dumps(document))
    warnings = answer_dialogs(monkeypatch, bad)
    store = store_at(tmp_path)
    window._history = store
    trigger(window, "importHistory")

    assert len(warnings) == 1 and warnings[0].startswith("Nothing was imported: sessions[0].")
    assert store.load().entries == []
