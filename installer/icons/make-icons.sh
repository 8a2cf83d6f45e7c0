#!/usr/bin/env bash
# Regenerate every icon file from resources/icons/hfs-desktop.svg: the PNGs the window uses
# (resources/icons/), the hicolor theme PNGs for Linux, the Windows .ico and the macOS .icns
# (installer/icons/). The results are committed; run this only after editing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) and a Python with Pillow (PYTHON=...).
set -euo pipefail
cd "$(dirname "$0")/../.."
svg=resources/icons/hfs-desktop.svg
out=installer/icons
python=${PYTHON:-python3}
sizes=(16 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
  mkdir -p "$out/hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$out/hicolor/${size}x${size}/apps/hfs-desktop.png"
done
for size in 16 32 48 256; do
  cp "$out/hicolor/${size}x${size}/apps/hfs-desktop.png" "resources/icons/hfs-desktop-$size.png"
done
"$python" - "$out" <<'PY'
import sys
from pathlib import Path

from PIL import Image

out = Path(sys.argv[1])
big = Image.open(out / "hicolor/512x512/apps/hfs-desktop.png").convert("RGBA")
png = {s: Image.open(out / f"hicolor/{s}x{s}/apps/hfs-desktop.png").convert("RGBA")
       for s in (16, 24, 32, 48, 64, 128, 256)}
# .ico: every size Windows asks for (Explorer, taskbar, Start menu, installer)
png[256].save(out / "hfs-desktop.ico", format="ICO",
              sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
              append_images=[png[s] for s in (16, 24, 32, 48, 64, 128)])
# .icns: Pillow writes the 16..512 (and @2x) entries from the largest image
big.save(out / "hfs-desktop.icns", format="ICNS")
PY
echo "icons: written to resources/icons and $out"
