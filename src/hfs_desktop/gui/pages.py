"""The few pages the window writes itself (start page, legend, about), from pack data.

Everything medical in them comes from the pack (its description, its vocabularies, through the
core's `badges` module); every pack string is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .. import __version__
from ..pagestyle import Theme, badge_html, segmented_badge, stylesheet

if TYPE_CHECKING:
    from ..pack import Pack


DISCLAIMER = ("HFS Desktop is for education. It does not replace the judgement of a "
              "clinician who knows the patient.")


def _style(theme: Theme) -> str:
    return f"<style>{stylesheet(theme)}</style>"


def legend_html(pack: Pack, with_meanings: bool = True) -> str:
    """Every badge the pack can show (from the core's `badges.legend`), strongest first.

    Without meanings: a compact block of badges that wraps (the sidebar).
    """
    from ..badges import legend

    sections = legend(pack)
    if not with_meanings:
        graded = [section for section in sections if section.grades]
        blocks = "".join(
            f"<p><b>{escape(section.title)}:</b> "
            + " ".join(segmented_badge([(b.segments[0].level_label or b.label, b.colour)],
                                       b.meaning, nowrap=True) for b in section.badges)
            + "</p>"
            for section in graded)
        return blocks + "<p>F2: what they mean.</p>"
    out = []
    for section in sections:
        rows = "".join(f"<tr><td>{badge_html(b, nowrap=True)}</td>"
                       f'<td class="muted">{escape(b.segments[0].meaning)}</td></tr>'
                       for b in section.badges)
        out.append(f"<p><b>{escape(section.title)}</b>: {escape(section.explanation)}</p>"
                   f'<table cellspacing="0" cellpadding="3">{rows}</table>')
    return "".join(out)


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
