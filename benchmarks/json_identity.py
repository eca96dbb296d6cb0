"""Is the analysis JSON unchanged? Digests of ``copydesk analyze --json`` on the seeds and a
PolNeAR split, written before a change and compared after it (a behaviour-preserving refactor
must leave every one byte-identical).

    python benchmarks/json_identity.py --polnear ../shared/data/polnear --out /tmp/before.jsonl
    ... change the code ...
    python benchmarks/json_identity.py --polnear ../shared/data/polnear --against /tmp/before.jsonl

Each line of ``--out`` is one document: its name and the SHA-256 of its analysis JSON (the
schema's form, plus the rule behind each quote); ``--full DIR`` also keeps each JSON there so
that a difference can be read (outside the repository: the corpus texts are in them).
``--cache`` reads parses from the parse cache (``parse_cache.py``). Exit status 1 when
``--against`` finds a difference: this one is meant to fail a refactor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from analyzers import document_from_text, load
from analyzers.rules.pipeline import analyze
from analyzers.rules.spacy_model import load_model
from analyzers.serialize import to_json

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import load_corpus
from parse_cache import CachedNLP, cache_path

ROOT = Path(__file__).resolve().parent.parent


def documents(polnear: Path | None, split: str) -> Iterator[tuple[str, Any]]:
    for path in sorted((ROOT / "seeds").iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            yield f"seed/{path.name}", load(path)
    if polnear is not None:
        for art in load_corpus(polnear).iter_articles(split):
            yield f"{split}/{art['name']}", document_from_text(art["text"], art["name"] + ".txt", fmt="text")


def canonical(name: str, analysis: Any, doc: Any) -> str:
    data = to_json(analysis, doc)
    data["document"]["source"] = name  # not the path: two checkouts compare equal
    data["quote_rules"] = list(analysis.extra.get("quote_rules", ()))
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, help="corpus root (its README and load.py)")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out", type=Path, help="write the digests here")
    ap.add_argument("--against", type=Path, help="compare with digests written earlier")
    ap.add_argument("--full", type=Path, help="also write each analysis JSON into this directory")
    ap.add_argument("--cache", action="store_true", help="parses from the parse cache")
    args = ap.parse_args(argv)
    nlp: Any = load_model()
    seen: dict[str, str] = {}
    caches: dict[str, CachedNLP] = {}
    for name, doc in documents(args.polnear, args.split):
        run_nlp: Any = nlp
        if args.cache:
            key = "seeds" if name.startswith("seed/") else f"polnear-{args.split}"
            if key not in caches:
                caches[key] = CachedNLP(nlp, cache_path(nlp, key))
            run_nlp = caches[key]
        text = canonical(name, analyze(doc, run_nlp), doc)
        seen[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if args.full:
            args.full.mkdir(parents=True, exist_ok=True)
            (args.full / (name.replace("/", "__") + ".json")).write_text(text, encoding="utf-8")
    for c in caches.values():
        c.save()
    if args.out:
        args.out.write_text("".join(json.dumps({"doc": k, "sha256": v}) + "\n" for k, v in seen.items()),
                            encoding="utf-8")
    print(f"{len(seen)} documents analysed")
    if args.against:
        before = {r["doc"]: r["sha256"] for r in map(json.loads, args.against.read_text(encoding="utf-8").splitlines())}
        differ = sorted(k for k in seen.keys() & before.keys() if seen[k] != before[k])
        missing = sorted(before.keys() ^ seen.keys())
        for k in differ:
            print(f"  differs: {k}")
        for k in missing:
            print(f"  in one run only: {k}")
        print(f"{len(differ)} differ, {len(missing)} in one run only, "
              f"{len(seen.keys() & before.keys()) - len(differ)} identical")
        return 1 if differ or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
