"""Records <-> flat table rows: how Article, Event, Quote... become store rows and come back.

The column sets are ``accord.store.schema.TABLE_COLUMNS``; ``to_arrow`` turns a list of row dicts
into an Arrow table with exactly those columns and types (the batched-append format), and
``event_from_row`` / ``quote_from_row`` rebuild the records so exports can emit the very same
JSON as ``accord code``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from typing import Any

import pyarrow as pa

from accord.records import (ActorMention, ActorRef, Article, DocError, Event, Location, Plover,
                            Quote, Sentence, Span)
from accord.store.schema import TABLE_COLUMNS

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "TINYINT": pa.int8(),
    "DOUBLE": pa.float64(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(), "BLOB": pa.binary(),
}
_ACTOR_FIELDS = ("code", "country", "sector", "text", "start", "end", "name", "actor_id")
_GEO_FIELDS = ("name", "country", "admin1", "lat", "lon", "geonames_id", "feature")
_LOCATION_FIELDS = _GEO_FIELDS + ("text", "start", "end", "rule")


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, _ARROW_TYPES[kind]) for name, kind in TABLE_COLUMNS[table]])


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts; missing keys are NULL) -> an Arrow table with the table's exact columns."""
    schema = arrow_schema(table)
    columns = {name: [r.get(name) for r in rows] for name in schema.names}
    return pa.table({name: pa.array(columns[name], type=schema.field(name).type)
                     for name in schema.names}, schema=schema)


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_date(value: Any) -> _dt.date | None:
    """ISO ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) -> date; else None."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _flat(prefix: str, obj: Any, fields: tuple[str, ...], out: dict) -> None:
    for f in fields:
        out[f"{prefix}_{f}"] = getattr(obj, f) if obj is not None else None


def is_root_event(sentence_index: int, has_title: bool) -> bool:
    """GDELT-style lead flag: the first sentence, or headline + first sentence when titled."""
    return sentence_index <= (1 if has_title else 0)


def article_row(article: Article, *, status: str, n_events: int, cluster_id: str | None,
                coded_at: _dt.datetime) -> dict:
    return {"doc_id": article.doc_id, "content_hash": content_hash(article.text),
            "title": article.title, "text": article.text, "date": parse_date(article.date),
            "dateline": article.dateline, "url": article.url, "source": article.source,
            "language": article.language, "author": article.author, "path": article.path,
            "status": status, "n_events": n_events, "cluster_id": cluster_id,
            "coded_at": coded_at}


def event_row(event: Event, *, has_title: bool, cluster_id: str | None) -> dict:
    row = {"event_id": event.event_id, "doc_id": event.doc_id,
           "sentence_index": event.sentence_index, "sentence": event.sentence,
           "date": parse_date(event.date), "date_source": event.date_source,
           "code": event.code, "base_code": event.base_code, "root_code": event.root_code,
           "label": event.label, "quad_class": event.quad_class,
           "goldstein": float(event.goldstein) if event.goldstein is not None else None,
           "plover_event": event.plover.event if event.plover else None,
           "plover_mode": event.plover.mode if event.plover else None,
           "confidence": event.confidence, "pattern_id": event.pattern_id,
           "trigger_text": event.trigger.text, "trigger_start": event.trigger.start,
           "trigger_end": event.trigger.end, "cluster_id": cluster_id,
           "is_root_event": is_root_event(event.sentence_index, has_title),
           "num_mentions": 1, "num_sources": 1, "num_articles": 1, "story_rep": True}
    for role in ("source", "target"):
        ref: ActorRef | None = getattr(event, role)
        _flat(role, ref, _ACTOR_FIELDS, row)
        _flat(f"{role}_geo", ref.geo if ref is not None else None, _GEO_FIELDS, row)
    _flat("location", event.location, _LOCATION_FIELDS, row)
    return row


def sentence_row(s: Sentence) -> dict:
    return {"doc_id": s.doc_id, "sentence_index": s.index, "text": s.text, "start": s.start,
            "end": s.end}


def actor_row(m: ActorMention) -> dict:
    return {f: getattr(m, f) for f in ("doc_id", "actor_id", "sentence_index", "code", "country",
                                       "sector", "text", "start", "end", "kind", "name")}


def quote_row(q: Quote) -> dict:
    row = {f: getattr(q, f) for f in ("quote_id", "doc_id", "text", "start", "end", "kind",
                                      "sentence_index")}
    _flat("speaker", q.speaker, _ACTOR_FIELDS, row)
    _flat("cue", q.cue, ("text", "start", "end"), row)
    return row


def error_row(e: DocError, doc_id: str | None, recorded_at: _dt.datetime) -> dict:
    return {"doc_id": e.doc_id or doc_id, "path": e.path, "stage": e.stage, "reason": e.reason,
            "recorded_at": recorded_at}


# -- rows back to records ------------------------------------------------------------------
def _value(row: dict, key: str) -> Any:
    value = row.get(key)
    if value is None:
        return None
    try:  # pandas NA / NaT / NaN
        if value != value:
            return None
    except (TypeError, ValueError):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python
    return value


def _int(row: dict, key: str) -> int | None:
    v = _value(row, key)
    return int(v) if v is not None else None


def _date_str(row: dict, key: str) -> str | None:
    v = _value(row, key)
    if v is None:
        return None
    if hasattr(v, "date") and callable(v.date):
        v = v.date()
    return v.isoformat() if hasattr(v, "isoformat") else str(v)[:10]


def _geo(row: dict, prefix: str, fields: tuple[str, ...]) -> Location | None:
    if _value(row, f"{prefix}_name") is None and _value(row, f"{prefix}_country") is None:
        return None
    kwargs = {f: _value(row, f"{prefix}_{f}") for f in fields}
    for f in ("start", "end", "geonames_id"):
        if f in kwargs and kwargs[f] is not None:
            kwargs[f] = int(kwargs[f])
    return Location(**kwargs)


def _ref(row: dict, prefix: str) -> ActorRef | None:
    if _value(row, f"{prefix}_code") is None:
        return None
    return ActorRef(code=_value(row, f"{prefix}_code"), country=_value(row, f"{prefix}_country"),
                    sector=_value(row, f"{prefix}_sector"), text=_value(row, f"{prefix}_text") or "",
                    start=_int(row, f"{prefix}_start") or 0, end=_int(row, f"{prefix}_end") or 0,
                    name=_value(row, f"{prefix}_name"), actor_id=_value(row, f"{prefix}_actor_id"),
                    geo=_geo(row, f"{prefix}_geo", _GEO_FIELDS))


def event_from_row(row: dict) -> Event:
    """Rebuild the Event a stored row came from (its ``to_dict()`` is the ``accord code`` JSON)."""
    plover = None
    if _value(row, "plover_event") is not None or _value(row, "plover_mode") is not None:
        plover = Plover(_value(row, "plover_event"), _value(row, "plover_mode"))
    return Event(
        event_id=_value(row, "event_id"), doc_id=_value(row, "doc_id"),
        sentence_index=_int(row, "sentence_index"), sentence=_value(row, "sentence"),
        code=_value(row, "code"), base_code=_value(row, "base_code"),
        root_code=_value(row, "root_code"), quad_class=_int(row, "quad_class"),
        goldstein=_value(row, "goldstein"), source=_ref(row, "source"),
        target=_ref(row, "target"),
        trigger=Span(_value(row, "trigger_text") or "", _int(row, "trigger_start") or 0,
                     _int(row, "trigger_end") or 0),
        confidence=_value(row, "confidence"), pattern_id=_value(row, "pattern_id"),
        label=_value(row, "label"), plover=plover, date=_date_str(row, "date"),
        date_source=_value(row, "date_source"),
        location=_geo(row, "location", _LOCATION_FIELDS))


def quote_from_row(row: dict) -> Quote:
    cue = None
    if _value(row, "cue_text") is not None:
        cue = Span(_value(row, "cue_text"), _int(row, "cue_start") or 0, _int(row, "cue_end") or 0)
    return Quote(quote_id=_value(row, "quote_id"), doc_id=_value(row, "doc_id"),
                 text=_value(row, "text"), start=_int(row, "start"), end=_int(row, "end"),
                 kind=_value(row, "kind"), speaker=_ref(row, "speaker"),
                 sentence_index=_int(row, "sentence_index"), cue=cue)
