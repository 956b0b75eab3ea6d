"""What the feed watcher remembers across restarts, kept in the same DuckDB file as the events.

Four tables, all prefixed ``feed_`` so they never collide with the store's own:

- ``feed_sources``: one row per feed URL: HTTP validators (ETag/Last-Modified), the last success,
  consecutive failures, when to try again and the last error.
- ``feed_queue``: article pages listed by a feed and not yet handled, with their attempts, next
  try time and last error.  A feed's new entries are queued as soon as the feed is read, so a
  pass that is stopped, capped or crashes loses nothing.
- ``feed_seen``: every page URL handled for good (canonical form), with its outcome:
  ``coded``, ``duplicate`` (same text as an earlier page), ``stored`` (the store already had the
  document), ``failed`` (the document could not be coded) or ``gave_up`` (too many failures).
- ``feed_hashes``: the content hash of every extracted article body, so the same story under a
  second URL is recognised and coded once.

Keeping this in the event database (rather than a sidecar file) means that deleting the database
also forgets what was seen, so a fresh database is filled again.  DuckDB shares one database
instance between connections of a process, so this module's connection coexists with the store's.
Times are stored as naive UTC TIMESTAMPs; the API takes and returns epoch seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from accord.feeds.config import WatchConfig
from accord.feeds.parse import FeedEntry, canonical_url

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_sources (
    feed_url VARCHAR PRIMARY KEY,
    title VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    last_ok TIMESTAMP,
    last_attempt TIMESTAMP,
    failures INTEGER NOT NULL DEFAULT 0,
    next_try TIMESTAMP,
    last_error VARCHAR
);
CREATE TABLE IF NOT EXISTS feed_queue (
    url VARCHAR PRIMARY KEY,
    fetch_url VARCHAR NOT NULL,
    feed_url VARCHAR,
    title VARCHAR,
    published VARCHAR,
    queued_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try TIMESTAMP NOT NULL,
    last_error VARCHAR
);
CREATE TABLE IF NOT EXISTS feed_seen (
    url VARCHAR PRIMARY KEY,
    feed_url VARCHAR,
    status VARCHAR NOT NULL,
    doc_id VARCHAR,
    content_hash VARCHAR,
    events INTEGER,
    detail VARCHAR,
    seen_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_hashes (
    content_hash VARCHAR PRIMARY KEY,
    url VARCHAR NOT NULL,
    doc_id VARCHAR,
    seen_at TIMESTAMP NOT NULL
);
"""

#: Outcomes recorded in feed_seen.status.
SEEN_STATUSES = ("coded", "duplicate", "stored", "failed", "gave_up")


@dataclass(frozen=True)
class QueuedPage:
    """An article page waiting to be fetched (``url`` canonical, ``fetch_url`` as listed)."""

    url: str
    fetch_url: str
    feed: str | None
    title: str | None
    published: str | None
    attempts: int


def _ts(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)


def _epoch(value: datetime | None) -> float | None:
    return None if value is None else value.replace(tzinfo=timezone.utc).timestamp()


class FeedState:
    """The watcher's memory in a DuckDB database.  Open with ``FeedState.open(path)``."""

    def __init__(self, connection, *, owns_connection: bool = False):
        self._con = connection
        self._owns = owns_connection
        for statement in filter(str.strip, _SCHEMA.split(";")):
            self._con.execute(statement)

    @classmethod
    def open(cls, path: str | Path) -> "FeedState":
        import duckdb

        return cls(duckdb.connect(str(path)), owns_connection=True)

    def close(self) -> None:
        if self._owns:
            self._con.close()

    def __enter__(self) -> "FeedState":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- feeds ------------------------------------------------------------------------------
    def feed_due(self, feed_url: str, now: float) -> bool:
        row = self._con.execute("SELECT next_try FROM feed_sources WHERE feed_url = ?",
                                [feed_url]).fetchone()
        return row is None or row[0] is None or _epoch(row[0]) <= now

    def feed_validators(self, feed_url: str) -> tuple[str | None, str | None]:
        row = self._con.execute("SELECT etag, last_modified FROM feed_sources WHERE feed_url = ?",
                                [feed_url]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def feed_succeeded(self, feed_url: str, now: float, *, title: str | None = None,
                       etag: str | None = None, last_modified: str | None = None) -> None:
        """Record a successful read (a 304 too: pass the validators it kept)."""
        self._con.execute(
            """INSERT INTO feed_sources (feed_url, title, etag, last_modified, last_ok,
                                         last_attempt, failures, next_try, last_error)
               VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL)
               ON CONFLICT (feed_url) DO UPDATE SET
                   title = COALESCE(excluded.title, feed_sources.title),
                   etag = excluded.etag, last_modified = excluded.last_modified,
                   last_ok = excluded.last_ok, last_attempt = excluded.last_attempt,
                   failures = 0, next_try = NULL, last_error = NULL""",
            [feed_url, title, etag, last_modified, _ts(now), _ts(now)])

    def feed_failed(self, feed_url: str, now: float, reason: str,
                    config: WatchConfig) -> tuple[int, float]:
        """Record a failed read; returns (consecutive failures, epoch of the next try)."""
        row = self._con.execute("SELECT failures FROM feed_sources WHERE feed_url = ?",
                                [feed_url]).fetchone()
        failures = (row[0] if row else 0) + 1
        next_try = now + config.retry_delay(failures)
        self._con.execute(
            """INSERT INTO feed_sources (feed_url, last_attempt, failures, next_try, last_error)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (feed_url) DO UPDATE SET
                   last_attempt = excluded.last_attempt, failures = excluded.failures,
                   next_try = excluded.next_try, last_error = excluded.last_error""",
            [feed_url, _ts(now), failures, _ts(next_try), reason[:1000]])
        return failures, next_try

    # -- the page queue ---------------------------------------------------------------------
    def enqueue(self, entries: Iterable[FeedEntry], now: float, limit: int | None = None) -> int:
        """Queue the entries never seen nor queued before (at most ``limit`` of them, in feed
        order); returns how many were queued."""
        fresh: dict[str, FeedEntry] = {}
        for entry in entries:
            fresh.setdefault(canonical_url(entry.url), entry)
        if not fresh:
            return 0
        keys = list(fresh)
        marks = ", ".join("?" * len(keys))
        known = {r[0] for r in self._con.execute(
            f"SELECT url FROM feed_seen WHERE url IN ({marks}) "
            f"UNION SELECT url FROM feed_queue WHERE url IN ({marks})", keys + keys).fetchall()}
        rows = [[key, e.url, e.feed, e.title, e.published, _ts(now), _ts(now)]
                for key, e in fresh.items() if key not in known][:limit]
        if rows:
            self._con.executemany(
                """INSERT INTO feed_queue (url, fetch_url, feed_url, title, published, queued_at,
                                           next_try)
                   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING""", rows)
        return len(rows)

    def due_pages(self, now: float, limit: int) -> list[QueuedPage]:
        """Queued pages whose time has come, oldest first."""
        rows = self._con.execute(
            """SELECT url, fetch_url, feed_url, title, published, attempts FROM feed_queue
               WHERE next_try <= ? ORDER BY next_try, queued_at, url LIMIT ?""",
            [_ts(now), limit]).fetchall()
        return [QueuedPage(*row) for row in rows]

    def queued(self) -> int:
        return self._con.execute("SELECT count(*) FROM feed_queue").fetchone()[0]

    def page_failed(self, page: QueuedPage, now: float, reason: str, config: WatchConfig, *,
                    permanent: bool = False) -> bool:
        """Record a failed attempt at a page; returns True when the page is given up for good."""
        attempts = page.attempts + 1
        if permanent or attempts >= config.max_page_attempts:
            self.page_done(page, now, "gave_up", detail=reason)
            return True
        self._con.execute(
            "UPDATE feed_queue SET attempts = ?, next_try = ?, last_error = ? WHERE url = ?",
            [attempts, _ts(now + config.retry_delay(attempts)), reason[:1000], page.url])
        return False

    def page_done(self, page: QueuedPage, now: float, status: str, *,
                  also_urls: Iterable[str] = (), doc_id: str | None = None,
                  content_hash: str | None = None, events: int | None = None,
                  detail: str | None = None) -> None:
        """Move a page from the queue to feed_seen (with any other URL it was found under), and
        remember its content hash when it was coded or stored."""
        if status not in SEEN_STATUSES:
            raise ValueError(f"unknown page status {status!r}")
        urls = dict.fromkeys([page.url, *(canonical_url(u) for u in also_urls)])
        rows = [[u, page.feed, status, doc_id, content_hash, events,
                 detail[:1000] if detail else None, _ts(now)] for u in urls]
        self._con.execute("BEGIN TRANSACTION")
        try:
            self._con.executemany(
                """INSERT INTO feed_seen (url, feed_url, status, doc_id, content_hash, events,
                                          detail, seen_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING""", rows)
            if content_hash and status in ("coded", "stored"):
                self._con.execute(
                    """INSERT INTO feed_hashes (content_hash, url, doc_id, seen_at)
                       VALUES (?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING""",
                    [content_hash, page.url, doc_id, _ts(now)])
            self._con.execute("DELETE FROM feed_queue WHERE url = ?", [page.url])
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise

    # -- memory -----------------------------------------------------------------------------
    def is_seen(self, url: str) -> bool:
        return self._con.execute("SELECT 1 FROM feed_seen WHERE url = ?",
                                 [canonical_url(url)]).fetchone() is not None

    def hash_owner(self, content_hash: str) -> tuple[str, str | None] | None:
        """(url, doc_id) of the page first seen with this content hash, or None."""
        row = self._con.execute("SELECT url, doc_id FROM feed_hashes WHERE content_hash = ?",
                                [content_hash]).fetchone()
        return (row[0], row[1]) if row else None

    def seen_counts(self) -> dict[str, int]:
        """How many pages ended in each status (for reports and tests)."""
        return dict(self._con.execute(
            "SELECT status, count(*) FROM feed_seen GROUP BY status").fetchall())
