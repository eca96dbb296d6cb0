"""The fast model load (no throw-away default tokenizer) tokenizes exactly like spacy.load."""

from __future__ import annotations

import spacy

from analyzers.rules.spacy_model import _EXCLUDE, EMPTY_TOKENIZER
from tests.conftest import SEED, SEEDS

TRICKY = ("Mr. Smith's U.S.-based co. didn't pay $5.3bn (approx.) e.g. http://x.com/a?b=c :) 3.14% — "
          "“yes” can't won't ''quoted'' O'Brien 9/11 12:30pm A.M. Ph.D. St. Louis, Mo. vs. Jan. 5th")


def test_fast_load_matches_a_normal_load(nlp):
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == EMPTY_TOKENIZER
    normal = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=list(_EXCLUDE))
    texts = [TRICKY, SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.md")]
    for text in texts:
        assert [(t.text, t.idx) for t in nlp.tokenizer(text)] == [(t.text, t.idx) for t in normal.tokenizer(text)]
    doc_fast, doc_normal = nlp(TRICKY), normal(TRICKY)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc_fast] == \
           [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc_normal]


def test_the_model_loads_without_spacys_command_line_which_still_works_when_asked_for():
    """spaCy's CLI (typer, weasel, requests) stays unloaded in an analysis process; anything
    that asks for it gets the real one."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from analyzers.rules.spacy_model import load_model\n"
        "load_model(None)\n"
        "assert 'spacy.cli._util' not in sys.modules and 'typer' not in sys.modules, 'CLI loaded'\n"
        "import spacy\n"
        "assert spacy.info()['spacy_version'] == spacy.__version__\n"
        "from spacy.cli import download\n"
        "assert download.__module__ == 'spacy.cli.download' and callable(spacy.cli.setup_cli)\n"
        "import spacy.cli.download as again\n"
        "assert again is download, 'a second copy of spacy.cli'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]
