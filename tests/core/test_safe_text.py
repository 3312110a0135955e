"""User text on a terminal and in a spreadsheet: shown, never obeyed (issue 15, item 5)."""

from __future__ import annotations

import pytest

from hamtimer.core.safe_text import csv_cell, printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Nordic curls", "Nordic curls"),
        ("Brücke 😀 · ⚠", "Brücke 😀 · ⚠"),
        ("line\nnext\tcolumn", "line\nnext\tcolumn"),
        ("\x1b[2Jgone", "\\x1b[2Jgone"),
        ("bell\x07", "bell\\x07"),
        ("back\rover", "back\\rover".replace("\\r", "\\x0d")),
        ("c1\x9b2J", "c1\\x9b2J"),
        ("\u202eevil", "\\u202eevil"),
        ("lone \ud800", "lone \\ud800"),
    ],
)
def test_control_characters_are_escaped(text: str, shown: str) -> None:
    assert printable(text) == shown
    printable(text).encode("utf-8")  # always printable as UTF-8


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(start: str) -> None:
    assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_ordinary_cells_are_kept() -> None:
    assert csv_cell("Nordic curls") == "Nordic curls"
    assert csv_cell("2026-11-02T07:30:00+00:00") == "2026-11-02T07:30:00+00:00"
