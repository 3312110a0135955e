"""The log file: written where asked, rotated at start once it is large, never fatal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.services.logging_setup import (
    BACKUPS,
    FILE_ONLY,
    MAX_BYTES,
    QT_LOGGER,
    configure_logging,
)


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


def _raise_and_log(extra: dict[str, object] | None = None) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("hamtimer").error("unexpected error", exc_info=True, extra=extra)


def test_without_verbose_stderr_gets_one_line_and_the_file_the_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15, item 6: every unexpected error printed a full traceback on stderr."""
    log_file = tmp_path / "hamtimer.log"
    configure_logging(log_file, verbose=False)
    _raise_and_log()
    assert capsys.readouterr().err == "hamtimer: ERROR hamtimer: unexpected error\n"
    assert "Traceback" in log_file.read_text()


def test_file_only_records_and_qt_warnings_stay_out_of_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "hamtimer.log"
    configure_logging(log_file, verbose=False)
    _raise_and_log(FILE_ONLY)
    logging.getLogger(QT_LOGGER).warning("QFont::setPointSize: Point size <= 0")
    assert capsys.readouterr().err == ""
    assert "Point size" in log_file.read_text()


def test_with_verbose_stderr_gets_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(tmp_path / "hamtimer.log", verbose=True)
    _raise_and_log(FILE_ONLY)
    logging.getLogger(QT_LOGGER).warning("QFont::setPointSize: Point size <= 0")
    err = capsys.readouterr().err
    assert "Traceback" in err and "Point size" in err


def test_a_log_file_that_stops_being_writable_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A disk that fills up while the app runs: /dev/full fails every write with ENOSPC.
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("needs /dev/full (Linux)")
    configure_logging(tmp_path / "hamtimer.log", verbose=False)
    [handler] = [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]
    previous = handler.setStream(full.open("w", encoding="utf-8"))  # type: ignore[arg-type]
    assert previous is not None
    previous.close()
    for number in range(5):
        logging.getLogger("hamtimer.test").info("record %d", number)

    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert "can't be written: No space left on device" in line
