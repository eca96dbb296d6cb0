"""Who speaks a quotation set as a paragraph of its own, when the paragraph names no one: the
line before it ('Reporter Jomana Karadsheh says:', 'Stated Stone:', 'The senator said in a
statement:'), or a dash line after it ('- Bernie Sanders.'). Text-level, over the document's
blocks; the quotation's later paragraphs keep the speaker as any continued quotation does."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from analyzers.model import Block, Span
from analyzers.rules.candidates import QuoteCandidate
from analyzers.rules.lexicon import SPEECH_VERBS

_OPENING = "\"“«„‘'"
_CLOSING = "\"”»’'"
_SPACE = " \t\n\u00a0"
_WORD = re.compile(r"[\w’'.&-]+")
# words that make a lead-in something other than a speaker and a verb ('Here is what he said:')
_NOT_IN_SPEAKER = frozenset(["is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would",
                             "what", "how", "why", "here", "there", "this", "that", "these", "those", "which",
                             "when", "where", "who", "also", "then", "later", "not", "as", "if", "it", "you",
                             "we", "i", "to", "in", "on", "with", "from", "by"])
_PRONOUNS = frozenset(["he", "she", "they"])
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "says": "say"}
_DASH_LINE = re.compile(r"[-—–]{1,2}[ \t]*([A-Z][\w’'.&-]*(?:[ \t]+[A-Z][\w’'.&-]*){0,4})[ \t]*\.?[ \t]*$")
MAX_SPEAKER_WORDS = 8
MAX_TAIL_WORDS = 6


def speech_lemma(word: str) -> str | None:
    """'said' -> 'say', 'replied' -> 'reply', 'notes' -> 'note'; None for a word that is no
    speech verb."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    forms = [w]
    if w.endswith("ied") or w.endswith("ies"):
        forms.append(w[:-3] + "y")
    if w.endswith("ed"):
        forms += [w[:-2], w[:-1]]
    if w.endswith("es"):
        forms.append(w[:-2])
    if w.endswith("s"):
        forms.append(w[:-1])
    return next((f for f in forms if f in SPEECH_VERBS), None)


def _lead_in(line: str, at: int) -> tuple[Span, Span | None] | None:
    """(speaker, cue) of a lead-in line ending in a colon: 'X says:', 'Said X:', 'X said in a
    statement:'; None for anything else."""
    if not line.endswith(":") or "\n" in line or line[:1] in _OPENING:
        return None
    words = [(m.group(), at + m.start()) for m in _WORD.finditer(line[:-1])]
    if not 2 <= len(words) <= MAX_SPEAKER_WORDS + MAX_TAIL_WORDS + 1:
        return None
    if speech_lemma(words[0][0]) and words[0][0][:1].isupper():  # 'Stated Stone:'
        cue, who = words[0], words[1:]
        if len(who) > MAX_SPEAKER_WORDS or not who[0][0][:1].isupper():
            return None
    else:
        verb = next((i for i, (w, _) in enumerate(words) if i > 0 and w.islower() and speech_lemma(w)), None)
        if verb is None or verb > MAX_SPEAKER_WORDS or len(words) - verb - 1 > MAX_TAIL_WORDS:
            return None
        cue, who = words[verb], words[:verb]
        if not (who[0][0][:1].isupper() or who[0][0] in _PRONOUNS):
            return None
    if any(w.lower() in _NOT_IN_SPEAKER for w, _ in who) or any(w.lower() == "he" for w, _ in who[1:]):
        return None
    a, b = who[0][1], who[-1][1] + len(who[-1][0].rstrip(".,"))
    return Span(a, b, line[a - at:b - at]), Span(cue[1], cue[1] + len(cue[0]), cue[0])


def lead_in_speakers(text: str, blocks: tuple[Block, ...] | list[Block],
                     cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """``cands`` with the speaker and cue of each cue-less quotation that fills its paragraph
    and has a lead-in line just before it or a dash line just after it."""
    starts = [b.start for b in blocks]
    out = []
    for c in cands:
        out.append(c)
        if c.speaker is not None or c.cue is not None or c.kind != "direct":
            continue
        i = bisect.bisect_right(starts, c.start) - 1
        if i < 0 or text[blocks[i].start:c.start].strip(_OPENING + _SPACE) or \
                text[c.end:blocks[i].end].strip(_CLOSING + _SPACE + ".,"):
            continue  # the quotation shares its paragraph with other words
        found = None
        if i > 0 and blocks[i - 1].kind == "paragraph":
            prev = blocks[i - 1]
            found = _lead_in(text[prev.start:prev.end].strip(), prev.start + _indent(text, prev))
        if found is None and i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph":
            nxt = blocks[i + 1]
            m = _DASH_LINE.match(text, nxt.start + _indent(text, nxt), nxt.end)
            if m:
                name = m.group(1)
                if name.endswith(".") and len(name.split()[-1]) > 3:  # 'Clinton.' but 'Jr.'
                    name = name[:-1]
                found = (Span(m.start(1), m.start(1) + len(name), name), None)
        if found is None:
            continue
        who, cue = found
        head = who.text.split()[-1].lower()
        out[-1] = replace(c, speaker=who, cue=cue, speaker_head=head,
                          speaker_tag="PRP" if head in _PRONOUNS else "NNP", rule="lead_in")
    return out


def _indent(text: str, block: Block) -> int:
    body = text[block.start:block.end]
    return len(body) - len(body.lstrip())
