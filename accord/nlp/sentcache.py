"""A spaCy component that computes a document's sentences once and serves them from then on.

Every stage after the parser walks ``doc.sents`` (actors, coder, quotes, dates, places), and
spaCy recomputes the sentence spans by scanning every token on each walk: on a 500-token
article that was tens of full scans per document.  This component runs last, after the
parser has fixed the boundaries, and installs a ``user_hooks["sents"]`` that returns the
cached spans.
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


@Language.component(COMPONENT)
def cache_sentences(doc: Doc) -> Doc:
    """Compute ``doc.sents`` now (the parser has run) and serve the cached spans afterwards."""
    if "sents" not in doc.user_hooks and doc.has_annotation("SENT_START"):
        doc.user_hooks["sents"] = _CachedSents(tuple(doc.sents))
    return doc


def add_sentence_cache(nlp: Language) -> None:
    """Append the component as the last of the pipeline."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
