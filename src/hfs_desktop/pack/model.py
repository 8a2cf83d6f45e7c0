"""Typed records of a knowledge pack: entities, evidence, vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .citations import citation_keys


@dataclass(frozen=True, slots=True)
class EntityType:
    """A kind of entity as a pack names and colours it."""

    id: str
    label: str
    plural: str
    colour: str


def _type(type_id: str, label: str, plural: str, colour: str) -> tuple[str, EntityType]:
    return type_id, EntityType(type_id, label, plural, colour)


DEFAULT_ENTITY_TYPES: dict[str, EntityType] = dict((
    _type("condition", "Condition", "Conditions", "#d6246e"),
    _type("cause", "Cause", "Causes", "#b96946"),
    _type("risk-factor", "Risk factor", "Risk factors", "#e0a31a"),
    _type("symptom", "Symptom", "Symptoms", "#1f6fe5"),
    _type("sign", "Sign", "Signs", "#13abec"),
    _type("trigger", "Trigger", "Triggers", "#ef7d1a"),
    _type("diagnostic", "Diagnostic", "Diagnostics", "#3cb6b4"),
    _type("treatment", "Treatment", "Treatments", "#c447d6"),
    _type("complication", "Complication", "Complications", "#7a5cf5"),
    _type("anatomy", "Anatomy", "Anatomy", "#8d9aa6"),
    _type("mechanism", "Mechanism", "Mechanisms", "#f28bc0"),
    _type("course", "Course and outlook", "Course and outlook", "#a3a12a"),
    _type("source", "Source", "Sources", "#c2a878"),
    _type("claim", "Claim", "Claims", "#a99be0"),
))
"""The entity kinds of a pack without its own ``entity-types.yaml``, in legend order. The
colours are mid-light, so a dot reads on light and dark backgrounds, and far from the badge
colours (no greens, no reds), which mean "High", "Supported" or "Unproven" elsewhere."""

ENTITY_TYPES: dict[str, str] = {t.id: t.label for t in DEFAULT_ENTITY_TYPES.values()}
"""The default kinds' labels (a pack's own are ``Pack.entity_types``)."""

DEFAULT_WORDING: dict[str, str] = {
    "subject": "An offline reference for medical students and clinicians.",
    "page_disclaimer": "For education; it does not replace clinical judgement.",
    "folk_remedy_warning": ("Folk remedy, unproven: no study shows that it helps. Do not use "
                            "it in place of a treatment your doctor recommends."),
    "unproven_warning": "Unproven: there is no evidence that this helps.",
    "contradicted_warning": ("This statement is contradicted by the evidence: do not rely "
                             "on it."),
    "legend_recommendation": "how strongly a treatment is recommended",
    "legend_evidence": "how sure the studies are that a treatment helps",
    "legend_association": ("how strongly a cause, risk factor or trigger is linked to a "
                           "condition (a link is not proof of cause)"),
    "legend_verdicts": "our verdict on a statement made in an article",
    "legend_figures": ("how often a finding occurs, or how accurate a test is, as the cited "
                       "sources report it"),
}
"""Every sentence a page may need that depends on the pack's subject: the core's neutral
defaults, which a pack overrides under ``wording`` in its pack.yaml."""

REVIEWED, IMPORTED = "reviewed", "imported"
PACK_KINDS = (REVIEWED, IMPORTED)
"""A pack written and checked by its authors, or converted from a foreign format."""

GRADED_BY_ASSOCIATION = ("cause", "risk-factor", "trigger")
"""Kinds whose badge is the strength of their association with the condition."""

WITH_FREQUENCY = ("condition", "symptom", "sign", "diagnostic", "complication", "anatomy",
                  "mechanism", "course")
"""Kinds that may carry a sourced figure (how common, how specific, how accurate)."""

CODE_SYSTEMS = ("ICD-10", "ICD-10-CM", "ICD-11", "MeSH", "SNOMED-CT", "HPO", "UMLS")
"""Well-known coding systems, shown first and in this order; ``codes`` may use any other
system name too (an ontology's xref prefixes: ``MSH``, ``SNOMEDCT_US``, ...)."""


def code_systems_in_order(codes: dict[str, tuple[str, ...]]) -> list[str]:
    """The systems of ``codes``: the well-known ones in their order, then the rest by name."""
    known = [system for system in CODE_SYSTEMS if system in codes]
    return known + sorted((s for s in codes if s not in CODE_SYSTEMS), key=str.casefold)

# Relations the loader derives from claim and evidence fields; relations.yaml must list them.
ABOUT, STATED_IN, CITES = "about", "stated-in", "cites"
BUILTIN_RELATIONS = (ABOUT, STATED_IN, CITES)

FOLK_REMEDY = "folk-remedy"
UNPROVEN = "unproven"
EXPERT_OPINION = "expert-opinion"
UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a pack file (1-based line and column)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True, slots=True)
class EvidenceLevel:
    id: str
    label: str
    colour: str
    meaning: str
    grade: str
    aan: str
    rank: int
    badge_phrase: str = ""
    """The level's words after a recommendation in a badge ("expert opinion only" in "For
    selected patients · expert opinion only"); "" leaves them to the core (`badges`)."""


@dataclass(frozen=True, slots=True)
class Level:
    """A step of a ranked vocabulary (recommendations, association strengths)."""

    id: str
    label: str
    colour: str
    meaning: str
    rank: int


@dataclass(frozen=True, slots=True)
class Verdict:
    id: str
    label: str
    colour: str
    meaning: str


@dataclass(frozen=True, slots=True)
class RelationType:
    id: str
    label: str
    inverse: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A graded judgement: a level of one vocabulary, why, and on what sources.

    Used for a treatment's evidence and recommendation and a cause's association."""

    level: str
    rationale: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A short sourced figure shown as a badge: "in 86%; specificity 100%"."""

    label: str
    sources: tuple[str, ...] = ()


@dataclass(slots=True)
class Entity:
    """One node of the knowledge graph, as written in the pack."""

    id: str
    type: str
    name: str
    location: Location
    aliases: tuple[str, ...] = ()
    summary: str = ""
    details: str = ""
    category: str = ""
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    relations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    evidence: Evidence | None = None
    recommendation: Evidence | None = None
    association: Evidence | None = None
    frequency: Figure | None = None
    sources: tuple[str, ...] = ()
    # Search-only terms: misspellings and spelling variants (search uses them, pages do not).
    search_terms: tuple[str, ...] = ()
    # References an imported ontology gives for the term ("PMID:15286298"): shown as the
    # ontology's, never numbered or checked as the pack's sources.
    ontology_citations: tuple[str, ...] = ()
    # Claims
    statement: str = ""
    stated_in: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    verdict: str = ""
    rationale: str = ""
    # Sources and anything else the pack adds (citation, doi, pmid, ...): plain strings.
    extra: dict[str, str] = field(default_factory=dict)
    # Where each field was written, for messages that point at the field itself.
    field_locations: dict[str, Location] = field(default_factory=dict)
    # Where each list item was written, as "relations.treats:hemifacial-spasm" or "about:x".
    item_locations: dict[str, Location] = field(default_factory=dict)

    def where(self, field_name: str) -> Location:
        """The location of a field, or of the entity when the field is absent."""
        return self.field_locations.get(field_name, self.location)

    def item_where(self, path: str, item: str) -> Location:
        """The location of one list item ("relations.treats", "x"), else of its field."""
        return self.item_locations.get(f"{path}:{item}", self.where(path.split(".")[0]))

    def graded(self) -> tuple[tuple[str, Evidence], ...]:
        """The graded judgements present: ("evidence" | "recommendation" | "association", it)."""
        pairs = (("evidence", self.evidence), ("recommendation", self.recommendation),
                 ("association", self.association))
        return tuple((name, value) for name, value in pairs if value is not None)

    def texts(self) -> tuple[tuple[str, str], ...]:
        """(field, text) of every prose field a reader sees, where citations may stand."""
        pairs = [("summary", self.summary), ("details", self.details),
                 ("rationale", self.rationale)]
        pairs += [(name, graded.rationale) for name, graded in self.graded()]
        if "note" in self.extra:
            pairs.append(("note", self.extra["note"]))
        return tuple((name, text) for name, text in pairs if text)

    def plain_texts(self) -> tuple[tuple[str, str], ...]:
        """(field, text) of every field a reader sees where citations are not links: the name,
        each alias, a claim's statement and a figure's label (shown as written)."""
        pairs = [("name", self.name), *(("aliases", alias) for alias in self.aliases),
                 ("statement", self.statement)]
        if self.frequency is not None:
            pairs.append(("frequency.label", self.frequency.label))
        return tuple((name, text) for name, text in pairs if text)

    def inline_citations(self) -> tuple[str, ...]:
        """Source keys cited with [@key] markup in the entity's text, in first-seen order."""
        keys: list[str] = []
        for _, text in self.texts():
            keys += citation_keys(text)
        return tuple(dict.fromkeys(keys))

    def cited_sources(self) -> tuple[str, ...]:
        """Every source key this entity relies on, in first-seen order: inline citations
        first, then the evidence, recommendation, association, figure and other sources."""
        keys = list(self.inline_citations())
        for _, graded in self.graded():
            keys += graded.sources
        if self.frequency:
            keys += self.frequency.sources
        keys += self.sources
        keys += self.stated_in
        return tuple(dict.fromkeys(keys))

    def outgoing(self) -> list[tuple[str, str]]:
        """All (relation id, target id) pairs, the derived built-in relations included."""
        pairs = [(rel, target) for rel, targets in self.relations.items() for target in targets]
        pairs += [(ABOUT, target) for target in self.about]
        pairs += [(STATED_IN, target) for target in self.stated_in]
        cited = [key for key in self.cited_sources() if key not in self.stated_in]
        pairs += [(CITES, key) for key in cited]
        return pairs


@dataclass(slots=True)
class PackMeta:
    id: str
    name: str
    version: str
    last_reviewed: str
    description: str = ""
    language: str = "en"
    kind: str = "reviewed"
    """"reviewed" (written and checked by its authors) or "imported" (converted from an
    ontology: its terms carry no evidence level and no badge)."""
    wording: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_WORDING))
    """Every pack-specific sentence (DEFAULT_WORDING overridden by the pack's ``wording``)."""

    @property
    def reviewed(self) -> bool:
        return self.kind != IMPORTED


@dataclass(slots=True)
class Pack:
    """A loaded knowledge pack. ``entities`` keeps file order."""

    root: str
    meta: PackMeta
    evidence_levels: dict[str, EvidenceLevel]
    verdicts: dict[str, Verdict]
    relation_types: dict[str, RelationType]
    entities: dict[str, Entity]
    recommendation_levels: dict[str, Level] = field(default_factory=dict)
    association_levels: dict[str, Level] = field(default_factory=dict)
    entity_types: dict[str, EntityType] = field(
        default_factory=lambda: dict(DEFAULT_ENTITY_TYPES))
    # The differential table (differential.yaml): findings linked for or against conditions.
    differential: FeatureTable | None = None
    # Set by load_pack when the pack cache stands for the files: the entry and its key,
    # under which values derived from the pack are kept (pack.cache.remembered), and those
    # values once read or computed (notes of this process: never written to the cache).
    cache_entry: str = field(default="", compare=False, repr=False)
    cache_key: str = field(default="", compare=False, repr=False)
    derived: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def type_label(self, type_id: str) -> str:
        """The display label of an entity kind (the id itself for an unknown kind)."""
        kind = self.entity_types.get(type_id)
        return kind.label if kind else type_id

    def word(self, key: str) -> str:
        """A pack-specific sentence (see DEFAULT_WORDING)."""
        return self.meta.wording.get(key) or DEFAULT_WORDING[key]

    def level(self, level_id: str) -> EvidenceLevel | None:
        return self.evidence_levels.get(level_id)

    def evidence_rank(self, entity: Entity) -> int | None:
        """The rank of an entity's evidence level, or None when it has none."""
        if entity.evidence is None:
            return None
        level = self.evidence_levels.get(entity.evidence.level)
        return level.rank if level else None

    def to_plain(self, entity: Entity) -> dict[str, Any]:
        """The entity as JSON-ready data (what `show --json` and the export print)."""
        data: dict[str, Any] = {
            "id": entity.id,
            "type": entity.type,
            "name": entity.name,
            "aliases": list(entity.aliases),
            "summary": entity.summary,
            "details": entity.details,
            "category": entity.category,
            "codes": {system: list(codes) for system, codes in entity.codes.items()},
            "relations": {rel: list(targets) for rel, targets in entity.relations.items()},
            "search_terms": list(entity.search_terms),
            "evidence": None,
            "sources": list(entity.sources),
            "file": entity.location.path,
            "line": entity.location.line,
        }
        for name, graded in entity.graded():
            data[name] = {
                "level": graded.level,
                "rationale": graded.rationale,
                "sources": list(graded.sources),
            }
        if entity.type == "treatment":
            data.setdefault("recommendation", None)
        if entity.ontology_citations:
            data["ontology_citations"] = list(entity.ontology_citations)
        if entity.frequency:
            data["frequency"] = {"label": entity.frequency.label,
                                 "sources": list(entity.frequency.sources)}
        if entity.type == "claim":
            data.update(
                statement=entity.statement,
                stated_in=list(entity.stated_in),
                about=list(entity.about),
                verdict=entity.verdict,
                rationale=entity.rationale,
            )
        data.update(entity.extra)
        return data


# -- the differential table (differential.yaml) ----------------------------------------------

FOR, AGAINST = "for", "against"
RED_FLAG_RELATION = "warning-sign-in"
"""A finding is a red flag when its entity carries this relation (red-flags.yaml)."""


def is_red_flag(pack: Pack, entity_id: str) -> bool:
    """Whether a finding is a red flag (its entity is a warning sign that calls for imaging)."""
    entity = pack.entities.get(entity_id)
    return entity is not None and bool(entity.relations.get(RED_FLAG_RELATION))


@dataclass(frozen=True, slots=True)
class FeatureLink:
    """One statement of the pack: a finding speaks for (or against) a condition, on the
    sources named, or as expert opinion (then ``sources`` is empty)."""

    feature: str
    condition: str
    direction: str  # FOR or AGAINST
    note: str
    sources: tuple[str, ...] = ()
    expert_opinion: bool = False
    location: Location = Location("")

    @property
    def sourced(self) -> bool:
        return bool(self.sources) and not self.expert_opinion


@dataclass(frozen=True, slots=True)
class Feature:
    """A finding the differential helper offers (an entity id), with an optional note shown
    when it is ticked."""

    id: str
    note: str = ""
    location: Location = Location("")


@dataclass(slots=True)
class FeatureTable:
    """The findings offered, in display order, and every link from a finding to a condition."""

    features: list[Feature] = field(default_factory=list)
    links: list[FeatureLink] = field(default_factory=list)
    red_flag_warning: str = ""
    location: Location = Location("")
