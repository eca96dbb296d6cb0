"""The Dask engine: on a LocalCluster the test starts (127.0.0.1, two single-thread workers) it
writes what the local engine writes; the LocalCluster copydesk starts itself runs no code from
the working directory."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from distributed import LocalCluster

from tests.batch.conftest import GOOD, copydesk, lines_by_id

DECOY = "open({marker!r}, 'a').write({name!r})\n"


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c:
        yield c


def test_dask_output_equals_the_local_engines(cluster, archive, local_output):
    out = archive.with_name("dask.jsonl")
    p = copydesk("batch", str(archive), "-o", str(out), "--scheduler", cluster.scheduler_address,
                 "--max-size", "64k", "--partition-size", "2")
    assert p.returncode == 0, p.stderr.decode()
    assert lines_by_id(out) == lines_by_id(local_output)   # the same records, in finishing order
    again = copydesk("batch", str(archive), "-o", str(out), "--scheduler", cluster.scheduler_address)
    assert again.returncode == 0 and "0 articles" in again.stderr.decode()
    assert lines_by_id(out) == lines_by_id(local_output)


def test_its_own_cluster_imports_nothing_from_the_working_directory(tmp_path, archive, local_output):
    marker = tmp_path / "ran"
    cwd = tmp_path / "cwd"
    for rel in ("multiprocessing.py", "distributed.py", "dask.py", "spacy.py", "analyzers/__init__.py",
                "json.py"):
        p = cwd / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(DECOY.format(marker=str(marker), name=rel))
    # the decoys work: a child started the way multiprocessing starts one would run them
    subprocess.run([sys.executable, "-c", "import multiprocessing"], cwd=cwd, check=False)
    assert marker.read_text() == "multiprocessing.py"
    marker.unlink()
    out = tmp_path / "out.jsonl"
    p = copydesk("batch", str(archive), "-o", str(out), "--engine", "dask", "--jobs", "1",
                 "--max-size", "64k", "--no-progress", cwd=cwd)
    assert p.returncode == 0, p.stderr.decode()
    assert not marker.exists(), marker.read_text()
    got = lines_by_id(out)
    assert {k: got[k] for k in GOOD} == {k: v for k, v in lines_by_id(local_output).items() if k in GOOD}


def test_a_partition_the_cluster_fails_is_not_written_and_the_run_says_so(cluster, tmp_path):
    """Input the workers cannot see (not on shared storage): nothing is recorded as done, so a
    rerun tries those records again, and the run ends with one line and status 2."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "“We will win,” said Anna Kelly."}\n', encoding="utf-8")

    from analyzers.batch.dask_engine import DaskEngine
    from analyzers.batch.local import EngineError
    from analyzers.batch.records import open_source
    from analyzers.batch.work import Options

    source = open_source(src)
    src.rename(tmp_path / "elsewhere.jsonl")  # gone by the time the workers read it
    got = []
    with pytest.raises(EngineError, match="1 of 1 partitions failed on the cluster"):
        for rows in DaskEngine(Options(), cluster.scheduler_address).rows(source.partitions, set()):
            got.extend(rows)
    assert got == []   # no error rows: the writer records nothing as done


def test_a_shared_scratch_space_another_user_made_blocks_nothing(tmp_path):
    """Another local user creates $TMPDIR/dask-scratch-space (as a file, or a directory only
    they can write): copydesk's own cluster uses none of it."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (tmp / "dask-scratch-space").write_text("not yours")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "“We will win,” said Anna Kelly."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "TMPDIR": str(tmp)}
    p = copydesk("batch", str(src), "-o", str(out), "--engine", "dask", "--jobs", "1", "--no-progress", env=env)
    assert p.returncode == 0, p.stderr.decode()
    assert list(lines_by_id(out)) == ["a"]
    assert (tmp / "dask-scratch-space").read_text() == "not yours"
