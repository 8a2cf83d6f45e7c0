"""The frozen `hfs-desktop` (PyInstaller's entry script; the installed one is a wheel script)."""

import sys

from hfs_desktop.gui.app import main

sys.exit(main())
