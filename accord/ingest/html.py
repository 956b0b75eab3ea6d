"""HTML page -> raw Article with trafilatura: main text, title, date, author, url, site name.

The extraction options are a frozen ``HtmlOptions`` so the evaluation (``accord eval-html``) can
compare settings on the same pages the readers use.  The defaults are the best F1 measured on the
181 article-extraction benchmark pages (``accord eval-html``; token micro-F1 0.969 with
trafilatura's defaults, 0.976 with ``favor_precision``, 0.972 with ``favor_recall`` or ``fast``,
0.967 with comments included, 0.968 without tables).
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass

from accord.ingest.common import ReadError, doc_id_for, normalise_date
from accord.records import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HtmlOptions:
    """trafilatura switches that change what counts as the article body."""

    favor_precision: bool = True  # best F1 on the benchmark pages (see module docstring)
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = True
    fast: bool = False  # skip trafilatura's fallback extractors (readability, justext)


DEFAULT_HTML_OPTIONS = HtmlOptions()

_BINARY_SNIFF = 2048
#: Fewer words than this is a menu or an error page, not an article.
MIN_BODY_WORDS = 8


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no text document: NUL bytes outside a UTF-16 byte-order mark."""
    head = data[:_BINARY_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def extract_html(html: str | bytes, url: str | None = None,
                 options: HtmlOptions = DEFAULT_HTML_OPTIONS) -> dict | None:
    """The main text and metadata of a page as a dict, or None when no article body is found.

    Keys: ``text`` (paragraphs separated by blank lines), ``title``, ``date`` (YYYY-MM-DD or None),
    ``author``, ``url``, ``source`` (site name, else host name).
    """
    import trafilatura

    if isinstance(html, bytes) and looks_binary(html):
        raise ReadError("binary content, not HTML")
    if not (html.strip() if isinstance(html, str) else html.strip()):
        return None
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **asdict(options))
    except Exception as exc:  # lxml and trafilatura raise a zoo of types on broken markup
        log.debug("trafilatura failed on %s", url, exc_info=True)
        raise ReadError(f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc
    if doc is None:
        return None
    text = _paragraphs(doc.text or "")
    if len(re.findall(r"\w+", text)) < MIN_BODY_WORDS:
        return None
    return {
        "text": text,
        "title": _one_line(doc.title),
        "date": normalise_date(doc.date),
        "author": _one_line(doc.author),
        "url": doc.url or url,
        "source": _one_line(doc.sitename) or _one_line(doc.hostname),
    }


def article_from_html(html: str | bytes, url: str | None, origin: str,
                      options: HtmlOptions = DEFAULT_HTML_OPTIONS) -> Article:
    """A raw (uncleaned) Article from one HTML page; raises ReadError when the page has no body.

    ``url`` is where the page came from (it improves metadata and becomes part of the id);
    ``origin`` is the path or feed name recorded for error reports.
    """
    found = extract_html(html, url, options)
    if found is None:
        raise ReadError("HTML without an article body")
    return Article(
        doc_id=doc_id_for(None, found["url"], found["text"]),
        text=found["text"],
        title=found["title"],
        date=found["date"],
        url=found["url"],
        source=found["source"],
        author=found["author"],
        path=origin,
    )


def _paragraphs(text: str) -> str:
    """trafilatura separates blocks by single newlines; the rest of Accord uses blank lines."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _one_line(value: object) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None
