"""The graph view around a term with many children: the core model and the drawing, capped
(as shipped: at most `graph_model.GROUP_LIMIT` nodes per relation, the rest one summary node)
against "before" (the first 150 neighbours drawn, the rest silently left out, as before the
cap) and "every" (every child drawn), on generated imported packs of 300 and 3,000 children.

Medians of ``--runs`` runs, offscreen; each figure is the time from asking the Library for the
neighbourhood to a drawn scene (`GraphView.show_neighbourhood`), and the model alone.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/graph.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.twopacks writes the generated pack


def median_ms(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def draw(app: Any, view: Any, library: Any, ref: str, depth: int) -> None:
    """Ask for the neighbourhood, draw it, let Qt paint once."""
    view.show_neighbourhood(library.neighbourhood(ref, depth))
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import re

    import pytest
    from PySide6.QtWidgets import QApplication
    from tests.twopacks import PARENT, write_hpo_like

    from hfs_desktop import graph_model
    from hfs_desktop.gui.graph_view import GraphView
    from hfs_desktop.library import Library
    from hfs_desktop.pack import loader

    app = QApplication.instance() or QApplication([])
    view = GraphView()
    view.resize(1000, 700)
    view.show()
    print(f"{'children':>8} {'depth':>5} {'mode':>8} {'nodes':>6} {'model ms':>9} "
          f"{'drawn ms':>9}")
    shipped = (graph_model.GROUP_LIMIT, graph_model.CHILD_LIMIT, graph_model.DEPTH1_LIMIT)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "ID_PATTERN", re.compile(r"^[A-Za-z0-9]+(?:[-:_][A-Za-z0-9]+)*$"))
        for children in (300, 3000):
            root = write_hpo_like(Path(folder) / f"p{children}", children=children)
            library = Library.open([root], search=False)
            ref = f"hpo/{PARENT}"
            for depth in (1, 2):
                rows = {}
                for mode, limits in (("capped", shipped), ("before", (10**6, 10**6, 150)),
                                     ("every", (10**6,) * 3)):
                    for name, value in zip(("GROUP_LIMIT", "CHILD_LIMIT", "DEPTH1_LIMIT"),
                                           limits, strict=True):
                        patch.setattr(graph_model, name, value)
                    data = library.neighbourhood(ref, depth)
                    model = median_ms(args.runs, partial(library.neighbourhood, ref, depth))
                    drawn = median_ms(args.runs, partial(draw, app, view, library, ref, depth))
                    rows[mode] = drawn
                    print(f"{children:>8} {depth:>5} {mode:>8} {len(data.nodes):>6} "
                          f"{model:>9.2f} {drawn:>9.2f}")
                print(f"{'':>8} {'':>5} {'ratios':>8} drawn, before/capped: "
                      f"{rows['before'] / rows['capped']:.1f}x, every/capped: "
                      f"{rows['every'] / rows['capped']:.1f}x")
    view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
