"""One set of words for a plan's steps (run screen, terminal, `show`, the editor's preview):
their phase and side captions, as the vocabulary defines them."""

from __future__ import annotations

from hamtimer.core.plan import compile_plan
from tests.builders import template


def test_phase_and_side_words() -> None:
    plan = compile_plan(template())
    steps = plan.steps[:5]
    assert [step.phase.caption for step in steps] == [
        "GET READY",
        "HOLD",
        "SWITCH SIDES",
        "HOLD",
        "REST",
    ]
    assert [step.side.caption for step in steps] == ["LEFT", "LEFT", "RIGHT", "RIGHT", ""]
