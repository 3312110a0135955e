"""The command line, run as a real subprocess: exit codes, what is printed, and where."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hamtimer import __version__
from hamtimer.services.templates import builtin_templates
from tests.builders import document, exercise_document, tiny_document
from tests.support.cli import Hamtimer, app_environment

pytestmark = pytest.mark.e2e  # every test runs `python -m hamtimer` as a subprocess

COMMANDS = ("templates", "show", "validate", "run")
STEP_LINE = re.compile(
    r"^\s*(?P<index>\d+)\s+(?P<start>\d+:\d\d)\s+(?P<length>\d+ s|open)"
    r"\s+(?P<phase>[A-Z]+(?: [A-Z]+)?)"
    r"\s+(?P<side>LEFT|RIGHT|ALTERNATE)?\s*(?P<set>\d+/\d+)?\s+(?P<what>.+)$"
)
QT_ABORT_TEXT = ("qt.qpa", "could not connect to display", "platform plugin", "Aborted")

TINY = tiny_document()


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def _write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- help and version -----------------------------------------------------------------------


def test_help_lists_every_command(hamtimer: Hamtimer) -> None:
    result = hamtimer("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE), command
    assert "--log-events" in result.stdout
    assert "--version" in result.stdout
    assert result.stderr == ""


def test_version(hamtimer: Hamtimer) -> None:
    result = hamtimer("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hamtimer {__version__}"


def test_log_file_goes_into_the_test_home(hamtimer: Hamtimer, tmp_path: Path) -> None:
    result = hamtimer("templates")
    assert result.returncode == 0
    logs = list((tmp_path / "home").rglob("hamtimer.log"))
    assert logs, "the log file should land in the XDG state folder inside the test home"
    assert all(tmp_path in log.parents for log in logs)


# --- templates and show ---------------------------------------------------------------------


def test_templates_lists_every_builtin_with_id_name_duration_and_source(hamtimer: Hamtimer) -> None:
    result = hamtimer("templates")
    assert result.returncode == 0, result.stderr
    _no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "DURATION", "LEVEL", "SOURCE"]
    builtins = builtin_templates()
    assert len(builtins) >= 6
    assert len(lines) == 1 + len(builtins)
    for item in builtins:
        template = item.template
        row = next(line for line in lines if line.split()[0] == template.id)
        assert template.name in row
        assert template.source.title in row
        assert template.level.value in row
        assert re.search(r"\b\d+:\d\d\b", row), f"no duration in {row!r}"


def test_show_bridge_hold_has_left_hold_switch_right_hold_per_set(hamtimer: Hamtimer) -> None:
    result = hamtimer("show", "isometric-bridge-hold")
    assert result.returncode == 0, result.stderr
    _no_traceback(result)
    template = next(
        item.template for item in builtin_templates() if item.template.id == "isometric-bridge-hold"
    )
    exercise = template.exercises[0]
    assert exercise.hold_s is not None
    hold = exercise.hold_s.target
    assert hold == 20
    sets = exercise.sets.target

    steps = [m for m in map(STEP_LINE.match, result.stdout.splitlines()) if m]
    assert steps, result.stdout
    assert [int(m["index"]) for m in steps] == list(range(len(steps)))
    shape = [(m["phase"], m["side"], m["set"], m["length"]) for m in steps]
    work = [s for s in shape if s[0] in ("HOLD", "SWITCH SIDES")]
    expected: list[tuple[str, str | None, str | None, str]] = []
    for number in range(1, sets + 1):
        expected += [
            ("HOLD", "LEFT", f"{number}/{sets}", f"{hold} s"),
            ("SWITCH SIDES", "RIGHT", None, work[1][3]),
            ("HOLD", "RIGHT", f"{number}/{sets}", f"{hold} s"),
        ]
    assert work == expected
    # Consecutive inside each set: the hold, its switch, the lift into the bridge (a
    # "get ready" step, before the right hold's clock starts) and the right hold.
    for number in range(1, sets + 1):
        left = shape.index(("HOLD", "LEFT", f"{number}/{sets}", f"{hold} s"))
        assert shape[left + 1][0] == "SWITCH SIDES"
        assert shape[left + 2][:2] == ("GET READY", "RIGHT")
        assert shape[left + 3] == ("HOLD", "RIGHT", f"{number}/{sets}", f"{hold} s")
    assert shape[0][0] == "GET READY"
    assert "Source: " + template.source.title in result.stdout


def test_show_unknown_id_is_one_line_and_exit_1(hamtimer: Hamtimer) -> None:
    result = hamtimer("show", "no-such-template")
    assert result.returncode == 1
    _no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no-such-template" in lines[0]
    assert "isometric-bridge-hold" in lines[0]


def test_show_template_file(hamtimer: Hamtimer, tmp_path: Path) -> None:
    path = _write_json(tmp_path / "tiny.json", TINY)
    result = hamtimer("show", str(path))
    assert result.returncode == 0, result.stderr
    assert "Tiny session  (id tiny" in result.stdout


# --- validate -------------------------------------------------------------------------------


def test_validate_valid_file(hamtimer: Hamtimer, tmp_path: Path) -> None:
    path = _write_json(tmp_path / "good.json", document())
    result = hamtimer("validate", str(path))
    assert result.returncode == 0
    assert result.stdout.strip() == f"{path}: OK"
    _no_traceback(result)


def _bad_files(folder: Path) -> dict[str, tuple[Path, str, str]]:
    """name -> (file, JSON path expected on the line, words expected in the message)."""
    missing = document()
    del missing["source"]
    files: dict[str, tuple[Path, bytes, str, str]] = {
        "syntax": (
            folder / "syntax.json",
            b'{\n  "id": "x",\n  oops\n}',
            "$",
            "line 3, column 3",
        ),
        "wrong type": (
            folder / "type.json",
            json.dumps(document(countdown_s="three")).encode(),
            "$.countdown_s",
            "whole number",
        ),
        "unknown field": (
            folder / "unknown.json",
            json.dumps(exercise_document(colour="red")).encode(),
            "$.exercises[0].colour",
            "unknown field",
        ),
        "missing field": (
            folder / "missing.json",
            json.dumps(missing).encode(),
            "$.source",
            "required",
        ),
        "newer schema": (
            folder / "newer.json",
            json.dumps(document(schema_version=2)).encode(),
            "$.schema_version",
            "newer",
        ),
        "not utf-8": (
            folder / "latin1.json",
            '{"name": "Übung"}'.encode("latin-1"),
            "$",
            "UTF-8",
        ),
        "duplicate key": (
            folder / "dup.json",
            b'{"id": "a", "id": "b"}',
            "$",
            "twice",
        ),
        "absurd hold": (
            folder / "huge.json",
            json.dumps(exercise_document(hold_s={"target": 100_000})).encode(),
            "$.exercises[0].hold_s.target",
            "600",
        ),
    }
    result = {}
    for name, (path, data, json_path, words) in files.items():
        path.write_bytes(data)
        result[name] = (path, json_path, words)
    return result


@pytest.mark.parametrize(
    "case",
    [
        "syntax",
        "wrong type",
        "unknown field",
        "missing field",
        "newer schema",
        "not utf-8",
        "duplicate key",
        "absurd hold",
    ],
)
def test_validate_bad_file(hamtimer: Hamtimer, tmp_path: Path, case: str) -> None:
    path, json_path, words = _bad_files(tmp_path)[case]
    result = hamtimer("validate", str(path))
    assert result.returncode == 1
    _no_traceback(result)
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert lines
    for line in lines:
        assert line.startswith(f"{path}: "), line
    assert any(line.startswith(f"{path}: {json_path}: ") for line in lines), lines
    assert any(words.lower() in line.lower() for line in lines), lines
    assert not any(line.endswith(": OK") for line in lines)


def test_validate_several_files_reports_each(hamtimer: Hamtimer, tmp_path: Path) -> None:
    good = _write_json(tmp_path / "good.json", document())
    bad = _write_json(tmp_path / "bad.json", document(countdown_s=99))
    also_good = _write_json(tmp_path / "also-good.json", document(id="another"))
    result = hamtimer("validate", str(good), str(bad), str(also_good))
    assert result.returncode == 1
    _no_traceback(result)
    lines = result.stdout.strip().splitlines()
    assert f"{good}: OK" in lines
    assert f"{also_good}: OK" in lines
    bad_lines = [line for line in lines if line.startswith(f"{bad}: ")]
    assert bad_lines == [f"{bad}: $.countdown_s: got 99; must be at most 5"]


def test_validate_missing_file(hamtimer: Hamtimer, tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    result = hamtimer("validate", str(path))
    assert result.returncode == 1
    _no_traceback(result)
    assert result.stdout.strip() == f"{path}: $: file not found"


# --- run ------------------------------------------------------------------------------------


def test_run_tiny_template_logs_planned_and_actual(hamtimer: Hamtimer, tmp_path: Path) -> None:
    path = _write_json(tmp_path / "tiny.json", TINY)
    log = tmp_path / "logs" / "events.jsonl"
    result = hamtimer("run", str(path), "--log-events", str(log), "--no-keys", timeout=20)
    assert result.returncode == 0, result.stderr
    _no_traceback(result)
    out = result.stdout
    assert "GET READY" in out
    assert "WORK · Quick go · 2 s" in out
    assert "» " in out, "no caption printed"
    assert "1…" in out
    assert "Session complete. Well done." in out
    assert "Tiny session: completed in" in out
    assert "1/1 sets" in out
    assert "screen awake" not in result.stderr  # no screensaver here is not the user's problem

    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    names = [record["event"] for record in records]
    for name in ("step_started", "step_finished", "cue", "session_finished"):
        assert name in names
    assert names[0] == "step_started"
    assert names[-1] == "session_finished"
    assert names.count("step_started") == names.count("step_finished") == 2
    for record in records:
        assert isinstance(record["planned"], float)
        assert isinstance(record["actual"], float)
        assert record["actual"] >= record["planned"] - 0.001, record
    finished = [r for r in records if r["event"] == "step_finished"]
    assert [r["outcome"] for r in finished] == ["completed", "completed"]
    assert finished[-1]["actual_s"] == pytest.approx(2.0)


def test_run_keeps_the_screen_awake_through_the_desktops_screensaver(tmp_path: Path) -> None:
    """`hamtimer run` asks the desktop (a stand-in screensaver on a real private session bus)
    to keep the screen on while the session runs, and gives the inhibit back at the end."""
    from tests.support.session_bus import FakeService, private_session_bus, screensaver

    path = _write_json(tmp_path / "tiny.json", TINY)
    home = tmp_path / "home"
    with private_session_bus() as address:
        service = FakeService(address, "org.freedesktop.ScreenSaver", screensaver)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "hamtimer", "run", str(path), "--no-keys", "--silent"],
                env={**app_environment(home), "DBUS_SESSION_BUS_ADDRESS": address},
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        finally:
            service.close()
    assert result.returncode == 0, result.stderr
    assert [member for member, _body in service.calls] == ["Inhibit", "UnInhibit"]


def test_run_prints_notes_and_cautions_and_says_the_caution_once(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    careful = dict(TINY, notes="Rest a day between sessions.")
    careful["exercises"] = [
        dict(TINY["exercises"][0], caution="Stop at a sharp pull.", notes="Go easy.")
    ]
    path = _write_json(tmp_path / "careful.json", careful)
    result = hamtimer("run", str(path), "--no-keys", "--silent", timeout=30)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    before = out[: out.index("GET READY")]
    assert "Notes: Rest a day between sessions." in before
    assert "⚠ Quick go: Stop at a sharp pull." in before
    assert "Quick go: Go easy." in before
    assert out.count("» Caution: Stop at a sharp pull.") == 1
    assert "Note: Go easy." in out[out.index("GET READY") :]


def test_show_a_choose_some_template_runs_its_turn_and_lists_every_exercise(
    hamtimer: Hamtimer,
) -> None:
    result = hamtimer("show", "posterior-chain-five")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Runs 2 of its 5 main exercises per session, taking turns." in out
    # Past an open step, start times read "≥": at least that.
    work = re.compile(r"^\s*\d+\s+≥?\d+:\d\d\s+(\d+ s|open)\s+(WORK|GO)\s.*\d+/\d+\s+(?P<what>.+)$")
    worked = {m["what"] for m in map(work.match, out.splitlines()) if m}
    assert worked == {
        "Leg swings",
        "Walking lunges",
        "Easy jog in place",
        "Inchworms",
        "TRX hamstring runners",
    }
    listing = out[out.index("Exercises (where the numbers come from") :]
    assert (
        "Eccentric Nordic curl: 2-3 x 5 reps at tempo 5-0-1 (sets and reps from the article"
        in listing
    )
    assert (
        "Also from Improve Running Performance: Hamstring Training Benefits & Techniques" in listing
    )


def test_run_unknown_template_exits_1(hamtimer: Hamtimer) -> None:
    result = hamtimer("run", "no-such-template", "--no-keys")
    assert result.returncode == 1
    _no_traceback(result)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no-such-template" in result.stderr


# --- the window, with no display ------------------------------------------------------------


def test_window_without_display_exits_2_with_one_line_hint(hamtimer: Hamtimer) -> None:
    result = hamtimer()
    assert result.returncode == 2
    _no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "xvfb-run" in lines[0]
    assert "hamtimer run" in lines[0]
    for text in QT_ABORT_TEXT:
        assert text not in result.stderr
    assert result.stdout == ""


def test_doctor_names_the_speech_engine_and_the_audio_output(hamtimer: Hamtimer) -> None:
    done = hamtimer("doctor")
    assert done.returncode == 0, done.stderr
    assert "speech engine: espeak" in done.stdout
    for line in ("audio output (window):", "audio output (hamtimer run):", "fallback voice"):
        assert line in done.stdout
    assert "speech cache:" in done.stdout


def test_a_finished_run_is_in_history_and_exports_to_json_and_csv(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    session = tmp_path / "tiny.json"
    session.write_text(json.dumps(TINY))
    assert hamtimer("history").stdout.startswith("No sessions yet")
    assert hamtimer("run", str(session), "--no-keys", "--silent").returncode == 0

    table = hamtimer("history").stdout.splitlines()
    assert table[0].split()[:4] == ["DATE", "TEMPLATE", "STATUS", "LENGTH"]
    assert "Tiny session" in table[1] and "completed" in table[1]

    assert hamtimer("history", "--export", str(tmp_path / "all.json")).returncode == 0
    exported = json.loads((tmp_path / "all.json").read_text())
    assert [s["template"]["id"] for s in exported["sessions"]] == ["tiny"]
    assert hamtimer("history", "--export", str(tmp_path / "all.csv")).returncode == 0
    rows = (tmp_path / "all.csv").read_text().splitlines()
    assert rows[0].startswith("started,ended,template_id") and len(rows) >= 2


# --- user templates -------------------------------------------------------------------------


def test_templates_lists_the_users_own_and_reports_a_broken_one(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    folder = tmp_path / "home" / "data" / "hamtimer" / "templates"
    folder.mkdir(parents=True)
    _write_json(folder / "mine.json", document(id="my-bridge", name="My bridge"))
    (folder / "broken.json").write_text("{", encoding="utf-8")
    result = hamtimer("templates")
    assert result.returncode == 0
    _no_traceback(result)
    assert any(line.startswith("my-bridge ") for line in result.stdout.splitlines())
    assert len(result.stdout.strip().splitlines()) == len(builtin_templates()) + 2
    assert result.stderr.strip() == (
        f"hamtimer: {folder / 'broken.json'} not loaded: $: JSON syntax error at line 1, "
        "column 2: Expecting property name enclosed in double quotes"
    )
    assert (folder / "broken.json").read_text(encoding="utf-8") == "{"


def test_run_uses_the_quick_adjust_choice_made_in_the_window(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    path = _write_json(tmp_path / "tiny.json", {**TINY, "exercises": [
        {**TINY["exercises"][0], "sets": {"target": 3}}
    ]})  # fmt: skip
    choices = tmp_path / "home" / "config" / "hamtimer" / "template-choices.json"
    choices.parent.mkdir(parents=True)
    _write_json(choices, {"schema_version": 1, "choices": {"tiny": {"sets": {"go": 1}}}})
    result = hamtimer("run", str(path), "--no-keys", "--silent", timeout=20)
    assert result.returncode == 0, result.stderr
    _no_traceback(result)
    assert "Adjusted: Quick go: 1 set (change it on the Train page)" in result.stdout
    assert "1/1 sets" in result.stdout


def test_history_edit_and_delete_by_id_with_clear_errors_for_unknown_ids(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    session = _write_json(tmp_path / "tiny.json", TINY)
    assert hamtimer("run", str(session), "--no-keys", "--silent").returncode == 0
    row = hamtimer("history").stdout.splitlines()[1]
    short_id = row.split()[-1]

    edited = hamtimer("history", "edit", short_id, "--effort", "6", "--notes", "easy day")
    assert edited.returncode == 0, edited.stderr
    assert "effort 6, pain -, notes 'easy day'" in edited.stdout
    marked = hamtimer("history", "edit", short_id, "--not-training")
    assert "(not training)" in marked.stdout and "effort 6" in marked.stdout  # kept
    listed = hamtimer("history").stdout.splitlines()[1]
    assert "completed (not training)" in listed and " 6 " in listed

    unknown = hamtimer("history", "edit", "nope", "--effort", "3")
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "hamtimer: no session has the id 'nope' (`hamtimer history` lists the ids)"
    )
    assert hamtimer("history", "edit", short_id, "--effort", "11").returncode == 2  # argparse

    deleted = hamtimer("history", "delete", short_id)
    assert deleted.returncode == 0 and "hamtimer history restore" in deleted.stdout
    assert hamtimer("history").stdout.startswith("No sessions yet")
    full_id = deleted.stdout.split("restore ")[1].split("`")[0]
    assert hamtimer("history", "restore", full_id).returncode == 0
    assert "Tiny session" in hamtimer("history").stdout


def test_history_first_saves_a_session_cut_off_last_time(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    from hamtimer.core.history import record_to_json
    from tests.history_records import small_record

    journals = tmp_path / "home" / "state" / "hamtimer" / "history" / "journals"
    journals.mkdir(parents=True)
    journal = {"schema_version": 1, "session": record_to_json(small_record(1))}
    _write_json(journals / "journal-session-1.json", journal)

    first = hamtimer("history")
    assert "Saved an interrupted session: Isometric bridge hold" in first.stderr
    assert "interrupted" in first.stdout.splitlines()[1]
    again = hamtimer("history")
    assert again.stderr == "" and again.stdout == first.stdout  # said once


def test_validate_takes_template_ids_as_well_as_files(hamtimer: Hamtimer, tmp_path: Path) -> None:
    builtin_id = builtin_templates()[0].template.id
    mine = tmp_path / "home" / "data" / "hamtimer" / "templates"
    mine.mkdir(parents=True)
    _write_json(mine / "tuesday.json", document(id="tuesday"))
    _write_json(mine / "broken.json", document(id="broken", countdown_s=99))
    result = hamtimer("validate", builtin_id, "tuesday", "broken", "no-such-id")
    assert result.returncode == 1
    _no_traceback(result)
    lines = result.stdout.strip().splitlines()
    assert f"{builtin_id} (built-in): OK" in lines
    assert f"tuesday ({mine / 'tuesday.json'}): OK" in lines
    assert f"broken ({mine / 'broken.json'}): $.countdown_s: got 99; must be at most 5" in lines
    assert any(line.startswith("no-such-id: no template file or id") for line in lines)


def test_doctor_says_which_player_the_window_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    from hamtimer import commands
    from hamtimer.services.speech import stream_audio

    monkeypatch.setattr(stream_audio, "stream_problem", lambda: None)
    assert commands._window_player_text(lambda: None).startswith("in-process stream")
    monkeypatch.setattr(stream_audio, "stream_problem", lambda: "PortAudio is not available (x)")
    assert commands._window_player_text(lambda: "no audio output device found") == (
        "Qt Multimedia: no audio output device found"
        " (the in-process stream: PortAudio is not available (x))"
    )
