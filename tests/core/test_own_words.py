"""Own words: no text hamtimer shows or says shares a run of six words with a seed article.

Facts and figures carry over from the five source articles; sentences do not. Checked: every
text of every built-in template (names, descriptions, setup lines, cues, notes, cautions, goals,
equipment, the sourcing notes) and of every built-in program, except the article titles they
cite, and the advice text of core/coaching.py. The articles are kept out of the repository:
their six-word runs are stored hashed (tests/support/seed_runs.py).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hamtimer.core.coaching
import hamtimer.core.plan_coaching
import hamtimer.core.scheduling
import hamtimer.services.today
import hamtimer.terminal.plan_text
from hamtimer.core.template_document import to_document
from hamtimer.services.programs import builtin_programs
from hamtimer.services.templates import builtin_templates
from tests.support.seed_runs import (
    SEEDS,
    article_hashes,
    run_hash,
    runs,
    stored_hashes,
    words,
)

TITLES = ("source",)
"""Fields that cite an article by its title: quoting a title is naming the source."""


def _texts(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in TITLES:
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")


def program_texts() -> Iterator[tuple[str, str]]:
    for program in builtin_programs():
        yield from _texts(program.model_dump(mode="json", exclude={"sources"}), program.id)


def template_texts() -> Iterator[tuple[str, str]]:
    for item in builtin_templates():
        yield from _texts(to_document(item.template), item.template.id)


def _docstrings(tree: ast.Module) -> set[int]:
    """Ids of the docstring nodes: they document code for programmers, nobody hears them."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def source_texts(path: Path) -> Iterator[tuple[str, str]]:
    """The string literals of a module, f-strings with each placeholder as a break."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _docstrings(tree)
    parts_of_fstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            pieces = []
            for value in node.values:
                parts_of_fstrings.add(id(value))
                text = value.value if isinstance(value, ast.Constant) else None
                pieces.append(text if isinstance(text, str) else " | ")
            yield f"{path.name}:{node.lineno}", "".join(pieces)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) not in skipped and id(node) not in parts_of_fstrings:
            yield f"{path.name}:{node.lineno}", node.value


def article_titles() -> set[str]:
    """The titles the built-ins cite: quoting a title is naming the source."""
    sources = [item.template.source for item in builtin_templates()] + [
        exercise.source
        for item in builtin_templates()
        for exercise in item.template.all_exercises()
        if exercise.source is not None
    ]
    return {source.title for source in sources}


def coaching_texts() -> Iterator[tuple[str, str]]:
    titles = article_titles()
    for where, text in source_texts(Path(hamtimer.core.coaching.__file__)):
        if text not in titles:
            yield where, text


def shared_runs(texts: Iterator[tuple[str, str]], hashes: set[str]) -> list[str]:
    return [
        f"{where}: {' '.join(run)}"
        for where, text in texts
        for run in runs(text)
        if run_hash(run) in hashes
    ]


def test_builtin_templates_are_in_our_own_words() -> None:
    assert shared_runs(template_texts(), stored_hashes()) == []


def test_builtin_programs_are_in_our_own_words() -> None:
    assert shared_runs(program_texts(), stored_hashes()) == []
    assert any(".description" in where for where, _text in program_texts())


def test_the_plans_words_are_our_own() -> None:
    """What `hamtimer plan` and `today` say: the reasons, the notes, the table's lines."""
    modules = (
        hamtimer.core.scheduling,
        hamtimer.core.plan_coaching,
        hamtimer.services.today,
        hamtimer.terminal.plan_text,
    )
    texts = [text for module in modules for text in source_texts(Path(str(module.__file__)))]
    assert len(texts) > 20
    assert shared_runs(iter(texts), stored_hashes()) == []


def test_coaching_advice_is_in_our_own_words() -> None:
    assert shared_runs(coaching_texts(), stored_hashes()) == []


def test_every_kind_of_template_text_is_checked() -> None:
    """Notes, cautions, setup lines, cues and the sourcing notes are all read."""
    paths = [where for where, _text in template_texts()]
    for field in (".notes", ".caution", ".setup[0]", ".cues[0].text", ".sourcing_note"):
        assert any(field in path for path in paths), field
    assert not any(".source." in path for path in paths)
    assert len(list(coaching_texts())) >= 4


def test_a_copied_run_is_found() -> None:
    hashes = {run_hash(tuple(words("press the heel into the bench now")[:6]))}
    texts = iter([("here", "Then press the heel into the bench now, please.")])
    assert shared_runs(texts, hashes) == ["here: press the heel into the bench"]
    assert len(stored_hashes()) > 1000


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not on this machine")
def test_the_stored_runs_are_the_articles() -> None:
    """Regenerate with `python -m tests.support.seed_runs` when this fails."""
    assert stored_hashes() == article_hashes(SEEDS)
