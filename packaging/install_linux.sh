#!/usr/bin/env bash
# Install the built bundle (dist/hamtimer) for one user, or system-wide, with its launcher,
# AppStream metainfo and icons, so the desktop's app grid shows hamtimer.
#
#   packaging/install_linux.sh                 into ~/.local (no root needed)
#   sudo packaging/install_linux.sh /usr/local system-wide
#   packaging/install_linux.sh --uninstall [PREFIX]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app_id="io.github.hamtimer.HamTimer"
uninstall=0
if [[ "${1:-}" == "--uninstall" ]]; then uninstall=1; shift; fi
prefix="${1:-$HOME/.local}"
prefix="${prefix%/}"

lib_dir="$prefix/lib/hamtimer"
bin_link="$prefix/bin/hamtimer"
desktop="$prefix/share/applications/$app_id.desktop"
metainfo="$prefix/share/metainfo/$app_id.metainfo.xml"
icons="$prefix/share/icons/hicolor"

refresh_caches() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [[ $uninstall -eq 1 ]]; then
    rm -rf "$lib_dir"
    rm -f "$bin_link" "$desktop" "$metainfo" "$icons"/*/apps/"$app_id".png "$icons/scalable/apps/$app_id.svg"
    refresh_caches
    echo "install_linux: removed hamtimer from $prefix"
    exit 0
fi

[[ -x "$root/dist/hamtimer/hamtimer" ]] || { echo "install_linux: no bundle in dist/hamtimer; run \`make package\` first" >&2; exit 2; }

mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$desktop")" "$(dirname "$metainfo")" "$icons/scalable/apps"
rm -rf "$lib_dir"
cp -a "$root/dist/hamtimer" "$lib_dir"
ln -sfn "$lib_dir/hamtimer" "$bin_link"
# The launcher runs the installed executable by its full path: $prefix/bin may not be on the
# PATH a desktop session starts apps with.
sed "s|^Exec=hamtimer|Exec=$lib_dir/hamtimer|" "$root/packaging/linux/$app_id.desktop" >"$desktop"
cp "$root/packaging/linux/$app_id.metainfo.xml" "$metainfo"
for png in "$root"/assets/icons/hicolor/*/apps/"$app_id".png; do
    size_dir="$(basename "$(dirname "$(dirname "$png")")")"
    mkdir -p "$icons/$size_dir/apps"
    cp "$png" "$icons/$size_dir/apps/"
done
cp "$root/assets/icons/hamtimer.svg" "$icons/scalable/apps/$app_id.svg"
refresh_caches
echo "install_linux: installed into $prefix (run: $bin_link; launcher: $desktop)"
