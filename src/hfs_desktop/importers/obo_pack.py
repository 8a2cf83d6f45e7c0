"""An OBO ontology's records as a knowledge pack's data (plain dicts the writer saves).

Mapping: a term's name stays its name, its definition becomes the summary and its comment
the details; EXACT synonyms become aliases, BROAD, NARROW and RELATED ones (and alt_ids, and
the ids of obsolete terms it replaces) search-only terms; ``is_a`` and ``relationship:``
become relations (the [Typedef]s declare their types), xrefs become codes (system = the
prefix), the definition's dbxrefs become the ontology's citations (ORCID curator ids
left out). Obsolete terms are left out, and links to them dropped and counted. The
ontology's release is the pack's one source, cited by every term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..pack.loader import CODE_SYSTEM_PATTERN, ID_PATTERN
from ..pack.validate import ONTOLOGY_CITATION, name_key
from .obo import Ontology, Term

IS_A = "is-a"
SOURCE_ID = "ontology-release"
TYPE_COLOURS = ("#1f6fe5", "#c447d6", "#3cb6b4", "#e0a31a", "#7a5cf5", "#13abec", "#b96946",
                "#d6246e", "#8d9aa6", "#ef7d1a")
"""Colours for the ontology's namespaces, in order (far from the badge colours)."""
SOURCE_COLOUR = "#c2a878"
INVERSES = {
    "part of": "has part", "has part": "part of", "regulates": "regulated by",
    "negatively regulates": "negatively regulated by",
    "positively regulates": "positively regulated by", "occurs in": "location of",
    "has participant": "participates in", "capable of": "capability of",
    "inheres in": "bearer of", "develops from": "develops into",
}
"""Inverse labels of common relations an ontology declares without ``inverse_of``."""
BUILTIN_RELATIONS = (
    {"id": "about", "label": "is about", "inverse": "claim about it",
     "description": "built in; a claim to the entities it is about"},
    {"id": "stated-in", "label": "stated in", "inverse": "states",
     "description": "built in; a claim to the article that makes it"},
    {"id": "cites", "label": "cites", "inverse": "cited by",
     "description": "built in; an entity to the sources of its text"},
)
DISCLAIMER = ("Imported from the ontology as published; not reviewed by the authors of HFS "
              "Desktop. For education; it does not replace clinical judgement.")


@dataclass(slots=True)
class ImportSummary:
    """What the import kept, left out and dropped (printed by ``hfs-kb import-obo``)."""

    terms: int = 0
    obsolete: int = 0
    bad_ids: list[str] = field(default_factory=list)
    links: int = 0
    links_to_obsolete: int = 0
    links_outside: int = 0
    xrefs_dropped: int = 0
    replaced_ids: int = 0
    relation_types: int = 0

    def lines(self) -> list[str]:
        out = [f"{self.terms} terms imported, {self.links} links, "
               f"{self.relation_types} relation types",
               f"{self.obsolete} obsolete terms left out; their ids are search terms of "
               f"{self.replaced_ids} replacing terms (replaced_by); consider: ignored",
               f"{self.links_to_obsolete} links to obsolete terms dropped, "
               f"{self.links_outside} links to terms not in the file dropped",
               f"{self.xrefs_dropped} xrefs that are not PREFIX:ID (URLs) dropped"]
        if self.bad_ids:
            shown = ", ".join(self.bad_ids[:5])
            out.append(f"{len(self.bad_ids)} terms left out: their ids are not PREFIX:ID "
                       f"({shown})")
        return out


@dataclass(slots=True)
class PackData:
    """Everything the writer saves: pack.yaml, entity-types.yaml, relations.yaml and the
    entities grouped by type."""

    meta: dict[str, Any]
    entity_types: list[dict[str, str]]
    relations: list[dict[str, str]]
    entities: dict[str, list[dict[str, Any]]]
    summary: ImportSummary


def kebab(text: str) -> str:
    """``human_phenotype`` -> ``human-phenotype``; ``HPO`` -> ``hpo``."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold())) or "term"


def ontology_to_pack(onto: Ontology, pack_id: str, name: str = "") -> PackData:
    """The pack data of a parsed ontology."""
    header = onto.header
    summary = ImportSummary()
    kept: dict[str, Term] = {}
    obsolete: set[str] = set()
    for term in onto.terms.values():
        if term.obsolete:
            obsolete.add(term.id)
        elif not ID_PATTERN.match(term.id):
            summary.bad_ids.append(term.id)
        else:
            kept[term.id] = term
    summary.obsolete = len(obsolete)
    replaced: dict[str, list[str]] = {}
    for old in sorted(obsolete):
        targets = onto.terms[old].replaced_by
        if len(targets) == 1 and targets[0] in kept:
            replaced.setdefault(targets[0], []).append(old)
    summary.replaced_ids = len(replaced)

    relations = _relation_types(onto, kept)
    summary.relation_types = len(relations)
    types: dict[str, dict[str, str]] = {}
    entities: dict[str, list[dict[str, Any]]] = {}
    for term in kept.values():
        namespace = term.namespace or header.default_namespace or "term"
        type_id = kebab(namespace)
        if type_id not in types:
            label = namespace.replace("_", " ").strip().capitalize()
            types[type_id] = {"id": type_id, "label": label, "plural": f"{label} terms",
                              "colour": TYPE_COLOURS[len(types) % len(TYPE_COLOURS)]}
        record = _entity(term, kept, obsolete, replaced.get(term.id, []), summary)
        entities.setdefault(type_id, []).append(record)
    summary.terms = len(kept)

    title = name or header.title or header.ontology or Path(onto.path).stem
    types["source"] = {"id": "source", "label": "Source", "plural": "Sources",
                       "colour": SOURCE_COLOUR}
    entities["source"] = [_source(onto, title)]
    version = _version(header.data_version or header.date)
    meta = {
        "id": pack_id,
        "name": title,
        "version": version,
        "kind": "imported",
        "language": "en",
        "description": header.description or
        f"The {title} ({header.data_version or 'no version given'}), imported from its OBO file.",
        "wording": {
            "subject": f"Imported from the {title}, release {version}.",
            "page_disclaimer": DISCLAIMER,
        },
    }
    return PackData(meta, list(types.values()), relations, entities, summary)


def _version(text: str) -> str:
    """``hp/releases/2025-01-16`` -> ``2025-01-16``; a bare version stays as it is."""
    parts = [part for part in text.strip().split("/") if part]
    return parts[-1] if parts else "unversioned"


def _relation_types(onto: Ontology, kept: dict[str, Term]) -> list[dict[str, str]]:
    """is_a, each relation the kept terms use (labels from the [Typedef]s), the built-ins."""
    used = dict.fromkeys(rel for term in kept.values() for rel, _ in term.relationships)
    rows = [{"id": IS_A, "label": "is a", "inverse": "has subtype",
             "description": "is_a: a more specific term to a more general one"}]
    for rel in used:
        typedef = onto.typedefs.get(rel)
        label = (typedef.name if typedef and typedef.name else rel.replace("_", " ")).strip()
        inverse = INVERSES.get(label.casefold(), f"{label} (inverse)")
        if typedef and typedef.inverse_of in onto.typedefs:
            inverse = onto.typedefs[typedef.inverse_of].name or inverse
        rows.append({"id": rel, "label": label, "inverse": inverse,
                     "description": f"the ontology's relation {rel}"})
    rows += [dict(row) for row in BUILTIN_RELATIONS]
    return rows


def _entity(term: Term, kept: dict[str, Term], obsolete: set[str], replaces: list[str],
            summary: ImportSummary) -> dict[str, Any]:
    name = term.name.strip() or term.id
    seen = {name_key(name)}

    def fresh(texts: list[str]) -> list[str]:
        out = []
        for text in texts:
            text = " ".join(text.split())
            key = name_key(text)
            if text and key not in seen:
                seen.add(key)
                out.append(text)
        return out

    aliases = fresh([s.text for s in term.synonyms if s.scope == "EXACT"])
    search = fresh([s.text for s in term.synonyms if s.scope != "EXACT"]
                   + term.alt_ids + replaces)
    record: dict[str, Any] = {"id": term.id, "name": name}
    if aliases:
        record["aliases"] = aliases
    if search:
        record["search_terms"] = search
    if term.definition.strip():
        record["summary"] = term.definition.strip()
    if term.comment.strip():
        record["details"] = term.comment.strip()
    codes = _codes(term.xrefs, summary)
    if codes:
        record["codes"] = codes
    links: dict[str, list[str]] = {}
    for rel, target in [(IS_A, t) for t in term.is_a] + term.relationships:
        if target == term.id:
            continue
        if target in kept:
            targets = links.setdefault(rel, [])
            if target not in targets:
                targets.append(target)
                summary.links += 1
        elif target in obsolete:
            summary.links_to_obsolete += 1
        else:
            summary.links_outside += 1
    if links:
        record["relations"] = links
    record["sources"] = [SOURCE_ID]
    cited = [ref for ref in dict.fromkeys(term.definition_xrefs)
             if ONTOLOGY_CITATION.match(ref) and not _is_curator(ref)]
    if cited:
        record["ontology_citations"] = cited
    return record


def _is_curator(ref: str) -> bool:
    """An ORCID: who wrote the definition, not a reference for it."""
    return "orcid.org/" in ref.casefold() or ref.upper().startswith("ORCID:")


def _codes(xrefs: list[str], summary: ImportSummary) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for xref in xrefs:
        system, _, code = xref.partition(":")
        code = code.strip()
        if not code or code.startswith("//") or " " in code \
                or not CODE_SYSTEM_PATTERN.match(system):
            summary.xrefs_dropped += 1
            continue
        values = codes.setdefault(system, [])
        if code not in values:
            values.append(code)
    return codes


def _source(onto: Ontology, title: str) -> dict[str, Any]:
    header = onto.header
    release = header.data_version or header.date or "no version given"
    parts = [f"{title}.", f"Release {release}."]
    if header.date and header.date != release:
        parts.append(f"Dated {header.date}.")
    parts.append(f"OBO file {Path(onto.path).name}"
                 + (f", format {header.format_version}" if header.format_version else "")
                 + ", imported with hfs-kb import-obo.")
    record: dict[str, Any] = {
        "id": SOURCE_ID,
        "name": f"{title} ({release})",
        "summary": "The ontology release this pack was imported from; every term cites it.",
        "citation": " ".join(parts),
        "kind": "ontology",
    }
    if header.remarks:
        record["note"] = " ".join(" ".join(r.split()) for r in header.remarks)
    return record
