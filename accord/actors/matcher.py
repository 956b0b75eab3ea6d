"""Find lexicon phrases (actor names and role words) in a parsed document: longest match first.

A span of tokens is looked up under the key of its document text (``lexicon.norm``), so the scan
costs a few dictionary probes per token whatever the size of the lexicon: a span is extended one
token at a time only while its key is a known prefix of some phrase.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.actors.lexicon import ActorLexicon, NamedEntry, RoleEntry
from accord.nlp.sentcache import doc_text
from accord.nlp.tokentable import token_table


#: Part-of-speech tags a role word must carry to be an actor ("military" in "military
#: cooperation" is an adjective; "the military" is a noun).
ROLE_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Match:
    """A lexicon phrase found at tokens [start, end)."""

    start: int
    end: int
    named: NamedEntry | None = None
    role: RoleEntry | None = None

    @property
    def is_named(self) -> bool:
        return self.named is not None


def _surface(text: str, starts: list[int], ends: list[int], start: int, end: int) -> str:
    """Document text of tokens [start, end) with white space runs made single spaces."""
    piece = text[starts[start]:ends[end - 1]]
    return " ".join(piece.split()) if (" " in piece or "\n" in piece or "\t" in piece) else piece


#: Named kinds recognised at the front of a hyphenated token ("U.S.-led", "Saudi-backed").
PREFIX_KINDS = frozenset({"country", "demonym"})


def _hyphen_prefix(text: str, i: int, named) -> Match | None:
    """A country or demonym before the first hyphen of token ``i`` (whose text is ``text``):
    "U.S.-led" -> USA."""
    cut = text.find("-")
    if cut <= 0 or cut == len(text) - 1:
        return None
    prefix = text[:cut]
    entry = named.get(prefix.lower())
    if entry is not None and entry.kind in PREFIX_KINDS and entry.case_ok(prefix):
        return Match(i, i + 1, named=entry)
    return None


#: Words that, hyphenated before a country or demonym, say a stance, not a nationality.
STANCE_PREFIXES = frozenset({"pro", "anti"})


def _stance_prefixed(doc, i: int) -> bool:
    """Is token ``i`` the X of "pro-X" / "anti-X" (spaCy splits them into three tokens)?"""
    return (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_ and doc[i - 2].lower_ in STANCE_PREFIXES)


#: Named kinds that can be part of an institution's name ("the Washington Post").
PLACE_KINDS = frozenset({"country", "capital", "city"})


def _inside_institution_name(doc, m: Match, words) -> bool:
    """Is this place the "Washington" of "the Washington Post" or "University of Washington"?"""
    if not words or m.named.kind not in PLACE_KINDS:
        return False
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.lower_ in words.get("after", ()):
        return True
    return (m.start >= 2 and doc[m.start - 1].lower_ == "of"
            and doc[m.start - 2].text[:1].isupper()
            and doc[m.start - 2].lower_ in words.get("before", ()))


def find_matches(doc, lexicon: ActorLexicon, start: int = 0, end: int | None = None,
                 roles: bool = True, text: str | None = None) -> list[Match]:
    """Non-overlapping lexicon matches in tokens [start, end), left to right, longest first.

    A named entry must fit its case rule (``NamedEntry.case_ok``); at equal length a named entry
    beats a role.  Role matches are returned only when ``roles`` is true.  ``text`` is
    ``doc.text`` when the caller already has it (spaCy rebuilds it on every access).
    """
    end = len(doc) if end is None else end
    prefixes, named, role_map = lexicon.prefixes, lexicon.named, lexicon.roles
    text_all = doc_text(doc) if text is None else text
    # offsets and flags read once per document, not as Token objects per sentence
    table = token_table(doc)
    starts, ends, spaces, punct = table.starts, table.ends, table.is_space, table.is_punct
    candidates: list[Match] = []
    for i in range(start, end):
        if spaces[i] or punct[i]:
            continue
        best: Match | None = None
        limit = min(end, i + lexicon.max_tokens + 4)
        for j in range(i, limit):
            if spaces[j]:
                break
            text = _surface(text_all, starts, ends, i, j + 1)
            key = text.lower()
            if key not in prefixes:
                break
            entry = named.get(key)
            if entry is not None and entry.case_ok(text):
                best = Match(i, j + 1, named=entry)
            elif roles:
                role = role_map.get(key)
                if role is not None:
                    best = Match(i, j + 1, role=role)
        if best is None:
            best = _hyphen_prefix(text_all[starts[i]:ends[i]], i, named)
        if best is not None and best.named is not None and (
                _stance_prefixed(doc, best.start)
                or _inside_institution_name(doc, best, lexicon.institution_words)):
            best = None  # "pro-Iranian militants" are not Iranian; "the Washington Post" no US
        if best is not None:
            candidates.append(best)
    # longest first, then leftmost: "the Islamic State in Iraq and the Levant" beats
    # "the Islamic State" that starts one token earlier
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
    used: set[int] = set()
    out: list[Match] = []
    for m in candidates:
        if any(k in used for k in range(m.start, m.end)):
            continue
        used.update(range(m.start, m.end))
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out
