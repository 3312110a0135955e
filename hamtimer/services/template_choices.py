"""Quick-adjust choices, one per template id, kept in the config folder.

Written atomically; a damaged file is renamed aside (kept) and the templates run as written.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from hamtimer.core.template_choice import TemplateChoice
from hamtimer.services.atomic_file import write_atomic

log = logging.getLogger(__name__)

FILE_VERSION = 1


class TemplateChoices:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._choices: dict[str, TemplateChoice] = {}
        self.problem: str | None = None
        """One line for the user when the file could not be used."""
        self._load()

    def get(self, template_id: str) -> TemplateChoice:
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

    def _load(self) -> None:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
            if document.get("schema_version") != FILE_VERSION:
                raise ValueError(f"unknown schema_version {document.get('schema_version')!r}")
            self._choices = {
                str(key): TemplateChoice.from_document(value)
                for key, value in document["choices"].items()
            }
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            aside = self.path.with_name(self.path.name + ".damaged")
            try:
                self.path.replace(aside)
            except OSError:
                aside = self.path
            log.warning("template choices unusable (%s); kept as %s", error, aside)
            self.problem = (
                f"Your quick-adjust choices could not be read; templates run as written "
                f"(the file is kept as {aside})."
            )
