"""The run screen ("mat mode"): built to be read from 3 m, driven by keys alone.

A progress ring in the middle with the countdown (or the rep) inside it, the side above it,
the exercise's figure to its left and the exercise, set and set dots to its right; one caption
line (the cue being said), the next step once, and large icon buttons that hide while nobody
moves the mouse. Every phase has a colour *and* a word, so it works without colour vision; the
colours are the theme's (`theme.current().phases`). Every text is at least
`theme.RUN_TEXT_MIN_SHARE` of the window's height.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.durations import clock_text
from hamtimer.core.engine import (
    CueDue,
    EngineEvent,
    EngineState,
    PauseReason,
    Snapshot,
    StepStarted,
)
from hamtimer.core.plan import CueKind, Plan, Step
from hamtimer.core.vocabulary import Phase, StepKind, TempoPhase
from hamtimer.services.figures import figure_for
from hamtimer.ui import theme
from hamtimer.ui.command_table import COMMANDS, key_names
from hamtimer.ui.widgets.accessible import show_text
from hamtimer.ui.widgets.figure_view import FigureView

FLASH_MS = 300
HEARD_MS = 4000
"""How long "Heard “timer pause”." stays on the caption line (unless a cue replaces it)."""
CONTROLS_HIDE_MS = 3000
"""The buttons fade out this long after the mouse last moved (a key brings them back)."""
GUIDANCE_SHARE = 0.24
"""The most of the height a get-ready step's caution and notes take: the ring keeps the rest.
Long ones are set smaller to fit, down to the run screen's smallest text."""
COUNTDOWN_SHARE = 0.36
"""The countdown's size as a share of the window height, when the ring has room for it."""

# Fonts as shares of the window's height (none below theme.RUN_TEXT_MIN_SHARE).
TEXT_SHARES = {
    "phaseLabel": 0.065,
    "sideLabel": 0.065,
    "sessionStatus": 0.035,
    "muteLabel": 0.03,
    "exerciseLabel": 0.045,
    "setLabel": 0.04,
    "tempoLabel": 0.045,
    "captionLabel": 0.045,
    "nextLabel": 0.035,
    "controls": 0.03,
}
ICON_SHARE = 0.045
MAX_TEXT_SHARE = 0.085
"""A larger text size (Settings) grows every text but the countdown, up to this share."""
BOLD = ("phaseLabel", "sideLabel", "countdownLabel", "exerciseLabel")

TEMPO_WORDS = {TempoPhase.LOWER: "lower…", TempoPhase.PAUSE: "hold…", TempoPhase.LIFT: "lift"}
RUN_BUTTONS = tuple(command for command in COMMANDS if command.on_run_screen)


@dataclass(frozen=True, slots=True)
class PhaseLook:
    word: str
    background: str
    text: str


FIGURE_DRIFT_S = 0.25
"""How far the figure may stray from the engine's clock before it is put back on it."""


FIGURE_ACCENT = {True: "#FFD54F", False: "#0D47A1"}
"""The working leg on a phase's background: amber on a dark one, deep blue on a light one
(the theme's accent is blue, lost on REST's blue)."""


def figure_palette(base: QPalette, look: PhaseLook) -> QPalette:
    """The figure in the phase's colours: its body in the phase's text colour, the working
    leg in an accent that stands out from the background."""
    palette = QPalette(base)
    background = QColor(look.background)
    palette.setColor(QPalette.ColorRole.Window, background)
    palette.setColor(QPalette.ColorRole.WindowText, QColor(look.text))
    accent = QColor(FIGURE_ACCENT[background.lightness() < 128])
    palette.setColor(QPalette.ColorRole.Accent, accent)
    palette.setColor(QPalette.ColorRole.Highlight, accent)
    return palette


def phase_look(phase: Phase) -> PhaseLook:
    colours = theme.current().phases[phase]
    return PhaseLook(phase.caption, colours.background, colours.text)


class ProgressRing(QWidget):
    """A ring that fills clockwise as the step goes on, drawn in the phase's text colour; the
    countdown and its caption sit inside it (child labels)."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressRing")
        self.setAccessibleName("Progress through this step")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._progress = 0.0
        self.colours = phase_look(Phase.PREPARE)

    def value(self) -> float:
        return self._progress

    def set_progress(self, progress: float) -> None:
        progress = min(1.0, max(0.0, progress))
        if abs(progress - self._progress) >= 0.001:
            self._progress = progress
            self.update()

    def diameter(self) -> float:
        return float(min(self.width(), self.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.resized.emit()  # the countdown inside is sized to the ring

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, 200)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(80, 80)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        size = self.diameter()
        pen_width = max(6.0, size * 0.055)
        square = QRectF(
            (self.width() - size) / 2 + pen_width / 2,
            (self.height() - size) / 2 + pen_width / 2,
            size - pen_width,
            size - pen_width,
        )
        colour = QColor(self.colours.text)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QColor(colour)
        track.setAlphaF(0.25)
        pen = QPen(track, pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(square)
        if self._progress > 0:
            pen.setColor(colour)
            painter.setPen(pen)
            # Qt's angles: sixteenths of a degree, counter-clockwise from three o'clock.
            painter.drawArc(square, 90 * 16, -round(self._progress * 360 * 16))
        painter.end()


class SetDots(QWidget):
    """One dot a set: done and current sets filled, the ones to come as rings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setDots")
        self.setAccessibleName("Sets")
        self._current = 0
        self._count = 0
        self.colours = phase_look(Phase.PREPARE)

    def show_sets(self, current: int, count: int) -> None:
        if (current, count) != (self._current, self._count):
            self._current, self._count = current, count
            self.setAccessibleDescription(f"Set {current} of {count}" if count else "")
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self._count < 2:
            return
        colour = QColor(self.colours.text)
        size = min(float(self.height()) * 0.7, self.width() / (self._count * 1.6))
        gap = size * 0.6
        total = self._count * size + (self._count - 1) * gap
        x = (self.width() - total) / 2
        y = (self.height() - size) / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number in range(1, self._count + 1):
            pen = QPen(colour, max(2.0, size * 0.14))
            painter.setPen(pen)
            painter.setBrush(colour if number <= self._current else Qt.BrushStyle.NoBrush)
            inset = pen.widthF() / 2
            painter.drawEllipse(QRectF(x + inset, y + inset, size - 2 * inset, size - 2 * inset))
            x += size + gap
        painter.end()


class RunButton(QToolButton):
    """A large icon button of the run screen, in its phase's colours (its own class, so the
    stylesheet's button colours leave it to its palette)."""


class PausedOverlay(QWidget):
    """PAUSED over the screen (not its buttons), and how to carry on. Clicks pass through."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pausedOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.colours = phase_look(Phase.PAUSED)
        self.title = QLabel(Phase.PAUSED.caption)
        self.title.setObjectName("pausedTitle")
        self.title.setAccessibleName("Paused")
        self.how = QLabel()
        self.how.setObjectName("pausedHow")
        self.how.setAccessibleName("How to resume")
        self.how.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.how):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setVisible(False)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        veil = QColor(self.colours.background)
        veil.setAlphaF(0.88)
        painter = QPainter(self)
        painter.fillRect(self.rect(), veil)
        painter.end()


class RunScreen(QWidget):
    """Shows a session's snapshot; its buttons only emit what the user asked for."""

    command = Signal(str)
    """'pause', 'back', 'skip', 'done', 'stop', 'mute', 'fullscreen' or 'help'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runScreen")
        # Owned by the screen, so it dies with it (a bare singleShot lambda outlived the label).
        self._flash_end = QTimer(self)
        self._flash_end.setSingleShot(True)
        self._flash_end.setInterval(FLASH_MS)
        self._flash_end.timeout.connect(self._end_flash)
        self._heard_shown = ""
        self._heard_end = QTimer(self)
        self._heard_end.setSingleShot(True)
        self._heard_end.setInterval(HEARD_MS)
        self._heard_end.timeout.connect(self._end_heard)
        self._hide_controls = QTimer(self)
        self._hide_controls.setSingleShot(True)
        self._hide_controls.setInterval(CONTROLS_HIDE_MS)
        self._hide_controls.timeout.connect(self._controls_idle)
        self.phase_label = self._label("phaseLabel", "Phase")
        self.status_label = self._label("sessionStatus", "Session progress and time left")
        self.mute_label = self._label("muteLabel", "Mute state")
        self.side_label = self._label("sideLabel", "Side")
        self.set_label = self._label("setLabel", "Set")
        self.exercise_label = self._label("exerciseLabel", "Exercise")
        self.countdown_label = self._label("countdownLabel", "Seconds or rep")
        self.tempo_label = self._label("tempoLabel", "Rep and tempo phase")
        self.caption_label = self._label("captionLabel", "Current cue")
        self.next_label = self._label("nextLabel", "Next step")
        self.guidance_label = self._label("guidanceLabel", "Caution and notes for this exercise")
        self.guidance_label.setTextFormat(Qt.TextFormat.RichText)
        self.guidance_label.setVisible(False)
        self.progress = ProgressRing()
        self.progress.resized.connect(self._fit_countdown)
        self.set_dots = SetDots()
        self.figure = FigureView()
        """The exercise's figure, moving in step with the session (holds, reps, tempo)."""
        self.figure.setObjectName("exerciseFigure")
        self.figure.setAccessibleName("Exercise figure")
        self._step: Step | None = None
        self.controls = QWidget()
        self.controls.setObjectName("runControls")
        self.buttons: dict[str, RunButton] = {}
        self.overlay = PausedOverlay(self)
        self._plan_length = 0
        self._look: PhaseLook | None = None
        self._phase = Phase.PREPARE
        self._paused = False
        self._resume_keys = f"Press {key_names(_pause_keys())}"
        self._build_layout()
        self._follow_the_mouse()
        self.apply_theme()

    # -- building --------------------------------------------------------------------------

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Long texts wrap, and nothing the screen shows may widen the window.
        label.setWordWrap(name != "countdownLabel")
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if name in BOLD:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.phase_label, 4)
        top.addWidget(self.side_label, 3)
        top.addWidget(self.status_label, 4)

        ring_inside = QVBoxLayout(self.progress)
        ring_inside.addStretch(3)
        ring_inside.addWidget(self.countdown_label)
        ring_inside.addWidget(self.tempo_label)
        ring_inside.addStretch(2)
        self.countdown_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

        info = QVBoxLayout()
        info.addStretch(1)
        info.addWidget(self.exercise_label)
        info.addWidget(self.set_label)
        info.addWidget(self.set_dots)
        info.addWidget(self.mute_label)
        info.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.figure, 2)
        middle.addWidget(self.progress, 3)
        middle.addLayout(info, 2)

        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addStretch(1)
        for cmd in RUN_BUTTONS:
            button = RunButton()
            button.setObjectName(f"{cmd.name}Button")
            button.setText(cmd.label)
            button.setAccessibleName(cmd.does.split(" (")[0].capitalize())
            button.setToolTip(f"{cmd.label}: {cmd.does} ({key_names(cmd.keys)})")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            # Keys belong to the shortcuts: a focused button must never eat Space or Enter.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, n=cmd.name: self.command.emit(n))
            controls.addWidget(button)
            self.buttons[cmd.name] = button
        controls.addStretch(1)
        hidden_keeps_room = self.controls.sizePolicy()
        hidden_keeps_room.setRetainSizeWhenHidden(True)  # the ring does not jump when they go
        self.controls.setSizePolicy(hidden_keeps_room)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACE_XL, theme.SPACE_M, theme.SPACE_XL, theme.SPACE_M)
        layout.setSpacing(theme.SPACE_XS)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.guidance_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.next_label)
        layout.addWidget(self.controls)

    def _follow_the_mouse(self) -> None:
        """Mouse movement anywhere on the screen brings the buttons back."""
        for widget in [self, *self.findChildren(QWidget)]:
            widget.setMouseTracking(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress):
            self.wake_controls()
        return False

    # -- theme -----------------------------------------------------------------------------

    def apply_theme(self) -> None:
        """The theme changed (or the screen was built): phase colours and icons again."""
        self._look = None
        self._apply_look(phase_look(self._phase))

    def _apply_look(self, look: PhaseLook) -> None:
        """The phase's colours, through each text's palette (an application stylesheet
        stops palettes passing from a widget to its children); the background, ring, dots
        and icons are painted in them. A few times a minute: on a new step or a pause."""
        if look == self._look:
            return
        self._look = look
        self.setProperty("phase", self._phase.value)  # for tests and accessibility tools
        palette = QPalette(self.palette())
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
            palette.setColor(role, QColor(look.text))
        palette.setColor(QPalette.ColorRole.Window, QColor(look.background))
        for widget in (*self.findChildren(QLabel), *self.buttons.values()):
            widget.setPalette(palette)
        for painted in (self.progress, self.set_dots, self.overlay):
            painted.colours = look
        self.figure.setPalette(figure_palette(palette, look))
        self._icons(look.text)
        self.update()

    def _icons(self, colour: str) -> None:
        for name, button in self.buttons.items():
            button.setIcon(theme.icon(self._icon_name(name), colour))

    def _icon_name(self, name: str) -> str:
        if name == "pause" and self._paused:
            return "resume"
        if name == "mute" and self.buttons[name].text() == "Unmute":
            return "unmute"
        if name == "fullscreen" and self.window().isFullScreen():
            return "leave_fullscreen"
        return name

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        background = self._look.background if self._look else theme.current().window
        painter.fillRect(self.rect(), QColor(background))
        painter.end()

    # -- showing ---------------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        if step is None:
            return
        paused = snapshot.state == EngineState.PAUSED
        counting_in = snapshot.lead_in_s > 0
        shown_phase = Phase.PREPARE if counting_in else step.phase
        self._phase = Phase.PAUSED if paused else shown_phase
        self._apply_look(phase_look(self._phase))
        paused_in = f"{Phase.PAUSED.caption} · {shown_phase.caption}"
        show_text(self.phase_label, paused_in if paused else shown_phase.caption, "Phase")
        resting = step.kind == StepKind.REST
        show_text(self.side_label, step.side.caption, "Side")
        show_text(self.exercise_label, "" if resting else step.exercise_name, "Exercise")
        set_text = step.set_label if step.set_count > 1 and not resting else ""
        show_text(self.set_label, set_text, "Set")
        self.set_dots.show_sets(step.set_number, step.set_count)  # a rest: the sets done
        big, under = self._figure(step, snapshot)
        self._set_countdown(big, _what_the_figure_is(step, snapshot))
        show_text(self.tempo_label, under, "Rep and tempo phase")
        self.progress.set_progress(0.0 if counting_in else snapshot.step_progress)
        next_text = f"Next: {step.next_title}" if step.next_title else "Last step"
        show_text(self.next_label, next_text, "Next step")
        self._show_guidance(step)
        left = clock_text(snapshot.session_remaining_s)
        status = f"Step {snapshot.step_index + 1} of {self._plan_length} · {left} left"
        show_text(self.status_label, status, "Session")
        # Done is how an open step is meant to end (whether or not it would move on by itself).
        self.buttons["done"].setText("DONE" if step.done_completes else "Done")
        self._show_paused(paused, snapshot.pause_reason)
        if step is not self._step:  # a screen shown mid-session (a test, a restored window)
            self._follow(step)
        self._keep_figure_in_step(snapshot, still=paused or counting_in)

    def _show_paused(self, paused: bool, reason: PauseReason | None) -> None:
        asleep = reason == PauseReason.SUSPEND
        if paused and asleep:
            asleep_text = "Paused: the computer was asleep. Press Space to carry on."
            show_text(self.caption_label, asleep_text, "Current cue")
        why = "The computer was asleep. " if asleep else ""
        self.overlay.how.setText(f"{why}{self._resume_keys} to carry on")
        if paused == self._paused:
            return
        self._paused = paused
        self.buttons["pause"].setText("Resume" if paused else "Pause")
        self._icons(self._look.text if self._look else theme.current().text)
        self.overlay.setVisible(paused)
        self._place_overlay()
        if paused:
            self.wake_controls()

    def set_resume_keys(self, pedal_key: str) -> None:
        """The paused overlay names the keys that carry on, the pedal's among them."""
        pedal = f", the pedal ({pedal_key})" if pedal_key else ""
        self._resume_keys = f"Press {key_names(_pause_keys())}{pedal} or the remote's play key"

    @staticmethod
    def _figure(step: Step, snapshot: Snapshot) -> tuple[str, str]:
        """The big figure inside the ring and the line under it: the count-in, the rep (of
        a rep step, timed by its tempo or by its seconds a rep), or the seconds."""
        if snapshot.lead_in_s > 0:
            return str(math.ceil(snapshot.lead_in_s - 1e-9)), f"then {step.phase.caption.lower()}"
        if step.reps is None or step.kind != StepKind.WORK:
            return _seconds_text(snapshot), ""
        rep, word = _rep_now(step, snapshot.elapsed_s)
        if rep == 0:
            return str(step.reps), "reps · get set"
        return str(rep), f"rep {rep} of {step.reps}{f' · {word}' if word else ''}"

    def _set_countdown(self, text: str, what: str) -> None:
        resized = len(text) != len(self.countdown_label.text())
        show_text(self.countdown_label, text, what)
        if resized:
            self._fit_countdown()

    def _show_guidance(self, step: Step) -> None:
        """An exercise's caution and notes on its get-ready step, to read before starting it
        (the caution is also said once there); hidden for every other step."""
        parts = [f"<b>⚠ {html.escape(step.caution)}</b>"] if step.caution else []
        parts += [html.escape(note) for note in step.notes]
        text = "<br>".join(parts)
        if text != self.guidance_label.text():  # snapshots come often; relayout only on change
            self.guidance_label.setText(text)
            self.guidance_label.setVisible(bool(text))
            self._fit_guidance()

    def _fit_guidance(self) -> None:
        """The caution and notes as large as they fit in their share of the height, so a long
        note never squeezes the ring or runs off the screen."""
        label = self.guidance_label
        height = self._window_height()
        room = height * GUIDANCE_SHARE
        smallest = math.ceil(height * theme.RUN_TEXT_MIN_SHARE)
        document = QTextDocument()
        document.setHtml(label.text())
        document.setTextWidth(max(200, self.width() - 2 * theme.SPACE_XL))
        font = QFont(label.font())
        size = max(smallest, round(height * 0.045))
        while True:
            font.setPixelSize(size)
            document.setDefaultFont(font)
            if size <= smallest or document.size().height() <= room:
                break
            size -= 2
        label.setFont(font)
        label.setMaximumHeight(round(room))

    def prepare(self, plan: Plan) -> None:
        """Before the session's clock starts: its length, and every figure it shows read now,
        so a new exercise's first step never waits for a file and its parsing on the GUI
        thread (about 4 ms a figure, a quarter of the event-loop stall budget)."""
        self._plan_length = len(plan.steps)
        for figure_id in {step.figure_id for step in plan.steps}:
            figure_for(figure_id)

    def show_event(self, event: EngineEvent) -> None:
        """Captions follow the cues. Tempo words are shown by the ring instead, and "Next: …"
        by the next line: the screen says each thing once."""
        if isinstance(event, StepStarted):
            show_text(self.caption_label, "", "Current cue")
            self._follow(event.step)
        elif isinstance(event, CueDue) and event.cue.kind not in (CueKind.TEMPO, CueKind.NEXT):
            show_text(self.caption_label, event.cue.text, "Current cue")

    def _follow(self, step: Step) -> None:
        """The step's figure (the same one through an exercise's steps), moving as the step
        is timed; a new exercise, or the other leg, starts from its start pose."""
        previous, self._step = self._step, step
        if previous is None or previous.figure_id != step.figure_id:
            self.figure.show_exercise(figure_for(step.figure_id), step.side)
        self.figure.setAccessibleName(f"Exercise figure: {step.exercise_name}")
        self.figure.follow_step(step, 0.0, previous)

    def _keep_figure_in_step(self, snapshot: Snapshot, still: bool) -> None:
        """The engine's clock is the truth: the figure is put back on it when it drifts (a
        late timer, a pause), and stands still while paused or counting in."""
        self.figure.set_paused(still)
        if abs(self.figure.elapsed() - snapshot.elapsed_s) > FIGURE_DRIFT_S:
            self.figure.set_elapsed(snapshot.elapsed_s)

    def show_heard(self, caption: str) -> None:
        """A spoken command has acted: its words on the caption line for a few seconds."""
        show_text(self.caption_label, caption, "Current cue")
        self._heard_shown = caption
        self._heard_end.start()

    def _end_heard(self) -> None:
        if self.caption_label.text() == self._heard_shown:  # not yet replaced by a cue
            show_text(self.caption_label, "", "Current cue")

    def flash(self) -> None:
        """A visible beat for a cue that could not be heard (no sound device, no voice)."""
        self.caption_label.setProperty("flash", True)
        theme.restyle(self.caption_label)
        self._flash_end.start()

    def _end_flash(self) -> None:
        self.caption_label.setProperty("flash", False)
        theme.restyle(self.caption_label)

    @property
    def flashing(self) -> bool:
        return bool(self.caption_label.property("flash"))

    def set_muted(self, muted: bool) -> None:
        self.mute_label.setText("Cues muted: captions only" if muted else "")
        self.buttons["mute"].setText("Unmute" if muted else "Mute")
        self._icons(self._look.text if self._look else theme.current().text)

    def full_screen_changed(self) -> None:
        self._icons(self._look.text if self._look else theme.current().text)

    # -- the buttons come and go -------------------------------------------------------------

    def wake_controls(self) -> None:
        """Show the buttons; they go again after CONTROLS_HIDE_MS (not while paused)."""
        self.controls.setVisible(True)
        self._hide_controls.start()

    def _controls_idle(self) -> None:
        if not self._paused and self.isVisible():
            self.controls.setVisible(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.wake_controls()

    # -- sizing: fonts follow the window so everything stays readable from 3 m ---------------

    def _window_height(self) -> int:
        return max(300, self.window().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._apply_sizes()

    def text_size_changed(self) -> None:
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        height = self._window_height()
        for label in self.findChildren(QLabel):
            share = TEXT_SHARES.get(label.objectName())
            if share is not None:
                _scale(label, height * _larger(share), bold=label.objectName() in BOLD)
        _scale(self.overlay.how, height * 0.045)
        _scale(self.overlay.title, height * 0.16, bold=True)
        self.set_dots.setFixedHeight(round(height * 0.04))
        button_font = round(height * _larger(TEXT_SHARES["controls"]))
        icon = round(height * ICON_SHARE)
        for button in self.buttons.values():
            font = QFont(button.font())
            font.setPixelSize(button_font)
            button.setFont(font)
            button.setIconSize(QSize(icon, icon))
        self._fit_guidance()
        self._fit_countdown()
        self._place_overlay()

    def _fit_countdown(self) -> None:
        """As large as COUNTDOWN_SHARE of the window height, unless the ring is too small for
        the text: then as large as fits inside it."""
        label = self.countdown_label
        height = self._window_height()
        ring = self.progress.diameter()
        text = label.text() or "00"
        font = QFont(label.font())
        font.setBold(True)
        size = round(height * COUNTDOWN_SHARE)
        font.setPixelSize(size)
        metrics = QFontMetricsF(font)
        room = ring * 0.8
        width = metrics.horizontalAdvance(text)
        if width > room and ring > 0:
            size = max(round(height * theme.RUN_TEXT_MIN_SHARE), math.floor(size * room / width))
            font.setPixelSize(size)
        label.setFont(font)
        label.setFixedHeight(round(QFontMetricsF(font).height()))

    def _place_overlay(self) -> None:
        self.overlay.setGeometry(0, 0, self.width(), max(0, self.controls.y()))
        self.overlay.raise_()


def _scale(label: QLabel, pixels: float, bold: bool = False) -> None:
    font = QFont(label.font())
    font.setPixelSize(max(10, round(pixels)))
    font.setBold(bold)
    label.setFont(font)


def _pause_keys() -> tuple[str, ...]:
    return next(command.keys for command in COMMANDS if command.name == "pause")


def _seconds_text(snapshot: Snapshot) -> str:
    seconds = snapshot.display_seconds
    return clock_text(seconds) if seconds >= 60 else str(seconds)


def _what_the_figure_is(step: Step, snapshot: Snapshot) -> str:
    """How a screen reader names the big figure."""
    if snapshot.lead_in_s > 0:
        return "Count-in"
    if step.reps is not None and step.kind == StepKind.WORK:
        return "Rep"
    return "Seconds left" if snapshot.remaining_s is not None else "Seconds so far"


def _rep_now(step: Step, elapsed_s: float) -> tuple[int, str]:
    """The rep under way (0 before the first) and, at a tempo, its phase's word. Without a
    tempo, reps are evenly spread over the step (its seconds a rep)."""
    reps = step.reps or 0
    if step.tempo:
        current = None
        for mark in step.tempo:
            if mark.at_s <= elapsed_s:
                current = mark
        if current is None:
            return 0, ""
        return current.rep, TEMPO_WORDS[current.phase]
    if not step.duration_s or not reps:
        return 0, ""
    seconds_a_rep = step.duration_s / reps
    return min(reps, math.floor(elapsed_s / seconds_a_rep + 1e-9) + 1), ""


def _larger(share: float) -> float:
    """A text's share of the height at the text size chosen in Settings."""
    return min(MAX_TEXT_SHARE, share * theme.text_scale())
