"""Parsed spaCy Docs kept on disk, so a benchmark re-runs only the rules.

``CachedNLP(nlp, path)`` stands in for ``nlp`` wherever the pipeline calls ``nlp.pipe``: texts
already parsed come from the cache (a ``DocBin`` file), the rest are parsed and added. The
file name carries the model's name and version and spaCy's, so another model never reads
stale parses.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(os.environ.get("COPYDESK_PARSE_CACHE", "/tmp/copydesk-parse-cache"))


def cache_path(nlp: Any, name: str, folder: Path = DEFAULT_DIR) -> Path:
    import spacy

    meta = nlp.meta
    return folder / f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}-spacy{spacy.__version__}-{name}.spacy"


class CachedNLP:
    """Duck-typed ``Language`` for ``analyze``: ``pipe`` and ``meta`` only."""

    def __init__(self, nlp: Any, path: Path) -> None:
        from spacy.tokens import DocBin

        self.nlp = nlp
        self.meta = nlp.meta
        self.path = path
        self.docs: dict[str, Any] = {}
        self.added = 0
        if path.exists():
            for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
                self.docs[doc.text] = doc

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.docs))
        for text, doc in zip(missing, self.nlp.pipe(missing, batch_size=batch_size), strict=True):
            self.docs[text] = doc
            self.added += 1
        for t in texts:
            yield self.docs[t]

    def save(self) -> None:
        if not self.added:
            return
        from spacy.tokens import DocBin

        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        DocBin(docs=self.docs.values(), store_user_data=False).to_disk(tmp)
        tmp.replace(self.path)
        self.added = 0
