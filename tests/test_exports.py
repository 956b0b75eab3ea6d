"""Tests for the JSON Lines, PLOVER, CSV and Parquet exports and their filters."""

from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from accord.analysis import Dataset
from accord.store.db import Store
from accord.store.exports import export
from test_store import event, result


@pytest.fixture()
def stored(tmp_path):
    db = tmp_path / "a.duckdb"
    events = [event("d1", 0), event("d1", 1, code="190", target=None, sentence_index=2)]
    statement = event("d2", 0, code="010", source="USA", target="RUS", date="2015-11-01")
    statement = dataclasses.replace(statement, plover=None)  # PLOVER drops statements
    with Store(db) as store:
        store.write_result(result("d1", events=events, url="https://example.org/1"))
        store.write_result(result("d2", "Washington said something else entirely today.",
                                  events=[statement], date="2015-11-01"))
    return db, events + [statement]


def test_jsonl_export_is_exactly_what_accord_code_wrote(stored):
    db, events = stored
    out = io.StringIO()
    with Dataset(db) as ds:
        assert export(ds, "jsonl", out) == 3
    got = {r["event_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    for ev in events:
        assert got[ev.event_id] == json.loads(json.dumps(ev.to_dict()))


def test_plover_export_has_plover_fields_and_skips_codes_plover_drops(stored):
    db, _ = stored
    out = io.StringIO()
    with Dataset(db) as ds:
        assert export(ds, "plover", out) == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    first = records[0]
    assert first["event_type"] == "AGREE" and first["actor"]["code"] == "RUS"
    assert first["recipient"]["country"] == "IRQ" and first["date"] == "2015-10-15"
    assert first["evidence"]["trigger"]["text"] == "agreed" and "sentence" in first["evidence"]
    assert first["location"]["name"] == "Moscow" and first["url"] == "https://example.org/1"
    assert records[1]["recipient"] is None


def test_csv_export_has_flat_columns_and_the_article_url(stored, tmp_path):
    db, _ = stored
    out = tmp_path / "events.csv"
    with Dataset(db) as ds:
        assert export(ds, "csv", out, source="USA") == 1
    df = pd.read_csv(out, dtype={"code": str})
    assert list(df["code"]) == ["010"] and "source_code" in df and "article_url" in df


def test_csv_export_with_no_match_still_writes_a_header(stored, tmp_path):
    db, _ = stored
    out = tmp_path / "none.csv"
    with Dataset(db) as ds:
        assert export(ds, "csv", out, source="CHN") == 0
    assert out.read_text().startswith('"event_id"')


def test_exports_take_the_event_filters(stored):
    db, _ = stored
    with Dataset(db) as ds:
        for fmt in ("jsonl", "gdelt"):
            out = io.StringIO()
            assert export(ds, fmt, out, root="19") == 1
            out = io.StringIO()
            assert export(ds, fmt, out, date_from="2015-10-20") == 1


def test_bad_format_or_filter_fails_before_writing_anything(stored, tmp_path):
    db, _ = stored
    out = tmp_path / "x.jsonl"
    with Dataset(db) as ds:
        with pytest.raises(ValueError):
            export(ds, "xml", out)
        with pytest.raises(ValueError):
            export(ds, "jsonl", out, root="99")
        with pytest.raises(ValueError):
            export(ds, "parquet", None)
    assert not list(tmp_path.glob("*x.jsonl*"))


def test_parquet_single_file_export(stored, tmp_path):
    db, _ = stored
    out = tmp_path / "events.parquet"
    with Dataset(db) as ds:
        assert export(ds, "parquet", out) == 3
    table = pq.read_table(out)
    assert table.num_rows == 3 and "story_rep" in table.column_names
    assert not list(tmp_path.glob(".*.tmp"))


def test_parquet_shards_are_added_not_overwritten(stored, tmp_path):
    db, _ = stored
    out = tmp_path / "shards"
    with Dataset(db) as ds:
        export(ds, "parquet", out, root="03")
        export(ds, "parquet", out, root="19")
    days = sorted(p.name for p in (out / "events").iterdir())
    assert days == ["day=2015-10-15"]  # both events of d1 happened that day
    assert len(list((out / "events" / "day=2015-10-15").glob("part-*.parquet"))) == 2


def test_cli_export_writes_each_format_with_filters(stored, tmp_path):
    from typer.testing import CliRunner

    from accord.cli import app

    db, _ = stored
    runner = CliRunner()
    for fmt, name in [("gdelt", "e.CSV"), ("plover", "e.plover.jsonl"), ("jsonl", "e.jsonl"),
                      ("csv", "e.csv"), ("parquet", "e.parquet")]:
        out = tmp_path / name
        result = runner.invoke(app, ["export", "--format", fmt, "--db", str(db), "--out",
                                     str(out), "--root", "03"])
        assert result.exit_code == 0, result.output
        assert out.exists() and out.stat().st_size > 0
    assert len((tmp_path / "e.CSV").read_text().splitlines()) == 1
    shards = tmp_path / "shards"
    result = runner.invoke(app, ["export", "--parquet", str(shards), "--db", str(db)])
    assert result.exit_code == 0 and (shards / "events").is_dir()
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(db)])
    assert result.exit_code == 2
