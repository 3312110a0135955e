"""Files written whole get the permissions of a normally saved file (the umask's), or keep
those of the file they replace: exports are not left private (0600) by the temporary file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.services.atomic_file import current_umask, write_atomic
from hamtimer.services.history_export import export_history
from hamtimer.services.user_templates import export_template, export_templates
from tests.builders import template

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umasks_permissions(tmp_path: Path, umask_022: None) -> None:
    assert current_umask() == 0o022
    write_atomic(tmp_path / "new.json", "{}")
    assert mode(tmp_path / "new.json") == 0o644
    os.umask(0o077)
    write_atomic(tmp_path / "private.json", "{}")
    assert mode(tmp_path / "private.json") == 0o600


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text("utf-8") == "new"
    assert mode(target) == 0o640


def test_exported_templates_and_history_are_readable_like_any_saved_file(
    tmp_path: Path, umask_022: None
) -> None:
    export_template(template(), tmp_path / "one.json")
    written = export_templates([template(id="other")], tmp_path / "all")
    export_history([], tmp_path / "history.csv")
    export_history([], tmp_path / "history.json")
    for path in (
        tmp_path / "one.json",
        *written,
        tmp_path / "history.csv",
        tmp_path / "history.json",
    ):
        assert mode(path) == 0o644, path
    assert not list(tmp_path.rglob("*.part"))
