"""Every command of the window in ONE table: its name, label, keys, icon and what it does.

The window's QActions (and so every shortcut), the menus, the run screen's buttons and the
`?` sheet are all made from `COMMANDS`; nothing else names a key. A command's `where` says on
which pages its keys work: on form pages Space, arrows and letters belong to the controls.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Flag, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from hamtimer.ui import theme


class Where(Flag):
    """The pages a command's keys work on."""

    TRAIN = auto()
    RUN = auto()
    SUMMARY = auto()
    FORMS = auto()
    """Templates, History and Settings."""
    EDITOR = auto()
    """The Templates page only (its own actions: it also works alone, in its tests)."""
    EVERYWHERE = TRAIN | RUN | SUMMARY | FORMS


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    label: str
    """The button's and the menu's word."""
    keys: tuple[str, ...]
    """Qt's portable key texts; the first is the one shown on buttons."""
    icon: str
    """A `theme.ICONS` name."""
    does: str
    """What it does, for the `?` sheet and tooltips."""
    where: Where
    media: str = ""
    """What a media key of this command is called in the `?` sheet ("play/pause")."""
    quiet_keys: tuple[str, ...] = ()
    """Keys that also work on form pages (F11 for full screen: no field takes it)."""
    on_run_screen: bool = False
    """A large button on the run screen."""


# Remotes type keys: media keys (keyboards, some headsets), presenter clickers (PageDown and
# PageUp for next and back; B or . for "blank screen", which pauses here), and a foot pedal
# (one configurable key, the settings' `pedal_key`). Media Play is a toggle: most keyboards'
# one play/pause key sends it. The remote Stop ends the session without asking: nobody on the
# mat can answer.
COMMANDS = (
    Command(
        "enter",
        "Start",
        ("Return", "Enter"),
        "start",
        "start the selected session · finish an open step · save the log and leave the summary",
        Where.TRAIN | Where.RUN | Where.SUMMARY,
        quiet_keys=("Return", "Enter"),
    ),
    Command(
        "back",
        "Back",
        ("Left", "PgUp", "Media Previous"),
        "back",
        "restart the step (the step before in its first 3 s; a hold counts you in again)",
        Where.RUN,
        media="previous",
        on_run_screen=True,
    ),
    Command(
        "pause",
        "Pause",
        ("Space", "B", ".", "Media Play", "Toggle Media Play/Pause"),
        "pause",
        "pause or resume",
        Where.RUN,
        media="play/pause",
        on_run_screen=True,
    ),
    Command(
        "skip",
        "Skip",
        ("Right", "N", "PgDown", "Media Next"),
        "skip",
        "skip to the next step",
        Where.RUN,
        media="next",
        on_run_screen=True,
    ),
    Command(
        "done",
        "Done",
        ("Return", "Enter"),
        "done",
        "finish this step now",
        Where.RUN,
        on_run_screen=True,
    ),
    Command(
        "remote_pause",
        "Pause",
        ("Media Pause",),
        "pause",
        "pause",
        Where.RUN,
        media="pause",
    ),
    Command(
        "remote_stop",
        "Stop",
        ("Media Stop",),
        "stop",
        "end the session without asking",
        Where.RUN,
        media="stop ends the session without asking",
    ),
    Command(
        "stop",
        "Stop",
        ("Escape",),
        "stop",
        "stop the session (asks first, paused while it asks)",
        Where.RUN,
        on_run_screen=True,
    ),
    Command(
        "mute",
        "Mute",
        ("M",),
        "mute",
        "mute or unmute cues",
        Where.TRAIN | Where.RUN,
        on_run_screen=True,
    ),
    Command(
        "status",
        "Where am I",
        ("I",),
        "status",
        "a screen reader says the step, side, set and time left",
        Where.RUN,
    ),
    Command(
        "fullscreen",
        "Full screen",
        ("F", "F11"),
        "fullscreen",
        "full screen on or off (hides the menu and status bars)",
        Where.EVERYWHERE,
        quiet_keys=("F11",),
        on_run_screen=True,
    ),
    Command(
        "help",
        "Keys",
        ("?", "Shift+?"),
        "help",
        "this list",
        Where.TRAIN | Where.RUN,
        on_run_screen=True,
    ),
    Command(
        "save",
        "Save",
        ("Ctrl+S",),
        "save",
        "save the template (Templates)",
        Where.EDITOR,
    ),
    Command(
        "undo",
        "Undo",
        ("Ctrl+Z",),
        "undo",
        "undo the last edit, or bring back the template just deleted (Templates)",
        Where.EDITOR,
    ),
    Command(
        "redo",
        "Redo",
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        "redo",
        "redo the edit just undone (Templates)",
        Where.EDITOR,
    ),
    Command("quit", "Quit", ("Ctrl+Q",), "quit", "quit hamtimer", Where.EVERYWHERE),
    # The sections by keyboard, the focus on the page's first control (not during a session:
    # the sections are hidden then).
    *(
        Command(
            f"go_{page}",
            label,
            (f"Ctrl+{number}",),
            page,
            f"go to {label}, the keyboard on its first control",
            Where.TRAIN | Where.SUMMARY | Where.FORMS,
        )
        for number, (page, label) in enumerate(
            (
                ("train", "Train"),
                ("templates", "Templates"),
                ("history", "History"),
                ("settings", "Settings"),
            ),
            start=1,
        )
    ),
)
BY_NAME = {command.name: command for command in COMMANDS}
"""`enter` and `done` share Enter: one action (`enter`) carries the key, and on the run
screen it means Done."""
SHARED_KEYS = {"done": "enter"}


def command(name: str) -> Command:
    return BY_NAME[name]


def make_action(cmd: Command, parent: QWidget, with_icon: bool = True) -> QAction:
    """A QAction for `cmd`, with its keys, icon, label and tooltip; added to `parent` so its
    keys work while `parent`'s window is active. `with_icon=False`: the icon comes later
    (drawing the first one loads QtAwesome, ~150 ms the first frame need not wait for)."""
    action = QAction(cmd.label, parent)
    action.setObjectName(f"{cmd.name}Action")
    if cmd.name not in SHARED_KEYS:
        action.setShortcuts([QKeySequence(key) for key in cmd.keys])
    action.setToolTip(f"{cmd.does} ({key_names(cmd.keys)})")
    if with_icon:
        action.setIcon(theme.icon(cmd.icon))
    parent.addAction(action)
    return action


# -- the `?` sheet -----------------------------------------------------------------------------

_KEY_WORDS = {
    "Return": "Enter",
    "Escape": "Esc",
    "Left": "←",
    "Right": "→",
    "PgUp": "Page Up",
    "PgDown": "Page Down",
    "Shift+?": "?",
}


def _is_media(key: str) -> bool:
    return "Media" in key


def _either(names: list[str]) -> str:
    """ "A", "A or B", "A, B or C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _key_words(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_KEY_WORDS.get(k, k) for k in keys if not _is_media(k)))


def key_names(keys: Iterable[str]) -> str:
    """ "Space, B or ." from ("Space", "B", ".", "Media Play"): media keys aside, each once;
    "a media key" when there is only that."""
    return _either(_key_words(keys)) or "a media key"


def _bold_keys(keys: Iterable[str]) -> str:
    return _either([f"<b>{html.escape(name)}</b>" for name in _key_words(keys)])


def shortcut_help(pedal_key: str) -> str:
    """The `?` sheet, from the table, with the pedal's key as set (escaped for the HTML)."""
    rows = []
    for cmd in COMMANDS:
        if cmd.name in SHARED_KEYS or not any(not _is_media(k) for k in cmd.keys):
            continue
        rows.append(f"<tr><td>{_bold_keys(cmd.keys)}</td><td>{html.escape(cmd.does)}</td></tr>")
        if cmd.name == "pause":
            pedal = f"<b>{html.escape(pedal_key)}</b>" if pedal_key else "(no pedal key)"
            rows.append(
                f"<tr><td>{pedal}</td><td>pause or resume: the foot pedal's key"
                " (Settings)</td></tr>"
            )
    media = [cmd.media for cmd in COMMANDS if cmd.media]
    rows.append(f"<tr><td>media keys</td><td>{html.escape(', '.join(media))}</td></tr>")
    return f"<table cellspacing=8>{''.join(rows)}</table>"
