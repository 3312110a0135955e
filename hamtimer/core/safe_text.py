"""User text shown on a terminal: control characters escaped, never obeyed.

A session name holding ESC[2J cleared the screen when `history`, `show` or `run` printed it;
a lone surrogate made printing it fail. Line breaks and tabs are kept: the app's own output
uses them, and they cannot move the cursor anywhere a reader would not expect.
"""

from __future__ import annotations

_KEPT = {ord("\n"), ord("\t")}
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
"""Bidirectional overrides: they reorder what follows them on the line."""

_ESCAPES: dict[int, str] = {
    code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code not in _KEPT
}
_ESCAPES.update({code: f"\\u{code:04x}" for code in [*_BIDI, *range(0xD800, 0xE000)]})


def printable(text: str) -> str:
    """`text` with control characters, bidi overrides and lone surrogates written as escapes
    (ESC becomes the four characters \\x1b)."""
    return text.translate(_ESCAPES)


CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A spreadsheet cell that is never taken for a formula (OWASP's advice: a leading
    apostrophe), so an imported name like `=HYPERLINK(...)` stays text."""
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text
