"""Cleaning steps: mojibake repair, repeated headline, site furniture, dateline, whitespace."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from accord.ingest.clean import (CleaningRules, collapse_repeated_headline, default_rules,
                                 extract_dateline, normalise_whitespace, split_title,
                                 strip_boilerplate, strip_leading_furniture)
from accord.ingest.mojibake import fix_chain_mojibake, repair_mojibake, suspicion

RULES = default_rules()


def garble_via_cp1256(text: str) -> str:
    """What a broken scraper does: UTF-8 read as cp1256, re-encoded, then read as Latin-1."""
    return text.encode("utf-8").decode("cp1256").encode("utf-8").decode("latin-1")


# -- mojibake ---------------------------------------------------------------------------------
@pytest.mark.parametrize("original", [
    "talks vis-à-vis terrorism", "a café in Zürich", "naïve hopes", "Gdańsk shipyard",
    "São Paulo", "Renée Müller", "Straße", "Ørsted", "£5m deal", "Señor Peña’s “plan”",
])
def test_cp1256_chain_mojibake_is_undone(original):
    assert repair_mojibake(garble_via_cp1256(original)) == original


def test_scraped_vis_a_vis_with_lost_no_break_space_is_repaired():
    # The no-break space that belonged to "à" arrives as a plain space.
    assert repair_mojibake("its position vis-Ø£ -vis the neighbours") == \
        "its position vis-à-vis the neighbours"


@pytest.mark.parametrize("genuine", [
    "Ørsted shares rose", "a £5m contract", "the café reopened", "Åsa Ødegaard in Tromsø",
    "“We agree,” he said – it’s done…", "Müller met Núñez in Besançon", "¿Qué? ¡Sí!",
    "100 °C and 5 µg", "Ça va, Øystein?", "Mr Ó Bríain’s résumé",
])
def test_genuine_accented_text_is_left_alone(genuine):
    assert repair_mojibake(genuine) == genuine


@pytest.mark.parametrize("arabic_script", [
    "أپ", "آپ کا شکریہ", "قال الوزير إن المحادثات كانت بناءة",
])
def test_genuine_arabic_script_words_are_not_re_decoded(arabic_script):
    # "أپ" alone would decode from cp1256 to "Á", but it is not inside Latin text.
    assert repair_mojibake(arabic_script) == arabic_script


def test_half_repaired_chain_inside_a_latin_word_is_finished():
    assert fix_chain_mojibake("the cafأ© reopened") == "the café reopened"


def test_classic_single_layer_mojibake_is_fixed_by_ftfy():
    assert repair_mojibake("the cafÃ© reopened") == "the café reopened"


def test_curly_quotes_are_kept_not_straightened():
    assert repair_mojibake("“Our relations,” he said, “are solid.”") == \
        "“Our relations,” he said, “are solid.”"


def test_chain_repair_is_per_run_so_genuine_words_nearby_survive():
    garbled = "Ørsted paid £5m " + garble_via_cp1256("vis-à-vis") + " the café"
    assert fix_chain_mojibake(garbled) == "Ørsted paid £5m vis-à-vis the café"


def test_suspicion_counts_mojibake_material():
    assert suspicion("Ø£") == 2 and suspicion("à") == 1 and suspicion("plain") == 0


# -- headline ---------------------------------------------------------------------------------
def test_headline_repeated_three_times_is_kept_once():
    text = "Iraq and Jordan sign water pact\n\nIraq and Jordan sign water pact\n\n" \
           "Iraq and Jordan sign water pact\n\nThe two governments signed an accord."
    assert collapse_repeated_headline(text, "Iraq and Jordan sign water pact") == \
        "Iraq and Jordan sign water pact\n\nThe two governments signed an accord."


def test_repeated_headline_found_without_a_known_title():
    text = "Talks stall\n\nTalks stall\n\nNegotiators left Geneva on Friday."
    assert collapse_repeated_headline(text) == "Talks stall\n\nNegotiators left Geneva on Friday."


def test_text_without_repetition_is_unchanged():
    text = "Talks stall\n\nNegotiators left Geneva on Friday.\n\nTalks stall"
    assert collapse_repeated_headline(text) == text


def test_a_different_title_blocks_the_collapse():
    text = "Nav item\n\nNav item\n\nBody"
    assert collapse_repeated_headline(text, "Real headline") == text


def test_split_title_separates_headline_from_body():
    assert split_title("Talks stall\n\nBody here.", "TALKS STALL") == ("Talks stall", "Body here.")
    assert split_title("Body here.", "Talks stall") == ("", "Body here.")


# -- boilerplate ------------------------------------------------------------------------------
ARTICLE = ("Protesters gathered outside parliament in Baghdad on Sunday to demand reforms.\n\n"
           "Police used water cannon to disperse the crowd, witnesses said.\n\n"
           "The government promised an inquiry into the clashes.")


@pytest.mark.parametrize("rule", RULES.boilerplate, ids=lambda r: r.example[:30])
def test_every_boilerplate_pattern_matches_its_example_and_is_removed(rule):
    assert rule.pattern.fullmatch(rule.example)
    if rule.scope == "head":
        assert strip_leading_furniture(f"{rule.example}\n\n{ARTICLE}", RULES) == ARTICLE
        assert strip_boilerplate(f"{ARTICLE}\n\n{rule.example}", RULES).endswith(rule.example)
        return
    if rule.scope == "line":
        text = ARTICLE.replace("\n\nPolice", f"\n\n{rule.example}\n\nPolice")
    else:
        text = f"{ARTICLE}\n\n{rule.example}"
    assert strip_boilerplate(text, RULES) == ARTICLE


def test_navigation_heading_takes_the_story_links_after_it():
    text = (f"{ARTICLE}\n\nMore in Business\n\nOil prices climb on supply fears\n\n"
            "Central bank holds rates steady")
    assert strip_boilerplate(text, RULES) == ARTICLE


def test_navigation_heading_followed_by_prose_does_not_cut_the_article():
    prose = ("The inquiry will report within three months, the prime minister told lawmakers "
             "in a televised session that lasted well into the evening on Monday.")
    text = f"{ARTICLE}\n\nRelated:\n\n{prose}"
    assert strip_boilerplate(text, RULES) == text


def test_tail_patterns_stay_when_they_are_not_at_the_end():
    text = f"Tags: Iraq\n\n{ARTICLE}"
    assert strip_boilerplate(text, RULES) == text


def test_ordinary_sentences_mentioning_sharing_or_cookies_are_kept():
    text = ("Iraq agreed to share intelligence with Jordan.\n\n"
            "The factory that makes cookies was shelled, officials said.")
    assert strip_boilerplate(text, RULES) == text


def test_rules_load_from_the_packaged_data_files():
    rules = CleaningRules.load()
    assert {r.scope for r in rules.boilerplate} == {"line", "tail", "cut", "head"}
    assert "Reuters" in rules.agencies and "BREAKING" in rules.not_places


@pytest.mark.parametrize("opening", [
    "By Monday, the talks had collapsed.", "Published figures show a 3% rise in exports.",
    "By the end of the week both sides had agreed to a truce.",
])
def test_lead_sentences_that_resemble_bylines_are_kept(opening):
    body = f"{opening}\n\n{ARTICLE}"
    assert strip_leading_furniture(body, RULES) == body


def test_byline_and_timestamp_go_before_the_dateline_is_read():
    body = "By Jane Doe\n\nUpdated 15 Oct 2015\n\nMOSCOW: Russia and Iraq agreed to talk."
    assert extract_dateline(strip_leading_furniture(body, RULES), RULES) == \
        ("Russia and Iraq agreed to talk.", "MOSCOW")


# -- dateline ---------------------------------------------------------------------------------
def _dateline_rows(kind):
    from accord.ingest.clean import _data_rows
    return [r for r in _data_rows("dateline.tsv") if r["kind"] == kind]


@pytest.mark.parametrize("row", _dateline_rows("agency"), ids=lambda r: r["value"])
def test_every_agency_dateline_is_split_off(row):
    body, dateline = extract_dateline(row["example"], RULES)
    assert dateline and dateline.isupper()
    assert row["example"].startswith(dateline)
    assert row["value"] not in body and body[0].isupper()


@pytest.mark.parametrize("row", _dateline_rows("not_place"), ids=lambda r: r["value"])
def test_words_that_are_not_places_are_no_dateline(row):
    assert extract_dateline(row["example"], RULES) == (row["example"], None)


@pytest.mark.parametrize("opening, place, rest", [
    ("MOSCOW: Russia said Thursday", "MOSCOW", "Russia said Thursday"),
    ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "The Senate voted"),
    ("BEIRUT, Oct 15 (AFP) - Talks opened", "BEIRUT", "Talks opened"),
    ("LONDON, March 3 — Ministers met", "LONDON", "Ministers met"),
    ("UNITED NATIONS — The council voted", "UNITED NATIONS", "The council voted"),
    ("LONDON—The government resigned", "LONDON", "The government resigned"),
    ("SANAA, Yemen, Jan. 4 - Fighting resumed", "SANAA", "Fighting resumed"),
    ("Moscow, 15 October (Interfax) - Russia denied", "Moscow", "Russia denied"),
])
def test_dateline_shapes(opening, place, rest):
    assert extract_dateline(opening, RULES) == (rest, place)


@pytest.mark.parametrize("opening", [
    "Russia and Iraq - a partnership renewed", "Moscow, Russia - officials said",
    "U.S. - Russia relations soured", "The minister: we agree", "MOSCOW-based analysts said",
    "IRAQ OIL EXPORTS RISE",
])
def test_openings_that_are_not_datelines(opening):
    assert extract_dateline(opening, RULES) == (opening, None)


# -- whitespace -------------------------------------------------------------------------------
def test_whitespace_runs_collapse_and_paragraphs_stay():
    text = "First  para\u00a0with\tspaces.\r\n\r\n\r\n\n Second\u200b para. \n"
    assert normalise_whitespace(text) == "First para with spaces.\n\nSecond para."


def test_hard_wrapped_lines_are_joined_but_headings_start_paragraphs():
    text = ("Iraq signs deal\nBAGHDAD, June 2 - Iraq signed an agreement with the Russian\n"
            "energy company on Tuesday, officials said.\nIt covers two oil fields.")
    assert normalise_whitespace(text) == (
        "Iraq signs deal\n\nBAGHDAD, June 2 - Iraq signed an agreement with the Russian "
        "energy company on Tuesday, officials said.\n\nIt covers two oil fields.")


@pytest.mark.parametrize("head, body", [
    ("Russia and Iraq Agree to Expand Military and Economic Cooperation Ties",
     "Lavrov said on Thursday that the talks had gone well."),
    ("Russia and Iraq agree to expand military and economic cooperation ties",
     "MOSCOW: Lavrov said on Thursday that the talks had gone well."),
])
def test_long_headline_line_is_not_joined_to_the_story(head, body):
    assert normalise_whitespace(f"{head}\n{body}") == f"{head}\n\n{body}"


def test_bullets_start_their_own_paragraph():
    text = "The accord includes the following provisions for both sides\n- a ceasefire\n- talks"
    assert normalise_whitespace(text).split("\n\n")[1:] == ["- a ceasefire", "- talks"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .:\n\t\u00a0“”-")), max_size=200))
def test_whitespace_normalisation_is_idempotent(text):
    once = normalise_whitespace(text)
    assert normalise_whitespace(once) == once
    assert "  " not in once and "\n\n\n" not in once and once == once.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_mojibake_repair_is_idempotent(text):
    once = repair_mojibake(text)
    assert repair_mojibake(once) == once


def test_any_short_wire_credit_after_an_upper_case_place_is_a_dateline():
    body, dateline = extract_dateline("KHARTOUM, Feb 8 (Nile Wire Service) - The army said.")
    assert (body, dateline) == ("The army said.", "KHARTOUM")


def test_a_bracket_after_a_title_case_word_is_not_taken_for_a_dateline():
    text = "Talks (with every party) - so the minister hopes - will resume."
    assert extract_dateline(text) == (text, None)
