"""Quote records: speakers resolved through the actor stage, ids, text, cue and sentence index."""

from __future__ import annotations

import pytest

from accord.actors.model import DocActors, ResolvedMention
from accord.enrich.quotes import extract_quotes, quote_text
from accord.records import ActorMention, Article

from spacy_session import session_nlp


@pytest.fixture(scope="module")
def nlp(request):
    return session_nlp(request)


def mention(doc, token_start, token_end, code, actor_id, kind="person"):
    """An actor mention over doc tokens, as the actor stage would hand it over."""
    span = doc[token_start:token_end]
    sent_index = [s.start for s in doc.sents].index(span.sent.start)
    m = ActorMention(doc_id="t", actor_id=actor_id, sentence_index=sent_index, code=code,
                     country=code[:3], sector=code[3:] or None, text=span.text,
                     start=span.start_char, end=span.end_char, kind=kind)
    return ResolvedMention(mention=m, token_start=token_start, token_end=token_end,
                           head=span.root.i)


def token_index(doc, text, nth=0):
    return [t.i for t in doc if t.text == text][nth]


def test_quote_text_drops_continuation_marks_and_trailing_comma():
    assert quote_text("We stay,") == "We stay"
    assert quote_text("First part.\n\n“Second part,") == "First part.\n\nSecond part"


def test_pronoun_speaker_is_resolved_through_the_actor_stage(nlp):
    text = ("Egyptian President Abdel Fattah al-Sisi met the Sudanese delegation. "
            "“Egypt will never accept a threat to its water,” he said.")
    doc = nlp(text)
    sisi = token_index(doc, "al-Sisi") if "al-Sisi" in [t.text for t in doc] else \
        token_index(doc, "Sisi")
    he = token_index(doc, "he")
    actors = DocActors([mention(doc, sisi, sisi + 1, "EGYGOV", "a1"),
                        mention(doc, he, he + 1, "EGYGOV", "a1", kind="pronoun")])
    quotes = extract_quotes(doc, actors, Article(doc_id="t", text=text))
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct"
    assert q.text == "Egypt will never accept a threat to its water"
    assert q.speaker is not None and q.speaker.code == "EGYGOV" and q.speaker.actor_id == "a1"
    assert q.cue.text == "said"
    assert q.sentence_index == 1
    assert text[q.start:q.end].startswith("Egypt will never")


def test_speaker_phrase_without_a_mention_on_its_head_uses_a_mention_inside_it(nlp):
    text = "“We want calm,” the delegation of Jordan said."
    doc = nlp(text)
    jordan = token_index(doc, "Jordan")
    actors = DocActors([mention(doc, jordan, jordan + 1, "JOR", "a1", kind="country")])
    quotes = extract_quotes(doc, actors, Article(doc_id="t", text=text))
    assert quotes[0].speaker.code == "JOR"


def test_speaker_who_is_no_actor_leaves_the_quote_without_speaker(nlp):
    text = "“The water is rising,” a fisherman said."
    doc = nlp(text)
    quotes = extract_quotes(doc, DocActors([]), Article(doc_id="t", text=text))
    assert len(quotes) == 1 and quotes[0].speaker is None


def test_quote_ids_are_stable_and_distinct(nlp):
    text = "“Talks resume,” he said. The ministry said the border stays shut."
    doc = nlp(text)
    article = Article(doc_id="doc-9", text=text)
    first = extract_quotes(doc, DocActors([]), article)
    again = extract_quotes(nlp(text), DocActors([]), article)
    assert [q.quote_id for q in first] == [q.quote_id for q in again]
    assert len({q.quote_id for q in first}) == len(first) == 2


def test_indirect_speech_and_according_to_become_quote_records(nlp):
    text = "According to the Red Cross, the camp holds 9,000 people."
    doc = nlp(text)
    rc = token_index(doc, "Cross")
    actors = DocActors([mention(doc, rc - 2, rc + 1, "NGOIRC", "a1", kind="igo")])
    q = extract_quotes(doc, actors, Article(doc_id="t", text=text))[0]
    assert q.kind == "indirect"
    assert q.text == "the camp holds 9,000 people"
    assert q.cue.text == "According to"
    assert q.speaker.code == "NGOIRC"


SCRAPED_EXPECTED = [
    ("Washington agreed", "RUSGOV"),
    ("Our operators", "RUSGOV"),
    ("Our trade volume", "RUSGOV"),
    ("We have vast experience", "RUSGOV"),
    ("We highly value", "IRQGOV"),
    ("Our relations have a solid basis", "IRQGOV"),
]


@pytest.mark.shared
def test_scraped_story_has_six_direct_quotes_with_lavrov_and_al_jaafari(scraped_story,
                                                                          request):
    try:
        pipeline = request.getfixturevalue("pipeline")
    except ImportError as exc:
        pytest.skip(f"the pipeline cannot be built yet: {exc}")
    from accord.ingest.readers import article_from_text

    raw = scraped_story.read_text(encoding="utf-8")
    result = pipeline.code_article(article_from_text(raw, str(scraped_story), "2015-10-16"))
    assert not result.errors, result.errors
    direct = [q for q in result.quotes if q.kind == "direct"]
    got = [(q.text, q.speaker.code if q.speaker else None) for q in direct]
    assert len(direct) == 6, got
    for (text, code), (opening, expected) in zip(got, SCRAPED_EXPECTED):
        assert text.startswith(opening), got
        assert code == expected, got
