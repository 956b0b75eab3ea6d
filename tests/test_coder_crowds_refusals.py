"""Who does the violence decides its code (riot 145, repression 175); a refused permission is
124; the purpose clause of a meeting is the same meeting; a rejected offer rebuffs its author;
an open question ("decide whether to") is no intent."""

from __future__ import annotations

import pytest

from accord.events.crowds import load_crowd_rules
from accord.events.lexicon import DATA_DIR
from accord.records import Article


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str, date: str | None = None):
        result = pipeline.code_article(Article(doc_id="t", text=text, date=date))
        assert not result.errors, result.errors
        return {(e.source.code, e.target.code if e.target else None, e.code)
                for e in result.events}
    return run


def test_protesters_who_attack_riot(code):
    got = code("Protesters attacked the Egyptian embassy in Tunis.")
    assert {c for _, _, c in got} == {"145"}, got


def test_a_clash_between_police_and_rioters_is_a_riot_one_way_and_repression_the_other(code):
    got = code("Rioters clashed with Kenyan police in Nairobi.")
    assert ("KENOPP", "KENCOP", "145") in got
    assert ("KENCOP", "KENOPP", "175") in got
    assert not any(c == "190" for _, _, c in got), got


def test_a_crowd_read_off_the_noun_even_when_only_the_place_gives_it_a_country(code):
    got = code("Syrian troops clashed with angry rioters in a Lebanese village")
    codes = {(s[:3], c) for s, _, c in got}
    assert ("SYR", "175") in codes and ("LBN", "145") in codes, got


def test_a_protestor_spelled_with_o_is_a_protester(code):
    got = code("The Serbian police station was wrecked by a Bosnian protestor.")
    assert any(s == "BIHOPP" and c == "145" for s, _, c in got), got


def test_shooting_at_demonstrators_keeps_its_own_code(code):
    got = code("Egyptian police opened fire on demonstrators in Cairo.")
    assert {c for _, _, c in got} == {"193"}, got
    got = code("The police fired on protesters in Cairo.")
    assert {c for _, _, c in got} == {"193"}, got


def test_demonstrators_firing_missiles_are_fighting_not_rioting(code):
    got = code("Armenian demonstrators fired rockets at the Armenian parliament.")
    assert {c for _, _, c in got} == {"194"}, got


def test_violence_between_states_is_untouched(code):
    got = code("Chad attacked Sudan on Monday.")
    assert {c[:2] for _, _, c in got} == {"19"}, got


def test_refusing_permission_is_refusing_to_yield(code):
    got = code("Ghana said it would not allow Togo to use its airspace.")
    assert ("GHA", "TGO", "124") in got
    got = code("Chile did not give permission to Peru to land its aircraft.")
    assert ("CHL", "PER", "124") in got


def test_allowing_is_not_coded_on_its_own(code):
    assert code("Ghana allowed Togo to use its airspace.") == set()


def test_a_meetings_purpose_clause_is_not_a_second_meeting(code):
    got = code("Obama and Putin will meet in Geneva to discuss trade.", date="2014-05-01")
    assert ("USAGOV", "CHE", "040") in got and ("RUSGOV", "CHE", "040") in got
    assert ("USAGOV", "RUSGOV", "040") not in got, got


def test_a_purpose_clause_with_a_participant_of_its_own_is_kept(code):
    got = code("The Turkish minister flew to Cairo to negotiate with Egyptian officials.")
    assert any(s.startswith("TUR") and t == "EGYGOV" for s, t, _ in got), got


def test_crowd_rules_file_loads_and_names_cameo_codes():
    rules = load_crowd_rules(DATA_DIR / "crowds.yaml")
    assert "protester" in rules.crowd_nouns and rules.riot_code == "145"
    assert rules.repress_code == "175" and "190" in rules.repress_codes


def test_a_crowd_rules_file_with_a_missing_key_is_refused(tmp_path):
    bad = tmp_path / "crowds.yaml"
    bad.write_text("crowd_nouns: [mob]\nriot_code: '145'\n")
    with pytest.raises(ValueError, match="crowds.yaml needs"):
        load_crowd_rules(bad)


def test_rioters_who_wreck_property_riot_even_without_a_target(code):
    got = code("In Lima, rioters began to loot and vandalize shops.")
    assert got and {c for _, _, c in got} == {"145"}, got


@pytest.mark.parametrize("text,expect", [
    ("Thousands of Kenyans protested in Nairobi against the government.", "141"),
    ("Kenyan students protested against the new fees.", "141"),
    ("China protested to Japan over the visit.", "114"),
])
def test_people_who_protest_demonstrate_while_a_state_that_protests_complains(code, text, expect):
    assert expect in {c for _, _, c in code(text)}


@pytest.mark.parametrize("text,expect", [
    ("Russia called for an end to the violence in eastern Ukraine.", "0256"),
    ("The UN called for an end to the strike in Nigeria.", "0252"),
    ("Egypt called for an end to the sanctions on Sudan.", "0254"),
])
def test_a_call_for_an_end_takes_its_code_from_what_is_to_end(code, text, expect):
    assert expect in {c for _, _, c in code(text)}


@pytest.mark.parametrize("text,expect", [
    ("Chad rejected a French offer to host talks between the army and the rebels.",
     ("TCD", "FRA", "125")),
    ("Ghana rejected Togo's proposal to hold talks with the opposition.", ("GHA", "TGO", "125")),
    ("Peru rejected the request by Chile to release the fishermen.", ("PER", "CHL", "1243")),
])
def test_a_rejected_offer_rebuffs_its_author_not_the_parties_it_names(code, text, expect):
    got = code(text)
    assert expect in got, got
    assert {t for _, t, _ in got} == {expect[1]}, got


@pytest.mark.parametrize("text", [
    "Germany will decide whether to send troops to Mali.",
    "Spain is still weighing whether to recognise Kosovo.",
])
def test_an_open_question_is_no_intent(code, text):
    assert code(text) == set()


def test_asking_whether_another_will_help_is_still_a_request(code):
    assert ("ESP", "ITA", "023") in code("Spain asked Italy whether it would send aid to Libya.")


def test_what_an_act_is_done_without_is_not_what_it_is_about(code):
    got = code("The Kenyan president agreed to resign without returning to Nairobi.")
    assert {c for _, _, c in got} == {"0341"}, got


@pytest.mark.parametrize("text,expect", [
    ("Ukraine urged NATO to step up military cooperation.", "0212"),
    ("The Kenyan opposition urged the president to step down.", "0241"),
    ("Serbia agreed to give up its claim to the region.", "035"),
    ("Japan agreed to give aid to Haiti.", "033"),
])
def test_a_phrasal_verb_a_topic_names_whole_beats_its_bare_verb(code, text, expect):
    assert expect in {c for _, _, c in code(text)}


def test_a_refusal_to_comment_codes_011_and_a_comment_is_no_refusal(code):
    assert ("USA", None, "011") in {(s[:3], t, c) for s, t, c in
                                    code("The White House did not comment on the report.")}
    assert "011" not in {c for _, _, c in code("Russia commented on the report.")}


@pytest.mark.parametrize("text,expect", [
    ("Thousands demonstrated in Cairo against the government.", ("EGY", "141")),
    ("Protests broke out in Dakar on Friday.", ("SEN", "141")),
    ("Rioting broke out in Port-au-Prince.", ("HTI", "145")),
])
def test_a_crowd_with_no_actor_named_is_the_people_of_the_place(code, text, expect):
    assert expect in {(s[:3], c) for s, _, c in code(text)}


def test_the_month_of_march_is_no_march(code):
    assert code("The party will continue its primary season on March 17 in Ohio.") == set()
