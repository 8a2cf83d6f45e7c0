"""The .deb's programs on Debian's own Python instead of PyInstaller's bootloader.

`/usr/bin/hfs-desktop` and `/usr/bin/hfs-kb` (installer/linux/launcher.sh) run
``python@PYVER@ -I -S -X utf8 /usr/lib/hfs-desktop/start.py PROGRAM ARGV0 [ARGS...]``:
this file, installed next to the PyInstaller executables, runs what the executable
PROGRAM runs (installer/launch_gui.py, launch_cli.py) from the bundle's module folder,
``_internal`` (the app, its libraries and the data as ``.pyc`` files, extension modules
and files).

``-I -S``: no environment variables, user site or Debian's dist-packages, so nothing
installed on the system can stand in for a bundled library. ``-X utf8``: UTF-8 mode, as
the frozen programs run (the spec's OPTIONS), so hfs-kb's output is UTF-8 whatever the
locale. The bundle's folder goes *after* the interpreter's standard library: the
interpreter then runs with its own standard library, the one Debian updates together
with it (the bundle's copies, made at build time, would be older after a Python security
update); the bundle's copies only fill what the installed Python lacks. Nothing of the
app or its libraries is in the standard library's folders, and Debian's dist-packages is
not on the path, so the bundle's packages are the ones imported.

An interpreter other than the one the bundle was built for (its ``.pyc`` files and
extension modules are for CPython @PYVER@), or one that cannot import the app (a standard
library module missing or broken), hands over to the PyInstaller executable.
A spawned child (multiprocessing's ``spawn``: index builds) runs this file again as
``__mp_main__``, which does nothing: the child gets the parent's ``sys.path`` from
multiprocessing itself.
"""

import sys

BUILT_FOR = "@PYVER@"
BUNDLE = __file__.rpartition("/")[0] or "."
MODULES = (BUNDLE + "/_internal", BUNDLE + "/_internal/python@PYVER@/lib-dynload")
ENTRY_POINTS = {"hfs-desktop": "hfs_desktop.gui.app", "hfs-kb": "hfs_desktop.cli"}


def main():
    program, argv0, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    entry = ENTRY_POINTS[program]
    if (sys.implementation.name != "cpython"
            or "%d.%d" % sys.version_info[:2] != BUILT_FOR):
        _bootloader(program, argv0, args)
    sys.argv = [argv0, *args]
    sys.path.extend(path for path in MODULES if path not in sys.path)
    try:
        module = __import__(entry, fromlist=["main"])
    except ImportError as exc:  # an installed Python that lacks or breaks a module
        sys.stderr.write("%s: Python %s cannot start the app (%s); using the Python inside "
                         "the package\n" % (program, BUILT_FOR, exc))
        _bootloader(program, argv0, args)
    sys.exit(module.main())


def _bootloader(program, argv0, args):
    """Run the PyInstaller executable in this process's place (the same arguments)."""
    import os

    os.execv(BUNDLE + "/" + program, [argv0, *args])


if __name__ == "__main__":
    main()
