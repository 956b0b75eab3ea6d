"""Quote finding on parsed text: direct quote forms, indirect speech, cue verbs and speakers."""

from __future__ import annotations

import pytest

from accord.nlp.quotespans import QuoteSpan, cue_extent, find_quotes
from accord.nlp.speechcues import load_speech_cues

from spacy_session import session_nlp


@pytest.fixture(scope="module")
def nlp(request):
    return session_nlp(request)


@pytest.fixture(scope="module")
def cues():
    return load_speech_cues()


def quotes_of(nlp, text, kind=None):
    doc = nlp(text)
    found = find_quotes(doc)
    if kind:
        found = [q for q in found if q.kind == kind]
    return doc, found


def word(doc, i):
    return None if i is None else doc[i].text


def test_quote_span_is_a_frozen_record():
    q = QuoteSpan(0, 5, 0, 1, "direct", None, None)
    with pytest.raises(Exception):
        q.kind = "indirect"


def test_curly_quote_with_speaker_after_is_attributed_to_the_subject(nlp):
    text = "“The ceasefire must hold,” the Turkish envoy said on Tuesday."
    doc, qs = quotes_of(nlp, text, "direct")
    assert len(qs) == 1
    assert text[qs[0].start_char:qs[0].end_char] == "The ceasefire must hold,"
    assert word(doc, qs[0].cue_token) == "said"
    assert word(doc, qs[0].speaker_token) == "envoy"
    assert qs[0].rule == "after"


def test_straight_quotes_are_found_like_curly_ones(nlp):
    text = '"Our border stays closed," the Hungarian premier told reporters.'
    doc, qs = quotes_of(nlp, text, "direct")
    assert [text[q.start_char:q.end_char] for q in qs] == ["Our border stays closed,"]
    assert word(doc, qs[0].speaker_token) == "premier"
    assert word(doc, qs[0].cue_token) == "told"


def test_inverted_attribution_finds_the_subject_after_the_verb(nlp):
    doc, qs = quotes_of(nlp, "“We reject the ultimatum,” said Mahmoud Abbas.", "direct")
    assert word(doc, qs[0].speaker_token) == "Abbas"


def test_phrasal_cue_covers_its_particle(nlp):
    text = "“Sanctions hurt ordinary people,” the Iranian diplomat pointed out."
    doc, qs = quotes_of(nlp, text, "direct")
    start, end = cue_extent(doc, qs[0].cue_token)
    assert text[start:end] == "pointed out"
    assert word(doc, qs[0].speaker_token) == "diplomat"


def test_speaker_before_a_colon_introduces_the_quote(nlp):
    text = "On trade with Egypt, Netanyahu said: “Our exports doubled last year. We expect more.”"
    doc, qs = quotes_of(nlp, text, "direct")
    assert len(qs) == 1
    assert qs[0].rule == "before"
    assert word(doc, qs[0].speaker_token) == "Netanyahu"
    assert text[qs[0].start_char:qs[0].end_char].startswith("Our exports")
    assert text[qs[0].start_char:qs[0].end_char].endswith("We expect more.")


def test_quote_split_by_he_said_gives_both_parts_the_same_speaker(nlp):
    text = "“Talks will resume,” he said. “Nobody wants another war.”"
    doc, qs = quotes_of(nlp, text, "direct")
    assert [text[q.start_char:q.end_char] for q in qs] == ["Talks will resume,",
                                                            "Nobody wants another war."]
    assert [word(doc, q.speaker_token) for q in qs] == ["he", "he"]
    assert qs[1].rule == "continued"


def test_quote_running_over_two_paragraphs_is_one_quote(nlp):
    text = ("The governor said: “The dam is safe for now.\n\n"
            "“Engineers will inspect it again next week,” she added.")
    doc, qs = quotes_of(nlp, text, "direct")
    assert len(qs) == 1
    assert text[qs[0].start_char:qs[0].end_char].startswith("The dam is safe")
    assert text[qs[0].start_char:qs[0].end_char].endswith("next week,")
    assert word(doc, qs[0].speaker_token) in ("she", "governor")


def test_unclosed_quote_without_a_continuation_is_dropped(nlp):
    _, qs = quotes_of(nlp, "The spokesman said: “The convoy left at dawn.\n\nMore in World",
                      "direct")
    assert qs == []


def test_unattributed_quote_takes_the_subject_of_the_previous_sentence(nlp):
    text = ("On her part, Merkel expressed thanks to Paris for the invitation. "
            "“Europe has to stand together in this crisis.”")
    doc, qs = quotes_of(nlp, text, "direct")
    assert len(qs) == 1
    assert qs[0].rule == "previous"
    assert word(doc, qs[0].speaker_token) == "Merkel"
    assert qs[0].cue_token is None


def test_own_attribution_wins_over_the_previous_sentence(nlp):
    text = ("Merkel expressed thanks to Paris for the invitation. "
            "“Europe has to stand together,” the French president replied.")
    doc, qs = quotes_of(nlp, text, "direct")
    assert word(doc, qs[0].speaker_token) == "president"
    assert qs[0].rule == "after"


def test_scare_quotes_around_a_short_phrase_are_not_a_quotation(nlp):
    _, qs = quotes_of(nlp, 'The rebels called the so-called "peace plan" a trap.', "direct")
    assert qs == []


def test_adjacent_quotes_keep_their_own_speakers(nlp):
    text = ("The mayor said: “The bridge reopens on Monday.” "
            "“It will stay closed to trucks,” the police chief added.")
    doc, qs = quotes_of(nlp, text, "direct")
    assert [word(doc, q.speaker_token) for q in qs] == ["mayor", "chief"]


def test_indirect_speech_with_that_excludes_the_complementiser(nlp):
    text = "The Kenyan foreign minister said that the troops would leave Somalia by June."
    doc, qs = quotes_of(nlp, text, "indirect")
    assert len(qs) == 1
    assert text[qs[0].start_char:qs[0].end_char] == "the troops would leave Somalia by June"
    assert word(doc, qs[0].speaker_token) == "minister"
    assert word(doc, qs[0].cue_token) == "said"


def test_indirect_speech_with_the_verb_after_the_clause(nlp):
    text = "Beijing opposes any foreign interference in the region, he said."
    doc, qs = quotes_of(nlp, text, "indirect")
    assert text[qs[0].start_char:qs[0].end_char] == (
        "Beijing opposes any foreign interference in the region")
    assert word(doc, qs[0].speaker_token) == "he"


def test_participle_of_saying_takes_the_subject_of_its_clause(nlp):
    text = "Modi praised the agreement, saying the two sides share the same goals."
    doc, qs = quotes_of(nlp, text, "indirect")
    assert word(doc, qs[0].speaker_token) == "Modi"
    assert word(doc, qs[0].cue_token) == "saying"


@pytest.mark.parametrize("text,clause", [
    ("According to the health ministry, the shelling killed twelve civilians.",
     "the shelling killed twelve civilians"),
    ("The shelling killed twelve civilians, according to the health ministry.",
     "The shelling killed twelve civilians"),
])
def test_according_to_names_the_source_of_the_clause(nlp, text, clause):
    doc, qs = quotes_of(nlp, text, "indirect")
    assert len(qs) == 1
    assert text[qs[0].start_char:qs[0].end_char] == clause
    assert word(doc, qs[0].speaker_token) == "ministry"
    start, end = cue_extent(doc, qs[0].cue_token)
    assert text[start:end].lower() == "according to"


def test_clause_inside_a_direct_quote_is_not_also_indirect_speech(nlp):
    text = "Lavrov said: “Moscow will keep supplying arms to Baghdad.”"
    _, qs = quotes_of(nlp, text)
    assert [q.kind for q in qs] == ["direct"]


def test_quotes_come_back_in_text_order(nlp):
    text = ("The ministry said the talks failed. “We walked out,” the delegate said. "
            "According to diplomats, a new round is planned.")
    _, qs = quotes_of(nlp, text)
    assert [q.start_char for q in qs] == sorted(q.start_char for q in qs)
    assert [q.kind for q in qs] == ["indirect", "direct", "indirect"]


def test_every_speech_verb_in_the_table_is_recognised_after_a_quote(nlp, cues):
    for entry in cues.entries:
        obj = " reporters" if entry.lemma == "tell" else ""
        text = f"“The talks were useful,” the minister {entry.past}{obj}."
        doc = nlp(text)
        qs = find_quotes(doc, cues)
        assert qs and word(doc, qs[0].cue_token) == entry.past.split()[0], entry
        assert word(doc, qs[0].speaker_token) == "minister", entry


def test_every_speech_verb_in_the_table_introduces_indirect_speech(nlp, cues):
    for entry in cues.entries:
        obj = " reporters" if entry.lemma == "tell" else ""
        text = f"The minister {entry.past}{obj} that the talks were useful."
        doc = nlp(text)
        qs = [q for q in find_quotes(doc, cues) if q.kind == "indirect"]
        assert qs and text[qs[0].start_char:qs[0].end_char] == "the talks were useful", entry


def test_speech_verb_table_rejects_a_row_without_past_form(tmp_path):
    bad = tmp_path / "verbs.tsv"
    bad.write_text("lemma\tparticle\tpast\tnote\nsay\t\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_speech_cues(bad)
