"""The run screen ("mat mode"): readable from 3 m, driven by keys alone.

Every phase has a colour *and* a word, so it works without colour vision. The countdown takes
over a third of the window height; fonts scale with the window.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
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
from hamtimer.core.plan import CueKind, Step
from hamtimer.core.vocabulary import Phase, TempoPhase

FLASH_MS = 300
GUIDANCE_SHARE = 0.28
"""The most of the height a get-ready step's caution and notes take: the countdown keeps the
rest. Long ones are set smaller to fit, down to GUIDANCE_MIN_PX."""
GUIDANCE_MIN_PX = 14


@dataclass(frozen=True, slots=True)
class PhaseLook:
    word: str
    background: str
    text: str


PHASE_COLOURS = {
    Phase.PREPARE: ("#F9A825", "#1A1A1A"),
    Phase.HOLD: ("#C62828", "#FFFFFF"),
    Phase.WORK: ("#C62828", "#FFFFFF"),
    Phase.OPEN: ("#AD1457", "#FFFFFF"),
    Phase.SWITCH: ("#6A1B9A", "#FFFFFF"),
    Phase.REST: ("#1565C0", "#FFFFFF"),
    Phase.PAUSED: ("#455A64", "#FFFFFF"),
}
PHASE_LOOKS = {
    phase: PhaseLook(phase.caption, background, text)
    for phase, (background, text) in PHASE_COLOURS.items()
}

TEMPO_WORDS = {TempoPhase.LOWER: "lower…", TempoPhase.PAUSE: "hold…", TempoPhase.LIFT: "lift"}

BUTTONS = (
    ("pause", "Pause", "Space", "Pause or resume the session (Space)"),
    ("back", "◀ Back", "←", "Restart this step, or go to the previous one (← or B)"),
    ("skip", "Skip ▶", "→", "Skip to the next step (→ or N)"),
    ("done", "Done", "Enter", "Finish this step now (Enter)"),
    ("stop", "Stop", "Esc", "Stop the session (Esc)"),
    ("mute", "Mute", "M", "Mute or unmute cues (M)"),
    ("fullscreen", "Full screen", "F", "Full screen on or off (F or F11)"),
    ("help", "Keys ?", "?", "Show the keyboard shortcuts (?)"),
)


class RunScreen(QWidget):
    """Shows a session's snapshot; its buttons only emit what the user asked for."""

    command = Signal(str)
    """'pause', 'back', 'skip', 'done', 'stop', 'mute', 'fullscreen' or 'help'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runScreen")
        self.setAutoFillBackground(True)
        # Owned by the screen, so it dies with it (a bare singleShot lambda outlived the label).
        self._flash_end = QTimer(self)
        self._flash_end.setSingleShot(True)
        self._flash_end.setInterval(FLASH_MS)
        self._flash_end.timeout.connect(self._end_flash)
        self.phase_label = self._label("phaseLabel", "Phase", bold=True)
        self.status_label = self._label("sessionStatus", "Session progress and time left")
        self.side_label = self._label("sideLabel", "Side", bold=True)
        self.set_label = self._label("setLabel", "Set")
        self.exercise_label = self._label("exerciseLabel", "Exercise")
        self.countdown_label = self._label("countdownLabel", "Seconds", bold=True)
        self.tempo_label = self._label("tempoLabel", "Rep and tempo phase")
        self.caption_label = self._label("captionLabel", "Current cue")
        self.next_label = self._label("nextLabel", "Next step")
        self.mute_label = self._label("muteLabel", "Mute state")
        self.guidance_label = self._label("guidanceLabel", "Caution and notes for this exercise")
        self.guidance_label.setTextFormat(Qt.TextFormat.RichText)
        self.guidance_label.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("stepProgress")
        self.progress.setAccessibleName("Progress through this step")
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 1000)
        self.buttons: dict[str, QPushButton] = {}
        self._plan_length = 0
        self._look: PhaseLook | None = None
        self._build_layout()

    # -- building --------------------------------------------------------------------------

    def _label(self, name: str, accessible: str, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(name in ("captionLabel", "nextLabel", "exerciseLabel", "guidanceLabel"))
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.phase_label, 3)
        top.addWidget(self.status_label, 2)
        middle = QHBoxLayout()
        left_column = QVBoxLayout()
        left_column.addStretch(1)
        left_column.addWidget(self.side_label)
        left_column.addWidget(self.set_label)
        left_column.addWidget(self.exercise_label)
        left_column.addStretch(1)
        middle.addLayout(left_column, 2)
        countdown_column = QVBoxLayout()
        countdown_column.addWidget(self.countdown_label, 5)
        countdown_column.addWidget(self.tempo_label, 1)
        middle.addLayout(countdown_column, 3)
        controls = QHBoxLayout()
        for key, text, shortcut, tip in BUTTONS:
            button = QPushButton(f"{text}  [{shortcut}]")
            button.setObjectName(f"{key}Button")
            button.setAccessibleName(tip.split(" (")[0])
            button.setToolTip(tip)
            # Keys belong to the shortcuts: a focused button must never eat Space or Enter.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _checked=False, k=key: self.command.emit(k))
            controls.addWidget(button)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(middle, 6)
        layout.addWidget(self.guidance_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.caption_label, 1)
        layout.addWidget(self.next_label)
        layout.addWidget(self.mute_label)
        layout.addLayout(controls)
        for label in (self.countdown_label, self.caption_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    # -- showing ---------------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        if step is None:
            return
        paused = snapshot.state == EngineState.PAUSED
        look = PHASE_LOOKS[Phase.PAUSED if paused else step.phase]
        paused_in = f"{Phase.PAUSED.caption} · {step.phase.caption}"
        self.phase_label.setText(paused_in if paused else look.word)
        self._apply_look(look)
        self.side_label.setText(step.side.caption)
        self.set_label.setText(step.set_label if step.set_count > 1 else "")
        self.exercise_label.setText(step.exercise_name)
        self.countdown_label.setText(self._seconds_text(snapshot))
        self.progress.setValue(round(snapshot.step_progress * 1000))
        self.tempo_label.setText(self._tempo_text(step, snapshot.elapsed_s))
        self.next_label.setText(f"Next: {step.next_title}" if step.next_title else "Last step")
        self._show_guidance(step)
        left = clock_text(snapshot.session_remaining_s)
        self.status_label.setText(
            f"Step {snapshot.step_index + 1} of {self._plan_length} · {left} left"
        )
        # Done is how an open step is meant to end (whether or not it would move on by itself).
        self.buttons["done"].setText("DONE  [Enter]" if step.done_completes else "Done  [Enter]")
        self.buttons["pause"].setText("Resume  [Space]" if paused else "Pause  [Space]")
        if paused and snapshot.pause_reason == PauseReason.SUSPEND:
            self.caption_label.setText("Paused: the computer was asleep. Press Space to carry on.")

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
        note never squeezes the countdown or runs off the screen."""
        label = self.guidance_label
        height = max(300, self.height())
        room = height * GUIDANCE_SHARE
        document = QTextDocument()
        document.setHtml(label.text())
        document.setTextWidth(max(200, self.width() - 40))
        font = QFont(label.font())
        size = max(GUIDANCE_MIN_PX, round(height * 0.04))
        while True:
            font.setPixelSize(size)
            document.setDefaultFont(font)
            if size <= GUIDANCE_MIN_PX or document.size().height() <= room:
                break
            size -= 2
        label.setFont(font)
        label.setMaximumHeight(round(room))

    def set_plan_length(self, steps: int) -> None:
        self._plan_length = steps

    def show_event(self, event: EngineEvent) -> None:
        """Captions follow the cues; tempo words are shown by the tempo line instead."""
        if isinstance(event, StepStarted):
            self.caption_label.setText("")
        elif isinstance(event, CueDue) and event.cue.kind != CueKind.TEMPO:
            self.caption_label.setText(event.cue.text)

    def flash(self) -> None:
        """A visible beat for a cue that could not be heard (no sound device, no voice)."""
        self.caption_label.setStyleSheet("background-color: #FFD54F; color: #000000;")
        self._flash_end.start()

    def _end_flash(self) -> None:
        self.caption_label.setStyleSheet("")

    def set_muted(self, muted: bool) -> None:
        self.mute_label.setText("Cues muted: captions only" if muted else "")
        self.buttons["mute"].setText("Unmute  [M]" if muted else "Mute  [M]")

    @staticmethod
    def _seconds_text(snapshot: Snapshot) -> str:
        seconds = snapshot.display_seconds
        return clock_text(seconds) if seconds >= 60 else str(seconds)

    @staticmethod
    def _tempo_text(step: Step, elapsed_s: float) -> str:
        if step.reps is None:
            return ""
        if not step.tempo:
            return f"{step.reps} reps"
        current = None
        for mark in step.tempo:
            if mark.at_s <= elapsed_s:
                current = mark
        if current is None:
            return f"{step.reps} slow reps"
        return f"Rep {current.rep} of {step.reps} · {TEMPO_WORDS[current.phase]}"

    def _apply_look(self, look: PhaseLook) -> None:
        if look == self._look:
            return
        self._look = look
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(look.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(look.text))
        self.setPalette(palette)

    # -- sizing: fonts follow the window so the countdown stays readable from 3 m -------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        height = max(300, self.height())
        self._scale(self.countdown_label, height * 0.36)
        self._scale(self.phase_label, height * 0.075)
        self._scale(self.side_label, height * 0.11)
        self._scale(self.set_label, height * 0.05)
        self._scale(self.exercise_label, height * 0.04)
        self._scale(self.caption_label, height * 0.05)
        self._scale(self.tempo_label, height * 0.05)
        self._scale(self.next_label, height * 0.03)
        self._fit_guidance()
        self._scale(self.status_label, height * 0.03)
        self._scale(self.mute_label, height * 0.025)

    @staticmethod
    def _scale(label: QLabel, pixels: float) -> None:
        font = QFont(label.font())
        font.setPixelSize(max(10, round(pixels)))
        label.setFont(font)
