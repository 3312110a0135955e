"""The history store: appends that survive kills, damaged files set aside, newer files
read-only, two writers at once, the running session's journal in this computer's own folder,
the index cache, edits, deletion with undo, and the conversion of the old month files."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.history import record_to_json
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.services.history import HistoryStore, ReadOnlyHistoryError, UnknownSessionError
from hamtimer.services.history import documents as documents_module
from hamtimer.services.history.layout import INDEX_NAME
from tests.history_records import START, run_record, small_record, store_at
from tests.support.privileges import as_a_plain_user

KILLS = 200
MONTH = "sessions/2026-11"


def child(home: Path, first: int, count: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.services.history_child", str(home), str(first)]
    return subprocess.Popen(
        command + ([str(count)] if count else []), stdout=subprocess.PIPE, text=True
    )


def ids(store: HistoryStore) -> set[str]:
    return {entry.id for entry in store.load().entries}


def session_file(home: Path, number: int) -> Path:
    return home / "history" / MONTH / f"session-{number}.json"


def test_appended_sessions_load_newest_first_across_months(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    for number in range(5):
        store.append(small_record(number, START + timedelta(days=20 * number)))

    loaded = store.load()
    assert [e.id for e in loaded.entries] == [f"session-{n}" for n in (4, 3, 2, 1, 0)]
    assert loaded.messages == [] and not loaded.read_only
    months = sorted(p.name for p in (tmp_path / "history" / "sessions").iterdir())
    assert months == ["2026-11", "2026-12", "2027-01"]  # one file per session, by month
    assert dict(loaded.entries[0].hold_s) == {"left": 30.0, "right": 28.5}


def test_the_index_is_a_cache_rebuilt_quietly_when_stale_or_damaged(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    store.load()
    index = tmp_path / "local" / "index.json"
    stale = index.read_text()
    store.append(small_record(2))
    index.write_text(stale)  # as if another hamtimer's session came after it was written

    assert ids(store_at(tmp_path)) == {"session-1", "session-2"}
    index.write_text("garbage")
    loaded = store_at(tmp_path).load()
    assert {e.id for e in loaded.entries} == {"session-1", "session-2"}
    assert loaded.messages == []  # derived data: rebuilt quietly
    assert not list((tmp_path / "history").glob("**/index.json"))  # never in the synced folder


def test_a_load_reads_only_the_files_the_index_has_not_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_at(tmp_path)
    for number in range(3):
        store.append(small_record(number))
    old = time.time() - 10  # past the index's "racily clean" window
    for path in (tmp_path / "history").rglob("*.json"):
        os.utime(path, (old, old))
    store.load()
    read: list[str] = []
    real = documents_module.read_session

    def counting(text: str, name: str) -> documents_module.SessionFile:
        read.append(name)
        return real(text, name)

    monkeypatch.setattr("hamtimer.services.history.store.read_session", counting)
    store.append(small_record(3))
    assert ids(store_at(tmp_path)) == {f"session-{n}" for n in range(4)}
    assert read == ["session-3.json"]


def test_an_index_from_before_work_was_kept_is_rebuilt_from_the_files(tmp_path: Path) -> None:
    """Index rows written before the work done was kept are too short: the store rebuilds the
    index from the session files (the source of truth) and loses nothing."""
    store = store_at(tmp_path)
    store.append(small_record(1))
    store.load()
    [index] = tmp_path.rglob(INDEX_NAME)
    document = json.loads(index.read_text())
    for folder in document["folders"].values():
        for row in folder["files"].values():
            del row[-1][-2:]  # the entry row without work done and planned
    index.write_text(json.dumps(document))

    [entry] = store_at(tmp_path).load().entries
    assert (entry.work_done, entry.work_planned) == (1.95, 2) and entry.is_training


def test_a_real_run_round_trips_through_the_store(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    record = run_record()
    store.append(record)
    [entry] = store.load().entries
    assert store.record(entry) == record


def test_the_quick_log_replaces_the_record_without_duplicating_it(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    [entry] = store.load().entries
    store.set_quick_log(entry, QuickLog(effort=7, pain=2, notes="right hamstring tight"))

    [logged] = store.load().entries
    assert logged.log == QuickLog(7, 2, "right hamstring tight")
    assert store.record(logged).log == logged.log  # type: ignore[union-attr]
    assert [p.name for p in (tmp_path / "history" / MONTH).iterdir()] == ["session-1.json"]


def test_not_training_is_kept_with_the_session(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    store.set_not_training("session-1", True)
    [entry] = store_at(tmp_path).load().entries
    assert entry.not_training
    store.set_not_training("session-1", False)
    assert not store_at(tmp_path).load().entries[0].not_training


def test_a_deleted_session_goes_to_the_trash_and_comes_back_with_undo(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    store.append(small_record(2))
    store.delete("session-1")

    assert ids(store_at(tmp_path)) == {"session-2"}
    assert (tmp_path / "history" / "tombstones" / "session-1.json").exists()
    [trashed] = (tmp_path / "history" / "trash").iterdir()  # kept, never erased at once
    assert json.loads(trashed.read_text())["session"]["id"] == "session-1"

    store.restore("session-1")
    assert ids(store_at(tmp_path)) == {"session-1", "session-2"}
    assert not list((tmp_path / "history" / "tombstones").iterdir())


def test_unknown_ids_are_refused_in_one_line(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(10))
    store.append(small_record(11))
    with pytest.raises(UnknownSessionError, match="no session has the id 'nope'"):
        store.set_not_training("nope", True)
    with pytest.raises(UnknownSessionError, match="2 sessions have ids starting with 'session-1'"):
        store.find("session-1")
    assert store.find("session-10").id == "session-10"
    with pytest.raises(UnknownSessionError, match="no deleted session"):
        store.restore("session-10")


@pytest.mark.slow  # 200 writer processes killed: about 20 s
def test_every_acknowledged_append_survives_a_kill_at_any_moment(tmp_path: Path) -> None:
    acknowledged: set[str] = set()
    rng = random.Random(5)
    next_number = 0
    for _ in range(KILLS):
        writer = child(tmp_path, next_number)
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        first = writer.stdout.readline()  # one append acknowledged, however busy the machine
        # Then kill at a random moment: often mid-write.
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(writer.pid, signal.SIGKILL)
        out, _ = writer.communicate()
        numbers = [int(line) for line in (first + out).split()]
        acknowledged |= {f"session-{n}" for n in numbers}
        next_number = (numbers[-1] + 1) if numbers else next_number
        loaded = store_at(tmp_path).load()
        assert loaded.messages == []  # every file parses: no damaged file after a kill
        assert acknowledged <= {e.id for e in loaded.entries}
    assert len(acknowledged) >= KILLS  # every kill landed after an acknowledged append


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    writers = [child(tmp_path, 0, 60), child(tmp_path, 1000, 60)]
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    assert len(ids(store_at(tmp_path))) == 120


DAMAGE = {
    "truncated": lambda text: text[: len(text) // 2],
    "binary garbage": lambda _text: "\x00\xff\xfe garbage \x01",
    "wrong types": lambda text: text.replace('"version"', '"x"').replace(
        '"id":"session-2"', '"id":2'
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_file_is_set_aside_and_the_others_load(tmp_path: Path, damage: str) -> None:
    store = store_at(tmp_path)
    for number in range(3):
        store.append(small_record(number))
    path = session_file(tmp_path, 2)
    original = path.read_text()
    path.write_text(DAMAGE[damage](original), encoding="utf-8", errors="surrogateescape")

    loaded = store_at(tmp_path).load()

    assert {e.id for e in loaded.entries} == {"session-0", "session-1"}
    assert len(loaded.messages) == 1 and "could not be read" in loaded.messages[0]
    [aside] = (tmp_path / "history" / "damaged").glob("session-2.json.damaged-*")
    assert aside.read_bytes() != b""  # kept, never deleted
    assert store_at(tmp_path).load().messages == []  # told once


def test_a_second_damaged_copy_never_overwrites_the_first(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    for garbage in ("{first", "{second"):
        store.append(small_record(1))
        session_file(tmp_path, 1).write_text(garbage)
        store_at(tmp_path).load()
    kept = sorted(p.read_text() for p in (tmp_path / "history" / "damaged").iterdir())
    assert kept == ["{first", "{second"]


def test_a_file_from_a_newer_hamtimer_opens_read_only(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    path = session_file(tmp_path, 1)
    document = json.loads(path.read_text())
    document["schema_version"] = 99
    path.write_text(json.dumps(document))

    reader = store_at(tmp_path)
    loaded = reader.load()
    assert loaded.read_only and "newer hamtimer" in loaded.messages[0]
    with pytest.raises(ReadOnlyHistoryError):
        reader.append(small_record(2))
    assert json.loads(path.read_text())["schema_version"] == 99  # untouched


def test_an_unreadable_file_is_reported_and_not_lost(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    path = session_file(tmp_path, 1)
    written = path.read_text()
    path.chmod(0)
    with as_a_plain_user():  # root would read it whatever its mode
        loaded = store_at(tmp_path).load()
    assert loaded.messages
    [aside] = (tmp_path / "history" / "damaged").glob("session-1.json.damaged-*")
    aside.chmod(0o600)
    assert aside.read_text() == written  # moved aside as it was, never deleted


def test_an_unreadable_file_as_root_is_a_folder_in_its_place(tmp_path: Path) -> None:
    """Root can read any file; a folder where a session file should be can't be read."""
    store = store_at(tmp_path)
    store.append(small_record(1, START + timedelta(days=400)))
    session_file(tmp_path, 2).mkdir(parents=True)
    loaded = store_at(tmp_path).load()
    assert [e.id for e in loaded.entries] == ["session-1"]
    assert len(loaded.messages) == 1
    assert list((tmp_path / "history" / "damaged").glob("session-2.json.damaged-*"))


def test_a_session_killed_mid_run_comes_back_as_interrupted(tmp_path: Path) -> None:
    script = (
        "import sys, os, signal\n"
        "from pathlib import Path\n"
        "from tests.history_records import small_record, store_at\n"
        "journal = store_at(Path(sys.argv[1])).start_journal('session-9')\n"
        "journal.write(small_record(9))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=False)
    assert list((tmp_path / "local" / "journals").glob("journal-*"))  # this computer's own
    assert not list((tmp_path / "history").rglob("journal-*"))  # never in the synced folder

    store = store_at(tmp_path)
    recovered, messages = store.recover_interrupted()

    assert [r.id for r in recovered] == ["session-9"] and messages == []
    [entry] = store.load().entries
    loaded = store.record(entry)
    assert loaded is not None and loaded.status == SessionStatus.INTERRUPTED
    assert loaded.legs == small_record(9).legs  # everything done so far
    assert not list((tmp_path / "local" / "journals").glob("journal-*"))


def test_a_journal_still_running_elsewhere_is_left_alone(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    journal = store.start_journal("session-3")
    journal.write(small_record(3))

    assert store.recover_interrupted() == ([], [])
    journal.close()
    assert not list((tmp_path / "local" / "journals").glob("journal-*"))


def test_import_merges_without_duplicates(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    added = store.import_records([small_record(1), small_record(2)])
    assert added == 1
    assert ids(store) == {"session-1", "session-2"}


def test_an_import_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15, item 7: a write failing on the third session left two imported, while the
    window said "Nothing was imported"."""
    from hamtimer.services.history import store as store_module

    store = store_at(tmp_path)
    store.append(small_record(1))
    real_write = store_module.write_atomic
    calls: list[Path] = []

    def failing_write(path: Path, text: str, **options: Any) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        real_write(path, text, **options)

    monkeypatch.setattr(store_module, "write_atomic", failing_write)
    with pytest.raises(OSError):
        store.import_records([small_record(n) for n in range(2, 6)])
    monkeypatch.undo()
    assert ids(store_at(tmp_path)) == {"session-1"}
    assert store.import_records([small_record(2), small_record(2)]) == 1  # an id twice: once


# -- the layout of hamtimer 0.1, converted once ------------------------------------------------


def write_month_files(folder: Path) -> None:
    """hamtimer 0.1's history: a month file with its .bak, a yearly summary, a journal."""
    folder.mkdir(parents=True)
    month = {"schema_version": 1, "sessions": [record_to_json(small_record(n)) for n in (1, 2)]}
    (folder / "sessions-2026-11.json").write_text(json.dumps(month))
    backup = {"schema_version": 1, "sessions": [record_to_json(small_record(1))]}
    (folder / "sessions-2026-11.json.bak").write_text(json.dumps(backup))
    (folder / "summary-2026.json").write_text('{"schema_version": 1}')
    journal = {"schema_version": 1, "session": record_to_json(small_record(5))}
    (folder / "journal-session-5.json").write_text(json.dumps(journal))


def test_month_files_are_converted_once_and_kept_in_a_legacy_folder(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    write_month_files(folder)
    store = store_at(tmp_path)

    recovered, messages = store.prepare()

    assert [r.id for r in recovered] == ["session-5"]  # its journal moved to local/journals
    assert "converted to one file per session (2 sessions)" in messages[0]
    assert ids(store) == {"session-1", "session-2", "session-5"}
    [legacy] = folder.glob("legacy-*")
    assert sorted(p.name for p in legacy.iterdir()) == [
        "sessions-2026-11.json",
        "sessions-2026-11.json.bak",
        "summary-2026.json",
    ]
    assert not list(folder.glob("sessions-*")) and not list(folder.glob("journal-*"))
    again = store_at(tmp_path)
    assert again.prepare() == ([], []) and again.load().messages == []  # said once


def test_a_damaged_month_file_is_converted_from_its_last_good_copy(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    write_month_files(folder)
    (folder / "sessions-2026-11.json").write_text("{truncated")
    loaded = store_at(tmp_path).load()
    assert {e.id for e in loaded.entries} == {"session-1"}  # the .bak
    assert any("last good copy" in message for message in loaded.messages)
    [legacy] = folder.glob("legacy-*")
    assert (legacy / "sessions-2026-11.json").read_text() == "{truncated"  # kept as it was


def test_one_wrong_typed_entry_in_a_month_stays_behind_alone(tmp_path: Path) -> None:
    # Before, it set the whole month aside: the newest good session (only in the month, not
    # in its .bak) disappeared from the history.
    folder = tmp_path / "history"
    write_month_files(folder)
    bad = record_to_json(small_record(3)) | {"started": 12345}
    month = {
        "schema_version": 1,
        "sessions": [record_to_json(small_record(1)), bad, record_to_json(small_record(2))],
    }
    (folder / "sessions-2026-11.json").write_text(json.dumps(month))

    loaded = store_at(tmp_path).load()

    assert {e.id for e in loaded.entries} == {"session-1", "session-2"}
    assert any("1 session could not be read" in message for message in loaded.messages)
    [legacy] = folder.glob("legacy-*")
    assert json.loads((legacy / "sessions-2026-11.json").read_text()) == month  # kept whole


def test_a_newer_session_file_hides_none_of_the_others(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    for number in (1, 2):
        store.append(small_record(number))
    path = session_file(tmp_path, 2)
    document = json.loads(path.read_text())
    document["schema_version"] = 99
    path.write_text(json.dumps(document))

    loaded = store_at(tmp_path).load()

    assert loaded.read_only and [e.id for e in loaded.entries] == ["session-1"]
    assert path.exists() and not (tmp_path / "history" / "damaged").exists()  # not set aside


def test_a_month_file_from_a_newer_hamtimer_is_not_converted_and_opens_read_only(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "history"
    write_month_files(folder)
    (folder / "sessions-2026-11.json").write_text('{"schema_version": 7, "sessions": []}')
    store = store_at(tmp_path)
    loaded = store.load()
    assert loaded.read_only and "newer hamtimer" in loaded.messages[0]
    assert (folder / "sessions-2026-11.json").exists()  # untouched
    with pytest.raises(ReadOnlyHistoryError):
        store.append(replace(small_record(3)))
