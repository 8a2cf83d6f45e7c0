"""The entity page: the core's HTML in a QTextBrowser that never fetches anything."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..render import parse_link

LINK_SCHEME = "hfs"  # internal links: hfs://entity/PACK/ID (see hfs_desktop.render.entity_link)
ZOOM_STEP = 1.1


def entity_id_of(url: QUrl) -> str | None:
    """The id (``PACK/ID``) of an internal link; None for anything else (never fetched).

    Read fully encoded, then decoded once by the core: ``HP%3A0010828`` comes back exactly.
    """
    if url.scheme() != LINK_SCHEME:
        return None
    return parse_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


def in_page_anchor(url: QUrl) -> str | None:
    """The anchor of an in-page link ("#ref-3" -> "ref-3"); None for any other link."""
    if url.scheme() or url.host() or url.path() or not url.hasFragment():
        return None
    return url.fragment() or None


class EntityView(QTextBrowser):
    """Shows one page; clicks on internal links ask the window to navigate."""

    entity_requested = Signal(str)
    external_link = Signal(str)  # an address the app refuses to open (shown to copy)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entity-page")
        self.setAccessibleName("Entity page")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self.blocked: list[str] = []  # every resource the page asked for and did not get
        self._base_point_size = QFont(self.font()).pointSizeF()
        self.zoom_level = 0
        self.entity_id: str | None = None

    def show_page(self, entity_id: str | None, html: str, scroll: int = 0) -> None:
        """Show a page, scrolled down by ``scroll`` pixels (where the reader left it)."""
        self.entity_id = entity_id
        self.setHtml(html)
        self.document().size()  # lay the whole page out now, so the scroll range is known
        self.verticalScrollBar().setValue(scroll)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Pages carry no images or style sheets from anywhere: nothing is loaded."""
        self.blocked.append(name.toString() if isinstance(name, QUrl) else name)
        return None

    def _anchor_clicked(self, url: QUrl) -> None:
        anchor = in_page_anchor(url)
        if anchor is not None:
            self.scrollToAnchor(anchor)  # a citation number: to its entry in the list
            return
        entity_id = entity_id_of(url)
        if entity_id is not None:
            self.entity_requested.emit(entity_id)
        else:
            self.external_link.emit(url.toString())

    def set_zoom(self, level: int) -> None:
        self.zoom_level = level
        font = QFont(self.font())
        font.setPointSizeF(max(5.0, self._base_point_size * ZOOM_STEP ** level))
        self.document().setDefaultFont(font)
        self.setFont(font)
