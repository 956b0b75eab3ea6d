"""Historical office-holders and armed-group leaders named without a title (leaders.tsv, 1975-2010
era): the story date picks the code, in office or former official (ELI) afterwards."""

from __future__ import annotations

import pytest

from accord.records import Article


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str, date: str):
        result = pipeline.code_article(Article(doc_id="t", text=text, date=date))
        assert not result.errors, result.errors
        return result.events
    return run


@pytest.mark.parametrize("text, date, source, target, root", [
    ("Mugabe accused Britain of meddling in Zimbabwe's affairs.", "2002-03-01",
     "ZWEGOV", "GBR", "11"),
    ("Thatcher condemned Argentina for invading the Falklands.", "1982-04-03",
     "GBRGOV", "ARG", "11"),
    ("Kohl met Gorbachev in the Caucasus.", "1990-07-15", "DEUGOV", "SUNGOV", "04"),
    ("Rabin signed a peace agreement with Jordan.", "1994-10-26", "ISRGOV", "JOR", "05"),
    ("Milosevic rejected the NATO ultimatum.", "1999-03-22", "SRBGOV", "IGOWSTNAT", "12"),
    ("Prabhakaran rejected the Sri Lankan government's offer of talks.", "2006-04-01",
     "LKAREB", "LKAGOV", "12"),
    ("Shevardnadze appealed to Russia for help.", "1993-10-10", "GEOGOV", "RUS", "02"),
    # after her term: a former official
    ("Thatcher criticized Blair over the war.", "2003-03-25", "GBRELI", "GBRGOV", "11"),
])
def test_untitled_historical_leader_is_the_source(code, text, date, source, target, root):
    got = {(e.source.code, e.target.code if e.target else None, e.root_code)
           for e in code(text, date)}
    assert (source, target, root) in got, got
