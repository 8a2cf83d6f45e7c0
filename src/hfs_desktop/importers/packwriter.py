"""Write pack data as a pack folder the loader reads like any hand-written pack.

Entities go into one JSON Lines file per type (``entities/human-phenotype.jsonl``, one
entity a line: loads about four times faster than YAML at ontology size), or, with
``fmt="yaml"``, into a few large YAML files per type (``human-phenotype-01.yaml``), each below
the loader's limits on size and values. In YAML every value is written as a JSON string or
list, which is valid YAML, so nothing in an ontology's text can change its meaning.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..pack.yamlread import MAX_FILE_BYTES, MAX_NODES

FILE_BYTES = MAX_FILE_BYTES * 3 // 4
FILE_NODES = MAX_NODES * 3 // 4
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML may not hold as they are (written as \\uXXXX escapes)."""
WRITTEN = ("pack.yaml", "entity-types.yaml", "relations.yaml", "entities")


def scalar(value: Any) -> str:
    """A string, list or mapping as one line of YAML (JSON syntax, YAML-safe characters)."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def entity_yaml(record: dict[str, Any]) -> tuple[str, int]:
    """One entity as a block list item, and how many YAML values it holds."""
    lines = []
    nodes = 1
    for i, (key, value) in enumerate(record.items()):
        lines.append(("  - " if i == 0 else "    ") + f"{key}: {scalar(value)}")
        nodes += 2 + _count(value)
    return "\n".join(lines) + "\n", nodes


def _count(value: Any) -> int:
    if isinstance(value, dict):
        return sum(2 + _count(v) for v in value.values())
    if isinstance(value, list):
        return sum(1 + _count(v) for v in value)
    return 0


def prepare_folder(out: Path, replace: bool) -> None:
    """Make ``out`` ready: new or empty, or (with ``replace``) a pack this writer made,
    whose files are removed first. ValueError otherwise (nothing is touched then)."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not replace:
            raise ValueError(f"{out} is not empty (--replace overwrites an imported pack)")
        if not (out / "pack.yaml").is_file():
            raise ValueError(f"{out} holds no pack.yaml: not replacing a folder that is "
                             "not a pack")
        for name in WRITTEN:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)


def write_pack(out: Path, meta: dict[str, Any], entity_types: list[dict[str, str]],
               relations: list[dict[str, str]],
               entities: dict[str, list[dict[str, Any]]], fmt: str = "jsonl") -> list[Path]:
    """Write the pack's files into ``out`` (prepared by `prepare_folder`); the entity files
    written, in order. ``fmt`` is "jsonl" or "yaml"."""
    header = "# Written by hfs-kb import-obo; re-run the import rather than editing by hand.\n"
    (out / "pack.yaml").write_text(header + _mapping(meta), encoding="utf-8")
    (out / "entity-types.yaml").write_text(
        header + "types:\n" + _rows(entity_types), encoding="utf-8")
    (out / "relations.yaml").write_text(
        header + "relations:\n" + _rows(relations), encoding="utf-8")
    folder = out / "entities"
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    for type_id, records in entities.items():
        if fmt == "jsonl":
            written.append(_write_jsonl(folder, type_id, records))
        else:
            written += _write_type(folder, type_id, records)
    return written


def _write_jsonl(folder: Path, type_id: str, records: Iterable[dict[str, Any]]) -> Path:
    path = folder / f"{type_id}.jsonl"
    lines = [json.dumps({"type": type_id})]
    lines += [json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _write_type(folder: Path, type_id: str, records: Iterable[dict[str, Any]]) -> list[Path]:
    files: list[list[str]] = [[]]
    size = nodes = 0
    for record in records:
        text, count = entity_yaml(record)
        length = len(text.encode("utf-8"))
        if files[-1] and (size + length > FILE_BYTES or nodes + count > FILE_NODES):
            files.append([])
            size = nodes = 0
        files[-1].append(text)
        size += length
        nodes += count
    paths = []
    for number, chunk in enumerate(files, start=1):
        name = type_id if len(files) == 1 else f"{type_id}-{number:02d}"
        path = folder / f"{name}.yaml"
        path.write_text(f"type: {type_id}\nentities:\n" + "".join(chunk), encoding="utf-8")
        paths.append(path)
    return paths


def _mapping(data: dict[str, Any], indent: str = "") -> str:
    out = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{indent}{key}:\n" + _mapping(value, indent + "  "))
        else:
            out.append(f"{indent}{key}: {scalar(value)}\n")
    return "".join(out)


def _rows(rows: list[dict[str, str]]) -> str:
    return "".join(f"  - {scalar(row)}\n" for row in rows)
