#!/usr/bin/env bash
# Build the one-folder bundle: dist/hamtimer/hamtimer (+ its _internal/ folder).
# `make package` calls this with the project's venv; PYTHON may name another interpreter that
# has hamtimer's dependencies and PyInstaller installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python="${PYTHON:-$root/.venv/bin/python}"
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build_bundle: PyInstaller is not installed for $python; run \`make package\`" \
        "(it installs the dev extras) or \`pip install -e '.[dev]'\`" >&2
    exit 2
fi
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" \
    "$root/packaging/hamtimer.spec"
bundle="$root/dist/hamtimer"
test -x "$bundle/hamtimer" || { echo "build_bundle: no executable at $bundle/hamtimer" >&2; exit 1; }
echo "build_bundle: $bundle ($(du -sm "$bundle" | cut -f1) MB unpacked)"
