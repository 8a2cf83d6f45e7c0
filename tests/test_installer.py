"""The installer files, checked without building anything (the builds run in .ci/installer).

The spec's platform branches run against stand-ins for PyInstaller's classes; the macOS
Info.plist goes through plistlib; the GitHub workflow is validated against its schema
(check-jsonschema's vendored copy, offline); the desktop entry and AppStream file through
their validators when installed; the icons are checked in every size.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "hfs-desktop.spec"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
DESKTOP = INSTALLER / "linux" / "org.hfsdesktop.HFSDesktop.desktop"
METAINFO = INSTALLER / "linux" / "org.hfsdesktop.HFSDesktop.metainfo.xml"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _spec_support() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spec_support", INSTALLER / "spec_support.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _spec_support()


# -- the decisions in spec_support.py -------------------------------------------------------


@pytest.mark.parametrize(("dest", "platform", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", "linux", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", "linux", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", "linux", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", "linux", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", "linux", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", "linux", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "linux", True),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", "linux", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", "linux", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", "linux", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "linux",
     False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "linux", False),
    ("PySide6/Qt/plugins/networkinformation/libqglib.so", "linux", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", "win32", True),
    ("PySide6\\plugins\\platforms\\qdirect2d.dll", "win32", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", "win32", True),
    ("PySide6\\plugins\\imageformats\\qico.dll", "win32", True),
    ("PySide6\\plugins\\platformthemes\\qxdgdesktopportal.dll", "win32", False),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", "darwin", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "darwin", False),
    ("PySide6/Qt/plugins/styles/libqmacstyle.dylib", "darwin", True),
    ("PySide6/Qt/plugins/imageformats/libqicns.dylib", "darwin", True),
    ("PySide6/Qt/lib/libQt6Core.so.6", "linux", True),  # not a plugin
    ("hfs_desktop/resources/icons/plugins/x.png", "linux", True),  # not Qt's
])
def test_only_the_qt_plugins_the_app_uses_stay(dest: str, platform: str, kept: bool) -> None:
    assert S.plugin_kept(dest, platform) is kept


def test_no_qt_translations() -> None:
    assert not S.translation_kept("PySide6/Qt/translations/qtbase_de.qm")
    assert S.translation_kept("hfs_desktop/knowledge/pack.yaml")


def test_system_libraries_on_linux_only() -> None:
    lib = "/usr/lib/x86_64-linux-gnu/"
    assert S.is_system_library(lib + "libfontconfig.so.1", "linux")
    assert S.is_system_library("/lib/x86_64-linux-gnu/libz.so.1", "linux")
    # libpython stays in the .deb: it must not depend on one Debian release's Python
    assert not S.is_system_library(lib + "libpython3.11.so.1.0", "linux")
    assert not S.is_system_library(
        "/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6", "linux")
    assert not S.is_system_library("/usr/lib/python3.11/lib-dynload/_ssl.so", "linux")
    assert not S.is_system_library("C:/Windows/System32/foo.dll", "win32")
    assert not S.is_system_library("/usr/lib/libSystem.B.dylib", "darwin")


def test_desktop_base_libraries_are_never_bundled() -> None:
    for name in ("libX11.so.6", "libX11-xcb.so.1", "libxcb.so.1", "libGL.so.1",
                 "libEGL.so.1", "libwayland-client.so.0", "libGLdispatch.so.0"):
        assert S.is_desktop_base(name), name
    for name in ("libxcb-cursor.so.0", "libxkbcommon.so.0", "libfontconfig.so.1"):
        assert not S.is_desktop_base(name), name


def test_library_pruning_follows_needed_entries() -> None:
    needed = {"qxcb.so": ["libQt6XcbQpa.so.6"], "libQt6XcbQpa.so.6": ["libxcb-cursor.so.0"],
              "qgtk3.so": ["libcairo.so.2"], "libcairo.so.2": ["libpixman-1.so.0"]}
    assert S.needed_closure({"qxcb.so"}, needed) == {
        "qxcb.so", "libQt6XcbQpa.so.6", "libxcb-cursor.so.0"}


def test_executables_per_platform() -> None:
    for platform in ("linux", "win32", "darwin"):
        programs = {p["name"]: p for p in S.executables(platform)}
        assert set(programs) == {"hfs-desktop", "hfs-kb"}
        assert programs["hfs-kb"]["console"] is True and programs["hfs-kb"]["qt"] is False
        for program in programs.values():
            assert (INSTALLER / str(program["script"])).is_file()
    assert {p["name"]: p["console"] for p in S.executables("win32")}["hfs-desktop"] is False
    assert S.builds_app_bundle("darwin")
    assert not S.builds_app_bundle("linux") and not S.builds_app_bundle("win32")


def test_version_comes_from_pyproject() -> None:
    version = S.project_version(ROOT)
    assert version and S.version_tuple(version)[:2] == tuple(
        int(n) for n in version.split(".")[:2])
    assert S.version_tuple("1.2") == (1, 2, 0, 0)
    assert S.version_tuple("2.0.1rc3") == (2, 0, 1, 3)


def test_windows_version_resource_is_a_valid_expression() -> None:
    text = S.windows_version_file("0.1.0")
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and getattr(tree.body.func, "id", "") == "VSVersionInfo"
    assert "filevers=(0, 1, 0, 0)" in text and "'ProductName', 'HFS Desktop'" in text


def test_info_plist_round_trips_with_hidpi_on() -> None:
    plist = S.info_plist("0.1.0")
    data = plistlib.loads(plistlib.dumps(plist, fmt=plistlib.FMT_XML))
    assert data == plist
    assert data["NSHighResolutionCapable"] is True
    # BUNDLE inherits console=True from hfs-kb and would write LSBackgroundOnly=True (no
    # Dock icon, no menu bar); the spec's entries are merged over BUNDLE's defaults.
    assert data["LSBackgroundOnly"] is False
    assert data["CFBundleExecutable"] == "hfs-desktop"
    assert data["CFBundleIdentifier"] == "org.hfsdesktop.HFSDesktop"
    assert data["CFBundleShortVersionString"] == "0.1.0"
    assert data["CFBundleIconFile"] == "hfs-desktop.icns"
    assert (INSTALLER / "icons" / data["CFBundleIconFile"]).is_file()


# -- the spec itself, run against stand-ins for PyInstaller ---------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.calls: dict[str, list[dict[str, Any]]] = {}

    def fake(self, kind: str) -> Any:
        recorder = self

        class Fake:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                recorder.calls.setdefault(kind, []).append({"args": args, **kwargs})
                self.binaries = [
                    ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
                    ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/x/libqeglfs.so", "BINARY"),
                    ("libfontconfig.so.1", "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1",
                     "BINARY"),
                    ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
                ]
                self.datas = [("PySide6/Qt/translations/qt_de.qm", "/x/qt_de.qm", "DATA"),
                              ("hfs_desktop/knowledge/pack.yaml", "/k/pack.yaml", "DATA")]
                self.pure: list[Any] = []
                self.scripts = [
                    ("multiprocessing_child", "/i/multiprocessing_child.py", "PYSOURCE"),
                    ("pyi_rth_inspect", "/h/pyi_rth_inspect.py", "PYSOURCE"),
                    ("pyi_rth_pkgutil", "/h/pyi_rth_pkgutil.py", "PYSOURCE"),
                    ("pyi_rth_pyside6", "/h/pyi_rth_pyside6.py", "PYSOURCE"),
                    ("pyi_rth_multiprocessing", "/h/pyi_rth_multiprocessing.py", "PYSOURCE"),
                    ("launch_gui", "/i/launch_gui.py", "PYSOURCE")]

        return Fake


def _run_spec(platform: str, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> _Recorder:
    recorder = _Recorder()

    class Readelf:
        stdout = ("0x1 (NEEDED) Shared library: [libfontconfig.so.1]\n"
                  "0x1 (NEEDED) Shared library: [libX11.so.6]\n")

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Readelf())
    namespace: dict[str, Any] = {
        "__name__": "__main__", "SPECPATH": str(INSTALLER), "DISTPATH": str(tmp_path),
        "workpath": str(tmp_path / "work"),
        **{kind: recorder.fake(kind) for kind in
           ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    monkeypatch.syspath_prepend(str(INSTALLER))
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return recorder


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_platform_branches(platform: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    calls = _run_spec(platform, tmp_path, monkeypatch).calls
    capsys.readouterr()
    exes = {c["name"]: c for c in calls["EXE"]}
    assert set(exes) == {"hfs-desktop", "hfs-kb"}
    assert exes["hfs-desktop"]["console"] is (platform == "linux")
    assert exes["hfs-kb"]["console"] is True
    assert all(c["exclude_binaries"] for c in exes.values())  # one folder
    for exe in exes.values():  # UTF-8 output on every system (Windows: not cp1252)
        assert ("X utf8", None, "OPTION") in exe["args"][2]
    # PyInstaller's hooks that cost every start and that the app does without are dropped;
    # a multiprocessing child is run by the project's own hook, in both programs
    scripts = [entry[0] for entry in exes["hfs-desktop"]["args"][1]]
    assert scripts == ["multiprocessing_child", "pyi_rth_pyside6", "launch_gui"]
    analyses = calls["Analysis"]
    assert any("PySide6" in a["excludes"] for a in analyses)  # the CLI has no Qt
    for analysis in analyses:
        assert analysis["noarchive"] is True  # .pyc files: faster imports at every start
        hooks = [Path(hook).name for hook in analysis["runtime_hooks"]]
        assert hooks[0] == "multiprocessing_child.py"
        assert ("fontconfig.py" in hooks) is (platform == "linux"
                                              and "PySide6" not in analysis["excludes"])
        assert "asyncio" not in analysis["excludes"]  # whoosh needs it
        # PyInstaller's bootstrap imports ctypes at every start if bundled; Linux does without
        assert ("ctypes" in analysis["excludes"]) is (platform == "linux")
        targets = {dest for _src, dest in analysis["datas"]}
        assert {"hfs_desktop/knowledge", "hfs_desktop/resources",
                "hfs_desktop/search-index"} <= targets  # the prebuilt search index too
    assert calls["COLLECT"][0]["name"] == "hfs-desktop"
    if platform == "darwin":
        bundle = calls["BUNDLE"][0]
        assert bundle["info_plist"]["NSHighResolutionCapable"] is True
        # BUNDLE inherits console from the last EXE that COLLECT got (hfs-kb, a console
        # program) and then sets LSBackgroundOnly=True (no Dock icon, no menu bar) before
        # merging the spec's info_plist over its defaults (PyInstaller's building/osx.py)
        assert calls["EXE"][-1]["console"] is True
        merged: dict[str, Any] = {"LSBackgroundOnly": True}
        merged.update(bundle["info_plist"])
        assert merged["LSBackgroundOnly"] is False
        assert bundle["info_plist"]["CFBundleExecutable"] == "hfs-desktop"
        assert bundle["icon"].endswith("hfs-desktop.icns")
        assert bundle["name"] == "HFS Desktop.app"
    else:
        assert "BUNDLE" not in calls
    if platform == "win32":
        for name, exe in exes.items():
            version = Path(exe["version"]).read_text(encoding="utf-8")
            assert "VSVersionInfo" in version and f"'{name}.exe'" in version
        assert exes["hfs-desktop"]["icon"].endswith("hfs-desktop.ico")
    else:
        assert exes["hfs-desktop"]["version"] is None
    if platform == "linux":
        manifest = (tmp_path / "hfs-desktop.system-libs").read_text(encoding="utf-8")
        assert manifest.split() == ["libfontconfig.so.1"]  # libX11: never bundled


def test_the_app_never_imports_ctypes() -> None:
    # the Linux bundle leaves ctypes out (the spec's EXCLUDES): an import of it in the app
    # would work in the venv and fail only frozen
    for path in sorted((ROOT / "src" / "hfs_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(name.split(".")[0] == "ctypes" for name in names), path


def _rthook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, INSTALLER / "rthooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_multiprocessing_child_hook_knows_its_children() -> None:
    hook = _rthook("multiprocessing_child")
    exe = "/usr/lib/hfs-desktop/hfs-kb"
    # what multiprocessing's spawn and resource tracker pass to a frozen executable
    assert hook.child_kind([exe, "--multiprocessing-fork", "tracker_fd=5",
                            "pipe_handle=7"]) == "spawn"
    assert hook.child_kind([exe, "-X", "utf8", "-c",
                            "from multiprocessing.resource_tracker import main;main(5)"]
                           ) == "helper"
    assert hook.child_kind([exe, "-c", "from multiprocessing.forkserver import main; "
                            "main(1, 2, ['__main__'])"]) == "helper"
    # the app's own command lines are not children, whatever they contain
    for argv in ([exe], [exe, "search", "--multiprocessing-fork"], [exe, "--smoke"],
                 [exe, "check", "-c", "article.txt"], [exe, "-c"]):
        assert hook.child_kind(argv) is None, argv


def test_multiprocessing_child_hook_imports_nothing_in_the_app() -> None:
    code = ("import runpy, sys; sys.argv = ['hfs-desktop', '--smoke']; "
            f"runpy.run_path({str(INSTALLER / 'rthooks' / 'multiprocessing_child.py')!r}, "
            "run_name='__main__'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('multiprocessing', 'subprocess')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


# -- the .deb's launchers: Debian's python3.11 first, the bootloader as the fallback ---------

LAUNCHER = INSTALLER / "linux" / "launcher.sh"
START = INSTALLER / "linux" / "start.py"
PYVER = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _render(template: Path, program: str = "hfs-kb", pyver: str = PYVER) -> str:
    """What installer/build.sh makes of a template (its two sed substitutions)."""
    text = template.read_text(encoding="utf-8")
    text = text.replace("@PROGRAM@", program).replace("@PYVER@", pyver)
    assert not re.search(r"@[A-Z]+@", text), "a placeholder build.sh leaves"
    return text


def _fake_program(path: Path, name: str) -> None:
    """An executable that prints its name and arguments, one a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho {name}\nprintf "%s\\n" "$@"\n', encoding="utf-8")
    path.chmod(0o755)


def _launcher(tmp_path: Path, *, python: bool = True, stdlib: bool = True) -> Path:
    """/usr/bin/hfs-kb with its three paths moved under tmp_path, fakes behind them."""
    text = _render(LAUNCHER)
    for line, path in (("python=/usr/bin/python", tmp_path / "bin" / f"python{PYVER}"),
                       ("stdlib=/usr/lib/python", tmp_path / "stdlib"),
                       ("lib=/usr/lib/hfs-desktop", tmp_path / "lib")):
        text, count = re.subn(f"^{line}.*$", line.split("=")[0] + f"={path}", text,
                              flags=re.M)
        assert count == 1, line
    if python:
        _fake_program(tmp_path / "bin" / f"python{PYVER}", "python")
    if stdlib:
        spawn = tmp_path / "stdlib" / "multiprocessing" / "spawn.py"
        spawn.parent.mkdir(parents=True)
        spawn.touch()
    _fake_program(tmp_path / "lib" / "hfs-kb", "bootloader")
    launcher = tmp_path / "usr-bin" / "hfs-kb"
    launcher.parent.mkdir()
    launcher.write_text(text, encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def _run_launcher(launcher: Path, **env: str) -> list[str]:
    args = ["search", "two words", ""]  # spaces and an empty argument survive
    result = subprocess.run(["/bin/sh", str(launcher), *args], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", **env}, check=True)
    lines = result.stdout.split("\n")[:-1]
    assert lines[-3:] == args
    return lines[:-3]


def test_launcher_runs_debians_python_when_it_is_there(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path)
    assert _run_launcher(launcher) == [
        "python", "-I", "-S", "-X", "utf8", str(tmp_path / "lib" / "start.py"), "hfs-kb",
        str(launcher)]


@pytest.mark.parametrize(("python", "stdlib", "env"), [
    (False, True, {}),  # no python3.11 (Debian 13, or installed without Recommends)
    (True, False, {}),  # python3.11-minimal alone: no multiprocessing for a spawned child
    (True, True, {"HFS_DESKTOP_BOOTLOADER": "1"}),  # forced
])
def test_launcher_falls_back_to_the_bootloader(
        tmp_path: Path, python: bool, stdlib: bool, env: dict[str, str]) -> None:
    launcher = _launcher(tmp_path, python=python, stdlib=stdlib)
    assert _run_launcher(launcher, **env) == ["bootloader"]


def test_launcher_is_plain_posix_sh() -> None:
    text = _render(LAUNCHER)
    assert text.startswith("#!/bin/sh\n")
    for shell in ("/bin/sh", "/usr/bin/dash", "/bin/bash"):
        if Path(shell).exists():
            subprocess.run([shell, "-n"], input=text, text=True, check=True)


def _bundle(tmp_path: Path, pyver: str = PYVER) -> Path:
    """A bundle folder: start.py, a stand-in hfs_desktop.cli in _internal (it reports how it
    was run and spawns a child the way index builds do), a fake PyInstaller hfs-kb."""
    bundle = tmp_path / "lib"
    package = bundle / "_internal" / "hfs_desktop"
    package.mkdir(parents=True)
    (package / "__init__.py").touch()
    (package / "cli.py").write_text(
        "import json, multiprocessing, sys\n"
        "def child(queue):\n"
        "    queue.put(__name__)\n"
        "def main():\n"
        "    context = multiprocessing.get_context('spawn')\n"
        "    queue = context.Queue()\n"
        "    process = context.Process(target=child, args=(queue,))\n"
        "    process.start()\n"
        "    spawned = queue.get(timeout=60)\n"
        "    process.join()\n"
        "    print(json.dumps({'argv': sys.argv, 'path': sys.path, 'spawned': spawned,\n"
        "                      'frozen': hasattr(sys, 'frozen')}))\n"
        "    return 3\n", encoding="utf-8")
    (bundle / "start.py").write_text(_render(START, pyver=pyver), encoding="utf-8")
    _fake_program(bundle / "hfs-kb", "bootloader")
    return bundle


def test_start_runs_the_bundles_entry_point_after_the_stdlib(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(bundle / "start.py"), "hfs-kb", "/usr/bin/hfs-kb",
         "search", "botox"], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 3, result.stderr  # main()'s exit status
    report = json.loads(result.stdout)
    assert report["argv"] == ["/usr/bin/hfs-kb", "search", "botox"]
    assert report["spawned"] == "hfs_desktop.cli"  # the spawned child found the bundle
    assert report["frozen"] is False
    path = report["path"]
    modules = path.index(str(bundle / "_internal"))
    stdlib = str(Path(sys.modules["os"].__file__ or "").parent)
    assert path.index(stdlib) < modules  # the interpreter's own standard library first
    assert not any("-packages" in entry for entry in path)  # nothing from the system's


def test_start_hands_another_python_to_the_bootloader(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, pyver="3.99")
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(bundle / "start.py"), "hfs-kb", "/usr/bin/hfs-kb",
         "two words"], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["bootloader", "two words"]


def test_start_hands_a_python_that_cannot_import_the_app_to_the_bootloader(
        tmp_path: Path) -> None:
    """python3.11 present but broken (here: a module the app imports is missing): one line
    saying so, then the bootloader runs with the same arguments, no traceback."""
    bundle = _bundle(tmp_path)
    cli = bundle / "_internal" / "hfs_desktop" / "cli.py"
    cli.write_text("import a_module_this_python_lacks\n" + cli.read_text(encoding="utf-8"),
                   encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(bundle / "start.py"), "hfs-kb", "/usr/bin/hfs-kb",
         "two words"], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.splitlines() == ["bootloader", "two words"]
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("hfs-kb: Python") and "a_module_this_python_lacks" in (
        result.stderr)


def test_start_does_nothing_in_a_spawned_child() -> None:
    # multiprocessing runs the parent's main script again as __mp_main__
    code = ("import runpy, sys; before = list(sys.path); "
            f"runpy.run_path({str(START)!r}, run_name='__mp_main__'); "
            "print(sys.path == before)")
    result = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "True"


# -- metadata files --------------------------------------------------------------------------


def test_workflow_matches_the_github_schema() -> None:
    # check-jsonschema is in the test extra: a missing one is a broken environment, not a skip
    assert importlib.util.find_spec("check_jsonschema") is not None, (
        "check-jsonschema is not installed (pip install -e '.[test]')")
    env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True, env=env, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_windows_and_macos() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-" in text and "runs-on: macos-" in text
    assert "installer\\hfs-desktop.spec" in text and "installer/hfs-desktop.spec" in text
    assert text.count("--smoke") >= 4 and "make-dmg.sh" in text and "ISCC.exe" in text


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "hfs-desktop" and section["Type"] == "Application"
    assert (INSTALLER / "icons" / "hicolor" / "48x48" / "apps" /
            f"{section['Icon']}.png").is_file()
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_appstream_metainfo() -> None:
    text = METAINFO.read_text(encoding="utf-8")
    assert f"<launchable type=\"desktop-id\">{DESKTOP.name}</launchable>" in text
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_lintian_override_only_for_the_bundles_bytecode() -> None:
    lines = [line for line in (INSTALLER / "linux" / "lintian-overrides").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines == ["hfs-desktop: package-installs-python-bytecode "
                     "[usr/lib/hfs-desktop/_internal/*]"]
    build = (INSTALLER / "build.sh").read_text(encoding="utf-8")
    assert "usr/share/lintian/overrides/hfs-desktop" in build


def test_inno_setup_script() -> None:
    text = (INSTALLER / "windows" / "hfs-desktop.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in text  # per user, no administrator
    # without it Setup ignores /CURRENTUSER and /ALLUSERS (the workflow passes /CURRENTUSER)
    assert "PrivilegesRequiredOverridesAllowed=commandline" in text
    assert "{autoprograms}" in text and "VersionInfoVersion=" in text
    assert "SetupIconFile=..\\icons\\hfs-desktop.ico" in text
    assert (INSTALLER / "icons" / "hfs-desktop.ico").is_file()


# -- icons -----------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icons_in_every_size() -> None:
    assert (ROOT / "resources" / "icons" / "hfs-desktop.svg").is_file()
    for size in HICOLOR_SIZES:
        png = INSTALLER / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "hfs-desktop.png"
        assert _png_size(png) == (size, size)
    for size in (16, 32, 48, 256):
        assert _png_size(ROOT / "resources" / "icons" / f"hfs-desktop-{size}.png") == (
            size, size)
    ico = (INSTALLER / "icons" / "hfs-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    icns = (INSTALLER / "icons" / "hfs-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
