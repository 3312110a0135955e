"""The figure widget: paints at any size in light and dark palettes, and runs its frame timer
only while the figure moves and can be seen (a static hold costs nothing)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from hamtimer.core.figures import Figure
from hamtimer.core.plan import POSITION_TITLE, Step, compile_plan
from hamtimer.core.vocabulary import Side, StepKind
from hamtimer.services.figures import builtin_figures
from hamtimer.ui.widgets.figure_view import FigureView
from tests.builders import exercise_template
from tests.fakes import FakeClock

LIGHT = {"window": "#FAFAFA", "text": "#263238", "accent": "#E65100"}
DARK = {"window": "#202124", "text": "#E8EAED", "accent": "#FFB74D"}


def palette(colours: dict[str, str]) -> QPalette:
    result = QPalette()
    result.setColor(QPalette.ColorRole.Window, QColor(colours["window"]))
    result.setColor(QPalette.ColorRole.WindowText, QColor(colours["text"]))
    result.setColor(QPalette.ColorRole.Accent, QColor(colours["accent"]))
    return result


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def view(qtbot: QtBot, clock: FakeClock) -> FigureView:
    widget = FigureView(clock=clock)
    qtbot.addWidget(widget)
    widget.resize(320, 240)
    return widget


def bridge() -> Figure:
    return builtin_figures()["single-leg-bridge-hold"]


def hold_steps() -> tuple[Step, Step]:
    """A bridge hold's position step and the hold after it."""
    template = exercise_template(position={"text": "Lift your hips", "seconds": 5})
    steps = compile_plan(template).steps
    position = next(step for step in steps if step.title == POSITION_TITLE)
    return position, steps[position.index + 1]


def reps_step() -> Step:
    template = exercise_template(
        mode="reps", hold_s=None, reps={"target": 8}, seconds_per_rep=3.0, sides="each", cues=[]
    )
    return next(step for step in compile_plan(template).steps if step.kind == StepKind.WORK)


def count_colour(image: QImage, colour: QColor) -> int:
    target = colour.rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == target
    )


def painted_colours(view: FigureView, colours: dict[str, str]) -> tuple[int, int]:
    """Pixels of the body's colour and of the working leg's in the widget's picture."""
    image = view.grab().toImage()
    return count_colour(image, QColor(colours["text"])), count_colour(
        image, QColor(colours["accent"])
    )


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_figure_paints_in_both_palettes(view: FigureView, colours: dict[str, str]) -> None:
    view.setPalette(palette(colours))
    for figure in builtin_figures().values():
        view.show_exercise(figure, Side.RIGHT)
        view.still()
        body, working = painted_colours(view, colours)
        assert body > 0 and working > 0, figure.id


@pytest.mark.parametrize("size", [(80, 60), (900, 300), (200, 700)])
def test_a_figure_paints_at_any_size_keeping_its_aspect(
    view: FigureView, size: tuple[int, int]
) -> None:
    view.setPalette(palette(DARK))
    view.resize(*size)
    view.show_exercise(bridge(), Side.LEFT)
    view.still()
    body, working = painted_colours(view, DARK)
    assert body > 0 and working > 0
    image = view.grab().toImage()
    text = QColor(DARK["text"]).rgb()
    xs = [
        x
        for x in range(image.width())
        for y in range(0, image.height(), 3)
        if image.pixel(x, y) == text
    ]
    ys = [
        y
        for y in range(image.height())
        for x in range(0, image.width(), 3)
        if image.pixel(x, y) == text
    ]
    left, bottom, right, top = bridge().bounds
    scale = min(size[0] / (right - left), size[1] / (top - bottom))
    # The body spans less than the figure's box, drawn at one scale in both directions.
    assert max(xs) - min(xs) <= (right - left) * scale + 2
    assert max(ys) - min(ys) <= (top - bottom) * scale + 2


def test_with_no_figure_nothing_is_painted_and_nothing_runs(view: FigureView) -> None:
    view.show_exercise(None)
    position, _hold = hold_steps()
    view.follow_step(position)
    view.show()
    assert view.current_frame() is None
    assert not view.is_animating()
    image = view.grab().toImage()
    assert count_colour(image, view.palette().color(QPalette.ColorRole.WindowText)) == 0


def test_a_static_hold_runs_no_timer(view: FigureView, qtbot: QtBot) -> None:
    position, hold = hold_steps()
    view.show_exercise(bridge(), hold.side)
    view.show()
    qtbot.waitExposed(view)
    view.follow_step(hold, elapsed_s=0.0, previous=position)  # lifted in the position step
    assert not view.is_animating()
    view.follow_step(hold, elapsed_s=12.0)
    assert not view.is_animating()


def test_the_lift_animates_then_the_timer_stops(
    view: FigureView, qtbot: QtBot, clock: FakeClock
) -> None:
    position, _hold = hold_steps()
    view.show_exercise(bridge(), position.side)
    view.show()
    qtbot.waitExposed(view)
    view.follow_step(position)
    assert view.is_animating()
    clock.advance(bridge().lift_s + 0.1)
    qtbot.waitUntil(lambda: not view.is_animating(), timeout=2000)


def test_reps_animate_until_hidden_and_again_when_shown(
    view: FigureView, qtbot: QtBot, clock: FakeClock
) -> None:
    step = reps_step()
    view.show_exercise(builtin_figures()["single-leg-deadlift"], step.side)
    view.show()
    qtbot.waitExposed(view)
    view.follow_step(step)
    assert view.is_animating()
    first = view.current_frame()
    clock.advance(1.5)  # half a rep: the figure has moved
    assert view.current_frame() != first
    view.hide()
    assert not view.is_animating()
    view.show()
    assert view.is_animating()
    view.set_paused(True)
    assert not view.is_animating()
    paused_at = view.elapsed()
    clock.advance(10)
    assert view.elapsed() == paused_at
    view.set_paused(False)
    assert view.is_animating()
    clock.advance(step.duration_s or 0.0)  # the set is over: the figure rests
    qtbot.waitUntil(lambda: not view.is_animating(), timeout=2000)


def test_a_card_s_still_picture_never_animates(view: FigureView) -> None:
    view.show_exercise(builtin_figures()["nordic-curl"])
    view.show()
    view.still("catch")
    assert not view.is_animating()
    view.still("no-such-pose")  # falls back to the held pose
    assert view.current_frame() is not None
    assert not view.is_animating()


def test_the_side_of_the_step_picks_the_working_leg(view: FigureView) -> None:
    step = reps_step()
    view.show_exercise(builtin_figures()["single-leg-deadlift"])
    view.follow_step(step)
    frame = view.current_frame()
    assert frame is not None and frame.mirrored == (step.side == Side.LEFT)


def test_a_figure_slot_reads_its_figure_only_once_it_is_painted(qtbot: QtBot) -> None:
    """Cards and rows are readable first; a room never shown reads nothing."""
    from PySide6.QtCore import QSize

    from hamtimer.ui.widgets.figure_slot import FigureSlot

    figure_id = sorted(builtin_figures())[0]
    shown = FigureSlot(QSize(88, 88), figure_id, "Bridge")
    hidden = FigureSlot(QSize(88, 88), figure_id, "Bridge")
    missing = FigureSlot(QSize(88, 88), "no-such-figure", "Made up")
    for slot in (shown, hidden, missing):
        qtbot.addWidget(slot)
    assert shown.view is None
    shown.show()
    missing.show()
    qtbot.waitUntil(lambda: shown.view is not None)
    view = shown.view
    assert shown.settled and view is not None and view.figure() is not None
    assert not view.is_animating()
    assert view.geometry() == shown.rect()
    qtbot.waitUntil(lambda: missing.accessibleName() == "No figure for Made up")
    assert missing.view is None and missing.settled
    assert hidden.view is None and not hidden.settled
