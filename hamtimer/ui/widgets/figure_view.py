"""An exercise's figure, drawn with QPainter in one pictogram style and animated on the
session's clock.

Colours come from the widget's palette (text for the body, the accent for the working leg,
far limbs and props blended towards the background), so light and dark themes both work.
The widget repaints on a timer only while the figure moves and the widget is visible: a
static hold paints once and then costs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from hamtimer.core.figures import (
    Box,
    Disc,
    Figure,
    Frame,
    Motion,
    MotionKind,
    Polygon,
    Shape,
    Stroke,
    Tone,
    frame_of,
    pose_at,
)
from hamtimer.core.plan import Step
from hamtimer.core.vocabulary import Side

FRAME_MS = 50
"""20 frames a second while the figure moves: smooth enough for a slow lowering (a 3 s one
moves a limb ~1.5 px a frame at 1280x800), and under 5% of a core on a noisy machine: at 25 a
second, ten slow reps took 3.4-3.8% one day and 4.6-5.6% on another (30 a second: 5.3%)."""

# How far each tone is blended from its colour towards the background.
_FADES = {
    Tone.BODY: 0.0,
    Tone.BODY_FAR: 0.42,
    Tone.WORKING: 0.0,
    Tone.WORKING_FAR: 0.4,
    Tone.PROP: 0.5,
    Tone.PROP_SOFT: 0.72,
    Tone.GROUND: 0.7,
}


def _blend(colour: QColor, background: QColor, amount: float) -> QColor:
    def mix(a: float, b: float) -> float:
        return a + (b - a) * amount

    return QColor.fromRgbF(
        mix(colour.redF(), background.redF()),
        mix(colour.greenF(), background.greenF()),
        mix(colour.blueF(), background.blueF()),
    )


def tone_colours(palette: QPalette) -> dict[Tone, QColor]:
    """Each tone's flat colour from a palette: text for the body, the accent for the
    working leg, the rest blended towards the window colour."""
    background = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    accent = palette.color(QPalette.ColorRole.Accent)
    if abs(accent.lightness() - background.lightness()) < 60:  # an accent lost on its page
        accent = palette.color(QPalette.ColorRole.Highlight)
    colours = {}
    for tone, fade in _FADES.items():
        base = accent if tone in (Tone.WORKING, Tone.WORKING_FAR) else text
        colours[tone] = _blend(base, background, fade)
    return colours


def paint_frame(painter: QPainter, frame: Frame, area: QRectF, colours: dict[Tone, QColor]) -> None:
    """Draw `frame` centred in `area`, scaled to fit with its aspect kept."""
    left, bottom, right, top = frame.bounds
    width, height = right - left, top - bottom
    if width <= 0 or height <= 0 or area.width() <= 0 or area.height() <= 0:
        return
    scale = min(area.width() / width, area.height() / height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(area)
    painter.translate(area.center())
    painter.scale(scale, -scale)  # world y points up
    painter.translate(-(left + right) / 2, -(bottom + top) / 2)
    for shape in frame.shapes:
        _paint_shape(painter, shape, colours[shape.tone])
    painter.restore()


def _paint_shape(painter: QPainter, shape: Shape, colour: QColor) -> None:
    if isinstance(shape, Stroke):
        pen = QPen(colour, shape.width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(*shape.points[0]))
        for point in shape.points[1:]:
            path.lineTo(QPointF(*point))
        painter.drawPath(path)
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    if isinstance(shape, Disc):
        painter.drawEllipse(QPointF(*shape.centre), shape.radius, shape.radius)
    elif isinstance(shape, Box):
        rect = QRectF(shape.corner[0], shape.corner[1], shape.size[0], shape.size[1])
        painter.drawRoundedRect(rect, shape.rounding, shape.rounding)
    elif isinstance(shape, Polygon):
        painter.drawPolygon(QPolygonF([QPointF(*point) for point in shape.points]))


class FigureView(QWidget):
    """Shows one exercise's figure: still (`still`), or moving through a step on the
    session's clock (`follow_step`, kept in step by `set_elapsed` and `set_paused`)."""

    def __init__(
        self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._figure: Figure | None = None
        self._side = Side.RIGHT
        self._motion = Motion(MotionKind.STILL)
        self._pose_name: str | None = None
        """Set for a still picture (`still`): the pose's name, "" for the held pose."""
        self._elapsed_base = 0.0
        self._clock_start = clock()
        self._paused = True
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self._schedule)

    # --- what to show ---------------------------------------------------------------------

    def show_exercise(self, figure: Figure | None, side: Side = Side.RIGHT) -> None:
        """Show `figure` (None: nothing) in its start pose, the working leg as `side` says."""
        self._figure = figure
        self._side = side
        self._motion = Motion(MotionKind.STILL)
        self._pose_name = None
        self._paused = True
        self._schedule()
        self.update()

    def still(self, pose_name: str | None = None) -> None:
        """A still picture of one pose (a card's): the held pose unless named."""
        self._motion = Motion(MotionKind.STILL)
        self._pose_name = pose_name or ""
        self._paused = True
        self._schedule()
        self.update()

    def follow_step(self, step: Step, elapsed_s: float = 0.0, previous: Step | None = None) -> None:
        """Move through `step` from `elapsed_s` into it, on this widget's clock, as the
        plan times it; `previous` is the step before (see `Motion.for_step`)."""
        if self._figure is None:
            return
        self._side = step.side if step.side in (Side.LEFT, Side.RIGHT) else Side.RIGHT
        self._motion = Motion.for_step(step, self._figure, previous)
        self._pose_name = None
        self._paused = False
        self.set_elapsed(elapsed_s)

    def set_elapsed(self, seconds: float) -> None:
        """Put the figure `seconds` into its step (the engine's clock is the truth)."""
        self._elapsed_base = seconds
        self._clock_start = self._clock()
        self._schedule()
        self.update()

    def set_paused(self, paused: bool) -> None:
        """Freeze the figure where it is (a paused session), or carry on from there."""
        if paused == self._paused:
            return
        self._elapsed_base = self.elapsed()
        self._clock_start = self._clock()
        self._paused = paused
        self._schedule()

    # --- state ----------------------------------------------------------------------------

    def figure(self) -> Figure | None:
        return self._figure

    def elapsed(self) -> float:
        if self._paused:
            return self._elapsed_base
        return self._elapsed_base + self._clock() - self._clock_start

    def is_animating(self) -> bool:
        """Whether the frame timer runs (the figure is moving and can be seen)."""
        return self._timer.isActive()

    def current_frame(self) -> Frame | None:
        figure = self._figure
        if figure is None:
            return None
        if self._pose_name is not None:  # a still picture: the named pose, else the held one
            name = self._pose_name if self._pose_name in figure.poses else figure.held
            pose = figure.pose(name)
        else:
            pose = pose_at(figure, self._motion, self.elapsed())
        return frame_of(figure, pose, self._side)

    # --- painting and the clock -------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(240, 180)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        frame = self.current_frame()
        if frame is None:
            return
        painter = QPainter(self)
        paint_frame(painter, frame, QRectF(self.rect()), tone_colours(self.palette()))
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._schedule()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self._schedule()

    def _tick(self) -> None:
        self.update()
        self._schedule()

    def _schedule(self) -> None:
        """Run the frame timer only while the figure moves and is visible; when it will move
        again later (after a tempo's pause), wake up then."""
        wait = self._next_move_s()
        if wait == 0.0:
            self._wake.stop()
            if not self._timer.isActive():
                self._timer.start()
            return
        if self._timer.isActive():
            self._timer.stop()
            self.update()  # the last frame lands exactly on the still pose
        if wait is None:
            self._wake.stop()
        else:
            self._wake.start(max(1, round(wait * 1000)))

    def _next_move_s(self) -> float | None:
        if self._figure is None or self._paused or self._pose_name is not None:
            return None
        if not self.isVisible():
            return None
        return self._motion.next_move_s(self._figure, self.elapsed())
