"""PyInstaller runtime hook (Linux): a font configuration when the system has none.

The self-contained archive bundles fontconfig; on a system without /etc/fonts (a minimal
install) it would print "Fontconfig error: Cannot load default config file". Then the
bundle's own fonts.conf is used: the system's font folders, the user's, the app's fonts.
"""

import os
import sys

if (sys.platform.startswith("linux") and "FONTCONFIG_FILE" not in os.environ
        and not os.path.exists("/etc/fonts/fonts.conf")):
    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "fontconfig", "fonts.conf")
    if os.path.exists(bundled):
        os.environ["FONTCONFIG_FILE"] = bundled
