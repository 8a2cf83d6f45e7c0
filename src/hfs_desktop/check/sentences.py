"""An article's text split into statements: sentences, headings, and list items that keep
their lead-in ("develops against the background of: - multiple sclerosis")."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

MAX_HEADING_WORDS = 12
"""A line this short, without end punctuation, standing alone, is read as a heading."""

ABBREVIATIONS = frozenset((
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "eg", "ie", "e.g", "i.e", "cf",
    "approx", "fig", "no", "nos", "vol", "p", "pp", "ed", "eds", "al", "jr", "sr", "inc",
    "ltd", "co", "dept", "mg", "ml", "min", "max", "mt", "ca", "a.m", "p.m", "u.s", "u.k",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"))
"""Words that a full stop follows without ending the sentence (compared folded, without
the stop)."""

BOILERPLATE = re.compile(
    r"^\W*(?:read (?:also|more|next)|see also|related(?: articles?| posts?)?:|share (?:this|on)|"
    r"follow us|subscribe|copyright|\u00a9|\(c\)|all rights reserved|phone|tel\.?|telephone|"
    r"call us|e-?mail|address:|opening hours|open(?:ing)? times|author:|updated:? \d|"
    r"published:? \d|last (?:updated|reviewed):? \d|photo:|image:|advertisement|sponsored|"
    r"cookies?\b)", re.I)
"""How a line of page furniture begins ("Read also:", "Phone:", "\u00a9 2024")."""
BYLINE = re.compile(r"^(?:Written |Posted )?[Bb]y (?:Dr\.? )?[A-Z][\w.'-]+ [A-Z]")
"""A byline: "By Maria Kovalenko", not "By the way"."""


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence is page furniture (see :attr:`Statement.boilerplate`)."""
    return bool(BOILERPLATE.match(sentence) or BYLINE.match(sentence))

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014\u25aa\u25cf+]|\(?\d{1,2}[.)]|[a-z][.)])\s+")
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_OPENER = re.compile(r"[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the text says: a sentence, a heading, or a list item under its lead-in."""

    text: str
    """The sentence or item as written (bullet removed)."""
    line: int
    """1-based line of the text where it starts."""
    lead_in: str = ""
    """For a list item, the line that introduces the list; else empty."""
    heading: bool = False
    """A title or heading: it names a subject and states nothing."""
    boilerplate: bool = False
    """A web page's furniture: a byline, a link to another page, contact details, a
    copyright line. It states nothing about health, whatever words it uses."""

    @property
    def full(self) -> str:
        """What the statement says, with its lead-in: what is matched and shown."""
        if not self.lead_in:
            return self.text
        return f"{self.lead_in} {self.text}"


class _TextExtractor(HTMLParser):
    """HTML to plain lines: blocks become lines, list items bullets; scripts dropped."""

    BLOCKS = frozenset(("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                        "table", "tr", "section", "article", "header", "footer", "blockquote",
                        "title", "dt", "dd", "hr", "pre", "figcaption", "main", "nav"))
    SKIPPED = frozenset(("script", "style", "noscript", "template", "head"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


_HTML_HINT = re.compile(r"<(?:!doctype|html|body|p|div|br|li|ul|ol|h[1-6]|span|a|b|i|strong|em)"
                        r"\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:20000]))


def html_to_text(markup: str) -> str:
    """The text of an HTML page: one line per block, list items as "- item"."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences at ., ! or ? followed by a capital or digit, except
    after an abbreviation, an initial or inside a number."""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        rest = text[end:].lstrip()
        if rest and not _OPENER.match(rest):
            continue
        if match.group().startswith(".") and _abbreviated(text[start:match.start()]):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _abbreviated(before: str) -> bool:
    """Whether the word before a full stop is an abbreviation or an initial."""
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("(\"'\u201c").casefold()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped[-1] in ".!?;,\u2026" or stripped.endswith(":"):
        return False
    words = stripped.split()
    return len(words) <= MAX_HEADING_WORDS and stripped[0].isupper()


def split_statements(text: str) -> list[Statement]:
    """Every statement of a plain or HTML text, in order.

    A line ending with ":" that is followed by list items is their lead-in: it is not a
    statement of its own, and each item carries it. A short line without end punctuation
    standing alone is a heading."""
    if looks_like_html(text):
        text = html_to_text(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[Statement] = []
    lead_in = ""
    paragraph: list[str] = []
    paragraph_line = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            for sentence in sentences(" ".join(paragraph)):
                out.append(Statement(sentence, paragraph_line,
                                     boilerplate=is_boilerplate(sentence)))
            paragraph = []

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        bullet = _BULLET.match(raw)
        if bullet and line:
            flush()
            item = raw[bullet.end():].strip()
            if item:
                for sentence in sentences(item) or [item]:
                    out.append(Statement(sentence, number, lead_in))
            continue
        if not line:
            flush()
            continue
        if lead_in and not paragraph:
            lead_in = ""
        if line.endswith(":") and _next_is_item(lines, number):
            flush()
            lead_in = line
            continue
        lead_in = ""
        if _is_heading(line) and not paragraph and _stands_alone(lines, number):
            out.append(Statement(line, number, heading=True))
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(line)
        if _ENDS_SENTENCE.search(line):
            flush()
    flush()
    return out


def _next_is_item(lines: list[str], number: int) -> bool:
    """Whether the next non-empty line after 1-based ``number`` is a list item."""
    for line in lines[number:]:
        if line.strip():
            return bool(_BULLET.match(line))
    return False


def _stands_alone(lines: list[str], number: int) -> bool:
    """A line is on its own when the next line is empty, a bullet, or the end, or when it
    is followed by a line that starts a new paragraph (a capital after a heading-like
    line)."""
    if number >= len(lines):
        return True
    following = lines[number].strip()
    return not following or bool(_BULLET.match(lines[number])) or following[0].isupper()
