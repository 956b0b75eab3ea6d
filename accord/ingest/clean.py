"""Cleaning steps for scraped news text, each a small pure function: whitespace, repeated
headline, site furniture (navigation, sharing, cookie notices, bylines), and the dateline.

The word lists live in ``accord/data/boilerplate.tsv`` and ``accord/data/dateline.tsv``;
``CleaningRules.load()`` reads them once.  Mojibake repair is in ``accord.ingest.mojibake``.
Curly quotes and apostrophes are kept exactly as written (the quote extractor reads both kinds
and “ ” tell an opening quote from a closing one); only whitespace and furniture are changed.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from accord.ingest.mojibake import repair_mojibake  # noqa: F401  (re-exported: one cleaning API)


# -- data files -------------------------------------------------------------------------------
def _data_rows(name: str) -> list[dict]:
    """Rows of a TSV file in accord/data, skipping ``#`` comment lines."""
    text = resources.files("accord").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


#: No furniture line is longer than this (every pattern bounds its length); longer lines are text.
_LONGEST_FURNITURE = 300


@dataclass(frozen=True)
class BoilerplateRule:
    pattern: re.Pattern
    scope: str  # "line", "tail", "cut" or "head"
    example: str


@dataclass(frozen=True)
class CleaningRules:
    """The cleaning knowledge, read from data files; immutable and shared freely."""

    boilerplate: tuple[BoilerplateRule, ...]
    agencies: tuple[str, ...]
    not_places: frozenset[str]
    #: scope -> one compiled alternation of that scope's patterns (a single regex pass per line)
    scope_patterns: tuple[tuple[str, re.Pattern], ...] = ()

    def matches(self, line: str, scopes: tuple[str, ...]) -> bool:
        """Whether the whole stripped line is furniture of one of ``scopes``."""
        line = line.strip()
        if len(line) > _LONGEST_FURNITURE:
            return False
        return any(scope in scopes and pattern.fullmatch(line)
                   for scope, pattern in self.scope_patterns)

    @classmethod
    def load(cls) -> "CleaningRules":
        rules = []
        for row in _data_rows("boilerplate.tsv"):
            if row["scope"] not in ("line", "tail", "cut", "head"):
                raise ValueError(f"boilerplate.tsv: unknown scope {row['scope']!r}")
            rules.append(BoilerplateRule(re.compile(row["pattern"], re.IGNORECASE),
                                         row["scope"], row["example"]))
        agencies, not_places = [], set()
        for row in _data_rows("dateline.tsv"):
            if row["kind"] == "agency":
                agencies.append(row["value"])
            elif row["kind"] == "not_place":
                not_places.add(row["value"].upper())
            else:
                raise ValueError(f"dateline.tsv: unknown kind {row['kind']!r}")
        scope_patterns = tuple(
            (scope, re.compile("|".join(f"(?:{r.pattern.pattern})" for r in rules
                                        if r.scope == scope), re.IGNORECASE))
            for scope in ("line", "tail", "cut", "head"))
        return cls(tuple(rules), tuple(agencies), frozenset(not_places), scope_patterns)


@functools.lru_cache(maxsize=1)
def default_rules() -> CleaningRules:
    """The packaged rules, read once per process (they never change while running)."""
    return CleaningRules.load()


# -- whitespace -------------------------------------------------------------------------------
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)\]]$")
_SHORT_LINE = 50  # a line shorter than this is a heading or the end of a paragraph, not a wrap


_DATELINE_START = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:,| \(|:| [-–—])")


def _looks_like_headline(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _starts_paragraph(previous: str, line: str) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing a hard-wrapped one."""
    return bool(_SENTENCE_END.search(previous) or len(previous) < _SHORT_LINE
                or line[0] in "•*-–—" or _DATELINE_START.match(line)
                or _looks_like_headline(previous))


def normalise_whitespace(text: str) -> str:
    """One space between words, one blank line between paragraphs, nothing else.

    A single line break inside a block is a hard wrap (joined with a space) unless the line ends a
    sentence, is short or looks like a Title Case headline, or the next line opens with a bullet
    or a dateline: then it starts a new paragraph.
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current = ""
        for line in block.split("\n"):
            line = _SPACES.sub(" ", line).strip()
            if not line:
                continue
            if not current:
                current = line
            elif _starts_paragraph(current, line):
                paragraphs.append(current)
                current = line
            else:
                current = f"{current} {line}"
        if current:
            paragraphs.append(current)
    return "\n\n".join(paragraphs)


# -- headline ---------------------------------------------------------------------------------
def _same_line(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s.casefold()).strip()
    return bool(key(a)) and key(a) == key(b)


def collapse_repeated_headline(text: str, title: str | None = None) -> str:
    """Keep one copy of a headline repeated at the top (scrapers often grab it 2-3 times).

    The headline is the title when one is known and the text starts with it, else the first
    paragraph; identical paragraphs right after it are dropped.
    """
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 2:
        return text
    head = paragraphs[0]
    if title and not _same_line(head, title):
        return text
    i = 1
    while i < len(paragraphs) and _same_line(paragraphs[i], head):
        i += 1
    if i == 1:
        return text
    return "\n\n".join([head, *paragraphs[i:]])


def split_title(text: str, title: str | None) -> tuple[str, str]:
    """(headline, body) when ``text`` starts with the title as its own paragraph, else ("", text)."""
    if not title:
        return "", text
    first, _, rest = text.partition("\n\n")
    if _same_line(first, title):
        return first, rest
    return "", text


# -- boilerplate ------------------------------------------------------------------------------
_NAV_LIST_LINE = 150  # lines after a navigation heading are story links, all shorter than this
_PROSE_LINE = 60  # ... and a line this long that ends a sentence is prose, not a link


def _link_like(paragraph: str) -> bool:
    """A story link or a short label, not a paragraph of the article."""
    if len(paragraph) >= _NAV_LIST_LINE:
        return False
    return not (len(paragraph) >= _PROSE_LINE and paragraph.rstrip()[-1:] in ".!?\"”")


def _matches(line: str, rules: CleaningRules, scopes: tuple[str, ...]) -> bool:
    return rules.matches(line, scopes)


def strip_boilerplate(text: str, rules: CleaningRules | None = None) -> str:
    """Remove site furniture from paragraph-separated text (see accord/data/boilerplate.tsv).

    ``cut`` headings ("More in Business", "Related:") end the article when only story links
    (short lines, not sentences) follow them; ``tail`` lines go when they trail the text; ``line`` lines go anywhere.
    """
    rules = rules or default_rules()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for i in range(1, len(paragraphs)):
        if _matches(paragraphs[i], rules, ("cut",)) and all(
                _link_like(p) for p in paragraphs[i + 1:]):
            paragraphs = paragraphs[:i]
            break
    while paragraphs and _matches(paragraphs[-1], rules, ("tail", "line", "cut")):
        paragraphs.pop()
    return "\n\n".join(p for p in paragraphs if not _matches(p, rules, ("line",)))


def strip_leading_furniture(body: str, rules: CleaningRules | None = None) -> str:
    """Drop bylines and time stamps (``head`` lines) that open a body, before its dateline."""
    rules = rules or default_rules()
    paragraphs = body.split("\n\n")
    i = 0
    while i < len(paragraphs) - 1 and _matches(paragraphs[i], rules, ("head", "line")):
        i += 1
    return "\n\n".join(paragraphs[i:]) if i else body


# -- dateline ---------------------------------------------------------------------------------
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {_MONTH}(?: \d{{4}})?)"
_UPPER_WORD = r"[A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž.'’-]*"
_TITLE_WORD = r"[A-ZÀ-Þ][a-zß-ÿ'’-]+"
_REGION = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}"
_CREDIT = r"[A-Z][A-Za-z&.'’]*(?: [A-Z][A-Za-z&.'’]*){0,3}"  # a wire credit: 1-4 capitalised words
_SEP = r"(?:\s*(?::|--?|–|—)\s+|\s*[—–]\s*)(?=\S)"  # "LONDON—The" (no spaces) too


@functools.lru_cache(maxsize=4)
def _dateline_patterns(agencies: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    agency = "|".join(re.escape(a) for a in sorted(agencies, key=len, reverse=True))
    place = rf"(?:, (?P<date>{_DATE})|, (?P<region>{_REGION})(?:, (?P<date2>{_DATE}))?)?"
    known = rf"(?:\s*\((?P<agency>{agency})\))?"
    # After an upper-case place any short bracketed credit is an agency ("(Accord Wire)"); a
    # title-case place needs a known agency, or ordinary sentences would match.
    credit = rf"(?:\s*\((?P<agency>{agency}|{_CREDIT})\))?"
    upper = re.compile(rf"(?P<city>{_UPPER_WORD}(?: {_UPPER_WORD}){{0,3}}){place}{credit}{_SEP}")
    titled = re.compile(rf"(?P<city>{_TITLE_WORD}(?: {_TITLE_WORD}){{0,2}}){place}{known}{_SEP}")
    return upper, titled


def extract_dateline(body: str, rules: CleaningRules | None = None) -> tuple[str, str | None]:
    """Split a leading dateline off the body: ``("Lavrov said ...", "MOSCOW")``.

    Recognised: ``MOSCOW:``, ``WASHINGTON (Reuters) -``, ``BEIRUT, Oct 15 (AFP) -``,
    ``LONDON, March 3 —``, ``KYIV, Ukraine (AP) —``, and a title-case place when a date or an
    agency follows it (``Moscow (TASS) -``).  The dateline is the place as written, without
    region, date or agency.  Words such as ``BREAKING:`` are not places.
    """
    rules = rules or default_rules()
    upper, titled = _dateline_patterns(rules.agencies)
    match = upper.match(body)
    if match and not match.group("city").isupper():
        match = None
    if match is None:
        match = titled.match(body)
        if match and not (match.group("agency") or match.group("date") or match.group("date2")):
            match = None
    if match is None:
        return body, None
    city = match.group("city").strip()
    if sum(ch.isalpha() for ch in city) < 3 or city.upper() in rules.not_places:
        return body, None
    return body[match.end():], city
