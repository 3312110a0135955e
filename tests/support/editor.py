"""Driving the Templates editor as a user does: typing, choosing, reading what it shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from hamtimer.services.templates import LoadedTemplate
from hamtimer.services.user_templates import UserTemplates
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.builders import template

BUILTIN = LoadedTemplate(template(id="builtin", name="Built-in bridge"), "built-in", builtin=True)


def saved(folder: Path) -> dict[str, dict[str, object]]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))}


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def open_saved(page: TemplateEditorPage, folder: Path) -> None:
    """The test bridge saved as the user's template, open in the editor (row 0 is the built-in)."""
    UserTemplates(folder).save(template())
    page.reload()
    page.template_list.setCurrentRow(1)


def problem_lines(page: TemplateEditorPage) -> list[str]:
    return [page.problems.item(i).text() for i in range(page.problems.count())]


def choose(box: Any, value: str) -> None:
    box.setCurrentIndex(box.findData(value))
