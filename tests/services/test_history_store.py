"""The history store: appends that survive kills, damaged files set aside and recovered,
newer files read-only, two writers at once, and the running session's journal."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.services.history_store import HistoryStore, ReadOnlyHistoryError
from tests.history_records import START, run_record, small_record
from tests.support.privileges import as_a_plain_user

KILLS = 200
MONTH = "sessions-2026-11.json"


def child(folder: Path, first: int, count: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.services.history_child", str(folder), str(first)]
    return subprocess.Popen(
        command + ([str(count)] if count else []), stdout=subprocess.PIPE, text=True
    )


def ids(store: HistoryStore) -> set[str]:
    return {entry.id for entry in store.load().entries}


def test_appended_sessions_load_newest_first_across_months(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    for number in range(5):
        store.append(small_record(number, START + timedelta(days=20 * number)))

    loaded = store.load()
    assert [e.id for e in loaded.entries] == [f"session-{n}" for n in (4, 3, 2, 1, 0)]
    assert loaded.messages == [] and not loaded.read_only
    assert len(list(tmp_path.glob("sessions-*.json"))) == 3  # Nov, Dec, Jan
    assert dict(loaded.entries[0].hold_s) == {"left": 30.0, "right": 28.5}


def test_a_summary_out_of_step_with_its_year_is_rebuilt(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    summary = tmp_path / "summary-2026.json"
    stale = summary.read_text()
    store.append(small_record(2))
    summary.write_text(stale)  # as if a write was cut off between the two files

    assert ids(HistoryStore(tmp_path)) == {"session-1", "session-2"}
    summary.write_text("garbage")
    loaded = HistoryStore(tmp_path).load()
    assert {e.id for e in loaded.entries} == {"session-1", "session-2"}
    assert loaded.messages == []  # derived data: rebuilt quietly


def test_a_summary_from_before_work_was_kept_is_rebuilt_from_the_months(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    summary = tmp_path / "summary-2026.json"
    document = json.loads(summary.read_text())
    for entry in document["entries"]:
        del entry["work"]  # as an older hamtimer wrote it, for the same month files
    summary.write_text(json.dumps(document))

    [entry] = HistoryStore(tmp_path).load().entries
    assert (entry.work_done, entry.work_planned) == (1.95, 2) and entry.is_training
    assert json.loads(summary.read_text())["entries"][0]["work"] == {"done": 1.95, "planned": 2}


def test_an_old_summary_is_rebuilt_after_an_append_too(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    summary = tmp_path / "summary-2026.json"
    document = json.loads(summary.read_text())
    del document["entries"][0]["work"]
    summary.write_text(json.dumps(document))
    store.append(small_record(2))  # keeps the old entry as it was: the load rebuilds

    loaded = HistoryStore(tmp_path).load()
    assert {e.id: e.work_planned for e in loaded.entries} == {"session-1": 2, "session-2": 2}
    assert loaded.messages == []


def test_a_real_run_round_trips_through_the_store(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    record = run_record()
    store.append(record)
    [entry] = store.load().entries
    assert store.record(entry) == record


def test_the_quick_log_replaces_the_record_without_duplicating_it(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    [entry] = store.load().entries
    store.set_quick_log(entry, QuickLog(effort=7, pain=2, notes="right hamstring tight"))

    [logged] = store.load().entries
    assert logged.log == QuickLog(7, 2, "right hamstring tight")
    assert store.record(logged).log == logged.log  # type: ignore[union-attr]


@pytest.mark.slow  # 200 writer processes killed: about 20 s
def test_every_acknowledged_append_survives_a_kill_at_any_moment(tmp_path: Path) -> None:
    acknowledged: set[str] = set()
    rng = random.Random(5)
    next_number = 0
    for _ in range(KILLS):
        writer = child(tmp_path, next_number)
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        # Kill at a random moment: often mid-write, sometimes before the first append.
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(writer.pid, signal.SIGKILL)
        out, _ = writer.communicate()
        numbers = [int(line) for line in out.split()]
        acknowledged |= {f"session-{n}" for n in numbers}
        next_number = (numbers[-1] + 1) if numbers else next_number
        loaded = HistoryStore(tmp_path).load()
        assert loaded.messages == []  # every file parses: no damaged file after a kill
        assert acknowledged <= {e.id for e in loaded.entries}
    assert len(acknowledged) > KILLS  # the kills did land between many appends


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    writers = [child(tmp_path, 0, 60), child(tmp_path, 1000, 60)]
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    assert len(ids(HistoryStore(tmp_path))) == 120


DAMAGE = {
    "truncated": lambda text: text[: len(text) // 2],
    "binary garbage": lambda _text: "\x00\xff\xfe garbage \x01",
    "wrong types": lambda text: text.replace('"template_version"', '"x"').replace(
        '"id":"session-2"', '"id":2'
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_month_is_set_aside_and_its_last_good_copy_loads(
    tmp_path: Path, damage: str
) -> None:
    store = HistoryStore(tmp_path)
    for number in range(3):
        store.append(small_record(number))
    year = tmp_path / MONTH
    original = year.read_text()
    year.write_text(DAMAGE[damage](original), encoding="utf-8", errors="surrogateescape")

    loaded = HistoryStore(tmp_path).load()

    assert {e.id for e in loaded.entries} == {"session-0", "session-1"}  # the .bak copy
    assert len(loaded.messages) == 1 and "damaged" in loaded.messages[0]
    [aside] = tmp_path.glob(f"{MONTH}.damaged-*")
    assert aside.read_bytes() != b""  # kept, never deleted
    assert HistoryStore(tmp_path).load().messages == []  # told once: the copy is restored


def test_a_file_from_a_newer_hamtimer_opens_read_only(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    year = tmp_path / MONTH
    document = json.loads(year.read_text())
    document["schema_version"] = 99
    year.write_text(json.dumps(document))

    reader = HistoryStore(tmp_path)
    loaded = reader.load()
    assert loaded.read_only and "newer hamtimer" in loaded.messages[0]
    with pytest.raises(ReadOnlyHistoryError):
        reader.append(small_record(2))
    assert json.loads(year.read_text())["schema_version"] == 99  # untouched


def test_an_unreadable_file_is_reported_and_not_lost(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    month = tmp_path / MONTH
    written = month.read_text()
    (tmp_path / "summary-2026.json").unlink()  # to be rebuilt: the load reads the month file
    month.chmod(0)
    with as_a_plain_user():  # root would read it whatever its mode
        loaded = HistoryStore(tmp_path).load()
    assert loaded.messages
    [aside] = tmp_path.glob(f"{MONTH}.damaged-*")
    aside.chmod(0o600)
    assert aside.read_text() == written  # moved aside as it was, never deleted


def test_an_unreadable_file_as_root_is_a_folder_in_its_place(tmp_path: Path) -> None:
    """Root can read any file; a folder where the month file should be can't be read."""
    store = HistoryStore(tmp_path)
    store.append(small_record(1, START + timedelta(days=400)))
    (tmp_path / MONTH).mkdir()
    loaded = HistoryStore(tmp_path).load()
    assert [e.id for e in loaded.entries] == ["session-1"]
    assert len(loaded.messages) == 1
    assert list(tmp_path.glob(f"{MONTH}.damaged-*"))  # moved aside, not removed


def test_a_session_killed_mid_run_comes_back_as_interrupted(tmp_path: Path) -> None:
    script = (
        "import sys, os, signal\n"
        "from pathlib import Path\n"
        "from hamtimer.services.history_store import HistoryStore\n"
        "from tests.history_records import small_record\n"
        "journal = HistoryStore(Path(sys.argv[1])).start_journal('session-9')\n"
        "journal.write(small_record(9))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=False)

    store = HistoryStore(tmp_path)
    recovered, messages = store.recover_interrupted()

    assert [r.id for r in recovered] == ["session-9"] and messages == []
    [entry] = store.load().entries
    loaded = store.record(entry)
    assert loaded is not None and loaded.status == SessionStatus.INTERRUPTED
    assert loaded.legs == small_record(9).legs  # everything done so far
    assert not list(tmp_path.glob("journal-*"))


def test_a_journal_still_running_elsewhere_is_left_alone(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    journal = store.start_journal("session-3")
    journal.write(small_record(3))

    assert store.recover_interrupted() == ([], [])
    journal.close()
    assert not list(tmp_path.glob("journal-*"))


def test_import_merges_without_duplicates(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.append(small_record(1))
    added = store.import_records([small_record(1), small_record(2)])
    assert added == 1
    assert ids(store) == {"session-1", "session-2"}
