"""The lookup attribute ruler writes exactly what the model's own attribute ruler writes."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from accord.nlp.attrruler import (  # noqa: E402
    FastAttributeRuler,
    LookupRules,
    install_fast_attribute_ruler,
)
from tests.spacy_session import MODEL_NAMES  # noqa: E402

# Our own sentences, chosen to reach the unusual rules: contractions ("ain't", "y'all",
# "nothin'"), existential "there is", auxiliaries, "but" as an adverb, determiners used as
# pronouns, pronoun case by dependency, whitespace tokens and a paragraph break.
TEXTS = [
    "The minister said on Tuesday that the two governments will hold talks in Geneva.",
    "There is no deal yet, and there were few signs of one.  Y'all know that ain't so.",
    "She gave it to me, but I did not want it; nothin' was said.\n\nThat is all.",
    "Protesters who had gathered outside the embassy were dispersed by police, officials said.",
    "I have done what I could.  Those who disagree can do as they please.",
    "They've been talking, haven't they?   We'd rather not say.",
    "He got the letter and gets another each week; all but one are unsigned.",
    "",
    "   ",
]


def _load():
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no English spaCy model installed")


@pytest.fixture(scope="module")
def models():
    original, fast = _load(), _load()
    assert install_fast_attribute_ruler(fast)
    return original, fast


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_lookup_ruler_replaces_the_component_in_place(models):
    original, fast = models
    assert fast.pipe_names == original.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)


def test_lookup_ruler_annotations_equal_the_models_ruler(models):
    original, fast = models
    for text in TEXTS:
        assert _annotations(fast(text)) == _annotations(original(text)), text


def test_lookup_matches_equal_the_matcher_including_multi_token_rules(models):
    original, _ = models
    ruler = original.get_pipe("attribute_ruler")
    rules = LookupRules(ruler)
    assert rules.has_multi  # the model has two-token rules ("y'all", "ain't", "there is")
    with original.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for text in TEXTS:
            doc = original(text)
            assert rules.match(doc) == sorted(set(ruler.match(doc))), text


def test_a_rule_the_lookup_cannot_express_keeps_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks", "LENGTH": {">=": 3}}]], {"LEMMA": "talk"})
    assert not install_fast_attribute_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert nlp("talks")[0].lemma_ == "talk"


def test_rules_on_a_blank_pipeline_match_like_spacy():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["talks", "meeting"]}}]], {"LEMMA": "CONSULT"})
    ruler.add([[{"LOWER": "peace"}, {"LOWER": "talks"}]], {"LEMMA": "peace-talks"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^summit(s)?$"}}]], {"LEMMA": "summit"})
    assert install_fast_attribute_ruler(nlp)
    doc = nlp("Peace talks and a summit, then more talks.")
    assert [t.lemma_ for t in doc] == ["", "peace-talks", "", "", "summit", "", "", "",
                                       "CONSULT", ""]
