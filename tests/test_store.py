"""Tests for the DuckDB store: idempotent re-coding, resumable runs, batches, story statistics."""

from __future__ import annotations

import duckdb
import pytest

from accord.records import (ActorRef, Article, DocError, DocumentResult, Event, Location, Plover,
                            Quote, Sentence, Span)
from accord.store.db import Store
from accord.store.schema import SCHEMA_VERSION

WIRE = ("Russia and Iraq agreed on Thursday to expand military cooperation against Islamic State "
        "militants, the Russian defence ministry said in a statement issued in Moscow after talks "
        "between the two defence ministers, who met for three hours.")


def ref(code: str, text: str, start: int = 0) -> ActorRef:
    return ActorRef(code=code, country=code[:3], sector=code[3:] or None, text=text, start=start,
                    end=start + len(text))


def event(doc_id: str, n: int = 0, *, source="RUS", target="IRQ", code="0311", sentence_index=0,
          date="2015-10-15", goldstein=3.4, quad=2) -> Event:
    return Event(event_id=f"{doc_id}-e{n}", doc_id=doc_id, sentence_index=sentence_index,
                 sentence=WIRE, code=code, base_code=code[:3], root_code=code[:2],
                 quad_class=quad, goldstein=goldstein, source=ref(source, "Russia"),
                 target=ref(target, "Iraq", 11) if target else None,
                 trigger=Span("agreed", 20, 26), confidence=0.8, pattern_id="agree-to",
                 plover=Plover("AGREE", None), date=date, date_source="sentence",
                 location=Location(name="Moscow", country="RUS", lat=55.75, lon=37.62,
                                   geonames_id=524901, feature="city"))


def result(doc_id: str, text: str = WIRE, *, events=None, source="Reuters", title=None,
           date="2015-10-15", url=None) -> DocumentResult:
    article = Article(doc_id=doc_id, text=text, title=title, date=date, source=source, url=url,
                      language="en")
    evs = tuple(events if events is not None else [event(doc_id)])
    quote = Quote(quote_id=f"{doc_id}-q", doc_id=doc_id, text="we agreed", start=0, end=9,
                  kind="direct", speaker=ref("RUSGOV", "the ministry"), sentence_index=0,
                  cue=Span("said", 5, 9))
    return DocumentResult(article=article, sentences=(Sentence(doc_id, 0, text, 0, len(text)),),
                          events=evs, quotes=(quote,))


def count(path, table: str) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_new_store_has_schema_version_and_every_table(tmp_path):
    path = tmp_path / "a.duckdb"
    Store(path).close()
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "sentences", "events", "actors", "quotes", "errors", "story_clusters",
            "events_dedup", "dyad_daily"} <= names


def test_reopening_a_store_does_not_reapply_migrations(tmp_path):
    path = tmp_path / "a.duckdb"
    Store(path).close()
    with Store(path) as store:
        assert store.migrated_from == SCHEMA_VERSION
    assert count(path, "schema_version") == 1


def test_writing_the_same_result_twice_stores_it_once(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.write_result(result("d1"))
        store.flush()
        store.write_result(result("d1"))
    with Store(path) as store:
        store.write_result(result("d1"))
    for table in ("articles", "events", "sentences", "quotes"):
        assert count(path, table) == 1, table


def test_recoding_changed_text_replaces_the_rows(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.write_result(result("d1", events=[event("d1", 0), event("d1", 1, code="042")]))
    changed = WIRE.replace("three hours", "two hours")
    with Store(path) as store:
        store.write_result(result("d1", changed, events=[event("d1", 7, code="190")]))
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT event_id, code FROM events").fetchall() == [("d1-e7", "190")]
        assert con.execute("SELECT text FROM articles").fetchone()[0] == changed


def test_is_done_needs_the_same_doc_id_and_the_same_text(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.write_result(result("d1"))
    with Store(path) as store:
        assert store.is_done(Article(doc_id="d1", text=WIRE))
        assert not store.is_done(Article(doc_id="d1", text=WIRE + " Updated."))
        assert not store.is_done(Article(doc_id="d2", text=WIRE))


def test_is_done_remembers_the_raw_text_when_cleaning_changed_it(tmp_path):
    path = tmp_path / "a.duckdb"
    raw = Article(doc_id="d1", text="RAW " + WIRE + "\nMore in Business")
    with Store(path) as store:
        assert not store.is_done(raw)
        store.write_result(result("d1"))  # the pipeline stored the cleaned text
    with Store(path) as store:
        assert store.is_done(raw)


def test_failed_documents_are_stored_as_errors_and_retried(tmp_path):
    path = tmp_path / "a.duckdb"
    failed = DocumentResult(article=Article(doc_id="d9", text="Le texte."),
                            errors=(DocError(doc_id="d9", reason="language fr", stage="language"),))
    unreadable = DocumentResult(article=None, errors=(DocError(doc_id=None, reason="bad gzip",
                                                               path="x.gz", stage="read"),))
    with Store(path) as store:
        store.write_results([failed, unreadable, failed, unreadable])
    assert count(path, "errors") == 2
    with Store(path) as store:
        assert not store.is_done(Article(doc_id="d9", text="Le texte."))


def test_a_crash_loses_only_the_unflushed_batch_and_a_rerun_completes_it(tmp_path):
    path = tmp_path / "a.duckdb"
    texts = {f"d{i}": f"Story number {i} about a different topic entirely, word{i} x{i} y{i}."
             for i in range(5)}
    store = Store(path, batch_size=2)
    for doc_id in ["d0", "d1", "d2"]:
        store.write_result(result(doc_id, texts[doc_id], events=[event(doc_id)]))
    store.con.close()  # simulated crash: d2 was still buffered
    assert count(path, "articles") == 2
    with Store(path, batch_size=2) as store:
        todo = [d for d in texts if not store.is_done(Article(doc_id=d, text=texts[d]))]
        assert todo == ["d2", "d3", "d4"]
        store.write_results(result(d, texts[d], events=[event(d)]) for d in todo)
    assert count(path, "articles") == 5
    assert count(path, "events") == 5


def test_a_failing_batch_is_rolled_back_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.duckdb"
    store = Store(path)
    store.write_result(result("d1"))
    store.flush()
    store.write_result(result("d1", WIRE + " More."))
    store.write_result(result("d2", "Another story entirely with other words."))

    def broken(clusters):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_refresh_stories", broken)
    with pytest.raises(RuntimeError):
        store.flush()
    monkeypatch.undo()
    store.con.close()
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT doc_id, text FROM articles").fetchall() == [("d1", WIRE)]


def test_events_are_stored_flat_with_story_columns(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.write_result(result("d1", title="Russia, Iraq agree", events=[
            event("d1", 0, sentence_index=1), event("d1", 1, sentence_index=4, code="190")]))
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT code, source_code, source_country, target_code, trigger_text, "
                           "plover_event, location_lat, date, is_root_event, num_mentions "
                           "FROM events ORDER BY code").fetchall()
    import datetime
    assert rows[0] == ("0311", "RUS", "RUS", "IRQ", "agreed", "AGREE", 55.75,
                       datetime.date(2015, 10, 15), True, 1)
    assert rows[1][0] == "190" and rows[1][8] is False


def test_syndicated_copies_share_a_cluster_and_count_once(tmp_path):
    path = tmp_path / "a.duckdb"
    copy = "MOSCOW (AFP) - " + WIRE.replace("Thursday", "Thursday,")
    with Store(path) as store:
        store.write_result(result("reuters", WIRE, source="Reuters"))
        store.write_result(result("afp", copy, source="AFP", date="2015-10-16"))
        store.write_result(result("other", "Protesters marched through Caracas demanding new "
                                  "elections as police fired tear gas at crowds near the palace.",
                                  events=[event("other", source="VENOPP", target="VENCOP",
                                                code="145")]))
    with duckdb.connect(str(path), read_only=True) as con:
        clusters = dict(con.execute("SELECT doc_id, cluster_id FROM articles").fetchall())
        assert clusters["reuters"] == clusters["afp"] != clusters["other"]
        rows = con.execute("SELECT doc_id, num_mentions, num_sources, num_articles, story_rep "
                           "FROM events WHERE code = '0311' ORDER BY doc_id").fetchall()
        assert rows == [("afp", 2, 2, 2, False), ("reuters", 2, 2, 2, True)]
        assert con.execute("SELECT count(*) FROM events_dedup").fetchone()[0] == 2
        assert con.execute("SELECT n_articles, n_sources FROM story_clusters WHERE cluster_id = ?",
                           [clusters["reuters"]]).fetchone() == (2, 2)


def test_clustering_continues_across_runs(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.write_result(result("first", WIRE))
    with Store(path) as store:
        store.write_result(result("later", WIRE + " Iraq welcomed the move."))
    with duckdb.connect(str(path), read_only=True) as con:
        clusters = dict(con.execute("SELECT doc_id, cluster_id FROM articles").fetchall())
        assert clusters["later"] == clusters["first"] == "first"
        assert con.execute("SELECT sum(num_mentions::INT) FROM events_dedup").fetchone()[0] == 2


def test_recoding_a_copy_out_of_its_story_updates_the_story_counts(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.write_result(result("a", WIRE))
        store.write_result(result("b", WIRE + " Iraq welcomed it."))
    with Store(path) as store:
        store.write_result(result("b", "A completely different report about fishing quotas in "
                                  "the North Sea and what the fleets think of them."))
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT doc_id, num_articles, story_rep FROM events ORDER BY doc_id"
                           ).fetchall() == [("a", 1, True), ("b", 1, True)]


def test_full_story_refresh_agrees_with_the_incremental_one(tmp_path):
    path = tmp_path / "a.duckdb"
    query = ("SELECT event_id, num_mentions, num_sources, num_articles, story_rep FROM events "
             "ORDER BY event_id")
    with Store(path, batch_size=1) as store:
        store.write_result(result("a", WIRE, source="Reuters"))
        store.write_result(result("b", WIRE + " More.", source="AFP", date="2015-10-16"))
        store.write_result(result("c", WIRE + " Again.", source="AFP", date="2015-10-17"))
        store.flush()
        incremental = store.con.execute(query).fetchall()
        store.con.execute("UPDATE events SET num_mentions = 1, story_rep = true")
        store.refresh_all_stories()
        assert store.con.execute(query).fetchall() == incremental
    assert incremental[0][1:] == (3, 2, 3, True)


def test_bulk_append_of_arrow_tables(tmp_path):
    import pyarrow as pa

    path = tmp_path / "a.duckdb"
    docs = [f"d{i}" for i in range(6000)]
    with Store(path) as store:
        store.append_tables({
            "articles": pa.table({"doc_id": docs, "cluster_id": [d[:-1] or d for d in docs],
                                  "status": ["ok"] * len(docs)}),
            "events": pa.table({"event_id": [f"e{d}" for d in docs], "doc_id": docs,
                                "cluster_id": [d[:-1] or d for d in docs],
                                "source_code": ["RUS"] * len(docs), "code": ["042"] * len(docs)}),
        })
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*), count(*) FILTER (WHERE story_rep), max(num_articles) "
                           "FROM events").fetchone() == (6000, 600, 10)  # 600 clusters of 10


def test_a_slow_run_flushes_by_time_as_well(tmp_path):
    path = tmp_path / "a.duckdb"
    store = Store(path, batch_size=100, flush_seconds=0.0)
    store.write_result(result("d1"))
    store.con.close()  # crash right after the first document
    assert count(path, "articles") == 1


def test_a_store_from_a_newer_accord_is_refused(tmp_path):
    path = tmp_path / "a.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)
