"""Loader for the time words (``accord/data/time_words.tsv``) and the regexes built from them.

The table lists weekday and month names, relative expressions ("yesterday", "last week"), units
and number words for "two days ago", weekday modifiers ("last Monday") and the words that mark a
future-tense clause.  ``load_time_words()`` reads it once; callers keep the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from accord.data.tables import read_table

COLUMNS = ("phrase", "kind", "value", "note")
KINDS = ("weekday", "month", "day", "week", "month_offset", "year_offset", "unit", "number",
         "modifier", "future")
#: kinds whose phrases stand alone in a sentence ("yesterday", "last week")
RELATIVE_KINDS = ("day", "week", "month_offset", "year_offset")


@dataclass(frozen=True)
class TimeWord:
    phrase: str
    kind: str
    value: str
    note: str = ""


def _alternation(phrases, flags_title: bool = False) -> str:
    items = sorted(set(phrases), key=len, reverse=True)
    if flags_title:
        items = [p[0].upper() + p[1:] for p in items]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


@dataclass(frozen=True)
class TimeWords:
    """The loaded table, indexed by kind, with the regexes that find time expressions."""

    entries: tuple[TimeWord, ...]
    by_kind: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    patterns: dict[str, re.Pattern] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, entries: tuple[TimeWord, ...]) -> "TimeWords":
        by_kind: dict[str, dict[str, str]] = {k: {} for k in KINDS}
        for e in entries:
            by_kind[e.kind][e.phrase] = e.value
        months = _alternation(by_kind["month"], flags_title=True)
        full_months = _alternation([p for p, v in by_kind["month"].items() if len(p) > 4
                                    or p in ("may", "june", "july")], flags_title=True)
        year = r"(?P<year>(?:1[89]|20)\d{2})"
        relative = _alternation(p for k in RELATIVE_KINDS for p in by_kind[k])
        units = _alternation(by_kind["unit"])
        numbers = _alternation(by_kind["number"])
        patterns = {
            "month_day": re.compile(
                rf"\b(?P<mon>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                rf"(?:,?\s+{year}\b)?"),
            "day_month": re.compile(
                rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{months})\b\.?"
                rf"(?:,?\s+{year}\b)?"),
            "month_year": re.compile(rf"\b(?P<mon>{full_months})\s+(?:of\s+)?{year}\b"),
            "weekday": re.compile(
                rf"\b(?:(?P<mod>{_alternation(by_kind['modifier'])})\s+)?"
                rf"(?P<wd>{_alternation(by_kind['weekday'])})\b", re.IGNORECASE),
            "relative": re.compile(rf"\b(?P<rel>{relative})\b", re.IGNORECASE),
            "ago": re.compile(rf"\b(?P<num>\d+|{numbers})\s+(?P<unit>{units})s?\s+ago\b",
                              re.IGNORECASE),
            "future": re.compile(rf"(?:\b|(?='))(?:{_alternation(by_kind['future'])})\b",
                                 re.IGNORECASE),
        }
        return cls(entries=entries, by_kind=by_kind, patterns=patterns)

    def kind_of(self, phrase: str) -> tuple[str, str] | None:
        """(kind, value) of a relative phrase as written in a sentence, whatever its case."""
        key = " ".join(phrase.lower().split())
        for kind in RELATIVE_KINDS:
            if key in self.by_kind[kind]:
                return kind, self.by_kind[kind][key]
        return None

    def month_number(self, name: str) -> int:
        return int(self.by_kind["month"][name.lower().rstrip(".")])


def load_time_words(path: str | Path | None = None) -> TimeWords:
    """Read the time word table; ``#`` lines are comments, the first other line the header."""
    entries: list[TimeWord] = []
    for where, lineno, row in read_table(path, "time_words.tsv", COLUMNS):
        phrase, kind, value, note = (row[c] for c in COLUMNS)
        if kind not in KINDS:
            raise ValueError(f"{where}:{lineno}: unknown kind {kind!r}")
        if not phrase or (kind != "future" and not value):
            raise ValueError(f"{where}:{lineno}: phrase and value are required")
        entries.append(TimeWord(phrase=phrase.lower(), kind=kind, value=value, note=note))
    return TimeWords.of(tuple(entries))
