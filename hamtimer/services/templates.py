"""Where templates come from: the built-ins shipped as package data, and files on disk."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.validation import MAX_TEMPLATE_BYTES, Problem, TemplateError, parse_template
from hamtimer.core.vocabulary import Level
from hamtimer.services.guarded_file import FileTooLargeError, GuardedFileError, read_bytes
from hamtimer.services.paths import builtin_folder

if TYPE_CHECKING:
    from hamtimer.core.model import Template

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LoadedTemplate:
    template: Template
    origin: str
    """'built-in' or the file path it was read from."""
    builtin: bool
    path: Path | None = None
    """The user's file; None for a built-in."""


def read_template_file(path: Path) -> Template:
    """Read and check one template file (schema and plan); every failure is a `TemplateError`."""
    # The plan compiler comes with the check: imported when a file is read, not before the
    # window's first frame.
    from hamtimer.core.template_check import check_bytes

    template, _plan = check_bytes(read_document_file(path, "template")).usable()
    return template


def read_document_file(path: Path, kind: str) -> bytes:
    """The bytes of a user's template or program file; a file that can't be read is a
    `TemplateError` saying why. Guarded: a FIFO named *.json must not hang the library, nor a
    device fill memory."""
    try:
        return read_bytes(path, max_bytes=MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise TemplateError([Problem("$", "file not found")]) from None
    except IsADirectoryError:
        raise TemplateError([Problem("$", f"is a folder, not a {kind} file")]) from None
    except FileTooLargeError as error:
        size = f"file is {error.size / 1_000_000:.1f} MB; a {kind} is at most 1 MB"
        raise TemplateError([Problem("$", size)]) from None
    except GuardedFileError as error:
        raise TemplateError([Problem("$", str(error))]) from None
    except OSError as error:
        raise TemplateError([Problem("$", f"cannot read the file: {error.strerror}")]) from None


def builtin_templates() -> list[LoadedTemplate]:
    """The templates shipped with hamtimer, beginner ones first, then by name: a first-time
    user meets (and the window preselects) a beginner session, not the advanced one that sorts
    first by name. A broken one is a packaging bug."""
    folder = builtin_folder("templates")
    loaded = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".json"):
            template = parse_template(entry.read_bytes())
            loaded.append(LoadedTemplate(template, "built-in", builtin=True))
    return sorted(loaded, key=_beginners_first)


def _beginners_first(item: LoadedTemplate) -> tuple[int, str]:
    return list(Level).index(item.template.level), item.template.name.lower()


class TemplateNotFoundError(LookupError):
    pass


def find_template(reference: str, library: list[LoadedTemplate]) -> Template:
    """A template by id from `library`, or from a file path when `reference` is one."""
    for item in library:
        if item.template.id == reference:
            return item.template
    candidate = Path(reference)
    if candidate.suffix == ".json" or candidate.exists():
        return read_template_file(candidate)
    known = ", ".join(item.template.id for item in library)
    raise TemplateNotFoundError(f"no template '{reference}'; known ids: {known}")
