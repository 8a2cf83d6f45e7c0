"""An OBO 1.4 flat file as plain records: the header, [Term] and [Typedef] stanzas.

Follows the OBO 1.4 syntax: ``tag: value {modifiers} ! comment`` lines, a line ending in a
backslash continued on the next, quoted strings with backslash escapes, dbxref lists
``[PMID:1, ISBN:2 "desc"]``. Other stanzas ([Instance], unknown ones) and tags this importer
has no use for (intersection_of, property_value, ...) are read past. Every problem is
collected with its line; `parse_obo` raises `OboError` listing them, never anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_PROBLEMS = 50
SCOPES = ("EXACT", "BROAD", "NARROW", "RELATED")
OLD_SYNONYM_TAGS = {"exact_synonym": "EXACT", "broad_synonym": "BROAD",
                    "narrow_synonym": "NARROW", "related_synonym": "RELATED"}
ESCAPES = {"n": "\n", "W": " ", "t": "\t"}
"""Escapes with a meaning of their own; any other ``\\x`` stands for ``x`` itself."""
_SPECIAL = re.compile(r'\\.|["!{}\[\]]', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ANY_SPECIAL = re.compile(r'["!{}\\]')
_QUOTED_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_PLAIN_XREFS = re.compile(r"\[([^\]\[\\\"{}]*)\]")
"""A dbxref list with nothing to unescape, no descriptions and no modifiers: ``[A:1, B:2]``."""
_TAG = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)$", re.DOTALL)
_STANZA = re.compile(r"^\[([A-Za-z]+)\]\s*(?:!.*)?$")


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    message: str


class OboError(Exception):
    """The file cannot be imported: every problem found, each with its line."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(self.messages()))

    def messages(self) -> list[str]:
        """``file:line: message`` lines (``file: message`` where there is no line)."""
        return [f"{self.path}:{p.line}: {p.message}" if p.line else f"{self.path}: {p.message}"
                for p in self.problems]


@dataclass(slots=True)
class Synonym:
    text: str
    scope: str = "RELATED"
    type: str = ""


@dataclass(slots=True)
class Term:
    id: str
    line: int
    name: str = ""
    namespace: str = ""
    definition: str = ""
    definition_xrefs: list[str] = field(default_factory=list)
    comment: str = ""
    synonyms: list[Synonym] = field(default_factory=list)
    alt_ids: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    is_a: list[str] = field(default_factory=list)
    relationships: list[tuple[str, str]] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Typedef:
    id: str
    line: int
    name: str = ""
    inverse_of: str = ""
    obsolete: bool = False


@dataclass(slots=True)
class Header:
    format_version: str = ""
    data_version: str = ""
    ontology: str = ""
    date: str = ""
    default_namespace: str = ""
    title: str = ""
    description: str = ""
    remarks: list[str] = field(default_factory=list)
    synonym_types: dict[str, str] = field(default_factory=dict)
    subsets: dict[str, str] = field(default_factory=dict)
    idspaces: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Ontology:
    path: str
    header: Header
    terms: dict[str, Term]
    typedefs: dict[str, Typedef]


@dataclass(slots=True)
class _Value:
    """A tag's value with its trailing modifiers and comment taken off (still escaped)."""

    text: str
    modifiers: str


def parse_obo(path: Path | str, progress: Callable[[float], None] | None = None) -> Ontology:
    """Read an OBO file; raise OboError (with every problem's line) when it is malformed.

    ``progress`` is called now and then with the fraction of lines read."""
    path = Path(path)
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OboError(shown, [Problem(0, f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise OboError(shown, [Problem(line, f"not UTF-8 text (byte {exc.start})")]) from None
    parser = _Parser(shown)
    parser.run(text, progress)
    if parser.problems:
        raise OboError(shown, parser.problems)
    if not parser.terms:
        raise OboError(shown, [Problem(0, "no [Term] stanza: not an OBO ontology")])
    return Ontology(shown, parser.header, parser.terms, parser.typedefs)


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) with continuations joined: a line ending in an unescaped
    backslash goes on with the next one."""
    pending: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not pending:
            start = number
        stripped = line.rstrip("\r")
        if stripped.endswith("\\") and (
                len(stripped) - len(stripped.rstrip("\\"))) % 2 == 1:
            pending.append(stripped[:-1])
            continue
        pending.append(stripped)
        yield start, "".join(pending)
        pending = []
    if pending:
        yield start, "".join(pending)


def unescape(text: str) -> str:
    """An OBO value with its backslash escapes resolved (``\\n``, ``\\"``, ``\\:``, ...)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: ESCAPES.get(m.group(1), m.group(1)), text)


def split_value(raw: str, quotes: bool = True) -> _Value:
    """Take the ``! comment`` and the trailing ``{modifiers}`` off a value.

    With ``quotes`` (tags whose values hold quoted strings: def, synonym, xref, ...), a ``"``
    opens or closes a string in which ``!`` and braces are text; elsewhere (name, comment)
    a ``"`` is only a character. Raises ValueError for an unterminated quoted string or an
    unclosed ``{``."""
    if not _ANY_SPECIAL.search(raw):
        return _Value(raw.strip(), "")
    in_quote = False
    depth = 0  # inside a dbxref list, braces are its items' modifiers
    brace = -1
    end = len(raw)
    for match in _SPECIAL.finditer(raw):
        token = match.group()
        if token.startswith("\\"):
            continue
        if token == '"':
            in_quote = quotes and not in_quote
        elif in_quote:
            continue
        elif token == "[":
            depth += 1
        elif token == "]":
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif token == "!":
            end = match.start()
            break
        elif token == "{" and brace < 0:
            brace = match.start()
        elif token == "}" and brace < 0:
            raise ValueError("a '}' with no '{' before it (escape it as \\})")
    if in_quote:
        raise ValueError('a quoted string with no closing \'"\'')
    body = raw[:end].rstrip()
    if brace < 0:
        return _Value(body.strip(), "")
    if not body.endswith("}") or body.endswith("\\}"):
        raise ValueError("a '{' with no closing '}' at the end of the value "
                         "(trailing modifiers are written {name=\"value\"})")
    return _Value(raw[:brace].strip(), body[brace + 1:-1].strip())


def quoted(text: str) -> tuple[str, str]:
    """A leading quoted string, unescaped, and the rest; ValueError if there is none."""
    text = text.lstrip()
    if not text.startswith('"'):
        raise ValueError('expected a quoted string ("...")')
    match = _QUOTED_STRING.match(text)
    if match is None:
        raise ValueError('a quoted string with no closing \'"\'')
    return unescape(match.group(1)), text[match.end():].lstrip()


def xref_list(text: str) -> tuple[list[str], str]:
    """A leading dbxref list ``[A:1, B:2 "desc" {m=1}]``: its ids, and the rest."""
    text = text.lstrip()
    if not text.startswith("["):
        raise ValueError("expected a dbxref list in brackets ([] when empty)")
    plain = _PLAIN_XREFS.match(text)
    if plain is not None:
        items = (item.strip() for item in plain.group(1).split(","))
        return [item for item in items if item], text[plain.end():].strip()
    ids: list[str] = []
    current: list[str] = []
    in_quote = False
    i = 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if char == '"':
            in_quote = not in_quote
        if not in_quote and char in ",]":
            xref = _xref_id("".join(current))
            if xref:
                ids.append(xref)
            current = []
            if char == "]":
                return ids, text[i + 1:].strip()
        else:
            current.append(char)
        i += 1
    raise ValueError("a dbxref list with no closing ']'")


def _xref_id(item: str) -> str:
    """The id of one dbxref (its description and modifiers dropped)."""
    item = item.strip()
    if not item:
        return ""
    head = re.split(r'\s+(?=["{])|\s*\{', item, maxsplit=1)[0]
    return unescape(head.strip())


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.header = Header()
        self.terms: dict[str, Term] = {}
        self.typedefs: dict[str, Typedef] = {}
        self.line = 0

    def problem(self, message: str, line: int | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.line if line is None else line, message))
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(Problem(0, f"more than {MAX_PROBLEMS} problems; "
                                            "the rest are not listed"))

    def run(self, text: str, progress: Callable[[float], None] | None) -> None:
        total = text.count("\n") + 1
        stanza: Term | Typedef | None = None
        kind = ""  # "" in the header; else the stanza's kind
        seen: set[str] = set()  # single-valued tags met in this stanza
        for number, line in logical_lines(text):
            self.line = number
            if progress is not None and number % 20000 == 0:
                progress(number / total)
            stripped = line.strip()
            if not stripped or stripped.startswith("!"):
                continue
            if stripped.startswith("["):
                self.close(stanza)
                match = _STANZA.match(stripped)
                if not match:
                    self.problem(f"a stanza header must be [Term], [Typedef] or "
                                 f"[Instance], not '{stripped[:40]}'")
                    kind, stanza = "skip", None
                    continue
                kind = match.group(1)
                stanza = (Term("", number) if kind == "Term" else
                          Typedef("", number) if kind == "Typedef" else None)
                seen = set()
                continue
            match = _TAG.match(stripped)
            if not match:
                self.problem(f"expected 'tag: value', not '{stripped[:60]}'")
                continue
            tag, raw = match.group(1), match.group(2)
            try:
                value = split_value(raw, tag in _QUOTED)
                if kind == "":
                    self.header_tag(tag, value)
                elif stanza is not None:
                    if tag in _SINGLE and tag in seen:
                        raise ValueError(f"'{tag}' given twice in one stanza")
                    seen.add(tag)
                    if isinstance(stanza, Term):
                        self.term_tag(stanza, tag, value)
                    else:
                        self.typedef_tag(stanza, tag, value)
            except ValueError as exc:
                self.problem(f"{tag}: {exc}")
        self.close(stanza)
        if progress is not None:
            progress(1.0)

    def close(self, stanza: Term | Typedef | None) -> None:
        if stanza is None:
            return
        what = "[Term]" if isinstance(stanza, Term) else "[Typedef]"
        if not stanza.id:
            self.problem(f"a {what} stanza with no 'id'", stanza.line)
            return
        table: dict[str, Term] | dict[str, Typedef] = (
            self.terms if isinstance(stanza, Term) else self.typedefs)
        first = table.get(stanza.id)
        if first is not None:
            self.problem(f"duplicate {what} id '{stanza.id}' (first at line {first.line})",
                         stanza.line)
            return
        if isinstance(stanza, Term):
            self.terms[stanza.id] = stanza
        else:
            self.typedefs[stanza.id] = stanza

    # -- tags ----------------------------------------------------------------------------

    def header_tag(self, tag: str, value: _Value) -> None:
        text = value.text
        if tag == "format-version":
            self.header.format_version = unescape(text)
        elif tag in ("data-version", "version"):
            self.header.data_version = unescape(text)
        elif tag == "ontology":
            self.header.ontology = unescape(text)
        elif tag == "date":
            self.header.date = unescape(text)
        elif tag == "default-namespace":
            self.header.default_namespace = unescape(text)
        elif tag == "remark":
            self.header.remarks.append(unescape(text))
        elif tag in ("synonymtypedef", "subsetdef"):
            name, rest = _token(text)
            description, _ = quoted(rest)
            table = self.header.synonym_types if tag == "synonymtypedef" else self.header.subsets
            table[name] = description
        elif tag == "idspace":
            parts = text.split(None, 2)
            if len(parts) < 2:
                raise ValueError("expected 'PREFIX URI' (and an optional description)")
            self.header.idspaces[unescape(parts[0])] = unescape(parts[1])
        elif tag == "property_value":
            self.header_property(text)

    def header_property(self, text: str) -> None:
        """The ontology's title and description, when it gives them as dc: properties."""
        name, rest = _token(text)
        if name in ("dc:title", "dc11:title", "http://purl.org/dc/elements/1.1/title"):
            self.header.title = quoted(rest)[0] if rest.startswith('"') else rest
        elif name in ("dc:description", "dc11:description",
                      "http://purl.org/dc/elements/1.1/description"):
            self.header.description = quoted(rest)[0] if rest.startswith('"') else rest

    def term_tag(self, term: Term, tag: str, value: _Value) -> None:
        text = value.text
        if tag == "id":
            term.id = _single(text)
        elif tag == "name":
            term.name = unescape(text)
        elif tag == "namespace":
            term.namespace = _single(text)
        elif tag == "def":
            term.definition, rest = quoted(text)
            if rest:
                term.definition_xrefs, _ = xref_list(rest)
        elif tag == "comment":
            term.comment = unescape(text)
        elif tag == "synonym" or tag in OLD_SYNONYM_TAGS:
            term.synonyms.append(_synonym(text, OLD_SYNONYM_TAGS.get(tag, "")))
        elif tag == "alt_id":
            term.alt_ids.append(_single(text))
        elif tag in ("xref", "xref_analog", "xref_unk"):
            term.xrefs.append(_xref_id(text) or _single(text))
        elif tag == "is_a":
            term.is_a.append(_single(text))
        elif tag == "relationship":
            parts = text.split()
            if len(parts) != 2:
                raise ValueError(f"expected 'RELATION TARGET', not '{text[:60]}'")
            term.relationships.append((unescape(parts[0]), unescape(parts[1])))
        elif tag == "is_obsolete":
            term.obsolete = _boolean(text)
        elif tag == "replaced_by":
            term.replaced_by.append(_single(text))
        elif tag == "consider":
            term.consider.append(_single(text))

    def typedef_tag(self, typedef: Typedef, tag: str, value: _Value) -> None:
        text = value.text
        if tag == "id":
            typedef.id = _single(text)
        elif tag == "name":
            typedef.name = unescape(text)
        elif tag == "inverse_of":
            typedef.inverse_of = _single(text)
        elif tag == "is_obsolete":
            typedef.obsolete = _boolean(text)


_QUOTED = frozenset({"def", "synonym", *OLD_SYNONYM_TAGS, "xref", "xref_analog", "xref_unk",
                     "synonymtypedef", "subsetdef", "idspace", "property_value"})
"""Tags whose values hold quoted strings."""

_SINGLE = frozenset({"id", "name", "namespace", "def", "comment", "is_obsolete",
                     "is_anonymous", "inverse_of"})
"""Tags a stanza may hold at most once."""


def _single(text: str) -> str:
    """A one-word value (an id): unescaped; ValueError when empty or several words."""
    if not text:
        raise ValueError("empty value")
    if len(text.split()) != 1:
        raise ValueError(f"expected one identifier, not '{text[:60]}'")
    return unescape(text)


def _token(text: str) -> tuple[str, str]:
    parts = text.split(None, 1)
    if not parts:
        raise ValueError("empty value")
    return unescape(parts[0]), (parts[1] if len(parts) > 1 else "")


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(f"expected true or false, not '{text[:20]}'")
    return text == "true"


def _synonym(text: str, scope: str) -> Synonym:
    """``"text" SCOPE [TYPE] [dbxrefs]`` (1.4), or the old ``"text" [dbxrefs]`` forms."""
    name, rest = quoted(text)
    words = rest.split("[", 1)[0].split() if rest else []
    if not scope:
        scope = "RELATED"
        if words:
            scope = words.pop(0)
            if scope not in SCOPES:
                raise ValueError(f"unknown synonym scope '{scope}' "
                                 f"(known: {', '.join(SCOPES)})")
    kind = words.pop(0) if words else ""
    if words:
        raise ValueError(f"unexpected '{' '.join(words)[:40]}' after the synonym type")
    if "[" in rest:
        xref_list(rest[rest.index("["):])  # checked for shape; its ids are not kept
    return Synonym(name, scope, kind)
