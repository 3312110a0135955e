"""One history on two computers through two real Syncthing instances (127.0.0.1 only, each
with its own ports, no discovery or relays): two temporary homes whose history folder (a
Settings choice) is the folder Syncthing shares. Both finish sessions at the same time, one
edits a session made on the other, one deletes a session, and both edit one session while
they can't reach each other (a real Syncthing conflict copy); after sync both list the same
sessions with the same logs, nothing lost, no conflict copy left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import tiny_document
from tests.support.syncthing import (
    Syncthing,
    folder_tree,
    syncthing_pair,
    syncthing_path,
    wait_in_sync,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(syncthing_path() is None, reason="syncthing is not installed"),
]

TINY = tiny_document(work_s=1)


class Home:
    """A computer's user folders, with its history folder in `Sync/` (which Syncthing
    shares); `hamtimer` runs the real app in it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.history = root / "Sync" / "hamtimer"
        settings = root / "config" / "hamtimer" / "settings.json"
        settings.parent.mkdir(parents=True)
        settings.write_text(
            json.dumps({"schema_version": 1, "history": {"folder": str(self.history)}})
        )

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DISPLAY"))}
        env.update(
            HOME=str(self.root),
            XDG_DATA_HOME=str(self.root / "data"),
            XDG_CONFIG_HOME=str(self.root / "config"),
            XDG_CACHE_HOME=str(self.root / "cache"),
            XDG_STATE_HOME=str(self.root / "state"),
        )
        return env

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "hamtimer", *args],
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )

    def hamtimer(self, *args: str) -> str:
        process = self.start(*args)
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        return out

    def sessions(self) -> dict[str, list[str]]:
        """Each listed session's row (without the date, which is local time) by short id."""
        rows = self.hamtimer("history").splitlines()[1:]
        return {row.split()[-1]: row.split()[2:-1] for row in rows if row.strip()}


def conflict_copies(home: Home) -> list[str]:
    return [
        name for name in folder_tree(home.history) if "conflict" in name and "trash/" not in name
    ]


def settle(one: Home, other: Home, pair: tuple[Syncthing, Syncthing]) -> None:
    """Sync; let each computer read its history (merging and tidying); sync again."""
    for _ in range(3):
        wait_in_sync(*pair)
        one.sessions()
        other.sessions()
    wait_in_sync(*pair)


def test_two_computers_keep_one_history_through_syncthing(tmp_path: Path) -> None:
    laptop, desktop = Home(tmp_path / "laptop"), Home(tmp_path / "desktop")
    template = tmp_path / "tiny.json"
    template.write_text(json.dumps(TINY))
    for home in (laptop, desktop):
        home.history.mkdir(parents=True)
    with syncthing_pair(
        tmp_path / "st-laptop", laptop.history, tmp_path / "st-desktop", desktop.history
    ) as pair:
        # Both finish sessions at the same time (two on the laptop, one on the desktop).
        runs = [
            home.start("run", str(template), "--no-keys", "--silent") for home in (laptop, desktop)
        ]
        runs.append(laptop.start("run", str(template), "--no-keys", "--silent"))
        for process in runs:
            _out, err = process.communicate(timeout=60)
            assert process.returncode == 0, err
        settle(laptop, desktop, pair)
        listed = laptop.sessions()
        assert len(listed) == 3 and desktop.sessions() == listed

        # The desktop edits a session made on the laptop; the laptop deletes one.
        made_on_laptop = _made_on(laptop, listed)
        edited, deleted, shared = made_on_laptop[0], made_on_laptop[1], _made_on(desktop, listed)[0]
        desktop.hamtimer("history", "edit", edited, "--effort", "6", "--notes", "from the desktop")
        laptop.hamtimer("history", "delete", deleted)
        settle(laptop, desktop, pair)

        # Both edit one session while they can't reach each other: a real conflict.
        pair[0].pause(pair[1])
        pair[1].pause(pair[0])
        laptop.hamtimer("history", "edit", shared, "--notes", "laptop, earlier")
        desktop.hamtimer("history", "edit", shared, "--notes", "desktop, later")
        for instance in pair:
            instance.scan()
        pair[0].resume(pair[1])
        pair[1].resume(pair[0])
        settle(laptop, desktop, pair)

        final = laptop.sessions()
        assert desktop.sessions() == final
        assert set(final) == {edited, shared}  # nothing lost, the deletion reached both
        assert final[edited][-2:] == ["6", "-"]  # effort, pain
        trash = [name for name in folder_tree(laptop.history) if name.startswith("trash/")]
        assert any(".sync-conflict-" in name for name in trash)  # Syncthing made one; merged
        for home in (laptop, desktop):
            assert conflict_copies(home) == []
            notes = _notes(home, shared)
            assert notes == "desktop, later", notes
            assert _notes(home, edited) == "from the desktop"


def _made_on(home: Home, listed: dict[str, list[str]]) -> list[str]:
    """The short ids of sessions whose file this computer wrote (its device id stamps it)."""
    device = (home.root / "state" / "hamtimer" / "history" / "device-id").read_text().strip()
    made = []
    for path in (home.history / "sessions").rglob("*.json"):
        document = json.loads(path.read_text())
        if document["edited"]["by"] == device:
            made += [short for short in listed if document["session"]["id"].startswith(short)]
    return sorted(made)


def _notes(home: Home, short: str) -> str:
    for path in (home.history / "sessions").rglob("*.json"):
        document = json.loads(path.read_text())
        if document["session"]["id"].startswith(short):
            notes: str = document["session"]["log"]["notes"]
            return notes
    raise AssertionError(f"no session {short}")
