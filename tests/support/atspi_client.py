"""A screen-reader client for the accessibility tests: run by the system's python3 (Debian's
python3-pyatspi lives there, not in the virtualenv), on the bus in DBUS_SESSION_BUS_ADDRESS.

`python3 atspi_client.py tree APP`: the application's accessibility tree as JSON, as Orca
reads it (role, name, description, text, value, states), visible objects only.
`python3 atspi_client.py key APP KEYSYM`: press and release a key in the app's window,
through the registry (XTest), as a keyboard user does.
`python3 atspi_client.py events APP SECONDS`: the announcements and name changes the app
sends for SECONDS, as JSON lines.
"""

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

WAIT_S = 20.0


def _app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and (app.name or "").lower() == name:
                return app
        time.sleep(0.2)
    raise SystemExit(f"no application named {name!r} on the accessibility bus")


def _text(node):
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    return text.getText(0, text.characterCount)


def _value(node):
    try:
        return node.queryValue().currentValue
    except NotImplementedError:
        return None


def _node(node):
    states = node.getState()
    if not states.contains(pyatspi.STATE_SHOWING):
        return None
    children = [_node(node.getChildAtIndex(i)) for i in range(node.childCount)]
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "text": _text(node),
        "value": _value(node),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "children": [child for child in children if child is not None],
    }


def tree(name):
    app = _app(name)
    windows = [app.getChildAtIndex(i) for i in range(app.childCount)]
    print(json.dumps([_node(window) for window in windows if window is not None]))


KEYSYMS = {"Return": 0xFF0D, "Tab": 0xFF09, "Escape": 0xFF1B, "Down": 0xFF54, "space": 0x20}
"""X keysyms of the keys the tests press (X11's keysymdef.h)."""


def key(name, keysym_name):
    """Keys go where the pointer is on a display with no window manager (X's PointerRoot
    focus): so the pointer is put on the app's window first, as a desktop would focus it."""
    frame = _app(name).getChildAtIndex(0)
    box = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + 10, "abs")
    pyatspi.Registry.generateKeyboardEvent(KEYSYMS[keysym_name], None, pyatspi.KEY_SYM)


def events(name, seconds):
    app = _app(name)

    def heard(event):
        try:
            if event.host_application != app:
                return
        except Exception:
            return
        detail = event.any_data if isinstance(event.any_data, str) else ""
        print(json.dumps({"type": event.type, "name": event.source.name or "", "data": detail}))
        sys.stdout.flush()

    for kind in ("object:announcement", "object:property-change:accessible-name"):
        pyatspi.Registry.registerEventListener(heard, kind)
    from gi.repository import GLib  # type: ignore[import-not-found]

    GLib.timeout_add(int(float(seconds) * 1000), pyatspi.Registry.stop)
    pyatspi.Registry.start()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"tree": tree, "key": key, "events": events}[command](*args)
