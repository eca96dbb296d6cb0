"""The seed article, pinned: what a reader must see in the sidebar."""

from __future__ import annotations

import pytest


def _entity(a, name):
    return next(e for e in a.entities if e.name == name)


def _quotes_with(a, fragment):
    return [q for q in a.quotes if fragment in q.text]


def test_trump_and_sheinbaum_are_people(seed_analysis):
    assert _entity(seed_analysis, "Donald Trump").label == "PERSON"
    sheinbaum = _entity(seed_analysis, "Claudia Sheinbaum")
    assert sheinbaum.label == "PERSON"
    texts = {m.text for m in sheinbaum.mentions}
    assert {"Sheinbaum", "Claudia Sheinbaum"} <= texts
    # The model tags a lone "Sheinbaum" ORG seven times; all of them are in this one cluster.
    assert sum(m.text == "Sheinbaum" for m in sheinbaum.mentions) >= 7
    assert not any(e.name == "Sheinbaum" for e in seed_analysis.entities)


def test_sheibaum_variant_joins_cluster_and_warns(seed_analysis):
    sheinbaum = _entity(seed_analysis, "Claudia Sheinbaum")
    assert "Gloria Sheibaum" in sheinbaum.aliases
    msgs = [w.message for w in sheinbaum.warnings if w.kind == "name_variant"]
    assert any("Gloria Sheibaum" in m and "Claudia Sheinbaum" in m for m in msgs)
    assert any(w.kind == "name_variant" for w in seed_analysis.warnings)


def test_she_said_after_anna_kelly_is_anna_kelly(seed_analysis):
    (q,) = _quotes_with(seed_analysis, "But Mexico still must do more")
    assert q.kind == "direct"
    assert q.speaker.text == "she" and q.speaker.name == "Anna Kelly"
    src = seed_analysis.source_by_id()[q.source]
    assert src.kind == "person" and src.description == "White House spokeswoman"


def test_the_people_said_is_anonymous(seed_analysis):
    (q,) = _quotes_with(seed_analysis, "Tension rose toward the end")
    assert q.speaker.text == "the people"
    src = seed_analysis.source_by_id()[q.source]
    assert src.anonymous and src.kind == "anonymous"


def test_according_to_people_familiar_is_anonymous(seed_analysis):
    (q,) = _quotes_with(seed_analysis, "has considered using drones")
    assert q.cue.text == "according to"
    assert q.speaker.name.startswith("people familiar with")
    src = seed_analysis.source_by_id()[q.source]
    assert src.anonymous and src.kind == "anonymous"


def test_nbc_news_is_an_outlet(seed_analysis):
    (q,) = _quotes_with(seed_analysis, "drone strikes are on the table")
    assert q.cue.text == "reported"
    src = seed_analysis.source_by_id()[q.source]
    assert src.name == "NBC News" and src.kind == "outlet" and not src.anonymous


def test_both_mixed_fragments_of_april_22_statement(seed_analysis):
    mixed = [q for q in seed_analysis.quotes if q.kind == "mixed"]
    joined = " ".join(q.text for q in mixed)
    assert "“accept invasions or interference”" in joined
    assert "“not a protectorate or colony of any foreign country.”" in joined
    for q in mixed:
        assert q.speaker.name == "Claudia Sheinbaum"
    # the fragments are not listed again as separate direct quotes
    assert not [q for q in seed_analysis.quotes if q.kind == "direct" and "protectorate" in q.text]


def test_trump_direct_quote_and_its_continuation(seed_analysis):
    (first,) = _quotes_with(seed_analysis, "Mexico is very, very afraid")
    assert first.kind == "direct" and first.speaker.name == "Donald Trump" and first.cue.text == "told"
    (cont,) = _quotes_with(seed_analysis, "We want to help her")
    assert cont.speaker.name == "Donald Trump"


def test_mexican_officials_are_officials(seed_analysis):
    # unnamed, but nothing says the namelessness is deliberate: officials, not anonymous (issue 24)
    (q,) = _quotes_with(seed_analysis, "Mexico won’t consent")
    src = seed_analysis.source_by_id()[q.source]
    assert src.kind == "official" and not src.anonymous
    assert src.description == "Mexican officials"


def test_narrator_musing_is_not_a_quote(seed_analysis):
    assert not _quotes_with(seed_analysis, "how effective they might be")


def test_boilerplate_not_analysed(seed_analysis):
    assert not any("Recommended" in c.text for c in seed_analysis.claims)


def test_claims_ranked_with_reasons(seed_analysis):
    claims = seed_analysis.claims
    assert len(claims) >= 3
    assert all(0 <= c.score <= 1 for c in claims)
    (call,) = _listed(seed_analysis, "45-minute telephone conversation")
    assert {"statistic", "date"} <= set(call.reasons)
    assert any(c.quote is not None and c.source is not None for c in claims)


def _listed(a, fragment):
    return [c for c in a.claims if fragment in c.text]


def test_claims_listed_are_few_and_the_checkable_ones(seed_analysis):
    """At most 12 of the seed's 31 sentences; the three with a checkable fact are among them."""
    claims = seed_analysis.claims
    assert 3 <= len(claims) <= 12
    for fragment in ("45-minute telephone conversation", "two invasions since 1846",
                     "robust bilateral cooperation is delivering results"):
        assert _listed(seed_analysis, fragment), fragment
    assert [c.start for c in claims] == sorted(c.start for c in claims)


@pytest.mark.parametrize("fragment", [
    "The issue emerged in a phone call",              # scene-setting
    "We want to help her",                            # opinion
    "you can’t run a country like that",
    "But it appears she draws the line",              # hedge
    "It is unclear whether American officials",
    "there is no telling whether drone strikes",
    "we might just find out how effective",
])
def test_opinions_hedges_and_scene_setting_not_listed(seed_analysis, fragment):
    assert not _listed(seed_analysis, fragment)


def test_claim_kinds_on_the_seed(seed_analysis):
    kinds = {c.kind for c in seed_analysis.claims}
    assert kinds <= {"statistic", "comparison", "causal", "prediction", "quote_claim", "fact"}
    (invasions,) = _listed(seed_analysis, "two invasions since 1846")
    assert invasions.kind == "statistic" and "attributed" in invasions.reasons


def test_sheinbaum_told_trump_is_sheinbaums_inside_the_peoples(seed_analysis):
    (q,) = [q for q in seed_analysis.quotes if q.text.startswith("her administration would cooperate")]
    assert q.speaker.name == "Claudia Sheinbaum" and q.cue.text == "told"
    outer = next(o for o in seed_analysis.quotes if o.id == q.parent)
    assert outer.speaker.text == "the people" and outer.cue.text == "added"


def test_relative_clause_in_the_subject_keeps_the_verb_phrase(seed_analysis):
    (q,) = _quotes_with(seed_analysis, "Discussions among White House")
    assert "have included possible drone strikes" in q.text
    assert q.speaker.text == "the sources"


def test_every_quote_has_its_speaker(seed_analysis):
    def who(start):
        (q,) = [q for q in seed_analysis.quotes if q.text.startswith(start)]
        return q.speaker.name if q.speaker else None

    assert who("the conversation was productive") == "Trump and Sheinbaum"
    assert who("that things became tense") == "sources"
    assert who("that the U.S. would take unilateral") == "Donald Trump"
    assert who("robust bilateral cooperation") == "Anna Kelly"
    assert who("Mexico wouldn’t allow such an arrangement") == "A Mexican official"
    assert who("that drone strikes are on the table") == "NBC News"
    assert who("expanded capabilities") == "The head of the U.S. Northern Command"
    assert who("the Trump administration appears") is None  # an unattributed claim
    # the writer's doubt is nobody's quote
    assert not _quotes_with(seed_analysis, "have floated the possibility")
