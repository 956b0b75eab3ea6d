"""HTML page -> raw Article with trafilatura: main text, title, date, author, url, site name.

The extraction options are a frozen ``HtmlOptions`` so the evaluation (``accord eval-html``) can
compare settings on the same pages the readers use.  The defaults are the best F1 measured on the
181 article-extraction benchmark pages (``accord eval-html``, token micro/macro F1): trafilatura's
defaults 0.969/0.959; ``favor_precision`` 0.976/0.965 (``favor_recall`` or ``fast`` 0.972,
comments included 0.967, tables dropped 0.968); dropping the page's own headline from the body
(prepare puts it back) and re-extracting without ``favor_precision`` when a body comes out under
60 words (a reprint notice instead of the story) 0.978/0.971.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, replace

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
    #: With favor_precision, a body shorter than this is extracted again without it and the
    #: longer text kept (0 = never retry).
    retry_below_words: int = 60


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
    if isinstance(html, bytes) and looks_binary(html):
        raise ReadError("binary content, not HTML")
    if not (html.strip() if isinstance(html, str) else html.strip()):
        return None
    doc = _run_trafilatura(html, url, options)
    if doc is None:
        return None
    title = _one_line(doc.title)
    text = _drop_leading_title(_paragraphs(doc.text or ""), title)
    if options.favor_precision and _words(text) < options.retry_below_words:
        # Precision mode sometimes keeps a notice and drops the story: try the plain setting.
        retry = _run_trafilatura(html, url, replace(options, favor_precision=False))
        if retry is not None:
            retry_text = _drop_leading_title(_paragraphs(retry.text or ""), title)
            if _words(retry_text) > _words(text):
                text = retry_text
    if _words(text) < MIN_BODY_WORDS:
        return None
    return {
        "text": text,
        "title": title,
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


def _run_trafilatura(html: str | bytes, url: str | None, options: HtmlOptions):
    import trafilatura

    settings = {k: v for k, v in asdict(options).items() if k != "retry_below_words"}
    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True, **settings)
    except Exception as exc:  # lxml and trafilatura raise a zoo of types on broken markup
        log.debug("trafilatura failed on %s", url, exc_info=True)
        raise ReadError(f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _drop_leading_title(text: str, title: str | None) -> str:
    """The page's own headline, when it opens the body, is metadata: prepare puts it back once."""
    first, _, rest = text.partition("\n\n")
    if title and rest and re.sub(r"\W+", " ", first).strip().casefold() == \
            re.sub(r"\W+", " ", title).strip().casefold():
        return rest
    return text


def _one_line(value: object) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None
