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

from accord.enrich.gazetteer import Gazetteer, normalise  # noqa: E402
from accord.enrich.places import locate_events  # noqa: E402
from accord.records import ActorRef, Article, Event, Span  # noqa: E402

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


def _actor_at(doc_actors, token) -> ActorRef | None:
    found = doc_actors.at_token(token.i) if token is not None else None
    return found.ref() if found is not None else None


def root_event(doc, sent_index: int, sent, doc_actors) -> Event:
    """The event of the sentence's root verb: its subject's actor as source, object's as target."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in root.children if c.dep_ == "dobj"), None)
    nobody = ActorRef(code="---", country=None, sector=None, text="", start=0, end=0)
    return Event(event_id=f"check-{sent_index}", doc_id="check", sentence_index=sent_index,
                 sentence=sent.text, code="010", base_code="010", root_code="01", quad_class=1,
                 goldstein=0.0, source=_actor_at(doc_actors, subj) or nobody,
                 target=_actor_at(doc_actors, obj),
                 trigger=Span(root.text, root.idx, root.idx + len(root.text)), confidence=1.0,
                 pattern_id="check")


def place_matches(expected: str, loc, gazetteer: Gazetteer) -> bool:
    if expected == "NONE":
        return loc is None
    if loc is None:
        return False
    key = normalise(expected)
    if key in {normalise(loc.name or ""), normalise(loc.text or "")}:
        return True
    found = gazetteer.lookup(expected)
    return found is not None and found.geonames_id == loc.geonames_id


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
    texts = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                texts[rec["id"]] = rec
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_time = time.perf_counter() - started
    nlp, resolve = load_stages()
    ids = sorted(wanted)
    docs = dict(zip(ids, nlp.pipe(texts[i]["text"] for i in ids)))
    actors = {i: resolve(docs[i], Article(doc_id=i, text=docs[i].text)) for i in ids}
    country_ok = place_ok = 0
    placed_rows = placed_country_ok = placed_place_ok = none_rows = none_ok = 0
    for row in labels:
        doc = docs[row["article_id"]]
        sents = list(doc.sents)
        idx = row["sentence_index"]
        if idx >= len(sents):
            print(f"sentence {idx} missing in {row['article_id']}: splitting changed?",
                  file=sys.stderr)
            continue
        article = Article(doc_id=row["article_id"], text=doc.text,
                          date=texts[row["article_id"]].get("date"))
        doc_actors = actors[row["article_id"]]
        event = locate_events([root_event(doc, idx, sents[idx], doc_actors)], doc, doc_actors,
                              article, gazetteer)[0]
        loc = event.location
        exp_country = None if row["expected_country"] == "NONE" else row["expected_country"]
        c_ok = (loc.country if loc else None) == exp_country
        p_ok = place_matches(row["expected_location"], loc, gazetteer)
        country_ok += c_ok
        place_ok += p_ok
        if exp_country is None:
            none_rows += 1
            none_ok += loc is None
        else:
            placed_rows += 1
            placed_country_ok += c_ok
            placed_place_ok += p_ok
        if args.verbose or not (c_ok and p_ok):
            got = f"{loc.name} ({loc.country}, {loc.rule}, from {loc.text!r})" if loc else "None"
            mark = "ok " if (c_ok and p_ok) else ("~  " if c_ok else "MISS")
            print(f"{mark} {row['article_id'][:60]:60s} #{idx:<3d} expected "
                  f"{row['expected_location']} ({row['expected_country']}) got {got}")
    n = len(labels)
    print(f"\n{n} labelled sentences; gazetteer loaded in {load_time:.2f} s")
    print(f"country level: {country_ok}/{n} = {country_ok / n:.0%} placed right")
    print(f"place level:   {place_ok}/{n} = {place_ok / n:.0%} placed right")
    if placed_rows:
        print(f"  sentences with a place ({placed_rows}): country {placed_country_ok}, "
              f"place {placed_place_ok}")
    if none_rows:
        print(f"  sentences without one ({none_rows}): left unplaced {none_ok}, "
              f"wrongly placed {none_rows - none_ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
