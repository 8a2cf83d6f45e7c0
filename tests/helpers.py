"""Small helpers shared by the core tests."""

from __future__ import annotations

from pathlib import Path

from hfs_desktop.pack import Diagnostics, check_pack


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(root: Path) -> list[str]:
    """Every diagnostic of a pack as printed."""
    return [str(d) for d in diagnostics(root)]


def diagnostics(root: Path) -> Diagnostics:
    return check_pack(root)[1]


def errors(root: Path) -> list[str]:
    return [str(d) for d in diagnostics(root).errors]


def one_error(root: Path, fragment: str) -> str:
    """The single error message containing ``fragment`` (fails on none or several)."""
    found = [m for m in errors(root) if fragment in m]
    assert len(found) == 1, f"expected one error with {fragment!r}, got {errors(root)}"
    return found[0]


def only(pack: Path) -> list[str]:
    """Command-line options that open this pack alone (without the bundled one)."""
    return ["--no-bundled", "--pack", str(pack)]
