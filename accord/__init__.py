"""Accord: political event data from raw news, every event backed by its evidence.

The public API mirrors the command line:

>>> import accord
>>> records = accord.code("Russia and Iraq agreed to expand military cooperation.", date="2015-10-16")
>>> [r.code for r in records if r.to_dict()["type"] == "event"]      # doctest: +SKIP

``code_many`` streams records for an iterable of texts or Articles; ``accord.open(db)`` returns
a ``Dataset`` with the analysis queries as pandas DataFrames.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from accord.config import DEFAULT_EMIT, EMIT_TYPES, Settings
from accord.records import (Article, ActorMention, ActorRef, DocError, DocumentResult, Event,
                            Location, Quote, Sentence, Span, stable_id)

__version__ = "0.1.0"

__all__ = ["code", "code_many", "open", "Settings", "Article", "ActorMention", "ActorRef",
           "DocError", "DocumentResult", "Event", "Location", "Quote", "Sentence", "Span",
           "EMIT_TYPES", "DEFAULT_EMIT"]


def _as_article(item: str | Article | dict, date: str | None = None) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(doc_id=stable_id("", item), text=item, date=date)
    if isinstance(item, dict):
        from accord.ingest.readers import article_from_mapping

        return article_from_mapping(item, origin="<api>", default_date=date)
    raise TypeError(f"cannot code a {type(item).__name__}: give text, a dict or an Article")


def code_many(items: Iterable[str | Article | dict], *, date: str | None = None,
              settings: Settings | None = None, emit: Iterable[str] = DEFAULT_EMIT,
              pipeline=None) -> Iterator:
    """Stream records for many texts/articles.  ``pipeline`` reuses an already loaded one."""
    from accord.pipeline import Pipeline

    settings = settings or Settings(default_date=date)
    pipe = pipeline or Pipeline(settings)
    emit = frozenset(emit)
    for result in pipe.process(_as_article(i, date) for i in items):
        yield from result.records(emit)


def code(text: str | Article | dict, *, date: str | None = None,
         settings: Settings | None = None, emit: Iterable[str] = DEFAULT_EMIT, pipeline=None) -> list:
    """Code one text (or Article) and return its records (events and errors by default)."""
    return list(code_many([text], date=date, settings=settings, emit=emit, pipeline=pipeline))


def open(db_path: str = "accord.duckdb"):  # noqa: A001 - mirrors sqlite3.connect/duckdb style
    """Open a coded event database for analysis; queries return pandas DataFrames."""
    from accord.analysis import Dataset

    return Dataset(db_path)
