"""The frozen `hfs-kb` (PyInstaller's entry script; the installed one is a wheel script)."""

import sys

from hfs_desktop.cli import main

sys.exit(main())
