"""Every example sentence in the pattern and topic files codes its expected CAMEO code
through the real pipeline (clean -> parse -> actors -> events)."""

from __future__ import annotations

import pytest

from accord.events.lexicon import load_event_lexicon
from accord.records import Article

LEXICON = load_event_lexicon()
CASES = [(p.id, p.example, p.expect) for p in LEXICON.patterns] + [
    (f"topic.{t.name}", t.example, t.expect) for t in LEXICON.topics]


@pytest.fixture(scope="module")
def coded(pipeline):
    """Code every example once, in one batch: example text -> set of codes found."""
    texts = sorted({text for _, text, _ in CASES})
    articles = [Article(doc_id=f"ex{i}", text=t) for i, t in enumerate(texts)]
    out = {}
    for article, result in zip(articles, pipeline.process(articles)):
        out[article.text] = {e.code for e in result.events}
    return out


@pytest.mark.parametrize("pid,text,expect", CASES, ids=[c[0] for c in CASES])
def test_example_codes_its_expected_code(coded, pid, text, expect):
    assert expect in coded[text], f"{pid}: {text!r} coded {sorted(coded[text])}, wanted {expect}"
