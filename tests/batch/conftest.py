"""An archive built from the bundled seeds, good and bad records mixed, and a way to run
``copydesk`` on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED, SEEDS

COPYDESK = str(Path(sys.executable).with_name("copydesk"))
GOOD = ["seed", "wire", "water", "bridge"]


def archive_objects() -> list[dict]:
    return [
        {"id": "seed", "text": SEED.read_text(encoding="utf-8"), "outlet": "ignored"},
        {"id": "wire", "text": (SEEDS / "wire_trade_talks.txt").read_text(encoding="utf-8")},
        {"id": "water", "html": (SEEDS / "city_water_page.html").read_text(encoding="utf-8")},
        {"id": "bridge", "text": (SEEDS / "harbor_bridge_feature.md").read_text(encoding="utf-8")},
        {"id": "binary", "text": "\x00\x01\x02\x03\x04\x05" * 40},
        {"id": "huge", "text": "A word. " * 10_000},          # over --max-size 64k
        {"id": "remote", "url": "http://127.0.0.1:9/story"},   # refused: a private address
        # an id the input repeats is written once (which copy, Dask does not promise: the same)
        {"id": "seed", "text": SEED.read_text(encoding="utf-8")},
    ]


def write_archive(path: Path) -> Path:
    lines = [json.dumps(o, ensure_ascii=False) for o in archive_objects()]
    lines.insert(4, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copydesk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 300)
    return subprocess.run([COPYDESK, *args], capture_output=True, **kwargs)


def lines_by_id(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for line in path.read_bytes().split(b"\n"):
        if line:
            obj = json.loads(line)
            assert obj["id"] not in out, f"{obj['id']} written twice"
            out[obj["id"]] = obj
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return write_archive(tmp_path_factory.mktemp("archive") / "in.jsonl")


@pytest.fixture(scope="module")
def local_output(archive) -> Path:
    """The local engine with one worker: what every other engine and format must equal."""
    out = archive.with_name("local.jsonl")
    p = copydesk("batch", str(archive), "-o", str(out), "--jobs", "1", "--max-size", "64k")
    assert p.returncode == 0, p.stderr.decode()
    return out
