"""A search that breaks says so (SearchFailed), in the API and in `hfs-kb search`."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import pytest

from hfs_desktop.cli import main
from hfs_desktop.pack import load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.index import SearchFailed, SearchIndex

from .helpers import only


def _broken(*_args: object, **_kwargs: object) -> NoReturn:
    raise RuntimeError("planted\nfailure")


def test_a_broken_search_raises_search_failed(starter_pack: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with open_index(load_pack(starter_pack)) as index:
        assert index.search("botox")  # works before the plant
        monkeypatch.setattr(SearchIndex, "_search", _broken)
        with pytest.raises(SearchFailed, match=r"^search failed: RuntimeError: planted "
                                               r"failure$") as caught:
            index.search("botox")
        assert isinstance(caught.value.__cause__, RuntimeError)
        monkeypatch.setattr(SearchIndex, "_suggest", _broken)
        with pytest.raises(SearchFailed, match="spelling suggestion failed"):
            index.suggest("botx")


def test_hfs_kb_search_reports_the_failure_in_one_line(
        starter_pack: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(SearchIndex, "_search", _broken)
    assert main([*only(starter_pack), "search", "botox", "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("hfs-kb: search failed: RuntimeError: planted failure "
                            "(query 'botox')\n")
    assert "no results" not in captured.err
