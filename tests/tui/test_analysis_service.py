"""The analysis child process: framing, streaming, cancellation, a dead child."""

from __future__ import annotations

import io

from analyzers import load
from tests.conftest import SEED
from tui.services.analysis import AnalysisService, read_frame, write_frame


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


def _drain(service: AnalysisService, job: int):
    snaps = []
    while True:
        got = service.get(timeout=60)
        assert got is not None, "no answer from the analysis process"
        kind, job_id, payload = got
        assert kind == "update", payload
        if job_id == job:
            snaps.append(payload)
            if payload.complete:
                return snaps


def test_streams_and_cancels():
    doc = load(SEED)
    big = doc.__class__(doc.source, doc.format, doc.title, doc.text * 6,
                        tuple(b.__class__(b.kind, b.start + k * len(doc.text), b.end + k * len(doc.text), b.level)
                              for k in range(6) for b in doc.blocks))
    service = AnalysisService()
    try:
        first = service.submit(big)
        got = service.get(timeout=60)
        assert got is not None and got[1] == first and got[2].document is None
        service.cancel(first)
        second = service.submit(doc)
        snaps = _drain(service, second)
        final = snaps[-1]
        assert final.complete and any("Anna Kelly" in (q.speaker.name if q.speaker else "") for q in final.quotes)
    finally:
        service.close()
    assert not service.alive()
