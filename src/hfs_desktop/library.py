"""The library: the open packs, each with its graph and search index, and every question the
CLI and the GUI ask of them (Anki's ``Collection`` is the model). No Qt here.

    library = Library.open([bundled_pack_dir(), Path("HPO")], cache_dir)
    library.search("spasm")                 # hits of every pack, each naming its pack
    library.page("hfs/hemifacial-spasm")    # HTML, with "the same concept in ..." links

Every id that leaves the library is qualified, ``PACK/ID`` (see `ids`); a bare id (stored
before packs were qualified) resolves to the bundled pack, else to the one pack holding it.
Opening happens in three steps, so that a window can search before the graphs are built:
`Library.read` (the packs), `open_search` (their indexes), `link` (graphs and the links
between packs); `Library.open` does all three. `link` is optional: a pack's graph, and the
same-concept links between packs, are made when first needed (a page, a neighbourhood),
once, each under its own lock (any thread may ask), from what the pack cache keeps of them
(the edges, the concept keys) while the pack is unchanged; `link` makes them all ahead (the
window's loader thread does, after search is ready, so that its first page does not wait).
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ids import qualify, split
from .pack import Entity, Pack, PackInvalid, load_pack

if TYPE_CHECKING:
    from .badges import Badge
    from .differential import DifferentialResult, FeatureInfo
    from .graph import KnowledgeGraph, RelationGroup
    from .graph_model import Neighbourhood
    from .learning import ArticleCheck
    from .pagestyle import Theme
    from .quiz import Question
    from .references import Reference
    from .render import Page, PageRenderer, SameConcept
    from .search import SearchHit, SearchIndex


BUILD_APART_FROM = 4000
"""Packs of at least this many entries build their search index in a child process (an
ontology: a minute of work that would otherwise hold the interpreter); smaller ones build in
the caller's thread, faster than starting a process."""


class LibraryError(Exception):
    """Packs that cannot be opened together (two with one id, a missing folder), or an index
    that cannot be built."""


@dataclass(slots=True)
class OpenPack:
    """One open pack: its records, its graph (once built) and its search index."""

    root: Path
    pack: Pack
    bundled: bool = False
    graph: KnowledgeGraph | None = None
    index: SearchIndex | None = None
    index_error: str = ""
    # Held while this pack's graph is made (one thread makes it, any other asking waits).
    building: threading.Lock = field(default_factory=threading.Lock, repr=False,
                                     compare=False)

    @property
    def id(self) -> str:
        return self.pack.meta.id

    @property
    def name(self) -> str:
        return self.pack.meta.name

    @property
    def reviewed(self) -> bool:
        return self.pack.meta.reviewed

    @property
    def kind(self) -> str:
        return self.pack.meta.kind

    def label(self) -> str:
        """"Hemifacial spasm (reviewed pack)"."""
        from .render import pack_label

        return pack_label(self.name, self.reviewed)


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result of one pack: the index's hit with the pack named."""

    id: str  # qualified
    entity_id: str
    pack: str
    pack_name: str
    reviewed: bool
    type: str
    name: str
    score: float
    evidence: str
    verdict: str
    matched: str
    source: SearchHit = field(repr=False)
    """The index's hit: its snippets are made when first read (only the hits shown)."""

    @property
    def snippet(self) -> str:
        return self.source.snippet

    @property
    def snippet_html(self) -> str:
        return self.source.snippet_html

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "pack": self.pack, "entity_id": self.entity_id,
                "reviewed": self.reviewed, "type": self.type, "name": self.name,
                "score": round(self.score, 4), "evidence": self.evidence,
                "verdict": self.verdict, "matched": self.matched, "snippet": self.snippet}


@dataclass(slots=True)
class Library:
    """The open packs, in the order given (the bundled pack first when it is open)."""

    packs: list[OpenPack]
    _same: dict[tuple[str, str], list[tuple[str, str]]] | None = None
    # Held while the same-concept links are made (a pack's graph has its pack's own lock,
    # so that no page waits behind another pack's graph).
    _linking: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _renderers: dict[tuple[str, Theme], PageRenderer] = field(default_factory=dict)
    _checkers: dict[str, Any] = field(default_factory=dict)  # pack id -> ArticleChecker
    _questions: dict[str, list[Question]] = field(default_factory=dict)  # pack id -> qualified

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def read(cls, roots: Sequence[Path], bundled: Path | None = None) -> Library:
        """Load the packs (PackInvalid for an invalid one, LibraryError for two packs with
        one id or a folder that is no pack)."""
        packs: list[OpenPack] = []
        seen: dict[str, Path] = {}
        bundled_at = bundled.resolve() if bundled is not None else None
        for root in dict.fromkeys(Path(r) for r in roots):
            if not (root / "pack.yaml").is_file():
                raise LibraryError(f"no knowledge pack at {root} (no pack.yaml)")
            pack = load_pack(root)
            if pack.meta.id in seen:
                raise LibraryError(f"two packs have the id '{pack.meta.id}': {seen[pack.meta.id]}"
                                   f" and {root}; open only one of them")
            seen[pack.meta.id] = root
            packs.append(OpenPack(root, pack, bundled=root.resolve() == bundled_at))
        if not packs:
            raise LibraryError("no knowledge pack to open")
        return cls(packs)

    @classmethod
    def of(cls, *packs: Pack) -> Library:
        """A library over packs already loaded (tests, tools); call `link` to use pages."""
        ids = [p.meta.id for p in packs]
        for pack_id in ids:
            if ids.count(pack_id) > 1:
                raise LibraryError(f"two packs have the id '{pack_id}'")
        return cls([OpenPack(Path(p.root), p) for p in packs])

    @classmethod
    def open(cls, roots: Sequence[Path], cache_dir: Path | None = None, *,
             bundled: Path | None = None, search: bool = True) -> Library:
        """Read, index (unless ``search`` is False) and link the packs."""
        library = cls.read(roots, bundled)
        if search:
            library.open_search(cache_dir)
        return library.link()

    def build_index(self, pack_id: str, cache_dir: Path, *, rebuild: bool = False,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: threading.Event | None = None) -> tuple[int, Path | None]:
        """Build one pack's search index cache in a child process (so a window's thread keeps
        the interpreter); ``progress(done, total)``. Returns the number of documents and the
        index folder, or None when the cache cannot be written (then built in memory)."""
        from .search import open_index
        from .search.background import IndexBuildFailed, build_index_in_subprocess
        from .search.index import shipped_index

        entry = self.pack(pack_id)
        if not rebuild:
            shipped = shipped_index(entry.pack)
            if shipped is not None:
                return shipped
        try:
            built = build_index_in_subprocess(entry.pack, cache_dir, rebuild=rebuild,
                                              progress=progress, cancel=cancel)
        except IndexBuildFailed as exc:
            if not exc.cache_unavailable:
                raise LibraryError(f"{entry.id}: {exc}") from None
            with open_index(entry.pack, None) as index:
                return len(index), None
        return built.doc_count, built.path

    def prebuild_index(self, pack_id: str, folder: Path) -> Path:
        """Build a pack's index to ship with the app (packaging time) into ``folder``."""
        from .search.cache import CacheUnavailable
        from .search.index import prebuild_index

        entry = self.pack(pack_id)
        try:
            return prebuild_index(entry.pack, folder)
        except (OSError, CacheUnavailable) as exc:
            raise LibraryError(f"cannot build the index of '{entry.id}' into {folder}: "
                               f"{exc}") from None

    def open_search(self, cache_dir: Path | None = None, *, rebuild: bool = False,
                    only: str | None = None,
                    progress: Callable[[str, int, int], None] | None = None,
                    cancel: threading.Event | None = None) -> None:
        """Open each pack's search index (or pack ``only``'s); a pack whose index fails keeps
        its reason.

        A pack of at least ``BUILD_APART_FROM`` entries whose cached index is missing is
        built first in a child process (`build_index`), so that the caller's thread holds
        the interpreter only to wait: ``progress(pack name, done, total)``; setting
        ``cancel`` stops it (that pack then has no index and says why)."""
        from .search import open_index
        from .search.background import IndexBuildCancelled

        for entry in self.packs:
            if entry.index is not None or (only is not None and entry.id != only):
                continue
            apart = cache_dir is not None and len(entry.pack.entities) >= BUILD_APART_FROM
            if apart and cache_dir is not None and (
                    rebuild or not self.index_cached(entry.id, cache_dir)):
                name = entry.name

                def report(done: int, total: int, name: str = name) -> None:
                    if progress is not None:
                        progress(name, done, total)

                try:
                    self.build_index(entry.id, cache_dir, rebuild=rebuild, progress=report,
                                     cancel=cancel)
                except LibraryError as exc:
                    entry.index_error = f"search is unavailable in {entry.name}: {exc}"
                    continue
                except IndexBuildCancelled:
                    entry.index_error = f"indexing {entry.name} was stopped"
                    continue
            try:
                entry.index = open_index(entry.pack, cache_dir, rebuild=rebuild and not apart)
            except Exception as exc:  # search is optional: pages and links still work
                entry.index_error = f"search is unavailable in {entry.name}: {exc}"

    def index_cached(self, pack_id: str, cache_dir: Path) -> bool:
        """Whether the pack's index is ready to open (in the cache or shipped with the app)."""
        from .search.index import index_ready

        return index_ready(self.pack(pack_id).pack, cache_dir)

    def link(self) -> Library:
        """Build ahead what pages need: each pack's graph and the links between packs naming
        the same concept (the first pack's graph, and those links, first: what the bundled
        pack's pages need). Otherwise each is built when first asked for."""
        for number, entry in enumerate(self.packs):
            self._graph(entry)
            if number == 0:
                self._concepts()
        return self

    def _concepts(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(pack, id) -> the (pack, id) of other packs naming the same concept (once)."""
        same = self._same
        if same is None:
            with self._linking:
                if self._same is None:
                    from . import concepts

                    self._same = concepts.same_concepts(
                        [(entry.id, concepts.pack_keys(entry.pack)) for entry in self.packs])
                same = self._same
        return same

    @property
    def linked(self) -> bool:
        """Whether every graph and the same-concept links are built (see `link`)."""
        return self._same is not None and all(entry.graph is not None for entry in self.packs)

    def close(self) -> None:
        for entry in self.packs:
            if entry.index is not None:
                entry.index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- packs -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.packs)

    @property
    def several(self) -> bool:
        return len(self.packs) > 1

    def pack(self, pack_id: str) -> OpenPack:
        """The open pack with this id; KeyError when there is none."""
        for entry in self.packs:
            if entry.id == pack_id:
                return entry
        raise KeyError(pack_id)

    @property
    def main(self) -> OpenPack:
        """The pack whose vocabularies the legend shows: the bundled one, else the first
        reviewed one, else the first."""
        for wanted in (lambda e: e.bundled, lambda e: e.reviewed, lambda e: True):
            for entry in self.packs:
                if wanted(entry):
                    return entry
        raise LibraryError("no pack is open")  # pragma: no cover - read() refuses that

    @property
    def search_error(self) -> str:
        """Why search is unavailable in some pack ("" when it works in every one)."""
        return "; ".join(entry.index_error for entry in self.packs if entry.index_error)

    @property
    def searchable(self) -> bool:
        return any(entry.index is not None for entry in self.packs)

    def entity_count(self) -> int:
        return sum(len(entry.pack.entities) for entry in self.packs)

    # -- ids -------------------------------------------------------------------------------

    def resolve(self, ref: str) -> str | None:
        """The qualified id of ``ref`` (qualified or bare), or None when no pack holds it.

        A bare id is the bundled pack's when it has it, else the first pack's that has it.
        """
        pack_id, entity_id = split(ref)
        if pack_id is not None:
            try:
                entry = self.pack(pack_id)
            except KeyError:
                return None
            return ref if entity_id in entry.pack.entities else None
        holders = [entry for entry in self.packs if entity_id in entry.pack.entities]
        if not holders:
            return None
        chosen = next((e for e in holders if e.bundled), holders[0])
        return qualify(chosen.id, entity_id)

    def locate(self, ref: str) -> tuple[OpenPack, Entity]:
        """The pack and entity of an id; KeyError when no open pack holds it."""
        qualified = self.resolve(ref)
        if qualified is None:
            raise KeyError(ref)
        pack_id, entity_id = split(qualified)
        assert pack_id is not None
        entry = self.pack(pack_id)
        return entry, entry.pack.entities[entity_id]

    def has(self, ref: str) -> bool:
        return self.resolve(ref) is not None

    def entity(self, ref: str) -> Entity:
        return self.locate(ref)[1]

    def name(self, ref: str) -> str | None:
        """The entity's name, or None for an id no open pack holds."""
        try:
            return self.entity(ref).name
        except KeyError:
            return None

    def did_you_mean(self, ref: str, n: int = 3) -> list[str]:
        """Qualified ids close to one no pack holds (an id mistyped)."""
        pack_id, entity_id = split(ref)
        entries = [e for e in self.packs if pack_id is None or e.id == pack_id]
        found: list[str] = []
        for entry in entries:
            found += [qualify(entry.id, i) for i in
                      difflib.get_close_matches(entity_id, list(entry.pack.entities), n=n)]
        if len(self.packs) == 1:
            found = [split(f)[1] for f in found]
        return found[:n]

    def unknown_message(self, ref: str) -> str:
        close = self.did_you_mean(ref)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"no entity with id '{ref}'{hint}"

    def show_id(self, ref: str) -> str:
        """The id as a person reads it: bare when only one pack is open."""
        qualified = self.resolve(ref) or ref
        return split(qualified)[1] if not self.several else qualified

    # -- pages -----------------------------------------------------------------------------

    def renderer(self, ref: str, theme: Theme | None = None) -> tuple[PageRenderer, str]:
        """The renderer of the pack holding ``ref`` and the entity id inside it."""
        from .pagestyle import LIGHT
        from .render import PageRenderer

        entry, entity = self.locate(ref)
        theme = theme or LIGHT
        key = (entry.id, theme)
        renderer = self._renderers.get(key)
        if renderer is None:
            renderer = PageRenderer(self._graph(entry), theme,
                                    same_concept=partial(self._same_concept, entry.id))
            self._renderers[key] = renderer
        return renderer, entity.id

    def page(self, ref: str, theme: Theme | None = None) -> Page:
        """The page of an entity (HTML and its numbered sources); KeyError if unknown."""
        renderer, entity_id = self.renderer(ref, theme)
        return renderer.render(entity_id)

    def html(self, ref: str, theme: Theme | None = None) -> str:
        return self.page(ref, theme).html

    def references(self, ref: str) -> tuple[Reference, ...]:
        return self.page(ref).references

    def badge(self, ref: str) -> Badge | None:
        """The entity's badge (None for an imported pack's terms, which are not graded)."""
        from .badges import badge_for

        entry, entity = self.locate(ref)
        return badge_for(entry.pack, entity)

    def is_unproven(self, ref: str) -> bool:
        """What "Hide unproven" hides (never an imported pack's term)."""
        from .badges import is_unproven

        entry, entity = self.locate(ref)
        return entry.reviewed and is_unproven(entity)

    def same_concept(self, ref: str) -> list[SameConcept]:
        entry, entity = self.locate(ref)
        return self._same_concept(entry.id, entity.id)

    def _same_concept(self, pack_id: str, entity_id: str) -> list[SameConcept]:
        from .render import SameConcept

        found = []
        for other_pack, other_id in self._concepts().get((pack_id, entity_id), []):
            entry = self.pack(other_pack)
            found.append(SameConcept(qualify(other_pack, other_id),
                                     entry.pack.entities[other_id].name, entry.name,
                                     entry.reviewed))
        return found

    # -- the graph -------------------------------------------------------------------------

    def _graph(self, entry: OpenPack) -> KnowledgeGraph:
        """The pack's graph, built on first use (once: another thread asking meanwhile waits
        for it)."""
        graph = entry.graph
        if graph is None:
            with entry.building:
                if entry.graph is None:
                    from .graph import KnowledgeGraph

                    entry.graph = KnowledgeGraph(entry.pack)
                graph = entry.graph
        return graph

    def related(self, ref: str, exclude: Iterable[str] | None = None
                ) -> list[tuple[RelationGroup, list[Entity]]]:
        """The entries linked to one from both ends, as its page lists them: per relation as
        read from this entry, strongest first (the built-in claim and citation links left
        out unless ``exclude`` says otherwise)."""
        from .badges import by_strength
        from .pack.model import ABOUT, CITES, STATED_IN

        entry, entity = self.locate(ref)
        skip = (ABOUT, STATED_IN, CITES) if exclude is None else tuple(exclude)
        groups = self._graph(entry).neighbours(entity.id, exclude=skip)
        return [(group, by_strength(entry.pack, group.entities)) for group in groups]

    def claims_about(self, ref: str) -> list[Entity]:
        entry, entity = self.locate(ref)
        return self._graph(entry).claims_about(entity.id)

    def cited_by(self, ref: str) -> list[str]:
        """Qualified ids of the entries citing a source, by name."""
        entry, entity = self.locate(ref)
        return [qualify(entry.id, e.id) for e in self._graph(entry).cited_by(entity.id)]

    def type_labels(self) -> dict[str, str]:
        """Each entity type's label over the open packs (the first pack's wording wins)."""
        labels: dict[str, str] = {}
        for entry in reversed(self.packs):
            labels.update(_labels(entry.pack))
        return labels

    def neighbourhood(self, ref: str, depth: int = 1, *, hide_unproven: bool = False,
                      type_labels: dict[str, str] | None = None) -> Neighbourhood:
        """What the graph view draws around an entity (qualified ids; a relation with many
        entities capped and summarised)."""
        from .badges import is_unproven
        from .graph_model import neighbourhood_of

        entry, entity = self.locate(ref)
        entities = entry.pack.entities
        hide = hide_unproven and entry.reviewed

        def keep(entity_id: str) -> bool:
            return not (hide and is_unproven(entities[entity_id]))

        return neighbourhood_of(self._graph(entry), entity.id, depth, keep,
                                type_labels or _labels(entry.pack),
                                lambda i: qualify(entry.id, i))

    def stats(self, pack_id: str) -> dict[str, Any]:
        """A pack's sizes (see `stats.pack_stats`)."""
        from .stats import pack_stats

        entry = self.pack(pack_id)
        return pack_stats(entry.pack, self._graph(entry))

    def export(self, pack_id: str, fmt: str = "json") -> str:
        """A pack's whole graph as node-link JSON ("json") or GraphML ("graphml")."""
        from .export import to_graphml, to_json

        graph = self._graph(self.pack(pack_id))
        return to_graphml(graph) if fmt == "graphml" else to_json(graph)

    # -- the learning tools ------------------------------------------------------------------
    # Each works on one pack: the one asked for (``pack``), else the first open pack that has
    # what it needs (claims, a differential table, questions). Ids in the answers are
    # qualified; citation markup in their texts becomes links with `cited_html`.

    def _tool_pack(self, pack: str | None, has: Any, what: str) -> OpenPack:
        if pack is not None:
            entry = self.pack(pack)
            if not has(entry.pack):
                raise LibraryError(f"the pack '{pack}' has no {what}")
            return entry
        for entry in self.packs:
            if has(entry.pack):
                return entry
        if not self.several:
            raise LibraryError(f"the pack '{self.packs[0].id}' has no {what}")
        raise LibraryError(f"no open pack ({', '.join(e.id for e in self.packs)}) has {what}")

    def claims_pack(self, pack: str | None = None) -> OpenPack:
        """The pack whose claims judge an article (LibraryError when none has claims)."""
        return self._tool_pack(pack, lambda p: any(e.type == "claim"
                                                   for e in p.entities.values()),
                               "claims to check an article against")

    def check_article(self, text: str, pack: str | None = None) -> ArticleCheck:
        """Every statement of a text with the claim it matches, its verdict and how the
        statement is judged, and a summary (`learning.ArticleCheck`)."""
        from .check import ArticleChecker
        from .learning import ArticleCheck

        entry = self.claims_pack(pack)
        checker = self._checkers.get(entry.id)
        if checker is None:
            checker = self._checkers[entry.id] = ArticleChecker(entry.pack)
        return ArticleCheck(entry.pack, checker.check(text))

    def differential_pack(self, pack: str | None = None) -> OpenPack:
        from .differential import has_table

        return self._tool_pack(pack, has_table, "differential table (differential.yaml)")

    def differential_features(self, pack: str | None = None) -> list[FeatureInfo]:
        """The findings that can be ticked, in the table's order (qualified ids)."""
        from .differential import list_features
        from .learning import qualified_features

        entry = self.differential_pack(pack)
        return qualified_features(entry.pack, list_features(entry.pack))

    def differential(self, feature_ids: Iterable[str],
                     pack: str | None = None) -> DifferentialResult:
        """The conditions ranked for the ticked findings (bare or qualified ids; raises
        `differential.UnknownFeature`), the red-flag warning first when one is ticked."""
        from .differential import rank
        from .learning import qualified_result

        entry = self.differential_pack(pack)
        bare = [entity_id if owner in (None, entry.id) else ref
                for ref in feature_ids for owner, entity_id in [split(ref)]]
        return qualified_result(entry.pack, rank(entry.pack, bare))

    def quiz_pack(self, pack: str | None = None) -> OpenPack:
        return self._tool_pack(pack, lambda p: bool(self._pack_questions(p)),
                               "self-test questions")

    def quiz_questions(self, pack: str | None = None) -> list[Question]:
        """Every self-test question of the pack, in a stable order (qualified option, page
        and source ids; question ids stay as the pack makes them, for the score)."""
        return list(self._pack_questions(self.quiz_pack(pack).pack))

    def _pack_questions(self, pack: Pack) -> list[Question]:
        """A pack's questions, made once (the pack does not change while it is open)."""
        found = self._questions.get(pack.meta.id)
        if found is None:
            from .learning import qualified_question
            from .quiz import questions

            found = [qualified_question(pack, q) for q in questions(pack)]
            self._questions[pack.meta.id] = found
        return found

    def cited_html(self, ref_or_pack: str, text: str) -> str:
        """A pack text (a note, an explanation) as escaped HTML whose ``[@key]`` citations
        link to the sources' pages; ``ref_or_pack``: a qualified id of the pack, or its id."""
        from .learning import cited_html

        pack_id = split(ref_or_pack)[0] or ref_or_pack
        return cited_html(self.pack(pack_id).pack, text)

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50, *, pack: str | None = None,
               types: Collection[str] | None = None,
               evidence: Collection[str] | None = None,
               hide_unproven: bool = False) -> list[Hit]:
        """Hits of every open pack (or of ``pack`` alone), best first, each naming its pack.

        ``evidence`` keeps entries with one of these evidence level ids; ``hide_unproven``
        keeps each pack's proven levels and entries without one (an imported pack's terms).
        Raises SearchFailed when a pack's search breaks; packs without an index are skipped.
        """
        from .badges import proven_evidence_levels

        hits: list[Hit] = []
        for entry in self._searched(pack):
            assert entry.index is not None
            wanted = evidence
            if hide_unproven and wanted is None and entry.reviewed:
                wanted = proven_evidence_levels(entry.pack)
            hits += [self._hit(entry, h) for h in
                     entry.index.search(text, limit=limit, types=types, evidence=wanted)]
        hits.sort(key=lambda h: -h.score)  # stable: the first pack wins a tie
        return hits[:limit]

    def suggest(self, text: str, *, pack: str | None = None) -> str | None:
        """A corrected query ("did you mean") from the first pack that has one."""
        for entry in self._searched(pack):
            assert entry.index is not None
            suggestion = entry.index.suggest(text)
            if suggestion:
                return suggestion
        return None

    def _searched(self, pack: str | None) -> list[OpenPack]:
        entries = self.packs if pack is None else [self.pack(pack)]
        return [entry for entry in entries if entry.index is not None]

    @staticmethod
    def _hit(entry: OpenPack, hit: SearchHit) -> Hit:
        return Hit(qualify(entry.id, hit.id), hit.id, entry.id, entry.name, entry.reviewed,
                   hit.type, hit.name, hit.score, hit.evidence, hit.verdict, hit.matched, hit)


def open_packs(roots: Sequence[Path], *, bundled: Path | None = None) -> Library:
    """`Library.read` with a missing folder named as such (the CLI's and GUI's message)."""
    for root in roots:
        if not Path(root).is_dir():
            raise LibraryError(f"no knowledge pack folder at {root}")
    return Library.read(roots, bundled)


def _labels(pack: Pack) -> dict[str, str]:
    return {kind.id: kind.label for kind in pack.entity_types.values()}


def pack_roots(extra: Sequence[Path] | None, *, no_bundled: bool = False,
               bundled: Path | None = None) -> list[Path]:
    """The pack folders a command line asks for: the bundled pack (unless ``no_bundled``),
    then each ``--pack`` in order."""
    from .paths import bundled_pack_dir

    roots = [] if no_bundled else [bundled or bundled_pack_dir()]
    roots += [Path(p) for p in extra or ()]
    return roots


__all__ = ["Hit", "Library", "LibraryError", "OpenPack", "PackInvalid", "open_packs",
           "pack_roots"]
