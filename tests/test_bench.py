"""`accord bench` prints throughput, the ratio to bare spaCy and worker memory as it grows."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bench import run_benchmark
from accord.config import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "accord" / "samples" / "wire.jsonl"


@pytest.mark.slow
def test_benchmark_reports_ratio_stages_and_worker_memory_by_corpus_size(pipeline):
    report = run_benchmark([(SAMPLES, 6)], Settings(batch_size=4), bare=True, workers=(1,),
                           rss_every=3)
    text = "\n".join(report.lines())
    assert report.articles == 6 and report.events > 0
    assert report.ratio is not None and report.ratio > 0
    assert "throughput ratio accord / bare spaCy" in text
    assert "accord time per stage: actors" in text
    pool = report.run("pool, 1 worker")
    assert pool is not None and set(pool.rss_by_articles) == {3, 6}
    assert all(mb > 50 for mb in pool.rss_by_articles.values())
    assert "largest worker RSS up to 3 articles" in text


def test_pool_only_run_counts_events_and_gives_no_ratio(pipeline):
    report = run_benchmark([(SAMPLES, 2)], Settings(batch_size=2), bare=False, workers=(1,),
                           in_process=False, rss_every=0)
    assert report.ratio is None
    assert report.events > 0
    assert report.run("pool, 1 worker").rss_by_articles == {}


def test_bare_spacy_gets_the_headline_and_body_accord_codes_but_no_cleaning():
    from accord.bench import _uncleaned_text
    from accord.records import Article

    article = Article(doc_id="a", title="Kenya and Uganda sign a trade pact",
                      text="NAIROBI: The two governments signed the pact on Monday.\n\nShare this")
    text = _uncleaned_text(article)
    assert text.startswith("Kenya and Uganda sign a trade pact\n\n")
    assert text.endswith("Share this")  # not cleaned: the navigation line stays
