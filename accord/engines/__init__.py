"""Runs the pipeline over a stream of inputs: serially, in a process pool, or on a Dask cluster.

``iter_results`` is the engine entry point: raw items in, one ``DocumentResult`` per item out.
Ordering: batches come back in input order whatever the engine; inside a batch the order is the
one ``Pipeline.process`` gives (a read or clean error is yielded at once, coded articles when
their nlp.pipe batch is done).  Every item yields exactly one result, so the store hears of
every document.  ``run_coding`` is what ``accord code`` calls: it adds the skip
test of a resumed run, the sinks (record writer, database) and the tally that decides the exit code.

Engines (``engine=``):

- ``serial``: this process (``accord.engines.serial``).
- ``pool`` (default): ``workers`` processes, each loading the model once, fed batches of
  ``DEFAULT_CHUNK`` documents (``accord.engines.pool``).  One worker, or a single document,
  falls back to ``serial``: starting a process costs more than it saves.
- ``dask``: the same per-batch function on a ``distributed`` cluster (``accord.engines.dask``,
  whose docstring says how to run one).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

from accord.config import Settings
from accord.engines.serial import RunTally, iter_serial
from accord.records import Article, DocError, DocumentResult

ENGINES = ("serial", "pool", "dask")
#: Documents per batch shipped to a worker: big enough to amortise pickling and to fill
#: nlp.pipe batches, small enough that results stream and memory stays flat.
DEFAULT_CHUNK = 200

__all__ = ["ENGINES", "DEFAULT_CHUNK", "RunTally", "iter_results", "run_coding", "resolve_workers"]


def resolve_workers(workers: int) -> int:
    """``workers`` as given, or the number of usable cores for 0 (or less)."""
    if workers and workers > 0:
        return workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def iter_results(items: Iterable[Article | DocError], settings: Settings, pipeline=None, *,
                 engine: str = "serial", workers: int | None = None,
                 chunk_size: int = DEFAULT_CHUNK, scheduler: str | None = None,
                 parquet_dir: str | None = None) -> Iterator[DocumentResult]:
    """Code a stream of raw articles with ``engine`` (see the module docstring for ordering)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    n = resolve_workers(settings.workers if workers is None else workers)
    items = iter(items)
    if engine == "pool":
        head = list(islice(items, 2))
        items = chain(head, items)
        if n <= 1 or len(head) < 2:  # nothing to share out
            engine = "serial"
    if engine == "serial":
        yield from iter_serial(items, settings, pipeline)
    elif engine == "pool":
        from accord.engines.pool import iter_pool

        yield from iter_pool(items, settings, workers=n, chunk_size=chunk_size)
    else:
        from accord.engines.dask import iter_dask

        yield from iter_dask(items, settings, scheduler=scheduler, workers=n,
                             chunk_size=chunk_size, parquet_dir=parquet_dir)


def run_coding(items: Iterable[Article | DocError], settings: Settings, *,
               sinks: Iterable[Callable[[DocumentResult], None]] = (),
               skip: Callable[[Article], bool] | None = None,
               on_result: Callable[[DocumentResult, RunTally], None] | None = None,
               pipeline=None, engine: str = "serial", workers: int | None = None,
               chunk_size: int = DEFAULT_CHUNK, scheduler: str | None = None,
               parquet_dir: str | None = None) -> RunTally:
    """Code ``items``, hand every result to each sink, and return the tally.

    ``skip`` lets a caller drop articles that are already done (a resumed run); it is asked in
    this process, before anything is sent to a worker.
    """
    tally = RunTally()
    sinks = list(sinks)

    def todo() -> Iterator[Article | DocError]:
        for item in items:
            if skip is not None and isinstance(item, Article) and skip(item):
                tally.skipped += 1
                continue
            yield item

    for result in iter_results(todo(), settings, pipeline=pipeline, engine=engine,
                               workers=workers, chunk_size=chunk_size, scheduler=scheduler,
                               parquet_dir=parquet_dir):
        tally.add(result)
        for sink in sinks:
            sink(result)
        if on_result is not None:
            on_result(result, tally)
    return tally
