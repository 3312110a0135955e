"""A cheaper answer to the question PySide6 asks of every module imported after it.

PySide6 replaces `__import__` and, for each module imported after `PySide6.QtCore`, asks
whether its source mentions "PySide6" (to know where its opt-in `__feature__` switches may
apply; PYSIDE-2029). It asks through `inspect.getsource`, which looks the module up among
*all* loaded modules every time: measured here, 8 ms of the window's first frame and about
25 ms before Train's cards could be read, for a yes/no nothing in hamtimer uses (no module
of ours imports `__feature__`). The same question is answered here by reading the file's
bytes. Reported for napari's start-up too (napari/napari#8584).

Only PySide6's private `shibokensupport.feature._mod_uses_pyside` is replaced, and only if it
is there as expected: another PySide version keeps its own, and a module without a source
file still gets PySide6's own answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook this module answers for)

FEATURE_MODULE = "shibokensupport.feature"


def answer_by_reading_files() -> bool:
    """Replace PySide6's check; whether it was there to replace."""
    feature = sys.modules.get(FEATURE_MODULE)
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_files", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(".py"):
            return original(module)
        try:
            return b"PySide6" in Path(file).read_bytes()
        except (OSError, ValueError):  # ValueError: a NUL in the path
            return original(module)

    uses_pyside.reads_files = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
