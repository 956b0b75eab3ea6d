"""Bulk token attributes: the same tokens and offsets as iterating the Doc, fewer Token objects."""

from __future__ import annotations

import spacy
from spacy.symbols import IDS

from accord.events.coder import TRIGGER_POS
from accord.events.matcher import token_kind
from accord.ingest.language import clearly_english
from accord.nlp.tokentable import LOWER, positions, token_table


def test_table_offsets_and_flags_match_the_tokens():
    doc = spacy.blank("en")("Iraq's  minister said:\n\n“We agree,” he told U.S.-led talks.")
    table = token_table(doc)
    assert table.starts == [t.idx for t in doc]
    assert table.ends == [t.idx + len(t.text) for t in doc]
    assert table.is_space == [t.is_space for t in doc]
    assert table.is_punct == [t.is_punct for t in doc]


def test_positions_finds_tokens_by_string_within_a_range():
    doc = spacy.blank("en")("He said he would go, and she said no.")
    assert positions(doc, LOWER, {"he", "she"}.__contains__) == [0, 2, 7]
    assert positions(doc, LOWER, {"he", "she"}.__contains__, start=1, end=7) == [2]
    assert positions(doc, LOWER, lambda s: s == "nobody") == []


class _Tok:
    def __init__(self, pos: str):
        self.pos_ = pos


def test_only_trigger_parts_of_speech_have_a_token_kind():
    names = [n for n in IDS if n.isupper() and n.isalpha()]
    assert {n for n in names if token_kind(_Tok(n)) is not None} == set(TRIGGER_POS)


def test_plain_english_prose_is_recognised_without_the_model():
    prose = ("The minister said on Tuesday that the talks with the rebels would resume in the "
             "capital next week, and that he was confident of an agreement by the end of the "
             "month. It was the first time that the government had set a date for the talks, "
             "which were broken off in March.")
    assert clearly_english(prose)


def test_wire_shorthand_and_foreign_text_go_to_the_model():
    assert not clearly_english("Shr loss 61 cts vs loss 1.19 dlrs  Net loss 1,017,000 vs loss "
                               "1,987,000  Revs 9.9 mln vs 9.2 mln  NOTE: Prior yr ended Nov. 30")
    assert not clearly_english(
        "Le gouvernement français a annoncé mardi de nouvelles sanctions contre la Russie. Le "
        "ministre des Affaires étrangères a déclaré que la France continuerait à soutenir "
        "l'Ukraine aussi longtemps que nécessaire, selon un communiqué publié dans la soirée.")
