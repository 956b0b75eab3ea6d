"""Throughput benchmark: Accord against bare spaCy on the same articles, with memory and stage times.

``run_benchmark`` codes one list of articles (read from JSONL corpora, e.g. 1,000 BBC + 3,000
Reuters) with the full Accord pipeline in this process, then sends the same articles through
``nlp.pipe`` of the same spaCy model with its default components (headline + body, uncleaned:
what Accord codes, before its cleaning), and optionally through the
process pool with 1..N workers.  It returns a ``BenchReport`` whose ``lines()`` are what
``accord bench`` prints.  Model loading is timed apart and left out of throughput figures
(except in the pool runs, whose wall time includes starting the workers; reported separately).

Peak RSS comes from ``resource.getrusage`` (``ru_maxrss``: this process's high-water mark);
for pool runs, the largest worker's RSS sampled with psutil while results arrive.  Timings are figures to compare within
one run on one machine, never assertions.
"""

from __future__ import annotations

import gzip
import json
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from accord.config import Settings
from accord.records import Article, DocError


def read_articles(path: str | Path, n: int) -> Iterator[Article]:
    """The first ``n`` articles of a JSONL(.gz) corpus (id, title, text, date, source)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in islice(f, n):
            d = json.loads(line)
            yield Article(doc_id=str(d.get("id")), text=d.get("text") or "", title=d.get("title"),
                          date=d.get("date"), source=d.get("source"), url=d.get("url"))


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """High-water resident memory in MB (ru_maxrss is kB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def workers_rss_mb() -> float:
    """The largest resident memory among this process's children now (psutil, when installed;
    ``ru_maxrss`` of children is useless here: spawned workers inherit the parent's peak)."""
    try:
        import psutil
    except ImportError:  # psutil is optional: no per-worker figure then
        return 0.0
    sizes = []
    for child in psutil.Process().children(recursive=True):
        try:
            sizes.append(child.memory_info().rss)
        except psutil.Error:
            continue
    return max(sizes, default=0) / (1024 * 1024)


@dataclass
class RunFigures:
    """One timed pass over the articles."""

    name: str
    seconds: float
    articles: int
    words: int
    peak_rss_mb: float | None = None
    startup_seconds: float | None = None
    #: largest worker RSS seen up to N articles (pool runs): is memory flat as the corpus grows?
    rss_by_articles: dict[int, float] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        rss = f", peak RSS {self.peak_rss_mb:.0f} MB" if self.peak_rss_mb is not None else ""
        start = (f" (first result after {self.startup_seconds:.1f} s)"
                 if self.startup_seconds is not None else "")
        return (f"{self.name:<28} {self.articles_per_s:8.1f} articles/s {self.words_per_s:10.0f} "
                f"words/s  {self.seconds:7.1f} s{start}{rss}")


@dataclass
class BenchReport:
    articles: int
    words: int
    load_seconds: dict[str, float] = field(default_factory=dict)
    runs: list[RunFigures] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)  # seconds, summed over documents
    events: int = 0
    failed: int = 0

    def run(self, name: str) -> RunFigures | None:
        return next((r for r in self.runs if r.name == name), None)

    @property
    def ratio(self) -> float | None:
        """Accord throughput / bare spaCy throughput (>= 1.0: our work costs less than it saves)."""
        accord, bare = self.run("accord (this process)"), self.run("bare spaCy nlp.pipe")
        if accord is None or bare is None or not bare.articles_per_s:
            return None
        return accord.articles_per_s / bare.articles_per_s

    def lines(self) -> list[str]:
        out = [f"corpus: {self.articles} articles, {self.words} words; "
               f"{self.events} events, {self.failed} not coded"]
        if self.load_seconds:
            out.append("loading: " + ", ".join(f"{k} {v:.1f} s"
                                               for k, v in self.load_seconds.items()))
        out.extend(r.line() for r in self.runs)
        for r in self.runs:
            if r.rss_by_articles:
                out.append(f"{r.name}: largest worker RSS up to " + ", ".join(
                    f"{n} articles {mb:.0f} MB" for n, mb in sorted(r.rss_by_articles.items())))
        total = sum(self.stages.values())
        if total:
            out.append("accord time per stage: " + ", ".join(
                f"{k} {v:.1f} s ({100 * v / total:.0f}%)" for k, v in self.stages.items()))
        if self.ratio is not None:
            out.append(f"throughput ratio accord / bare spaCy: {self.ratio:.2f}")
        one = self.run("pool, 1 worker")
        for r in self.runs:
            if one is not None and r.name.startswith("pool, ") and r is not one and r.seconds:
                out.append(f"speed-up {r.name} over 1 worker: {one.seconds / r.seconds:.2f}x")
        return out


def run_benchmark(corpora: list[tuple[Path, int]], settings: Settings, *,
                  bare: bool = True, workers: tuple[int, ...] = (), in_process: bool = True,
                  rss_every: int = 1000, progress=None) -> BenchReport:
    """Benchmark Accord on the first ``n`` articles of each ``(path, n)`` corpus.

    ``in_process=False`` skips the single-process run (and so the ratio): for memory runs of
    the pool alone.  Pool runs record the largest worker RSS every ``rss_every`` articles."""
    say = progress or (lambda msg: None)
    articles = [a for path, n in corpora for a in read_articles(path, n)]
    words = sum(len(a.text.split()) for a in articles)
    report = BenchReport(articles=len(articles), words=words)
    if in_process:
        _time_in_process(articles, words, settings, report, say)
    if bare:
        _time_bare_spacy(articles, words, settings, report, say)
    for n in workers:
        _time_pool(articles, words, settings, report, say, n, rss_every)
    return report


def _time_in_process(articles, words, settings, report, say) -> None:
    """Accord's own pipeline in this process, with time per stage."""
    from accord.pipeline import Knowledge, Pipeline

    t = time.perf_counter()
    knowledge = Knowledge.load(settings)
    report.load_seconds["knowledge"] = time.perf_counter() - t
    t = time.perf_counter()
    pipeline = Pipeline(settings, knowledge)
    report.load_seconds["spaCy model + ruler + coder"] = time.perf_counter() - t
    say(f"accord: coding {len(articles)} articles in this process")
    coded_texts: list[str] = []
    stages: dict[str, float] = {}
    t = time.perf_counter()
    from accord.engines.serial import TRIM_EVERY, release_memory

    for i, result in enumerate(pipeline.process(articles), 1):
        if i % TRIM_EVERY == 0:
            release_memory()  # as the serial engine does
        if result.errors:
            report.failed += 1
        if result.article is not None:
            coded_texts.append(result.article.text)
        report.events += len(result.events)
        for k, v in result.timings.items():
            stages[k] = stages.get(k, 0.0) + v
    seconds = time.perf_counter() - t
    stages["clean + other"] = max(0.0, seconds - sum(stages.values()))
    report.stages = stages
    report.runs.append(RunFigures("accord (this process)", seconds, len(articles), words,
                                  peak_rss_mb(), None))
    del pipeline


def _time_bare_spacy(articles, words, settings, report, say) -> None:
    """The same texts through bare ``nlp.pipe`` of the same model, default components."""
    import spacy

    from accord.nlp.loader import choose_model

    nlp = spacy.load(choose_model(settings))
    texts = [_uncleaned_text(a) for a in articles]
    say(f"bare spaCy: nlp.pipe over the same {len(texts)} texts ({', '.join(nlp.pipe_names)})")
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    report.runs.append(RunFigures("bare spaCy nlp.pipe", time.perf_counter() - t,
                                  len(articles), words, peak_rss_mb()))
    del nlp


def _uncleaned_text(article: Article) -> str:
    """The text Accord would code with cleaning off: headline + body, as spaCy alone would get
    a whole article (Accord codes the headline too, so bare spaCy must parse it as well)."""
    from accord.ingest.prepare import prepare_article

    raw = Settings(clean=False, detect_language=False)
    prepared = prepare_article(article, raw)
    return article.text if isinstance(prepared, DocError) else prepared.text


def _time_pool(articles, words, settings, report, say, n: int, rss_every: int) -> None:
    """The process pool with ``n`` workers; wall time includes starting them."""
    from accord.engines.pool import iter_pool

    say(f"pool: {n} worker(s)")
    t = time.perf_counter()
    first = None
    worker_peak = 0.0
    by_articles: dict[int, float] = {}
    done = events = 0
    for done, result in enumerate(iter_pool(iter(articles), settings, workers=n,
                                            chunk_size=100), 1):
        events += len(result.events)
        if first is None:
            first = time.perf_counter() - t
        checkpoint = bool(rss_every) and done % rss_every == 0
        if done == 1 or done % 20 == 0 or checkpoint or done == len(articles):
            worker_peak = max(worker_peak, workers_rss_mb())
        if checkpoint:
            by_articles[done] = worker_peak
    if done and rss_every and done not in by_articles:
        by_articles[done] = worker_peak
    if report.run("accord (this process)") is None:
        report.events = events  # no in-process run counted them
    report.runs.append(RunFigures(f"pool, {n} worker{'s' if n > 1 else ''}",
                                  time.perf_counter() - t, len(articles), words,
                                  worker_peak or None, first, by_articles))


def selective_accuracy(gold_paths: list[Path], settings: Settings) -> list[str]:
    """``accord eval`` figures for each gold file with the full parse and with selective parsing."""
    from accord.evaluate import eval_settings, evaluate_records, load_gold
    from accord.pipeline import Knowledge, Pipeline

    base = eval_settings(settings)
    knowledge = Knowledge.load(base)
    lines = []
    for selective in (False, True):
        pipeline = Pipeline(base.replace(selective_parse=selective), knowledge)
        for path in gold_paths:
            report = evaluate_records(load_gold(path), pipeline, path=str(path))
            figures = {}
            for metrics in report.sets:
                prefix = f"{metrics.set_name}:" if len(report.sets) > 1 else ""
                figures.update({prefix + k: v for k, v in metrics.figures.items()})
            shown = ", ".join(f"{k} {v:.3f}" for k, v in figures.items()
                              if isinstance(v, float))
            lines.append(f"{'selective' if selective else 'full parse'} {Path(path).name}: "
                         f"{shown} ({report.seconds:.1f} s)")
    return lines
