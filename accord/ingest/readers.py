"""Readers: files, directories and standard input -> a stream of raw Articles (or DocErrors).

Formats: ``.txt`` (first non-empty line is the title), ``.html``/``.htm`` (trafilatura),
``.jsonl``/``.ndjson``/``.json`` (``text`` required; optional ``id``, ``title``, ``date``, ``url``,
``source``, ``author``, ``language``), ``.warc``/``.warc.gz`` (HTML response records), each also
gzipped (``.txt.gz`` ...); directories are walked recursively in sorted order (hidden files and
unknown extensions skipped); ``-`` is standard input (JSON Lines when the first line is a JSON
object, an HTML page when it starts with markup, else one text document).

Nothing here raises for a bad document: every failure is a ``DocError(stage="read")`` with the
path and a reason, and reading goes on.  Line-based formats and WARC files are streamed, so a
corpus is never held in memory (a ``.json`` array is the one format that must be loaded whole).
Text that is not valid UTF-8 is decoded as Windows-1252 (the usual culprit); cleaning repairs any
UTF-8 fragments left garbled.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

from accord.config import Settings
from accord.ingest.common import ReadError, doc_id_for, normalise_date
from accord.ingest.html import article_from_html, looks_binary
from accord.records import Article, DocError

log = logging.getLogger(__name__)

__all__ = ["read_inputs", "read_path", "read_stream", "article_from_mapping", "article_from_text",
           "article_from_html", "ReadError", "SUPPORTED_SUFFIXES"]

#: Format of each file name ending (after an optional ``.gz``).
FORMATS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".warc": "warc"}
SUPPORTED_SUFFIXES = tuple(FORMATS)
#: A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 250
_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)

#: Accepted names of each Article field in a JSON object, first match wins.
FIELD_ALIASES = {
    "doc_id": ("id", "doc_id"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publication_date", "pubdate"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "domain"),
    "author": ("author", "byline"),
    "language": ("language", "lang"),
    "dateline": ("dateline",),
}


# -- entry point ------------------------------------------------------------------------------
def read_inputs(inputs: list[str], settings: Settings) -> Iterator[Article | DocError]:
    """Every document of every input, in order; ``-`` reads standard input."""
    for item in inputs:
        if item == "-":
            if sys.stdin is None or not hasattr(sys.stdin, "buffer"):
                yield _error("<stdin>", "no standard input to read")
            else:
                yield from read_stream(sys.stdin.buffer, "<stdin>", settings)
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk_directory(path):
                yield from read_path(file, settings)
        elif not path.exists():
            yield _error(str(path), "no such file or directory")
        else:
            yield from read_path(path, settings)


def walk_directory(root: Path) -> Iterator[Path]:
    """Readable files under ``root`` in a deterministic (sorted, depth-first) order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and file_format(path) is not None:
                yield path


def file_format(path: Path) -> str | None:
    """``text``/``html``/``jsonl``/``json``/``warc`` from the name, or None when unknown."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return FORMATS.get(os.path.splitext(name)[1])


def read_path(path: Path, settings: Settings) -> Iterator[Article | DocError]:
    """The documents of one file; a named file of unknown type is read as plain text."""
    origin = str(path)
    fmt = file_format(path) or "text"
    try:
        if fmt == "warc":
            yield from _read_warc(path)
        elif fmt == "jsonl":
            with _open_binary(path) as stream:
                yield from _read_jsonl(stream, origin, settings)
        else:
            data = _read_all(path)
            if not data.strip():
                yield _error(origin, "empty document (the file is empty)")
            elif fmt == "json":
                yield from _read_json(data, origin, settings)
            elif fmt == "html":
                yield _guarded(lambda: article_from_html(data, None, origin), origin)
            else:
                yield _guarded(lambda: article_from_text(decode_bytes(data, origin), origin,
                                                         settings.default_date), origin)
    except FileNotFoundError:
        yield _error(origin, "file vanished before it could be read")
    except IsADirectoryError:
        yield _error(origin, "is a directory, not a file")
    except PermissionError:
        yield _error(origin, "cannot read file: permission denied")
    except _GZIP_ERRORS as exc:
        yield _error(origin, f"corrupt or truncated gzip file ({exc})")
    except ReadError as exc:
        yield _error(origin, str(exc))
    except OSError as exc:
        yield _error(origin, f"cannot read file: {exc.strerror or exc}")


def read_stream(stream: BinaryIO, origin: str, settings: Settings) -> Iterator[Article | DocError]:
    """Documents from a byte stream (standard input): JSON Lines, one HTML page, or one text."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    head = buffered.peek(4096)[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        yield from _read_jsonl(buffered, origin, settings)
        return
    data = buffered.read()
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        yield _guarded(lambda: article_from_html(data, None, origin), origin)
    else:
        yield _guarded(lambda: article_from_text(decode_bytes(data, origin), origin,
                                                 settings.default_date), origin)


# -- builders ---------------------------------------------------------------------------------
def article_from_text(content: str, origin: str, default_date: str | None = None) -> Article:
    """A plain-text document: its first non-empty line is the title, unless it is a paragraph
    (longer than MAX_TITLE_CHARS, or opening with a dateline)."""
    stripped = content.strip()
    if not stripped:
        raise ReadError("empty document")
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if rest.strip() and len(first) <= MAX_TITLE_CHARS and not _opens_with_dateline(first):
        title, body = first, rest.strip("\r\n")
    else:
        title, body = None, stripped
    return Article(doc_id=doc_id_for(None, None, content), text=body, title=title,
                   date=default_date, path=origin)


def _opens_with_dateline(line: str) -> bool:
    """A first line that starts "MOSCOW:" is the story's first paragraph, not its headline."""
    from accord.ingest.clean import extract_dateline

    return extract_dateline(line)[1] is not None


def article_from_mapping(d: dict, origin: str, default_date: str | None) -> Article:
    """An Article from a JSON object (or an API dict); raises ReadError without usable ``text``."""
    if not isinstance(d, dict):
        raise ReadError(f"expected a JSON object, got {type(d).__name__}")
    text = d.get("text")
    if text is None:
        raise ReadError("missing 'text' field")
    if not isinstance(text, str):
        raise ReadError(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ReadError("empty document ('text' is blank)")
    values = {name: _first_value(d, aliases) for name, aliases in FIELD_ALIASES.items()}
    return Article(
        doc_id=doc_id_for(values["doc_id"], values["url"], text),
        text=text,
        title=values["title"],
        date=normalise_date(values["date"]) or default_date,
        dateline=values["dateline"],
        url=values["url"],
        source=values["source"],
        language=values["language"],
        author=values["author"],
        path=origin,
    )


def _first_value(d: dict, aliases: tuple[str, ...]) -> str | None:
    for key in aliases:
        value = d.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


# -- formats ----------------------------------------------------------------------------------
def _read_jsonl(stream: Iterable[bytes], origin: str,
                settings: Settings) -> Iterator[Article | DocError]:
    """One article per line; a bad line is reported and the next one read."""
    lineno = 0
    try:
        for lineno, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            where = f"{origin}:{lineno}"
            try:
                obj = json.loads(decode_bytes(raw, where))
            except json.JSONDecodeError as exc:
                yield _error(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            except ReadError as exc:
                yield _error(where, str(exc))
                continue
            yield _guarded(lambda: article_from_mapping(obj, where, settings.default_date), where,
                           obj)
    except _GZIP_ERRORS as exc:
        yield _error(f"{origin}:{lineno + 1}", f"corrupt or truncated gzip file after line "
                                               f"{lineno} ({exc})")


def _read_json(data: bytes, origin: str, settings: Settings) -> Iterator[Article | DocError]:
    """A ``.json`` file: one object, a list of objects, or (despite the name) JSON Lines."""
    try:
        text = decode_bytes(data, origin)
    except ReadError as exc:
        yield _error(origin, str(exc))
        return
    if not text.strip():
        yield _error(origin, "empty document")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _read_jsonl(io.BytesIO(data), origin, settings)
        else:
            yield _error(origin, f"invalid JSON: {exc.msg} at line {exc.lineno}")
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            where = f"{origin}#{i}"
            yield _guarded(lambda: article_from_mapping(item, where, settings.default_date), where,
                           item)
    else:
        yield _guarded(lambda: article_from_mapping(obj, origin, settings.default_date), origin,
                       obj)


def _read_warc(path: Path) -> Iterator[Article | DocError]:
    """HTML response records of a WARC file (plain or gzipped); other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    count = 0
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                count += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{origin}#{count}"
                http = record.http_headers
                if http is not None:
                    ctype = (http.get_header("Content-Type") or "").lower()
                    status = http.get_statuscode() or ""
                    if ctype and "html" not in ctype:
                        continue
                    if not status.startswith("2"):
                        continue
                html = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0) > 0:  # the block ended early
                    yield _error(where, "corrupt or truncated WARC file (record cut short)")
                    continue
                yield _guarded(lambda: article_from_html(html, url, where), where)
        except (ArchiveLoadFailed, *_GZIP_ERRORS, ValueError) as exc:
            yield _error(f"{origin}#{count + 1}", f"corrupt or truncated WARC file ({exc})")
    if count == 0:
        log.info("%s: no HTML response records", origin)


# -- bytes and errors -------------------------------------------------------------------------
def _open_binary(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _read_all(path: Path) -> bytes:
    with _open_binary(path) as stream:
        return stream.read()


def decode_bytes(data: bytes, origin: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Raises ReadError for binary data (NUL bytes), which no text decoding makes sense of.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if looks_binary(data):
        raise ReadError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.info("%s: not valid UTF-8, read as Windows-1252", origin)
        return data.decode("sloppy-windows-1252")


def _guarded(build, origin: str, source: object = None) -> Article | DocError:
    """Run an Article builder; a ReadError becomes the DocError for this document (with the
    id the input gave, when ``source`` is a mapping that has one)."""
    try:
        return build()
    except ReadError as exc:
        given = _first_value(source, FIELD_ALIASES["doc_id"]) if isinstance(source, dict) else None
        return _error(origin, str(exc), given)


def _error(origin: str, reason: str, doc_id: str | None = None) -> DocError:
    return DocError(doc_id=doc_id, reason=reason, path=origin, stage="read")
