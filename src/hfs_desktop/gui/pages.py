"""The few pages the window writes itself (start page, legend, about), from pack data.

Everything medical in them comes from the pack (its description, its vocabularies, through the
core's `badges` module); every pack string is escaped.
"""

from __future__ import annotations

from html import escape

from .. import __version__
from ..badges import legend
from ..library import Library
from ..pack import Pack
from ..pack.model import DEFAULT_WORDING
from ..pagestyle import Theme, badge_html, segmented_badge, stylesheet

DISCLAIMER = ("HFS Desktop is for education. It does not replace the judgement of a "
              "clinician who knows the patient.")


def _style(theme: Theme) -> str:
    return f"<style>{stylesheet(theme)}</style>"


def legend_html(pack: Pack, with_meanings: bool = True) -> str:
    """Every badge the pack can show (from the core's `badges.legend`), strongest first.

    Without meanings: a compact block of badges that wraps (the sidebar).
    """
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
          "<b>F1</b> lists every shortcut. The <b>Tools</b> menu checks an article against "
          "the pack (<b>Ctrl+Shift+A</b>), ranks a differential diagnosis as a learning aid "
          "(<b>Ctrl+Shift+F</b>) and asks self-test questions (<b>Ctrl+Shift+S</b>).")
BADGES_HOW_TO = ("A badge is words on a colour: read the words, the colour only repeats them. "
                 "The kinds of badge and what each one means are listed below; <b>F2</b> "
                 "shows them again, and pointing at a search result explains its badge.")


def packs_line(library: Library) -> str:
    """The open packs in one line: "Hemifacial spasm 1.1.0 (reviewed pack): 322 entries."."""
    parts = [f"{e.name} {e.pack.meta.version} ({'reviewed pack' if e.reviewed else 'imported'})"
             f": {len(e.pack.entities)} entries" for e in library.packs]
    return "; ".join(parts) + "."


def _packs_list(library: Library) -> str:
    """Every open pack, its kind, version and review date (several packs open)."""
    rows = "".join(
        f"<li><b>{escape(e.name)}</b> ({escape(e.id)}): "
        + ("reviewed pack" if e.reviewed else "imported, not reviewed: its terms carry no "
           "evidence level")
        + f", version {escape(e.pack.meta.version)}, {len(e.pack.entities)} entries</li>"
        for e in library.packs)
    return f"<h2>Open packs</h2><ul>{rows}</ul>"


def start_page(pack: Pack | None, theme: Theme, message: str = "", *,
               library: Library | None = None) -> str:
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
                + (_packs_list(library) if library is not None and library.several else "")
                + f"<h2>Reading the badges</h2><p>{BADGES_HOW_TO}</p>{legend_html(pack)}"
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


def about_html(pack: Pack | None, library: Library | None = None) -> str:
    main = library.main.pack if library is not None else pack
    subject = main.word("subject") if main is not None else DEFAULT_WORDING["subject"]
    parts = [f"<h3>HFS Desktop {escape(__version__)}</h3>",
             f"<p>{escape(subject)} It never connects to the network.</p>"]
    packs = [e.pack for e in library.packs] if library is not None else (
        [pack] if pack is not None else [])
    for one in packs:
        meta = one.meta
        kind = "" if meta.reviewed else " (imported)"
        parts.append(f"<p>Knowledge pack: <b>{escape(meta.name)}</b> ({escape(meta.id)})"
                     f"{kind}, version {escape(meta.version)}, last reviewed "
                     f"{escape(meta.last_reviewed)}.</p>")
    parts.append(f"<p><b>{escape(DISCLAIMER)}</b></p>")
    parts.append("<p>Font: DejaVu Sans (Bitstream Vera licence).</p>")
    return "".join(parts)
