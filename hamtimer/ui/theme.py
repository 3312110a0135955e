"""The design system (docs/design.md): palettes, the type scale, the spacing grid, icons and
the one application stylesheet, applied once at start and again when the user switches.

Widgets never style themselves: they name a role (`widget.setProperty("role", "card")`) or a
size (`setProperty("size", "large")`) and the stylesheet here draws it. The run screen is the
one exception: it is painted in its phase's colours (`current().phases`), which change with
every step, through its widgets' palettes; the stylesheet leaves its text colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from hamtimer.core.vocabulary import Phase
from hamtimer.services.settings import Appearance

# -- type scale (pixels): one step up is about 1.25 times ------------------------------------
FONT_CAPTION = 13
FONT_BODY = 15
FONT_LARGE = 19
FONT_HEADING = 22
FONT_TITLE = 28
FONT_HUGE = 40

# -- spacing: every margin and gap is a multiple of the 4 px grid ----------------------------
GRID = 4
SPACE_XS = GRID
SPACE_S = 2 * GRID
SPACE_M = 3 * GRID
SPACE_L = 4 * GRID
SPACE_XL = 6 * GRID
SPACE_XXL = 8 * GRID
RADIUS = 8
RADIUS_CARD = 12
CONTROL_HEIGHT = 36
"""Buttons, fields and list rows: a comfortable target for a mouse or a finger."""
NAVIGATION_ICON = 24
FOCUS_RING = 3
"""The keyboard focus ring's width around controls with no focus look of their own."""
FOCUS_GAP = 2
"""Room between that ring and the control: a ring touching a check box's words is hard to see."""

RUN_TEXT_MIN_SHARE = 0.03
"""Every text on the run screen is at least this share of the window's height (about 24 px
at 800 px): readable from the mat, 3 m away."""
MIN_TEXT_CONTRAST = 4.5
"""WCAG AA for normal text: every phase's text on its background, every theme."""

ROLES = (
    "card",
    "chip",
    "title",
    "heading",
    "caption",
    "hint",
    "primary",
    "danger",
    "banner",
    "banner-error",
)
"""The `role` property values the stylesheet draws (the window helpers' contract)."""
SIZES = ("large", "huge")


@dataclass(frozen=True, slots=True)
class PhaseColours:
    background: str
    text: str


@dataclass(frozen=True, slots=True)
class Palette:
    """One theme's colours, as hex text."""

    name: str
    dark: bool
    window: str
    surface: str
    """Cards, fields and lists: raised from the window."""
    sunken: str
    """Hover, alternate rows, chips."""
    text: str
    muted: str
    border: str
    accent: str
    on_accent: str
    danger: str
    on_danger: str
    focus: str
    selection: str
    on_selection: str
    banner: str
    on_banner: str
    banner_error: str
    on_banner_error: str
    flash: PhaseColours
    """A cue that could not be heard, shown as a flash of the caption."""
    done: PhaseColours
    """A finished session (the summary's badge)."""
    phases: Mapping[Phase, PhaseColours]


def _phases(colours: Mapping[Phase, tuple[str, str]]) -> dict[Phase, PhaseColours]:
    return {phase: PhaseColours(*pair) for phase, pair in colours.items()}


LIGHT = Palette(
    name="light",
    dark=False,
    window="#F4F5F7",
    surface="#FFFFFF",
    sunken="#E9ECF0",
    text="#1B1D21",
    muted="#555C69",
    border="#CDD2DA",
    accent="#1A62C4",
    on_accent="#FFFFFF",
    danger="#B3261E",
    on_danger="#FFFFFF",
    focus="#1A62C4",
    selection="#D6E4F8",
    on_selection="#0B2A55",
    banner="#FFF1C2",
    on_banner="#3D2E00",
    banner_error="#FCE4E4",
    on_banner_error="#8A1020",
    flash=PhaseColours("#FFD54F", "#000000"),
    done=PhaseColours("#2E7D32", "#FFFFFF"),
    phases=_phases(
        {
            Phase.PREPARE: ("#F9A825", "#1A1A1A"),
            Phase.HOLD: ("#C62828", "#FFFFFF"),
            Phase.WORK: ("#BF360C", "#FFFFFF"),
            Phase.OPEN: ("#AD1457", "#FFFFFF"),
            Phase.SWITCH: ("#6A1B9A", "#FFFFFF"),
            Phase.REST: ("#1565C0", "#FFFFFF"),
            Phase.PAUSED: ("#455A64", "#FFFFFF"),
        }
    ),
)

DARK = Palette(
    name="dark",
    dark=True,
    window="#16181B",
    surface="#202328",
    sunken="#2B2F36",
    text="#E8EAED",
    muted="#A4ABB6",
    border="#3A3F48",
    accent="#7AB0FF",
    on_accent="#0A1830",
    danger="#F2857B",
    on_danger="#2A0705",
    focus="#7AB0FF",
    selection="#23406B",
    on_selection="#E8F0FF",
    banner="#3B3000",
    on_banner="#FFE8A3",
    banner_error="#4A1518",
    on_banner_error="#FFD0D4",
    flash=PhaseColours("#FFD54F", "#000000"),
    done=PhaseColours("#1B5E20", "#FFFFFF"),
    phases=_phases(
        {
            Phase.PREPARE: ("#5A4300", "#FFE08A"),
            Phase.HOLD: ("#7F1D1D", "#FFFFFF"),
            Phase.WORK: ("#7A2A0A", "#FFFFFF"),
            Phase.OPEN: ("#6D1240", "#FFFFFF"),
            Phase.SWITCH: ("#4A1772", "#FFFFFF"),
            Phase.REST: ("#0D3B74", "#FFFFFF"),
            Phase.PAUSED: ("#2E3B42", "#FFFFFF"),
        }
    ),
)

CONTRAST = Palette(
    name="high-contrast",
    dark=True,
    window="#000000",
    surface="#000000",
    sunken="#1A1A1A",
    text="#FFFFFF",
    muted="#E6E6E6",
    border="#FFFFFF",
    accent="#FFD600",
    on_accent="#000000",
    danger="#FF8A80",
    on_danger="#000000",
    focus="#FFD600",
    selection="#FFD600",
    on_selection="#000000",
    banner="#000000",
    on_banner="#FFD600",
    banner_error="#000000",
    on_banner_error="#FF8A80",
    flash=PhaseColours("#FFD600", "#000000"),
    done=PhaseColours("#000000", "#7CFF8A"),
    phases=_phases(
        {
            Phase.PREPARE: ("#000000", "#FFD600"),
            Phase.HOLD: ("#000000", "#FF7070"),
            Phase.WORK: ("#000000", "#FFAB70"),
            Phase.OPEN: ("#000000", "#FF80C0"),
            Phase.SWITCH: ("#000000", "#D8A8FF"),
            Phase.REST: ("#000000", "#80C8FF"),
            Phase.PAUSED: ("#000000", "#FFFFFF"),
        }
    ),
)

PALETTES = {Appearance.LIGHT: LIGHT, Appearance.DARK: DARK, Appearance.CONTRAST: CONTRAST}

ICONS = {
    "train": "ph.barbell",
    "templates": "ph.notebook",
    "history": "ph.chart-line-up",
    "settings": "ph.gear-six",
    "start": "ph.play-fill",
    "pause": "ph.pause-fill",
    "resume": "ph.play-fill",
    "back": "ph.skip-back-fill",
    "skip": "ph.skip-forward-fill",
    "done": "ph.check-circle-fill",
    "stop": "ph.stop-fill",
    "mute": "ph.speaker-high-fill",
    "unmute": "ph.speaker-slash-fill",
    "fullscreen": "ph.arrows-out",
    "leave_fullscreen": "ph.arrows-in",
    "help": "ph.keyboard",
    "save": "ph.floppy-disk",
    "undo": "ph.arrow-counter-clockwise",
    "redo": "ph.arrow-clockwise",
    "status": "ph.info",
    "export": "ph.export",
    "import": "ph.download-simple",
    "quit": "ph.sign-out",
}
"""Our names for the Phosphor icons (QtAwesome's "ph." set), one icon set for the app."""


# -- contrast (WCAG 2.x) -----------------------------------------------------------------------


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance of a "#RRGGBB" colour, 0 (black) to 1 (white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# -- choosing and applying -----------------------------------------------------------------------

_current: Palette = LIGHT


def current() -> Palette:
    """The palette in use (the run screen paints with it)."""
    return _current


def system_is_dark() -> bool:
    """The desktop's colour scheme (Qt 6.5+ reads it from the platform); unknown is light.
    The first call costs 11 ms: its answer is a `Qt.ColorScheme`, and PySide6 builds the
    whole Qt namespace (a hundred enums) for it. The window's first frame does without it
    (`MainWindow`: the answer it got last time)."""
    from PySide6.QtCore import Qt

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(appearance: Appearance, system_dark: bool | None = None) -> Palette:
    """The palette for `appearance`; `system_dark` answers "is the desktop dark?" when known
    (else Qt is asked)."""
    if appearance == Appearance.SYSTEM:
        dark = system_is_dark() if system_dark is None else system_dark
        return DARK if dark else LIGHT
    return PALETTES[appearance]


STYLE = "Fusion"
STYLE_PROPERTY = "hamtimerStyle"
_text_scale = 1.0
"""The text size chosen in Settings (services.settings.TextSize), set by `apply_theme`."""


def application(argv: list[str]) -> QApplication:
    """hamtimer's QApplication, in its style from the start: named on its command line, the
    style is made in C++ when first needed (`setStyle` afterwards costs the first frame 4 ms
    of PySide6 building QStyle's enums for the style it returns)."""
    app = QApplication([*argv, "-style", STYLE])  # the last -style given wins
    app.setProperty(STYLE_PROPERTY, STYLE)
    return app


def apply_theme(
    app: QApplication,
    appearance: Appearance,
    text_scale: float = 1.0,
    system_dark: bool | None = None,
) -> Palette:
    """The style, palette and stylesheet for `appearance`, with every font of the type scale
    `text_scale` times larger, on the whole application (`system_dark`: see `resolve`).
    Cheap enough to call again at any time: every window restyles itself live."""
    global _current, _text_scale
    palette = resolve(appearance, system_dark)
    _current = palette
    _text_scale = text_scale
    # Flat and the same everywhere: no bevelled native look. Set once (a new style polishes
    # every widget again); asked by a property, as `app.style()` costs the window's first
    # frame 3-5 ms of PySide6 building QStyle's enums.
    if app.property(STYLE_PROPERTY) != STYLE:
        app.setStyle(STYLE)
        app.setProperty(STYLE_PROPERTY, STYLE)
    app.setPalette(qpalette(palette))
    font = QFont(app.font())
    font.setPixelSize(scaled(FONT_BODY))  # the body size; a rule here would override setFont
    app.setFont(font)
    sheet = stylesheet(palette, text_scale)
    if app.styleSheet() != sheet:  # a restyle walks every widget alive: only when it changes
        app.setStyleSheet(sheet)
    return palette


def text_scale() -> float:
    """The text size chosen in Settings, as a factor (the run screen scales its text by it)."""
    return _text_scale


def scaled(pixels: int, scale: float | None = None) -> int:
    """A size of the type scale at the chosen text size."""
    return round(pixels * (_text_scale if scale is None else scale))


def qpalette(palette: Palette) -> QPalette:
    """Qt's palette for the standard widgets the stylesheet leaves alone (text areas, menus,
    tooltips, disabled text)."""
    result = QPalette()
    role = QPalette.ColorRole
    for which, colour in {
        role.Window: palette.window,
        role.WindowText: palette.text,
        role.Base: palette.surface,
        role.AlternateBase: palette.sunken,
        role.Text: palette.text,
        role.PlaceholderText: palette.muted,
        role.Button: palette.surface,
        role.ButtonText: palette.text,
        role.BrightText: palette.on_accent,
        role.Highlight: palette.accent,
        role.HighlightedText: palette.on_accent,
        role.ToolTipBase: palette.surface,
        role.ToolTipText: palette.text,
        role.Link: palette.accent,
        role.Mid: palette.border,
        role.Midlight: palette.sunken,
        role.Light: palette.surface,
        role.Dark: palette.border,
    }.items():
        result.setColor(which, QColor(colour))
    for which in (role.WindowText, role.Text, role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, which, QColor(palette.muted))
    return result


def icon(name: str, colour: str | None = None) -> QIcon:
    """One of `ICONS` (or a Phosphor name, "ph.…") in the theme's text colour."""
    from hamtimer.ui.icons import glyph_icon  # the icon font: after the first frame

    palette = current()
    return glyph_icon(ICONS.get(name, name), colour or palette.text, palette.muted)


def restyle(widget: QWidget) -> None:
    """After a `role`, `size` or `flash` property changes on a shown widget: draw it again."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def stylesheet(p: Palette, text_scale: float = 1.0) -> str:
    """The one application stylesheet. Fonts sizes come from the type scale (times
    `text_scale`); colours from the palette; every margin from the grid."""
    caption, body, large = (
        scaled(size, text_scale) for size in (FONT_CAPTION, FONT_BODY, FONT_LARGE)
    )
    heading, title, huge = (
        scaled(size, text_scale) for size in (FONT_HEADING, FONT_TITLE, FONT_HUGE)
    )
    return f"""
QToolTip {{ color: {p.text}; background: {p.surface}; border: 1px solid {p.border};
    padding: {SPACE_XS}px; }}

QPushButton, .QToolButton {{
    background: {p.surface}; color: {p.text};
    border: 1px solid {p.border}; border-radius: {RADIUS}px;
    padding: {SPACE_S}px {SPACE_L}px; min-height: {CONTROL_HEIGHT - 2 * SPACE_S - 2}px;
}}
QPushButton:hover, .QToolButton:hover {{ background: {p.sunken}; }}
QPushButton:pressed, .QToolButton:pressed {{ background: {p.border}; }}
QPushButton:focus, .QToolButton:focus {{ border: 2px solid {p.focus}; }}
QPushButton:disabled, .QToolButton:disabled {{ color: {p.muted}; background: {p.window}; }}
QPushButton[role="primary"] {{
    background: {p.accent}; color: {p.on_accent}; border: 2px solid {p.accent};
    font-size: {large}px; font-weight: 600; padding: {SPACE_M}px {SPACE_XL}px;
}}
QPushButton[role="primary"]:focus {{ border: 2px solid {p.text}; }}
QPushButton[role="primary"]:disabled {{ background: {p.sunken}; color: {p.muted};
    border-color: {p.sunken}; }}
QPushButton[role="danger"] {{ color: {p.danger}; border-color: {p.danger}; }}
QPushButton[role="danger"]:hover {{ background: {p.danger}; color: {p.on_danger}; }}

QLineEdit, QPlainTextEdit, QTextEdit, QTextBrowser {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    border-radius: {RADIUS}px; padding: {SPACE_XS}px {SPACE_S}px;
    selection-background-color: {p.accent}; selection-color: {p.on_accent};
}}
QLineEdit {{ min-height: {CONTROL_HEIGHT - 12}px; }}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {{ border: none; padding: 0; min-height: 0;
    background: transparent; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {p.focus}; }}
QComboBox QAbstractItemView {{ background: {p.surface}; color: {p.text};
    selection-background-color: {p.selection}; selection-color: {p.on_selection}; }}

QListWidget, QListView, QTreeView, QTableView, QTableWidget {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    border-radius: {RADIUS}px; outline: none;
    alternate-background-color: {p.sunken}; gridline-color: {p.border};
}}
QListWidget::item, QListView::item {{ padding: {SPACE_S}px; border-radius: {RADIUS - 2}px;
    border: 2px solid transparent; }}
QTreeView::item {{ border: 2px solid transparent; }}
QListWidget::item:hover, QListView::item:hover {{ background: {p.sunken}; }}
QListWidget::item:selected, QListView::item:selected, QTreeView::item:selected,
QTableView::item:selected {{ background: {p.selection}; color: {p.on_selection}; }}
QListWidget:focus, QListView:focus, QTreeView:focus, QTableView:focus {{
    border: 2px solid {p.focus}; }}
QListWidget::item:focus, QListView::item:focus, QTreeView::item:focus {{
    border-color: {p.focus}; }}
QHeaderView::section {{ background: {p.window}; color: {p.muted}; border: none;
    border-bottom: 1px solid {p.border}; padding: {SPACE_XS}px {SPACE_S}px; font-weight: 600; }}

QListWidget#navigation {{
    background: {p.window}; border: none; border-right: 1px solid {p.border};
    padding: {SPACE_S}px; font-size: {body}px;
}}
QListWidget#navigation::item {{ padding: {SPACE_M}px {SPACE_M}px; margin: 2px 0;
    border-radius: {RADIUS}px; }}
QListWidget#navigation::item:selected {{ background: {p.selection}; color: {p.on_selection};
    font-weight: 600; }}
QListWidget#navigation:focus {{ border: none; border-right: 1px solid {p.border}; }}
QListWidget#navigation::item:focus {{ border: 2px solid {p.focus}; }}

QGroupBox {{ border: 1px solid {p.border}; border-radius: {RADIUS_CARD}px;
    margin-top: {SPACE_L}px; padding: {SPACE_M}px; background: {p.surface}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {SPACE_M}px; padding: 0 {SPACE_XS}px;
    color: {p.muted}; font-weight: 600; }}
QCheckBox, QRadioButton {{ spacing: {SPACE_S}px; }}
QCheckBox:focus, QRadioButton:focus {{ color: {p.accent}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QSplitter::handle {{ background: {p.border}; }}
QStatusBar {{ background: {p.window}; color: {p.muted}; border-top: 1px solid {p.border}; }}
QMenuBar {{ background: {p.window}; color: {p.text}; }}
QMenuBar::item:selected, QMenu::item:selected {{ background: {p.selection};
    color: {p.on_selection}; }}
QMenu {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border}; }}
QSlider::groove:horizontal {{ height: 6px; background: {p.sunken}; border-radius: 3px; }}
QSlider::sub-page:horizontal {{ background: {p.accent}; border-radius: 3px; }}
QSlider::handle:horizontal {{ background: {p.surface}; border: 2px solid {p.accent};
    width: 16px; margin: -6px 0; border-radius: 9px; }}
QProgressBar {{ background: {p.sunken}; border: none; border-radius: 4px; height: 8px; }}
QProgressBar::chunk {{ background: {p.accent}; border-radius: 4px; }}

*[role="card"] {{ background: {p.surface}; border: 1px solid {p.border};
    border-radius: {RADIUS_CARD}px; }}
*[role="chip"] {{ background: {p.sunken}; color: {p.text}; border-radius: {RADIUS_CARD}px;
    padding: 2px {SPACE_S}px; font-size: {caption}px; }}
*[role="title"] {{ font-size: {title}px; font-weight: 700; color: {p.text}; }}
*[role="heading"] {{ font-size: {heading}px; font-weight: 600; color: {p.text}; }}
*[role="caption"] {{ font-size: {caption}px; color: {p.muted}; }}
*[role="hint"] {{ color: {p.muted}; }}
*[role="banner"] {{ background: {p.banner}; color: {p.on_banner}; border-radius: {RADIUS}px;
    padding: {SPACE_S}px {SPACE_M}px; }}
*[role="banner-error"] {{ background: {p.banner_error}; color: {p.on_banner_error};
    border-radius: {RADIUS}px; padding: {SPACE_S}px {SPACE_M}px; font-weight: 600; }}
*[size="large"] {{ font-size: {large}px; }}
*[size="huge"] {{ font-size: {huge}px; font-weight: 700; }}
*[invalid="true"] {{ border: 2px solid {p.danger}; border-radius: {RADIUS // 2}px; }}

RunButton {{
    background: transparent; border: 2px solid transparent;
    border-radius: {RADIUS_CARD}px; padding: {SPACE_XS}px {SPACE_S}px;
}}
RunButton:hover {{ border-color: {p.border}; }}
QLabel[flash="true"] {{ background: {p.flash.background}; color: {p.flash.text};
    border-radius: {RADIUS}px; }}
"""
