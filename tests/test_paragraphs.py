"""Paragraph breaks end sentences, so a headline is never glued to the first paragraph."""

import pytest

from accord.config import Settings
from accord.nlp.loader import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings())


def test_headline_without_full_stop_is_its_own_sentence(nlp):
    doc = nlp("Russia, Iraq eye closer military cooperation\n\nMOSCOW: Russia will help Iraq.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Russia, Iraq eye closer military cooperation"
    assert sents[1].startswith("MOSCOW")


def test_sentences_inside_a_paragraph_are_still_split_by_the_parser(nlp):
    doc = nlp("Iraq thanked Russia. Russia praised Iraq.\n\nThe talks ended.")
    assert len(list(doc.sents)) == 3


def test_component_sits_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("accord_paragraphs") < names.index("parser")


def test_sentence_cache_serves_the_same_sentences_as_spacy(nlp):
    text = "Iraq thanked Russia. Russia praised Iraq.\n\nThe talks ended in Moscow."
    doc = nlp(text)
    assert "sents" in doc.user_hooks
    cached = [(s.start, s.end) for s in doc.sents]
    bare = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "accord_sentence_cache":
            bare = proc(bare)
    assert cached == [(s.start, s.end) for s in bare.sents]
    assert doc[5].sent.start == cached[1][0]


def test_entities_and_text_are_cached_and_filtered_by_token_range(nlp):
    from accord.nlp.sentcache import doc_ents, doc_text

    text = "Lavrov met Jaafari in Moscow. Iraq thanked Russia."
    doc = nlp(text)
    assert doc_text(doc) == text
    assert [e.text for e in doc_ents(doc)] == [e.text for e in doc.ents]
    second = list(doc.sents)[1]
    assert {e.text for e in doc_ents(doc, second.start, second.end)} <= {"Iraq", "Russia"}
    assert all(e.start >= second.start for e in doc_ents(doc, second.start, second.end))


def test_cache_helpers_work_on_a_doc_the_component_never_saw(nlp):
    from accord.nlp.sentcache import doc_ents, doc_text

    doc = nlp.make_doc("Plain text.")
    assert doc_text(doc) == "Plain text." and doc_ents(doc) == ()
