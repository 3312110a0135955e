"""Quick-adjust choices kept per template: written atomically, damaged files kept aside."""

from __future__ import annotations

from pathlib import Path

from hamtimer.core.template_choice import TemplateChoice
from hamtimer.core.vocabulary import Leg
from hamtimer.services.template_choices import TemplateChoices


def test_choices_are_kept_per_template(tmp_path: Path) -> None:
    path = tmp_path / "choices.json"
    choices = TemplateChoices(path)
    assert choices.get("bridge") == TemplateChoice()
    choice = TemplateChoice(first_side=Leg.RIGHT, sets={"hold": 2})
    choices.set("bridge", choice)
    again = TemplateChoices(path)
    assert again.get("bridge") == choice
    assert again.problem is None
    again.set("bridge", TemplateChoice())
    assert TemplateChoices(path).get("bridge") == TemplateChoice()


def test_a_damaged_file_is_kept_aside_and_templates_run_as_written(tmp_path: Path) -> None:
    path = tmp_path / "choices.json"
    path.write_text('{"schema_version": 1, "choices": {"bridge": {"sets": "x"}}}', "utf-8")
    choices = TemplateChoices(path)
    assert choices.get("bridge") == TemplateChoice()
    assert choices.problem is not None and "choices.json.damaged" in choices.problem
    # Stamped now (issue 15): a second damaged file never overwrites the first.
    assert len(list(tmp_path.glob("choices.json.damaged-*"))) == 1
    assert not path.exists()


def test_a_newer_file_is_not_overwritten_silently(tmp_path: Path) -> None:
    path = tmp_path / "choices.json"
    path.write_text('{"schema_version": 2, "choices": {}}', "utf-8")
    choices = TemplateChoices(path)
    assert choices.problem is not None
    [aside] = tmp_path.glob("choices.json.damaged-*")  # stamped (issue 15)
    assert aside.read_text("utf-8").startswith('{"schema_version": 2')
