"""Desktop notifications with a Start action: org.freedesktop.Notifications over the D-Bus
session bus, through jeepney (pure Python, no Qt), as screen_awake and mpris do.

`show` sends Notify and keeps the connection open: the notification server sends its
ActionInvoked and NotificationClosed signals to everyone listening, and `wait_for_action`
listens on that connection. No session bus, or no notification server on it (a bare X
server, SSH, a minimal window manager), is `NotificationsUnavailableError`: one log line for the
caller, never a crash.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from hamtimer.services.paths import APP_ID

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CALL_TIMEOUT_S = 5.0
START_ACTION = "start"
ACTIONS = [START_ACTION, "Start", "default", "Start"]
"""A Start button where the server shows buttons; a click on the notification ("default")
starts too, for servers that show none."""


class NotificationsUnavailableError(RuntimeError):
    """No session bus, or no notification server on it; str() says which."""


class DesktopNotifier:
    def __init__(self, app_name: str = "hamtimer", bus_address: str = "SESSION") -> None:
        self._app_name = app_name
        self._bus_address = bus_address
        self._connection: DBusConnection | None = None

    def show(self, summary: str, body: str, icon: str = "") -> int:
        """The notification's id. It stays until clicked or closed (expire timeout 0)."""
        from jeepney import DBusAddress, DBusErrorResponse, MatchRule, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        server = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
        try:
            if self._connection is None:
                self._connection = open_dbus_connection(self._bus_address)
                signals = MatchRule(type="signal", interface=INTERFACE, path=OBJECT_PATH)
                self._connection.send_and_get_reply(
                    message_bus.AddMatch(signals), timeout=CALL_TIMEOUT_S
                )
            hints: dict[str, tuple[str, Any]] = {
                "urgency": ("y", 1),
                "category": ("s", "x-hamtimer.reminder"),
                "desktop-entry": ("s", APP_ID),  # the app's icon and name on the notification
            }
            notify = new_method_call(
                server,
                "Notify",
                "susssasa{sv}i",
                (self._app_name, 0, icon, summary, body, ACTIONS, hints, 0),
            )
            reply = self._connection.send_and_get_reply(notify, timeout=CALL_TIMEOUT_S)
            (notification_id,) = unwrap_msg(reply)
        except KeyError:
            self.close()
            raise NotificationsUnavailableError("no D-Bus session bus") from None
        except DBusErrorResponse as error:
            self.close()
            raise NotificationsUnavailableError(f"no notification service ({error.name})") from None
        except (OSError, TimeoutError, ValueError) as error:
            self.close()
            raise NotificationsUnavailableError(f"the session bus failed: {error}") from None
        return int(notification_id)

    def wait_for_action(self, notification_id: int, timeout_s: float) -> bool:
        """True when the user chose Start; False when the notification was closed, the wait
        timed out or the bus went away."""
        from jeepney import HeaderFields, MessageType

        deadline = time.monotonic() + timeout_s
        while self._connection is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                message = self._connection.receive(timeout=min(left, 60.0))
            except TimeoutError:
                continue
            except (OSError, ValueError) as error:
                log.warning("the session bus went away while waiting: %s", error)
                return False
            header = message.header
            if header.message_type != MessageType.signal or not message.body:
                continue
            if message.body[0] != notification_id:
                continue
            member = header.fields.get(HeaderFields.member)
            if member == "ActionInvoked":
                return message.body[1] in (START_ACTION, "default")
            if member == "NotificationClosed":
                return False
        return False

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
