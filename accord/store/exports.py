"""Exports of stored events: GDELT 2.0, PLOVER JSON, JSON Lines, CSV and Parquet.

``export(dataset, fmt, out, **filters)`` is what ``accord export`` calls; ``filters`` are those of
``Dataset.events`` (source, target, country, root, code, date_from, date_to, text, dedup).
Rows stream from DuckDB in Arrow batches, so an export never holds the whole table in memory.

- ``jsonl``: the event records exactly as ``accord code`` writes them.
- ``plover``: one PLOVER/POLECAT-style JSON object a line (``id``, ``event_type``, ``mode``,
  ``context`` (null: Accord does not code PLOVER contexts), ``actor``/``recipient`` with their
  country and sector, ``date``, ``location``, ``evidence`` (the sentence and trigger), ``cameo``,
  ``story`` counts, ``doc_id``, ``url``).  Events whose CAMEO code PLOVER drops (statements,
  appeals without a PLOVER type) are left out.
- ``csv``: the flat store columns plus the article's url, source and title.
- ``parquet``: a date-partitioned shard directory (see ``accord.store.parquet``), or one file
  when ``out`` ends in ``.parquet``.
- ``gdelt``: GDELT 2.0 Events (``accord.store.exports_gdelt``).
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.csv as pacsv

from accord.store.exports_gdelt import write_gdelt
from accord.store.parquet import atomic_write_table, write_partitioned
from accord.store.rows import event_from_row

FORMATS = ("gdelt", "plover", "jsonl", "csv", "parquet")
_BATCH = 10_000


def _event_query(dataset, filters: dict) -> tuple[str, list]:
    where = dataset.event_filter(**filters)
    sql = (f"SELECT e.*, a.article_url, a.article_source, a.article_title, a.article_date, "
           f"a.article_coded_at FROM (SELECT * FROM events {where.sql()}) e LEFT JOIN "
           f"(SELECT doc_id, url AS article_url, source AS article_source, title AS article_title,"
           f" date AS article_date, coded_at AS article_coded_at FROM articles) a USING (doc_id) "
           f"ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index, e.event_id")
    return sql, where.params


def event_batches(dataset, **filters) -> Iterator[pa.RecordBatch]:
    """The filtered events joined with their article's url/source/title, as Arrow batches."""
    sql, params = _event_query(dataset, filters)
    reader = dataset.con.sql(sql, params=params).to_arrow_reader(_BATCH)
    yield from reader


def event_rows(dataset, **filters) -> Iterator[dict]:
    for batch in event_batches(dataset, **filters):
        yield from batch.to_pylist()


def plover_record(row: dict) -> dict | None:
    """A PLOVER/POLECAT-style record for one flat event row; None when PLOVER has no type."""
    event = event_from_row(row)
    if event.plover is None or not event.plover.event or event.plover.event.startswith("("):
        return None

    def actor(ref):
        if ref is None:
            return None
        return {"code": ref.code, "country": ref.country, "sector": ref.sector,
                "name": ref.name or ref.text, "text": ref.text, "start": ref.start, "end": ref.end}

    return {"id": event.event_id, "event_type": event.plover.event, "mode": event.plover.mode,
            "context": None, "date": event.date, "actor": actor(event.source),
            "recipient": actor(event.target),
            "location": event.location.to_dict() if event.location else None,
            "evidence": {"sentence": event.sentence, "sentence_index": event.sentence_index,
                         "trigger": event.trigger.to_dict()},
            "cameo": {"code": event.code, "quad_class": event.quad_class,
                      "goldstein": event.goldstein},
            "story": {"num_mentions": row.get("num_mentions"),
                      "num_sources": row.get("num_sources"),
                      "num_articles": row.get("num_articles"),
                      "is_root_event": row.get("is_root_event")},
            "confidence": event.confidence, "doc_id": event.doc_id,
            "url": row.get("article_url")}


def _write_json_lines(records, out: IO[str]) -> int:
    n = 0
    for record in records:
        if record is None:
            continue
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


@contextmanager
def _text_out(out: str | Path | IO[str] | None):
    """A text stream for ``out``: stdout for None or ``-``; files are written under a temporary
    name and renamed when complete."""
    if out is None or out == "-":
        yield sys.stdout
        return
    if hasattr(out, "write"):
        yield out
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def export(dataset, fmt: str, out: str | Path | IO[str] | None = None, **filters) -> int:
    """Export the events matching ``filters`` as ``fmt`` to ``out``; returns the rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    dataset.event_filter(**filters)  # validate before creating any file
    if fmt == "parquet":
        if out is None or hasattr(out, "write") or out == "-":
            raise ValueError("--format parquet needs --out: a directory, or a .parquet file")
        return export_parquet(dataset, Path(out), **filters)
    with _text_out(out) as stream:
        if fmt == "gdelt":
            return write_gdelt(event_rows(dataset, **filters), stream)
        if fmt == "plover":
            return _write_json_lines(map(plover_record, event_rows(dataset, **filters)), stream)
        if fmt == "jsonl":
            return _write_json_lines((event_from_row(r).to_dict()
                                      for r in event_rows(dataset, **filters)), stream)
        return _write_csv(dataset, filters, stream)


def _write_csv(dataset, filters: dict, stream: IO[str]) -> int:
    import io

    n = 0
    writer = None
    buffer = io.BytesIO()
    for batch in event_batches(dataset, **filters):
        if writer is None:
            writer = pacsv.CSVWriter(buffer, batch.schema)
        writer.write_batch(batch)
        n += batch.num_rows
        stream.write(buffer.getvalue().decode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
    if writer is None:  # no rows: still write the header
        sql, params = _event_query(dataset, filters)
        empty = dataset.con.sql(f"SELECT * FROM ({sql}) LIMIT 0", params=params).to_arrow_table()
        writer = pacsv.CSVWriter(buffer, empty.schema)
    writer.close()
    stream.write(buffer.getvalue().decode("utf-8"))
    return n


def export_parquet(dataset, out: Path, **filters) -> int:
    """Events (and their articles and quotes) as Parquet: a shard directory, or one ``.parquet``
    file with the events only."""
    sql, params = _event_query(dataset, filters)
    events = dataset.con.sql(sql, params=params).to_arrow_table()
    if out.suffix == ".parquet":
        atomic_write_table(events, out)
        return events.num_rows
    article_cols = [c for c in events.column_names if c.startswith("article_")]
    write_partitioned(events.drop_columns(article_cols), out, "events")
    docs = pa.table({"doc_id": pa.array(sorted(set(events.column("doc_id").to_pylist())),
                                        pa.string())})
    dataset.con.register("_export_docs", docs)
    try:
        for table, date_column in (("articles", "date"), ("quotes", None), ("sentences", None),
                                   ("actors", None)):
            rows = dataset.con.sql(f"SELECT * FROM {table} WHERE doc_id IN "
                                       f"(SELECT doc_id FROM _export_docs)").to_arrow_table()
            write_partitioned(rows, out, table, date_column)
    finally:
        dataset.con.unregister("_export_docs")
    return events.num_rows
