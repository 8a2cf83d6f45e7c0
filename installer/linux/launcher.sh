#!/bin/sh
# /usr/bin/@PROGRAM@ of the .deb (installer/build.sh writes this file for hfs-desktop and
# hfs-kb, @PROGRAM@ and @PYVER@ filled in). It starts the bundle in /usr/lib/hfs-desktop on
# Debian's own python@PYVER@, which runs Python faster than the shared libpython that
# PyInstaller's bootloader must load (benchmarks/RESULTS.md, "Installers"), when that
# interpreter and its standard library are installed (the package recommends them; a
# spawned index build imports multiprocessing before the bundle is on its path). Else, or
# with HFS_DESKTOP_BOOTLOADER set to anything but empty, it runs the PyInstaller executable,
# which needs nothing but the package's dependencies.
python=/usr/bin/python@PYVER@
stdlib=/usr/lib/python@PYVER@
lib=/usr/lib/hfs-desktop
if [ -z "${HFS_DESKTOP_BOOTLOADER:-}" ] && [ -x "$python" ] \
    && [ -f "$stdlib/multiprocessing/spawn.py" ]; then
  exec "$python" -I -S -X utf8 "$lib/start.py" @PROGRAM@ "$0" "$@"
fi
exec "$lib/@PROGRAM@" "$@"
