"""Every rule of a pack's content, checked in one pass, reported with file and line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from .citations import CITATION, bare_keys, citation_keys
from .diagnostics import KNOCK_ON, Diagnostics
from .features import check_features
from .model import (
    BUILTIN_RELATIONS,
    EXPERT_OPINION,
    FOLK_REMEDY,
    UNPROVEN,
    UNVERIFIED,
    Entity,
    Evidence,
    Location,
    Pack,
)

CLAIM_REQUIRED = ("statement", "stated_in", "about", "verdict", "rationale")
UNSOURCED_OK = (UNPROVEN, EXPERT_OPINION, UNVERIFIED)
"""Levels that may rest on no source (no evidence, opinion, nothing checked either way)."""


def validate_pack(pack: Pack, diags: Diagnostics | None = None) -> Diagnostics:
    """Check the pack's rules; adds to (and returns) ``diags``."""
    diags = diags if diags is not None else Diagnostics()
    _check_vocabularies(pack, diags)
    linked: set[str] = set()
    sources = frozenset(key for key, entity in pack.entities.items() if entity.type == "source")
    for entity in pack.entities.values():
        _check_links(pack, entity, diags, linked, sources)
        _check_evidence(pack, entity, diags)
        _check_graded(pack, entity, diags)
        _check_citations(entity, diags, sources)
        _check_names(entity, diags, shown_variants_are_errors=pack.meta.reviewed)
        _check_ontology_citations(entity, diags)
        if entity.type == "claim":
            _check_claim(pack, entity, diags)
        if entity.type == "source" and not entity.extra.get("citation"):
            diags.error(entity.location, f"source '{entity.id}' has no 'citation'")
    check_features(pack, diags)
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


def _check_links(pack: Pack, entity: Entity, diags: Diagnostics, linked: set[str],
                 sources: frozenset[str]) -> None:
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
            at = entity.item_where(f"relations.{relation}", target)
            if target == entity.id:
                diags.error(at, f"'{entity.id}' relates to itself ({relation})")
            elif target not in pack.entities:
                _undefined(diags, at, f"'{entity.id}': {relation} -> '{target}' is not defined",
                           target, pack.entities)
            else:
                linked.update((entity.id, target))
    for target in entity.about:
        if target not in pack.entities:
            _undefined(diags, entity.item_where("about", target),
                       f"claim '{entity.id}' is about '{target}', which is not defined",
                       target, pack.entities)
        else:
            linked.update((entity.id, target))
    field_of = {key: "sources" for key in entity.sources}
    for name, graded in entity.graded():
        field_of.update({key: f"{name}.sources" for key in graded.sources})
    if entity.frequency:
        field_of.update({key: "frequency.sources" for key in entity.frequency.sources})
    field_of.update({key: "stated_in" for key in entity.stated_in})
    for key, path in field_of.items():
        source = pack.entities.get(key)
        at = entity.item_where(path, key)
        if source is None:
            _undefined(diags, at, f"'{entity.id}': source key '{key}' is not defined",
                       key, sorted(sources))
        elif source.type != "source":
            diags.error(at, f"'{entity.id}': '{key}' is a {source.type}, not a source")
        else:
            linked.update((entity.id, key))


def _undefined(diags: Diagnostics, at: Location, message: str, name: str,
               known: Iterable[str]) -> None:
    """A reference to an undefined id, with "did you mean" for a near miss. Without a near
    miss it may follow from a file that could not be read (a knock-on error)."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.88)
    if close:
        diags.error(at, f"{message} (did you mean '{close[0]}'?)")
    else:
        diags.error(at, message, KNOCK_ON)


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


def _check_graded(pack: Pack, entity: Entity, diags: Diagnostics) -> None:
    """A treatment's recommendation and a cause's association: known level, why, sources."""
    if (entity.type == "treatment" and pack.recommendation_levels
            and entity.recommendation is None):
        diags.error(entity.location, f"treatment '{entity.id}' has no recommendation")
    tables = (("recommendation", entity.recommendation, pack.recommendation_levels),
              ("association", entity.association, pack.association_levels))
    for name, graded, levels in tables:
        if graded is not None:
            _check_level(entity, name, graded, set(levels), diags)
    if entity.frequency is not None and not entity.frequency.sources:
        diags.error(entity.where("frequency"),
                    f"'{entity.id}': a frequency must cite the sources that give it")


def _check_level(entity: Entity, name: str, graded: Evidence, known: set[str],
                 diags: Diagnostics) -> None:
    at = entity.where(name)
    if graded.level and graded.level not in known:
        listed = ", ".join(sorted(known)) or f"none: the pack has no {name}-levels.yaml"
        diags.error(at, f"'{entity.id}': unknown {name} level '{graded.level}' "
                        f"(known: {listed})")
    if not graded.rationale:
        diags.error(at, f"'{entity.id}': {name} has no rationale")
    if graded.sources:
        return
    if name == "recommendation":  # even one that rests on the absence of evidence
        diags.error(at, f"'{entity.id}': a recommendation must cite its sources")
    elif graded.level not in UNSOURCED_OK:
        diags.error(at, f"'{entity.id}': {name} level '{graded.level}' cites no source")


PLAIN_FIELD_SOURCES = {"statement": "'stated_in' or 'sources'",
                       "frequency": "'frequency.sources'"}
"""Where a source belongs when a field that shows no citation links names one."""


def _check_citations(entity: Entity, diags: Diagnostics, sources: frozenset[str]) -> None:
    """Every [@key] names a source; no source key stands bare in the text; no [@...] in a
    field that shows citations as written (a name, an alias, a statement, a figure)."""
    for field_name, text in entity.texts():
        at = entity.where(field_name)
        for key in dict.fromkeys(citation_keys(text)):
            if key not in sources:
                _undefined(diags, at, f"'{entity.id}': {field_name} cites '{key}', which is "
                                      "not a source", key, sorted(sources))
        for key in bare_keys(text, sources):
            diags.error(at, f"'{entity.id}': {field_name} names the source key '{key}' as "
                            f"plain text; cite it as [@{key}]")
    for field_name, text in entity.plain_texts():
        at = entity.item_where(field_name, text)
        where_cited = PLAIN_FIELD_SOURCES.get(field_name.split(".")[0], "'sources'")
        if "[@" in text:
            diags.error(at, f"'{entity.id}': {field_name} holds citation markup "
                            f"({_markup(text)}), which is not shown as a link there; "
                            f"list the source under {where_cited}")
            continue
        for key in bare_keys(text, sources):
            diags.error(at, f"'{entity.id}': {field_name} names the source key '{key}' as "
                            f"plain text; list the source under {where_cited}")


def _markup(text: str) -> str:
    """The first citation group of a text, or where its markup starts (for a message)."""
    match = CITATION.search(text)
    start = text.index("[@")
    return match.group(0) if match is not None else text[start:start + 30]


ONTOLOGY_CITATION = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:\S+$")
"""An ontology's reference as it writes it: ``PMID:15286298``, ``HPO:probinson``, a URL."""


def _check_ontology_citations(entity: Entity, diags: Diagnostics) -> None:
    """An ontology's own references are PREFIX:ID strings, kept apart from checked sources."""
    for ref in entity.ontology_citations:
        if not ONTOLOGY_CITATION.match(ref):
            diags.error(entity.item_where("ontology_citations", ref),
                        f"'{entity.id}': ontology citation '{ref}' is not PREFIX:ID "
                        "(PMID:15286298)")


def name_key(term: str) -> str:
    """A name reduced for near-duplicate checks: case, punctuation, a plural 's', and spaces
    and hyphens between words ("Brain stems", "brainstem" and "brain-stem" meet)."""
    return "".join(_words(term))


def _words(term: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", term.casefold())
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def _check_names(entity: Entity, diags: Diagnostics, *,
                 shown_variants_are_errors: bool = True) -> None:
    """No alias or search term repeats the name or another alias up to case and punctuation,
    and no alias is the name or another alias with its words split or joined differently
    ("brain stem" beside "Brainstem"): shown names are merged, so a page lists each once.

    A search term may be such a spelling variant ("intra-operative monitoring"): search
    terms exist to hold variants, and they are never shown. In an imported pack a split
    variant among the aliases is left alone: it is the ontology's own synonym, and a pack
    imported before ``import-obo`` merged them must still open."""
    name_words = _words(entity.name)
    seen = {"".join(name_words): ("the name", name_words)}
    for field_name, terms in (("aliases", entity.aliases), ("search_terms", entity.search_terms)):
        for term in terms:
            words = _words(term)
            key = "".join(words)
            if key not in seen:
                seen[key] = (f"'{term}'", words)
                continue
            repeated, its_words = seen[key]
            at = entity.item_where(field_name, term)
            if words == its_words:
                diags.error(at, f"'{entity.id}': {field_name} entry '{term}' repeats "
                                f"{repeated}; merge them")
            elif field_name == "aliases" and shown_variants_are_errors:
                diags.error(at, f"'{entity.id}': alias '{term}' is {repeated} with words "
                                "split or joined differently; keep one name and move the "
                                "variant to search_terms")


def _check_claim(pack: Pack, entity: Entity, diags: Diagnostics) -> None:
    for name in CLAIM_REQUIRED:
        if not getattr(entity, name):
            diags.error(entity.location, f"claim '{entity.id}' has no '{name}'")
    if not entity.sources and entity.verdict != UNVERIFIED:
        diags.error(entity.location,
                    f"claim '{entity.id}' has no 'sources': a verdict other than "
                    f"'{UNVERIFIED}' must cite the references it rests on")
    if entity.verdict and entity.verdict not in pack.verdicts:
        known = ", ".join(pack.verdicts)
        diags.error(entity.where("verdict"),
                    f"claim '{entity.id}': unknown verdict '{entity.verdict}' (known: {known})")
