"""Entity linking: which entities a text mentions by one of their names.

Every name, alias and search term of the pack becomes a key of stemmed words; a text
mentions an entity when a run of its words has that key ("botulinum toxin injections"
mentions botulinum-toxin, and so does "Botox"). Indexed as the ``concepts`` field, this lets
a query that names an entity in any of its ways ("botox", "high blood pressure") reach
texts that name it in another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..pack import Pack
from .analysis import STOP_WORDS, stem, words

MAX_NAME_WORDS = 6
"""Names longer than this many words are not looked for in texts."""
MAX_AMBIGUOUS = 6
"""A name shared by more entities than this is too generic to link ("pain" on a large
pack): it is left to plain word matching."""


class Linker:
    """The pack's names by key, and the entities a text mentions."""

    def __init__(self, pack: Pack, folded: dict[str, list[str]] | None = None) -> None:
        """``folded``: the words of names already folded (name: words), added to as names
        are folded here."""
        folded = {} if folded is None else folded
        table: dict[str, set[str]] = defaultdict(set)
        for entity in pack.entities.values():
            if entity.type == "source":
                continue
            for name in (entity.name, *entity.aliases, *entity.search_terms):
                name_words = folded.get(name)
                if name_words is None:
                    name_words = folded[name] = words(name)
                if not name_words or len(name_words) > MAX_NAME_WORDS:
                    continue
                if len(name_words) == 1 and (name_words[0] in STOP_WORDS
                                             or len(name_words[0]) < 2):
                    continue
                table[" ".join(map(stem, name_words))].add(entity.id)
        self._table = {k: dict.fromkeys(sorted(v)) for k, v in table.items()
                       if len(v) <= MAX_AMBIGUOUS}
        """Each key's entity ids (in order; a dict, to add to what a text mentions)."""
        # Every key's leading runs of words ("botulinum" of "botulinum toxin"): a run of a
        # text's words that is none of them can be extended to no key.
        leads: set[str] = set()
        for k in self._table:
            end = k.find(" ")
            while end != -1:
                leads.add(k[:end])
                end = k.find(" ", end + 1)
            leads.add(k)
        self._leads = frozenset(leads)

    def mentions(self, texts: Iterable[str]) -> list[str]:
        """Ids of the entities the texts name, each once, in first-seen order."""
        return self.mentions_in([stem(w) for w in words(text)] for text in texts)

    def mentions_in(self, texts: Iterable[list[str]]) -> list[str]:
        """:meth:`mentions` of texts given as their words' stems."""
        found: dict[str, None] = {}
        leads = self._leads
        table = self._table
        for stems in texts:
            # Only a word that starts a key can start a mention (most words start none).
            for start in [i for i, first in enumerate(stems) if first in leads]:
                run = stems[start]
                ids = table.get(run)
                if ids:
                    found.update(ids)
                # Keys have at most MAX_NAME_WORDS words, so no longer run is a lead.
                for word in stems[start + 1:start + MAX_NAME_WORDS]:
                    run += " " + word
                    if run not in leads:
                        break
                    ids = table.get(run)
                    if ids:
                        found.update(ids)
        return list(found)
