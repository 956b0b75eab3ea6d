"""The actor lexicon: role tables, modifiers, pronouns, built-in names, parties, keys and case rules."""

from __future__ import annotations

import pytest

from accord.actors.lexicon import (
    ActorLexicon, DatedCode, key_prefixes, load_actor_lexicon, load_modifiers, load_pronouns,
    load_roles, make_named, norm, plural, read_table, split_code)
from accord.actors.knowledge import load_companies, load_parties
from accord.config import Settings


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return load_actor_lexicon(Settings())


ROLE_ROWS = [row for _, row in read_table("roles.tsv", ("phrase", "sector", "kind", "note"))]
MODIFIER_ROWS = [row for _, row in read_table("role_modifiers.tsv", ("word", "effect", "note"))]
PRONOUN_ROWS = [row for _, row in read_table("pronouns.tsv", ("word", "refers", "note"))]


@pytest.mark.parametrize("row", ROLE_ROWS, ids=lambda r: r["phrase"])
def test_every_role_row_is_in_the_lexicon_with_its_sector_and_a_plural(lexicon, row):
    entry = lexicon.lookup_role(norm(row["phrase"]))
    assert entry is not None and entry.sector == row["sector"]
    assert entry.person == (row["kind"] == "person")
    assert row["sector"] in lexicon.sectors
    assert lexicon.lookup_role(plural(norm(row["phrase"]))) is not None


@pytest.mark.parametrize("row", MODIFIER_ROWS, ids=lambda r: r["word"])
def test_every_modifier_row_keeps_or_names_a_sector(lexicon, row):
    assert lexicon.modifiers[row["word"]] == row["effect"]
    assert row["effect"] == "keep" or row["effect"] in lexicon.sectors


@pytest.mark.parametrize("row", PRONOUN_ROWS, ids=lambda r: r["word"])
def test_every_pronoun_row_says_what_it_refers_to(lexicon, row):
    assert lexicon.pronouns[row["word"]] == row["refers"]


def test_role_table_rejects_a_bad_kind(tmp_path):
    bad = tmp_path / "roles.tsv"
    bad.write_text("phrase\tsector\tkind\tnote\nminister\tGOV\tsometimes\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        load_roles(bad)


def test_tables_need_their_header(tmp_path):
    bad = tmp_path / "pronouns.tsv"
    bad.write_text("he\tperson\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        load_pronouns(bad)
    mods = tmp_path / "mods.tsv"
    mods.write_text("# c\nword\teffect\tnote\nformer\tELI\t\n", encoding="utf-8")
    assert load_modifiers(mods) == {"former": "ELI"}


@pytest.mark.parametrize("singular, expected", [
    ("minister", "ministers"), ("authority", "authorities"), ("policeman", "policemen"),
    ("press", "presses"), ("human", "humans"), ("day", "days")])
def test_plural_of_role_words(singular, expected):
    assert plural(singular) == expected


def test_keys_fold_case_and_white_space():
    assert norm("  Gazprom \n Neft ") == "gazprom neft"


def test_prefixes_stop_where_tokens_may_end():
    prefixes, pieces = key_prefixes(["al-qaeda in the islamic maghreb", "u.s."])
    assert {"al", "al-", "al-qaeda", "al-qaeda in the islamic"} <= prefixes
    assert "al-qa" not in prefixes
    assert pieces >= 6


@pytest.mark.parametrize("code, expected", [
    ("RUSGOV", ("RUS", "GOV")), ("RUS", ("RUS", None)), ("IGOUNO", ("IGO", None)),
    ("GOV", (None, "GOV")), ("---REB", (None, "REB"))])
def test_split_code(lexicon, code, expected):
    assert split_code(code, lexicon.sectors) == expected


def test_short_forms_match_case_exactly_and_names_need_capitals():
    us = make_named("US", "USA", "country", "United States", "GPE")
    assert us.exact and us.case_ok("US") and not us.case_ok("us")
    russia = make_named("Russia", "RUS", "country", "Russia", "GPE")
    assert russia.case_ok("Russia") and russia.case_ok("RUSSIA") and not russia.case_ok("russia")
    kremlin = make_named("the Kremlin", "RUSGOV", "capital", "Russia", "FAC")
    assert kremlin.case_ok("the Kremlin") and not kremlin.case_ok("the kremlin")


def test_date_restricted_codes_pick_the_code_in_force():
    entry = make_named("Sam Gamgee", "HOB", "dictionary", "Sam", "PERSON", dated=(
        DatedCode("ORCHOB", 20100109, 20100112), DatedCode("HOBMIL", 20080120, 20121109)))
    assert entry.code_on("2010-01-10") == "ORCHOB"  # first restriction that holds wins
    assert entry.code_on("2011-05-05") == "HOBMIL"
    assert entry.code_on("1999-01-01") == "HOB"  # the default code otherwise


@pytest.mark.parametrize("text, code, kind", [
    ("Russia", "RUS", "country"), ("Iraqi", "IRQ", "demonym"), ("Iraqis", "IRQ", "demonym"),
    ("Washington", "USAGOV", "capital"), ("Kremlin", "RUSGOV", "capital"),
    ("Downing Street", "GBRGOV", "capital"), ("Mosul", "IRQ", "city"),
    ("United Nations", "IGOUNO", "igo"), ("ISIL", "IMGMUSISI", "group"),
    ("Lukoil", "RUSBUS", "company"), ("U.S.", "USA", "country")])
def test_builtin_knowledge_is_in_the_lexicon(lexicon, text, code, kind):
    entry = lexicon.lookup_named(norm(text))
    assert entry is not None and entry.code == code and entry.kind == kind
    assert entry.case_ok(text)


def test_the_lexicon_is_read_only(lexicon):
    with pytest.raises(TypeError):
        lexicon.named["atlantis"] = lexicon.named["russia"]
    with pytest.raises(Exception):
        lexicon.max_tokens = 3


LEADER_ROWS = [row for _, row in read_table("leaders.tsv", ("names", "code", "from", "to", "note"))]


@pytest.mark.parametrize("row", LEADER_ROWS, ids=lambda r: r["names"].split("|")[0])
def test_every_leader_is_coded_in_office_and_elite_afterwards(lexicon, row):
    for name in row["names"].split("|"):
        entry = lexicon.lookup_named(norm(name))
        assert entry is not None and entry.label == "PERSON"
        assert entry.code_on(row["from"]) == row["code"]
        assert entry.code_on(None) == row["code"]
        if row["to"] and not row["code"].startswith("IGO"):
            year = int(row["to"][:4]) + 1
            assert entry.code_on(f"{year}-12-31") == row["code"][:3] + "ELI"
        assert entry.code_on("1900-01-01") is None


PARTY_ROWS = load_parties()
COMPANY_ROWS = load_companies()


@pytest.mark.parametrize("company", COMPANY_ROWS, ids=lambda c: c.name)
def test_every_company_name_is_in_the_lexicon_with_its_code(lexicon, company):
    for name in company.names:
        entry = lexicon.lookup_named(norm(name))
        assert entry is not None and entry.kind == "company", name
        assert entry.case_ok(name) and entry.code_on(None) == company.code, name


@pytest.mark.parametrize("party", PARTY_ROWS, ids=lambda p: p.name)
def test_every_party_name_is_in_the_lexicon_with_its_code_and_governing_periods(lexicon, party):
    for name in party.names:
        entry = lexicon.lookup_named(norm(name))
        assert entry is not None and entry.kind == "party" and entry.name == party.name, name
        assert entry.case_ok(name) and entry.label == "ORG"
        assert entry.code_on(None) == party.code
        assert entry.code_on("1900-01-01") == party.code
        for first, last in party.governs:
            assert entry.code_on(first) == party.governing_code
            if last:
                assert entry.code_on(last) != party.governing_code or any(
                    f == last for f, _ in party.governs)


def test_a_party_is_coded_gov_only_while_it_governs(lexicon):
    brotherhood = lexicon.lookup_named("muslim brotherhood")
    assert brotherhood.code_on("2015-06-09") == "EGYOPPMUS"
    assert brotherhood.code_on("2013-01-15") == "EGYGOVMUS"
    labour = lexicon.lookup_named("labour party")
    assert labour.code_on("2005-01-01") == "GBRGOV" and labour.code_on("2015-01-01") == "GBROPP"


@pytest.mark.parametrize("text", ["republicans", "labour", "tories", "democrats"])
def test_ambiguous_lower_case_party_words_are_not_names(lexicon, text):
    entry = lexicon.lookup_named(norm(text))
    assert entry is None or not entry.case_ok(text)
