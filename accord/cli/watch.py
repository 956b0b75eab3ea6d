"""`accord watch`: keep a DuckDB event database up to date from a list of RSS/Atom feeds."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Optional

import typer

from accord.cli import options
from accord.cli.app import app
from accord.cli.code import configure_logging, settings_from_options


def _stop_on_signals(stop: threading.Event) -> dict:
    """First Ctrl-C (or SIGTERM) asks the watcher to stop between two items; a second one
    aborts at once.  Returns the previous handlers so they can be restored."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handler(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("accord watch: stopping after the current item (Ctrl-C again to abort)",
              file=sys.stderr)

    return {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}


@app.command("watch")
def watch_command(
    feeds: Path = typer.Argument(..., help="Text file of RSS/Atom feed URLs, one a line; "
                                 "# starts a comment (see docs/feeds.example.txt)."),
    db: Path = typer.Option(Path("accord.duckdb"), "--db", help="DuckDB file the events go to; "
                            "what was already seen is remembered there too."),
    every: str = typer.Option("15m", "--every", help="Time between passes: 30s, 15m, 1h, 1h30m."),
    once: bool = typer.Option(False, "--once", help="Do one pass and exit (for cron)."),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds allowed per HTTP request."),
    host_interval: float = typer.Option(1.0, "--host-interval", help="Least seconds between "
                                        "two requests to the same site."),
    model: str = options.MODEL,
    actors: list[Path] = options.ACTORS,
    agents: list[Path] = options.AGENTS,
    verbs: list[Path] = options.VERBS,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary lines; errors only on stderr."),
) -> None:
    """Poll news feeds, fetch every new article, code it and store it.

    Each pass reads the feeds, fetches the articles not seen before (politely: one request per
    site per --host-interval, robots.txt obeyed), codes them into the --db database and prints
    one summary line.  Failed feeds and pages are retried on later passes.  Ctrl-C stops
    between two articles.  Exit code with --once: 0 no errors, 3 some feed or page could not
    be fetched (articles the pipeline refuses, e.g. in another language, are counted as "not
    coded" and stored as error records, but are no fetch error), 2 usage error.
    """
    from accord.feeds import WatchConfig, parse_interval, read_feed_list, watch

    configure_logging(quiet)
    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every")
    if not feeds.is_file():
        raise typer.BadParameter(f"feed list not found: {feeds}", param_hint="FEEDS")
    try:
        feed_urls = read_feed_list(feeds)
    except (ValueError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(str(exc), param_hint="FEEDS")
    if not feed_urls:
        raise typer.BadParameter(f"no feed URLs in {feeds}", param_hint="FEEDS")
    try:
        config = WatchConfig(every=seconds, timeout=timeout, host_interval=host_interval,
                             max_passes=1 if once else None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))
    settings = settings_from_options(date=None, model=model, actors=actors, agents=agents,
                                     verbs=verbs)
    errors = 0

    def report(summary) -> None:
        nonlocal errors
        errors = summary.errors
        if not quiet:
            print(f"accord watch: {summary.line()}", file=sys.stderr, flush=True)

    import duckdb

    stop = threading.Event()
    previous = _stop_on_signals(stop)
    try:
        watch(feed_urls, db, config, settings=settings, stop=stop, on_pass=report)
    except duckdb.IOException as exc:  # typically: another process holds the database
        print(f"accord watch: cannot open {db}: {exc}", file=sys.stderr)
        raise typer.Exit(2)
    except KeyboardInterrupt:
        print("accord watch: aborted", file=sys.stderr)
        raise typer.Exit(130)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    raise typer.Exit(3 if once and errors else 0)
