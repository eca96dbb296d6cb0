"""Text that holds far more tokens per character than prose (one-letter lines, runs of quotation
marks, a 3 MB line) is analysed within a token budget and parsed a bounded batch at a time: the
corpus budget of 10 s and 600 MB (many_lines.txt took 31 s and 1.1 GB, many_quotes_unbalanced
1.5 GB)."""

from __future__ import annotations

from analyzers import document_from_text
from analyzers.rules import pipeline
from analyzers.rules.pipeline import BATCH_TOKENS, MAX_TOKENS, PIECE_TOKENS, _token_end, pieces


def tokens(text: str, ps: list) -> int:
    return sum(_token_end(text, p.start, p.end, 10**9)[1] for p in ps)


def test_dense_text_stops_at_the_token_budget():
    for text in ("x\n" * 500_000, '"a ' * 30_000 + "\n\n" + "“a ‘b " * 5_000, "word " * 600_000):
        doc = document_from_text(text, "dense.txt", "text")
        ps, skipped = pieces(doc)
        assert tokens(doc.text, ps) <= MAX_TOKENS and skipped > 0
        assert all(_token_end(doc.text, p.start, p.end, 10**9)[1] <= PIECE_TOKENS for p in ps)


def test_prose_is_cut_by_characters_as_before():
    paragraph = "The council approved the bridge in 2019, when the estimate was $410 million. " * 6
    doc = document_from_text("\n\n".join([paragraph] * 40), "prose.txt", "text")
    ps, skipped = pieces(doc)
    assert skipped == 0 and len(ps) == 40


class Recording:
    """The real pipeline, with the size of every batch spaCy is handed written down."""

    def __init__(self, nlp) -> None:
        self.nlp, self.batches = nlp, []

    def pipe(self, texts, batch_size):
        texts = list(texts)
        self.batches.append(sum(_token_end(t, 0, len(t), 10**9)[1] for t in texts))
        return self.nlp.pipe(texts, batch_size=batch_size)

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def test_a_long_line_is_parsed_a_bounded_batch_at_a_time(nlp):
    doc = document_from_text("budget said new city water park council " * 8_000, "line.txt", "text")
    spy = Recording(nlp)
    a = pipeline.analyze(doc, spy)
    assert a.complete and len(spy.batches) > 1
    assert max(spy.batches) <= BATCH_TOKENS + PIECE_TOKENS
