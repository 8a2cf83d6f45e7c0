"""The differential table of a pack (``differential.yaml``): read it and check its rules.

Each link says that a finding (an entity: a symptom, sign, cause, ...) speaks for or against a
condition, either on named sources or as expert opinion. No link carries a number: a figure
belongs in the note, with the source that gives it. The format is documented in
``knowledge/README.md`` ("The differential table").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .citations import bare_keys, citation_keys
from .diagnostics import ROOT_CAUSE, Diagnostics
from .model import (
    AGAINST,
    FOR,
    Feature,
    FeatureLink,
    FeatureTable,
    Location,
    Pack,
    is_red_flag,
)
from .yamlread import LocList, LocMap, YamlProblem, read_yaml

FILE_NAME = "differential.yaml"
FEATURE_KINDS = ("symptom", "sign", "cause", "risk-factor", "complication", "trigger")
"""Kinds of entity that may be offered as a finding."""
CONDITION_KINDS = ("condition",)

_TOP = {"red_flag_warning", "features", "conditions"}
_FEATURE = {"feature", "note"}
_CONDITION = {"condition", FOR, AGAINST}
_LINK = {"feature", "sources", "expert_opinion", "note"}


def read_features(root: Path, display: str, diags: Diagnostics) -> FeatureTable | None:
    """The table in ``root/differential.yaml``, or None when the pack has none."""
    path = root / FILE_NAME
    if not path.is_file():
        return None
    where = f"{display}/{FILE_NAME}"
    try:
        result = read_yaml(path, where)
    except YamlProblem as problem:
        diags.error(problem.location, problem.message, ROOT_CAUSE)
        return None
    for loc, key in result.duplicate_keys:
        diags.error(loc, f"duplicate key '{key}' (the first one is kept)")
    data = result.data
    if not isinstance(data, LocMap):
        diags.error(Location(where), f"{FILE_NAME} must be a mapping with 'features' and "
                                     "'conditions'")
        return None
    _unknown(data, _TOP, diags)
    table = FeatureTable(red_flag_warning=_text(data, "red_flag_warning", diags),
                         location=data.loc)
    for item in _records(data, "features", diags):
        _unknown(item, _FEATURE, diags)
        feature_id = _text(item, "feature", diags, required=True)
        if feature_id:
            table.features.append(Feature(feature_id, _text(item, "note", diags), item.loc))
    for item in _records(data, "conditions", diags):
        _unknown(item, _CONDITION, diags)
        condition = _text(item, "condition", diags, required=True)
        for direction in (FOR, AGAINST):
            for link in _records(item, direction, diags):
                built = _link(link, condition, direction, diags)
                if built is not None:
                    table.links.append(built)
    return table


def _link(item: LocMap, condition: str, direction: str, diags: Diagnostics) -> FeatureLink | None:
    _unknown(item, _LINK, diags)
    feature = _text(item, "feature", diags, required=True)
    note = _text(item, "note", diags, required=True)
    opinion = item.get("expert_opinion")
    if opinion not in (None, "true", "false"):
        diags.error(item.key_locs["expert_opinion"], "'expert_opinion' must be true or false")
    sources = _text_list(item, "sources", diags)
    if not feature or not condition:
        return None
    return FeatureLink(feature=feature, condition=condition, direction=direction, note=note,
                       sources=sources, expert_opinion=opinion == "true", location=item.loc)


def check_features(pack: Pack, diags: Diagnostics) -> None:
    """The table's rules: known ids of the right kinds, each link sourced or marked expert
    opinion (never both, never neither), citations only to its own sources, no finding both
    for and against one condition, every finding offered and every offered finding used."""
    table = pack.differential
    if table is None:
        return
    sources = {key for key, e in pack.entities.items() if e.type == "source"}
    offered: dict[str, Feature] = {}
    for feature in table.features:
        if feature.id in offered:
            diags.error(feature.location, f"finding '{feature.id}' is listed twice")
        offered[feature.id] = feature
        _check_kind(pack, feature.id, FEATURE_KINDS, "finding", feature.location, diags)
        _check_text(feature.note, f"finding '{feature.id}': note", feature.location, None,
                    sources, diags)
    seen: dict[tuple[str, str], FeatureLink] = {}
    used: set[str] = set()
    for link in table.links:
        what = f"{link.condition} {link.direction} {link.feature}"
        _check_kind(pack, link.condition, CONDITION_KINDS, "condition", link.location, diags)
        if link.feature not in offered:
            diags.error(link.location, f"{what}: '{link.feature}' is not listed under "
                                       "'features'")
        used.add(link.feature)
        earlier = seen.get((link.condition, link.feature))
        if earlier is not None:
            diags.error(link.location, f"{what}: '{link.feature}' is already linked "
                                       f"{earlier.direction} '{link.condition}' at "
                                       f"{earlier.location}")
        seen[(link.condition, link.feature)] = link
        if link.expert_opinion and link.sources:
            diags.error(link.location, f"{what}: a link is either sourced or expert opinion, "
                                       "not both")
        elif not link.expert_opinion and not link.sources:
            diags.error(link.location, f"{what}: name its 'sources' or mark it "
                                       "'expert_opinion: true'")
        for key in link.sources:
            if key not in sources:
                diags.error(link.location, f"{what}: source key '{key}' is not a source")
        _check_text(link.note, f"{what}: note", link.location, set(link.sources), sources,
                    diags)
    for feature in table.features:
        if feature.id not in used and not feature.note:
            diags.error(feature.location, f"finding '{feature.id}' is linked to no condition "
                                          "and has no note")
    red_flags = [f.id for f in table.features if is_red_flag(pack, f.id)]
    if red_flags and not table.red_flag_warning:
        diags.error(table.location, f"red flags are offered ({', '.join(red_flags)}) but "
                                    "there is no 'red_flag_warning'")
    _check_text(table.red_flag_warning, "red_flag_warning", table.location, None, sources,
                diags)


def _check_kind(pack: Pack, entity_id: str, kinds: tuple[str, ...], what: str,
                at: Location, diags: Diagnostics) -> None:
    entity = pack.entities.get(entity_id)
    if entity is None:
        diags.error(at, f"{what} '{entity_id}' is not defined")
    elif entity.type not in kinds:
        diags.error(at, f"{what} '{entity_id}' is a {entity.type}; expected "
                        + " or ".join(kinds))


def _check_text(text: str, what: str, at: Location, allowed: set[str] | None,
                sources: set[str], diags: Diagnostics) -> None:
    """Citations name sources (and, for a link, only its own); no source key stands bare."""
    for key in dict.fromkeys(citation_keys(text)):
        if key not in sources:
            diags.error(at, f"{what} cites '{key}', which is not a source")
        elif allowed is not None and key not in allowed:
            diags.error(at, f"{what} cites '{key}', which is not among the link's sources"
                        + ("" if allowed else " (an expert-opinion link cites nothing)"))
    for key in bare_keys(text, sources):
        diags.error(at, f"{what} names the source key '{key}' as plain text; cite it as "
                        f"[@{key}]")


# -- small typed readers ---------------------------------------------------------------------


def _unknown(data: LocMap, allowed: set[str], diags: Diagnostics) -> None:
    for key in data:
        if key not in allowed:
            names = ", ".join(sorted(allowed))
            diags.error(data.key_locs.get(key, data.loc),
                        f"unknown field '{key}' (known: {names})")


def _text(data: LocMap, key: str, diags: Diagnostics, required: bool = False) -> str:
    value: Any = data.get(key)
    if value is None:
        if required:
            diags.error(data.loc, f"missing required field '{key}'")
        return ""
    if not isinstance(value, str):
        diags.error(data.key_locs.get(key, data.loc), f"'{key}' must be text")
        return ""
    return value.strip()


def _text_list(data: LocMap, key: str, diags: Diagnostics) -> tuple[str, ...]:
    value: Any = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, LocList) or not all(isinstance(v, str) for v in value):
        diags.error(data.key_locs.get(key, data.loc), f"'{key}' must be a list of text")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _records(data: LocMap, key: str, diags: Diagnostics) -> list[LocMap]:
    """The mappings listed under ``key``, shapes checked as everywhere in the loader."""
    from .loader import _Fields  # the loader imports this module

    return _Fields(data, diags).records(key)
