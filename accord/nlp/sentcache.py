"""A spaCy component that computes a document's sentences, entities and text once.

Every stage after the parser walks ``doc.sents``, ``doc.ents`` or ``doc.text`` (actors, coder,
quotes, dates, places), and spaCy rebuilds each of them by scanning every token on every access:
done once per sentence or per event, that made coding quadratic in the document's length.  This
component runs last, after the parser and NER have fixed them, installs a ``user_hooks["sents"]``
that returns the cached sentences, and keeps the entities and the text in ``doc.user_data``
for ``doc_ents`` / ``doc_text``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "accord_sentence_cache"


class _CachedSents:
    """Callable hook holding the sentence spans of one document."""

    __slots__ = ("spans",)

    def __init__(self, spans):
        self.spans = spans

    def __call__(self, doc):
        return iter(self.spans)


_ENTS = "accord_ents"
_TEXT = "accord_text"


@Language.component(COMPONENT)
def cache_sentences(doc: Doc) -> Doc:
    """Compute ``doc.sents`` now (the parser has run) and serve the cached spans afterwards."""
    if "sents" not in doc.user_hooks and doc.has_annotation("SENT_START"):
        doc.user_hooks["sents"] = _CachedSents(tuple(doc.sents))
    doc.user_data[_ENTS] = tuple(doc.ents)
    doc.user_data[_TEXT] = doc.text
    return doc


def doc_ents(doc: Doc, start: int = 0, end: int | None = None) -> tuple:
    """The entities lying wholly inside tokens [start, end), from the cache when there is one."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = tuple(doc.ents)
    if start == 0 and end is None:
        return ents
    end = len(doc) if end is None else end
    return tuple(e for e in ents if e.start >= start and e.end <= end)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from the cache when there is one (spaCy rebuilds it on each access)."""
    text = doc.user_data.get(_TEXT)
    return doc.text if text is None else text


def add_sentence_cache(nlp: Language) -> None:
    """Append the component as the last of the pipeline."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
