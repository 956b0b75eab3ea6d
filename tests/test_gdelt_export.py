"""Tests for the GDELT 2.0 Events export: 61 columns in GDELT's order, read like the genuine file."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from accord.analysis import Dataset
from accord.store.db import Store
from accord.store.exports import export
from accord.store.exports_gdelt import GDELT_NAMES, fips, pandas_dtypes, split_actor
from conftest import shared_path
from test_store import event, result


@pytest.fixture()
def gdelt_file(tmp_path):
    db = tmp_path / "a.duckdb"
    ev = event("d1", 0, code="0311", goldstein=-7.0, date="2015-10-15")
    untargeted = event("d1", 1, code="190", target=None, sentence_index=3)
    with Store(db) as store:
        store.write_result(result("d1", title="Russia and Iraq agree", events=[ev, untargeted],
                                  url="https://example.org/story"))
    out = tmp_path / "events.export.CSV"
    with Dataset(db) as ds:
        assert export(ds, "gdelt", out) == 2
    return out


def read_gdelt(path) -> pd.DataFrame:
    """The one reader used for both files: GDELT's column types, no header, tab-separated."""
    return pd.read_csv(path, sep="\t", header=None, dtype=pandas_dtypes(), quoting=csv.QUOTE_NONE,
                       keep_default_na=False, na_values=[""])


def test_our_column_names_match_gdelts_published_list():
    labels = shared_path("gdelt", "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    with open(labels, encoding="utf-8") as f:
        published = [(row["tableId"], row["dataType"]) for row in csv.DictReader(f)]
    from accord.store.exports_gdelt import GDELT_COLUMNS

    assert GDELT_COLUMNS == published


def test_export_reads_with_the_same_shape_and_dtypes_as_genuine_gdelt(gdelt_file):
    genuine = read_gdelt(shared_path("gdelt", "20191024143000.export.CSV"))
    ours = read_gdelt(gdelt_file)
    assert genuine.shape[1] == ours.shape[1] == 61
    assert list(ours.dtypes) == list(genuine.dtypes)


def test_export_values_follow_gdelt_conventions(gdelt_file):
    lines = gdelt_file.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    row = dict(zip(GDELT_NAMES, lines[0].split("\t")))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20151015", "201510", "2015")
    assert row["FractionDate"] == "2015.7808"  # (9 * 30 + 15) / 365, as GDELT computes it
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0311", "031", "03")
    assert row["GoldsteinScale"] == "-7.0" and row["QuadClass"] == "2"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor2Code"]) == ("RUS", "RUS", "IRQ")
    assert row["IsRootEvent"] == "1" and row["AvgTone"] == "0.0"
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == \
        ("4", "RS", "524901")
    assert row["ActionGeo_Lat"] == "55.75"
    assert len(row["DATEADDED"]) == 14 and row["SOURCEURL"] == "https://example.org/story"
    second = dict(zip(GDELT_NAMES, lines[1].split("\t")))
    assert second["Actor2Code"] == "" and second["IsRootEvent"] == "0"


def test_actor_codes_split_into_country_group_and_types():
    assert split_actor("RUSGOV") == {"country": "RUS", "group": None, "types": ["GOV"]}
    assert split_actor("IGOEUREEC") == {"country": "EUR", "group": "EEC", "types": ["IGO"]}
    assert split_actor("IGOUNO")["group"] == "UNO"
    assert split_actor("---REB") == {"country": None, "group": None, "types": ["REB"]}


def test_iso_codes_become_fips_codes():
    assert (fips("RUS"), fips("DEU"), fips("GB"), fips("XXX")) == ("RS", "GM", "UK", None)


def test_country_level_geography_uses_the_fips_code_as_feature_id():
    from accord.store.exports_gdelt import gdelt_row

    row = {"event_id": "ab12", "code": "042", "location_name": "Iraq", "location_country": "IRQ",
           "location_feature": "country", "location_lat": 33.0, "location_lon": 44.0}
    values = dict(zip(GDELT_NAMES, gdelt_row(row)))
    assert (values["ActionGeo_Type"], values["ActionGeo_CountryCode"],
            values["ActionGeo_FeatureID"]) == (1, "IZ", "IZ")
