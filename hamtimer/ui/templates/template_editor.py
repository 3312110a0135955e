"""The Templates section: the user's templates and the built-ins, an editor with a live
preview of the compiled timeline, import (also by drag and drop) and export.

Built-ins are read-only (Duplicate makes an editable copy). A user file that failed to load is
listed with its problems and never written over. Nothing unsaved is dropped without asking.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFocusEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.model import MAX_VERSION
from hamtimer.core.problem_words import plain
from hamtimer.core.template_check import TemplateCheck, check_document
from hamtimer.core.template_document import SECTIONS, duplicate, new_template, to_document
from hamtimer.core.validation import Problem
from hamtimer.ui.command_table import command, make_action
from hamtimer.ui.templates.exercise_catalogue import choose_exercise
from hamtimer.ui.templates.field_marks import (
    INVALID_STYLE,
    fields_for,
    mark,
    mark_fields,
    note_of,
)
from hamtimer.ui.templates.form_guard import FormGuard
from hamtimer.ui.templates.form_history import FormHistory
from hamtimer.ui.templates.template_dialogs import (
    DISCARD,
    MAX_SHOWN_PROBLEMS,
    SAVE,
    ask_unsaved,
    choose_export_file,
    choose_export_folder,
    choose_import_files,
    show_refused,
)
from hamtimer.ui.templates.template_form import Selection, TemplateForm
from hamtimer.ui.templates.timeline_preview import TimelinePreview
from hamtimer.ui.widgets.accessible import show_rich_text
from hamtimer.ui.widgets.action_note import ActionNote
from hamtimer.ui.widgets.form_rows import command_button, commit_typed_number
from hamtimer.ui.widgets.keyboard import first_stop, readable, set_tab_order

if TYPE_CHECKING:
    from hamtimer.core.exercise_catalogue import CatalogueEntry
    from hamtimer.core.model import Template
    from hamtimer.services.templates import LoadedTemplate
    from hamtimer.services.user_templates import BrokenTemplate, TemplateLibrary

log = logging.getLogger(__name__)

RECHECK_MS = 150
LIST_MIN_WIDTH = 160
FORM_MIN_WIDTH = 420
"""With the list and the preview at their least, the section fits a 1024x600 screen."""
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""A Problems line's problem as `hamtimer validate` prints it (path: sentence)."""


@dataclass(frozen=True, slots=True)
class Editing:
    """What the form holds: where it saves, what it was when loaded, whether it can change."""

    path: Path | None
    saved: dict[str, Any] | None
    """The document as last saved; None for a template not saved yet."""
    read_only: bool
    title: str


class TemplateList(QListWidget):
    """The templates to edit. Qt makes the first row current when a list with none takes the
    focus; here that chose a template for the user (and asked whether to throw a new,
    unsaved one away) on a mere Tab. A draft's list keeps no row until one is chosen."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        if self.currentRow() >= 0:
            super().focusInEvent(event)
            return
        blocked = self.blockSignals(True)
        try:
            super().focusInEvent(event)
            self.setCurrentRow(-1)
        finally:
            self.blockSignals(blocked)


class TemplateEditorPage(QWidget):
    library_changed = Signal()
    """The user's templates on disk changed: lists elsewhere should reload."""
    status = Signal(str)

    def __init__(self, library: TemplateLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.setAcceptDrops(True)
        self.setStyleSheet(INVALID_STYLE)
        self._library = library
        self._templates: list[LoadedTemplate] = []
        self._broken: list[BrokenTemplate] = []
        self._editing = Editing(None, None, True, "")
        self._check: TemplateCheck | None = None
        self._undo: tuple[Path, Path] | None = None
        self._shown_row = -1
        self.form = TemplateForm()
        self.history = FormHistory(
            lambda: self.form.document, self.form.selection, self._restore_snapshot
        )
        self._guard = FormGuard(self.form)
        self.form.choose_exercise = self._choose_exercise
        self._catalogue: list[CatalogueEntry] | None = None
        self._build()
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_MS)
        self._recheck_timer.timeout.connect(self.recheck)
        self.form.changed.connect(self.history.record)
        self.form.changed.connect(self._show_dirty)
        self.form.changed.connect(self._recheck_timer.start)
        self.reload()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.note = ActionNote("editorNote")  # first: Tab starts with what the last action did
        self.template_list = TemplateList()
        self.template_list.setObjectName("editorTemplateList")
        self.template_list.setAccessibleName("Templates to edit")
        # Long names wrap rather than hiding "(built-in)" past the edge.
        self.template_list.setWordWrap(True)
        self.template_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.template_list.currentRowChanged.connect(self._row_chosen)
        self.commands: dict[str, QPushButton] = {}
        for name, text, tip in (
            ("new", "New", "Create a new template"),
            ("duplicate", "Duplicate", "Make an editable copy of the selected template"),
            ("delete", "Delete", "Delete the selected template of yours (can be undone)"),
            ("undo", "Undo delete", "Bring back the template you just deleted"),
            ("import", "Import…", "Import template files (or drop them on this page)"),
            ("export", "Export…", "Save the selected template to a file"),
            ("exportAll", "Export yours…", "Save each of your templates into a folder"),
        ):
            self.commands[name] = command_button(f"{name}Template", text, tip)
        for name, slot in (
            ("new", self.new_template),
            ("duplicate", self.duplicate_template),
            ("delete", self.delete_template),
            ("undo", self.undo_delete),
            ("import", self.import_dialog),
            ("export", self.export_selected),
            ("exportAll", self.export_all),
        ):
            self.commands[name].clicked.connect(slot)
        # Ctrl+Z, Ctrl+Shift+Z and Ctrl+S: this page's commands of the window's one table.
        keyed: tuple[tuple[str, Callable[[], object]], ...] = (
            ("undo", self.undo),
            ("redo", self.redo),
            ("save", self.save),
        )
        for name, run in keyed:
            action = make_action(command(name), self)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(run)
        left = QVBoxLayout()
        left.addWidget(self.template_list, 1)
        for name in ("new", "duplicate", "delete", "undo", "import", "export", "exportAll"):
            left.addWidget(self.commands[name])
        left_panel = QWidget()
        left_panel.setLayout(left)
        left_panel.setMinimumWidth(LIST_MIN_WIDTH)

        self.banner = QLabel()
        self.banner.setObjectName("editorBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("About this template")
        readable(self.banner)
        self.form_scroll = QScrollArea()
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab reaches the fields
        self.form_scroll.setWidgetResizable(True)
        # On a small screen the form scrolls sideways rather than widening the window.
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.form_scroll.setWidget(self.form)
        middle = QVBoxLayout()
        middle.addWidget(self.banner)
        middle.addWidget(self.form_scroll, 1)
        middle_panel = QWidget()
        middle_panel.setLayout(middle)
        middle_panel.setMinimumWidth(FORM_MIN_WIDTH)

        self.preview = TimelinePreview()
        self.problems = QListWidget()
        self.problems.setObjectName("templateProblems")
        self.problems.setAccessibleName("Problems to fix before saving")
        self.problems.setMaximumHeight(150)
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.save_button = command_button("saveTemplate", "Save  [Ctrl+S]", "Save this template")
        self.save_button.clicked.connect(self.save)
        self.revert_button = command_button(
            "revertTemplate", "Revert", "Throw away the unsaved changes"
        )
        self.revert_button.clicked.connect(self.revert)
        self.undo_button = command_button("undoEdit", "Undo", "Undo the last edit  [Ctrl+Z]")
        self.redo_button = command_button(
            "redoEdit", "Redo", "Redo the edit just undone  [Ctrl+Shift+Z]"
        )
        self.undo_button.clicked.connect(self.history.undo)
        self.redo_button.clicked.connect(self.history.redo)
        self.history.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.history.stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        buttons = QGridLayout()  # two rows: the pane stays narrow enough for a 1024 px screen
        buttons.addWidget(self.undo_button, 0, 0)
        buttons.addWidget(self.redo_button, 0, 1)
        buttons.addWidget(self.revert_button, 1, 0)
        buttons.addWidget(self.save_button, 1, 1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        self.problems_heading = QLabel("<b>Problems</b>")
        self.problems_heading.setObjectName("problemsHeading")
        self.problems_heading.setProperty("role", "heading")
        self.problems_heading.setWordWrap(True)  # "Problems: 2 to fix, 1 warning" on a narrow pane
        self.problems_heading.setAccessibleName("How many problems and warnings")
        readable(self.problems_heading)
        right.addWidget(self.problems_heading)
        right.addWidget(self.problems)
        right.addLayout(buttons)
        right_panel = QWidget()
        right_panel.setLayout(right)

        splitter = QSplitter()
        for panel in (left_panel, middle_panel, right_panel):
            splitter.addWidget(panel)
        splitter.setSizes([200, 640, 360])
        for index, stretch in enumerate((0, 3, 1)):  # the form gets room first
            splitter.setStretchFactor(index, stretch)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes as the page reads, left to right: the last action's note, the list and
        its commands, the form (in its own order), the preview, the problems, the buttons
        under them as they sit (Undo, Redo, then Revert, Save)."""
        set_tab_order(
            [
                self.note.text,
                self.note.undo_button,
                self.note.dismiss,
                self.template_list,
                *self.commands.values(),
                self.banner,
            ]
        )
        set_tab_order(
            [
                self.preview,
                self.problems_heading,
                self.problems,
                self.undo_button,
                self.redo_button,
                self.revert_button,
                self.save_button,
            ]
        )

    # -- the list ---------------------------------------------------------------------------

    def reload(self, select_id: str | None = None, select_path: Path | None = None) -> None:
        """Read the library again and show it, with the asked-for or the current selection."""
        current = self.selected_template()
        if select_id is None and select_path is None and current is not None:
            select_id, select_path = current.template.id, current.path
        loaded = self._library.load()
        self._templates, self._broken = loaded.templates, loaded.broken
        self.template_list.blockSignals(True)
        self.template_list.clear()
        for item in self._templates:
            label = item.template.name + ("  (built-in)" if item.builtin else "")
            entry = QListWidgetItem(label, self.template_list)
            entry.setToolTip(f"{item.template.name}\n{item.origin}")
        for broken in self._broken:
            entry = QListWidgetItem(f"⚠ {broken.path.name} (can't be loaded)", self.template_list)
            entry.setToolTip(broken.summary())
            entry.setForeground(Qt.GlobalColor.red)
        row = self._row_of(select_id, select_path)
        self.template_list.setCurrentRow(row)
        self.template_list.blockSignals(False)
        self._show_row(row)
        self.commands["undo"].setEnabled(self._undo is not None)

    def _row_of(self, template_id: str | None, path: Path | None) -> int:
        for row, item in enumerate(self._templates):
            if (path is not None and item.path == path) or item.template.id == template_id:
                return row
        return 0 if self._templates else -1

    def _entry(self, row: int) -> LoadedTemplate | BrokenTemplate | None:
        if 0 <= row < len(self._templates):
            return self._templates[row]
        broken_row = row - len(self._templates)
        return self._broken[broken_row] if 0 <= broken_row < len(self._broken) else None

    def selected_template(self) -> LoadedTemplate | None:
        row = self.template_list.currentRow()
        return self._templates[row] if 0 <= row < len(self._templates) else None

    def _row_chosen(self, row: int) -> None:
        if not self.may_leave():
            self.template_list.blockSignals(True)
            self.template_list.setCurrentRow(self._shown_row)
            self.template_list.blockSignals(False)
            return
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        self._shown_row = row
        entry = self._entry(row)
        from hamtimer.services.user_templates import BrokenTemplate

        if isinstance(entry, BrokenTemplate):
            self._show_broken(entry)
        elif entry is not None:
            title = (
                "Built-in templates are read-only: Duplicate makes a copy you can change."
                if entry.builtin
                else f"Your template, saved in {entry.path}"
            )
            document = to_document(entry.template)
            self._edit(document, Editing(entry.path, document, entry.builtin, title))
        else:
            self._edit({}, Editing(None, None, True, "No templates."))
        loaded = self.selected_template() is not None  # not a broken file, not a new draft
        self.commands["duplicate"].setEnabled(loaded)
        self.commands["delete"].setEnabled(entry is not None and _is_users(entry))
        self.commands["export"].setEnabled(loaded)

    def _show_broken(self, broken: BrokenTemplate) -> None:
        lines = "<br>".join(str(p) for p in broken.problems[:MAX_SHOWN_PROBLEMS])
        title = (
            f"<b>{broken.path}</b> can't be loaded, so it is not offered for training. It is "
            f"left exactly as it is: fix it in a text editor, or delete it here.<br>{lines}"
        )
        self._edit({}, Editing(broken.path, None, True, title))
        self.form.setVisible(False)
        self._show_problems(list(broken.problems))

    def _edit(self, document: dict[str, Any], editing: Editing) -> None:
        self._editing = editing
        self.form.taken_ids = self._taken_ids()
        show_rich_text(self.banner, editing.title, "About this template")
        self.form.setVisible(bool(document))
        if document:
            self.form.load(document, editing.read_only)
        self.history.start()
        self.recheck()

    # -- checking ---------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        editing = self._editing
        return not editing.read_only and self.form.document != editing.saved

    def recheck(self) -> None:
        """Check the draft, mark its fields, show the timeline and enable Save."""
        self._recheck_timer.stop()
        if not self.form.document:
            self._check = None
            self.preview.clear()
            self.save_button.setEnabled(False)
            self.revert_button.setEnabled(False)
            return
        document = self.form.document
        check = check_document(document)
        problems = [*check.problems, *self._id_clash()]
        self._check = check if not problems else TemplateCheck(None, None, tuple(problems))
        words = {p: plain(p, document).next_to_field for p in (*problems, *check.warnings)}
        mark_fields(self.form.fields(), problems, words, check.warnings)
        self.form.exercise_form.reveal_problems()
        self.form.more.reveal_problems()
        self.form.mark_exercises([p.path for p in problems])
        blocks = {f"$.{section}" for section in SECTIONS}
        mark(self.form.tree, [words[p] for p in problems if p.path in blocks])
        self._show_problems(problems, list(check.warnings))
        self.preview.show_check(check)
        self._show_dirty()
        # Enabled while there is something to save: with problems, Save says why it can't.
        self.save_button.setEnabled(self.dirty)
        self.revert_button.setEnabled(self.dirty and self._editing.saved is not None)

    def _show_dirty(self) -> None:
        """The header says what the form holds: while it differs from the file, not "saved in"
        but "unsaved changes" (at once, not after the next check)."""
        editing = self._editing
        if not self.dirty or editing.path is None:
            show_rich_text(self.banner, editing.title, "About this template")
            return
        show_rich_text(
            self.banner,
            f"Your template ({editing.path.name}): <b>unsaved changes</b>. "
            "Ctrl+S saves them, Ctrl+Z undoes the last one.",
            "About this template",
        )

    def _id_clash(self) -> list[Problem]:
        """Ids are unique in the library (they name files and history): another template
        with this id, built-in or the user's, is a problem. A built-in shown is not compared
        with itself: it can't be saved anyway."""
        if self._editing.read_only:
            return []
        template_id = self.form.document.get("id")
        mine = self._editing.path
        for item in self._templates:
            if item.template.id == template_id and (item.path is None or item.path != mine):
                owner = "a built-in template" if item.builtin else f"'{item.template.name}'"
                return [Problem("$.id", f"the id '{template_id}' is already used by {owner}")]
        return []

    def problem_paths(self) -> list[str]:
        """The Problems list as `hamtimer validate` words it (warnings included)."""
        lines = (self.problems.item(row).data(PROBLEM_ROLE) for row in range(self.problems.count()))
        return [line for line in lines if line]

    def _show_problems(self, problems: list[Problem], warnings: Sequence[Problem] = ()) -> None:
        """Each problem in the editor's words, its JSON path on a details line below."""
        self.problems.clear()
        document = self.form.document
        for problem, sign in [*((p, "") for p in problems), *((w, "⚠ ") for w in warnings)]:
            words = plain(problem, document)
            item = QListWidgetItem(f"{sign}{words}\n    details: {problem.path}", self.problems)
            item.setData(Qt.ItemDataRole.UserRole, problem.path)
            item.setData(PROBLEM_ROLE, str(problem))
            item.setToolTip(f"{words}\n{problem}")
        if not problems:
            ready = "None: this template can be saved and run."
            if warnings:
                ready = "No problems: it can be saved and run, but not as written (see above)."
            QListWidgetItem(ready, self.problems)
        show_rich_text(
            self.problems_heading,
            _problem_count(len(problems), len(warnings)),
            "How many problems and warnings",
        )

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        """Show the exercise a problem is in, and put the cursor in its field."""
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self._go_to_path(path)

    def _go_to_path(self, path: str) -> None:
        for section in SECTIONS:
            prefix = f"$.{section}["
            if path.startswith(prefix):
                index = int(path[len(prefix) :].split("]")[0])
                self.form.select((section, index))
        fields = self.form.fields()
        for field_path in fields_for(path, fields):
            widget = fields[field_path]
            if widget.isVisible():
                note = note_of(widget)
                if note is not None and note.isVisible():
                    self.form_scroll.ensureWidgetVisible(note)  # the words under it too
                self.form_scroll.ensureWidgetVisible(widget)
                self.form_scroll.horizontalScrollBar().setValue(0)  # labels stay in view
                # A field of several boxes (a number with its range) takes no keys itself:
                # the keyboard goes to its first box.
                takes_keys = widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                (widget if takes_keys else first_stop(widget) or widget).setFocus()
                return

    # -- actions ----------------------------------------------------------------------------

    def may_leave(self) -> bool:
        """True when nothing unsaved would be lost (after asking, and saving if chosen)."""
        commit_typed_number()
        if not self.dirty:
            return True
        self.recheck()  # the last check may be up to RECHECK_MS old
        answer = ask_unsaved(self, can_save=self._check is not None and self._check.ok)
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self._editing = Editing(None, self.form.document, True, "")
            return True
        return False

    def _taken_ids(self) -> list[str]:
        return [item.template.id for item in self._templates]

    def new_template(self) -> None:
        if self.may_leave():
            self._start_draft(new_template(self._taken_ids()), "A new template: not saved yet.")

    def duplicate_template(self) -> None:
        source = self.selected_template()
        if source is not None and self.may_leave():
            copied = duplicate(source.template, self._taken_ids())
            self._start_draft(copied, f"A copy of '{source.template.name}': not saved yet.")

    def _start_draft(self, document: dict[str, Any], title: str) -> None:
        self.template_list.blockSignals(True)
        self.template_list.setCurrentRow(-1)
        self.template_list.blockSignals(False)
        self._shown_row = -1
        self._edit(copy.deepcopy(document), Editing(None, None, False, title))
        for name in ("duplicate", "delete", "export"):
            self.commands[name].setEnabled(False)
        self.form.id_follows_name = True
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()

    def save(self) -> bool:
        commit_typed_number()  # Ctrl+S with a number typed but not yet entered
        self.recheck()
        check = self._check
        if not self.dirty:
            return True
        if self._editing.read_only or check is None or check.template is None:
            self._say_why_not_saved(check)
            return False
        template = self._next_version(check.template)
        try:
            path = self._library.user.save(template, self._editing.path)
        except OSError as error:
            QMessageBox.warning(self, "Save template", f"Could not save: {error}")
            return False
        self._answer(f"Saved '{template.name}' to {path}.")
        self._editing = Editing(path, to_document(template), False, "")
        self.reload(select_path=path)
        self.library_changed.emit()
        return True

    def _say_why_not_saved(self, check: TemplateCheck | None) -> None:
        """Ctrl+S (or Save) on a draft that can't be saved: why, and the cursor on the first
        problem."""
        problems = check.problems if check is not None else ()
        if not problems:
            self.note.say("Not saved: this template can't be changed.", error=True)
            return
        first = plain(problems[0], self.form.document)
        more = (
            f" ({len(problems)} problems in all, listed on the right)" if len(problems) > 1 else ""
        )
        self.note.say(f"Not saved: fix this first: {first}{more}.", error=True)
        self.status.emit(f"Not saved: {len(problems)} problem(s) to fix first.")
        self._go_to_path(problems[0].path)

    def _next_version(self, template: Template) -> Template:
        """Each save of a changed template is its next revision (history records it)."""
        saved = self._editing.saved
        if saved is None:
            return template
        version = int(saved.get("version", 1)) + 1
        return template.model_copy(update={"version": min(version, MAX_VERSION)})

    def catalogue(self) -> list[CatalogueEntry]:
        """Every built-in exercise once, read when first asked for."""
        if self._catalogue is None:
            from hamtimer.core.exercise_catalogue import exercise_catalogue

            builtins = [item.template for item in self._library.builtins]
            self._catalogue = exercise_catalogue(builtins)
        return self._catalogue

    def _choose_exercise(self, taken_ids: list[str]) -> dict[str, Any] | None:
        return choose_exercise(self, self.catalogue(), taken_ids)

    def undo(self) -> None:
        """Ctrl+Z: the last edit in the form; with none left, the last template deleted."""
        commit_typed_number()
        if not self.history.undo() and self._undo is not None:
            self.undo_delete()

    def redo(self) -> None:
        self.history.redo()

    def _restore_snapshot(self, document: dict[str, Any], selection: Selection | None) -> None:
        follows = self.form.id_follows_name
        self.form.load(document, self._editing.read_only, select=selection)
        self.form.id_follows_name = follows
        self.recheck()

    def revert(self) -> None:
        """Back to the file as saved; one more step in the form's history, so Ctrl+Z (or the
        note's Undo) brings the changes back."""
        saved = self._editing.saved
        if saved is None or not self.dirty:
            return
        self.form.load(copy.deepcopy(saved), self._editing.read_only, self.form.selection())
        self.history.record()
        self.recheck()
        self._answer("Went back to the saved template.", self.history.undo)

    def _answer(
        self, text: str, undo: Callable[[], object] | None = None, error: bool = False
    ) -> None:
        """Every action says what it did: in the note at the top (with Undo where it can be
        undone) and in the window's status line."""
        self.note.say(text, undo, error)
        self.status.emit(text)

    def delete_template(self) -> None:
        from hamtimer.services.user_templates import BrokenTemplate

        entry = self._entry(self.template_list.currentRow())
        if entry is None or not _is_users(entry):
            return
        original = entry.path
        assert original is not None  # a user's file always has its path
        try:
            moved = self._library.user.delete(original)
        except OSError as error:
            QMessageBox.warning(self, "Delete template", f"Could not delete: {error}")
            return
        self._undo = (moved, original)
        self._editing = Editing(None, None, True, "")
        self.reload()
        name = entry.template.name if not isinstance(entry, BrokenTemplate) else original.name
        self._answer(
            f"Deleted '{name}' (kept as {moved}). Ctrl+Z brings it back.", self.undo_delete
        )
        self.library_changed.emit()

    def undo_delete(self) -> None:
        if self._undo is None or not self.may_leave():
            return
        moved, original = self._undo
        try:
            restored = self._library.user.restore(moved, original)
        except OSError as error:
            QMessageBox.warning(self, "Undo delete", f"Could not bring it back: {error}")
            return
        self._undo = None
        self._give_free_id(restored)
        self.reload(select_path=restored)
        self._answer(f"Brought back {restored.name}.")
        self.library_changed.emit()

    def _give_free_id(self, restored: Path) -> None:
        """A template brought back whose id was taken since it was deleted gets a free one,
        so it doesn't make the newer template unloadable."""
        from hamtimer.core.template_document import unique_id
        from hamtimer.core.validation import TemplateError
        from hamtimer.services.templates import read_template_file

        try:
            template = read_template_file(restored)
        except TemplateError:
            return  # it was broken before it was deleted, and stays as it was
        taken = [item.template.id for item in self._templates]
        if template.id in taken:
            fresh = template.model_copy(update={"id": unique_id(template.id, taken)})
            self._library.user.save(fresh, restored)

    def import_dialog(self) -> None:
        files = choose_import_files(self)
        if files:
            self.import_files(files)

    def import_files(self, files: list[Path]) -> int:
        """All the files or none: each is checked whole before any is saved."""
        from hamtimer.services.user_templates import ImportRefusedError, read_imports

        if not self.may_leave():
            return 0
        try:
            templates = read_imports(files)
            paths = self._library.user.add_imported(templates, self._taken_ids())
        except ImportRefusedError as error:
            show_refused(self, error.lines())
            return 0
        except OSError as error:
            message = f"Nothing was imported: could not save {error.filename or 'a file'}"
            QMessageBox.warning(self, "Import templates", f"{message} ({error.strerror}).")
            return 0
        self.reload(select_path=paths[-1] if paths else None)
        names = ", ".join(f"'{template.name}'" for template in templates)
        self._answer(
            f"Imported {_count(len(paths), 'template')}: {names}.",
            lambda: self._take_back_imports(paths),
        )
        self.library_changed.emit()
        return len(paths)

    def _take_back_imports(self, paths: list[Path]) -> None:
        """Undo an import: the files it added go aside, as a delete does."""
        if not self.may_leave():
            return
        try:
            for path in paths:
                self._library.user.delete(path)
        except OSError as error:
            self._answer(f"Could not take the import back: {error}", error=True)
            return
        self._editing = Editing(None, None, True, "")
        self.reload()
        self._answer(f"Took back the import of {_count(len(paths), 'template')}.")
        self.library_changed.emit()

    def export_selected(self) -> None:
        from hamtimer.services.user_templates import export_template

        selected = self.selected_template()
        if selected is None:
            return
        path = choose_export_file(self, f"{selected.template.id}.json")
        if path is None:
            return
        try:
            export_template(selected.template, path)
        except OSError as error:
            QMessageBox.warning(self, "Export template", f"Could not write {path}: {error}")
            return
        self._answer(f"Exported '{selected.template.name}' to {path}.")

    def export_all(self) -> None:
        from hamtimer.services.user_templates import export_templates

        mine = [item.template for item in self._templates if not item.builtin]
        if not mine:
            self._answer("You have no templates of your own to export yet.")
            return
        folder = choose_export_folder(self)
        if folder is None:
            return
        try:
            written = export_templates(mine, folder)
        except OSError as error:
            QMessageBox.warning(self, "Export templates", f"Could not write to {folder}: {error}")
            return
        self._answer(f"Exported {_count(len(written), 'template')} to {folder}.")

    # -- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if _dropped_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        files = _dropped_files(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.import_files(files)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _problem_count(problems: int, warnings: int) -> str:
    counts = [f"{problems} problem{'s' if problems != 1 else ''}" if problems else "no problems"]
    if warnings:
        counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"<b>Problems</b>: {', '.join(counts)}"


def _dropped_files(urls: list[Any]) -> list[Path]:
    """Local .json files; a drop with anything else is not taken."""
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    if not files or any(path.suffix.lower() != ".json" for path in files):
        return []
    return files


def _is_users(entry: LoadedTemplate | BrokenTemplate) -> bool:
    """A file of the user's (a template or a broken one), not a built-in."""
    from hamtimer.services.user_templates import BrokenTemplate

    return isinstance(entry, BrokenTemplate) or not entry.builtin
