"""Live feeds: poll RSS/Atom feeds, fetch new article pages politely, code and store them.

``watch(feeds, db_path, config)`` is the entry point ``accord watch`` uses; ``Watcher`` runs
passes with a pluggable coder; ``WatchConfig`` holds every timeout, retry and rate limit.
"""

from accord.feeds.config import WatchConfig, parse_interval
from accord.feeds.fetch import Fetcher, FetchError, Stopped
from accord.feeds.parse import FeedEntry, FeedError, canonical_url, parse_feed, read_feed_list
from accord.feeds.state import FeedState
from accord.feeds.watch import PassSummary, PipelineCoder, Watcher, content_hash, watch

__all__ = ["WatchConfig", "parse_interval", "Fetcher", "FetchError", "Stopped", "FeedEntry",
           "FeedError", "canonical_url", "parse_feed", "read_feed_list", "FeedState",
           "PassSummary", "PipelineCoder", "Watcher", "content_hash", "watch"]
