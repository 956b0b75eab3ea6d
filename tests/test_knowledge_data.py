"""Checks every row of the built-in actor knowledge: countries, organisations, groups, companies, parties."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from accord.actors import knowledge
from accord.actors.knowledge import (ArmedGroup, Company, Country, Organisation, Party,
                                     load_armed_groups, load_companies, load_countries,
                                     load_organisations, load_parties, parse_government,
                                     parse_periods)
from tests.conftest import shared_path

# CAMEO actor role codes (CAMEO manual ch. 3, as listed in ../shared/lookups/cameo_actor_roles.tsv).
SECTORS = frozenset("COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH "
                    "HRI LAB LEG MED REF MOD RAD".split())
# Non-state armed codes: international militarised groups, or country/region + REB/INS/SEP/UAF.
NON_STATE = re.compile(r"^(IMG[A-Z]*|[A-Z]{3}(REB|INS|SEP|UAF)[A-Z]*)$")

# CAMEO/Phoenix codes that are not ISO 3166-1 alpha-3.
NON_ISO_CAMEO = {"KSV": "XKX", "TMP": "TLS"}
HISTORICAL = {"SUN", "DDR", "CSK", "SCG", "YUG"}
# Codes the Phoenix country dictionary defines that are not countries we want.
PHOENIX_NOT_COUNTRIES = {"KNT"}  # Kinakuta: fictional test country

# Rows allowed without an adjective/demonym (none in common English use, or given to a neighbour:
# "Congolese" -> COD, "Dominican" -> DOM).
NO_ADJECTIVE = {"ATF", "BVT", "COG", "DMA", "HMD", "SGS", "UMI", "SCG"}


@pytest.fixture(scope="module")
def countries() -> tuple[Country, ...]:
    return load_countries()


@pytest.fixture(scope="module")
def organisations() -> tuple[Organisation, ...]:
    return load_organisations()


@pytest.fixture(scope="module")
def groups() -> tuple[ArmedGroup, ...]:
    return load_armed_groups()


@pytest.fixture(scope="module")
def companies() -> tuple[Company, ...]:
    return load_companies()


@pytest.fixture(scope="module")
def parties() -> tuple[Party, ...]:
    return load_parties()


def by_code(countries, code: str) -> Country:
    return next(c for c in countries if c.cameo == code)


def _names_of(country: Country) -> list[str]:
    return [*country.names, *([country.capital] if country.capital else []),
            *(name for name, _ in country.government), *country.cities]


# --- countries: shape and consistency ------------------------------------------------------


def test_every_iso_country_is_present(countries):
    iso = [c for c in countries if c.cameo not in HISTORICAL]
    assert len(iso) >= 249


def test_country_codes_well_formed_and_unique(countries):
    cameo = [c.cameo for c in countries]
    assert len(cameo) == len(set(cameo)), sorted(x for x in cameo if cameo.count(x) > 1)
    iso3 = [c.iso3 for c in countries]
    assert len(iso3) == len(set(iso3))
    iso2 = [c.iso2 for c in countries if c.iso2]
    assert len(iso2) == len(set(iso2))
    for c in countries:
        assert re.fullmatch(r"[A-Z]{3}", c.cameo), c
        assert re.fullmatch(r"[A-Z]{3}", c.iso3), c
        assert c.iso2 == "" and c.cameo in HISTORICAL or re.fullmatch(r"[A-Z]{2}", c.iso2), c


def test_cameo_code_is_iso3_except_documented_cases(countries):
    for c in countries:
        if c.cameo in NON_ISO_CAMEO:
            assert c.iso3 == NON_ISO_CAMEO[c.cameo]
        else:
            assert c.cameo == c.iso3, c


def test_iso2_and_iso3_agree_on_initial_letter(countries):
    # A swapped or mistyped iso2/iso3 pair shows up as a first-letter mismatch; these are the
    # genuine ISO 3166-1 pairs whose first letters differ.
    genuine = {("TF", "ATF"), ("KM", "COM"), ("KY", "CYM"), ("YT", "MYT"), ("KP", "PRK"),
               ("GS", "SGS"), ("PM", "SPM"), ("RS", "SRB")}
    mismatches = {(c.iso2, c.iso3) for c in countries if c.iso2 and c.iso2[0] != c.iso3[0]}
    assert mismatches <= genuine, mismatches - genuine


def test_every_country_has_name_and_adjective(countries):
    for c in countries:
        assert c.name.strip(), c
        if c.cameo not in NO_ADJECTIVE:
            assert c.adjectives, f"{c.cameo} {c.name} has no adjective"


def test_no_name_denotes_two_countries(countries):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for name in (*_names_of(c), *c.adjectives):
            owners[name].add(c.cameo)
    duplicates = {name: sorted(codes) for name, codes in owners.items() if len(codes) > 1}
    assert not duplicates, duplicates


def test_no_name_listed_twice_in_one_row(countries):
    for c in countries:
        names = [*_names_of(c), *c.adjectives]
        repeated = sorted({n for n in names if names.count(n) > 1})
        assert not repeated, (c.cameo, repeated)


# Rows without a capital: city-states named like their capital, uninhabited territories,
# historical states, and capitals whose name mostly means something else (see the file header).
NO_CAPITAL = {"SGP", "MCO", "SMR", "VAT", "HKG", "MAC", "GIB", "ATA", "BVT", "HMD", "UMI", "TKL",
              "SYC", "BMU", "IMN", "FLK", "AIA", "CCK", "REU", "NFK", "MSR",
              "SUN", "CSK", "SCG", "YUG"}


def test_every_country_has_a_capital_unless_documented(countries):
    missing = {c.cameo for c in countries if not c.capital}
    assert missing == NO_CAPITAL, (missing - NO_CAPITAL, NO_CAPITAL - missing)


def test_capitals_unique(countries):
    capitals = [c.capital for c in countries if c.capital]
    assert len(capitals) == len(set(capitals))


def test_big_countries_have_capital_and_cities(countries):
    for code in ("USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IND", "IRQ", "SYR", "IRN", "UKR",
                 "TUR", "ISR", "PSE", "EGY", "SAU", "PAK", "AFG", "NGA", "BRA", "JPN", "KOR"):
        c = by_code(countries, code)
        assert c.capital, code
        assert len(c.cities) >= 3, code


def test_government_sectors_are_cameo_roles(countries):
    for c in countries:
        for name, sector in c.government:
            assert sector in SECTORS, (c.cameo, name, sector)


def test_names_have_no_stray_whitespace_or_separators(countries):
    for c in countries:
        for name in (*_names_of(c), *c.adjectives):
            assert name == name.strip() and "  " not in name, (c.cameo, name)
            assert not set(name) & set("|\t>;"), (c.cameo, name)


def test_cities_are_not_common_words_or_us_states(countries):
    banned = {"Bar", "Van", "Mary", "David", "Bo", "Rio", "Bender", "Balti", "Georgia", "Jordan",
              "Victoria", "Washington", "Congo", "Kashmir", "Split", "Batman", "Uri", "Shire",
              "Afar", "Hail", "Swat", "Darwin", "Leon", "Colon", "Gao", "Kara", "Linden"}
    for c in countries:
        assert not banned & set(c.cities), (c.cameo, banned & set(c.cities))


# --- countries: behaviour spot checks ------------------------------------------------------


def test_kremlin_denotes_russian_government(countries):
    rus = by_code(countries, "RUS")
    assert ("the Kremlin", "GOV") in rus.government and ("Kremlin", "GOV") in rus.government
    assert rus.capital == "Moscow"


def test_pentagon_denotes_us_military_and_white_house_the_government(countries):
    usa = by_code(countries, "USA")
    assert ("Pentagon", "MIL") in usa.government
    assert ("the White House", "GOV") in usa.government
    assert usa.capital == "Washington"


def test_us_has_its_abbreviations_and_demonym(countries):
    usa = by_code(countries, "USA")
    assert {"U.S.", "US", "USA", "America", "United States of America"} <= set(usa.names)
    assert {"American", "Americans"} <= set(usa.adjectives)


def test_britain_names_and_downing_street(countries):
    gbr = by_code(countries, "GBR")
    assert gbr.name == "United Kingdom"
    assert {"UK", "U.K.", "Britain", "Great Britain"} <= set(gbr.variants)
    assert {"British", "Briton", "Britons"} <= set(gbr.adjectives)
    assert ("Downing Street", "GOV") in gbr.government


def test_knesset_is_israeli_legislature(countries):
    assert ("Knesset", "LEG") in by_code(countries, "ISR").government


def test_damascus_is_syrian_capital_and_aleppo_a_syrian_city(countries):
    syr = by_code(countries, "SYR")
    assert syr.capital == "Damascus"
    assert {"Aleppo", "Homs", "Idlib", "Raqqa"} <= set(syr.cities)
    assert "Syrian" in syr.adjectives


def test_iraq_demonym_and_cities(countries):
    irq = by_code(countries, "IRQ")
    assert {"Iraqi", "Iraqis"} <= set(irq.adjectives)
    assert {"Basra", "Mosul", "Erbil", "Kirkuk"} <= set(irq.cities)
    assert irq.capital == "Baghdad"


def test_palestinians_belong_to_palestine(countries):
    pse = by_code(countries, "PSE")
    assert pse.name == "Palestine"
    assert {"Palestinian", "Palestinians"} <= set(pse.adjectives)
    assert "Gaza" in pse.cities


def test_north_korea_is_prk_and_ivory_coast_is_civ(countries):
    assert "DPRK" in by_code(countries, "PRK").variants
    civ = by_code(countries, "CIV")
    assert "Côte d'Ivoire" in civ.variants and civ.name == "Ivory Coast"


def test_kosovo_and_east_timor_use_cameo_codes(countries):
    assert by_code(countries, "KSV").name == "Kosovo"
    assert by_code(countries, "TMP").iso3 == "TLS"


def test_soviet_union_is_a_historical_row(countries):
    sun = by_code(countries, "SUN")
    assert "USSR" in sun.variants and "Soviet" in sun.adjectives


def test_kiev_spelling_denotes_ukrainian_government(countries):
    ukr = by_code(countries, "UKR")
    assert ukr.capital == "Kyiv" and ("Kiev", "GOV") in ukr.government


# --- organisations ---------------------------------------------------------------------------


def test_organisation_rows_well_formed(organisations):
    assert len(organisations) >= 60
    for o in organisations:
        assert re.fullmatch(r"(?:[A-Z]{3})+", o.code), o
        assert o.kind in knowledge.ORGANISATION_KINDS, o
        assert o.names and all(n == n.strip() and n for n in o.names), o


def test_organisation_names_unique(organisations):
    owners: dict[str, set[str]] = defaultdict(set)
    for o in organisations:
        for n in o.names:
            owners[n].add(o.name)
    assert not {n: s for n, s in owners.items() if len(s) > 1}


def test_un_is_igouno(organisations):
    un = next(o for o in organisations if "UN" in o.names)
    assert un.code == "IGOUNO" and un.name == "United Nations" and un.kind == "igo"


def test_core_organisations_present(organisations):
    names = {n for o in organisations for n in o.names}
    for required in ("NATO", "European Union", "European Commission", "European Parliament",
                     "African Union", "Arab League", "ASEAN", "OPEC", "IMF", "World Bank", "WTO",
                     "OSCE", "Council of Europe", "OAS", "GCC", "ECOWAS", "SCO", "BRICS",
                     "the Commonwealth", "Interpol", "International Criminal Court", "ICJ",
                     "ICRC", "Red Cross", "Amnesty International", "Human Rights Watch",
                     "Doctors Without Borders", "MSF", "Greenpeace", "Security Council",
                     "General Assembly", "UNHCR", "UNICEF", "WHO", "WFP", "IAEA", "UNESCO", "UNDP"):
        assert required in names, required


def test_nato_and_eu_codes(organisations):
    code = {n: o.code for o in organisations for n in o.names}
    assert code["NATO"] == "IGOWSTNAT"
    assert code["EU"] == code["European Commission"] == "IGOEUREEC"
    assert code["IAEA"] == "IGOUNOIAE"


def test_regions_are_kind_region(organisations):
    regions = {o.code: o for o in organisations if o.kind == "region"}
    assert {"AFR", "EUR", "MEA", "ASA", "WST"} <= set(regions)
    assert "Middle East" in regions["MEA"].names


def test_organisation_codes_do_not_collide_with_countries(organisations, countries):
    country_codes = {c.cameo for c in countries}
    for o in organisations:
        if o.kind == "region":
            assert o.code not in country_codes, o


# --- armed groups ----------------------------------------------------------------------------


def test_armed_group_rows_well_formed(groups, countries):
    iso3 = {c.iso3 for c in countries} | {c.cameo for c in countries}
    assert len(groups) >= 40
    for g in groups:
        assert re.fullmatch(r"(?:[A-Z]{3})+", g.code), g
        assert g.country == "" or g.country in iso3, g
        assert g.names, g


def test_armed_group_names_unique(groups):
    owners: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for n in g.names:
            owners[n].add(g.name)
    assert not {n: s for n, s in owners.items() if len(s) > 1}


def test_islamic_state_has_a_non_state_code(groups):
    isil = next(g for g in groups if "ISIL" in g.names)
    assert {"ISIS", "Islamic State", "Daesh",
            "Islamic State in Iraq and the Levant"} <= set(isil.names)
    assert NON_STATE.match(isil.code), isil.code


def test_main_armed_groups_have_non_state_codes(groups):
    code = {n: g.code for g in groups for n in g.names}
    for name in ("Taliban", "Hamas", "Hezbollah", "Hizbollah", "al-Qaeda", "al-Shabaab",
                 "Boko Haram", "FARC", "ELN", "PKK", "Houthis", "Ansar Allah", "Nusra Front",
                 "HTS", "Lashkar-e-Taiba", "Islamic Jihad", "Abu Sayyaf", "LRA", "M23",
                 "Tamil Tigers", "LTTE", "ETA", "IRA", "Wagner Group"):
        assert name in code, name
        assert NON_STATE.match(code[name]), (name, code[name])


def test_hamas_is_palestinian_and_hezbollah_lebanese(groups):
    by_name = {n: g for g in groups for n in g.names}
    assert by_name["Hamas"].country == "PSE" and by_name["Hamas"].code.startswith("PSE")
    assert by_name["Hezbollah"].country == "LBN" and by_name["Hezbollah"].code.startswith("LBN")


# --- companies -------------------------------------------------------------------------------


def test_company_rows_well_formed(companies, countries):
    iso3 = {c.iso3 for c in countries}
    assert len(companies) >= 80
    for co in companies:
        assert co.country in iso3, co
        assert co.code == co.country + "BUS", co


def test_company_names_unique(companies):
    owners: dict[str, set[str]] = defaultdict(set)
    for co in companies:
        for n in co.names:
            owners[n].add(co.name)
    assert not {n: s for n, s in owners.items() if len(s) > 1}


def test_lukoil_is_a_russian_company(companies):
    by_name = {n: co for co in companies for n in co.names}
    assert by_name["Lukoil"].code == "RUSBUS"
    assert by_name["Gazprom Neft"].code == "RUSBUS"
    assert by_name["Saudi Aramco"].code == "SAUBUS"
    assert by_name["Huawei"].code == "CHNBUS"


def test_no_name_shared_between_rows_or_tables_ignoring_case(countries, organisations, groups,
                                                            companies, parties):
    # The resolver looks names up in lower case, so "Nato"/"NATO" in two rows would collide.
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for n in (*_names_of(c), *c.adjectives):
            owners[n.lower()].add(f"country {c.cameo}")
    for table, rows in (("organisation", organisations), ("armed group", groups),
                        ("company", companies), ("party", parties)):
        for row in rows:
            for n in row.names:
                owners[n.lower()].add(f"{table} {row.code} {row.name}")
    clashes = {name: sorted(who) for name, who in owners.items() if len(who) > 1}
    assert not clashes, clashes


# --- parties ---------------------------------------------------------------------------------


@pytest.mark.parametrize("party", load_parties(), ids=lambda p: p.name)
def test_every_party_row_has_a_country_code_and_cameo_roles(party, countries):
    assert party.country in {c.iso3 for c in countries} | {c.cameo for c in countries}
    assert party.code[:3] == party.country or party.code[:3] in {
        c.cameo for c in countries if c.iso3 == party.country}
    assert party.code[3:6] in SECTORS or party.code == party.country, party.code
    assert party.note, "every row says where its code comes from"
    assert ("Phoenix" in party.note or "PETRARCH2" in party.note
            or "invented by Accord" in party.note), party.note
    if party.governs:
        assert party.governing_code == party.code.replace("OPP", "GOV", 1)


def test_party_table_covers_the_main_parties_in_the_news(parties):
    code = {n: p.code for p in parties for n in p.names}
    assert len(parties) >= 80
    assert code["Muslim Brotherhood"] == "EGYOPPMUS"
    assert code["Chinese Communist Party"] == "CHNGOV"
    for name in ("Fatah", "Likud", "ANC", "ZANU-PF", "MDC", "Democratic Party", "Republican Party",
                 "Labour Party", "Conservative Party", "CDU", "SPD", "AKP", "BJP", "PSUV",
                 "United Russia", "Servant of the People", "Baath Party"):
        assert name in code, name


def test_ambiguous_party_words_are_only_inside_longer_names(parties):
    names = {n for p in parties for n in p.names}
    assert not {"Labour", "Democrats", "Conservatives", "Jubilee", "Renaissance", "Vox",
                "The Republicans", "APC", "PTI", "DPP", "AAP"} & names


def test_governing_periods_parse_and_must_be_in_order():
    assert parse_periods("1997-05-02..2010-05-11|2024-07-05..") == (
        ("1997-05-02", "2010-05-11"), ("2024-07-05", ""))
    with pytest.raises(ValueError, match="bad period"):
        parse_periods("1997..2010")
    with pytest.raises(ValueError, match="overlaps"):
        parse_periods("2000-01-01..|2005-01-01..2006-01-01")


def test_party_loader_wants_an_opp_code_for_governing_periods(tmp_path):
    header = "\t".join(knowledge.PARTY_COLUMNS)
    with pytest.raises(ValueError, match=r"x\.tsv:2: a party with governing periods"):
        load_parties(_write(tmp_path, f"{header}\nCHNGOV\tCCP\tCHN\t1949-10-01..\t\n"))


# --- the loader ------------------------------------------------------------------------------


def test_parse_government_mini_syntax():
    assert parse_government("the Kremlin|Pentagon>MIL| Knesset > LEG ") == (
        ("the Kremlin", "GOV"), ("Pentagon", "MIL"), ("Knesset", "LEG"))
    assert parse_government("") == ()
    with pytest.raises(ValueError, match="bad sector"):
        parse_government("Pentagon>mil")


def _write(tmp_path, text: str):
    path = tmp_path / "x.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reports_file_and_line(tmp_path):
    header = "\t".join(knowledge.COUNTRY_COLUMNS)
    path = _write(tmp_path, f"# comment\n{header}\nRUS\tRUS\tRU\tRussia\t\t\t\t\t\textra\n")
    with pytest.raises(ValueError, match=r"x\.tsv:3: 10 columns"):
        load_countries(path)
    path = _write(tmp_path, f"{header}\nrus\tRUS\tRU\tRussia\n")
    with pytest.raises(ValueError, match=r"x\.tsv:2: bad cameo code"):
        load_countries(path)


def test_loader_rejects_wrong_header(tmp_path):
    with pytest.raises(ValueError, match=r"x\.tsv:1: header"):
        load_organisations(_write(tmp_path, "code\tname\tkind\tnote\n"))
    with pytest.raises(ValueError, match="no header"):
        load_companies(_write(tmp_path, "# only comments\n"))


def test_loader_rejects_bad_kind_and_country(tmp_path):
    with pytest.raises(ValueError, match=r"x\.tsv:2: bad kind"):
        load_organisations(_write(tmp_path, "code\tnames\tkind\tnote\nIGOUNO\tUN\tclub\t\n"))
    with pytest.raises(ValueError, match=r"x\.tsv:2: bad country"):
        load_armed_groups(_write(tmp_path, "code\tnames\tcountry\tnote\nIRQREB\tX\tIraq\t\n"))


def test_loader_parses_a_small_file(tmp_path):
    header = "\t".join(knowledge.COUNTRY_COLUMNS)
    path = _write(tmp_path, f"{header}\nRUS\tRUS\tRU\tRussia\tRussian Federation\tRussian|Russians"
                            f"\tMoscow\tthe Kremlin|Duma>LEG\tKazan\n")
    (rus,) = load_countries(path)
    assert rus == Country("RUS", "RUS", "RU", "Russia", ("Russian Federation",),
                          ("Russian", "Russians"), "Moscow",
                          (("the Kremlin", "GOV"), ("Duma", "LEG")), ("Kazan",))
    assert rus.names == ("Russia", "Russian Federation")


# --- against the shared Phoenix dictionary -----------------------------------------------------


@pytest.mark.shared
def test_every_phoenix_country_code_is_in_our_table(countries):
    path = shared_path("dictionaries", "phoenix", "Phoenix.Countries.actors.txt")
    text = path.read_text(encoding="utf-8", errors="replace")
    # country-level codes: a bare three-letter code in brackets, possibly date-restricted
    phoenix = set(re.findall(r"\[([A-Z]{3})(?:[ \]])", text)) - PHOENIX_NOT_COUNTRIES
    ours = {c.cameo for c in countries}
    missing = sorted(phoenix - ours)
    assert not missing, missing


@pytest.mark.shared
def test_sector_list_matches_shared_role_table():
    path = shared_path("lookups", "cameo_actor_roles.tsv")
    codes = {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]
             if line.strip()}
    assert SECTORS <= codes
