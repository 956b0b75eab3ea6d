"""A hostile corpus (binary, empty, a 10 MB line, bad UTF-8, truncated gzip, HTML without a body,
1 MB of one word) is coded without a crash: good documents coded, bad ones reported, exit code 3."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = {
    "good1.txt": "Iraq and Russia\n\nIraq thanked Russia for its military help on Tuesday.\n",
    "good2.txt": "Egypt hosts talks\n\nEgyptian officials met Israeli negotiators in Cairo.\n",
    "good3.jsonl": json.dumps({"id": "j1", "title": "Sanctions", "text":
                               "The United States imposed sanctions on Iran on Monday."}) + "\n",
}


def write_hostile_corpus(folder: Path) -> dict[str, str]:
    """Write the corpus; returns file name -> what must become of it (coded, error, either)."""
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\n\t  \n")
    line = "The weather stayed mild and the harvest looked good this year. "
    (folder / "one_line_10mb.txt").write_text((line * (10_000_000 // len(line) + 1))[:10_000_000])
    (folder / "bad_utf8.txt").write_bytes(
        b"France criticised Germany over the caf\xe9 tax \xff\xfe\xfa plan on Monday.\n")
    packed = gzip.compress(("Iraq thanked Russia for its help.\n" * 2000).encode())
    (folder / "truncated.txt.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "no_body.html").write_text("<html><head><title>Only a title</title></head></html>")
    (folder / "one_word_1mb.txt").write_text("war " * (1 << 18))
    (folder / "bad_lines.jsonl").write_bytes(b'{"id": "x1", "text": \n\xff\xfe{{{\n')
    return {**{n: "coded" for n in GOOD}, "binary.txt": "error", "empty.txt": "error",
            "blank.txt": "error", "truncated.txt.gz": "error", "no_body.html": "error",
            "bad_lines.jsonl": "error", "bad_utf8.txt": "coded", "one_line_10mb.txt": "coded",
            "one_word_1mb.txt": "either"}


@pytest.mark.slow
def test_a_hostile_corpus_is_coded_without_a_crash_and_exits_3(tmp_path):
    expected = write_hostile_corpus(tmp_path / "hostile")
    proc = subprocess.run([sys.executable, "-m", "accord", "code", str(tmp_path / "hostile"),
                           "--emit", "article,error", "--quiet", "--date", "2020-01-01"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    outcome: dict[str, set[str]] = {}
    reasons: dict[str, list[str]] = {}
    for r in records:
        path = r.get("path") or ""
        if r["type"] == "article":
            # articles carry no path: match them by their text
            name = next((n for n, t in GOOD.items() if (r["title"] or r["text"][:12]) in t), None)
            if r["text"].startswith("The weather"):
                name = "one_line_10mb.txt"
            elif r["text"].startswith("France"):
                name = "bad_utf8.txt"
            elif r["text"].startswith("war"):
                name = "one_word_1mb.txt"
        else:
            name = Path(path.split(":")[0]).name
            reasons.setdefault(name, []).append(f"{r['stage']}: {r['reason']}")
        outcome.setdefault(name, set()).add("coded" if r["type"] == "article" else "error")
    for name, want in expected.items():
        got = outcome.get(name)
        assert got, f"{name}: no record at all"
        if want != "either":
            assert want in got, f"{name}: expected {want}, got {got}"
    for name in GOOD:
        assert outcome[name] == {"coded"}, f"{name} is good but was reported: {reasons.get(name)}"
