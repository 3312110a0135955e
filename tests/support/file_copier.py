"""A sync tool at its plainest, for tests: copies new and changed files both ways between two
folders and never deletes anything. A file changed on both sides since the last sync keeps the
newer (by modification time) under its name, and the other becomes a conflict copy named as
Syncthing names them (`x.sync-conflict-<date>-<time>-<device>.json`) on both sides. It sees
no temp files (`*.part`) and no hidden ones, as sync tools ignore their own."""

from __future__ import annotations

import hashlib
from pathlib import Path

CONFLICT_DEVICE = "COPIER1"


class FileCopier:
    def __init__(self, one: Path, other: Path) -> None:
        self.one, self.other = one, other
        self._synced: dict[str, str] = {}
        """Each file's contents (as a digest) when last the same on both sides."""
        self.conflicts = 0

    def sync(self) -> None:
        names = _files(self.one) | _files(self.other)
        for relative in sorted(names):
            self._sync_file(relative)

    def _sync_file(self, relative: str) -> None:
        here, there = self.one / relative, self.other / relative
        mine, theirs = _digest(here), _digest(there)
        last = self._synced.get(relative)
        if mine == theirs:
            self._synced[relative] = mine or ""
        elif theirs is None or (mine is not None and theirs == last):
            _copy(here, there)
        elif mine is None or mine == last:
            _copy(there, here)
        else:
            self._conflict(relative, here, there)
        self._synced[relative] = _digest(here) or ""

    def _conflict(self, relative: str, here: Path, there: Path) -> None:
        newer, older = (here, there) if _mtime(here) >= _mtime(there) else (there, here)
        self.conflicts += 1
        stem, suffix = Path(relative).stem, Path(relative).suffix
        name = f"{stem}.sync-conflict-20261201-120000-{CONFLICT_DEVICE}{self.conflicts}{suffix}"
        for side in (self.one, self.other):
            (side / relative).with_name(name).write_bytes(older.read_bytes())
        _copy(newer, older)


def _files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".") and not path.name.endswith(".part")
    }


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
