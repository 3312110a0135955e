"""The main window: for now, the template browser with each template's details."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QWidget,
)

from hamtimer.core.durations import duration_text
from hamtimer.core.plan import compile_plan
from hamtimer.services.templates import LoadedTemplate


class MainWindow(QMainWindow):
    def __init__(self, library: list[LoadedTemplate]) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("hamtimer")
        self.resize(1000, 650)
        self._library = library
        self.template_list = QListWidget()
        self.template_list.setObjectName("templateList")
        self.template_list.setAccessibleName("Session templates")
        self.details = QLabel()
        self.details.setObjectName("templateDetails")
        self.details.setWordWrap(True)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.template_list, 1)
        layout.addWidget(self.details, 2)
        self.setCentralWidget(central)
        for item in library:
            QListWidgetItem(item.template.name, self.template_list)
        self.template_list.currentRowChanged.connect(self._show_details)
        if library:
            self.template_list.setCurrentRow(0)

    def _show_details(self, row: int) -> None:
        template = self._library[row].template
        plan = compile_plan(template)
        lines = [f"<h2>{template.name}</h2>", f"<p>{template.description or ''}</p>"]
        lines += [f"<p>{ex.name}: {ex.amount_label()}</p>" for ex in template.all_exercises()]
        lines.append(f"<p>Total: {duration_text(plan)} · Source: {template.source.title}</p>")
        self.details.setText("".join(lines))
