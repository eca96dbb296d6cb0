"""Archives: one record in, one analysis out, on one machine or a Dask cluster.

- ``records``  inputs (a directory, JSONL, Parquet) cut into partitions; ``Record``
- ``work``     ``analyse_records``: what every engine runs on a stream of records, short articles
               sharing spaCy batches (``analyse_record``: the same for one record); ``Row``
- ``local``    worker processes over pipes (``python -I``), rows in input order
- ``worker``   the worker process itself
- ``dask_engine``  the same work as Dask tasks (needs the ``archive`` extra)
- ``writers``  JSONL and Parquet outputs: resumable, whole records only
"""
