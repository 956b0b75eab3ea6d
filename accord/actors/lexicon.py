"""The actor lexicon: every name and role word that can denote a political actor, keyed for fast lookup.

``load_actor_lexicon(settings)`` builds it once per process from the built-in knowledge
(``accord.actors.knowledge``: countries, capitals and seats of government, cities, demonyms,
international organisations, armed groups, companies, political parties), the tables in ``accord/data``
(``roles.tsv``, ``role_modifiers.tsv``, ``pronouns.tsv``, ``leaders.tsv``: well-known office
holders with their terms) and any PETRARCH2 dictionaries named in the settings (loaded entries
add to or override the built-in ones).  The result is immutable.

Every phrase is stored under a *key*: its text lower-cased with runs of white space made one
space (``norm``).  A span of a parsed document is looked up under the same key built from the
document text, so no phrase ever has to be tokenised at load time (which keeps loading the full
Phoenix dictionaries fast) and hyphenated names ("al-Qaeda") match however the tokenizer splits
them.  ``prefixes`` holds every key prefix that ends where a token may end, so a scan can stop
extending a span as soon as no phrase can start that way.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date as date_cls, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple

from accord.actors import knowledge
from accord.config import Settings

#: Named-entry kinds, as written on ActorMention.kind.
NAMED_KINDS = ("country", "capital", "city", "demonym", "igo", "group", "company", "party",
               "person", "dictionary")

#: Organisation prefixes that are not countries (CAMEO "international" codes).
ORG_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "INT", "UIS", "REG"})

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """The lookup key of a phrase: lower case, white space runs made one space, trimmed."""
    return " ".join(text.split()).lower()


def plural(phrase: str) -> str:
    """Regular English plural of the last word ("minister" -> "ministers", "authority" -> ...ies)."""
    if not phrase:
        return phrase
    if phrase.endswith("man") and not phrase.endswith("human"):
        return phrase[:-3] + "men"
    if phrase.endswith("y") and len(phrase) > 1 and phrase[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


#: The country part of a role whose country is unknown: "---REB" (PETRARCH/Phoenix convention).
UNKNOWN_COUNTRY = "---"


def split_code(code: str, sectors: frozenset[str] | None = None) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> (country or organisation prefix, role sector or None).

    ``RUSGOV`` -> ("RUS", "GOV"); ``RUS`` -> ("RUS", None); ``IGOUNO`` -> ("IGO", None) when
    ``UNO`` is not a known sector; a role of unknown country, ``---GOV`` (PETRARCH's
    convention) or a bare ``GOV``, -> (None, "GOV").
    """
    code = code.strip().upper()
    if not code:
        return None, None
    if code.startswith(UNKNOWN_COUNTRY):
        return None, code[3:6] or None
    if sectors is not None and code in sectors and len(code) == 3:
        return None, code
    country = code[:3]
    rest = code[3:6] or None
    if rest is not None and sectors is not None and rest not in sectors:
        rest = None
    return country, rest


class DatedCode(NamedTuple):
    """A date-restricted code of a PETRARCH actor: applies when ``first <= date <= last``."""

    code: str
    first: int = 0  # YYYYMMDD, inclusive
    last: int = 99999999  # YYYYMMDD, inclusive


class NamedEntry(NamedTuple):
    """A proper name that denotes an actor: a country, capital, organisation, dictionary actor...

    A named tuple rather than a dataclass: the full Phoenix dictionaries make tens of thousands
    of them and they must load in well under a second.
    """

    key: str
    surface: str  # the phrase as written in its source (case kept)
    code: str | None  # default code; None = a known name that is never an actor ("[---]")
    kind: str  # one of NAMED_KINDS
    name: str  # canonical name of the actor ("Russia", "Islamic State")
    label: str | None  # spaCy entity label the ruler gives it (GPE, NORP, ORG, FAC, PERSON)
    caps: tuple[int, ...] = ()  # positions in the key that must be upper case in the text
    exact: bool = False  # short ambiguous forms ("US", "UN"): the text must equal the surface
    dated: tuple[DatedCode, ...] = ()  # PETRARCH date restrictions, first match wins
    country: str | None = None  # country prefix for modifiers ("Kremlin spokesman" -> RUS)

    def code_on(self, date: str | None) -> str | None:
        """The code in force on ``date`` (ISO YYYY-MM-DD or None).

        First date restriction that holds wins; otherwise the default code.  With no date at all:
        the default code, else the first restriction listed (for a leader: the office).
        """
        if self.dated:
            if date:
                try:
                    day = int(date[:10].replace("-", ""))
                except ValueError:
                    day = None
                if day is not None:
                    for rule in self.dated:
                        if rule.first <= day <= rule.last:
                            return rule.code
            if self.code is not None:
                return self.code
            if date is None:
                return self.dated[0].code
            return None
        return self.code

    def case_ok(self, text_norm_source: str) -> bool:
        """Does the document text (white space normalised, case kept) fit this entry's case?"""
        if self.exact:
            return text_norm_source == _SPACE.sub(" ", self.surface).strip()
        if self.caps and _odd_caps(text_norm_source):
            return True
        for pos in self.caps:
            if pos >= len(text_norm_source) or not text_norm_source[pos].isupper():
                return False
        return True


def _odd_caps(text: str) -> bool:
    """Every word capitalised somewhere other than its first letter ("iSrael"): a name typed
    with odd case, not a common word (lower case words still fail the case rule)."""
    words = text.split()
    return bool(words) and all(len(w) > 1 and not w[0].isupper() and any(ch.isupper() for ch in w[1:])
                               for w in words)


@dataclass(frozen=True)
class RoleEntry:
    """A role word or phrase -> CAMEO sector ("foreign minister" -> GOV)."""

    key: str
    sector: str  # sector suffix ("GOV", "GOVMED"); empty when only ``prefix`` is set
    person: bool  # one individual ("minister") rather than a body ("ministry", "troops")
    prefix: str | None = None  # PETRARCH "[NGO~]" agents: an organisation prefix
    source: str = "builtin"


@dataclass(frozen=True)
class ActorLexicon:
    """Everything the ruler and the resolver look up, built once, read-only afterwards."""

    named: Mapping[str, NamedEntry]
    roles: Mapping[str, RoleEntry]
    modifiers: Mapping[str, str]  # word -> "keep" or a replacement sector for GOV
    pronouns: Mapping[str, str]  # word -> person / thing / group / speaker
    prefixes: frozenset[str]  # every key prefix ending at a possible token boundary
    max_tokens: int  # longest phrase, in rough tokens (bounds the scan)
    countries: Mapping[str, str]  # country code -> name
    sectors: frozenset[str]  # known sector codes
    sources: tuple[str, ...] = field(default=())  # dictionary files loaded
    #: verbs of saying for the quote finder (first person inside quotes); None = load per use
    speech_cues: object = None
    #: words that put a place inside an institution's name: {"after": ..., "before": ...}
    institution_words: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def lookup_named(self, key: str) -> NamedEntry | None:
        return self.named.get(key)

    def lookup_role(self, key: str) -> RoleEntry | None:
        return self.roles.get(key)

    def country_name(self, code: str | None) -> str | None:
        return self.countries.get(code) if code else None


# ---------------------------------------------------------------------------------------------
# small data files


def read_table(filename: str, columns: tuple[str, ...], path: Path | None = None
               ) -> list[tuple[int, dict[str, str]]]:
    """Rows of one of our TSV tables (``#`` comments, a header row, tab-separated cells)."""
    where = path or knowledge.data_path(filename)
    rows: list[tuple[int, dict[str, str]]] = []
    header = False
    for lineno, raw in enumerate(where.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if not header:
            if tuple(cells[:len(columns)]) != columns:
                raise ValueError(f"{where}:{lineno}: header must be {columns}, got {cells}")
            header = True
            continue
        cells += [""] * (len(columns) - len(cells))
        rows.append((lineno, dict(zip(columns, cells))))
    return rows


def load_roles(path: Path | None = None) -> dict[str, RoleEntry]:
    """``roles.tsv`` -> key -> RoleEntry, with regular plurals added (singular rows win)."""
    out: dict[str, RoleEntry] = {}
    plurals: dict[str, RoleEntry] = {}
    for lineno, row in read_table("roles.tsv", ("phrase", "sector", "kind", "note"), path):
        if row["kind"] not in ("person", "group"):
            raise ValueError(f"roles.tsv:{lineno}: kind must be person or group")
        if not re.fullmatch(r"(?:[A-Z]{3}){1,2}", row["sector"]):
            raise ValueError(f"roles.tsv:{lineno}: bad sector {row['sector']!r}")
        key = norm(row["phrase"])
        out[key] = RoleEntry(key=key, sector=row["sector"], person=row["kind"] == "person")
        pkey = plural(key)
        plurals.setdefault(pkey, RoleEntry(key=pkey, sector=row["sector"], person=False))
    for pkey, entry in plurals.items():
        out.setdefault(pkey, entry)
    return out


def load_modifiers(path: Path | None = None) -> dict[str, str]:
    return {norm(row["word"]): row["effect"]
            for _, row in read_table("role_modifiers.tsv", ("word", "effect", "note"), path)}


def load_leaders(path: Path | None = None) -> list[NamedEntry]:
    """``leaders.tsv`` -> dated named entries (in office: the code; afterwards: country + ELI).

    A person with several rows (two terms, two offices) gets every period: in office during
    each, former official (ELI) between and after them."""
    terms: dict[str, list[DatedCode]] = {}
    names_of: dict[str, list[str]] = {}
    for lineno, row in read_table("leaders.tsv", ("names", "code", "from", "to", "note"), path):
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        code = row["code"]
        if not names or not re.fullmatch(r"(?:[A-Z]{3})+", code):
            raise ValueError(f"leaders.tsv:{lineno}: bad names or code")
        try:
            first = int(row["from"].replace("-", ""))
            last = int(row["to"].replace("-", "")) if row["to"] else 99999999
        except ValueError as exc:
            raise ValueError(f"leaders.tsv:{lineno}: bad date") from exc
        for name in names:
            terms.setdefault(name, []).append(DatedCode(code, first, last))
            names_of.setdefault(name, names)
    out: list[NamedEntry] = []
    for name, periods in terms.items():
        dated = sorted(periods, key=lambda d: d.first)
        ended = [d for d in dated
                 if d.last != 99999999 and not d.code.startswith(tuple(ORG_PREFIXES))]
        if ended:  # first match wins: the offices first, then "former" from the first exit
            first_exit = min(d.last for d in ended)
            dated.append(DatedCode(ended[0].code[:3] + "ELI", first_exit + 1, 99999999))
        out.append(make_named(name, None, "person", names_of[name][0], "PERSON",
                              country=dated[0].code[:3], dated=tuple(dated)))
    return out


def load_pronouns(path: Path | None = None) -> dict[str, str]:
    out = {}
    for lineno, row in read_table("pronouns.tsv", ("word", "refers", "note"), path):
        if row["refers"] not in ("person", "thing", "group", "speaker"):
            raise ValueError(f"pronouns.tsv:{lineno}: bad refers {row['refers']!r}")
        out[row["word"]] = row["refers"]
    return out


# ---------------------------------------------------------------------------------------------
# building


def _caps(surface: str) -> tuple[int, ...]:
    text = _SPACE.sub(" ", surface).strip()
    return tuple(i for i, ch in enumerate(text) if ch.isupper())


def _is_short_form(surface: str) -> bool:
    """Ambiguous short forms ("US", "UN", "EU", "U.S.", "IS", "Xi") must match exactly, case
    included ("Pius XI" is no Xi)."""
    if len(surface) > 6:
        return False
    letters = [c for c in surface if c.isalpha()]
    return len(letters) <= 2 or (len(letters) <= 3 and all(c.isupper() for c in letters))


def make_named(surface: str, code: str | None, kind: str, name: str, label: str | None,
               country: str | None = None, dated: tuple[DatedCode, ...] = (),
               caps: tuple[int, ...] | None = None) -> NamedEntry:
    surface = surface.strip()
    return NamedEntry(key=norm(surface), surface=surface, code=code, kind=kind, name=name,
                      label=label, caps=_caps(surface) if caps is None else caps,
                      exact=_is_short_form(surface), dated=dated,
                      country=country if country is not None else (code[:3] if code else None))


def demonym_plurals(adjective: str) -> list[str]:
    """"Iraqi" -> ["Iraqis"]; "Russian" -> ["Russians"]; "Chinese"/"British"/"French" -> []."""
    if adjective.endswith(("ese", "ish", "ch", "s", "x")) or not adjective[-1:].isalpha():
        return []
    return [adjective + "s"]


def builtin_named(countries: Iterable[knowledge.Country],
                  organisations: Iterable[knowledge.Organisation],
                  groups: Iterable[knowledge.ArmedGroup],
                  companies: Iterable[knowledge.Company],
                  parties: Iterable[knowledge.Party] = ()) -> dict[str, NamedEntry]:
    """The built-in knowledge as named entries.  Later (more specific) kinds win a shared key."""
    out: dict[str, NamedEntry] = {}

    def put(entry: NamedEntry) -> None:
        if not entry.key:
            return
        old = out.get(entry.key)
        if old is not None and old.code == entry.code and old.kind == entry.kind:
            # "Lukoil" and "LUKOIL": keep the looser case rule
            if (old.exact, len(old.caps)) <= (entry.exact, len(entry.caps)):
                return
        out[entry.key] = entry

    for c in countries:
        for city in c.cities:
            put(make_named(city, c.cameo, "city", c.name, "GPE"))
        for adj in c.adjectives:
            for pl in demonym_plurals(adj):
                put(make_named(pl, c.cameo, "demonym", c.name, "NORP"))
            put(make_named(adj, c.cameo, "demonym", c.name, "NORP"))
        for name in c.names:
            put(make_named(name, c.cameo, "country", c.name, "GPE"))
        if c.capital:
            put(make_named(c.capital, c.cameo + "GOV", "capital", c.name, "GPE",
                           country=c.cameo))
        for metonym, sector in c.government:
            label = "GPE" if metonym == c.capital else "FAC"
            put(make_named(metonym, c.cameo + sector, "capital", c.name, label,
                           country=c.cameo))
            if metonym.lower().startswith("the "):
                put(make_named(metonym[4:], c.cameo + sector, "capital", c.name, label,
                               country=c.cameo))
    for org in organisations:
        kind = "company" if org.kind == "mnc" else "igo"
        for name in org.names:
            put(make_named(name, org.code, kind, org.name, "ORG", country=org.code[:3]))
    for grp in groups:
        for name in grp.names:
            put(make_named(name, grp.code, "group", grp.name, "ORG", country=grp.code[:3]))
    for com in companies:
        for name in com.names:
            put(make_named(name, com.code, "company", com.name, "ORG",
                           country=com.country or com.code[:3]))
    for party in parties:
        dated = party_periods(party)
        for name in party.names:
            put(make_named(name, party.code, "party", party.name, "ORG", country=party.code[:3],
                           dated=dated))
    return out


def party_periods(party: knowledge.Party) -> tuple[DatedCode, ...]:
    """A party's governing periods as date restrictions: GOV from the day it takes office to the
    day before it hands over; any other day falls back to its default (OPP) code."""
    out = []
    for first, last in party.governs:
        end = 99999999
        if last:
            end = int((date_cls.fromisoformat(last) - timedelta(days=1)).strftime("%Y%m%d"))
        out.append(DatedCode(party.governing_code, int(first.replace("-", "")), end))
    return tuple(out)


_BOUNDARY = re.compile(r"[^\w]|_")


def key_prefixes(keys: Iterable[str]) -> tuple[frozenset[str], int]:
    """Every prefix of every key that ends where a token may end (before or after a space or
    punctuation), and the largest number of such pieces in one key (a bound on its tokens)."""
    out: set[str] = set()
    most = 1
    finditer = _BOUNDARY.finditer
    for key in keys:
        out.add(key)
        pieces = 1
        for m in finditer(key):
            p = m.start()
            pieces += 1
            if p:
                out.add(key[:p].rstrip())
            out.add(key[:p + 1].rstrip())
        if pieces > most:
            most = pieces
    out.discard("")
    return frozenset(out), most


def assemble(named: dict[str, NamedEntry], roles: dict[str, RoleEntry], modifiers: dict[str, str],
             pronouns: dict[str, str], countries: dict[str, str], sectors: frozenset[str],
             sources: tuple[str, ...] = ()) -> ActorLexicon:
    prefixes, max_tokens = key_prefixes(list(named) + list(roles))
    return ActorLexicon(
        named=MappingProxyType(dict(named)), roles=MappingProxyType(dict(roles)),
        modifiers=MappingProxyType(dict(modifiers)), pronouns=MappingProxyType(dict(pronouns)),
        prefixes=prefixes, max_tokens=min(max_tokens, 16),
        countries=MappingProxyType(dict(countries)), sectors=sectors, sources=sources)


def load_institution_words(path: Path | None = None) -> Mapping[str, frozenset[str]]:
    """``institution_words.tsv`` -> {"after": words, "before": words} (lower case)."""
    out: dict[str, set[str]] = {"after": set(), "before": set()}
    for lineno, row in read_table("institution_words.tsv", ("word", "position", "note"), path):
        if row["position"] not in out or not row["word"]:
            raise ValueError(f"institution_words.tsv:{lineno}: position must be after or before")
        out[row["position"]].add(row["word"].lower())
    return MappingProxyType({k: frozenset(v) for k, v in out.items()})


def load_actor_lexicon(settings: Settings) -> ActorLexicon:
    """Built-in knowledge + role tables + the PETRARCH dictionaries named in ``settings``."""
    from accord.actors import petrarch

    countries = knowledge.load_countries()
    named = builtin_named(countries, knowledge.load_organisations(),
                          knowledge.load_armed_groups(), knowledge.load_companies(),
                          knowledge.load_parties())
    for entry in load_leaders():
        named.setdefault(entry.key, entry)
    roles = load_roles()
    sectors = frozenset({r.sector for r in roles.values()} | CAMEO_SECTORS)
    country_names = {c.cameo: c.name for c in countries}
    sources: list[str] = []
    for path in settings.actor_dictionaries:
        for entry in petrarch.named_entries(petrarch.read_actor_dictionary(path), named):
            named[entry.key] = entry
        sources.append(str(path))
    for path in settings.agent_dictionaries:
        for entry in petrarch.role_entries(petrarch.read_agent_dictionary(path), roles):
            roles[entry.key] = entry
        sources.append(str(path))
    lexicon = assemble(named, roles, load_modifiers(), load_pronouns(), country_names, sectors,
                       tuple(sources))
    lexicon = dataclasses.replace(lexicon, institution_words=load_institution_words())
    try:
        from accord.nlp.speechcues import load_speech_cues
    except ImportError:  # the quote finder is optional for the actor stage
        return lexicon
    return dataclasses.replace(lexicon, speech_cues=load_speech_cues())


#: CAMEO actor role (sector) codes, from the CAMEO manual's actor chapter
#: (../shared/lookups/cameo_actor_roles.tsv) plus the widely used REL, NGO, IGO, MNC, ELI.
CAMEO_SECTORS = frozenset({
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "REL", "NGO", "IGO", "MNC",
})
