"""Polite HTTP for feeds and article pages: httpx with timeouts, retries with exponential backoff,
a per-host rate limit, a clear User-Agent and robots.txt respected.

One ``Fetcher`` lives for one watch run and keeps its per-host memory (last request time, parsed
robots.txt) on the instance.  robots.txt is fetched through the same client, cached per host
(``robots_ttl``; a robots.txt that could not be fetched is retried after ``robots_failure_ttl``)
and read the way RFC 9309 says: a 4xx means no rules, a 5xx or a network failure means "do not
crawl this host for now".  A ``Crawl-delay`` for Accord lengthens the host interval (capped at a
minute).  Redirects are followed by hand so that every hop is checked against robots.txt and
a loop is recognised as one.  Waits honour a ``threading.Event``: setting it makes the next
wait raise ``Stopped`` instead of sleeping on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from accord.feeds.config import ROBOTS_AGENT, WatchConfig
from accord.feeds.parse import canonical_url, is_web_url

_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_CRAWL_DELAY = 60.0


class FetchError(Exception):
    """A request that failed for good this time; ``permanent`` means retrying will not help."""

    def __init__(self, reason: str, *, status: int | None = None, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.permanent = permanent


class Stopped(Exception):
    """The stop event was set while the fetcher was waiting."""


class _Deadline(Exception):
    pass


@dataclass(frozen=True)
class Response:
    """A finished response: ``url`` is where it finally came from after redirects."""

    url: str
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: robots.txt unavailable, crawl nothing there for now
    expires: float
    reason: str = ""


class Fetcher:
    """GETs URLs the polite way.  Use as a context manager, or call ``close``."""

    def __init__(self, config: WatchConfig, *, stop: threading.Event | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] | None = None):
        self.config = config
        self.stop = stop or threading.Event()
        self._clock = clock
        self._sleep_fn = sleep
        self._client = httpx.Client(
            headers={"User-Agent": config.user_agent},
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=False,
            trust_env=False,  # no proxies or credentials from the environment
        )
        self._last_request: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}

    # -- public -----------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """GET ``url`` following redirects; a 304 comes back as a Response, other failures raise
        FetchError (after the retries the config allows for transient ones)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, check_robots=self.config.respect_robots)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets Accord fetch it.  Raises FetchError while that
        robots.txt cannot be fetched (the URL is then retried later)."""
        origin = _origin(url)
        entry = self._robots.get(origin)
        if entry is None or entry.expires <= self._clock():
            entry = self._load_robots(origin)
            self._robots[origin] = entry
        if entry.parser is None:
            raise FetchError(f"robots.txt unavailable ({entry.reason})")
        return entry.parser.can_fetch(ROBOTS_AGENT, url)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------------
    def _get(self, url: str, headers: dict, *, check_robots: bool) -> Response:
        if not is_web_url(url):
            raise FetchError(f"not an http(s) URL: {url!r}", permanent=True)
        current = url
        visited = {canonical_url(url)}
        for _hop in range(self.config.max_redirects + 1):
            if check_robots and not self.allowed(current):
                raise FetchError(f"disallowed by robots.txt: {current}")
            response = self._with_retries(current, headers)
            if response.status in _REDIRECTS:
                location = response.content.decode("utf-8", "replace").strip()
                if not location:
                    raise FetchError(f"HTTP {response.status} without a Location header",
                                     status=response.status)
                target = urljoin(current, location)
                if not is_web_url(target):
                    raise FetchError(f"redirect to a non-web URL: {location!r}",
                                     status=response.status, permanent=True)
                key = canonical_url(target)
                if key in visited:
                    raise FetchError(f"redirect loop at {target}", status=response.status)
                visited.add(key)
                current = target
                continue
            if response.not_modified or 200 <= response.status < 300:
                return response
            raise FetchError(f"HTTP {response.status}", status=response.status,
                             permanent=response.status == 410)
        raise FetchError(f"too many redirects (more than {self.config.max_redirects})")

    def _with_retries(self, url: str, headers: dict) -> Response:
        config = self.config
        for attempt in range(config.retries + 1):
            self._wait_for_host(url)
            retry_after = None
            try:
                response = self._once(url, headers)
            except (httpx.TimeoutException, _Deadline):
                error = FetchError(f"timed out after {config.timeout:g}s")
            except httpx.TransportError as exc:
                error = FetchError(f"connection failed: {type(exc).__name__}: {exc}")
            except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:
                # A body that does not decode, a URL httpx refuses: retrying will not help now.
                raise FetchError(f"{type(exc).__name__}: {exc}") from exc
            else:
                if response.status != 429 and response.status < 500:
                    return response
                error = FetchError(f"HTTP {response.status}", status=response.status)
                retry_after = response.retry_after
            if attempt == config.retries:
                raise error
            delay = min(config.backoff * 2 ** attempt, config.backoff_max)
            if retry_after is not None:
                if retry_after > config.backoff_max:
                    raise error  # the server asks for longer than one pass should wait
                delay = max(delay, retry_after)
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict) -> Response:
        """One request, the body read within the time and size limits."""
        config = self.config
        started = self._clock()
        with self._client.stream("GET", url, headers=headers) as r:
            body = b""
            if r.status_code in _REDIRECTS:
                body = r.headers.get("location", "").encode("utf-8")
            elif 200 <= r.status_code < 300:
                length = r.headers.get("content-length")
                if length and length.isdigit() and int(length) > config.max_bytes:
                    raise FetchError(f"response too large ({length} bytes)", permanent=True)
                chunks: list[bytes] = []
                size = 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > config.max_bytes:
                        raise FetchError(f"response larger than {config.max_bytes} bytes",
                                         permanent=True)
                    if self._clock() - started > config.timeout:
                        raise _Deadline()
                    chunks.append(chunk)
                body = b"".join(chunks)
            return Response(url=str(r.url), status=r.status_code, content=body,
                            content_type=r.headers.get("content-type"),
                            etag=r.headers.get("etag"),
                            last_modified=r.headers.get("last-modified"),
                            retry_after=_retry_after(r.headers.get("retry-after")))

    # -- politeness -------------------------------------------------------------------------
    def _wait_for_host(self, url: str) -> None:
        if self.stop.is_set():
            raise Stopped()
        host = _origin(url)
        interval = self._host_interval.get(host, self.config.host_interval)
        last = self._last_request.get(host)
        if last is not None:
            remaining = last + interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()

    def _sleep(self, seconds: float) -> None:
        if self._sleep_fn is not None:
            self._sleep_fn(seconds)
            if self.stop.is_set():
                raise Stopped()
        elif self.stop.wait(seconds):
            raise Stopped()

    def _load_robots(self, origin: str) -> _Robots:
        now = self._clock()
        try:
            response = self._get(origin + "/robots.txt", {}, check_robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return _Robots(_allow_all(), now + self.config.robots_ttl)
            return _Robots(None, now + self.config.robots_failure_ttl, exc.reason)
        parser = RobotFileParser(origin + "/robots.txt")
        parser.parse(response.content.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._host_interval[origin] = max(self.config.host_interval,
                                              min(float(delay), _MAX_CRAWL_DELAY))
        return _Robots(parser, now + self.config.robots_ttl)


def _allow_all() -> RobotFileParser:
    parser = RobotFileParser()
    parser.allow_all = True
    return parser


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from email.utils import parsedate_to_datetime

        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None
