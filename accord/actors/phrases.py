"""Assemble actor phrases in one sentence from lexicon matches: "Russian Foreign Minister Sergey Lavrov".

A phrase is the unit the resolver turns into a mention.  Grammar (tokens adjacent):

    NAMED [("and" | ",") NAMED]* ["'s"] MODIFIER* ROLE+ [PERSON-NAME]     "U.S. and Russian negotiators"
    MODIFIER* ROLE+ [PERSON-NAME] ["of" ["the"] NAMED]                    "the president of Armenia"
    NAMED                                                                  "Russia", "Lukoil", "Washington"

NAMED modifiers that carry a country (countries, demonyms, capitals, seats of government, cities,
bare-country dictionary entries) give the role its country; organisations, armed groups and
companies keep their own code ("UN envoy" is the UN), an organisation's forces add their
sector ("UN troops" IGOUNOMIL, as PETRARCH joins actor and agent).  A role is kept only when
its last word is a noun ("military cooperation" is no actor) and is not a noun modifier of a
non-role ("police station"), and not the start of a longer organisation name ("General Motors").
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.actors.lexicon import ORG_PREFIXES, UNKNOWN_COUNTRY, ActorLexicon, NamedEntry, RoleEntry
from accord.actors.matcher import ROLE_POS, Match

#: Named kinds that are bodies a spokesperson speaks for ("leaders of the Muslim Brotherhood").
BODY_KINDS = frozenset({"igo", "group", "company", "party"})
#: Named kinds that lend their country to a following role.
COUNTRY_MODIFIER_KINDS = frozenset({"country", "demonym", "capital", "city"})
#: Role sectors an international organisation's own forces add to its code ("UN troops").
FORCE_SECTORS = frozenset({"MIL", "COP"})
#: Entity labels a person's name may carry (spaCy often calls a lone surname ORG).
NAME_LABELS = frozenset({"PERSON", "ORG", ""})
#: Entity labels that mark a role word as part of an organisation's own name.
ORG_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
INDEFINITE = frozenset({"a", "an", "one", "another"})
#: Prepositions after a role that name its country: "of"/"from" join the place to the phrase,
#: "in"/"throughout"/"across" only lend its country ("demonstrators in Baghdad" -> IRQ).
LOCATING_PREPOSITIONS = frozenset({"of", "from", "in", "throughout", "across"})
#: Possessives that give a role its owner: "its troops from Gaza" are not Gaza's troops.
OWNER_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
MAX_NAME_TOKENS = 6
#: Role heads that speak for a body named after them ("leaders of the opposition").
SPOKESPERSON_HEADS = frozenset({"leader", "leaders", "spokesman", "spokeswoman", "spokesperson",
                                "official", "officials"})
#: Lower-case particles inside personal names ("Hans van den Broek", "Omar bin Laden").
NAME_PARTICLES = frozenset({"van", "den", "der", "de", "von", "bin", "ibn", "al", "el", "da",
                            "du", "le", "la", "di"})


@dataclass
class Phrase:
    """An actor phrase before actor ids are given."""

    start: int
    end: int
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # full code when it comes whole from a named entry
    name: str | None = None
    role: RoleEntry | None = None
    person: bool = False  # one individual
    definite: bool = True  # not "a/an ..."
    named: NamedEntry | None = None

    def final_code(self) -> str | None:
        if self.code:
            return self.code
        if self.role is not None and self.role.prefix:
            return self.role.prefix + (self.country or "")
        if self.country and self.sector:
            return self.country + self.sector
        if self.country:
            return self.country
        return UNKNOWN_COUNTRY + self.sector if self.sector else None


def modifier_country(entry: NamedEntry, date: str | None, countries) -> str | None:
    """The country a named entry lends to a following role, if it is country-like."""
    if entry.kind in COUNTRY_MODIFIER_KINDS:
        return entry.country
    if entry.kind == "dictionary":
        code = entry.code_on(date)
        if code and len(code) == 3 and code not in ORG_PREFIXES:
            return code  # a dictionary's bare code is a country, fictional ones included
    return None


def keep_role(doc, match: Match, role_spans: set[int]) -> bool:
    """Is this role match an actor (a noun, not a modifier of a non-role, not inside an ORG name)?"""
    last = doc[match.end - 1]
    if not any(doc[i].pos_ in ROLE_POS for i in range(match.start, match.end)):
        return False  # "military cooperation": an adjective, not the military
    if last.dep_ == "compound" and last.head.i >= match.end:
        head = last.head
        if head.i not in role_spans and head.pos_ != "PROPN":
            return False
    first = doc[match.start]
    if first.ent_type_ in ORG_LABELS and first.ent_iob_ in ("B", "I"):
        j = match.end
        while j < len(doc) and doc[j].ent_iob_ == "I":
            if j not in role_spans:
                return False
            j += 1
    return True


def filter_matches(doc, matches: list[Match]) -> list[Match]:
    role_tokens = {i for m in matches if m.role is not None for i in range(m.start, m.end)}
    return [m for m in matches if m.named is not None or keep_role(doc, m, role_tokens)]


def _person_name_at(doc, i: int, end: int, taken: set[int]) -> int:
    """End of a person's name starting at token i (i itself when there is none)."""
    if i >= end or i in taken:
        return i
    tok = doc[i]
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
        j = i + 1
        while j < end and doc[j].ent_iob_ == "I" and j not in taken:
            j += 1
        return j
    j = i
    while (j < end and j - i < MAX_NAME_TOKENS and j not in taken
           and doc[j].ent_type_ in NAME_LABELS
           and (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
                or (doc[j].text in ("-", "'") and j > i)
                or (doc[j].lower_ in NAME_PARTICLES and j > i and j + 1 < end
                    and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ in NAME_PARTICLES)))):
        j += 1
    while j > i and doc[j - 1].lower_ in NAME_PARTICLES and doc[j - 1].text.islower():
        j -= 1
    while j > i and not doc[j - 1].text[:1].isalpha():
        j -= 1
    return j


def _same_person(given: str, full_name: str) -> bool:
    """Do the given names before a known surname belong to it ("Omar El" + "Bashir" is Omar
    al-Bashir; "Laura" + "Bush" is not George W. Bush)?"""
    first = given.split()[0].lower()
    return first in full_name.lower().replace("-", " ").split()


def _skip_modifiers(doc, i: int, end: int, lexicon: ActorLexicon,
                    role_starts: dict[int, Match]) -> tuple[int, str | None]:
    """Skip words like "deputy", "senior", "former" up to the next role match."""
    effect = None
    while i < end and doc[i].lower_ in lexicon.modifiers:
        m = role_starts.get(i)
        if m is not None and m.role is not None:
            break
        value = lexicon.modifiers[doc[i].lower_]
        if value != "keep":
            effect = value
        i += 1
        if i < end and doc[i].text == "-":  # "ex-president"
            i += 1
    return i, effect


def sentence_phrases(doc, start: int, end: int, matches: list[Match], lexicon: ActorLexicon,
                     date: str | None) -> list[Phrase]:
    """All actor phrases of the sentence tokens [start, end)."""
    matches = filter_matches(doc, matches)
    by_start = {m.start: m for m in matches}
    taken = {i for m in matches for i in range(m.start, m.end)}
    out: list[Phrase] = []
    consumed: set[int] = set()  # match starts already used in a phrase

    def roles_from(i: int) -> tuple[list[Match], int, str | None]:
        """Consecutive role matches starting at i (modifiers allowed before each)."""
        found: list[Match] = []
        effect = None
        while True:
            m = by_start.get(i)
            eff = None
            if m is None or m.role is None:
                j, eff = _skip_modifiers(doc, i, end, lexicon, by_start)
                m = by_start.get(j)
                if (m is None or m.role is None) and not found:
                    m = by_start.get(_skip_noun_modifiers(doc, j, end, taken))
            if m is None or m.role is None:
                break
            found.append(m)
            effect = effect or eff
            i = m.end
        return found, (found[-1].end if found else i), effect

    def role_phrase(first_start: int, roles: list[Match], p: int, effect: str | None,
                    country: str | None) -> Phrase:
        role = roles[0].role
        if role.sector == "PPL" and len(roles) > 1:
            role = roles[-1].role  # "people smugglers" are smugglers, not people
        sector = role.sector
        if effect and sector.startswith("GOV"):
            sector = effect
        person = any(m.role.person for m in roles)
        name = None
        known = by_start.get(p)
        if person and known is not None and known.named is not None \
                and known.named.label == "PERSON" and known.named.code_on(date):
            # "President Obama": the title and a person the lexicon knows
            consumed.add(known.start)
            return _titled_known_person(first_start, known, date, country, sector, role)
        name_end = _person_name_at(doc, p, end, taken) if person else p
        known = by_start.get(name_end)
        if (name_end > p and known is not None and known.named is not None
                and known.named.label == "PERSON" and known.named.code_on(date)
                and _same_person(doc[p:name_end].text, known.named.name)):
            # "President Omar El Bashir": the name runs on into a person the lexicon knows
            consumed.add(known.start)
            return _titled_known_person(first_start, known, date, country, sector, role)
        if name_end > p:
            name = doc[p:name_end].text
            p = name_end
            person = True
        phrase = Phrase(first_start, p, "role", country=country, sector=sector, role=role,
                        person=person, name=name)
        if name:
            phrase.kind = "person"
        det = doc[first_start - 1] if first_start > start else None
        phrase.definite = not (det is not None and det.lower_ in INDEFINITE)
        return phrase

    k = 0
    while k < len(matches):
        m = matches[k]
        if m.start in consumed:
            k += 1
            continue
        if m.named is not None:
            group = [m]
            kk = k + 1
            while kk < len(matches) and matches[kk].named is not None:
                gap = [t.text.lower() for t in doc[group[-1].end:matches[kk].start]]
                if not gap or any(g not in (",", "and") for g in gap):
                    break
                group.append(matches[kk])
                kk += 1
                if "and" in gap:
                    break  # "A, B and C": C closes the list
            last = group[-1]
            country = modifier_country(last.named, date, lexicon.countries)
            p = last.end
            if p + 1 < end and doc[p].text == "-" and doc[p + 1].lower_ == "led":
                p += 2  # "Vietnamese-led forces" are that country's forces
            if p < end and doc[p].text in POSSESSIVE:
                p += 1
                # "the United States, South Korea's ministry": the possessive is the last one's
                if len(group) > 1:
                    out.extend(named_phrase(doc, g, date, lexicon) for g in group[:-1])
                    consumed.update(g.start for g in group[:-1])
                    group = group[-1:]
            elif len(group) > 1 and not any(
                    t.lower_ == "and" for t in doc[group[0].end:last.start]):
                # "Russia, Iraq eye ...": a plain list, no role shared
                out.extend(named_phrase(doc, g, date, lexicon) for g in group[:-1])
                consumed.update(g.start for g in group[:-1])
                group = group[-1:]
            roles, role_end, effect = roles_from(p)
            joined = doc[last.end - 1].text.lower()
            if "-" in joined and not joined.endswith("-led") and last.named.key != joined:
                roles = []  # "Russian-backed rebels" are not Russia's rebels
            if roles and country is not None:
                s = last.start  # "Former Egyptian President ..."
                while len(group) == 1 and s > start and doc[s - 1].lower_ in lexicon.modifiers:
                    s -= 1
                effect = effect or _preceding_effect(doc, s, last.start, lexicon)
                phrase = role_phrase(s, roles, role_end, effect, country)
                phrase.named = last.named
                out.append(phrase)
                consumed.update(r.start for r in roles)
                shared = group[:-1]
                # "U.S. and Russian negotiators": every coordinated country gets the role
                for g in shared:
                    gc = modifier_country(g.named, date, lexicon.countries)
                    if gc is not None:
                        out.append(Phrase(g.start, g.end, "role", country=gc,
                                          sector=phrase.sector, role=phrase.role,
                                          person=False, named=g.named))
                    else:
                        out.append(named_phrase(doc, g, date, lexicon))
            elif roles and last.named.kind in ("igo", "group", "company", "party", "dictionary",
                                                 "person"):
                phrase = named_phrase(doc, last, date, lexicon)
                phrase.end = role_end
                sector = roles[-1].role.sector
                if (last.named.kind == "igo" and phrase.code and sector in FORCE_SECTORS
                        and not phrase.code.endswith(sector)):
                    phrase.code += sector  # "UN troops" IGOUNOMIL (PETRARCH: org + agent)
                out.append(phrase)
                consumed.update(r.start for r in roles)
                out.extend(named_phrase(doc, g, date, lexicon) for g in group[:-1])
            else:
                out.extend(named_phrase(doc, g, date, lexicon) for g in group)
            consumed.update(g.start for g in group)
            k = kk
            continue
        # a role with no country in front of it
        s = m.start
        while s > start and doc[s - 1].lower_ in lexicon.modifiers:
            s -= 1
        roles, role_end, effect = roles_from(m.start)
        if not roles:
            k += 1
            continue
        effect = effect or _preceding_effect(doc, s, m.start, lexicon)
        country = None
        p = role_end
        phrase = role_phrase(s, roles, p, effect, None)
        p = phrase.end
        body = _body_spoken_for(doc, phrase, p, end, by_start)
        if body is not None:
            # "leaders of (Egypt's) Muslim Brotherhood": the organisation's own code
            whole = named_phrase(doc, body, date, lexicon)
            whole.start, whole.role, whole.definite = phrase.start, phrase.role, phrase.definite
            out.append(whole)
            consumed.update(r.start for r in roles)
            consumed.add(body.start)
            k += 1
            continue
        # "the president of Armenia", "soldiers from Gondor", "the ambassadors of A, B and C";
        # "rebels in the Ivory Coast" takes the country but leaves the place its own mention
        owned = s > start and doc[s - 1].lower_ in OWNER_PRONOUNS
        if p + 1 < end and doc[p].lower_ in LOCATING_PREPOSITIONS and not (
                owned and doc[p].lower_ == "from"):  # "withdrew its troops from Gaza"
            q = p + 1
            of = by_start.get(q)  # the name may hold its article: "the Ivory Coast"
            if of is None and doc[q].lower_ == "the" and q + 1 < end:
                of = by_start.get(q + 1)
                # "the governor of the southern Ruritanian province of ...": skip one or two adjectives
                r = q + 1
                while of is None and r < min(end, q + 3) and doc[r].pos_ == "ADJ" \
                        and r not in taken:
                    r += 1
                    of = by_start.get(r)
            country = None
            if of is not None and of.named is not None:
                country = modifier_country(of.named, date, lexicon.countries)
            if country is not None and doc[p].lower_ not in ("of", "from"):
                phrase.country = country
                if not phrase.person:  # "lawmakers in Gondor and Rohan": Rohan's lawmakers too
                    out.extend(_coordinated(doc, of, matches, phrase, date, lexicon, consumed))
            elif country is not None:
                phrase.country = country
                phrase.end = of.end
                consumed.add(of.start)
                if not phrase.person:
                    out.extend(_coordinated(doc, of, matches, phrase, date, lexicon, consumed))
        if phrase.country is None and phrase.role.key in SPOKESPERSON_HEADS:
            _borrow_sector(doc, phrase, p, end, by_start)
        out.append(phrase)
        consumed.update(r.start for r in roles)
        k += 1
    return sorted(_drop_overlaps(out), key=lambda ph: ph.start)


def _coordinated(doc, first: Match, matches: list[Match], phrase: Phrase, date, lexicon,
                 consumed: set[int]) -> list[Phrase]:
    """After "the envoys of Rohan": ", Bree and Dale" get the same role."""
    out = []
    prev = first
    for m in matches:
        if m.start < prev.end or m.named is None:
            continue
        gap = [t.lower_ for t in doc[prev.end:m.start]]
        if not gap or any(g not in (",", "and") for g in gap):
            break
        country = modifier_country(m.named, date, lexicon.countries)
        if country is None:
            break
        out.append(Phrase(m.start, m.end, "role", country=country, sector=phrase.sector,
                          role=phrase.role, person=False, named=m.named))
        consumed.add(m.start)
        prev = m
    return out


def _body_spoken_for(doc, phrase: Phrase, p: int, end: int,
                     by_start: dict[int, Match]) -> Match | None:
    """The named organisation a spokesperson head speaks for: "leaders of the Muslim
    Brotherhood", "a spokesman for Hamas", "leaders of Egypt's Muslim Brotherhood"."""
    if phrase.name or phrase.role.key not in SPOKESPERSON_HEADS or p + 1 >= end \
            or doc[p].lower_ not in ("of", "for"):
        return None
    q = p + 1
    m = by_start.get(q)
    if m is None and doc[q].lower_ == "the":
        m = by_start.get(q + 1)
    if (m is not None and m.named is not None and m.named.kind in COUNTRY_MODIFIER_KINDS
            and m.end + 1 < end and doc[m.end].text in POSSESSIVE):
        m = by_start.get(m.end + 1)  # "Egypt's Muslim Brotherhood"
    if m is not None and m.named is not None and m.named.kind in BODY_KINDS:
        return m
    return None


def _borrow_sector(doc, phrase: Phrase, p: int, end: int, by_start: dict[int, Match]) -> None:
    """"Leaders of the Azadliq opposition coalition", "a spokesman for the rebels": the head
    speaks for the body named after "of"/"for" and takes its sector."""
    if p >= end or doc[p].lower_ not in ("of", "for"):
        return
    for j in range(p + 1, min(end, p + 8)):
        m = by_start.get(j)
        if m is not None and m.role is not None and not m.role.person:
            phrase.sector = m.role.sector
            return
        if m is not None or doc[j].is_punct and doc[j].text not in ("(", ")"):
            return


def _skip_noun_modifiers(doc, i: int, end: int, taken: set[int]) -> int:
    """Up to two words that modify a following noun ("high" court, "riot" police,
    "Sandinista" government): where the role would start after them."""
    j = i
    while (j < end and j - i < 2 and j not in taken and doc[j].dep_ in ("amod", "compound", "nmod")
           and doc[j].head.i > j and doc[j].is_alpha):
        j += 1
    return j


def _preceding_effect(doc, s: int, e: int, lexicon: ActorLexicon) -> str | None:
    for i in range(s, e):
        value = lexicon.modifiers.get(doc[i].lower_)
        if value and value != "keep":
            return value
    return None


def _drop_overlaps(phrases: list[Phrase]) -> list[Phrase]:
    out: list[Phrase] = []
    used: set[int] = set()
    for ph in sorted(phrases, key=lambda ph: (-(ph.end - ph.start), ph.start)):
        span = set(range(ph.start, ph.end))
        if span & used:
            continue
        used |= span
        out.append(ph)
    return out


def named_phrase(doc, m: Match, date: str | None, lexicon: ActorLexicon) -> Phrase:
    """A standalone named entry: its own code (date-resolved for dictionary actors)."""
    entry = m.named
    code = entry.code_on(date)
    country, sector = None, None
    if code:
        country = code[:3]
        rest = code[3:]
        sector = rest if rest[:3] in lexicon.sectors else None
    person = entry.kind in ("dictionary", "person") and entry.label == "PERSON"
    return Phrase(m.start, m.end, entry.kind, country=country, sector=sector, code=code,
                  name=entry.name,
                  person=person, named=entry)


def _titled_known_person(start: int, known, date: str | None, country: str | None,
                         sector: str | None, role) -> Phrase:
    """A title plus a person the lexicon knows: the title's country when it names one, else the
    person's own dated code ("President Obama" in 2014 -> USAGOV)."""
    code = known.named.code_on(date)
    phrase = Phrase(start, known.end, "person", country=country or code[:3], sector=sector,
                    role=role, person=True, name=known.named.name, named=known.named)
    if country is None:
        phrase.code = code
        phrase.sector = code[3:] or None
    return phrase
