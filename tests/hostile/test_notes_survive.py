"""Notes are never lost or misattached by hostile feeds or newline tricks: a mark made on one
version re-attaches to the same words after the feed changes, and never to a look-alike."""

from __future__ import annotations

from pathlib import Path

from analyzers import load
from analyzers.store.review.session import Review
from analyzers.store.review.store import ReviewStore

ENTRY = """<item><title>{title}</title><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{body}</p>]]></description></item>"""

HOSTILE_TITLE = "Council vote \x1b]0;PWNED-title\x07 [bold]tonight[/bold] [@click=app.quit]x[/]"
CLAIM = "The bridge budget rose to $890 million, the auditor said on Tuesday."
LOOKALIKE = "The bridge budget rose to $890 million, the mayor said on Monday."


def feed(entries: list[tuple[str, str]]) -> str:
    items = "\n".join(ENTRY.format(title=t.replace("\x1b", "&#27;").replace("\x07", "&#7;"), body=b)
                      for t, b in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor news</title>{items}</channel></rss>'


def note_on(path: Path, passage: str, note: str) -> None:
    doc = load(path)
    review = Review(ReviewStore(), doc)
    start = doc.text.index(passage)
    review.set("claim", "c1", start, start + len(passage), status="disputed", note=note, set_note=True)


def test_note_follows_its_entry_when_the_feed_changes(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(feed([(HOSTILE_TITLE, CLAIM), ("Other news", "Nothing to see.")]), encoding="utf-8")
    note_on(path, CLAIM, "auditor's report says $870m \x1b[2J")
    # the feed moves on: a new entry on top that repeats the figure with another speaker
    path.write_text(feed([("Update", LOOKALIKE), (HOSTILE_TITLE, CLAIM), ("Other news", "Nothing to see.")]),
                    encoding="utf-8")
    doc = load(path)
    review = Review(ReviewStore(), doc)
    [placed] = review.placed
    assert doc.text[placed.start:placed.end] == CLAIM
    assert placed.start > doc.text.index(LOOKALIKE) + len(LOOKALIKE)
    assert placed.mark.note == "auditor's report says $870m ␛[2J"   # stored sanitised
    assert "\x1b" not in doc.title + doc.text


def test_note_is_orphaned_not_moved_when_its_entry_is_gone(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(feed([(HOSTILE_TITLE, CLAIM)]), encoding="utf-8")
    note_on(path, CLAIM, "check")
    path.write_text(feed([("Update", LOOKALIKE)]), encoding="utf-8")
    review = Review(ReviewStore(), load(path))
    assert [p.orphaned for p in review.placed] == [True]


def test_mixed_newlines_note_reattaches_after_reopen(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"\xef\xbb\xbfline1\r\nline2\rline3\nline4\xe2\x80\xa8line5\xe2\x80\xa9line6\x0bline7 "
                     b"has the note\x0cline8\xc2\x85line9\n")
    note_on(path, "line7 has the note", "here")
    doc = load(path)
    [placed] = Review(ReviewStore(), doc).placed
    assert placed.how == "same" and doc.text[placed.start:placed.end] == "line7 has the note"
