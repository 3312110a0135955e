"""Render assets/icons/hamtimer.svg to the PNG sizes desktops look for.

`python packaging/make_icons.py` writes assets/icons/hicolor/<N>x<N>/apps/<APP_ID>.png for every
size in SIZES (commit them; `tests/test_packaging_metadata.py` checks they match the SVG).
QtSvg renders offscreen: no display needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.hamtimer.HamTimer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "assets" / "icons" / "hamtimer.svg"
HICOLOR = ROOT / "assets" / "icons" / "hicolor"


def png_path(size: int, hicolor: Path = HICOLOR) -> Path:
    return hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


_app: list[QGuiApplication] = []


def render(size: int, source: Path = SOURCE) -> QImage:
    """The SVG drawn into a transparent square QImage of `size` pixels."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app.append(QGuiApplication([]))  # kept alive for the next calls
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    for size in SIZES:
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        image = render(size)
        if not image.save(str(target)):
            print(f"make_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(f"{target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
