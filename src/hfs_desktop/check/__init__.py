"""Checking an article against the pack's claims (no Qt here).

    checker = ArticleChecker(pack)
    results = checker.check(text)        # one CheckedStatement per sentence or list item
    summary = summarise(pack, results)   # counts by verdict, unproven treatments recommended
"""

from __future__ import annotations

from .checker import ArticleChecker, CheckedStatement
from .matcher import THRESHOLD, Match

__all__ = ["THRESHOLD", "ArticleChecker", "CheckedStatement", "Match"]
