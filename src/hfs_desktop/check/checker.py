"""Checking a text: every statement with the claim it matches, its verdict, and how the
statement itself is judged."""

from __future__ import annotations

from dataclasses import dataclass

from ..pack import Entity, Pack
from .matcher import ClaimMatcher, Match
from .sentences import Statement, split_statements

AGREES, OPPOSES = "agrees", "opposes"

OPPOSITE_JUDGEMENT = {
    "supported": ("wrong", "states the opposite of a supported claim: wrong"),
    "partly-supported": ("mostly wrong",
                         "states the opposite of a partly supported claim: partly wrong"),
    "contradicted": ("in line", "states the opposite of a contradicted claim: in line with "
                                "the pack"),
    "unsupported": ("in line", "states the opposite of an unsupported claim: in line with "
                               "the pack"),
    "unverified": ("in line", "denies a claim the pack finds no evidence for: in line with "
                              "the pack's 'no evidence that it works'"),
}
"""How a statement that states the opposite of a claim is judged, by the claim's verdict:
(short judgement, sentence)."""


@dataclass(frozen=True, slots=True)
class CheckedStatement:
    statement: Statement
    match: Match

    @property
    def claim(self) -> Entity | None:
        return self.match.claim

    @property
    def verdict(self) -> str | None:
        return self.match.claim.verdict or "unverified" if self.match.claim else None

    @property
    def negated(self) -> bool:
        return self.match.negated

    @property
    def further(self) -> tuple[CheckedStatement, ...]:
        """The further claims the statement makes (:attr:`Match.also`), each as the
        statement checked against that claim: its verdict, polarity and judgement."""
        return tuple(CheckedStatement(self.statement, match) for match in self.match.also)

    @property
    def judgement(self) -> str:
        """How the statement itself is judged, in words."""
        verdict = self.verdict
        if verdict is None:
            return "no matching claim"
        if not self.negated:
            return f"agrees with a claim judged {verdict.replace('-', ' ')}"
        return OPPOSITE_JUDGEMENT.get(verdict, ("", f"states the opposite of a claim judged "
                                                    f"{verdict}"))[1]


class ArticleChecker:
    """The pack's claims ready to check texts (build once, check many)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.matcher = ClaimMatcher(pack)

    def check(self, text: str) -> list[CheckedStatement]:
        out: list[CheckedStatement] = []
        statements = split_statements(text)
        lists = _lists(statements)
        for number, statement in enumerate(statements):
            if statement.heading or statement.boilerplate:
                out.append(CheckedStatement(statement, Match(None, 0.0, False)))
                continue
            match = self.matcher.match(statement.text, statement.lead_in,
                                       lists.get(number, ""))
            out.append(CheckedStatement(statement, match))
        return out


def _lists(statements: list[Statement]) -> dict[int, str]:
    """For each list item (by index), its lead-in with every item of its list: what the
    list says together."""
    out: dict[int, str] = {}
    start = 0
    while start < len(statements):
        lead_in = statements[start].lead_in
        end = start + 1
        while end < len(statements) and lead_in and statements[end].lead_in == lead_in:
            end += 1
        if lead_in and end - start > 1:
            whole = " ".join([lead_in, *(s.text for s in statements[start:end])])
            out.update(dict.fromkeys(range(start, end), whole))
        start = end
    return out
