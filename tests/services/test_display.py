"""display_problem(): is there a screen for the window, asked before Qt can abort."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.services.display import display_problem


@pytest.fixture
def sockets(tmp_path: Path) -> Path:
    folder = tmp_path / ".X11-unix"
    folder.mkdir()
    return folder


def test_no_display_mentions_xvfb_run(sockets: Path) -> None:
    problem = display_problem({}, "linux", sockets)
    assert problem is not None
    assert "DISPLAY is not set" in problem
    assert "xvfb-run" in problem
    assert "hamtimer run" in problem
    assert "\n" not in problem


def test_empty_display_counts_as_none(sockets: Path) -> None:
    problem = display_problem({"DISPLAY": ""}, "linux", sockets)
    assert problem is not None
    assert "xvfb-run" in problem


@pytest.mark.parametrize("display", [":99", ":99.0", "unix:99"])
def test_display_without_x_server_socket(sockets: Path, display: str) -> None:
    problem = display_problem({"DISPLAY": display}, "linux", sockets)
    assert problem is not None
    assert f"DISPLAY={display}" in problem
    assert "xvfb-run" in problem
    assert "\n" not in problem


@pytest.mark.parametrize("display", [":99", ":99.0", "unix:99"])
def test_display_with_x_server_socket(sockets: Path, display: str) -> None:
    (sockets / "X99").touch()
    assert display_problem({"DISPLAY": display}, "linux", sockets) is None


def test_socket_for_another_display_does_not_count(sockets: Path) -> None:
    (sockets / "X0").touch()
    assert display_problem({"DISPLAY": ":99"}, "linux", sockets) is not None


def test_remote_display_is_trusted(sockets: Path) -> None:
    assert display_problem({"DISPLAY": "localhost:10.0"}, "linux", sockets) is None


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "offscreen:fontengine=freetype"])
def test_headless_qt_platform_needs_no_display(sockets: Path, platform: str) -> None:
    assert display_problem({"QT_QPA_PLATFORM": platform}, "linux", sockets) is None


def test_xcb_platform_still_needs_a_display(sockets: Path) -> None:
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", sockets) is not None


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_non_linux_is_never_a_problem(sockets: Path, platform: str) -> None:
    assert display_problem({}, platform, sockets) is None


def test_wayland_display_is_enough(sockets: Path) -> None:
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", sockets) is None


def test_wayland_with_qt_forced_to_xcb_needs_x(sockets: Path) -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    assert display_problem(env, "linux", sockets) is not None
