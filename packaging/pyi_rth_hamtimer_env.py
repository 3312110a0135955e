"""PyInstaller runtime hook: system programs started by the frozen app get the user's own
library path, not the bundle's.

On Linux the bootloader points LD_LIBRARY_PATH at the bundle (and keeps the user's value in
LD_LIBRARY_PATH_ORIG). The dynamic loader of this process read it at start-up already, so
restoring it here changes only what children inherit: `paplay`/`aplay` (hamtimer run) and
speech-dispatcher then load the system's libpulse and friends rather than the bundle's copies,
which may be older than the system's. The speech worker is this same executable again, and its
bootloader sets the bundle's path anew.
"""

import os
import sys

if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
