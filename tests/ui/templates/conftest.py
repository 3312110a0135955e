"""The Templates editor over a real folder of user templates and one built-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hamtimer.services.user_templates import TemplateLibrary, UserTemplates
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.support.editor import BUILTIN


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "templates"


@pytest.fixture
def page(qtbot: QtBot, folder: Path) -> TemplateEditorPage:
    editor = TemplateEditorPage(TemplateLibrary(UserTemplates(folder), lambda: [BUILTIN]))
    qtbot.addWidget(editor)
    editor.resize(1300, 850)
    editor.show()
    return editor
