"""A quotation set as its own paragraph, its speaker named in the line before it or a dash line
after it (analyzers/rules/lead_in.py). Articles written for the test; real model."""

from __future__ import annotations

import pytest

from analyzers import document_from_text
from analyzers.rules.lead_in import _lead_in, speech_lemma
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
    ("For example, Mayor Ana Ruiz said:", "The crowd cheered.", "Ruiz", "said"),
    ("But Ruiz said:", "The crowd cheered.", "Ruiz", "said"),
])
def test_the_line_before_or_the_dash_line_after_names_the_speaker(nlp, before, after, speaker, cue):
    text = f"Ana Ruiz and Roger Stone spoke on Sunday.\n\n{before}\n\n{QUOTE}\n\n{after}"
    q = quote_of(nlp, text)
    assert q.speaker is not None and speaker in q.speaker.name and ":" not in q.speaker.text
    assert (q.cue.text if q.cue else None) == cue


@pytest.mark.parametrize("before, after", [("Here is what he said:", "The crowd cheered."),
                                           ("The plan has three parts:", "The crowd cheered."),
                                           ("Voters were asked one question:", "The crowd cheered."),
                                           ("Among the comments posted:", "The crowd cheered."),
                                           ("The rally was loud.", "- Photo Credit Getty Images"),
                                           ("The rally was loud.", "— The Associated Press")])
def test_a_line_that_names_no_speaker_gives_none(nlp, before, after):
    q = quote_of(nlp, f"The rally was loud.\n\n{before}\n\n{QUOTE}\n\n{after}")
    assert q.speaker is None


def test_a_name_that_starts_with_a_verb_is_not_read_as_the_verb():
    found = _lead_in("Post Malone says:", 100)
    assert found is not None and (found[0].text, found[1].text, found[0].start) == ("Post Malone", "says", 100)


def test_a_quotation_sharing_its_paragraph_is_left_to_the_parse(nlp):
    q = quote_of(nlp, f"Stated Stone:\n\nOn Sunday, {QUOTE} the candidate told the crowd.")
    assert q.speaker is not None and "Stone" not in q.speaker.name


@pytest.mark.parametrize("word, lemma", [("said", "say"), ("replied", "reply"), ("notes", "note"),
                                         ("tweeted", "tweet"), ("Stated", "state"), ("table", None)])
def test_speech_lemma(word, lemma):
    assert speech_lemma(word) == lemma
