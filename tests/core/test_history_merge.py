"""The merge rules for two computers' copies of one session (pure, no files)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hamtimer.core.history_merge import Stamp, Version, deleted, winner

NOON = datetime(2026, 12, 1, 12, tzinfo=UTC)


def version(minutes: float, by: str, text: str = "t") -> Version[str]:
    return Version(Stamp(NOON + timedelta(minutes=minutes), by), text, f"{by}@{minutes}")


def test_the_later_edit_wins_whoever_made_it() -> None:
    assert winner([version(1, "zz"), version(2, "aa")]).item == "aa@2"
    assert winner([version(2, "aa"), version(1, "zz")]).item == "aa@2"  # order does not matter


def test_a_tie_is_broken_the_same_way_on_every_computer() -> None:
    one, other = version(1, "laptop", "x"), version(1, "desktop", "y")
    assert winner([one, other]) == winner([other, one]) == one  # the larger device id
    same_device = [version(1, "pc", "a"), version(1, "pc", "b")]
    assert winner(same_device).text == winner(same_device[::-1]).text == "b"


def test_a_tombstone_deletes_only_what_was_written_before_it() -> None:
    edit = Stamp(NOON, "pc")
    assert not deleted(edit, None)
    assert deleted(edit, Stamp(NOON + timedelta(seconds=1), "other"))
    assert not deleted(edit, Stamp(NOON - timedelta(seconds=1), "other"))  # edited after: back
