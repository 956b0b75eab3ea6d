"""Loaders for the built-in actor knowledge: countries, organisations, armed groups, companies, parties.

The knowledge lives in tab-separated files in the ``accord.data`` package (``countries.tsv``,
``organisations.tsv``, ``armed_groups.tsv``, ``companies.tsv``, ``parties.tsv``).  Each file starts with ``#``
comment lines (source notes, conventions), then one header row naming the columns, then one
row per entry.  Multi-valued cells are ``|``-separated; an empty cell is an empty tuple.

Everything here is a frozen dataclass or a pure function; nothing is cached at module level.
Callers load once and keep what they loaded.  A malformed file raises ``ValueError`` naming the
file and the line number.

The ``government`` cell of ``countries.tsv`` uses a mini-syntax: ``name`` is a metonym for the
country's government (sector ``GOV``); ``name>SECTOR`` is a metonym for another sector of the
same country (``Pentagon>MIL``, ``Knesset>LEG``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

from accord.data.tables import data_path, read_table

PathLike = Union[str, Path, None]

COUNTRY_COLUMNS = ("cameo", "iso3", "iso2", "name", "variants", "adjectives", "capital",
                   "government", "cities")
ORGANISATION_COLUMNS = ("code", "names", "kind", "note")
ARMED_GROUP_COLUMNS = ("code", "names", "country", "note")
COMPANY_COLUMNS = ("code", "names", "country", "note")
PARTY_COLUMNS = ("code", "names", "country", "governs", "note")

ORGANISATION_KINDS = ("igo", "ngo", "region", "mnc")

_SECTOR = re.compile(r"^[A-Z]{3}$")
_CODE3 = re.compile(r"^[A-Z]{3}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_ACTOR_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})?$")


@dataclass(frozen=True)
class Country:
    """A country or territory: its CAMEO code, ISO codes and every way the news names it."""

    cameo: str
    iso3: str
    iso2: str
    name: str
    variants: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    government: tuple[tuple[str, str], ...]  # (metonym, sector), e.g. ("the Kremlin", "GOV")
    cities: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by its variants: every string that denotes the country itself."""
        return (self.name, *self.variants)


@dataclass(frozen=True)
class Organisation:
    """An international organisation, NGO or region with its CAMEO code (``IGOUNO``, ``NGOAMN``)."""

    code: str
    names: tuple[str, ...]  # full name first, then acronyms and variants
    kind: str  # igo / ngo / region / mnc
    note: str = ""

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class NamedActor:
    """A named non-state actor with its CAMEO code and the country it belongs to (ISO3 or '')."""

    code: str
    names: tuple[str, ...]  # full name first, then short forms and variants
    country: str
    note: str = ""

    @property
    def name(self) -> str:
        return self.names[0]


class ArmedGroup(NamedActor):
    """A non-state armed group; ``country`` is its main theatre (ISO3) or '' when transnational."""


class Company(NamedActor):
    """A company often in political news, coded as its country plus BUS (``RUSBUS``)."""


@dataclass(frozen=True)
class Party(NamedActor):
    """A political party or movement.  ``code`` is its code out of government (``EGYOPPMUS``);
    ``governs`` holds (first, last) ISO dates ('' = open end) in which it governs, when its
    code takes GOV for OPP (``governing_code``)."""

    governs: tuple[tuple[str, str], ...] = ()

    @property
    def governing_code(self) -> str:
        return self.code[:3] + "GOV" + self.code[6:] if self.code[3:6] == "OPP" else self.code


# ---------------------------------------------------------------------------------------------
# reading


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _read_rows(path: PathLike, default: str,
               columns: tuple[str, ...]) -> Iterator[tuple[str, int, dict[str, str]]]:
    """Yield (file name, line number, row dict) per data row; the header must be exactly
    ``columns`` (these tables carry no extra columns)."""
    for where, lineno, row in read_table(path, default, columns):
        if len(row) != len(columns):
            raise ValueError(f"{where}: header must be {'<TAB>'.join(columns)!r}")
        yield where, lineno, row


def _check(cond: bool, where: str, lineno: int, message: str) -> None:
    if not cond:
        raise ValueError(f"{where}:{lineno}: {message}")


def parse_government(cell: str, where: str = "<cell>", lineno: int = 0
                     ) -> tuple[tuple[str, str], ...]:
    """``"the Kremlin|Pentagon>MIL"`` -> ``(("the Kremlin", "GOV"), ("Pentagon", "MIL"))``."""
    out = []
    for item in _split(cell):
        name, sep, sector = item.partition(">")
        name, sector = name.strip(), (sector.strip() if sep else "GOV")
        _check(bool(name), where, lineno, f"empty metonym in {item!r}")
        _check(bool(_SECTOR.match(sector)), where, lineno,
               f"bad sector {sector!r} in {item!r} (want three capital letters)")
        out.append((name, sector))
    return tuple(out)


def load_countries(path: PathLike = None) -> tuple[Country, ...]:
    """Every country/territory row of ``countries.tsv`` (or ``path``), in file order."""
    out = []
    for where, lineno, row in _read_rows(path, "countries.tsv", COUNTRY_COLUMNS):
        _check(bool(_CODE3.match(row["cameo"])), where, lineno, f"bad cameo code {row['cameo']!r}")
        _check(row["iso3"] == "" or bool(_CODE3.match(row["iso3"])), where, lineno,
               f"bad iso3 {row['iso3']!r}")
        _check(row["iso2"] == "" or bool(_ISO2.match(row["iso2"])), where, lineno,
               f"bad iso2 {row['iso2']!r}")
        _check(bool(row["name"]), where, lineno, "empty name")
        out.append(Country(
            cameo=row["cameo"], iso3=row["iso3"], iso2=row["iso2"], name=row["name"],
            variants=_split(row["variants"]), adjectives=_split(row["adjectives"]),
            capital=row["capital"],
            government=parse_government(row["government"], where, lineno),
            cities=_split(row["cities"]),
        ))
    return tuple(out)


def _named_rows(path: PathLike, default: str, columns: tuple[str, ...]
                ) -> Iterator[tuple[str, int, dict[str, str], tuple[str, ...]]]:
    for where, lineno, row in _read_rows(path, default, columns):
        _check(bool(_ACTOR_CODE.match(row["code"])), where, lineno,
               f"bad code {row['code']!r} (want a CAMEO code: groups of three capital letters)")
        names = _split(row["names"])
        _check(bool(names), where, lineno, "no names")
        yield where, lineno, row, names


def load_organisations(path: PathLike = None) -> tuple[Organisation, ...]:
    """International organisations, NGOs and regions of ``organisations.tsv``."""
    out = []
    for where, lineno, row, names in _named_rows(path, "organisations.tsv", ORGANISATION_COLUMNS):
        _check(row["kind"] in ORGANISATION_KINDS, where, lineno,
               f"bad kind {row['kind']!r} (want one of {', '.join(ORGANISATION_KINDS)})")
        out.append(Organisation(code=row["code"], names=names, kind=row["kind"], note=row["note"]))
    return tuple(out)


def _country_cell(value: str, where: str, lineno: int) -> str:
    _check(value == "" or bool(_CODE3.match(value)), where, lineno, f"bad country {value!r}")
    return value


def _load_named_actors(cls, path: PathLike, default: str, columns: tuple[str, ...]) -> tuple:
    return tuple(cls(code=row["code"], names=names,
                     country=_country_cell(row["country"], where, lineno), note=row["note"])
                 for where, lineno, row, names in _named_rows(path, default, columns))


def load_armed_groups(path: PathLike = None) -> tuple[ArmedGroup, ...]:
    """Non-state armed groups of ``armed_groups.tsv``."""
    return _load_named_actors(ArmedGroup, path, "armed_groups.tsv", ARMED_GROUP_COLUMNS)


def load_companies(path: PathLike = None) -> tuple[Company, ...]:
    """Companies of ``companies.tsv``."""
    return _load_named_actors(Company, path, "companies.tsv", COMPANY_COLUMNS)


def parse_periods(cell: str, where: str = "<cell>", lineno: int = 0) -> tuple[tuple[str, str], ...]:
    """``"1997-05-02..2010-05-11|2024-07-05.."`` -> ``(("1997-05-02", "2010-05-11"),
    ("2024-07-05", ""))``; periods must be in order and not overlap."""
    out: list[tuple[str, str]] = []
    for item in _split(cell):
        m = _PERIOD.match(item)
        _check(m is not None, where, lineno,
               f"bad period {item!r} (want YYYY-MM-DD..YYYY-MM-DD, the end may be empty)")
        first, last = m.group(1), m.group(2) or ""
        _check(not last or first < last, where, lineno, f"period {item!r} ends before it starts")
        _check(not out or (out[-1][1] != "" and out[-1][1] <= first), where, lineno,
               f"period {item!r} overlaps or precedes the one before it")
        out.append((first, last))
    return tuple(out)


def load_parties(path: PathLike = None) -> tuple[Party, ...]:
    """Political parties and movements of ``parties.tsv``."""
    out = []
    for where, lineno, row, names in _named_rows(path, "parties.tsv", PARTY_COLUMNS):
        governs = parse_periods(row["governs"], where, lineno)
        _check(not governs or row["code"][3:6] == "OPP", where, lineno,
               f"a party with governing periods needs an OPP code, not {row['code']!r}")
        out.append(Party(code=row["code"], names=names,
                         country=_country_cell(row["country"], where, lineno),
                         note=row["note"], governs=governs))
    return tuple(out)
