"""One verdict on a template: valid by the schema and compilable into a session.

`hamtimer validate`, the template loader, import and the editor all ask here, so they find the
same problems and report them in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamtimer.core.plan import PlanTooLongError, compile_plan, estimate_speech_s
from hamtimer.core.validation import Problem, TemplateError, parse_template, validate_document

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.core.plan import Plan, SpeechLength


@dataclass(frozen=True, slots=True)
class TemplateCheck:
    template: Template | None
    plan: Plan | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def usable(self) -> tuple[Template, Plan]:
        """The template and its plan; `TemplateError` when there were problems."""
        if self.template is None or self.plan is None:
            raise TemplateError(list(self.problems))
        return self.template, self.plan


def check_document(document: Any, speech_length: SpeechLength = estimate_speech_s) -> TemplateCheck:
    """Check a decoded document, such as the editor's draft."""
    try:
        template = validate_document(document)
    except TemplateError as error:
        return TemplateCheck(None, None, tuple(error.problems))
    return check_template(template, speech_length)


def check_bytes(data: bytes, speech_length: SpeechLength = estimate_speech_s) -> TemplateCheck:
    """Check a file's raw bytes: size, encoding and nesting first, then the schema."""
    try:
        template = parse_template(data)
    except TemplateError as error:
        return TemplateCheck(None, None, tuple(error.problems))
    return check_template(template, speech_length)


def check_template(
    template: Template, speech_length: SpeechLength = estimate_speech_s
) -> TemplateCheck:
    try:
        plan = compile_plan(template, speech_length)
    except PlanTooLongError as error:
        return TemplateCheck(template, None, (Problem("$", str(error)),))
    return TemplateCheck(template, plan, ())
