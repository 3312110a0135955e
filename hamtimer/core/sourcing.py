"""Where a template's content comes from, in words: which article each exercise follows and
which of its numbers that article gives. The details pane and `hamtimer show` both say it
with these words, so a reader can tell the article's numbers from hamtimer's own choices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.core.vocabulary import Sides, SourcedNumber

if TYPE_CHECKING:
    from hamtimer.core.model import Exercise, Source, Template


def source_words(source: Source) -> str:
    return f"{source.title} ({source.publisher})" if source.publisher else source.title


def _numbers(exercise: Exercise) -> list[tuple[SourcedNumber | None, str]]:
    """Every number the exercise has, in the order the details show them; None for the ones
    a template cannot credit to its article (pace and rests: no article here gives them)."""
    found: list[tuple[SourcedNumber | None, str]] = [(SourcedNumber.SETS, "sets")]
    for number in (SourcedNumber.REPS, SourcedNumber.HOLD, SourcedNumber.WORK):
        if getattr(exercise, number.value) is not None:
            found.append((number, number.words))
    if exercise.goal is not None:
        found.append((SourcedNumber.GOAL, SourcedNumber.GOAL.words))
    if exercise.tempo is not None:
        found.append((SourcedNumber.TEMPO, SourcedNumber.TEMPO.words))
    elif exercise.reps is not None:
        found.append((None, "pace"))
    if exercise.sides == Sides.EACH or exercise.sets.target > 1:
        found.append((None, "rests"))
    return found


def number_origins(exercise: Exercise) -> tuple[list[str], list[str]]:
    """The exercise's numbers in words: (those its article gives, hamtimer's own)."""
    numbers = _numbers(exercise)
    article = [words for number, words in numbers if number in exercise.sourced_numbers]
    ours = [words for number, words in numbers if number not in exercise.sourced_numbers]
    return article, ours


def origin_text(exercise: Exercise) -> str:
    """'sets and reps from the article; pace and rests ours'."""
    article, ours = number_origins(exercise)
    if not article:
        return "every number ours"
    parts = [f"{listed(article)} from the article"]
    if ours:
        parts.append(f"{listed(ours)} ours")
    return "; ".join(parts)


def other_sources(template: Template) -> list[tuple[Source, list[str]]]:
    """Articles other than the template's that some exercises follow, each with their names."""
    found: dict[Source, list[str]] = {}
    for exercise in template.all_exercises():
        if exercise.source is not None and exercise.source != template.source:
            found.setdefault(exercise.source, []).append(exercise.name)
    return list(found.items())


def listed(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
