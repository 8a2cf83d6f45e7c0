"""The few pages the window writes itself (start page, legend, about), from pack data.

Everything medical in them comes from the pack (its description, its evidence vocabulary);
every pack string is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .. import __version__
from ..pagestyle import Theme, badge, stylesheet

if TYPE_CHECKING:
    from ..pack import Pack


DISCLAIMER = ("HFS Desktop is for education. It does not replace the judgement of a "
              "clinician who knows the patient.")


def _style(theme: Theme) -> str:
    return f"<style>{stylesheet(theme)}</style>"


def legend_html(pack: Pack, with_meanings: bool = True) -> str:
    """The evidence levels and claim verdicts of the pack, strongest first.

    Without meanings: a compact block of badges that wraps (the sidebar).
    """
    levels = sorted(pack.evidence_levels.values(), key=lambda lv: -lv.rank)
    verdicts = list(pack.verdicts.values())
    if not with_meanings:
        compact = " ".join(badge(lv.label, lv.colour, nowrap=True) for lv in levels)
        verdict_badges = " ".join(badge(v.label, v.colour, nowrap=True) for v in verdicts)
        return (f"<p><b>Evidence:</b> {compact}</p>"
                f"<p><b>Verdicts on articles:</b> {verdict_badges}</p>"
                "<p>F2: what they mean.</p>")

    def rows(entries: list[tuple[str, str, str]]) -> str:
        return "".join(f"<tr><td>{badge(label, colour, nowrap=True)}</td>"
                       f'<td class="muted">{escape(meaning)}</td></tr>'
                       for label, colour, meaning in entries)

    table = '<table cellspacing="0" cellpadding="3">'
    return ("<p><b>Evidence</b> (how strongly studies support a use)</p>" + table
            + rows([("Evidence: " + lv.label, lv.colour, lv.meaning) for lv in levels])
            + "</table><p><b>Verdicts</b> on statements made in articles</p>" + table
            + rows([(v.label, v.colour, v.meaning) for v in verdicts]) + "</table>")


def start_page(pack: Pack | None, theme: Theme, message: str = "") -> str:
    """Shown before the first entity: how to search, the legend, the disclaimer."""
    if pack is None:
        body = (f"<h1>HFS Desktop</h1><p class=\"muted\">{escape(message or 'Loading…')}</p>"
                f"<p>{escape(DISCLAIMER)}</p>")
    else:
        meta = pack.meta
        body = (f"<h1>{escape(meta.name)}</h1>"
                f"<p>{escape(meta.description)}</p>"
                "<p>Type in the search field (<b>Ctrl+K</b>) and press <b>Enter</b> to open "
                "a result. Links on a page lead to related entries; <b>Alt+Left</b> goes "
                "back. <b>F1</b> lists every shortcut.</p>"
                f"<h2>Reading the badges</h2>{legend_html(pack)}"
                f'<p class="muted"><br>Knowledge pack {escape(meta.version)}, last reviewed '
                f"{escape(meta.last_reviewed)}. {escape(DISCLAIMER)}</p>")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{_style(theme)}</head>'
            f"<body>{body}</body></html>")


def error_page(message: str, theme: Theme) -> str:
    lines = "<br>".join(escape(line) for line in message.splitlines())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{_style(theme)}</head><body>'
            "<h1>The knowledge pack could not be loaded</h1>"
            f"<p><tt>{lines}</tt></p></body></html>")


def about_html(pack: Pack | None) -> str:
    parts = [f"<h3>HFS Desktop {escape(__version__)}</h3>",
             "<p>An offline reference on hemifacial spasm for medical students and "
             "clinicians. It never connects to the network.</p>"]
    if pack is not None:
        meta = pack.meta
        parts.append(f"<p>Knowledge pack: <b>{escape(meta.name)}</b> ({escape(meta.id)}), "
                     f"version {escape(meta.version)}, last reviewed "
                     f"{escape(meta.last_reviewed)}.</p>")
    parts.append(f"<p><b>{escape(DISCLAIMER)}</b></p>")
    parts.append("<p>Font: DejaVu Sans (Bitstream Vera licence).</p>")
    return "".join(parts)
