"""Read a pack folder into typed records, reporting shape problems with file and line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .diagnostics import ROOT_CAUSE, Diagnostics
from .features import read_features
from .model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_WORDING,
    GRADED_BY_ASSOCIATION,
    PACK_KINDS,
    WITH_FREQUENCY,
    Entity,
    EntityType,
    Evidence,
    EvidenceLevel,
    Figure,
    Level,
    Location,
    Pack,
    PackMeta,
    RelationType,
    Verdict,
)
from .yamlread import LocList, LocMap, YamlProblem, read_yaml

_Row = TypeVar("_Row", EvidenceLevel, RelationType, Level, EntityType)

KEBAB_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PREFIXED_ID = r"[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*:[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*"
ID_PATTERN = re.compile(rf"^(?:{KEBAB_ID}|{PREFIXED_ID})$")
"""An entity id: kebab-case (``botulinum-toxin``) or an ontology's ``PREFIX:ID``
(``HP:0010828``, ``GO:0008150``); never spaces, slashes or other punctuation."""
CODE_SYSTEM_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$")
"""A code system's name: ``ICD-10-CM``, ``SNOMEDCT_US``, ``MSH`` (any, not a closed list)."""
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")

COMMON_FIELDS = {
    "id", "type", "name", "aliases", "search_terms", "summary", "details", "category", "codes",
    "relations", "sources", "ontology_citations",
}
KIND_FIELDS = {
    "treatment": {"evidence", "recommendation"},
    **{kind: {"association"} for kind in GRADED_BY_ASSOCIATION},
    **{kind: {"frequency"} for kind in WITH_FREQUENCY},
}
"""Fields only some kinds may carry: a treatment's evidence for benefit and recommendation,
a cause's strength of association, a sign's (or other finding's) sourced figure."""
CLAIM_FIELDS = {"statement", "stated_in", "about", "verdict", "rationale"}
SOURCE_FIELDS = {
    "citation", "kind", "year", "authors", "journal", "pmid", "pmcid", "doi", "url", "note",
}


def read_pack(root: Path | str) -> tuple[Pack, Diagnostics]:
    """Load every file of a pack; never raises for bad content.

    Returns the pack as far as it could be read and the problems met on the way.
    Paths in messages are relative to the pack's parent folder (``knowledge/pack.yaml``).
    """
    root = Path(root)
    diags = Diagnostics()
    reader = _Reader(root, diags)
    meta, verdicts = reader.read_meta()
    reviewed = meta.kind == "reviewed"
    pack = Pack(
        root=str(root),
        meta=meta,
        evidence_levels=reader.read_levels(required=reviewed),
        verdicts=verdicts,
        relation_types=reader.read_relations(),
        entities={},
        recommendation_levels=reader.read_ranked("recommendation-levels.yaml",
                                                 "recommendation level"),
        association_levels=reader.read_ranked("association-levels.yaml", "association level"),
        entity_types=reader.read_entity_types(),
    )
    reader.read_entities(pack)
    pack.differential = read_features(root, reader.display(root), diags)
    return pack, diags


class _Reader:
    def __init__(self, root: Path, diags: Diagnostics) -> None:
        self.root = root
        self.diags = diags
        self.reviewed = True  # an imported pack's terms may lack a summary (a definition)

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def load(self, path: Path, required: bool = True) -> Any:
        shown = self.display(path)
        if not path.is_file():
            if required:
                self.diags.error(Location(shown), "missing file", ROOT_CAUSE)
            return None
        try:
            if path.suffix == ".jsonl":
                from .jsonlread import read_jsonl

                result = read_jsonl(path, shown)
            else:
                result = read_yaml(path, shown)
        except YamlProblem as problem:
            self.diags.error(problem.location, problem.message, ROOT_CAUSE)
            return None
        for loc, key in result.duplicate_keys:
            self.diags.error(loc, f"duplicate key '{key}' (the first one is kept)")
        return result.data

    # -- pack.yaml, evidence-levels.yaml, relations.yaml ---------------------------------

    def read_meta(self) -> tuple[PackMeta, dict[str, Verdict]]:
        data = self.load(self.root / "pack.yaml")
        meta = PackMeta(id="", name="", version="", last_reviewed="")
        verdicts: dict[str, Verdict] = {}
        if data is None:
            return meta, verdicts
        if not isinstance(data, LocMap):
            self.diags.error(_loc_of(data, self.display(self.root / "pack.yaml")),
                             "pack.yaml must be a mapping")
            return meta, verdicts
        fields = _Fields(data, self.diags)
        kind = fields.text("kind") or "reviewed"
        if kind not in PACK_KINDS:
            self.diags.error(fields.at("kind"), _unknown("pack kind", kind, PACK_KINDS))
            kind = "reviewed"
        self.reviewed = kind == "reviewed"
        meta = PackMeta(
            id=fields.text("id", required=True),
            name=fields.text("name", required=True),
            version=fields.text("version", required=True),
            last_reviewed=fields.text("last_reviewed", required=kind == "reviewed"),
            description=fields.text("description"),
            language=fields.text("language") or "en",
            kind=kind,
            wording=self._wording(fields),
        )
        for item in fields.records("verdicts"):
            f = _Fields(item, self.diags)
            verdict = Verdict(
                id=f.text("id", required=True),
                label=f.text("label", required=True),
                colour=f.colour("colour"),
                meaning=f.text("meaning", required=True),
            )
            self._add_unique(verdicts, verdict.id, verdict, item.loc, "verdict")
        if not verdicts and kind == "reviewed":
            self.diags.error(data.loc, "pack.yaml defines no verdicts")
        return meta, verdicts

    def _wording(self, fields: _Fields) -> dict[str, str]:
        """The pack's sentences (``wording``) over the core's neutral defaults."""
        wording = dict(DEFAULT_WORDING)
        mapping = fields.mapping("wording")
        if mapping is None:
            return wording
        inner = fields.nested(mapping, "wording")
        inner.unknown(set(DEFAULT_WORDING))
        wording.update({key: inner.text(key, required=True) for key in mapping
                        if key in DEFAULT_WORDING})
        return wording

    def read_entity_types(self) -> dict[str, EntityType]:
        """The pack's own kinds (entity-types.yaml), else the core's defaults."""
        if not (self.root / "entity-types.yaml").is_file():
            return dict(DEFAULT_ENTITY_TYPES)
        return self._read_table("entity-types.yaml", "types", "entity type",
                                lambda f: EntityType(
                                    id=f.text("id", required=True),
                                    label=f.text("label", required=True),
                                    plural=f.text("plural", required=True),
                                    colour=f.colour("colour"),
                                ))

    def read_levels(self, required: bool = True) -> dict[str, EvidenceLevel]:
        if not required and not (self.root / "evidence-levels.yaml").is_file():
            return {}
        return self._read_table("evidence-levels.yaml", "levels", "evidence level",
                                lambda f: EvidenceLevel(
                                    id=f.text("id", required=True),
                                    label=f.text("label", required=True),
                                    colour=f.colour("colour"),
                                    meaning=f.text("meaning", required=True),
                                    grade=f.text("grade", required=True),
                                    aan=f.text("aan", required=True),
                                    rank=f.integer("rank"),
                                    badge_phrase=f.text("badge_phrase"),
                                ))

    def read_ranked(self, name: str, what: str) -> dict[str, Level]:
        """An optional ranked vocabulary (a pack without the file has none)."""
        if not (self.root / name).is_file():
            return {}
        return self._read_table(name, "levels", what, lambda f: Level(
            id=f.text("id", required=True),
            label=f.text("label", required=True),
            colour=f.colour("colour"),
            meaning=f.text("meaning", required=True),
            rank=f.integer("rank"),
        ))

    def read_relations(self) -> dict[str, RelationType]:
        return self._read_table("relations.yaml", "relations", "relation",
                                lambda f: RelationType(
                                    id=f.text("id", required=True),
                                    label=f.text("label", required=True),
                                    inverse=f.text("inverse", required=True),
                                    description=f.text("description"),
                                ))

    def _read_table(self, name: str, key: str, what: str,
                    build: Callable[[_Fields], _Row]) -> dict[str, _Row]:
        """A vocabulary file: a mapping whose ``key`` lists records with unique ids."""
        table: dict[str, _Row] = {}
        data = self.load(self.root / name)
        if data is None:
            return table
        for item in self._top_list(data, key, name):
            row = build(_Fields(item, self.diags))
            self._add_unique(table, row.id, row, item.loc, what)
        return table

    def _top_list(self, data: Any, key: str, name: str) -> list[LocMap]:
        if not isinstance(data, LocMap) or key not in data:
            self.diags.error(_loc_of(data, name), f"expected a mapping with a '{key}' list")
            return []
        return _Fields(data, self.diags).records(key)

    def _add_unique(self, table: dict[str, Any], key: str, value: Any, loc: Location,
                    what: str) -> None:
        if not key:
            return
        if key in table:
            self.diags.error(loc, f"duplicate {what} id '{key}'")
        else:
            table[key] = value

    # -- entities ---------------------------------------------------------------------------

    def read_entities(self, pack: Pack) -> None:
        folder = self.root / "entities"
        if not folder.is_dir():
            self.diags.error(Location(self.display(folder)), "missing folder of entity files")
            return
        files = sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml"))
        files += sorted(folder.rglob("*.jsonl"))  # JSON Lines: large imported packs
        if not files:
            self.diags.error(Location(self.display(folder)),
                             "no entity files (*.yaml, *.jsonl)")
        first_seen: dict[str, Location] = {}
        for path in files:
            data = self.load(path)
            if data is None:
                continue
            for entity in self._file_entities(data, self.display(path), pack.entity_types):
                if entity.id in pack.entities:
                    self.diags.error(
                        entity.location,
                        f"duplicate id '{entity.id}' (first defined at {first_seen[entity.id]})",
                    )
                    continue
                first_seen[entity.id] = entity.location
                pack.entities[entity.id] = entity

    def _file_entities(self, data: Any, shown: str,
                       types: dict[str, EntityType]) -> list[Entity]:
        if not isinstance(data, LocMap):
            self.diags.error(_loc_of(data, shown),
                             "an entity file must be a mapping with 'type' and 'entities'")
            return []
        f = _Fields(data, self.diags)
        f.unknown({"type", "entities"})
        file_type = f.text("type")
        if file_type and file_type not in types:
            self.diags.error(data.key_locs["type"], _unknown("entity type", file_type, types))
            file_type = ""
        entities = []
        for item in f.records("entities", required=True):
            entity = self._entity(item, file_type, types)
            if entity is not None:
                entities.append(entity)
        return entities

    def _entity(self, item: LocMap, file_type: str,
                types: dict[str, EntityType]) -> Entity | None:
        item_locations: dict[str, Location] = {}
        f = _Fields(item, self.diags, sink=item_locations)
        entity_id = f.text("id", required=True)
        if not entity_id:
            return None
        if not ID_PATTERN.match(entity_id):
            self.diags.error(item.key_locs["id"],
                             f"id '{entity_id}' is not kebab-case (a-z, 0-9 and single hyphens)"
                             " nor an ontology's PREFIX:ID (HP:0010828)")
        entity_type = f.text("type") or file_type
        if entity_type not in types:
            if "type" in item:
                self.diags.error(item.key_locs["type"],
                                 _unknown("entity type", entity_type, types))
            elif not file_type:
                self.diags.error(item.loc, f"entity '{entity_id}' has no type")
            entity_type = entity_type or "condition"
        allowed = COMMON_FIELDS | KIND_FIELDS.get(entity_type, set())
        if entity_type == "claim":
            allowed |= CLAIM_FIELDS
        if entity_type == "source":
            allowed |= SOURCE_FIELDS
        f.unknown(allowed)
        entity = Entity(
            id=entity_id,
            type=entity_type,
            name=f.text("name", required=True),
            location=item.loc,
            aliases=f.text_list("aliases"),
            search_terms=f.text_list("search_terms"),
            summary=f.text("summary", required=self.reviewed),
            details=f.text("details"),
            category=f.text("category"),
            codes=self._codes(f),
            relations=self._relations(f),
            evidence=self._graded(f, "evidence"),
            recommendation=self._graded(f, "recommendation"),
            association=self._graded(f, "association"),
            frequency=self._figure(f),
            sources=f.text_list("sources"),
            ontology_citations=f.text_list("ontology_citations"),
            statement=f.text("statement"),
            stated_in=f.text_list("stated_in"),
            about=f.text_list("about"),
            verdict=f.text("verdict"),
            rationale=f.text("rationale"),
            extra={key: f.text(key) for key in sorted(SOURCE_FIELDS) if key in item},
            field_locations=dict(item.key_locs),
            item_locations=item_locations,
        )
        return entity

    def _codes(self, f: _Fields) -> dict[str, tuple[str, ...]]:
        mapping = f.mapping("codes")
        if mapping is None:
            return {}
        codes: dict[str, tuple[str, ...]] = {}
        for system in mapping:
            if not CODE_SYSTEM_PATTERN.match(system):
                self.diags.error(mapping.key_locs[system],
                                 f"code system '{system}' is not a name like ICD-10-CM or "
                                 "SNOMEDCT_US (letters, digits, '_', '-', '.')")
                continue
            values = _Fields(mapping, self.diags).text_list(system)
            if values:
                codes[system] = values
        return codes

    def _relations(self, f: _Fields) -> dict[str, tuple[str, ...]]:
        mapping = f.mapping("relations")
        if mapping is None:
            return {}
        inner = f.nested(mapping, "relations")
        return {rel: inner.text_list(rel) for rel in mapping}

    def _graded(self, f: _Fields, key: str) -> Evidence | None:
        mapping = f.mapping(key)
        if mapping is None:
            return None
        inner = f.nested(mapping, key)
        inner.unknown({"level", "rationale", "sources"})
        return Evidence(
            level=inner.text("level", required=True),
            rationale=inner.text("rationale"),
            sources=inner.text_list("sources"),
        )

    def _figure(self, f: _Fields) -> Figure | None:
        mapping = f.mapping("frequency")
        if mapping is None:
            return None
        inner = f.nested(mapping, "frequency")
        inner.unknown({"label", "sources"})
        return Figure(label=inner.text("label", required=True),
                      sources=inner.text_list("sources"))


class _Fields:
    """Typed access to one YAML mapping, reporting wrong shapes where they are written.

    With a ``sink``, each list item's location is recorded there as "PREFIXkey:item"."""

    def __init__(self, data: LocMap, diags: Diagnostics, prefix: str = "",
                 sink: dict[str, Location] | None = None) -> None:
        self.data = data
        self.diags = diags
        self.prefix = prefix
        self.sink = sink

    def nested(self, data: LocMap, key: str) -> _Fields:
        """Fields of a mapping under ``key``, recording item locations as "key.sub:item"."""
        return _Fields(data, self.diags, f"{self.prefix}{key}.", self.sink)

    def at(self, key: str) -> Location:
        return self.data.key_locs.get(key, self.data.loc)

    def unknown(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.diags.error(self.at(key), _unknown("field", key, sorted(allowed)))

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.diags.error(self.data.loc, f"missing required field '{key}'")
            return ""
        if not isinstance(value, str):
            self.diags.error(self.at(key), f"'{key}' must be text, not a {_kind(value)}")
            return ""
        value = value.strip()
        if required and not value:
            self.diags.error(self.at(key), f"'{key}' is empty")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            if value.strip() and self.sink is not None:
                self.sink[f"{self.prefix}{key}:{value.strip()}"] = self.at(key)
            return (value.strip(),) if value.strip() else ()
        if not isinstance(value, LocList):
            self.diags.error(self.at(key), f"'{key}' must be a list of text")
            return ()
        items = []
        sink, path = self.sink, f"{self.prefix}{key}:"
        for item, loc in zip(value, value.item_locs, strict=True):
            text = item.strip() if isinstance(item, str) else ""
            if not text:
                self.diags.error(loc, f"each item of '{key}' must be non-empty text")
                continue
            items.append(text)
            if sink is not None:
                sink.setdefault(path + text, loc)
        return tuple(items)

    def mapping(self, key: str) -> LocMap | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LocMap):
            self.diags.error(self.at(key), f"'{key}' must be a mapping, not a {_kind(value)}")
            return None
        return value

    def records(self, key: str, required: bool = False) -> list[LocMap]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.diags.error(self.data.loc, f"missing required field '{key}'")
            return []
        if not isinstance(value, LocList):
            self.diags.error(self.at(key), f"'{key}' must be a list")
            return []
        records = []
        for item, loc in zip(value, value.item_locs, strict=True):
            if isinstance(item, LocMap):
                records.append(item)
            else:
                self.diags.error(loc, f"each item of '{key}' must be a mapping")
        return records

    def colour(self, key: str) -> str:
        value = self.text(key, required=True)
        if value and not COLOUR_PATTERN.match(value):
            self.diags.error(self.at(key), f"'{key}' must be a colour like #1b6e3a, not '{value}'")
            return "#777777"
        return value or "#777777"

    def integer(self, key: str) -> int:
        value = self.text(key, required=True)
        try:
            return int(value)
        except ValueError:
            if value:
                self.diags.error(self.at(key), f"'{key}' must be a whole number, not '{value}'")
            return 0


def _kind(value: Any) -> str:
    if isinstance(value, LocMap):
        return "mapping"
    if isinstance(value, LocList):
        return "list"
    return "value"


def _loc_of(data: Any, fallback: str) -> Location:
    loc = getattr(data, "loc", None)
    return loc if isinstance(loc, Location) else Location(fallback)


def _unknown(what: str, value: str, known: Any) -> str:
    names = ", ".join(sorted(known))
    return f"unknown {what} '{value}' (known: {names})"
