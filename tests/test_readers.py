"""Readers: every input format becomes raw Articles, every failure a DocError, in a stable order."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from accord.config import Settings
from accord.ingest.readers import (article_from_html, article_from_mapping, read_inputs,
                                   read_stream, ReadError)
from accord.records import Article, DocError, stable_id

SETTINGS = Settings()

PARAS = [
    "Iraq and Jordan signed an agreement on Sunday to share water from the Euphrates river, "
    "the Iraqi foreign ministry said in a statement.",
    "The deal follows months of talks between the two neighbours, who have argued for years "
    "over dams built upstream.",
    "Jordanian officials welcomed the accord and said it would ease shortages in the north.",
]
STORY = "Iraq and Jordan sign water accord\n\n" + "\n\n".join(PARAS) + "\n"


def news_page(title="Iraq and Jordan sign water accord", paragraphs=PARAS, date="2015-10-15",
              url="https://news.example.org/world/iraq-jordan-water") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:title" content="{title}"><meta property="og:url" content="{url}">
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="{date}T09:30:00Z"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li></ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Jane Doe</p>
{body}
</article><aside><h2>Most read</h2><ul><li><a href="/a">Celebrity wedding photos</a></li>
<li><a href="/b">Ten recipes for summer</a></li></ul></aside></main>
<footer><p>Copyright 2015 Example News. All rights reserved.</p></footer></body></html>"""


def read(*paths, settings=SETTINGS) -> list:
    return list(read_inputs([str(p) for p in paths], settings))


def errors(items) -> list[DocError]:
    return [i for i in items if isinstance(i, DocError)]


# -- plain text -------------------------------------------------------------------------------
def test_text_file_first_line_is_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("\n\n" + STORY, encoding="utf-8")
    [art] = read(path)
    assert art.title == "Iraq and Jordan sign water accord"
    assert art.text.startswith("Iraq and Jordan signed an agreement")
    assert art.path == str(path)
    assert art.doc_id == stable_id("", "\n\n" + STORY)


def test_doc_id_is_stable_across_reads(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert read(path)[0].doc_id == read(path)[0].doc_id


def test_single_paragraph_text_has_no_title(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(PARAS[0], encoding="utf-8")
    [art] = read(path)
    assert art.title is None and art.text == PARAS[0]


def test_text_opening_with_a_dateline_has_no_title(tmp_path):
    path = tmp_path / "lead.txt"
    path.write_text("AMMAN (Reuters) - Jordan recalled its envoy.\n\nThe move surprised Baghdad.")
    [art] = read(path)
    assert art.title is None and art.text.startswith("AMMAN (Reuters)")


def test_gzipped_text_reads_like_text(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode("utf-8")))
    [art] = read(path)
    assert art.title == "Iraq and Jordan sign water accord" and "Euphrates" in art.text


def test_invalid_utf8_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Protest in Besançon\n\nThe café owners protested “loudly”.".encode("cp1252"))
    [art] = read(path)
    assert art.title == "Protest in Besançon" and "café" in art.text and "“loudly”" in art.text


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    assert read(path)[0].title == "Iraq and Jordan sign water accord"


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    [err] = read(path)
    assert isinstance(err, DocError) and err.stage == "read" and "binary" in err.reason
    assert err.path == str(path)


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.json", "blank.txt"])
def test_empty_file_is_an_error(tmp_path, name):
    path = tmp_path / name
    path.write_text("  \n\n" if name == "blank.txt" else "", encoding="utf-8")
    [err] = read(path)
    assert isinstance(err, DocError) and "empty" in err.reason


def test_missing_path_is_an_error_and_reading_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    items = read(tmp_path / "missing.txt", good)
    assert isinstance(items[0], DocError) and "no such file" in items[0].reason
    assert isinstance(items[1], Article)


def test_file_that_vanishes_mid_run_is_an_error(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{name} headline\n\n{PARAS[0]}", encoding="utf-8")
    stream = read_inputs([str(tmp_path)], SETTINGS)
    first = next(stream)
    (tmp_path / "b.txt").unlink()
    rest = list(stream)
    assert first.title == "a.txt headline"
    assert isinstance(rest[0], DocError) and "vanished" in rest[0].reason
    assert rest[1].title == "c.txt headline"


def test_unknown_extension_named_explicitly_is_read_as_text(tmp_path):
    path = tmp_path / "story.news"
    path.write_text(STORY, encoding="utf-8")
    assert read(path)[0].title == "Iraq and Jordan sign water accord"


# -- HTML -------------------------------------------------------------------------------------
def test_html_page_gives_body_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(news_page(), encoding="utf-8")
    [art] = read(path)
    assert art.title == "Iraq and Jordan sign water accord"
    assert art.date == "2015-10-15" and art.author == "Jane Doe" and art.source == "Example News"
    assert art.url == "https://news.example.org/world/iraq-jordan-water"
    assert PARAS[1] in art.text and "Celebrity wedding" not in art.text
    assert "Home" not in art.text.split() and "All rights reserved" not in art.text


def test_gzipped_html_and_htm_are_read(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(news_page().encode("utf-8")))
    (tmp_path / "b.htm").write_text(news_page(title="Second story"), encoding="utf-8")
    items = read(tmp_path)
    assert [a.title for a in items] == ["Iraq and Jordan sign water accord", "Second story"]


def test_html_without_a_body_is_an_error(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
                    "</body></html>", encoding="utf-8")
    [err] = read(path)
    assert isinstance(err, DocError) and err.reason == "HTML without an article body"


def test_article_from_html_for_the_feed_watcher():
    art = article_from_html(news_page(), "https://news.example.org/x", origin="feed:example")
    assert art.path == "feed:example" and art.title == "Iraq and Jordan sign water accord"
    with pytest.raises(ReadError):
        article_from_html("<html><body></body></html>", None, origin="feed:example")


# -- JSON Lines and JSON ----------------------------------------------------------------------
def _jsonl(rows) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def test_jsonl_lines_become_articles_and_bad_lines_errors(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(_jsonl([
        {"id": "a1", "title": "Talks", "text": PARAS[0], "date": "Oct 15, 2015",
         "url": "https://x.org/1", "source": "Example Wire"},
        '{"id": "broken", "text": ',
        "",
        {"id": "a3", "title": "No text here"},
        {"text": PARAS[1], "url": "https://x.org/4"},
        {"id": "a5", "text": "   "},
        [1, 2],
    ]), encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "DocError", "DocError", "Article",
                                                 "DocError", "DocError"]
    first, bad_json, no_text, fourth, blank, not_object = items
    assert (first.doc_id, first.date, first.source, first.path) == \
        ("a1", "2015-10-15", "Example Wire", f"{path}:1")
    assert bad_json.path == f"{path}:2" and bad_json.reason.startswith("invalid JSON")
    assert no_text.path == f"{path}:4" and no_text.reason == "missing 'text' field"
    assert no_text.doc_id == "a3" and bad_json.doc_id is None
    assert fourth.doc_id == stable_id("https://x.org/4", PARAS[1])
    assert "empty" in blank.reason and "JSON object" in not_object.reason


def test_jsonl_default_date_applies_when_a_line_has_none(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(_jsonl([{"text": PARAS[0]}]), encoding="utf-8")
    [art] = read(path, settings=Settings(default_date="2016-01-02"))
    assert art.date == "2016-01-02"


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path):
    rows = [{"id": f"n{i}", "text": f"{PARAS[i % 3]} Story number {i}."} for i in range(400)]
    data = gzip.compress(_jsonl(rows).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    articles = [i for i in items if isinstance(i, Article)]
    assert 0 < len(articles) < 400 and articles[0].doc_id == "n0"
    assert isinstance(items[-1], DocError) and "truncated gzip" in items[-1].reason


def test_not_gzip_despite_the_name_is_an_error(tmp_path):
    path = tmp_path / "fake.txt.gz"
    path.write_text(STORY, encoding="utf-8")
    [err] = read(path)
    assert isinstance(err, DocError) and "gzip" in err.reason


def test_json_file_with_one_object_a_list_or_lines(tmp_path):
    (tmp_path / "1.json").write_text(json.dumps({"id": "one", "text": PARAS[0]}, indent=2))
    (tmp_path / "2.json").write_text(json.dumps([{"id": "l0", "text": PARAS[1]},
                                                 {"id": "l1"}]))
    (tmp_path / "3.json").write_text(_jsonl([{"id": "j0", "text": PARAS[2]},
                                             {"id": "j1", "text": PARAS[0]}]))
    (tmp_path / "4.json").write_text('{"id": "bad", "text": "unterminated')
    items = read(tmp_path)
    assert [i.doc_id for i in items] == ["one", "l0", "l1", "j0", "j1", None]
    assert items[2].path == f"{tmp_path / '2.json'}#1" and "text" in items[2].reason
    assert items[5].reason.startswith("invalid JSON")


def test_article_from_mapping_accepts_common_field_names():
    art = article_from_mapping({"headline": "Talks", "text": PARAS[0], "published":
                                "2015-10-15T10:00:00Z", "link": "https://x.org/a", "lang": "en"},
                               origin="<api>", default_date=None)
    assert (art.title, art.date, art.url, art.language, art.path) == \
        ("Talks", "2015-10-15", "https://x.org/a", "en", "<api>")
    with pytest.raises(ReadError, match="missing 'text'"):
        article_from_mapping({"title": "x"}, origin="<api>", default_date=None)
    with pytest.raises(ReadError, match="must be a string"):
        article_from_mapping({"text": 42}, origin="<api>", default_date=None)


# -- WARC -------------------------------------------------------------------------------------
def _write_warc(path: Path, compress: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)

        def response(url, status, ctype, payload):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers))

        writer.write_record(writer.create_warc_record(
            "https://news.example.org/", "metadata", payload=io.BytesIO(b"crawl notes"),
            warc_content_type="text/plain"))
        response("https://news.example.org/a", "200 OK", "text/html; charset=utf-8",
                 news_page(url="https://news.example.org/a").encode("utf-8"))
        response("https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\x00\x00")
        response("https://news.example.org/gone", "404 Not Found", "text/html", b"<p>gone</p>")
        response("https://news.example.org/b", "200 OK", "text/html",
                 news_page(title="Second story", url="https://news.example.org/b").encode())


@pytest.mark.parametrize("name, compress", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles(tmp_path, name, compress):
    path = tmp_path / name
    _write_warc(path, compress)
    items = read(path)
    assert [a.title for a in items] == ["Iraq and Jordan sign water accord", "Second story"]
    assert [a.url for a in items] == ["https://news.example.org/a", "https://news.example.org/b"]
    assert items[0].path.startswith(str(path) + "#")


def test_truncated_warc_reports_an_error_after_the_good_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = read(path)
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], DocError) and "WARC" in items[-1].reason


# -- directories and stdin --------------------------------------------------------------------
def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed\n\n" + PARAS[0])
    (tmp_path / "a" / "y.txt").write_text("Why\n\n" + PARAS[0])
    (tmp_path / "x.txt").write_text("Ex\n\n" + PARAS[0])
    (tmp_path / ".hidden" / "h.txt").write_text("Hidden\n\n" + PARAS[0])
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    titles = [a.title for a in read(tmp_path)]
    assert titles == ["Ex", "Why", "Zed"]


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))


def test_stdin_json_lines(monkeypatch):
    _stdin(monkeypatch, _jsonl([{"id": "s1", "text": PARAS[0]}, "{oops"]).encode())
    items = list(read_inputs(["-"], SETTINGS))
    assert items[0].doc_id == "s1" and items[0].path == "<stdin>:1"
    assert isinstance(items[1], DocError) and items[1].path == "<stdin>:2"


def test_stdin_json_lines_after_a_byte_order_mark(monkeypatch):
    _stdin(monkeypatch, b"\xef\xbb\xbf" + _jsonl([{"id": "s1", "text": PARAS[0]}]).encode())
    [art] = list(read_inputs(["-"], SETTINGS))
    assert art.doc_id == "s1"


def test_stdin_plain_text_is_one_document(monkeypatch):
    _stdin(monkeypatch, STORY.encode())
    [art] = list(read_inputs(["-"], SETTINGS))
    assert art.title == "Iraq and Jordan sign water accord" and PARAS[2] in art.text


def test_stdin_html_page(monkeypatch):
    _stdin(monkeypatch, news_page().encode())
    [art] = list(read_inputs(["-"], SETTINGS))
    assert art.date == "2015-10-15" and PARAS[0] in art.text


class CountingStream(io.RawIOBase):
    """A byte source that records how much of it was consumed."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.data[self.pos:self.pos + len(buffer)]
        buffer[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


def test_json_lines_are_streamed_not_loaded_whole():
    data = _jsonl([{"id": f"n{i}", "text": PARAS[i % 3]} for i in range(5000)]).encode()
    source = CountingStream(data)
    stream = read_stream(io.BufferedReader(source), "<pipe>", SETTINGS)
    assert next(stream).doc_id == "n0"
    assert source.pos < len(data) / 10


def test_missing_standard_input_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    [err] = list(read_inputs(["-"], SETTINGS))
    assert isinstance(err, DocError) and err.path == "<stdin>"


@pytest.mark.shared
@pytest.mark.parametrize("name, count", [("bbc.jsonl.gz", 2092), ("wikinews.jsonl.gz", 291)])
def test_real_corpora_read_without_errors(name, count):
    from tests.conftest import shared_path

    items = list(read_inputs([str(shared_path("corpora", name))], SETTINGS))
    assert len(items) == count and not errors(items)
    assert len({a.doc_id for a in items}) == count and all(a.title and a.text for a in items)
