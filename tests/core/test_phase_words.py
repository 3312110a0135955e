"""One set of words for steps: run screen, terminal and the editor's preview."""

from __future__ import annotations

from hamtimer.core.phase_words import phase_word, side_word
from hamtimer.core.plan import compile_plan
from tests.builders import template


def test_phase_and_side_words() -> None:
    plan = compile_plan(template())
    steps = plan.steps[:5]
    assert [phase_word(step) for step in steps] == [
        "GET READY",
        "HOLD",
        "SWITCH SIDES",
        "HOLD",
        "REST",
    ]
    assert [side_word(step) for step in steps] == ["LEFT", "LEFT", "RIGHT", "RIGHT", ""]
