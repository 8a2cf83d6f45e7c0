"""Multi-word text, sentences and questions: general ranking properties on small packs built
here (where the exact wording matters), and the examples of issue 8 on the bundled pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.cli import main
from hfs_desktop.pack import Pack, load_pack
from hfs_desktop.search import SearchIndex, open_index

from .search_entities import both_index_paths, make_entity  # noqa: F401
from .search_entities import ids as _ids
from .search_entities import index_of as _index

STARTER = Path(__file__).parent / "packs" / "starter"


pytestmark = pytest.mark.usefixtures("both_index_paths")  # a small index, a large one's path


_entity = make_entity


def test_multi_word_text_finds_entries_holding_only_some_words() -> None:
    index = _index(
        _entity("both", "sign", "Round red patch", "A patch of skin."),
        _entity("red", "sign", "Redness", "The skin turns red."),
        _entity("round", "sign", "Ring", "A round mark."),
        _entity("neither", "sign", "Scale", "Flaking skin."))
    ids = _ids(index, "round red")
    assert ids[0] == "both"
    assert {"red", "round"} <= set(ids)
    assert "neither" not in ids


def test_more_of_the_text_matched_ranks_higher() -> None:
    index = _index(
        _entity("one", "symptom", "Jaw ache", "An ache of the jaw."),
        _entity("three", "symptom", "Clicking", "The jaw clicks and aches when chewing."),
        _entity("two", "symptom", "Chewing trouble", "Chewing is slow."))
    assert _ids(index, "jaw aches when chewing")[:1] == ["three"]


def test_a_sentence_ranks_the_claim_that_paraphrases_it_above_short_names() -> None:
    index = _index(
        _entity("sleep", "symptom", "Sleep", "Rest at night."),
        _entity("spasm", "condition", "Spasm", "A sudden contraction."),
        _entity("claim-sleep", "claim", "Spasms at night",
                statement="The spasms disappear completely during sleep."),
        _entity("claim-stress", "claim", "Stress and spasms",
                statement="The spasms become worse during stress."))
    ids = _ids(index, "the spasm goes away during sleep, disappearing completely")
    assert ids[0] == "claim-sleep"
    assert _ids(index, "spasms disappear during sleep", types={"claim"})[0] == "claim-sleep"


def test_a_negated_sentence_does_not_put_the_opposite_claim_first() -> None:
    index = _index(
        _entity("pain", "symptom", "Facial pain", "Pain in the face."),
        _entity("claim-painless", "claim", "The cramps are painless",
                statement="The cramps do not hurt."),
        _entity("claim-painful", "claim", "Painful cramps",
                statement="The cramps cause severe pain."))
    assert _ids(index, "the cramps do not cause pain")[0] == "claim-painless"
    assert _ids(index, "cramps without pain")[0] == "claim-painless"
    ids = _ids(index, "the cramps cause pain")
    assert ids.index("claim-painful") < ids.index("claim-painless")


def test_an_alias_in_the_text_reaches_entries_naming_the_entity_otherwise() -> None:
    index = _index(
        _entity("toxin", "treatment", "Botulinum toxin", aliases=("botox",)),
        _entity("claim-toxin", "claim", "Injections for the eyelid",
                statement="Botulinum toxin relieves the eyelid spasm."),
        _entity("claim-rest", "claim", "Rest for the eyelid",
                statement="Resting relieves the eyelid spasm."))
    ids = _ids(index, "botox relieves eyelid spasm")
    assert ids.index("claim-toxin") < ids.index("claim-rest")


def test_a_kind_word_brings_in_the_named_entitys_neighbours_of_that_kind() -> None:
    operation = _entity("decompression", "treatment", "Decompression",
                        "An operation on the nerve.", aliases=("nerve operation",))
    linked = [_entity(f"complication-{i}", "complication", name, summary,
                      relations={"complication-of": ("decompression",)})
              for i, (name, summary) in enumerate((("Deafness", "Hearing goes."),
                                                   ("Leak", "Fluid escapes.")))]
    other = _entity("rash", "complication", "Rash", "Skin reaction to a cream.")
    index = _index(operation, *linked, other)
    ids = _ids(index, "operation risks")
    assert {"complication-0", "complication-1"} <= set(ids[:3])
    assert "rash" not in ids[:3]


def test_it_stands_for_the_main_condition_in_a_question() -> None:
    condition = _entity("twitch", "condition", "Twitch disease", "One side of the face jerks.")
    scan = _entity("scan", "diagnostic", "Brain scan", "Pictures of the brain.",
                   relations={"diagnoses": ("twitch",)})
    drug = _entity("drug", "treatment", "Calming drug", "A tablet.",
                   relations={"treats": ("twitch",)})
    other = _entity("blood-test", "diagnostic", "Blood test", "Checks the blood.")
    index = _index(condition, scan, drug, other)
    ids = _ids(index, "how is it diagnosed?")
    assert "scan" in ids[:2] and ids.index("scan") < ids.index("blood-test")


def test_a_typo_in_a_sentence_is_still_corrected() -> None:
    index = _index(
        _entity("toxin", "treatment", "Botulinum toxin", "Injections that weaken muscles."),
        _entity("other", "treatment", "Massage", "Rubbing the muscles."))
    assert _ids(index, "botulinum injections weaken the muscels")[0] == "toxin"


def test_snippets_and_indexed_text_carry_no_citation_markup() -> None:
    index = open_index(load_pack(STARTER))
    for text in ("botox", "decompression surgery", "the operation moves the vessel"):
        for hit in index.search(text):
            assert "[@" not in hit.snippet and "[@" not in hit.snippet_html
    # "jankovic" is written only inside [@wang-jankovic-1998] in the treatments' text.
    assert "botulinum-toxin" not in _ids(index, "jankovic")


@pytest.mark.parametrize("text", [
    "not", "no no no", "it", "it it it risks", "does it", "without", "not not pain",
    "what causes", "risks", "the the the", "is it dangerous?", "don't", "non", "-less",
    "painless painless", "why " * 40, "it causes risks " * 10, "does it hurt?", "it?",
    "how is it diagnosed", "?", "is it not not"])
def test_odd_sentences_never_raise(text: str) -> None:
    index = open_index(load_pack(STARTER))
    assert isinstance(index.search(text), list)
    assert isinstance(index.search(text, types={"claim"}), list)


# -- the examples of issue 8, on the bundled pack ------------------------------------------

@pytest.fixture(scope="module")
def bundled() -> tuple[Pack, SearchIndex]:
    pack = load_pack()
    return pack, open_index(pack)


def _need(pack: Pack, *ids: str) -> None:
    missing = [i for i in ids if i not in pack.entities]
    if missing:
        pytest.skip(f"the bundled pack has no {', '.join(missing)}")


def test_surgery_risks_lists_complications_of_mvd(bundled: tuple[Pack, SearchIndex]) -> None:
    pack, index = bundled
    _need(pack, "microvascular-decompression")
    hits = index.search("surgery risks", limit=10)
    of_mvd = [h.id for h in hits if h.type == "complication" and "microvascular-decompression"
              in pack.entities[h.id].relations.get("complication-of", ())]
    assert len(of_mvd) >= 3, [h.id for h in hits]


def test_eyebrow_sentence_finds_the_sign(bundled: tuple[Pack, SearchIndex]) -> None:
    pack, index = bundled
    _need(pack, "other-babinski-sign")
    ids = _ids(index, "eyebrow rises when the eye closes", limit=10)
    assert "other-babinski-sign" in ids


def test_hearing_loss_after_surgery_finds_the_complication(
        bundled: tuple[Pack, SearchIndex]) -> None:
    pack, index = bundled
    _need(pack, "hearing-loss")
    assert "hearing-loss" in _ids(index, "hearing loss after surgery", limit=10)


def test_painless_claim_first_from_the_command_line(
        bundled: tuple[Pack, SearchIndex], capsys: pytest.CaptureFixture[str]) -> None:
    pack, _ = bundled
    _need(pack, "claim-painless")
    assert main(["search", "--no-cache", "--json", "the cramps do not cause pain",
                 "--type", "claim"]) == 0
    import json

    results = json.loads(capsys.readouterr().out)
    assert results[0]["id"] == "hfs/claim-painless"
