"""The log file: written where asked, rotated at start once it is large, never fatal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.services.logging_setup import BACKUPS, MAX_BYTES, configure_logging


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_messages_go_to_the_log_file(tmp_path: Path) -> None:
    log_file = tmp_path / "log" / "hamtimer.log"
    assert configure_logging(log_file, verbose=False) is None
    logging.getLogger("hamtimer.test").info("a session started")
    assert "hamtimer.test: a session started" in log_file.read_text()


def test_a_large_log_is_rotated_at_start_and_the_oldest_dropped(tmp_path: Path) -> None:
    log_file = tmp_path / "hamtimer.log"
    for number in range(1, BACKUPS + 1):
        log_file.with_name(f"hamtimer.log.{number}").write_text(f"backup {number}")
    log_file.write_text("x" * MAX_BYTES)

    configure_logging(log_file, verbose=False)

    assert log_file.with_name("hamtimer.log.1").read_text() == "x" * MAX_BYTES
    assert log_file.with_name(f"hamtimer.log.{BACKUPS}").read_text() == f"backup {BACKUPS - 1}"
    assert not log_file.with_name(f"hamtimer.log.{BACKUPS + 1}").exists()
    assert log_file.stat().st_size == 0


def test_an_unwritable_log_folder_is_one_line_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    warning = configure_logging(blocker / "hamtimer.log", verbose=False)
    assert warning is not None and warning.startswith("hamtimer: cannot write the log file")
