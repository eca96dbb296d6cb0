"""A quotation set as its own paragraph, its speaker named in the line before it or a dash line
after it (analyzers/rules/lead_in.py). Articles written for the test; real model."""

from __future__ import annotations

import pytest

from analyzers import document_from_text
from analyzers.rules.lead_in import speech_lemma
from analyzers.rules.pipeline import analyze

QUOTE = "“We will hold the line on taxes, and we will win the state by a wide margin in November.”"


def quote_of(nlp, text):
    a = analyze(document_from_text(text, "t.txt", fmt="text"), nlp)
    return next(q for q in a.quotes if "hold the line" in q.text)


@pytest.mark.parametrize("before, after, speaker, cue", [
    ("Reporter Jomana Karadsheh says:", "The video showed the street.", "Karadsheh", "says"),
    ("Stated Stone:", "He did not elaborate.", "Stone", "Stated"),
    ("Governor Ana Ruiz said in a statement on Monday:", "Her office declined to comment.", "Ruiz", "said"),
    ("The rally was loud.", "- Ana Ruiz.", "Ana Ruiz", None),
])
def test_the_line_before_or_the_dash_line_after_names_the_speaker(nlp, before, after, speaker, cue):
    text = f"Ana Ruiz and Roger Stone spoke on Sunday.\n\n{before}\n\n{QUOTE}\n\n{after}"
    q = quote_of(nlp, text)
    assert q.speaker is not None and speaker in q.speaker.name and ":" not in q.speaker.text
    assert (q.cue.text if q.cue else None) == cue


@pytest.mark.parametrize("before", ["Here is what he said:", "The plan has three parts:",
                                    "Voters were asked one question:"])
def test_a_line_that_names_no_speaker_gives_none(nlp, before):
    q = quote_of(nlp, f"The rally was loud.\n\n{before}\n\n{QUOTE}\n\nThe crowd cheered.")
    assert q.speaker is None


def test_a_quotation_sharing_its_paragraph_is_left_to_the_parse(nlp):
    q = quote_of(nlp, f"Stated Stone:\n\nOn Sunday, {QUOTE} the candidate told the crowd.")
    assert q.speaker is not None and "Stone" not in q.speaker.name


@pytest.mark.parametrize("word, lemma", [("said", "say"), ("replied", "reply"), ("notes", "note"),
                                         ("tweeted", "tweet"), ("Stated", "state"), ("table", None)])
def test_speech_lemma(word, lemma):
    assert speech_lemma(word) == lemma
