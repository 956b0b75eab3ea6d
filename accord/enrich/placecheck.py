"""Score event placement against hand labels (the library side of scripts/check_locations.py).

A label names an article, a sentence index (``list(doc.sents)`` of the article text), the
expected place and its ISO-3 country, or ``NONE``.  The event scored is the sentence's root verb,
with the actor of its subject as source and of its direct object as target.  "Right" includes
leaving a sentence labelled NONE unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.enrich.gazetteer import Gazetteer, normalise
from accord.enrich.places import locate_events
from accord.records import ActorRef, Article, Event, Location, Span

NONE = "NONE"


@dataclass(frozen=True)
class Outcome:
    """One labelled sentence: what was expected, what was found, and whether it matches."""

    article_id: str
    sentence_index: int
    expected_location: str
    expected_country: str
    found: Location | None
    country_ok: bool
    place_ok: bool


@dataclass(frozen=True)
class Score:
    outcomes: tuple[Outcome, ...] = field(default_factory=tuple)
    missing: tuple[str, ...] = ()  # labels whose sentence index is out of range

    @property
    def n(self) -> int:
        return len(self.outcomes)

    def share(self, attr: str, labelled: bool | None = None) -> tuple[int, int]:
        """(right, total) over all outcomes, those with a place (True) or without (False)."""
        rows = [o for o in self.outcomes if labelled is None
                or (o.expected_country != NONE) == labelled]
        return sum(getattr(o, attr) for o in rows), len(rows)


def _actor_at(doc_actors, token) -> ActorRef | None:
    found = doc_actors.at_token(token.i) if (token is not None and doc_actors) else None
    return found.ref() if found is not None else None


def root_event(sent, sent_index: int, doc_actors) -> Event:
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


def place_matches(expected: str, loc: Location | None, gazetteer: Gazetteer) -> bool:
    """Place-level match: same name or text, or the gazetteer's reading of the expected name."""
    if expected == NONE:
        return loc is None
    if loc is None:
        return False
    if normalise(expected) in {normalise(loc.name or ""), normalise(loc.text or "")}:
        return True
    found = gazetteer.lookup(expected)
    return found is not None and found.geonames_id == loc.geonames_id


def score_locations(labels: list[dict], articles: dict[str, Article], nlp, resolve_actors,
                    gazetteer: Gazetteer) -> Score:
    """Parse the labelled articles, place each labelled sentence's root event, compare.

    ``resolve_actors(doc, article)`` is the actor stage (or returns None to run without it).
    """
    ids = sorted({row["article_id"] for row in labels})
    docs = dict(zip(ids, nlp.pipe(articles[i].text for i in ids)))
    actors = {i: resolve_actors(docs[i], articles[i]) for i in ids}
    outcomes, missing = [], []
    for row in labels:
        doc, idx = docs[row["article_id"]], int(row["sentence_index"])
        sents = list(doc.sents)
        if idx >= len(sents):
            missing.append(f"{row['article_id']}#{idx}")
            continue
        doc_actors = actors[row["article_id"]]
        event = locate_events([root_event(sents[idx], idx, doc_actors)], doc, doc_actors,
                              articles[row["article_id"]], gazetteer)[0]
        loc = event.location
        expected_country = None if row["expected_country"] == NONE else row["expected_country"]
        outcomes.append(Outcome(
            article_id=row["article_id"], sentence_index=idx,
            expected_location=row["expected_location"],
            expected_country=row["expected_country"], found=loc,
            country_ok=(loc.country if loc else None) == expected_country,
            place_ok=place_matches(row["expected_location"], loc, gazetteer)))
    return Score(outcomes=tuple(outcomes), missing=tuple(missing))
