"""Per-document token attributes read in bulk, so the coding stages need not build Token objects.

Every ``doc[i]`` or ``for tok in doc`` makes a new spaCy ``Token``, and reading its string
attributes goes through the string store each time: scanning whole documents that way (actor
matching per sentence, speech cues, pronouns) was the largest share of Accord's own time.
``token_table(doc)`` reads character offsets and space/punctuation flags once with
``Doc.to_array`` and keeps them in ``doc.user_data``; ``positions(doc, attr, accept)`` finds the
few tokens whose string attribute (``LOWER``, ``LEMMA``, ``POS``) passes a test by decoding each
distinct value once, so callers create Tokens only for those.  Nothing here changes what the
stages find.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS
from spacy.tokens import Doc

_TABLE = "accord_token_table"

__all__ = ["LEMMA", "LOWER", "POS", "TokenTable", "positions", "token_table"]


@dataclass(frozen=True)
class TokenTable:
    """Plain lists indexed by token: character start and end, whitespace and punctuation flags."""

    starts: list[int]
    ends: list[int]
    is_space: list[bool]
    is_punct: list[bool]


def token_table(doc: Doc) -> TokenTable:
    """The document's ``TokenTable``, computed on first use and kept with the document."""
    table = doc.user_data.get(_TABLE)
    if table is None:
        arr = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT])
        starts = arr[:, 0].tolist()
        table = TokenTable(starts=starts,
                           ends=(arr[:, 0] + arr[:, 1]).tolist(),
                           is_space=arr[:, 2].astype(bool).tolist(),
                           is_punct=arr[:, 3].astype(bool).tolist())
        doc.user_data[_TABLE] = table
    return table


def positions(doc: Doc, attr: int, accept: Callable[[str], bool],
              start: int = 0, end: int | None = None) -> list[int]:
    """Indices in [start, end) of the tokens whose ``attr`` string (``LOWER``, ``LEMMA``) passes
    ``accept``, in order; each distinct string is tested once."""
    key = f"accord_attr_{attr}"
    values = doc.user_data.get(key)
    if values is None:  # one read per document, however many sentences ask
        values = doc.user_data[key] = doc.to_array(attr)
    values = values[start:end]
    strings = doc.vocab.strings
    hits = [int(h) for h in set(values.tolist()) if accept(strings[h])]
    if not hits:
        return []
    mask = values == hits[0]
    for h in hits[1:]:
        mask |= values == h
    return (mask.nonzero()[0] + start).tolist()
