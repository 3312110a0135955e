"""Entry point of the frozen app (PyInstaller): the `hamtimer` executable of the bundle.

`multiprocessing.freeze_support()` comes first: speech is rendered in a "spawn" child, which
in a bundle is this same executable started again with multiprocessing's arguments; without
it the child would open a second window instead of rendering phrases.

HAMTIMER_REPORT_FIRST_FRAME=PATH (for `tests/bench/frozen_start.py`) is read by the app itself
(hamtimer.cli), as in the source app: the window writes its first frame's time to PATH.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    from hamtimer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
