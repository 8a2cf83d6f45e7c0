"""An imported ontology in the window: its own kinds, colours and words; ids with colons."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QGraphicsEllipseItem

from hfs_desktop.cli import main
from hfs_desktop.gui.entity_view import entity_id_of
from hfs_desktop.render import entity_link

from .conftest import WindowFactory

OBO = Path(__file__).parent.parent / "data" / "every-construct.obo"
pytestmark = pytest.mark.gui


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    out = tmp_path / "TST"
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["import-obo", str(OBO), "-o", str(out)]) == 0
    return out


def test_imported_terms_open_with_the_packs_own_kinds(make_window: WindowFactory,
                                                      imported: Path) -> None:
    window = make_window(imported)
    assert window.open_entity("TST:0000002")
    page = window.entity_view.toPlainText()
    assert "Test phenotype" in page
    assert "Cited by the ontology: PMID:12145388" in page
    assert "hemifacial" not in page.casefold()
    assert "Test Ontology" in window.about_html()
    assert window.library is not None
    target = window.library.resolve("TST:0000003")
    assert target is not None and target.endswith("/TST:0000003")
    url = QUrl(entity_link(target))  # a link keeps its colon
    assert entity_id_of(url) == target
    assert window.open_entity("TST:0000003")

    window.open_entity("TST:0000002")
    window.toggle_graph()
    item = window.graph_view.items_by_id[window.library.resolve("TST:0000010") or ""]
    dots = [c for c in item.childItems() if isinstance(c, QGraphicsEllipseItem)]
    assert dots and all(d.brush().color().name() == "#c447d6" for d in dots)  # test-anatomy
    legend = window.graph_view.legend
    assert ("test-anatomy", "Test anatomy") in legend.kinds
    assert "#c447d6" in legend.text()
