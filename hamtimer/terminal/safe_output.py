"""The terminal's output streams, made safe once for every command (issue 15).

`SafeStream` escapes control characters in everything written (core.safe_text), so no user
text, wherever it is printed, can drive the terminal. `quiet_closed_stdout` is for a reader
that went away (`hamtimer show x | head`): further output goes nowhere, quietly.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from hamtimer.core.safe_text import printable


class SafeStream:
    """A text stream that writes through to `inner`, escaped. Only what print(), input()
    and the session runner use is provided; the rest is delegated."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def __getattr__(self, name: str) -> object:  # fileno, isatty, encoding, …
        return getattr(self.inner, name)


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr escaped for the duration (restored after: tests reuse them)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(saved[0])
    sys.stderr = SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def quiet_closed_stdout() -> None:
    """The reader closed the pipe: point stdout at /dev/null, so neither later prints nor
    the interpreter's flush at exit raise BrokenPipeError again (Python's documented advice)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
