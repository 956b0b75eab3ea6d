"""Every engine (serial, process pool, Dask LocalCluster) codes the same corpus into the same events."""

from __future__ import annotations

import pytest

from accord.config import Settings
from accord.engines import iter_results, resolve_workers, run_coding
from accord.engines.pool import batches
from accord.records import Article, DocError

STORIES = [
    ("Iraq thanks Russia", "Iraq thanked Russia for its military help on Tuesday."),
    ("Talks in Cairo", "Egyptian officials met Israeli negotiators in Cairo to discuss a truce."),
    ("Protest in Paris", "Thousands of French farmers protested against the government in Paris."),
    ("Sanctions", "The United States imposed new sanctions on Iran over its nuclear programme."),
    ("Aid pledge", "Japan pledged emergency aid to the Philippines after the typhoon."),
    ("Border clash", "Indian troops fired on Pakistani soldiers along the border, officials said."),
    ("Visit", "German Chancellor Angela Merkel visited China for trade talks with Beijing."),
    ("Criticism", "Turkey criticised Sweden for harbouring militants, the foreign ministry said."),
    ("Arrests", "Police in Kenya arrested twenty opposition supporters in Nairobi."),
    ("Deal", "Brazil and Argentina signed a trade agreement in Buenos Aires on Friday."),
    ("Threat", "North Korea threatened South Korea with military action."),
]


def corpus() -> list[Article | DocError]:
    items: list[Article | DocError] = [
        Article(doc_id=f"t{i:02d}", title=title, text=f"{title}\n\n{text}", date="2021-05-0" + str(i % 9 + 1))
        for i, (title, text) in enumerate(STORIES)]
    items.insert(4, DocError(doc_id="bad", reason="unreadable", path="bad.bin", stage="read"))
    return items


def by_document(results) -> dict:
    """doc id -> (status, sorted event dicts): order-free, so engines can be compared."""
    out = {}
    for r in results:
        events = sorted((e.to_dict() for e in r.events), key=lambda d: d["event_id"])
        out[r.doc_id] = ("error" if r.errors else "ok", events)
    return out


@pytest.fixture(scope="module")
def settings():
    return Settings(detect_language=False)


@pytest.fixture(scope="module")
def serial_run(settings):
    return by_document(iter_results(corpus(), settings, engine="serial"))


def test_serial_run_codes_every_document_and_reports_the_bad_one(serial_run):
    assert len(serial_run) == len(STORIES) + 1
    assert serial_run["bad"][0] == "error"
    assert sum(len(ev) for _, ev in serial_run.values()) > 0


@pytest.mark.slow
def test_process_pool_gives_the_same_events_as_a_serial_run(settings, serial_run):
    results = list(iter_results(corpus(), settings, engine="pool", workers=2, chunk_size=3))
    assert len(results) == len(corpus())
    assert by_document(results) == serial_run


@pytest.mark.slow
def test_pool_results_come_back_batch_by_batch_in_input_order(settings):
    items = [a for a in corpus() if isinstance(a, Article)]
    results = list(iter_results(items, settings, engine="pool", workers=2, chunk_size=2))
    assert [r.doc_id for r in results] == [a.doc_id for a in items]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_events_as_a_serial_run(settings, serial_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    from accord.engines.dask import import_parquet
    from accord.store.db import Store

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        results = list(iter_results(corpus(), settings, engine="dask", chunk_size=3,
                                    scheduler=cluster.scheduler_address,
                                    parquet_dir=str(tmp_path / "out")))
    assert by_document(results) == serial_run
    assert any((tmp_path / "out" / "events").glob("day=2021-05-*/*.parquet"))
    with Store(tmp_path / "x.duckdb") as store:
        assert import_parquet(store, tmp_path / "out") == len(STORIES)
        import_parquet(store, tmp_path / "out")  # importing twice changes nothing
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert n == sum(len(ev) for _, ev in serial_run.values())


def test_a_single_document_is_coded_in_this_process_even_with_the_pool_engine(settings, pipeline):
    article = corpus()[0]
    tally = run_coding([article], settings, engine="pool", workers=4, pipeline=pipeline)
    assert tally.documents == 1 and tally.coded == 1


def test_skipped_articles_never_reach_the_engine(settings, pipeline):
    items = corpus()
    tally = run_coding(items, settings, pipeline=pipeline, skip=lambda a: a.doc_id != "t00")
    assert tally.skipped == len(STORIES) - 1
    assert tally.documents == 2 and tally.failed == 1 and tally.exit_code == 3


def test_short_inputs_are_split_evenly_over_the_workers():
    assert [len(b) for b in batches(range(10), 200, 2)] == [5, 5]
    assert [len(b) for b in batches(range(7), 3, 1)] == [3, 3, 1]
    assert [len(b) for b in batches(range(9), 2, 2)] == [2, 2, 2, 2, 1]
    assert list(batches([], 5, 2)) == []


def test_zero_workers_means_one_per_core():
    assert resolve_workers(0) >= 1
    assert resolve_workers(3) == 3


def test_an_unknown_engine_is_refused(settings):
    with pytest.raises(ValueError, match="unknown engine"):
        list(iter_results([], settings, engine="spark"))


def test_selective_parsing_parses_candidate_sentences_and_keeps_every_sentence(pipeline):
    from accord.nlp.selective import is_candidate, selective_pipe, trigger_lemmas

    triggers = trigger_lemmas(pipeline.knowledge.event_lexicon)
    text = ("The weather stayed mild all week. Iraq thanked Russia for its military help. "
            "Nothing else happened.")
    (doc,) = selective_pipe(pipeline.nlp, [text], triggers=triggers)
    assert doc.text == text
    sents = list(doc.sents)
    assert [s.text.strip() for s in sents][1] == "Iraq thanked Russia for its military help."
    assert all(sum(t.dep_ == "ROOT" for t in s) == 1 for s in sents)
    parsed = sents[1]
    assert is_candidate(parsed, triggers)
    assert {t.dep_ for t in parsed} >= {"nsubj", "dobj"}
    assert not is_candidate(sents[0], triggers)
    assert {t.dep_ for t in sents[0]} <= {"ROOT", "dep"}  # left unparsed: a flat tree


def test_selective_parsing_keeps_the_events_of_simple_stories(settings, serial_run):
    selective = by_document(iter_results(corpus(), settings.replace(selective_parse=True)))
    same = sum(selective[k] == v for k, v in serial_run.items())
    assert same >= len(serial_run) - 2, (same, len(serial_run))
