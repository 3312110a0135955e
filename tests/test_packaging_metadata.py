"""The packaging files agree with each other and with the code: one version, one app id,
icons rendered from their SVG, a frozen entry point that starts multiprocessing right."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from hamtimer import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.hamtimer.HamTimer"
DESKTOP_FILE = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _load_make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


class _DesktopFileParser(configparser.ConfigParser):
    def optionxform(self, optionstr: str) -> str:
        return optionstr  # desktop entry keys are case-sensitive


def _desktop_entry() -> configparser.SectionProxy:
    parser = _DesktopFileParser(interpolation=None, strict=True)
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_metainfo_newest_release_is_the_package_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    versions = [release.get("version", "") for release in releases]
    assert versions, "the metainfo lists no release"
    assert max(versions, key=_version_key) == __version__
    assert versions[0] == __version__, "releases are listed newest first"


def test_changelog_newest_heading_is_the_package_version() -> None:
    headings = re.findall(
        r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE
    )
    assert headings, "CHANGELOG.md has no version heading"
    assert headings[0] == __version__


def test_one_app_id_everywhere() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("./provides/binary") == "hamtimer"
    assert _load_make_icons().APP_ID == APP_ID
    assert f'APP_ID = "{APP_ID}"' in (PACKAGING / "hamtimer.spec").read_text()
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "hamtimer"


def test_metainfo_has_what_software_centres_need() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("metadata_license") == "CC0-1.0"
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    shots = root.findall("./screenshots/screenshot/image")
    assert shots
    for image in shots:
        name = (image.text or "").rsplit("/", 1)[-1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), f"no screenshot {name}"


def test_project_license_matches_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    license_id = re.search(r'^license = "([^"]+)"', pyproject, re.MULTILINE)
    assert license_id is not None
    assert ET.parse(METAINFO).getroot().findtext("project_license") == license_id.group(1)


def test_desktop_entry_names_the_qt_window_class() -> None:
    """Desktops match the running window to its launcher by WM_CLASS, which Qt takes from
    the executable's name (`hamtimer`)."""
    assert _desktop_entry()["StartupWMClass"] == "hamtimer"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_its_size(size: int) -> None:
    path = _load_make_icons().png_path(size)
    assert path.name == f"{APP_ID}.png"
    assert _png_size(path) == (size, size)


@pytest.mark.parametrize("size", [16, 48, 256])
def test_icon_png_is_rendered_from_the_current_svg(qapp: object, size: int) -> None:
    """A changed SVG needs `make icons`; a few grey levels of slack for other Qt versions.
    (pytest-qt's `qapp`: a bare QGuiApplication made here would be the process's one, and
    every widget test the same worker ran after it would fail.)"""
    from PySide6.QtGui import QImage

    make_icons = _load_make_icons()
    fresh = make_icons.render(size).convertToFormat(QImage.Format.Format_ARGB32)
    committed = QImage(str(make_icons.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
    assert committed.size() == fresh.size()
    worst = max(
        abs(a - b)
        for a, b in zip(bytes(fresh.constBits()), bytes(committed.constBits()), strict=True)
    )
    assert worst <= 8, f"{size} px icon differs from the SVG by {worst}: run `make icons`"


def test_frozen_entry_starts_multiprocessing_before_anything_else() -> None:
    """In the bundle the speech child is the app's own executable: without freeze_support()
    first, the child would run the app again instead of rendering speech."""
    tree = ast.parse((PACKAGING / "hamtimer_entry.py").read_text())
    main_blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)
    ]
    assert len(main_blocks) == 1
    first = main_blocks[0].body[0]
    assert ast.unparse(first) == "multiprocessing.freeze_support()"


def test_spec_takes_the_version_from_the_package() -> None:
    assert "from hamtimer import __version__" in (PACKAGING / "hamtimer.spec").read_text()
