"""A loopback web site for the feed tests (not a test module): routes, a request log, and the
feeds and article pages written for the tests.

``serving(Site())`` runs a threading HTTP server on 127.0.0.1 with an ephemeral port; the
``site`` and ``other_site`` fixtures give two such hosts.  Nothing here talks to any other address.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from accord.feeds import WatchConfig

# -- a tiny web site for the tests -----------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    ctype: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    fail_first: int = 0  # answer 500 to this many requests first


class Site:
    """Routes by path, and a log of every request (time, path with query, headers)."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[float, str, dict]] = []
        self.lock = threading.Lock()
        self.base = ""
        self.clock = time.monotonic  # what the request log's times are read from

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for _, p, _ in self.hits if urlsplit(p).path == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [urlsplit(p).path for _, p, _ in self.hits]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        site: Site = self.server.site
        with site.lock:
            site.hits.append((site.clock(), self.path, dict(self.headers)))
            route = site.routes.get(urlsplit(self.path).path)
            seen = sum(1 for _, p, _ in site.hits if p == self.path)
        if route is None:
            self._answer(404, b"not here", "text/plain", {})
            return
        if route.delay:
            time.sleep(route.delay)
        status = 500 if seen <= route.fail_first else route.status
        etag = route.headers.get("ETag")
        if status == 200 and etag and self.headers.get("If-None-Match") == etag:
            status = 304
        self._answer(status, route.body, route.ctype, route.headers)

    def _answer(self, status, body, ctype, headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name, value)
        body = b"" if status == 304 else body
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that timed out and hung up are expected here


@contextlib.contextmanager
def serving(site: Site):
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = site
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site():
    with serving(Site()) as s:
        s.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        yield s


@pytest.fixture
def other_site():
    with serving(Site()) as s:
        yield s


# -- feeds and pages written for the tests ---------------------------------------------------

def page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>\n{body}</article>"
            f"<footer>Copyright The Loopback Gazette</footer></body></html>").encode()


SUMMIT = page(
    "Ministers meet in Oslo",
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fishing rights "
    "in the southern ocean, officials said.",
    "Both governments promised to publish a joint statement before the end of the month, "
    "according to a spokesman for the Norwegian ministry.",
    "The talks were the first at this level in six years.")
CEASEFIRE = page(
    "Ceasefire talks resume in Geneva",
    "Negotiators from Armenia and Azerbaijan resumed talks in Geneva on Wednesday, two weeks "
    "after a ceasefire was agreed along the border.",
    "A mediator from Switzerland said both delegations had accepted a timetable for the "
    "exchange of prisoners.",
    "No date has been set for a meeting of the two presidents.")
TRADE = page(
    "Trade envoys open talks in Nairobi",
    "Trade envoys from Kenya and Tanzania opened two days of talks in Nairobi on Monday about "
    "tariffs on cross-border goods.",
    "The Kenyan trade minister said he expected an agreement on sugar and maize imports.",
    "Lorry drivers have complained for months about delays at the border posts.")


def rss(site: Site, *links: str, title: str = "Loopback Gazette") -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{link}</link>"
        f"<pubDate>Tue, 24 Nov 2026 0{i % 10}:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{site.base}/</link>{items}</channel></rss>").encode()


def atom(*links: str) -> bytes:
    entries = "".join(
        f'<entry><title>Entry {i}</title><link rel="alternate" href="{link}"/>'
        f"<id>urn:test:{i}</id><updated>2026-11-2{i % 10}T08:00:00Z</updated></entry>"
        for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Loopback Atom</title><id>urn:test</id>"
            f"<updated>2026-11-24T08:00:00Z</updated>{entries}</feed>").encode()


RSS_TYPE = "application/rss+xml"
BROKEN_XML = (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken <<< '
              b"</channel>")

# A generous timeout: a loaded CI machine can take over half a second to answer on loopback.
# The tests about timeouts set their own short one next to a deliberately slow route.
FAST = WatchConfig(timeout=5.0, retries=0, backoff=0.01, backoff_max=0.05, host_interval=0.0,
                   retry_base=0.0, every=0.05, robots_ttl=60.0)
