"""The environment of a benchmark's child process: the user's config, logs and history out of
reach, everything under one work folder."""

from __future__ import annotations

import os
from pathlib import Path


def private_dirs(workdir: Path) -> dict[str, str]:
    """Environment for a child that must not touch the user's own config, logs or history."""
    return dict(
        os.environ,
        HOME=str(workdir),
        XDG_CONFIG_HOME=str(workdir / "config"),
        XDG_DATA_HOME=str(workdir / "data"),
        XDG_STATE_HOME=str(workdir / "state"),
        XDG_CACHE_HOME=str(workdir / "cache"),
    )
