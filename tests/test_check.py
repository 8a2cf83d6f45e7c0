"""The article checker's core: statements, negation, non-medical lines, report data."""

from __future__ import annotations

import json

import pytest

from hfs_desktop.check import THRESHOLD, ArticleChecker
from hfs_desktop.check.report import summarise, to_html, to_plain, to_text
from hfs_desktop.check.sentences import html_to_text, sentences, split_statements
from hfs_desktop.pack import Pack, load_pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def checker(pack: Pack) -> ArticleChecker:
    return ArticleChecker(pack)


# --- splitting ----------------------------------------------------------------------------

def test_list_items_keep_their_lead_in() -> None:
    text = ("Facial hemispasm usually develops against the background of:\n"
            "- multiple sclerosis;\n* hard drug use\n1. tumours in the brain stem.\n"
            "2) injuries of the brain\n\nAfter the list, a sentence.")
    got = split_statements(text)
    assert [s.text for s in got] == ["multiple sclerosis;", "hard drug use",
                                     "tumours in the brain stem.", "injuries of the brain",
                                     "After the list, a sentence."]
    lead = "Facial hemispasm usually develops against the background of:"
    assert all(s.lead_in == lead for s in got[:4])
    assert got[0].full == f"{lead} multiple sclerosis;"
    assert got[4].lead_in == ""


def test_a_lead_in_alone_is_no_statement() -> None:
    got = split_statements("The risk is higher in:\n- the elderly\n- women after menopause\n")
    assert len(got) == 2
    assert "The risk is higher in:" not in [s.text for s in got]


def test_abbreviations_initials_and_numbers_do_not_end_a_sentence() -> None:
    text = ("Dr. Petrova saw him at 9 a.m. on Monday. J. Smith et al. found 2.5 mg helps, "
            "e.g. in adults. Is it rare? Yes! It is.")
    assert sentences(text) == [
        "Dr. Petrova saw him at 9 a.m. on Monday.",
        "J. Smith et al. found 2.5 mg helps, e.g. in adults.",
        "Is it rare?", "Yes!", "It is."]


def test_headings_stand_alone() -> None:
    got = split_statements("Facial hemispasm: symptoms\n\nThe spasm starts at the eye.\n"
                           "Diagnostic measures\nThe doctor examines the face.")
    assert [(s.text, s.heading) for s in got] == [
        ("Facial hemispasm: symptoms", True), ("The spasm starts at the eye.", False),
        ("Diagnostic measures", True), ("The doctor examines the face.", False)]


def test_a_wrapped_sentence_is_joined() -> None:
    got = split_statements("Hemifacial spasm is a disorder in which the\nmuscles of one side "
                           "twitch.")
    assert [s.text for s in got] == [
        "Hemifacial spasm is a disorder in which the muscles of one side twitch."]


def test_html_markup_is_removed() -> None:
    markup = ("<html><head><title>x</title><style>p {color: red}</style></head><body>"
              "<h1>Facial spasm</h1><p>Botox &amp; surgery help.<br>Second line.</p>"
              "<p>Typical signs are:</p><ul><li>twitching around the eye</li>"
              "<li>the eyebrow <b>goes up</b></li></ul><script>alert(1)</script></body></html>")
    assert html_to_text(markup) == ("Facial spasm\n\nBotox & surgery help.\nSecond line.\n\n"
                                     "Typical signs are:\n\n- twitching around the eye\n"
                                     "- the eyebrow goes up")
    got = split_statements(markup)
    assert [s.text for s in got] == ["Facial spasm", "Botox & surgery help.", "Second line.",
                                     "twitching around the eye", "the eyebrow goes up"]
    assert got[0].heading
    assert got[3].lead_in == "Typical signs are:"


# --- matching and negation ----------------------------------------------------------------

def _one(checker: ArticleChecker, sentence: str) -> tuple[str | None, bool]:
    [result] = checker.check(sentence)
    return (result.claim.id if result.claim else None), result.negated


@pytest.mark.parametrize(("sentence", "claim"), [
    ("Botulinum toxin does not help hemifacial spasm.", "claim-botox-symptomatic"),
    ("Garlic compresses do nothing for facial spasm.", "claim-lemon-garlic-effective"),
    ("There is no evidence that onion poultices help hemifacial spasm.",
     "claim-white-onion"),
    ("The spasms stop completely during sleep.", "claim-spasms-in-sleep"),
    ("Hemifacial spasm is a rare condition.", "claim-fairly-common"),
    ("Be wary of anyone who promises that acupressure will ease the condition.",
     "claim-acupressure"),
])
def test_denials_are_never_shown_as_agreeing(checker: ArticleChecker, sentence: str,
                                             claim: str) -> None:
    assert _one(checker, sentence) == (claim, True)


@pytest.mark.parametrize(("sentence", "claim"), [
    ("The spasms don't stop at night when the patient sleeps.", "claim-spasms-in-sleep"),
    ("Such cramps do not cause pain.", "claim-painless"),
    ("Folk remedies won't cure it, but they can make life easier.", "claim-folk-not-cure"),
    ("Botulinum toxin is often used today for the symptomatic treatment of hemificial "
     "spasm.", "claim-botox-symptomatic"),
])
def test_negative_wording_that_agrees_is_not_negated(checker: ArticleChecker, sentence: str,
                                                     claim: str) -> None:
    assert _one(checker, sentence) == (claim, False)


def test_a_warning_lead_in_reaches_every_item(checker: ArticleChecker) -> None:
    results = checker.check("Do not rely on any of the following, none of which has been "
                            "shown to work:\n- onion poultices\n- geranium leaves\n")
    assert [(r.claim and r.claim.id, r.negated) for r in results] == [
        ("claim-white-onion", True), ("claim-geranium-leaves", True)]


@pytest.mark.parametrize("line", [
    "Opening hours: Monday to Friday 9:00-20:00, Saturday 10:00-16:00.",
    "Phone: +7 812 555 01 23.",
    "Share this article with your friends.",
    "Treatment of facial hemispasm with folk remedies",
    "Parking is free for patients.",
])
def test_lines_that_state_nothing_medical_match_nothing(checker: ArticleChecker,
                                                        line: str) -> None:
    [result] = checker.check(line)
    assert result.claim is None
    assert result.verdict is None
    assert result.match.score < THRESHOLD


def test_the_judgement_of_a_denial_follows_the_claims_verdict(checker: ArticleChecker) -> None:
    [wrong] = checker.check("Botulinum toxin does not help hemifacial spasm.")
    assert wrong.verdict == "supported"
    assert "wrong" in wrong.judgement
    [right] = checker.check("Hemifacial spasm does not appear suddenly overnight.")
    if right.claim is not None and right.claim.id == "claim-lightning-onset":
        assert right.negated
        assert "in line with the pack" in right.judgement


@pytest.mark.parametrize("sentence", [
    "In trigeminal neuralgia, too, a blood vessel often presses on a nerve near the "
    "brainstem.",
    "Blepharospasm makes both eyes close.",
])
def test_another_disorder_in_the_same_words_matches_nothing(checker: ArticleChecker,
                                                             sentence: str) -> None:
    """A disorder the pack does not know (named by its ending: -algia, -itis, -osis...) or
    a condition no claim is about: the sentence speaks of something else."""
    [result] = checker.check(sentence)
    assert result.claim is None


def test_a_name_inside_a_longer_name_is_not_read_alone(pack: Pack) -> None:
    """"traditional medicine" names folk remedies, not medicines."""
    from hfs_desktop.check.features import Featurizer

    feats = Featurizer(pack).features("Traditional medicine will not cure the disease.")
    assert "@folk-remedies" in feats
    assert "@oral-drug-therapy" not in feats


def test_a_list_states_a_claim_together(checker: ArticleChecker) -> None:
    """One brand name per item says too little alone, even with the lead-in; the list
    says the claim, and each item about it is shown with it."""
    lead_in = "Our neurologists often prescribe:"
    alone = checker.matcher.match("Neurontin", lead_in)
    assert alone.claim is None or alone.claim.id != "claim-named-drugs"
    results = checker.check(f"{lead_in}\n- Neurontin\n- Lioresal\n- Klonopin\n")
    assert [r.claim and r.claim.id for r in results] == ["claim-named-drugs"] * 3
    assert not any(r.negated for r in results)
    # the list's other claims are not each item's
    assert all(r.further == () and r.match.others == () for r in results)


# --- statements that make several claims ---------------------------------------------------

def _claims(checker: ArticleChecker, sentence: str) -> list[tuple[str | None, bool]]:
    [result] = checker.check(sentence)
    return [((r.claim.id if r.claim else None), r.negated) for r in (result, *result.further)]


def test_a_statement_about_two_groups_makes_both_claims(checker: ArticleChecker) -> None:
    got = _claims(checker, "Older people and women after the change of life are affected "
                           "more often.")
    assert sorted(got) == [("claim-elderly", False), ("claim-postmenopausal-women", False)]


def test_each_further_claim_has_its_own_polarity(checker: ArticleChecker) -> None:
    got = _claims(checker, "Hemifacial spasm is painless, and the spasms stop during sleep.")
    assert sorted(got) == [("claim-painless", False), ("claim-spasms-in-sleep", True)]


def test_a_claim_said_in_full_makes_no_further_claim(checker: ArticleChecker) -> None:
    """Other claims close to the same words are other readings (`others`), not further
    claims."""
    [result] = checker.check("Botulinum toxin injections are now widely used to treat the "
                             "symptoms.")
    assert result.claim is not None and result.claim.id == "claim-botox-symptomatic"
    assert result.further == ()


def test_further_claims_reach_the_report(pack: Pack, checker: ArticleChecker) -> None:
    text = "Acupressure is recommended, and geranium leaves pressed on the face ease " \
           "painful spasms."
    results = checker.check(text)
    [data] = [to_plain(pack, r) for r in results]
    json.dumps(data)
    further = {item["claim"]: item for item in data["further_claims"]}
    main = data["claim"]
    assert {main, *further} == {"claim-acupressure", "claim-geranium-leaves"}
    for item in further.values():
        assert list(item)[:4] == ["claim", "verdict", "negated", "score"]
        assert item["verdict"] == pack.entities[item["claim"]].verdict
        assert item["claim"] not in data["also_matches"]
    summary = summarise(pack, results)
    assert {e.id for e in summary.unproven_recommended} == {"acupressure", "geranium-leaves"}
    assert sum(summary.agreeing.values()) == 1
    assert sum(summary.further_agreeing.values()) == 1
    text_report = to_text(pack, results)
    assert "    -> and " in text_report
    assert "Further claims of statements that make several: 1" in text_report
    page = to_html(pack, results)
    assert "Also states:" in page
    assert page.count("Pack's rationale:") == 2


# --- report -------------------------------------------------------------------------------

ARTICLE = """Check of a leaflet

Botulinum toxin injections are now widely used to treat the symptoms.
Garlic compresses do nothing for facial spasm.
Call us on 555 01 23.

Patients are advised to try:
- ozocerite applications;
- acupressure.
"""


def test_json_objects_carry_the_five_keys(pack: Pack, checker: ArticleChecker) -> None:
    data = [to_plain(pack, r) for r in checker.check(ARTICLE)]
    json.dumps(data)
    for item in data:
        assert list(item)[:5] == ["sentence", "claim", "verdict", "negated", "score"]
        assert isinstance(item["sentence"], str)
        assert item["claim"] is None or item["claim"] in pack.entities
        assert isinstance(item["negated"], bool)
        assert 0.0 <= item["score"] <= 1.0
        assert (item["claim"] is None) == (item["verdict"] is None)
    assert data[-1]["sentence"] == "Patients are advised to try: acupressure."
    assert data[-1]["lead_in"] == "Patients are advised to try:"


def test_summary_counts_and_unproven_treatments(pack: Pack, checker: ArticleChecker) -> None:
    results = checker.check(ARTICLE)
    summary = summarise(pack, results)
    assert summary.headings == 1
    assert summary.agreeing["supported"] == 1
    assert summary.opposite["unverified"] == 1
    assert summary.unmatched == 1
    assert [e.id for e in summary.unproven_recommended] == ["ozocerite", "acupressure"]
    assert [e.id for e in summary.unproven_warned_against] == ["lemon-garlic-compress"]
    assert set(summary.agreeing) >= {"supported", "partly-supported", "unsupported",
                                     "contradicted", "unverified"}


def test_text_and_html_reports(pack: Pack, checker: ArticleChecker) -> None:
    results = checker.check(ARTICLE + "\n<script>x</script> & more.")
    text = to_text(pack, results)
    assert "STATES THE OPPOSITE of: A lemon and garlic compress works" in text
    assert "Unproven treatments the text recommends: Ozocerite applications, Acupressure" \
        in text
    page = to_html(pack, results, "Leaflet <1>")
    assert "<script>x" not in page
    assert "Leaflet &lt;1&gt;" in page
    assert "states the opposite" in page
