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
                             "we", "i", "to", "in", "on", "with", "from", "by", "among", "amid", "for", "about"])
_PRONOUNS = frozenset(["he", "she", "they"])
_LEADING = frozenset(["but", "and", "so", "yet", "still", "then", "now", "later", "instead"])
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write"}
_DASH_LINE = re.compile(r"[-—–]{1,2}[ \t]*([A-Z][\w’'.&-]*(?:[ \t]+[A-Z][\w’'.&-]*){0,4})[ \t]*\.?[ \t]*$")
# A dash line that credits a picture or a wire is no speaker ('- Photo Credit Getty Images').
_CREDITS = frozenset(["the", "photo", "photos", "credit", "credits", "image", "images", "getty", "associated", "press",
                      "reuters", "afp", "ap", "staff", "editor", "editors", "video", "source", "courtesy", "via", "file",
                      "reporting", "contributed", "writer", "wire", "illustration", "graphic"])
_KEEPS_STOP = re.compile(r"(?:\b[A-Z]|\bJr|\bSr|\bInc)\.$")
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
    comma = line.rfind(",", 0, len(line) - 1)
    words = [(m.group(), at + m.start()) for m in _WORD.finditer(line[:-1])]
    if not 2 <= len(words) <= MAX_SPEAKER_WORDS + MAX_TAIL_WORDS + 1:
        return None
    verbs = [i for i, (w, _) in enumerate(words) if i > 0 and w.islower() and speech_lemma(w)]
    first = words[0][0]
    if not verbs and first[:1].isupper() and speech_lemma(first) not in (None, first.lower()):
        cue, who = words[0], words[1:]  # 'Stated Stone:' (an inflected verb first; 'Post Malone says:' is not)
        if len(who) > MAX_SPEAKER_WORDS or not who[0][0][:1].isupper():
            return None
    elif verbs:
        verb = verbs[0]
        if verb > MAX_SPEAKER_WORDS or len(words) - verb - 1 > MAX_TAIL_WORDS:
            return None
        cue = words[verb]
        # 'For example, Mayor Ana Ruiz said:', 'But Ruiz said:': the speaker after them
        who = [w for w in words[:verb] if w[1] > at + comma] if 0 <= comma < cue[1] - at else words[:verb]
        while who and who[0][0].lower() in _LEADING:
            who = who[1:]
        if not who or not (who[0][0][:1].isupper() or who[0][0] in _PRONOUNS):
            return None
    else:
        return None
    if any(w.lower() in _NOT_IN_SPEAKER for w, _ in who) or any(w.lower() in _PRONOUNS for w, _ in who[1:]):
        return None
    a, b = who[0][1], who[-1][1] + len(who[-1][0].rstrip(".,"))
    return Span(a, b, line[a - at:b - at]), Span(cue[1], cue[1] + len(cue[0]), cue[0])


def lead_in_speakers(text: str, blocks: tuple[Block, ...] | list[Block],
                     cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """``cands`` with the speaker and cue of each cue-less quotation that fills its paragraph
    and has a lead-in line just before it or a dash line just after it."""
    starts = [b.start for b in blocks]
    out: list[QuoteCandidate] = []
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
            found = _dash_line(text, blocks[i + 1])
        if found is None:
            continue
        who, cue = found
        head = who.text.split()[-1].lower()
        out[-1] = replace(c, speaker=who, cue=cue, speaker_head=head,
                          speaker_tag="PRP" if head in _PRONOUNS else "NNP", rule="lead_in")
    return out


def _dash_line(text: str, block: Block) -> tuple[Span, None] | None:
    """The name on a dash line ('- Bernie Sanders.'), unless it credits a picture or a wire."""
    m = _DASH_LINE.match(text, block.start + _indent(text, block), block.end)
    if not m or set(m.group(1).lower().replace(".", " ").split()) & _CREDITS:
        return None
    name = m.group(1)
    if name.endswith(".") and not _KEEPS_STOP.search(name):  # 'Clinton.', 'Li.'; not 'Jr.'
        name = name[:-1]
    return Span(m.start(1), m.start(1) + len(name), name), None


def _indent(text: str, block: Block) -> int:
    body = text[block.start:block.end]
    return len(body) - len(body.lstrip())
