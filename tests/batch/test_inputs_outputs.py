"""Inputs cut into partitions, records that fail on their own, outputs that keep whole records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzers.batch.records import InputError, Record, open_source, read_partition
from analyzers.batch.work import Options, Row, analyse_record
from analyzers.batch.writers import JsonlWriter, OutputError, ParquetWriter, read_output


def records_of(path: Path, per: int) -> list[Record]:
    return [r for spec in open_source(path, per).partitions for r in read_partition(spec)]


def test_jsonl_partitions_keep_every_line_once_in_order(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Line {i}.\u2028Still {i}."}) for i in range(7)]
    lines[3] = "not json"
    lines[5] = json.dumps({"text": "no id here"})
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n\n" + json.dumps({"id": "last", "html": "<p>x</p>"}))  # no final newline
    for per in (1, 2, 3, 100):
        src = open_source(path, per)
        assert src.total == 9  # the blank line counts, and is skipped when read
        recs = records_of(path, per)
        assert [r.id for r in recs] == ["r0", "r1", "r2", "in.jsonl:4", "r4", "in.jsonl:6", "r6", "last"]
        assert [r.kind for r in recs] == ["text"] * 3 + ["error", "text", "text", "text", "html"]


def test_record_fields(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in [
        {"id": 7, "url": "https://example.org/a"},
        {"id": "n", "text": None, "html": "<p>b</p>"},
        {"id": "e"},
        {"id": "num", "text": 12},
        ["a", "list"],
        {"id": "\ud800x", "text": "surrogate id"},
    ]) + "\n")
    recs = records_of(path, 10)
    assert [(r.id, r.kind) for r in recs] == [
        ("7", "url"), ("n", "html"), ("e", "error"), ("num", "error"), ("in.jsonl:5", "error"), ("\\ud800x", "text")]


def test_directory_ids_are_relative_paths(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("One.")
    (tmp_path / "two.md").write_text("# Two")
    (tmp_path / ".hidden").write_text("no")
    src = open_source(tmp_path, 1)
    assert src.kind == "directory" and src.total == 2 and len(src.partitions) == 2
    assert [(r.id, r.kind) for r in records_of(tmp_path, 5)] == [("two.md", "path"), ("a/b/one.txt", "path")]


def test_missing_input_is_one_line(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        open_source(tmp_path / "nope.jsonl")


@pytest.mark.parametrize("record,needle", [
    (Record("bin", "text", "\x00\x01\x02\x03" * 50), "binary"),
    (Record("elf", "bytes", b"\x7fELF" + bytes(200)), "ELF"),
    (Record("big", "text", "Word. " * 400), "too large"),
    (Record("http://127.0.0.1:9/x", "url", "http://127.0.0.1:9/x"), "allow it with --allow-private"),
    (Record("/nonexistent/x.txt", "path", "/nonexistent/x.txt"), "no such file"),
])
def test_bad_records_become_error_rows_before_any_model(record, needle):
    row = analyse_record(record, None, Options(max_bytes=1024))  # no model: loading fails first
    assert row.analysis is None and needle in (row.error or "") and row.error.startswith(record.id)
    assert "\n" not in row.error
    assert json.loads(row.jsonl()) == {"id": record.id, "error": row.error}


def test_a_stream_of_records_gives_each_records_own_row_in_order(nlp):
    """analyse_records (short articles sharing spaCy batches) gives the rows analyse_record
    gives one at a time, error rows in their places, and loads no model for a run of errors."""
    from analyzers.batch.work import analyse_records

    bad = Record("bin", "text", "\x00\x01\x02\x03" * 50)
    stories = [Record(f"s{i}", "text", f"The mayor said the bridge would open in {i} weeks. "
                                       f"\u201cWe are ready,\u201d she said.\n") for i in range(5)]
    records = [bad, stories[0], bad, *stories[1:], Record("h", "html", "<h1>Vote</h1><p>Critics said it failed.</p>")]
    options = Options(max_bytes=4096)
    calls = []

    def model():
        calls.append(1)
        return nlp

    rows = list(analyse_records(records, model, options))
    assert rows == [analyse_record(r, nlp, options) for r in records]
    assert [r.id for r in rows] == [r.id for r in records] and calls == [1]
    assert rows[0].error and rows[1].analysis and json.loads(rows[1].analysis)["quotes"]
    assert list(analyse_records([bad, bad], model, options)) == [analyse_record(bad, None, options)] * 2
    assert calls == [1]


def test_wire_lines_round_trip():
    row = Row("id\twith tab", '{"a":"line\\nbreak\\ttab \u2028"}', None, 3)
    assert Row.from_wire(row.to_wire(5)) == (5, row)
    err = Row("x", None, "x: broken", 0)
    assert Row.from_wire(err.to_wire(0)) == (0, err)
    assert json.loads(row.jsonl()) == {"id": "id\twith tab", "a": "line\nbreak\ttab \u2028"}


def rows(*ids: str) -> list[Row]:
    return [Row(i, '{"schema_version":1}', None, 1) for i in ids]


def test_jsonl_writer_cuts_a_torn_last_line_and_resumes(tmp_path):
    out = tmp_path / "out.jsonl"
    w = JsonlWriter(out)
    w.write(rows("a", "b"))
    w.close()
    whole = out.read_bytes()
    with out.open("ab") as f:
        f.write(b'{"id":"c","schema_ver')  # what a kill in the middle of a write leaves
    w = JsonlWriter(out)
    assert w.done == {"a", "b"} and out.read_bytes() == whole
    w.write(rows("c"))
    w.close()
    assert [r["id"] for r in read_output(out)] == ["a", "b", "c"]
    assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("content", [
    b'{"id":"a","x":1}\nsomething else\n{"id":"b","x":2}\n',
    b"my notes\nline 2\n",                       # nothing of ours: never cut to nothing
    b'{"id":"a","x":1}\n{"id": "b", "x": 2}\n',   # a line someone wrote by hand
    b'{"id":"a","x":1}\r\n',                       # CRLF
    b"my notes without a newline",
])
def test_jsonl_writer_refuses_a_file_that_is_not_its_own(tmp_path, content):
    out = tmp_path / "notes.jsonl"
    out.write_bytes(content)
    with pytest.raises(OutputError, match="not a copydesk batch output"):
        JsonlWriter(out)
    assert out.read_bytes() == content


def test_jsonl_writer_accepts_a_write_cut_after_its_first_byte(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id":"a"}\n{')
    assert JsonlWriter(out).done == {"a"} and out.read_bytes() == b'{"id":"a"}\n'


def test_ids_and_messages_that_utf8_cannot_hold_are_spelt_out(tmp_path):
    from analyzers.batch.records import record_from_object

    assert record_from_object({"id": b"b\xff1", "text": "x"}, "f:1").id == "b\\xff1"   # Parquet binary
    rec = record_from_object({"id": "o", "text": "x", "outlet": "X\ud800Y"}, "f:1")
    assert rec.meta == {"outlet": "X\\ud800Y"}
    row = Row("p", None, "/data/caf\udce9.txt: binary")
    assert row.jsonl().encode("utf-8") == b'{"id":"p","error":"/data/caf\\\\udce9.txt: binary"}'


def test_one_writer_at_a_time(tmp_path):
    first = JsonlWriter(tmp_path / "out.jsonl")
    try:
        with pytest.raises(OutputError, match="another copydesk batch"):
            JsonlWriter(tmp_path / "out.jsonl")
    finally:
        first.close()


def test_parquet_writer_keeps_finished_parts_only(tmp_path, monkeypatch):
    monkeypatch.setattr("analyzers.batch.writers.PART_ROWS", 2)
    out = tmp_path / "out.parquet"
    w = ParquetWriter(out)
    w.write(rows("a", "b", "c"))   # one part of a, b, c
    w.write([Row("d", None, "d: broken")])
    w.close()                       # and one of d
    (out / ".tmp-part-000002.parquet").write_bytes(b"PAR1 half a part")
    w = ParquetWriter(out)
    assert w.done == {"a", "b", "c", "d"} and not list(out.glob(".tmp-*"))
    w.write(rows("e"))
    w.close()
    assert sorted(p.name for p in out.glob("part-*")) == [f"part-00000{i}.parquet" for i in range(3)]
    got = read_output(out)
    assert [r["id"] for r in got] == ["a", "b", "c", "d", "e"]
    assert got[3] == {"id": "d", "error": "d: broken"} and got[0] == {"id": "a", "schema_version": 1}


def test_url_records_are_fetched_by_the_one_http_client(httpserver, nlp):
    httpserver.expect_request("/story").respond_with_data(
        "<html><head><title>Bridge</title></head><body><article><h1>Bridge costs double</h1>"
        "<p>“We were sold a bridge and handed a bill,” said council member Rafael Ortiz.</p>"
        "</article></body></html>", content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/story")
    options = Options.from_json(Options(allow_private=[f"localhost:{httpserver.port}"]).to_json())
    row = analyse_record(Record("s1", "url", url), nlp, options)
    assert row.error is None, row.error
    data = json.loads(row.jsonl())
    assert data["id"] == "s1" and data["document"]["source"] == url
    assert data["quotes"][0]["speaker"]["name"] == "Rafael Ortiz"
    refused = analyse_record(Record("s2", "url", url), nlp, Options())
    assert "allow it with --allow-private" in (refused.error or "")


def test_a_line_far_over_the_size_cap_is_an_error_record_and_is_not_read_whole(tmp_path):
    path = tmp_path / "in.jsonl"
    huge = json.dumps({"id": "huge", "text": "word " * 40_000})   # 200 kB; the cap for 1 kB is 67 kB
    path.write_text("\n".join([json.dumps({"id": "a", "text": "One."}), huge,
                               json.dumps({"id": "b", "text": "Two."})]) + "\n")
    recs = [r for spec in open_source(path, 50, max_bytes=1024).partitions for r in read_partition(spec)]
    assert [(r.id, r.kind) for r in recs] == [("a", "text"), ("in.jsonl:2", "error"), ("b", "text")]
    assert "a line of over" in str(recs[1].value)
