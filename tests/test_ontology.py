"""Tests for the CAMEO ontology table (accord/data/cameo_codes.tsv) and its loader."""

from __future__ import annotations

import csv

import pytest

from accord.events.ontology import DEFAULT_PATH, Ontology, base_of, root_of
from accord.records import Plover
from tests.conftest import shared_path

#: QuadClass each root belongs to (CAMEO/GDELT convention).
ROOT_QUAD = {**{f"{i:02d}": 1 for i in range(1, 6)}, **{f"{i:02d}": 2 for i in range(6, 10)},
             **{str(i): 3 for i in range(10, 15)}, **{str(i): 4 for i in range(15, 21)}}


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def _raw_rows():
    with open(DEFAULT_PATH, encoding="utf-8") as fh:
        lines = [l for l in fh if l.strip() and not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_row_of_the_table_loads(onto):
    rows = _raw_rows()
    assert len(rows) == len(onto) >= 300
    for row in rows:
        entry = onto.get(row["code"])
        assert entry.label and entry.description, row["code"]
        assert entry.label == row["label"].strip()
        assert entry.description.lower() != entry.label.lower(), row["code"]
    descriptions = [e.description for e in onto]
    assert len(set(descriptions)) == len(descriptions)  # one line of our own per code


def test_there_are_exactly_twenty_roots_01_to_20(onto):
    assert [r.code for r in onto.roots()] == [f"{i:02d}" for i in range(1, 21)]


def test_every_code_sits_under_an_existing_root_and_base(onto):
    for entry in onto:
        assert entry.root == entry.code[:2]
        assert entry.root in onto
        if entry.level == 2:
            assert entry.base == ""
        else:
            assert entry.base == entry.code[:3] and entry.base in onto, entry.code


def test_quad_class_follows_the_root(onto):
    for entry in onto:
        assert entry.quad_class == ROOT_QUAD[entry.root], entry.code


def test_goldstein_weights_are_on_the_scale_and_signed_like_the_quad_class(onto):
    for entry in onto:
        assert -10.0 <= entry.goldstein <= 10.0, entry.code
        if entry.quad_class == 4:
            assert entry.goldstein < 0, entry.code
        if entry.quad_class == 2 and entry.root != "09":  # investigate is mildly negative
            assert entry.goldstein > 0, entry.code
        if entry.quad_class == 3:
            assert entry.goldstein < 0, entry.code


def test_labels_for_101_and_105_to_108_follow_the_cameo_manual_not_gdelt(onto):
    assert onto.get("101").label == "Demand material cooperation, not specified below"
    assert onto.get("105").label == "Demand that target yields, not specified below"
    assert onto.get("106").label == "Demand meeting, negotiation"
    assert onto.get("107").label == "Demand settling of dispute"
    assert onto.get("108").label == "Demand mediation"


def test_leading_zeros_are_kept(onto):
    assert "0311" in onto and "311" not in onto
    entry = onto.get("0311")
    assert (entry.code, entry.root, entry.base) == ("0311", "03", "031")
    assert onto.get("01").code == "01"
    assert [c.code for c in onto.children("031")] == ["0311", "0312", "0313", "0314"]


def test_unknown_code_raises_a_key_error_naming_it(onto):
    with pytest.raises(KeyError, match="'999'"):
        onto.get("999")
    with pytest.raises(KeyError, match="not a CAMEO event code"):
        onto.get("3a")
    with pytest.raises(TypeError):
        onto.get(311)  # type: ignore[arg-type]


def test_children_of_a_root_are_its_base_codes(onto):
    kids = [c.code for c in onto.children("04")]
    assert kids == ["040", "041", "042", "043", "044", "045", "046"]
    assert onto.children("042") == []
    assert {c.code for c in onto.descendants("19")} >= {"190", "195", "1951", "1952"}


def test_root_and_base_helpers(onto):
    assert onto.root_of("1952") == root_of("1952") == "19"
    assert onto.base_of("1952") == base_of("1952") == "195"
    assert onto.base_of("19") == "19"


def test_plover_mapping_is_returned_as_a_plover_record(onto):
    assert onto.plover("042") == Plover("CONSULT", "visit")
    assert onto.plover("0311") == Plover("AGREE", None)
    assert onto.plover("163") == Plover("COERCE", "restrict")
    assert onto.plover("010") is None  # PLOVER drops public statements
    assert onto.plover("0234") is None  # and appeals


def test_every_code_outside_roots_01_02_has_a_plover_event(onto):
    for entry in onto:
        if entry.root in ("01", "02"):
            assert entry.plover_event is None, entry.code
        else:
            assert entry.plover_event, entry.code


def test_loader_rejects_duplicate_and_malformed_rows(tmp_path):
    header = "\t".join(["code", "root", "base", "label", "goldstein", "quad_class",
                        "plover_event", "plover_mode", "description"])
    good = "01\t01\t\tMAKE PUBLIC STATEMENT\t0.0\t1\t\t\tstatements"
    dup = tmp_path / "dup.tsv"
    dup.write_text(f"# comment\n{header}\n{good}\n{good}\n")
    with pytest.raises(ValueError, match="duplicate code 01"):
        Ontology.load(dup)
    bad = tmp_path / "bad.tsv"
    bad.write_text(f"{header}\n01\t01\t\tX\tnot-a-number\t1\t\t\tx\n")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        Ontology.load(bad)
    ok = tmp_path / "ok.tsv"
    ok.write_text(f"# c\n{header}\n{good}\n")
    assert Ontology.load(ok).get("01").goldstein == 0.0


@pytest.mark.shared
def test_table_agrees_with_the_shared_lookup_on_codes_and_goldstein(onto):
    path = shared_path("lookups", "cameo_codes.tsv")
    with open(path, encoding="utf-8", errors="replace") as fh:
        ref = {r["code"]: r for r in csv.DictReader(fh, delimiter="\t")}
    ours = set(onto.codes())
    only_ref = sorted(set(ref) - ours)
    only_ours = sorted(ours - set(ref))
    weight_diffs = sorted(c for c in set(ref) & ours
                          if abs(float(ref[c]["goldstein"]) - onto.get(c).goldstein) > 1e-9)
    quad_diffs = sorted(c for c in set(ref) & ours
                        if int(ref[c]["quadclass"]) != onto.get(c).quad_class)
    print(f"codes only in shared lookup: {only_ref}; only in ours: {only_ours}; "
          f"Goldstein differences: {weight_diffs}; QuadClass differences: {quad_diffs}")
    assert only_ref == []
    # Our additions: CAMEO 1.1b3 manual codes GDELT lacks, plus the ICEWS/PLOVER 1213/1214.
    assert only_ours == ["1213", "1214", "155", "176", "1834", "1951", "1952"]
    assert weight_diffs == [] and quad_diffs == []


@pytest.mark.shared
def test_plover_events_agree_with_the_shared_cameo2plover_table(onto):
    path = shared_path("lookups", "cameo_to_plover_2021.tsv")
    with open(path, encoding="utf-8", errors="replace") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    differences = []
    for row in rows:
        code = row["cameo_code"]
        if code in onto and len(code) > 2:
            mine = onto.get(code).plover_event
            if mine != row["plover_event"]:
                differences.append((code, row["plover_event"], mine))
    print(f"PLOVER differences (code, shared, ours): {differences}")
    assert differences == []


def test_codes_command_lists_a_root_with_labels_weights_and_plover():
    from typer.testing import CliRunner

    from accord.cli import app

    result = CliRunner().invoke(app, ["codes", "04"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Make a visit" in result.output and "+1.9" in result.output
    assert "CONSULT / visit" in result.output
    assert "Demand" not in result.output  # only root 04
    everything = CliRunner().invoke(app, ["codes"], env={"COLUMNS": "200"})
    assert "2042" in everything.output and "Detonate nuclear weapons" in everything.output
    unknown = CliRunner().invoke(app, ["codes", "99"])
    assert unknown.exit_code == 2
