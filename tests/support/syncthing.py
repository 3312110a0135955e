"""Real Syncthing instances for the sync tests, on 127.0.0.1 only: each with its own home, GUI
(REST) and sync ports and API key, no global or local discovery, relays, NAT or STUN, no
usage reports, crash reports or upgrades. `syncthing_pair` starts two that share one folder.

Syncthing 1.19 (Debian bookworm): `syncthing generate --home` makes the keys and config.xml,
which is then edited (ElementTree) before `syncthing serve --home … --no-browser` starts.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

FOLDER_ID = "hamtimer-history"
START_S = 30.0

OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "startBrowser": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "stunKeepaliveStartS": "0",
    "reconnectionIntervalS": "1",
    "setLowPriority": "false",
}


def syncthing_path() -> str | None:
    return shutil.which("syncthing")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Syncthing:
    home: Path
    folder: Path
    gui_port: int
    sync_port: int
    api_key: str
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None
    log: BinaryIO | None = None

    # -- set-up ----------------------------------------------------------------------------

    def generate(self) -> None:
        done = subprocess.run(
            ["syncthing", "generate", f"--home={self.home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        said = (done.stdout + done.stderr).splitlines()  # 1.19 logs it on stderr
        line = next(line for line in said if "Device ID:" in line)
        self.device_id = line.split("Device ID:")[1].strip()

    def configure(self, other: Syncthing) -> None:
        """Loopback only, and `folder` shared with `other`."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = _one(root, "gui")
        _one(gui, "address").text = f"127.0.0.1:{self.gui_port}"
        _one(gui, "apikey").text = self.api_key
        options = _one(root, "options")
        _one(options, "listenAddress").text = f"tcp://127.0.0.1:{self.sync_port}"
        for name, value in OPTIONS.items():
            _set(options, name, value)
        peer = ET.SubElement(root, "device", id=other.device_id, name="peer")
        peer.set("compression", "metadata")
        ET.SubElement(peer, "address").text = f"tcp://127.0.0.1:{other.sync_port}"
        root.append(self._folder_element(other))
        tree.write(path)
        (self.folder / ".stfolder").mkdir(parents=True, exist_ok=True)

    def _folder_element(self, other: Syncthing) -> ET.Element:
        folder = ET.Element(
            "folder",
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="3600",
            fsWatcherEnabled="false",  # the tests ask for each scan (below)
            ignorePerms="false",
            autoNormalize="true",
        )
        ET.SubElement(folder, "filesystemType").text = "basic"
        for device in (self.device_id, other.device_id):
            ET.SubElement(folder, "device", id=device)
        ET.SubElement(folder, "minDiskFree", unit="%").text = "0"
        # As the GUI sets it; an element left out of config.xml reads as 0: no conflict copies.
        ET.SubElement(folder, "maxConflicts").text = "10"
        return folder

    def start(self) -> None:
        self.log = log = (self.home / "syncthing.log").open("wb")
        self.process = subprocess.Popen(
            [
                "syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart",
                "--no-upgrade", "--no-default-folder", "--logflags=3",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"HOME": str(self.home), "PATH": "/usr/bin:/bin", "STNOUPGRADE": "1"},
        )  # fmt: skip
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if self.get("/rest/system/ping").get("ping") == "pong":
                    return
            time.sleep(0.2)
        raise RuntimeError(f"syncthing did not start: see {self.home / 'syncthing.log'}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.log is not None:
            self.log.close()

    # -- the REST API ----------------------------------------------------------------------

    def get(self, path: str) -> Any:
        return self._call("GET", path)

    def post(self, path: str) -> Any:
        return self._call("POST", path)

    def _call(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            method=method,
            headers={"X-API-Key": self.api_key},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body.strip() else {}

    def connected_to(self, other: Syncthing) -> bool:
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))

    def scan(self) -> None:
        self.post(f"/rest/db/scan?folder={FOLDER_ID}")

    def pause(self, other: Syncthing) -> None:
        self.post(f"/rest/system/pause?device={other.device_id}")

    def resume(self, other: Syncthing) -> None:
        self.post(f"/rest/system/resume?device={other.device_id}")


def _one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.find(tag)
    assert found is not None, f"config.xml has no <{tag}>"
    return found


def _set(parent: ET.Element, tag: str, value: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = value


@contextlib.contextmanager
def syncthing_pair(
    one_home: Path, one_folder: Path, other_home: Path, other_folder: Path
) -> Iterator[tuple[Syncthing, Syncthing]]:
    """Two Syncthing instances sharing FOLDER_ID (`one_folder` on one, `other_folder` on the
    other), started and connected; stopped on the way out."""
    pair = (
        Syncthing(one_home, one_folder, free_port(), free_port(), secrets.token_hex(16)),
        Syncthing(other_home, other_folder, free_port(), free_port(), secrets.token_hex(16)),
    )
    try:
        for instance in pair:
            instance.generate()
        pair[0].configure(pair[1])
        pair[1].configure(pair[0])
        for instance in pair:
            instance.start()
        wait_until(lambda: pair[0].connected_to(pair[1]) and pair[1].connected_to(pair[0]), 60)
        yield pair
    finally:
        for instance in pair:
            instance.stop()


def wait_until(check: Any, timeout_s: float, pause_s: float = 0.3) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not so after {timeout_s:.0f} s: {check}")
        time.sleep(pause_s)


def folder_tree(folder: Path) -> dict[str, bytes]:
    """Every file a sync would carry (Syncthing's own marker and temp files left out)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".st") for part in path.parts)
        and not path.name.startswith(".syncthing.")
    }  # fmt: skip


def wait_in_sync(one: Syncthing, other: Syncthing, timeout_s: float = 90.0) -> None:
    """Scan both and wait until both folders hold the same files, twice in a row."""
    same_twice = [False]

    def same() -> bool:
        one.scan()
        other.scan()
        now = folder_tree(one.folder) == folder_tree(other.folder)
        settled = now and same_twice[0]
        same_twice[0] = now
        return settled

    wait_until(same, timeout_s, pause_s=1.0)
