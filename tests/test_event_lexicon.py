"""The event lexicon: every pattern file loads, validates, and covers every CAMEO root."""

from __future__ import annotations

import pytest

from accord.events.lexicon import FRAMES, load_event_lexicon, parse_pattern
from accord.events.ontology import Ontology


@pytest.fixture(scope="module")
def lexicon():
    return load_event_lexicon()


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def test_lexicon_loads_hundreds_of_patterns(lexicon):
    assert len(lexicon) >= 200
    assert len(lexicon.topics) >= 30


def test_every_cameo_root_has_patterns(lexicon):
    roots = {p.code[:2] for p in lexicon.patterns}
    for t in lexicon.topics:
        roots.update(c[:2] for c in t.codes.values())
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_every_code_in_the_lexicon_exists_in_the_ontology(lexicon, ontology):
    missing = [(p.id, p.code) for p in lexicon.patterns if p.code not in ontology]
    missing += [(p.id, c) for p in lexicon.patterns for _, c in p.refine if c not in ontology]
    missing += [(t.name, c) for t in lexicon.topics for c in t.codes.values() if c not in ontology]
    missing += [(p.id, p.expect) for p in lexicon.patterns if p.expect not in ontology]
    assert not missing


def test_patterns_are_indexed_by_trigger_lemma(lexicon):
    assert any(p.id == "consult.meet_with" for p in lexicon.candidates("verb", "meet"))
    assert any(p.id == "consult.talks" for p in lexicon.candidates("noun", "talk"))
    assert lexicon.candidates("verb", "no-such-verb") == ()


def test_most_specific_pattern_comes_first(lexicon):
    specs = [p.specificity for p in lexicon.candidates("verb", "release")]
    assert specs == sorted(specs, reverse=True)


def test_frames_are_the_five_cameo_frames(lexicon):
    assert {p.frame for p in lexicon.patterns if p.frame} <= set(FRAMES)


def test_a_pattern_without_example_is_rejected():
    with pytest.raises(ValueError, match="example"):
        parse_pattern({"id": "x.y", "verb": "meet", "code": "040"}, "t.yaml", {})


def test_an_unquoted_code_is_rejected():
    with pytest.raises(ValueError, match="quoted"):
        parse_pattern({"id": "x.y", "verb": "meet", "code": 40, "example": "A met B here."},
                      "t.yaml", {})


def test_an_unknown_field_is_rejected():
    with pytest.raises(ValueError, match="unknown field"):
        parse_pattern({"id": "x.y", "verb": "meet", "code": "040", "colour": "red",
                       "example": "A met B here."}, "t.yaml", {})


def test_a_linked_code_must_be_a_quoted_cameo_code():
    entry = {"id": "x.y", "verb": "deploy", "code": "074", "example": "A deployed troops in B."}
    assert parse_pattern({**entry, "linked": "0861"}, "t.yaml", {}).linked == "0861"
    with pytest.raises(ValueError, match="linked"):
        parse_pattern({**entry, "linked": 861}, "t.yaml", {})


def test_an_unknown_refine_group_is_rejected():
    with pytest.raises(ValueError, match="refine group"):
        parse_pattern({"id": "x.y", "verb": "meet", "code": "040", "refine": {"zzz": "041"},
                       "example": "A met B here."}, "t.yaml", {})


def test_duplicate_ids_are_rejected(tmp_path):
    import shutil

    from accord.events.lexicon import DATA_DIR

    for name in ("modifiers.yaml", "topics.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    line = '- {id: a.b, verb: meet, code: "040", example: "France met Spain today."}\n'
    (tmp_path / "r01.yaml").write_text("patterns:\n" + line + line)
    with pytest.raises(ValueError, match="duplicate"):
        load_event_lexicon(data_dir=tmp_path)


def test_not_events_lists_the_heads_whose_event_modifier_is_not_coded():
    from accord.events.lexicon import load_event_lexicon

    lexicon = load_event_lexicon()
    assert {"plot", "suspect", "threat", "anniversary"} <= lexicon.unreal_heads
    assert "attempt" not in lexicon.unreal_heads  # an assassination attempt is coded (185)
    assert "campaign" not in lexicon.unreal_heads


def test_each_frame_column_of_a_topic_codes_under_its_own_root(lexicon):
    # an intent to do something hostile ("vowed to strike") is coded as the threat (13x)
    roots = {"intent": {"03", "13"}, "appeal": {"02"}, "demand": {"10"}, "reject": {"12"},
             "threaten": {"13"}}
    for topic in lexicon.topics:
        for frame, code in topic.codes.items():
            assert code[:2] in roots[frame], (topic.name, frame, code)


@pytest.mark.parametrize("topic,demand", [("ceasefire", "1056"), ("withdraw", "1056"),
                                          ("meet", "106"), ("settle", "107"), ("mediate", "108")])
def test_demand_codes_follow_the_cameo_manual_not_gdelt(lexicon, ontology, topic, demand):
    assert lexicon.topic_by_name[topic].codes["demand"] == demand
    assert ontology.get(demand[:3]).label.startswith("Demand")
