"""An entity page as HTML (every pack string escaped), shared by the GUI, the CLI and printing.

The HTML keeps to what Qt's rich-text engine supports (tables for boxes, no padding or
border-radius on spans), so the same page reads well in QTextBrowser, a browser and print.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .pack.model import (
    ABOUT,
    CITES,
    CODE_SYSTEMS,
    ENTITY_TYPES,
    FOLK_REMEDY,
    STATED_IN,
    UNPROVEN,
    Entity,
)
from .pagestyle import DARK as DARK  # re-exported: callers pick a theme here
from .pagestyle import LIGHT, Theme, badge, stylesheet

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

LINK_PREFIX = "hfs://entity/"


def entity_link(entity_id: str) -> str:
    """The internal URL of an entity page."""
    return LINK_PREFIX + entity_id


def parse_link(url: str) -> str | None:
    """The entity id of an internal URL, or None for anything else."""
    if url.startswith(LINK_PREFIX):
        entity_id = url[len(LINK_PREFIX):].strip("/")
        return entity_id or None
    return None


class PageRenderer:
    """Renders entity pages of one graph."""

    def __init__(self, graph: KnowledgeGraph, theme: Theme = LIGHT) -> None:
        self.graph = graph
        self.pack = graph.pack
        self.theme = theme

    # -- small pieces ----------------------------------------------------------------------

    def evidence_badge(self, entity: Entity) -> str:
        if entity.evidence is None:
            return ""
        level = self.pack.level(entity.evidence.level)
        if level is None:
            return badge(entity.evidence.level, "#777777")
        return badge(f"Evidence: {level.label}", level.colour)

    def verdict_badge(self, entity: Entity) -> str:
        verdict = self.pack.verdicts.get(entity.verdict)
        if verdict is None:
            return ""
        return badge(verdict.label, verdict.colour)

    def link(self, entity: Entity) -> str:
        return f'<a href="{escape(entity_link(entity.id))}">{escape(entity.name)}</a>'

    def link_with_badge(self, entity: Entity) -> str:
        badge = self.verdict_badge(entity) if entity.type == "claim" else (
            self.evidence_badge(entity) if entity.type == "treatment" else "")
        return self.link(entity) + (f" {badge}" if badge else "")

    # -- the page --------------------------------------------------------------------------

    def page(self, entity_id: str) -> str:
        """The whole HTML document of one entity; KeyError for an unknown id."""
        entity = self.graph.entity(entity_id)
        parts = [
            self.header(entity),
            self.warning(entity),
            self.names_and_codes(entity),
            self.text(entity),
            self.claim_body(entity) if entity.type == "claim" else "",
            self.source_body(entity) if entity.type == "source" else "",
            self.evidence(entity),
            self.related(entity),
            self.claims(entity),
            self.sources(entity),
            self.footer(),
        ]
        body = "\n".join(part for part in parts if part)
        return (
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{escape(entity.name)}</title>"
            f"<style>{stylesheet(self.theme)}</style></head>\n<body>\n{body}\n</body></html>\n"
        )

    def header(self, entity: Entity) -> str:
        kind = ENTITY_TYPES.get(entity.type, entity.type)
        if entity.category:
            kind += " · " + entity.category.replace("-", " ")
        badge = self.verdict_badge(entity) if entity.type == "claim" else self.evidence_badge(
            entity)
        return (f"<h1>{escape(entity.name)}</h1>\n"
                f'<p><span class="muted">{escape(kind)}</span>'
                + (f"&nbsp;&nbsp;{badge}" if badge else "") + "</p>")

    def warning(self, entity: Entity) -> str:
        unproven = entity.evidence is not None and entity.evidence.level == UNPROVEN
        if entity.category == FOLK_REMEDY:
            text = ("Folk remedy, unproven: no study shows that it helps hemifacial spasm. "
                    "Do not use it in place of a treatment your doctor recommends.")
        elif unproven and entity.type == "treatment":
            text = ("Unproven: there is no evidence that this helps hemifacial spasm.")
        elif entity.type == "claim" and entity.verdict == "contradicted":
            text = "This statement is contradicted by the evidence: do not rely on it."
        else:
            return ""
        return ('<table class="banner" width="100%" cellpadding="8" cellspacing="0"><tr><td>'
                f"<b>&#9888; {escape(text)}</b></td></tr></table>")

    def names_and_codes(self, entity: Entity) -> str:
        rows = []
        if entity.aliases:
            rows.append(("Also known as", ", ".join(escape(a) for a in entity.aliases)))
        for system in CODE_SYSTEMS:
            if system in entity.codes:
                rows.append((system, ", ".join(escape(c) for c in entity.codes[system])))
        if not rows:
            return ""
        cells = "".join(f'<tr><td class="key">{escape(k)}</td><td>{v}</td></tr>'
                        for k, v in rows)
        return f'<table cellspacing="0" cellpadding="2">{cells}</table>'

    def text(self, entity: Entity) -> str:
        out = [f'<p class="summary">{escape(entity.summary)}</p>'] if entity.summary else []
        out += [f"<p>{escape(para)}</p>" for para in _paragraphs(entity.details)]
        return "\n".join(out)

    def claim_body(self, entity: Entity) -> str:
        out = ["<h2>What the article says</h2>",
               f"<p><i>{escape(entity.statement)}</i></p>"]
        articles = [self.pack.entities[k] for k in entity.stated_in if k in self.pack.entities]
        if articles:
            out.append("<p>Stated in: " + ", ".join(self.link(a) for a in articles) + "</p>")
        subjects = [self.pack.entities[k] for k in entity.about if k in self.pack.entities]
        if subjects:
            out.append("<p>About: " + ", ".join(self.link_with_badge(e) for e in subjects)
                       + "</p>")
        verdict = self.pack.verdicts.get(entity.verdict)
        out.append("<h2>Our verdict</h2>")
        if verdict:
            out.append(f"<p>{self.verdict_badge(entity)} "
                       f'<span class="muted">{escape(verdict.meaning)}</span></p>')
        if entity.rationale:
            out.append(f"<p>{escape(entity.rationale)}</p>")
        return "\n".join(out)

    def source_body(self, entity: Entity) -> str:
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
            out.append(f"<p>{escape(entity.extra['note'])}</p>")
        stated = self.graph.claims_stated_in(entity.id)
        if stated:
            out.append(f"<h2>Statements of this article ({len(stated)})</h2><ul>")
            out += [f"<li>{self.link_with_badge(c)}</li>" for c in stated]
            out.append("</ul>")
        return "\n".join(out)

    def evidence(self, entity: Entity) -> str:
        if entity.evidence is None:
            return ""
        level = self.pack.level(entity.evidence.level)
        out = ["<h2>Evidence</h2>", f"<p>{self.evidence_badge(entity)}"]
        if level:
            out[-1] += f' <span class="muted">{escape(level.meaning)}</span>'
        out[-1] += "</p>"
        if level:
            out.append(f'<p class="muted">GRADE certainty: {escape(level.grade)}; '
                       f"AAN level: {escape(level.aan)}.</p>")
        if entity.evidence.rationale:
            out.append(f"<p>{escape(entity.evidence.rationale)}</p>")
        return "\n".join(out)

    def related(self, entity: Entity) -> str:
        groups = self.graph.neighbours(entity.id, exclude=(ABOUT, STATED_IN, CITES))
        if not groups:
            return ""
        out = ["<h2>Related</h2>"]
        for group in groups:
            links = "".join(f"<li>{self.link_with_badge(e)}</li>" for e in group.entities)
            out.append(f"<h3>{escape(group.label.capitalize())}</h3><ul>{links}</ul>")
        return "\n".join(out)

    def claims(self, entity: Entity) -> str:
        claims = self.graph.claims_about(entity.id)
        if not claims:
            return ""
        out = [f"<h2>Statements about this in the articles ({len(claims)})</h2><ul>"]
        for claim in claims:
            out.append(f"<li>{self.verdict_badge(claim)} "
                       f'<a href="{escape(entity_link(claim.id))}">'
                       f"{escape(claim.statement or claim.name)}</a></li>")
        out.append("</ul>")
        return "\n".join(out)

    def sources(self, entity: Entity) -> str:
        sources = self.graph.sources_of(entity.id)
        if entity.type == "source":
            cited_by = sorted(
                (self.pack.entities[o] for o, _, rel in
                 self.graph.graph.in_edges(entity.id, keys=True) if rel == CITES),
                key=lambda e: e.name.casefold())
            if not cited_by:
                return ""
            links = ", ".join(self.link(e) for e in cited_by)
            return f"<h2>Cited by ({len(cited_by)})</h2><p>{links}</p>"
        if not sources:
            return '<h2>Sources</h2><p class="muted">No source is cited for this entry.</p>'
        items = []
        for source in sources:
            ids = "; ".join(f"{label} {escape(source.extra[key])}" for key, label in
                            (("pmid", "PMID"), ("doi", "DOI")) if source.extra.get(key))
            citation = escape(source.extra.get("citation") or source.name)
            items.append(f"<li>{citation}"
                         + (f' <span class="muted">{ids}</span>' if ids else "")
                         + f' [<a href="{escape(entity_link(source.id))}">'
                         f"{escape(source.id)}</a>]</li>")
        return "<h2>Sources</h2><ol>" + "".join(items) + "</ol>"

    def footer(self) -> str:
        meta = self.pack.meta
        return (f'<p class="muted"><br>{escape(meta.name)} knowledge pack {escape(meta.version)},'
                f" last reviewed {escape(meta.last_reviewed)}. For education; it does not "
                "replace clinical judgement.</p>")


def render_entity(graph: KnowledgeGraph, entity_id: str, theme: Theme = LIGHT) -> str:
    """The HTML page of one entity."""
    return PageRenderer(graph, theme).page(entity_id)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
