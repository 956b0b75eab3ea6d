"""Property: no text, however random, crashes the cleaner or the coder."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from accord.config import Settings
from accord.ingest.prepare import prepare_article
from accord.records import Article, DocError

WORDS = ["Iraq", "Russia", "the", "President", "said", "on", "Tuesday", "police", "arrested",
         "protesters", "in", "Cairo", "\u201c", "\u201d", '"', "'", ".", ",", "\n", "\n\n",
         "(", ")", "-", "--", "UN", "Hamas", "attacked", "met", "with", "BAGHDAD", "Reuters",
         "\u00e2\u20ac\u2122", "\u00c3\u00a9", "\t", "http://x.y/z", "12", "March", "1987",
         "will", "not", "deny", "accused", "of", "he", "she", "they", "who", "\u200b", "\ufeff"]

# Random Unicode, and word salad built from the tokens the cleaner and coder react to.
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=80).map("".join),
)


@hsettings(max_examples=300, deadline=None)
@given(text=texts, title=st.one_of(st.none(), texts))
def test_random_text_never_crashes_the_cleaner(text, title):
    for clean in (True, False):
        out = prepare_article(Article(doc_id="h", text=text, title=title),
                              Settings(clean=clean, detect_language=False))
        assert isinstance(out, (Article, DocError))
        if isinstance(out, Article):
            assert out.text.strip()


@hsettings(max_examples=60, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=texts, title=st.one_of(st.none(), texts))
def test_random_text_never_crashes_the_coder(pipeline, text, title):
    article = Article(doc_id="h", text=text, title=title, date="2020-01-01")
    results = list(pipeline.process([article]))
    assert len(results) == 1
    result = results[0]
    crashed = [e.reason for e in result.errors if e.stage == "code"]
    assert not crashed, crashed
    coded = result.article
    for s in result.sentences:
        assert coded.text[s.start:s.end] == s.text
    for e in result.events:
        assert 0 <= e.trigger.start <= e.trigger.end <= len(coded.text)
