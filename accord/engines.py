"""Runs the pipeline over a stream of inputs: serially (default for one worker).

``iter_results`` is the engine entry point: raw items in, ``DocumentResult``s out, in input order.
``run_coding`` is what ``accord code`` calls: it adds the sinks (record writer, database) and the
tally that decides the exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from accord.config import Settings
from accord.records import Article, DocError, DocumentResult


def iter_results(items: Iterable[Article | DocError], settings: Settings,
                 pipeline=None) -> Iterator[DocumentResult]:
    """Code a stream of raw articles in this process."""
    from accord.pipeline import Pipeline

    pipe = pipeline or Pipeline(settings)
    yield from pipe.process(items)


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


def run_coding(items: Iterable[Article | DocError], settings: Settings, *,
               sinks: Iterable[Callable[[DocumentResult], None]] = (),
               skip: Callable[[Article], bool] | None = None,
               on_result: Callable[[DocumentResult, RunTally], None] | None = None,
               pipeline=None) -> RunTally:
    """Code ``items``, hand every result to each sink, and return the tally.

    ``skip`` lets a caller drop articles that are already done (a resumed run).
    """
    tally = RunTally()
    sinks = list(sinks)

    def todo() -> Iterator[Article | DocError]:
        for item in items:
            if skip is not None and isinstance(item, Article) and skip(item):
                tally.skipped += 1
                continue
            yield item

    for result in iter_results(todo(), settings, pipeline=pipeline):
        tally.add(result)
        for sink in sinks:
            sink(result)
        if on_result is not None:
            on_result(result, tally)
    return tally
