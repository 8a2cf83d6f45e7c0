"""Concept keys: codes and cross-references that name the same concept, made comparable.

``SNOMEDCT_US:13753008``, ``SNOMED-CT: 13753008`` and ``SNOMED CT 13753008`` all give the
key ``SNOMED:13753008``; likewise UMLS, MeSH, ICD-10, HPO, Orphanet and OMIM under their
usual spellings. Entities of different packs that share a key are "the same concept".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from .bulk import collector_paused
from .pack.model import Entity, Pack

SYSTEM_ALIASES: dict[str, str] = {
    "SNOMED": "SNOMED", "SNOMEDCT": "SNOMED", "SNOMEDCTUS": "SNOMED", "SCTID": "SNOMED",
    "SCT": "SNOMED",
    "UMLS": "UMLS", "UMLSCUI": "UMLS", "CUI": "UMLS",
    "MESH": "MESH", "MSH": "MESH",
    "ICD10": "ICD10", "ICD10WHO": "ICD10",
    "ICD10CM": "ICD10CM",
    "ICD11": "ICD11",
    "HP": "HP", "HPO": "HP",
    "ORPHA": "ORPHA", "ORPHANET": "ORPHA", "ORDO": "ORPHA",
    "OMIM": "OMIM", "MIM": "OMIM",
}
"""Spellings of a code system (upper case, letters and digits only) -> one name."""

DOTLESS = ("ICD10", "ICD10CM", "ICD11")
"""Systems whose codes are written with and without the dot (G51.3, G513)."""

_PREFIXED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_.\- ]*?)\s*[:\s]\s*([A-Za-z0-9][\w.\-]*)\s*$")


@lru_cache(maxsize=1024)
def system_key(system: str) -> str:
    """One name per code system: "SNOMEDCT_US", "SNOMED-CT", "SNOMED CT" -> "SNOMED"."""
    plain = re.sub(r"[^A-Z0-9]", "", system.upper())
    return SYSTEM_ALIASES.get(plain, plain)


def concept_key(system: str, code: str) -> str | None:
    """The key of one code of one system, or None when the code is empty."""
    value = code.strip()
    name = system_key(system)
    prefixed = _PREFIXED.match(value)
    if prefixed and system_key(prefixed.group(1)) == name:
        value = prefixed.group(2)  # "HP:0010828" under HPO; "UMLS:C0278152" under UMLS
    value = value.upper()
    if name in DOTLESS:
        value = value.replace(".", "")
    if not name or not value:
        return None
    return f"{name}:{value}"


def xref_key(text: str) -> str | None:
    """The key of a cross-reference written with its system: "SNOMEDCT_US:13753008",
    "SNOMED CT 13753008"; None when it names no system."""
    match = _PREFIXED.match(text)
    if match is None:
        return None
    return concept_key(match.group(1), match.group(2))


def entity_keys(entity: Entity) -> Iterator[str]:
    """Every concept key an entity carries: its codes, and its own id when that is a
    code itself (an imported term's ``HP:0010828``)."""
    for system, codes in entity.codes.items():
        for code in codes:
            key = (xref_key(code) if system_key(system) in ("XREF", "XREFS", "")
                   else concept_key(system, code))
            if key is not None:
                yield key
    if ":" in entity.id:
        key = xref_key(entity.id)
        if key is not None:
            yield key


PackKeys = dict[str, list[str]]
"""A pack's concept keys: key -> the ids of the pack's entities carrying it, in the pack's
order (the keys in the order first met)."""

KEYS_KEPT = "concept keys 1"
"""The name a pack's keys are kept under with its cache entry (kept again whenever this
module changes)."""


def pack_keys(pack: Pack) -> PackKeys:
    """The pack's concept keys: read back from its cache entry when kept there, else made
    (and kept)."""
    from .pack.cache import remembered_parts

    def fits(parts: list[Any]) -> bool:
        return len(parts) == 1 and isinstance(parts[0], dict)

    keys: PackKeys = remembered_parts(pack, KEYS_KEPT, lambda p: [keys_of(p)], fits,
                                      code=__file__)[0]
    return keys


def keys_of(pack: Pack) -> PackKeys:
    """The pack's concept keys, made (see `PackKeys`)."""
    with collector_paused():
        found: PackKeys = {}
        for entity in pack.entities.values():
            for key in dict.fromkeys(entity_keys(entity)):
                holders = found.get(key)
                if holders is None:
                    found[key] = [entity.id]
                else:
                    holders.append(entity.id)
        return found


def same_concepts(packs: Sequence[tuple[str, PackKeys]]) -> dict[tuple[str, str], list[
        tuple[str, str]]]:
    """For each pack's id and keys: each (pack, entity id) -> the (pack, entity id) pairs of
    *other* packs sharing a concept key with it, in the order the packs were given (each
    pack's entities in its order), keys taken in the order first met.

    Most keys belong to one pack only: only the keys two packs share are followed."""
    with collector_paused():
        return _same_concepts(packs)


def _same_concepts(packs: Sequence[tuple[str, PackKeys]]) -> dict[tuple[str, str], list[
        tuple[str, str]]]:
    seen: set[str] = set()
    shared: set[str] = set()
    for _, keys in packs:  # the keys met before in another pack (the smaller side walked)
        few, many = (keys, seen) if len(keys) < len(seen) else (seen, keys)
        shared.update(key for key in few if key in many)
        seen.update(keys)
    ordered: dict[str, None] = {}  # the shared keys, in the order first met
    for _, keys in packs:
        if len(ordered) == len(shared):
            break
        ordered.update((key, None) for key in keys if key in shared)
    links: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
    for key in ordered:
        holders = [(pack_id, entity_id) for pack_id, keys in packs
                   for entity_id in keys.get(key, ())]
        for one in holders:
            for other in holders:
                if other[0] != one[0]:
                    links.setdefault(one, {})[other] = None
    return {one: list(others) for one, others in links.items()}
