"""Carries the speech renderer's news from its thread to the GUI thread.

The renderer calls back on its own thread; emitting a signal there queues the call to slots of
QObjects living on the GUI thread, where the audio output and the widgets are.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class VoiceBridge(QObject):
    rendered = Signal(object)
    """A `RenderedPhrase` is ready in the cache."""
    status_changed = Signal(object)
    """The renderer's `RendererStatus` changed."""
