"""Measures story deduplication: precision/recall of near-duplicate pairs on Reuters-21578.

The corpus (../shared/corpora/reuters21578.jsonl.gz, 17,946 stories) is clustered as it is, then
again with 200 edited copies of its stories appended: each copy gets a new headline, loses its
last paragraph (or last sentence) and has its dateline rewritten.  A copy's predicted pairs are
the other members of its cluster.  A pair is correct when the partner is the copy's original,
a story the corpus itself already clusters with that original (the corpus has real duplicates),
or another copy of one of those.  Recall is the share of copies clustered with their original.
Pairs among original stories are reported separately (they are not labelled): how many, and how
many are word-for-word identical bodies.

Usage: python scripts/eval_dedup.py [--corpus PATH] [--copies 200] [--seed 7] [--threshold 0.5 ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from accord.store import dedup  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
MIN_WORDS = 50  # copies are made of stories long enough for an edit to be "light"


def document(row: dict) -> str:
    """The text Accord would store: headline, then dateline and body (as a wire story)."""
    dateline = (row.get("meta") or {}).get("dateline") or ""
    body = row["text"].strip()
    return f"{row.get('title') or ''}\n\n{dateline + ' - ' if dateline else ''}{body}"


def edited_copy(row: dict, rng: random.Random) -> str:
    """New headline, a trimmed paragraph and a changed dateline."""
    paragraphs = [p for p in re.split(r"\n\s*\n", row["text"].strip()) if p.strip()]
    if len(paragraphs) > 1:
        paragraphs = paragraphs[:-1]
    else:
        sentences = re.split(r"(?<=[.!?])\s+", paragraphs[0])
        paragraphs = [" ".join(sentences[:-1]) if len(sentences) > 1 else paragraphs[0]]
    first = dedup.words(paragraphs[0])
    headline = "UPDATE 1-" + " ".join(first[1:8]).upper() + (" - SOURCES" if rng.random() < .5 else "")
    dateline = (row.get("meta") or {}).get("dateline") or "NEW YORK"
    city = dateline.split(",")[0].strip() or "NEW YORK"
    new_dateline = f"{city} (Reuters) -" if rng.random() < .5 else f"{city.title()}, March {rng.randint(1, 28)} -"
    return f"{headline}\n\n{new_dateline} " + "\n\n".join(paragraphs)


def cluster(ids: list[str], sigs: list, dates: list, threshold: float,
            max_days: int | None) -> dict[str, str]:
    clusterer = dedup.StoryClusterer(threshold, max_days=max_days)
    for doc_id, sig, date in zip(ids, sigs, dates):
        clusterer.add(doc_id, sig, date)
    return clusterer.clusters()


def members_of(clusters: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for doc_id, c in clusters.items():
        out.setdefault(c, set()).add(doc_id)
    return out


def evaluate(rows, copies, sigs, copy_sigs, copy_dates, threshold: float,
             max_days: int | None) -> dict:
    ids = [r["id"] for r in rows]
    copy_ids = [f"copy-of-{r['id']}" for r in copies]
    original_of = {c: r["id"] for c, r in zip(copy_ids, copies)}
    dates = [r.get("date") for r in rows] + copy_dates
    started = time.perf_counter()
    full = cluster(ids + copy_ids, sigs + copy_sigs, dates, threshold, max_days)
    seconds = time.perf_counter() - started
    base = {d: full[d] for d in ids}  # arrival order: originals cluster exactly as on their own
    members = members_of(full)
    base_members = members_of(base)
    body = {r["id"]: " ".join(dedup.words(r["text"])) for r in rows}
    title = {r["id"]: (r.get("title") or "").strip().upper() for r in rows}

    def same_story(a: str, b: str) -> bool:  # the strict label: same headline or same body
        return body[a] == body[b] or (title[a] != "" and title[a] == title[b])

    found = correct = strict = predicted = 0
    for c in copy_ids:
        o = original_of[c]
        good = base_members[base[o]] | {k for k, v in original_of.items() if base[v] == base[o]}
        partners = members[full[c]] - {c}
        predicted += len(partners)
        correct += len(partners & good)
        strict += sum(1 for p in partners
                      if same_story(o, original_of.get(p, p)))
        found += o in partners
    pairs = [(a, b) for m in base_members.values() for a in m for b in m if a < b]
    return {"threshold": threshold, "max_days": max_days, "recall": found / len(copy_ids),
            "precision": correct / predicted if predicted else 1.0,
            "strict_precision": strict / predicted if predicted else 1.0, "copies_found": found,
            "copy_pairs": predicted, "corpus_pairs": len(pairs),
            "corpus_same_story": sum(same_story(a, b) for a, b in pairs),
            "cluster_seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6])
    parser.add_argument("--max-days", type=int, default=dedup.MAX_DAYS,
                        help="date window (days); the default threshold is also run without one")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rng = random.Random(args.seed)
    eligible = [r for r in rows if len(r["text"].split()) >= MIN_WORDS]
    copies = rng.sample(eligible, args.copies)
    texts = [edited_copy(r, rng) for r in copies]
    copy_dates = [r.get("date") for r in copies]  # syndicated the same day
    started = time.perf_counter()
    sigs = dedup.signatures(document(r) for r in rows)
    copy_sigs = dedup.signatures(texts)
    sig_seconds = time.perf_counter() - started
    print(f"{len(rows)} stories + {len(copies)} edited copies (sampled from {len(eligible)} "
          f"stories of >= {MIN_WORDS} words); MinHash {dedup.NUM_PERM} perms on word "
          f"{dedup.SHINGLE_WORDS}-shingles: {sig_seconds:.1f} s")
    print("precision: copy pairs whose partner is the original, a story the corpus already "
          "clusters with it, or a copy of one; strict: only partners with the original's "
          "headline or body.  corpus pairs: pairs among the unedited stories (unlabelled), "
          "'same story' = same headline or identical body.")
    print(f"{'threshold':>9} {'days':>4} {'precision':>9} {'strict':>6} {'recall':>6} "
          f"{'found':>5} {'copy pairs':>10} {'corpus pairs':>12} {'same story':>10} {'secs':>5}")
    runs = [(t, args.max_days) for t in args.threshold] + [(dedup.THRESHOLD, None)]
    for t, days in runs:
        m = evaluate(rows, copies, sigs, copy_sigs, copy_dates, t, days)
        print(f"{t:>9.2f} {days if days is not None else '-':>4} {m['precision']:>9.3f} "
              f"{m['strict_precision']:>6.3f} {m['recall']:>6.3f} {m['copies_found']:>5} "
              f"{m['copy_pairs']:>10} {m['corpus_pairs']:>12} {m['corpus_same_story']:>10} "
              f"{m['cluster_seconds']:>5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
