"""The dashboard in headless Chromium: dyad chart with data points, article evidence highlights, map.

Runs uvicorn in a thread on 127.0.0.1 over the bundled sample coded by the real pipeline, and
drives Debian's Chromium through Playwright.  Skipped when /usr/bin/chromium is missing, except
in CI (CI=true), where that is a failure.  Screenshots go to pytest's tmp dir and artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from web_session import REPO, sample_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(request):
    """The dashboard over the coded sample, served by uvicorn in a thread: yields its base URL."""
    import uvicorn

    from accord.server import create_app

    config = uvicorn.Config(create_app(sample_store(request)), host="127.0.0.1",
                            port=_free_port(), log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start within 30 s"
    yield f"http://127.0.0.1:{config.port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"CI needs a browser: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1300})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser, server):
    """A fresh tab that records failed requests, requests leaving 127.0.0.1, and JS errors."""
    tab = browser.new_page()
    tab.problems = []
    tab.on("pageerror", lambda exc: tab.problems.append(f"page error: {exc}"))
    tab.on("console", lambda msg: tab.problems.append(f"console: {msg.text}")
           if msg.type == "error" else None)
    tab.on("request", lambda req: tab.problems.append(f"external request: {req.url}")
           if not req.url.startswith((server, "data:", "blob:", "about:")) else None)
    tab.on("requestfailed", lambda req: tab.problems.append(f"failed: {req.url}"))
    yield tab
    tab.close()


def screenshot(tab, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / path.name)
    return path


def open_dashboard(tab, server: str, hash_: str = "") -> None:
    tab.goto(f"{server}/{hash_}")
    tab.wait_for_selector("body[data-ready='true']", timeout=30_000)


def test_overview_lists_top_dyads_and_actors_from_the_coded_sample(page, server, tmp_path):
    open_dashboard(page, server)
    assert page.locator("#top-actors tbody tr").count() > 0
    assert page.locator("#top-dyads tbody tr").count() > 0
    assert "events" in page.locator("#counts").inner_text()
    screenshot(page, tmp_path, "dashboard-overview")
    assert page.problems == []


def test_picking_a_dyad_draws_the_timeline_with_data_points(page, server, tmp_path):
    open_dashboard(page, server, "#dyad")
    page.wait_for_selector("#dyad-chart .main-svg", timeout=30_000)
    pair = page.evaluate("[document.getElementById('dyad-a').value, "
                         "document.getElementById('dyad-b').value]")
    assert all(pair) and pair[0] != pair[1]
    # pick the dyad again through the form, the way an analyst would
    page.select_option("#dyad-a", pair[0])
    page.select_option("#dyad-b", pair[1])
    page.select_option("#dyad-by", "month")
    page.click("#dyad-form button[type=submit]")
    # (wait_for_function would need 'unsafe-eval', which the page's CSP rightly forbids)
    page.wait_for_selector("#dyad-chart .gtitle:has-text('by month')", timeout=30_000)
    traces = page.evaluate("document.getElementById('dyad-chart').data.map(t => "
                           "({name: t.name, n: t.y.filter(v => v !== null).length, "
                           "sum: t.y.reduce((a, v) => a + (v || 0), 0)}))")
    bars = [t for t in traces if t["name"] in ("Verbal cooperation", "Material cooperation",
                                               "Verbal conflict", "Material conflict")]
    assert len(bars) == 4 and sum(t["sum"] for t in bars) > 0
    assert page.locator("#dyad-chart .point").count() > 0  # drawn bars and markers
    assert page.locator("#dyad-events tbody tr").count() > 0
    screenshot(page, tmp_path, "dashboard-dyad")
    assert page.problems == []


def test_article_view_highlights_trigger_source_target_and_quotes(page, server, tmp_path):
    open_dashboard(page, server, "#events")
    page.wait_for_selector("#events-table tbody tr", timeout=30_000)
    page.locator("#events-table tbody tr").first.click()
    page.wait_for_selector("#article-text .hl-trigger", timeout=30_000)
    for kind in ("trigger", "source"):
        assert page.locator(f"#article-text .hl-{kind}").count() > 0, kind
    assert page.locator("#legend").is_visible()
    # the event opened from the table is pinned: its trigger is marked active
    active = page.locator("#article-text .hl.active")
    assert active.count() > 0
    assert page.locator("#article-events li.active").count() == 1
    # hovering another event moves the highlight to its own spans
    items = page.locator("#article-events li")
    if items.count() > 1:
        items.nth(1).hover()
        owners = page.evaluate("[...document.querySelectorAll('#article-text .hl.active')]"
                               ".map(n => n.dataset.owners)")
        assert owners and all("e1" in o.split(" ") for o in owners)
    screenshot(page, tmp_path, "dashboard-article")
    assert page.problems == []


def test_article_with_a_quote_shows_the_speaker(page, server, tmp_path):
    open_dashboard(page, server, "#quotes")
    page.wait_for_selector("#quotes-table tbody tr", timeout=30_000)
    page.locator("#quotes-table tbody tr").first.click()
    page.wait_for_selector("#article-text .hl-quote", timeout=30_000)
    page.locator("#article-quotes li").first.hover()
    assert page.locator("#article-text .hl-quote.active").count() > 0
    screenshot(page, tmp_path, "dashboard-quote")
    assert page.problems == []


def test_map_plots_event_locations(page, server, tmp_path):
    open_dashboard(page, server, "#map")
    page.wait_for_selector("#map-chart .main-svg, #map-chart .empty-chart", timeout=30_000)
    located = page.evaluate("fetch('/api/places').then(r => r.json()).then(b => b.rows.length)")
    assert located > 0, "the coded sample has datelines and places: some events are located"
    assert page.evaluate("document.getElementById('map-chart').data[0].x.length") == located
    assert page.locator("#map-chart .point").count() == located
    screenshot(page, tmp_path, "dashboard-map")
    assert page.problems == []


def test_api_reference_page_lists_every_operation_without_a_cdn(page, server):
    page.goto(f"{server}/docs")
    page.wait_for_selector("#docs .op", timeout=30_000)
    spec_ops = page.evaluate("fetch('/openapi.json').then(r => r.json()).then(s => "
                             "Object.values(s.paths).reduce((n, m) => n + Object.keys(m).length, 0))")
    assert page.locator("#docs .op").count() == spec_ops >= 9
    assert "POST/api/articles" in page.locator("#docs").inner_text().replace(" ", "").replace("\n", "")
    assert page.problems == []
