"""A shared desk with two real reviewers (operating-system accounts in one group) and one account
outside it: both mark the same claim, both decisions are kept and signed, disagreement is shown
as disputed between them with both notes, the outsider is refused in one line, and a member who
may only read reads."""

from __future__ import annotations

import grp
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.desk.conftest import Team, as_account


@pytest.fixture(scope="module")
def desk(team: Team) -> Path:
    path = team.root / "newsdesk"
    r = subprocess.run([sys.executable, "-m", "tui.cli", "desk", "init", str(path), "--group", team.group],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0 and r.stderr.count("\n") == 1, r.stderr
    return path


@pytest.fixture(scope="module")
def seed_analysis_json(nlp):
    from analyzers import load
    from analyzers.rules.pipeline import analyze

    doc = load(SEED)
    return doc, analyze(doc, nlp)


def test_desk_init_makes_a_group_directory_nothing_world_readable(team: Team, desk: Path):
    gid = grp.getgrnam(team.group).gr_gid
    st = desk.stat()
    assert st.st_gid == gid and st.st_mode & stat.S_ISGID and stat.S_IMODE(st.st_mode) == 0o2770
    for name in ("library.sqlite3", "review.sqlite3", ".copydesk-desk"):
        f = (desk / name).stat()
        assert f.st_gid == gid and stat.S_IMODE(f.st_mode) == 0o660, name
    assert stat.S_IMODE((desk / "exports").stat().st_mode) == 0o2770


def mark(desk: Path, status: str, note: str):
    """As whoever runs it: mark the seed's first claim through the reader's own review code."""
    def work() -> object:
        from analyzers import load
        from analyzers.rules.pipeline import analyze
        from analyzers.rules.spacy_model import load_model
        from analyzers.store.desk import Desk

        doc = load(SEED)
        a = analyze(doc, load_model())
        from analyzers.store.review.session import Review

        review = Review(Desk().open_review(), doc)
        review.bind(a)
        c = a.claims[0]
        r = review.set("claim", c.id, c.start, c.end, status=status, note=note, set_note=True)
        for suffix in ("-wal", "-shm"):  # the WAL companions stay the group's too
            f = desk / f"review.sqlite3{suffix}"
            if f.exists():
                assert stat.S_IMODE(f.stat().st_mode) & 0o060 == 0o060, f
        review.store.close()
        return {"status": r.status, "by": r.by, "views": [[v.by, v.status, v.note] for v in r.views]}
    return work


def test_two_reviewers_mark_one_claim_both_kept_and_signed(team: Team, desk: Path, seed_analysis_json):
    env = {"COPYDESK_DESK": str(desk)}
    first = as_account(team, team.alice, mark(desk, "verified", "the mayor's office confirmed it"), env)
    assert first == {"status": "verified", "by": team.alice,
                     "views": [[team.alice, "verified", "the mayor's office confirmed it"]]}, first
    second = as_account(team, team.bob, mark(desk, "disputed", "the audit says otherwise"), env)
    assert second["status"] == "disputed" and second["by"] == team.bob, second
    assert sorted(map(tuple, second["views"])) == sorted([
        (team.alice, "verified", "the mayor's office confirmed it"), (team.bob, "disputed", "the audit says otherwise")])

    def export() -> object:
        from analyzers.store.desk import Desk
        from analyzers.store.review.export import export_json
        from analyzers.store.review.session import Review

        doc, a = seed_analysis_json
        data = export_json(a, Review(Desk().open_review(), doc))
        c = next(x for x in data["claims"] if x["id"] == a.claims[0].id)
        return c["review"]

    review = as_account(team, team.alice, export, env)
    assert review["status"] == "disputed" and review["by"] == team.bob
    assert [(h["by"], h["status"]) for h in review["history"]] == [(team.alice, "verified"), (team.bob, "disputed")]
    assert all(h["at"] for h in review["history"])


def test_an_account_outside_the_group_is_refused_in_one_line(team: Team, desk: Path):
    def work() -> object:
        from analyzers.store.desk import Desk

        Desk().open_review()
        return "opened"

    result = as_account(team, team.carol, work, {"COPYDESK_DESK": str(desk)})
    assert isinstance(result, dict) and "permission denied" in result["error"].lower(), result
    assert "\n" not in result["error"]


def test_a_member_who_may_only_read_reads_and_is_told_once(team: Team, desk: Path, seed_analysis_json):
    review_db = desk / "review.sqlite3"
    review_db.chmod(0o640)   # the desk's owner took the group's write permission away
    try:
        def work() -> object:
            from analyzers.store.desk import Desk
            from analyzers.store.review.session import Review

            doc, a = seed_analysis_json
            store = Desk().open_review()
            review = Review(store, doc)
            review.bind(a)
            c = a.claims[0]
            seen = review.of("claim", c.id).status
            try:
                review.set("claim", c.id, c.start, c.end, status="verified")
                wrote = "wrote"
            except Exception as exc:
                wrote = str(exc)
            return {"read_only": store.read_only, "seen": seen, "write": wrote}

        result = as_account(team, team.bob, work, {"COPYDESK_DESK": str(desk)})
        assert result["read_only"] is True and result["seen"] == "disputed", result
        assert "not write" in result["write"] and "\n" not in result["write"], result
    finally:
        review_db.chmod(0o660)
        os.chown(review_db, -1, grp.getgrnam(team.group).gr_gid)


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is installed by .ci/run")
def test_one_reviewers_mark_appears_on_the_others_open_screen(team: Team, desk: Path, seed_analysis_json):
    """alice has the seed open in a real terminal; bob marks its first claim: within seconds
    alice's Claims list shows it, signed, without her doing anything."""
    from tests.e2e.test_tmux import Tmux

    probe = subprocess.run(["runuser", "-u", team.alice, "--", sys.executable, "-c", "import textual"],
                           capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip("the interpreter is not readable by other accounts (.ci/run makes it so)")
    home = team.home(team.alice)
    env = (f"HOME={home} XDG_DATA_HOME={home}/data XDG_CONFIG_HOME={home}/config XDG_CACHE_HOME={home}/cache "
           f"COPYDESK_DESK={desk} TERM=xterm-256color")
    term = Tmux("team-desk")
    try:
        term.start(f"cd {ROOT} && runuser -u {team.alice} -- env {env} {sys.executable} -m tui.cli {SEED}")
        term.wait_for("Sheinbaum", timeout=60)
        term.wait_for(" claims", timeout=120)
        term.keys("4")
        term.wait_for("reviewed")
        doc, a = seed_analysis_json

        def work() -> object:
            from analyzers.store.desk import Desk
            from analyzers.store.review.session import Review

            review = Review(Desk().open_review(), doc)
            review.bind(a)
            c = a.claims[1]
            return review.set("claim", c.id, c.start, c.end, status="verified", note="checked by phone",
                              set_note=True).status

        assert as_account(team, team.bob, work, {"COPYDESK_DESK": str(desk)}) == "verified"
        term.wait_for("1/12 reviewed", timeout=10)   # the list's count follows within seconds
        term.keys("]", "]")                          # the claim itself, in view
        term.wait_for(f"verified — {team.bob}", timeout=10)
        term.keys("h")                                # its history: who decided what, and the note
        screen = term.wait_for("History", timeout=10)
        assert team.bob in screen and "checked by phone" in screen
    finally:
        term.kill()
