"""Concept keys: codes and cross-references that name the same concept, made comparable.

``SNOMEDCT_US:13753008``, ``SNOMED-CT: 13753008`` and ``SNOMED CT 13753008`` all give the
key ``SNOMED:13753008``; likewise UMLS, MeSH, ICD-10, HPO, Orphanet and OMIM under their
usual spellings. Entities of different packs that share a key are "the same concept".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .bulk import collector_paused
from .pack.model import Entity

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


def same_concepts(entities: Iterable[tuple[str, Entity]]) -> dict[tuple[str, str], list[
        tuple[str, str]]]:
    """For (pack id, entity) pairs: each (pack, entity id) -> the (pack, entity id) pairs of
    *other* packs sharing a concept key with it, in the order the packs were given.

    Most keys belong to one pack only: each pack's keys are gathered as a set first, and
    only the keys two packs share are followed to their entities."""
    with collector_paused():
        return _same_concepts(entities)


def _same_concepts(entities: Iterable[tuple[str, Entity]]) -> dict[tuple[str, str], list[
        tuple[str, str]]]:
    keyed: list[tuple[str, str, str]] = []  # (key, pack, entity id), in the order given
    keys_of: dict[str, set[str]] = {}  # pack -> its keys
    for pack_id, entity in entities:
        keys = dict.fromkeys(entity_keys(entity))
        if keys:
            keyed += [(key, pack_id, entity.id) for key in keys]
            keys_of.setdefault(pack_id, set()).update(keys)
    seen: set[str] = set()
    shared: set[str] = set()
    for pack_keys in keys_of.values():
        shared |= seen & pack_keys
        seen |= pack_keys
    by_key: dict[str, list[tuple[str, str]]] = {}
    for key, pack_id, entity_id in keyed:
        if key in shared:
            by_key.setdefault(key, []).append((pack_id, entity_id))
    links: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
    for holders in by_key.values():
        for one in holders:
            for other in holders:
                if other[0] != one[0]:
                    links.setdefault(one, {})[other] = None
    return {one: list(others) for one, others in links.items()}
