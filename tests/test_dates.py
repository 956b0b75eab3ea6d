"""Event dates: time expressions resolved against the publication date, and the fallbacks."""

from __future__ import annotations

import pytest

from accord.enrich.dates import date_events, resolve_date
from accord.enrich.timewords import load_time_words
from accord.records import ActorRef, Article, Event, Span

from spacy_session import session_nlp

FRIDAY = "2015-10-16"  # a Friday


@pytest.fixture(scope="module")
def words():
    return load_time_words()


def phrases(words, kind):
    return {e.phrase for e in words.entries if e.kind == kind}


def test_said_thursday_on_a_friday_is_the_day_before():
    assert resolve_date("The minister said Thursday that the talks would go on.",
                        FRIDAY) == ("2015-10-15", "weekday:thursday")


WEEKDAYS = {"monday": "2015-10-12", "tuesday": "2015-10-13", "wednesday": "2015-10-14",
            "thursday": "2015-10-15", "friday": "2015-10-16", "saturday": "2015-10-10",
            "sunday": "2015-10-11"}


def test_every_weekday_resolves_to_the_latest_such_day_not_after_publication(words):
    assert phrases(words, "weekday") == set(WEEKDAYS)
    for name, expected in WEEKDAYS.items():
        date, rule = resolve_date(f"Rebels shelled the town on {name.title()}.", FRIDAY,
                                  words=words)
        assert (date, rule) == (expected, f"weekday:{name}")


def test_every_month_name_and_abbreviation_is_read_with_its_day(words):
    for entry in words.entries:
        if entry.kind != "month":
            continue
        month = int(entry.value)
        expected_year = 2015 if month <= 10 else 2014  # later than publication: last year
        name = entry.phrase.title() + ("." if len(entry.phrase) <= 4 and
                                       entry.phrase not in ("may", "june", "july") else "")
        for text in (f"The parliament voted on {name} 3.", f"The parliament voted on 3 {name}"):
            date, _ = resolve_date(text, FRIDAY, words=words)
            assert date == f"{expected_year}-{month:02d}-03", (text, date)


RELATIVE = {
    "today": ("2015-10-16", True), "tonight": ("2015-10-16", True),
    "this morning": ("2015-10-16", True), "this afternoon": ("2015-10-16", True),
    "this evening": ("2015-10-16", True), "yesterday": ("2015-10-15", True),
    "last night": ("2015-10-15", True), "overnight": ("2015-10-16", True),
    "the day before yesterday": ("2015-10-14", True), "tomorrow": ("2015-10-17", False),
    "last week": ("2015-10-05", True), "this week": ("2015-10-12", True),
    "earlier this week": ("2015-10-12", True), "next week": ("2015-10-19", False),
    "last month": ("2015-09-01", True), "this month": ("2015-10-01", True),
    "earlier this month": ("2015-10-01", True), "next month": ("2015-11-01", False),
    "last year": ("2014-01-01", True), "this year": ("2015-01-01", True),
    "earlier this year": ("2015-01-01", True), "next year": ("2016-01-01", False),
}


def test_every_relative_expression_resolves_to_its_day_or_period_start(words):
    table = set().union(*(phrases(words, k) for k in ("day", "week", "month_offset",
                                                      "year_offset")))
    assert table == set(RELATIVE)
    for phrase, (expected, past) in RELATIVE.items():
        date, rule = resolve_date(f"Police arrested the suspects {phrase}.", FRIDAY, words=words)
        assert date == expected, phrase
        assert rule.startswith("future:") != past, (phrase, rule)


UNITS = {"day": ("three days ago", "2015-10-13"), "week": ("two weeks ago", "2015-10-02"),
         "month": ("two months ago", "2015-08-16"), "year": ("one year ago", "2014-10-16")}


def test_every_unit_counts_back_from_publication(words):
    assert phrases(words, "unit") == set(UNITS)
    for phrase, expected in UNITS.values():
        assert resolve_date(f"The embassy closed {phrase}.", FRIDAY, words=words) == (
            expected, "ago")


def test_every_number_word_counts_days_ago(words):
    for entry in words.entries:
        if entry.kind == "number":
            n = int(entry.value)
            date, rule = resolve_date(f"The convoy left {entry.phrase} days ago.", FRIDAY,
                                      words=words)
            assert date == f"2015-10-{16 - n:02d}" and rule == "ago", entry


MODIFIERS = {"last": ("2015-10-09", False), "past": ("2015-10-09", False),
             "next": ("2015-10-23", True), "coming": ("2015-10-23", True),
             "this": ("2015-10-16", False)}


def test_every_weekday_modifier_moves_off_the_publication_weekday(words):
    assert phrases(words, "modifier") == set(MODIFIERS)
    for mod, (expected, future) in MODIFIERS.items():
        date, rule = resolve_date(f"Talks took place {mod} Friday.", FRIDAY, words=words)
        assert date == expected, mod
        assert rule.startswith("future:") == future, mod


FUTURE = {"will": "The leaders will meet on Monday.",
          "shall": "The council shall meet on Monday.",
          "'ll": "We'll meet them on Monday.",
          "would": "He said they would meet on Monday.",
          "is to": "The envoy is to arrive on Monday.",
          "are to": "The envoys are to arrive on Monday.",
          "scheduled": "The vote is scheduled for Monday.",
          "due to": "The panel is due to report on Monday.",
          "expected to": "The panel is expected to report on Monday.",
          "plans to": "The king plans to visit on Monday.",
          "planned": "A strike is planned for Monday.",
          "set to": "The court is set to rule on Monday.",
          "going to": "They are going to vote on Monday."}


def test_every_future_marker_resolves_a_weekday_forward(words):
    assert phrases(words, "future") == set(FUTURE)
    for marker, text in FUTURE.items():
        assert resolve_date(text, FRIDAY, words=words) == (
            "2015-10-19", "future:weekday:monday"), marker


def test_sentence_opening_weekday_before_a_future_clause_is_future():
    assert resolve_date("On Monday, the leaders will meet in Paris.", FRIDAY)[0] == "2015-10-19"


def test_month_day_after_publication_in_a_past_report_means_last_year():
    assert resolve_date("Rebels took the town on December 20.", FRIDAY) == (
        "2014-12-20", "month_day")


def test_full_date_with_year_is_taken_as_written():
    assert resolve_date("The accord was signed on Oct 15, 2014.", FRIDAY) == (
        "2014-10-15", "month_day")
    assert resolve_date("They met in March 2014.", FRIDAY) == ("2014-03-01", "month_year")


def test_explicit_date_beats_the_weekday_written_beside_it():
    assert resolve_date("The summit opened on Thursday, Oct. 8, in Vienna.", FRIDAY)[0] == (
        "2015-10-08")


def test_expression_nearest_the_anchor_wins():
    text = "After talks on Monday, the army withdrew on Wednesday."
    assert resolve_date(text, FRIDAY, anchor=text.index("withdrew"))[0] == "2015-10-14"
    assert resolve_date(text, FRIDAY, anchor=text.index("talks"))[0] == "2015-10-12"


def test_no_expression_and_no_publication_date():
    assert resolve_date("The army withdrew.", FRIDAY) == (None, "none")
    assert resolve_date("The army withdrew yesterday.", None) == (None, "no_publication_date")


def test_lower_case_month_word_is_not_a_date():
    assert resolve_date("Thousands will march 3 kilometres to the square.", FRIDAY)[0] is None


# -- date_events ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp(request):
    return session_nlp(request)


def event_at(doc, sentence_index, trigger_word):
    sent = list(doc.sents)[sentence_index]
    start = doc.text.index(trigger_word, sent.start_char)
    actor = ActorRef(code="RUS", country="RUS", sector=None, text="Russia", start=0, end=6)
    return Event(event_id=f"e{sentence_index}", doc_id="d", sentence_index=sentence_index,
                 sentence=sent.text, code="040", base_code="040", root_code="04",
                 quad_class=1, goldstein=1.0, source=actor, target=None,
                 trigger=Span(trigger_word, start, start + len(trigger_word)),
                 confidence=1.0, pattern_id="p")


def test_events_take_sentence_date_else_the_leads_date_and_never_a_future_date(nlp):
    text = ("Lavrov met the Iraqi minister on Thursday. "
            "The two ministers discussed energy. "
            "They will meet again in Baghdad next week.")
    doc = nlp(text)
    events = [event_at(doc, 0, "met"), event_at(doc, 1, "discussed"), event_at(doc, 2, "meet")]
    dated = date_events(events, doc, Article(doc_id="d", text=text, date=FRIDAY))
    assert [(e.date, e.date_source) for e in dated] == [
        ("2015-10-15", "sentence"), ("2015-10-15", "lead"), ("2015-10-15", "lead")]


def test_story_without_any_time_expression_is_dated_by_publication(nlp):
    text = "Lavrov met the Iraqi minister. The two ministers discussed energy."
    doc = nlp(text)
    dated = date_events([event_at(doc, 1, "discussed")], doc,
                        Article(doc_id="d", text=text, date=FRIDAY))
    assert (dated[0].date, dated[0].date_source) == (FRIDAY, "publication")


def test_a_time_expression_deep_in_the_story_does_not_date_the_lead(nlp):
    text = ("Lavrov met the Iraqi minister. The two ministers discussed energy. "
            "Oil prices rose. Trade grew. The talks began on Monday.")
    doc = nlp(text)
    dated = date_events([event_at(doc, 0, "met")], doc,
                        Article(doc_id="d", text=text, date=FRIDAY))
    assert (dated[0].date, dated[0].date_source) == (FRIDAY, "publication")


def test_dateline_with_a_date_dates_events_without_their_own(nlp):
    text = "The two ministers discussed energy."
    doc = nlp(text)
    article = Article(doc_id="d", text=text, date=FRIDAY, dateline="MOSCOW, Oct. 14")
    dated = date_events([event_at(doc, 0, "discussed")], doc, article)
    assert (dated[0].date, dated[0].date_source) == ("2015-10-14", "dateline")


def test_article_without_publication_date_leaves_relative_dates_empty(nlp):
    text = "The ministers met yesterday."
    doc = nlp(text)
    dated = date_events([event_at(doc, 0, "met")], doc, Article(doc_id="d", text=text))
    assert (dated[0].date, dated[0].date_source) == (None, None)


def test_time_word_table_rejects_unknown_kinds(tmp_path):
    bad = tmp_path / "t.tsv"
    bad.write_text("phrase\tkind\tvalue\tnote\nfortnight\tperiod\t14\t\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_time_words(bad)


@pytest.mark.shared
def test_scraped_story_said_thursday_is_the_day_before_publication(scraped_story, request):
    from accord.ingest.readers import article_from_text

    pipeline = request.getfixturevalue("pipeline")
    raw = scraped_story.read_text(encoding="utf-8")
    result = pipeline.code_article(article_from_text(raw, str(scraped_story), FRIDAY))
    assert not result.errors, result.errors
    thursday = [e for e in result.events if "said Thursday" in e.sentence]
    assert thursday, [e.sentence for e in result.events]
    assert {(e.date, e.date_source) for e in thursday} == {("2015-10-15", "sentence")}
    others = [e for e in result.events if "Thursday" not in e.sentence]
    assert others and {(e.date, e.date_source) for e in others} == {("2015-10-15", "lead")}
