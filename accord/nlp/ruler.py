"""The actor ruler: a pipeline component, placed before spaCy's "ner", that marks lexicon names.

It finds every built-in or dictionary name of the actor lexicon (``accord.actors.matcher``) and
sets it as an entity with the lexicon's label (GPE, NORP, ORG, FAC, PERSON), so the statistical
NER keeps those spans and labels ("the Islamic State in Iraq and the Levant" stays one ORG instead
of "Levant" PERSON; "ISIL" is found at all).  Role words are not entities and are left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from accord.actors.matcher import find_matches

RULER_NAME = "accord_actor_ruler"


class ActorRuler:
    """Sets lexicon names as entities.  ``lexicon`` is given after construction (see loader)."""

    def __init__(self, nlp: Language, name: str = RULER_NAME):
        self.name = name
        self.lexicon = None

    def __call__(self, doc):
        if self.lexicon is None:
            return doc
        spans = []
        for match in find_matches(doc, self.lexicon, roles=False):
            entry = match.named
            if entry is None or entry.label is None:
                continue
            spans.append(Span(doc, match.start, match.end, label=entry.label))
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc


@Language.factory(RULER_NAME)
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


def add_actor_ruler(nlp: Language, lexicon) -> ActorRuler:
    """Add (or refresh) the actor ruler in ``nlp``, before "ner" when there is one."""
    if RULER_NAME in nlp.pipe_names:
        ruler = nlp.get_pipe(RULER_NAME)
    elif "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe(RULER_NAME, before="ner")
    else:
        ruler = nlp.add_pipe(RULER_NAME, last=True)
    ruler.lexicon = lexicon
    return ruler
