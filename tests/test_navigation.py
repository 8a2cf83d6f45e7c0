"""Navigation (no Qt): history with each page's scroll, recent pages, bookmarks, saving."""

from __future__ import annotations

import json
from pathlib import Path

from hfs_desktop.navigation import Bookmarks, History, Navigation, RecentPages
from hfs_desktop.statefile import read_json, write_json


def test_back_and_forward_keep_each_pages_scroll_position() -> None:
    history = History()
    history.visit("a")
    history.set_scroll(120)
    history.visit("b")
    assert history.scroll == 0  # a page just opened starts at the top
    history.set_scroll(900)
    assert history.back() == "a" and history.scroll == 120
    assert history.forward() == "b" and history.scroll == 900
    assert history.forward() is None and history.current == "b"


def test_a_new_page_after_going_back_drops_the_forward_pages() -> None:
    history = History()
    for page in ("a", "b", "c"):
        history.visit(page)
    history.back()
    history.visit("d")
    assert not history.can_forward()
    assert [page for _pos, page in history.trail()] == ["a", "b", "d"]
    history.visit("d")  # the same page again is no new step
    assert [page for _pos, page in history.trail()] == ["a", "b", "d"]


def test_trail_is_the_last_steps_and_go_to_jumps(tmp_path: Path) -> None:
    history = History()
    for i in range(10):
        history.visit(f"p{i}")
    trail = history.trail(limit=3)
    assert trail == [(7, "p7"), (8, "p8"), (9, "p9")]
    assert history.go_to(7) == "p7" and history.can_forward()
    assert history.go_to(99) is None and history.current == "p7"


def test_a_page_opened_is_on_disk_at_once(tmp_path: Path) -> None:
    nav = Navigation(tmp_path)
    nav.open("hemifacial-spasm")
    nav.open("botulinum-toxin")
    on_disk = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))
    assert on_disk == ["botulinum-toxin", "hemifacial-spasm"]
    nav.back()  # going back makes that page the most recent one
    assert RecentPages(tmp_path).ids() == ["hemifacial-spasm", "botulinum-toxin"]
    assert nav.current == "hemifacial-spasm"


def test_bookmarks_saved_on_change(tmp_path: Path) -> None:
    marks = Bookmarks(tmp_path)
    assert marks.add("a", "Page A") and not marks.add("a", "Page A")
    assert marks.add("b", "Page B")
    assert Bookmarks(tmp_path).ids() == ["a", "b"]
    assert marks.remove("a") and not marks.remove("a")
    assert [(b.id, b.name) for b in Bookmarks(tmp_path)] == [("b", "Page B")]


def test_clear_forgets_history_recent_pages_and_bookmarks(tmp_path: Path) -> None:
    nav = Navigation(tmp_path)
    for page in ("a", "b"):
        nav.open(page)
    nav.bookmarks.add("a", "A")
    nav.clear()
    assert nav.current is None and not nav.history.can_back()
    fresh = Navigation(tmp_path)
    assert fresh.recent.ids() == [] and fresh.bookmarks.ids() == []


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "state" / "data.json"
    assert write_json(path, {"a": 1}) == ""
    assert write_json(path, {"a": 2}) == ""
    assert read_json(path, None) == {"a": 2}
    assert [p.name for p in path.parent.iterdir()] == ["data.json"]


def test_a_failed_save_says_which_file_and_loses_nothing_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    nav = Navigation(blocker)  # the data "folder" is a file: nothing can be written there
    nav.open("a")
    error = nav.take_error()
    assert "history.json" in error and "could not save" in error
    assert nav.take_error() == ""  # reported once
    assert nav.recent.ids() == ["a"] and nav.current == "a"


def test_unreadable_files_start_empty(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_text("{broken", encoding="utf-8")
    (tmp_path / "bookmarks.json").write_text('{"not": "a list"}', encoding="utf-8")
    nav = Navigation(tmp_path)
    assert nav.recent.ids() == [] and nav.bookmarks.ids() == []
