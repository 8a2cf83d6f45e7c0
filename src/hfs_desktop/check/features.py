"""A text as the features a claim is matched on: word stems, the thesaurus' canonical
words, and the pack's entities it names ("botox", "high blood pressure", "Tegretol")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..pack import Pack
from ..search.analysis import (
    QUESTION_WORDS,
    STOP_WORDS,
    compounds,
    fold,
    join_hyphenated,
    stem,
)
from .polarity import CUES
from .thesaurus import GROUPS, SYNONYM

MAX_NAME_WORDS = 6
"""Names longer than this many words are not looked for in texts."""
MAX_AMBIGUOUS = 6
"""A name shared by more entities than this is too generic to link."""
SKIPPED_TYPES = ("claim", "source")
"""Kinds that are not named in an article: claims are what is matched, sources cited."""
FILLER = STOP_WORDS | QUESTION_WORDS | CUES | frozenset((
    "more", "most", "less", "often", "usually", "only", "even", "well", "said", "called",
    "cases", "case", "time", "times", "day", "years", "year", "also", "other", "others",
    "many", "much", "every", "all", "each", "lot", "lots", "good", "able", "used", "use",
    "take", "taking", "patient", "patients", "person", "persons", "someone", "anyone",
    "nobody", "certain", "always", "sometimes", "may", "can", "become", "becomes", "since",
    "such", "further", "new", "first", "later", "over", "under", "up", "out", "down",
    "off", "back", "still", "yet", "ever", "now", "today", "because", "until", "while",
    "after", "before", "during", "without", "within", "whole", "entire", "simply", "go",
    "goes", "going", "went", "gone", "come", "comes", "came", "coming", "made", "give",
    "gives", "put", "puts", "let", "seem", "seems", "became", "thus", "however", "way"))
"""Words that say nothing about which claim is meant (stems are not made of them)."""

CONCEPT = "@"
"""Prefix of an entity feature ("@botulinum-toxin")."""
OTHER_DISORDER = "!"
"""Prefix of a feature marking a disorder the pack does not know ("!neuralgia"): it tells
that the text speaks of another disorder, and matches nothing."""
DISORDER_WORD = re.compile(r"[a-z]{3,}(?:algia|itis|osis|pathy|plegia|oma|aemia|emia)")
"""How the name of a disorder ends (neuralgia, arthritis, neuropathy, glaucoma...)."""


def _phrase_table(phrases: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    table: dict[str, set[str]] = defaultdict(set)
    for phrase, target in phrases:
        key = " ".join(stem(w) for w in fold(phrase).split())
        if key:
            table[key].add(target)
    return table


class Featurizer:
    """Turns texts into feature sets, with the pack's names and the thesaurus."""

    def __init__(self, pack: Pack) -> None:
        names: list[tuple[str, str]] = []
        for entity in pack.entities.values():
            if entity.type in SKIPPED_TYPES:
                continue
            for name in (entity.name, *entity.aliases, *entity.search_terms):
                folded = fold(name).split()
                if not folded or len(folded) > MAX_NAME_WORDS:
                    continue
                if len(folded) == 1 and (folded[0] in FILLER or len(folded[0]) < 2):
                    continue
                names.append((name, CONCEPT + entity.id))
        concepts = _phrase_table(names)
        table = {k: v for k, v in concepts.items() if len(v) <= MAX_AMBIGUOUS}
        for key, targets in _phrase_table(
                (phrase, SYNONYM + canonical) for canonical, phrases in GROUPS.items()
                for phrase in (canonical, *phrases)).items():
            table.setdefault(key, set()).update(targets)
        self._table = {k: frozenset(v) for k, v in table.items()}
        self._known = frozenset(word for k in self._table for word in k.split())
        """Every stem of a name the pack knows ("sclerosis", "meningioma")."""
        self._longest = max((k.count(" ") + 1 for k in self._table), default=1)
        self._prefixes = frozenset(" ".join(k.split()[:n]) for k in self._table
                                   for n in range(1, k.count(" ") + 2))
        """Every key and every run of words a key starts with: a search stops early."""

    def features(self, text: str) -> set[str]:
        """The stems of a text's content words, with the entities and canonical words its
        phrases name."""
        return self.named_features(text)[0]

    def named_features(self, text: str) -> tuple[set[str], dict[str, set[str]]]:
        """:meth:`features`, and those of its stems that only occur inside names of
        entities ("high", "blood", "pressure" of "high blood pressure"), each with the
        entities so named."""
        folded = fold(text).split()
        stems = [stem(word) for word in folded]
        out: set[str] = set()
        covered = self._look_up(stems, out)
        content = [(position, s) for position, (word, s) in enumerate(zip(folded, stems,
                                                                          strict=True))
                   if word not in FILLER and len(word) > 1 and not word.isdigit()]
        out.update(s for _, s in content)
        out.update(OTHER_DISORDER + s for position, s in content
                   if s not in self._known and DISORDER_WORD.fullmatch(folded[position]))
        outside = {s for position, s in content if position not in covered}
        inside: dict[str, set[str]] = {}
        for position, s in content:
            if position in covered and s not in outside:
                inside.setdefault(s, set()).update(covered[position])
        joined = compounds(text)
        if joined:
            out.update(stem(word) for word in joined)
            self._look_up([stem(word) for word in fold(join_hyphenated(text)).split()], out)
        return out, inside

    def _look_up(self, stems: list[str], out: set[str]) -> dict[int, set[str]]:
        """Adds the entities and canonical words that runs of the stems name; returns the
        positions of the words inside a name of several words, with the entities named.
        An entity named inside a longer entity's name is not read on its own
        ("traditional medicine" names folk remedies, not medicines)."""
        runs: list[tuple[int, int, frozenset[str]]] = []
        for start in range(len(stems)):
            key = ""
            for size in range(min(self._longest, len(stems) - start)):
                key = f"{key} {stems[start + size]}" if size else stems[start]
                if key not in self._prefixes:
                    break
                found = self._table.get(key)
                if found:
                    runs.append((start, start + size + 1, found))
        covered: dict[int, set[str]] = {}
        spans = [(start, end) for start, end, found in runs
                 if end - start > 1 and any(f.startswith(CONCEPT) for f in found)]
        for start, end, found in runs:
            if any(s <= start and end <= e and e - s > end - start for s, e in spans):
                found = frozenset(f for f in found if not f.startswith(CONCEPT))
            out.update(found)
            entities = {f for f in found if f.startswith(CONCEPT)}
            if end - start > 1 and entities:
                for position in range(start, end):
                    covered.setdefault(position, set()).update(entities)
        return covered
