"""Where hamtimer keeps its files. Resolved once, in app.py; everything else is handed paths."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

APP_NAME = "hamtimer"
APP_ID = "io.github.hamtimer.HamTimer"
"""The desktop id: .desktop file, AppStream metainfo and icon name (packaging/linux)."""
BUILTIN_PACKAGE = "hamtimer.data"
"""The package whose data holds the built-in templates, programs and figures."""


def builtin_folder(kind: str) -> Traversable:
    """Where the built-in `kind` ("templates", "programs") are shipped."""
    from importlib import resources  # 5 ms of imports the window's first frame does without

    return resources.files(BUILTIN_PACKAGE).joinpath(kind)


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    """History and user templates: what the user must never lose."""
    config_dir: Path
    cache_dir: Path
    """Rendered speech; safe to delete."""
    log_dir: Path
    state_dir: Path
    """This computer's own state, never shared: running sessions' journals, the device id and
    the history's index (see services/history)."""
    assets_dir: Path = (
        Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2])) / "assets"
    )
    """Sounds and icons: beside the package in a checkout, inside the bundle when frozen."""

    @classmethod
    def for_user(cls) -> AppPaths:
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            state_dir=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        )

    @property
    def history_dir(self) -> Path:
        """The default history folder (Settings can point it elsewhere, e.g. a synced one)."""
        return self.data_dir / "history"

    @property
    def history_local_dir(self) -> Path:
        """The history's files that belong to this computer alone: never in the synced folder."""
        return self.state_dir / "history"

    @property
    def user_templates_dir(self) -> Path:
        return self.data_dir / "templates"

    @property
    def user_programs_dir(self) -> Path:
        """The user's own program files (`hamtimer plan` reads them beside the built-ins)."""
        return self.data_dir / "programs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "hamtimer.log"

    @property
    def app_icon(self) -> Path:
        return self.assets_dir / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"

    @property
    def sounds_dir(self) -> Path:
        return self.assets_dir / "sounds"

    @property
    def speech_cache_dir(self) -> Path:
        return self.cache_dir / "speech"

    @property
    def playback_copies_dir(self) -> Path:
        """The window's copies of phrases and sounds, each with a silent tail to stop it in."""
        return self.cache_dir / "playback"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def template_choices_file(self) -> Path:
        """Quick-adjust choices per template."""
        return self.config_dir / "template-choices.json"

    @property
    def startup_snapshot_file(self) -> Path:
        """What Train showed, in words, for the next start to draw at once (a cache)."""
        return self.cache_dir / "train-snapshot.json"

    @property
    def plan_file(self) -> Path:
        """The chosen program, its start and the running week (`hamtimer plan`)."""
        return self.config_dir / "plan.json"
