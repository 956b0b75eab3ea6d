"""Raw Article -> the cleaned Article that gets coded (the pipeline's first stage).

Steps, in order, when ``settings.clean``: mojibake repair (text and title), whitespace
normalisation, one copy of a repeated headline, site furniture and bylines stripped, and the
dateline (``MOSCOW:``) split off the first body paragraph into ``Article.dateline``.  The dateline is
REMOVED from the text: it is a place label, not a sentence, and the places stage reads the
field.  With ``clean`` off the text is kept as given and the dateline is only read.

The final ``Article.text`` begins with the headline exactly once (``title + "\\n\\n" + body``)
because headline events are coded and every character offset points into this text.  The date
becomes ``YYYY-MM-DD`` (else ``settings.default_date``).  With ``detect_language`` the language
is identified offline; articles not in ``settings.languages`` become a ``DocError``.  A text
longer than ``settings.max_chars`` is cut at a sentence end, with a warning in the log.
Preparing an already prepared article changes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator

from accord.config import Settings
from accord.ingest.clean import (collapse_repeated_headline, default_rules, extract_dateline,
                                 normalise_whitespace, split_title, strip_boilerplate,
                                 strip_leading_furniture)
from accord.ingest.common import normalise_date
from accord.ingest.language import choose_language
from accord.ingest.mojibake import repair_mojibake
from accord.records import Article, DocError

log = logging.getLogger(__name__)


def clean_title(title: str | None, clean: bool = True) -> str | None:
    """One line of headline text (mojibake repaired when cleaning), or None when empty."""
    if title is None:
        return None
    if clean:
        title = repair_mojibake(title)
    title = re.sub(r"\s+", " ", title).strip()
    return title or None


_MAX_PASSES = 4


def _clean_pass(text: str, title: str | None, rules) -> tuple[str, str | None]:
    text = collapse_repeated_headline(text, title)
    text = strip_boilerplate(text, rules)
    _, body = split_title(text, title)
    body, dateline = extract_dateline(strip_leading_furniture(body, rules), rules)
    return body.strip(), dateline


def join_title(title: str | None, body: str) -> str:
    """The coded text: headline, blank line, body (either alone when the other is missing)."""
    if title and body:
        return f"{title}\n\n{body}"
    return body or title or ""


def clean_body(text: str, title: str | None) -> tuple[str, str | None]:
    """(body without headline and dateline, dateline) after every cleaning step.

    The steps are repeated until nothing changes (removing a dateline can uncover a repeated
    headline, say), which is what makes preparing a prepared article a no-op.
    """
    rules = default_rules()
    text = normalise_whitespace(repair_mojibake(text))
    dateline = None
    body = text
    for _ in range(_MAX_PASSES):
        body, found = _clean_pass(text, title, rules)
        dateline = dateline or found
        again = join_title(title, body)
        if again == text:
            break
        text = again
    return body, dateline


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…”\"’])\s+|\n\n")


def cut_long_text(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars`` at the last paragraph or sentence end before it
    (at a space when there is none), so no sentence is coded half."""
    if len(text) <= max_chars:
        return text
    window = text[:max_chars + 1]
    ends = [m.start() for m in _SENTENCE_BREAK.finditer(window)]
    cut = ends[-1] if ends and ends[-1] > max_chars // 2 else window.rfind(" ")
    return text[:cut if cut > 0 else max_chars].rstrip()


def prepare_article(article: Article, settings: Settings) -> Article | DocError:
    """The cleaned, dated, language-checked Article, or a DocError saying why it is not coded."""
    title = clean_title(article.title, settings.clean)
    if settings.clean:
        body, dateline = clean_body(article.text, title)
    else:
        _, body = split_title(article.text.strip(), title)
        _, dateline = extract_dateline(body)
    dateline = dateline or article.dateline
    text = join_title(title, body)
    if settings.max_chars and len(text) > settings.max_chars:
        cut = cut_long_text(text, settings.max_chars)
        log.warning("%s: %d characters, only the first %d are coded (max_chars)",
                    article.path or article.doc_id, len(text), len(cut))
        text = cut
    if not text.strip():
        return DocError(doc_id=article.doc_id, path=article.path, stage="clean",
                        reason="empty document after cleaning")
    date = normalise_date(article.date) or settings.default_date
    language = article.language
    if settings.detect_language:
        coded = language is None or language in settings.languages
        if language is None:
            language, coded = choose_language(body or text, settings.languages)
        if not coded:
            return DocError(doc_id=article.doc_id, path=article.path, stage="language",
                            reason=f"language {language}, not coded")
    return dataclasses.replace(article, text=text, title=title, date=date, dateline=dateline,
                               language=language)


def prepare_inputs(inputs: list[str], settings: Settings) -> Iterator[Article | DocError]:
    """Read and prepare every document of ``inputs`` (what ``accord ingest`` shows): the exact
    text that would be coded, without loading any NLP model."""
    from accord.ingest.readers import read_inputs

    for item in read_inputs(inputs, settings):
        yield item if isinstance(item, DocError) else prepare_article(item, settings)
