"""Small helpers every reader and the preparation step share: read errors, ids, date normalisation.

Dates arrive in many shapes (ISO with time and zone, RFC 2822 from feeds and WARC headers,
"Oct 15, 2015" from page metadata); everything downstream wants ``YYYY-MM-DD`` or nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from accord.records import stable_id


class ReadError(ValueError):
    """A document that cannot become an Article; ``str(exc)`` is the reason reported to the user."""


def doc_id_for(given: object, url: str | None, text: str) -> str:
    """The stable document id: the id the input gave, else a hash of url + text."""
    if given is not None and str(given).strip():
        return str(given).strip()
    return stable_id(url or "", text)


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T?\d{6})")
_TEXT_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y",
    "%Y/%m/%d", "%d.%m.%Y", "%A, %B %d, %Y", "%a, %d %b %Y", "%d-%b-%Y",
)


def normalise_date(value: object) -> str | None:
    """Any recognisable date -> ``YYYY-MM-DD``; None when it is missing or cannot be read.

    Accepts date/datetime objects, ISO 8601 (with time and zone), compact ``20151015``,
    RFC 2822 (``Thu, 15 Oct 2015 10:00:00 GMT``) and common written forms (``Oct 15, 2015``,
    ``15 October 2015``).  Ambiguous numeric forms such as ``03/04/2015`` are refused rather
    than guessed.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        return _checked(*(int(g) for g in match.groups()))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
