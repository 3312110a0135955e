"""One verdict on a template: valid by the schema and compilable into a session.

`hamtimer validate`, the template loader, import and the editor all ask here, so they find the
same problems and report them in the same words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamtimer.core.plan import CueKind, PlanTooLongError, compile_plan, estimate_speech_s
from hamtimer.core.validation import Problem, TemplateError, parse_template, validate_document

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.core.plan import Plan, SpeechLength


@dataclass(frozen=True, slots=True)
class TemplateCheck:
    template: Template | None
    plan: Plan | None
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    """What runs, but not as written (cues with no room to be said); saving is allowed."""

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
    return TemplateCheck(template, plan, (), dropped_cue_warnings(template, plan))


def dropped_cue_warnings(template: Template, plan: Plan) -> tuple[Problem, ...]:
    """One warning per form cue that some of its steps have no room to say, on that cue."""
    where: dict[str, tuple[str, int]] = {}
    for block, exercises in template.blocks():
        for index, exercise in enumerate(exercises):
            where[exercise.id] = (block.key, index)
    by_id = {exercise.id: exercise for exercise in template.all_exercises()}
    steps_of: Counter[str] = Counter()
    dropped: dict[tuple[str, str], list[str]] = {}
    for step in plan.steps:
        if step.is_exercise:
            steps_of[step.exercise_id] += 1
        for cue in step.dropped:
            if cue.kind == CueKind.FORM:
                dropped.setdefault((step.exercise_id, cue.text), []).append(cue.reason)
    warnings = []
    for (exercise_id, text), reasons in dropped.items():
        section, index = where[exercise_id]
        texts = [cue.text for cue in by_id[exercise_id].cues]
        cue_path = f"[{texts.index(text)}]" if text in texts else ""
        steps = steps_of[exercise_id]
        how_often = "any of the" if len(reasons) >= steps else f"{len(reasons)} of the"
        warnings.append(
            Problem(
                f"$.{section}[{index}].cues{cue_path}",
                f"'{text}' is not said {how_often} {steps} times it runs ({reasons[0]}): a longer"
                " step or another time for it gives it room",
            )
        )
    return tuple(warnings)
