"""Measures how well the HTML reader finds article bodies: token precision/recall/F1 against
hand-extracted bodies (the layout of the article-extraction benchmark: ``html/<id>.html.gz``,
``ground-truth.json`` keyed by id with ``articleBody``, ``index.jsonl`` with id and url).

Tokens are lowercase word tokens compared as bags (multisets), so word order and whitespace do
not matter but a navigation menu or a lost paragraph does.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from accord.ingest.common import ReadError
from accord.ingest.html import DEFAULT_HTML_OPTIONS, HtmlOptions, extract_html

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> Counter:
    """The bag of lowercase word tokens of a text."""
    return Counter(_TOKEN.findall((text or "").lower()))


def score_pair(extracted: str | None, truth: str | None) -> dict:
    """Token counts and precision/recall/F1 of one extracted body against its ground truth.

    An empty extraction scores precision 0 (it found nothing), not undefined.
    """
    got, want = tokens(extracted), tokens(truth)
    overlap = sum((got & want).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    precision = overlap / n_got if n_got else 0.0
    recall = overlap / n_want if n_want else (1.0 if not n_got else 0.0)
    return {"overlap": overlap, "extracted": n_got, "truth": n_want, "precision": precision,
            "recall": recall, "f1": _f1(precision, recall)}


def aggregate(scores: Iterable[dict]) -> dict:
    """Micro (pooled token counts) and macro (mean of per-page scores) precision/recall/F1."""
    scores = list(scores)
    if not scores:
        return {"pages": 0}
    overlap = sum(s["overlap"] for s in scores)
    n_got = sum(s["extracted"] for s in scores)
    n_want = sum(s["truth"] for s in scores)
    micro_p = overlap / n_got if n_got else 0.0
    micro_r = overlap / n_want if n_want else 0.0
    n = len(scores)
    return {
        "pages": n,
        "empty": sum(1 for s in scores if s["extracted"] == 0),
        "micro": {"precision": micro_p, "recall": micro_r, "f1": _f1(micro_p, micro_r)},
        "macro": {"precision": sum(s["precision"] for s in scores) / n,
                  "recall": sum(s["recall"] for s in scores) / n,
                  "f1": sum(s["f1"] for s in scores) / n},
    }


def load_benchmark(directory: str | Path) -> list[tuple[str, Path, str | None, str]]:
    """(id, page path, url, true body) for every page with a ground truth, sorted by id."""
    root = Path(directory)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    urls: dict[str, str] = {}
    index = root / "index.jsonl"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                urls[row["id"]] = row.get("url")
    pages = []
    for page_id in sorted(truth):
        path = root / "html" / f"{page_id}.html.gz"
        if not path.exists():
            path = root / "html" / f"{page_id}.html"
        if path.exists():
            entry = truth[page_id]
            pages.append((page_id, path, urls.get(page_id) or entry.get("url"),
                          entry.get("articleBody") or ""))
    return pages


def evaluate_extraction(directory: str | Path,
                        options: HtmlOptions = DEFAULT_HTML_OPTIONS) -> dict:
    """Run the HTML extraction on every benchmark page and score it (see module docstring).

    Returns the ``aggregate`` figures plus ``options`` used and ``worst``: the ten pages with the
    lowest F1, to look at by hand.
    """
    per_page = []
    for page_id, path, url, body in load_benchmark(directory):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        try:
            found = extract_html(raw, url, options)
        except ReadError:
            found = None
        score = score_pair(found["text"] if found else None, body)
        score["id"] = page_id
        per_page.append(score)
    result = aggregate(per_page)
    result["options"] = {k: getattr(options, k) for k in options.__dataclass_fields__}
    result["worst"] = [{"id": s["id"], "f1": round(s["f1"], 3)}
                       for s in sorted(per_page, key=lambda s: s["f1"])[:10]]
    return result


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
