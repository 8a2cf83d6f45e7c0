"""What a query asks beyond its literal words: a kind of entry, lay words, a direction.

Read once per search (:meth:`Intents.read`), an :class:`Intent` acts at two points:

- :meth:`Intent.add` and :meth:`Intent.extend` add to the broad query (see :mod:`.broad`):
  a word asking for a kind ("treatments", "risks"; see :mod:`.kinds`) is met in full by
  every entry of the kind, a word naming part of one ("pills", "surgery") for little; a
  word also matches its thesaurus equivalents (see :mod:`.lay`). A lone word that asks for
  a kind, or that the pack does not hold ("asleep", "pills"), gets a broad query of its own.
- :meth:`Intent.rerank` re-orders the ranked hits: when the text asks for a kind, entries of
  other kinds lose the name tiers (a source named "Botulinum toxin treatment of ..." is not
  a treatment) and part of their place (sources more), an entry of the kind whose name
  merely starts with the kind word ("Treatment of a tumour" for "treatment") takes its place
  among the others, and entries of the kind are ordered by their graded strength as the
  core orders them (``badges.strength_key``: recommendation, evidence, association), fully
  when the text asks for nothing else ("best treatment"); an entry whose name states the
  opposite direction of the text ("rises" against "drawn down", see
  ``thesaurus.DIRECTIONS``) loses its name tier and half its place.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..pack import Pack
from ..thesaurus import DIRECTIONS
from . import broad as broad_query
from . import query as q
from .analysis import MAX_PREFIX
from .kinds import ASKS, NAMES_PART, Cue, KindCues
from .lay import CREDIT, equivalents

STRENGTH_ALONE = 1.0
"""Weight of an entry's graded strength, against 1 for its text match, when the text asks
for a kind and nothing else..."""
STRENGTH = 0.3
"""... and when it also names something ("treatments for hemifacial spasm")."""
CENTRAL = 1.0
"""Weight of how central an entry is (its index weight) when the text asks for a kind and
nothing else: every entry of the kind meets the text alike, so the graded strongest and
the most central come first ("symptoms": the main condition's own before a mimic's)."""
SOURCE = 0.6
"""Share of its place in the tier a source keeps when the text asks for a kind."""
OTHER_KIND = 0.6
"""The same for an entry of another kind (a claim too) when the text asks for a kind and
nothing else..."""
OTHER_KIND_NAMED = 0.9
"""... and when it also names something, or only names part of a kind ("pills"): then
claims keep their place (they state what the text may be after)."""
DIRECTION = 0.5
"""Share of its place in the tier an entry keeps whose name states the opposite direction."""
WEAK_SHARE = 4
"""A word met only by the kind it names part of weighs as a word in a quarter of the
entries."""
STRENGTH_WORDS = frozenset((
    "best", "top", "strongest", "recommended", "effective", "good", "work", "works",
    "main", "usual"))
"""Words that ask for the strongest entries of a kind: with a kind cue they order by
strength instead of being matched."""

_DIRECTION_OF: dict[str, tuple[int, int]] = {
    word: (axis, sign) for axis, ways in enumerate(DIRECTIONS)
    for sign, way in ((1, ways[0]), (-1, ways[1])) for word in way}

Ranked = tuple[int, float, int, dict[str, Any], q.Match]
DocFrequency = Callable[[str, str], int]


class Intents:
    """A pack's kinds and graded strengths, for reading queries (made when the index opens;
    the tables are built on first use)."""

    def __init__(self, pack: Pack | None) -> None:
        self._pack = pack
        self._cues: KindCues | None = None
        self._strength: dict[str, dict[str, float]] = {}

    def cues(self) -> KindCues:
        if self._cues is None:
            self._cues = KindCues(self._pack.entity_types.values() if self._pack else ())
        return self._cues

    def read(self, parsed: q.Parsed, df: DocFrequency, documents: int) -> Intent:
        """What the parsed text asks beyond its words (``df``: the index's document
        frequencies; ``documents``: its size)."""
        folded = tuple(w.text for w in parsed.words)
        kind_cues = self.cues()
        cues = (kind_cues.find(list(folded), [w.stem for w in parsed.words])
                if kind_cues else {})
        cues = {i: cue for i, cue in cues.items()
                if not (parsed.words[i].stop or parsed.words[i].negated)}
        directions: dict[int, set[int]] = {}
        for word in parsed.words:
            way = _DIRECTION_OF.get(word.text)
            if way is not None and not word.negated:
                directions.setdefault(way[0], set()).add(way[1])
        return Intent(parsed, self, df, documents, cues, equivalents(folded),
                      {axis: next(iter(s)) for axis, s in directions.items() if len(s) == 1})

    def strength(self, doc: dict[str, Any]) -> float:
        """An entry's graded strength among the entries of its type, in [0, 1]: 1 for the
        strongest (``badges.strength_key``), 0 for an ungraded one."""
        kind = str(doc.get("type", ""))
        table = self._strength.get(kind)
        if table is None:
            table = self._strength[kind] = self._strengths(kind)
        return table.get(str(doc.get("id", "")), 0.0)

    def _strengths(self, kind: str) -> dict[str, float]:
        pack = self._pack
        if pack is None or not (pack.recommendation_levels or pack.evidence_levels
                                or pack.association_levels):
            return {}
        from ..badges import strength_key  # here: only a query asking for a kind needs it

        keys = {e.id: strength_key(pack, e)[:3] for e in pack.entities.values()
                if e.type == kind}
        ungraded = (1, 1, 1)
        order = sorted({k for k in keys.values() if k != ungraded})
        place = {k: 1.0 - i / len(order) for i, k in enumerate(order)}
        return {entity_id: place[k] for entity_id, k in keys.items() if k != ungraded}


@dataclass
class Intent:
    """What one text asks beyond its words (see the module's docstring)."""

    parsed: q.Parsed
    owner: Intents
    df: DocFrequency
    documents: int
    cues: dict[int, Cue]
    equivalents: tuple[tuple[str, ...], ...]
    directions: dict[int, int] = field(default_factory=dict)

    @property
    def asked(self) -> set[str]:
        """The types the text asks for outright ("treatments", not "pills")."""
        return {t for cue in self.cues.values() if cue.credit >= ASKS for t in cue.types}

    @property
    def wanted(self) -> set[str]:
        return {t for cue in self.cues.values() for t in cue.types}

    @property
    def alone(self) -> bool:
        """Whether the text asks for a kind and names nothing else ("best treatment",
        "pills")."""
        asked = self.asked  # beside a word asking for a kind, "surgery" names one
        return bool(self.cues) and all(
            w.stop or w.text in STRENGTH_WORDS
            or (i in self.cues and (self.cues[i].credit >= ASKS or not asked))
            for i, w in enumerate(self.parsed.words))

    # -- the broad query ---------------------------------------------------------------------

    def add(self, broad: broad_query.Broad, index: int, position: int) -> int:
        """Let concept ``index`` (the word at ``position``) be met by entries of the kind it
        asks for and by its lay equivalents (the ``more`` of :func:`.broad.build`); the
        number of documents they reach."""
        count = self._add_equivalents(broad, index, position)
        cue = self.cues.get(position)
        kind = self._add_kind(broad, index, cue, self.df)
        if kind and not count and cue is not None and cue.credit < ASKS:
            # Met by nothing but the kind it names part of ("dangerous"): a weak concept.
            kind = max(kind, self.documents // WEAK_SHARE)
        return max(count, kind)

    def extend(self, broad: broad_query.Broad | None) -> broad_query.Broad | None:
        """The broad query made with :meth:`add`, its concepts marked with the kinds they
        ask for; a new one for a lone word asking for a kind, or one the pack does not hold
        ("pills", "asleep")."""
        words = self.parsed.words
        if broad is None:
            if not any((i in self.cues and self.cues[i].credit >= ASKS)
                       or ((i in self.cues or self.equivalents[i]) and not _known(w, self.df))
                       for i, w in enumerate(words) if not w.stop):
                return None  # the narrow query answers a word the pack holds
            broad = broad_query.Broad()
            for position, word in enumerate(words):
                if word.stop:
                    continue
                index = len(broad.concepts)
                count = max(_add_literal(broad, index, word, self.df),
                            self.add(broad, index, position))
                if count:
                    broad.concepts.append(
                        broad_query.Concept(word, position, _idf(count, self.documents)))
        for concept in broad.concepts:
            cue = self.cues.get(concept.position)
            if cue is not None and cue.credit >= ASKS:
                # Asking for the kind: the named entity's neighbours of the kind meet it (a
                # word naming part of a kind must meet it in its own or its lay words).
                concept.kind_types = cue.types
            elif self.wanted and concept.word.text in STRENGTH_WORDS:
                concept.weight = 0.0  # "best": an order, not a word to find
        return broad if any(c.weight for c in broad.concepts) else None

    def _add_equivalents(self, broad: broad_query.Broad, index: int, position: int) -> int:
        word = self.parsed.words[position]
        if word.negated:
            plain, opposite = broad_query.OPPOSITE, 1.0
        else:
            opposite = broad_query.ASKED if self.parsed.question else broad_query.OPPOSITE
            plain = 1.0
        counts = [0]
        fields = [("title", plain), ("lead", plain)]
        if not _known(word, self.df):
            fields.append(("body", 0.7 * plain))  # else the word's own matches suffice there
        if word.negated or self.parsed.question:
            fields.append(("neg", opposite))  # else worth too little to look up
        for text_stem in self.equivalents[position]:
            for fieldname, credit in fields:
                count = self.df(fieldname, text_stem)
                if count:
                    broad.add(index, fieldname, text_stem, CREDIT * credit, count)
                    counts.append(count)
        return max(counts)

    @staticmethod
    def _add_kind(broad: broad_query.Broad, index: int, cue: Cue | None, df: DocFrequency
                  ) -> int:
        """Let entries of the cue's types meet the concept."""
        if cue is None:
            return 0
        total = 0
        for entity_type in cue.types:
            count = df("type", entity_type)
            if count:
                broad.add(index, "type", entity_type, cue.credit, count)
                total += count
        return total

    # -- re-ranking ----------------------------------------------------------------------------

    def rerank(self, ranked: list[Ranked]) -> list[Ranked]:
        """The ranked rows re-ordered for the kinds asked for and the text's directions."""
        asked, wanted = self.asked, self.wanted
        if not (wanted or self.directions):
            return ranked
        alone = self.alone
        weight = (STRENGTH_ALONE if alone else STRENGTH) if asked else 0.0
        # A word naming part of a kind ("surgery") is met by the kind for little: so is
        # being central to it.
        central = (CENTRAL if asked else CENTRAL * NAMES_PART) if alone else 0.0
        out: list[Ranked] = []
        for _, negated_within, position, doc, match in ranked:
            tier, within = match.tier, -negated_within
            kind = doc.get("type")
            if tier == q.NAME_WORDS and (alone or (asked and kind not in asked)):
                tier = q.TEXT  # a name holding the kind word is no answer ...
            elif tier == q.STARTS and asked and kind not in asked and (
                    not alone or kind == "source"):
                tier = q.TEXT  # ... nor one starting so (typing an entry's name finds it)
            elif tier == q.STARTS and alone and kind in asked:
                tier = q.TEXT  # every entry of the kind meets a text asking only for it
            if kind not in wanted and tier == q.TEXT and (alone or kind != "claim"):
                within *= (SOURCE if kind == "source" and asked
                           else OTHER_KIND if alone else OTHER_KIND_NAMED)
            if weight or central:
                bonus = self.owner.strength(doc) if kind in asked else 0.0
                centre = float(doc.get("weight", 0.0)) if kind in wanted else 0.0
                within = ((within + weight * bonus + central * centre)
                          / (1.0 + weight + central))
            if self.directions and self._opposes(doc):
                within *= DIRECTION
                tier = min(tier, q.TEXT) if tier != q.EXACT else tier
            if tier != match.tier:
                match = q.Match(tier, match.matched)
            out.append((-tier, -within, position, doc, match))
        return out

    def _opposes(self, doc: dict[str, Any]) -> bool:
        """Whether the entry's names state only the other way of an axis the text states."""
        ways: dict[int, set[int]] = {}
        for word in str(doc.get("words", "")).split():
            way = _DIRECTION_OF.get(word)
            if way is not None:
                ways.setdefault(way[0], set()).add(way[1])
        return any(ways.get(axis) == {-sign} for axis, sign in self.directions.items())


def _known(word: q.Word, df: DocFrequency) -> bool:
    """Whether the pack holds the word itself (else its lay equivalents stand in)."""
    return bool(df("words", word.text) or any(df(f, word.stem) for f in ("title", "lead",
                                                                        "body", "neg")))


def _add_literal(broad: broad_query.Broad, index: int, word: q.Word, df: DocFrequency) -> int:
    """The word's own ways of matching, for a concept the broad query did not make."""
    counts = [0]
    prefix = word.text[:MAX_PREFIX]
    if word.last and len(word.text) >= 3 and not word.negated and df("prefix", prefix):
        broad.add(index, "prefix", prefix, 0.9, df("prefix", prefix))  # still typing
    for fieldname, term, credit in (("title", word.stem, 1.0), ("words", word.text, 1.0),
                                    ("lead", word.stem, 1.0), ("body", word.stem, 0.7)):
        count = df(fieldname, term)
        if count:
            broad.add(index, fieldname, term, credit, count)
            counts.append(count)
    return max(counts)


def _idf(count: int, documents: int) -> float:
    return math.log(1.0 + documents / (1.0 + count))
