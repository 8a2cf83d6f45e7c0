"""Relevance on the bundled HFS pack: what a user types, and what must come first."""

from __future__ import annotations

import pytest

from hfs_desktop.pack import Pack, load_pack
from hfs_desktop.search import SearchIndex, open_index
from hfs_desktop.search.analysis import key


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def index(pack: Pack) -> SearchIndex:
    return open_index(pack)


def _need(pack: Pack, *ids: str) -> None:
    missing = [i for i in ids if i not in pack.entities]
    if missing:
        pytest.skip(f"the bundled pack has no {', '.join(missing)} yet")


TOP = [
    # exact names, aliases, abbreviations, brand names
    ("hemifacial spasm", "hemifacial-spasm"),
    ("HFS", "hemifacial-spasm"),
    ("botox", "botulinum-toxin"),
    ("BoNT", "botulinum-toxin"),
    ("MVD", "microvascular-decompression"),
    ("Jannetta operation", "microvascular-decompression"),
    ("Tegretol", "carbamazepine"),
    ("Keppra", "levetiracetam"),
    ("EMG", "emg-lateral-spread"),
    ("CN VII", "facial-nerve"),
    # punctuation, possessives, case, accents
    ("Bell's palsy", "bells-palsy"),
    ("Bell palsy", "bells-palsy"),
    ("bells palsy", "bells-palsy"),
    ("BELL’S PALSY", "bells-palsy"),
    ("hemi-masticatory spasm", "hemimasticatory-spasm"),
    ("hemimasticatory", "hemimasticatory-spasm"),
    ("post paralytic synkinesis", "post-paralytic-synkinesis"),
    ("hémifacial spasm", "hemifacial-spasm"),
    ("Brissaud disease", "hemifacial-spasm"),
    # misspellings (within two edits)
    ("carbamazapine", "carbamazepine"),
    ("carbamezepine", "carbamazepine"),
    ("gabapentine", "gabapentin"),
    ("gabapentn", "gabapentin"),
    ("levetiracetem", "levetiracetam"),
    ("leviteracetam", "levetiracetam"),
    ("blepharospasmm", "blepharospasm"),
    ("blepherospasm", "blepharospasm"),
    ("hemifacial spasim", "hemifacial-spasm"),
    ("hemifacal spasm", "hemifacial-spasm"),
    ("clonazapam", "clonazepam"),
    ("bacloffen", "baclofen"),
    # lay words
    ("eye twitch", "periocular-onset"),
    ("eyelid twitching", "periocular-onset"),
    ("tiredness", "fatigue"),
    ("deafness", "hearing-loss"),
    ("high blood pressure", "hypertension"),
    ("brain tumor", "intracranial-tumour"),
    ("sleep study", "polysomnography"),
    ("anxiety", "stress"),
    # codes
    ("G51.3", "hemifacial-spasm"),
    ("g51.3", "hemifacial-spasm"),
    ("D019569", "hemifacial-spasm"),
    ("HP:0010828", "hemifacial-spasm"),
    ("8B88.2", "hemifacial-spasm"),
    ("G24.5", "blepharospasm"),
    ("C0278152", "hemifacial-spasm"),
    # prefixes of one to four letters, as typed
    ("h", "hemifacial-spasm"),
    ("he", "hemifacial-spasm"),
    ("hem", "hemifacial-spasm"),
    ("hemi", "hemifacial-spasm"),
    ("bo", "botulinum-toxin"),
    ("bot", "botulinum-toxin"),
    ("mic", "microvascular-decompression"),
    ("carb", "carbamazepine"),
    ("gaba", "gabapentin"),
    ("blep", "blepharospasm"),
    ("myok", "facial-myokymia"),
    ("hemifacial sp", "hemifacial-spasm"),
]


@pytest.mark.parametrize(("text", "expected"), TOP)
def test_top_result(pack: Pack, index: SearchIndex, text: str, expected: str) -> None:
    _need(pack, expected)
    hits = index.search(text, limit=10)
    assert hits, f"{text!r} found nothing"
    assert hits[0].id == expected, f"{text!r}: {[h.id for h in hits[:5]]}"


IN_TOP_FIVE = [
    ("surgery", "claim-surgery-under-40"),
    ("facial weakness", "facial-weakness"),
    ("twitching", "periocular-onset"),
    ("m", "microvascular-decompression"),
    ("c", "chronic-headache"),
    ("bl", "blepharospasm"),
    ("injections", "botulinum-toxin"),
]


@pytest.mark.parametrize(("text", "expected"), IN_TOP_FIVE)
def test_in_top_five(pack: Pack, index: SearchIndex, text: str, expected: str) -> None:
    _need(pack, expected)
    ids = [h.id for h in index.search(text, limit=5)]
    assert expected in ids, f"{text!r}: {ids}"


def test_every_exact_name_or_alias_comes_first(pack: Pack, index: SearchIndex) -> None:
    failures = []
    for entity in pack.entities.values():
        for name in (entity.name, *entity.aliases):
            hits = index.search(name, limit=5)
            if hits and hits[0].id == entity.id:
                continue
            # Two entities may share a name ("hypertension"): either may come first.
            sharing = {other.id for other in pack.entities.values()
                       if any(key(n) == key(name) for n in (other.name, *other.aliases))}
            if not hits or hits[0].id not in sharing:
                failures.append((entity.id, name, [h.id for h in hits[:3]]))
    assert not failures


def test_first_five_letters_put_it_in_the_top_ten(pack: Pack, index: SearchIndex) -> None:
    # Unless ten or more entries have a name or alias that starts the same way (a tie).
    failures = []
    for entity in pack.entities.values():
        start = entity.name[:5].casefold()
        ids = [h.id for h in index.search(entity.name[:5], limit=10)]
        sharing = [other.id for other in pack.entities.values()
                   if any(n.casefold().startswith(start) for n in (other.name, *other.aliases))]
        if entity.id not in ids and len(sharing) < 10:
            failures.append((entity.id, entity.name[:5], ids[:3]))
    assert not failures


def test_matched_reports_the_alias_or_code(index: SearchIndex) -> None:
    assert index.search("botox")[0].matched == "Botox"
    assert index.search("G51.3")[0].matched == "G51.3"
    assert index.search("Hemifacial spasm")[0].matched == "Hemifacial spasm"


def test_snippet_highlights_the_words(index: SearchIndex) -> None:
    hit = next(h for h in index.search("magnesium") if h.id == "vitamins-and-minerals")
    assert "<b>" in hit.snippet_html
    assert "<b>" not in hit.snippet


def test_did_you_mean(index: SearchIndex) -> None:
    assert index.suggest("carbamazapine") == "carbamazepine"
    assert index.suggest("hemifacial spasim") == "hemifacial spasm"
    assert index.suggest("botox") is None
    assert index.suggest("qqqqzzzz") is None


def test_filters(pack: Pack, index: SearchIndex) -> None:
    hits = index.search("spasm", types={"claim"})
    assert hits and {h.type for h in hits} == {"claim"}
    assert all(h.verdict for h in hits)
    levels = {"unproven"}
    hits = index.search("compress", evidence=levels)
    assert hits and all(h.evidence == "unproven" for h in hits)
    assert index.search("botox", types={"condition"}) == []


def test_hyphenated_typing_finds_the_one_word_name(index: SearchIndex) -> None:
    assert index.search("hemi-facial spasm")[0].id == "hemifacial-spasm"
    assert index.search("hemi-masticatory")[0].id == "hemimasticatory-spasm"


def test_entities_outrank_claims_on_equal_matches(index: SearchIndex) -> None:
    assert index.search("surgery")[0].id == "microvascular-decompression"
