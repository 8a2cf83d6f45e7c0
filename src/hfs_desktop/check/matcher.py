"""Matching a statement to the pack's claims: the closest claim by shared features, how
close (0 to 1), and whether the statement states the opposite of it.

A claim's features are those of its name and statement plus the entities it is about.
Each feature weighs its rarity among the claims (inverse document frequency), so "spasm"
counts for little and "geranium" for much. The score is the harmonic mean of how much of
the statement the claim explains and how much of the claim the statement says (of its name
or of its statement, whichever the statement covers better), both weighted; entities
count extra, being the surest sign of the same subject. Whether the statement denies the
claim is read clause by clause (:mod:`.polarity`).

A statement may make several claims ("more often in the elderly and in women after the
menopause"): after the closest, a further claim is one that the statement's remaining
words are close to (:attr:`Match.also`), each with its own polarity. A list item that
says too little alone is matched with its lead-in, then with the whole list.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..pack import Entity, Pack
from . import polarity
from .features import CONCEPT, OTHER_DISORDER, Featurizer

THRESHOLD = 0.33
"""A statement matches its closest claim when the score reaches this (0 to 1)."""
CONCEPT_WEIGHT = 1.5
"""An entity feature weighs this much more than a word."""
IDF_POWER = 1.0
"""Rarity counts to this power: above 1, rare words decide more and common ones less."""
UNKNOWN_WEIGHT = 0.5
"""A word no claim uses weighs this share of the rarest claim word: it speaks of
something else, but a sentence's incidental words should not drown its point."""
MAX_OTHERS = 2
"""Further claims named beside the closest one."""
FOREIGN_PENALTY = 0.5
"""A statement that names a condition no claim is about (a mimic: "blepharospasm makes
both eyes close"), or a disorder the pack does not know ("trigeminal neuralgia"), speaks
of another disorder: its score is multiplied by this."""
TOPIC_SHARE = 0.2
"""A feature in more than this share of the claims is the pack's subject ("hemifacial
spasm", "face"): it counts towards what a statement says, not towards which claim it
makes, so that "hemifacial spasm is never inherited" is not closest to "hemifacial spasm
is fairly common"."""
CLAUSE_SHARE = 0.5
"""A clause counts for the polarity when it shares at least this share of what the closest
clause shares with the other text."""
MIN_TOPIC = 0.5
"""Clauses speak of the same thing when they share a feature at least this rare (idf)."""
JOINT_THRESHOLD = 0.45
"""A further claim a statement makes (:attr:`Match.also`) needs this score on the words
the claims found before leave: a higher bar than the first claim's, being looked for
among what is left."""
JOINT_RECALL = 0.45
"""... and the statement must say at least this much of it (0 to 1)."""
JOINT_NEW_SHARE = 0.5
"""... and at least this share of what it shares with the statement must be words the
claims found before do not explain."""
JOINT_CANDIDATES = 8
"""The closest claims after the first that are tried as further claims."""
MAX_JOINT = 3
"""Further claims one statement may make."""
MIN_DISTINCT = 1.2
"""A match needs at least one shared feature this rare (idf): a sentence that shares only
"spasm" and "face" with a claim states nothing the claim is about."""


@dataclass(frozen=True, slots=True)
class Match:
    claim: Entity | None
    score: float
    negated: bool
    """The statement states the opposite of the claim (or debunks it)."""
    shared: tuple[str, ...] = ()
    """The features the statement and the claim share, for the rationale of a match."""
    others: tuple[Entity, ...] = ()
    """Further claims the statement also reaches the threshold for, closest first, other
    than those in :attr:`also`: other readings of the same words."""
    also: tuple[Match, ...] = ()
    """Further claims the statement makes in other words of it, each with its own score
    and polarity ("more often in persons with hypertension, the elderly and women after
    the menopause" makes three)."""


@dataclass(frozen=True, slots=True)
class _Profile:
    claim: Entity
    features: frozenset[str]
    """Of the name, the statement and the entities the claim is about."""
    cores: tuple[frozenset[str], ...]
    """The name with the entities, and the statement with them: a statement that says
    either in full matches fully. The words of an entity's name count as the entity alone
    here: "high blood pressure" is said in full by "hypertension"."""
    clauses: tuple[tuple[polarity.Clause, frozenset[str]], ...]


class ClaimMatcher:
    """The pack's claims, ready to match statements against."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.featurizer = Featurizer(pack)
        profiles: list[_Profile] = []
        inside: list[tuple[dict[str, set[str]], ...]] = []
        about_conditions: set[str] = set()
        for entity in pack.entities.values():
            if entity.type != "claim":
                continue
            about = {CONCEPT + about for about in entity.about}
            about_conditions.update(entity.about)
            name, name_inside = self.featurizer.named_features(entity.name)
            statement, statement_inside = self.featurizer.named_features(entity.statement)
            name |= about
            statement |= about
            clauses = tuple((clause, frozenset(self.featurizer.features(" ".join(clause.words))))
                            for clause in polarity.clauses(entity.statement))
            profiles.append(_Profile(entity, frozenset(name | statement),
                                     (frozenset(name), frozenset(statement)), clauses))
            inside.append((name_inside, statement_inside))
        self._foreign = frozenset(
            CONCEPT + entity.id for entity in pack.entities.values()
            if entity.type == "condition" and entity.id not in about_conditions)
        df: dict[str, int] = {}
        for profile in profiles:
            for feature in profile.features:
                df[feature] = df.get(feature, 0) + 1
        total = len(profiles) or 1
        self._idf = {f: math.pow(math.log((total + 1) / (n + 0.5)), IDF_POWER)
                     for f, n in df.items()}
        self._unknown = math.pow(math.log((total + 1) / 0.5), IDF_POWER) * UNKNOWN_WEIGHT
        self._weights = {f: idf * CONCEPT_WEIGHT if f.startswith(CONCEPT) else idf
                         for f, idf in self._idf.items()}
        self._topic = frozenset(f for f, n in df.items() if n > TOPIC_SHARE * total)
        # a word inside an entity's name is said by the entity, unless the entity is the
        # pack's subject (which does not count towards which claim is meant)
        profiles = [
            dataclasses.replace(profile, cores=tuple(
                frozenset(f for f in core if not (words.get(f, set()) - self._topic))
                for core, words in zip(profile.cores, named, strict=True)))
            for profile, named in zip(profiles, inside, strict=True)]
        self.profiles = profiles
        self._core_mass = [tuple(sum(self.weight(f) for f in core - self._topic) or 1.0
                                 for core in p.cores)
                           for p in profiles]
        self._by_feature: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
        """Feature -> the claims that have it, each with the cores it counts in for
        recall (not the subject's features)."""
        for index, profile in enumerate(profiles):
            for feature in profile.features:
                cores = () if feature in self._topic else tuple(
                    number for number, core in enumerate(profile.cores) if feature in core)
                self._by_feature.setdefault(feature, []).append((index, cores))

    def weight(self, feature: str) -> float:
        known = self._weights.get(feature)
        if known is not None:
            return known
        return self._unknown * CONCEPT_WEIGHT if feature.startswith(CONCEPT) else self._unknown

    def match(self, text: str, context: str = "", whole: str = "") -> Match:
        """The closest claim to a statement, or a Match with no claim below the
        threshold. ``context`` (a list item's lead-in) is matched with the statement when
        the statement alone matches nothing: the item names what it is about ("- Rivotril"
        under "Medicines that doctors use include:"); the polarity is read on both.
        ``whole`` (the lead-in with all the list's items) is matched last: a list may state
        a claim together ("include: - Finlepsin - Rivotril - gabapentin"), and an item
        about that claim is shown with it."""
        item = feats = self.featurizer.features(text)
        best = self._closest(feats)
        matched = feats
        if context:
            text = f"{context} {text}"
            feats_with_context = self.featurizer.features(text)
            with_context = self._about_the_item(self._closest(feats_with_context), item)
            if with_context and (best is None or (best[0][0] < THRESHOLD
                                                  and with_context[0][0] > best[0][0])):
                best = with_context
                matched = feats_with_context
            feats = feats_with_context
        if whole and (best is None or best[0][0] < THRESHOLD):
            together = self._about_the_item(self._closest(self.featurizer.features(whole)),
                                            item, strict=True)
            if together and together[0][0] >= THRESHOLD:
                # the list's other claims are the other items' to make, not this one's
                best = together[:1]
        if best is None or best[0][0] < THRESHOLD:
            return Match(None, round(best[0][0], 3) if best else 0.0, False)
        (score, index, _), *rest = best
        profile = self.profiles[index]
        shared = tuple(sorted(feats & profile.features))
        joint = self._jointly_stated(matched, index, rest, item)
        also = tuple(
            Match(self.profiles[i].claim, round(min(s, 1.0), 3),
                  self._opposes(text, feats, self.profiles[i]),
                  tuple(sorted(feats & self.profiles[i].features)))
            for s, i in joint)
        taken = {index, *(i for _, i in joint)}
        others = tuple(self.profiles[i].claim for s, i, _ in rest[:MAX_OTHERS]
                       if s >= THRESHOLD and i not in taken)
        return Match(profile.claim, round(min(score, 1.0), 3),
                     self._opposes(text, feats, profile), shared, others, also)

    def _about_the_item(self, ranked: list[tuple[float, int, float]] | None,
                        item: set[str], *, strict: bool = False
                        ) -> list[tuple[float, int, float]] | None:
        """The claims matched with a lead-in that are about the item itself, sharing a
        distinctive feature with it ("- Finlepsin" under "Medicines that doctors use
        include:" is about carbamazepine, not about medicines in general); all of them
        when none is, unless ``strict``."""
        if not ranked:
            return ranked
        distinct = {f for f in item if self._idf.get(f, 0.0) >= MIN_DISTINCT}
        about = [found for found in ranked if distinct & self.profiles[found[1]].features]
        return about or (None if strict else ranked)

    def _jointly_stated(self, feats: set[str], first: int, rest: list[tuple[float, int, float]],
                        own: set[str]) -> list[tuple[float, int]]:
        """Further claims a statement makes beside its closest one, in other words of it
        ("more often in persons with hypertension, the elderly and women after the
        menopause"), each with its score: a claim counts when what the statement says
        beside the claims already found is closer to it than the threshold (its share of
        those other words, against how much of the claim the statement says), and most
        of what it shares with the statement is in those other words, so that a second
        reading of the same words is not a second claim. Those words must be the
        statement's ``own`` (a list item's, not its lead-in's)."""
        explained = set(feats & self.profiles[first].features)
        out: list[tuple[float, int]] = []
        foreign = FOREIGN_PENALTY if self._speaks_of_another_disorder(feats) else 1.0
        for _, index, recall in rest[:JOINT_CANDIDATES]:
            if len(out) == MAX_JOINT or recall < JOINT_RECALL:
                continue
            shared = feats & (self.profiles[index].features - self._topic)
            new = (shared - explained) & own
            if not new or max(self._idf[f] for f in new) < MIN_DISTINCT:
                continue
            new_weight = sum(self.weight(f) for f in new)
            if new_weight < JOINT_NEW_SHARE * sum(self.weight(f) for f in shared):
                continue
            left = sum(self.weight(f) for f in feats - explained - self._topic
                       if not f.startswith(OTHER_DISORDER))
            precision = new_weight / left
            score = foreign * 2 * precision * recall / (precision + recall)
            if score >= JOINT_THRESHOLD:
                out.append((score, index))
                explained |= shared
        return out

    def _closest(self, feats: set[str]) -> list[tuple[float, int, float]] | None:
        """(score, profile index, recall) of the claims sharing features with a text's,
        best first; the recall is how much of the claim the text says (0 to 1)."""
        if not feats:
            return None
        mass = sum(self.weight(f) for f in feats if not f.startswith(OTHER_DISORDER))
        # accumulated per claim over the postings of the text's features
        common: dict[int, float] = {}
        rarest: dict[int, float] = {}
        in_core: dict[int, list[float]] = {}
        for feature in feats:
            postings = self._by_feature.get(feature)
            if not postings:
                continue
            weight = self.weight(feature)
            idf = self._idf[feature]
            for index, cores in postings:
                common[index] = common.get(index, 0.0) + weight
                rarest[index] = max(rarest.get(index, 0.0), idf)
                sums = in_core.setdefault(index, [0.0, 0.0])
                for core in cores:
                    sums[core] += weight
        foreign = self._speaks_of_another_disorder(feats)
        scored: list[tuple[float, int, float]] = []
        for index, shared_weight in common.items():
            if rarest[index] < MIN_DISTINCT:
                continue
            precision = shared_weight / mass
            recall = max(part / whole for part, whole in zip(in_core[index],
                                                             self._core_mass[index],
                                                             strict=True))
            score = 2 * precision * recall / (precision + recall) if recall else 0.0
            if foreign:
                score *= FOREIGN_PENALTY
            scored.append((score, index, recall))
        scored.sort(key=lambda found: (-found[0], found[1]))
        return scored or None

    def _speaks_of_another_disorder(self, feats: set[str]) -> bool:
        """Whether a text names a condition no claim is about, or a disorder the pack does
        not know ("trigeminal neuralgia")."""
        return bool(feats & self._foreign) or any(f.startswith(OTHER_DISORDER) for f in feats)

    def _opposes(self, text: str, text_feats: set[str], profile: _Profile) -> bool:
        """Whether the statement denies the claim: it carries a debunking frame, or one
        side has a denying clause on what the two share and the other has none."""
        if polarity.debunks(text):
            return True
        text_clauses = [(clause, frozenset(self.featurizer.features(" ".join(clause.words))))
                        for clause in polarity.clauses(text)]
        mine = self._closest_clauses(text_clauses, profile.features)
        theirs = self._closest_clauses(profile.clauses, frozenset(text_feats))
        # an opposite-pole word counts when the other text speaks of the same thing
        text_negative = any(clause.negative(profile.features) for clause, _ in mine)
        claim_negative = any(clause.negative(text_feats) for clause, _ in theirs)
        return text_negative != claim_negative

    def _closest_clauses(self, clauses: Sequence[tuple[polarity.Clause, frozenset[str]]],
                         other: frozenset[str]
                         ) -> list[tuple[polarity.Clause, frozenset[str]]]:
        """The clauses that speak of what the other text says: those sharing a feature
        rare enough with it, and at least :data:`CLAUSE_SHARE` as much as the clause
        sharing most (a statement's clause about another claim does not count)."""
        overlaps = [(clause, feats, sum(self.weight(f) for f in feats & other
                                        if self._idf.get(f, 0.0) >= MIN_TOPIC))
                    for clause, feats in clauses]
        most = max((overlap for _, _, overlap in overlaps), default=0.0)
        return [(clause, feats) for clause, feats, overlap in overlaps
                if overlap > 0 and overlap >= CLAUSE_SHARE * most]
