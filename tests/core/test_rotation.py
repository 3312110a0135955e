"""Choose-some templates: N of the main exercises per session, taking turns by the history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hamtimer.core.model import Template
from hamtimer.core.rotation import (
    PastSession,
    current_choice,
    in_turn,
    next_turn,
    past_session,
    session_choice,
)
from hamtimer.core.template_choice import TemplateChoice, apply_choice
from hamtimer.core.vocabulary import Mode, Side
from tests.builders import CHOOSE_FROM, choose_some_template, document
from tests.history_records import small_record

FIVE = CHOOSE_FROM


def choose_some(count: int = 2) -> Template:
    return choose_some_template(count)


def session(number: int, *done: str) -> PastSession:
    return PastSession(f"s{number}", frozenset(done))


def test_with_no_history_the_first_ones_are_taken() -> None:
    assert in_turn(FIVE, 2, []) == ("a", "b")


def test_the_ones_done_longest_ago_come_next_in_template_order() -> None:
    past = [session(2, "c", "d"), session(1, "a", "b")]  # newest first
    assert in_turn(FIVE, 2, past) == ("a", "e")  # e never done, then a (ties: template order)


def test_over_sessions_every_exercise_takes_its_turn() -> None:
    past: list[PastSession] = []
    picks = []
    for number in range(10):
        chosen = in_turn(FIVE, 2, past)
        picks.append(chosen)
        past.insert(0, session(number, *chosen))
    assert picks[:5] == [("a", "b"), ("c", "d"), ("a", "e"), ("b", "c"), ("d", "e")]
    assert picks[5:] == picks[:5]  # and round again
    done = [i for chosen in picks[:5] for i in chosen]
    assert all(done.count(i) == 2 for i in FIVE)  # the same share each


def test_a_template_without_choose_some_runs_everything() -> None:
    plain = Template.model_validate(document())
    assert next_turn(plain, TemplateChoice(), [session(1, "bridge")]) is None
    assert session_choice(plain, TemplateChoice(), []) == TemplateChoice()


def test_the_session_runs_only_the_picks_in_template_order() -> None:
    template = choose_some()
    past = [session(1, "a", "b", "warm")]
    choice = session_choice(template, TemplateChoice(), past)
    assert choice.excluded == {"a", "b", "e"}
    run = apply_choice(template, choice)
    assert [e.id for e in run.all_exercises()] == ["warm", "c", "d"]
    assert run.choose_per_session is None  # what is left runs whole


def test_sessions_that_did_nothing_do_not_use_up_a_turn() -> None:
    turn = next_turn(choose_some(), TemplateChoice(), [session(2), session(1, "a", "b")])
    assert turn is not None
    assert turn.in_turn == ("c", "d")
    assert turn.after == "s1"


def test_a_users_pick_is_for_the_next_session_only() -> None:
    template = choose_some()
    past = [session(1, "a", "b")]
    mine = TemplateChoice(picks=frozenset({"e", "a"}), picks_after="s1")
    turn = next_turn(template, mine, past)
    assert turn is not None and turn.by_user
    assert turn.picked == ("a", "e")
    assert current_choice(template, mine, past) == mine

    later = [session(2, "a", "e"), *past]  # that session was done: the turns carry on
    turn = next_turn(template, mine, later)
    assert turn is not None and not turn.by_user
    assert turn.picked == ("c", "d")
    assert current_choice(template, mine, later) == TemplateChoice()


def test_a_pick_made_before_any_session_lasts_until_the_first() -> None:
    mine = TemplateChoice(picks=frozenset({"d"}))
    turn = next_turn(choose_some(), mine, [])
    assert turn is not None and turn.picked == ("d",)


def test_exercises_left_out_for_good_never_come_round() -> None:
    template = choose_some()
    kept_out = TemplateChoice(excluded=frozenset({"a", "b"}))
    turn = next_turn(template, kept_out, [])
    assert turn is not None and turn.pool == ("c", "d", "e") and turn.picked == ("c", "d")
    everything = TemplateChoice(excluded=frozenset(FIVE))
    turn = next_turn(template, everything, [])
    assert turn is not None and turn.pool == FIVE


def test_a_past_session_counts_the_exercises_with_a_set_done() -> None:
    record = small_record(1)
    skipped = replace(record.legs[1], exercise_id="curl", sets_done=0, mode=Mode.REPS)
    record = replace(record, legs=(record.legs[0], skipped))
    assert past_session(record) == PastSession("session-1", frozenset({"bridge"}))
    assert record.legs[0].side == Side.LEFT


@pytest.mark.parametrize("count", [5, 6])
def test_choose_some_must_leave_something_to_choose_from(count: int) -> None:
    with pytest.raises(ValueError, match="fewer than the 5 main exercises"):
        choose_some(count)
