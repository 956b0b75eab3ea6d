"""Model choice and the actor ruler placed before spaCy's NER."""

from __future__ import annotations

import pytest

from accord.config import MODEL_PREFERENCE, Settings
from accord.nlp.loader import ModelNotFound, choose_model, installed, model_candidates
from accord.nlp.ruler import RULER_NAME

from actor_session import session_actor_nlp


def test_auto_tries_the_preferred_models_in_order():
    assert model_candidates(Settings()) == MODEL_PREFERENCE
    assert model_candidates(Settings(model="my_model")) == ("my_model",)


def test_auto_picks_the_first_installed_model():
    expected = next((name for name in MODEL_PREFERENCE if installed(name)), None)
    if expected is None:
        pytest.skip("no English spaCy model installed")
    assert choose_model(Settings()) == expected


def test_a_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_model_pkg"):
        choose_model(Settings(model="no_such_model_pkg"))


@pytest.fixture(scope="module")
def nlp(request):
    return session_actor_nlp(request)[0]


def test_the_actor_ruler_runs_before_ner(nlp):
    names = nlp.pipe_names
    assert RULER_NAME in names and names.index(RULER_NAME) < names.index("ner")


def ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_ruler_keeps_a_long_group_name_whole_and_finds_acronyms(nlp):
    got = ents(nlp, "Iraq fights the Islamic State in Iraq and the Levant, also called ISIL.")
    assert ("Islamic State in Iraq and the Levant", "ORG") in got
    assert ("ISIL", "ORG") in got
    assert not any(text == "Levant" for text, _ in got)


@pytest.mark.parametrize("text, span, label", [
    ("The Kremlin denied the report.", "Kremlin", "FAC"),
    ("Hezbollah fired rockets.", "Hezbollah", "ORG"),
    ("Iraqi officials met in Mosul.", "Iraqi", "NORP"),
])
def test_ruler_labels_political_names(nlp, text, span, label):
    got = ents(nlp, text)
    assert any(t.endswith(span) and lab == label for t, lab in got), got


def test_ambiguous_short_forms_are_case_sensitive(nlp):
    got = ents(nlp, "Let us see what the US and the UN decide.")
    assert not any(t == "us" for t, _ in got)
    assert any(t.endswith("US") for t, _ in got) and any(t.endswith("UN") for t, _ in got)
