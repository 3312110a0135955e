"""hamtimer through a real screen-reader client (issue 20): the AT-SPI tree of the running
app, as Orca reads it, under Xvfb with a private session bus and the real AT-SPI registry.

The client is tests/support/atspi_client.py, run by the system's python3 (Debian's
python3-pyatspi). The window gets the keyboard focus from xdotool (no window manager here),
then the test uses the keyboard only: Shift+Tab from Start lands the reader on the template
details, Ctrl+1 puts the keyboard back on Start, Enter starts the session shown on Train.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import app_environment
from tests.support.session_bus import private_session_bus
from tests.support.xvfb import xvfb_display

SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT = Path(__file__).parents[1] / "support" / "atspi_client.py"


def _pyatspi_here() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    return found.returncode == 0


TOOLS = ("Xvfb", "dbus-daemon", "xdotool")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (_pyatspi_here() and all(shutil.which(t) for t in TOOLS)),
        reason="needs python3-pyatspi, Xvfb, dbus-daemon, xdotool (packaging/debian-packages.txt)",
    ),
]

Node = dict[str, Any]


def walk(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from walk(node["children"])


def named(nodes: list[Node], prefix: str) -> list[str]:
    """The accessible names starting with `prefix` (what a reader says for those objects)."""
    return [node["name"] for node in walk(nodes) if node["name"].startswith(prefix)]


class RunningApp:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def tree(self) -> list[Node]:
        done = subprocess.run(
            [SYSTEM_PYTHON, str(CLIENT), "tree", "hamtimer"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        tree: list[Node] = json.loads(done.stdout)
        return tree

    def key(self, name: str) -> None:
        subprocess.run(["xdotool", "key", name], env=self.env, check=True, timeout=10)

    def listen(self, seconds: float) -> subprocess.Popen[str]:
        """What a screen reader would be told for `seconds`: announcements, one JSON line each."""
        return subprocess.Popen(
            [SYSTEM_PYTHON, str(CLIENT), "events", "hamtimer", str(seconds)],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def wait_for(
        self, what: str, found: Callable[[list[Node]], bool], seconds: float
    ) -> list[Node]:
        deadline = time.monotonic() + seconds
        while True:
            tree = self.tree()
            if found(tree):
                return tree
            assert time.monotonic() < deadline, f"never saw {what}"
            time.sleep(0.3)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[RunningApp]:
    home = tmp_path / "home"
    home.mkdir()
    with private_session_bus() as bus, xvfb_display("1280x800x24") as display:
        env = {
            **app_environment(home),
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "DBUS_SESSION_BUS_ADDRESS": bus,
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        }
        Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
        with subprocess.Popen(
            [sys.executable, "-m", "hamtimer"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        ) as child:
            try:
                running = RunningApp(env)
                running.wait_for("the Start button", lambda t: bool(named(t, "Start")), 40)
                window = subprocess.run(
                    ["xdotool", "search", "--sync", "--name", "hamtimer"],
                    env=env, capture_output=True, text=True, timeout=20, check=True,
                ).stdout.split()[0]  # fmt: skip
                subprocess.run(
                    ["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10
                )
                yield running
            finally:
                child.terminate()
                _out, stderr = child.communicate(timeout=20)
        assert "Traceback" not in stderr, stderr


KEYBOARD_STOPS = 12
"""More than the Tab stops between Train's Start and its details."""


def focused_on(tree: list[Node], name: str) -> bool:
    return any(node["focused"] and node["name"] == name for node in walk(tree))


def test_a_screen_reader_can_read_and_run_a_session_by_keyboard(app: RunningApp) -> None:
    train = app.tree()
    unnamed = [
        node["role"]
        for node in walk(train)
        if node["role"] in ("push button", "check box", "combo box", "spin button", "list item")
        and not node["name"]
    ]
    assert unnamed == [], f"controls without a name: {unnamed}"
    details = " ".join(named(train, "Template details"))
    assert "Total" in details and "Level" in details, details  # the pane's text, not its name
    # By keyboard alone the reader lands on the details: Shift+Tab back from Start.
    landed: list[str] = []
    for _stop in range(KEYBOARD_STOPS):
        app.key("shift+Tab")
        landed = [node["name"] for node in walk(app.tree()) if node["focused"]]
        if any(name.startswith("Template details: ") for name in landed):
            break
    assert any("Total" in name for name in landed), landed
    app.key("ctrl+1")  # Train, the keyboard on Start again
    app.wait_for("Start focused", lambda tree: focused_on(tree, "Start the selected session"), 10)

    listener = app.listen(40)
    time.sleep(2)  # the listener registers with the registry
    app.key("Return")  # Start has the focus on Train
    hold = app.wait_for(
        "a hold on the run screen",
        lambda tree: any(name == "Phase: HOLD" for name in named(tree, "Phase")),
        60,
    )

    assert named(hold, "Side: ") == ["Side: LEFT"]
    assert named(hold, "Set: ")[0].startswith("Set: Set 1 of")
    [seconds] = named(hold, "Seconds left: ")
    assert 0 < int(seconds.removeprefix("Seconds left: ")) <= 30
    [cue] = named(hold, "Current cue: ")
    assert len(cue) > len("Current cue: ")
    app.key("i")  # "where am I": the whole state, said by the reader

    for _step in range(40):  # Page Down (a clicker's "next") through to the summary
        app.key("Next")
    summary = app.wait_for("the summary", lambda tree: bool(named(tree, "Session summary: ")), 30)
    [words] = named(summary, "Session summary: ")
    assert "sets" in words and "Left" in words, words

    listener.terminate()
    heard_lines, _ = listener.communicate(timeout=20)
    heard = [json.loads(line) for line in heard_lines.splitlines() if line.strip()]
    said = [event["data"] for event in heard if event["type"] == "object:announcement"]
    assert any(text.startswith("Hold.") and "left leg" in text for text in said), said
    assert any("seconds left." in text and "Hold." in text for text in said), said  # key i
