"""Where the content of an attribution begins and ends: the clause or object a cue takes,
cut before trailing asides, scene-setting and coordinated clauses with a subject of their own.

Pure functions over spaCy tokens; spans are (start, end) character offsets into the parsed
paragraph. The rules that choose which of these a cue takes are ``attribution_rules.py``.
"""

from __future__ import annotations

import re

from analyzers.rules.candidates import SUBJECT_DEPS, Doc, Token, text_of, trim
from analyzers.rules.lexicon import STANCE_NOUNS

_ASIDE = re.compile(
    r",\s+(?:which|who|where|although|though|whereas|including|according|arguing|adding|noting|saying|"
    r"citing|compared|despite|particularly|especially|contradicting|focusing|prompting|"
    r"lambasting|looping|while|after|following|raising|sparking|leaving|making|sending|forcing|"
    r"drawing|triggering|setting)\b|\s+(?:—|--|–)\s|\s+in\s+an?\s+(?:statement|interview|speech|letter)\b|\s+and\s+(?:also\s+)?(?:warned|suggested|said|added|noted|argued|"
    r"called|urged|vowed|promised|insisted|told|acknowledged|denied)\b")


def content_span(doc: Doc, comp: Token) -> tuple[int, int]:
    a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
    a, b = trim(text_of(doc), a, b)
    # A trailing aside ("..., which forced her to leave", "... and warned that") is not part
    # of what was reported; one before the clause's own verb is inside its subject, so the
    # search starts at that verb ('Discussions among X, which are early, have included ...').
    m = _ASIDE.search(text_of(doc), max(a, comp.idx), b)
    if m and len(text_of(doc)[a:m.start()].split()) >= 3:
        b = m.start()
    b = trailing_aside(doc, comp, a, b)
    return trim(text_of(doc), a, b)


# A trailing 'during the debate', 'after he lost', 'despite the ban' sets the scene of the
# statement, not its substance.
_CIRCUMSTANCE = frozenset(["during", "after", "following", "despite", "amid", "before", "since"])
# 'expressed concern about X', 'showed little enthusiasm for X': the stance is on X.
_ABOUT = frozenset(["about", "on", "for", "against", "over", "toward", "towards"])
_TRAIL_DEPS = frozenset(["relcl", "appos", "advcl", "acl", "npadvmod", "prep"])


def trailing_aside(doc: Doc, comp: Token, a: int, b: int) -> int:
    """'backed Clinton, who trailed by 20 points': a modifier set off by a comma at the end of
    the content describes it; it is not what was said."""
    last = comp.right_edge
    tok = comp
    while True:
        kids = [c for c in tok.rights if c.right_edge.i == last.i]
        if not kids:
            return b
        kid = kids[0]
        prev = doc[kid.left_edge.i - 1] if kid.left_edge.i > 0 else None
        if kid.dep_ in _TRAIL_DEPS and prev is not None and prev.text == "," and prev.idx > a \
                and prev.idx < b and kid is not comp:
            return min(b, prev.idx)
        if kid.dep_ == "conj" and kid.pos_ in ("VERB", "AUX") and kid.i > comp.i \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in kid.children) \
                and not any(c.dep_ == "mark" for c in kid.children):
            cc = [c for c in tok.children if c.dep_ in ("cc", "punct") and c.i < kid.left_edge.i and c.i > comp.i]
            if cc:
                cut = max(cc, key=lambda c: c.i)
                while cut.i > 0 and doc[cut.i - 1].text in (",", "and", "but"):
                    cut = doc[cut.i - 1]
                if cut.idx > a and len(text_of(doc)[a:cut.idx].split()) >= 2:
                    return min(b, cut.idx)
        if kid.dep_ in ("prep", "advcl") and kid.i > comp.i and prev is not None and prev.idx > a:
            word = kid.lower_ if kid.dep_ == "prep" else next((c.lower_ for c in kid.children if c.dep_ == "mark"), "")
            if word in _CIRCUMSTANCE and len(text_of(doc)[a:kid.left_edge.idx].split()) >= 2:
                return min(b, kid.left_edge.idx)
        tok = kid
        if tok.i == last.i:
            return b


def clausal_content(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
    # 'offered X a job, then says he will ...': the clause after the verb, not one before it
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    comp = next((c for c in comps if c.i > tok.i), None) or next(iter(comps), None)
    if comp is None:
        return as_noted(doc, tok) or parenthetical_content(doc, tok, subj)
    if comp.i < tok.i and subj is not None and subj.i < comp.i:
        return None  # the verb's own subject sits before the clause: not reported speech
    content = content_span(doc, comp)
    if comp.i > tok.i:
        content = (max(content[0], tok.idx + len(tok.text)), content[1])
        lost = _subject_on_addressee(doc, tok, comp)
        if lost is not None:
            content = (min(content[0], lost.left_edge.idx), content[1])
    semi = text_of(doc).find(";", content[0], content[1])
    if semi > 0:
        content = trim(text_of(doc), content[0], semi)
    return content


def as_noted(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """'As the Gazette reported, the plant will close': the main clause is what was reported."""
    head = tok.head
    if tok.dep_ != "advcl" or head.i <= tok.i or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    end = tok.right_edge.i if tok.right_edge.text == "," else tok.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ",":
        return None
    sent = tok.sent
    a, b = trim(text_of(doc), doc[end + 1].idx, sent.end_char) if end + 1 < sent.end else (0, 0)
    return (a, b) if b - a >= 12 else None


def _subject_on_addressee(doc: Doc, verb: Token, comp: Token) -> Token | None:
    """'told Trump her administration would cooperate': the parse hangs the clause's subject on
    the addressee; return that noun phrase's head so the content starts with it."""
    if any(c.dep_ in (*SUBJECT_DEPS, "expl") for c in comp.children) or comp.left_edge.i == 0:
        return None
    np = doc[comp.left_edge.i - 1]
    addressee = np.head
    if np.pos_ in ("NOUN", "PROPN", "PRON") and addressee.i > verb.i and addressee.head.i == verb.i \
            and np.dep_ in ("dobj", "appos", "npadvmod", "attr"):
        return np
    return None


def parenthetical_content(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
    """'The talks, she said, were productive.' / 'The talks were productive, she said.' /
    '..., said Ms. Kelly.': the attribution is set off by commas and the clause around it is
    what was said."""
    if subj is None or tok.dep_ not in ("parataxis", "advcl", "ROOT", "conj"):
        return None
    group_a = min(subj.left_edge.i, tok.i)
    group_b = max(subj.right_edge.i, tok.i)
    if group_a == tok.sent.start or not _after_comma(doc, group_a):
        return None
    sent = tok.sent
    tail = doc[group_b + 1 : sent.end]
    rest = [t for t in tail if not t.is_punct and not t.is_space]
    if rest and tail[0].text != ",":
        return None
    end = sent.end_char if rest else doc[group_a].idx
    a, b = trim(text_of(doc), sent.start_char, end)
    return (a, b) if b - a >= 12 else None


def _after_comma(doc: Doc, i: int) -> bool:
    prev = doc[i - 1] if i > 0 else None
    return prev is not None and prev.text in (",", "”", '"', "''", "—", "--")


def noun_prep_object(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """'voiced concern about the merger', 'showed little enthusiasm for Brandt': the verb and its
    noun are the cue; what the stance is on is the object of the preposition (a lone name too)."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.pos_ != "NOUN" or obj.ent_type_ or obj.lower_ not in STANCE_NOUNS:
        return None  # 'found a site for X', 'suggested a meeting on X': a thing, an event
    about = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in _ABOUT), None)
    pobj = next((c for c in about.children if c.dep_ in ("pobj", "pcomp")), None) if about is not None else None
    if pobj is None:
        return None
    a, b = content_span(doc, pobj)
    return (a, b) if b > a else None


def short_object(tok: Token) -> tuple[int, int] | None:
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.left_edge.i != obj.right_edge.i or not (
            obj.pos_ == "PROPN" or obj.lower_ in ("him", "her", "it", "them")):
        return None
    return obj.idx, obj.idx + len(obj.text)


def object_content(doc: Doc, tok: Token, deps: tuple[str, ...]) -> tuple[int, int] | None:
    if "right" in deps:  # "called the charges unsubstantiated", "called on Trump to apologize"
        right = [c for c in tok.rights if not c.is_punct and c.dep_ not in ("advmod", "npadvmod", "cc", "conj", "agent")]
        for k, c in enumerate(right[1:], 1):  # 'called him competent, after ...': not what was said
            prev = doc[c.left_edge.i - 1]
            word = c.lower_ if c.dep_ == "prep" else next((m.lower_ for m in c.children if m.dep_ == "mark"), "")
            if c.dep_ in ("advcl", "prep") and (prev.text == "," or word in _CIRCUMSTANCE):
                right = right[:k]
                break
        if right and not (right[0].dep_ == "prep" and right[0].lower_ not in ("for", "on")):
            a = right[0].left_edge.idx if right[0].dep_ != "prep" else right[0].idx + len(right[0].text) + 1
            last = right[-1].right_edge
            a, b = trim(text_of(doc), a, last.idx + len(last.text))
            b = trim(text_of(doc), a, trailing_aside(doc, right[-1], a, b))[1]
            if len(text_of(doc)[a:b].split()) >= 2:
                return a, b
        return None
    for dep in deps:
        if dep.startswith("prep:"):
            word = dep[5:]
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == word), None)
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        else:
            obj = next((c for c in tok.children if c.dep_ == dep), None)
        if obj is None or obj.i < tok.i:
            continue
        if obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that", "them", "him", "her"):
            continue
        if dep == "dobj" and _addressee(tok, obj):
            continue
        a, b = content_span(doc, obj)
        if len(text_of(doc)[a:b].split()) >= 2:
            return a, b
    return None


def _addressee(verb: Token, obj: Token) -> bool:
    """'told a reporter not to moan', 'told him': whom it was told to, not what."""
    if verb.lemma_.lower() not in ("tell", "ask"):
        return False
    return obj.ent_type_ in ("PERSON", "NORP", "ORG") or obj.pos_ == "PRON" or any(
        c.dep_ in ("xcomp", "ccomp") and c.i > obj.i for c in verb.children)
