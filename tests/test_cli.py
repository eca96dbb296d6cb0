"""The command-line contract: `copydesk analyze` output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from tests.conftest import SEED, SEEDS, assert_spans_valid

CMD = [sys.executable, "-m", "tui.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CMD, *args], input=stdin, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def seed_json():
    p = run("analyze", str(SEED), "--json")
    assert p.returncode == 0, p.stderr.decode()
    return json.loads(p.stdout)


def test_json_validates_against_schema(seed_json, schema):
    jsonschema.validate(seed_json, schema)


def test_every_span_indexes_the_text(seed_json):
    assert_spans_valid(seed_json)


def test_jsonl_one_line_per_path_in_order(schema):
    paths = [str(SEED), str(SEEDS / "wire_trade_talks.txt"), str(SEEDS / "harbor_bridge_feature.md"),
             str(SEEDS / "city_water_page.html")]
    p = run("analyze", *paths, "--jsonl")
    assert p.returncode == 0, p.stderr.decode()
    lines = p.stdout.decode().splitlines()
    assert len(lines) == 4
    for path, line in zip(paths, lines, strict=True):
        obj = json.loads(line)
        jsonschema.validate(obj, schema)
        assert_spans_valid(obj)
        assert obj["document"]["source"] == path


def test_stdin():
    p = run("analyze", "-", "--json", stdin="“We will win,” said Anna Kelly.".encode())
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["document"]["source"] == "-"
    assert data["quotes"][0]["speaker"]["name"] == "Anna Kelly"


@pytest.mark.parametrize("make,needle", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x7fELF" + bytes(300)) and d / "bin.txt", "ELF"),
])
def test_bad_paths_exit_2_with_one_line(tmp_path, make, needle):
    path = make(tmp_path)
    p = run("analyze", str(path), "--json")
    assert p.returncode == 2
    err = p.stderr.decode()
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err
    assert p.stdout == b""


def test_jsonl_skips_bad_path_but_reports_it(tmp_path):
    p = run("analyze", str(tmp_path / "nope.txt"), str(SEED), "--jsonl")
    assert p.returncode == 2
    first, second = (json.loads(x) for x in p.stdout.decode().splitlines())   # one line per input
    assert first == {"source": str(tmp_path / "nope.txt"), "error": f"{tmp_path / 'nope.txt'}: no such file"}
    assert second["document"]["source"] == str(SEED)
    assert "no such file" in p.stderr.decode()


def test_json_refuses_several_paths():
    p = run("analyze", str(SEED), str(SEED), "--json")
    assert p.returncode == 2 and "--jsonl" in p.stderr.decode()


def test_help_and_version():
    h = run("--help")
    assert h.returncode == 0 and b"analyze" in h.stdout
    v = run("--version")
    assert v.returncode == 0 and v.stdout.startswith(b"copydesk ")


def test_human_summary():
    p = run("analyze", str(SEED))
    out = p.stdout.decode()
    assert p.returncode == 0 and "Anna Kelly" in out and "name_variant" in out


def test_max_size_option(tmp_path):
    big = tmp_path / "a.txt"
    big.write_text("Word. " * 400)
    p = run("analyze", str(big), "--max-size", "1k")
    assert p.returncode == 2 and "too large" in p.stderr.decode()


def test_ssh_session_defaults_to_fewer_bytes():
    from tui.cli.read import remote_defaults

    env = {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}
    remote_defaults(env)
    assert env["TEXTUAL_SMOOTH_SCROLL"] == "0" and env["TEXTUAL_ANIMATIONS"] == "none"
    chosen = {"SSH_TTY": "/dev/pts/3", "TEXTUAL_ANIMATIONS": "full"}
    remote_defaults(chosen)
    assert chosen["TEXTUAL_ANIMATIONS"] == "full"   # the user's own choice wins
    local: dict[str, str] = {}
    remote_defaults(local)
    assert local == {}


def test_every_claim_has_a_kind(seed_json):
    kinds = [c.get("kind") for c in seed_json["claims"]]
    assert kinds and all(k in ("statistic", "comparison", "causal", "prediction", "quote_claim", "fact")
                         for k in kinds)


@pytest.mark.parametrize("argv", [
    ["read", "a.txt", "--theme", "ansi", "--max-size", "2MiB"],
    ["analyze", "a.txt", "b.txt", "--jsonl", "--jobs", "2", "--max-seconds", "3"],
    ["batch", "in", "-o", "out.jsonl", "--engine", "local", "--partition-size", "5"],
    ["feeds", "add", "https://example.org/feed", "--tag", "x"],
    ["outlets", "--outlet", "Gazette", "--days", "7", "--json"],
    ["factchecks", "list"],
    ["desk", "init", "/tmp/d", "--group", "staff"],
])
def test_a_subcommand_alone_parses_as_the_whole_command_line(argv):
    """The command line builds only the parser of the command being run (the reader starts
    faster); what it parses must not change."""
    from tui.cli.parser import build_parser

    assert vars(build_parser(only=argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_the_collector_is_on_again_after_the_reader_command_ends():
    """'copydesk read' turns the cycle collector off for start-up; a reader that never starts
    (a file that is not there) must not leave it off in the calling process."""
    import gc

    from tui.cli import main

    assert gc.isenabled()
    assert main(["read", "/nonexistent/article.txt"]) == 2
    assert gc.isenabled()
