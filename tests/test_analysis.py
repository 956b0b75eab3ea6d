"""Tests for accord.analysis.Dataset: event filters, dyad series, top lists, quotes, summary."""

from __future__ import annotations

import pytest

import accord
from accord.analysis import Dataset
from accord.store.db import Store
from test_store import event, result

STORIES = [
    # doc_id, date, events (source, target, code, quad, goldstein)
    ("w1", "2015-10-05", [("RUSGOV", "IRQGOV", "0311", 2, 6.0), ("RUS", "IRQ", "042", 1, 1.9)]),
    ("w2", "2015-10-07", [("IRQ", "RUS", "112", 3, -2.0)]),
    ("w3", "2015-10-14", [("RUSMIL", "IRQ", "190", 4, -10.0)]),
    ("w4", "2015-11-02", [("USA", "RUS", "111", 3, -2.0)]),
]


def _text(doc_id: str) -> str:
    return f"Story {doc_id}: " + " ".join(f"{doc_id}word{i}" for i in range(40))


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        for doc_id, date, evs in STORIES:
            events = [event(doc_id, i, source=s, target=t, code=c, quad=q, goldstein=g, date=date)
                      for i, (s, t, c, q, g) in enumerate(evs)]
            store.write_result(result(doc_id, _text(doc_id), events=events, date=date,
                                      source="Reuters", url=f"https://example.org/{doc_id}"))
        # a syndicated copy of w3: the same story event, counted once by default
        store.write_result(result("w3-copy", _text("w3") + " (AFP)", date="2015-10-15",
                                  source="AFP", events=[event("w3-copy", 0, source="RUSMIL",
                                  target="IRQ", code="190", quad=4, goldstein=-10.0,
                                  date="2015-10-14")]))
    return path


def test_open_returns_a_dataset_and_missing_files_are_reported(db, tmp_path):
    with accord.open(str(db)) as ds:
        assert isinstance(ds, Dataset)
    with pytest.raises(FileNotFoundError):
        accord.open(str(tmp_path / "nope.duckdb"))


def test_events_filters_by_source_prefix_root_and_dates(db):
    with Dataset(db) as ds:
        assert set(ds.events(source="RUS")["code"]) == {"0311", "042", "190"}
        assert list(ds.events(source="rus", root=19)["doc_id"]) == ["w3", "w3-copy"]
        assert list(ds.events(source="RUS", root="19", dedup=True)["doc_id"]) == ["w3"]
        assert list(ds.events(date_from="2015-10-10", date_to="2015-10-31", dedup=True)["code"]) == ["190"]
        assert sorted(ds.events(target="RUS", code="11")["code"]) == ["111", "112"]
        assert len(ds.events(country="USA")) == 1
        assert len(ds.events(text="defence ministers")) == 6
        assert len(ds.events(limit=2, offset=5)) == 1


def test_filters_reject_bad_input_with_clear_errors(db):
    with Dataset(db) as ds:
        for bad in [dict(source="RU'S"), dict(root="21"), dict(root="x"), dict(code="1a"),
                    dict(date_from="15/10/2015"), dict(date_from="2015-11-01", date_to="2015-10-01"),
                    dict(limit=0), dict(offset=-1)]:
            with pytest.raises(ValueError):
                ds.events(**bad)
        with pytest.raises(ValueError):
            ds.dyad("RUS", "IRQ", by="fortnight")
        with pytest.raises(ValueError):
            ds.top("countries")


def test_text_search_treats_wildcards_literally(db):
    with Dataset(db) as ds:
        assert ds.events(text="%").empty
        assert ds.events(text="'; DROP TABLE events; --").empty
        assert len(ds.events()) == 6


def test_dyad_by_week_counts_each_direction_and_both(db):
    with Dataset(db) as ds:
        df = ds.dyad("RUS", "IRQ", by="week")
    rows = {(str(r.period)[:10], r.direction): r for r in df.itertuples()}
    first = rows[("2015-10-05", "RUS->IRQ")]
    assert (first.events, first.verbal_coop, first.material_coop) == (2, 1, 1)
    assert first.goldstein_sum == pytest.approx(7.9)
    assert rows[("2015-10-05", "IRQ->RUS")].verbal_conflict == 1
    both = rows[("2015-10-05", "RUS<->IRQ")]
    assert both.events == 3 and both.goldstein_mean == pytest.approx(5.9 / 3)
    assert rows[("2015-10-12", "RUS->IRQ")].material_conflict == 1  # the copy is not counted


def test_dyad_directed_month_and_without_dedup(db):
    with Dataset(db) as ds:
        directed = ds.dyad("RUS", "IRQ", by="month", directed=True)
        assert set(directed["direction"]) == {"RUS->IRQ"}
        assert directed["events"].tolist() == [3]
        assert ds.dyad("RUS", "IRQ", by="month", directed=True, dedup=False)["events"].tolist() == [4]
        assert ds.dyad("RUS", "IRQ", date_from="2015-10-10")["events"].sum() == 2


def test_top_dyads_actors_and_codes(db):
    with Dataset(db) as ds:
        dyads = ds.top("dyads", n=2)
        assert (dyads.iloc[0].source, dyads.iloc[0].target, dyads.iloc[0].events) == ("RUS", "IRQ", 3)
        assert dyads.iloc[0].mentions == 4  # the syndicated copy counts as a mention
        actors = ds.top("actors")
        assert actors.iloc[0].actor == "RUS" and actors.iloc[0].events == 5
        codes = ds.top("codes", n=10, level="code")
        assert set(codes["code"]) == {"0311", "042", "112", "190", "111"}
        assert ds.top("dyads", level="code").iloc[0].source in {"RUSGOV", "RUS", "RUSMIL", "IRQ", "USA"}


def test_quotes_by_speaker_and_article_detail(db):
    with Dataset(db) as ds:
        assert len(ds.quotes(speaker="RUSGOV")) == 5
        assert ds.quotes(speaker="USA").empty
        detail = ds.article("w1")
        assert detail["article"]["url"] == "https://example.org/w1"
        assert len(detail["events"]) == 2 and len(detail["quotes"]) == 1
        with pytest.raises(KeyError):
            ds.article("missing")


def test_summary_counts_documents_events_and_stories(db):
    with Dataset(db) as ds:
        s = ds.summary()
    counts = s["counts"].iloc[0]
    assert (counts.documents, counts.events, counts.story_events, counts.stories) == (5, 6, 5, 4)
    assert dict(zip(s["by_quad"].quad_class, s["by_quad"].events)) == {1: 1, 2: 1, 3: 2, 4: 1}
    assert not s["top_dyads"].empty


def test_parquet_export_directory_answers_the_same_queries(db, tmp_path):
    from accord.store.exports import export

    out = tmp_path / "shards"
    with Dataset(db) as ds:
        n = export(ds, "parquet", out)
        expected = ds.dyad("RUS", "IRQ", by="week")
    assert n == 6
    assert sorted(p.parent.name for p in (out / "events").rglob("*.parquet"))[0] == "day=2015-10-05"
    assert not list(out.rglob("*.tmp"))
    with accord.open(str(out)) as shards:
        got = shards.dyad("RUS", "IRQ", by="week")
        assert got.to_dict("records") == expected.to_dict("records")
        assert shards.article("w2")["article"]["source"] == "Reuters"


# -- the command line: one library call + printing -----------------------------------------
def _cli(*args):
    from typer.testing import CliRunner

    from accord.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_summary_prints_counts_and_where_to_look_next(db):
    out = _cli("summary", "--db", db)
    assert out.exit_code == 0, out.output
    assert "5 documents" in out.output and "accord top dyads" in out.output
    assert "accord serve" in out.output


def test_cli_events_filters_and_formats(db):
    out = _cli("events", "--db", db, "--source", "RUS", "--root", "19", "--format", "jsonl")
    assert out.exit_code == 0, out.output
    import json

    rows = [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    assert [r["doc_id"] for r in rows] == ["w3", "w3-copy"]
    bad = _cli("events", "--db", db, "--root", "33")
    assert bad.exit_code == 2 and "root code" in bad.output


def test_cli_dyad_draws_a_timeline(db, tmp_path):
    png = tmp_path / "rus-irq.png"
    out = _cli("dyad", "RUS", "IRQ", "--db", db, "--by", "month", "--plot", png, "--format", "csv")
    assert out.exit_code == 0, out.output
    assert "RUS->IRQ" in out.output and png.read_bytes()[:4] == b"\x89PNG"


def test_cli_top_and_quotes(db):
    out = _cli("top", "actors", "--db", db, "--n", "3", "--format", "csv")
    assert out.exit_code == 0 and out.output.splitlines()[1].startswith("RUS,5")
    out = _cli("quotes", "--db", db, "--speaker", "RUSGOV")
    assert out.exit_code == 0 and "we agreed" in out.output


def test_cli_reports_a_missing_database(tmp_path):
    out = _cli("summary", "--db", tmp_path / "none.duckdb")
    assert out.exit_code == 2 and "no Accord database" in out.output
