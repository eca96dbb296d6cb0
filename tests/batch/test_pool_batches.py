"""How the local engine cuts its input into the batches it sends a worker."""

from __future__ import annotations

from collections import deque

from analyzers.batch.local import BATCH, BATCH_BYTES, Pool
from analyzers.batch.records import Record


def pool_without_workers() -> Pool:
    pool = Pool.__new__(Pool)  # _batch needs no worker process
    pool._alone = set()
    return pool


def todo(n: int, start: int = 0) -> deque[tuple[int, Record]]:
    return deque((i, Record(f"r{i}", "text", "x" * 10)) for i in range(start, start + n))


def test_a_batch_holds_at_most_batch_records_in_input_order():
    queue = todo(BATCH + 5)
    got = pool_without_workers()._batch(queue, BATCH)
    assert [seq for seq, _, _ in got] == list(range(BATCH)) and len(queue) == 5


def test_records_under_suspicion_go_alone():
    pool = pool_without_workers()
    pool._alone = {2}
    queue = todo(6)
    sizes = []
    while queue:
        sizes.append([seq for seq, _, _ in pool._batch(queue, BATCH)])
    assert sizes == [[0, 1], [2], [3, 4, 5]]


def test_a_big_record_goes_alone_and_is_never_refused():
    queue = deque([(0, Record("big", "text", "x" * (BATCH_BYTES + 1))), *todo(3, start=1)])
    pool = pool_without_workers()
    assert [seq for seq, _, _ in pool._batch(queue, BATCH)] == [0]
    assert [seq for seq, _, _ in pool._batch(queue, BATCH)] == [1, 2, 3]
