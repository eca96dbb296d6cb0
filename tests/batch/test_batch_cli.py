"""``copydesk batch`` and ``analyze --jobs``: the local engine, resuming, Parquet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analyzers.batch.writers import read_output
from tests.batch.conftest import COPYDESK, GOOD, archive_objects, copydesk, lines_by_id
from tests.conftest import SEED, SEEDS, assert_spans_valid


def test_every_line_is_an_analysis_with_its_id_or_an_error(local_output, schema):
    lines = [json.loads(x) for x in local_output.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [*GOOD, "in.jsonl:5", "binary", "huge", "remote"]
    for obj in lines:
        rid = obj.pop("id")
        if rid in GOOD:
            jsonschema.validate(obj, schema)
            assert_spans_valid(obj)
            assert obj["document"]["source"] == rid
        else:
            assert list(obj) == ["error"] and "\n" not in obj["error"]
    errors = {x["id"]: x["error"] for x in map(json.loads, local_output.read_text().splitlines()) if "error" in x}
    assert "not valid JSON" in errors["in.jsonl:5"]
    assert "binary" in errors["binary"]
    assert "too large" in errors["huge"]
    assert "allow it with --allow-private" in errors["remote"]


def test_html_records_are_read_as_html(local_output):
    water = lines_by_id(local_output)["water"]
    assert water["document"]["format"] == "html" and "<p>" not in water["document"]["text"]


def test_a_rerun_skips_what_is_there(local_output, archive):
    before = local_output.read_bytes()
    p = copydesk("batch", str(archive), "-o", str(local_output), "--max-size", "64k")
    assert p.returncode == 0
    assert local_output.read_bytes() == before
    assert "0 articles" in p.stderr.decode() and "8 were already" in p.stderr.decode()


def test_resume_after_kill_9_leaves_no_torn_or_duplicated_record(tmp_path):
    texts = [(SEEDS / "wire_trade_talks.txt").read_text(encoding="utf-8"), SEED.read_text(encoding="utf-8")]
    src = tmp_path / "in.jsonl"
    ids = [f"a{i:02d}" for i in range(14)]
    src.write_text("".join(json.dumps({"id": i, "text": texts[n % 2]}) + "\n" for n, i in enumerate(ids)))
    out = tmp_path / "out.jsonl"
    run = subprocess.Popen([COPYDESK, "batch", str(src), "-o", str(out), "--jobs", "1", "--no-progress"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 2):
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the batch and its worker, mid-run
    run.wait()
    kept = out.read_bytes()
    assert 2 <= kept.count(b"\n") < len(ids), "the kill came too late to test anything"
    whole = kept[: kept.rfind(b"\n") + 1]
    with out.open("ab") as f:  # and as if the kill had landed in the middle of a write
        f.write(b'{"id":"a13","schema_version":1,"document":{"sou')
    p = copydesk("batch", str(src), "-o", str(out), "--jobs", "2", "--no-progress")
    assert p.returncode == 0, p.stderr.decode()
    data = out.read_bytes()
    assert data.startswith(whole) and data.endswith(b"\n")
    got = lines_by_id(out)  # every line parses, none twice
    assert sorted(got) == ids
    assert all("error" not in x for x in got.values())
    fresh = tmp_path / "fresh.jsonl"
    assert copydesk("batch", str(src), "-o", str(fresh), "--jobs", "2", "--no-progress").returncode == 0
    assert lines_by_id(fresh) == got


def test_parquet_in_and_out_equal_jsonl(local_output, tmp_path):
    objs = [o for o in archive_objects()[:-1] if o["id"] != "binary"]
    table = pa.table({name: [o.get(name) for o in objs] for name in ("id", "text", "html", "url")})
    # a binary column's value is raw bytes, refused the way a binary file is
    raw = pa.table({"id": ["binary"], "text": pa.array([b"\x7fELF" + bytes(64)], pa.binary())})
    src = tmp_path / "in.parquet"   # a directory of Parquet files, several row groups each
    src.mkdir()
    pq.write_table(table, src / "a.parquet", row_group_size=3)
    pq.write_table(raw, src / "b.parquet")
    out = tmp_path / "out.parquet"
    p = copydesk("batch", str(src), "-o", str(out), "--max-size", "64k", "--partition-size", "2")
    assert p.returncode == 0, p.stderr.decode()
    got = {r["id"]: r for r in read_output(out)}
    want = lines_by_id(local_output)
    assert {k: got[k] for k in GOOD} == {k: want[k] for k in GOOD}
    assert set(got) == {*GOOD, "binary", "huge", "remote"}
    assert "ELF" in got["binary"]["error"] and "too large" in got["huge"]["error"]
    parts = list(out.glob("part-*.parquet"))
    assert pq.read_schema(parts[0]).names == ["id", "error", "analysis"]
    p = copydesk("batch", str(src), "-o", str(out))
    assert p.returncode == 0 and list(out.glob("part-*.parquet")) == parts   # nothing left to do


def test_analyze_jobs_2_prints_what_jobs_1_prints(tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x7fELF" + bytes(300))
    paths = [str(SEED), str(SEEDS / "wire_trade_talks.txt"), str(tmp_path / "missing.txt"),
             str(SEEDS / "harbor_bridge_feature.md"), str(binary), str(SEEDS / "city_water_page.html"), "-"]
    stdin = "“We will win,” said Anna Kelly.".encode()
    one = copydesk("analyze", *paths, "--jsonl", input=stdin)
    two = copydesk("analyze", *paths, "--jsonl", "--jobs", "2", input=stdin)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout and one.stderr == two.stderr
    lines = [json.loads(x) for x in one.stdout.decode().splitlines()]
    assert [x["source"] if "error" in x else x["document"]["source"] for x in lines] == paths  # one line each
    assert [x["source"] for x in lines if "error" in x] == [str(tmp_path / "missing.txt"), str(binary)]
    assert one.stderr.decode().count("\n") == 2


def test_jobs_needs_jsonl():
    p = copydesk("analyze", str(SEED), "--jobs", "2")
    assert p.returncode == 2 and "--jsonl" in p.stderr.decode()


def test_a_worker_that_hangs_costs_one_record_and_is_replaced():
    from analyzers.batch.local import Pool
    from analyzers.batch.records import Record
    from analyzers.batch.work import Options

    slow = Record("slow", "text", SEED.read_text(encoding="utf-8") * 8)
    quick = [Record(f"quick{i}", "text", "“We will win,” said Anna Kelly.") for i in range(3)]
    with Pool(Options(), 1, hard_timeout=0.2) as pool:
        rows = pool.rows([slow, *quick])  # in two batches: slow and quick0, then the others
        first = next(rows)
        pool.hard_timeout = 120  # the new worker is still loading: its record gets all it needs
        rows = [first, *rows]
    assert [r.id for r in rows] == ["slow", "quick0", "quick1", "quick2"]
    assert rows[0].error == "slow: took longer than 0.2 s"
    assert all(r.error is None and "Anna Kelly" in (r.analysis or "") for r in rows[1:])
    # the worker stuck on the batch of slow and quick0, then the one that ran slow alone, were ended
    assert len(pool.peak_memory) == 3


def test_a_worker_that_never_loads_the_model_ends_the_run_with_one_line():
    from analyzers.batch.local import EngineError, Pool
    from analyzers.batch.records import Record
    from analyzers.batch.work import Options

    quick = Record("quick", "text", "“We will win,” said Anna Kelly.")
    with Pool(Options(), 1, load_timeout=2) as pool:
        os.kill(pool._workers[0].proc.pid, signal.SIGSTOP)  # stuck before it says it is ready
        with pytest.raises(EngineError, match="did not load the model within 2 s"):
            list(pool.rows([quick]))


def test_refusals_are_one_line(tmp_path, archive):
    import sqlite3

    (tmp_path / "a.txt").write_text("One.")
    foreign = tmp_path / "crm.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    before = archive.read_bytes()
    cases = [
        (["batch", str(tmp_path), "-o", str(tmp_path / "out.jsonl")], {}, "inside the INPUT"),
        (["batch", str(archive), "-o", str(tmp_path / "o.jsonl")], {"COPYDESK_RESTRICTED": "1"}, "restricted"),
        (["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")], {}, "no such file"),
        (["batch", str(archive), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://x:1",
          "--engine", "local"], {}, "--engine dask"),
        (["batch", str(archive), "-o", str(archive)], {}, "OUTPUT is the INPUT"),
        (["batch", str(archive), "-o", "/dev/stdout"], {}, "not a regular file"),
        (["batch", str(archive), "-o", str(foreign)], {}, "another program's database"),
        (["batch", str(archive), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "nonsense"], {},
         "cannot reach the Dask scheduler"),
    ]
    for argv, env, needle in cases:
        p = copydesk(*argv, env={**os.environ, **env})
        err = p.stderr.decode()
        lines = err.splitlines()  # a run that started also says how far it got
        assert p.returncode == 2 and needle in lines[0] and (len(lines) == 1 or "stopped after" in lines[1]), (argv, err)
    assert archive.read_bytes() == before
    with sqlite3.connect(foreign) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["customers"]


def test_a_file_name_that_is_not_utf8_is_one_error_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("“We will win,” said Anna Kelly.", encoding="utf-8")
    (src / os.fsdecode(b"bin\xff.dat")).write_bytes(bytes(range(256)) * 8)
    (src / os.fsdecode(b"caf\xe9.txt")).write_text("“It works,” said Ana Ruiz.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = copydesk("batch", str(src), "-o", str(out), "--jobs", "1", "--no-progress")
    assert p.returncode == 0, p.stderr.decode()
    got = lines_by_id(out)
    assert set(got) == {"good.txt", "bin\\udcff.dat", "caf\\udce9.txt"}   # as on every run
    assert "error" in got["bin\\udcff.dat"] and "error" not in got["caf\\udce9.txt"]


def test_a_worker_killed_mid_article_costs_that_article_only():
    """What the OOM killer does to a worker: its article is an error line, the run goes on."""
    import threading

    from analyzers.batch.local import Pool
    from analyzers.batch.records import Record
    from analyzers.batch.work import Options

    slow = Record("slow", "text", SEED.read_text(encoding="utf-8") * 8)
    quick = [Record(f"quick{i}", "text", "“We will win,” said Anna Kelly.") for i in range(3)]
    with Pool(Options(), 1) as pool:

        def kill_when_busy() -> None:
            # twice, as an article that needs too much memory would: the worker on the batch of
            # slow and quick0, then the one that runs slow alone
            for _ in range(2):
                victim = pool._workers[0]
                deadline = time.monotonic() + 120
                while not (victim.ready and victim.batches) and time.monotonic() < deadline:
                    time.sleep(0.01)
                time.sleep(0.3)  # the slow article takes seconds
                os.kill(victim.proc.pid, signal.SIGKILL)
                while pool._workers and pool._workers[0] is victim and time.monotonic() < deadline:
                    time.sleep(0.01)

        killer = threading.Thread(target=kill_when_busy)
        killer.start()
        rows = list(pool.rows([slow, *quick]))
        killer.join()
    assert [r.id for r in rows] == ["slow", "quick0", "quick1", "quick2"]
    assert rows[0].error == "slow: the analysis process was killed by signal 9"
    assert all(r.error is None for r in rows[1:])


def test_a_library_output_is_what_the_reader_and_copydesk_sources_read(local_output, archive, tmp_path):
    from analyzers.store.library.store import LibraryStore

    lib = tmp_path / "archive.sqlite3"
    p = copydesk("batch", str(archive), "-o", str(lib), "--jobs", "1", "--max-size", "64k", "--no-progress")
    assert p.returncode == 0, p.stderr.decode()
    expected = {rid: obj for rid, obj in lines_by_id(local_output).items() if "error" not in obj}
    store = LibraryStore(lib, read_only=True)
    try:
        rows = store.db.execute("SELECT a.guid, a.url, v.quotes, v.sources, v.claims FROM articles a "
                                "JOIN versions v ON v.article_id = a.id").fetchall()
    finally:
        store.close()
    assert {r[0]: r[2:] for r in rows} == {
        f"batch:{rid}": (len(o["quotes"]), len(o["sources"]), len(o["claims"])) for rid, o in expected.items()}
    assert {r[1] for r in rows} == {f"batch:{rid}" for rid in expected}

    env = {**os.environ, "COPYDESK_LIBRARY_DB": str(lib)}
    speakers = {q["speaker"]["text"] for q in expected["seed"]["quotes"] if q.get("speaker")}
    listed = json.loads(copydesk("sources", "--json", env=env).stdout)
    assert speakers & {s["name"] for s in listed["sources"]}, listed

    again = copydesk("batch", str(archive), "-o", str(lib), "--jobs", "1", "--max-size", "64k", "--no-progress")
    assert again.returncode == 0
    assert f"{len(expected)} were already in" in again.stderr.decode()


def test_a_library_output_keeps_the_records_outlet_date_and_title(tmp_path):
    from analyzers.store.library.queries import outlet_names
    from analyzers.store.library.store import LibraryStore

    src = tmp_path / "wires.jsonl"
    text = SEED.read_text(encoding="utf-8")
    src.write_text("\n".join(json.dumps(o) for o in [
        {"id": "a", "text": text, "outlet": "Harbor Wire", "published": "2026-03-04", "title": "Levy vote"},
        {"id": "b", "text": (SEEDS / "wire_trade_talks.txt").read_text(encoding="utf-8")},
    ]) + "\n", encoding="utf-8")
    lib = tmp_path / "lib.db"
    p = copydesk("batch", str(src), "-o", str(lib), "--jobs", "1", "--no-progress")
    assert p.returncode == 0, p.stderr.decode()
    store = LibraryStore(lib, read_only=True)
    try:
        rows = dict(store.db.execute("SELECT guid, json_array(title, site, published) FROM articles"))
        outlets = set(outlet_names(store))
    finally:
        store.close()
    assert json.loads(rows["batch:a"]) == ["Levy vote", "Harbor Wire", "2026-03-04T00:00:00Z"]
    assert json.loads(rows["batch:b"])[1] == "wires.jsonl"   # no outlet given: the input's name
    assert outlets == {"Harbor Wire", "wires.jsonl"}
