"""Databases for the web tests (not a test module): a hand-made store and the coded sample.

``handmade_store(path)`` writes three small articles whose events, actors, quotes and places are
built by hand from ``accord.records`` (every offset checked against the text), so the API's
shape and filters can be tested exactly.  ``sample_store(request)`` codes the bundled
``accord/samples/wire.jsonl`` through the real pipeline once per session.
"""

from __future__ import annotations

from pathlib import Path

from accord.records import (ActorMention, ActorRef, Article, DocumentResult, Event, Location,
                            Quote, Sentence, Span)

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "accord" / "samples" / "wire.jsonl"

_QUADS = {"04": (1, 1.0), "05": (1, 3.5), "06": (2, 6.0), "11": (3, -2.0), "19": (4, -10.0)}


def _span(text: str, word: str, after: int = 0) -> Span:
    start = text.index(word, after)
    return Span(word, start, start + len(word))


def _actor(text: str, word: str, code: str, actor_id: str, name: str | None = None) -> ActorRef:
    s = _span(text, word)
    return ActorRef(code=code, country=code[:3], sector=code[3:] or None, text=word,
                    start=s.start, end=s.end, name=name, actor_id=actor_id)


def _article(doc_id, title, body, date, events, quotes=(), source="wire.example"):
    """A DocumentResult: ``events`` are (source word, code, target word or None, trigger word,
    event code, place) tuples found in the text; actors are every source/target mention."""
    text = f"{title}\n\n{body}"
    article = Article(doc_id=doc_id, text=text, title=title, date=date, source=source,
                      url=f"https://{source}/{doc_id}")
    sentences = (Sentence(doc_id, 0, title, 0, len(title)),
                 Sentence(doc_id, 1, body, len(title) + 2, len(text)))
    built, mentions = [], {}
    for i, (src, src_code, tgt, tgt_code, trigger, code, place) in enumerate(events):
        source = _actor(text, src, src_code, f"{doc_id}-{src_code}")
        target = _actor(text, tgt, tgt_code, f"{doc_id}-{tgt_code}") if tgt else None
        for ref in (source, target):
            if ref is not None:
                mentions[(ref.start, ref.end)] = ActorMention(
                    doc_id, ref.actor_id, 1, ref.code, ref.country, ref.sector, ref.text,
                    ref.start, ref.end, "country")
        quad, goldstein = _QUADS[code[:2]]
        built.append(Event(
            event_id=f"{doc_id}-e{i}", doc_id=doc_id, sentence_index=1, sentence=body,
            code=code, base_code=code[:3], root_code=code[:2], quad_class=quad,
            goldstein=goldstein, source=source, target=target,
            trigger=_span(text, trigger, len(title)), confidence=0.9, pattern_id="hand",
            label=f"label {code}", date=date, date_source="publication", location=place))
    quote_records = []
    for j, (said, speaker, speaker_code, cue) in enumerate(quotes):
        q = _span(text, said)
        quote_records.append(Quote(f"{doc_id}-q{j}", doc_id, said, q.start, q.end, "direct",
                                   _actor(text, speaker, speaker_code, f"{doc_id}-{speaker_code}",
                                          name=speaker),
                                   1, _span(text, cue)))
    return DocumentResult(article=article, sentences=sentences,
                          actors=tuple(mentions[k] for k in sorted(mentions)),
                          events=tuple(built), quotes=tuple(quote_records))


MOSCOW = Location("Moscow", "RUS", lat=55.75, lon=37.62, feature="city", rule="sentence")
BAGHDAD = Location("Baghdad", "IRQ", lat=33.34, lon=44.40, feature="city", rule="sentence")


def handmade_results() -> list[DocumentResult]:
    return [
        _article("ru-iq-1", "Russia and Iraq agree on arms", "Russia pledged weapons to Iraq in "
                 "Moscow. \"We stand with Baghdad,\" said Lavrov.", "2025-10-06",
                 [("Russia", "RUSGOV", "Iraq", "IRQ", "pledged", "0573", MOSCOW)],
                 quotes=[("\"We stand with Baghdad,\"", "Lavrov", "RUSGOV", "said")]),
        _article("ru-iq-2", "Iraq thanks Russia", "Iraq praised Russia for its help, and Iraq "
                 "criticised Washington.", "2025-10-15",
                 [("Iraq", "IRQ", "Russia", "RUSGOV", "praised", "051", BAGHDAD),
                  ("Iraq", "IRQ", "Washington", "USA", "criticised", "111", None)]),
        _article("us-cn-1", "Clashes reported", "American forces attacked Chinese boats; "
                 "China protested 100% of it.", "2024-02-01",
                 [("American", "USAMIL", "Chinese", "CHN", "attacked", "190", None),
                  ("China", "CHN", None, None, "protested", "04", None)], source="other.example"),
    ]


def handmade_store(path: Path) -> Path:
    from accord.store.db import Store

    with Store(path) as store:
        store.write_results(handmade_results())
    return path


def sample_store(request) -> Path:
    """The bundled sample coded by the real pipeline into a DuckDB file, once per session."""
    cached = getattr(request.session, "accord_sample_db", None)
    if cached is not None:
        return cached
    from accord.config import Settings
    from accord.ingest.readers import read_inputs
    from accord.store.db import Store

    pipeline = request.getfixturevalue("pipeline")
    path = request.getfixturevalue("tmp_path_factory").mktemp("sample_db") / "sample.duckdb"
    with Store(path) as store:
        store.write_results(pipeline.process(read_inputs([str(SAMPLE)], Settings())))
    request.session.accord_sample_db = path
    return path
