"""One core kept busy by another process: the load every timing figure is measured under."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_core_busy(cores: int = 1) -> Iterator[None]:
    """`cores` busy processes; 2 or more overload a two-core machine (the README's *loaded*
    runs, where other projects' tests took the second core as well)."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(cores)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
