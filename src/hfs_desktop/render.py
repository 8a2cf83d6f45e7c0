"""An entity page as HTML (every pack string escaped), shared by the GUI, the CLI and printing.

The HTML keeps to what Qt's rich-text engine supports (tables for boxes, no padding or
border-radius on spans), so the same page reads well in QTextBrowser, a browser and print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from . import badges
from .ids import qualify, split
from .pack.citations import citation_groups, citation_keys, strip_citations
from .pack.model import (
    ABOUT,
    CITES,
    FOLK_REMEDY,
    STATED_IN,
    UNPROVEN,
    Entity,
    Evidence,
    code_systems_in_order,
)
from .pagestyle import DARK as DARK  # re-exported: callers pick a theme here
from .pagestyle import LIGHT, Theme, badge_html, stylesheet
from .references import Numbering, Reference, anchor_name

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

LINK_PREFIX = "hfs://entity/"
CITED_BY_LIMIT = 300
"""A source's "Cited by" list names at most this many entries (an imported ontology's one
source is cited by every term), then says how many more."""


def entity_link(ref: str) -> str:
    """The internal URL of an entity page: ``hfs://entity/PACK/ID``, each part
    percent-encoded (``hpo/HP%3A0010828``); a bare id gives ``hfs://entity/ID``."""
    pack_id, entity_id = split(ref)
    encoded = quote(entity_id, safe="")
    return LINK_PREFIX + (encoded if pack_id is None else f"{quote(pack_id, safe='')}/{encoded}")


def reference_link(number: int) -> str:
    """The in-page link to entry ``number`` of the page's source list."""
    return "#" + anchor_name(number)


def parse_link(url: str) -> str | None:
    """The id of an internal URL, exactly as linked (``hpo/HP:0010828``, or a bare id from
    an old link), or None for anything else."""
    if not url.startswith(LINK_PREFIX):
        return None
    rest = url[len(LINK_PREFIX):].strip("/")
    if not rest:
        return None
    pack_id, sep, entity_id = rest.partition("/")  # split before decoding: ids hold no '/'
    if not sep:
        return unquote(pack_id) or None
    pack_id, entity_id = unquote(pack_id), unquote(entity_id)
    return qualify(pack_id, entity_id) if pack_id and entity_id else None


@dataclass(frozen=True, slots=True)
class SameConcept:
    """An entity of another open pack that names the same concept (through its codes)."""

    ref: str  # qualified id
    name: str
    pack_name: str
    reviewed: bool


SameConceptLookup = Callable[[str], "list[SameConcept]"]
"""An entity id of the page's pack -> the same concept in the other open packs."""


def pack_label(name: str, reviewed: bool) -> str:
    """"Hemifacial spasm (reviewed pack)", "Human Phenotype Ontology (imported)"."""
    return f"{name} ({'reviewed pack' if reviewed else 'imported'})"


@dataclass(frozen=True, slots=True)
class Page:
    """A rendered page: its HTML and the numbered sources it cites."""

    html: str
    references: tuple[Reference, ...]


class PageRenderer:
    """Renders entity pages of one graph."""

    def __init__(self, graph: KnowledgeGraph, theme: Theme = LIGHT, *,
                 same_concept: SameConceptLookup | None = None) -> None:
        self.graph = graph
        self.pack = graph.pack
        self.theme = theme
        self.numbering = Numbering(self.pack)
        self.same_concept = same_concept

    def href(self, entity_id: str) -> str:
        """The link to an entity of this pack (its qualified id, encoded)."""
        return escape(entity_link(qualify(self.pack.meta.id, entity_id)))

    # -- small pieces ----------------------------------------------------------------------

    def badge(self, badge: badges.Badge | None) -> str:
        return badge_html(badge) if badge is not None else ""

    def link(self, entity: Entity) -> str:
        return f'<a href="{self.href(entity.id)}">{escape(entity.name)}</a>'

    def link_with_badge(self, entity: Entity) -> str:
        """A link to another entry with its grade (never its own figure: `link_badge`)."""
        badge = self.badge(badges.link_badge(self.pack, entity))
        return self.link(entity) + (f" {badge}" if badge else "")

    def cite(self, keys: Iterable[str]) -> str:
        """A numbered citation group, "[1, 3]", each number a link to its list entry."""
        numbers = self.numbering.numbers(keys)
        if not numbers:
            return ""
        links = ", ".join(f'<a href="{reference_link(n)}">{n}</a>' for n in numbers)
        return f"[{links}]"

    def prose(self, text: str) -> str:
        """Escaped text whose [@key] groups became numbered links."""
        out, last = [], 0
        for start, end, keys in citation_groups(text):
            out.append(escape(text[last:start]))
            out.append(self.cite(keys))
            last = end
        out.append(escape(text[last:]))
        return "".join(out)

    def sources_line(self, keys: Iterable[str], label: str = "Sources") -> str:
        cited = self.cite(keys)
        return f'<p class="muted">{escape(label)}: {cited}</p>' if cited else ""

    # -- the page --------------------------------------------------------------------------

    def render(self, entity_id: str) -> Page:
        """The page of one entity and its numbered sources; KeyError for an unknown id."""
        entity = self.graph.entity(entity_id)
        self.numbering = Numbering(self.pack)
        sections = (self.header, self.warning, self.names_and_codes, self.elsewhere, self.text,
                    self.claim_body, self.source_body, self.frequency, self.association,
                    self.recommendation, self.evidence, self.related, self.claims,
                    self.sources, self.cited_by)
        parts = [section(entity) for section in sections]  # in order: numbers follow the page
        parts.append(self.footer())
        body = "\n".join(part for part in parts if part)
        html = (
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{escape(entity.name)}</title>"
            f"<style>{stylesheet(self.theme)}</style></head>\n<body>\n{body}\n</body></html>\n"
        )
        return Page(html, self.numbering.references())

    def page(self, entity_id: str) -> str:
        """The whole HTML document of one entity; KeyError for an unknown id."""
        return self.render(entity_id).html

    def header(self, entity: Entity) -> str:
        kind = self.pack.type_label(entity.type)
        if entity.category:
            kind += " · " + entity.category.replace("-", " ")
        badge = self.badge(badges.badge_for(self.pack, entity))
        meta = self.pack.meta
        source = "From " + pack_label(meta.name, meta.reviewed)
        return (f"<h1>{escape(entity.name)}</h1>\n"
                f'<p><span class="muted">{escape(kind)}</span>'
                + (f"&nbsp;&nbsp;{badge}" if badge else "")
                + f'<br><span class="muted">{escape(source)}</span></p>')

    def elsewhere(self, entity: Entity) -> str:
        """"The same concept in PACK: ..." for each other open pack naming it too."""
        found = self.same_concept(entity.id) if self.same_concept is not None else []
        by_pack: dict[str, list[SameConcept]] = {}
        for other in found:
            by_pack.setdefault(pack_label(other.pack_name, other.reviewed), []).append(other)
        return "\n".join(
            f"<p>The same concept in {escape(label)}: "
            + ", ".join(f'<a href="{escape(entity_link(o.ref))}">{escape(o.name)}</a>'
                        for o in others) + "</p>"
            for label, others in by_pack.items())

    def warning(self, entity: Entity) -> str:
        unproven = entity.evidence is not None and entity.evidence.level == UNPROVEN
        if entity.category == FOLK_REMEDY:
            text = self.pack.word("folk_remedy_warning")
        elif unproven and entity.type == "treatment":
            text = self.pack.word("unproven_warning")
        elif entity.type == "claim" and entity.verdict == "contradicted":
            text = self.pack.word("contradicted_warning")
        else:
            return ""
        return ('<table class="banner" width="100%" cellpadding="8" cellspacing="0"><tr><td>'
                f"<b>&#9888; {escape(text)}</b></td></tr></table>")

    def names_and_codes(self, entity: Entity) -> str:
        rows = []
        if entity.aliases:  # aliases only: search_terms are for search, never shown
            rows.append(("Also known as", ", ".join(escape(a) for a in entity.aliases)))
        for system in code_systems_in_order(entity.codes):
            rows.append((system, ", ".join(escape(c) for c in entity.codes[system])))
        if not rows:
            return ""
        cells = "".join(f'<tr><td class="key">{escape(k)}</td><td>{v}</td></tr>'
                        for k, v in rows)
        return f'<table cellspacing="0" cellpadding="2">{cells}</table>'

    def text(self, entity: Entity) -> str:
        out = ([f'<p class="summary">{self.prose(entity.summary)}</p>']
               if entity.summary else [])
        out += [f"<p>{self.prose(para)}</p>" for para in _paragraphs(entity.details)]
        if entity.ontology_citations:  # the ontology's references, not checked by us
            refs = ", ".join(escape(ref) for ref in entity.ontology_citations)
            out.append(f'<p class="muted">Cited by the ontology: {refs}</p>')
        return "\n".join(out)

    def claim_body(self, entity: Entity) -> str:
        if entity.type != "claim":
            return ""
        out = ["<h2>What the article says</h2>",
               f"<p><i>{escape(strip_citations(entity.statement))}</i></p>"]
        articles = [self.pack.entities[k] for k in entity.stated_in if k in self.pack.entities]
        if articles:
            out.append("<p>Stated in: " + ", ".join(
                f"{self.link(a)} {self.cite([a.id])}" for a in articles) + "</p>")
        subjects = [self.pack.entities[k] for k in entity.about if k in self.pack.entities]
        if subjects:
            out.append("<p>About: " + ", ".join(self.link_with_badge(e) for e in subjects)
                       + "</p>")
        out.append("<h2>Our verdict</h2>")
        verdict = badges.verdict_badge(self.pack, entity)
        if verdict is not None:
            meaning = verdict.segments[0].meaning
            out.append(f"<p>{self.badge(verdict)} "
                       f'<span class="muted">{escape(meaning)}</span></p>')
        if entity.rationale:
            out.append(f"<p>{self.prose(entity.rationale)}</p>")
        if not set(entity.sources) <= set(citation_keys(entity.rationale)):
            out.append(self.sources_line(entity.sources, "The verdict rests on"))
        return "\n".join(part for part in out if part)

    def source_body(self, entity: Entity) -> str:
        if entity.type != "source":
            return ""
        out = ["<h2>Citation</h2>", f"<p>{escape(entity.extra.get('citation', ''))}</p>"]
        ids = [(label, entity.extra[key]) for key, label in
               (("pmid", "PMID"), ("pmcid", "PMCID"), ("doi", "DOI"), ("url", "Address"))
               if entity.extra.get(key)]
        if ids:
            cells = "".join(f'<tr><td class="key">{escape(k)}</td><td>{escape(v)}</td></tr>'
                            for k, v in ids)
            out.append(f'<table cellspacing="0" cellpadding="2">{cells}</table>'
                       '<p class="muted">Identifiers are shown to copy; the app never '
                       "opens them.</p>")
        if entity.extra.get("note"):
            out.append(f"<p>{self.prose(entity.extra['note'])}</p>")
        stated = self.graph.claims_stated_in(entity.id)
        if stated:
            out.append(f"<h2>Statements of this article ({len(stated)})</h2><ul>")
            out += [f"<li>{self.link_with_badge(c)}</li>" for c in stated]
            out.append("</ul>")
        return "\n".join(out)

    def graded_section(self, title: str, badge: badges.Badge | None,
                       graded: Evidence) -> str:
        """A heading, the badge with its meaning, the rationale and the sources' numbers."""
        if badge is None:
            return ""
        meaning = badge.segments[0].meaning
        out = [f"<h2>{escape(title)}</h2>",
               f"<p>{self.badge(badge)}"
               + (f' <span class="muted">{escape(meaning)}</span>' if meaning else "") + "</p>"]
        if graded.rationale:
            out.append(f"<p>{self.prose(graded.rationale)}</p>")
        if not set(graded.sources) <= set(citation_keys(graded.rationale)):
            out.append(self.sources_line(graded.sources))  # some are not cited in the text
        return "\n".join(part for part in out if part)

    def recommendation(self, entity: Entity) -> str:
        if entity.recommendation is None:
            return ""
        return self.graded_section("Recommendation",
                                   badges.recommendation_badge(self.pack, entity),
                                   entity.recommendation)

    def evidence(self, entity: Entity) -> str:
        if entity.evidence is None:
            return ""
        # The level's GRADE and AAN equivalents stay in the legend: printed here they would
        # read as a grading by those bodies, which most treatments never had.
        return self.graded_section("Certainty of evidence",
                                   badges.evidence_badge(self.pack, entity), entity.evidence)

    def association(self, entity: Entity) -> str:
        if entity.association is None:
            return ""
        return self.graded_section("Strength of association",
                                   badges.association_badge(self.pack, entity),
                                   entity.association)

    def frequency(self, entity: Entity) -> str:
        figure = badges.frequency_badge(entity)
        if figure is None or entity.frequency is None:
            return ""
        cited = self.cite(entity.frequency.sources)
        return ("<h2>How often</h2>"
                f"<p><b>{escape(entity.frequency.label)}</b>" + (f" {cited}" if cited else "")
                + '<br><span class="muted">As reported by the cited sources.</span></p>')

    def related(self, entity: Entity) -> str:
        groups = self.graph.neighbours(entity.id, exclude=(ABOUT, STATED_IN, CITES))
        if not groups:
            return ""
        out = ["<h2>Related</h2>"]
        for group in groups:
            ranked = badges.by_strength(self.pack, group.entities)
            links = "".join(f"<li>{self.link_with_badge(e)}</li>" for e in ranked)
            out.append(f"<h3>{escape(group.label.capitalize())}</h3><ul>{links}</ul>")
        return "\n".join(out)

    def claims(self, entity: Entity) -> str:
        claims = self.graph.claims_about(entity.id)
        if not claims:
            return ""
        out = [f"<h2>Statements about this in the articles ({len(claims)})</h2><ul>"]
        for claim in claims:
            text = strip_citations(claim.statement or claim.name)
            out.append(f"<li>{self.badge(badges.verdict_badge(self.pack, claim))} "
                       f'<a href="{self.href(claim.id)}">{escape(text)}</a></li>')
        out.append("</ul>")
        return "\n".join(out)

    def sources(self, entity: Entity) -> str:
        """Every source cited on the page, numbered as first cited, each linked to its page."""
        self.numbering.numbers(entity.cited_sources())  # those only listed get numbers last
        references = self.numbering.references()
        if not references:
            if entity.type == "source":
                return ""
            return '<h2>Sources</h2><p class="muted">No source is cited for this entry.</p>'
        rows = []
        for ref in references:
            ids = "; ".join(f"{label} {escape(value)}" for label, value in ref.identifiers)
            rows.append(
                f'<tr><td class="refnum" valign="top"><a name="{ref.anchor}" id="{ref.anchor}">'
                f"</a>{ref.number}.</td><td>"
                f'<a href="{self.href(ref.source_id)}">{escape(ref.citation)}</a>'
                + (f' <span class="muted">{ids}</span>' if ids else "") + "</td></tr>")
        return ('<h2>Sources</h2><table class="refs" cellspacing="0" cellpadding="2">'
                + "".join(rows) + "</table>")

    def cited_by(self, entity: Entity) -> str:
        if entity.type != "source":
            return ""
        cited_by = self.graph.cited_by(entity.id)
        if not cited_by:
            return ""
        links = ", ".join(self.link(e) for e in cited_by[:CITED_BY_LIMIT])
        more = len(cited_by) - CITED_BY_LIMIT
        if more > 0:
            links += escape(f" and {more} more")
        return f"<h2>Cited by ({len(cited_by)})</h2><p>{links}</p>"

    def footer(self) -> str:
        meta = self.pack.meta
        if not meta.reviewed:
            when = ", imported, not reviewed"
        else:
            when = f", last reviewed {meta.last_reviewed}" if meta.last_reviewed else ""
        return (f'<p class="muted"><br>{escape(meta.name)} knowledge pack {escape(meta.version)}'
                f"{escape(when)}. {escape(self.pack.word('page_disclaimer'))}</p>")


def render_entity(graph: KnowledgeGraph, entity_id: str, theme: Theme = LIGHT) -> str:
    """The HTML page of one entity (alone: without the other packs' same concepts)."""
    return PageRenderer(graph, theme).page(entity_id)


def references_of(graph: KnowledgeGraph, entity_id: str) -> tuple[Reference, ...]:
    """The numbered sources of an entity's page, numbered as on the page."""
    return PageRenderer(graph).render(entity_id).references


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
