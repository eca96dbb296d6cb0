"""The hand-labelled sources set (benchmarks/data/sources_gold/) is well-formed: kinds in the
allowed set, every article in a split, offsets inside the article and naming the same gold
attributions as the corpus, and no article text in the file. The corpus checks skip when the
PolNeAR folder is absent (set COPYDESK_POLNEAR to point at it)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LABELS = ROOT / "benchmarks" / "data" / "sources_gold" / "labels.jsonl"
KINDS = {"person", "organization", "outlet", "official", "anonymous", "group", "document", "unknown"}
EXCLUDE = {"no_source", "annotation_error", "not_an_attribution"}


def _corpus_dir() -> Path | None:
    env = os.environ.get("COPYDESK_POLNEAR")
    for p in ([Path(env)] if env else []) + [ROOT.parent / "shared/data/polnear",
                                             ROOT.parent.parent / "shared/data/polnear"]:
        if (p / "load.py").exists() and (p / "data" / "train").is_dir():
            return p
    return None


ROWS = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _spans(a: dict) -> list[list[int]]:
    return a["content"] + a["source_span"] + a["cue_span"]


def test_every_article_has_a_split_and_a_quarter_is_held_out():
    assert len(ROWS) >= 40
    assert len({r["article"] for r in ROWS}) == len(ROWS)
    assert {r["split"] for r in ROWS} == {"dev", "heldout", "heldout2"}
    for split in ("heldout", "heldout2"):
        held = sum(r["split"] == split for r in ROWS) / len(ROWS)
        assert 0.15 <= held <= 0.3
        assert {r["article"].split("_")[0] for r in ROWS if r["split"] == split} == \
               {r["article"].split("_")[0] for r in ROWS}, f"every publisher in the {split} part"


def test_labels_use_the_allowed_kinds_and_are_consistent():
    for r in ROWS:
        assert isinstance(r["headline_end"], int) and r["headline_end"] > 0
        assert r["stratum"] in ("random", "anonymity", "anonymous-source")
        kind_of: dict[str, str] = {}
        for a in r["attributions"]:
            assert re.fullmatch(r"E\d+", a["gold_id"]) and a["content"]
            for s, e in _spans(a):
                assert 0 <= s <= e
            if a["kind"] is None:
                assert a["exclude"] in EXCLUDE and a["cluster"] is None and a["anonymous"] is None
                assert a["exclude"] != "no_source" or not a["source_span"]
                continue
            assert "exclude" not in a and a["source_span"], (r["article"], a["gold_id"])
            assert a["kind"] in KINDS
            assert a["anonymous"] is (a["kind"] == "anonymous")
            assert isinstance(a["cluster"], str) and a["cluster"]
            assert kind_of.setdefault(a["cluster"], a["kind"]) == a["kind"], "one kind per cluster"
            assert a["role"] is None or (a["role"].strip() and " " not in a["role"])
            assert all(isinstance(x, str) and x for x in a.get("role_alt", []))
        for h in r["headline_attributions"]:
            for sp in [h["source_span"], h["cue_span"], *h["content"]]:
                assert sp is None or 0 <= sp[0] < sp[1] <= r["headline_end"]
        for n in r["headline_non_quotes"]:
            assert 0 <= n["span"][0] < n["span"][1] <= r["headline_end"] and n["why"]


@pytest.fixture(scope="module")
def corpus():
    root = _corpus_dir()
    if root is None:
        pytest.skip("PolNeAR corpus not found (set COPYDESK_POLNEAR)")
    spec = importlib.util.spec_from_file_location("polnear_load_test", root / "load.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    wanted = {r["article"] for r in ROWS}
    return {a["name"]: a for a in mod.iter_articles("train") if a["name"] in wanted}


def test_offsets_fall_inside_the_article_and_name_the_corpus_attributions(corpus):
    assert set(corpus) == {r["article"] for r in ROWS}
    for r in ROWS:
        art = corpus[r["article"]]
        n = len(art["text"])
        assert art["annotator"] == r["annotator"]
        assert r["headline_end"] <= n and "\n\n" not in art["text"][:r["headline_end"]]
        assert [q["id"] for q in art["quotes"]] == [a["gold_id"] for a in r["attributions"]]
        for q, a in zip(art["quotes"], r["attributions"], strict=True):
            assert [list(s) for s in q["content"]] == a["content"]
            assert [list(s) for s in q["source"]] == a["source_span"]
            assert all(e <= n for _, e in _spans(a))


def test_no_article_text_is_stored(corpus):
    """No run of eight words from an article appears in its labels line."""
    for r, line in zip(ROWS, LABELS.read_text(encoding="utf-8").splitlines(), strict=True):
        words = re.findall(r"\w+", corpus[r["article"]]["text"])
        stored = " ".join(re.findall(r"\w+", line))
        for i in range(0, max(0, len(words) - 8), 4):
            assert " ".join(words[i:i + 8]) not in stored, r["article"]


def test_role_matching_is_a_word_start():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from sources import role_found

    assert role_found(["Sen"], "Senator from Ohio") and role_found(["Sen"], "Sen. Jane Roe")
    assert role_found(["adviser"], "a senior adviser to the governor")
    assert role_found(["official"], "senior administration officials")
    assert not role_found(["Rep"], "Prepared remarks") and not role_found(["aide"], None)
    assert role_found(["founder"], "co-founder of the firm")
    assert role_found(["co-founder"], "co-founder of the firm")
