"""Full-text search over a knowledge pack, on Whoosh (no Qt here).

    index = open_index(pack, cache_dir)      # None: in memory
    hits = index.search("botox", limit=20, types={"treatment"})
    index.suggest("carbamazapine")           # "carbamazepine"
"""

from __future__ import annotations

from .lightwhoosh import import_whoosh

import_whoosh()  # before any Whoosh module: keeps urllib.request and asyncio out

from .hit import SearchHit  # noqa: E402
from .index import SearchIndex, open_index  # noqa: E402

__all__ = ["SearchHit", "SearchIndex", "open_index"]
