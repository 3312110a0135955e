"""Keep the screen awake while a session runs; let it sleep again on pause, stop and exit.

Linux: org.freedesktop.ScreenSaver Inhibit over D-Bus. Windows: SetThreadExecutionState.
macOS: an IOPM "no display sleep" assertion. Failing to inhibit is logged, never fatal: the
session runs the same, the screen may just dim.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import ctypes

log = logging.getLogger(__name__)

REASON = "A hamstring session is running"


class ScreenAwake(Protocol):
    def inhibit(self) -> None: ...
    def release(self) -> None: ...
    @property
    def active(self) -> bool: ...


class NoScreenAwake:
    """Where nothing can keep the screen on (or in tests)."""

    active = False

    def inhibit(self) -> None:
        return

    def release(self) -> None:
        return


class FreedesktopScreenAwake:
    def __init__(self, app_name: str = "hamtimer") -> None:
        self._app_name = app_name
        self._cookie: int | None = None

    @property
    def active(self) -> bool:
        return self._cookie is not None

    def inhibit(self) -> None:
        if self._cookie is not None:
            return
        reply = self._call("Inhibit", self._app_name, REASON)
        if reply and isinstance(reply[0], int):
            self._cookie = reply[0]
            log.info("screen kept awake (cookie %s)", self._cookie)

    def release(self) -> None:
        if self._cookie is None:
            return
        self._call("UnInhibit", self._cookie)
        log.info("screen may sleep again")
        self._cookie = None

    def _call(self, method: str, *args: object) -> list[object] | None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError as error:
            log.warning("cannot keep the screen awake: QtDBus unavailable (%s)", error)
            return None
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.warning("cannot keep the screen awake: no D-Bus session bus")
            return None
        interface = QDBusInterface(
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver",
            bus,
        )
        if not interface.isValid():
            log.warning("cannot keep the screen awake: no screensaver service on D-Bus")
            return None
        message = interface.call(method, *args)
        if message.type() == QDBusMessage.MessageType.ErrorMessage:
            log.warning("cannot keep the screen awake: %s", message.errorMessage())
            return None
        return list(message.arguments())


class WindowsScreenAwake:
    _CONTINUOUS = 0x80000000
    _SYSTEM_REQUIRED = 0x00000001
    _DISPLAY_REQUIRED = 0x00000002

    def __init__(self) -> None:
        self.active = False

    def inhibit(self) -> None:
        flags = self._CONTINUOUS | self._SYSTEM_REQUIRED | self._DISPLAY_REQUIRED
        self.active = self._set(flags)

    def release(self) -> None:
        if self.active:
            self._set(self._CONTINUOUS)
            self.active = False

    @staticmethod
    def _set(flags: int) -> bool:
        import ctypes

        try:
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            return bool(kernel32.SetThreadExecutionState(flags))
        except (AttributeError, OSError) as error:
            log.warning("cannot keep the screen awake: %s", error)
            return False


class MacScreenAwake:
    def __init__(self) -> None:
        self._assertion: ctypes.c_uint32 | None = None

    @property
    def active(self) -> bool:
        return self._assertion is not None

    def inhibit(self) -> None:
        import ctypes

        if self._assertion is not None:
            return
        try:
            iokit = ctypes.cdll.LoadLibrary("/System/Library/Frameworks/IOKit.framework/IOKit")
            foundation = ctypes.cdll.LoadLibrary(
                "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
            )
            make = foundation.CFStringCreateWithCString
            make.restype = ctypes.c_void_p
            make.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
            kind = make(None, b"PreventUserIdleDisplaySleep", 0x08000100)
            name = make(None, REASON.encode(), 0x08000100)
            assertion = ctypes.c_uint32(0)
            status = iokit.IOPMAssertionCreateWithName(
                ctypes.c_void_p(kind), 255, ctypes.c_void_p(name), ctypes.byref(assertion)
            )
        except (OSError, AttributeError) as error:
            log.warning("cannot keep the screen awake: %s", error)
            return
        if status == 0:
            self._assertion = assertion
        else:
            log.warning("cannot keep the screen awake: IOPM status %s", status)

    def release(self) -> None:
        import ctypes

        if self._assertion is None:
            return
        try:
            iokit = ctypes.cdll.LoadLibrary("/System/Library/Frameworks/IOKit.framework/IOKit")
            iokit.IOPMAssertionRelease(self._assertion)
        except OSError as error:
            log.warning("cannot release the screen-awake assertion: %s", error)
        self._assertion = None


def screen_awake_for_platform(platform: str = sys.platform) -> ScreenAwake:
    if platform.startswith("linux"):
        return FreedesktopScreenAwake()
    if platform == "win32":
        return WindowsScreenAwake()
    if platform == "darwin":
        return MacScreenAwake()
    return NoScreenAwake()
