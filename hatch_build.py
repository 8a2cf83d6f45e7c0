"""Wheel build hook: ship the bundled pack's prebuilt search index when there is one.

`hfs-kb index --prebuild` (run by `.ci/setup`) writes it to build/search-index; the wheel
carries it as ``hfs_desktop/search-index``, where the installed app looks first
(`paths.prebuilt_index_dir`). Without one the wheel is as before and the first start builds
the index. A stale one costs nothing but space: the app uses it only when its digest matches
the pack's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltIndexHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        folder = Path(self.root) / "build" / "search-index"
        if version != "editable" and folder.is_dir() and any(folder.glob("index-*")):
            build_data["force_include"][str(folder)] = "hfs_desktop/search-index"
