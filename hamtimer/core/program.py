"""The program document: weeks of sessions built from templates, with each week's targets.

A program is data only, like a template: a JSON file validated field by field, so a mistyped
one is refused with a JSON path (`$.weeks[2].sessions[0].targets[0].hold_s`) saying where.
Each week lists its 2-3 sessions in order; each session names a template and the hold and set
targets it runs at that week (laid over the template as a quick-adjust `TemplateChoice`, so
they stay inside the template's own ranges). A week may be marked lighter; a session may be
marked heavy (loaded or eccentric work), which the race taper swaps for the program's light
template (see core.scheduling).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hamtimer.core.history_stats import WEEKLY_TARGET
from hamtimer.core.model import MAX_HOLD_S, MAX_SETS, LongText, ShortText, Slug, Source
from hamtimer.core.template_choice import TemplateChoice

# The template reader's decoding and wording, so a program file's problems read the same.
from hamtimer.core.validation import TemplateError, _decode, _problem

MAX_WEEKS = 26
"""Half a year: longer than any block the seed articles describe."""


class _Strict(BaseModel):
    """Unknown fields are errors, as in templates: a typo must not become a default."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Target(_Strict):
    """One exercise's numbers for a week; a number not given keeps the template's."""

    exercise: Slug
    hold_s: Annotated[int, Field(ge=1, le=MAX_HOLD_S)] | None = None
    sets: Annotated[int, Field(ge=1, le=MAX_SETS)] | None = None


class ProgramSession(_Strict):
    template: Slug
    heavy: bool = Field(
        default=False,
        description="Loaded or eccentric work: not in the last days before a race.",
    )
    targets: list[Target] = Field(default_factory=list, max_length=40)

    def choice(self) -> TemplateChoice:
        """The week's targets as a quick-adjust choice (apply_choice keeps them in range)."""
        return TemplateChoice(
            sets={t.exercise: t.sets for t in self.targets if t.sets is not None},
            hold_s={t.exercise: t.hold_s for t in self.targets if t.hold_s is not None},
        )


class ProgramWeek(_Strict):
    sessions: list[ProgramSession] = Field(min_length=WEEKLY_TARGET[0], max_length=WEEKLY_TARGET[1])
    lighter: bool = Field(default=False, description="An easier week, to recover.")
    note: LongText | None = None


class Program(_Strict):
    schema_version: Literal[1]
    kind: Literal["program"] = Field(description="Tells a program file from a template file.")
    id: Slug
    name: ShortText
    description: LongText | None = None
    sources: list[Source] = Field(min_length=1, max_length=5)
    light_template: Slug = Field(
        description="Runs in place of a heavy session in the last days before a race."
    )
    weeks: list[ProgramWeek] = Field(min_length=1, max_length=MAX_WEEKS)

    @model_validator(mode="after")
    def _light_template_is_not_heavy(self) -> Self:
        heavy = {s.template for week in self.weeks for s in week.sessions if s.heavy}
        if self.light_template in heavy:
            raise ValueError(
                f"light_template '{self.light_template}' is marked heavy in a week;"
                " the taper needs a template that is never heavy"
            )
        return self

    def template_ids(self) -> set[str]:
        return {self.light_template} | {s.template for w in self.weeks for s in w.sessions}


def validate_program(document: Any) -> Program:
    """A decoded program file, or `TemplateError` listing every problem with its JSON path."""
    from pydantic import ValidationError

    try:
        return Program.model_validate(document)
    except ValidationError as error:
        raise TemplateError([_problem(detail) for detail in error.errors()]) from None


def parse_program(data: bytes) -> Program:
    """Raw file bytes (size, UTF-8, JSON syntax and nesting checked as for templates)."""
    return validate_program(_decode(data))


def is_program_document(document: Any) -> bool:
    """A decoded file that says it is a program (templates have no `kind`)."""
    return isinstance(document, dict) and document.get("kind") == "program"
