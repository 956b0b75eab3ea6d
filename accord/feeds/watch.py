"""Keeping an event database up to date from RSS/Atom feeds: one pass, and the loop around it.

A pass reads every feed that is due (a failed feed waits ``retry_delay(failures)``), queues the
entries it has never seen, then fetches the due queued pages (interleaved by host so the per-host
rate limit costs little), extracts each with the HTML reader, drops duplicates (same canonical URL,
or the same extracted text under another URL), and hands the rest to a *coder*: a callable
``Article -> DocumentResult | None`` that codes and stores it (None: the store already had it).
The default coder is the real pipeline writing to ``accord.store.db.Store``.

Nothing that goes wrong with one feed or one page stops the pass: it is logged, counted, and
retried on a later pass.  Setting the stop event ends the pass between two items.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from accord.config import Settings
from accord.feeds.config import WatchConfig
from accord.feeds.fetch import Fetcher, FetchError, Stopped
from accord.feeds.parse import FeedError, canonical_url, is_web_url, parse_feed
from accord.feeds.state import FeedState, QueuedPage
from accord.records import Article, DocumentResult

log = logging.getLogger("accord.feeds")

Coder = Callable[[Article], "DocumentResult | None"]

_HTML_TYPES = ("html", "xml")


def content_hash(text: str) -> str:
    """Hash of an article body that ignores case and whitespace differences."""
    normalised = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class PassSummary:
    """What one pass did; ``line()`` is the summary printed after each pass."""

    number: int
    started: float  # epoch seconds
    seconds: float
    feeds: int
    feeds_read: int = 0  # fetched and parsed, or unchanged (304)
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    feeds_waiting: int = 0  # skipped: still backing off after earlier failures
    new: int = 0  # entries queued for the first time
    pages: int = 0  # pages attempted
    coded: int = 0
    duplicates: int = 0
    stored: int = 0  # already in the database
    pages_failed: int = 0  # fetch or extraction failures (retried later, or given up)
    not_coded: int = 0  # pages the pipeline refused (another language, a coding error)
    events: int = 0
    queued: int = 0  # pages still waiting after the pass
    stopped: bool = False

    @property
    def errors(self) -> int:
        """Feeds and pages that failed to arrive (they are retried on later passes)."""
        return self.feeds_failed + self.pages_failed

    def line(self) -> str:
        when = datetime.fromtimestamp(self.started, timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
        feeds = f"{self.feeds} feeds"
        extra = [f"{n} {what}" for n, what in ((self.feeds_failed, "failed"),
                                               (self.feeds_waiting, "waiting"),
                                               (self.feeds_unchanged, "unchanged")) if n]
        if extra:
            feeds += f" ({', '.join(extra)})"
        pages = [f"{self.coded} coded"]
        pages += [f"{n} {what}" for n, what in ((self.duplicates, "duplicates"),
                                                (self.stored, "already stored"),
                                                (self.not_coded, "not coded")) if n]
        tail = f", {self.queued} queued" if self.queued else ""
        stop = ", stopped" if self.stopped else ""
        return (f"pass {self.number} at {when}: {feeds}, {self.new} new articles, "
                f"{self.pages} pages ({', '.join(pages)}), {self.events} events, "
                f"{self.errors} errors{tail}{stop} [{self.seconds:.1f}s]")


@dataclass
class _Tally:
    """Mutable counts while a pass runs; frozen into a PassSummary at the end."""

    feeds_read: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    feeds_waiting: int = 0
    new: int = 0
    pages: int = 0
    coded: int = 0
    duplicates: int = 0
    stored: int = 0
    pages_failed: int = 0
    not_coded: int = 0
    events: int = 0
    stopped: bool = False


def interleave_by_host(pages: Sequence[QueuedPage]) -> list[QueuedPage]:
    """Round-robin over hosts, keeping each host's own order, so that consecutive requests
    mostly go to different hosts and the per-host rate limit rarely makes anyone wait."""
    by_host: OrderedDict[str, list[QueuedPage]] = OrderedDict()
    for page in pages:
        by_host.setdefault(urlsplit(page.fetch_url).netloc.lower(), []).append(page)
    queues = [list(reversed(q)) for q in by_host.values()]
    out: list[QueuedPage] = []
    while queues:
        for q in queues:
            out.append(q.pop())
        queues = [q for q in queues if q]
    return out


class Watcher:
    """Runs passes over a fixed feed list with one fetcher, one state and one coder."""

    def __init__(self, feeds: Sequence[str], state: FeedState, coder: Coder,
                 config: WatchConfig = WatchConfig(), *, fetcher: Fetcher | None = None,
                 stop: threading.Event | None = None, clock: Callable[[], float] = time.time):
        self.feeds = list(feeds)
        self.state = state
        self.coder = coder
        self.config = config
        self.stop = stop or (fetcher.stop if fetcher is not None else threading.Event())
        self._owns_fetcher = fetcher is None
        self.fetcher = fetcher or Fetcher(config, stop=self.stop)
        self._clock = clock
        self.passes = 0

    def close(self) -> None:
        """Close the fetcher if this watcher made it (the state belongs to the caller)."""
        if self._owns_fetcher:
            self.fetcher.close()

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the loop ---------------------------------------------------------------------------
    def run(self, on_pass: Callable[[PassSummary], None] | None = None) -> PassSummary | None:
        """Pass after pass, one every ``config.every`` seconds, until ``config.max_passes`` or
        the stop event.  Returns the last summary."""
        last = None
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                last = self.run_pass()
            except Exception:  # a broken pass (database trouble, a bug) must not end the loop
                log.exception("pass %d failed", self.passes)
                last = None
            if last is not None and on_pass is not None:
                on_pass(last)
            if self.config.max_passes is not None and self.passes >= self.config.max_passes:
                break
            remaining = self.config.every - (time.monotonic() - started)
            if remaining > 0 and self.stop.wait(remaining):
                break
        return last

    def run_pass(self) -> PassSummary:
        """Read the due feeds, then fetch, code and store the due pages."""
        self.passes += 1
        started, t0 = self._clock(), time.monotonic()
        tally = _Tally()
        try:
            for feed in self.feeds:
                if self.stop.is_set():
                    raise Stopped()
                self._read_feed(feed, tally)
            due = self.state.due_pages(self._clock(), self.config.max_pages_per_pass)
            for page in interleave_by_host(due):
                if self.stop.is_set():
                    raise Stopped()
                self._handle_page(page, tally)
        except Stopped:
            tally.stopped = True
        return PassSummary(number=self.passes, started=started,
                           seconds=time.monotonic() - t0, feeds=len(self.feeds),
                           queued=self.state.queued(), **dataclasses.asdict(tally))

    # -- feeds ------------------------------------------------------------------------------
    def _read_feed(self, feed: str, tally: _Tally) -> None:
        now = self._clock()
        if not self.state.feed_due(feed, now):
            tally.feeds_waiting += 1
            return
        etag, modified = self.state.feed_validators(feed)
        try:
            response = self.fetcher.get(feed, etag=etag, last_modified=modified)
            if response.not_modified:
                self.state.feed_succeeded(feed, self._clock(), etag=response.etag or etag,
                                          last_modified=response.last_modified or modified)
                tally.feeds_read += 1
                tally.feeds_unchanged += 1
                return
            parsed = parse_feed(response.content, response.url, response.content_type)
        except Stopped:
            raise
        except (FetchError, FeedError) as exc:
            self._feed_failed(feed, str(exc), tally)
            return
        except Exception as exc:  # anything unexpected: log it, try the feed again later
            log.debug("feed %s failed", feed, exc_info=True)
            self._feed_failed(feed, f"{type(exc).__name__}: {exc}", tally)
            return
        if parsed.warning:
            log.warning("feed %s is not well-formed (%s); %d entries recovered", feed,
                        parsed.warning, len(parsed.entries))
        entries = [dataclasses.replace(e, feed=feed) for e in parsed.entries]
        limit = self.config.max_new_per_feed
        queued = self.state.enqueue(entries, self._clock(), limit=limit)
        tally.new += queued
        # When the cap may have left entries behind, forget the validators: the next pass must
        # get the whole feed again rather than a 304.
        capped = queued >= limit
        self.state.feed_succeeded(feed, self._clock(), title=parsed.title,
                                  etag=None if capped else response.etag,
                                  last_modified=None if capped else response.last_modified)
        tally.feeds_read += 1

    def _feed_failed(self, feed: str, reason: str, tally: _Tally) -> None:
        failures, next_try = self.state.feed_failed(feed, self._clock(), reason, self.config)
        tally.feeds_failed += 1
        log.warning("feed %s failed (%d in a row; next try after %s): %s", feed, failures,
                    _clock_time(next_try), reason)

    # -- pages ------------------------------------------------------------------------------
    def _handle_page(self, page: QueuedPage, tally: _Tally) -> None:
        tally.pages += 1
        try:
            self._code_page(page, tally)
        except Stopped:
            tally.pages -= 1  # not attempted after all; it stays queued as it was
            raise
        except Exception as exc:  # anything unexpected: log it, retry the page later
            log.debug("page %s failed", page.fetch_url, exc_info=True)
            self._page_failed(page, f"{type(exc).__name__}: {exc}", tally)

    def _code_page(self, page: QueuedPage, tally: _Tally) -> None:
        from accord.ingest.readers import ReadError, article_from_html

        try:
            response = self.fetcher.get(page.fetch_url)
        except FetchError as exc:
            self._page_failed(page, exc.reason, tally, permanent=exc.permanent)
            return
        kind = (response.content_type or "").split(";")[0].strip().lower()
        if kind and not any(t in kind for t in _HTML_TYPES):
            self._page_failed(page, f"not an HTML page ({kind})", tally, permanent=True)
            return
        final = response.url
        found_at = [final]
        if canonical_url(final) != page.url and self.state.is_seen(final):
            self.state.page_done(page, self._clock(), "duplicate",
                                 detail=f"redirects to {final}, already seen")
            tally.duplicates += 1
            return
        try:
            article = article_from_html(response.content, final, origin=page.feed or final)
        except ReadError as exc:
            self._page_failed(page, str(exc), tally, permanent=True)
            return
        article = dataclasses.replace(article, title=article.title or page.title,
                                      date=article.date or page.published)
        if article.url and article.url != final and is_web_url(article.url):
            found_at.append(article.url)  # the page's own canonical link
        digest = content_hash(article.text)
        owner = self.state.hash_owner(digest)
        if owner is not None:
            self.state.page_done(page, self._clock(), "duplicate", also_urls=found_at,
                                 doc_id=owner[1], detail=f"same text as {owner[0]}")
            tally.duplicates += 1
            return
        result = self.coder(article)
        if result is None:
            self.state.page_done(page, self._clock(), "stored", also_urls=found_at,
                                 doc_id=article.doc_id, content_hash=digest)
            tally.stored += 1
        elif result.errors:
            error = result.errors[0]
            self.state.page_done(page, self._clock(), "failed", also_urls=found_at,
                                 doc_id=result.doc_id or article.doc_id, detail=error.reason)
            tally.not_coded += 1
            # Articles in other languages are expected in international feeds: not a warning.
            level = logging.INFO if error.stage == "language" else logging.WARNING
            log.log(level, "article %s not coded: %s", final, error.reason)
        else:
            self.state.page_done(page, self._clock(), "coded", also_urls=found_at,
                                 doc_id=result.doc_id or article.doc_id, content_hash=digest,
                                 events=len(result.events))
            tally.coded += 1
            tally.events += len(result.events)

    def _page_failed(self, page: QueuedPage, reason: str, tally: _Tally, *,
                     permanent: bool = False) -> None:
        gave_up = self.state.page_failed(page, self._clock(), reason, self.config,
                                         permanent=permanent)
        tally.pages_failed += 1
        if gave_up:
            log.warning("page %s given up after %d attempts: %s", page.fetch_url,
                        page.attempts + 1, reason)
        else:
            log.warning("page %s failed (attempt %d, retried later): %s", page.fetch_url,
                        page.attempts + 1, reason)


class PipelineCoder:
    """The default coder: the real pipeline, each result written to the store.

    The pipeline (spaCy and the knowledge files) is loaded on the first new article, so a pass
    that finds nothing new costs no model load.
    """

    def __init__(self, settings: Settings, store, pipeline=None):
        self.settings = settings
        self.store = store
        self._pipeline = pipeline

    def __call__(self, article: Article) -> DocumentResult | None:
        if self.store.is_done(article):
            return None
        if self._pipeline is None:
            from accord.pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        result = self._pipeline.code_article(article)
        self.store.write_result(result)
        # Committed before the page is marked seen: a crash never loses a "seen" article.
        flush = getattr(self.store, "flush", None)
        if flush is not None:
            flush()
        return result


def watch(feeds: Sequence[str], db_path: str | Path, config: WatchConfig = WatchConfig(), *,
          settings: Settings | None = None, coder: Coder | None = None,
          stop: threading.Event | None = None,
          on_pass: Callable[[PassSummary], None] | None = None) -> PassSummary | None:
    """Watch ``feeds`` into the database at ``db_path``: what ``accord watch`` calls.

    ``coder`` replaces the default (pipeline + store); the feed state always lives in
    ``db_path``.  Returns the last pass summary.
    """
    store = None
    if coder is None:
        from accord.store.db import Store

        store = Store(db_path)
        coder = PipelineCoder(settings or Settings(), store)
    stop = stop or threading.Event()
    try:
        with FeedState.open(db_path) as state, Fetcher(config, stop=stop) as fetcher:
            watcher = Watcher(feeds, state, coder, config, fetcher=fetcher, stop=stop)
            return watcher.run(on_pass)
    finally:
        if store is not None:
            store.close()


def _clock_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
