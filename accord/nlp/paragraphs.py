"""A spaCy component that makes every paragraph break a sentence boundary.

The statistical parser happily runs a headline into the first paragraph ("... military
cooperation\n\nMOSCOW: Russian Foreign Minister ..."), which glues two events and their actors
into one sentence.  News paragraphs never continue a sentence, so a token that follows a line
break starts a sentence; the parser respects boundaries set before it runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "accord_paragraphs"


@Language.component(COMPONENT)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after any whitespace holding a newline."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> None:
    """Insert the component before the parser (or first, if the model has none)."""
    if COMPONENT in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    else:
        nlp.add_pipe(COMPONENT, first=True)
