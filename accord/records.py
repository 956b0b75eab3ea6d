"""The typed records that cross pipeline stages: the only shapes other stages may rely on.

Every record is a frozen dataclass with a ``to_dict()`` that produces the JSON Lines output
contract documented in the README.  Character offsets (``start``/``end``) always point into
``Article.text``: the cleaned text that was coded, headline first when one is known.
spaCy objects never appear here.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


def _plain(value: Any) -> Any:
    """Turn nested dataclasses/tuples into JSON-ready dicts/lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, deterministic hex id from text parts (same input, same id, on every machine)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Span:
    """A piece of Article.text: the evidence behind a trigger, an actor or a quote."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Article:
    """One news document, cleaned.  ``text`` begins with the headline when one is known."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    dateline: str | None = None  # e.g. "MOSCOW"
    url: str | None = None
    source: str | None = None  # outlet name or domain
    language: str | None = None
    author: str | None = None
    path: str | None = None  # where it was read from, for error reports

    def to_dict(self) -> dict:
        return {
            "type": "article",
            "doc_id": self.doc_id,
            "title": self.title,
            "text": self.text,
            "date": self.date,
            "dateline": self.dateline,
            "url": self.url,
            "source": self.source,
            "language": self.language,
            "author": self.author,
        }


@dataclass(frozen=True)
class Sentence:
    """A sentence of Article.text, numbered from 0 in document order."""

    doc_id: str
    index: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"type": "sentence", "doc_id": self.doc_id, "index": self.index,
                "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ActorRef:
    """An actor as it appears on an event or a quote: a CAMEO actor code plus its evidence span.

    ``code`` is the full CAMEO actor code (``RUSGOV``, ``IGOUNO``, ``USAMIL``); ``country`` its
    three-letter country or organisation prefix; ``sector`` the role part (``GOV``) or None.
    ``name`` is the person or organisation name when one is known ("Sergey Lavrov").
    """

    code: str
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int
    name: str | None = None
    actor_id: str | None = None  # the in-document actor this mention belongs to
    geo: "Location | None" = None  # GDELT-style actor geography, when known

    def to_dict(self) -> dict:
        out = {"code": self.code, "country": self.country, "sector": self.sector,
               "text": self.text, "start": self.start, "end": self.end, "name": self.name,
               "actor_id": self.actor_id}
        out["geo"] = self.geo.to_dict() if self.geo else None
        return out


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor in a document, as the actor stage resolved it.

    ``kind`` says how it was recognised: ``country``, ``capital``, ``city``, ``demonym``,
    ``role`` ("the Russian minister"), ``person``, ``igo``, ``group``, ``company``, ``party``,
    ``pronoun`` ("he", "his country"), ``dictionary`` (a loaded PETRARCH entry).
    """

    doc_id: str
    actor_id: str
    sentence_index: int
    code: str
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int
    kind: str
    name: str | None = None

    def ref(self) -> ActorRef:
        return ActorRef(code=self.code, country=self.country, sector=self.sector, text=self.text,
                        start=self.start, end=self.end, name=self.name, actor_id=self.actor_id)

    def to_dict(self) -> dict:
        return {"type": "actor", "doc_id": self.doc_id, "actor_id": self.actor_id,
                "sentence_index": self.sentence_index, "code": self.code,
                "country": self.country, "sector": self.sector, "text": self.text,
                "start": self.start, "end": self.end, "kind": self.kind, "name": self.name}


@dataclass(frozen=True)
class Location:
    """A place from the offline gazetteer, tied to the text that named it."""

    name: str
    country: str | None  # ISO-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # "country", "city", "admin1"
    text: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None  # which rule chose it: "sentence", "dateline", "actor"

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class Plover:
    event: str | None
    mode: str | None = None

    def to_dict(self) -> dict:
        return {"event": self.event, "mode": self.mode}


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, with the sentence and spans that justify it."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    code: str  # full CAMEO code, leading zeros kept ("0311")
    base_code: str  # three-digit level ("031")
    root_code: str  # two-digit root ("03")
    quad_class: int
    goldstein: float
    source: ActorRef
    target: ActorRef | None
    trigger: Span
    confidence: float
    pattern_id: str
    label: str | None = None
    plover: Plover | None = None
    date: str | None = None
    date_source: str | None = None  # "sentence", "dateline", "publication"
    location: Location | None = None

    def to_dict(self) -> dict:
        return {
            "type": "event",
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_source": self.date_source,
            "code": self.code,
            "base_code": self.base_code,
            "root_code": self.root_code,
            "label": self.label,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover.to_dict() if self.plover else None,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "trigger": self.trigger.to_dict(),
            "pattern_id": self.pattern_id,
            "confidence": self.confidence,
            "location": self.location.to_dict() if self.location else None,
        }


@dataclass(frozen=True)
class Quote:
    """Something an actor said: a direct quotation or attributed indirect speech."""

    quote_id: str
    doc_id: str
    text: str
    start: int
    end: int
    kind: str  # "direct" or "indirect"
    speaker: ActorRef | None
    sentence_index: int
    cue: Span | None = None  # the verb of saying ("said", "pointed out", "according to")

    def to_dict(self) -> dict:
        return {"type": "quote", "quote_id": self.quote_id, "doc_id": self.doc_id,
                "text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "sentence_index": self.sentence_index,
                "cue": self.cue.to_dict() if self.cue else None}


@dataclass(frozen=True)
class DocError:
    """A document that could not be coded, and why.  Never stops the rest of a run."""

    doc_id: str | None
    reason: str
    path: str | None = None
    stage: str | None = None  # "read", "clean", "language", "nlp", ...

    def to_dict(self) -> dict:
        return {"type": "error", "doc_id": self.doc_id, "path": self.path,
                "stage": self.stage, "reason": self.reason}


Record = Article | Sentence | ActorMention | Event | Quote | DocError

#: record type name -> class, as written in the ``"type"`` field of the JSON Lines output.
RECORD_TYPES: dict[str, type] = {
    "article": Article,
    "sentence": Sentence,
    "actor": ActorMention,
    "event": Event,
    "quote": Quote,
    "error": DocError,
}


def record_type(record: Any) -> str:
    """The ``"type"`` name of a record instance."""
    for name, cls in RECORD_TYPES.items():
        if isinstance(record, cls):
            return name
    raise TypeError(f"not an Accord record: {type(record).__name__}")


@dataclass(frozen=True)
class DocumentResult:
    """Everything the pipeline produced for one document (or the error that stopped it)."""

    article: Article | None
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    errors: tuple[DocError, ...] = ()
    timings: dict = field(default_factory=dict, compare=False)

    @property
    def doc_id(self) -> str | None:
        if self.article is not None:
            return self.article.doc_id
        return self.errors[0].doc_id if self.errors else None

    def records(self, emit: frozenset[str] | set[str]) -> list:
        """The records of the requested types, in a stable order: article, sentences, actors,
        events, quotes, errors."""
        out: list = []
        if "article" in emit and self.article is not None:
            out.append(self.article)
        if "sentence" in emit:
            out.extend(self.sentences)
        if "actor" in emit:
            out.extend(self.actors)
        if "event" in emit:
            out.extend(self.events)
        if "quote" in emit:
            out.extend(self.quotes)
        if "error" in emit:
            out.extend(self.errors)
        return out
