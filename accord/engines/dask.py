"""The Dask engine: the same per-batch function as the pool, run on a ``distributed`` cluster.

``accord code DIR --engine dask [--scheduler tcp://host:8786] [--parquet OUT] [--db X]``

The client (where ``accord code`` runs) reads the input, sends batches of documents to the
cluster and yields the results back in input order, at most ``2 * workers`` batches in flight.
Each worker loads the Pipeline once, through ``PipelinePlugin`` (a ``distributed.WorkerPlugin``
that keeps it as an attribute of the worker object, so no module state is involved).  With
``--parquet OUT`` every worker also writes its batch's rows as date-partitioned Parquet shards
(``OUT/<table>/day=YYYY-MM-DD/part-*.parquet``, via ``accord.store.parquet``) that DuckDB,
``accord.open(OUT)`` and ``import_parquet`` read; OUT must then be a path all workers and the
client share (NFS, a mounted bucket).  ``--db`` on the client still receives every result.

Running it on a real cluster (every machine needs the same Python environment:
``pip install accord`` plus the spaCy model, see requirements-model.txt):

- By hand: ``dask scheduler`` on one host (port 8786, dashboard 8787), then on each worker host
  ``dask worker tcp://SCHEDULER:8786 --nworkers auto --nthreads 1 --memory-limit 1GiB``
  (one thread per process: spaCy work is CPU-bound and holds the GIL; ~500 MB per process),
  then ``accord code /data/news --engine dask --scheduler tcp://SCHEDULER:8786
  --parquet /shared/accord-out``.
- HPC batch systems (dask-jobqueue): in Python,
  ``cluster = SLURMCluster(cores=8, processes=8, memory="8GB", walltime="04:00:00");
  cluster.scale(jobs=10)`` and pass ``cluster.scheduler_address`` as ``--scheduler``
  (PBSCluster, SGECluster, LSFCluster work the same way).
- Kubernetes: the ``dask`` Helm chart (``helm install accord dask/dask`` with the worker image
  set to one with accord installed, ``worker.replicas=N``) or dask-kubernetes' ``KubeCluster``;
  use the scheduler service address (``tcp://accord-scheduler:8786``) as ``--scheduler``.

Without ``--scheduler`` a ``LocalCluster`` of ``workers`` single-threaded processes is started
for the run.  ``import_parquet(store, OUT)`` loads shards into a DuckDB store afterwards (rows
imported this way have no story clusters; ``accord code --db`` computes those).
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from accord.config import Settings
from accord.records import Article, DocError, DocumentResult

#: Document tables written as Parquet, with the column each is partitioned by (None: not).
PARQUET_TABLES = {"articles": "date", "events": "date", "sentences": None, "actors": None,
                  "quotes": None, "errors": None}


def _attr_name(settings: Settings) -> str:
    import hashlib

    return "_accord_pipeline_" + hashlib.sha1(repr(settings).encode()).hexdigest()[:12]


try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a pinned dependency
    _WorkerPlugin = object


class PipelinePlugin(_WorkerPlugin):
    """Loads one Pipeline per Dask worker at start-up and keeps it on the worker object."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.name = "accord" + _attr_name(settings)

    def setup(self, worker) -> None:
        from accord.pipeline import Pipeline

        setattr(worker, _attr_name(self.settings), Pipeline(self.settings))


def _worker_pipeline(settings: Settings):
    from distributed import get_worker

    worker = get_worker()
    name = _attr_name(settings)
    pipe = getattr(worker, name, None)
    if pipe is None:  # a worker that joined before the plugin reached it
        from accord.pipeline import Pipeline

        pipe = Pipeline(settings)
        setattr(worker, name, pipe)
    return pipe


def dask_batch(items: list[Article | DocError], settings: Settings,
               parquet_dir: str | None = None) -> list[DocumentResult]:
    """The task each worker runs: code a batch (and write its Parquet shards when asked)."""
    from accord.engines.serial import code_batch

    results = code_batch(_worker_pipeline(settings), items)
    if parquet_dir:
        write_results_parquet(results, parquet_dir)
    return results


def result_tables(results: list[DocumentResult]) -> dict:
    """The store rows of ``results`` as Arrow tables (no story clusters: those need the store)."""
    from accord.store.rows import (actor_row, article_row, error_row, event_row, quote_row,
                                   sentence_row, to_arrow)

    now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    rows: dict[str, list[dict]] = {name: [] for name in PARQUET_TABLES}
    for r in results:
        a = r.article
        doc_id = a.doc_id if a is not None else r.doc_id
        if a is not None:
            rows["articles"].append(article_row(a, status="error" if r.errors else "ok",
                                                n_events=len(r.events), cluster_id=None,
                                                coded_at=now))
        has_title = bool(a is not None and a.title)
        rows["events"].extend(event_row(e, has_title=has_title, cluster_id=None) for e in r.events)
        rows["sentences"].extend(sentence_row(s) for s in r.sentences)
        rows["actors"].extend(actor_row(m) for m in r.actors)
        rows["quotes"].extend(quote_row(q) for q in r.quotes)
        rows["errors"].extend(error_row(e, doc_id, now) for e in r.errors)
    return {name: to_arrow(name, r) for name, r in rows.items()}


def write_results_parquet(results: list[DocumentResult], root: str | Path) -> int:
    """Append ``results`` as date-partitioned shards under ``root``; returns shards written."""
    from accord.store.parquet import write_partitioned

    written = 0
    for name, table in result_tables(results).items():
        written += len(write_partitioned(table, root, name, PARQUET_TABLES[name]))
    return written


def import_parquet(store, root: str | Path) -> int:
    """Load the shards under ``root`` into ``store`` (a ``Store``); returns articles imported.

    Replaces the rows of every imported doc_id, so importing twice changes nothing.
    """
    import pyarrow.dataset as ds

    from accord.store.parquet import parquet_glob
    from accord.store.rows import arrow_schema

    tables = {}
    for name in PARQUET_TABLES:
        if parquet_glob(root, name) is None:
            continue
        folder = Path(root) / name
        files = sorted(str(p) for p in folder.rglob("*.parquet") if not p.name.startswith("."))
        tables[name] = ds.dataset(files, format="parquet",
                                  schema=arrow_schema(name)).to_table()
    ids: set[str] = set()
    for t in tables.values():
        ids.update(v for v in t.column("doc_id").to_pylist() if v is not None)
    store.append_tables(tables, doc_ids=ids)
    return tables["articles"].num_rows if "articles" in tables else 0


def iter_dask(items: Iterable[Article | DocError], settings: Settings, *,
              scheduler: str | None, workers: int, chunk_size: int,
              parquet_dir: str | None = None) -> Iterator[DocumentResult]:
    """Code ``items`` on a Dask cluster (a local one when ``scheduler`` is None)."""
    import logging

    from distributed import Client, LocalCluster

    from accord.engines.pool import batches

    # distributed logs every worker start and stop at INFO; a run shows only what the user
    # asked for (warnings, or errors only with --quiet).
    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().level))

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        client.register_plugin(PipelinePlugin(settings))
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque = deque()
        for chunk in batches(items, chunk_size, n):
            pending.append(client.submit(dask_batch, chunk, settings, parquet_dir, pure=False))
            while len(pending) >= 2 * n:
                future = pending.popleft()
                yield from future.result()
                future.release()
        while pending:
            future = pending.popleft()
            yield from future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
