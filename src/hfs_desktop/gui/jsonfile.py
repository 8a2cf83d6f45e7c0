"""Small JSON files in the user's data folder, written atomically (QSaveFile)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QIODevice, QSaveFile


def read_json(path: Path, default: Any) -> Any:
    """The file's data, or ``default`` when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def write_json(path: Path, data: Any) -> bool:
    """Write all or nothing: readers never see half a file. False when it failed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    out = QSaveFile(str(path))
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        return False
    payload = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    if out.write(payload) != len(payload):
        out.cancelWriting()
        return False
    return out.commit()
