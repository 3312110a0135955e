"""The start-up snapshot's file: kept with its basis, handed back only on the same basis."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from hamtimer.services.paths import builtin_folder
from hamtimer.services.startup_snapshot import StartupSnapshot, snapshot_basis


def _basis(
    templates: Path, choices: Path, last: str | None = "a", today: date | None = None
) -> str:
    return snapshot_basis([builtin_folder("templates"), templates], [choices], last, today)


def test_a_document_comes_back_on_the_same_basis(tmp_path: Path) -> None:
    basis = _basis(tmp_path / "templates", tmp_path / "choices.json")
    StartupSnapshot(tmp_path / "cache" / "snap.json", basis).write({"cards": [1, 2]})
    assert StartupSnapshot(tmp_path / "cache" / "snap.json", basis).read() == {"cards": [1, 2]}


def test_any_change_to_what_it_was_drawn_from_sets_it_aside(tmp_path: Path) -> None:
    templates, choices = tmp_path / "templates", tmp_path / "choices.json"
    templates.mkdir()
    mine = templates / "mine.json"
    mine.write_text("{}")
    before = _basis(templates, choices)
    file = tmp_path / "snap.json"
    StartupSnapshot(file, before).write({"cards": []})

    os.utime(mine, ns=(1, 1))  # the user's template edited outside hamtimer
    edited = _basis(templates, choices)
    choices.write_text("{}")  # a quick-adjust choice kept
    chosen = _basis(templates, choices)
    started = _basis(templates, choices, last="b")  # another template started last
    planned = _basis(templates, choices, today=date(2026, 12, 2))  # a plan, another day

    assert len({before, edited, chosen, started, planned}) == 5
    for basis in (edited, chosen, started, planned):
        assert StartupSnapshot(file, basis).read() is None
    (templates / "notes.txt").write_text("not a template")
    assert _basis(templates, choices, last="b") == started


def test_a_missing_or_damaged_file_is_no_snapshot(tmp_path: Path) -> None:
    basis = _basis(tmp_path, tmp_path / "choices.json")
    file = tmp_path / "snap.json"
    assert StartupSnapshot(file, basis).read() is None
    for damaged in ("{ not json", "[]", '{"basis": 3}', "\x00" * 10):
        file.write_text(damaged)
        assert StartupSnapshot(file, basis).read() is None


def test_a_snapshot_that_cant_be_written_costs_nothing_else(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    StartupSnapshot(blocker / "snap.json", "basis").write({"cards": []})  # logged, not raised
    assert StartupSnapshot(blocker / "snap.json", "basis").read() is None
