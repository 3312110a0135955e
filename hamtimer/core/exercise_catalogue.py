"""Every exercise of the built-in templates, once each, for the editor to start one from: a
runner picks "Single-leg bridge hold" with its numbers, cues and article, instead of filling
in a blank form.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamtimer.core.template_document import Document, slug_of, unique_id

if TYPE_CHECKING:
    from hamtimer.core.model import Exercise, Template


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    exercise_id: str
    name: str
    summary: str
    """Its numbers as the browser shows them: "3 x 20-30 s hold each leg"."""
    template_name: str
    """The built-in it comes from."""
    document: Document
    """The exercise as a template file holds it, its article filled in."""

    def matches(self, search: str) -> bool:
        """Every word of `search` is in its name, numbers or template (any case)."""
        text = f"{self.name} {self.summary} {self.template_name}".lower()
        return all(word in text for word in search.lower().split())


def exercise_catalogue(templates: Iterable[Template]) -> list[CatalogueEntry]:
    """Each exercise id once (the first template having it), sorted by name."""
    entries: dict[str, CatalogueEntry] = {}
    for template in templates:
        for exercise in template.all_exercises():
            if exercise.id not in entries:
                entries[exercise.id] = _entry(template, exercise)
    return sorted(entries.values(), key=lambda entry: entry.name.lower())


def exercise_for_draft(entry: CatalogueEntry, taken_ids: Collection[str]) -> Document:
    """A copy of the entry to add to a draft, with an id free in it."""
    import copy

    document: dict[str, Any] = copy.deepcopy(entry.document)
    document["id"] = unique_id(str(document.get("id") or slug_of(entry.name)), taken_ids)
    return document


def _entry(template: Template, exercise: Exercise) -> CatalogueEntry:
    document: Document = exercise.model_dump(mode="json", exclude_none=True)
    if "source" not in document:
        # In another template the exercise keeps crediting the article it came from.
        document["source"] = template.source.model_dump(mode="json", exclude_none=True)
    return CatalogueEntry(
        exercise.id, exercise.name, exercise.amount_label(), template.name, document
    )
