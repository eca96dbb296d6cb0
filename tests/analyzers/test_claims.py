"""The claim scorer's contract, the shipped model, kinds and the operating point, on sentences
written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analyzers import document_from_text
from analyzers.rules import claim_model
from analyzers.rules.claim_features import sentence_terms
from analyzers.rules.claims import ClaimCandidate, claims_from_doc, listed
from analyzers.rules.pipeline import analyze

FIXTURE = Path(__file__).parent / "data" / "claim_scores.json"

PARAGRAPH = ("The council spent $3.1 million on the stadium in 2021. I think the mayor is a decent "
             "person. Crime fell faster in the north than in the south. What a lovely morning it is "
             "for a walk by the river. The flood was caused by a blocked drain under Mill Street.")


def test_inference_matches_scikit_learn(nlp):
    """The numpy scorer reproduces the training script's own scikit-learn scores."""
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(expected) >= 10
    model = claim_model.load()
    for row in expected:
        got = model.score(sentence_terms(nlp(row["text"])[:]))
        assert got == pytest.approx(row["score"], abs=1e-5), row["text"]


def test_the_fast_scorer_gives_the_same_number_to_the_bit(nlp, seed_doc):
    """claims_from_doc scores a word at a time (sentence_score); the sum must add up exactly as
    the term-list scorer adds it, or a listing could change on a tie."""
    from analyzers.rules.claim_features import sentence_score
    from analyzers.rules.claim_rules import sentence_features

    model = claim_model.load()
    sents = [s for d in nlp.pipe([seed_doc.text, PARAGRAPH]) for s in d.sents]
    assert len(sents) > 30
    for s in sents * 2:  # the second time round, every word comes from the cache
        feats = sentence_features(s)
        assert sentence_score(model, s, feats) == model.score(sentence_terms(s, feats)), s.text


def test_artefact_is_plain_arrays_and_small():
    assert claim_model.MODEL_FILE.stat().st_size < 5_000_000
    with np.load(claim_model.MODEL_FILE, allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)
    readme = (claim_model.MODEL_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "train.py" in readme and "--seed" in readme


def test_scores_in_unit_interval_stable_and_explained(nlp):
    doc = nlp(PARAGRAPH)
    first = claims_from_doc(doc, 100, [])
    again = claims_from_doc(nlp(PARAGRAPH), 100, [])
    assert first == again
    assert len(first) == 5
    assert [c.start for c in first] == sorted(c.start for c in first)
    assert all(0.0 <= c.score <= 1.0 for c in first)
    assert all(PARAGRAPH[c.start - 100:c.end - 100].strip() for c in first)
    by_text = {PARAGRAPH[c.start - 100:c.end - 100]: c for c in first}
    money = by_text["The council spent $3.1 million on the stadium in 2021."]
    assert {"statistic", "date"} <= set(money.reasons)
    opinion = by_text["I think the mayor is a decent person."]
    scene = by_text["What a lovely morning it is for a walk by the river."]
    assert money.score > 0.5 > opinion.score
    assert money.score > scene.score


@pytest.mark.parametrize("text,kind", [
    ("Unemployment in the region reached 8 percent in March.", "statistic"),
    ("The new plant produces more steel than any other plant in Europe.", "comparison"),
    ("The outbreak was caused by contaminated water from the old reservoir.", "causal"),
    ("The new rail line will open to passengers in the spring.", "prediction"),
    ("The senator voted against the farm bill in the committee.", "fact"),
])
def test_kinds(nlp, text, kind):
    (c,) = claims_from_doc(nlp(text), 0, [])
    assert c.kind == kind, (c.kind, c.reasons)


def test_attributed_sentence_is_a_quote_claim(nlp):
    text = "The minister said the ferry company had broken its contract with the island."
    (c,) = claims_from_doc(nlp(text), 0, [(0, len(text))])
    assert c.kind == "quote_claim" and "attributed" in c.reasons
    (plain,) = claims_from_doc(nlp(text), 0, [])
    assert plain.score == c.score  # attribution explains; it does not move the score


def test_since_a_year_is_not_causal(nlp):
    (c,) = claims_from_doc(nlp("The town has held the festival every summer since 1950."), 0, [])
    assert "causal claim" not in c.reasons


def _cand(start: int, score: float) -> ClaimCandidate:
    return ClaimCandidate(start, start + 10, score, ())


def test_operating_point_threshold_and_share():
    cands = [_cand(i * 20, s) for i, s in enumerate([0.9, 0.2, 0.95, 0.6, 0.7, 0.1, 0.65, 0.8, 0.3, 0.5])]
    got = listed(cands, threshold=0.55, max_share=0.3)
    assert [c.score for c in got] == [0.9, 0.95, 0.8]           # top 3 of 10, in text order
    assert [c.score for c in listed(cands, threshold=0.85, max_share=0.5)] == [0.9, 0.95]
    assert listed([], threshold=0.5, max_share=0.3) == []
    ties = [_cand(i * 20, 0.7) for i in range(6)]
    assert [c.start for c in listed(ties, threshold=0.5, max_share=0.34)] == [0, 20]  # a third
    spread = [ClaimCandidate(i * 20, i * 20 + 10, 0.9, (), paragraph=i) for i in range(10)]
    assert len(listed(spread, threshold=0.5, max_share=0.4)) == 4      # 40% of the article
    assert len(listed(spread[:2], threshold=0.5, max_share=0.4)) == 2  # a short text keeps both
    hedged = [ClaimCandidate(0, 10, 0.99, ("hedged",)), _cand(20, 0.6)]
    assert [c.start for c in listed(hedged, threshold=0.5, max_share=1.0)] == [20]


def test_analysis_lists_claims_with_kinds(nlp):
    a = analyze(document_from_text(PARAGRAPH, "t.txt", fmt="text"), nlp)
    assert a.claims and len(a.claims) < 5
    assert all(c.kind in ("statistic", "comparison", "causal", "prediction", "quote_claim", "fact")
               for c in a.claims)
    assert not any(c.text.startswith(("I think", "What a lovely")) for c in a.claims)


def test_model_not_loaded_at_import():
    code = ("import analyzers, analyzers.rules.pipeline\n"
            "from analyzers.rules import claim_model\n"
            "assert claim_model.load.cache_info().currsize == 0\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


NEWS_PAGE = """# Harbour bridge costs soar as auditor blames delays

The new harbour bridge will cost the city $890 million, more than double the cost the council \
approved in 2019, the city auditor said on Tuesday. Work on the bridge began four years ago.

The city auditor's report lists three causes:

- design changes ordered after construction had begun;
- a steel contract signed when prices were at their highest;
- two winters of flooding on the building site.

Council members met on Wednesday evening to discuss the report. Several of them said they were \
surprised by its findings.

Mayor Ellen Brook said the city would ask the state for help with the cost.
"""


def test_news_page_headline_is_not_a_claim_and_the_key_figure_is(nlp):
    from analyzers import document_from_text

    doc = document_from_text(NEWS_PAGE, "bridge.md", fmt="markdown")
    a = analyze(doc, nlp)
    texts = [c.text for c in a.claims]
    assert not any("costs soar" in t for t in texts), texts
    (figure,) = [c for c in a.claims if "$890 million" in c.text]
    assert figure.text.startswith("The new harbour bridge") and figure.text.endswith("on Tuesday.")
    assert "statistic" in figure.reasons
    assert not any(t.rstrip().endswith(":") for t in texts), texts          # a signpost
    assert all(doc.text[c.start:c.end] == c.text for c in a.claims)
    assert all("\n" not in c.text for c in a.claims)                       # a sentence, not a paragraph


def test_headline_is_kept_only_when_it_carries_what_the_body_does_not():
    from analyzers.rules.claims import drop_echoed_headline, headline_span

    text = "Jobless rate hits 12 percent\nThe jobless rate reached 12 percent in May, the agency said."
    blocks = [("heading", 0, 28), ("paragraph", 29, len(text))]
    head = headline_span(blocks, text)
    assert head == (0, 28)
    echoed = ClaimCandidate(0, 28, 0.9, (), anchors=("12",))
    body = ClaimCandidate(29, len(text), 0.9, (), anchors=("12",), paragraph=1)
    assert drop_echoed_headline([echoed, body], text, head) == [body]
    new = ClaimCandidate(0, 28, 0.9, (), anchors=("14",))
    assert drop_echoed_headline([new, body], text, head) == [new, body]      # a figure only it has
    bare = ClaimCandidate(0, 28, 0.9, ())
    assert drop_echoed_headline([bare, body], text, head) == [body]          # nothing to look up
    assert headline_span([("paragraph", 0, 28), ("paragraph", 29, len(text))], text) == (0, 28)
    assert headline_span([("paragraph", 29, len(text)), ("paragraph", 0, 28)], text) is None  # ends in '.'
    assert headline_span([("heading", 0, 28)], text) is None                 # nothing but a heading


def test_a_signpost_is_not_listed():
    post = ClaimCandidate(0, 10, 0.95, (), signpost=True)
    assert listed([post, _cand(20, 0.6)], threshold=0.5, max_share=1.0) == [_cand(20, 0.6)]


@pytest.mark.parametrize("claim", [
    "I voted against the farm bill twice.",                  # a record, no number
    "The militia was formed in the border towns.",           # an actor and a past action
    "The deficit doubled to $40 billion under the last governor.",
])
def test_claims_without_or_with_numbers_rank_above_talk(nlp, claim):
    talk = ["Thank you so much, it is wonderful to be here tonight.",
            "We are going to make this city great again.", "What will you do about the deficit?"]
    model = claim_model.load()
    best_talk = max(model.score(sentence_terms(nlp(t)[:])) for t in talk)
    assert model.score(sentence_terms(nlp(claim)[:])) > max(0.5, best_talk)


def test_news_page_key_figure_scores_above_its_signpost(nlp):
    doc = nlp(NEWS_PAGE.split("\n\n")[1] + " " + NEWS_PAGE.split("\n\n")[2])
    by_text = {doc.text[c.start:c.end]: c for c in claims_from_doc(doc, 0, [])}
    figure = next(c for t, c in by_text.items() if "$890 million" in t)
    (signpost,) = [c for c in by_text.values() if c.signpost]
    assert figure.score > signpost.score


def test_the_bridge_feature_lists_its_key_figure_not_its_headline_standfirst_or_signpost(nlp):
    """The bundled Markdown feature: a headline, an italic standfirst, a byline, two figures in
    one paragraph ($410 million then, $890 million now) and a list announced by a colon."""
    from analyzers import load
    from tests.conftest import SEEDS

    doc = load(SEEDS / "harbor_bridge_feature.md")
    texts = [" ".join(c.text.split()) for c in analyze(doc, nlp).claims]
    assert not any("Ran Out of Money" in t or "signature project doubled" in t for t in texts), texts
    assert any("$890 million, more than double" in t for t in texts), texts
    assert any("$410 million" in t for t in texts), texts
    assert not any("lists three causes" in t for t in texts), texts


def test_standfirst_joins_the_headline():
    from analyzers.rules.claims import headline_span

    text = "Title\n\nA dek in italics\n\nBy A. Writer\n\nBody text here."
    blocks = [("heading", 0, 5), ("paragraph", 7, 23), ("paragraph", 39, 54)]
    assert headline_span(blocks, text, [(7, 23)]) == (0, 23)
    assert headline_span(blocks, text, []) == (0, 5)
    assert headline_span(blocks, text, [(9, 23)]) == (0, 5)              # only partly styled
