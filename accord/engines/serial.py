"""The serial engine (one process) and the run tally every engine shares."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from accord.config import Settings
from accord.records import Article, DocError, DocumentResult


def iter_serial(items: Iterable[Article | DocError], settings: Settings,
                pipeline=None) -> Iterator[DocumentResult]:
    """Code a stream of raw articles in this process."""
    from accord.pipeline import Pipeline

    pipe = pipeline or Pipeline(settings)
    for n, result in enumerate(pipe.process(items), 1):
        yield result
        if n % TRIM_EVERY == 0:
            release_memory()


#: Documents between two ``release_memory`` calls in the serial engine.
TRIM_EVERY = 256


def release_memory() -> None:
    """Hand freed heap memory back to the OS (glibc ``malloc_trim``; a no-op elsewhere).

    spaCy/thinc allocate and free large native arrays for every batch; glibc keeps the freed
    pages, so a worker's RSS crept from ~480 MB to ~670 MB over 400 BBC articles although
    Python-level memory grew by ~2 MB (tracemalloc).  Trimming after each batch keeps it at
    ~200-250 MB with identical results.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # musl or an unusual libc: nothing to trim
        pass


def code_batch(pipeline, items: list[Article | DocError]) -> list[DocumentResult]:
    """The per-batch function every parallel engine runs: one result per item, in order.

    ``Pipeline.process`` yields exactly one result per item and never raises for a bad
    document; should it ever yield fewer, the missing items become ``error`` results so the
    store still hears of every document.
    """
    results = list(pipeline.process(items))
    release_memory()
    if len(results) == len(items):
        return results
    by_id = {r.doc_id: r for r in results}
    out = []
    for item in items:
        r = by_id.get(item.doc_id)
        out.append(r if r is not None else DocumentResult(
            article=item if isinstance(item, Article) else None,
            errors=(item if isinstance(item, DocError) else DocError(
                doc_id=item.doc_id, path=item.path, stage="engine",
                reason="the pipeline returned no result for this document"),)))
    return out


@dataclass
class RunTally:
    """Counts of one run; ``exit_code`` follows the CLI contract (0 all coded, 3 some failed)."""

    documents: int = 0
    coded: int = 0
    failed: int = 0
    skipped: int = 0  # already in the database from an earlier run
    events: int = 0
    quotes: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 3 if self.failed else 0

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        if result.errors:
            self.failed += 1
            self.reasons.extend(e.reason for e in result.errors[:1])
        else:
            self.coded += 1
        self.events += len(result.events)
        self.quotes += len(result.quotes)
