"""The index writer: the same files as Whoosh's, the same tokens as the analyzers, and the
leaner ``prefix`` field answering word starts of any length."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter as WhooshSegmentWriter

from hfs_desktop.pack import Entity, Location, load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.analysis import MAX_PREFIX, name_words
from hfs_desktop.search.build import Documents, FolderStorage, _codec
from hfs_desktop.search.schema import (
    LENGTHS,
    TOKENIZERS,
    build_schema,
    prefix_terms,
    to_document,
)
from hfs_desktop.search.segwriter import SegmentWriter

TRICKY = [
    Entity(id="odd-1", type="symptom", name="Café-au-lait  spots\tand\u00a0more",
           location=Location("test"), aliases=("", " , ", "Bell's palsy, left"),
           summary="Not painful, but\r\nnon-itching; painless.", codes={"X": ("A, B", " c ")}),
    Entity(id="odd-2", type="sign", name="x", location=Location("test"),
           aliases=("supercalifragilisticexpialidocious word", "a" * 30)),
]


def _documents() -> list[dict[str, object]]:
    documents = Documents(load_pack())
    return [documents[i] for i in range(len(documents))] + [
        to_document(entity) for entity in TRICKY]


def test_tokenizers_give_the_analyzers_tokens() -> None:
    schema = build_schema()
    for document in _documents():
        for fieldname, value in document.items():
            field = schema[fieldname]
            if field.indexed:
                expected = [t.text for t in field.analyzer(value, mode="index")]
                assert TOKENIZERS[fieldname](str(value)) == expected, (fieldname, value)


def write_segment(folder: Path, writer_class: type, documents: list[dict[str, object]],
                  **options: object) -> dict[str, bytes]:
    """The files ``writer_class`` writes for ``documents`` (the segment's name replaced)."""
    folder.mkdir()
    ix = FolderStorage(str(folder)).create_index(build_schema())
    writer = writer_class(ix, codec=_codec(), compound=False, **options)
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    ix.close()
    segment = next(p.stem for p in folder.glob("*.trm"))
    return {p.name.replace(segment, "SEGMENT"): p.read_bytes()
            for p in folder.iterdir() if p.is_file() and p.suffix != ".toc"}


def test_the_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    theirs = write_segment(tmp_path / "whoosh", WhooshSegmentWriter, _documents())
    ours = write_segment(tmp_path / "ours", SegmentWriter, _documents(), tokenizers=TOKENIZERS)
    assert sorted(ours) == sorted(theirs)
    for name, content in theirs.items():
        assert ours[name] == content, name


def test_the_writer_takes_plain_documents_only(tmp_path: Path) -> None:
    ix = FolderStorage(str(tmp_path)).create_index(build_schema())
    writer = SegmentWriter(ix, codec=_codec(), tokenizers=TOKENIZERS)
    with pytest.raises(TypeError):
        writer.add_document(id="x", _boost=2.0)
    writer.cancel()
    ix.close()


def test_prefix_terms_are_short_starts_and_whole_words() -> None:
    assert prefix_terms(["facial", "nerve", "facial", "hemifacial"]) == [
        "f", "fa", "fac", "faci", "facia", "facial", "n", "ne", "ner", "nerv", "nerve",
        "f", "fa", "fac", "faci", "facia", "facial",
        "h", "he", "hem", "hemi", "hemif", "hemifa", "hemifacial"]
    assert prefix_terms(["a" * 30]) == ["a" * size for size in range(1, 7)] + ["a" * 20]


@pytest.mark.parametrize("names", [["Facial nerve"], ["hemifacial spasm", "HFS"],
                                   ["supercalifragilisticexpialidocious x"], []])
def test_the_prefix_field_is_as_long_as_every_start_of_its_words(names: list[str]) -> None:
    unstemmed = name_words(names)
    assert LENGTHS["prefix"](prefix_terms(unstemmed)) == sum(
        min(len(word), MAX_PREFIX) for word in unstemmed)


@pytest.mark.parametrize("typed", ["hemifa", "hemifaci", "hemifacial", "microvascul",
                                   "blepharosp"])
def test_a_word_start_of_any_length_is_looked_up(starter_pack: Path, typed: str) -> None:
    pack = load_pack(starter_pack)
    expected = {entity.id for entity in pack.entities.values()
                if any(word.startswith(typed[:MAX_PREFIX])
                       for word in name_words([entity.name, *entity.aliases,
                                               *entity.search_terms]))}
    with open_index(pack) as index:
        assert index._df("prefix", typed) == len(expected)
        found = {hit.id for hit in index.search(typed, limit=500)}
    assert expected <= found
