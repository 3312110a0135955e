"""What Train showed, remembered in words, so the next start draws its cards and details
before the templates are read.

Reading the templates loads pydantic and builds the template model (~100 ms on a two-core
laptop), far more than drawing the cards. So the window keeps, when it closes, what Train will
open on next time: every card's facts, the card selected and its details. The next start draws
them at once, reads the templates a frame later and shows those (cards and rows are rebuilt
only where something changed). The words are kept only while the templates, the user's
choices and the last template started are as they were (`services.startup_snapshot`); a
session finished elsewhere since (a synced history) can change the selection a moment later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from hamtimer.ui.train.template_details import DetailsFacts, RowFacts
from hamtimer.ui.train.template_gallery import CardFacts


@dataclass(frozen=True, slots=True)
class TrainSnapshot:
    cards: tuple[CardFacts, ...]
    selected: int
    """The selected card's row."""
    details: DetailsFacts
    """The selected card's details."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def snapshot_from_json(data: Any) -> TrainSnapshot | None:
    """The snapshot `data` holds, or None when it does not hold one (another version wrote
    it, or it was damaged): the start then simply waits for the templates."""
    try:
        cards = tuple(_card(item) for item in data["cards"])
        details = data["details"]
        blocks = tuple(
            (str(heading), tuple(_row(row) for row in rows)) for heading, rows in details["blocks"]
        )
        snapshot = TrainSnapshot(
            cards,
            int(data["selected"]),
            DetailsFacts(
                str(details["template_id"]), str(details["head"]), blocks, str(details["sources"])
            ),
        )
    except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: int(1e400)
        return None
    if not 0 <= snapshot.selected < len(cards):
        return None
    if cards[snapshot.selected].template_id != snapshot.details.template_id:
        return None
    return snapshot


def _card(item: dict[str, Any]) -> CardFacts:
    strings = ("template_id", "name", "duration", "level", "source", "figure_of")
    if not all(isinstance(item[key], str) for key in strings):
        raise TypeError("a card's words are not text")
    figure = item["figure_id"]
    return CardFacts(
        item["template_id"],
        item["name"],
        item["duration"],
        item["level"],
        tuple(str(thing) for thing in item["equipment"]),
        item["source"],
        yours=bool(item["yours"]),
        figure_id=None if figure is None else str(figure),
        figure_of=item["figure_of"],
    )


def _row(item: dict[str, Any]) -> RowFacts:
    figure = item["figure_id"]
    return RowFacts(
        str(item["exercise_id"]),
        str(item["name"]),
        None if figure is None else str(figure),
        str(item["html"]),
    )
