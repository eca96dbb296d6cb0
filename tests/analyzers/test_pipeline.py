from __future__ import annotations

import subprocess
import sys
import time

from analyzers import document_from_text, load
from analyzers.rules.pipeline import analyze, analyze_stream, pieces
from analyzers.serialize import to_json
from tests.conftest import SEED, SEEDS, assert_spans_valid


def test_import_analyzers_does_not_import_ui_or_spacy():
    code = ("import sys, analyzers, analyzers.rules.pipeline, analyzers.serialize; "
            "print(','.join(m for m in ('textual', 'tui', 'spacy', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_spans_valid_on_every_seed(nlp):
    for path in sorted(SEEDS.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            doc = load(path)
            assert_spans_valid(to_json(analyze(doc, nlp), doc))


def test_streaming_yields_growing_partial_results(nlp):
    doc = document_from_text(SEED.read_text() * 6, "big.txt", fmt="text")
    snaps = list(analyze_stream(doc, nlp, interval=0.0))
    assert len(snaps) > 3
    assert [s.complete for s in snaps][-1] is True and not snaps[0].complete
    dones = [s.done for s in snaps]
    assert dones == sorted(dones) and dones[-1] == snaps[-1].total
    assert len(snaps[0].quotes) < len(snaps[-1].quotes)


def test_cancel_stops_between_paragraphs(nlp):
    doc = document_from_text(SEED.read_text() * 6, "big.txt", fmt="text")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    snaps = list(analyze_stream(doc, nlp, cancelled=cancelled, interval=0.0))
    assert len(pieces(doc)[0]) > 5       # there was much more to do…
    assert len(calls) == 3               # …but the third paragraph's check stopped it
    assert snaps and not any(s.complete for s in snaps)  # partial results only, never a final one


def test_long_paragraph_is_chunked_not_refused(nlp):
    para = ("The council said the bridge would cost more. " * 600).strip()
    doc = document_from_text(para + "\n", "long.txt", fmt="text")
    ps, _ = pieces(doc)
    assert len(ps) > 1 and all(p.end - p.start <= 20_000 for p in ps)
    a = analyze(doc, nlp)
    assert len(a.quotes) > 100


def test_over_long_tokens_are_skipped(nlp):
    text = "Start. " + "x" * 50_000 + " The mayor said the tax would rise."
    a = analyze(document_from_text(text, "t.txt", fmt="text"), nlp)
    assert any("tax would rise" in q.text for q in a.quotes)


def test_max_chars_truncates_with_warning(nlp):
    doc = document_from_text("The mayor said taxes rise.\n" * 200, "t.txt", fmt="text")
    a = analyze(doc, nlp, max_chars=500)
    assert a.complete and any(w.kind == "truncated_input" for w in a.warnings)


def test_empty_document(nlp):
    a = analyze(document_from_text("", "e.txt", fmt="text"), nlp)
    assert a.quotes == () and a.entities == () and a.complete


def test_clustering_is_linear_in_mentions(monkeypatch):
    """The canonical-name step evaluated max(...) over a cluster's mentions once per mention:
    300 mentions of one person cost ~90,000 name parses. Now each surface form is parsed once."""
    from analyzers.rules import entities

    calls = []
    real = entities.name_tokens

    def counted(s: str) -> list[str]:
        calls.append(s)
        return real(s)

    monkeypatch.setattr(entities, "name_tokens", counted)
    forms = ["Claudia Sheinbaum", "Sheinbaum", "President Sheinbaum"]
    mentions = [entities.Mention(i * 40, i * 40 + len(f), f, "PERSON") for i, f in
                enumerate(forms[i % 3] for i in range(300))]
    [entity] = entities.cluster(mentions)
    assert len(entity.mentions) == 300 and entity.name == "Claudia Sheinbaum"
    assert len(calls) <= 10 * len(forms)


def test_snapshots_stay_a_small_share_of_the_work(nlp, monkeypatch):
    """The stream stamped its clock before building a snapshot, so a slow snapshot made every
    later paragraph due at once: snapshots are now spaced by at least four times their cost."""
    from analyzers.rules import pipeline

    real = pipeline.assemble
    built: list[float] = []

    def slow(*args, **kwargs):
        t0 = time.monotonic()
        time.sleep(0.05)  # a snapshot of a long article
        out = real(*args, **kwargs)
        built.append(time.monotonic() - t0)
        return out

    monkeypatch.setattr(pipeline, "assemble", slow)
    doc = document_from_text(SEED.read_text() * 6, "big.txt", fmt="text")
    t0 = time.monotonic()
    snaps = list(analyze_stream(doc, nlp, interval=0.0))
    total = time.monotonic() - t0
    assert snaps[-1].complete and len(snaps) > 2
    assert sum(built[:-1]) <= 0.3 * total  # partial snapshots: at most ~1/4 of the run (+ slack)


def test_many_articles_sharing_batches_give_what_each_gives_alone(nlp):
    """analyze_many parses short articles together: the results are those of analyze(), in
    input order, with None passed through and a long article (its own batches) in its place."""
    from analyzers.rules.pipeline import WHOLE_BATCH, analyze_many

    docs = [load(p) for p in sorted(SEEDS.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    long = document_from_text("\n\n".join(f"Paragraph {i}: the mayor said the bridge was late."
                                          for i in range(WHOLE_BATCH + 5)) + "\n", "long.txt", fmt="text")
    empty = document_from_text("", "empty.txt", fmt="text")
    inputs = [docs[0], None, *docs[1:3], long, empty, *docs[3:], docs[0]]
    got = list(analyze_many(inputs, nlp))
    assert len(got) == len(inputs) and got[1] is None
    for doc, analysis in zip(inputs, got, strict=True):
        if doc is not None:
            assert to_json(analysis, doc) == to_json(analyze(doc, nlp), doc)
    whole = got[inputs.index(long)]
    assert whole.complete and whole.done == whole.total and len(whole.quotes) > WHOLE_BATCH


def test_many_articles_are_read_lazily(nlp):
    """A run over an archive holds a batch of articles, never the whole input."""
    from analyzers.rules.pipeline import SHARED_BATCH, analyze_many

    read = []

    def docs():
        for i in range(3 * SHARED_BATCH):
            read.append(i)
            yield document_from_text(f"The mayor said the bridge would open in {i} days.\n", f"{i}.txt", fmt="text")

    first = next(iter(analyze_many(docs(), nlp)))
    assert first.quotes[0].speaker is not None
    assert len(read) <= SHARED_BATCH + 1


class _ParserFailingOn:
    """The real model, except that spaCy raises on any batch holding ``word`` (as a parser bug
    on one odd text would)."""

    def __init__(self, nlp, word):
        self.nlp, self.word = nlp, word

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any(self.word in t for t in texts):
            raise ValueError("parser failure")
        return self.nlp.pipe(texts, **kwargs)


def test_a_parser_failure_in_a_shared_batch_costs_only_its_article(nlp):
    from analyzers.rules.pipeline import analyze_many

    texts = [f"The mayor said the bridge would open in {i} weeks.\n" for i in range(4)]
    texts[2] = "The mayor said the zyzzyva bridge would open.\n"
    docs = [document_from_text(t, f"{i}.txt", fmt="text") for i, t in enumerate(texts)]
    got = list(analyze_many(docs, _ParserFailingOn(nlp, "zyzzyva")))
    assert [type(g).__name__ for g in got] == ["Analysis", "Analysis", "ValueError", "Analysis"]
    assert to_json(got[3], docs[3]) == to_json(analyze(docs[3], nlp), docs[3])


def test_a_long_run_of_refused_inputs_is_let_out_as_it_comes(nlp):
    from analyzers.rules.pipeline import SHARED_BATCH, analyze_many

    read = []

    def inputs():
        for i in range(5 * SHARED_BATCH):
            read.append(i)
            yield None

    assert next(iter(analyze_many(inputs(), nlp))) is None
    assert len(read) <= SHARED_BATCH + 1
