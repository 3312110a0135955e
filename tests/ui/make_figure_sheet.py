"""Contact sheets of the exercise figures, to look at every keyframe (issue 16):

    python -m tests.ui.make_figure_sheet OUTDIR

writes, for each built-in figure, OUTDIR/<id>/<pose>.png (each keyframe, light palette) and
OUTDIR/<id>.png (its keyframes, then frames through one rep, then the other leg and the dark
palette), and OUTDIR/all-figures.png (every figure's held pose). Painted offscreen into
images, with the widget's own painter."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from hamtimer.core.figures import Figure, Frame, blend, frame_of
from hamtimer.core.vocabulary import Side
from hamtimer.services.figures import builtin_figures
from hamtimer.ui.widgets.figure_view import paint_frame, tone_colours
from tests.ui.make_screenshots import dark_palette

CELL = (220, 165)
LABEL_PX = 22
STRIP = 6
"""Frames shown through one rep, evenly spaced."""


def light_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#FAFAFA",
        QPalette.ColorRole.WindowText: "#263238",
        QPalette.ColorRole.Accent: "#E65100",
        QPalette.ColorRole.Highlight: "#1565C0",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def dark_figure_palette() -> QPalette:
    palette = dark_palette()
    palette.setColor(QPalette.ColorRole.Accent, QColor("#FFB74D"))
    return palette


def _cells(items: list[tuple[str, Frame | None, QPalette]], columns: int) -> QImage:
    """A grid of labelled cells, each a frame painted with its palette."""
    width, height = CELL
    rows = (len(items) + columns - 1) // columns
    image = QImage(width * columns, (height + LABEL_PX) * rows, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 9))
    for index, (label, frame, palette) in enumerate(items):
        x = (index % columns) * width
        y = (index // columns) * (height + LABEL_PX)
        painter.fillRect(x, y, width, height + LABEL_PX, palette.color(QPalette.ColorRole.Window))
        if frame is None:
            continue
        area = QRectF(x + 6, y + LABEL_PX, width - 12, height - 6)
        paint_frame(painter, frame, area, tone_colours(palette))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(
            QRectF(x + 6, y + 2, width - 12, LABEL_PX), Qt.AlignmentFlag.AlignLeft, label
        )
    painter.end()
    return image


def figure_sheet(figure: Figure) -> QImage:
    light, dark = light_palette(), dark_figure_palette()
    items: list[tuple[str, Frame | None, QPalette]] = [
        (name, frame_of(figure, pose), light) for name, pose in figure.poses.items()
    ]
    columns = max(len(items), STRIP)
    while len(items) % columns:
        items.append(("", None, light))
    for index in range(STRIP):
        fraction = index / STRIP
        items.append((f"rep {fraction:.2f}", frame_of(figure, figure.cycle_pose(fraction)), light))
    lowering = [
        blend(figure.pose(figure.lifted), figure.pose(figure.lowered), 0.5),
    ]
    items.append(("left leg, held", frame_of(figure, figure.pose(figure.held), Side.LEFT), light))
    items.append(("dark, held", frame_of(figure, figure.pose(figure.held)), dark))
    items.append(
        ("dark, left, start", frame_of(figure, figure.pose(figure.start), Side.LEFT), dark)
    )
    items.append(("halfway down", frame_of(figure, lowering[0]), light))
    return _cells(items, columns)


def _save(image: QImage, path: Path) -> None:
    image.save(str(path), "PNG", 0)  # for PNG, quality 0 is the smallest file


def write_sheets(out: Path) -> list[Path]:
    """Every sheet and keyframe image; returns the paths written."""
    written: list[Path] = []
    figures = builtin_figures()
    light = light_palette()
    for figure in figures.values():
        folder = out / figure.id
        folder.mkdir(parents=True, exist_ok=True)
        for name, pose in figure.poses.items():
            image = _cells([(f"{figure.name}: {name}", frame_of(figure, pose), light)], 1)
            path = folder / f"{name}.png"
            _save(image, path)
            written.append(path)
        path = out / f"{figure.id}.png"
        _save(figure_sheet(figure), path)
        written.append(path)
    overview = [(f.name, frame_of(f, f.pose(f.held)), light) for f in figures.values()]
    path = out / "all-figures.png"
    _save(_cells(overview, 5), path)
    written.append(path)
    return written


def main() -> int:
    app = QApplication(sys.argv[:1])
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/figures")
    out.mkdir(parents=True, exist_ok=True)
    written = write_sheets(out)
    print(f"{len(written)} images in {out}/")
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
