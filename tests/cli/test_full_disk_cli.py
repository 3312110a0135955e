"""A really full disk under the real `hamtimer run` (issue 15): a small tmpfs, filled up,
mounted in a mount namespace of its own (`unshare`, from util-linux), so the test needs no
privileges beyond what user namespaces give and leaves no mount behind.

- History on the full disk, the state folder (journals) on another: the session runs to its
  end, `run` exits 3 with one line saying where the session is kept; once there is room,
  `hamtimer history` saves and shows it, completed.
- Everything on the full disk: the session still runs to its end and `run` exits 3 with one
  line saying it could not be saved; no traceback, no hang.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import tiny_document
from tests.support.cli import app_environment

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux's unshare"),
]

SCRIPT = """
set -u
mount -t tmpfs -o size=512k tmpfs "$FULL"
mkdir -p "$FULL/data"
head -c 2000000 /dev/zero > "$FULL/filler" 2>/dev/null  # stops at ENOSPC: the disk is full
hamtimer run "$TINY" --no-keys --silent > "$OUT/run.out" 2> "$OUT/run.err"
echo $? > "$OUT/run.code"
rm "$FULL/filler"  # room again
hamtimer history > "$OUT/history.out" 2> "$OUT/history.err"
echo $? > "$OUT/history.code"
"""


def run_on_a_full_disk(tmp_path: Path, everything_full: bool) -> dict[str, str]:
    home, full, out = tmp_path / "home", tmp_path / "full", tmp_path / "out"
    for folder in (home, full, out):
        folder.mkdir()
    tiny = tmp_path / "tiny.json"
    tiny.write_text(json.dumps(tiny_document(work_s=1)), encoding="utf-8")
    env = app_environment(home)
    env.update(XDG_DATA_HOME=str(full / "data"), FULL=str(full), OUT=str(out), TINY=str(tiny))
    if everything_full:
        env.update(XDG_STATE_HOME=str(full / "state"), XDG_CONFIG_HOME=str(full / "config"))
    hamtimer = f"{shlex.quote(sys.executable)} -m hamtimer"
    script = f'hamtimer() {{ {hamtimer} "$@"; }}\n' + SCRIPT
    done = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {path.name: path.read_text(encoding="utf-8") for path in out.iterdir()}


def test_history_on_a_full_disk_keeps_the_session_and_saves_it_once_there_is_room(
    tmp_path: Path,
) -> None:
    result = run_on_a_full_disk(tmp_path, everything_full=False)

    assert result["run.code"].strip() == "3", result
    assert "Session complete" in result["run.out"]
    assert "Traceback" not in result["run.err"] + result["history.err"]
    [line] = result["run.err"].splitlines()
    assert "no space left on device" in line and "kept in" in line
    assert "saved at the next start" in line
    assert result["history.code"].strip() == "0"
    assert "Tiny session" in result["history.out"] and "completed" in result["history.out"]


def test_everything_on_a_full_disk_still_runs_the_session_and_says_it_is_not_saved(
    tmp_path: Path,
) -> None:
    result = run_on_a_full_disk(tmp_path, everything_full=True)

    assert result["run.code"].strip() == "3", result
    assert "Session complete" in result["run.out"]
    assert "Traceback" not in result["run.err"] + result["history.err"]
    lines = result["run.err"].splitlines()
    assert len(lines) <= 2, lines
    assert "This session could not be saved: no space left on device" in lines[-1]
