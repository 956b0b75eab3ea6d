"""Event places: the offline gazetteer, the location rules, the dateline and actor geography."""

from __future__ import annotations

import dataclasses
import time

import pytest

from accord.actors.model import DocActors, ResolvedMention
from accord.enrich.gazetteer import Gazetteer, load_aliases
from accord.enrich.places import (actor_geo, load_domestic_sectors, load_location_preps,
                                  locate_events)
from accord.records import ActorMention, ActorRef, Article, Event, Span

from spacy_session import session_nlp


@pytest.fixture(scope="module")
def nlp(request):
    return session_nlp(request)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def actor(code, text="x", start=0, end=1):
    return ActorRef(code=code, country=code[:3], sector=code[3:] or None, text=text,
                    start=start, end=end)


def event_on(doc, trigger_word, source="USA", target=None):
    """An event whose trigger is the first occurrence of ``trigger_word``."""
    i = doc.text.index(trigger_word)
    tok = doc.char_span(i, i + len(trigger_word), alignment_mode="expand")[0]
    sidx = [s.start for s in doc.sents].index(tok.sent.start)
    return Event(event_id="e", doc_id="d", sentence_index=sidx, sentence=tok.sent.text,
                 code="190", base_code="190", root_code="19", quad_class=4, goldstein=-10.0,
                 source=actor(source), target=actor(target) if target else None,
                 trigger=Span(trigger_word, i, i + len(trigger_word)), confidence=1.0,
                 pattern_id="p")


def locate(nlp, gaz, text, trigger, dateline=None, source="USA", mentions=(), target=None,
           source_span=None):
    doc = nlp(text)
    actors = DocActors([m(doc) for m in mentions])
    article = Article(doc_id="d", text=text, dateline=dateline)
    event = event_on(doc, trigger, source, target)
    if source_span:
        start = text.index(source_span)
        src = dataclasses.replace(event.source, text=source_span, start=start,
                                  end=start + len(source_span))
        event = dataclasses.replace(event, source=src)
    return locate_events([event], doc, actors, article, gaz)[0]


def country_mention(word, code, kind="demonym"):
    def build(doc):
        i = [t.text for t in doc].index(word)
        span = doc[i:i + 1]
        sidx = [s.start for s in doc.sents].index(span.sent.start)
        m = ActorMention(doc_id="d", actor_id=code, sentence_index=sidx, code=code,
                         country=code, sector=None, text=span.text, start=span.start_char,
                         end=span.end_char, kind=kind)
        return ResolvedMention(mention=m, token_start=i, token_end=i + 1, head=i)
    return build


# -- gazetteer --------------------------------------------------------------------------------

def test_gazetteer_loads_in_under_a_second(gaz):
    # CPU time, not wall time: the test machine is shared, the load itself is what is measured
    started = time.process_time()
    Gazetteer.load()
    assert time.process_time() - started < 1.0


def test_city_lookup_gives_country_admin1_coordinates_and_geonames_id(gaz):
    mosul = gaz.lookup("Mosul")
    assert (mosul.name, mosul.country, mosul.feature) == ("Mosul", "IRQ", "city")
    assert mosul.admin1.startswith("IQ.") and mosul.geonames_id
    assert 36 < mosul.lat < 37 and 43 < mosul.lon < 44


def test_alternate_spellings_find_the_city(gaz):
    assert gaz.lookup("Kiev").name == "Kyiv"
    assert gaz.lookup("Basra").country == "IRQ"


def test_country_point_is_inside_the_country(gaz):
    iraq = gaz.lookup("Iraq")
    assert iraq.feature == "country" and iraq.country == "IRQ"
    assert 29 < iraq.lat < 38 and 38 < iraq.lon < 49
    assert gaz.country("RUS").name == "Russia"


def test_every_place_alias_resolves_to_its_target(gaz):
    for alias, kind, target in load_aliases():
        found = gaz.lookup(alias)
        if kind == "not_place":
            assert found is None, alias
            continue
        assert found is not None, alias
        if kind == "country":
            assert found.feature == "country" and found.country == gaz.iso3(target), alias
        else:
            assert str(found.geonames_id) == target, alias


def test_ambiguous_city_is_the_most_populous_unless_an_actor_country_is_preferred(gaz):
    assert gaz.lookup("Tripoli").country == "LBY"
    assert gaz.lookup("Tripoli", prefer=("LBN",)).country == "LBN"


def test_country_name_beats_a_city_of_the_same_name(gaz):
    assert gaz.lookup("Georgia").feature == "country"


def test_us_state_beats_a_foreign_city_of_its_name_but_not_a_us_city(gaz):
    assert gaz.lookup("Florida").feature == "admin1"
    assert gaz.lookup("New York").feature == "city"


def test_all_capital_codes_are_not_place_names(gaz):
    assert gaz.lookup("UTC") is None


def test_us_state_is_an_admin1_place(gaz):
    texas = gaz.lookup("Texas")
    assert (texas.feature, texas.country, texas.admin1) == ("admin1", "USA", "US.TX")


# -- location rules ---------------------------------------------------------------------------

def test_every_locative_preposition_places_its_example(nlp, gaz):
    for prep, example, expected in load_location_preps().entries:
        doc = nlp(example)
        root = next(doc.sents).root
        ev = event_on(doc, root.text)
        out = locate_events([ev], doc, DocActors([]), Article(doc_id="d", text=example), gaz)
        loc = out[0].location
        assert loc is not None and loc.text == expected, (prep, example, loc)
        assert loc.rule == "clause", (prep, loc.rule)


def test_place_of_a_complement_of_the_object(nlp, gaz):
    ev = locate(nlp, gaz, "Gunmen attacked a convoy of aid trucks near Kandahar on Friday.",
                "attacked")
    assert ev.location.text == "Kandahar" and ev.location.country == "AFG"


def test_place_in_a_preceding_participial_clause(nlp, gaz):
    ev = locate(nlp, gaz, "Speaking to reporters in Ankara, the minister condemned the raid.",
                "condemned")
    assert ev.location.name == "Ankara"


def test_infinitive_takes_the_place_of_its_governing_verb(nlp, gaz):
    ev = locate(nlp, gaz, "In Geneva the envoys agreed to extend the truce.", "extend")
    assert ev.location.name == "Geneva" and ev.location.rule == "clause_head"


def test_city_as_direct_object_is_the_place_but_a_country_is_an_actor(nlp, gaz):
    assert locate(nlp, gaz, "Government jets bombed Idlib overnight.",
                  "bombed").location.name == "Idlib"
    assert locate(nlp, gaz, "Saudi Arabia condemned Iran.", "condemned").location is None


def test_place_in_a_relative_clause_of_an_actor_is_not_the_event_place(nlp, gaz):
    ev = locate(nlp, gaz, "Turkey, which keeps troops in Syria, criticised Washington.",
                "criticised")
    assert ev.location is None


def test_city_qualified_by_its_state_is_looked_up_there(nlp, gaz):
    ev = locate(nlp, gaz, "A tornado destroyed homes in Paris, Texas.", "destroyed")
    assert (ev.location.name, ev.location.admin1) == ("Paris", "US.TX")


def test_ambiguous_city_takes_the_country_of_the_sentence_actors(nlp, gaz):
    text = "Lebanese troops clashed with gunmen in Tripoli."
    ev = locate(nlp, gaz, text, "clashed", source="LBN",
                mentions=[country_mention("Lebanese", "LBN")])
    assert ev.location.country == "LBN"


def test_here_puts_the_event_in_the_dateline_city(nlp, gaz):
    ev = locate(nlp, gaz, "The ministers held talks here on Thursday.", "held",
                dateline="MOSCOW", source="RUS")
    assert (ev.location.name, ev.location.rule) == ("Moscow", "dateline_here")


def test_dateline_city_when_an_actor_is_from_there_and_no_place_is_named(nlp, gaz):
    ev = locate(nlp, gaz, "Russia supports the Iraqi government.", "supports",
                dateline="MOSCOW", source="RUS")
    assert (ev.location.name, ev.location.rule) == ("Moscow", "dateline")


def test_dateline_is_not_used_for_actors_from_elsewhere(nlp, gaz):
    ev = locate(nlp, gaz, "Syrian forces shelled the town.", "shelled", dateline="BEIRUT",
                source="SYR")
    assert ev.location is None


def test_place_is_never_taken_from_another_sentence(nlp, gaz):
    text = "A bomb went off in Bristol in 2010. The group attacked a police station."
    ev = locate(nlp, gaz, text, "attacked")
    assert ev.location is None


def test_event_without_any_place_or_dateline_has_no_location(nlp, gaz):
    assert locate(nlp, gaz, "The rebels rejected the offer.", "rejected").location is None


# -- actor geography --------------------------------------------------------------------------

def test_actor_geography_is_the_country_point_or_the_city_named(gaz):
    geo = actor_geo(actor("IRQGOV", "the Iraqi government"), gaz).geo
    assert (geo.feature, geo.country, geo.rule) == ("country", "IRQ", "actor")
    city = actor_geo(actor("RUSGOV", "Moscow"), gaz).geo
    assert (city.feature, city.name) == ("city", "Moscow")
    assert actor_geo(actor("IGOUNO", "the UN"), gaz).geo is None


def test_events_get_actor_geography(nlp, gaz):
    ev = locate(nlp, gaz, "Police arrested two men in Basra.", "arrested", source="IRQ")
    assert ev.source.geo is not None and ev.source.geo.country == "IRQ"


def test_city_inside_the_first_named_country_is_preferred(nlp, gaz):
    ev = locate(nlp, gaz, "On Friday in Pakistan, the man was sentenced by a court in Multan.",
                "sentenced")
    assert ev.location.text == "Multan" and ev.location.rule == "clause"


def test_place_inside_an_organisation_name_is_not_a_place(nlp, gaz):
    ev = locate(nlp, gaz, "Moscow will keep fighting the Islamic State in Iraq and the Levant.",
                "fighting", source="RUS")
    assert ev.location is None


def test_every_domestic_sector_places_a_home_action_in_the_actor_country(nlp, gaz):
    for sector, example in load_domestic_sectors().items():
        doc = nlp(example)
        root = next(doc.sents).root
        ev = dataclasses.replace(event_on(doc, root.text), source=actor(f"KEN{sector}"))
        out = locate_events([ev], doc, DocActors([]), Article(doc_id="d", text=example), gaz)
        assert out[0].location is not None and out[0].location.country == "KEN", sector
        assert out[0].location.rule == "actor", sector


def test_actor_rule_skips_military_actors_and_foreign_targets(nlp, gaz):
    assert locate(nlp, gaz, "The army launched strikes.", "launched",
                  source="USAMIL").location is None
    assert locate(nlp, gaz, "The government criticised Beijing.", "criticised",
                  source="USAGOV", target="CHN",
                  mentions=[country_mention("Beijing", "CHN", kind="capital")]).location is None


def test_place_named_inside_the_actor_phrase_wins_over_its_country(nlp, gaz):
    text = "The governor of Ohio extended the order."
    ev = locate(nlp, gaz, text, "extended", source="USAGOV", source_span="The governor of Ohio")
    assert (ev.location.name, ev.location.rule) == ("Ohio", "actor")


@pytest.mark.shared
def test_scraped_story_talks_here_are_placed_in_the_moscow_dateline(scraped_story, request):
    from accord.ingest.readers import article_from_text

    pipeline = request.getfixturevalue("pipeline")
    raw = scraped_story.read_text(encoding="utf-8")
    result = pipeline.code_article(article_from_text(raw, str(scraped_story), "2015-10-16"))
    assert not result.errors, result.errors
    here = [e for e in result.events if " here," in e.sentence]
    assert here and all(e.location is not None and e.location.name == "Moscow"
                        and e.location.rule == "dateline_here" for e in here)
    # nothing is placed in Syria, Libya or Yemen: those are topics of the talks, not places
    assert all(e.location is None or e.location.country == "RUS" for e in result.events)


def test_place_of_a_noun_two_steps_from_the_verb_is_not_the_event_place(nlp, gaz):
    ev = locate(nlp, gaz, "The general approved the attacks on the embassy in Baghdad.",
                "approved")
    assert ev.location is None


def test_nationality_words_are_not_place_names(nlp, gaz):
    ev = locate(nlp, gaz, "The princess announced her run for the Thai party.", "announced")
    assert ev.location is None


def test_city_named_by_the_object_phrase_with_of(nlp, gaz):
    ev = locate(nlp, gaz, "Government jets bombed the town of Idlib.", "bombed")
    assert ev.location is not None and ev.location.text == "Idlib"


# -- the measured check -----------------------------------------------------------------------

def test_location_labels_have_four_columns_and_known_countries(gaz):
    from pathlib import Path

    path = Path(__file__).parent / "data" / "wikinews_locations.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines[0].split("\t") == ["article_id", "sentence_index", "expected_location",
                                    "expected_country"]
    rows = [ln.split("\t") for ln in lines[1:]]
    assert len(rows) == 100 and all(len(r) == 4 for r in rows)
    assert len({(r[0], r[1]) for r in rows}) == 100
    for _, index, place, country in rows:
        assert int(index) >= 0
        assert (place == "NONE") == (country == "NONE")
        assert country == "NONE" or gaz.country(country) is not None, country


def test_score_counts_right_places_and_right_silences(nlp, gaz):
    from accord.enrich.placecheck import score_locations

    text = "Police arrested two men in Basra. The rebels rejected the offer."
    labels = [{"article_id": "a", "sentence_index": 0, "expected_location": "Basra",
               "expected_country": "IRQ"},
              {"article_id": "a", "sentence_index": 1, "expected_location": "NONE",
               "expected_country": "NONE"},
              {"article_id": "a", "sentence_index": 9, "expected_location": "NONE",
               "expected_country": "NONE"}]
    score = score_locations(labels, {"a": Article(doc_id="a", text=text)}, nlp,
                            lambda doc, art: DocActors([]), gaz)
    assert score.share("place_ok") == (2, 2)
    assert score.share("country_ok", labelled=True) == (1, 1)
    assert score.missing == ("a#9",)
