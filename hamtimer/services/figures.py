"""The exercise figures shipped with hamtimer (package data), and the catalogue of them.

A figure file that cannot be used is one line in the log and no figure: the exercise is shown
without a picture, never a failure. Figures are read once, on first use, and kept.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from hamtimer.core.figure_schema import MAX_FIGURE_BYTES, FigureError, parse_figure
from hamtimer.core.figures import Figure
from hamtimer.core.model import MAX_ID_LENGTH
from hamtimer.services.guarded_file import GuardedFileError, read_bytes

log = logging.getLogger(__name__)

FIGURES_PACKAGE = "hamtimer.data"
FIGURES_FOLDER = "figures"
_FIGURE_ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}")
"""A figure id as a template may give it (an exercise id): never a path."""


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A figure a template exercise may show: its id (the file's name) and its name."""

    id: str
    name: str


def read_figure_bytes(data: bytes, origin: str) -> Figure | None:
    """A figure from a file's bytes, or None and one log line naming `origin` and why."""
    try:
        return parse_figure(data)
    except FigureError as error:
        log.warning("Figure %s not shown: %s", origin, error)
        return None


def read_figure_file(path: Path) -> Figure | None:
    """A figure file on disk, read guarded (a FIFO or a huge file is refused, not read)."""
    try:
        data = read_bytes(path, max_bytes=MAX_FIGURE_BYTES)
    except (OSError, GuardedFileError) as error:
        log.warning("Figure %s not shown: %s", path, getattr(error, "strerror", None) or error)
        return None
    return read_figure_bytes(data, str(path))


@functools.cache
def builtin_figures() -> dict[str, Figure]:
    """Every usable built-in figure by id (the file's name without .json)."""
    folder = resources.files(FIGURES_PACKAGE).joinpath(FIGURES_FOLDER)
    figures: dict[str, Figure] = {}
    try:
        entries = sorted(folder.iterdir(), key=lambda item: item.name)
    except OSError as error:  # a damaged install: exercises are shown without figures
        log.warning("No exercise figures: %s (%s)", folder, error.strerror or error)
        return figures
    for entry in entries:
        if not entry.name.endswith(".json"):
            continue
        figure_id = entry.name.removesuffix(".json")
        figure = _named(read_figure_bytes(entry.read_bytes(), f"built-in {entry.name}"), figure_id)
        if figure is not None:
            figures[figure_id] = figure
    return figures


@functools.cache
def figure_for(figure_id: str | None) -> Figure | None:
    """The built-in figure with this id (an exercise's id, unless its template names
    another); None for no figure. Reads only that file: the run screen needs one figure at a
    time, and reading all of them costs tens of milliseconds at start-up."""
    if figure_id is None or not _FIGURE_ID.fullmatch(figure_id):
        return None
    # One name a call: a frozen bundle's MultiplexedPath (Python 3.11) takes no more.
    folder = resources.files(FIGURES_PACKAGE).joinpath(FIGURES_FOLDER)
    entry = folder.joinpath(f"{figure_id}.json")
    try:
        data = entry.read_bytes()
    except OSError:  # no such figure: the exercise is shown without one
        return None
    return _named(read_figure_bytes(data, f"built-in {figure_id}.json"), figure_id)


def _named(figure: Figure | None, figure_id: str) -> Figure | None:
    """The figure if its file is named by its id (a copied file not renamed is a mistake)."""
    if figure is not None and figure.id != figure_id:
        log.warning("Figure %s.json not shown: its id is %s", figure_id, figure.id)
        return None
    return figure


def figure_catalogue() -> list[CatalogueEntry]:
    """The figures a template exercise may choose, by name."""
    entries = [CatalogueEntry(figure.id, figure.name) for figure in builtin_figures().values()]
    return sorted(entries, key=lambda entry: entry.name.lower())
