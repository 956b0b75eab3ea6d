"""Tests for the polite fetcher (accord.feeds.fetch) against servers started on 127.0.0.1:
User-Agent, timeouts, retries with backoff, redirect loops, robots.txt and the host rate limit.
"""

from __future__ import annotations

import time

import pytest
from feeds_site import FAST, SUMMIT, TRADE, Route, other_site, site  # noqa: F401 (fixtures)

from accord.feeds import Fetcher, FetchError

def test_requests_identify_accord_in_the_user_agent(site):
    site.routes["/a"] = Route(b"hello", ctype="text/plain")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(site.url("/a"))
    assert response.status == 200 and response.content == b"hello"
    agents = {headers.get("User-Agent") for _, _, headers in site.hits}
    assert len(agents) == 1 and agents.pop().startswith("Accord/0.1 (+http")


def test_slow_server_times_out_within_the_configured_timeout(site):
    site.routes["/slow"] = Route(TRADE, delay=5.0)
    config = FAST.replace(timeout=0.5, retries=1)
    with Fetcher(config) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            fetcher.get(site.url("/slow"))
        elapsed = time.monotonic() - started
    assert elapsed < 8.0  # two attempts of 0.5s and a short backoff; waiting out 5s each: 10s+
    assert site.count("/slow") == 2


def test_transient_500_is_retried_with_exponential_backoff(site):
    site.routes["/flaky"] = Route(b"third time lucky", ctype="text/plain", fail_first=2)
    waits: list[float] = []
    config = FAST.replace(retries=3, backoff=0.05, backoff_max=1.0)
    with Fetcher(config, sleep=waits.append) as fetcher:
        response = fetcher.get(site.url("/flaky"))
    assert response.content == b"third time lucky"
    assert waits == [0.05, 0.1]
    site.routes["/down"] = Route(b"", status=503)
    waits.clear()
    with Fetcher(config.replace(retries=2), sleep=waits.append) as fetcher:
        with pytest.raises(FetchError, match="HTTP 503"):
            fetcher.get(site.url("/down"))
    assert waits == [0.05, 0.1] and site.count("/down") == 3


def test_redirect_loop_is_an_error_not_an_endless_chase(site):
    site.routes["/loop/a"] = Route(status=302, headers={"Location": "/loop/b"})
    site.routes["/loop/b"] = Route(status=302, headers={"Location": "/loop/a"})
    for i in range(10):
        site.routes[f"/chain/{i}"] = Route(status=301, headers={"Location": f"/chain/{i + 1}"})
    site.routes["/moved"] = Route(status=301, headers={"Location": "/news/summit"})
    site.routes["/news/summit"] = Route(SUMMIT)
    with Fetcher(FAST.replace(max_redirects=3)) as fetcher:
        with pytest.raises(FetchError, match="redirect loop"):
            fetcher.get(site.url("/loop/a"))
        with pytest.raises(FetchError, match="too many redirects"):
            fetcher.get(site.url("/chain/0"))
        assert fetcher.get(site.url("/moved")).url == site.url("/news/summit")
    assert site.count("/loop/a") == 1 and site.count("/loop/b") == 1
    assert site.count("/chain/3") == 1 and site.count("/chain/4") == 0  # 3 redirects followed


def test_robots_txt_is_fetched_once_per_host_and_its_disallow_is_obeyed(site, other_site):
    site.routes["/news/summit"] = Route(SUMMIT)
    site.routes["/private/memo"] = Route(b"secret")
    other_site.routes["/private/memo"] = Route(b"no robots.txt here: allowed", ctype="text/plain")
    with Fetcher(FAST) as fetcher:
        fetcher.get(site.url("/news/summit"))
        with pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(site.url("/private/memo"))
        assert fetcher.get(other_site.url("/private/memo")).status == 200  # its robots.txt: 404
        fetcher.get(site.url("/news/summit"))
    assert site.count("/robots.txt") == 1 and other_site.count("/robots.txt") == 1
    assert site.count("/private/memo") == 0


def test_unreachable_robots_txt_holds_the_host_back_for_now(site):
    site.routes["/robots.txt"] = Route(b"", status=503)
    site.routes["/news/summit"] = Route(SUMMIT)
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchError, match=r"robots.txt unavailable \(HTTP 503\)"):
            fetcher.get(site.url("/news/summit"))
    assert site.count("/news/summit") == 0


def test_requests_to_one_host_are_spaced_by_the_host_interval(site):
    class Clock:
        """Time that only moves when the fetcher waits, so the spacing is exact under any load."""

        def __init__(self):
            self.now = 1000.0

        def __call__(self):
            return self.now

        def sleep(self, seconds):
            self.now += seconds

    clock = Clock()
    site.clock = clock  # the server logs each request at the fetcher's time
    for name in "abc":
        site.routes[f"/{name}"] = Route(b"x", ctype="text/plain")
    with Fetcher(FAST.replace(host_interval=0.25), clock=clock, sleep=clock.sleep) as fetcher:
        for name in "abc":
            fetcher.get(site.url(f"/{name}"))
    times = [t for t, _, _ in site.hits]
    assert [p for _, p, _ in site.hits] == ["/robots.txt", "/a", "/b", "/c"]
    assert [round(b - a, 6) for a, b in zip(times, times[1:])] == [0.25, 0.25, 0.25]


def test_a_body_that_does_not_decode_is_a_fetch_error(site):
    site.routes["/garbled"] = Route(b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    with Fetcher(FAST.replace(retries=2)) as fetcher:
        with pytest.raises(FetchError, match="DecodingError"):
            fetcher.get(site.url("/garbled"))
    assert site.count("/garbled") == 1  # not retried: it would come back the same


def test_a_redirect_without_a_location_is_a_fetch_error(site):
    site.routes["/nowhere"] = Route(status=302)
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchError, match="without a Location header"):
            fetcher.get(site.url("/nowhere"))


def test_a_crawl_delay_for_accord_lengthens_the_host_interval(site):
    site.routes["/robots.txt"] = Route(b"User-agent: Accord\nCrawl-delay: 2\n", ctype="text/plain")
    site.routes["/a"] = Route(b"x", ctype="text/plain")
    now = [50.0]
    site.clock = lambda: now[0]
    with Fetcher(FAST.replace(host_interval=0.5), clock=lambda: now[0],
                 sleep=lambda s: now.__setitem__(0, now[0] + s)) as fetcher:
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/a"))
    times = [t for t, p, _ in site.hits if p == "/a"]
    assert times[1] - times[0] == pytest.approx(2.0)
