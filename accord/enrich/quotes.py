"""Quote records: the quotations the quote finder sees, with speakers resolved to actors.

``extract_quotes(doc, doc_actors, article)`` runs ``accord.nlp.quotespans.find_quotes`` and
turns each ``QuoteSpan`` into a ``Quote``:

* ``speaker``: the actor mention covering the speaker's head token (the actor stage has already
  resolved "he" and "the Russian minister" to the right actor), else a mention inside the
  speaker's noun phrase, else None (a quote whose speaker is no known actor is still reported);
* ``text``: the quoted words without quote marks: the repeated opening mark of a quote running
  over paragraphs is dropped and a trailing comma ("“A,” he said") is trimmed; ``start``/``end``
  still span the whole quotation in ``Article.text``;
* ``quote_id``: ``stable_id(doc_id, "quote", kind, start, end)``: the same text gives the same id;
* ``cue``: the verb of saying with its particle, or "according to";
* ``sentence_index``: the sentence (spaCy ``doc.sents``, numbered from 0) where the quote begins.
"""

from __future__ import annotations

import bisect
import re

from accord.nlp.quotespans import OPEN_MARKS, STRAIGHT_MARKS, cue_extent, find_quotes
from accord.nlp.speechcues import SpeechCues
from accord.records import ActorRef, Article, Quote, Span, stable_id
from accord.nlp.sentcache import doc_text

_CONTINUATION = re.compile(r"(\n\s*)[" + OPEN_MARKS + STRAIGHT_MARKS + r"]")


def quote_text(raw: str) -> str:
    """The quoted words: continuation marks removed, trailing comma and spaces trimmed."""
    text = _CONTINUATION.sub(r"\1", raw)
    return text.rstrip().rstrip(",").rstrip()


def speaker_ref(doc, doc_actors, token: int | None) -> ActorRef | None:
    """The actor behind a speaker token: the mention covering it, else one inside its phrase."""
    if token is None or doc_actors is None:
        return None
    found = doc_actors.at_token(token)
    if found is None:
        tok = doc[token]
        inside = doc_actors.in_tokens(tok.left_edge.i, tok.right_edge.i + 1)
        found = next((m for m in inside if m.head == token), inside[0] if inside else None)
    return found.ref() if found is not None else None


def sentence_starts(doc) -> list[int]:
    """Token index where each sentence starts, for bisecting a token to its sentence index."""
    return [s.start for s in doc.sents]


def extract_quotes(doc, doc_actors, article: Article,
                   cues: SpeechCues | None = None) -> list[Quote]:
    """Quote records for every direct quote and attributed indirect speech in the document."""
    starts = sentence_starts(doc)
    text = doc_text(doc)
    out: list[Quote] = []
    for q in find_quotes(doc, cues):
        cue = None
        if q.cue_token is not None:
            c_start, c_end = cue_extent(doc, q.cue_token)
            cue = Span(text=text[c_start:c_end], start=c_start, end=c_end)
        out.append(Quote(
            quote_id=stable_id(article.doc_id, "quote", q.kind, str(q.start_char),
                               str(q.end_char)),
            doc_id=article.doc_id,
            text=quote_text(text[q.start_char:q.end_char]),
            start=q.start_char,
            end=q.end_char,
            kind=q.kind,
            speaker=speaker_ref(doc, doc_actors, q.speaker_token),
            sentence_index=max(0, bisect.bisect_right(starts, q.token_start) - 1),
            cue=cue,
        ))
    return out
