"""The pipeline: Article -> clean -> parse -> actors -> events -> quotes/dates/places -> records.

A ``Pipeline`` owns the loaded knowledge (lexicons, ontology, gazetteer) and the spaCy model for
one process; build one per process and reuse it.  ``process`` streams ``DocumentResult``s and
never raises for a bad document: the failure becomes a ``DocError`` on that document's result.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from accord.config import Settings
from accord.records import Article, DocError, DocumentResult, Sentence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Knowledge:
    """Everything loaded from data files once per process, read-only afterwards."""

    actor_lexicon: object
    ontology: object
    event_lexicon: object
    gazetteer: object
    speech_cues: object = None
    time_words: object = None
    location_preps: object = None
    domestic_sectors: frozenset = frozenset()

    @classmethod
    def load(cls, settings: Settings) -> "Knowledge":
        from accord.actors.lexicon import load_actor_lexicon
        from accord.enrich.places import Gazetteer
        from accord.events.lexicon import load_event_lexicon
        from accord.enrich.places import load_domestic_sectors, load_location_preps
        from accord.enrich.timewords import load_time_words
        from accord.events.ontology import Ontology
        from accord.nlp.speechcues import load_speech_cues

        actor_lexicon = load_actor_lexicon(settings)
        return cls(
            actor_lexicon=actor_lexicon,
            ontology=Ontology.load(),
            event_lexicon=load_event_lexicon(settings),
            gazetteer=Gazetteer.load(),
            speech_cues=getattr(actor_lexicon, "speech_cues", None) or load_speech_cues(),
            time_words=load_time_words(),
            location_preps=load_location_preps(),
            domestic_sectors=frozenset(load_domestic_sectors()),
        )


class Pipeline:
    """Codes articles into records.  One instance per process: it holds the spaCy model."""

    def __init__(self, settings: Settings | None = None, knowledge: Knowledge | None = None):
        from accord.events.coder import EventCoder
        from accord.nlp.loader import load_nlp

        self.settings = settings or Settings()
        self.knowledge = knowledge or Knowledge.load(self.settings)
        self.nlp = load_nlp(self.settings, self.knowledge.actor_lexicon)
        self.coder = EventCoder(self.settings, self.knowledge.ontology,
                                self.knowledge.event_lexicon, self.knowledge.speech_cues)

    # -- public -----------------------------------------------------------------------------
    def process(self, items: Iterable[Article | DocError]) -> Iterator[DocumentResult]:
        """Clean, parse and code a stream of raw articles; read errors pass straight through."""
        batch: list[Article] = []
        chars = 0
        for item in items:
            if isinstance(item, DocError):
                yield DocumentResult(article=None, errors=(item,))
                continue
            prepared = self._prepare(item)
            if isinstance(prepared, DocError):
                yield DocumentResult(article=None, errors=(prepared,))
                continue
            batch.append(prepared)
            chars += len(prepared.text)
            if len(batch) >= self.settings.batch_size or chars >= self.settings.batch_chars:
                yield from self._code_batch(batch)  # bounded in documents and in characters
                batch, chars = [], 0
        if batch:
            yield from self._code_batch(batch)

    def code_article(self, article: Article) -> DocumentResult:
        """Code one article (convenience for the API and tests)."""
        return next(iter(self.process([article])))

    # -- stages -----------------------------------------------------------------------------
    def _prepare(self, article: Article) -> Article | DocError:
        from accord.ingest.prepare import prepare_article

        try:
            return prepare_article(article, self.settings)
        except Exception as exc:  # a bad document never stops the run
            log.debug("clean failed for %s", article.doc_id, exc_info=True)
            return DocError(doc_id=article.doc_id, path=article.path, stage="clean",
                            reason=f"{type(exc).__name__}: {exc}")

    def _code_batch(self, articles: list[Article]) -> Iterator[DocumentResult]:
        started = time.perf_counter()
        texts = [a.text for a in articles]
        try:
            if self.settings.selective_parse:  # the parser only where an event may be
                from accord.nlp.selective import selective_pipe, trigger_lemmas

                docs = list(selective_pipe(self.nlp, texts, self.settings.batch_size,
                                           trigger_lemmas(self.knowledge.event_lexicon)))
            else:
                docs = list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception:
            # One poisonous text must not sink its batch: retry one by one.
            docs = None
        parse_time = (time.perf_counter() - started) / max(1, len(articles))
        for i, article in enumerate(articles):
            try:
                doc = docs[i] if docs is not None else self.nlp(article.text)
                result = self._code_doc(article, doc)
                result.timings["parse"] = parse_time
                yield result
            except Exception as exc:
                log.debug("coding failed for %s", article.doc_id, exc_info=True)
                tb = traceback.extract_tb(exc.__traceback__)[-1:]
                where = f" at {tb[0].filename.rsplit('/', 1)[-1]}:{tb[0].lineno}" if tb else ""
                yield DocumentResult(article=article, errors=(DocError(
                    doc_id=article.doc_id, path=article.path, stage="code",
                    reason=f"{type(exc).__name__}: {exc}{where}"),))

    def _code_doc(self, article: Article, doc) -> DocumentResult:
        from accord.actors.resolve import resolve_actors
        from accord.enrich.dates import date_events
        from accord.enrich.places import locate_events
        from accord.enrich.quotes import extract_quotes
        from accord.nlp.sentcache import doc_text

        timings: dict[str, float] = {}
        t = time.perf_counter()
        text = doc_text(doc)
        sentences = tuple(_sentence_record(article.doc_id, i, s, text)
                          for i, s in enumerate(doc.sents))
        doc_actors = resolve_actors(doc, article, self.knowledge.actor_lexicon)
        timings["actors"] = time.perf_counter() - t
        t = time.perf_counter()
        events = self.coder(doc, doc_actors, article)
        timings["events"] = time.perf_counter() - t
        t = time.perf_counter()
        k = self.knowledge
        quotes = extract_quotes(doc, doc_actors, article, cues=k.speech_cues)
        events = date_events(events, doc, article, words=k.time_words)
        events = locate_events(events, doc, doc_actors, article, k.gazetteer,
                               preps=k.location_preps, sectors=k.domestic_sectors)
        timings["enrich"] = time.perf_counter() - t
        return DocumentResult(article=article, sentences=sentences,
                              actors=tuple(doc_actors.records()), events=tuple(events),
                              quotes=tuple(quotes), timings=timings)


def _sentence_record(doc_id: str, index: int, sent, doc_text: str) -> Sentence:
    """A Sentence record with surrounding whitespace (paragraph breaks) trimmed from its span.
    The text is cut from the document's text: ``sent.text`` would rebuild it token by token."""
    text = doc_text[sent.start_char:sent.end_char]
    stripped = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return Sentence(doc_id=doc_id, index=index, text=stripped, start=start,
                    end=start + len(stripped))
