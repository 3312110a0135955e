"""The hostile-input corpus through the real command line (issue 15): for every file kind a
cheap command reads, each hostile shape gives no traceback, no hang (a timeout), at most a
line or two on stderr, and loses nothing else. Plus closed pipes and escaped output."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hamtimer.core.history import record_to_json
from tests.builders import document, tiny_document
from tests.history_records import small_record
from tests.hostile_corpus import SHAPES, UNDATED_SHAPES, plant, session_document
from tests.support.cli import app_environment, hamtimer_in

pytestmark = pytest.mark.e2e

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def hamtimer(home: Path) -> Run:
    return hamtimer_in(home, home)


def _history(home: Path) -> Path:
    return home / "data" / "hamtimer" / "history"


def _local(home: Path) -> Path:
    return home / "state" / "hamtimer" / "history"


def _with_a_good_session(home: Path) -> str:
    from hamtimer.services.history import HistoryStore

    record = small_record(1)
    HistoryStore(_history(home), _local(home)).append(record)
    return record.id[:8]


def _calm(result: subprocess.CompletedProcess[str], most_lines: int = 2) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stderr.splitlines()) <= most_lines, result.stderr


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bad_user_template_leaves_the_others(hamtimer: Run, home: Path, shape: str) -> None:
    plant(home / "data" / "hamtimer" / "templates" / "bad.json", shape, document(id="bad"))
    result = hamtimer("templates")
    _calm(result)
    assert result.returncode == 0
    assert "sample-routine" in result.stdout
    shown = hamtimer("show", "sample-routine")
    _calm(shown)
    assert shown.returncode == 0


@pytest.mark.parametrize("shape", UNDATED_SHAPES)
def test_a_bad_template_file_is_refused(hamtimer: Run, home: Path, shape: str) -> None:
    path = home / "given.json"
    plant(path, shape, document(id="given"))
    result = hamtimer("validate", str(path))
    _calm(result, most_lines=0)
    assert result.returncode == 1
    _calm(hamtimer("show", str(path)), most_lines=20)  # one line per problem


@pytest.mark.parametrize(
    "where",
    ["session", "index", "journal", "settings"],
)
@pytest.mark.parametrize("shape", SHAPES)
def test_history_survives_a_bad_file(hamtimer: Run, home: Path, shape: str, where: str) -> None:
    short_id = _with_a_good_session(home)
    record = record_to_json(small_record(2))
    targets = {
        "session": (_history(home) / "sessions" / "2026-11" / "bad.json", session_document(record)),
        "index": (_local(home) / "index.json", None),
        "journal": (
            _local(home) / "journals" / "journal-bad.json",
            {"schema_version": 1, "session": record},
        ),
        "settings": (home / "config" / "hamtimer" / "settings.json", None),
    }
    path, valid = targets[where]
    if path.exists():
        path.unlink()
    plant(path, shape, valid)
    result = hamtimer("history")
    _calm(result)
    assert result.returncode == 0
    assert short_id in result.stdout  # nothing else lost
    again = hamtimer("history")  # told once: the file was set aside (or is harmless)
    _calm(again, most_lines=1 if where == "journal" else 0)


@pytest.mark.parametrize("where", ["settings", "choices"])
@pytest.mark.parametrize("shape", ["deep", "fifo", "surrogate", "huge-integer"])
def test_run_survives_bad_settings(hamtimer: Run, home: Path, shape: str, where: str) -> None:
    name = "settings.json" if where == "settings" else "template-choices.json"
    plant(home / "config" / "hamtimer" / name, shape)
    tiny = home / "tiny.json"
    tiny.write_text(json.dumps(tiny_document()), "utf-8")
    result = hamtimer("run", str(tiny), "--no-keys", "--silent", timeout=60)
    _calm(result)
    assert result.returncode == 0
    assert "Quick go" in result.stdout


def _piped_into_head(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = " ".join([sys.executable, "-m", "hamtimer", *args])
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -n 1"],
        env=app_environment(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [("show", "sample-routine"), ("templates",), ("history",)])
def test_a_closed_pipe_ends_quietly(home: Path, args: tuple[str, ...]) -> None:
    for number in range(40):  # enough rows that `history` outlives the pipe's buffer
        from hamtimer.services.history import HistoryStore

        HistoryStore(_history(home), _local(home)).append(small_record(number))
    result = _piped_into_head(home, *args)
    assert result.returncode == 0
    assert result.stderr == ""


def test_run_into_a_closed_pipe_keeps_the_session_as_stopped(hamtimer: Run, home: Path) -> None:
    tiny = home / "tiny.json"
    tiny.write_text(json.dumps(tiny_document()), "utf-8")
    result = _piped_into_head(home, "run", str(tiny), "--no-keys", "--silent")
    assert "Traceback" not in result.stderr
    history = hamtimer("history")
    assert "stopped" in history.stdout
    assert "interrupted" not in history.stdout


def test_terminal_escapes_in_imported_names_are_shown_escaped(hamtimer: Run, home: Path) -> None:
    from dataclasses import replace

    from hamtimer.services.history import HistoryStore

    record = replace(small_record(1), template_name="\x1b[2Jgone")
    HistoryStore(_history(home), _local(home)).append(record)
    result = hamtimer("history")
    assert "\x1b" not in result.stdout
    assert "\\x1b[2Jgone" in result.stdout


# --- a save that fails (issue 15, item 2; a newer history, item 4) ----------------------------


def _newer_history(home: Path) -> str:
    """A history holding one session from a hamtimer newer than this one: read-only."""
    session_id = _with_a_good_session(home)
    [path] = (_history(home) / "sessions").rglob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] += 1
    newer = path.with_name("from-the-future.json")
    newer.write_text(json.dumps(data), encoding="utf-8")
    return session_id


@pytest.mark.slow
@pytest.mark.parametrize("problem", ["history is a file", "newer history"])
def test_a_session_that_cannot_be_saved_exits_non_zero_saying_where_it_is_kept(
    hamtimer: Run, home: Path, problem: str
) -> None:
    tiny = home / "tiny.json"
    tiny.write_text(json.dumps(tiny_document(work_s=1)), encoding="utf-8")
    if problem == "history is a file":
        _history(home).parent.mkdir(parents=True)
        _history(home).write_text("a plain file where the history folder should be")
    else:
        _newer_history(home)
    before = {p: p.read_bytes() for p in _history(home).rglob("*") if p.is_file()}

    result = hamtimer("run", str(tiny), "--no-keys", "--silent", timeout=30)

    assert result.returncode == 3, result.stderr
    _calm(result)
    [line] = [text for text in result.stderr.splitlines() if "kept in" in text]
    [journal] = _local(home).rglob("journal-*.json")
    assert str(journal) in line and "saved at the next start" in line
    if problem == "newer history":
        assert "newer hamtimer" in line
    after = {p: p.read_bytes() for p in _history(home).rglob("*") if p.is_file()}
    assert after == before  # read-only means nothing written, nothing set aside

    if problem == "history is a file":
        _history(home).unlink()  # fixed before the next start
        history = hamtimer("history")
        assert "Tiny session" in history.stdout and "completed" in history.stdout
        assert not list(_local(home).rglob("journal-*.json"))
