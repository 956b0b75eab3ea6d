"""PETRARCH2 actor and agent dictionaries: blocks, synonyms, date restrictions, agents, loading."""

from __future__ import annotations

import json
import time

import pytest

from accord.actors.lexicon import load_actor_lexicon, norm
from accord.actors.petrarch import (
    parse_code_cell, parse_date, read_actor_dictionary, read_agent_dictionary)
from accord.actors.resolve import resolve_actors
from accord.config import Settings
from accord.records import Article

from actor_session import session_actor_nlp
from conftest import shared_path

ACTORS = """\
<!-- a test actor dictionary -->
# a comment line
VALDORIA_ [VAL]
+VALDORIAN
+PORT_SERAN  # the capital, as a synonym

KESTREL_UNION [IGOKSU]  # an organisation

MARO_TENZIL_
+TENZIL
\t[VALGOV 19990101-20051231] # minister
\t[VALELI >20051231]

OLD_KINGDOM
\t[OLK <19501231]
\t[NEW]

<!-- a comment over
several lines -->
NOBODY_IN_PARTICULAR [---]
"""

AGENTS = """\
!OFF! = OFFICER, OFFICIAL
HARBOUR_MASTER [~GOV] # a made-up agent
FERRY {FERRIES} [~BUS]
FLEET {} [~MIL]
RELIEF_SOCIETY [NGO~]
CHIEF_!OFF! [~GOV]
"""


@pytest.fixture()
def dict_files(tmp_path):
    actors = tmp_path / "test.actors.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    agents = tmp_path / "test.agents.txt"
    agents.write_text(AGENTS, encoding="utf-8")
    return actors, agents


def test_actor_blocks_hold_synonyms_and_codes(dict_files):
    blocks = {b.phrases[0]: b for b in read_actor_dictionary(dict_files[0])}
    assert blocks["VALDORIA"].phrases == ("VALDORIA", "VALDORIAN", "PORT SERAN")
    assert blocks["VALDORIA"].code == "VAL"
    assert blocks["KESTREL UNION"].code == "IGOKSU"
    assert blocks["NOBODY IN PARTICULAR"].null
    assert "a comment" not in " ".join(p for b in blocks.values() for p in b.phrases)


def test_date_restrictions_resolve_against_the_story_date(dict_files):
    lexicon = load_actor_lexicon(Settings(actor_dictionaries=(dict_files[0],)))
    tenzil = lexicon.lookup_named(norm("Tenzil"))
    assert tenzil.code_on("2003-06-01") == "VALGOV"
    assert tenzil.code_on("2015-06-01") == "VALELI"
    assert tenzil.code_on("1990-06-01") is None  # no default code and no restriction holds
    old = lexicon.lookup_named(norm("old kingdom"))
    assert old.code_on("1940-01-01") == "OLK" and old.code_on("1990-01-01") == "NEW"


@pytest.mark.parametrize("cell, expected", [
    ("RUSGOV", ("RUSGOV", None, False)),
    ("---", (None, None, True)),
    ("ELR/GAL", ("ELR", None, False)),
])
def test_plain_code_cells(cell, expected):
    assert parse_code_cell(cell) == expected


@pytest.mark.parametrize("cell, first, last", [
    ("RUSGOV >20040309", 20040310, 99999999),
    ("HOB < 950601", 0, 19950531),
    ("HOBGOV 19950601 - 19990815", 19950601, 19990815),
    ("RUSGOV 041001-080531", 20041001, 20080531),
])
def test_date_restricted_code_cells(cell, first, last):
    _, dated, _ = parse_code_cell(cell)
    assert (dated.first, dated.last) == (first, last)


def test_six_digit_dates_follow_petrarch_century_rule():
    assert parse_date("300101") == 20300101 and parse_date("310101") == 19310101


def test_a_reversed_date_range_is_an_error():
    with pytest.raises(ValueError):
        parse_code_cell("ABC 20100101-20000101")


def test_agents_get_plurals_substitutions_and_codes(dict_files):
    agents = {a.phrase: a for a in read_agent_dictionary(dict_files[1])}
    assert agents["HARBOUR MASTER"].code == "~GOV" and "HARBOUR MASTERS" in agents
    assert "FERRIES" in agents and "FERRYS" not in agents
    assert "FLEET" in agents and "FLEETS" not in agents
    assert {"CHIEF OFFICER", "CHIEF OFFICIAL"} <= set(agents)
    assert agents["RELIEF SOCIETY"].code == "NGO~"


def test_loaded_entries_add_to_and_override_builtins(dict_files, tmp_path):
    override = tmp_path / "override.actors.txt"
    override.write_text("MOSUL [IRQMOS]\n", encoding="utf-8")
    lexicon = load_actor_lexicon(Settings(actor_dictionaries=(dict_files[0], override),
                                          agent_dictionaries=(dict_files[1],)))
    assert lexicon.lookup_named("valdoria").code == "VAL"
    mosul = lexicon.lookup_named("mosul")
    assert mosul.code == "IRQMOS" and mosul.kind == "city"  # built-in kind kept, code replaced
    assert lexicon.lookup_role("harbour master").sector == "GOV"
    assert lexicon.lookup_role("relief society").prefix == "NGO"
    assert lexicon.lookup_role("minister").sector == "GOV"  # built-ins stay


@pytest.fixture(scope="module")
def nlp(request):
    return session_actor_nlp(request)[0]


def test_dictionary_actors_and_agents_resolve_in_text(nlp, dict_files):
    lexicon = load_actor_lexicon(Settings(actor_dictionaries=(dict_files[0],),
                                          agent_dictionaries=(dict_files[1],)))
    text = "Valdorian harbour masters met Tenzil in Port Seran. The Kestrel Union objected."
    doc = nlp(text)
    got = {(m.mention.text, m.code) for m in
           resolve_actors(doc, Article("t", text, date="2003-06-01"), lexicon).mentions}
    assert {("Valdorian harbour masters", "VALGOV"), ("Tenzil", "VALGOV"),
            ("Port Seran", "VAL"), ("Kestrel Union", "IGOKSU")} <= got


def test_phoenix_dictionaries_load_and_code_lavrov():
    folder = shared_path("dictionaries", "phoenix")
    settings = Settings(actor_dictionaries=tuple(sorted(folder.glob("*.actors.txt"))),
                        agent_dictionaries=(folder / "Phoenix.agents.txt",))
    lexicon = load_actor_lexicon(settings)
    assert lexicon.lookup_named(norm("SERGEY LAVROV")).code_on("2015-03-05") == "RUSGOV"
    assert lexicon.lookup_named(norm("Lavrov")).code_on("2015-03-05") == "RUSGOV"
    assert len(lexicon.named) > 30000


@pytest.fixture(scope="module")
def validate_lexicon():
    folder = shared_path("dictionaries", "petr_validate")
    return load_actor_lexicon(Settings(
        actor_dictionaries=(folder / "PETR.Validate.actors.txt",),
        agent_dictionaries=(folder / "PETR.Validate.agents.txt",)))


@pytest.mark.parametrize("phrase, code", [
    ("Arnor", "ARN"), ("Gondor", "GON"), ("Mordor", "MOR"), ("Minas Tirith", "GON"),
    ("Barad-dur", "MOR"), ("Cirith Ungol", "MORMIL")])
def test_validation_dictionary_fictional_states(validate_lexicon, phrase, code):
    assert validate_lexicon.lookup_named(norm(phrase)).code_on("1995-01-01") == code


def test_petr_unittest_sources_are_found_with_the_validation_dictionaries(nlp, validate_lexicon):
    """Share of unit-test events whose source code appears among the sentence's mentions."""
    path = shared_path("gold", "petr_unittest.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    total = hit = 0
    for rec in records:
        sources = {e["source"] for e in rec["events"] if e.get("source")}
        if not sources:
            continue
        doc = nlp(rec["text"])
        codes = {m.code for m in resolve_actors(
            doc, Article(rec["id"], rec["text"], date=rec["date"]), validate_lexicon).mentions}
        total += 1
        hit += bool(sources & codes)
    assert total > 100 and hit / total >= 0.85, (hit, total)
