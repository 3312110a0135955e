"""`hamtimer plan`, `hamtimer today` and `hamtimer run today`, run as real subprocesses.

The calendar is the real one here, so each test sets the running week around today's weekday
(the table tests in tests/core/test_scheduling.py cover the rules on a fixed calendar)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from hamtimer.core.scheduling import DAY_NAMES
from tests.support.cli import Hamtimer

pytestmark = pytest.mark.e2e

TODAY = date.today()
TOMORROW = DAY_NAMES[(TODAY.weekday() + 1) % 7]
MONDAY = TODAY - timedelta(days=TODAY.weekday())


def _one_line_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 1
    stderr = result.stderr
    assert text in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr


def test_today_with_no_plan_names_the_programs(hamtimer: Hamtimer) -> None:
    result = hamtimer("today")
    assert result.returncode == 0, result.stderr
    assert "No plan chosen yet" in result.stdout
    assert "isometric-base" in result.stdout


def test_choosing_a_plan_saves_it_and_shows_the_week(hamtimer: Hamtimer, tmp_path: Path) -> None:
    result = hamtimer(
        "plan", "--program", "isometric-base", "--start", MONDAY.isoformat(),
        "--hard-days", "tue,thu", "--long-run", "sat",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Isometric base, 6 weeks: week 1 of 6" in lines
    assert "Running: hard runs tue, thu; long run sat" in lines
    assert (
        sum(line.startswith(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")) for line in lines)
        == 7
    )
    assert any("hard run tomorrow" in line for line in lines)
    saved = json.loads(next((tmp_path / "home" / "config").rglob("plan.json")).read_text())
    assert saved["program"] == "isometric-base" and saved["long_run"] == "sat"
    shown = hamtimer("plan")
    assert shown.returncode == 0 and "week 1 of 6" in shown.stdout


def test_today_on_the_day_before_a_hard_run_is_a_rest_day(hamtimer: Hamtimer) -> None:
    chose = hamtimer("plan", "--program", "runners-hamstring-block", "--hard-days", TOMORROW)
    assert chose.returncode == 0, chose.stderr
    result = hamtimer("today")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Rest day: hard run tomorrow.")
    run = hamtimer("run", "today", "--silent", "--no-keys")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Rest day: hard run tomorrow.")


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("--program", "nope"), "no program 'nope'; known programs: isometric-base"),
        (("--program", "isometric-base", "--hard-days", "mon,funday"), "'funday' is not a day"),
        (("--program", "isometric-base", "--race", "2020-01-01"), "is in the past"),
        (("--program", "isometric-base", "--start", "soon"), "--start 'soon' is not a date"),
        (("--hard-days", "mon"), "choose a program first"),
    ],
)
def test_bad_plan_options_are_one_line(
    hamtimer: Hamtimer, args: tuple[str, ...], text: str
) -> None:
    _one_line_error(hamtimer("plan", *args), text)


def test_run_today_with_no_plan_is_one_line(hamtimer: Hamtimer) -> None:
    _one_line_error(hamtimer("run", "today", "--silent", "--no-keys"), "no plan chosen yet")


def test_help_lists_plan_and_today(hamtimer: Hamtimer) -> None:
    result = hamtimer("--help")
    assert "hamtimer run today" in result.stdout
    for command in ("plan", "today"):
        assert f"\n    {command} " in result.stdout, command


def test_validate_reads_a_program_file(hamtimer: Hamtimer, tmp_path: Path) -> None:
    document = json.loads(
        (Path(__file__).parents[2] / "hamtimer/data/programs/isometric-base.json").read_text()
    )
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    document["weeks"][0]["sessions"] = document["weeks"][0]["sessions"][:1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = hamtimer("validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{good}: OK" in result.stdout
    assert f"{bad}: $.weeks[0].sessions: " in result.stdout


def test_plan_follows_the_users_own_program(hamtimer: Hamtimer, tmp_path: Path) -> None:
    document = json.loads(
        (Path(__file__).parents[2] / "hamtimer/data/programs/isometric-base.json").read_text()
    )
    document.update(id="my-base", name="My base")
    folder = tmp_path / "home" / "data" / "hamtimer" / "programs"
    folder.mkdir(parents=True)
    (folder / "my-base.json").write_text(json.dumps(document), encoding="utf-8")
    result = hamtimer("plan", "--program", "my-base")
    assert result.returncode == 0, result.stderr
    assert "My base: week 1 of 6" in result.stdout


def test_the_running_week_from_a_calendar_file(hamtimer: Hamtimer, tmp_path: Path) -> None:
    first = TODAY + timedelta(days=1)
    race = TODAY + timedelta(days=60)
    events = [(first, "Intervals"), (first + timedelta(days=2), "Long run"), (race, "10k race")]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for day, title in events:
        lines += ["BEGIN:VEVENT", f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"SUMMARY:{title}"]
        lines.append("END:VEVENT")
    ics = tmp_path / "runs.ics"
    ics.write_text("\r\n".join([*lines, "END:VCALENDAR"]), encoding="utf-8")
    result = hamtimer("plan", "--program", "isometric-base", "--ics", str(ics))
    assert result.returncode == 0, result.stderr
    long_day = DAY_NAMES[(first + timedelta(days=2)).weekday()]
    expected = f"hard days {DAY_NAMES[first.weekday()]}, long run {long_day}, race {race}"
    assert f"From {ics}: {expected}." in result.stdout


def test_a_file_that_is_not_a_calendar_is_one_line(hamtimer: Hamtimer, tmp_path: Path) -> None:
    not_ics = tmp_path / "notes.ics"
    not_ics.write_text("hello", encoding="utf-8")
    _one_line_error(
        hamtimer("plan", "--program", "isometric-base", "--ics", str(not_ics)),
        "not an iCalendar file",
    )


@pytest.mark.parametrize("shape", ["ics-secondly", "ics-latin1", "fifo", "ics-huge"])
def test_a_hostile_calendar_changes_nothing(hamtimer: Hamtimer, tmp_path: Path, shape: str) -> None:
    from tests.hostile_corpus import plant_ics

    chose = hamtimer("plan", "--program", "isometric-base", "--hard-days", "tue")
    assert chose.returncode == 0, chose.stderr
    plan_file = next((tmp_path / "home" / "config").rglob("plan.json"))
    saved = plan_file.read_bytes()
    ics = tmp_path / "hostile.ics"
    plant_ics(ics, shape)
    result = hamtimer("plan", "--program", "runners-hamstring-block", "--ics", str(ics))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert str(ics) in result.stderr
    assert plan_file.read_bytes() == saved


def test_the_titles_read_from_a_calendar_are_shown_to_correct(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    first = TODAY + timedelta(days=1)
    ics = tmp_path / "runs.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        f"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:{first:%Y%m%d}\r\nRRULE:FREQ=WEEKLY\r\n"
        "SUMMARY:Club fartlek\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20261203\r\nRRULE:FREQ=WEEKLY;UNTIL=x\r\n"
        "SUMMARY:Hills\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    result = hamtimer(
        "plan", "--program", "isometric-base", "--ics", str(ics), "--hard-days", ""
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "  read as hard: Club fartlek" in result.stdout
    assert "  1 event(s) left out: their dates or repeats could not be read" in result.stdout
    assert "Running: hard runs none" in result.stdout.splitlines()  # the option corrected it


def test_export_writes_the_plan_and_a_second_export_updates_the_same_events(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    import icalendar

    target = tmp_path / "plan.ics"
    first = hamtimer(
        "plan", "--program", "isometric-base", "--start", MONDAY.isoformat(),
        "--hard-days", "", "--export", str(target),
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert f"to {target}, each at 18:00" in first.stdout
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert uids and all(uid.startswith("isometric-base-") for uid in uids)
    assert all(event.decoded("DTSTART").date() >= TODAY for event in events)
    again = hamtimer("plan", "--export", str(target))
    assert again.returncode == 0, again.stderr
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == uids


def test_export_never_overwrites_another_file(hamtimer: Hamtimer, tmp_path: Path) -> None:
    notes = tmp_path / "notes.ics"
    notes.write_text("my own calendar", encoding="utf-8")
    chose = hamtimer("plan", "--program", "isometric-base")
    assert chose.returncode == 0, chose.stderr
    _one_line_error(hamtimer("plan", "--export", str(notes)), "add --replace to overwrite it")
    assert notes.read_text(encoding="utf-8") == "my own calendar"
    replaced = hamtimer("plan", "--export", str(notes), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "BEGIN:VCALENDAR" in notes.read_text(encoding="utf-8")


def test_export_with_no_plan_is_one_line(hamtimer: Hamtimer, tmp_path: Path) -> None:
    _one_line_error(hamtimer("plan", "--export", str(tmp_path / "p.ics")), "no plan chosen yet")
    assert not (tmp_path / "p.ics").exists()
