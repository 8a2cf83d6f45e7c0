"""Badge wording is computed once, in the core: gui/ writes no level, verdict or badge words.

The GUI sources are parsed (string literals, f-string parts included; docstrings left out)
and searched for the words of the packs' vocabularies: the ids and labels of every evidence,
recommendation and association level and verdict, the core's evidence phrases ("evidence
low", "no evidence of benefit") and headings ("Certainty of evidence"). A literal that is a
level id or label ("unproven", "First-line") or holds a phrase of them ("For selected
patients", "evidence very low", "Evidence: Low") fails: take the words from `badges` through
the Library instead."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

import hfs_desktop
from hfs_desktop import badges
from hfs_desktop.pack import Pack, bundled_pack_dir, load_pack

from .conftest import PACKS

GUI = Path(hfs_desktop.__file__).parent / "gui"

ALLOWED = {
    ("differential_view.py", " <span class='muted'>(rests on expert opinion only)</span>"),
    ("differential_view.py", " <span class='muted'>[<i>expert opinion</i>]</span>"),
}
"""Literals that look like a grade and are none: the differential table's own mark for a
link that cites no source (`FeatureLink.expert_opinion`), not an evidence level."""


@dataclass(frozen=True)
class Vocabulary:
    """The words a badge is made of."""

    whole: frozenset[str]
    """Ids and labels: a literal that is one of them (up to case) is badge wording."""
    phrases: re.Pattern[str]
    """Words of more than one word (or hyphenated), wherever they stand in a literal."""
    evidence: re.Pattern[str]
    """"evidence" followed by a level, by ":" or by the end of an f-string part."""


def vocabulary(packs: Iterable[Pack]) -> Vocabulary:
    words: set[str] = set(badges.EVIDENCE_PHRASES.values()) | set(badges.GRADES.values())
    single: set[str] = set()
    for pack in packs:
        for table in (pack.evidence_levels, pack.recommendation_levels,
                      pack.association_levels, pack.verdicts):
            for level in table.values():
                words |= {level.id, level.label}
        words |= {badges.evidence_phrase(pack, level) for level in pack.evidence_levels}
        single |= {level.label for level in pack.evidence_levels.values()}
    phrases = sorted((w for w in words if re.search(r"[\s-]", w.strip())), key=len,
                     reverse=True)
    levels = "|".join(re.escape(w) for w in sorted(single, key=len, reverse=True))
    return Vocabulary(
        whole=frozenset(w.casefold() for w in words),
        phrases=re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases)
                           + r")(?![\w-])", re.IGNORECASE),
        evidence=re.compile(r"\bevidence(?:\s*:|\s+(?:$|(?:" + levels + r")(?![\w-])))",
                            re.IGNORECASE),
    )


def literals(source: str) -> Iterable[tuple[int, str]]:
    """(line, text) of every string literal but docstrings; an f-string's parts apart."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value,
                                                                        ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings):
            yield node.lineno, node.value


def badge_wording(name: str, source: str, words: Vocabulary) -> list[str]:
    """Where a GUI source writes badge wording: "file:line: 'literal'"."""
    found = []
    for line, text in literals(source):
        if (name, text) in ALLOWED:
            continue
        bare = re.sub(r"[^\w\s()-]+", " ", text).strip().casefold()
        bare = " ".join(bare.split())
        if (bare in words.whole or words.phrases.search(text)
                or words.evidence.search(text)):
            found.append(f"{name}:{line}: {text!r}")
    return found


@pytest.fixture(scope="module")
def words() -> Vocabulary:
    return vocabulary([load_pack(bundled_pack_dir()), load_pack(PACKS / "starter")])


def test_the_gui_writes_no_badge_wording(words: Vocabulary) -> None:
    sources = sorted(GUI.rglob("*.py"))
    assert len(sources) > 10
    found = [hit for path in sources
             for hit in badge_wording(path.relative_to(GUI).as_posix(),
                                      path.read_text(encoding="utf-8"), words)]
    assert not found, ("badge wording belongs to the core (badges.py, through the Library):\n"
                       + "\n".join(found))


@pytest.mark.parametrize("source", [
    'label = "First-line"',
    'words = "First-line · evidence low"',
    'text = f"{recommendation} · evidence {level.lower()}"',
    'text = f"Evidence: {level}"',
    'if entity.evidence.level == "unproven": pass',
    'kept = ("very-low", "low")',
    'tip = "Low"',
    'tip = "Shown for selected patients only"',
    'badge = "No recommendation · no evidence of benefit"',
    'note = "rests on expert opinion only"',
    'heading = "Certainty of evidence"',
    'verdict = "Partly supported"',
    'cause = "Established cause"',
    'verdict_label = {"contradicted": "Wrong"}',
])
def test_the_check_catches_badge_wording(words: Vocabulary, source: str) -> None:
    assert badge_wording("new.py", source, words), source


@pytest.mark.parametrize("source", [
    'action = "&Hide unproven"',
    'tip = "Hide unproven treatments and folk remedies from results and graph"',
    'about = "imported, not reviewed: its terms carry no evidence level"',
    'help = "What the recommendation, evidence, association and verdict badges mean"',
    'error = "Not supported on this system"',
    'def f():\n    """Shows "First-line · evidence low" from the core."""',
    'label = badge.label',
])
def test_the_check_lets_other_words_pass(words: Vocabulary, source: str) -> None:
    assert badge_wording("new.py", source, words) == [], source
