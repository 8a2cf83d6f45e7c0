"""The decisions behind `hfs-desktop.spec`, as plain functions (no PyInstaller import).

The spec imports this module; the tests import it too and check each platform's branch
(which Qt plugins stay, which libraries come from the system, the executables, the
macOS Info.plist, the Windows version resource) without building anything.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath

APP_NAME = "HFS Desktop"
GUI_NAME = "hfs-desktop"
CLI_NAME = "hfs-kb"
BUNDLE_ID = "org.hfsdesktop.HFSDesktop"
APP_ID = BUNDLE_ID  # the desktop entry, the AppStream id and the macOS bundle id
COPYRIGHT = "Copyright (c) HFS Desktop contributors. MIT licence."
DESCRIPTION = "Offline clinical knowledge browser for hemifacial spasm"

# Qt plugins the app uses, by plugin folder; a folder absent here is dropped entirely.
# None keeps every plugin of that folder.
QT_PLUGINS: dict[str, dict[str, tuple[str, ...] | None]] = {
    # plugin names are file names without "lib" and the extension
    "linux": {
        "platforms": ("qxcb", "qwayland", "qoffscreen"),
        # xdg portal theme (file dialogs, colour scheme); gtk3 would drag in cairo, pango, atk
        "platformthemes": ("qxdgdesktopportal",),
        # compose and ibus, not the virtual keyboard
        "platforminputcontexts": ("composeplatforminputcontextplugin",
                                  "ibusplatforminputcontextplugin"),
        "xcbglintegrations": None,
        "wayland-shell-integration": ("xdg-shell",),
        "wayland-decoration-client": None,
        "wayland-graphics-integration-client": ("qt-plugin-wayland-egl",),
        "imageformats": ("qsvg", "qico", "qjpeg"),
        "iconengines": None,
        "printsupport": None,
        "styles": None,
    },
    "win32": {
        "platforms": ("qwindows", "qoffscreen"),
        "imageformats": ("qsvg", "qico", "qjpeg"),
        "iconengines": None,
        "printsupport": None,
        "styles": None,
    },
    "darwin": {
        "platforms": ("qcocoa", "qoffscreen"),
        "imageformats": ("qsvg", "qico", "qjpeg", "qicns"),
        "iconengines": None,
        "printsupport": None,
        "styles": None,
    },
}

# Libraries a Linux desktop always has (glibc, the GL/EGL dispatch, the X11 and Wayland
# client libraries): never bundled, not even in the self-contained archive. PyInstaller
# already leaves out glibc, GL/EGL, libxcb and the Wayland client libraries.
DESKTOP_BASE = re.compile(
    r"^(libX11(-xcb)?\.so|libXau\.so|libXdmcp\.so|libxcb\.so|libwayland-(client|cursor|egl)\.so"
    r"|libE?(Open)?GLX?(dispatch)?\.so)")

# Where Debian keeps shared libraries: a bundled file from here is "provided by Debian".
SYSTEM_LIB_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def project_version(root: Path) -> str:
    """The version in pyproject.toml."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"0.1.0" -> (0, 1, 0, 0): the four numbers of a Windows version resource."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def platform_key(platform: str) -> str:
    """sys.platform -> the key of QT_PLUGINS."""
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "darwin"
    return "linux"


def _plugin_stem(file_name: str) -> str:
    """"libqxcb.so" / "qwindows.dll" / "libqcocoa.dylib" -> "qxcb" / "qwindows" / "qcocoa"."""
    return file_name.split(".")[0].removeprefix("lib")


def plugin_kept(dest: str, platform: str) -> bool:
    """Whether a collected file stays: False only for Qt plugins the app does not use.

    ``dest`` is the file's path inside the bundle, either slash: Qt's plugins are under
    ``PySide6/Qt/plugins`` (Linux, macOS) or ``PySide6/plugins`` (Windows). Files outside
    the plugin folder are always kept.
    """
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return True
    at = parts.index("plugins")
    if at == 0 or parts[at - 1] not in ("Qt", "PySide6") or len(parts) < at + 3:
        return True
    folder, name = parts[at + 1], parts[at + 2]
    wanted = QT_PLUGINS[platform_key(platform)]
    if folder not in wanted:
        return False
    names = wanted[folder]
    return names is None or _plugin_stem(name) in names


def translation_kept(dest: str) -> bool:
    """Qt's translations are left out (the app's text is English only)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    return not ("Qt" in parts and "translations" in parts)


def is_desktop_base(dest: str) -> bool:
    """A library every Linux desktop has (never bundled)."""
    return bool(DESKTOP_BASE.match(PurePosixPath(dest.replace("\\", "/")).name))


def is_system_library(src: str, platform: str) -> bool:
    """A bundled library that Debian provides (left out of the .deb, kept in the archive).

    libpython is kept in both: the .deb must not depend on one Debian release's Python.
    """
    if platform_key(platform) != "linux" or not src:
        return False
    name = PurePosixPath(src).name
    if name.startswith("libpython"):
        return False
    if "site-packages" in src or "dist-packages" in src or "/lib-dynload/" in src:
        return False
    return src.startswith(SYSTEM_LIB_DIRS)


def executables(platform: str) -> list[dict[str, object]]:
    """The two programs: the GUI (no console on Windows and macOS) and the CLI."""
    key = platform_key(platform)
    return [
        {"name": GUI_NAME, "script": "launch_gui.py", "console": key == "linux",
         "qt": True},
        {"name": CLI_NAME, "script": "launch_cli.py", "console": True, "qt": False},
    ]


def builds_app_bundle(platform: str) -> bool:
    """Only macOS gets a .app (BUNDLE) around the one-folder build."""
    return platform_key(platform) == "darwin"


def info_plist(version: str) -> dict[str, object]:
    """The macOS Info.plist entries, merged by PyInstaller's BUNDLE over its own.

    BUNDLE takes ``console`` from the last program collected (hfs-kb, a console program)
    and then writes ``LSBackgroundOnly=True``: an app with no Dock icon and no menu bar.
    Its defaults are overwritten by these entries (``info_plist_dict.update`` in
    PyInstaller's building/osx.py), so the window's app says so here, and names its
    executable (the GUI, not the CLI next to it in Contents/MacOS).
    """
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleExecutable": GUI_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundlePackageType": "APPL",
        "CFBundleIconFile": "hfs-desktop.icns",
        "LSApplicationCategoryType": "public.app-category.medical",
        "LSMinimumSystemVersion": "12.0",
        "LSBackgroundOnly": False,  # a Dock icon and a menu bar (see above)
        "NSHighResolutionCapable": True,
        "NSSupportsAutomaticGraphicsSwitching": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": COPYRIGHT,
    }


def windows_version_file(version: str, name: str = GUI_NAME) -> str:
    """PyInstaller's version-resource text (VSVersionInfo) for one program's .exe."""
    numbers = version_tuple(version)
    dotted = ".".join(str(n) for n in numbers)
    strings = {
        "CompanyName": "HFS Desktop contributors",
        "FileDescription": DESCRIPTION,
        "FileVersion": dotted,
        "InternalName": name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    items = ",\n            ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
            {items}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def needed_closure(roots: set[str], needed: dict[str, list[str]]) -> set[str]:
    """The libraries (by file name) reachable from ``roots`` through DT_NEEDED entries.

    ``needed`` maps each bundled shared object's file name to what it links against; a
    library no kept binary needs (it came in only for a dropped plugin) is not reached.
    """
    reached: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        todo.extend(n for n in needed.get(name, []) if n not in reached)
    return reached
