"""Which numbers are the article's and which hamtimer's own, in the words both the details pane
and `hamtimer show` use."""

from __future__ import annotations

from hamtimer.core.model import Template
from hamtimer.core.sourcing import listed, number_origins, origin_text, other_sources
from tests.builders import document, exercise_template, template


def test_an_exercise_credits_only_what_its_article_gives() -> None:
    hold = exercise_template(sourced_numbers=["hold_s"]).exercises[0]
    assert number_origins(hold) == (["hold time"], ["sets", "rests"])
    assert origin_text(hold) == "hold time from the article; sets and rests ours"


def test_with_nothing_credited_every_number_is_ours() -> None:
    assert origin_text(template().exercises[0]) == "every number ours"


def test_reps_without_a_tempo_have_a_pace_and_one_set_has_no_rests() -> None:
    reps = exercise_template(
        mode="reps",
        hold_s=None,
        reps={"target": 8},
        sides="both",
        sets={"target": 1},
        sourced_numbers=["sets", "reps"],
    ).exercises[0]
    assert origin_text(reps) == "sets and reps from the article; pace ours"


def test_articles_other_than_the_templates_are_listed_with_their_exercises() -> None:
    borrowed = {"title": "Another article"}
    doc = document(
        warmup=[
            {"id": "swing", "name": "Swings", "mode": "timed", "work_s": 30, "source": borrowed},
            {"id": "jog", "name": "Jog", "mode": "timed", "work_s": 30, "source": borrowed},
        ]
    )
    doc["exercises"][0]["source"] = {"title": "A test article"}  # the template's own
    loaded = Template.model_validate(doc)
    assert [(s.title, names) for s, names in other_sources(loaded)] == [
        ("Another article", ["Swings", "Jog"])
    ]


def test_listed_words() -> None:
    assert [listed(["a"]), listed(["a", "b"]), listed(["a", "b", "c"])] == [
        "a",
        "a and b",
        "a, b and c",
    ]
