"""Page colours, CSS and badges shared by every HTML page (entity pages, start page, legend).

Imports nothing heavy, so the GUI can style its first screen before the core loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .badges import Badge


@dataclass(frozen=True, slots=True)
class Theme:
    text: str
    muted: str
    background: str
    link: str
    rule: str
    banner_bg: str
    banner_text: str


LIGHT = Theme("#1d1d1f", "#5a5a60", "#ffffff", "#0b57d0", "#d0d0d7", "#fdecea", "#7a1711")
DARK = Theme("#e8e8ea", "#a8a8b0", "#1e1f22", "#8ab4f8", "#44464d", "#4a1d1a", "#ffdad5")


def stylesheet(theme: Theme) -> str:
    """CSS for entity pages (kept to Qt rich text's subset)."""
    return (
        f"body {{ color: {theme.text}; background-color: {theme.background}; }}"
        f"a {{ color: {theme.link}; text-decoration: none; }}"
        f".muted {{ color: {theme.muted}; }}"
        f"h1 {{ font-size: x-large; margin-bottom: 2px; }}"
        f"h2 {{ font-size: large; margin-top: 16px; margin-bottom: 4px;"
        f" border-bottom: 1px solid {theme.rule}; }}"
        f"h3 {{ font-size: medium; margin-top: 10px; margin-bottom: 2px; }}"
        f".summary {{ font-size: large; }}"
        f".banner {{ background-color: {theme.banner_bg}; color: {theme.banner_text}; }}"
        f"td.key {{ color: {theme.muted}; padding-right: 12px; }}"
        f"td.refnum {{ color: {theme.muted}; padding-right: 6px; }}"
    )


def badge(label: str, colour: str, *, nowrap: bool = False) -> str:
    """A coloured label with its words in it (never colour alone); ``nowrap`` keeps a
    several-word label on one line."""
    text = escape(label)
    if nowrap:
        text = text.replace(" ", "&nbsp;")
    return (f'<span style="background-color:{escape(colour)}; color:#ffffff;'
            f' font-weight:bold;">&nbsp;{text}&nbsp;</span>')


def segmented_badge(parts: Sequence[tuple[str, str]], title: str = "",
                    nowrap: bool = False) -> str:
    """Adjacent coloured labels read as one badge: [(words, colour), ...]."""
    spans = []
    for i, (words, colour) in enumerate(parts):
        text = escape(words)
        if nowrap:
            text = text.replace(" ", "&nbsp;")
        lead = "·&nbsp;" if i else "&nbsp;"  # the dot also parts two segments of one colour
        spans.append(f'<span style="background-color:{escape(colour)}; color:#ffffff;'
                     f' font-weight:bold;">{lead}{text}&nbsp;</span>')
    tip = f' title="{escape(title)}"' if title else ""
    return f"<span{tip}>" + "".join(spans) + "</span>"


def badge_html(badge: Badge, nowrap: bool = False) -> str:
    """A core badge (hfs_desktop.badges) as HTML: words on colour, its meaning as a tip."""
    return segmented_badge([(s.words, s.colour) for s in badge.segments], badge.meaning,
                           nowrap)
