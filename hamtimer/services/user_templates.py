"""The user's own templates: one JSON file each in the data folder, written atomically.

A file that fails to load is listed with its problems and left exactly as it is: it never
hides the other templates and is never written over. Deleting moves a file into a `.deleted`
folder beside them, so Undo (or the user, by hand) can bring it back.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.template_document import to_json, unique_id
from hamtimer.core.validation import Problem, TemplateError
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.templates import LoadedTemplate, builtin_templates, read_template_file

if TYPE_CHECKING:
    from hamtimer.core.model import Template

log = logging.getLogger(__name__)

DELETED_FOLDER = ".deleted"


@dataclass(frozen=True, slots=True)
class BrokenTemplate:
    path: Path
    problems: tuple[Problem, ...]

    def summary(self) -> str:
        """The first problem, and how many more there are."""
        more = len(self.problems) - 1
        return str(self.problems[0]) + (f" (and {more} more)" if more > 0 else "")


@dataclass(frozen=True, slots=True)
class UserLibrary:
    templates: list[LoadedTemplate]
    broken: list[BrokenTemplate]


class UserTemplates:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, builtin_ids: Collection[str] = ()) -> UserLibrary:
        """Every `*.json` in the folder; an id already taken makes its later file broken."""
        templates: list[LoadedTemplate] = []
        broken: list[BrokenTemplate] = []
        taken = dict.fromkeys(builtin_ids, "a built-in template")
        for path in self._files():
            try:
                template = read_template_file(path)
            except TemplateError as error:
                broken.append(BrokenTemplate(path, tuple(error.problems)))
                continue
            if template.id in taken:
                clash = f"the id '{template.id}' is already used by {taken[template.id]}"
                broken.append(BrokenTemplate(path, (Problem("$.id", clash),)))
                continue
            taken[template.id] = path.name
            templates.append(LoadedTemplate(template, str(path), builtin=False, path=path))
        for item in broken:
            log.info("user template %s not loaded: %s", item.path, item.summary())
        return UserLibrary(templates, broken)

    def save(self, template: Template, current: Path | None = None) -> Path:
        """Write `template` over its own file (`current`), or into a new file named after its
        id that takes no other file's name."""
        path = current if current is not None else _free_name(self.folder / f"{template.id}.json")
        write_atomic(path, to_json(template))
        log.info("saved template %s to %s", template.id, path)
        return path

    def delete(self, path: Path) -> Path:
        """Move the file aside; returns where it went, for `restore`."""
        deleted = self.folder / DELETED_FOLDER
        deleted.mkdir(parents=True, exist_ok=True)
        target = deleted / f"{path.stem}-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}"
        target = _free_name(target)
        path.replace(target)
        log.info("deleted template %s (kept as %s)", path, target)
        return target

    def restore(self, deleted: Path, original: Path) -> Path:
        """Undo a delete; a new file with the old name keeps it, and the restored one moves."""
        target = _free_name(original)
        deleted.replace(target)
        return target

    def add_imported(self, templates: Iterable[Template], taken_ids: Collection[str]) -> list[Path]:
        """Save checked templates (see `read_imports`) as new files; a taken id gets a free one."""
        taken = set(taken_ids)
        paths: list[Path] = []
        try:
            for template in templates:
                if template.id in taken:
                    template = template.model_copy(update={"id": unique_id(template.id, taken)})
                taken.add(template.id)
                paths.append(self.save(template))
        except OSError:  # all or nothing: the files saved before the failure are taken back
            for path in paths:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        return paths

    def _files(self) -> list[Path]:
        try:
            entries = sorted(self.folder.iterdir())
        except FileNotFoundError:
            return []
        except OSError as error:
            log.warning("cannot list %s: %s", self.folder, error)
            return []
        return [p for p in entries if p.suffix == ".json" and not p.name.startswith(".")]


class TemplateLibrary:
    """Built-ins (read once) and the user's templates (read each time), as lists show them."""

    def __init__(
        self,
        user: UserTemplates,
        builtins: Callable[[], list[LoadedTemplate]] = builtin_templates,
    ) -> None:
        self.user = user
        self._read_builtins = builtins
        self._builtins: list[LoadedTemplate] | None = None

    @property
    def builtins(self) -> list[LoadedTemplate]:
        if self._builtins is None:
            self._builtins = self._read_builtins()
        return self._builtins

    def load(self) -> UserLibrary:
        """Built-ins first, then the user's by name; files that failed are in `broken`."""
        own = self.user.load(builtin_ids=[item.template.id for item in self.builtins])
        mine = sorted(own.templates, key=lambda item: item.template.name.lower())
        return UserLibrary([*self.builtins, *mine], own.broken)


class ImportRefusedError(ValueError):
    """At least one file can't be imported; nothing was. Each file's problems, by field."""

    def __init__(self, refused: list[tuple[Path, list[Problem]]]) -> None:
        super().__init__(f"{len(refused)} file(s) can't be imported")
        self.refused = refused

    def lines(self) -> list[str]:
        return [f"{path.name}: {problem}" for path, found in self.refused for problem in found]


def read_imports(sources: Iterable[Path]) -> list[Template]:
    """Every file checked whole before any is kept: all of them, or `ImportRefusedError`."""
    accepted: list[Template] = []
    refused: list[tuple[Path, list[Problem]]] = []
    for source in sources:
        try:
            accepted.append(read_template_file(source))
        except TemplateError as error:
            refused.append((source, error.problems))
    if refused:
        raise ImportRefusedError(refused)
    return accepted


def export_templates(templates: Iterable[Template], folder: Path) -> list[Path]:
    """One file per template, named after its id; files already there are left alone."""
    written = []
    for template in templates:
        path = _free_name(folder / f"{template.id}.json")
        write_atomic(path, to_json(template))
        written.append(path)
    return written


def export_template(template: Template, path: Path) -> None:
    write_atomic(path, to_json(template))


def _free_name(path: Path) -> Path:
    """`path`, or the same name with -2, -3... when a file already has it."""
    if not path.exists():
        return path
    siblings = {p.stem for p in path.parent.glob(f"{path.stem}*{path.suffix}")}
    return path.with_name(unique_id(path.stem, siblings) + path.suffix)
