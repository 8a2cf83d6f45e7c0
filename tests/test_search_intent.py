"""What a query asks beyond its words (search/intent.py): a kind of entry, lay words, a
direction. General properties on small packs built here, then the auditor's examples of
issue 8 on the bundled pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.pack import Entity, Evidence, Pack, load_pack
from hfs_desktop.pack.model import DEFAULT_ENTITY_TYPES, EntityType
from hfs_desktop.search import SearchIndex, open_index
from hfs_desktop.search.analysis import stem
from hfs_desktop.search.kinds import ASKS, NAMES_PART, KindCues
from hfs_desktop.search.lay import equivalents

from .search_entities import both_index_paths, make_entity  # noqa: F401
from .search_entities import ids as _ids
from .search_entities import index_of as _index

STARTER = Path(__file__).parent / "packs" / "starter"


pytestmark = pytest.mark.usefixtures("both_index_paths")  # a small index, a large one's path


_entity = make_entity


def _treatment(entity_id: str, name: str, summary: str, level: str) -> Entity:
    return _entity(entity_id, "treatment", name, summary,
                   recommendation=Evidence(level), relations={"treats": ("twitch",)})


def _treatments() -> list[Entity]:
    return [
        _entity("twitch", "condition", "Twitch disease", "One side of the face jerks."),
        _treatment("folk", "Onion compress", "A folk remedy for twitch disease.",
                   "not-recommended"),
        _treatment("tablet", "Calming drug", "A medication for twitch disease.",
                   "may-be-tried"),
        _treatment("injection", "Nerve injection", "Injections for twitch disease.",
                   "first-line"),
        _treatment("operation", "Nerve operation", "Surgery for twitch disease.",
                   "selected-patients"),
        _entity("long-course", "course", "Years of treatment", "How treatment goes on."),
        _entity("paper", "source", "Treatment of twitch disease: a review",
                "A review of the treatment of twitch disease."),
    ]


# -- kinds of entry ------------------------------------------------------------------------

def test_a_word_asking_for_a_kind_lists_that_kind_strongest_first() -> None:
    index = _index(*_treatments())
    for text in ("treatment", "best treatments", "treatments for twitch disease"):
        ids = _ids(index, text)
        assert ids[:4] == ["injection", "operation", "tablet", "folk"], (text, ids)


def test_a_name_starting_with_the_kind_word_takes_its_place_among_the_kind() -> None:
    # "treatment" asks for treatments: one named "Treatment of ..." is no better an answer
    # than the others, so the strongest come first; typing more of its name finds it.
    index = _index(*_treatments(), _treatment(
        "tumour", "Treatment of the nerve tumour", "Removing a tumour that presses on the "
        "nerve.", "selected-patients"))
    for text in ("treatment", "treatments", "best treatment", "treatment of"):
        ids = _ids(index, text)
        assert ids[0] == "injection" and ids.index("tumour") < 5, (text, ids)
    assert _ids(index, "treatment of the nerve tum")[0] == "tumour"


def test_a_source_or_an_entry_holding_the_word_does_not_outrank_the_kind() -> None:
    ids = _ids(_index(*_treatments()), "treatments for twitch disease")
    assert ids.index("paper") > ids.index("folk") and ids.index("long-course") > 3


def test_a_lay_word_for_part_of_a_kind_finds_that_part_first() -> None:
    index = _index(*_treatments())
    assert _ids(index, "pills for twitch disease")[0] == "tablet"
    assert _ids(index, "pills")[0] == "tablet"


def test_a_kind_word_in_a_qualifying_phrase_does_not_ask_for_the_kind() -> None:
    index = _index(
        _entity("deafness", "complication", "Hearing loss after the nerve operation",
                "Hearing may go after the operation.",
                relations={"complication-of": ("operation",)}),
        *_treatments())
    assert _ids(index, "hearing loss after surgery")[0] == "deafness"


def test_the_kinds_are_the_packs_own() -> None:
    types = {"med": EntityType("med", "Medication", "Medications", "#123456"),
             "place": EntityType("place", "Place", "Places", "#654321")}
    index = _index(_entity("calmol", "med", "Calmol", "Taken for twitching."),
                   _entity("clinic", "place", "Room for medications", "Where medications are."),
                   types=types)
    assert _ids(index, "medications")[0] == "calmol"


def test_kind_cues_come_from_labels_and_the_lay_vocabulary() -> None:
    cues = KindCues(DEFAULT_ENTITY_TYPES.values())
    folded = ["pills", "for", "risks", "of", "surgery"]
    found = cues.find(folded, [stem(w) for w in folded])
    assert found[0].types == ("treatment",) and found[0].credit == NAMES_PART
    assert 2 not in found and 4 not in found  # after "for": qualifying, not asking
    folded = ["risk", "factors"]
    found = cues.find(folded, [stem(w) for w in folded])
    assert found[0].types == found[1].types == ("risk-factor",)
    assert found[0].credit == ASKS
    assert KindCues([EntityType("gene", "Gene", "Genes", "#000000")]).find(
        ["pills"], ["pill"]) == {}  # no kind of that label: the lay word asks for nothing


# -- lay words -----------------------------------------------------------------------------

def test_lay_equivalents_come_from_the_checkers_thesaurus() -> None:
    from hfs_desktop import thesaurus
    from hfs_desktop.check import thesaurus as checker

    assert checker.GROUPS is thesaurus.GROUPS
    asleep, = equivalents(("asleep",))
    assert "sleep" in asleep
    night = equivalents(("twitching", "at", "night"))[2]
    assert "sleep" in night


def test_a_lay_word_the_pack_lacks_finds_its_equivalent() -> None:
    index = _index(
        _entity("nocturnal", "symptom", "Spasms continue during sleep", "They go on."),
        _entity("daytime", "symptom", "Spasms during the day", "They come in the day."))
    assert _ids(index, "does the spasm stop when asleep")[0] == "nocturnal"


# -- directions ----------------------------------------------------------------------------

def test_a_name_stating_the_opposite_direction_ranks_below() -> None:
    index = _index(
        _entity("down", "sign", "Eyebrow drawn down as the eye closes", "Brow goes down."),
        _entity("up", "sign", "Eyebrow raised on eye closure", "Brow goes up."))
    assert _ids(index, "eyebrow rises when the eye closes")[0] == "up"
    assert _ids(index, "eyebrow lowered when the eye closes")[0] == "down"
    assert _ids(index, "eyebrow when the eye closes")  # no direction: both, unharmed


# -- the auditor's examples, on the bundled pack -------------------------------------------

@pytest.fixture(scope="module")
def bundled() -> tuple[Pack, SearchIndex]:
    pack = load_pack()
    return pack, open_index(pack)


def _need(pack: Pack, *ids: str) -> None:
    missing = [i for i in ids if i not in pack.entities]
    if missing:
        pytest.skip(f"the bundled pack has no {', '.join(missing)}")


def test_treatment_lists_the_strongest_treatments_first(
        bundled: tuple[Pack, SearchIndex]) -> None:
    pack, index = bundled
    _need(pack, "botulinum-toxin", "microvascular-decompression")
    for text in ("treatment", "best treatment", "treatments for hemifacial spasm"):
        hits = index.search(text, limit=10)
        assert {"botulinum-toxin", "microvascular-decompression"} <= {h.id for h in hits[:3]}
        assert all(h.type == "treatment" for h in hits[:5]), text


def test_the_opposite_babinski_sign_is_not_taken_for_it(
        bundled: tuple[Pack, SearchIndex]) -> None:
    pack, index = bundled
    _need(pack, "other-babinski-sign", "brow-lowered-on-eye-closure")
    ids = [h.id for h in index.search("eyebrow rises when the eye closes", limit=10)]
    assert "other-babinski-sign" in ids[:3] and "brow-lowered-on-eye-closure" not in ids


def test_asleep_reaches_the_sleep_entries(bundled: tuple[Pack, SearchIndex]) -> None:
    pack, index = bundled
    _need(pack, "spasms-during-sleep")
    ids = [h.id for h in index.search("does the spasm stop when asleep", limit=10)]
    assert "spasms-during-sleep" in ids[:2]
