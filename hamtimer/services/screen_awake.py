"""Keep the screen awake while a session runs; let it sleep again on pause, stop and exit.

Linux: org.freedesktop.ScreenSaver Inhibit over D-Bus (jeepney). Windows: SetThreadExecutionState.
macOS: an IOPM "no display sleep" assertion. Failing to inhibit is logged, never fatal: the
session runs the same, the screen may just dim.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import ctypes

    from jeepney.io.blocking import DBusConnection

log = logging.getLogger(__name__)

REASON = "A hamstring session is running"
DBUS_TIMEOUT_S = 2.0
"""A desktop that does not answer within this is treated as having no screensaver service."""


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
    """org.freedesktop.ScreenSaver over the session bus, through jeepney (pure Python, no Qt),
    so the window and `hamtimer run` both have it. The desktop drops an inhibit when the
    connection that asked for it closes, so the connection stays open until `release`."""

    def __init__(self, app_name: str = "hamtimer", bus_address: str = "SESSION") -> None:
        self._app_name = app_name
        self._bus_address = bus_address
        self._connection: DBusConnection | None = None
        self._cookie: int | None = None
        self._unavailable = False
        """No session bus or no screensaver on it: not asked again (each try costs a round
        trip on the session's timing path, and a log line)."""

    @property
    def active(self) -> bool:
        return self._cookie is not None

    def inhibit(self) -> None:
        if self._cookie is not None or self._unavailable:
            return
        reply = self._call("Inhibit", "ss", (self._app_name, REASON))
        if reply and isinstance(reply[0], int):
            self._cookie = reply[0]
            log.info("screen kept awake (cookie %s)", self._cookie)
        else:
            self._disconnect()

    def release(self) -> None:
        if self._cookie is None:
            return
        self._call("UnInhibit", "u", (self._cookie,))
        log.info("screen may sleep again")
        self._cookie = None
        self._disconnect()

    def _disconnect(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _call(
        self, method: str, signature: str, args: tuple[object, ...]
    ) -> tuple[Any, ...] | None:
        from jeepney import DBusAddress, DBusErrorResponse, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        screensaver = DBusAddress(
            "/org/freedesktop/ScreenSaver",
            bus_name="org.freedesktop.ScreenSaver",
            interface="org.freedesktop.ScreenSaver",
        )
        try:
            if self._connection is None:
                self._connection = open_dbus_connection(self._bus_address)
            reply = self._connection.send_and_get_reply(
                new_method_call(screensaver, method, signature, args), timeout=DBUS_TIMEOUT_S
            )
            return tuple(unwrap_msg(reply))
        except KeyError:
            self._give_up("no D-Bus session bus")
        except DBusErrorResponse as error:
            self._give_up(f"the desktop said {error.name}")
        except (OSError, TimeoutError, RuntimeError, ValueError) as error:
            log.warning("cannot keep the screen awake: %s", error)
        return None

    def _give_up(self, why: str) -> None:
        """An environment without a screensaver service (a bare X server, SSH, CI) is normal:
        an info line, once."""
        log.info("cannot keep the screen awake: %s", why)
        self._unavailable = True


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
