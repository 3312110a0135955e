"""The guarded reader refuses every hostile file shape with one exception type, quickly."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from hamtimer.services.guarded_file import (
    FileTooLargeError,
    GuardedFileError,
    read_bytes,
    read_json,
)


def test_a_good_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text('{"a": [1, 2.5, "Brücke 😀"], "b": true}', "utf-8")
    assert read_json(path) == {"a": [1, 2.5, "Brücke 😀"], "b": True}


def test_escaped_surrogate_pairs_are_text_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "emoji.json"
    path.write_text('{"name": "\\ud83d\\ude00"}', "utf-8")  # how json.dumps writes 😀
    assert read_json(path) == {"name": "😀"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not valid JSON"),
        ('{"a": [1, 2', "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels deep"),
        ('{"a": ' + "9" * 5000 + "}", "a number longer than 40 digits"),
        ('{"a": NaN}', "holds NaN"),
        ('{"a": -Infinity}', "holds -Infinity"),
        ('{"a": 1e400}', "too large to be real"),
        ('{"a": "\\ud800"}', "lone surrogate"),
        ('{"\\udfff": 1}', "lone surrogate"),
    ],
)
def test_hostile_json_is_refused_with_a_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    with pytest.raises(GuardedFileError, match=reason):
        read_json(path)


def test_digits_and_brackets_inside_strings_are_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "text.json"
    text = "[" * 100 + "9" * 100
    path.write_text(f'{{"notes": "{text}"}}', "utf-8")
    assert read_json(path) == {"notes": text}


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"a": "Brücke"}'.encode("latin-1"))
    with pytest.raises(GuardedFileError, match="not UTF-8"):
        read_json(path)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "fifo.json"
    os.mkfifo(path)
    done = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_json(path)
        except GuardedFileError as error:
            errors.append(error)
        done.set()

    threading.Thread(target=read, daemon=True).start()
    assert done.wait(5), "reading a FIFO hung"
    assert "not a regular file" in str(errors[0])


def test_a_device_is_refused() -> None:
    with pytest.raises(GuardedFileError, match="not a regular file"):
        read_bytes(Path("/dev/zero"))


def test_a_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_json(tmp_path)


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(GuardedFileError, match="symbolic link loop"):
        read_json(loop)


def test_an_absent_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_json(tmp_path / "absent.json")


def test_a_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: costs nothing, and is never read
    with pytest.raises(FileTooLargeError, match="over the 1 MB limit"):
        read_json(path, max_bytes=1_000_000)
