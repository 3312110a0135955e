from __future__ import annotations

from importlib import resources

from hamtimer.core.schema import template_json_schema, template_json_schema_text


def test_shipped_schema_matches_the_model() -> None:
    """Run `make schema` when this fails: editors validate against the shipped file."""
    shipped = resources.files("hamtimer.data").joinpath("template.schema.json").read_text()
    assert shipped == template_json_schema_text()


def test_schema_forbids_unknown_fields_and_names_the_modes() -> None:
    schema = template_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["$defs"]["Mode"]["enum"]) == {"hold", "reps", "timed", "open"}
    assert "exercises" in schema["required"]
