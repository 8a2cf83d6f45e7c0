"""What the pack cache keeps beside an entry: a pack's graph edges and concept keys (read
back rather than made), and the search digest (read once a process). Never stale, never in
the way: an updated pack makes them again, a damaged file is made again with a line in the
log (no traceback), an unwritable folder only costs the making."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from hfs_desktop import concepts, graph
from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.library import Library
from hfs_desktop.pack import Pack, bundled_pack_dir, load_pack
from hfs_desktop.pack import cache as pack_cache

from .twopacks import HFS_TERM, PARENT, write_hpo_like


@pytest.fixture
def hpo(tmp_path: Path) -> Path:
    return write_hpo_like(tmp_path / "HPO", children=3)


def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count every graph's edges and every pack's concept keys made (not read back)."""
    made = {"edges": 0, "keys": 0}
    real_edges, real_keys = graph._edges, concepts.keys_of

    def edges(*args: Any) -> Any:
        made["edges"] += 1
        return real_edges(*args)

    def keys(*args: Any) -> Any:
        made["keys"] += 1
        return real_keys(*args)

    monkeypatch.setattr(graph, "_edges", edges)
    monkeypatch.setattr(concepts, "keys_of", keys)
    return made


def answers(kg: KnowledgeGraph) -> Any:
    return (kg.edges(), kg.edge_count(),
            {i: [(g.label, [e.id for e in g.entities]) for g in kg.neighbours(i)]
             for i in kg.pack.entities},
            {i: kg.within(i, 2) for i in kg.pack.entities})


def kept_files(store: Path) -> list[str]:
    return sorted(p.name.split(".", 1)[1] for p in store.glob("*.kept"))


def test_edges_and_keys_are_read_back_and_answer_as_made(
        hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    made = counted(monkeypatch)
    first = load_pack(hpo, cache=store)
    built = answers(KnowledgeGraph(first))
    built_keys = concepts.pack_keys(first)
    assert made == {"edges": 1, "keys": 1}
    assert kept_files(store) == ["concept-keys-1.kept", "graph-edges-1.kept"]
    again = load_pack(hpo, cache=store)
    assert answers(KnowledgeGraph(again)) == built
    assert concepts.pack_keys(again) == built_keys == concepts.keys_of(first)
    assert made == {"edges": 1, "keys": 2}  # read back (the last count: keys_of above)
    assert answers(KnowledgeGraph(load_pack(hpo, cache=False))) == built


def test_the_same_concept_links_come_out_as_from_the_entities(hpo: Path) -> None:
    """The links joined from each pack's keys, read back or made, as pages show them."""
    packs = [(pid, load_pack(root)) for pid, root in (("hfs", bundled_pack_dir()),
                                                      ("hpo", hpo))]
    made = concepts.same_concepts([(pid, concepts.keys_of(p)) for pid, p in packs])
    assert made == concepts.same_concepts([(pid, concepts.pack_keys(p)) for pid, p in packs])
    assert made[("hpo", HFS_TERM)] == [("hfs", "hemifacial-spasm")]
    assert made[("hfs", "hemifacial-spasm")] == [("hpo", HFS_TERM)]
    assert all(one[0] != other[0] for one, others in made.items() for other in others)


def test_an_updated_pack_makes_its_edges_and_keys_again(
        hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    KnowledgeGraph(load_pack(hpo, cache=store))
    concepts.pack_keys(load_pack(hpo, cache=store))
    made = counted(monkeypatch)
    write_hpo_like(hpo, children=4)  # one more child of PARENT
    terms = next((hpo / "entities").glob("*.yaml"))
    terms.write_text(terms.read_text(encoding="utf-8").replace(
        "SNOMEDCT_US:13753008", "SNOMEDCT_US:99999999"), encoding="utf-8")
    updated = load_pack(hpo, cache=store)
    kg = KnowledgeGraph(updated)
    subclasses = [g for g in kg.neighbours(PARENT) if not g.outgoing]
    assert len(subclasses[0].entities) == 5  # HP:0010828 and the four children
    assert "SNOMED:99999999" in concepts.pack_keys(updated)
    assert "SNOMED:13753008" not in concepts.pack_keys(updated)
    assert made == {"edges": 1, "keys": 1}
    KnowledgeGraph(load_pack(hpo, cache=store))
    concepts.pack_keys(load_pack(hpo, cache=store))
    assert made == {"edges": 1, "keys": 1}  # the new ones kept


def _damage(kept: Path, how: str) -> None:
    data = kept.read_bytes()
    header, body = data.split(b"\n", 1)
    if how == "truncated":
        kept.write_bytes(data[:len(data) // 2])
    elif how == "empty":
        kept.write_bytes(b"")
    elif how == "garbage":
        kept.write_bytes(b"\x00\xffnot json at all\n{{{")
    elif how == "body changed":
        kept.write_bytes(header + b"\n" + body.replace(b"is-a", b"is-b", 1))
    elif how == "another name":
        kept.write_bytes(header.replace(b"graph edges", b"graph edgez") + b"\n" + body)
    elif how == "wrong shape":  # checksum right, parts of another shape
        import hashlib
        import json

        fields = json.loads(header)
        other = b"[1,2]"
        fields.update(sizes=[len(other)], sha256=hashlib.sha256(other).hexdigest())
        kept.write_bytes(json.dumps(fields).encode() + b"\n" + other)


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage", "body changed",
                                 "another name", "wrong shape"])
def test_a_damaged_file_is_made_again_with_a_clear_line_in_the_log(
        how: str, hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    store = tmp_path / "cache"
    expected = answers(KnowledgeGraph(load_pack(hpo, cache=store)))
    kept = next(store.glob("*.graph-edges-1.kept"))
    _damage(kept, how)
    made = counted(monkeypatch)
    with caplog.at_level(logging.INFO, logger=pack_cache.__name__):
        assert answers(KnowledgeGraph(load_pack(hpo, cache=store))) == expected
    assert made["edges"] == 1
    said = [r for r in caplog.records if "graph edges 1" in r.getMessage()]
    assert said and "computed again" in said[0].getMessage()
    assert str(kept) in said[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)
    assert all(r.levelno < logging.WARNING for r in caplog.records)
    KnowledgeGraph(load_pack(hpo, cache=store))
    assert made["edges"] == 1  # rewritten, read back


def test_an_unwritable_folder_only_costs_the_making(
        hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    store = tmp_path / "cache"
    pack = load_pack(hpo, cache=store)
    expected = answers(KnowledgeGraph(load_pack(hpo, cache=False)))
    for kept in store.glob("*.kept"):
        kept.unlink()

    def refused(*args: object, **kwargs: object) -> object:
        raise PermissionError("read-only")

    monkeypatch.setattr(pack_cache.tempfile, "mkstemp", refused)
    with caplog.at_level(logging.INFO, logger=pack_cache.__name__):
        assert answers(KnowledgeGraph(pack)) == expected
    assert any("cannot keep graph edges 1" in r.getMessage() for r in caplog.records)
    assert not list(store.glob("*.kept"))


def test_a_pack_not_from_the_cache_keeps_nothing(hpo: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    made = counted(monkeypatch)
    pack = load_pack(hpo, cache=False)
    KnowledgeGraph(pack)
    KnowledgeGraph(pack)
    concepts.pack_keys(pack)
    assert made == {"edges": 2, "keys": 1}


def test_pruned_entries_take_what_was_kept_with_them(starter_pack: Path,
                                                     tmp_path: Path) -> None:
    import shutil

    store = tmp_path / "cache"
    for n in range(pack_cache.KEEP_ENTRIES + 2):
        copy = tmp_path / f"copy{n}" / "knowledge"
        shutil.copytree(starter_pack, copy)
        pack = load_pack(copy, cache=store)
        KnowledgeGraph(pack)
        concepts.pack_keys(pack)
    entries = {p.stem for p in store.glob("*.json")}
    assert len(entries) == pack_cache.KEEP_ENTRIES
    assert {p.name.split(".")[0] for p in store.glob("*.kept")} <= entries


def test_the_search_digest_is_read_once_a_process(
        starter_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.search.schema import pack_digest

    store = tmp_path / "cache"
    digest = pack_digest(load_pack(starter_pack, cache=store))
    pack = load_pack(starter_pack, cache=store)
    reads: list[Pack] = []
    real = pack_cache._derived

    def read(pack: Pack) -> dict[str, str]:
        reads.append(pack)
        return real(pack)

    monkeypatch.setattr(pack_cache, "_derived", read)
    assert pack_digest(pack) == pack_digest(pack) == digest
    assert reads == [pack]
    assert pack_digest(load_pack(starter_pack, cache=store)) == digest
    assert len(reads) == 2  # another pack object reads it (once)


def test_a_page_does_not_wait_behind_another_pack_s_graph(
        hpo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pack's graph has its own lock: while one thread makes the HPO pack's graph (for
    a page of that pack), another makes the bundled pack's and renders its page."""
    library = Library.read([bundled_pack_dir(), hpo], bundled_pack_dir())
    hpo_pack = library.pack("hpo").pack
    started, release = threading.Event(), threading.Event()
    real = graph.KnowledgeGraph

    def slow(pack: Pack) -> KnowledgeGraph:
        if pack is hpo_pack:
            started.set()
            release.wait(30)
        return real(pack)

    monkeypatch.setattr(graph, "KnowledgeGraph", slow)
    pages: dict[str, str] = {}
    other = threading.Thread(target=lambda: pages.update(hpo=library.html(f"hpo/{HFS_TERM}")))
    other.start()
    timeout = threading.Timer(10, release.set)  # a regression fails below, not hangs
    timeout.start()
    try:
        assert started.wait(30)
        assert "Hemifacial spasm" in library.html("hfs/hemifacial-spasm")
        assert not release.is_set(), "the bundled pack's page waited for the HPO graph"
        assert library.pack("hpo").graph is None  # still being made
    finally:
        release.set()
        timeout.cancel()
        other.join(30)
    assert "The same concept in Hemifacial spasm" in pages["hpo"]


def test_a_new_release_of_the_code_that_makes_them_makes_them_again(
        hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an older graph.py or concepts.py made (say, before a code system was normalised
    differently) is never read back by a newer one, though the pack is unchanged."""
    store = tmp_path / "cache"
    KnowledgeGraph(load_pack(hpo, cache=store))
    concepts.pack_keys(load_pack(hpo, cache=store))
    made = counted(monkeypatch)
    for module in (graph, concepts):
        newer = tmp_path / Path(module.__file__ or "").name
        newer.write_text(Path(module.__file__ or "").read_text(encoding="utf-8") + "# newer\n",
                         encoding="utf-8")
        monkeypatch.setattr(module, "__file__", str(newer))
    KnowledgeGraph(load_pack(hpo, cache=store))
    concepts.pack_keys(load_pack(hpo, cache=store))
    assert made == {"edges": 1, "keys": 1}
    KnowledgeGraph(load_pack(hpo, cache=store))
    concepts.pack_keys(load_pack(hpo, cache=store))
    assert made == {"edges": 1, "keys": 1}  # and kept for the newer code
