"""Turn template text into a `Template` or a list of problems a person can act on.

`hamtimer validate`, the template loader and the editor all report problems through
`parse_template`, so they say the same thing in the same words: where (a JSON path such as
`$.exercises[0].hold_s.target`), what is wrong, and what is allowed. The editor names the field
in its own words (`core.problem_words`) and keeps the path for a details line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamtimer.core.json_guard import (
    UnsafeJsonError,
    finite_float,
    refuse_constant,
    refuse_surrogates,
    scan,
)
from hamtimer.core.vocabulary import BLOCK_KEYS, CUE_OUTSIDE_STEP, DUPLICATE_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from hamtimer.core.model import Template

MAX_TEMPLATE_BYTES = 1_000_000
MAX_NESTING = 20
MAX_NUMBER_DIGITS = 20


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    """JSON path of the field, `$` for the whole document."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class TemplateError(ValueError):
    """A template that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def parse_template(data: bytes) -> Template:
    """Validate raw file bytes. Raises `TemplateError` listing every problem found."""
    return validate_document(_decode(data))


def validate_document(document: Any) -> Template:
    """Validate a decoded document (a file's JSON, or the editor's draft)."""
    # Loaded on first use, so the window can show before the schema machinery is paid for.
    from pydantic import ValidationError

    from hamtimer.core.model import Template

    try:
        return Template.model_validate(document)
    except ValidationError as error:
        raise TemplateError([_problem(detail) for detail in error.errors()]) from None


def _decode(data: bytes) -> Any:
    if len(data) > MAX_TEMPLATE_BYTES:
        size = f"{len(data) / 1_000_000:.1f} MB"
        raise TemplateError([Problem("$", f"file is {size}; a template is at most 1 MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start}); save the file as UTF-8"
        raise TemplateError([Problem("$", message)]) from None
    try:
        # Before parsing: a huge integer or deep nesting in one user template must not take
        # the whole library (built-ins too) down with it.
        scan(text, max_depth=MAX_NESTING, max_digits=MAX_NUMBER_DIGITS)
        document = json.loads(
            text,
            object_pairs_hook=_refuse_duplicate_keys,
            parse_constant=refuse_constant,
            parse_float=finite_float,
        )
        refuse_surrogates(document)
    except UnsafeJsonError as error:
        raise TemplateError([Problem("$", str(error))]) from None
    except json.JSONDecodeError as error:
        message = f"JSON syntax error at line {error.lineno}, column {error.colno}: {error.msg}"
        raise TemplateError([Problem("$", message)]) from None
    except RecursionError:
        raise TemplateError([Problem("$", "nested too deeply to be a template")]) from None
    except _DuplicateKeyError as error:
        raise TemplateError([Problem("$", str(error))]) from None
    if _depth(document) > MAX_NESTING:
        raise TemplateError([Problem("$", f"nested more than {MAX_NESTING} levels deep")])
    return document


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(f'the key "{key}" appears twice in one object')
        result[key] = value
    return result


def _depth(node: Any) -> int:
    """Nesting depth, iteratively, so a hostile file cannot exhaust the stack here."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            return deepest
        if isinstance(current, dict):
            stack.extend((value, depth + 1) for value in current.values())
        elif isinstance(current, list):
            stack.extend((value, depth + 1) for value in current)
    return deepest


def json_path(location: tuple[int | str, ...]) -> str:
    """('exercises', 0, 'hold_s') -> '$.exercises[0].hold_s'."""
    path = "$"
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _problem(detail: ErrorDetails) -> Problem:
    location = tuple(detail["loc"])
    if detail["type"] == DUPLICATE_ID:
        location = _second_use(detail["input"], (detail.get("ctx") or {}).get("id")) or location
        return Problem(json_path(location), detail["msg"])
    if detail["type"] == CUE_OUTSIDE_STEP:
        # Found checking the list; it belongs on that cue's seconds, where the editor marks it.
        index = int((detail.get("ctx") or {}).get("index", 0))
        return Problem(json_path((*location, index, "offset_s")), detail["msg"])
    return Problem(json_path(location), _describe(detail))


def _second_use(document: Any, exercise_id: Any) -> tuple[int | str, ...] | None:
    """Where an exercise id is used the second time, so the editor can mark that field."""
    if not isinstance(document, dict):
        return None
    seen = False
    for section in BLOCK_KEYS:
        exercises = document.get(section)
        for index, exercise in enumerate(exercises if isinstance(exercises, list) else []):
            if isinstance(exercise, dict) and exercise.get("id") == exercise_id:
                if seen:
                    return (section, index, "id")
                seen = True
    return None


def _describe(detail: ErrorDetails) -> str:
    """What is wrong and what is allowed, in plain words."""
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    got = _shown(detail["input"])
    allowed = _ALLOWED.get(kind)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field (got {got}); remove it or check its spelling"
    if _is_newer_schema(detail):
        return (
            f"written for schema version {detail['input']} by a newer hamtimer; "
            f"this version reads version {SCHEMA_VERSION}: please update hamtimer"
        )
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if allowed is not None:
        return f"got {got}; must be {allowed.format(**ctx)}"
    return f"got {got}; {detail['msg'][0].lower()}{detail['msg'][1:]}"


def _is_newer_schema(detail: ErrorDetails) -> bool:
    version = detail["input"]
    on_version = detail["loc"] == ("schema_version",) and detail["type"] == "literal_error"
    return on_version and isinstance(version, int) and version > SCHEMA_VERSION


_ALLOWED: dict[str, str] = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text in quotes",
    "bool_type": "true or false",
    "list_type": "a list [...]",
    "dict_type": "an object {{...}}",
    "model_type": "an object {{...}}",
    "model_attributes_type": "an object {{...}}",
    "greater_than": "greater than {gt}",
    "greater_than_equal": "at least {ge}",
    "less_than": "less than {lt}",
    "less_than_equal": "at most {le}",
    "string_too_short": "at least {min_length} character(s) of text",
    "string_too_long": "at most {max_length} characters",
    "too_short": "a list of at least {min_length} item(s)",
    "too_long": "a list of at most {max_length} items",
    "enum": "one of {expected}",
    "literal_error": "{expected}",
    "string_pattern_mismatch": "lowercase letters, digits and dashes (like 'single-leg-bridge')",
}


def _shown(value: Any) -> str:
    """A short rendering of the offending value for messages; never a whole document."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def path_covers(field_path: str, problem_path: str) -> bool:
    """Does a problem at `problem_path` belong on the field edited at `field_path`? A problem
    inside the field (`$.x.hold_s.target` on `$.x.hold_s`) does, and so does one about the
    object holding it (`$.x` on `$.x.name`); a problem about the whole document (`$`) does not."""
    if problem_path == field_path:
        return True
    if problem_path.startswith((field_path + ".", field_path + "[")):
        return True
    return problem_path != "$" and field_path.startswith((problem_path + ".", problem_path + "["))
