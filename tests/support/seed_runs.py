"""Six-word runs of the seed articles, hashed, for the own-words test: hamtimer's text is
checked against them without the articles' text being kept in this repository.

The seed articles (the five sources of the built-in content) live outside the repository.
When one changes, write the file again:

    python -m tests.support.seed_runs /work/shared/seeds > tests/support/seed_runs.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN_WORDS = 6
"""A run of this many words shared with an article counts as copied."""
RUNS_FILE = Path(__file__).with_name("seed_runs.txt")
SEEDS = Path("/work/shared/seeds")
"""Where the articles are on the machines that have them; the check against them is skipped
elsewhere."""


def words(text: str) -> list[str]:
    """Lower-case words; punctuation, hyphens and typographic apostrophes do not count."""
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text.lower().replace("\u2019", "'"))


def runs(text: str) -> Iterator[tuple[str, ...]]:
    found = words(text)
    for start in range(len(found) - RUN_WORDS + 1):
        yield tuple(found[start : start + RUN_WORDS])


def run_hash(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def article_hashes(folder: Path) -> set[str]:
    """Every six-word run of the articles (the `.txt` files) in `folder`, hashed."""
    return {
        run_hash(run)
        for path in sorted(folder.glob("*.txt"))
        for run in runs(path.read_text(encoding="utf-8"))
    }


def stored_hashes() -> set[str]:
    return set(RUNS_FILE.read_text(encoding="ascii").split())


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else SEEDS
    print("\n".join(sorted(article_hashes(folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
