"""Tests for the PETRARCH2 verb dictionary reader (accord.events.petrverbs)."""

from __future__ import annotations

import time

import pytest

from accord.events.petrverbs import (Term, parse_code, parse_pattern_line, parse_verb_line,
                                     read_verb_dictionary, read_verb_patterns)
from tests.conftest import shared_path

# A small dictionary in the PETRARCH2 format, written for these tests.
SMALL = """\
# a comment line
<!-- an XML-style comment
     spanning two lines -->
&FOODSTUFF
+GRAIN
+RICE_
+&DRINK

&DRINK
+CLEAN WATER

---  HURRY   [---]  ---
HURRY {HURRIES HURRYING HURRIED }   # speed things up
+SEND_IN [070]
DISPATCH ;an old-style comment
- * (TO FRONT) &FOODSTUFF                [073]        # HURRY
- &MILITARY * {ARMS CONSIGNMENT}         [072]
- * (TO $)                               [042:043]

---  SNUB   [:110]  ---
SNUB
WIRE_+TAP
- * TALKS                                [---]
- FAILED_TO_*                            [###]        # odd code kept as written

~ a (a b SNUB) SAY = a b 112
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.verbs.txt"
    path.write_text(SMALL)
    return path


def test_blocks_verbs_and_patterns_are_read_in_order(small):
    d = read_verb_dictionary(small)
    assert [b.name for b in d.blocks] == ["HURRY", "SNUB"]
    hurry, snub = d.blocks
    assert [v.lemma for v in hurry.verbs] == ["hurry", "send", "dispatch"]
    assert len(hurry.patterns) == 3 and len(snub.patterns) == 2
    assert d.problems == ()
    assert d.transformations == ("~ a (a b SNUB) SAY = a b 112",)


def test_block_default_codes_include_reverse_only_codes(small):
    hurry, snub = read_verb_dictionary(small).blocks
    assert (hurry.code, hurry.reverse_code) == (None, None)
    assert (snub.code, snub.reverse_code) == (None, "110")


def test_multiword_verbs_keep_head_particles_and_own_code(small):
    hurry, snub = read_verb_dictionary(small).blocks
    send = hurry.verbs[1]
    assert (send.lemma, send.before, send.after, send.code, send.has_code) == (
        "send", (), ("in",), "070", True)
    tap = snub.verbs[1]
    assert (tap.lemma, tap.before, tap.after) == ("tap", ("wire",), ())
    assert hurry.verbs[0].forms == ("hurries", "hurrying", "hurried")


def test_semicolon_comments_on_verb_lines_are_dropped(small):
    hurry, _ = read_verb_dictionary(small).blocks
    assert hurry.verbs[2].lemma == "dispatch" and hurry.verbs[2].after == ()


def test_synonym_sets_expand_recursively_and_drop_the_exact_word_mark(small):
    d = read_verb_dictionary(small)
    assert d.synsets["foodstuff"] == (("grain",), ("rice",), ("&drink",))
    assert d.expand("&FOODSTUFF") == [("grain",), ("rice",), ("clean", "water")]


def test_flat_patterns_cross_every_verb_with_every_pattern_of_its_block(small):
    patterns = read_verb_patterns(small)
    hurry = [p for p in patterns if p.block == "HURRY"]
    assert len(hurry) == 3 * (1 + 3)  # three verbs, each bare and with three patterns
    relief = [p for p in hurry if p.lemma == "hurry" and p.code == "073"]
    assert len(relief) == 1
    p = relief[0]
    assert p.prepositions == ("to",) and p.objects == ("&foodstuff",)
    assert p.text == "* (TO FRONT) &FOODSTUFF"
    assert p.where.endswith("small.verbs.txt:16")


def test_bare_verb_entries_carry_the_verb_or_block_code(small):
    bare = {(p.lemma, p.particles): p for p in read_verb_patterns(small) if p.text == ""}
    assert bare[("send", ("in",))].code == "070"
    assert bare[("hurry", ())].code is None  # block [---]
    assert (bare[("tap", ("wire",))].code, bare[("tap", ("wire",))].reverse_code) == (None, "110")


def test_pattern_terms_keep_kinds_and_source_target_markers(small):
    hurry, snub = read_verb_dictionary(small).blocks
    arms = hurry.patterns[1]
    assert arms.before == (Term("synset", ("&military",)),)
    assert arms.after == (Term("noun_phrase", ("arms", "consignment")),)
    visit = hurry.patterns[2]
    assert visit.after == (Term("prep_phrase", ("to", "$")),)
    assert (visit.code, visit.reverse_code) == ("042", "043")
    failed = snub.patterns[1]
    assert failed.before == (Term("phrase", ("failed", "to")),) and failed.after == ()
    assert failed.code == "###"


def test_null_patterns_have_no_code(small):
    _, snub = read_verb_dictionary(small).blocks
    assert (snub.patterns[0].code, snub.patterns[0].reverse_code) == (None, None)


@pytest.mark.parametrize("text, expected", [
    ("042:043", ("042", "043")), (":110", (None, "110")), ("---", (None, None)),
    ("0311", ("0311", None)), ("046:046", ("046", "046")),
])
def test_codes_parse_into_forward_and_reverse_strings(text, expected):
    assert parse_code(text) == expected


def test_bad_lines_raise_with_the_line_text():
    with pytest.raises(ValueError, match="without a \\[code\\]"):
        parse_pattern_line("- * TALKS")
    with pytest.raises(ValueError, match="verb position"):
        parse_pattern_line("- TALKS [040]")
    with pytest.raises(ValueError, match="no verb"):
        parse_verb_line("{ONLY FORMS}")


def test_unreadable_lines_are_reported_as_problems_not_raised(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("STRAY\n--- MEET [040] ---\nMEET\n- * NOCODE\n- * (WITH) [040]\n")
    d = read_verb_dictionary(path)
    assert len(d.problems) == 2
    assert "bad.txt:1" in d.problems[0] and "bad.txt:4" in d.problems[1]
    assert len(d.blocks[0].patterns) == 1


@pytest.mark.shared
def test_the_full_cameo_2_verb_dictionary_loads_quickly():
    path = shared_path("dictionaries", "phoenix", "CAMEO.2.0.txt")
    started = time.perf_counter()
    d = read_verb_dictionary(path)
    patterns = d.patterns()
    seconds = time.perf_counter() - started
    n_verbs = sum(len(b.verbs) for b in d.blocks)
    n_lines = sum(len(b.patterns) for b in d.blocks)
    print(f"CAMEO.2.0: {len(d.blocks)} blocks, {n_verbs} verbs, {n_lines} pattern lines, "
          f"{len(patterns)} flat patterns, {len(d.synsets)} synonym sets, "
          f"{len(d.transformations)} transformations, {seconds:.2f}s")
    assert d.problems == ()
    assert len(d.blocks) > 300 and n_lines > 4000 and len(patterns) > n_lines
    cut = [p for p in patterns if p.lemma == "close" and "embassy" in p.objects]
    assert cut and {p.code for p in cut} == {"161"}


@pytest.mark.shared
def test_the_validation_verb_dictionary_loads():
    d = read_verb_dictionary(shared_path("dictionaries", "petr_validate",
                                         "PETR.Validate.verbs.txt"))
    assert d.problems == () and len(d.blocks) > 200
    assert d.expand("&ACCORDSYN")[:3] == [("military",), ("economic",), ("cultural",)]
