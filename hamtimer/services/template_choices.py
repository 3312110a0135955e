"""Quick-adjust choices, one per template id, kept in the config folder.

Written atomically; a damaged file is renamed aside (kept) and the templates run as written.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import read_json
from hamtimer.services.logging_setup import FILE_ONLY
from hamtimer.services.set_aside import set_aside

if TYPE_CHECKING:
    from hamtimer.core.template_choice import TemplateChoice

log = logging.getLogger(__name__)

FILE_VERSION = 1
MAX_CHOICES_BYTES = 5_000_000


class TemplateChoices:
    """Read on first use, not when built: the choices import the template model (pydantic),
    which the window loads only after its first frame."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._loaded: dict[str, TemplateChoice] | None = None
        self._problem: str | None = None

    @property
    def problem(self) -> str | None:
        """One line for the user when the file could not be used."""
        _ = self._choices
        return self._problem

    def get(self, template_id: str) -> TemplateChoice:
        from hamtimer.core.template_choice import TemplateChoice

        return self._choices.get(template_id, TemplateChoice())

    def set(self, template_id: str, choice: TemplateChoice) -> None:
        """Remember `choice` (the default one forgets) and write the file."""
        if choice.is_default:
            self._choices.pop(template_id, None)
        else:
            self._choices[template_id] = choice
        document = {
            "schema_version": FILE_VERSION,
            "choices": {key: value.to_document() for key, value in sorted(self._choices.items())},
        }
        write_atomic(self.path, json.dumps(document, indent=2) + "\n")

    @property
    def _choices(self) -> dict[str, TemplateChoice]:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> dict[str, TemplateChoice]:
        from hamtimer.core.template_choice import TemplateChoice

        try:
            document = read_json(self.path, max_bytes=MAX_CHOICES_BYTES)
            if document.get("schema_version") != FILE_VERSION:
                raise ValueError(f"unknown schema_version {document.get('schema_version')!r}")
            return {
                str(key): TemplateChoice.from_document(value)
                for key, value in document["choices"].items()
            }
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            try:  # stamped: a second damaged file never overwrites the first
                aside = set_aside(self.path)
            except OSError:
                aside = self.path
            log.warning("template choices unusable (%s); kept as %s", error, aside, extra=FILE_ONLY)
            self._problem = (
                f"Your quick-adjust choices could not be read; templates run as written "
                f"(the file is kept as {aside})."
            )
            return {}
