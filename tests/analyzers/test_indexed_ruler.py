"""The indexed attribute ruler sets exactly what spaCy's own ruler sets, token by token."""

from __future__ import annotations

import pytest

from analyzers.rules.indexed_ruler import IndexedAttributeRuler, install
from tests.conftest import SEEDS

TRICKY = [
    "I ain't gonna do it, y'all. Gotta go. Let's see. C'mon, there's nothing doin' here.",
    "  It is what it is; they're 'em.  Nothin' ol' somethin' 'nuff gets got.\n\nI told you it was him.",
    "Did they? Do it! That is that. Those who do. There are two. Y'all know what I'd have done.",
    "He doesn't, she won't, we've had it, they'd said so, it's been a year, n't.",
]


def annotations(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def both():
    import spacy

    from analyzers.rules.spacy_model import candidate_names

    for name in candidate_names():
        try:
            stock = spacy.load(name, exclude=["senter"])
            indexed = spacy.load(name, exclude=["senter"])
        except OSError:
            continue
        assert install(indexed)
        return stock, indexed
    pytest.fail("no model")


def test_every_token_gets_what_spacys_ruler_gives_it(both):
    stock, indexed = both
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())
                      if p.suffix in (".txt", ".md", ".html")]
    pieces = [x for t in texts for x in t.split("\n\n") if x.strip()]
    for a, b in zip(stock.pipe(pieces), indexed.pipe(pieces), strict=True):
        assert annotations(a) == annotations(b)


def test_it_keeps_the_rulers_name_and_place(both):
    stock, indexed = both
    assert indexed.pipe_names == stock.pipe_names
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)


def test_the_analysis_model_uses_it(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
