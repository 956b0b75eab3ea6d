"""The coder on the wording of wire copy: blasts, borders, meetings in a place, negations,
obligations, diplomatic reactions, and the verbal uses of act verbs that code nothing."""

from __future__ import annotations

import pytest

from accord.records import Article
from tests.test_coder import code, triples  # noqa: F401  (the same fixture and helper)


def test_a_weapon_fired_by_someone_makes_them_the_doer_of_what_it_blew_up(code):
    events = code("The Kenyan army base was blown up by a rocket fired by Somali militants.")
    got = {(e.source.code, e.target.code if e.target else None, e.code) for e in events}
    assert ("SOMREB", "KEN", "194") in got, got


def test_blowing_up_a_deal_is_no_bombing(code):
    assert not any(e.code.startswith("18") for e in
                   code("The Kenyan president blew up the coalition with Uganda."))


def test_a_role_located_in_coordinated_countries_acts_for_each(code):
    events = code("Lawmakers in France and Germany welcomed the resumption of ties with Iran.")
    assert {e.source.code for e in events} >= {"FRALEG", "DEULEG"}
    events = code("Russia criticized officials in Chile and Peru.")
    assert {e.target.code for e in events if e.target} >= {"CHLGOV", "PERGOV"}


def test_a_nationality_distributes_over_coordinated_role_nouns(code):
    events = code("Danish media and government criticized Russia.")
    assert {e.source.code for e in events} == {"DNKMED", "DNKGOV"}
    events = code("Iraqi police and soldiers arrested the Kurdish activists.")
    assert {e.source.code for e in events} == {"IRQCOP", "IRQMIL"}


@pytest.mark.parametrize("text,expect", [
    ("North Korea threatened to launch a nuclear strike against Japan.", "1385"),
    ("Israel threatened to launch military strikes against Iran.", "138"),
    ("Greek teachers threatened to go on strike.", "133"),
])
def test_a_threatened_strike_is_military_or_a_walkout_by_its_words(code, text, expect):
    assert expect in {e.code for e in code(text)}


def test_troops_sent_to_a_country_are_military_aid_but_to_a_border_a_show_of_force(code):
    assert "072" in {e.code for e in code("Portugal sent 300 soldiers to Angola.")}
    got = {e.code for e in code("India deployed more troops to its border with China.")}
    assert "072" not in got and "154" in got, got


def test_coordinated_signatories_sign_with_each_other_not_with_the_host_city(code):
    events = code("Colombia's government and the FARC rebels signed a peace agreement in Havana.")
    got = {(e.source.code, e.target.code if e.target else None) for e in events}
    assert ("COLGOV", "COLREB") in got and ("COLREB", "COLGOV") in got
    assert not any(t == "CUB" for _, t in got), got


def test_a_counterpart_holds_the_same_office_in_the_other_state(code):
    events = code("Chinese President Hu Jintao met his Vietnamese counterpart in Beijing.")
    assert ("CHNGOV", "VNMGOV") in {(e.source.code, e.target.code if e.target else None)
                                    for e in events}


def test_a_group_named_in_the_singular_as_a_modifier_is_still_the_group(code):
    events = code("The Sri Lankan military captured a key Tamil Tiger base in the north.")
    assert ("LKAMIL", "LKAREB", "192") in {(e.source.code, e.target.code if e.target else None,
                                            e.code) for e in events}


def test_pulling_out_of_an_election_is_no_military_retreat(code):
    events = code("The Kenyan opposition leader pulled out of the election on Friday.")
    assert not any(e.code.startswith("087") for e in events)
    assert "0874" in {e.code for e in code("Canada pulled its soldiers out of Kandahar.")}


def test_troops_withdrawn_from_a_place_are_not_that_places_troops(code):
    events = code("Israel withdrew its troops from Gaza.")
    assert ("ISR", "PSE", "0874") in {(e.source.code, e.target.code if e.target else None,
                                       e.code) for e in events}


def test_armed_men_crossing_into_a_country_occupy_but_refugees_do_not(code):
    assert "192" in {e.code for e in code("Russian troops pushed deeper into Georgia.")}
    assert not any(e.code.startswith("19") for e in
                   code("Thousands of Syrian refugees crossed into Turkey."))


@pytest.mark.parametrize("text,expect", [
    ("Indian and Pakistani troops exchanged fire in Kashmir.", {("IND", "PAK", "193"),
                                                              ("PAK", "IND", "193")}),
    ("Kenya closed its border with Somalia.", {("KEN", "SOM", "191")}),
    ("Chad and Sudan restored diplomatic relations.", {("TCD", "SDN", "054"),
                                                       ("SDN", "TCD", "054")}),
    ("The United States resumed military aid to Egypt.", {("USA", "EGY", "072")}),
])
def test_common_wire_acts_code_with_their_dyads(code, text, expect):
    assert expect <= triples(code(text))


def test_coordinated_actors_with_an_uncoded_partner_do_not_act_on_each_other(code):
    events = code("Bahrain and Kosovo opened diplomatic relations with the new state.")
    assert not {(e.source.code, e.target.code if e.target else None) for e in events} & {
        ("BHR", "KSV"), ("KSV", "BHR")}


@pytest.mark.parametrize("text,expect", [
    ("Russia has not withdrawn its troops from Ukraine.", set()),
    ("Israel did not release the Palestinian prisoners.", set()),
    ("Russia will not withdraw its troops from Ukraine.", {"1246"}),
    ("China does not recognize the Taiwanese government.", {"120"}),
])
def test_a_negated_past_act_did_not_happen_but_a_negated_future_is_a_refusal(code, text, expect):
    assert {e.code for e in code(text)} == expect


def test_opening_fire_to_disperse_a_crowd_targets_the_crowd(code):
    got = triples(code("Egyptian police opened fire to disperse Islamist demonstrators, killing "
                       "one person."))
    assert ("EGY", "EGY", "193") in got and ("EGY", "EGY", "175") in got, got


@pytest.mark.parametrize("text", [
    "The Kenyan minister said he did not wish to make any judgements.",
    "Kenya Airways wants to capitalize on its strong distribution system.",
])
def test_a_wish_or_its_negation_about_nothing_codable_is_no_event(code, text):
    assert not code(text)


@pytest.mark.parametrize("text,absent", [
    ("Pope Francis imposed a law mandating priests to report abuse.", "1724"),
    ("Cold weather has pushed US crude oil prices above 50 dollars for the first time.", "100"),
    ("Azerbaijan claimed to have killed about 2,300 Armenian soldiers.", "112"),
])
def test_words_that_only_look_like_an_event_code_nothing_of_it(code, text, absent):
    assert absent not in {e.code for e in code(text)}


def test_martial_law_and_a_state_of_emergency_are_1724(code):
    assert "1724" in {e.code for e in code("Thailand declared martial law in Bangkok.")}
    assert "1724" in {e.code for e in code("Peru declared a state of emergency in Lima.")}


def test_who_condemns_or_welcomes_an_act_did_not_do_it(code):
    events = code("Chile and Peru condemned the attack on the Bolivian parliament.")
    assert not any(e.code.startswith("19") for e in events), [(e.source.code, e.code)
                                                              for e in events]
    assert "0871" in {e.code for e in code("Hezbollah declared a ceasefire with Israel.")}


def test_a_trailing_participle_yields_to_the_main_event(code):
    events = code("The Kenyan foreign minister held talks with his Ugandan counterpart in "
                  "Kampala, offering military aid to Uganda.")
    assert {e.code[:2] for e in events} == {"04"}, [(e.source.code, e.code) for e in events]
    events = code("Kenya offered military aid to Uganda.")
    assert any(e.code.startswith("03") for e in events)


def test_a_participle_after_a_posted_message_is_the_posters_act(code):
    got = triples(code("The Kenyan foreign minister posted a message on Twitter blaming Somalia "
                       "for the attacks."))
    assert any(s == "KEN" and t == "SOM" and c.startswith("11") for s, t, c in got), got


def test_a_rule_that_requires_something_makes_no_demand(code):
    got = {e.code[:2] for e in code("The pact between the European Union and Mercosur requires "
                                    "Brazilian compliance with the climate accord.")}
    assert "10" not in got, got


def test_whom_one_supports_against_someone_is_not_the_adversary(code):
    events = code("Saudi Arabia supported the new government against the Houthi rebels.")
    got = {(e.source.code, e.target.code if e.target else None, e.code) for e in events}
    assert not any(t == "YEMREB" for s, t, c in got if c.startswith("05")), got
    assert ("IRN", "SYR", "051") in triples(code("Iran supports Syria against the rebels."))


def test_two_leaders_meeting_in_a_third_country_meet_each_other_there(code):
    events = code("Obama and Putin met in Geneva on Monday.")
    got = {(e.source.code, e.target.code if e.target else None, e.code) for e in events}
    assert {("USAGOV", "RUSGOV", "044"), ("RUSGOV", "USAGOV", "044")} <= got, got
    got = triples(code("The presidents of Chile and Peru met in Lima."))
    assert {("CHL", "PER", "040"), ("PER", "CHL", "040")} <= got, got


@pytest.mark.parametrize("text,expect", [
    ("Egypt said Israel must withdraw its troops from Gaza.", ("EGY", "ISR", "1056")),
    ("France said Iran should hold talks with the United States.", ("FRA", "IRN", "026")),
])
def test_must_or_should_in_someones_words_demands_or_appeals(code, text, expect):
    assert expect in triples(code(text))


def test_a_must_the_reporter_writes_is_no_event(code):
    assert not code("Israel must withdraw from Gaza.")


@pytest.mark.parametrize("text", [
    "Sweden's Wallenberg group fought back a bid by the London-based financier.",
    "Kenya is fighting the spread of the virus.",
    "Kenya and Uganda battled for the title.",
])
def test_fighting_a_bid_a_virus_or_for_a_title_is_no_combat(code, text):
    assert not any(e.code.startswith("19") for e in code(text))


@pytest.mark.parametrize("text,source", [
    ("The Afghan army chief visited Pakistan.", "AFGMIL"),
    ("The Egyptian intelligence chief met Hamas leaders in Cairo.", "EGYSPY"),
    ("The Kenyan police chief arrested two Somali journalists.", "KENCOP"),
])
def test_the_chief_of_a_force_acts_for_that_force(code, text, source):
    assert source in {e.source.code for e in code(text)}


def test_a_headline_list_of_subjects_acts_together(code):
    got = triples(code("Russia, China sign gas deal"))
    assert {("RUS", "CHN", "057"), ("CHN", "RUS", "057")} <= got, got


def test_an_appeal_for_calm_in_a_country_is_addressed_to_it(code):
    assert ("IGO", "KEN", "020") in triples(code("UN chief urges calm in Kenya"))


def test_pleading_guilty_is_no_appeal(code):
    assert not any(e.code.startswith("02") for e in
                   code("The Kenyan bank pleaded guilty in a US court on Monday."))


@pytest.mark.parametrize("text,absent", [
    ("Migrants will have to demonstrate that they have a clean record.", "14"),
    ("The Kenyan opposition leader attacked the president's words on Monday.", "19"),
    ("Iran withdrew its threat against Saudi Arabia.", "08"),
    ("It means acting through the United Nations on terrorism.", "03"),
])
def test_verbal_uses_of_act_verbs_code_no_act(code, text, absent):
    assert not any(e.code.startswith(absent) for e in code(text))


@pytest.mark.parametrize("date,source", [("2005-01-15", "GBROPP"), ("2014-06-01", "GBRGOV")])
def test_a_party_adjective_before_leader_names_the_party_in_or_out_of_power(pipeline, date,
                                                                           source):
    result = pipeline.code_article(Article(doc_id="t", date=date,
                                           text="Tory leader Michael Howard criticised Chile."))
    assert source in {e.source.code for e in result.events}


def test_talks_held_between_two_states_are_theirs(code):
    got = triples(code("Talks were held between India and Pakistan."))
    assert {("IND", "PAK", "046"), ("PAK", "IND", "046")} <= got, got


def test_a_passive_frame_verb_is_about_its_subject(code):
    got = triples(code("A ceasefire was agreed by Israel and Hamas."))
    assert ("ISR", "PSE", "0356") in got, got


def test_speaking_by_phone_is_a_phone_call(code):
    got = triples(code("Japan's prime minister spoke by phone with his South Korean counterpart."))
    assert ("JPN", "KOR", "041") in got, got


@pytest.mark.parametrize("text,expect", [
    ("The United States denied Iranian claims that it had violated Iranian airspace.",
     {("USA", "IRN", "016")}),
    ("Pakistan summoned the Indian envoy to protest the killing of civilians.",
     {("PAK", "IND", "110")}),
    ("Turkey recalled its ambassador to Austria for consultations.", {("TUR", "AUT", "161")}),
    ("Morocco suspended diplomatic relations with Germany.", {("MAR", "DEU", "161")}),
])
def test_diplomatic_reactions_code_one_event_with_the_other_state(code, text, expect):
    assert triples(code(text)) == expect


def test_a_mutual_act_is_never_between_a_country_and_its_own_body(code):
    events = code("Canadian and Egyptian negotiators failed to conclude an agreement on wheat "
                  "exports to Egypt.")
    assert not any(e.target is not None and e.target.code[:3] == e.source.code[:3]
                   for e in events), [(e.source.code, e.target.code) for e in events]


def test_a_government_and_its_rebels_meeting_abroad_meet_each_other(code):
    got = triples(code("The Syrian government and the rebels met in Geneva."))
    assert ("SYR", "SYR", "044") in got, got


def test_vowing_revenge_against_a_state_threatens_it(code):
    got = triples(code("Iran vowed revenge against the United States for the killing of its "
                       "general."))
    assert got == {("IRN", "USA", "130")}, got


def test_it_said_after_the_clause_is_not_a_country_named_in_the_clause(code):
    assert not code("Smaller nations such as Cyprus, Ireland and Malta would also be among the "
                    "best performing economies this year, it said.")


def test_an_economy_that_hits_sales_attacks_nobody(code):
    assert not any(e.code.startswith("19") for e in
                   code("The sluggish European economy has hit sales at Swiss food giant Nestle."))


def test_workers_of_a_country_striking_against_the_government_strike_against_theirs(code):
    assert ("FRA", "FRA", "143") in triples(code("French workers went on strike against the "
                                                 "government."))


@pytest.mark.parametrize("text,expect", [
    ("A roadside bomb killed two British soldiers in southern Afghanistan.", ("AFG", "GBR")),
    ("A car bomb wounded ten Nigerian policemen in Lagos.", ("NGA", "NGA")),
])
def test_a_bomb_that_kills_targets_its_victims(code, text, expect):
    assert expect in {(s, t) for s, t, _ in triples(code(text))}


@pytest.mark.parametrize("text,expect", [
    ("Britain called for Iran to release the sailors.", ("GBR", "IRN", "0253")),
    ("Canada called for Cuba to institute democratic reforms.", ("CAN", "CUB", "024")),
])
def test_a_call_for_someone_to_act_takes_its_topic_from_the_act(code, text, expect):
    assert expect in triples(code(text))


@pytest.mark.parametrize("text,expect", [
    ("Iran reiterated its demand that Britain release the sailors.", ("IRN", "GBR", "1053")),
    ("Hamas repeated its call for Israel to lift the siege.", ("PSE", "ISR", "0256")),
])
def test_a_demand_or_call_noun_takes_its_topic_and_addressee_from_its_clause(code, text, expect):
    assert expect in triples(code(text))


@pytest.mark.parametrize("text", [
    "Israel halted its offensive in Gaza.",
    "Russia called off its attack on Kyiv.",
    "The Nigerian union suspended its strike against the government.",
])
def test_an_act_that_is_halted_or_called_off_is_not_coded_as_done(code, text):
    assert not {c for _, _, c in triples(code(text)) if c[:2] in ("14", "19")}


def test_halting_verbs_are_read_from_the_data_file():
    from accord.events.lexicon import load_event_lexicon
    halting = load_event_lexicon().halting_verbs
    assert {"halt", "suspend", "call off"} <= halting


def test_the_acts_own_words_refine_its_code_before_the_doers_name(code):
    got = triples(code("Human Rights Watch accused Syria of bribery."))
    assert {c for _, _, c in got} == {"1121"}, got
    got = triples(code("Israeli warplanes bombed the town of Rafah."))
    assert {c for _, _, c in got} == {"195"}, got


@pytest.mark.parametrize("text,threat", [
    ("Obama warned that Putin could destroy the ceasefire.", False),
    ("Iran warned that the economy could collapse.", False),
    ("Iran warned that its forces would attack Israel.", True),
    ("Iran warned that it would close the strait.", True),
])
def test_a_warning_about_what_another_may_do_is_no_threat(code, text, threat):
    assert any(c[:2] == "13" for _, _, c in triples(code(text))) is threat


def test_peacekeepers_sent_are_also_received_with_the_actors_reversed(code):
    got = triples(code("Ghana sent peacekeepers to Liberia."))
    assert {("GHA", "LBR", "074"), ("LBR", "GHA", "0861")} <= got, got


def test_calling_a_strike_is_no_end_to_it(code):
    got = triples(code("Nigerian unions called a general strike."))
    assert not any(c == "082" for _, _, c in got), got


def test_troops_clashing_with_rebels_in_their_own_country_fight_the_rebels(code):
    got = code("Turkish troops clashed with Kurdish rebels in southeastern Turkey.")
    assert {(e.source.code, e.target.code if e.target else None, e.code) for e in got} >= {
        ("TURMIL", "---REB", "190"), ("---REB", "TURMIL", "190")}


def test_a_progressive_the_parser_hangs_on_is_keeps_its_subject(code):
    assert ("QAT", "PSE", "045") in triples(code("Qatar is mediating between Hamas and Fatah."))


def test_one_dyad_coded_generally_and_specifically_keeps_the_specific_code(code):
    got = triples(code("A US drone strike killed a senior al-Qaeda commander in Yemen."))
    assert {c for s, t, c in got if s == "USA"} == {"1952"}, got


def test_coming_under_fire_from_someone_is_their_attack(code):
    got = triples(code("Kenyan police came under heavy gunfire from Somali militants."))
    assert any(s == "SOM" and t == "KEN" and c.startswith("19") for s, t, c in got), got
    assert not any(s == "KEN" for s, _, _ in got), got


def test_returning_something_to_a_country_is_no_visit(code):
    assert "042" not in {c for _, _, c in triples(code("Britain returned the stolen statues to Greece."))}
    assert "042" in {c for _, _, c in triples(code("The Iranian president returned to Moscow."))}


def test_a_figurative_clash_between_a_firm_and_a_government_is_no_fighting(code):
    assert not triples(code("The clash between Yukos and the Kremlin came to a head last year."))


@pytest.mark.parametrize("text,coded", [
    ("Thousands of people were killed in Indonesia when the tsunami struck.", False),
    ("Twenty people died in Peru after a landslide buried their village.", False),
    ("Five people were killed in Kabul when gunmen opened fire on a market.", True),
])
def test_an_agentless_death_in_a_disaster_is_nobodys_act(code, text, coded):
    assert any(c[:2] in ("18", "19", "20") for _, _, c in triples(code(text))) is coded
