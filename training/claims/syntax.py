"""An experiment kept for the record (candidates ``D``, ``B+D``, ``S+D`` in models.py): dense
features over the parse spaCy has already made, and the sentence's place among its neighbours.
None of them is shipped: on the time split they add nothing to the TF-IDF blocks (hand
features, token vectors) or cost 0.04-0.07 MAP (the neighbours and the turn: ClaimBuster lines
have none, and a debate's turns are short where a speech is one long turn). See
analyzers/rules/claims_model/README.md.

A sentence's row (``sentence_row``) holds
- the rule features of ``claim_rules`` (statistic, date, comparison, hedged, question, …);
- the shape of the assertion: the root's tense and mood, who the subject is (I, we, you, a
  named actor, a thing), passive, negation, modals, a complement clause, a condition;
- what it asserts: counts, money, percentages, superlatives, absolutes ("never", "every"),
  verbs of record ("voted", "was formed", "signed", "cut"), a named actor with a past action,
  "I was against…";
- what it is not: greetings and thanks, promises ("we're going to"), opinion words, imperatives,
  cut-off lines;
- the mean of spaCy's ``tok2vec`` vectors over its tokens (96 numbers the tagger, parser and
  NER already read: how the sentence is built, not its topic words).

``block_rows`` adds the context within its block (a paragraph of an article, a speaker's turn
of a debate): the previous and next sentence's hand features and where the sentence stands.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analyzers.rules.claim_rules import sentence_features

RULES = ("statistic", "money", "percent", "date", "named entity", "comparison", "strict comparison",
         "causal claim", "hedged", "quantity word", "past tense", "prediction", "first person", "you",
         "question", "short", "subjective", "signpost")
HAND = (*RULES, "len", "numbers", "digits", "ents", "person", "org", "gpe", "norp", "law_event", "cardinal", "root_verb", "root_past", "root_present", "root_be", "root_noun", "modal", "will", "going_to", "subj_none", "subj_i", "subj_we", "subj_you", "subj_pron3", "subj_named", "subj_noun", "passive", "negation", "ccomp", "condition", "superlative", "than", "absolute", "record_verb", "actor_past", "i_past", "position", "opinion", "greeting", "imperative", "exclaim", "cut_off", "propn_share", "pron_share", "adj_share", "there_is", "wh_start")
TENSOR = 96
# The hand features a neighbour lends a sentence (its vector stays its own).
NEIGHBOUR = ("statistic", "date", "named entity", "question", "short", "first person", "past tense",
             "prediction", "opinion", "greeting", "len", "numbers", "root_past")
CONTEXT = ("first", "last", "block_len", "alone")
WIDTH = len(HAND) + TENSOR + 2 * len(NEIGHBOUR) + len(CONTEXT)
_H = {name: i for i, name in enumerate(HAND)}
_NEIGHBOUR_COLS = np.asarray([_H[n] for n in NEIGHBOUR])

_RECORD = frozenset(["vote", "oppose", "support", "sign", "pass", "create", "form", "found", "build", "cut", "raise", "lose", "win", "kill", "invade", "approve", "fund", "spend", "increase", "decrease", "double", "triple", "reduce", "ban", "fire", "hire", "close", "open", "start", "end", "appoint", "elect", "defeat", "leave", "join", "withdraw", "destroy", "bring", "add", "lower", "borrow", "owe", "pay", "shut", "veto", "back", "endorse", "propose", "introduce", "write"])
_OPINION = frozenset(["think", "believe", "feel", "hope", "want", "love", "like", "great", "wonderful", "terrible", "tremendous", "beautiful", "incredible", "amazing", "disaster", "horrible", "fantastic", "honor", "proud", "nice", "sad", "bad", "good", "happy", "glad", "sure", "deserve", "important"])
_GREETING = frozenset(["thank", "thanks", "welcome", "hello", "congratulations", "applause", "laughter", "goodnight", "bless", "cheers", "booing", "crosstalk"])
_ABSOLUTE = frozenset(["never", "ever", "always", "every", "all", "none", "only", "first", "last", "record", "history", "nobody", "everybody", "everyone", "anybody"])
_WH = frozenset(["what", "why", "how", "who", "where", "when", "which", "do", "does", "did", "is",
                 "are", "will", "would", "can", "could", "should"])
_FIRST = frozenset(["i", "me"])
_PRON3 = frozenset(["he", "she", "it", "they", "this", "that", "these", "those"])
_NAMED = frozenset(["PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC"])


def sentence_row(sent: Any, feats: set[str] | None = None) -> np.ndarray:
    """The hand features and the mean token vector of one spaCy sentence span."""
    feats = sentence_features(sent) if feats is None else feats
    v = np.zeros(len(HAND) + TENSOR, dtype=np.float64)
    for name in RULES:
        if name in feats:
            v[_H[name]] = 1.0
    words = [t for t in sent if not t.is_punct and not t.is_space]
    n = max(1, len(words))
    lemmas = [t.lemma_.lower() for t in words]
    lower = [t.lower_ for t in words]
    ents = [e.label_ for e in sent.ents]

    def put(name: str, value: float | bool) -> None:
        v[_H[name]] = float(value)

    put("len", min(np.log1p(len(words)) / 4, 1.5))
    nums = sum(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY") for t in words)
    put("numbers", min(nums, 4) / 4)
    put("digits", any(any(c.isdigit() for c in t.text) for t in words))
    put("ents", min(len(ents), 4) / 4)
    put("person", "PERSON" in ents)
    put("org", "ORG" in ents)
    put("gpe", "GPE" in ents)
    put("norp", "NORP" in ents)
    put("law_event", "LAW" in ents or "EVENT" in ents)
    put("cardinal", "CARDINAL" in ents)
    root = sent.root
    tense = root.morph.get("Tense")
    kids = list(root.children)
    aux = [k for k in kids if k.dep_ in ("aux", "auxpass")]
    aux_tense = [x for k in aux for x in k.morph.get("Tense")]
    put("root_verb", root.pos_ in ("VERB", "AUX"))
    put("root_past", "Past" in aux_tense or ("Past" in tense and root.tag_ == "VBD")
        or (root.tag_ == "VBN" and bool(aux)))
    put("root_present", "Pres" in tense or "Pres" in aux_tense)
    put("root_be", root.lemma_ == "be")
    put("root_noun", root.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))
    modal = [k for k in aux if k.tag_ == "MD"]
    put("modal", bool(modal))
    put("will", any(k.lower_ in ("will", "'ll", "wo", "shall") for k in modal))
    put("going_to", "going to" in " ".join(lower))
    subj = [k for k in kids if k.dep_ in ("nsubj", "nsubjpass", "expl")]
    s = subj[0] if subj else None
    sl = s.lower_ if s is not None else ""
    put("subj_none", s is None)
    put("subj_i", sl in _FIRST)
    put("subj_we", sl in ("we", "us"))
    put("subj_you", sl == "you")
    put("subj_pron3", sl in _PRON3)
    named = s is not None and (s.ent_type_ in _NAMED or s.pos_ == "PROPN")
    put("subj_named", named)
    put("subj_noun", s is not None and s.pos_ == "NOUN")
    put("passive", any(k.dep_ in ("nsubjpass", "auxpass") for k in kids))
    put("negation", any(t.dep_ == "neg" or t.lower_ in ("never", "no", "nothing") for t in words))
    put("ccomp", any(k.dep_ == "ccomp" for k in kids))
    put("condition", "if" in lower or "unless" in lower)
    put("superlative", any(t.tag_ in ("JJS", "RBS") for t in words))
    put("than", "than" in lower)
    put("absolute", any(w in _ABSOLUTE for w in lower))
    past = v[_H["root_past"]] > 0
    record = root.lemma_.lower() in _RECORD or any(t.lemma_.lower() in _RECORD and t.tag_ in ("VBD", "VBN")
                                                    for t in words)
    put("record_verb", record)
    put("actor_past", named and past)
    put("i_past", sl in ("i", "we") and past)
    put("position", any(t.lower_ in ("against", "for", "supported", "opposed") and t.dep_ == "prep"
                        for t in words if t.head is root) or root.lemma_.lower() in ("vote", "oppose", "support"))
    put("opinion", any(w in _OPINION for w in lemmas))
    put("greeting", any(w in _GREETING for w in lemmas) or " ".join(lower[:2]) in ("good evening", "good morning"))
    put("imperative", root.tag_ == "VB" and s is None and not modal)
    text = sent.text.rstrip()
    put("exclaim", text.endswith("!"))
    put("cut_off", text.endswith(("--", "—", "...", "…", "-")))
    put("propn_share", sum(t.pos_ == "PROPN" for t in words) / n)
    put("pron_share", sum(t.pos_ == "PRON" for t in words) / n)
    put("adj_share", sum(t.pos_ == "ADJ" for t in words) / n)
    put("there_is", bool(subj) and subj[0].dep_ == "expl")
    put("wh_start", bool(lower) and lower[0] in _WH and text.endswith("?"))
    tensor = sent.doc.tensor
    if tensor is not None and len(tensor) >= sent.end and tensor.shape[1] == TENSOR:
        v[len(HAND):] = tensor[sent.start:sent.end].mean(axis=0)
    return v


def block_rows(rows: list[np.ndarray]) -> np.ndarray:
    """The model's dense input for the sentences of one block, in order: each sentence's own
    row, its neighbours' hand features and its place in the block."""
    n = len(rows)
    out = np.zeros((n, WIDTH), dtype=np.float64)
    if not n:
        return out
    own = np.vstack(rows)
    k = own.shape[1]
    m = len(NEIGHBOUR)
    out[:, :k] = own
    hand = own[:, _NEIGHBOUR_COLS]
    out[1:, k:k + m] = hand[:-1]
    out[:-1, k + m:k + 2 * m] = hand[1:]
    c = k + 2 * m
    out[0, c] = 1.0                     # first of the block: no previous sentence
    out[-1, c + 1] = 1.0                # last: no next one
    out[:, c + 2] = min(np.log1p(n) / 3, 1.5)
    out[:, c + 3] = float(n == 1)
    return out
