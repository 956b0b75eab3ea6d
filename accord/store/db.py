"""The DuckDB store: batched, idempotent writes of DocumentResults, resumable runs, story clusters.

``Store(path)`` opens (or creates and migrates) a DuckDB file.  ``write_result`` buffers one
document's result; every ``batch_size`` documents or ``flush_seconds`` (and on
``flush``/``close``) the buffer is written in one transaction: the batch's rows are deleted by
``doc_id`` from every document table, then appended as Arrow tables, then the story statistics
of the clusters it touched are recomputed.  So re-coding an article replaces its rows, a crash loses at most the unflushed
batch, and re-running the same input completes it without duplicating anything.

``is_done(article)`` answers from a set of (doc_id, text hash) loaded once at open, so a resumed
``accord code --db`` skips what is stored.  Near-duplicate articles are clustered at write time
(``accord.store.dedup``); MinHash signatures are kept in the ``signatures`` table and the LSH
index is rebuilt from it the first time a later run writes.
"""

from __future__ import annotations

import datetime as _dt
import logging
import time
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from accord.records import Article, DocumentResult
from accord.store import dedup
from accord.store.rows import (actor_row, article_row, content_hash, error_row, event_row,
                               quote_row, sentence_row, to_arrow)
from accord.store.schema import DOC_TABLES, migrate

log = logging.getLogger(__name__)

#: Documents buffered before a flush: the most a crash can lose.
DEFAULT_BATCH = 256
#: A slow run also flushes when its buffer is this old (seconds), so little work is at risk.
FLUSH_SECONDS = 30.0

_OUTLET = ("coalesce(nullif(a.source, ''), nullif(regexp_extract(a.url, '^[A-Za-z]+://([^/]+)', 1),"
           " ''), e.doc_id)")

_STORY_STATS = f"""
WITH ev AS (
    SELECT e.rowid AS rid, e.cluster_id, coalesce(e.source_code, '') AS sk,
           coalesce(e.target_code, '') AS tk, coalesce(e.code, '') AS ck, e.doc_id,
           {_OUTLET} AS outlet, coalesce(a.date, e.date) AS first_seen, e.sentence_index
    FROM events e LEFT JOIN articles a USING (doc_id)
    WHERE {{clusters}}
), agg AS (
    SELECT cluster_id, sk, tk, ck, count(*) AS m, count(DISTINCT doc_id) AS na,
           count(DISTINCT outlet) AS ns
    FROM ev GROUP BY ALL
), ranked AS (
    SELECT rid, cluster_id, sk, tk, ck,
           row_number() OVER (PARTITION BY cluster_id, sk, tk, ck
                              ORDER BY first_seen NULLS LAST, doc_id, sentence_index, rid) AS rn
    FROM ev
)
UPDATE events SET num_mentions = s.m, num_articles = s.na, num_sources = s.ns,
                  story_rep = (s.rn = 1)
FROM (SELECT r.rid, r.rn, g.m, g.na, g.ns FROM ranked r JOIN agg g USING (cluster_id, sk, tk, ck)) s
WHERE events.rowid = s.rid
"""

_CLUSTER_STATS = f"""
INSERT INTO story_clusters
SELECT a.cluster_id, count(*), count(DISTINCT {_OUTLET.replace('e.doc_id', 'a.doc_id')}),
       first(a.doc_id ORDER BY a.date NULLS LAST, a.coded_at, a.doc_id), min(a.date), max(a.date)
FROM articles a WHERE {{clusters}}
GROUP BY a.cluster_id
"""


class Store:
    """A read-write Accord database.  Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = "accord.duckdb", *, batch_size: int = DEFAULT_BATCH,
                 threshold: float = dedup.THRESHOLD, flush_seconds: float | None = FLUSH_SECONDS):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.path = str(path)
        self.batch_size = batch_size
        self.threshold = threshold
        self.flush_seconds = flush_seconds
        self._last_flush = time.monotonic()
        self.con = duckdb.connect(self.path)
        try:
            self.migrated_from = migrate(self.con)
        except BaseException:
            self.con.close()
            raise
        self._buffer: dict[str, DocumentResult] = {}
        self._input_hash: dict[str, str] = {}
        self._clusterer: dedup.StoryClusterer | None = None
        self._done: set[tuple[str, str]] = set()
        for doc_id, chash, ihash in self.con.execute(
                "SELECT doc_id, content_hash, input_hash FROM articles WHERE status = 'ok'").fetchall():
            self._done.add((doc_id, chash))
            if ihash:
                self._done.add((doc_id, ihash))
        self.closed = False

    # -- context manager --------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the API ``accord code --db`` uses ------------------------------------------------------
    def is_done(self, article: Article) -> bool:
        """True when this doc_id with this exact text is already stored (a resumed run skips it)."""
        h = content_hash(article.text)
        if (article.doc_id, h) in self._done:
            return True
        self._input_hash[article.doc_id] = h
        return False

    def write_result(self, result: DocumentResult) -> None:
        """Buffer one document's result; flushes every ``batch_size`` documents."""
        self._check_open()
        key = result.doc_id
        if key is None:  # a read error with no document id: keyed by its input path
            key = f"path:{result.errors[0].path}" if result.errors else None
        if key is None:
            return
        self._buffer.pop(key, None)  # the same document twice in a batch: the last one wins
        self._buffer[key] = result
        if result.article is not None and not result.errors:
            self._done.add((result.article.doc_id, content_hash(result.article.text)))
        if len(self._buffer) >= self.batch_size or (
                self.flush_seconds is not None
                and time.monotonic() - self._last_flush >= self.flush_seconds):
            self.flush()

    def write_results(self, results: Iterable[DocumentResult]) -> int:
        n = 0
        for result in results:
            self.write_result(result)
            n += 1
        return n

    def flush(self) -> int:
        """Write the buffered documents in one transaction; returns how many were written."""
        self._check_open()
        self._last_flush = time.monotonic()
        if not self._buffer:
            return 0
        items = list(self._buffer.items())
        self._buffer.clear()
        try:
            tables = self._tables(items)
            self.append_tables(tables, doc_ids=[k for k, _ in items])
        except BaseException:
            self._clusterer = None  # rebuilt from what was committed
            raise
        for doc_id, _ in items:
            self._input_hash.pop(doc_id, None)
        return len(items)

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.flush()
        finally:
            self.con.close()
            self.closed = True

    # -- bulk path (benchmarks, imports) -----------------------------------------------------
    def append_tables(self, tables: dict[str, pa.Table], doc_ids: Iterable[str] | None = None) -> None:
        """Replace the rows of ``doc_ids`` (default: every doc_id in ``tables``) with ``tables``
        (table name -> Arrow table with any subset of its columns), then refresh the story
        statistics of every cluster touched, all in one transaction."""
        con = self.con
        if doc_ids is None:
            ids: set[str] = set()
            for t in tables.values():
                if "doc_id" in t.column_names:
                    ids.update(v for v in t.column("doc_id").to_pylist() if v is not None)
            doc_ids = ids
        docs = pa.table({"doc_id": pa.array(sorted(set(doc_ids)), type=pa.string())})
        new_clusters: set[str] = set()
        for name in ("articles", "events"):
            if name in tables and "cluster_id" in tables[name].column_names:
                new_clusters.update(v for v in tables[name].column("cluster_id").to_pylist() if v)
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_batch_docs", docs)
            touched = {r[0] for r in con.execute(
                "SELECT DISTINCT cluster_id FROM articles WHERE cluster_id IS NOT NULL AND "
                "doc_id IN (SELECT doc_id FROM _batch_docs)").fetchall()} | new_clusters
            for name in DOC_TABLES:
                con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT doc_id FROM _batch_docs)")
            for name, table in tables.items():
                if table.num_rows == 0:
                    continue
                con.register("_batch_rows", table)
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _batch_rows")
                con.unregister("_batch_rows")
            # many clusters touched (a bulk load): one pass over everything beats a semi-join
            self._refresh_stories(touched if len(touched) <= 5000 else None)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_batch_docs")

    def refresh_all_stories(self) -> None:
        """Recompute num_mentions/num_sources/num_articles/story_rep for every cluster."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._refresh_stories(None)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # -- internals ---------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self.closed:
            raise RuntimeError(f"store {self.path} is closed")

    def _refresh_stories(self, clusters: set[str] | None) -> None:
        """Story statistics for ``clusters`` (None: every cluster, e.g. after a bulk load)."""
        if clusters is not None and not clusters:
            return
        con = self.con
        if clusters is None:
            where = {"e": "e.cluster_id IS NOT NULL", "a": "a.cluster_id IS NOT NULL",
                     "s": "true"}
        else:
            where = {k: f"{k}.cluster_id IN (SELECT cluster_id FROM _touched)" for k in "eas"}
            con.register("_touched", pa.table({"cluster_id": pa.array(sorted(clusters),
                                                                      pa.string())}))
        try:
            con.execute(_STORY_STATS.format(clusters=where["e"]))
            con.execute(f"DELETE FROM story_clusters s WHERE {where['s']}")
            con.execute(_CLUSTER_STATS.format(clusters=where["a"]))
        finally:
            if clusters is not None:
                con.unregister("_touched")

    def clusterer(self) -> dedup.StoryClusterer:
        """The LSH index over every stored article, rebuilt from ``signatures`` on first use."""
        if self._clusterer is None:
            clusterer = dedup.StoryClusterer(self.threshold)
            rows = self.con.execute(
                "SELECT s.doc_id, s.minhash, a.cluster_id, a.date FROM signatures s JOIN articles a "
                "USING (doc_id) ORDER BY a.coded_at, s.doc_id").fetchall()
            for doc_id, blob, cluster_id, date in rows:
                clusterer.load(doc_id, dedup.from_bytes(blob) if blob else None,
                               cluster_id or doc_id, date)
            self._clusterer = clusterer
        return self._clusterer

    def _tables(self, items: list[tuple[str, DocumentResult]]) -> dict[str, pa.Table]:
        now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
        ok = [r for _, r in items if r.article is not None and not r.errors]
        clusterer = self.clusterer()
        sigs = dedup.signatures((r.article.text for r in ok), clusterer.num_perm)
        cluster_of: dict[str, str] = {}
        signature_rows = []
        for result, sig in zip(ok, sigs):
            doc_id = result.article.doc_id
            cluster_of[doc_id] = clusterer.add(doc_id, sig, result.article.date)
            signature_rows.append({"doc_id": doc_id, "content_hash": content_hash(result.article.text),
                                   "minhash": dedup.to_bytes(sig) if sig is not None else None})
        rows: dict[str, list[dict]] = {name: [] for name in DOC_TABLES}
        rows["signatures"] = signature_rows
        for key, result in items:
            article = result.article
            doc_id = article.doc_id if article is not None else key
            cluster_id = cluster_of.get(doc_id)
            if article is not None:
                row = article_row(article, status="error" if result.errors else "ok",
                                  n_events=len(result.events), cluster_id=cluster_id, coded_at=now)
                row["input_hash"] = self._input_hash.get(doc_id)
                rows["articles"].append(row)
            has_title = bool(article is not None and article.title)
            rows["events"].extend(event_row(e, has_title=has_title, cluster_id=cluster_id)
                                  for e in result.events)
            rows["sentences"].extend(sentence_row(s) for s in result.sentences)
            rows["actors"].extend(actor_row(m) for m in result.actors)
            rows["quotes"].extend(quote_row(q) for q in result.quotes)
            rows["errors"].extend(error_row(e, doc_id, now) for e in result.errors)
        return {name: to_arrow(name, r) for name, r in rows.items()}

