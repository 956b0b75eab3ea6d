"""WatchConfig: every knob of feed watching (timeouts, retries, rate limits, schedule) in one frozen object.

Tests pass short timeouts through it; the CLI builds one from its options.  ``parse_interval``
turns ``30s``, ``15m``, ``1h`` or ``1h30m`` into seconds for ``--every``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

#: Where people who see Accord in their access logs can read what it is.
PROJECT_URL = "https://github.com/accord-events/accord"
USER_AGENT = f"Accord/0.1 (+{PROJECT_URL})"
#: The token matched against ``User-agent:`` lines of robots.txt.
ROBOTS_AGENT = "Accord"

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_interval(text: str) -> float:
    """``30s`` -> 30.0, ``15m`` -> 900.0, ``1h30m`` -> 5400.0, a bare number means seconds.

    Raises ValueError for anything else, or for a zero interval.
    """
    value = str(text).strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    else:
        compact = value.replace(" ", "")
        if not compact or _INTERVAL.sub("", compact):
            raise ValueError(f"not an interval: {text!r} (use e.g. 30s, 15m, 1h)")
        seconds = sum(float(n) * _UNITS[u] for n, u in _INTERVAL.findall(compact))
    if seconds <= 0:
        raise ValueError(f"interval must be positive: {text!r}")
    return seconds


@dataclass(frozen=True)
class WatchConfig:
    """How politely and how persistently to poll feeds.  Immutable; ``replace`` derives a copy."""

    #: Seconds between the starts of two passes.
    every: float = 900.0
    #: Seconds allowed for one HTTP request (connect, each read, and the whole body).
    timeout: float = 20.0
    #: Extra attempts for one request after a timeout, a connection error, a 429 or a 5xx.
    retries: int = 2
    #: First wait between those attempts; doubles each time, capped at ``backoff_max``.
    backoff: float = 1.0
    backoff_max: float = 30.0
    #: Least seconds between two requests to the same host.
    host_interval: float = 1.0
    max_redirects: int = 5
    #: Larger responses are refused (a feed or an article page is far smaller).
    max_bytes: int = 5_000_000
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    #: How long a fetched robots.txt is trusted; a robots.txt that could not be fetched is
    #: retried after ``robots_failure_ttl``.
    robots_ttl: float = 86_400.0
    robots_failure_ttl: float = 600.0
    #: At most this many new entries are queued from one fetch of one feed.
    max_new_per_feed: int = 100
    #: At most this many article pages are fetched in one pass (the rest wait for the next).
    max_pages_per_pass: int = 500
    #: A failed feed or page is tried again after retry_base * 2**(failures-1) seconds, capped.
    retry_base: float = 300.0
    retry_max: float = 21_600.0
    #: A page that failed this many times is given up (recorded as failed, never fetched again).
    max_page_attempts: int = 5
    #: Stop after this many passes (None: until stopped).  ``--once`` is ``max_passes=1``.
    max_passes: int | None = None

    def __post_init__(self) -> None:
        for name in ("every", "timeout", "host_interval", "backoff", "backoff_max", "retry_base",
                     "retry_max", "robots_ttl", "robots_failure_ttl"):
            if getattr(self, name) < 0:
                raise ValueError(f"WatchConfig.{name} must not be negative")
        if self.timeout <= 0:
            raise ValueError("WatchConfig.timeout must be positive")
        for name in ("retries", "max_redirects"):
            if getattr(self, name) < 0:
                raise ValueError(f"WatchConfig.{name} must not be negative")
        for name in ("max_bytes", "max_new_per_feed", "max_pages_per_pass", "max_page_attempts"):
            if getattr(self, name) < 1:
                raise ValueError(f"WatchConfig.{name} must be at least 1")
        if self.max_passes is not None and self.max_passes < 1:
            raise ValueError("WatchConfig.max_passes must be at least 1 (or None)")

    def replace(self, **changes) -> "WatchConfig":
        return dataclasses.replace(self, **changes)

    def retry_delay(self, failures: int) -> float:
        """Seconds to wait before trying a feed or page again after ``failures`` failures."""
        if failures <= 0:
            return 0.0
        return min(self.retry_base * 2 ** (failures - 1), self.retry_max)
