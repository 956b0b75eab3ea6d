"""Selective parsing (accord.nlp.selective): the parser only on candidate sentences, reading the
first pass's tok2vec features, must leave the document as a full parse would have it there."""

from __future__ import annotations

import copy

import pytest

from accord.nlp.selective import (first_pass, is_candidate, selective_pipe, tree_patterns,
                                  trigger_lemmas)
from accord.records import Article

# Our own sentences: several actors and triggers, auxiliaries, markers, pronouns, a paragraph.
STORY = (
    "Kenya's foreign minister met Ugandan officials in Kampala on Monday.\n\n"
    "The sky over the lake was grey and the ferries ran late all afternoon. "
    "Nobody expected rain so early in the season. "
    "The Ugandan government said that it had been warned about the border dispute, although "
    "Nairobi has denied any threat. "
    "Germany criticised Poland for delaying the pipeline talks that were due to resume in May. "
    "Fish prices at the market stayed high. "
    "Poland has many allies in Brussels, and that worried Moscow before the envoys got summoned. "
    "France warned Italy because both had ignored the deadline. "
    "They accused the United Nations of ignoring the refugees who had crossed the river."
)


@pytest.fixture(scope="module")
def triggers(pipeline):
    return trigger_lemmas(pipeline.knowledge.event_lexicon)


@pytest.fixture(scope="module")
def docs(pipeline, triggers):
    """(selective doc, full-parse doc, first-pass doc) of STORY."""
    nlp = pipeline.nlp
    (selective,) = selective_pipe(nlp, [STORY], triggers=triggers)
    return selective, nlp(STORY), first_pass(nlp, [STORY])[0]


def _same_span_sentences(doc, full):
    """Sentences of ``doc`` that the full parse splits the same way."""
    for sent in doc.sents:
        other = full[sent.start].sent
        if (other.start, other.end) == (sent.start, sent.end):
            yield sent


def test_candidate_sentences_get_the_trees_of_a_full_parse(docs, triggers):
    doc, full, _ = docs
    tokens = [t for s in _same_span_sentences(doc, full) if is_candidate(s, triggers) for t in s]
    assert len(tokens) > 60
    same = sum(t.head.i == full[t.i].head.i and t.dep_ == full[t.i].dep_ for t in tokens)
    assert same / len(tokens) >= 0.97, (same, len(tokens))


def test_sentences_without_a_candidate_get_flat_trees(docs, triggers):
    doc, _, _ = docs
    skipped = [s for s in doc.sents if not is_candidate(s, triggers)]
    assert any("lake was grey" in s.text for s in skipped)
    for sent in skipped:
        assert sent.root.i == sent.start
        assert all(t.head.i == sent.start and t.dep_ == "dep" for t in sent[1:])


def test_every_sentence_has_one_root(docs):
    doc, _, _ = docs
    assert all(sum(t.dep_ == "ROOT" for t in s) == 1 for s in doc.sents)


def test_sentence_boundaries_are_the_first_pass_ones_and_cached_after_the_trees(docs):
    doc, _, first = docs
    spans = [(s.start, s.end) for s in doc.sents]
    assert spans == [(s.start, s.end) for s in first.sents]
    assert "sents" in doc.user_hooks  # the sentence cache ran...
    assert [i for i, t in enumerate(doc) if t.is_sent_start] == [a for a, _ in spans]  # ...last
    assert doc.text == STORY


def test_entities_are_those_of_a_full_parse(docs):
    doc, full, _ = docs
    assert [(e.start, e.end, e.label_) for e in doc.ents] == \
           [(e.start, e.end, e.label_) for e in full.ents]


def test_pos_morphology_and_lemmas_of_parsed_sentences_match_a_full_parse(docs, triggers):
    doc, full, first = docs
    tokens = [t for s in _same_span_sentences(doc, full) if is_candidate(s, triggers) for t in s]

    def attrs(t):
        return t.tag_, t.pos_, str(t.morph), t.lemma_

    # The attribute ruler's DEP rules change some tokens once trees exist (AUX, SCONJ, ...)...
    assert any(first[t.i].pos_ != full[t.i].pos_ for t in tokens)
    # ...and selective parsing applies them.
    assert [attrs(t) for t in tokens] == [attrs(full[t.i]) for t in tokens]


def test_tree_rules_are_those_testing_dep_and_later_ones_that_could_overwrite_them():
    rules = [
        {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"TAG": "VBZ", "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
        {"patterns": [[{"LOWER": "gets"}]], "attrs": {"LEMMA": "get"}},  # writes no POS
        {"patterns": [[{"TAG": {"IN": ["NN", "NNS"]}}]], "attrs": {"POS": "NOUN"}},  # not a VBZ
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},  # may meet a VBZ
        {"patterns": [[{"TAG": {"NOT_IN": ["NN"]}}]], "attrs": {"MORPH": "_"}},  # nor MORPH
    ]
    assert tree_patterns(rules) == [rules[1], rules[4]]
    assert tree_patterns(rules[:1]) == []


def test_array_rules_match_like_spacys_attribute_ruler(pipeline):
    from spacy.pipeline import AttributeRuler

    from accord.nlp.selective import ArrayRules

    rules = [
        {"patterns": [[{"TAG": "VBZ", "DEP": {"IN": ["aux", "auxpass"]}}]],
         "attrs": {"POS": "AUX"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
         "attrs": {"POS": "VERB"}, "index": 1},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    ]
    ruler = AttributeRuler(pipeline.nlp.vocab)
    ruler.add_patterns(rules)
    doc = pipeline.nlp("There was a storm, and that has been reported.\n\nAll of it was known.")
    expected = ruler.match(doc)
    assert {m[0] for m in expected} >= {0, 1, 2, 3}
    assert ArrayRules(pipeline.nlp.vocab, rules).match(doc) == expected


def test_coding_finds_the_same_events_with_and_without_selective_parsing(pipeline):
    selective = copy.copy(pipeline)
    selective.settings = pipeline.settings.replace(selective_parse=True)
    articles = [
        Article(doc_id="s1", title="Talks", text=STORY, date="2026-11-02"),
        Article(doc_id="s2", title="Aid", text="Norway promised medical aid to Sudan on Friday. "
                "The weather was calm. Sudanese officials thanked Oslo for its support.",
                date="2026-11-03"),
    ]

    def events(p):
        return {r.doc_id: sorted((e.to_dict() for e in r.events), key=lambda d: d["event_id"])
                for r in p.process(articles)}

    full, fast = events(pipeline), events(selective)
    assert sum(len(v) for v in full.values()) >= 2
    assert fast == full
