"""The lay-medical thesaurus the checker matches sentences to claims with: kept in
:mod:`hfs_desktop.thesaurus`, which search shares."""

from __future__ import annotations

from ..thesaurus import GROUPS, SYNONYM

__all__ = ["GROUPS", "SYNONYM"]
