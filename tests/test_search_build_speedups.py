"""The faster index build gives what the plain code gave: clauses and negation, compounds,
entity linking, the term table's hashes and the writer's files on long posting lists."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

from whoosh.filedb import filetables
from whoosh.writing import SegmentWriter as WhooshSegmentWriter

from hfs_desktop.pack import Entity, Location, load_pack
from hfs_desktop.search.analysis import compounds, stem, words
from hfs_desktop.search.build import Documents
from hfs_desktop.search.linking import MAX_AMBIGUOUS, Linker
from hfs_desktop.search.negation import CUES, Split, flags, less_root, split
from hfs_desktop.search.schema import TOKENIZERS, to_document
from hfs_desktop.search.segwriter import SegmentWriter, _md5_hashes

from .test_search_writer import write_segment

_OLD_CLAUSE = re.compile(r"[.;:,!?()\[\]]|\bbut\b|\band\b|\bor\b|\bwhile\b|\balthough\b", re.I)

PIECES = [
    "pain", "painless", "not", "No", "never", "non", "without", "and", "AND", "or", "but",
    "while", "although", "Although", "always", "the", "eye", "twitching", "less", "spasm",
    "Bell's", "don't", "isn't", "and's", "_and", "or_", "x1", "42", "café", "naïve", "Œdema",
    "ﬁbrosis", "while\u0301", "\u00a0", "hemi-facial", "post–operative", "ıor", "ſo",
]
SEPARATORS = [" ", "  ", ", ", ". ", "; ", ": ", "! ", "? ", " (", ") ", "[", "] ", "\n",
              "\t", "-", "'", "`", "_", "/", "\u2019"]


def _random_texts(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(SEPARATORS)
                    for _ in range(rng.randint(0, 14))) for _ in range(count)]


def _old_split(text: str) -> Split:
    positive: list[str] = []
    negated: list[str] = []
    for clause in _OLD_CLAUSE.split(text):
        clause_words = words(clause)
        if (CUES.isdisjoint(clause_words) and "non" not in clause_words
                and "less " not in " ".join(clause_words) + " "):
            positive += clause_words
            continue
        for word, is_negated in zip(clause_words, flags(clause_words), strict=True):
            if is_negated:
                negated.append(stem(word))
            else:
                positive.append(word)
            root = less_root(word)
            if root:
                negated.append(stem(root))
    return Split(positive, negated)


def _old_compounds(text: str) -> list[str]:
    joined = []
    for part in re.split(r"\s+", text):
        pieces = words(part)
        if len(pieces) > 1 and all(piece.isalpha() for piece in pieces):
            joined.append("".join(pieces))
    return joined


def test_negation_splits_as_clause_by_clause() -> None:
    for text in _random_texts(4000):
        assert split(text) == _old_split(text), text
        assert split(text, words(text)) == _old_split(text), text


def test_compounds_as_before() -> None:
    for text in _random_texts(4000, seed=5):
        assert compounds(text) == _old_compounds(text), text


class _OldLinker:
    """The linker before the build got faster (its table and matching, as they were)."""

    def __init__(self, linker: Linker) -> None:
        self._table = linker._table
        self._leads = frozenset(" ".join(k.split(" ")[:size]) for k in self._table
                                for size in range(1, k.count(" ") + 2))

    def mentions(self, texts: list[str]) -> list[str]:
        found: dict[str, None] = {}
        for text in texts:
            stems = [stem(w) for w in words(text)]
            for start in range(len(stems)):
                run = stems[start]
                for end in range(start + 1, len(stems) + 1):
                    if end > start + 1:
                        run += " " + stems[end - 1]
                    if run not in self._leads:
                        break
                    ids = self._table.get(run)
                    if ids:
                        found.update(dict.fromkeys(ids))
        return list(found)


def test_linking_finds_what_it_found(starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    linker = Linker(pack)
    old = _OldLinker(linker)
    assert linker._leads == old._leads
    table: dict[str, set[str]] = defaultdict(set)
    for entity in pack.entities.values():
        if entity.type != "source":
            for name in (entity.name, *entity.aliases, *entity.search_terms):
                if 0 < len(words(name)) <= 6:
                    table[" ".join(stem(w) for w in words(name))].add(entity.id)
    assert set(linker._table) <= set(table)
    assert all(len(ids) <= MAX_AMBIGUOUS for ids in linker._table.values())
    names = [name for entity in pack.entities.values()
             for name in (entity.name, *entity.aliases)]
    rng = random.Random(3)
    texts = [" ".join(rng.sample(names, 4)) for _ in range(300)] + _random_texts(300)
    for entity in pack.entities.values():
        texts.append(f"{entity.summary} {entity.details}")
    for text in texts:
        assert linker.mentions([text]) == old.mentions([text]), text
    document = to_document(next(iter(pack.entities.values())), linker=linker)
    assert document["concepts"]


def test_term_hashes_are_whooshs() -> None:
    keys = [bytes([0, field]) + word.encode() for field in range(3)
            for word in ["", "a", "facial", "ﬁbrosis".encode().decode(), "x" * 300]]
    assert list(_md5_hashes(keys)) == [filetables.md5_hash(key) for key in keys]


def _long_lists() -> list[dict[str, object]]:
    """The bundled pack plus documents whose terms have hundreds of postings (several
    blocks), repeated words (frequencies above 1) and postings lists of 2 and 3."""
    rng = random.Random(17)
    vocabulary = ["spasm", "facial", "nerve", "twitch", "botox", "eyelid"]
    extra = [Entity(id=f"long-{i}", type="symptom", location=Location("test"),
                    name=" ".join(rng.choices(vocabulary, k=3)),
                    aliases=(f"rare{i // 3} alias", f"pair{i // 2}"),
                    summary=" ".join(rng.choices(vocabulary, k=rng.randint(1, 40))),
                    codes={"X": (f"C{i % 7}",)})
             for i in range(700)]
    documents = Documents(load_pack())
    return [documents[i] for i in range(len(documents))] + [
        to_document(entity) for entity in extra]


def test_the_writer_writes_long_posting_lists_as_whoosh(tmp_path: Path) -> None:
    theirs = write_segment(tmp_path / "whoosh", WhooshSegmentWriter, _long_lists())
    ours = write_segment(tmp_path / "ours", SegmentWriter, _long_lists(), tokenizers=TOKENIZERS)
    assert sorted(ours) == sorted(theirs)
    for name, content in theirs.items():
        assert ours[name] == content, name
