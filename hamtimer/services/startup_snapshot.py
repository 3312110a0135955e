"""A cache of the words the window drew last time, kept with what they were drawn from.

The window's Train page remembers, as it closes, what it will open on next time
(`ui.train.train_snapshot`); this module only keeps that JSON document in the cache folder,
stamped with its *basis*: the hamtimer version and the files and setting those words come from
(every template file, the user's quick-adjust choices, the plan, the last template started).
A document is handed back only while its basis is unchanged, so a template edited outside
hamtimer is never drawn as it was. It is a cache: losing it costs one slower start, nothing
else, so nothing here raises.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from hamtimer import __version__
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import GuardedFileError, read_json

log = logging.getLogger(__name__)

SNAPSHOT_MAX_BYTES = 1_000_000


def snapshot_basis(
    template_folders: Iterable[Traversable],
    files: Iterable[Path],
    last_template: str | None,
    today: date | None,
) -> str:
    """What the remembered words depend on, as one string: the version, each template file's
    name, size and time of change, the same of `files` (choices, plan), the last template
    started, and `today` for a plan (today's session is the one Train opens on)."""
    stamps: list[object] = [__version__, last_template, today.isoformat() if today else None]
    for folder in template_folders:
        try:
            entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
        except OSError:
            entries = []  # no folder of the user's own yet
        stamps += [_stamp(entry) for entry in entries if entry.name.endswith(".json")]
    stamps += [_stamp(path) for path in files]
    return json.dumps(stamps)


def _stamp(entry: Traversable | Path) -> object:
    try:
        status = Path(str(entry)).stat()
    except OSError:  # gone, or not a real file (a zipped package)
        return [str(entry), None]
    return [str(entry), status.st_size, status.st_mtime_ns]


class StartupSnapshot:
    """One JSON document in `file`, valid while its basis is `basis`."""

    def __init__(self, file: Path, basis: str) -> None:
        self.file = file
        self.basis = basis

    def read(self) -> Any | None:
        """The document, if one was kept on this same basis; else None."""
        try:
            kept = read_json(self.file, max_bytes=SNAPSHOT_MAX_BYTES)
        except FileNotFoundError:
            return None
        except (OSError, GuardedFileError, ValueError) as error:
            log.info("the start-up snapshot can't be read (%s): Train waits for templates", error)
            return None
        if not isinstance(kept, dict) or kept.get("basis") != self.basis:
            return None
        return kept.get("document")

    def write(self, document: Any) -> None:
        """Keep `document` on this basis (the next start reads it); a failure is logged."""
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"basis": self.basis, "document": document}, ensure_ascii=False)
            write_atomic(self.file, text, sync_folder=False)
        except OSError as error:
            log.info("the start-up snapshot could not be kept: %s", error)
