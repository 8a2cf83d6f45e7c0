"""The few pages the window writes itself (start page, legend, about), from pack data.

Everything medical in them comes from the pack (its description, its vocabularies, through the
core's `badges` module); every pack string is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .. import __version__
from ..pack.model import DEFAULT_WORDING
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


APP_SUMMARY = ("HFS Desktop lets you search a knowledge pack and read its entries: each "
               "entry is a page with its sources, and links lead to related entries. It works "
               "offline: nothing is sent or fetched over the network.")
HOW_TO = ("Type in the search field (<b>Ctrl+K</b>) and press <b>Enter</b> to open a result. "
          "<b>Alt+Left</b> goes back, <b>Ctrl+G</b> shows a page's neighbours as a graph, "
          "<b>F1</b> lists every shortcut.")
BADGES_HOW_TO = ("A badge is words on a colour: read the words, the colour only repeats them. "
                 "The kinds of badge and what each one means are listed below; <b>F2</b> "
                 "shows them again, and pointing at a search result explains its badge.")


def start_page(pack: Pack | None, theme: Theme, message: str = "") -> str:
    """Shown before the first entity: what the app is, how to search, how to read badges.

    The app's own words say how to use it; everything about the subject (its name, its
    description, what each badge means) comes from the pack.
    """
    if pack is None:
        body = (f"<h1>HFS Desktop</h1><p>{escape(APP_SUMMARY)}</p>"
                f"<p class=\"muted\">{escape(message or 'Loading…')}</p>"
                f"<p>{escape(DISCLAIMER)}</p>")
    else:
        meta = pack.meta
        about = f"<p><b>Knowledge pack: {escape(meta.name)}.</b> {escape(meta.description)}</p>"
        body = (f"<h1>HFS Desktop</h1><p>{escape(APP_SUMMARY)}</p>{about}"
                f"<p>{HOW_TO}</p>"
                f"<h2>Reading the badges</h2><p>{BADGES_HOW_TO}</p>{legend_html(pack)}"
                f'<p class="muted"><br>Knowledge pack {escape(meta.name)} '
                f"{escape(meta.version)}, last reviewed {escape(meta.last_reviewed)}. "
                f"{escape(DISCLAIMER)}</p>")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{_style(theme)}</head>'
            f"<body>{body}</body></html>")


def error_page(message: str, theme: Theme) -> str:
    lines = "<br>".join(escape(line) for line in message.splitlines())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{_style(theme)}</head><body>'
            "<h1>The knowledge pack could not be loaded</h1>"
            f"<p><tt>{lines}</tt></p></body></html>")


def about_html(pack: Pack | None) -> str:
    subject = pack.word("subject") if pack is not None else DEFAULT_WORDING["subject"]
    parts = [f"<h3>HFS Desktop {escape(__version__)}</h3>",
             f"<p>{escape(subject)} It never connects to the network.</p>"]
    if pack is not None:
        meta = pack.meta
        parts.append(f"<p>Knowledge pack: <b>{escape(meta.name)}</b> ({escape(meta.id)}), "
                     f"version {escape(meta.version)}, last reviewed "
                     f"{escape(meta.last_reviewed)}.</p>")
    parts.append(f"<p><b>{escape(DISCLAIMER)}</b></p>")
    parts.append("<p>Font: DejaVu Sans (Bitstream Vera licence).</p>")
    return "".join(parts)
