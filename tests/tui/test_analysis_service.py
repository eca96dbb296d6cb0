"""The analysis child process: framing, streaming, cancellation, a child that dies or stops,
and a working directory full of decoys."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import signal
import subprocess

from analyzers import load
from analyzers.model import Block
from tests.conftest import SEED
from tests.terminal import COPYDESK
from tui.services.analysis import AnalysisService, read_frame, write_frame
from tui.state.analysis_feed import AnalysisFeed, Failed, Notice, Update


def test_frames_roundtrip_through_short_reads():
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            out, self.data = self.data[: min(n, 7)], self.data[min(n, 7):]
            return out

    buf = io.BytesIO()
    payload = {"text": "x" * 100_000}
    write_frame(buf, payload)
    assert read_frame(Trickle(buf.getvalue())) == payload


def _big(times: int = 8):
    doc = load(SEED)
    n = len(doc.text)
    blocks = tuple(Block(b.kind, b.start + k * n, b.end + k * n, b.level) for k in range(times) for b in doc.blocks)
    return dataclasses.replace(doc, text=doc.text * times, blocks=blocks)


def _next(service: AnalysisService, kinds=("update",)):
    while True:
        got = service.get(timeout=60)
        assert got is not None, "no answer from the analysis process"
        if got[0] in kinds:
            return got
        assert got[0] in ("ready", "alive"), got


def test_streams_and_a_cancelled_job_stops():
    service = AnalysisService()
    try:
        first = service.submit(_big())
        _, job, snap = _next(service)
        assert job == first and not snap.complete  # a partial result, streamed
        service.cancel(first)
        second = service.submit(load(SEED))
        while True:
            _, job, snap = _next(service)
            # after the cancel, the first job never finishes: the next complete result is the second's
            if snap.complete:
                assert job == second
                break
        assert any("Anna Kelly" in (q.speaker.name if q.speaker else "") for q in snap.quotes)
    finally:
        service.close()
    assert not service.alive()


def _wait_until_dead(pid: int) -> None:
    """Until the kernel shows the killed child as a zombie (killing is asynchronous)."""
    import time

    for _ in range(3000):
        with open(f"/proc/{pid}/stat") as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                return
        time.sleep(0.01)
    raise AssertionError("the killed child never died")


def _finished(feed: AnalysisFeed, doc) -> tuple[list, list]:
    events = list(feed.run(doc, lambda: False))
    updates = [e for e in events if isinstance(e, Update)]
    return events, updates


def test_a_killed_child_is_reaped_and_restarted(monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE", "0")
    service = AnalysisService()
    try:
        _next(service, ("ready",))
        pid = service.process.pid
        os.kill(pid, signal.SIGKILL)
        _wait_until_dead(pid)
        feed = AnalysisFeed(lambda: service, None)
        events, updates = _finished(feed, load(SEED))
        # said either when the job is sent (already dead) or when the reply never comes
        assert any(isinstance(e, Notice) and "ended" in e.text and "start" in e.text for e in events), events
        assert updates and updates[-1].analysis.complete
        assert service.process.pid != pid and service.restarts == 1
        try:  # no zombie left behind
            os.waitpid(pid, os.WNOHANG)
            raise AssertionError("the killed child was never reaped")
        except ChildProcessError:
            pass
    finally:
        service.close()


def test_a_child_killed_mid_job_is_restarted_and_the_job_resent(monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE", "0")
    service = AnalysisService()
    try:
        feed = AnalysisFeed(lambda: service, None)
        events = []
        for e in feed.run(_big(4), lambda: False):
            events.append(e)
            if isinstance(e, Update) and not e.analysis.complete and service.restarts == 0:
                os.kill(service.process.pid, signal.SIGKILL)
        assert any(isinstance(e, Notice) and "ended: restarted" in e.text for e in events)
        assert isinstance(events[-1], Update) and events[-1].analysis.complete
    finally:
        service.close()


def test_a_stopped_child_is_timed_out_and_replaced(monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE", "0")
    service = AnalysisService()
    try:
        _next(service, ("ready",))
        stopped = service.process.pid
        os.kill(stopped, signal.SIGSTOP)
        feed = AnalysisFeed(lambda: service, None, silent_seconds=3)
        events, updates = _finished(feed, load(SEED))
        assert any(isinstance(e, Notice) and "did not answer for 3 s" in e.text for e in events)
        assert updates and updates[-1].analysis.complete and service.process.pid != stopped
    finally:
        service.close()


def test_a_child_that_keeps_failing_gives_up_with_one_line(monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE", "0")
    service = AnalysisService()

    class Dying:
        """The real service, whose child is killed each time a job is sent."""

        def __getattr__(self, name):
            return getattr(service, name)

        def submit(self, doc):
            job = service.submit(doc)
            os.kill(service.process.pid, signal.SIGKILL)
            return job

    try:
        events = list(AnalysisFeed(lambda: Dying(), None).run(load(SEED), lambda: False))  # type: ignore[arg-type, return-value]
        assert isinstance(events[-1], Failed) and "again" in events[-1].reason
    finally:
        service.close()


DECOY = "open({marker!r}, 'w').write('ran')\n"


def test_code_in_the_working_directory_never_runs(tmp_path):
    """A `tui/`, `analyzers/`, `spacy.py` in the directory where copydesk runs must not be
    imported by the reader, its analysis process or `python -m` children."""
    marker = tmp_path / "ran"
    for rel in ("tui/__init__.py", "tui/services/__init__.py", "tui/services/analysis_worker.py",
                "analyzers/__init__.py", "spacy.py", "textual.py", "rich.py"):
        p = tmp_path / "cwd" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(DECOY.format(marker=str(marker)))
    service = AnalysisService()
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path / "cwd")
        restarted = AnalysisService()  # started from the decoy directory
    finally:
        os.chdir(cwd)
    try:
        feed = AnalysisFeed(lambda: restarted, None)
        events = list(feed.run(load(SEED), lambda: False))
        assert isinstance(events[-1], Update) and events[-1].analysis.complete
    finally:
        restarted.close()
        service.close()
    out = subprocess.run([str(COPYDESK), "--version"], cwd=tmp_path / "cwd", capture_output=True)
    assert out.returncode == 0
    assert not marker.exists()


def test_the_launcher_starts_the_analysis_only_for_one_article_and_the_reader_takes_it(tmp_path):
    from tui import launch
    from tui.services.worker_process import start_worker

    assert launch.reads_one_article([str(SEED)]) and launch.reads_one_article(["read", str(SEED)])
    assert launch.reads_one_article(["https://example.org/a"])
    for args in ([], ["analyze", str(SEED)], [str(SEED), str(SEED)], ["--theme", "ansi", str(SEED)],
                 [str(tmp_path / "missing.txt")], ["library"], ["-"]):
        assert not launch.reads_one_article(args), args
    # one started for another model is ended, not handed over
    other = start_worker("another_model")
    launch._early.append((other, "another_model"))
    assert launch.take_analysis_process(None) is None and other.poll() is not None
    # the one started for this model analyses the article
    early = start_worker(None)
    launch._early.append((early, None))
    service = AnalysisService(None, launch.take_analysis_process(None))
    try:
        assert service.process is early and launch.take_analysis_process(None) is None
        job = service.submit(load(SEED))
        while True:
            _, got_job, snap = _next(service)
            if snap.complete:
                break
        assert got_job == job and len(snap.quotes) >= 18
    finally:
        service.close()


def test_the_copydesk_command_leaves_no_analysis_process_behind_when_the_analysis_is_cached(
        tmp_path, monkeypatch, nlp):
    """The launcher starts the analysis process before it knows the article's analysis is in
    the cache; the reader ends it at once."""
    import time
    import uuid

    from analyzers.limits import DEFAULT_MAX_CHARS
    from analyzers.rules.pipeline import analyze
    from analyzers.store import cache

    mark = uuid.uuid4().hex  # children keep COPYDESK_* variables: this finds ours
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name))
    doc = load(SEED)
    cache.put(analyze(doc, nlp), doc, None, DEFAULT_MAX_CHARS)
    env = dict(os.environ, COPYDESK_TEST_MARK=mark)
    proc = subprocess.Popen(["script", "-qc", f"{COPYDESK} {SEED}", "/dev/null"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        seen, deadline = [], time.monotonic() + 30
        while time.monotonic() < deadline and not seen:  # the reader is up once its worker is gone
            time.sleep(0.1)
            seen = _ours("copydesk", mark)
        time.sleep(3)  # the model would have loaded by now
        assert seen and not _ours("tui.services.analysis_worker", mark)
    finally:
        proc.kill()
        proc.wait()
        for pid in _ours("copydesk", mark) + _ours("tui.services.analysis_worker", mark):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _ours(command: str, mark: str) -> list[int]:
    """Processes whose command line has ``command`` and whose environment has ``mark``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read()
            with open(f"/proc/{entry}/environ", "rb") as f:
                environ = f.read()
        except OSError:
            continue
        if command.encode() in cmd and mark.encode() in environ and b"script" not in cmd.split(b"\0")[0]:
            found.append(int(entry))
    return found
