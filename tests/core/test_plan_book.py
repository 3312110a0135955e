"""Each template adjusted once per choice and compiled once per set of phrase lengths."""

from __future__ import annotations

from hamtimer.core.plan import compile_plan
from hamtimer.core.plan_book import PlanBook
from hamtimer.core.template_choice import TemplateChoice
from hamtimer.core.vocabulary import Leg
from tests.builders import template


def test_the_same_template_is_compiled_once() -> None:
    book, bridge = PlanBook(), template()
    first = book.plan(bridge)
    assert book.plan(bridge) is first and book.compiled == 1
    assert first.total_s == compile_plan(bridge).total_s


def test_the_same_choice_gives_the_same_adjusted_template() -> None:
    book, bridge = PlanBook(), template()
    choice = TemplateChoice(first_side=Leg.RIGHT)
    adjusted = book.adjusted(bridge, choice)
    assert adjusted is book.adjusted(bridge, TemplateChoice(first_side=Leg.RIGHT))
    assert adjusted.first_side == Leg.RIGHT
    assert book.adjusted(bridge, TemplateChoice()) is bridge  # no choice, nothing to adjust


def test_new_phrase_lengths_compile_again_with_them() -> None:
    book, bridge = PlanBook(), template()
    estimated = book.plan(bridge)
    book.use_speech_length(lambda _text: 6.0)  # a slow voice: longer lead-ins
    slow = book.plan(bridge)
    assert book.compiled == 2 and slow.total_s > estimated.total_s
    book.lengths_changed()
    assert book.plan(bridge) is not slow and book.compiled == 3
