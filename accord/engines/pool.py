"""The process-pool engine: N worker processes, each loading the model once, fed document batches.

Worker-local state (the one allowed exception to "no module-level mutable state"):
``_WORKER_PIPELINE`` is set only by ``_init_worker``, the pool *initializer*, which runs inside
each freshly spawned worker process and never in the parent.  Loading a Pipeline (knowledge
tables + spaCy model) takes seconds, so it must happen once per worker, not once per batch;
an initializer storing into a module variable is the standard ProcessPoolExecutor way to do it.

Workers are started with ``spawn`` (not ``fork``): the parent may hold an open DuckDB
connection and threads, which must not be duplicated into children.  At most ``2 * workers``
batches are in flight, so input is read lazily and memory stays flat however long the run;
results are yielded batch by batch in input order.  If the parent dies (even ``kill -9``),
each worker's watchdog thread sees it re-parented and exits the worker at once, so a killed run
leaves no orphans behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from accord.config import Settings
from accord.records import Article, DocError, DocumentResult

#: The pipeline of *this worker process*; set only by ``_init_worker`` (see module docstring).
_WORKER_PIPELINE = None


def _init_worker(settings: Settings, parent: int) -> None:
    """Pool initializer: watch the parent, then build this worker's Pipeline once."""
    global _WORKER_PIPELINE
    from accord.pipeline import Pipeline

    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True,
                     name="accord-parent-watchdog").start()
    _WORKER_PIPELINE = Pipeline(settings)


def _exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """Exit this worker as soon as its parent is gone (a SIGKILLed run never reaps us)."""
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(interval)


def _run_batch(items: list[Article | DocError]) -> list[DocumentResult]:
    from accord.engines.serial import code_batch

    return code_batch(_WORKER_PIPELINE, items)


def batches(items: Iterable, size: int, workers: int = 1) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last one shorter).

    A short input (fewer than ``size * workers`` items) is split evenly over the workers
    instead, so ten documents on two workers are two batches of five, not one of ten.
    """
    it = iter(items)
    head = list(islice(it, size * workers))
    if len(head) < size * workers:
        size = max(1, -(-len(head) // max(1, workers)))
    for start in range(0, len(head), size):
        yield head[start:start + size]
    while chunk := list(islice(it, size)):
        yield chunk


def iter_pool(items: Iterable[Article | DocError], settings: Settings, *, workers: int,
              chunk_size: int) -> Iterator[DocumentResult]:
    """Code ``items`` in ``workers`` processes; results in input order, batch by batch."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(settings, os.getpid())) as pool:
        pending: deque = deque()
        for chunk in batches(items, chunk_size, workers):
            pending.append(pool.submit(_run_batch, chunk))
            while len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
