"""Opening without building: a pack's graph and the same-concept links between packs are
made when a page (or anything else) first needs them, once whatever the thread, and answer
exactly as when `link` built them ahead."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from hfs_desktop import concepts, graph
from hfs_desktop.ids import qualify
from hfs_desktop.library import Library
from hfs_desktop.pack import bundled_pack_dir
from hfs_desktop.paths import search_cache_dir

from .twopacks import HFS_TERM, PARENT, write_hpo_like


@pytest.fixture(scope="module")
def hpo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hpo_like(tmp_path_factory.mktemp("lazy") / "HPO", children=30)


def read(hpo: Path) -> Library:
    return Library.read([bundled_pack_dir(), hpo], bundled_pack_dir())


def built(library: Library) -> dict[str, bool]:
    return {entry.id: entry.graph is not None for entry in library.packs}


def test_reading_and_searching_build_no_graph(hpo: Path) -> None:
    with read(hpo) as library:
        library.open_search(search_cache_dir())
        assert library.search("hemifacial spasm")
        assert built(library) == {"hfs": False, "hpo": False}
        assert not library.linked


def test_a_page_builds_its_own_pack_s_graph_only(hpo: Path) -> None:
    library = read(hpo)
    html = library.html(f"hpo/{HFS_TERM}")
    assert built(library) == {"hfs": False, "hpo": True}
    assert "The same concept in Hemifacial spasm (reviewed pack)" in html
    assert not library.linked
    assert library.link() is library and library.linked
    assert built(library) == {"hfs": True, "hpo": True}


def test_link_builds_nothing_twice(hpo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = read(hpo)
    made = count_builds(monkeypatch)
    library.link()
    library.link()
    library.html("hfs/hemifacial-spasm")
    assert made == {"graphs": 2, "links": 1}


def answers(library: Library) -> dict[str, Any]:
    """Everything the graph and the same-concept links decide, for every entity."""
    found: dict[str, Any] = {}
    for entry in library.packs:
        for entity_id in entry.pack.entities:
            ref = qualify(entry.id, entity_id)
            found[ref] = (
                library.html(ref),
                [(group.relation, group.outgoing, [e.id for e in group.entities])
                 for group, _ in library.related(ref)],
                library.cited_by(ref),
                [e.id for e in library.claims_about(ref)],
                library.same_concept(ref),
                library.neighbourhood(ref, 2))
        found[entry.id] = (library.stats(entry.id), library.export(entry.id))
    return found


def test_built_when_needed_answers_as_built_ahead(hpo: Path) -> None:
    ahead = read(hpo).link()
    lazy = read(hpo)
    # The pages first, each building what it needs, in an order unlike link's.
    assert lazy.html(f"hpo/{PARENT}") == ahead.html(f"hpo/{PARENT}")
    assert answers(lazy) == answers(ahead)


def count_builds(monkeypatch: pytest.MonkeyPatch, pause: float = 0.0) -> dict[str, int]:
    """Count (and slow down by ``pause``) every graph and same-concept map made."""
    made = {"graphs": 0, "links": 0}
    real_graph, real_links = graph.KnowledgeGraph, concepts.same_concepts

    def make_graph(*args: Any) -> graph.KnowledgeGraph:
        made["graphs"] += 1
        time.sleep(pause)
        return real_graph(*args)

    def make_links(*args: Any) -> Any:
        made["links"] += 1
        time.sleep(pause)
        return real_links(*args)

    monkeypatch.setattr(graph, "KnowledgeGraph", make_graph)
    monkeypatch.setattr(concepts, "same_concepts", make_links)
    return made


def test_threads_asking_at_once_get_one_build(hpo: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A window's loader thread building ahead while the window asks for a page: each
    graph and the links are made once, and every thread gets the same answer."""
    expected = read(hpo).link()
    library = read(hpo)
    made = count_builds(monkeypatch, pause=0.05)
    refs = ["hfs/hemifacial-spasm", f"hpo/{HFS_TERM}", f"hpo/{PARENT}", "hfs/botulinum-toxin"]
    start = threading.Barrier(len(refs) + 1)
    found: dict[str, Any] = {}
    failures: list[BaseException] = []

    def ask(ref: str) -> None:
        try:
            start.wait()
            if ref == refs[0]:  # one thread renders pages, as a window's does
                found[ref] = library.html(ref)
            else:
                found[ref] = (library.same_concept(ref), library.cited_by(ref),
                              [(g.label, [e.id for e in g.entities])
                               for g, _ in library.related(ref)])
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    def build_ahead() -> None:
        start.wait()
        library.link()

    threads = [threading.Thread(target=ask, args=(ref,)) for ref in refs]
    threads.append(threading.Thread(target=build_ahead))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures
    assert made == {"graphs": 2, "links": 1}
    assert found.pop(refs[0]) == expected.html(refs[0])
    assert found == {ref: (expected.same_concept(ref), expected.cited_by(ref),
                           [(g.label, [e.id for e in g.entities])
                            for g, _ in expected.related(ref)]) for ref in refs[1:]}
    assert library.linked
