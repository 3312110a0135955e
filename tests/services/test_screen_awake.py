"""Keeping the screen awake on Linux: org.freedesktop.ScreenSaver on a real, private session
bus (dbus-daemon), answered by a stand-in screensaver. No Qt: `hamtimer run` has it too."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from hamtimer.services.screen_awake import REASON, FreedesktopScreenAwake
from tests.support.session_bus import (
    SCREENSAVER_COOKIE,
    FakeService,
    private_session_bus,
    screensaver,
)

pytestmark = pytest.mark.e2e  # the real dbus-daemon


@pytest.fixture
def bus() -> Iterator[str]:
    with private_session_bus() as address:
        yield address


def test_inhibit_asks_the_screensaver_and_release_gives_its_cookie_back(bus: str) -> None:
    service = FakeService(bus, "org.freedesktop.ScreenSaver", screensaver)
    awake = FreedesktopScreenAwake(bus_address=bus)
    try:
        awake.inhibit()
        assert awake.active
        awake.inhibit()  # already inhibited: not asked twice
        awake.release()
        assert not awake.active
    finally:
        service.close()
    assert service.calls == [
        ("Inhibit", ("hamtimer", REASON)),
        ("UnInhibit", (SCREENSAVER_COOKIE,)),
    ]


def test_no_screensaver_on_the_bus_is_one_log_line_not_an_error(
    bus: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    awake = FreedesktopScreenAwake(bus_address=bus)
    for _step in range(5):  # every step of a session starts while nothing is inhibited
        awake.inhibit()
    awake.release()
    assert not awake.active
    assert caplog.text.count("cannot keep the screen awake") == 1
    assert "ServiceUnknown" in caplog.text


def test_no_session_bus_at_all_is_a_log_line_not_an_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    awake = FreedesktopScreenAwake()
    awake.inhibit()
    assert not awake.active
    assert "no D-Bus session bus" in caplog.text
