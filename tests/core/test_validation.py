from __future__ import annotations

import json

import pytest

from hamtimer.core.validation import TemplateError, json_path, parse_template
from tests.builders import document, exercise_document


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        parse_template(data)
    return [str(problem) for problem in caught.value.problems]


def encode(doc: object) -> bytes:
    return json.dumps(doc).encode()


def test_valid_document_parses() -> None:
    assert parse_template(encode(document())).id == "test-bridge"


def test_json_path_formats_indices_and_fields() -> None:
    assert json_path(("exercises", 0, "hold_s", "target")) == "$.exercises[0].hold_s.target"
    assert json_path(()) == "$"


def test_syntax_error_gives_line_and_column() -> None:
    [problem] = problems_of(b'{\n  "id": "x",\n  oops\n}')
    assert "line 3, column 3" in problem


def test_wrong_type_names_path_and_what_is_allowed() -> None:
    [problem] = problems_of(encode(exercise_document(hold_s={"target": "long"})))
    assert problem.startswith("$.exercises[0].hold_s.target:")
    assert 'got "long"' in problem and "a whole number" in problem


def test_out_of_range_says_the_limit() -> None:
    [problem] = problems_of(encode(exercise_document(hold_s={"target": 100_000})))
    assert problem == "$.exercises[0].hold_s.target: got 100000; must be at most 600"


def test_unknown_field_and_missing_field_are_both_reported() -> None:
    doc = document(colour="red")
    del doc["name"]
    found = problems_of(encode(doc))
    assert "$.name: required field is missing" in found
    assert any(p.startswith("$.colour: unknown field") for p in found)


def test_enum_lists_the_choices() -> None:
    [problem] = problems_of(encode(exercise_document(mode="sprint")))
    assert problem.startswith("$.exercises[0].mode:")
    assert "'hold', 'reps', 'timed' or 'open'" in problem


def test_newer_schema_version_says_update() -> None:
    [problem] = problems_of(encode(document(schema_version=2)))
    assert "newer hamtimer" in problem


def test_non_utf8_is_refused() -> None:
    [problem] = problems_of(b'{"name": "\xff\xfe"}')
    assert "not UTF-8" in problem


def test_duplicate_keys_are_refused() -> None:
    [problem] = problems_of(b'{"id": "a", "id": "b"}')
    assert '"id" appears twice' in problem


def test_huge_file_is_refused_before_parsing() -> None:
    [problem] = problems_of(b" " * 1_000_001)
    assert "at most 1 MB" in problem


def test_absurd_nesting_is_refused() -> None:
    [problem] = problems_of(b"[" * 50_000 + b"]" * 50_000)
    assert "nested" in problem


def test_utf8_bom_is_accepted() -> None:
    assert parse_template(b"\xef\xbb\xbf" + encode(document())).name == "Test bridge"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"countdown_s": "5"}, '$.countdown_s: got "5"; must be a whole number'),
        ({"countdown_s": True}, "$.countdown_s: got true; must be a whole number"),
        ({"version": 2.0}, "$.version: got 2.0; must be a whole number"),
        ({"name": "\u200b\u200b\u200b"}, "$.name: "),
        ({"name": "Clear\x1b[2J"}, "$.name: "),
    ],
)
def test_strict_types_and_visible_text(change: dict[str, object], expected: str) -> None:
    """Issue 15: "5" and true were accepted as numbers; a name of zero-width spaces too."""
    found = problems_of(json.dumps(document(**change)).encode())
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize(
    "hostile",
    [
        b'{"schema_version": 1, "id": "x", "version": ' + b"9" * 5000 + b"}",
        b'{"schema_version": 1, "id": "x", "version": 1e400}',
        b'{"schema_version": 1, "id": "x", "version": NaN}',
        b'{"schema_version": 1, "id": "\\ud800"}',
    ],
)
def test_hostile_numbers_and_surrogates_are_one_problem(hostile: bytes) -> None:
    """One 4,300-digit integer in one user template broke every template, built-ins too."""
    [problem] = problems_of(hostile)
    assert problem.startswith("$: ")


def test_a_whole_number_is_still_a_number() -> None:
    data = document()
    data["exercises"][0]["seconds_per_rep"] = 3
    assert parse_template(json.dumps(data).encode()).exercises[0].seconds_per_rep == 3
