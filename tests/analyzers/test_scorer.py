"""The trained filter over indirect-quote candidates: packaged as plain JSON with its
provenance, and deciding between a stance and an act the lexicon does not list."""

from __future__ import annotations

import json

from analyzers import document_from_text
from analyzers.rules import scorer
from analyzers.rules.pipeline import analyze


def run(nlp, text):
    return analyze(document_from_text(text, "t.txt", fmt="text"), nlp)


def test_weights_are_json_with_provenance():
    model = json.loads(scorer.WEIGHTS.read_text(encoding="utf-8"))
    prov = model["provenance"]
    assert prov["script"] == "training/attribution/train_filter.py" and "PolNeAR train" in prov["trained_on"]
    assert any(f.startswith("tg=") for f in model["weights"])  # trained on the tagger's view
    assert 0 < model["threshold"] < 1 and model["weights"]


def test_a_verb_outside_the_lexicon_reports_a_stance(nlp):
    a = run(nlp, "Kelly questioned whether the plan would survive the winter.")
    (q,) = a.quotes
    assert q.speaker.text == "Kelly" and q.text == "whether the plan would survive the winter"


def test_an_act_is_not_a_statement(nlp):
    assert run(nlp, "Ortiz repaired the roof of the old library on Monday.").quotes == ()


def test_the_model_decides_every_indirect_candidate(nlp):
    scorer.use({"bias": 0.0, "weights": {}, "threshold": 2.0})  # believes nothing
    try:
        assert run(nlp, "Kelly questioned whether the plan would survive the winter.").quotes == ()
        assert run(nlp, "Kelly said the plan would survive the winter.").quotes == ()
    finally:
        scorer.use(None)


def test_a_participle_off_a_noun_proposes_the_noun_as_source(nlp):
    from analyzers.rules.quotes import indirect_quotes

    doc = nlp("A super PAC backing Senator Maria Lopez spent four million dollars in March.")
    (c,) = [c for c in indirect_quotes(doc, 0, [], score=False) if c.rule == "participle"]
    assert (c.speaker.text, c.cue.text, doc.text[c.start:c.end]) == ("A super PAC", "backing", "Senator Maria Lopez")
    assert "r=participle" in c.features


def test_any_noun_with_a_person_as_possessor_proposes_the_possessor(nlp):
    from analyzers.rules.quotes import indirect_quotes

    doc = nlp("Councillor Ortiz's verdict on the new harbour toll for lorries drew applause.")
    (c,) = [c for c in indirect_quotes(doc, 0, [], score=False) if c.rule == "noun_broad"]
    assert (c.cue.text, doc.text[c.start:c.end]) == ("verdict", "the new harbour toll for lorries")
    assert "Ortiz" in c.speaker.text
    doc = nlp("The city's verdict on the new harbour toll for lorries drew applause.")  # not a person or organisation
    assert not [c for c in indirect_quotes(doc, 0, [], score=False) if c.rule == "noun_broad"]


def test_every_attribution_rule_has_a_trained_weight():
    """A rule the filter never saw in training is judged by the bias alone: retrain the filter
    (training/attribution/train_filter.py) when a rule is added to the table."""
    from analyzers.rules.attribution_rules import RULES

    weights = json.loads(scorer.WEIGHTS.read_text(encoding="utf-8"))["weights"]
    missing = [r.name for r in RULES if f"r={r.name}" not in weights]
    assert not missing, f"rules without a trained weight: {missing}"
    assert len({r.name for r in RULES}) == len(RULES)


def test_the_tagger_ships_as_plain_arrays_with_provenance(nlp):
    import numpy as np

    from analyzers.rules import tagger

    with np.load(tagger.WEIGHTS, allow_pickle=False) as z:
        assert z["w"].shape == (1 << tagger.BITS, len(tagger.LABELS)) and z["w"].dtype == np.float16
        meta = json.loads(str(z["meta"]))
    assert meta["script"] == "training/attribution/train_tagger.py" and "PolNeAR train" in meta["trained_on"]
    assert tagger.WEIGHTS.stat().st_size < 30_000_000


def test_the_tagger_marks_reported_content(nlp):
    from analyzers.rules import tagger
    from analyzers.rules.quotes import indirect_quotes

    doc = nlp("The harbour master said the new pier would open in the spring.")
    cands = indirect_quotes(doc, 0, [], score=False, tag=False)
    p = tagger.probabilities(tagger.token_features(doc, 0, [-1] * len(doc), cands), tagger.model())
    content = {doc[i].text for i in range(len(doc)) if p[i].argmax() > 0}
    assert {"pier", "open", "spring"} <= content and "master" not in content
