"""Event dates: resolve a sentence's time expression against the publication date.

``resolve_date(sentence_text, publication_date)`` finds the time expressions of a sentence
(words from ``accord/data/time_words.tsv``) and returns ``(ISO date or None, rule)``.
``date_events(events, doc, article)`` gives every event its ``date`` and ``date_source``.

Decisions
    * Past is the default: a bare weekday means the latest such day on or before publication ("said
      Thursday" on Friday 2015-10-16 is 2015-10-15; "on Friday" that Friday is the same day);
      "last Monday" is strictly before the publication day.  A month-day without a year after
      the publication date is last year's.  An explicit full date later than publication in a
      past-tense clause is not believed (rule ``future:...``).
    * Periods resolve to their first day: "last week" is the Monday of the previous ISO week,
      "last month" the 1st of the previous month, "last year" 1 January of the previous year,
      "earlier this week" this week's Monday, "in March 2014" 2014-03-01.
    * "N days/weeks/months/years ago" counts back from publication.
    * Future: an expression is future when it is one by itself ("tomorrow", "next week", "next
      Monday") or when a future marker (will, would, scheduled, due to ...) stands in its clause
      just before it (or just after a sentence-opening "On Monday, ...").  It then resolves
      forward and its rule starts with ``future:``.  ``date_events`` never dates an event in the
      future: an announcement of a meeting "next week" happened when it was reported, so such
      events fall back to the dateline or publication date.
    * Several expressions: the one nearest to ``anchor`` (the event trigger) without a clause
      break (comma, semicolon...) in between wins, then the nearest one; an explicit date beats
      a weekday written next to it ("Thursday, Oct. 15").
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from accord.enrich.timewords import TimeWords, load_time_words
from accord.records import Article, Event

#: how many words before an expression are searched for a future marker
FUTURE_WINDOW_WORDS = 6
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]")
_SPECIFIC = ("month_day", "day_month", "month_year")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str  # pattern name
    match: re.Match


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _find_all(text: str, words: TimeWords) -> list[_Found]:
    found: list[_Found] = []
    for kind in ("month_day", "day_month", "month_year", "weekday", "relative", "ago"):
        for m in words.patterns[kind].finditer(text):
            found.append(_Found(m.start(), m.end(), kind, m))
    # drop an expression lying inside a longer one, and a weekday written next to a full date
    kept = []
    for f in found:
        inside = any(g is not f and g.start <= f.start and f.end <= g.end
                     and (g.end - g.start) > (f.end - f.start) for g in found)
        beside = f.kind == "weekday" and any(
            g.kind in _SPECIFIC and (abs(g.start - f.end) <= 3 or abs(f.start - g.end) <= 3)
            for g in found)
        if not inside and not beside:
            kept.append(f)
    return kept


def _is_future_context(text: str, f: _Found, words: TimeWords) -> bool:
    """A future marker in the clause just before the expression (or just after an opener)."""
    before = text[:f.start]
    clause = _CLAUSE_BREAK.split(before)[-1]
    window = " ".join(clause.split()[-FUTURE_WINDOW_WORDS:])
    if words.patterns["future"].search(window):
        return True
    if len(before.split()) <= 1:  # "On Monday, the leaders will meet"
        after = text[f.end:].lstrip(" ,")
        after_clause = _CLAUSE_BREAK.split(after)[0]
        head = " ".join(after_clause.split()[:FUTURE_WINDOW_WORDS])
        return bool(words.patterns["future"].search(head))
    return False


def _weekday(pub: dt.date, weekday: int, modifier: int | None, future: bool) -> dt.date:
    if future:
        delta = (weekday - pub.weekday()) % 7
        if modifier == 1 and delta == 0:
            delta = 7
        return pub + dt.timedelta(days=delta)
    delta = (pub.weekday() - weekday) % 7
    if modifier == -1 and delta == 0:
        delta = 7
    return pub - dt.timedelta(days=delta)


def _resolve_one(text: str, f: _Found, pub: dt.date | None,
                 words: TimeWords) -> tuple[dt.date | None, str]:
    m = f.match
    context_future = _is_future_context(text, f, words)
    if f.kind in _SPECIFIC:
        month = words.month_number(m.group("mon"))
        year = int(m.group("year")) if m.group("year") else None
        day = int(m.group("day")) if f.kind != "month_year" else 1
        if year is None and pub is None:
            return None, "no_publication_date"
        base_year = year or pub.year
        if not 1 <= day <= calendar.monthrange(base_year, month)[1]:
            return None, "invalid_date"
        when = dt.date(base_year, month, day)
        if year is None:
            if context_future and when < pub:
                when = when.replace(year=base_year + 1) if not (month == 2 and day == 29) \
                    else when
            elif not context_future and when > pub:
                when = when.replace(year=base_year - 1) if not (month == 2 and day == 29) \
                    else when
        future = pub is not None and when > pub
        return when, ("future:" if future else "") + f.kind
    if pub is None:
        return None, "no_publication_date"
    if f.kind == "weekday":
        mod_word = (m.group("mod") or "").lower()
        modifier = int(words.by_kind["modifier"][mod_word]) if mod_word else None
        future = modifier == 1 or (modifier != -1 and context_future)
        weekday = int(words.by_kind["weekday"][m.group("wd").lower()])
        when = _weekday(pub, weekday, modifier, future)
        rule = f"weekday:{m.group('wd').lower()}"
        return when, ("future:" + rule) if future and when > pub else rule
    if f.kind == "ago":
        num = m.group("num").lower()
        count = int(num) if num.isdigit() else int(words.by_kind["number"][" ".join(num.split())])
        unit = words.by_kind["unit"][m.group("unit").lower()]
        if unit == "month":
            return _add_months(pub, -count), "ago"
        if unit == "year":
            return _add_months(pub, -12 * count), "ago"
        return pub - dt.timedelta(days=count * int(unit)), "ago"
    kind, value = words.kind_of(m.group("rel"))
    offset = int(value)
    rule = "relative:" + " ".join(m.group("rel").lower().split())
    if kind == "day":
        when = pub + dt.timedelta(days=offset)
    elif kind == "week":
        when = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
    elif kind == "month_offset":
        when = _add_months(pub.replace(day=1), offset)
    else:
        when = dt.date(pub.year + offset, 1, 1)
    return when, ("future:" + rule) if offset > 0 else rule


def resolve_date(sentence_text: str, publication_date: str | None, anchor: int | None = None,
                 words: TimeWords | None = None) -> tuple[str | None, str]:
    """The date a sentence's own time expression gives, and the rule that gave it.

    ``anchor`` is a character offset in the sentence (the event trigger): the expression nearest
    to it wins.  Returns ``(None, "none")`` when the sentence has no time expression.
    """
    words = words or load_time_words()
    pub = _parse_iso(publication_date)
    found = _find_all(sentence_text, words)
    if not found:
        return None, "none"
    if anchor is not None:
        def distance(f: _Found) -> tuple[int, int, int]:
            gap = 0 if f.start <= anchor < f.end else min(abs(f.start - anchor),
                                                          abs(f.end - anchor))
            between = sentence_text[min(f.end, anchor):max(f.start, anchor)]
            crosses = 1 if _CLAUSE_BREAK.search(between) else 0  # another clause's time
            return crosses, gap, 0 if f.kind in _SPECIFIC else 1
        found.sort(key=distance)
    else:
        found.sort(key=lambda f: f.start)
    for f in found:
        when, rule = _resolve_one(sentence_text, f, pub, words)
        if when is not None:
            return when.isoformat(), rule
    return None, rule


def date_events(events: list[Event], doc, article: Article,
                words: TimeWords | None = None) -> list[Event]:
    """Each event with ``date``/``date_source``: its sentence's past time expression, else a date
    in the dateline, else the date of the story's lead, else the publication date (None when the
    article has none).

    The lead rule follows wire convention: the first paragraph says when the reported occasion
    happened ("Lavrov said Thursday ...") and the rest of the story, headline included, reports
    the same occasion without repeating the day.  So an event whose own sentence has no time
    expression takes the lead's date (``date_source="lead"``) rather than the publication date.
    """
    words = words or load_time_words()
    sents = list(doc.sents) if doc is not None else []
    starts = [s.start_char for s in sents]
    fallback, fallback_source = article.date, ("publication" if article.date else None)
    lead = _lead_date(sents, article.date, words)
    if lead is not None:
        fallback, fallback_source = lead, "lead"
    if article.dateline:
        when, rule = resolve_date(article.dateline, article.date, words=words)
        if when is not None and not rule.startswith("future:"):
            fallback, fallback_source = when, "dateline"
    out = []
    for event in events:
        sent_start = starts[event.sentence_index] if event.sentence_index < len(starts) else None
        anchor = event.trigger.start - sent_start if sent_start is not None else None
        when, rule = resolve_date(event.sentence, article.date, anchor=anchor, words=words)
        if when is not None and not rule.startswith("future:"):
            out.append(dataclasses.replace(event, date=when, date_source="sentence"))
        else:
            out.append(dataclasses.replace(event, date=fallback, date_source=fallback_source))
    return out


#: How many sentences from the top (headline included) may hold the lead's time expression.
LEAD_SENTENCES = 3


def _lead_date(sents, publication_date: str | None, words: TimeWords) -> str | None:
    """The past date the story's lead gives, if one of its first sentences has one."""
    if not publication_date:
        return None
    for sent in sents[:LEAD_SENTENCES]:
        when, rule = resolve_date(sent.text, publication_date, words=words)
        if when is not None and not rule.startswith("future:"):
            return when
    return None
