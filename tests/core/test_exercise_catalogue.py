"""The catalogue of built-in exercises the editor adds from."""

from __future__ import annotations

from hamtimer.core.exercise_catalogue import exercise_catalogue, exercise_for_draft
from hamtimer.core.template_check import check_document
from hamtimer.core.template_document import to_document
from tests.builders import document, template


def test_each_exercise_once_by_name_with_its_article_and_numbers() -> None:
    first = template(name="First", source={"title": "Article one"})
    again = template(id="again", name="Again", source={"title": "Article two"})
    entries = exercise_catalogue([first, again])
    assert [entry.name for entry in entries] == ["Bridge hold"]
    entry = entries[0]
    assert entry.template_name == "First"
    assert entry.document["source"] == {"title": "Article one"}
    assert entry.summary == first.all_exercises()[0].amount_label()


def test_search_takes_words_in_any_order_from_name_numbers_and_template() -> None:
    entry = exercise_catalogue([template()])[0]
    assert entry.matches("HOLD bridge")
    assert entry.matches(" ")
    assert entry.matches("test bridge")  # the template's name
    assert not entry.matches("curl")


def test_a_copy_for_a_draft_gets_a_free_id_and_checks_out() -> None:
    entry = exercise_catalogue([template()])[0]
    copied = exercise_for_draft(entry, ["bridge"])
    assert copied["id"] == "bridge-2"
    draft = to_document(template())
    draft["exercises"].append(copied)
    assert check_document(draft).ok
    copied["cues"].clear()
    assert entry.document["cues"] == document()["exercises"][0]["cues"]  # the entry is untouched
