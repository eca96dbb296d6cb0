"""Marks re-attach after re-analysis and small edits; marks whose text is gone are orphaned."""

from __future__ import annotations

from analyzers.store.review.anchor import Mark, fingerprint, match_items, place, selector

TEXT = ("The council approved the budget on Monday. Spending on roads rises 12 percent, the mayor said. "
        "Critics said the plan ignores schools. The vote was 7 to 2.")


def mark_on(text: str, passage: str, status: str = "verified") -> Mark:
    start = text.index(passage)
    return Mark(1, "doc", fingerprint(text), "claim", "c2", selector(text, start, start + len(passage)),
                status, None, "2026-11-28T00:00:00Z")


CLAIM = "Spending on roads rises 12 percent, the mayor said."


def test_same_text_places_at_the_same_offsets():
    m = mark_on(TEXT, CLAIM)
    p = place(TEXT, fingerprint(TEXT), m)
    assert (p.start, p.end, p.how) == (m.anchor.start, m.anchor.end, "same")


def test_text_inserted_before_moves_the_mark():
    m = mark_on(TEXT, CLAIM)
    edited = "UPDATED: corrections appended below. " + TEXT
    p = place(edited, fingerprint(edited), m)
    assert p.how == "moved"
    assert edited[p.start:p.end] == CLAIM


def test_repeated_passage_chooses_the_occurrence_with_matching_context():
    text = "Intro. The vote was 7 to 2. Middle part here. The vote was 7 to 2. End."
    second = text.index("The vote", 10)
    m = Mark(1, "doc", fingerprint(text), "claim", "c", selector(text, second, second + 18), "verified", None, "t")
    edited = "A new lead paragraph. " + text
    p = place(edited, fingerprint(edited), m)
    assert p.start == edited.index("The vote", edited.index("Middle"))


def test_small_edit_inside_the_passage_reattaches():
    m = mark_on(TEXT, CLAIM)
    edited = TEXT.replace("rises 12 percent", "rises 14 percent")
    p = place(edited, fingerprint(edited), m)
    assert p.how == "edited"
    assert edited[p.start:p.end] == CLAIM.replace("12", "14")


def test_passage_removed_leaves_an_orphan():
    m = mark_on(TEXT, CLAIM)
    edited = TEXT.replace(CLAIM + " ", "")
    p = place(edited, fingerprint(edited), m)
    assert p.orphaned and p.how == "orphaned"


def test_rewritten_passage_is_orphaned_not_misattached():
    m = mark_on(TEXT, CLAIM)
    edited = TEXT.replace(CLAIM, "Road spending will go up, according to the city's finance office.")
    assert place(edited, fingerprint(edited), m).orphaned


def test_mixed_newlines_reopen_on_the_same_text():
    """Offsets are into the normalised text, so a file with every newline convention re-opens
    with the note on the same words (hostile mixed_newlines_bom.txt)."""
    from analyzers import document_from_text

    raw = "\ufeffline1\r\nline2\rline3\nline4\u2028line5\u2029line6\x0bline7 is here\x0cline8\x85line9\n"
    doc1 = document_from_text(raw, "mixed.txt")
    doc2 = document_from_text(raw, "mixed.txt")
    start = doc1.text.index("line7")
    m = Mark(1, "doc", fingerprint(doc1.text), "claim", "c", selector(doc1.text, start, start + 13), "verified", "n", "t")
    p = place(doc2.text, fingerprint(doc2.text), m)
    assert doc2.text[p.start:p.end] == "line7 is here"


def test_match_items_ties_marks_to_overlapping_items_of_their_kind():
    m = mark_on(TEXT, CLAIM)
    p = place(TEXT, fingerprint(TEXT), m)
    s = TEXT.index(CLAIM)
    # the re-analysis drew the claim a little shorter and gave it a new id
    items = [("c9", s, s + len(CLAIM) - 12), ("c10", 0, 42)]
    assert set(match_items([p], "claim", items)) == {"c9"}
    assert match_items([p], "quote", items) == {}


def test_words_inserted_or_replaced_inside_the_passage_reattach():
    """The README promises re-attachment after small edits inside: an inserted word at the start
    and a changed date word used to orphan the mark (only head/tail matches were tried)."""
    text = ("The council approved $410 million on Monday for the bridge, officials said. "
            "Other business followed.")
    passage = "The council approved $410 million on Monday for the bridge, officials said."
    m = mark_on(text, passage)
    for old, new in (("The council approved", "The city council approved"), ("Monday", "Tuesday"),
                     ("officials said", "city officials said")):
        edited = text.replace(old, new)
        p = place(edited, fingerprint(edited), m)
        assert not p.orphaned, (old, new)
        assert edited[p.start:p.end] == passage.replace(old, new), (old, new)
        assert p.how == "edited"


def test_a_reworded_quote_keeps_its_review_and_says_so(nlp, tmp_path):
    """Verified and noted, then the article changes "is not going to" to "will not": the mark
    stays on the quote (same speaker and cue, similar words, nearby) and keeps its old words."""
    from analyzers import document_from_text
    from analyzers.rules.pipeline import analyze
    from analyzers.store.review.session import Review
    from analyzers.store.review.store import ReviewStore

    before = ("The council met on Monday to discuss the tram line.\n\n"
              "“The city is not going to subsidise the line for another decade,” said Mayor Dana Whitfield.\n\n"
              "“We have no other plan,” said councillor Omar Reyes, who chairs the transport committee.\n")
    after = before.replace("is not going to subsidise", "will not subsidise")
    store = ReviewStore(tmp_path / "r.db")
    v1 = document_from_text(before, "https://news.example/tram")
    a1 = analyze(v1, nlp)
    review = Review(store, v1)
    review.bind(a1)
    q = next(x for x in a1.quotes if "subsidise" in x.text)
    review.set("quote", q.id, q.start, q.end, status="verified", note="checked with the mayor's office", set_note=True)
    v2 = document_from_text(after, "https://news.example/tram")
    a2 = analyze(v2, nlp)
    again = Review(store, v2)
    again.bind(a2)
    q2 = next(x for x in a2.quotes if "will not subsidise" in x.text)
    r = again.of("quote", q2.id)
    assert (r.status, r.note) == ("verified", "checked with the mayor's office")
    assert r.was is not None and "is not going to subsidise" in r.was
    assert again.orphaned() == [] and again.unmatched() == []
    other = next(x for x in a2.quotes if "no other plan" in x.text)
    assert again.of("quote", other.id).status == "unreviewed"   # never someone else's quote
    gone = document_from_text(before.split("\n\n“The city")[0] + "\n\nThe mayor left early.\n", "https://news.example/tram")
    third = Review(store, gone)
    third.bind(analyze(gone, nlp))
    assert len(third.orphaned()) == 1   # really gone: orphaned, kept
