"""Tools › Differential helper: tick what is observed and read hemifacial spasm and its mimics
ranked as the ticks change; each condition with the findings for and against it and their
sources (or the mark "expert opinion"), linked to their pages. A ticked red flag puts the
imaging warning first; a line that it is a learning aid stays in view.

Everything shown comes from `Library.differential`; this module only lays it out.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..render import entity_link
from . import theme
from .entity_view import EntityView
from .screenfit import resize_within_screen
from .tool_window import ToolWindow

if TYPE_CHECKING:
    from ..differential import DifferentialResult, FeatureInfo, LinkView, RankedCondition
    from ..library import Library

TITLE = "Differential helper"
RED_FLAGS = "Red flags"
HISTORY_KINDS = ("cause", "risk-factor", "complication")
WARNING_COLOURS = {False: ("#fdecea", "#7a1711"), True: ("#4a1d1a", "#ffdad5")}


def groups(features: list[FeatureInfo], labels: dict[str, str]
           ) -> list[tuple[str, list[FeatureInfo]]]:
    """The findings grouped for ticking: the red flags first (never scrolled out of sight),
    then what the patient reports, what is seen, the history (each in the table's order)."""
    titles = {"symptom": "What the patient reports", "sign": "What you see on examination"}
    out: dict[str, list[FeatureInfo]] = {}
    for feature in features:
        if feature.red_flag:
            title = RED_FLAGS
        elif feature.kind in HISTORY_KINDS:
            title = "History and background"
        else:
            title = titles.get(feature.kind, labels.get(feature.kind, feature.kind))
        out.setdefault(title, []).append(feature)
    order = [*titles.values(), "History and background"]
    keys = sorted(out, key=lambda t: (t != RED_FLAGS, order.index(t) if t in order else 9))
    return [(title, out[title]) for title in keys]


class DifferentialWindow(ToolWindow):
    ranked = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None, *,
                 dark: bool = False) -> None:
        super().__init__(parent, TITLE, "differential", dark)
        self.library = library
        self.outcome: DifferentialResult | None = None
        self.pack_id = library.differential_pack().id
        self.features = library.differential_features(self.pack_id)
        self.boxes: dict[str, QCheckBox] = {}

        self.disclaimer = QLabel(self)
        self.disclaimer.setObjectName("learning-aid")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setText("<b>A learning aid, not a diagnosis.</b> It ranks textbook "
                                "pictures by the findings you tick; it cannot examine a "
                                "patient.")

        ticks = QWidget(self)
        ticks_layout = QVBoxLayout(ticks)
        labels = library.type_labels()
        for title, members in groups(self.features, labels):
            box = QGroupBox(("⚠ " if title == RED_FLAGS else "") + title, ticks)
            box.setObjectName(f"group-{title}")
            inner = QVBoxLayout(box)
            for feature in members:
                check = QCheckBox(feature.name, box)
                check.setObjectName(feature.id)
                tip = "A red flag: imaging is needed to exclude a secondary cause. " \
                      if feature.red_flag else ""
                check.setToolTip(tip + feature.id)
                if feature.red_flag:  # bold by its font: a style sheet would fix its colours
                    font = check.font()
                    font.setBold(True)
                    check.setFont(font)
                check.toggled.connect(self.update_ranking)
                inner.addWidget(check)
                self.boxes[feature.id] = check
            ticks_layout.addWidget(box)
        ticks_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("findings")
        scroll.setWidgetResizable(True)
        scroll.setWidget(ticks)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(ticks.sizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 4)
        clear = QPushButton("C&lear ticks", self)
        clear.clicked.connect(self.clear)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Tick what you observe:</b>", left))
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(clear)

        self.view = EntityView(self)
        self.view.setObjectName("ranking")
        self.view.setAccessibleName("Ranked conditions")
        self.view.entity_requested.connect(self.entity_requested)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.disclaimer)
        layout.addWidget(splitter, 1)
        resize_within_screen(self, 1150, 780)
        self.update_ranking()

    def ticked(self) -> list[str]:
        return [f.id for f in self.features if self.boxes[f.id].isChecked()]

    def tick(self, *feature_ids: str, on: bool = True) -> None:
        for feature_id in feature_ids:
            self.boxes[feature_id].setChecked(on)

    def clear(self) -> None:
        for box in self.boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.update_ranking()

    def update_ranking(self) -> None:
        ticked = self.ticked()
        self.outcome = self.library.differential(ticked, self.pack_id) if ticked else None
        self.view.show_page(None, self.html())
        self.ranked.emit()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.view.show_page(None, self.html())

    # -- the ranking as HTML ------------------------------------------------------------

    def html(self) -> str:
        from ..learning import tie_label
        from ..pagestyle import stylesheet

        page_theme = theme.page_theme(self.dark)
        parts = [f"<html><head><style>{stylesheet(page_theme)}</style></head><body>"]
        result = self.outcome
        if result is None:
            parts.append("<p class='muted'>Tick the findings on the left: the conditions "
                         "that fit are ranked here, each with the findings for and against "
                         "it and their sources.</p></body></html>")
            return "".join(parts)
        background, colour = WARNING_COLOURS[self.dark]
        for notice in result.notices:
            if notice.kind == "red-flag":
                parts.append(
                    f"<table width='100%' cellpadding='8' style='background-color:{background};"
                    f" color:{colour};'><tr><td><b>Imaging needed: red flag.</b> "
                    f"{self.library.cited_html(self.pack_id, notice.text)}"
                    "</td></tr></table>")
        for feature_id, note in result.feature_notes:
            parts.append(f"<p class='muted'><b>{escape(self.library.name(feature_id) or '')}"
                         f":</b> {self.library.cited_html(feature_id, note)}</p>")
        if not result.conditions:
            parts.append("<p>No condition in the table is linked to these findings.</p>")
        parts.append("<table cellspacing='0' cellpadding='4' width='100%'>")
        for condition in result.conditions:
            parts.append(self._condition(tie_label(result, condition), condition))
        parts.append("</table></body></html>")
        return "".join(parts)

    def _condition(self, rank: str, condition: RankedCondition) -> str:
        rests = (" <span class='muted'>(rests on expert opinion only)</span>"
                 if condition.rests_on_opinion else "")
        score = (f"<span class='muted'>score {condition.score:+d}: "
                 f"{len(condition.for_links)} for, {len(condition.against_links)} against; "
                 f"sourced {condition.sourced_score:+d}</span>")
        head = (f"<tr><td valign='top' style='font-size:large'><b>{escape(rank)}</b></td>"
                f"<td><span style='font-size:large'><a href='{escape(entity_link(condition.id))}'>"
                f"<b>{escape(condition.name)}</b></a></span> {score}{rests}")
        body = [head]
        for title, links in (("For", condition.for_links),
                             ("Against", condition.against_links)):
            if links:
                body.append(f"<div style='margin-top:4px'><b>{title}:</b></div>"
                            "<ul style='margin-top:0; margin-bottom:0'>")
                body += [self._link(link) for link in links]
                body.append("</ul>")
        body.append("</td></tr>")
        return "".join(body)

    def _link(self, link: LinkView) -> str:
        note = self.library.cited_html(link.feature, link.note) if link.note else ""
        if link.expert_opinion or not link.sources:
            support = " <span class='muted'>[<i>expert opinion</i>]</span>"
        elif "[@" in link.note:
            support = ""  # the note cites its sources in place
        else:
            support = " [" + "; ".join(
                f"<a href='{escape(entity_link(key))}'>{escape(self.library.name(key) or key)}"
                "</a>" for key in link.sources) + "]"
        return (f"<li><a href='{escape(entity_link(link.feature))}'>"
                f"{escape(link.feature_name)}</a>: {note}{support}</li>")

