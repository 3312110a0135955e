"""Disk faults aimed at each write: a kill just before it, or a disk that fills up there."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class DiskOperations:
    """Counts the disk operations made while `watching` (open for writing, fsync, rename,
    unlink, link, mkdir) and, from the Nth on: kills the process just before it
    (`kill_before`), or makes every one that needs free space fail with ENOSPC, as a disk
    that has just filled up does (`full_from`; removing and renaming still work)."""

    NAMES = ("fsync", "replace", "rename", "unlink", "link", "mkdir")
    NEED_SPACE = ("open", "fsync", "mkdir", "link")

    def __init__(
        self,
        kill_before: int | None = None,
        full_from: int | None = None,
        full_disk: Path | None = None,
    ) -> None:
        """`full_disk`: only files under this folder are on the disk that fills (the history
        on a disk of its own); else every file is."""
        self.kill_before = kill_before
        self.full_from = full_from
        self.full_disk = full_disk
        self.count = 0

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        saved: dict[str, Callable[..., Any]] = {name: getattr(os, name) for name in self.NAMES}
        saved["open"] = os.open
        for name in self.NAMES:
            setattr(os, name, self._counted(saved[name]))
        os.open = self._counted_open(saved["open"])  # type: ignore[assignment]
        try:
            yield
        finally:
            for name, function in saved.items():
                setattr(os, name, function)

    def _tick(self, name: str, target: object) -> None:
        self.count += 1
        if self.count == self.kill_before:
            os.kill(os.getpid(), signal.SIGKILL)
        if self._is_full(name, target):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    def _is_full(self, name: str, target: object) -> bool:
        if self.full_from is None or self.count < self.full_from or name not in self.NEED_SPACE:
            return False
        if self.full_disk is None:
            return True
        if not isinstance(target, str | os.PathLike):
            return False  # an fsync: of a file already written, or on the other disk
        return Path(os.fspath(target)).is_relative_to(self.full_disk)

    def _counted(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self._tick(function.__name__, args[-1] if args else None)
            return function(*args, **kwargs)

        return counted

    def _counted_open(self, function: Callable[..., int]) -> Callable[..., int]:
        def counted(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                self._tick("open", path)
            return function(path, flags, *args, **kwargs)

        return counted
