"""Archives: one record in, one analysis out, on one machine or a Dask cluster.

- ``records``  inputs (a directory, JSONL, Parquet) cut into partitions; ``Record``
- ``work``     ``analyse_record``: the one per-record function every engine runs (``analyse_records``:
               the same for a stream of records, short articles sharing spaCy batches); ``Row``
- ``local``    worker processes over pipes (``python -I``), rows in input order
- ``worker``   the worker process itself
- ``dask_engine``  the same work as Dask tasks (needs the ``archive`` extra)
- ``writers``  JSONL and Parquet outputs: resumable, whole records only
"""
