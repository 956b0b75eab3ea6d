"""Measure event placement against hand labels: the share of Wikinews sentences placed right.

Reads ``tests/data/wikinews_locations.tsv`` (article id, sentence index, expected place and
country; see its header for the labelling standard) and ``../shared/corpora/wikinews.jsonl.gz``,
parses each labelled article with the project's spaCy pipeline and actor stage, takes the
sentence's root verb as the event trigger (its subject's actor as source, its object's as target),
runs ``accord.enrich.places.locate_events`` and prints the share placed right at
country level and at place level.  "Right" includes saying None for a sentence labelled NONE.

    .venv/bin/python scripts/check_locations.py [--verbose] [--shared PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from accord.enrich.gazetteer import Gazetteer  # noqa: E402
from accord.enrich.placecheck import score_locations  # noqa: E402
from accord.records import Article  # noqa: E402

LABELS = REPO / "tests" / "data" / "wikinews_locations.tsv"


def read_labels(path: Path = LABELS) -> list[dict]:
    rows, header = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        row["sentence_index"] = int(row["sentence_index"])
        rows.append(row)
    return rows


def load_stages():
    """(nlp, actor stage or None): the project's model loader and actor resolver."""
    from accord.actors.lexicon import load_actor_lexicon
    from accord.actors.resolve import resolve_actors
    from accord.config import Settings
    from accord.nlp.loader import load_nlp

    settings = Settings()
    lexicon = load_actor_lexicon(settings)
    return load_nlp(settings, lexicon), lambda doc, art: resolve_actors(doc, art, lexicon)



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("ACCORD_SHARED", REPO.parent / "shared"))
    ap.add_argument("--verbose", action="store_true", help="print every sentence's outcome")
    args = ap.parse_args(argv)
    corpus = Path(args.shared) / "corpora" / "wikinews.jsonl.gz"
    if not corpus.exists():
        print(f"reference corpus not found: {corpus}", file=sys.stderr)
        return 2
    labels = read_labels()
    wanted = {r["article_id"] for r in labels}
    articles = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                articles[rec["id"]] = Article(doc_id=rec["id"], text=rec["text"],
                                              date=rec.get("date"))
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_time = time.perf_counter() - started
    nlp, resolve = load_stages()
    score = score_locations(labels, articles, nlp, resolve, gazetteer)
    for item in score.missing:
        print(f"sentence missing: {item} (did the sentence splitting change?)", file=sys.stderr)
    for o in score.outcomes:
        if args.verbose or not (o.country_ok and o.place_ok):
            loc = o.found
            got = f"{loc.name} ({loc.country}, {loc.rule}, from {loc.text!r})" if loc else "None"
            mark = "ok " if (o.country_ok and o.place_ok) else ("~  " if o.country_ok else "MISS")
            print(f"{mark} {o.article_id[:60]:60s} #{o.sentence_index:<3d} expected "
                  f"{o.expected_location} ({o.expected_country}) got {got}")
    n = score.n
    c_ok, _ = score.share("country_ok")
    p_ok, _ = score.share("place_ok")
    print(f"\n{n} labelled sentences; gazetteer loaded in {load_time:.2f} s")
    print(f"country level: {c_ok}/{n} = {c_ok / n:.0%} placed right")
    print(f"place level:   {p_ok}/{n} = {p_ok / n:.0%} placed right")
    pc, placed = score.share("country_ok", labelled=True)
    pp, _ = score.share("place_ok", labelled=True)
    none_ok, unplaced = score.share("place_ok", labelled=False)
    print(f"  sentences with a place ({placed}): country {pc}, place {pp}")
    print(f"  sentences without one ({unplaced}): left unplaced {none_ok}, "
          f"wrongly placed {unplaced - none_ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
