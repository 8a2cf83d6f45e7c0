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
a header line (format, key, SHA-256 of the body), then the body, JSON (laid out below, at
"records <-> plain data"). JSON rather than pickle or marshal: reading an entry builds plain
lists, strings and numbers and never code; the standard library's C decoder is fast enough
(a 45,000-term pack in well under a second, see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import functools
import gc
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

FORMAT = 3
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
    # .pyc: an installed bundle ships its modules without sources (run by PyInstaller's
    # bootloader or by Debian's python3 alike: one key for both).
    code = sorted([*_CODE.glob("*.py"), *_CODE.glob("*.pyc")])
    for path in code:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    if not code and getattr(sys, "frozen", False):  # a bundle with its modules in an archive
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
#
# The body is ``[paths, locations, pack]``. ``paths`` lists every location path once;
# ``locations`` lists every distinct location once, flat (path number, line, column, ...);
# a record is a list of its fields in declaration order, where a location is its number in
# ``locations``. A ``dict[str, Location]`` is a flat list of runs, ``[keys, location, ...]``:
# the keys in order, consecutive keys at one location in one run (an imported term has all
# its fields at its line: one run). Equal locations come back as one shared (frozen) record.
#
# Reading is the hot path (a 47,000-term pack): each record type gets a decoder generated
# once, at import, from its dataclass fields (our own field names and types, never data): a
# single function that unpacks the row and calls the constructor with each field converted
# inline (``tuple(x)``, ``L[x]``, ...), with no call per plain field.

_Encode = Callable[[Any, "_Tables"], Any]
_RECORDS: dict[str, type[Any]] = {cls.__name__: cls for cls in (
    Entity, EntityType, Evidence, EvidenceLevel, Feature, FeatureLink, FeatureTable, Figure,
    Level, Location, PackMeta, RelationType, Verdict)}


class _Tables:
    """The path and location tables being written: each path and location once, by number."""

    def __init__(self) -> None:
        self.paths: dict[str, int] = {}
        self.locations: dict[tuple[int, int, int], int] = {}

    def location(self, loc: Location) -> int:
        path = self.paths.setdefault(loc.path, len(self.paths))
        return self.locations.setdefault((path, loc.line, loc.col), len(self.locations))

    def location_runs(self, value: dict[str, Location]) -> list[Any]:
        runs: list[Any] = []
        last = -1
        for key, loc in value.items():
            number = self.location(loc)
            if number != last:
                runs += [[], number]
                last = number
            runs[-2].append(key)
        return runs

    def flat_locations(self) -> list[int]:
        return [n for triple in self.locations for n in triple]


def _same(value: Any, _: Any) -> Any:
    return value


def _encoder(annotation: str) -> _Encode:
    """How a field of this declared type is written."""
    if annotation in ("str", "int", "bool", "dict[str, str]", "tuple[str, ...]"):
        return _same
    if annotation == "Location":
        return lambda value, tables: tables.location(value)
    if annotation == "dict[str, Location]":
        return lambda value, tables: tables.location_runs(value)
    if annotation.endswith(" | None"):
        encode = _encoder(annotation.removesuffix(" | None"))
        return lambda value, tables: None if value is None else encode(value, tables)
    if annotation.startswith("list[") and annotation.endswith("]"):
        encode = _encoder(annotation[len("list["):-1])
        return lambda value, tables: [encode(v, tables) for v in value]
    if annotation.startswith("dict[str, ") and annotation.endswith("]"):
        encode = _encoder(annotation[len("dict[str, "):-1])
        return lambda value, tables: {k: encode(v, tables) for k, v in value.items()}
    if annotation in _RECORDS:
        return _record_encoder(_RECORDS[annotation])
    raise TypeError(f"the pack cache cannot store a field of type {annotation!r}")


def _stored(cls: type[Any]) -> list[Any]:
    """The fields of a record that the cache stores: all but the notes a process keeps on
    it (``compare=False``: `Pack.cache_entry` and the like), which come last and come back
    as their defaults."""
    assert is_dataclass(cls)
    every = fields(cls)
    stored = [f for f in every if f.compare]
    assert stored == list(every[:len(stored)]), f"{cls.__name__}: notes must come last"
    return stored


def _record_encoder(cls: type[Any]) -> _Encode:
    pairs = [(f.name, _encoder(str(f.type))) for f in _stored(cls)]
    return lambda value, tables: [encode(getattr(value, name), tables)
                                  for name, encode in pairs]


def _decode_location_runs(runs: list[Any], locations: list[Location]) -> dict[str, Location]:
    if len(runs) == 2:  # the common case: every key at one place
        return dict.fromkeys(runs[0], locations[runs[1]])
    found: dict[str, Location] = {}
    for at in range(0, len(runs), 2):
        found.update(dict.fromkeys(runs[at], locations[runs[at + 1]]))
    return found


def _tuples(value: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return dict(zip(value, map(tuple, value.values()), strict=True))


class _Decoders:
    """The generated decoder of every record type, by class name: ``decode(row, L)``."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"_runs": _decode_location_runs, "_tuples": _tuples}
        self.counter = 0

    def expression(self, annotation: str, value: str) -> str:
        """Python source that converts ``value`` (a local name) of this declared type."""
        if annotation in ("str", "int", "bool", "dict[str, str]"):
            return value
        if annotation == "tuple[str, ...]":
            return f"tuple({value})"
        if annotation == "dict[str, tuple[str, ...]]":
            return f"_tuples({value})"
        if annotation == "Location":
            return f"L[{value}]"
        if annotation == "dict[str, Location]":
            return f"_runs({value}, L)"
        if annotation.endswith(" | None"):
            inner = self.expression(annotation.removesuffix(" | None"), value)
            return value if inner == value else f"(None if {value} is None else {inner})"
        if annotation.startswith("list[") and annotation.endswith("]"):
            item = self.local()
            inner = self.expression(annotation[len("list["):-1], item)
            return f"[{inner} for {item} in {value}]"
        if annotation.startswith("dict[str, ") and annotation.endswith("]"):
            key, item = self.local(), self.local()
            inner = self.expression(annotation[len("dict[str, "):-1], item)
            return f"{{{key}: {inner} for {key}, {item} in {value}.items()}}"
        if annotation in _RECORDS:
            return f"{self.record(_RECORDS[annotation])}({value}, L)"
        raise TypeError(f"the pack cache cannot store a field of type {annotation!r}")

    def local(self) -> str:
        self.counter += 1
        return f"v{self.counter}"

    def record(self, cls: type[Any]) -> str:
        """The name of the decoder of ``cls``, generated on first need."""
        name = f"decode_{cls.__name__}"
        if name not in self.names:
            stored = _stored(cls)
            self.names[name] = None  # a record type that contains itself
            self.names[f"new_{cls.__name__}"] = cls
            row = [f"f{n}" for n in range(len(stored))]
            args = [self.expression(str(f.type), local)
                    for f, local in zip(stored, row, strict=True)]
            source = (f"def {name}(row, L):\n"
                      f"    {', '.join(row)}, = row\n"
                      f"    return new_{cls.__name__}({', '.join(args)})\n")
            exec(compile(source, f"<pack cache: {cls.__name__}>", "exec"), self.names)
        return name


def _pack_decoder() -> Callable[[Any, list[Location]], Any]:
    decoders = _Decoders()
    decode: Callable[[Any, list[Location]], Any] = decoders.names[decoders.record(Pack)]
    return decode


_PACK_ENCODE = _record_encoder(Pack)
_PACK_DECODE = _pack_decoder()


def to_data(pack: Pack) -> list[Any]:
    """The pack as JSON-ready data: ``[paths, locations, pack]``."""
    tables = _Tables()
    body = _PACK_ENCODE(pack, tables)
    return [list(tables.paths), tables.flat_locations(), body]


def from_data(data: list[Any]) -> Pack:
    """The pack ``to_data`` wrote; raises (ValueError, TypeError, ...) on anything else."""
    paths, flat, body = data
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ValueError("bad path table")
    if not isinstance(flat, list) or len(flat) % 3:
        raise ValueError("bad location table")
    triples = iter(flat)
    locations = [Location(paths[p], line, col)
                 for p, line, col in zip(triples, triples, triples, strict=True)]
    pack = _PACK_DECODE(body, locations)
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
        return _decoded(body)
    except Exception as exc:  # damaged in any way: the pack is read from YAML instead
        log.info("cached pack %s damaged (%s): reading the pack", path, exc)
        return None


def _decoded(body: bytes) -> Pack:
    """The pack in ``body``, decoded with the cyclic garbage collector paused: decoding
    allocates a few million containers, none of them garbage, and each collection that
    allocation would trigger walks them all again (more than half of the time, measured)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return from_data(json.loads(body))
    finally:
        if collecting:
            gc.enable()


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


# -- values derived from a cached pack ----------------------------------------------------
#
# Kept beside an entry ``<hash>.json`` under the entry's key (a change to any of the pack's
# files changes the key, and what was kept under the old one is computed again):
#
# - ``<hash>.derived``: ``{"key": ..., "values": {name: text}}``, short texts computed from
#   the pack (the search index's digest of its content), see `remembered`; also noted on the
#   pack in memory (`Pack.derived`), so that a process reads the file once;
# - ``<hash>.<name>.kept``: larger data computed from the pack (its graph's edges, its concept
#   keys), one file per name, see `remembered_parts`: a header line ``{"key", "name",
#   "sizes", "sha256"}``, then the parts, each one JSON document, one after the other.


def mark(pack: Pack, folder: Path, root: Path, key: str) -> None:
    """Note that the cache entry of ``key`` stands for this pack (see ``remembered``)."""
    pack.cache_entry = str(entry_path(folder, root))
    pack.cache_key = key


def _derived_path(entry: str | Path) -> Path:
    return Path(entry).with_suffix(".derived")


def _derived(pack: Pack) -> dict[str, str]:
    try:
        data = json.loads(_derived_path(pack.cache_entry).read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.info("values kept with %s unreadable (%s): computed again", pack.cache_entry, exc)
        return {}
    if not isinstance(data, dict) or data.get("key") != pack.cache_key:
        return {}
    values = data.get("values")
    if not isinstance(values, dict):
        return {}
    return {k: v for k, v in values.items() if isinstance(k, str) and isinstance(v, str)}


def remembered(pack: Pack, name: str, compute: Callable[[Pack], str]) -> str:
    """``compute(pack)``, kept beside the pack's cache entry under ``name`` and read back at
    later opens while the pack's files are unchanged (and noted on the pack: asked again, it
    is neither read nor computed). ``name`` must change whenever ``compute`` does. A pack not
    served through the cache is computed every time."""
    if not pack.cache_entry or not pack.cache_key:
        return compute(pack)
    found = pack.derived.get(name)
    if found is not None:
        return found
    values = _derived(pack)
    found = values.get(name)
    if found is None:
        found = values[name] = compute(pack)
        _replace(_derived_path(pack.cache_entry), name, pack.cache_entry,
                 json.dumps({"key": pack.cache_key, "values": values}).encode())
    pack.derived[name] = found
    return found


def _replace(path: Path, name: str, entry: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; logged at info level when it cannot be."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        log.info("cannot keep %s beside %s: %s", name, entry, exc)


def _kept_path(entry: str | Path, name: str) -> Path:
    slug = "".join(c if c.isalnum() else "-" for c in name)
    return Path(entry).with_suffix(f".{slug}.kept")


def remembered_parts(pack: Pack, name: str, compute: Callable[[Pack], list[Any]],
                     fits: Callable[[list[Any]], bool], *, code: str) -> list[Any]:
    """``compute(pack)``: a list of JSON-ready parts (dicts, lists, strings, numbers), kept
    in a file of its own beside the pack's cache entry under ``name`` and read back at later
    opens while the pack's files and the module file ``code`` (the one that makes them:
    pass its ``__file__``) are unchanged, so that a new release of that module never reads
    what an older one made. Each part is decoded apart (a few tens of
    milliseconds each for a 45,000-term pack's graph), with the cyclic garbage collector
    paused. Data read back that ``fits`` refuses, a damaged, foreign or stale file is
    computed again (logged at info level) and rewritten; an unwritable one only costs the
    computing. A pack not served through the cache is computed every time."""
    if not pack.cache_entry or not pack.cache_key:
        return compute(pack)
    path = _kept_path(pack.cache_entry, name)
    key = f"{pack.cache_key}:{_file_digest(code)}"
    found = _read_parts(path, key, name)
    if found is not None:
        if fits(found):
            return found
        log.info("%s kept in %s does not fit the pack: computed again", name, path)
    parts = compute(pack)
    try:
        bodies = [json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                  for part in parts]
    except (TypeError, ValueError) as exc:  # pragma: no cover - compute's own mistake
        log.info("cannot keep %s: %s", name, exc)
        return parts
    body = b"".join(bodies)
    header = json.dumps({"key": key, "name": name,
                         "sizes": [len(b) for b in bodies],
                         "sha256": hashlib.sha256(body).hexdigest()}).encode()
    _replace(path, name, pack.cache_entry, header + b"\n" + body)
    return parts


@functools.lru_cache(maxsize=8)
def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:  # not a file (a module inside an archive): the release stands for it
        from .. import __version__

        return f"version {__version__}"


def _read_parts(path: Path, key: str, name: str) -> list[Any] | None:
    """The parts kept in ``path`` under ``key`` and ``name``, or None (logged at info level
    unless the file is simply missing or of an older key)."""
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            body = handle.read()
    except FileNotFoundError:
        log.debug("nothing kept in %s", path)
        return None
    except (OSError, ValueError) as exc:
        log.info("%s kept in %s unreadable (%s): computed again", name, path, exc)
        return None
    try:
        if not isinstance(header, dict) or header.get("name") != name:
            raise ValueError("it holds something else")
        if header.get("key") != key:
            log.info("%s kept in %s is out of date: computed again", name, path)
            return None
        sizes = header.get("sizes")
        if (not isinstance(sizes, list) or not all(isinstance(n, int) and n >= 0 for n in sizes)
                or sum(sizes) != len(body)):
            raise ValueError("its parts do not add up to its length")
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            raise ValueError("its content does not match its checksum")
        parts = []
        at = 0
        for size in sizes:
            parts.append(_decoded_part(body[at:at + size]))
            at += size
        return parts
    except Exception as exc:  # damaged in any way: computed again
        log.info("%s kept in %s damaged (%s): computed again", name, path, exc)
        return None


def _decoded_part(data: bytes) -> Any:
    collecting = gc.isenabled()
    gc.disable()
    try:
        return json.loads(data)
    finally:
        if collecting:
            gc.enable()


def _entries(folder: Path) -> Iterator[tuple[float, Path]]:
    for entry in folder.glob("*.json"):
        with suppress(OSError):
            yield entry.stat().st_mtime, entry


def _prune(folder: Path, keep: Path) -> None:
    others = sorted((e for e in _entries(folder) if e[1] != keep), reverse=True)
    for _, entry in others[KEEP_ENTRIES - 1:]:
        with suppress(OSError):
            entry.unlink()
        for kept in [_derived_path(entry), *entry.parent.glob(f"{entry.stem}.*.kept")]:
            with suppress(OSError):
                kept.unlink()
