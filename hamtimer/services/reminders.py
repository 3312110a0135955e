"""Reminders of planned sessions with the window closed (Linux desktops).

`hamtimer remind` runs window-less: it sleeps until the reminder time, asks whether today has
a planned session (the plan, the history), and if so shows a desktop notification whose Start
action runs the start command (the window, on today's session). Switching reminders on writes
an XDG autostart entry that starts that process at login; the alternative is a systemd user
timer that runs `hamtimer remind --once` at the time each day (the unit files are written
here, enabling them is one systemctl command the user runs).

The clock is injected: the process reads "now" from it and sleeps through it, so tests push
time to the reminder instead of waiting for it.
"""

from __future__ import annotations

import json
import logging
import shlex
import shutil
import subprocess
import sys
import time as time_module
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol

from hamtimer.core.reminders import Reminder, is_due, next_moment
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.desktop_notifications import DesktopNotifier, NotificationsUnavailableError
from hamtimer.services.guarded_file import read_json
from hamtimer.services.settings import ReminderSettings

log = logging.getLogger(__name__)

NOT_HERE = "reminders need a Linux desktop's notifications; not available here yet"
"""Why reminders can't be switched on elsewhere (the CLI and the Settings page say it)."""


def reminders_unavailable() -> str | None:
    return None if sys.platform.startswith("linux") else NOT_HERE


AUTOSTART_NAME = "hamtimer-remind.desktop"
SYSTEMD_SERVICE = "hamtimer-remind.service"
SYSTEMD_TIMER = "hamtimer-remind.timer"
ACTION_WAIT = timedelta(hours=3)
"""How long a shown reminder waits for Start before the process goes on to the next day."""
MAX_SLEEP_S = 60.0
"""Sleep in steps this long, reading the clock and the settings again after each: a suspended
laptop, a changed clock or a changed setting is noticed within a minute."""


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware local time."""
        ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()

    def sleep(self, seconds: float) -> None:
        time_module.sleep(seconds)


class ShiftedClock(SystemClock):
    """Real time running on from `start` (`hamtimer remind --pretend-now`, for tests and for
    trying a reminder out without waiting for it)."""

    def __init__(self, start: datetime) -> None:
        self._start = start if start.tzinfo is not None else start.astimezone()
        self._began = time_module.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time_module.monotonic() - self._began)


class Notifier(Protocol):
    def show(self, summary: str, body: str, icon: str = "") -> int: ...
    def wait_for_action(self, notification_id: int, timeout_s: float) -> bool: ...
    def close(self) -> None: ...


class ReminderState:
    """The last day a reminder was shown, so a second login that day does not repeat it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def reminded_on(self) -> date | None:
        try:
            return date.fromisoformat(read_json(self.path, max_bytes=1000)["reminded_on"])
        except (OSError, ValueError, TypeError, KeyError):
            return None  # absent or damaged: at worst one reminder too many

    def remember(self, day: date) -> None:
        try:
            write_atomic(self.path, json.dumps({"reminded_on": day.isoformat()}))
        except OSError as error:
            log.warning("cannot note that today's reminder was shown: %s", error)


@dataclass
class ReminderLoop:
    clock: Clock
    settings: Callable[[], ReminderSettings]
    """Read again every minute: a changed time, or reminders switched off, counts at once."""
    todays_reminder: Callable[[date], Reminder | None]
    """Today's planned session as a notification, or None (rest day, already trained)."""
    notifier: Notifier
    start: Callable[[], None]
    state: ReminderState
    icon: str = ""
    _warned_on: date | None = None
    """A day whose reminder could not be shown was logged once; later tries that day (each
    minute of the late window: the desktop's notification server may start after this
    process, at login) stay quiet."""

    def run(self, once: bool = False) -> None:
        """Remind on every planned day until reminders are switched off; `once`: remind now
        if it is due, then return (what the systemd timer runs at the time)."""
        while True:
            settings = self.settings()
            if not settings.enabled:
                log.info("reminders are off; the reminder process ends")
                return
            now = self.clock.now()
            if is_due(now, settings.at, self.state.reminded_on()):
                self._remind(now.date())
            if once:
                return
            left = (next_moment(self.clock.now(), settings.at) - self.clock.now()).total_seconds()
            self.clock.sleep(min(max(left, 0.0), MAX_SLEEP_S))

    def _remind(self, today: date) -> None:
        reminder = self.todays_reminder(today)
        if reminder is None:
            log.info("no session planned for %s: no reminder", today)
            return
        try:
            notification = self.notifier.show(reminder.title, reminder.body, self.icon)
        except NotificationsUnavailableError as error:
            if self._warned_on != today:
                log.warning("no reminder shown: %s", error)
                self._warned_on = today
            return
        self.state.remember(today)
        log.info("reminder shown for %s", today)
        try:
            if self.notifier.wait_for_action(notification, ACTION_WAIT.total_seconds()):
                log.info("Start chosen on the reminder")
                self.start()
        finally:
            self.notifier.close()


def run_command(command: Sequence[str]) -> Callable[[], None]:
    """Start `command` detached (the window outlives the reminder process)."""

    def start() -> None:
        try:
            subprocess.Popen(
                list(command),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            log.warning("cannot start %s: %s", shlex.join(command), error)

    return start


def hamtimer_command() -> list[str]:
    """How to run this hamtimer again: the bundle's executable, the installed script, or this
    Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = shutil.which("hamtimer")
    return [script] if script else [sys.executable, "-m", "hamtimer"]


def start_today_command() -> list[str]:
    """What Start runs: the window, on today's planned session."""
    return [*hamtimer_command(), "--start", "today"]


def desktop_notifier() -> DesktopNotifier:
    return DesktopNotifier()


# -- switching on and off ------------------------------------------------------------------


def autostart_entry(command: Sequence[str]) -> str:
    """An XDG autostart entry (Desktop Entry Specification) for the reminder process."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=hamtimer reminders",
            "Comment=Reminds you of the hamstring session planned for today",
            f"Exec={_desktop_exec([*command, 'remind'])}",
            "Icon=io.github.hamtimer.HamTimer",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def _desktop_exec(arguments: Sequence[str]) -> str:
    """Quoted as the Desktop Entry Specification's Exec key wants it."""
    quoted = []
    for argument in arguments:
        if argument and not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`%="):
            quoted.append(argument)
            continue
        escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
        quoted.append('"' + escaped.replace("$", "\\$").replace("%", "%%") + '"')
    return " ".join(quoted)


def systemd_units(command: Sequence[str], at: time) -> dict[str, str]:
    """The user service that reminds once and the timer that runs it at `at` every day
    (hamtimer decides whether the day is planned)."""
    exec_start = " ".join(shlex.quote(part) for part in [*command, "remind", "--once"])
    return {
        SYSTEMD_SERVICE: "\n".join(
            [
                "[Unit]",
                "Description=hamtimer: a reminder of today's planned hamstring session",
                "",
                "[Service]",
                "Type=simple",
                f"ExecStart={exec_start}",
                "",
            ]
        ),
        SYSTEMD_TIMER: "\n".join(
            [
                "[Unit]",
                "Description=hamtimer: check for a planned session at the reminder time",
                "",
                "[Timer]",
                f"OnCalendar=*-*-* {at:%H:%M}:00",
                "Persistent=true",
                "",
                "[Install]",
                "WantedBy=timers.target",
                "",
            ]
        ),
    }


@dataclass(frozen=True, slots=True)
class ReminderFiles:
    """Where the autostart entry and the systemd units go (XDG_CONFIG_HOME respected)."""

    config_home: Path

    @property
    def autostart(self) -> Path:
        return self.config_home / "autostart" / AUTOSTART_NAME

    @property
    def systemd_folder(self) -> Path:
        return self.config_home / "systemd" / "user"

    def switch_on(self, command: Sequence[str], at: time, systemd: bool) -> list[Path]:
        """Write what starts the reminders (one way only: the other is removed). The files
        written."""
        self.switch_off()
        if not systemd:
            write_atomic(self.autostart, autostart_entry(command))
            return [self.autostart]
        written = []
        for name, text in systemd_units(command, at).items():
            write_atomic(self.systemd_folder / name, text)
            written.append(self.systemd_folder / name)
        return written

    def switch_off(self) -> list[Path]:
        """Remove the autostart entry and the units; the files that were there."""
        removed = []
        for path in (
            self.autostart,
            self.systemd_folder / SYSTEMD_SERVICE,
            self.systemd_folder / SYSTEMD_TIMER,
        ):
            if path.is_file():
                path.unlink()
                removed.append(path)
        return removed

    def uses_systemd(self) -> bool:
        return (self.systemd_folder / SYSTEMD_TIMER).is_file()


def xdg_config_home(environ: dict[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME when set to an absolute path, else ~/.config (the spec's rule)."""
    import os

    value = (environ if environ is not None else dict(os.environ)).get("XDG_CONFIG_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".config"


def systemctl_available() -> bool:
    return shutil.which("systemctl") is not None


def systemctl_user(*arguments: str) -> bool:
    """`systemctl --user ARGUMENTS`; False (and a log line) when it fails or is missing, as in
    a container or a session without a user manager."""
    try:
        done = subprocess.run(
            ["systemctl", "--user", *arguments],
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.info("systemctl --user %s: %s", " ".join(arguments), error)
        return False
    if done.returncode != 0:
        log.info("systemctl --user %s: %s", " ".join(arguments), done.stderr.strip()[:200])
    return done.returncode == 0


def apply_reminder_files(
    files: ReminderFiles, chosen: ReminderSettings, systemd: bool
) -> list[str]:
    """Write or remove what starts the reminders for `chosen` (the autostart entry, or the
    systemd units, enabled when a user manager answers); lines saying what was done. The
    CLI's `remind --on/--off` and a settings page both call this after saving `chosen`."""
    if not chosen.enabled:
        if files.uses_systemd():
            systemctl_user("disable", "--now", SYSTEMD_TIMER)
        removed = files.switch_off()
        return ["Reminders off.", *(f"Removed {path}." for path in removed)]
    written = files.switch_on(hamtimer_command(), chosen.at, systemd)
    lines = [f"Reminders on, at {chosen.at:%H:%M} on days with a planned session."]
    lines += [f"Wrote {path}." for path in written]
    if not systemd:
        lines.append("They start at your next login; to start them now: `hamtimer remind &`.")
    elif systemctl_user("daemon-reload") and systemctl_user("enable", "--now", SYSTEMD_TIMER):
        lines.append(f"Enabled the systemd user timer {SYSTEMD_TIMER}.")
    else:
        lines.append(
            "To enable the timer: `systemctl --user daemon-reload && systemctl --user enable"
            f" --now {SYSTEMD_TIMER}`."
        )
    return lines
