"""Full-text search over a knowledge pack, on Whoosh (no Qt here).

    index = open_index(pack, cache_dir)      # None: in memory
    hits = index.search("botox", limit=20, types={"treatment"})
    index.suggest("carbamazapine")           # "carbamazepine"
"""

from __future__ import annotations

from .index import SearchHit, SearchIndex, open_index

__all__ = ["SearchHit", "SearchIndex", "open_index"]
