"""spaCy's AttributeRuler, applied the same way but found faster.

The small English model's attribute ruler holds 179 rules (its tag map and exceptions: "gonna",
"ain't", auxiliaries, pronoun cases). spaCy runs every rule's Matcher pattern at every token,
which is 12% of the whole parse. Here each token looks up only the rules that can match it (by
its tag, its lower-case form, its dependency, or whether it is a space; a few rules are tried
everywhere), so the work is a few dictionary lookups a token.

The result is the same to the bit (tests/analyzers/test_indexed_ruler.py compares every token's
tag, POS, morphology, lemma and dependency): every match is found on the tokens as the parser
left them, then each token gets the attributes of its matching rules in rule order, later rules
overriding earlier ones, exactly as ``AttributeRuler.match`` sorts and ``set_annotations``
applies them. A rule language this does not know (an operator, another attribute) keeps
spaCy's own ruler: :func:`install` says so by returning False.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# the token attributes the rules test, read once per doc
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_INDEXED = ("TAG", "LOWER", "DEP")   # a rule is filed under its first token's value of one of these

MAX_SIGNATURES = 200_000   # token signatures remembered (~40 MB at most)

Pred = Callable[[tuple[str, str, str, bool]], bool]


class UnsupportedRule(ValueError):
    """A pattern this module cannot reproduce exactly."""


def _predicate(attr: str, spec: Any) -> Pred:
    i = _ATTRS.index(attr)
    if isinstance(spec, (str, bool)):
        return lambda tok: tok[i] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, value), = spec.items()
        if op == "IN":
            allowed = frozenset(value)
            return lambda tok: tok[i] in allowed
        if op == "NOT_IN":
            barred = frozenset(value)
            return lambda tok: tok[i] not in barred
        if op == "REGEX" and attr != "IS_SPACE":
            search = re.compile(value).search
            return lambda tok: search(tok[i]) is not None
    raise UnsupportedRule(f"{attr}: {spec!r}")


def _token_test(pattern_token: dict[str, Any]) -> Pred:
    preds = []
    for attr, spec in pattern_token.items():
        if attr not in _ATTRS:
            raise UnsupportedRule(attr)
        preds.append(_predicate(attr, spec))
    return lambda tok: all(p(tok) for p in preds)


def _keys(pattern_token: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    """Where a rule is filed: (attribute, the values its first token may have), or ("", ())
    for a rule tried at every token."""
    for attr in _INDEXED:
        spec = pattern_token.get(attr)
        if isinstance(spec, str):
            return attr, (spec,)
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return attr, tuple(spec["IN"])
    if pattern_token.get("IS_SPACE") is True:
        return "IS_SPACE", (True,)
    return "", ()


class IndexedAttributeRuler:
    """A pipeline component equal to the AttributeRuler it is built from."""

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        # one-token rules depend on the token alone: what matches a (tag, lower, dep, space)
        # signature is worked out once; longer rules are filed by their first token and tried
        self.single: dict[str, dict[Any, list[tuple[int, Pred]]]] = {a: {} for a in (*_INDEXED, "IS_SPACE")}
        self.single_everywhere: list[tuple[int, Pred]] = []
        self.longer: dict[str, dict[Any, list[tuple[int, int, list[Pred]]]]] = {a: {} for a in (*_INDEXED, "IS_SPACE")}
        self.longer_everywhere: list[tuple[int, int, list[Pred]]] = []
        self.attrs: list[dict[Any, Any]] = []
        self.indices: list[int] = []
        for rule in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                if not pattern or any("OP" in t for t in pattern):
                    raise UnsupportedRule(f"rule {rule}: {pattern!r}")
                tests = [_token_test(t) for t in pattern]
                attr, values = _keys(pattern[0])
                if len(pattern) > 1:
                    if not attr:
                        self.longer_everywhere.append((rule, len(pattern), tests))
                    for value in values:
                        self.longer[attr].setdefault(value, []).append((rule, len(pattern), tests))
                    continue
                if not attr:
                    self.single_everywhere.append((rule, tests[0]))
                for value in values:
                    self.single[attr].setdefault(value, []).append((rule, tests[0]))
            self.attrs.append(ruler.attrs[rule])
            self.indices.append(ruler.indices[rule])
            if ruler.indices[rule] not in (0, -1) and len(patterns[0]) == 1:
                raise UnsupportedRule(f"rule {rule}: index {ruler.indices[rule]}")
        self._by_signature: dict[tuple[str, str, str, bool], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def _single_rules(self, tok: tuple[str, str, str, bool]) -> tuple[int, ...]:
        s = self.single
        found = []
        for candidates in (s["TAG"].get(tok[0]), s["LOWER"].get(tok[1]), s["DEP"].get(tok[2]),
                           s["IS_SPACE"].get(True) if tok[3] else None, self.single_everywhere):
            found += [rule for rule, test in candidates or () if test(tok)]
        return tuple(found)

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        strings = self.vocab.strings
        names: dict[int, str] = {0: ""}

        def name(h: int) -> str:
            s = names.get(h)
            if s is None:
                s = names[h] = strings[h]
            return s

        toks = [(name(t), name(lo), name(d), bool(sp))
                for t, lo, d, sp in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        by_signature = self._by_signature
        if len(by_signature) > MAX_SIGNATURES:  # an archive's vocabulary keeps growing
            by_signature.clear()
        rules_at: list[tuple[int, ...]] = []
        for tok in toks:
            found = by_signature.get(tok)
            if found is None:
                found = by_signature[tok] = self._single_rules(tok)
            rules_at.append(found)
        n = len(toks)
        lg = self.longer
        for i, tok in enumerate(toks):   # a handful of rules ("gon na", "there is")
            for candidates in (lg["TAG"].get(tok[0]), lg["LOWER"].get(tok[1]), lg["DEP"].get(tok[2]),
                               lg["IS_SPACE"].get(True) if tok[3] else None, self.longer_everywhere):
                for rule, length, tests in candidates or ():
                    if i + length <= n and all(test(toks[i + k]) for k, test in enumerate(tests)):
                        index = self.indices[rule]
                        target = i + (index if index >= 0 else length + index)
                        rules_at[target] = tuple(sorted({*rules_at[target], rule}))
        merged = self._merged
        for i, rules in enumerate(rules_at):
            if not rules:
                continue
            attrs = merged.get(rules)
            if attrs is None:
                attrs = merged[rules] = {}
                for rule in sorted(set(rules)):   # rule order: the later rule's value stands
                    attrs.update(self.attrs[rule])
            set_token_attrs(doc[i], attrs)
        return doc


FACTORY = "copydesk_indexed_attribute_ruler"
_BUILT: dict[int, IndexedAttributeRuler] = {}


def install(nlp: Any) -> bool:
    """Put an IndexedAttributeRuler in place of ``nlp``'s "attribute_ruler" (same name, same
    place); False, and nothing changed, when there is none or one of its rules is unsupported."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        fast = IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))
    except UnsupportedRule:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name, key: _BUILT.pop(key))  # type: ignore[misc]
    name = "attribute_ruler"
    _BUILT[id(fast)] = fast   # a config holds JSON only: the factory is handed a key to it
    nlp.add_pipe(FACTORY, name=f"{name}_indexed", after=name, config={"key": id(fast)})
    nlp.remove_pipe(name)
    nlp.rename_pipe(f"{name}_indexed", name)
    return True


__all__ = ["IndexedAttributeRuler", "install"]
