from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hamtimer.services.templates import builtin_templates
from hamtimer.ui import application
from hamtimer.ui.application import _FirstFrame


class PaintCounter(QObject):
    """Counts the paint events the watched widget receives."""

    def __init__(self, watched: QObject) -> None:
        super().__init__(watched)
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_work_deferred_to_the_first_frame_runs_once_after_it_is_painted(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    paints = PaintCounter(widget)
    calls: list[int] = []  # the number of paints so far, each time the work runs
    _FirstFrame(widget, lambda _painted_at: calls.append(paints.count))
    assert calls == []

    widget.show()
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert calls[0] >= 1  # after the first frame, not before it

    painted = paints.count
    widget.update()
    qtbot.waitUntil(lambda: paints.count > painted)
    # Work a later paint deferred would run on a zero timer queued during that paint: a zero
    # timer queued now fires after it.
    flushed: list[bool] = []
    QTimer.singleShot(0, lambda: flushed.append(True))
    qtbot.waitUntil(lambda: flushed == [True])

    assert len(calls) == 1


def test_work_waiting_for_a_frame_runs_even_if_none_is_painted(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window opened minimized is painted only when seen: the voice and the history's
    recovery must not wait for that."""
    monkeypatch.setattr(application, "UNPAINTED_MS", 30)
    widget = QWidget()  # never shown
    qtbot.addWidget(widget)
    calls: list[float] = []
    _FirstFrame(widget, calls.append)
    qtbot.waitUntil(lambda: len(calls) == 1)
    qtbot.wait(60)
    assert len(calls) == 1


FRAME_CHILD = """
import contextlib, sys
from PySide6.QtWidgets import QApplication
from hamtimer import app, cli
from hamtimer.services.settings import SettingsStore
from hamtimer.ui.application import MainWindow

qt = QApplication([])
paths = app.configure(verbose=False)
settings = SettingsStore(paths.settings_file)
window = MainWindow(settings)  # what `hamtimer` builds before its first frame

def loaded(names):
    inside = tuple(name + "." for name in names)
    return sorted(m for m in sys.modules if m in names or m.startswith(inside))

print(loaded(FRAME_LATER))
with contextlib.ExitStack() as stack:
    window.furnish(app.build_services(paths, stack, settings=settings))  # just after it
    print(loaded(PAGES_LATER))
    window.shut_down()
"""


def test_the_window_path_loads_only_what_its_first_frame_needs(tmp_path: Path) -> None:
    """The frame is drawn from the settings alone: the history, the templates, the pages and
    the session come after it. Parsing templates loads pydantic (~100 ms, ~20 MB), the plan
    compiler comes with the pages (for the cards' lengths), the engine with a session,
    QtAwesome's import loads Qt modules the app
    never uses: none of them before the cards are drawn."""
    pages_later = ("pydantic", "hamtimer.core.engine", "qtawesome", "qtpy")
    frame_later = (
        *pages_later,
        "hamtimer.core.plan",
        "hamtimer.services.app_services",  # the services' record, built after the frame
        "hamtimer.services.history",
        "hamtimer.services.user_templates",
        "hamtimer.ui.train",
        "hamtimer.ui.run",
    )
    code = f"FRAME_LATER = {frame_later!r}\nPAGES_LATER = {pages_later!r}\n{FRAME_CHILD}"
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    ).stdout
    assert loaded.strip().splitlines()[-2:] == ["[]", "[]"]


SCHEME_CHILD = """
import sys
from pathlib import Path
import PySide6.QtCore
import PySide6.QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.services.settings import SettingsStore
from hamtimer.ui import theme
from hamtimer.ui.application import run_application
from hamtimer.ui.main_window import MainWindow

home = Path(sys.argv[1])
settings = SettingsStore(home / "config" / "hamtimer" / "settings.json")
settings.save_system_was_dark(True)  # last time, the desktop was dark
seen = []

class FirstPaint(QObject):
    def eventFilter(self, _watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            # Built yet? Qt's namespace, and QStyle's enums (for a style set from Python).
            built = ("Qt" in PySide6.QtCore.__dict__, "QStyle" in PySide6.QtWidgets.__dict__)
            seen.append((built, theme.current().dark))
        return False

watcher = FirstPaint()
make_frame = MainWindow.__init__

def frame(self, *args, **kwargs):
    make_frame(self, *args, **kwargs)
    self.installEventFilter(watcher)

def services():
    from tests.fakes import fake_services

    QTimer.singleShot(300, QApplication.quit)
    return fake_services(home)

MainWindow.__init__ = frame
run_application(settings, services)  # makes its own QApplication, as `hamtimer` does
seen.append((theme.current().dark, settings.system_was_dark()))
QApplication.instance().setStyleSheet("")  # the style beneath the stylesheet's
seen.append(QApplication.style().name())
print(seen)
"""


def test_the_first_frame_is_drawn_in_last_times_colours_then_the_desktop_is_asked(
    tmp_path: Path,
) -> None:
    """Asking Qt whether the desktop is dark builds PySide6's whole Qt namespace (11 ms of the
    first frame): the frame uses the answer of last time, and the window asks once it is
    drawn, switching and keeping the new answer when the desktop changed. The application is
    in its Fusion style from the start (`setStyle` would build QStyle's enums too)."""
    # Drawn dark, with neither built; then light, as this desktop says, and in Fusion.
    last = last_line_of(SCHEME_CHILD, tmp_path)
    assert last == "[((False, False), True), (False, False), 'fusion']"


STARTUP_MESSAGE_CHILD = """
import json
import tempfile
import time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.core.history import record_to_json
from hamtimer.ui.application import run_application
from hamtimer.ui.main_window import MainWindow
from tests.fakes import fake_services
from tests.history_records import small_record

deadline = time.monotonic() + 10

def look():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    message = windows[0].statusBar().currentMessage() if windows else ""
    if message or time.monotonic() > deadline:
        print(message)
        QApplication.instance().quit()
    else:
        QTimer.singleShot(20, look)

services = fake_services(Path(tempfile.mkdtemp()), library=[])
# A session cut off last time: its journal is still there.
journals = services.history.journals_dir  # this computer's state folder (issue 14)
journals.mkdir(parents=True)
journal = {"schema_version": 1, "session": record_to_json(small_record(1))}
(journals / "journal-session-1.json").write_text(json.dumps(journal))
app = QApplication([])
QTimer.singleShot(20, look)
run_application(services.settings, lambda: services)
"""


def test_startup_messages_show_in_the_status_bar_after_the_first_frame() -> None:
    # In a child: a QApplication that has quit can't host the other tests' windows.
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_MESSAGE_CHILD],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip().startswith("Saved an interrupted session: Isometric bridge hold")


def last_line_of(child: str, home: Path) -> str:
    """The last line a child process running the real application printed. In a child: a
    QApplication that has quit can't host the other tests' windows."""
    done = subprocess.run(
        [sys.executable, "-c", child, str(home)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


SNAPSHOT_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.ui.application import run_application
from hamtimer.ui.main_window import MainWindow
from tests.fakes import fake_services

services = fake_services(Path(sys.argv[1]))  # the built-in templates
app = QApplication([])
seen = []
furnish = MainWindow.furnish

class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, _watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            browser = self.window.browser
            seen.append((len(browser.template_list.cards), len(browser.library)))
        return False

def furnished(self, services):
    furnish(self, services)
    self.browser.installEventFilter(FirstPaint(self))

def close():
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    window.close()  # keeps what Train will open on next time
    app.quit()

MainWindow.furnish = furnished
QTimer.singleShot(1500, close)
run_application(services.settings, lambda: services)
print(seen[0])
"""


@pytest.mark.slow  # two runs of the real application: about three seconds
def test_the_next_start_draws_train_before_reading_the_templates(tmp_path: Path) -> None:
    """The first start paints Train once the templates are read; the next draws every card
    from what the first kept, and reads the templates after that first paint."""

    cards = len(builtin_templates())
    first, second = (last_line_of(SNAPSHOT_CHILD, tmp_path) for _ in range(2))
    assert first == f"({cards}, {cards})"  # cards, templates read at the first paint
    assert second == f"({cards}, 0)"


EARLY_START_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.ui.application import run_application
from hamtimer.ui.main_window import MainWindow
from tests.fakes import fake_services

services = fake_services(Path(sys.argv[1]))
app = QApplication([])
order = []
show_remembered, attach_voice = MainWindow.show_remembered, MainWindow.attach_voice

def pressing_start(self):
    drawn = show_remembered(self)
    if drawn:
        self.browser.request_start()  # Enter, on the cards drawn from the snapshot
        order.append("start pressed")
    return drawn

def attaching(self, voice, bridge):
    attach_voice(self, voice, bridge)
    order.append("voice")

def started(self, template):
    order.append("session started with a voice" if self.voice else "session started silent")
    self.close()
    app.quit()

MainWindow.show_remembered = pressing_start
MainWindow.attach_voice = attaching
MainWindow.start_session = started
def give_up():
    next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow)).close()
    app.quit()

QTimer.singleShot(3000, give_up)
run_application(services.settings, lambda: services)
print(order)
"""


@pytest.mark.slow  # two runs of the real application
def test_start_pressed_before_the_templates_are_read_starts_with_the_voice(
    tmp_path: Path,
) -> None:
    """A session started before the voice was attached ran without a word."""

    first, second = (last_line_of(EARLY_START_CHILD, tmp_path) for _ in range(2))
    assert first == "['voice']"  # the first start: no snapshot, nothing pressed
    assert second == "['start pressed', 'voice', 'session started with a voice']"


SERVICES_FAIL_CHILD = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMessageBox
from hamtimer.ui.application import run_application
from tests.fakes import fake_services

settings = fake_services(Path(sys.argv[1])).settings
app = QApplication([])
QMessageBox.critical = lambda _parent, _title, text: print(text)

def cannot() -> None:
    raise OSError("cannot write events to /nowhere/events.jsonl: Permission denied")

sys.exit(run_application(settings, cannot, exit_when_services_fail=7))
"""


def test_services_that_cannot_start_are_one_sentence_and_an_exit_code(tmp_path: Path) -> None:
    """Built after the first frame, a failure no longer reaches the command line's handler:
    the window says why, in one sentence, and ends with the code given."""
    done = subprocess.run(
        [sys.executable, "-c", SERVICES_FAIL_CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 7
    assert done.stdout.strip() == (
        "hamtimer can't start: cannot write events to /nowhere/events.jsonl: Permission denied"
    )
