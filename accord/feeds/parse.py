"""RSS 2.0 / Atom bytes -> FeedEntry records (feedparser), feed-list files, and URL canonicalisation.

feedparser only parses here: the bytes are fetched by ``accord.feeds.fetch`` (httpx), never by
feedparser itself.  Relative entry links are resolved against the feed's own URL.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

log = logging.getLogger(__name__)

#: Query parameters that only track who clicked; dropped so one article keeps one URL.
_TRACKING_PARAMS = ("utm_", "at_", "cmpid", "ocid", "fbclid", "gclid", "mc_cid", "mc_eid", "ns_",
                    "cmp", "ito", "wt.mc_id")


_INLINE_COMMENT = re.compile(r"\s+#.*$")


class FeedError(ValueError):
    """A feed that could not be read (malformed XML, not a feed at all); the reason is str(exc)."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where the article is and what the feed said about it."""

    url: str
    feed: str  # the feed URL it was listed in
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD (UTC) when the feed gave a date


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    #: Why feedparser complained while still recovering entries (None when the XML was clean).
    warning: str | None = None


def canonical_url(url: str) -> str:
    """The form a URL is remembered by: lower-case scheme and host, no fragment, no tracking
    parameters (``utm_*`` and friends), no default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        creds = parts.username or ""
        host = f"{creds}@{host}"
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not k.lower().startswith(_TRACKING_PARAMS)]
    if len(kept) != len(pairs):
        query = urlencode(kept)
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def is_web_url(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one a line, ``#`` starts a comment, blank lines ignored,
    repeats dropped.  Raises ValueError naming the line of anything that is not an http(s) URL."""
    urls: list[str] = []
    seen: set[str] = set()
    text = Path(path).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        value = "" if line.lstrip().startswith("#") else _INLINE_COMMENT.sub("", line).strip()
        if not value:
            continue
        if not is_web_url(value):
            raise ValueError(f"{path}:{number}: not an http(s) feed URL: {value!r}")
        key = canonical_url(value)
        if key not in seen:
            seen.add(key)
            urls.append(value)
    return urls


def parse_feed(data: bytes, feed_url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS 2.0, RSS 1.0 or Atom bytes.  Raises FeedError when nothing usable comes out.

    feedparser's lenient parser recovers entries from slightly broken XML; those are kept and
    the complaint is returned as ``warning``.  Entries without an http(s) link are skipped.
    """
    import feedparser

    headers = {"content-location": feed_url,
               "content-type": content_type or "application/xml"}
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser is lenient, but a zoo of parser errors exists
        raise FeedError(f"feed could not be parsed: {type(exc).__name__}: {exc}") from exc
    problem = _xml_problem(parsed)
    entries = _entries(parsed, feed_url)
    if not entries and problem:
        raise FeedError(f"malformed feed XML: {problem}")
    if not parsed.entries and not parsed.get("version"):
        raise FeedError("not an RSS or Atom feed")
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title=_clean(feed_title), entries=tuple(entries), warning=problem)


def _xml_problem(parsed) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    name = type(exc).__name__
    # Wrong declared encodings or content types are harmless: feedparser copes with them.
    if name in ("CharacterEncodingOverride", "NonXMLContentType"):
        return None
    return f"{name}: {exc}"


def _entries(parsed, feed_url: str) -> list[FeedEntry]:
    out: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _link(entry)
        if not is_web_url(link):
            continue
        key = canonical_url(link)
        if key in seen:
            continue
        seen.add(key)
        out.append(FeedEntry(url=link, feed=feed_url, title=_clean(entry.get("title")),
                             published=_date(entry)))
    return out


def _link(entry) -> str | None:
    link = entry.get("link")
    if link:
        return link.strip()
    for candidate in entry.get("links", ()):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return candidate["href"].strip()
    guid = entry.get("id")
    if entry.get("guidislink") and guid:
        return guid.strip()
    return None


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                stamp = calendar.timegm(value)
                return datetime.fromtimestamp(stamp, timezone.utc).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _clean(value) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).split())
    return text or None
