"""Hostile-input checks for JSON text, before and after parsing (pure; no files here).

`json.loads` recurses once per nesting level (RecursionError, not ValueError, on a file
nested 100,000 deep), turns an integer of more than 4,300 digits into a ValueError only
after doing the work, reads `NaN`, `Infinity` and `1e400` as non-finite floats, and accepts
lone surrogate escapes ("\\ud800") that later fail when printed or encoded. `loads_guarded`
refuses all of these up front with one exception type and a one-sentence reason.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_DIGITS = 40

# A JSON string, unrolled so that long strings cost no backtracking.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class UnsafeJsonError(ValueError):
    """The text or file is not something hamtimer will parse; str() is one sentence."""


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (a leading BOM is allowed); surrogates are refused by the codec itself."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnsafeJsonError(f"not UTF-8 text (byte {error.start})") from None


def scan(text: str, *, max_depth: int, max_digits: int) -> None:
    """Refuse deep nesting and long digit runs before the parser sees them."""
    skeleton = _STRING.sub('""', text)
    depth = 0
    for bracket in _BRACKET.finditer(skeleton):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > max_depth:
            raise UnsafeJsonError(f"nested more than {max_depth} levels deep")
    if re.search(rf"\d{{{max_digits + 1},}}", skeleton):
        raise UnsafeJsonError(f"holds a number longer than {max_digits} digits")


def loads_guarded(
    text: str,
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_digits: int = DEFAULT_MAX_DIGITS,
    object_pairs_hook: Any = None,
) -> Any:
    """json.loads, after `scan`, with NaN/Infinity/overflowing floats and lone surrogates
    refused. Raises UnsafeJsonError (a ValueError) for anything refused or malformed."""
    scan(text, max_depth=max_depth, max_digits=max_digits)
    try:
        document = json.loads(
            text,
            parse_constant=refuse_constant,
            parse_float=finite_float,
            object_pairs_hook=object_pairs_hook,
        )
    except json.JSONDecodeError as error:
        raise UnsafeJsonError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:  # the scan should have stopped it; belt and braces
        raise UnsafeJsonError("nested too deeply") from None
    refuse_surrogates(document)
    return document


def refuse_constant(name: str) -> Any:
    raise UnsafeJsonError(f"holds {name}, which is not a number hamtimer accepts")


def finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnsafeJsonError(f"holds the number {text[:20]}, too large to be real")
    return value


def has_surrogate(text: str) -> bool:
    """A lone surrogate ("\\ud800") is a str Python allows and UTF-8 does not."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def refuse_surrogates(document: Any) -> None:
    """Walk iteratively (depth is bounded already, but the walk needs no stack anyway)."""
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            pending.extend(node.keys())
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, str) and has_surrogate(node):
            raise UnsafeJsonError("holds text with a lone surrogate escape (like \\ud800)")
