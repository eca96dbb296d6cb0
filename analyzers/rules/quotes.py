"""Indirect quotes in one parsed paragraph: reporting verb + clause, stance verb + object,
"according to", noun cues; mixed when the content holds part of a quotation. Direct quotes
are in ``direct.py``.

Pure functions over a spaCy ``Doc``; they return plain dataclasses with offsets into the whole
document (``base`` is where the paragraph starts). Speaker resolution across paragraphs happens
later, in ``speakers.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analyzers.rules.candidates import (
    SUBJECT_DEPS,
    Doc,
    QuoteCandidate,
    Token,
    as_relative,
    build_candidate,
    lemma_of,
    relative_antecedent,
    subject_of,
    text_of,
    token_regions,
    trim,
)
from analyzers.rules.cues import adjective_cue, participle_cue, passive_cue
from analyzers.rules.lexicon import (
    ANONYMITY_WORDS,
    EVIDENCE_VERBS,
    NEEDS_AGENT,
    NOUN_CUES,
    OBJECT_CUES,
    REPORTING_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
)
from analyzers.rules.scorer import features, keep
from analyzers.rules.unsourced import unsourced

# A named subject's object is what was said only after a verb of speech or stance; with any
# other verb ('ditched her escort', 'invited Flowers') it is an act (PolNeAR train: 0.33 precision).
STANCE_OBJECT_VERBS = STANCE_VERBS | SPEECH_VERBS
BROAD_DEPS = ("ccomp", "xcomp", "dobj", "prep:about", "prep:against", "prep:on", "prep:over", "prep:for",
              "prep:of", "prep:to", "prep:with", "prep:at")

_ASIDE = re.compile(
    r",\s+(?:which|who|where|although|though|whereas|including|according|arguing|adding|noting|saying|"
    r"citing|compared|despite|particularly|especially|contradicting|focusing|prompting|"
    r"lambasting|looping|while|after|following|raising|sparking|leaving|making|sending|forcing|"
    r"drawing|triggering|setting)\b|\s+(?:—|--|–)\s|\s+in\s+an?\s+(?:statement|interview|speech|letter)\b|\s+and\s+(?:also\s+)?(?:warned|suggested|said|added|noted|argued|"
    r"called|urged|vowed|promised|insisted|told|acknowledged|denied)\b")


def _is_reporting(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and lemma_of(tok) in REPORTING_VERBS


def _agentive(subj: Token) -> bool:
    return subj.pos_ in ("PROPN", "NOUN") or subj.lower_ in ("he", "she", "they", "we", "i")


def _content_span(doc: Doc, comp: Token) -> tuple[int, int]:
    a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
    a, b = trim(text_of(doc), a, b)
    # A trailing aside ("..., which forced her to leave", "... and warned that") is not part
    # of what was reported; one before the clause's own verb is inside its subject, so the
    # search starts at that verb ('Discussions among X, which are early, have included ...').
    m = _ASIDE.search(text_of(doc), max(a, comp.idx), b)
    if m and len(text_of(doc)[a:m.start()].split()) >= 3:
        b = m.start()
    b = _trailing_aside(doc, comp, a, b)
    return trim(text_of(doc), a, b)


# A trailing 'during the debate', 'after he lost', 'despite the ban' sets the scene of the
# statement, not its substance.
_CIRCUMSTANCE = frozenset(["during", "after", "following", "despite", "amid", "before", "since"])
# 'expressed concern about X', 'showed little enthusiasm for X': the stance is on X.
_ABOUT = frozenset(["about", "on", "for", "against", "over", "toward", "towards"])
_TRAIL_DEPS = frozenset(["relcl", "appos", "advcl", "acl", "npadvmod", "prep"])


def _trailing_aside(doc: Doc, comp: Token, a: int, b: int) -> int:
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


def indirect_quotes(doc: Doc, base: int, regions: list[tuple[int, int]],
                    score: bool = True) -> list[QuoteCandidate]:
    """Reporting verb + clausal complement, and "according to X"; mixed when the content holds
    part of a quotation. ``regions`` are quotation regions relative to the paragraph. With
    ``score`` the trained filter (scorer.py) keeps those it believes; training reads them all."""
    in_region = token_regions(doc, regions)
    out: list[QuoteCandidate] = []

    def add(cand: QuoteCandidate, cue: Token, subj: Token | None) -> None:
        out.append(replace(cand, features=features(doc, base, cue, subj, cand)))

    for tok in doc:
        if in_region[tok.i] >= 0:
            continue  # speech inside a quotation belongs to the quotation
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            cand = _according_to(doc, base, tok, regions, in_region)
            if cand:
                add(replace(cand, rule="according_to"), tok, None)
            continue
        hearsay = unsourced(doc, base, tok, regions, in_region)
        if hearsay is not None:
            add(hearsay, tok, None)
            continue
        if tok.pos_ == "NOUN" and lemma_of(tok) in NOUN_CUES:
            cand = _noun_cue(doc, base, tok, regions, in_region)
            if cand:
                add(replace(cand, rule="noun_cue"), tok, None)
            continue
        if tok.pos_ == "NOUN":  # 'his critique of X', 'Brandt's comments on X': any noun, the filter decides
            cand = _noun_cue(doc, base, tok, regions, in_region, broad=True)
            if cand:
                add(replace(cand, rule="noun_broad", confidence=0.5), tok, None)
                continue
        other = adjective_cue(doc, base, tok, regions, in_region) or passive_cue(doc, base, tok, regions, in_region) \
            or participle_cue(doc, base, tok, regions, in_region)
        if other is not None:
            add(other, tok, None)
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = lemma_of(tok)
        subj0 = subject_of(tok)
        ante = relative_antecedent(tok, subj0)
        subj = ante or subj0
        content = None
        confidence = 1.0
        rule = "speech_verb" if lemma in SPEECH_VERBS else "stance_verb"
        if lemma in REPORTING_VERBS:
            content = _clausal_content(doc, tok, subj)
        if content is None and lemma in OBJECT_CUES:
            content = _object_content(doc, tok, OBJECT_CUES[lemma])
            confidence, rule = 0.8, "object_cue"
        if content is None and subj is not None and (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in ("he", "she", "they")) \
                and tok.tag_ in ("VBD", "VBZ", "VBP", "VBN") and lemma in STANCE_OBJECT_VERBS:
            content = _object_content(doc, tok, ("dobj", "prep:about", "prep:against", "prep:on", "prep:over"))
            confidence, rule = 0.6, "fallback"
            words = text_of(doc)[content[0]:content[1]].split() if content is not None else []
            if content is not None and (len(words) < 2 or (len(words) == 2 and words[0].lower() in ("the", "a", "an"))
                                        or _starts_with_person(doc, content[0])):
                content = None  # "pressured Sheinbaum", "draws the line": acts, not statements
        if subj is not None and tok.dep_ not in ("amod", "aux", "auxpass") and (content is None or rule == "fallback"):
            # before 'broad', which would take 'concern about the merger' whole
            about = _noun_prep_object(doc, tok)
            if about is not None:
                content, confidence, rule = about, 0.5, "noun_object"
        if content is None and subj is not None and tok.dep_ not in ("amod", "aux", "auxpass", "xcomp"):
            # (an xcomp's subject is borrowed from its head, often wrongly: 'pressured X to allow')
            content = _object_content(doc, tok, BROAD_DEPS)
            confidence, rule = 0.5, "broad"  # any verb: the scorer decides
        if content is None and subj is not None:
            content = _short_object(tok)  # 'endorsed Trump', 'opposed it': a stance on one name
            confidence, rule = 0.5, "short_object"
        if content is None:
            continue
        if subj is None or (lemma in NEEDS_AGENT and not _agentive(subj)):
            continue
        if subj.lower_ in ("i", "we") and in_region[subj.i] < 0 and lemma in EVIDENCE_VERBS - SPEECH_VERBS:
            continue  # "we might find out": the writer musing
        if subj.lower_ in ("this", "that", "which", "there", "what", "who") or \
                (subj.lower_ == "it" and lemma not in SPEECH_VERBS):
            continue  # 'it said' can be an outlet or a company; the scorer weighs it
        if rule not in ("short_object", "noun_object") and (content[1] - content[0] < 8 or len(text_of(doc)[content[0]:content[1]].split()) < 2):
            continue
        if any(w in text_of(doc)[content[0]:content[1]].lower() for w in ANONYMITY_WORDS):
            continue  # "asked not to be named": the terms of the interview, not a statement
        if _speculation(tok) or _in_doubt(tok):
            continue  # "Ortiz may have confused ...", "it is unclear whether X said ...": the writer's guess
        if any(in_region[t.i] >= 0 for t in subj.subtree) and subj.pos_ != "PRON":
            continue
        cand = _make(doc, base, content, tok, subj, regions, in_region)
        if cand and ante is not None and subj0 is not None and cand.speaker is not None:
            cand = as_relative(doc, base, cand, subj0)
        if cand:
            add(replace(cand, confidence=confidence, rule=rule), tok, subj)
    return keep(out) if score else out


def _speculation(verb: Token) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & {"may", "might", "could", "must"}) and "have" in aux


def _in_doubt(verb: Token) -> bool:
    """'It is unclear whether officials have floated ...': the writer does not know it happened."""
    if not any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return False
    head = verb.head  # 'unclear whether ...' or 'is unclear whether ...' (the clause on the copula)
    words = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ == "acomp"}
    return bool(words & {"unclear", "uncertain", "unknown", "clear", "know"})


def _starts_with_person(doc: Doc, char: int) -> bool:
    tok = next((t for t in doc if t.idx >= char), None)
    while tok is not None and tok.dep_ in ("compound", "amod", "det") and tok.i + 1 < len(doc):
        if tok.ent_type_ == "PERSON":
            return True
        tok = doc[tok.i + 1]
    return tok is not None and (tok.ent_type_ == "PERSON" or tok.tag_ == "PRP")


def _noun_cue(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
              in_region: list[int], broad: bool = False) -> QuoteCandidate | None:
    """'Clinton's plan to raise taxes', 'Trump's claim that ...': the possessor said it. ``broad``:
    a noun off the cue list, credited to a person or organisation only ('his critique of X')."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ in ("its", "my", "your", "our"):
        return None
    if broad and not (poss.tag_ == "PRP$" or poss.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
        return None
    comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i), None)
    if comp is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "about")), None)
        comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if comp is None:
        return None
    content = _content_span(doc, comp)
    if comp.dep_ == "acl" and doc[comp.left_edge.i].i <= tok.i:
        return None
    if len(text_of(doc)[content[0]:content[1]].split()) < 2:
        return None
    cand = build_candidate(doc, base, content, (tok.idx, tok.idx + len(tok.text)), poss, regions, in_region)
    return replace(cand, confidence=0.7) if cand else None


def _clausal_content(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
    # 'offered X a job, then says he will ...': the clause after the verb, not one before it
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    comp = next((c for c in comps if c.i > tok.i), None) or next(iter(comps), None)
    if comp is None:
        return _as_noted(doc, tok) or _parenthetical_content(doc, tok, subj)
    if comp.i < tok.i and subj is not None and subj.i < comp.i:
        return None  # the verb's own subject sits before the clause: not reported speech
    content = _content_span(doc, comp)
    if comp.i > tok.i:
        content = (max(content[0], tok.idx + len(tok.text)), content[1])
        lost = _subject_on_addressee(doc, tok, comp)
        if lost is not None:
            content = (min(content[0], lost.left_edge.idx), content[1])
    semi = text_of(doc).find(";", content[0], content[1])
    if semi > 0:
        content = trim(text_of(doc), content[0], semi)
    return content


def _as_noted(doc: Doc, tok: Token) -> tuple[int, int] | None:
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


def _parenthetical_content(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
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


def _noun_prep_object(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """'voiced concern about the merger', 'showed little enthusiasm for Brandt': the verb and its
    noun are the cue; what the stance is on is the object of the preposition (a lone name too)."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.pos_ != "NOUN" or obj.ent_type_:
        return None
    about = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in _ABOUT), None)
    pobj = next((c for c in about.children if c.dep_ in ("pobj", "pcomp")), None) if about is not None else None
    if pobj is None:
        return None
    a, b = _content_span(doc, pobj)
    return (a, b) if b > a else None


def _short_object(tok: Token) -> tuple[int, int] | None:
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.left_edge.i != obj.right_edge.i or not (
            obj.pos_ == "PROPN" or obj.lower_ in ("him", "her", "it", "them")):
        return None
    return obj.idx, obj.idx + len(obj.text)


def _object_content(doc: Doc, tok: Token, deps: tuple[str, ...]) -> tuple[int, int] | None:
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
            b = trim(text_of(doc), a, _trailing_aside(doc, right[-1], a, b))[1]
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
        a, b = _content_span(doc, obj)
        if len(text_of(doc)[a:b].split()) >= 2:
            return a, b
    return None


def _according_to(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
                  in_region: list[int]) -> QuoteCandidate | None:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))
    if phrase[0] - sent.start_char > sent.end_char - phrase[1]:
        content = trim(text_of(doc), sent.start_char, phrase[0])
    else:
        content = trim(text_of(doc), phrase[1], sent.end_char)
    if content[1] - content[0] < 15:
        return None
    cue = (tok.idx, to.idx + len(to.text))
    title = None
    if in_region[pobj.i] >= 0 or (pobj.i > 0 and in_region[pobj.i - 1] >= 0):
        # 'according to "Rivers of Steel," a book by ...': the title and its apposition
        last = pobj.right_edge
        title = trim(text_of(doc), min(pobj.left_edge.idx, doc[max(0, pobj.i - 1)].idx), last.idx + len(last.text))
    return build_candidate(doc, base, content, cue, pobj, regions, in_region, title)


def _make(doc: Doc, base: int, content: tuple[int, int], verb: Token, subj: Token,
          regions: list[tuple[int, int]], in_region: list[int]) -> QuoteCandidate | None:
    cue_toks = [verb] + [c for c in verb.children
                         if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    first = min(cue_toks, key=lambda t: t.i)
    last = max(cue_toks, key=lambda t: t.i)
    return build_candidate(doc, base, content, (first.idx, last.idx + len(last.text)), subj, regions, in_region)
