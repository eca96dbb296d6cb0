"""The local engine: N worker processes (``python -I -m analyzers.batch.worker``), each loading
the model once, fed batches of records as JSON lines over pipes (the short articles of a batch
share spaCy batches); rows come back in input order.

Why not multiprocessing: its children start with ``-c`` and the working directory first on
``sys.path`` and take pickles; these start isolated, like every copydesk child, and the pipes
carry JSON only. One loop moves bytes both ways without blocking (a 20 MiB record waiting for a
busy worker must not stop the results of the others), restarts a worker that dies or hangs,
and charges the record it was on, and only that one, with an error: when the worker was on a
batch of several, each of them is run again on its own, so that the one at fault is found.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import selectors
import subprocess
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from analyzers.batch.records import Record
from analyzers.batch.work import Options, Row, analyse_records, model_for

BATCH = 16                # records per message to a worker; their short articles share spaCy batches
BATCH_BYTES = 4 << 20     # ...and at most this many bytes of them (a bigger record goes alone)
AHEAD = 2                 # batches queued at each worker, so it never waits for this loop
LOAD_TIMEOUT = 300.0      # seconds a worker may take to load the model (a stuck import is not a record's fault)
WINDOW_PER_JOB = 64       # rows held back for order at most, per worker (a slow article stalls
                          # the others only after this many)


class EngineError(Exception):
    """The run cannot go on (no model, workers that cannot start); one line for the user."""


def in_process(records: Iterable[Record], options: Options) -> Iterator[Row]:
    """The same work without worker processes (``copydesk analyze --jobs 1``), short articles
    sharing spaCy batches; the model is loaded only when a record gets past loading."""
    from analyzers.rules.spacy_model import ModelError

    def model() -> object:
        try:
            return model_for(options.model)
        except ModelError as exc:
            raise EngineError(str(exc)) from None

    yield from analyse_records(records, model, options)


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen[bytes]
    outgoing: bytearray = field(default_factory=bytearray)
    incoming: bytearray = field(default_factory=bytearray)
    batches: deque[list[int]] = field(default_factory=deque)  # the seqs sent, by batch; the first is in work
    since: float = 0.0        # when its last row came, or its batch started
    started: float = field(default_factory=time.monotonic)
    ready: bool = False
    writing: bool = False     # its stdin is registered for writing


class Pool:
    """``jobs`` worker processes. Use as a context manager; :meth:`rows` runs the records."""

    def __init__(self, options: Options, jobs: int, hard_timeout: float | None = None,
                 load_timeout: float = LOAD_TIMEOUT) -> None:
        self.options = options
        self.jobs = max(1, jobs)
        # analyze() stops itself after max_seconds between pieces; this is for a worker stuck
        # inside one (or a C extension that never returns)
        self.hard_timeout = hard_timeout or max(60.0, 4 * options.max_seconds)
        self.load_timeout = load_timeout
        self.peak_memory: dict[int, int] = {}   # pid -> peak resident bytes, kept at its end
        self.cpu_seconds: dict[int, float] = {}  # pid -> CPU time it used
        self._sel = selectors.DefaultSelector()
        self._alone: set[int] = set()  # records of a batch that hung or killed its worker
        self._workers = [self._start() for _ in range(self.jobs)]

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        from analyzers.io.child import child_environment, python_command

        cmd = python_command("analyzers.batch.worker", json.dumps(self.options.to_json()))
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=child_environment(), bufsize=0)
        assert proc.stdin is not None and proc.stdout is not None
        os.set_blocking(proc.stdin.fileno(), False)
        os.set_blocking(proc.stdout.fileno(), False)
        w = _Worker(proc)
        self._sel.register(proc.stdout, selectors.EVENT_READ, w)
        return w

    def rows(self, records: Iterable[Record]) -> Iterator[Row]:
        source = iter(records)
        todo: deque[tuple[int, Record]] = deque()
        inflight: dict[int, Record] = {}
        done: dict[int, Row] = {}
        issued = emitted = 0
        exhausted = False
        window = WINDOW_PER_JOB * self.jobs
        while True:
            while not exhausted and issued - emitted < window and len(todo) < AHEAD * BATCH * self.jobs \
                    and sum(_size(rec) for _, rec in todo) < AHEAD * BATCH_BYTES * self.jobs:
                rec = next(source, None)
                if rec is None:
                    exhausted = True
                else:
                    todo.append((issued, rec))
                    issued += 1
            self._dispatch(todo, inflight, exhausted)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if exhausted and emitted == issued:
                return
            for key, mask in self._sel.select(timeout=1.0):
                w = key.data
                if w not in self._workers:
                    continue  # replaced earlier in this round
                if mask & selectors.EVENT_WRITE:
                    self._send(w)
                elif mask & selectors.EVENT_READ:
                    self._receive(w, todo, inflight, done)
            now = time.monotonic()
            for w in list(self._workers):
                if w.ready and w.batches and now - w.since > self.hard_timeout:
                    self._replace(w, f"took longer than {self.hard_timeout:g} s", todo, inflight, done)
                elif not w.ready and now - w.started > self.load_timeout:
                    raise EngineError(f"a worker process did not load the model within {self.load_timeout:g} s")

    def _dispatch(self, todo: deque[tuple[int, Record]], inflight: dict[int, Record], exhausted: bool) -> None:
        # the last records are shared out among the free places, not all sent to one worker
        free = sum(max(0, AHEAD - len(w.batches)) for w in self._workers)
        most = BATCH if not exhausted else max(1, min(BATCH, -(-len(todo) // max(1, free))))
        while todo:
            w = min(self._workers, key=lambda w: len(w.batches))
            if len(w.batches) >= AHEAD:
                break
            wire = self._batch(todo, most)
            if not w.batches:
                w.since = time.monotonic()
            w.batches.append([seq for seq, _, _ in wire])
            inflight.update((seq, rec) for seq, rec, _ in wire)
            w.outgoing += b'{"batch": [' + b", ".join(line for _, _, line in wire) + b"]}\n"
        for w in self._workers:
            if w.outgoing and not w.writing:
                assert w.proc.stdin is not None
                self._sel.register(w.proc.stdin, selectors.EVENT_WRITE, w)
                w.writing = True

    def _batch(self, todo: deque[tuple[int, Record]], most: int) -> list[tuple[int, Record, bytes]]:
        """The next batch from ``todo``, each record with its wire form; a record under suspicion
        goes alone."""
        out: list[tuple[int, Record, bytes]] = []
        size = 0
        while todo and len(out) < most:
            seq, rec = todo[0]
            if out and (seq in self._alone or out[0][0] in self._alone):
                break
            line = json.dumps({"seq": seq, **rec.to_wire()}).encode("ascii")
            if out and size + len(line) > BATCH_BYTES:
                break
            todo.popleft()
            out.append((seq, rec, line))
            size += len(line)
        return out

    def _send(self, w: _Worker) -> None:
        assert w.proc.stdin is not None
        try:
            n = os.write(w.proc.stdin.fileno(), w.outgoing[: 1 << 20])
        except BlockingIOError:
            return
        except OSError:  # the worker is gone: the end of its stdout says what happened
            n = len(w.outgoing)
        del w.outgoing[:n]
        if not w.outgoing:
            self._sel.unregister(w.proc.stdin)
            w.writing = False

    def _receive(self, w: _Worker, todo: deque[tuple[int, Record]], inflight: dict[int, Record],
                 done: dict[int, Row]) -> None:
        assert w.proc.stdout is not None
        try:
            chunk = os.read(w.proc.stdout.fileno(), 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            if not w.ready:
                raise EngineError(f"a worker process could not start ({self._death(w)})")
            self._replace(w, self._death(w), todo, inflight, done)
            return
        w.incoming += chunk
        *lines, rest = w.incoming.split(b"\n")
        w.incoming = bytearray(rest)
        for line in lines:
            text = line.decode("utf-8")
            if text.startswith('["'):   # a worker's own message, not a row
                kind, *detail = json.loads(text)
                if kind == "fatal":
                    raise EngineError(detail[0] if detail else "a worker process failed")
                w.ready = True
                w.since = time.monotonic()  # the clock runs from here: loading is not analysing
                continue
            seq, row = Row.from_wire(text)
            if w.batches and w.batches[0] and w.batches[0][0] == seq:
                w.batches[0].pop(0)
                if not w.batches[0]:
                    w.batches.popleft()
                w.since = time.monotonic()
            inflight.pop(seq, None)
            self._alone.discard(seq)
            done[seq] = row

    def _death(self, w: _Worker) -> str:
        with contextlib.suppress(subprocess.TimeoutExpired):
            w.proc.wait(timeout=2)
        code = w.proc.poll()
        if code is not None and code < 0:
            return f"the analysis process was killed by signal {-code}"
        return f"the analysis process ended (status {code})"

    def _replace(self, w: _Worker, reason: str, todo: deque[tuple[int, Record]],
                 inflight: dict[int, Record], done: dict[int, Row]) -> None:
        """End ``w``. The record it was on gets ``reason`` as its error; if it was on several
        (a batch), each of them goes again alone. The ones queued behind go to the other workers."""
        self._stop(w, kill=True)
        if w.batches:
            current = w.batches.popleft()
            if len(current) == 1:
                rec = inflight.pop(current[0])
                done[current[0]] = Row(rec.id, None, f"{rec.id}: {reason}")
                self._alone.discard(current[0])
            else:
                self._alone.update(current)
                w.batches.appendleft(current)
            for seq in reversed([seq for batch in w.batches for seq in batch]):
                todo.appendleft((seq, inflight.pop(seq)))
            w.batches.clear()
        self._workers[self._workers.index(w)] = self._start()

    def _stop(self, w: _Worker, kill: bool) -> None:
        self.peak_memory[w.proc.pid], self.cpu_seconds[w.proc.pid] = usage(w.proc.pid)
        for f in (w.proc.stdin, w.proc.stdout):
            if f is not None:
                with contextlib.suppress(KeyError, ValueError):
                    self._sel.unregister(f)
                with contextlib.suppress(OSError):
                    f.close()
        if kill:
            w.proc.kill()
        try:
            w.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            w.proc.kill()
            w.proc.wait()

    def close(self) -> None:
        for w in self._workers:
            self._stop(w, kill=bool(w.batches))  # idle workers end when their stdin closes
        self._workers = []
        self._sel.close()


def _size(rec: Record) -> int:
    """About the bytes a record holds here: its text when it carries it, else its path or URL."""
    return len(rec.value)


def usage(pid: int) -> tuple[int, float]:
    """A process's peak resident bytes and CPU seconds (Linux /proc; zero where unknown)."""
    peak, cpu = 0, 0.0
    with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/status", encoding="ascii") as f:
        peak = sum(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return peak, cpu


def run_local(records: Iterable[Record], options: Options, jobs: int) -> Iterator[Row]:
    """Rows in input order: in this process when ``jobs`` is 0, else from a pool."""
    if jobs <= 0:
        yield from in_process(records, options)
        return
    source = iter(records)
    first = next(source, None)
    if first is None:  # a resumed run with nothing left starts no worker
        return
    with Pool(options, jobs) as pool:
        yield from pool.rows(itertools.chain([first], source))


__all__ = ["EngineError", "Pool", "in_process", "run_local"]
