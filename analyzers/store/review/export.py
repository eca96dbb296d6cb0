"""Review exports: the analysis JSON with a ``review`` on each claim and quote, a readable
Markdown report, and CSV with one row per item. Article text is data in every format: table
cells are escaped, and CSV cells that a spreadsheet would run as a formula are defused."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from analyzers.ingest.sanitize import display
from analyzers.model import Analysis
from analyzers.serialize import to_json
from analyzers.store.review.anchor import Placed
from analyzers.store.review.export_formats import FORMATS
from analyzers.store.review.marks import ItemKind
from analyzers.store.review.session import LABELS, SIGNS, ItemReview, Review, item_review
from analyzers.store.review.store import now

if TYPE_CHECKING:
    from analyzers.store.library.factchecks import ClaimMatches

Checks = Mapping[str, "ClaimMatches"]


def _one_line(s: str | None, limit: int = 0) -> str:
    return display(" ".join((s or "").split()), limit=limit or None)


def _orphan_json(p: Placed) -> dict[str, Any]:
    m = p.mark
    return {"kind": m.kind, "item_id": m.item_id, "text": m.anchor.exact, "placement": p.how,
            "start": p.start, "end": p.end,
            "review": {"status": m.status, "note": m.note, "updated": m.updated}}


def export_json(a: Analysis, review: Review, factchecks: Checks | None = None) -> dict[str, Any]:
    review.bind(a)
    out = to_json(a, review.document)
    if factchecks:
        from analyzers.store.library.factchecks import add_to_claims

        add_to_claims(out, factchecks)
    for kind in ItemKind:  # every reviewable item carries its review
        for item in out[kind.section]:
            item["review"] = review.of(kind, item["id"]).to_json()
    done, total = review.progress(a)
    counts = Counter(review.of(ItemKind.CLAIM, c.id).status for c in a.claims)
    out["review"] = {
        "fingerprint": review.fingerprint,
        "exported": now(),
        "claims_reviewed": done,
        "claims": total,
        "counts": {k: counts.get(k, 0) for k in LABELS},
        "orphaned": [_orphan_json(p) for p in review.orphaned()],
        "unmatched": [_orphan_json(p) for p in review.unmatched()],
    }
    return out


def _cell(s: str) -> str:
    return _one_line(s).replace("\\", "\\\\").replace("|", "\\|")


def _verdict(status: str) -> str:
    return f"{SIGNS[status]} {LABELS[status]}" if status != "unreviewed" else "unreviewed"


def export_markdown(a: Analysis, review: Review, factchecks: Checks | None = None) -> str:
    review.bind(a)
    doc = review.document
    done, total = review.progress(a)
    counts = Counter(review.of("claim", c.id).status for c in a.claims)
    quote_marks = sum(review.of("quote", q.id).status != "unreviewed" for q in a.quotes)
    lines = [f"# Review: {_one_line(doc.title, 200)}", ""]
    source = _one_line(doc.source, 200).replace("`", "'")
    lines.append(f"Source: `{source}` · exported {now()} · "
                 f"text fingerprint `{review.fingerprint[:16]}`")
    lines.append("")
    lines.append(f"**{done}/{total} claims reviewed** — {counts['verified']} verified, "
                 f"{counts['disputed']} disputed, {counts['needs_source']} need a source; "
                 f"{quote_marks} quote{'s' if quote_marks != 1 else ''} marked.")
    if not a.complete:
        lines += ["", "_The analysis did not cover the whole article (see warnings)._"]

    quoted: dict[str, int] = {}
    for s in a.sources:
        standing = "named" if s.named else s.unnamed or "other"
        quoted[standing] = quoted.get(standing, 0) + len(s.quotes)
    lines += ["", "## Sources", ""]
    lines.append(" · ".join(f"{n} {kind} ({quoted.get(kind, 0)} quotes)" for kind, n in a.source_counts())
                 + f" · {a.anonymous_share():.0%} of attributed quotes anonymous")
    if a.sources:
        lines += ["", "| Source | Kind | Named / anonymous | Quotes |", "|---|---|---|---|"]
        for s in sorted(a.sources, key=lambda s: (-len(s.quotes), s.name)):
            name = _cell(s.name) + (f" ({_cell(s.description)})" if s.description else "")
            named_word = "named" if s.named else "anonymous" if s.anonymous else "unnamed"
            lines.append(f"| {name} | {s.kind} | {named_word} | {len(s.quotes)} |")

    sources = a.source_by_id()
    quotes = {q.id: q for q in a.quotes}
    lines += ["", "## Claims", ""]
    if not a.claims:
        lines.append("No check-worthy claims found.")
    for i, c in enumerate(sorted(a.claims, key=lambda c: -c.score), 1):
        r = review.of("claim", c.id)
        lines.append(f"### {i}. {_verdict(r.status)} — score {c.score:.2f}")
        lines.append("")
        lines.append(f"> {_one_line(c.text)}")
        lines.append("")
        extra = [f"Reasons: {', '.join(c.reasons) or '—'}"]
        if c.source in sources:
            s = sources[c.source]
            extra.append(f"Source: {_one_line(s.name, 80)} ({', '.join(s.kind_words())})")
        if c.quote in quotes:
            extra.append(f"Quote: {quotes[c.quote].kind}")
        lines.append(" · ".join(extra))
        lines += _checked_before(c.id, factchecks)
        if r.note:
            lines += ["", f"Note: {_one_line(r.note)}"]
        if r.updated:
            lines += ["", f"_Marked {r.updated}" + (f" by {_one_line(r.by, 40)}" if r.by else "") + "_"]
        lines += _history_lines(r, "")
        lines.append("")

    lines += ["## Quotes by speaker", ""]
    by_speaker: dict[str, list] = {}
    for q in a.quotes:  # grouped by source, so the table above and this list agree
        who = sources[q.source].name if q.source in sources else q.speaker.name if q.speaker else "Unattributed"
        by_speaker.setdefault(who, []).append(q)
    if not a.quotes:
        lines.append("No quotes found.")
    for speaker, qs in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"### {_one_line(speaker, 80)} ({len(qs)})")
        lines.append("")
        for q in qs:
            r = review.of("quote", q.id)
            cue = f"“{_one_line(q.cue.text, 30)}”" if q.cue else "no cue"
            mark = f" **[{_verdict(r.status)}]**" if r.status != "unreviewed" else ""
            lines.append(f"- {q.kind}, {cue}: {_one_line(q.text, 400)}{mark}")
            if r.note:
                lines.append(f"  - Note: {_one_line(r.note)}")
            lines += _history_lines(r, "  ")
        lines.append("")

    stray = review.orphaned() + review.unmatched()
    if stray:
        lines += ["## Marks whose item is gone", "",
                  "Kept from earlier reviews; the article changed so they no longer match a claim or quote.", ""]
        for p in stray:
            m = p.mark
            where = "text not found (orphaned)" if p.orphaned else "text still present"
            lines.append(f"- {_verdict(m.status)} {m.kind}, {where}: “{_one_line(m.anchor.exact, 300)}”"
                         + (f" — Note: {_one_line(m.note)}" if m.note else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _history_lines(r: ItemReview, indent: str) -> list[str]:
    """Every decision when more than one was made on the item (a shared desk: who, when, what)."""
    if len(r.history) < 2:
        return []
    out = [f"{indent}- History:"]
    for d in r.history:
        out.append(f"{indent}  - {d.at} {_one_line(d.by or 'someone', 40)}: {_verdict(d.status)}"
                   + (f" → {_one_line(d.assigned_to, 40)}" if d.assigned_to else "")
                   + (f" — {_one_line(d.note)}" if d.note else ""))
    return out


def _history_cell(r: ItemReview) -> str:
    """Every decision in one cell: 'at by status [→ assignee] [: note]' joined by ' | '."""
    return " | ".join(f"{d.at} {d.by or 'someone'} {d.status}" + (f" → {d.assigned_to}" if d.assigned_to else "")
                      + (f": {' '.join(d.note.split())}" if d.note else "") for d in r.history)


CSV_FIELDS = ("kind", "id", "start", "end", "text", "score", "reasons", "quote_kind", "speaker", "cue",
              "source", "status", "note", "updated", "placement", "by", "history", "checked_before")


def _checked_before(claim_id: str, factchecks: Checks | None) -> list[str]:
    """The Markdown lines of a claim's confident earlier fact-check, if it has one."""
    m = (factchecks or {}).get(claim_id)
    if m is None or not m.checked_before or not m.matches:
        return []
    best = m.matches[0]
    said = " — ".join(x for x in (best.review.publisher, best.review.rating, best.review.date_published) if x)
    return ["", f"Checked before: {_one_line(said, 120)}: <{_one_line(best.review.url, 300)}> "
            f"(“{_one_line(best.review.claim_reviewed, 200)}”, score {best.score:.2f})"]


def _checked_cell(claim_id: str, factchecks: Checks | None) -> str:
    m = (factchecks or {}).get(claim_id)
    return m.matches[0].review.url if m is not None and m.checked_before and m.matches else ""


def _defuse(value: object) -> object:
    if isinstance(value, str):
        value = display(value, one_line=False)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def export_csv(a: Analysis, review: Review, factchecks: Checks | None = None) -> str:
    review.bind(a)
    sources = a.source_by_id()
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()

    def row(**kw: object) -> None:
        w.writerow({k: _defuse(v) for k, v in kw.items()})

    for c in a.claims:
        r = review.of("claim", c.id)
        src = sources.get(c.source or "")
        row(kind="claim", id=c.id, start=c.start, end=c.end, text=c.text, score=f"{c.score:.4f}",
            reasons="; ".join(c.reasons), quote_kind="", speaker="", cue="", source=src.name if src else "",
            status=r.status, note=r.note or "", updated=r.updated or "", placement="", by=r.by or "",
            history=_history_cell(r), checked_before=_checked_cell(c.id, factchecks))
    for q in a.quotes:
        r = review.of("quote", q.id)
        src = sources.get(q.source or "")
        row(kind="quote", id=q.id, start=q.start, end=q.end, text=q.text, score="", reasons="",
            quote_kind=q.kind, speaker=q.speaker.name if q.speaker else "", cue=q.cue.text if q.cue else "",
            source=src.name if src else "", status=r.status, note=r.note or "", updated=r.updated or "",
            placement="", by=r.by or "", history=_history_cell(r))
    for p in review.orphaned() + review.unmatched():
        m = p.mark
        row(kind=m.kind, id="", start="" if p.start is None else p.start, end="" if p.end is None else p.end,
            text=m.anchor.exact, score="", reasons="", quote_kind="", speaker="", cue="", source="",
            status=m.status, note=m.note or "", updated=m.updated, placement=p.how, by=m.author or "",
            history=_history_cell(item_review(m)))
    return buf.getvalue()


def render(a: Analysis, review: Review, fmt: str, *, factchecks: Checks | None = None) -> str:
    """The review in ``fmt``; ``factchecks``: each claim's earlier fact-checks (by claim id)."""
    if fmt == "json":
        import json

        return json.dumps(export_json(a, review, factchecks), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return export_csv(a, review, factchecks)
    if fmt == "md":
        return export_markdown(a, review, factchecks)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
