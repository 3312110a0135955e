"""Shared test set-up. Qt must be told to go offscreen before any QApplication exists:
without a display, Qt would otherwise abort and take pytest down whole."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
