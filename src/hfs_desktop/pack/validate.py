"""Every rule of a pack's content, checked in one pass, reported with file and line."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostics
from .model import BUILTIN_RELATIONS, FOLK_REMEDY, UNPROVEN, Entity, Location, Pack

EXPERT_OPINION = "expert-opinion"
CLAIM_REQUIRED = ("statement", "stated_in", "about", "verdict", "rationale", "sources")


def validate_pack(pack: Pack, diags: Diagnostics | None = None) -> Diagnostics:
    """Check the pack's rules; adds to (and returns) ``diags``."""
    diags = diags if diags is not None else Diagnostics()
    _check_vocabularies(pack, diags)
    linked: set[str] = set()
    for entity in pack.entities.values():
        _check_links(pack, entity, diags, linked)
        _check_evidence(pack, entity, diags)
        if entity.type == "claim":
            _check_claim(pack, entity, diags)
        if entity.type == "source" and not entity.extra.get("citation"):
            diags.error(entity.location, f"source '{entity.id}' has no 'citation'")
    for entity in pack.entities.values():
        if entity.id not in linked:
            diags.warning(entity.location, f"orphan: '{entity.id}' links to nothing and "
                                           "nothing links to it")
    return diags


def _check_vocabularies(pack: Pack, diags: Diagnostics) -> None:
    where = Path(pack.root).name
    if pack.evidence_levels and UNPROVEN not in pack.evidence_levels:
        diags.error(Location(f"{where}/evidence-levels.yaml"),
                    f"the evidence vocabulary must define the level '{UNPROVEN}'")
    for relation in BUILTIN_RELATIONS:
        if pack.relation_types and relation not in pack.relation_types:
            diags.error(Location(f"{where}/relations.yaml"),
                        f"the built-in relation '{relation}' must be listed")


def _check_links(pack: Pack, entity: Entity, diags: Diagnostics, linked: set[str]) -> None:
    for relation, targets in entity.relations.items():
        if relation not in pack.relation_types:
            diags.error(entity.where("relations"),
                        f"'{entity.id}': unknown relation '{relation}'")
            continue
        if relation in BUILTIN_RELATIONS:
            diags.error(entity.where("relations"),
                        f"'{entity.id}': '{relation}' is derived from other fields; "
                        "do not write it under relations")
        for target in targets:
            if target == entity.id:
                diags.error(entity.where("relations"),
                            f"'{entity.id}' relates to itself ({relation})")
            elif target not in pack.entities:
                diags.error(entity.where("relations"),
                            f"'{entity.id}': {relation} -> '{target}' is not defined "
                            "(dangling reference)")
            else:
                linked.update((entity.id, target))
    for target in entity.about:
        if target not in pack.entities:
            diags.error(entity.where("about"),
                        f"claim '{entity.id}' is about '{target}', which is not defined")
        else:
            linked.update((entity.id, target))
    field_of = {key: "sources" for key in entity.sources}
    if entity.evidence:
        field_of.update({key: "evidence" for key in entity.evidence.sources})
    field_of.update({key: "stated_in" for key in entity.stated_in})
    for key, field_name in field_of.items():
        source = pack.entities.get(key)
        if source is None:
            diags.error(entity.where(field_name),
                        f"'{entity.id}': source key '{key}' is not defined")
        elif source.type != "source":
            diags.error(entity.where(field_name),
                        f"'{entity.id}': '{key}' is a {source.type}, not a source")
        else:
            linked.update((entity.id, key))


def _check_evidence(pack: Pack, entity: Entity, diags: Diagnostics) -> None:
    evidence = entity.evidence
    if evidence is None:
        if entity.type == "treatment":
            diags.error(entity.location, f"treatment '{entity.id}' has no evidence")
        if entity.category == FOLK_REMEDY:
            diags.error(entity.location,
                        f"folk remedy '{entity.id}' must have evidence level '{UNPROVEN}'")
        return
    at = entity.where("evidence")
    if evidence.level and evidence.level not in pack.evidence_levels:
        known = ", ".join(pack.evidence_levels)
        diags.error(at, f"'{entity.id}': unknown evidence level '{evidence.level}' "
                        f"(known: {known})")
    if entity.category == FOLK_REMEDY and evidence.level != UNPROVEN:
        diags.error(at, f"folk remedy '{entity.id}' is graded '{evidence.level}'; "
                        f"folk remedies must be '{UNPROVEN}'")
    if not evidence.rationale:
        diags.error(at, f"'{entity.id}': evidence has no rationale")
    graded = evidence.level in pack.evidence_levels
    if graded and not evidence.sources and evidence.level not in (UNPROVEN, EXPERT_OPINION):
        diags.error(at, f"'{entity.id}': evidence level '{evidence.level}' cites no source")


def _check_claim(pack: Pack, entity: Entity, diags: Diagnostics) -> None:
    for name in CLAIM_REQUIRED:
        if not getattr(entity, name):
            diags.error(entity.location, f"claim '{entity.id}' has no '{name}'")
    if entity.verdict and entity.verdict not in pack.verdicts:
        known = ", ".join(pack.verdicts)
        diags.error(entity.where("verdict"),
                    f"claim '{entity.id}': unknown verdict '{entity.verdict}' (known: {known})")
