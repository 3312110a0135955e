"""The app's icons: Phosphor glyphs from the icon font QtAwesome ships, drawn by Qt directly.

QtAwesome stays the source of the font and its charmap (pip keeps them current), but hamtimer
does not import it: its import goes through qtpy, whose QtGui shim loads QtOpenGL, QtNetwork
and QtDataVisualization. Measured here, that import took 120 ms before the first card could be
read and raised the idle window's peak memory by about 60 MB, to draw 23 glyphs. Drawing one
glyph is what QtAwesome's own default ("text") painter does; this module does only that.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

log = logging.getLogger(__name__)

FONT_PREFIX = "ph."
"""QtAwesome's name for the Phosphor set; names in `theme.ICONS` keep it."""
GLYPH_SHARE = 0.875
"""The glyph's size as a share of the icon's height (QtAwesome's: room for the font's
bearing, so a 16 px icon draws a 14 px glyph)."""


@dataclass(frozen=True, slots=True)
class IconFont:
    family: str
    codepoints: dict[str, int]


def font_folders() -> list[Path]:
    """Where the Phosphor font may be: the bundle's copy when frozen (packaging/hamtimer.spec
    puts it there), else QtAwesome's package folder, found without importing the package."""
    folders = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        folders.append(Path(bundle) / "qtawesome" / "fonts")
    spec = importlib.util.find_spec("qtawesome")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders.append(Path(location) / "fonts")
    return folders


@cache
def icon_font() -> IconFont | None:
    """The font, loaded once into Qt's font database; None (and one log line) if it is
    missing or unreadable: every control also says what it does in words."""
    for folder in font_folders():
        fonts = sorted(folder.glob("phosphor-*.ttf"))
        if fonts:
            version = fonts[-1].name.removeprefix("phosphor-").removesuffix(".ttf")
            return _load(fonts[-1], folder / f"phosphor-charmap-{version}.json")
    log.warning("no icon font (QtAwesome's Phosphor) in %s: icons are left out", font_folders())
    return None


def _load(font_file: Path, charmap_file: Path) -> IconFont | None:
    try:
        charmap = json.loads(charmap_file.read_text(encoding="utf-8"))
        codepoints = {name: int(code, 16) for name, code in charmap.items()}
    except (OSError, ValueError, AttributeError) as error:
        log.warning(
            "icon font's charmap %s unreadable (%s): icons are left out", charmap_file, error
        )
        return None
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("icon font %s could not be loaded: icons are left out", font_file)
        return None
    return IconFont(families[0], codepoints)


class GlyphEngine(QIconEngine):
    """One glyph in one colour (and the muted colour when its control is disabled), drawn at
    whatever size Qt asks for, so icons stay sharp on any screen."""

    def __init__(self, family: str, glyph: str, colour: str, disabled: str) -> None:
        super().__init__()
        self._family, self._glyph = family, glyph
        self._colour, self._disabled = colour, disabled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(QColor(self._disabled if mode == QIcon.Mode.Disabled else self._colour))
        font = QFont(self._family)
        font.setPixelSize(max(1, round(GLYPH_SHARE * rect.height())))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        drawn = QPixmap(size)
        drawn.fill(Qt.GlobalColor.transparent)
        painter = QPainter(drawn)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return drawn

    def clone(self) -> QIconEngine:
        return GlyphEngine(self._family, self._glyph, self._colour, self._disabled)


def glyph_icon(name: str, colour: str, disabled: str) -> QIcon:
    """The Phosphor icon `name` ("ph.play-fill"); an empty icon if the name or the font is
    unknown (logged), never an error."""
    font = icon_font()
    code = font.codepoints.get(name.removeprefix(FONT_PREFIX)) if font else None
    if font is None or code is None:
        if font is not None:
            log.warning("no icon named %s", name)
        return QIcon()
    return QIcon(GlyphEngine(font.family, chr(code), colour, disabled))
