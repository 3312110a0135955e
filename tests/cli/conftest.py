"""The `hamtimer` fixture: the real command, run in a temporary home of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import Hamtimer, hamtimer_in


@pytest.fixture
def hamtimer(tmp_path: Path) -> Hamtimer:
    home = tmp_path / "home"
    home.mkdir()
    return hamtimer_in(home, tmp_path)
