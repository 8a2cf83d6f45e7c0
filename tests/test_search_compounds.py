"""A typed word meets a name word built from a medical combining form before it
("facial" -> "Hemifacial", search/combining.py): on small packs built here (both index
paths), then the bundled pack's main condition."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.pack import Pack, load_pack
from hfs_desktop.search import SearchIndex, open_index
from hfs_desktop.search import query as q
from hfs_desktop.search.combining import Compounds, joined, rests

from .search_entities import both_index_paths  # noqa: F401
from .search_entities import ids as _ids
from .search_entities import index_of as _index
from .search_entities import make_entity as _entity

STARTER = Path(__file__).parent / "packs" / "starter"


pytestmark = pytest.mark.usefixtures("both_index_paths")  # a small index, a large one's path


@pytest.fixture(scope="module")
def tongue() -> SearchIndex:
    """A condition named with a compound its text never writes apart, and entries naming
    both words whole."""
    return _index(
        _entity("hemilingual", "condition", "Hemilingual tremor",
                "One side of the tongue shakes at rest."),
        _entity("flag", "sign", "Red flag: lingual numbness with the tremor",
                "Numbness calls for imaging."),
        _entity("functional", "condition", "Functional lingual tremor",
                "A tremor of functional origin."),
        _entity("nerve", "anatomy", "Lingual nerve", "The nerve of the tongue."),
        _entity("repair", "treatment", "Microsurgical nerve repair",
                "Joining the cut ends of a nerve under the microscope."),
        _entity("clip", "treatment", "Microvascular clip", "A small clip on a vessel."),
        _entity("band", "treatment", "Band for vascular ends", "A band on a vessel."),
        _entity("glossodynia", "symptom", "Glossodynia", "A burning feeling in the mouth."))


def test_a_word_behind_a_combining_form_counts_as_a_name_word() -> None:
    assert "facial" in rests("hemifacial")
    assert set(rests("neuromicrovascular")) >= {"microvascular", "vascular"}
    assert rests("prefer") == () and rests("spasm") == ()  # too short, or no form
    assert "hemifacial" in joined("facial") and joined("arm") == ()
    assert set(rests("blepharospasm")) == {"spasm", "eyelid"}  # a body part's plain word
    assert Compounds(["hemifacial", "facial", "microvascular"])("facial") == ("hemifacial",)
    assert Compounds(["blepharospasm"])("eyelid") == ("blepharospasm",)
    words, _, _ = q._name_words("Hemi-facial spasm")
    assert {"hemifacial", "facial", "spasm"} <= words


def test_the_compound_name_ranks_in_the_name_tier(tongue: SearchIndex) -> None:
    hits = tongue.search("lingual tremor")
    ranks = {hit.id: i for i, hit in enumerate(hits)}
    assert "hemilingual" in ranks
    assert int(hits[ranks["hemilingual"]].score) == q.NAME_WORDS
    assert ranks["hemilingual"] < ranks.get("nerve", len(hits))  # above a text match


def test_the_compound_alone_is_found_through_the_index(tongue: SearchIndex) -> None:
    # "surgical" is nowhere in the text: only the name word "microsurgical" holds it.
    assert _ids(tongue, "surgical repair")[0] == "repair"
    assert _ids(tongue, "surgical")[0] == "repair"


def test_a_body_part_form_counts_as_its_plain_word(tongue: SearchIndex) -> None:
    hits = tongue.search("tongue")
    assert hits[0].id == "glossodynia" and int(hits[0].score) == q.NAME_WORDS


def test_a_whole_word_ranks_before_the_same_word_behind_a_form(tongue: SearchIndex) -> None:
    ids = _ids(tongue, "vascular")
    assert ids[:2] == ["band", "clip"]


# -- the bundled pack ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled() -> tuple[Pack, SearchIndex]:
    pack = load_pack()
    missing = [i for i in ("hemifacial-spasm", "microvascular-decompression", "blepharospasm")
               if i not in pack.entities]
    if missing:
        pytest.skip(f"the bundled pack has no {', '.join(missing)}")
    return pack, open_index(pack)


def test_facial_spasm_finds_hemifacial_spasm(bundled: tuple[Pack, SearchIndex]) -> None:
    _, index = bundled
    assert "hemifacial-spasm" in _ids(index, "facial spasm")[:3]


def test_vascular_decompression_finds_microvascular_decompression(
        bundled: tuple[Pack, SearchIndex]) -> None:
    _, index = bundled
    assert _ids(index, "vascular decompression")[0] == "microvascular-decompression"


def test_eyelid_spasm_finds_blepharospasm(bundled: tuple[Pack, SearchIndex]) -> None:
    _, index = bundled
    assert _ids(index, "eyelid spasm")[0] == "blepharospasm"
