"""A cache of validated packs as JSON, so that a start skips YAML and validation.

``load_pack`` looks here first. An entry is written only after a pack loaded and validated
without error, and is keyed by a digest of everything the loaded pack depends on:

- the bytes of every YAML file the loader may read (and their names),
- the folder as given (it is ``Pack.root``; locations are relative to its parent),
- the pack loader's own code (every module of this package), the Python version and the
  installed PyYAML (its file's size and time).

A pack that changed, or one with errors, is never served from here: the key differs, and
the loader runs and reports exactly as without a cache. Any problem with an entry (missing,
from another key, truncated, damaged, unreadable, a folder that cannot be written) is
logged at info level and the pack is read from YAML as before; the entry is rewritten.

One file per pack folder (``packs/<hash of the folder>.json`` in the user's cache folder):
a header line (format, key, SHA-256 of the body), then the body, a JSON list. Records are
written as lists of their fields in declaration order, each field converted by its declared
type; location paths are written once, in a table.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from .model import (
    Entity,
    EntityType,
    Evidence,
    EvidenceLevel,
    Feature,
    FeatureLink,
    FeatureTable,
    Figure,
    Level,
    Location,
    Pack,
    PackMeta,
    RelationType,
    Verdict,
)

log = logging.getLogger(__name__)

FORMAT = 1
"""Bump when the file's layout changes (the code digest already covers the records)."""
KEEP_ENTRIES = 8
"""Packs kept (most recently written first); older entries are removed."""
_CODE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where entries live: ``packs`` in the user's cache folder."""
    from ..paths import user_cache_dir

    return user_cache_dir() / "packs"


# -- the key ------------------------------------------------------------------------------


def pack_files(root: Path) -> list[Path]:
    """Every file the loader may read: the YAML files at the top, and the YAML and JSON
    Lines files under ``entities``."""
    found: list[Path] = []
    with suppress(OSError):
        found += sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml"))
    entities = root / "entities"
    found += sorted(entities.rglob("*.yaml")) + sorted(entities.rglob("*.yml"))
    found += sorted(entities.rglob("*.jsonl"))
    return found


def _code_digest() -> bytes:
    digest = hashlib.sha256(f"format {FORMAT}\n{sys.version}\n".encode())
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    if getattr(sys, "frozen", False):  # a bundle: its modules are in an archive
        from .. import __version__

        stat = Path(sys.executable).stat()
        digest.update(f"frozen {__version__} {stat.st_size} {stat.st_mtime_ns}".encode())
    import importlib.util

    with suppress(OSError, ImportError, ValueError):  # frozen: no file (the bundle counts)
        spec = importlib.util.find_spec("yaml")
        origin = spec.origin if spec is not None else None
        if origin:
            stat = Path(origin).stat()
            digest.update(f"yaml {origin} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.digest()


_code_key: bytes | None = None


def pack_key(root: Path) -> str:
    """The digest a cached pack must carry to stand for the pack at ``root`` now."""
    global _code_key
    if _code_key is None:
        _code_key = _code_digest()
    digest = hashlib.sha256(_code_key)
    digest.update(str(root).encode("utf-8", "surrogateescape") + b"\0")
    for path in pack_files(root):
        digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        data = path.read_bytes()
        digest.update(f"{len(data)}\0".encode() + data)
    return digest.hexdigest()


def entry_path(folder: Path, root: Path) -> Path:
    name = str(root.resolve()).encode("utf-8", "surrogateescape")
    return folder / f"{hashlib.sha256(name).hexdigest()[:24]}.json"


# -- records <-> plain data ---------------------------------------------------------------

_Encode = Callable[[Any, "_Paths"], Any]
_Decode = Callable[[Any, list[str]], Any]
_RECORDS: dict[str, type[Any]] = {cls.__name__: cls for cls in (
    Entity, EntityType, Evidence, EvidenceLevel, Feature, FeatureLink, FeatureTable, Figure,
    Level, Location, PackMeta, RelationType, Verdict)}


class _Paths(dict[str, int]):
    """The table of location paths being written: each path once, by number."""

    def number(self, path: str) -> int:
        found = self.get(path)
        if found is None:
            found = self[path] = len(self)
        return found


def _same(value: Any, _: Any) -> Any:
    return value


def _encode_location(loc: Location, paths: _Paths) -> list[Any]:
    return [paths.number(loc.path), loc.line, loc.col]


def _decode_location(row: list[Any], paths: list[str]) -> Location:
    return Location(paths[row[0]], row[1], row[2])


def _codec(annotation: str) -> tuple[_Encode, _Decode]:
    """How a field of this declared type is written and read back."""
    if annotation in ("str", "int", "dict[str, str]"):
        return _same, _same
    if annotation == "tuple[str, ...]":
        return _same, lambda value, _: tuple(value)
    if annotation == "bool":
        return _same, _same
    if annotation.startswith("list[") and annotation.endswith("]"):
        encode, decode = _codec(annotation[len("list["):-1])
        return ((lambda value, paths: [encode(v, paths) for v in value]),
                (lambda value, paths: [decode(v, paths) for v in value]))
    if annotation == "Location":
        return _encode_location, _decode_location
    if annotation.endswith(" | None"):
        encode, decode = _codec(annotation.removesuffix(" | None"))
        return ((lambda value, paths: None if value is None else encode(value, paths)),
                (lambda value, paths: None if value is None else decode(value, paths)))
    if annotation.startswith("dict[str, ") and annotation.endswith("]"):
        encode, decode = _codec(annotation[len("dict[str, "):-1])
        return ((lambda value, paths: {k: encode(v, paths) for k, v in value.items()}),
                (lambda value, paths: {k: decode(v, paths) for k, v in value.items()}))
    if annotation in _RECORDS:
        return _record_codec(_RECORDS[annotation])
    raise TypeError(f"the pack cache cannot store a field of type {annotation!r}")


def _record_codec(cls: type[Any]) -> tuple[_Encode, _Decode]:
    assert is_dataclass(cls)
    names = [f.name for f in fields(cls)]
    codecs = [_codec(str(f.type)) for f in fields(cls)]
    if all(decode is _same for _, decode in codecs):
        return ((lambda value, _: [getattr(value, name) for name in names]),
                (lambda row, _: cls(*row)))

    def encode(value: Any, paths: _Paths) -> list[Any]:
        return [enc(getattr(value, name), paths)
                for name, (enc, _) in zip(names, codecs, strict=True)]

    def decode(row: list[Any], paths: list[str]) -> Any:
        if len(row) != len(codecs):
            raise ValueError(f"a {cls.__name__} of {len(row)} fields, not {len(codecs)}")
        return cls(*[dec(value, paths) for (_, dec), value in zip(codecs, row, strict=True)])

    return encode, decode


_PACK_ENCODE, _PACK_DECODE = _record_codec(Pack)


def to_data(pack: Pack) -> list[Any]:
    """The pack as JSON-ready data: ``[paths, pack]``."""
    paths = _Paths()
    body = _PACK_ENCODE(pack, paths)
    return [list(paths), body]


def from_data(data: list[Any]) -> Pack:
    """The pack ``to_data`` wrote; raises (ValueError, TypeError, ...) on anything else."""
    paths, body = data
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ValueError("bad path table")
    pack = _PACK_DECODE(body, paths)
    if not isinstance(pack, Pack):
        raise ValueError("not a pack")
    return pack


# -- reading and writing ------------------------------------------------------------------


def read(folder: Path, root: Path, key: str) -> Pack | None:
    """The cached pack for ``root`` if the entry is intact and carries ``key``, else None."""
    path = entry_path(folder, root)
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            body = handle.read()
    except FileNotFoundError:
        log.debug("no cached pack for %s", root)
        return None
    except (OSError, ValueError) as exc:
        log.info("cached pack %s unreadable (%s): reading the pack", path, exc)
        return None
    try:
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("another format")
        if header.get("key") != key:
            log.info("cached pack %s is out of date: reading the pack", path)
            return None
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            raise ValueError("its content does not match its checksum")
        return from_data(json.loads(body))
    except Exception as exc:  # damaged in any way: the pack is read from YAML instead
        log.info("cached pack %s damaged (%s): reading the pack", path, exc)
        return None


def write(folder: Path, root: Path, key: str, pack: Pack) -> bool:
    """Store a validated pack (atomically); False, logged at info level, when it cannot."""
    path = entry_path(folder, root)
    try:
        body = json.dumps(to_data(pack), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        header = json.dumps({"format": FORMAT, "key": key,
                             "sha256": hashlib.sha256(body).hexdigest()}).encode()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError, TypeError) as exc:
        log.info("cannot cache the pack in %s: %s", folder, exc)
        return False
    _prune(folder, keep=path)
    return True


def _entries(folder: Path) -> Iterator[tuple[float, Path]]:
    for entry in folder.glob("*.json"):
        with suppress(OSError):
            yield entry.stat().st_mtime, entry


def _prune(folder: Path, keep: Path) -> None:
    others = sorted((e for e in _entries(folder) if e[1] != keep), reverse=True)
    for _, entry in others[KEEP_ENTRIES - 1:]:
        with suppress(OSError):
            entry.unlink()
