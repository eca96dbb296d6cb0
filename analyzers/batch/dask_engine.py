"""The Dask engine: each partition is one task that reads its records itself (the input must
be on storage the workers see), analyses them with the worker's model and returns the rows as
JSON text; the client writes each partition as it finishes.

- The model: loaded once per worker process by ``ModelPlugin`` when the worker joins (and by the
  module cache in ``work.model_for`` should a task get there first); only its name travels.
- Backpressure: at most two partitions per worker thread are submitted at a time, so a long run
  neither floods the scheduler nor piles results up on the workers.
- Results are JSON text (bytes), not Python objects. Dask's own protocol still carries pickles
  between its processes: a cluster is trusted by whoever joins it. The LocalCluster started here
  therefore speaks TLS with a throw-away certificate (another user of the machine cannot submit
  work to it), and its processes start with ``PYTHONSAFEPATH=1``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from analyzers.batch.local import EngineError, usage
from analyzers.batch.records import read_partition
from analyzers.batch.work import Options, Row, analyse_records, model_for, model_lock

IN_FLIGHT_PER_THREAD = 2


def analyse_partition(spec: dict[str, Any], done: frozenset[str], options: dict[str, Any]) -> bytes:
    """The task: the rows of one partition, skipping ids already in the output, as wire lines."""
    from analyzers.rules.spacy_model import ModelError

    opts = Options.from_json(options)
    try:
        nlp, problem = model_for(opts.model), ""
    except ModelError as exc:
        nlp, problem = None, str(exc)
    records = (rec for rec in read_partition(spec) if rec.id not in done)
    if nlp is None:
        rows: Iterable[Row] = [Row(rec.id, None, f"{rec.id}: {problem}") for rec in records]
    else:
        with model_lock:  # a Dask worker may run several threads; one spaCy pipeline parses at a time
            rows = list(analyse_records(records, lambda: nlp, opts))
    out = [row.to_wire(0) for row in rows]
    return "".join(out).encode("utf-8")


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker starts, so the first tasks do not wait for it."""

    name = "copydesk-model"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from analyzers.rules.spacy_model import ModelError

        with contextlib.suppress(ModelError):  # each task then says so in its rows
            model_for(self.model)


def worker_usage() -> tuple[int, float]:
    """This process's peak resident bytes and CPU seconds (run on each worker at the end)."""
    return usage(os.getpid())


class DaskEngine:
    """Runs partitions on a Dask cluster: the one at ``scheduler``, or a LocalCluster of
    ``workers`` processes (default: one per CPU) on 127.0.0.1 started and stopped here."""

    def __init__(self, options: Options, scheduler: str | None = None, workers: int | None = None) -> None:
        self.options = options
        self.scheduler = scheduler
        self.workers = workers or len(os.sched_getaffinity(0))
        self.peak_memory: dict[str, int] = {}   # worker address -> peak resident bytes
        self.cpu_seconds: dict[str, float] = {}  # worker address -> CPU time it used

    def rows(self, partitions: Sequence[dict[str, Any]], done: set[str]) -> Iterator[list[Row]]:
        """The rows of each partition, as partitions finish (not in input order)."""
        from distributed import as_completed

        with self._client() as client:
            client.register_plugin(ModelPlugin(self.options.model))
            threads = sum(client.nthreads().values()) or 1
            [skip] = client.scatter([frozenset(done)], broadcast=True)
            options = self.options.to_json()
            run = uuid.uuid4().hex[:12]  # keys of this run only, whoever else uses the cluster
            specs = iter(enumerate(partitions))

            def submit(i: int, spec: dict[str, Any]) -> Any:
                return client.submit(analyse_partition, spec, skip, options, pure=False,
                                     key=f"copydesk-{run}-{i}")

            pending = as_completed([submit(i, s) for i, s in islice(specs, IN_FLIGHT_PER_THREAD * threads)])
            failed: list[str] = []
            for fut in pending:
                try:
                    data: bytes = fut.result()
                except Exception as exc:  # the cluster failed the task (a record's own failure is its row)
                    # the cluster's fault (input not on the workers' storage, a worker lost, other
                    # versions): nothing is written, so a rerun tries these records again
                    failed.append(" ".join(f"{type(exc).__name__}: {exc}".split())[:300])
                    data = b""
                fut.release()
                yield [Row.from_wire(line)[1] for line in data.decode("utf-8").split("\n") if line]
                for i, s in islice(specs, 1):
                    pending.add(submit(i, s))
            used = client.run(worker_usage)
            self.peak_memory = {k: v[0] for k, v in used.items()}
            self.cpu_seconds = {k: v[1] for k, v in used.items()}
            if failed:
                raise EngineError(f"{len(failed)} of {len(partitions)} partitions failed on the cluster and "
                                  f"were not written (a rerun tries them again); the first: {failed[0]}")

    @contextlib.contextmanager
    def _client(self) -> Iterator[Any]:
        import dask
        from distributed import Client, LocalCluster
        from distributed.security import Security

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="30s")
            except Exception as exc:  # OSError, TimeoutError, and ValueError/TypeError for a bad address
                raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                                  f"{type(exc).__name__}: {exc}") from None
            with client:
                yield client
            return
        # multiprocessing starts the workers and its resource tracker with ``python -c``, which
        # puts the working directory first on sys.path; every child of this process inherits it
        os.environ["PYTHONSAFEPATH"] = "1"
        environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"), PYTHONSAFEPATH="1")
        # Dask's 64 KiB trim threshold hands freed memory back to the OS at once, and spaCy
        # allocates and frees arrays all the time: ~25% more CPU per article than glibc's default
        environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        # Private: no HTTP routes (the scheduler's pages show addresses, logs and exceptions
        # with article text, unauthenticated), and a scratch directory of our own (Dask puts
        # a worker's directory first on its sys.path: never a shared /tmp/dask-scratch-space)
        config: dict[str, Any] = {
                  "distributed.nanny.pre-spawn-environ": environ, "distributed.scheduler.http.routes": [],
                  "distributed.worker.http.routes": [],
                  # the statistical profiler samples every thread's stack every 10 ms: CPU an
                  # archive run has better uses for
                  "distributed.worker.profile.enabled": False}
        with contextlib.ExitStack() as stack:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="copydesk-dask-"))
            # every component (the scheduler too) puts its scratch space there, never in the
            # shared $TMPDIR/dask-scratch-space another local user could create first
            stack.enter_context(dask.config.set({**config, "temporary-directory": scratch}))
            with _sigint_ignored():  # what starts now inherits it
                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, security=Security.temporary(), local_directory=scratch,
                    silence_logs=logging.CRITICAL))
            yield stack.enter_context(Client(cluster, security=cluster.security))


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C is this process's to handle (it closes the cluster and says how far the run got):
    processes started while SIGINT is ignored keep ignoring it instead of each printing its own
    traceback. Only the main thread may change a signal's handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


__all__ = ["DaskEngine", "ModelPlugin", "analyse_partition"]
