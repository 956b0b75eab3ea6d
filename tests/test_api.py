"""The HTTP API: shapes, filters, validation errors, evidence spans, read-only mode and ingest."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from fastapi.testclient import TestClient

from accord.server import create_app
from web_session import handmade_store, sample_store

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return handmade_store(tmp_path_factory.mktemp("api") / "hand.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def get(client, url, status=200, **params):
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


# -- meta, pages -----------------------------------------------------------------------------------
def test_health_says_the_database_is_read_only_and_ingest_is_off(client):
    body = get(client, "/api/health")
    assert body == {"status": "ok", "database": "hand.duckdb", "read_only": True,
                    "ingest": False, "events": 5}


def test_read_only_app_cannot_write_to_the_database(client):
    with client.app.state.accord.reading() as ds, pytest.raises(duckdb.Error, match="read-only"):
        ds.con.execute("DELETE FROM events")


def test_dashboard_loads_plotly_from_the_app_not_a_cdn(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'src="/vendor/plotly.min.js"' in page.text
    assert "http://" not in page.text and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert len(js.content) > 1_000_000 and b"plotly" in js.content[:2000].lower()
    for asset in ("app.js", "article.js", "charts.js", "util.js", "app.css"):
        assert client.get(f"/static/{asset}").status_code == 200


def test_docs_page_and_openapi_describe_every_route(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    assert "http://" not in docs.text and "https://" not in docs.text
    paths = set(get(client, "/openapi.json")["paths"])
    assert {"/api/events", "/api/dyads/{a}/{b}/timeseries", "/api/top/{kind}",
            "/api/articles/{doc_id}", "/api/quotes", "/api/health", "/api/articles"} <= paths


# -- events ----------------------------------------------------------------------------------------
def test_events_source_filter_matches_code_prefix_and_reports_total(client):
    body = get(client, "/api/events", source="rus")
    assert body["total"] == 1 and len(body["events"]) == 1
    event = body["events"][0]
    assert event["source_code"] == "RUSGOV" and event["target_code"] == "IRQ"
    assert event["date"] == "2025-10-06" and event["code"] == "0573"
    assert event["location_name"] == "Moscow"


def test_events_paging_gives_disjoint_pages_with_the_same_total(client):
    first = get(client, "/api/events", limit=2, offset=0)
    second = get(client, "/api/events", limit=2, offset=2)
    third = get(client, "/api/events", limit=2, offset=4)
    assert first["total"] == second["total"] == third["total"] == 5
    ids = [e["event_id"] for page in (first, second, third) for e in page["events"]]
    assert len(ids) == len(set(ids)) == 5
    dates = [e["date"] for page in (first, second, third) for e in page["events"]]
    assert dates == sorted(dates, reverse=True)


def test_events_filters_combine_root_country_dates_and_text(client):
    assert get(client, "/api/events", root="19")["total"] == 1
    assert get(client, "/api/events", country="USA")["total"] == 2
    assert get(client, "/api/events", code="05")["total"] == 2
    assert get(client, "/api/events", date_from="2025-01-01", date_to="2025-10-10")["total"] == 1
    assert get(client, "/api/events", text="PRAISED")["total"] == 2  # both events of that sentence
    # a % in the search is a literal percent sign, not a wildcard
    assert get(client, "/api/events", text="100%")["total"] == 2
    assert get(client, "/api/events", text="10%0")["total"] == 0


@pytest.mark.parametrize("params, fragment", [
    ({"source": "R!"}, "source"),
    ({"source": "RU"}, "source"),
    ({"root": "21"}, "root code must be a CAMEO root from 01 to 20"),
    ({"root": "3"}, "root"),
    ({"code": "3a"}, "code"),
    ({"date_from": "2025-13-01"}, "date_from"),
    ({"date_from": "2025-10-10", "date_to": "2025-01-01"}, "is after"),
    ({"limit": "0"}, "limit"),
    ({"limit": "5000"}, "limit"),
    ({"offset": "-1"}, "offset"),
])
def test_bad_event_filters_are_422_with_a_clear_message(client, params, fragment):
    body = get(client, "/api/events", 422, **params)
    assert fragment in body["detail"]


# -- analysis ----------------------------------------------------------------------------------------
def test_dyad_timeseries_counts_each_direction_and_both_by_week(client):
    body = get(client, "/api/dyads/rus/IRQ/timeseries", by="week")
    assert (body["a"], body["b"], body["by"]) == ("RUS", "IRQ", "week")
    both = [r for r in body["rows"] if r["direction"] == "RUS<->IRQ"]
    assert [(r["period"], r["events"]) for r in both] == [("2025-10-06", 1), ("2025-10-13", 1)]
    assert sum(r["verbal_coop"] for r in both) == 2
    directions = {r["direction"] for r in body["rows"]}
    assert directions == {"RUS->IRQ", "IRQ->RUS", "RUS<->IRQ"}
    directed = get(client, "/api/dyads/RUS/IRQ/timeseries", directed="true")
    assert {r["direction"] for r in directed["rows"]} == {"RUS->IRQ"}
    assert get(client, "/api/dyads/RUS/IRQ/timeseries", 422, by="decade")


def test_top_lists_rank_actors_dyads_and_codes(client):
    actors = get(client, "/api/top/actors")["rows"]
    assert actors[0] == {"actor": "IRQ", "events": 3, "as_source": 2, "as_target": 1,
                         "mentions": 3, "goldstein_mean": pytest.approx(5 / 3)}
    dyads = get(client, "/api/top/dyads", n=2)["rows"]
    assert len(dyads) == 2 and all(d["target"] for d in dyads)
    codes = get(client, "/api/top/codes", level="code", root="19")["rows"]
    assert [c["code"] for c in codes] == ["190"]
    get(client, "/api/top/people", 422)


def test_places_lists_located_events_for_the_map(client):
    rows = get(client, "/api/places")["rows"]
    assert {(r["name"], r["lat"], r["lon"], r["events"]) for r in rows} == {
        ("Moscow", 55.75, 37.62, 1), ("Baghdad", 33.34, 44.40, 1)}


def test_summary_counts_documents_events_and_quotes(client):
    counts = get(client, "/api/summary")["counts"]
    assert (counts["documents"], counts["events"], counts["quotes"]) == (3, 5, 1)
    assert counts["first_date"] == "2024-02-01"


# -- articles and quotes ---------------------------------------------------------------------------
def assert_spans_point_into_text(view):
    text = view["article"]["text"]
    for e in view["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger_text"]
        assert text[e["source_start"]:e["source_end"]] == e["source_text"]
        if e["target_code"] is not None:
            assert text[e["target_start"]:e["target_end"]] == e["target_text"]
    for q in view["quotes"]:
        # a quote's text is its words (trailing comma trimmed); start/end span the quotation
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert text[q["start"]:q["end"]].startswith(q["text"][:30])
        if q["speaker_code"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
    for a in view["actors"]:
        assert text[a["start"]:a["end"]] == a["text"]


def test_article_gives_text_with_event_actor_and_quote_spans(client):
    view = get(client, "/api/articles/ru-iq-1")
    assert view["article"]["title"] == "Russia and Iraq agree on arms"
    assert "content_hash" not in view["article"]
    assert len(view["events"]) == 1 and len(view["quotes"]) == 1 and len(view["actors"]) == 2
    assert view["quotes"][0]["speaker_name"] == "Lavrov"
    assert_spans_point_into_text(view)


def test_unknown_article_is_404(client):
    assert "no article" in get(client, "/api/articles/no-such-doc", 404)["detail"]


def test_quotes_filter_by_speaker_and_text(client):
    assert len(get(client, "/api/quotes", speaker="RUS")["quotes"]) == 1
    assert get(client, "/api/quotes", speaker="CHN")["quotes"] == []
    assert get(client, "/api/quotes", text="baghdad")["quotes"][0]["title"] == \
        "Russia and Iraq agree on arms"


# -- ingest ------------------------------------------------------------------------------------------
def test_posting_articles_is_forbidden_when_ingest_is_off(client):
    response = client.post("/api/articles", json={"text": "Russia criticised Iraq."},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["detail"]


def test_ingest_is_refused_without_a_token(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with pytest.raises(ValueError, match="ACCORD_TOKEN"):
        create_app(copy, allow_ingest=True, token=None)


def test_serve_command_refuses_ingest_without_token(db, monkeypatch):
    from typer.testing import CliRunner

    from accord.cli import app

    monkeypatch.delenv("ACCORD_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--allow-ingest"])
    assert result.exit_code == 2 and "ACCORD_TOKEN" in result.output


@pytest.fixture
def ingest_client(db, tmp_path, pipeline):
    copy = tmp_path / "ingest.duckdb"
    shutil.copy(db, copy)
    web = create_app(copy, allow_ingest=True, token=TOKEN)
    web.state.accord._pipeline = pipeline  # the session's loaded pipeline: spaCy loads once
    with TestClient(web) as c:
        yield c


STORY = {"id": "posted-1", "title": "Russia and Iraq pledge cooperation", "date": "2025-10-16",
         "text": "Russia and Iraq agreed on Thursday to expand military cooperation.",
         "source": "api.example"}


def test_ingest_needs_the_bearer_token(ingest_client):
    assert ingest_client.post("/api/articles", json=STORY).status_code == 401
    wrong = ingest_client.post("/api/articles", json=STORY,
                               headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert get(ingest_client, "/api/articles/posted-1", 404)


def test_ingest_codes_stores_and_serves_posted_articles(ingest_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = get(ingest_client, "/api/health")
    assert before["read_only"] is False and before["ingest"] is True
    response = ingest_client.post("/api/articles", json=[STORY], headers=auth)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] == 1 and body["articles"][0]["doc_id"] == "posted-1"
    view = get(ingest_client, "/api/articles/posted-1")
    assert view["article"]["date"] == "2025-10-16" and "expand military" in view["article"]["text"]
    assert len(view["events"]) == body["articles"][0]["events"]
    assert_spans_point_into_text(view)
    after = get(ingest_client, "/api/health")
    assert after["events"] == before["events"] + body["articles"][0]["events"]


@pytest.mark.parametrize("payload", [{"text": ""}, {"text": "x", "extra": 1},
                                     {"title": "no text"}, {"text": "x", "date": "16/10/2025"}, []])
def test_ingest_rejects_bad_articles_with_422(ingest_client, payload):
    response = ingest_client.post("/api/articles", json=payload,
                                  headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text


# -- the bundled sample coded by the real pipeline ---------------------------------------------------
def test_sample_articles_served_with_evidence_spans_that_match_their_text(request):
    with TestClient(create_app(sample_store(request))) as c:
        summary = get(c, "/api/summary")["counts"]
        assert summary["documents"] == 13
        events = get(c, "/api/events", limit=1000)
        assert events["total"] == summary["events"] > 0
        for doc_id in sorted({e["doc_id"] for e in events["events"]}):
            assert_spans_point_into_text(get(c, f"/api/articles/{doc_id}"))
        assert get(c, "/api/top/actors")["rows"]
