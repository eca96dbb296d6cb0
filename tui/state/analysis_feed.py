"""One document -> a stream of analyses for the reader: from the cache when it has one, else
from the analysis process, restarting a process that died or stopped answering (once per
document), and storing the finished result. Runs in a worker thread; yields events the screen
turns into messages."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from analyzers.model import Analysis, Document
from tui.services.analysis import ENDED, AnalysisService


@dataclass(frozen=True)
class Status:
    text: str


@dataclass(frozen=True)
class Notice:
    text: str


@dataclass(frozen=True)
class Update:
    analysis: Analysis


@dataclass(frozen=True)
class Failed:
    reason: str


Event = Status | Notice | Update | Failed


class AnalysisFeed:
    def __init__(self, service: Callable[[], AnalysisService], model: str | None, *,
                 max_chars: int | None = None, silent_seconds: float | None = None) -> None:
        from analyzers.limits import DEFAULT_MAX_CHARS
        from analyzers.settings import settings

        self._service = service
        self.model = model
        self.max_chars = max_chars or DEFAULT_MAX_CHARS
        self.silent_seconds = silent_seconds or settings().analysis_timeout

    def run(self, doc: Document, cancelled: Callable[[], bool]) -> Iterator[Event]:
        from analyzers.store import cache

        cached = cache.get(doc, self.model, self.max_chars)
        if cached is not None:  # read before: no need to wait for spaCy
            yield Update(cached)
            return
        service = self._service()
        yield Status("loading language model…")
        restarts = service.restarts
        job = service.submit(doc)  # a process that died since the last article is started again
        if service.restarts > restarts:
            yield Notice("the analysis process had ended: started it again")
        retried = False
        last = time.monotonic()
        try:
            while not cancelled():
                got = service.get(timeout=0.2)
                now = time.monotonic()
                trouble = None
                if got is None:
                    if not service.alive():
                        trouble = "ended"
                    elif now - last > self.silent_seconds:
                        trouble = f"did not answer for {self.silent_seconds:.0f} s"
                elif got[0] == ENDED:
                    trouble = "ended"
                if trouble is not None:
                    service.kill()
                    if retried:
                        yield Failed(f"the analysis process {trouble} again: analysis unavailable")
                        return
                    retried = True
                    yield Notice(f"the analysis process {trouble}: restarted it")
                    job = service.submit(doc)
                    last = time.monotonic()
                    continue
                if got is None:
                    continue
                last = now
                kind, job_id, payload = got
                if kind == "fatal":
                    yield Failed(str(payload))
                    return
                if job_id != job or kind in ("alive", "ready"):
                    continue  # a heartbeat, or a result for an article that was closed
                if kind == "error":
                    yield Failed(str(payload))
                    return
                yield Update(payload)
                if payload.complete:
                    cache.put(payload, doc, self.model, self.max_chars)
                    return
        finally:
            service.cancel(job)
