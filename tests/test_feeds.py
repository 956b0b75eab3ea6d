"""Tests for live feeds (accord.feeds, accord watch): feed lists, parsing, passes over a loopback
site, state across restarts, failures and retries, the loop and the command line.

The feeds and article pages (tests/feeds_site.py) were written for these tests.  No test talks
to any address but the loopback servers it starts itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from feeds_site import (BROKEN_XML, CEASEFIRE, FAST, RSS_TYPE, SUMMIT, TRADE, Route,  # noqa: F401
                        atom, page, rss, site)

from accord.feeds import (FeedError, FeedState, Fetcher, Watcher, canonical_url, parse_feed,
                          parse_interval, read_feed_list)
from accord.feeds.watch import PassSummary, content_hash
from accord.records import DocumentResult


class StoringCoder:
    """Test coder: writes the raw article to the real Store (no pipeline) and keeps a list."""

    def __init__(self, store, stop: threading.Event | None = None, stop_after: int = 0):
        self.store = store
        self.articles = []
        self.stop = stop
        self.stop_after = stop_after

    def __call__(self, article):
        if self.store.is_done(article):
            return None
        result = DocumentResult(article=article)
        self.store.write_result(result)
        self.store.flush()
        self.articles.append(article)
        if self.stop is not None and len(self.articles) >= self.stop_after:
            self.stop.set()
        return result


@pytest.fixture
def db(tmp_path):
    return tmp_path / "accord.duckdb"


@contextlib.contextmanager
def watcher(feeds, db, config=FAST, coder_factory=StoringCoder, stop=None):
    """A Watcher with a real Store, FeedState and Fetcher on ``db``; closes them afterwards."""
    from accord.store.db import Store

    stop = stop or threading.Event()
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(Store(db))
        state = stack.enter_context(FeedState.open(db))
        fetcher = stack.enter_context(Fetcher(config, stop=stop))
        coder = coder_factory(store)
        w = Watcher(feeds, state, coder, config, fetcher=fetcher, stop=stop)
        w.store, w.coder_used = store, coder
        yield w


def stored_urls(store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT url FROM articles").fetchall()}


# -- feed lists, intervals, URLs, parsing ----------------------------------------------------

def test_feed_list_skips_comments_blank_lines_and_repeats(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# world news\n\nhttps://example.org/rss.xml   # main feed\n"
                    "  https://example.org/atom\nhttps://EXAMPLE.org/rss.xml\n", encoding="utf-8")
    assert read_feed_list(path) == ["https://example.org/rss.xml", "https://example.org/atom"]
    path.write_text("https://example.org/rss.xml\nftp://example.org/feed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":2:"):
        read_feed_list(path)


def test_every_accepts_seconds_minutes_and_hours():
    assert parse_interval("30s") == 30
    assert parse_interval("15m") == 900
    assert parse_interval("1h") == 3600
    assert parse_interval("1h30m") == 5400
    assert parse_interval("45") == 45
    for bad in ("", "15x", "m15", "0s", "soon"):
        with pytest.raises(ValueError):
            parse_interval(bad)


def test_canonical_url_drops_fragment_tracking_parameters_and_default_port():
    assert canonical_url("HTTP://Example.org:80/a?utm_source=rss&id=7#top") == \
        "http://example.org/a?id=7"
    assert canonical_url("https://example.org/a?b=1&a=2") == "https://example.org/a?b=1&a=2"
    assert canonical_url("https://example.org") == "https://example.org/"


def test_rss_and_atom_entries_have_absolute_links_titles_and_dates():
    feed_url = "http://127.0.0.1:9/feeds/world.xml"
    data = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>  Relative   link </title><link>/news/1</link>"
            b"<pubDate>Thu, 15 Oct 2015 23:30:00 -0300</pubDate></item>"
            b"<item><title>No link at all</title></item>"
            b"<item><title>Again</title><link>/news/1</link></item></channel></rss>")
    parsed = parse_feed(data, feed_url, RSS_TYPE)
    assert parsed.title == "T" and parsed.warning is None
    assert [(e.url, e.title, e.published) for e in parsed.entries] == [
        ("http://127.0.0.1:9/news/1", "Relative link", "2015-10-16")]
    parsed = parse_feed(atom("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"), feed_url)
    assert [(e.url, e.published) for e in parsed.entries] == [
        ("http://127.0.0.1:9/a", "2026-11-20"), ("http://127.0.0.1:9/b", "2026-11-21")]


def test_malformed_feed_xml_and_non_feeds_are_feed_errors():
    with pytest.raises(FeedError, match="malformed feed XML"):
        parse_feed(BROKEN_XML, "http://127.0.0.1:9/f")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>Hello</body></html>", "http://127.0.0.1:9/f", "text/html")


def test_content_hash_ignores_case_and_whitespace_only():
    assert content_hash("Talks  resume\n\nin Geneva") == content_hash("talks resume in geneva")
    assert content_hash("Talks resume in Geneva") != content_hash("Talks resume in Oslo")


# -- passes ----------------------------------------------------------------------------------

def test_one_pass_codes_each_new_article_once_and_a_duplicate_text_not_at_all(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/news/summit", "/news/summit?utm_source=rss#top",
                                        "/world/summit-oslo", "/news/ceasefire"), ctype=RSS_TYPE)
    site.routes["/atom.xml"] = Route(atom(site.url("/news/ceasefire"), site.url("/news/trade")),
                                     ctype="application/atom+xml")
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/world/summit-oslo"] = Route(SUMMIT)  # the same story under a second URL
    site.routes["/news/ceasefire"] = Route(CEASEFIRE)
    site.routes["/news/trade"] = Route(TRADE)
    with watcher([site.url("/rss.xml"), site.url("/atom.xml")], db) as w:
        summary = w.run_pass()
        assert (summary.feeds, summary.feeds_read, summary.new, summary.pages) == (2, 2, 4, 4)
        assert (summary.coded, summary.duplicates, summary.errors) == (3, 1, 0)
        assert stored_urls(w.store) == {site.url(p) for p in
                                        ("/news/summit", "/news/ceasefire", "/news/trade")}
        assert w.state.seen_counts() == {"coded": 3, "duplicate": 1}
        titles = {a.title for a in w.coder_used.articles}
        assert titles == {"Ministers meet in Oslo", "Ceasefire talks resume in Geneva",
                          "Trade envoys open talks in Nairobi"}
        assert all(a.date and a.date.startswith("2026-11-2") for a in w.coder_used.articles)
    assert site.count("/news/ceasefire") == 1 and site.count("/news/summit") == 1
    line = summary.line()
    assert "2 feeds" in line and "4 new articles" in line and "1 duplicates" in line
    assert "0 errors" in line


def test_restart_remembers_seen_urls_and_texts(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/news/summit", "/news/ceasefire"), ctype=RSS_TYPE)
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/news/ceasefire"] = Route(CEASEFIRE)
    site.routes["/world/summit-oslo"] = Route(SUMMIT)
    feeds = [site.url("/rss.xml")]
    with watcher(feeds, db) as w:
        assert w.run_pass().coded == 2
    # A new process: the feed now also lists the same story under another URL.
    site.routes["/rss.xml"] = Route(rss(site, "/world/summit-oslo", "/news/summit",
                                        "/news/ceasefire"), ctype=RSS_TYPE)
    with watcher(feeds, db) as w:
        summary = w.run_pass()
        assert (summary.new, summary.coded, summary.duplicates) == (1, 0, 1), summary
        assert w.coder_used.articles == []
        assert len(stored_urls(w.store)) == 2
    assert site.count("/news/summit") == 1 and site.count("/news/ceasefire") == 1
    assert site.count("/rss.xml") == 2


def test_failures_are_counted_and_retried_on_a_later_pass_without_stopping_it(site, db, caplog):
    site.routes["/rss.xml"] = Route(rss(site, "/slow/story", "/loop/a", "/private/memo",
                                        "/news/summit", "/broken/story"), ctype=RSS_TYPE)
    site.routes["/down.xml"] = Route(rss(site, "/news/trade"), ctype=RSS_TYPE, fail_first=1)
    site.routes["/bad.xml"] = Route(BROKEN_XML, ctype=RSS_TYPE)
    site.routes["/slow/story"] = Route(CEASEFIRE, delay=4.0)
    site.routes["/loop/a"] = Route(status=302, headers={"Location": "/loop/b"})
    site.routes["/loop/b"] = Route(status=302, headers={"Location": "/loop/a"})
    site.routes["/private/memo"] = Route(b"<p>secret</p>")
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/broken/story"] = Route(b"oops", status=500)
    site.routes["/news/trade"] = Route(TRADE)
    feeds = [site.url(p) for p in ("/down.xml", "/bad.xml", "/rss.xml")]
    config = FAST.replace(timeout=1.5, max_page_attempts=5)  # the other pages need slack
    with watcher(feeds, db, config) as w:
        first = w.run_pass()
        assert (first.feeds_read, first.feeds_failed) == (1, 2)
        assert (first.new, first.coded, first.pages_failed) == (5, 1, 4)
        assert first.errors == 6 and first.queued == 4
        text = caplog.text
        for reason in ("HTTP 500", "malformed feed XML", "timed out", "redirect loop",
                       "disallowed by robots.txt"):
            assert reason in text
        # The sites recover (except what robots.txt forbids); the next pass picks it all up.
        site.routes["/slow/story"] = Route(CEASEFIRE)
        site.routes["/loop/a"] = Route(TRADE.replace(b"Nairobi", b"Mombasa"))
        site.routes["/broken/story"] = Route(page("Recovered", "A page that was down came back "
                                                  "with a short story about talks in Lima."))
        site.routes["/bad.xml"] = Route(rss(site, "/news/summit"), ctype=RSS_TYPE)
        second = w.run_pass()
        assert (second.feeds_read, second.feeds_failed) == (3, 0)
        assert (second.new, second.coded, second.pages_failed) == (1, 4, 1)
        assert second.queued == 1  # the robots-disallowed page, still waiting
    assert site.count("/private/memo") == 0


def test_failed_feed_waits_for_its_backoff_before_the_next_try(site, db):
    site.routes["/down.xml"] = Route(b"", status=500)
    with watcher([site.url("/down.xml")], db, FAST.replace(retry_base=3600)) as w:
        assert w.run_pass().feeds_failed == 1
        second = w.run_pass()
        assert (second.feeds_waiting, second.feeds_failed, second.errors) == (1, 0, 0)
        row = w.state._con.execute(
            "SELECT failures, next_try - last_attempt, last_error FROM feed_sources").fetchone()
    assert row[0] == 1 and row[1].total_seconds() == pytest.approx(3600, abs=1)
    assert row[2] == "HTTP 500" and site.count("/down.xml") == 1


def test_page_is_given_up_after_max_attempts(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/broken/story"), ctype=RSS_TYPE)
    site.routes["/broken/story"] = Route(b"", status=500)
    with watcher([site.url("/rss.xml")], db, FAST.replace(max_page_attempts=2)) as w:
        assert w.run_pass().pages_failed == 1
        assert w.run_pass().pages_failed == 1
        third = w.run_pass()
        assert (third.pages, third.queued) == (0, 0)
        assert w.state.seen_counts() == {"gave_up": 1}
    assert site.count("/broken/story") == 2


def test_unchanged_feed_is_answered_with_304_and_not_parsed_again(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/news/summit"), ctype=RSS_TYPE,
                                    headers={"ETag": '"v1"'})
    site.routes["/news/summit"] = Route(SUMMIT)
    with watcher([site.url("/rss.xml")], db) as w:
        assert w.run_pass().coded == 1
        second = w.run_pass()
    assert (second.feeds_read, second.feeds_unchanged, second.new) == (1, 1, 0)
    feed_requests = [h for _, p, h in site.hits if p == "/rss.xml"]
    assert "If-None-Match" not in feed_requests[0] and feed_requests[1]["If-None-Match"] == '"v1"'


def test_a_capped_feed_is_read_in_full_again_instead_of_a_304(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/news/summit", "/news/trade"), ctype=RSS_TYPE,
                                    headers={"ETag": '"v1"'})
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/news/trade"] = Route(TRADE)
    with watcher([site.url("/rss.xml")], db, FAST.replace(max_new_per_feed=1)) as w:
        assert [(s.new, s.coded, s.feeds_unchanged) for s in (w.run_pass(), w.run_pass())] == [
            (1, 1, 0), (1, 1, 0)]
        third = w.run_pass()  # nothing left behind this time: the validators were kept
        assert (third.new, third.feeds_unchanged) == (0, 0)
        assert w.run_pass().feeds_unchanged == 1


def test_articles_the_pipeline_refuses_are_not_coded_but_no_fetch_error(site, db):
    from accord.feeds import watch
    from accord.records import DocError

    site.routes["/rss.xml"] = Route(rss(site, "/news/summit"), ctype=RSS_TYPE)
    site.routes["/news/summit"] = Route(SUMMIT)

    def refusing_coder(article):
        return DocumentResult(article=article, errors=(DocError(
            doc_id=article.doc_id, reason="language de, not coded", stage="language"),))

    last = watch([site.url("/rss.xml")], db, FAST.replace(max_passes=1), coder=refusing_coder)
    assert (last.not_coded, last.coded, last.errors) == (1, 0, 0)
    assert "1 not coded" in last.line()
    with FeedState.open(db) as state:
        assert state.seen_counts() == {"failed": 1}


def test_stop_ends_the_pass_between_items_and_the_rest_stays_queued(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/news/summit", "/news/ceasefire", "/news/trade"),
                                    ctype=RSS_TYPE)
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/news/ceasefire"] = Route(CEASEFIRE)
    site.routes["/news/trade"] = Route(TRADE)
    stop = threading.Event()
    with watcher([site.url("/rss.xml")], db, stop=stop,
                 coder_factory=lambda store: StoringCoder(store, stop, stop_after=1)) as w:
        first = w.run_pass()
    assert first.stopped and (first.coded, first.queued) == (1, 2)
    with watcher([site.url("/rss.xml")], db) as w:
        second = w.run_pass()
    assert not second.stopped and (second.new, second.coded, second.queued) == (0, 2, 0)


def test_loop_runs_one_pass_per_interval_until_max_passes(site, db):
    site.routes["/rss.xml"] = Route(rss(site, "/news/summit"), ctype=RSS_TYPE)
    site.routes["/news/summit"] = Route(SUMMIT)
    summaries: list[PassSummary] = []
    with watcher([site.url("/rss.xml")], db, FAST.replace(every=0.3, max_passes=3)) as w:
        started = time.monotonic()
        last = w.run(on_pass=summaries.append)
        elapsed = time.monotonic() - started
    assert [s.number for s in summaries] == [1, 2, 3] and last is summaries[-1]
    assert [s.coded for s in summaries] == [1, 0, 0]
    assert 0.6 <= elapsed < 20  # two waits of 0.3s between three passes (slack for busy CI)
    assert site.count("/rss.xml") == 3


def test_watch_entry_point_runs_passes_with_a_pluggable_coder_and_keeps_state(site, db):
    from accord.feeds import watch

    site.routes["/rss.xml"] = Route(rss(site, "/news/summit", "/news/trade"), ctype=RSS_TYPE)
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/news/trade"] = Route(TRADE)
    coded = []

    def coder(article):
        coded.append(article.url)
        return DocumentResult(article=article)

    last = watch([site.url("/rss.xml")], db, FAST.replace(max_passes=2), coder=coder)
    assert last.number == 2 and (last.coded, last.new) == (0, 0)
    assert sorted(coded) == [site.url("/news/summit"), site.url("/news/trade")]
    with FeedState.open(db) as state:
        assert state.seen_counts() == {"coded": 2}
        assert state.is_seen(site.url("/news/trade") + "?utm_medium=rss")


def test_a_pages_canonical_link_is_remembered_as_seen(site, db):
    canonical = site.url("/story/oslo-summit")
    tagged = SUMMIT.replace(b"<head>", f'<head><link rel="canonical" href="{canonical}">'.encode())
    site.routes["/rss.xml"] = Route(rss(site, "/amp/summit"), ctype=RSS_TYPE)
    site.routes["/amp/summit"] = Route(tagged)
    with watcher([site.url("/rss.xml")], db) as w:
        assert w.run_pass().coded == 1
        assert w.state.is_seen(canonical) and w.state.is_seen(site.url("/amp/summit"))


def test_example_feed_list_names_only_web_feeds_once_each():
    path = Path(__file__).resolve().parent.parent / "docs" / "feeds.example.txt"
    urls = read_feed_list(path)
    assert len(urls) >= 12
    assert all(u.startswith("https://") for u in urls)
    assert len({urlsplit(u).hostname for u in urls}) >= 12  # many outlets, not one


# -- the command line ------------------------------------------------------------------------

def _pipeline_ready() -> bool:
    """Whether every stage the pipeline imports has been written (the pipeline is assembled
    from several engineers' modules)."""
    import importlib.util

    stages = ("accord.events.coder", "accord.events.lexicon", "accord.actors.lexicon",
              "accord.actors.resolve", "accord.enrich.dates", "accord.enrich.places",
              "accord.enrich.quotes", "accord.nlp.loader", "accord.ingest.prepare")
    return all(importlib.util.find_spec(name) is not None for name in stages)


def test_cli_rejects_a_bad_interval_and_a_missing_feed_list(tmp_path):
    from typer.testing import CliRunner

    from accord.cli import app

    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/rss.xml\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["watch", str(feeds), "--every", "soon", "--once"])
    assert result.exit_code == 2 and "not an interval" in result.output
    result = runner.invoke(app, ["watch", str(tmp_path / "nope.txt"), "--once"])
    assert result.exit_code == 2 and "feed list not found" in result.output


@pytest.mark.slow
@pytest.mark.timeout(300)  # a pipeline that hangs on a page fails here instead of stalling
def test_cli_watch_once_codes_and_stores_with_the_real_pipeline(site, tmp_path):
    if not _pipeline_ready():
        pytest.skip("the coding pipeline is not complete yet")
    from typer.testing import CliRunner

    import duckdb
    from accord.cli import app

    site.routes["/rss.xml"] = Route(rss(site, "/news/summit", "/world/summit-oslo",
                                        "/news/ceasefire"), ctype=RSS_TYPE)
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/world/summit-oslo"] = Route(SUMMIT)
    site.routes["/news/ceasefire"] = Route(CEASEFIRE)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{site.url('/rss.xml')}\n", encoding="utf-8")
    db = tmp_path / "accord.duckdb"
    args = ["watch", str(feeds), "--db", str(db), "--once", "--host-interval", "0",
            "--timeout", "5"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "pass 1 at" in result.output and "2 coded, 1 duplicates" in result.output
    con = duckdb.connect(str(db))
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    finally:
        con.close()
    again = CliRunner().invoke(app, args + ["--quiet"])
    assert again.exit_code == 0 and again.output == ""
    assert site.count("/news/summit") == 1


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_ctrl_c_stops_the_watch_loop_cleanly(site, tmp_path):
    repo = Path(__file__).resolve().parent.parent
    site.routes["/rss.xml"] = Route(rss(site), ctype=RSS_TYPE)  # a feed with nothing new
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/rss.xml") + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(repo)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord", "watch", str(feeds), "--db", str(tmp_path / "a.duckdb"),
         "--every", "1h"], cwd=repo, env=env, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "pass 1 at" in line:
                break
        assert any("pass 1 at" in line for line in lines), "".join(lines)
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)  # the loop is now waiting an hour for pass 2
        _, rest = proc.communicate(timeout=20)
        assert proc.returncode == 0, rest
        assert time.monotonic() - started < 15
        assert "stopping after the current item" in rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.timeout(120)
def test_cli_says_so_when_another_process_holds_the_database(tmp_path):
    from typer.testing import CliRunner

    from accord.cli import app

    db = tmp_path / "held.duckdb"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/rss.xml\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = CliRunner().invoke(app, ["watch", str(feeds), "--db", str(db), "--once"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2 and "cannot open" in result.output
