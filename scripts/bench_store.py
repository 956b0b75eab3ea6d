"""Benchmarks the store: loads N synthetic events (default 1 million), then times the queries.

Builds the articles and events as Arrow tables with numpy (no Event objects), appends them
through ``Store.append_tables`` (the same delete-by-doc_id + append + story-statistics
transaction the coder's batches use), then times ``Dataset.dyad(..., by="week")`` and
``Dataset.top("dyads")`` (target: under 1 s each) and a few others.

Usage: python scripts/bench_store.py [--events 1000000] [--db PATH] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from accord.analysis import Dataset  # noqa: E402
from accord.store.db import Store  # noqa: E402

COUNTRIES = ("RUS IRQ USA CHN SYR IRN ISR PSE UKR TUR GBR FRA DEU IND PAK AFG EGY SAU JPN KOR PRK "
             "NGA KEN ZAF BRA MEX VEN COL CAN AUS").split()
SECTORS = ["", "GOV", "MIL", "OPP", "REB", "BUS"]
CODES = [("010", 1, 0.0), ("036", 1, 4.0), ("042", 1, 1.9), ("057", 1, 8.0), ("0311", 2, 6.0),
         ("070", 2, 7.0), ("112", 3, -2.0), ("130", 3, -4.4), ("163", 4, -8.0), ("190", 4, -10.0)]


def synthetic(n_events: int, seed: int = 1) -> dict[str, pa.Table]:
    """``n_events`` events over ~n/5 articles and two years, in story clusters of 1-3."""
    rng = np.random.default_rng(seed)
    n_docs = max(1, n_events // 5)
    doc_ids = np.array([f"doc{i:08d}" for i in range(n_docs)], dtype=object)
    start = np.datetime64("2015-01-01")
    doc_day = start + rng.integers(0, 730, n_docs).astype("timedelta64[D]")
    # every third article is a copy of the one before it (same story)
    cluster_idx = np.arange(n_docs)
    copies = np.arange(n_docs) % 3 == 1
    cluster_idx[copies] -= 1
    clusters = doc_ids[cluster_idx]
    doc_day[copies] = doc_day[cluster_idx[copies]]
    articles = pa.table({
        "doc_id": pa.array(doc_ids, pa.string()),
        "content_hash": pa.array(doc_ids, pa.string()),
        "date": pa.array(doc_day.astype("datetime64[D]")),
        "source": pa.array(np.where(copies, "AFP", "Reuters"), pa.string()),
        "status": pa.array(np.full(n_docs, "ok"), pa.string()),
        "n_events": pa.array(np.full(n_docs, 5, dtype=np.int32)),
        "cluster_id": pa.array(clusters, pa.string()),
    })
    ev_doc = np.repeat(np.arange(n_docs), 5)[:n_events]
    # Zipf-ish actor popularity so that some dyads are frequent
    weights = 1.0 / np.arange(1, len(COUNTRIES) + 1)
    weights /= weights.sum()
    src_c = rng.choice(len(COUNTRIES), n_events, p=weights)
    tgt_c = (src_c + 1 + rng.choice(len(COUNTRIES) - 1, n_events, p=_norm(weights[1:]))) % len(COUNTRIES)
    countries = np.array(COUNTRIES, dtype=object)
    sectors = np.array(SECTORS, dtype=object)
    src_s, tgt_s = rng.integers(0, len(SECTORS), n_events), rng.integers(0, len(SECTORS), n_events)
    code_i = rng.integers(0, len(CODES), n_events)
    codes = np.array([c for c, _, _ in CODES], dtype=object)[code_i]
    sentence = np.tile(np.arange(5), n_docs)[:n_events]
    # the copy articles repeat their original's events (same actors and codes)
    orig = cluster_idx[ev_doc] * 5 + sentence
    src_c, tgt_c, src_s, tgt_s, codes = src_c[orig], tgt_c[orig], src_s[orig], tgt_s[orig], codes[orig]
    quad = np.array([q for _, q, _ in CODES], dtype=np.int8)[code_i[orig]]
    gold = np.array([g for _, _, g in CODES])[code_i[orig]]
    events = pa.table({
        "event_id": pa.array([f"e{i:09d}" for i in range(n_events)], pa.string()),
        "doc_id": pa.array(doc_ids[ev_doc], pa.string()),
        "sentence_index": pa.array(sentence.astype(np.int32)),
        "sentence": pa.array(np.full(n_events, "Synthetic evidence sentence."), pa.string()),
        "date": pa.array(doc_day[ev_doc].astype("datetime64[D]")),
        "code": pa.array(codes, pa.string()),
        "base_code": pa.array([c[:3] for c in codes], pa.string()),
        "root_code": pa.array([c[:2] for c in codes], pa.string()),
        "quad_class": pa.array(quad),
        "goldstein": pa.array(gold),
        "source_code": pa.array(countries[src_c] + sectors[src_s], pa.string()),
        "source_country": pa.array(countries[src_c], pa.string()),
        "target_code": pa.array(countries[tgt_c] + sectors[tgt_s], pa.string()),
        "target_country": pa.array(countries[tgt_c], pa.string()),
        "confidence": pa.array(np.full(n_events, 0.8)),
        "cluster_id": pa.array(clusters[ev_doc], pa.string()),
        "is_root_event": pa.array(sentence <= 1),
    })
    return {"articles": articles, "events": events}


def _norm(w: np.ndarray) -> np.ndarray:
    return w / w.sum()


def timed(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="default: a temporary file")
    parser.add_argument("--repeat", type=int, default=3, help="query runs; the best is printed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        t = time.perf_counter()
        tables = synthetic(args.events)
        build = time.perf_counter() - t
        t = time.perf_counter()
        with Store(db) as store:
            store.append_tables(tables)
        load = time.perf_counter() - t
        print(f"built {args.events:,} synthetic events / {tables['articles'].num_rows:,} articles "
              f"in {build:.1f} s; loaded (append + story statistics, one transaction) in "
              f"{load:.1f} s ({args.events / load:,.0f} events/s)")
        with Dataset(db) as ds:
            queries = {
                "dyad RUS IRQ by week": lambda: ds.dyad("RUS", "IRQ", by="week"),
                "top dyads": lambda: ds.top("dyads", n=10),
                "top actors": lambda: ds.top("actors", n=10),
                "events --source RUS --root 19 (limit 100)":
                    lambda: ds.events(source="RUS", root="19", limit=100),
                "summary": lambda: ds.summary(),
            }
            for name, fn in queries.items():
                seconds, frame = timed(fn, args.repeat)
                rows = len(frame) if hasattr(frame, "__len__") else ""
                flag = "" if seconds < 1.0 else "  (over the 1 s target)"
                print(f"{name:<45} {seconds * 1000:8.1f} ms  ({rows} rows){flag}")
            stats = ds.con.execute("SELECT count(*), count(*) FILTER (WHERE story_rep), "
                                   "max(num_mentions) FROM events").fetchone()
            print(f"events stored: {stats[0]:,}; once per story: {stats[1]:,}; "
                  f"max num_mentions: {stats[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
