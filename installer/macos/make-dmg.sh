#!/usr/bin/env bash
# Make dist/hfs-desktop-<version>-macos-<arch>.dmg from "dist/HFS Desktop.app" (built by
# `pyinstaller installer/hfs-desktop.spec` on macOS): the app and a link to /Applications,
# compressed (UDZO). The app is signed ad hoc only (no Developer ID, not notarised), so
# Gatekeeper asks the user to confirm the first start (right-click, Open).
#   bash installer/macos/make-dmg.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
app="dist/HFS Desktop.app"
[ -d "$app" ] || { echo "make-dmg.sh: no $app (build the spec first)" >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")
arch=$(uname -m)
plutil -lint "$app/Contents/Info.plist"
codesign --force --deep --sign - "$app"
codesign --verify --deep --strict "$app"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="dist/hfs-desktop-$version-macos-$arch.dmg"
rm -f "$dmg"
hdiutil create -volname "HFS Desktop $version" -srcfolder "$stage" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$dmg"
hdiutil verify "$dmg"
echo "make-dmg.sh: $dmg ($(du -k "$dmg" | cut -f1) KB)"
