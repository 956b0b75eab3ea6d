"""The /api routes: each one validates its input and makes one ``Dataset`` (or Store) call.

Every filter is declared with FastAPI ``Query``/``Path`` constraints, so bad input is a clear 422
before the library is called; the library validates again (a ``ValueError`` becomes a 422 too)
and binds every value as a SQL parameter.  Rows are the flat columns of the store (``source_code``,
``trigger_start``...), with dates as ``YYYY-MM-DD`` and missing values as ``null``.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Annotated, Any, Literal

import numpy as np
import pandas as pd
from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query
from pydantic import BaseModel, ConfigDict, Field

ACTOR_PATTERN = r"^[A-Za-z0-9]{3,30}$"
ROOT_PATTERN = r"^\d{2}$"
CODE_PATTERN = r"^\d{2,4}$"
MAX_PAGE = 1000
MAX_OFFSET = 10_000_000
MAX_POST = 50
TIMESTAMP_COLUMNS = frozenset({"coded_at", "recorded_at"})

Actor = Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="CAMEO actor code or "
                                    "prefix (RUS matches RUSGOV, RUSMIL); case-insensitive",
                                    examples=["RUS"])]
Root = Annotated[str | None, Query(pattern=ROOT_PATTERN, description="CAMEO root code 01-20",
                                   examples=["04"])]
DateFrom = Annotated[_dt.date | None, Query(description="first date, YYYY-MM-DD")]
DateTo = Annotated[_dt.date | None, Query(description="last date, YYYY-MM-DD")]
Dedup = Annotated[bool, Query(description="count each story event once (its earliest report)")]


# -- response models (the envelope; rows are documented as the store's flat columns) -------------
class Page(BaseModel):
    total: int | None = Field(None, description="rows matching the filters (events only)")
    limit: int
    offset: int


class EventPage(Page):
    events: list[dict[str, Any]] = Field(description="flat event rows, newest first")


class QuotePage(Page):
    quotes: list[dict[str, Any]]


class Rows(BaseModel):
    rows: list[dict[str, Any]]


class Timeseries(Rows):
    a: str
    b: str
    by: str


class TopList(Rows):
    kind: str
    level: str


class ArticleView(BaseModel):
    article: dict[str, Any] = Field(description="the article; `text` is the cleaned text that "
                                    "every offset points into")
    events: list[dict[str, Any]] = Field(description="events with trigger_*, source_*, target_* spans")
    actors: list[dict[str, Any]] = Field(description="every actor mention with its span")
    quotes: list[dict[str, Any]] = Field(description="quotes with their span, speaker_* and cue_*")
    sentences: list[dict[str, Any]]
    errors: list[dict[str, Any]]


class Summary(BaseModel):
    counts: dict[str, Any]
    by_root: list[dict[str, Any]]
    by_quad: list[dict[str, Any]]
    top_dyads: list[dict[str, Any]]


class Health(BaseModel):
    status: Literal["ok"]
    database: str
    read_only: bool
    ingest: bool
    events: int


class ArticleIn(BaseModel):
    """One article to code: ``text`` is required; the rest is optional metadata."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(None, max_length=2_000)
    date: _dt.date | None = Field(None, description="publication date, YYYY-MM-DD")
    url: str | None = Field(None, max_length=4_000)
    id: str | None = Field(None, min_length=1, max_length=256, description="your document id")
    source: str | None = Field(None, max_length=500, description="outlet name or domain")


class CodedArticle(BaseModel):
    doc_id: str | None
    title: str | None
    events: int
    quotes: int
    errors: list[str]
    url: str | None = Field(None, description="where to read it back")


class IngestResult(BaseModel):
    stored: int
    articles: list[CodedArticle]


# -- DataFrame -> JSON ------------------------------------------------------------------------
def _value(value: Any, column: str) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (pd.Timestamp, _dt.datetime)):
        return value.isoformat() if column in TIMESTAMP_COLUMNS else value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None
    return value


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready dicts (NaN/NaT -> None, dates -> ISO strings)."""
    columns = [str(c) for c in frame.columns]
    return [{c: _value(v, c) for c, v in zip(columns, row)}
            for row in frame.itertuples(index=False, name=None)]


def one_row(frame: pd.DataFrame) -> dict[str, Any]:
    found = rows(frame)
    return found[0] if found else {}


# -- the routes ---------------------------------------------------------------------------------
def event_filters(
    source: Actor = None,
    target: Actor = None,
    country: Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="either actor's or "
                                         "the location's country (ISO-3 or CAMEO)")] = None,
    root: Root = None,
    code: Annotated[str | None, Query(pattern=CODE_PATTERN, description="CAMEO code or prefix "
                                      "with its leading zero (0311, 042)")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the evidence "
                                      "sentence (case-insensitive)")] = None,
    dedup: Annotated[bool, Query(description="only each story event's earliest report")] = False,
) -> dict[str, Any]:
    return {"source": source, "target": target, "country": country, "root": root, "code": code,
            "date_from": date_from, "date_to": date_to, "text": text, "dedup": dedup}


def build_router(state) -> APIRouter:
    """The /api routes over one ``ServerState`` (see ``accord.server.app``)."""
    router = APIRouter(prefix="/api")

    @router.get("/health", response_model=Health, tags=["meta"])
    def health() -> dict:
        """Liveness, the database served, whether it is read-only and ingest is on."""
        with state.reading() as ds:
            events = ds.count_events()
        return {"status": "ok", "database": state.db_path.name, "read_only": state.read_only,
                "ingest": state.allow_ingest, "events": events}

    @router.get("/summary", response_model=Summary, tags=["analysis"])
    def summary(n: Annotated[int, Query(ge=1, le=100)] = 10) -> dict:
        """What the store holds: counts, events by CAMEO root and QuadClass, top dyads."""
        with state.reading() as ds:
            s = ds.summary(n=n)
        return {"counts": one_row(s["counts"]), "by_root": rows(s["by_root"]),
                "by_quad": rows(s["by_quad"]), "top_dyads": rows(s["top_dyads"])}

    @router.get("/events", response_model=EventPage, tags=["events"])
    def events(filters: Annotated[dict, Depends(event_filters)],
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict:
        """Events matching every filter, newest first, with the total for paging."""
        with state.reading() as ds:
            total = ds.count_events(**filters)
            frame = ds.events(**filters, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "events": rows(frame)}

    @router.get("/dyads/{a}/{b}/timeseries", response_model=Timeseries, tags=["analysis"])
    def dyad_timeseries(
        a: Annotated[str, Path(pattern=ACTOR_PATTERN, description="first actor", examples=["RUS"])],
        b: Annotated[str, Path(pattern=ACTOR_PATTERN, description="second actor", examples=["IRQ"])],
        by: Annotated[Literal["day", "week", "month", "year"], Query()] = "week",
        date_from: DateFrom = None,
        date_to: DateTo = None,
        directed: Annotated[bool, Query(description="only a -> b")] = False,
        dedup: Dedup = True,
    ) -> dict:
        """Events between two actors per period: count per QuadClass, Goldstein sum and mean,
        per direction (``A->B``, ``B->A``) and both together (``A<->B``)."""
        with state.reading() as ds:
            frame = ds.dyad(a, b, by=by, date_from=date_from, date_to=date_to,
                            directed=directed, dedup=dedup)
        return {"a": a.upper(), "b": b.upper(), "by": by, "rows": rows(frame)}

    @router.get("/top/{kind}", response_model=TopList, tags=["analysis"])
    def top(kind: Literal["dyads", "actors", "codes"],
            n: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 10,
            level: Annotated[Literal["country", "code"], Query(
                description="actors as countries (RUS) or full codes (RUSGOV)")] = "country",
            root: Root = None, date_from: DateFrom = None, date_to: DateTo = None,
            dedup: Dedup = True) -> dict:
        """The most frequent directed dyads, actors (either side) or CAMEO codes."""
        with state.reading() as ds:
            frame = ds.top(kind, n=n, level=level, root=root, date_from=date_from,
                           date_to=date_to, dedup=dedup)
        return {"kind": kind, "level": level, "rows": rows(frame)}

    @router.get("/places", response_model=Rows, tags=["analysis"])
    def places(n: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500, root: Root = None,
               date_from: DateFrom = None, date_to: DateTo = None, dedup: Dedup = True) -> dict:
        """Where events happened: located places with their event counts (for the map)."""
        with state.reading() as ds:
            frame = ds.places(n=n, root=root, date_from=date_from, date_to=date_to, dedup=dedup)
        return {"rows": rows(frame)}

    @router.get("/articles/{doc_id}", response_model=ArticleView, tags=["articles"],
                responses={404: {"description": "no article with this doc_id"}})
    def article(doc_id: Annotated[str, Path(min_length=1, max_length=256)]) -> dict:
        """The cleaned text of one article with every event, actor mention and quote span."""
        with state.reading() as ds:
            try:
                found = ds.article(doc_id)
            except KeyError:
                raise HTTPException(404, f"no article with doc_id {doc_id!r}") from None
        out = {"article": {k: _value(v, k) for k, v in found["article"].items()
                           if k not in ("content_hash", "input_hash")}}
        for table in ("events", "actors", "quotes", "sentences", "errors"):
            out[table] = rows(found[table])
        return out

    @router.get("/quotes", response_model=QuotePage, tags=["quotes"])
    def quotes(speaker: Actor = None,
               text: Annotated[str | None, Query(max_length=200)] = None,
               date_from: DateFrom = None, date_to: DateTo = None,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict:
        """Quotes with their speakers, newest article first."""
        with state.reading() as ds:
            frame = ds.quotes(speaker=speaker, text=text, date_from=date_from, date_to=date_to,
                              limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "quotes": rows(frame)}

    @router.post("/articles", response_model=IngestResult, status_code=201, tags=["articles"],
                 responses={401: {"description": "no bearer token"},
                            403: {"description": "ingest disabled, or a wrong token"}})
    def post_articles(
        body: Annotated[ArticleIn | Annotated[list[ArticleIn], Field(min_length=1,
                                                                     max_length=MAX_POST)],
                        Body(description=f"one article or a list of up to {MAX_POST}")],
        authorization: Annotated[str | None, Header(description="Bearer <ACCORD_TOKEN>")] = None,
    ) -> dict:
        """Code articles and store them (only with ``--allow-ingest``, with the bearer token)."""
        state.check_token(authorization)
        items = body if isinstance(body, list) else [body]
        results = state.code_and_store([_mapping(item) for item in items])
        coded = []
        for result in results:
            doc_id = result.doc_id
            coded.append({"doc_id": doc_id,
                          "title": result.article.title if result.article else None,
                          "events": len(result.events), "quotes": len(result.quotes),
                          "errors": [e.reason for e in result.errors],
                          "url": f"/api/articles/{doc_id}" if result.article else None})
        return {"stored": len(coded), "articles": coded}

    return router


def _mapping(item: ArticleIn) -> dict:
    data = item.model_dump(exclude_none=True)
    if "date" in data:
        data["date"] = data["date"].isoformat()
    return data
