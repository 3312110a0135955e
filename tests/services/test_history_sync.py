"""Two computers sharing one history folder through a sync tool: here a plain file copier
(tests/support/file_copier.py) that never deletes and makes Syncthing-style conflict copies,
so every merge rule is exercised in milliseconds. tests/test_history_syncthing.py does the
same through two real Syncthing instances."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hamtimer.core.session_record import QuickLog
from hamtimer.services.history import HistoryStore
from tests.history_records import START, small_record
from tests.support.file_copier import FileCopier

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def computer(home: Path, clock: Clock) -> HistoryStore:
    """One computer: its history in the shared folder, its own state folder."""
    return HistoryStore(home / "Sync" / "hamtimer", home / "state", now=clock)


def listed(store: HistoryStore) -> dict[str, QuickLog]:
    return {entry.id: entry.log for entry in store.load().entries}


def sessions_folder_names(store: HistoryStore) -> list[str]:
    return sorted(path.name for path in (store.folder / "sessions").rglob("*") if path.is_file())


def settle(copier: FileCopier, *stores: HistoryStore) -> None:
    """Sync, let each computer load (merging and tidying), and sync again, until quiet."""
    for _ in range(3):
        copier.sync()
        for store in stores:
            store.load()
    copier.sync()


def test_two_computers_converge_on_one_history(tmp_path: Path) -> None:
    clock_a, clock_b = Clock(NOON), Clock(NOON)
    laptop, desktop = computer(tmp_path / "a", clock_a), computer(tmp_path / "b", clock_b)
    copier = FileCopier(laptop.folder, desktop.folder)
    # Both finish sessions at the same time.
    for number in (1, 2):
        laptop.append(small_record(number, START + timedelta(days=number)))
    desktop.append(small_record(3, START + timedelta(days=3)))
    settle(copier, laptop, desktop)
    assert listed(laptop).keys() == listed(desktop).keys() == {f"session-{n}" for n in (1, 2, 3)}

    # The desktop edits a session made on the laptop; the laptop deletes one; both edit
    # session-3 before they sync, the desktop later: its edit wins on both.
    clock_a.now, clock_b.now = NOON + timedelta(minutes=1), NOON + timedelta(minutes=2)
    desktop.set_quick_log(desktop.find("session-1"), QuickLog(6, 1, "edited on the desktop"))
    laptop.delete("session-2")
    laptop.set_quick_log(laptop.find("session-3"), QuickLog(notes="laptop, earlier"))
    desktop.set_quick_log(desktop.find("session-3"), QuickLog(notes="desktop, later"))
    settle(copier, laptop, desktop)

    expected = {
        "session-1": QuickLog(6, 1, "edited on the desktop"),
        "session-3": QuickLog(notes="desktop, later"),
    }
    assert listed(laptop) == listed(desktop) == expected
    assert copier.conflicts >= 1  # the copier did make a conflict copy of session-3
    for store in (laptop, desktop):
        assert sessions_folder_names(store) == ["session-1.json", "session-3.json"]
        trashed = [p.name for p in (store.folder / "trash").iterdir()]
        assert any("sync-conflict" in name for name in trashed)  # read, merged, kept


def test_an_edit_after_a_deletion_brings_the_session_back_everywhere(tmp_path: Path) -> None:
    clock_a, clock_b = Clock(NOON), Clock(NOON)
    laptop, desktop = computer(tmp_path / "a", clock_a), computer(tmp_path / "b", clock_b)
    copier = FileCopier(laptop.folder, desktop.folder)
    laptop.append(small_record(1))
    settle(copier, laptop, desktop)

    clock_a.now, clock_b.now = NOON + timedelta(minutes=1), NOON + timedelta(minutes=5)
    laptop.delete("session-1")
    desktop.set_quick_log(desktop.find("session-1"), QuickLog(notes="later than the delete"))
    settle(copier, laptop, desktop)

    assert (
        listed(laptop) == listed(desktop) == {"session-1": QuickLog(notes="later than the delete")}
    )


def test_undo_on_one_computer_wins_over_its_own_tombstone_on_the_other(tmp_path: Path) -> None:
    clock_a, clock_b = Clock(NOON), Clock(NOON)
    laptop, desktop = computer(tmp_path / "a", clock_a), computer(tmp_path / "b", clock_b)
    copier = FileCopier(laptop.folder, desktop.folder)
    laptop.append(small_record(1))
    settle(copier, laptop, desktop)
    clock_a.now = NOON + timedelta(minutes=1)
    laptop.delete("session-1")
    settle(copier, laptop, desktop)
    assert listed(laptop) == listed(desktop) == {}

    clock_a.now = NOON + timedelta(minutes=2)
    laptop.restore("session-1")
    settle(copier, laptop, desktop)  # the copier never deletes: the tombstone comes back
    assert listed(laptop).keys() == listed(desktop).keys() == {"session-1"}


def test_a_damaged_conflict_copy_is_set_aside_never_deleted(tmp_path: Path) -> None:
    store = computer(tmp_path, Clock(NOON))
    store.append(small_record(1))
    month = store.folder / "sessions" / "2026-11"
    copy = month / "session-1 (conflicted copy 2026-12-01).json"
    copy.write_text("{half a file")
    loaded = store.load()
    assert [e.id for e in loaded.entries] == ["session-1"] and len(loaded.messages) == 1
    [aside] = (store.folder / "damaged").iterdir()
    assert aside.read_text() == "{half a file"


def test_a_conflict_copy_alone_is_put_back_at_the_sessions_own_name(tmp_path: Path) -> None:
    store = computer(tmp_path, Clock(NOON))
    store.append(replace(small_record(1), log=QuickLog(notes="kept")))
    month = store.folder / "sessions" / "2026-11"
    (month / "session-1.json").rename(month / "session-1.sync-conflict-20261201-1-X.json")
    assert listed(store) == {"session-1": QuickLog(notes="kept")}
    assert sessions_folder_names(store) == ["session-1.json"]
