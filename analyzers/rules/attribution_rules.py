"""The attribution rules as a table: each ``Rule`` says when it applies to a token and what it
extracts; ``quotes.indirect_quotes`` tries them in order, and the first that extracts wins.

Two tables. ``TOKEN_RULES`` build a whole candidate from any token ('according to X', a noun
cue, an adjective, a passive, a participle, a statement attributed to no one). ``VERB_RULES``
give the content a verb with a subject takes (its clause, its object, a stance on a noun's
object ...); ``VETOES`` then judge that one content (a vetoed content is not replaced by the next
rule's). Every candidate carries ``r=<rule name>`` among its features, so each rule needs a
weight in the trained filter (``scorer.py``; a test checks the table against the weights).

Word lists are data (``lexicon.py``); content boundaries are ``content.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from analyzers.rules.candidates import (
    Doc,
    QuoteCandidate,
    Token,
    lemma_of,
    relative_antecedent,
    subject_of,
    text_of,
)
from analyzers.rules.content import (
    clausal_content,
    noun_prep_object,
    object_content,
    short_object,
)
from analyzers.rules.cues import (
    according_to,
    adjective_cue,
    noun_cue,
    participle_cue,
    passive_cue,
)
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
from analyzers.rules.unsourced import unsourced

# Words that report speech, thought or evidence, or voice a stance: only these make an object
# or a short content a statement.
CUE_WORDS = REPORTING_VERBS | STANCE_VERBS | frozenset(OBJECT_CUES)
# A named subject's object is what was said only after a verb of speech or stance; with any
# other verb ('ditched her escort', 'invited Flowers') it is an act (PolNeAR train: 0.33 precision).
STANCE_OBJECT_VERBS = STANCE_VERBS | SPEECH_VERBS
BROAD_DEPS = ("ccomp", "xcomp", "dobj", "prep:about", "prep:against", "prep:on", "prep:over", "prep:for",
              "prep:of", "prep:to", "prep:with", "prep:at")
FALLBACK_DEPS = ("dobj", "prep:about", "prep:against", "prep:on", "prep:over")
VERB_POS = ("VERB", "AUX")
_NAMED = ("PERSON", "ORG", "NORP", "GPE")


@dataclass
class Site:
    """One token of a parsed paragraph and what the rules ask of it (computed once, on demand)."""

    doc: Doc
    base: int
    tok: Token
    regions: list[tuple[int, int]]
    in_region: list[int] = field(repr=False)

    @cached_property
    def lemma(self) -> str:
        return lemma_of(self.tok)

    @cached_property
    def own_subject(self) -> Token | None:
        """The verb's subject as parsed ('who' in 'officials who said')."""
        return subject_of(self.tok)

    @cached_property
    def antecedent(self) -> Token | None:
        """What a relative-pronoun subject stands for ('officials'), or None."""
        return relative_antecedent(self.tok, self.own_subject)

    @cached_property
    def subject(self) -> Token | None:
        return self.antecedent or self.own_subject

    def cand(self, fn: Callable[..., QuoteCandidate | None]) -> QuoteCandidate | None:
        return fn(self.doc, self.base, self.tok, self.regions, self.in_region)


@dataclass(frozen=True, slots=True)
class Rule:
    """``applies``: a cheap test of the token. ``extract``: a candidate (token rules) or the
    content span (verb rules), None when the rule finds nothing. ``speech``: the cue reports
    speech or writing, so a statement inside it is kept as its child (``statements.nest``).
    ``final``: once it applies, no later rule is tried, found or not. ``short``: a content of
    one word or under 8 characters is allowed ('endorsed Trump')."""

    name: str
    applies: Callable[[Site], bool]
    extract: Callable[[Site], Any]
    speech: bool = False
    confidence: float = 1.0
    final: bool = False
    short: bool = False


def _always(_: Site) -> bool:
    return True


def _has_subject(s: Site) -> bool:
    return s.subject is not None


def _fallback(s: Site) -> tuple[int, int] | None:
    """The object of a speech or stance verb with a named or personal subject, unless it is an
    act on a person or a bare noun ('pressured Sheinbaum', 'draws the line')."""
    content = object_content(s.doc, s.tok, FALLBACK_DEPS)
    if content is None:
        return None
    words = text_of(s.doc)[content[0]:content[1]].split()
    if len(words) < 2 or (len(words) == 2 and words[0].lower() in ("the", "a", "an")) \
            or _starts_with_person(s.doc, content[0]):
        return None
    return content


def _starts_with_person(doc: Doc, char: int) -> bool:
    tok = next((t for t in doc if t.idx >= char), None)
    while tok is not None and tok.dep_ in ("compound", "amod", "det") and tok.i + 1 < len(doc):
        if tok.ent_type_ == "PERSON":
            return True
        tok = doc[tok.i + 1]
    return tok is not None and (tok.ent_type_ == "PERSON" or tok.tag_ == "PRP")


TOKEN_RULES: tuple[Rule, ...] = (
    Rule("according_to", lambda s: s.tok.lower_ == "according" and any(c.lower_ == "to" for c in s.tok.children),
         lambda s: s.cand(according_to), speech=True, final=True),
    Rule("no_source", _always, lambda s: s.cand(unsourced), confidence=0.7),
    Rule("noun_cue", lambda s: s.tok.pos_ == "NOUN" and s.lemma in NOUN_CUES,
         lambda s: s.cand(noun_cue), confidence=0.7, final=True),
    # 'his critique of X', 'Brandt's comments on X': any noun, the filter decides
    Rule("noun_broad", lambda s: s.tok.pos_ == "NOUN",
         lambda s: noun_cue(s.doc, s.base, s.tok, s.regions, s.in_region, broad=True), confidence=0.5),
    Rule("adjective", _always, lambda s: s.cand(adjective_cue), confidence=0.5),
    Rule("passive", _always, lambda s: s.cand(passive_cue), confidence=0.5),
    Rule("participle", _always, lambda s: s.cand(participle_cue), confidence=0.5),
)

VERB_RULES: tuple[Rule, ...] = (
    Rule("speech_verb", lambda s: s.lemma in REPORTING_VERBS and s.lemma in SPEECH_VERBS,
         lambda s: clausal_content(s.doc, s.tok, s.subject), speech=True),
    Rule("stance_verb", lambda s: s.lemma in REPORTING_VERBS and s.lemma not in SPEECH_VERBS,
         lambda s: clausal_content(s.doc, s.tok, s.subject)),
    Rule("object_cue", lambda s: s.lemma in OBJECT_CUES,
         lambda s: object_content(s.doc, s.tok, OBJECT_CUES[s.lemma]), confidence=0.8),
    # before 'fallback' and 'broad', which would take 'concern about the merger' whole
    Rule("noun_object", lambda s: s.subject is not None and s.tok.dep_ not in ("amod", "aux", "auxpass"),
         lambda s: noun_prep_object(s.doc, s.tok), confidence=0.5, short=True),
    Rule("fallback", lambda s: s.subject is not None
         and (s.subject.ent_type_ in _NAMED or s.subject.lower_ in ("he", "she", "they"))
         and s.tok.tag_ in ("VBD", "VBZ", "VBP", "VBN") and s.lemma in STANCE_OBJECT_VERBS,
         _fallback, confidence=0.6),
    # any verb: the filter decides (an xcomp's subject is borrowed from its head, often wrongly:
    # 'pressured X to allow')
    Rule("broad", lambda s: s.subject is not None and s.tok.dep_ not in ("amod", "aux", "auxpass", "xcomp"),
         lambda s: object_content(s.doc, s.tok, BROAD_DEPS), confidence=0.5),
    # 'endorsed Trump', 'opposed it': a stance on one name
    Rule("short_object", _has_subject, lambda s: short_object(s.tok), confidence=0.5, short=True),
)

RULES = TOKEN_RULES + VERB_RULES


def _agentive(subj: Token) -> bool:
    return subj.pos_ in ("PROPN", "NOUN") or subj.lower_ in ("he", "she", "they", "we", "i")


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


def _content_text(s: Site, content: tuple[int, int]) -> str:
    return text_of(s.doc)[content[0]:content[1]]


Veto = Callable[[Site, Token, Rule, tuple[int, int]], bool]

# 'voters were urged to stay home', 'was asked how the war would end': the passive's subject is
# who was asked; who asked is the agent, when there is one
ADDRESSEE_CUES = frozenset(["ask", "urge", "tell", "order", "instruct", "advise", "warn", "encourage", "press",
                            "push", "implore", "beg", "invite", "request", "direct", "remind"])


def addressed(verb: Token, subj: Token | None) -> bool:
    """The subject is the one spoken to, not the speaker."""
    return subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == verb.i \
        and lemma_of(verb) in ADDRESSEE_CUES


# (name, test of the site, its subject, the rule and its content): a verb rule's content is
# dropped when any test is true; a content with no subject is always dropped.
VETOES: tuple[tuple[str, Veto], ...] = (
    ("needs an agent", lambda s, subj, r, c: s.lemma in NEEDS_AGENT and not _agentive(subj)),
    # "we might find out": the writer musing
    ("writer musing", lambda s, subj, r, c: subj.lower_ in ("i", "we") and s.in_region[subj.i] < 0
     and s.lemma in EVIDENCE_VERBS - SPEECH_VERBS),
    # 'it said' can be an outlet or a company; the scorer weighs it
    ("not a speaker", lambda s, subj, r, c: subj.lower_ in ("this", "that", "which", "there", "what", "who")
     or (subj.lower_ == "it" and s.lemma not in SPEECH_VERBS)),
    ("too short", lambda s, subj, r, c: not r.short and (c[1] - c[0] < 8 or len(_content_text(s, c).split()) < 2)),
    # "asked not to be named": the terms of the interview, not a statement
    ("anonymity terms", lambda s, subj, r, c: any(w in _content_text(s, c).lower() for w in ANONYMITY_WORDS)),
    # "Ortiz may have confused ...", "it is unclear whether X said ...": the writer's guess
    ("writer's guess", lambda s, subj, r, c: _speculation(s.tok) or _in_doubt(s.tok)),
    ("subject quoted", lambda s, subj, r, c: subj.pos_ != "PRON"
     and any(s.in_region[t.i] >= 0 for t in subj.subtree)),
    ("not a statement", lambda s, subj, r, c: _object_not_said(s, r, c)),
    # 'grew without anyone being asked to say no', 'left without saying why': it did not happen
    ("did not happen", lambda s, subj, r, c: s.tok.dep_ == "pcomp" and s.tok.head.lower_ == "without"),
)


def _object_not_said(s: Site, rule: Rule, content: tuple[int, int]) -> bool:
    """'signed a ten-year contract', 'gave a high-five', 'were shaped to bring luck': a verb
    that neither reports speech, thought or evidence nor voices a stance takes an object, an
    event or an action, not a statement; only a clause ('hinted that ...') can be one."""
    return rule.name == "broad" and s.lemma not in CUE_WORDS and _content_dep(s, content) != "ccomp"


def _content_dep(s: Site, content: tuple[int, int]) -> str:
    tok = next((t for t in s.tok.sent if t.idx >= content[0]), None)
    for _ in range(40):
        if tok is None or tok.head.i == tok.i:
            return "other"
        if tok.head.i == s.tok.i:
            return tok.dep_
        tok = tok.head
    return "other"


def vetoed(site: Site, rule: Rule, content: tuple[int, int]) -> str | None:
    """The name of the first veto against this content, or None."""
    subj = site.subject
    if subj is None:
        return "no subject"
    return next((name for name, test in VETOES if test(site, subj, rule, content)), None)
