"""The reminder process on a fake clock with a recording notifier, and switching reminders
on and off (the autostart entry, the systemd units, the setting). The real desktop
notification daemon is in tests/test_reminders_end_to_end.py."""

from __future__ import annotations

import configparser
import logging
import shlex
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from hamtimer.core.reminders import Reminder
from hamtimer.services.desktop_notifications import NotificationsUnavailableError
from hamtimer.services.reminders import (
    ReminderFiles,
    ReminderLoop,
    ReminderState,
    autostart_entry,
    systemd_units,
    xdg_config_home,
)
from hamtimer.services.settings import (
    DEFAULT_REMINDER_TIME,
    ReminderSettings,
    SettingsStore,
    parse_reminder_time,
)

MONDAY_MORNING = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


class FakeClock:
    """Sleeping moves the clock on at once; every sleep is kept."""

    def __init__(self, start: datetime) -> None:
        self.current = start
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.current += timedelta(seconds=seconds)


@dataclass
class RecordingNotifier:
    choose_start: bool = True
    unavailable: bool = False
    shown: list[tuple[datetime, str, str]] = field(default_factory=list)
    clock: FakeClock | None = None

    def show(self, summary: str, body: str, icon: str = "") -> int:
        if self.unavailable:
            raise NotificationsUnavailableError("no notification service (ServiceUnknown)")
        assert self.clock is not None
        self.shown.append((self.clock.now(), summary, body))
        return len(self.shown)

    def wait_for_action(self, notification_id: int, timeout_s: float) -> bool:
        return self.choose_start

    def close(self) -> None:
        return


@dataclass
class Harness:
    clock: FakeClock
    notifier: RecordingNotifier
    settings: list[ReminderSettings]
    started: list[datetime]
    loop: ReminderLoop


def harness(
    tmp_path: Path,
    planned: set[date],
    start: datetime = MONDAY_MORNING,
    days: int = 3,
    notifier: RecordingNotifier | None = None,
) -> Harness:
    """Reminders on at 18:00; they are switched off after `days` days (so `run` returns)."""
    clock = FakeClock(start)
    notifier = notifier or RecordingNotifier()
    notifier.clock = clock
    settings = [ReminderSettings(enabled=True, at=time(18, 0))]
    started: list[datetime] = []

    def current() -> ReminderSettings:
        if clock.now() >= start + timedelta(days=days):
            return ReminderSettings(enabled=False)
        return settings[-1]

    def todays(day: date) -> Reminder | None:
        return Reminder(f"Session on {day:%a}", "week 1") if day in planned else None

    loop = ReminderLoop(
        clock=clock,
        settings=current,
        todays_reminder=todays,
        notifier=notifier,
        start=lambda: started.append(clock.now()),
        state=ReminderState(tmp_path / "reminders.json"),
    )
    return Harness(clock, notifier, settings, started, loop)


def test_reminds_at_the_time_on_planned_days_only_and_start_runs(tmp_path: Path) -> None:
    tuesday, wednesday = date(2026, 12, 1), date(2026, 12, 2)
    run = harness(tmp_path, planned={tuesday, wednesday}, days=3)
    run.loop.run()
    shown = [(when, summary) for when, summary, _body in run.notifier.shown]
    assert shown == [
        (datetime(2026, 12, 1, 18, 0, tzinfo=UTC), "Session on Tue"),
        (datetime(2026, 12, 2, 18, 0, tzinfo=UTC), "Session on Wed"),
    ]
    assert run.started == [when for when, _summary in shown]
    assert max(run.clock.sleeps) <= 60  # the clock is read again at least every minute


def test_a_second_start_the_same_evening_does_not_remind_again(tmp_path: Path) -> None:
    tuesday_evening = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
    first = harness(tmp_path, planned={tuesday_evening.date()}, start=tuesday_evening, days=1)
    first.loop.run(once=True)
    second = harness(tmp_path, planned={tuesday_evening.date()}, start=tuesday_evening, days=1)
    second.loop.run(once=True)
    assert len(first.notifier.shown) == 1 and second.notifier.shown == []


def test_once_before_the_time_or_on_a_rest_day_shows_nothing(tmp_path: Path) -> None:
    early = harness(tmp_path, planned={MONDAY_MORNING.date()})
    early.loop.run(once=True)
    rest = harness(tmp_path, planned=set(), start=MONDAY_MORNING.replace(hour=18))
    rest.loop.run(once=True)
    assert early.notifier.shown == [] and rest.notifier.shown == []
    assert early.clock.sleeps == []  # --once never waits for the time


def test_closing_the_notification_starts_nothing(tmp_path: Path) -> None:
    run = harness(
        tmp_path, planned={date(2026, 12, 1)}, notifier=RecordingNotifier(choose_start=False)
    )
    run.loop.run()
    assert len(run.notifier.shown) == 1 and run.started == []


def test_no_notification_service_is_one_log_line_and_the_process_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    planned = {date(2026, 12, 1), date(2026, 12, 2)}
    run = harness(tmp_path, planned=planned, notifier=RecordingNotifier(unavailable=True))
    with caplog.at_level(logging.INFO, logger="hamtimer.services.reminders"):
        run.loop.run()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == ["no reminder shown: no notification service (ServiceUnknown)"] * 2
    assert run.started == []


class LateNotifier(RecordingNotifier):
    """No notification server for the first `missing` tries (a desktop still starting)."""

    missing: int = 5

    def show(self, summary: str, body: str, icon: str = "") -> int:
        self.missing -= 1
        self.unavailable = self.missing >= 0
        return super().show(summary, body, icon)


def test_a_notification_server_that_starts_late_still_shows_that_days_reminder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    run = harness(tmp_path, planned={date(2026, 12, 1)}, notifier=LateNotifier())
    with caplog.at_level(logging.WARNING, logger="hamtimer.services.reminders"):
        run.loop.run()
    assert [when for when, _s, _b in run.notifier.shown] == [
        datetime(2026, 12, 1, 18, 5, tzinfo=UTC)  # tried each minute, quietly, from 18:00
    ]
    assert len(caplog.records) == 1


def test_switched_off_while_running_ends_the_process(tmp_path: Path) -> None:
    run = harness(tmp_path, planned={date(2026, 12, 1)}, days=0)
    run.loop.run()
    assert run.notifier.shown == [] and run.clock.sleeps == []


def test_a_damaged_state_file_means_at_most_one_reminder_too_many(tmp_path: Path) -> None:
    (tmp_path / "reminders.json").write_text("{not json")
    state = ReminderState(tmp_path / "reminders.json")
    assert state.reminded_on() is None
    state.remember(date(2026, 12, 1))
    assert state.reminded_on() == date(2026, 12, 1)


# -- settings and the files that start the reminders -------------------------------------


def test_reminder_settings_round_trip_and_keep_the_other_sections(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save_history_folder(tmp_path / "synced")
    assert store.reminders() == ReminderSettings(False, DEFAULT_REMINDER_TIME)
    store.save_reminders(ReminderSettings(True, time(7, 30)))
    assert store.reminders() == ReminderSettings(True, time(7, 30))
    assert store.history_folder() == tmp_path / "synced"


@pytest.mark.parametrize(
    "section", ['"on"', '{"enabled": "yes", "time": "18:00"}', '{"enabled": true, "time": "25:00"}']
)
def test_a_damaged_reminders_section_means_off(tmp_path: Path, section: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(f'{{"schema_version": 1, "reminders": {section}}}')
    assert SettingsStore(path).reminders() == ReminderSettings()


@pytest.mark.parametrize(("text", "expected"), [("18:00", time(18)), ("7:05", time(7, 5))])
def test_reminder_times(text: str, expected: time) -> None:
    assert parse_reminder_time(text) == expected


@pytest.mark.parametrize("text", ["18", "six", "24:00", "18:60", ""])
def test_bad_reminder_times_say_what_is_expected(text: str) -> None:
    with pytest.raises(ValueError, match="like 18:00"):
        parse_reminder_time(text)


COMMAND = ["/opt/ham timer/bin/hamtimer"]


def test_the_autostart_entry_is_a_desktop_entry_that_runs_remind() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(autostart_entry(COMMAND))
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["NoDisplay"] == "true"
    assert entry["Exec"] == '"/opt/ham timer/bin/hamtimer" remind'


def test_the_systemd_timer_runs_remind_once_at_the_time() -> None:
    units = systemd_units(COMMAND, time(7, 30))
    assert (
        "ExecStart='/opt/ham timer/bin/hamtimer' remind --once"
        in units["hamtimer-remind.service"].splitlines()
    )
    assert shlex.split(units["hamtimer-remind.service"].split("ExecStart=")[1].splitlines()[0])[
        -2:
    ] == ["remind", "--once"]
    timer = units["hamtimer-remind.timer"].splitlines()
    assert "OnCalendar=*-*-* 07:30:00" in timer and "WantedBy=timers.target" in timer


def test_switching_on_and_off_creates_and_removes_one_way_of_starting(tmp_path: Path) -> None:
    files = ReminderFiles(tmp_path / "config")
    assert files.switch_on(COMMAND, time(18), systemd=False) == [files.autostart]
    assert files.autostart.is_file() and not files.uses_systemd()
    written = files.switch_on(COMMAND, time(18), systemd=True)
    assert not files.autostart.exists() and files.uses_systemd() and len(written) == 2
    assert sorted(files.switch_off()) == sorted(written)
    assert files.switch_off() == []


def test_xdg_config_home_is_respected_when_absolute() -> None:
    assert xdg_config_home({"XDG_CONFIG_HOME": "/x/config"}) == Path("/x/config")
    assert xdg_config_home({"XDG_CONFIG_HOME": "relative"}) == Path.home() / ".config"
    assert xdg_config_home({}) == Path.home() / ".config"
