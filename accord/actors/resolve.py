"""Resolve every actor mention of a parsed document to a CAMEO actor code, with in-document memory.

``resolve_actors(doc, article, lexicon) -> DocActors`` is the actor stage.  Per sentence it finds
lexicon phrases (``matcher``), assembles actor phrases (``phrases``), links later forms of a
person's name and role references to the same actor (``memory``), then resolves pronouns
(``coref``).  Conventions:

- A role with a country codes country + sector ("Russian troops" RUSMIL, "Iraq's parliament"
  IRQLEG); a country alone codes the bare country (RUS); capitals and seats of government code the
  government (Washington USAGOV) unless they are where something happens ("talks in Moscow"
  is the city: RUS), where someone travels ("flies to Beijing") or name a thing ("the Beijing
  Olympics"); other cities code their country.
- A role with no country anywhere in its phrase takes the country of the person it refers back
  to ("the minister" after "the Iraqi minister"); otherwise it is coded "---" + sector
  ("---REB", "---LEG"; country empty), the PETRARCH/Phoenix convention for actors of unknown
  nationality.
- Country from context, only when safe: a state office holder or domestic state body with no
  country ("President Omar al-Bashir", "police") takes the country of the sentence when it
  names exactly one, as a place or owner ("... the curfew in Sudan"); a host met "during a
  visit to Beirut" takes the country visited; a titled name in apposition takes its role's
  country; an unarmed group (people, opposition, students) takes the one country where the
  action happens ("in Hong Kong") or of the domestic state body acting on it.  Armed roles
  (rebels, troops) keep "---".
- Ethnic groups belong to the state they live in: "Bosnian Serbs" BIH, "the Albanians of
  southern Serbia" SRB, "ethnic Turks" the country where they act.
- A name in ``leaders.tsv`` or a loaded dictionary is coded by the story date ("Obama" is
  USAGOV in 2014, USAELI in 2019); a title before it joins the mention ("President Obama").
- A person's name with no role, no country and no earlier coded mention is not an actor mention.
- A city or capital written in capitals as the story's dateline ("MOSCOW:") is not a mention.
"""

from __future__ import annotations

from accord.actors.coref import resolve_pronouns
from accord.actors.lexicon import ORG_PREFIXES, ActorLexicon
from accord.actors.matcher import find_matches
from accord.actors.memory import Built, Memory, name_parts
from accord.actors.model import DocActors, ResolvedMention
from accord.actors.phrases import Phrase, sentence_phrases
from accord.records import ActorMention, Article
from accord.nlp.sentcache import doc_ents, doc_text

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Entity labels a later surname mention cannot carry ("May" the month after "Theresa May").
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "GPE", "NORP", "LOC", "FAC", "CARDINAL", "ORDINAL",
                             "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW", "LANGUAGE"})
#: Prepositions that make a capital a place rather than its government.
PLACE_PREPOSITIONS_OF_CAPITAL = frozenset({"in", "at", "near", "outside", "inside", "around",
                                           "across", "into", "throughout"})
#: "flies to Beijing", "flew back from Moscow": the capital is where someone travels.
TRAVEL_PREPOSITIONS = frozenset({"to", "from", "for"})
TRAVEL_WORDS = frozenset({"head", "travel", "go", "fly", "return", "arrive", "come", "move",
                          "leave", "depart", "visit", "trip", "journey", "tour", "flight",
                          "arrival", "departure", "return", "drive", "sail", "set"})
#: Words of going home: the place returned to is the country of the sentence.
HOMECOMING_WORDS = frozenset({"return", "homecoming"})
#: Nouns and verbs of a visit whose destination hosts the people met there.
VISIT_WORDS = frozenset({"visit", "trip", "tour", "arrival", "stopover"})
#: Nouns after a capital that keep it the government ("the Moscow leadership").
GOVERNMENT_NOUNS = frozenset({"leadership", "authorities", "administration", "regime",
                              "government", "policy", "line", "stance", "position"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})
#: State bodies that act at home: their country is that of the people they deal with.
DOMESTIC_SECTORS = frozenset({"COP", "GOV", "JUD", "LEG"})
#: Prepositions that name where the action of a sentence takes place.
SCENE_PREPOSITIONS = frozenset({"in", "at", "across", "throughout", "inside"})
#: Roles whose nationality the place of the action does not tell.
ARMED_SECTORS = frozenset({"REB", "INS", "UAF", "MIL", "SPY", "CRM", "IMG", "SEP"})
PLACE_KINDS = frozenset({"country", "city", "capital", "demonym", "dictionary"})
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
PLACE_PREPOSITIONS = frozenset({"in", "of", "throughout", "across", "within", "inside"})
DATELINE_FOLLOWERS = frozenset({":", "-", "—", "–", ","})


def resolve_actors(doc, article: Article, lexicon: ActorLexicon) -> DocActors:
    """Every actor mention in ``doc`` (whose text is ``article.text``), grouped into actors."""
    memory = Memory()
    built: list[Built] = []
    date = article.date
    text = doc_text(doc)  # spaCy rebuilds doc.text from the tokens on every access
    for si, sent in enumerate(doc.sents):
        matches = find_matches(doc, lexicon, sent.start, sent.end, text=text)
        phrases = sentence_phrases(doc, sent.start, sent.end, matches, lexicon, date)
        phrases = [_capital_as_place(doc, ph) for ph in phrases if not _is_dateline(doc, ph)]
        _link_appositions(doc, sent, phrases)
        _appositive_country(doc, phrases)
        phrases = _ethnic_groups(doc, phrases)
        _share_coordinated_country(doc, phrases)
        _inherit_sentence_country(doc, phrases)
        _inherit_scene_country(doc, phrases)
        for ph in phrases:
            b = _assign(doc, ph, si, memory)
            if b is not None:
                built.append(b)
        built.extend(_surname_mentions(doc, sent, si, memory, built))
    built.sort(key=lambda b: (b.start, b.end))
    built = resolve_pronouns(doc, built, memory, lexicon)
    return DocActors(mentions=[_record(doc, text, article, b) for b in built])


# -- phrases -> actors ---------------------------------------------------------------------------

def _head(doc, start: int, end: int) -> int:
    return doc[start:end].root.i


def _assign(doc, ph: Phrase, si: int, memory: Memory) -> Built | None:
    code = ph.final_code()
    head = _head(doc, ph.start, ph.end)
    role_head = ph.role.key.rsplit(" ", 1)[-1] if ph.role is not None else None
    if ph.name and ph.person:
        actor = memory.person(ph.name, code, _country(ph, code), ph.sector, role_head)
        if actor is None:
            return None
        memory.saw_person(ph.start, actor, doc[head].dep_ in SUBJECT_DEPS)
        code = code if code and ph.country else actor.code
    elif ph.person and ph.role is not None:
        actor = memory.role_person(code or ph.sector or "", ph.country, ph.sector, role_head,
                                   ph.definite, ph.start)
        if ph.country is None and actor.country is not None:
            code = actor.code  # "the minister" -> that minister's code
        memory.saw_person(ph.start, actor, doc[head].dep_ in SUBJECT_DEPS)
    else:
        if not code:
            return None
        key = code if ph.kind not in ("igo", "group", "company", "party", "dictionary", "person") \
            else f"{code}|{ph.named.name if ph.named else ''}"
        actor = memory.by_actor_code(code, _country(ph, code), ph.sector,
                                     plural=ph.role is not None and not ph.person, key=key)
    if not code:
        code = actor.code
    if not code:
        return None
    country, sector = _split(ph, code, actor)
    return Built(ph.start, ph.end, head, si, actor, code, country, sector, ph.kind,
                 actor.name if actor.person else ph.name,
                 subject=doc[head].dep_ in SUBJECT_DEPS)


def _country(ph: Phrase, code: str | None) -> str | None:
    if ph.country:
        return ph.country
    return code[:3] if code and ph.code else None


def _split(ph: Phrase, code: str, actor) -> tuple[str | None, str | None]:
    if ph.code:
        return ph.country, ph.sector
    if ph.country is None and ph.person and actor.country is not None and code == actor.code:
        return actor.country, actor.sector
    if ph.role is not None and ph.role.prefix:
        return ph.role.prefix[:3], None
    return ph.country, ph.sector


def _capital_as_place(doc, ph: Phrase) -> Phrase:
    """"talks in Moscow": a capital where something happens is the city, not the government
    ("Washington agreed", "work with Damascus" stay the government)."""
    if ph.kind != "capital" or ph.role is not None or ph.named is None:
        return ph
    head = doc[ph.start:ph.end].root
    if _capital_is_place(head):
        country = ph.named.country or (ph.code or "")[:3] or None
        return Phrase(ph.start, ph.end, "city", country=country, code=country,
                      name=ph.named.name, named=ph.named)
    return ph


def _capital_is_place(head) -> bool:
    """"talks in Moscow", "flies to Beijing", "returned from Moscow", "the Beijing Olympics":
    a place, a destination or origin of travel, or the name of a non-political thing."""
    if head.dep_ == "pobj":
        prep = head.head
        if prep.lower_ in PLACE_PREPOSITIONS_OF_CAPITAL:
            return True
        return (prep.lower_ in TRAVEL_PREPOSITIONS
                and prep.head.lemma_.lower() in TRAVEL_WORDS)
    if head.dep_ in ("compound", "nmod") and head.head.i > head.i:
        noun = head.head
        return noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ in ("EVENT", "FAC", "")\
            and noun.lower_ not in GOVERNMENT_NOUNS
    return False


def _is_dateline(doc, ph: Phrase) -> bool:
    """"MOSCOW:" at the start of a paragraph is where the story was filed, not an actor."""
    if ph.kind not in ("capital", "city", "country") or ph.role is not None:
        return False
    if ph.end >= len(doc) or doc[ph.end].text not in DATELINE_FOLLOWERS:
        return False
    if not all(doc[i].text.isupper() or not doc[i].is_alpha for i in range(ph.start, ph.end)):
        return False
    return ph.start == 0 or doc[ph.start - 1].is_space or "\n" in doc[ph.start - 1].whitespace_


def _share_coordinated_country(doc, phrases: list[Phrase]) -> None:
    """"Danish media and government", "lawmakers and officials in Gondor": role nouns
    coordinated with one that has a country share it (the modifier distributes).  A role
    with a prefix of its own ("pro-Russian rebels") keeps what it has."""
    roles = [ph for ph in phrases if ph.role is not None and ph.code is None]
    by_head = {doc[ph.start:ph.end].root.i: ph for ph in roles}
    for ph in roles:
        if ph.country is not None or ph.role.prefix or ph.person:
            continue
        head = doc[ph.start:ph.end].root
        linked = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            linked.append(head.head)
        for other in (by_head.get(t.i) for t in linked):
            if other is not None and other.country is not None and not other.role.prefix:
                ph.country = other.country
                break


#: Sectors of a country's own people: "French workers went on strike against the government"
#: names the French government.
POPULAR_SECTORS = frozenset({"CVL", "PPL", "LAB", "EDU", "OPP", "AGR"})


def _inherit_sentence_country(doc, phrases: list[Phrase]) -> None:
    """"President X ... the curfew in Sudan": a state office holder with no country
    takes the sentence's country when that is the only country the sentence names and it is
    named as a place or owner (in/of Sudan, Haiti's, a Kenya commission), not as a party to
    the action ("President Obama said Iraq must ..." gives Obama nothing).  The people of a
    country count as its place ("broke his promise to the Kenyan people").  A host
    met "during a visit to Amman" takes the country visited, however many others are named;
    the visitor (the subject) does not."""
    host = _visited_country(doc, phrases)
    if host is not None:
        for ph in phrases:
            head = doc[ph.start:ph.end].root
            while head.dep_ == "appos" and head.head is not head:
                head = head.head  # "The French commander, General Anne Moreau,"
            if _stateless_office(ph) and head.dep_ not in SUBJECT_DEPS:
                ph.country = host
    countries = {ph.country for ph in phrases if ph.country and ph.country not in ORG_PREFIXES}
    if len(countries) != 1:
        return
    evidence = False
    for ph in phrases:
        if (ph.role is not None and ph.country and ph.sector in POPULAR_SECTORS
                and not ph.person and ph.named is not None):
            evidence = True  # "the Zambian people", "French workers" (against the government)
        if ph.role is not None or ph.named is None or ph.kind not in PLACE_KINDS:
            continue
        head = doc[ph.start:ph.end].root
        if head.dep_ in OWNER_DEPS or (head.dep_ == "pobj"
                                       and head.head.lower_ in PLACE_PREPOSITIONS):
            evidence = True
        if (head.dep_ == "pobj" and head.head.lower_ == "to"
                and head.head.head.lemma_.lower() in HOMECOMING_WORDS):
            evidence = True  # "resign without returning to Kyrgyzstan": home
    if not evidence:
        return
    country = countries.pop()
    for ph in phrases:
        if _stateless_office(ph) or _stateless_institution(ph):
            ph.country = country


def _stateless_office(ph: Phrase) -> bool:
    """A definite state office holder with no country ("President Michel Suleiman")."""
    return (ph.country is None and ph.role is not None and ph.person and ph.definite
            and bool(ph.sector) and ph.sector[:3] in STATE_SECTORS and not ph.role.prefix)


def _stateless_institution(ph: Phrase) -> bool:
    """"the parliament", "police", "the court" with no country: a domestic state body
    (armed forces and spies are not: they act abroad as often as at home)."""
    return (ph.country is None and ph.role is not None and not ph.person and ph.definite
            and not ph.name and bool(ph.sector) and not ph.role.prefix
            and ph.sector[:3] in STATE_SECTORS and ph.sector[:3] not in ARMED_SECTORS)


def _visited_country(doc, phrases: list[Phrase]) -> str | None:
    """The country of the one place the sentence says someone visits ("a visit to Beirut")."""
    found = set()
    for ph in phrases:
        if ph.role is not None or ph.named is None or ph.kind not in PLACE_KINDS:
            continue
        head = doc[ph.start:ph.end].root
        if (head.dep_ == "pobj" and head.head.lower_ == "to"
                and head.head.head.lemma_.lower() in VISIT_WORDS and ph.country
                and ph.country not in ORG_PREFIXES):
            found.add(ph.country)
        elif head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() == "visit" \
                and ph.country and ph.country not in ORG_PREFIXES:
            found.add(ph.country)  # "... visited Beirut"
    return found.pop() if len(found) == 1 else None


def _ethnic_groups(doc, phrases: list[Phrase]) -> list[Phrase]:
    """A people named by its ethnicity belongs to the state it lives in: "Bosnian Serbs" and
    "Croatian Serb refugees" are Bosnia's and Croatia's (the first demonym is the state),
    "the Albanians of southern Serbia" Serbia's, "ethnic Albanians" the country where they
    act ("ethnic Albanians demonstrated in Serbia"), else of unknown country."""
    out: list[Phrase] = []
    for ph in phrases:
        prev = out[-1] if out else None
        demonym = ph.named is not None and ph.named.kind == "demonym"
        if (demonym and prev is not None and prev.end == ph.start and prev.role is None
                and prev.kind in ("demonym", "country") and prev.country
                and prev.country != ph.country):
            ph.start, ph.country, ph.named = prev.start, prev.country, prev.named
            if ph.code:
                ph.code = prev.country
            out[-1] = ph
            continue
        if demonym and ph.start > 0 and doc[ph.start - 1].lower_ == "ethnic":
            place = _scene_country(doc, phrases, ph) or _located_country(doc, phrases, ph)
            ph.start -= 1
            ph.country, ph.code = place, None
            if ph.role is None:
                ph.code = place
                ph.sector = None if place else "CVL"
        elif demonym and ph.role is None:
            located = _located_country(doc, phrases, ph)
            if located and located != ph.country:
                ph.country = ph.code = located
        out.append(ph)
    return out


def _located_country(doc, phrases: list[Phrase], ph: Phrase) -> str | None:
    """The country of a place hung on the phrase by "of"/"in" ("Albanians of southern Serbia")."""
    for other in phrases:
        if other is ph or other.role is not None or other.kind not in PLACE_KINDS:
            continue
        head = doc[other.start:other.end].root
        if (head.dep_ == "pobj" and head.head.lower_ in ("of", "in")
                and ph.start <= head.head.head.i < ph.end and other.country
                and other.country not in ORG_PREFIXES):
            return other.country
    return None


def _scene_country(doc, phrases: list[Phrase], skip: Phrase | None = None) -> str | None:
    """The one country the sentence names as where its action happens ("... in Hong Kong")."""
    places = set()
    for ph in phrases:
        if ph is skip or ph.role is not None or ph.named is None or ph.kind not in PLACE_KINDS:
            continue
        head = doc[ph.start:ph.end].root
        if head.dep_ == "pobj" and head.head.lower_ in SCENE_PREPOSITIONS and ph.country \
                and ph.country not in ORG_PREFIXES:
            places.add(ph.country)
    return places.pop() if len(places) == 1 else None


def _inherit_scene_country(doc, phrases: list[Phrase]) -> None:
    """"Crowds blocked roads in Nairobi", "opposition leaders postponed the
    rally in Baku": a civilian, opposition or other non-armed role with no country takes the
    country of the one place the sentence says it happens in.  Armed roles (rebels, troops)
    and spies keep "---": who fights where says little about where they come from.
    With no such place, the one country of a sentence whose state body (police, government,
    court) acts on them lends them its country ("Egyptian police dispersed demonstrators")."""
    country = _scene_country(doc, phrases) or _domestic_country(phrases)
    if country is None:
        return
    for ph in phrases:
        if (ph.country is None and ph.role is not None and ph.sector and not ph.role.prefix
                and ph.sector[:3] not in ARMED_SECTORS and ph.sector[:3] not in STATE_SECTORS
                and not ph.name and not _has_owner(doc, ph)):
            ph.country = country


def _domestic_country(phrases: list[Phrase]) -> str | None:
    """The sentence's only country, when a domestic state body of it is named."""
    countries = {ph.country for ph in phrases if ph.country and ph.country not in ORG_PREFIXES}
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    if any(ph.country == country and ph.role is not None and ph.sector
           and ph.sector[:3] in DOMESTIC_SECTORS for ph in phrases):
        return country
    return None


def _has_owner(doc, ph: Phrase) -> bool:
    """"our operators", "their leaders": the owner, not the place, tells the country."""
    head = doc[ph.start:ph.end].root
    return any(c.dep_ == "poss" for c in head.children) or (
        ph.start > 0 and doc[ph.start - 1].tag_ == "PRP$")


def _link_appositions(doc, sent, phrases: list[Phrase]) -> None:
    """"Sergey Lavrov, Russia's foreign minister," / "Russia's foreign minister, Sergey Lavrov":
    the role phrase and the name become one person."""
    covered = {i for ph in phrases for i in range(ph.start, ph.end)}
    starts = {ph.start: ph for ph in phrases}
    ends = {ph.end: ph for ph in phrases}
    extra: list[Phrase] = []
    for ent in doc_ents(doc, sent.start, sent.end):
        if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        role = None
        if ent.end + 1 < sent.end and doc[ent.end].text == ",":
            q = ent.end + 1
            if doc[q].lower_ == "the":
                q += 1
            role = starts.get(q)
        if role is None and ent.start >= 2 and doc[ent.start - 1].text == ",":
            role = ends.get(ent.start - 1)
        if role is None or not role.person or role.name or role.role is None:
            continue
        role.name = ent.text
        role.kind = "person"
        extra.append(Phrase(ent.start, ent.end, "person", country=role.country,
                            sector=role.sector, role=role.role, person=True, name=ent.text,
                            code=role.code))
    phrases.extend(extra)
    phrases.sort(key=lambda ph: ph.start)


def _appositive_country(doc, phrases: list[Phrase]) -> None:
    """"The French commander in Mali, General Anne Moreau,": a titled name in apposition to a
    role with a country is that country's."""
    by_token = {i: ph for ph in phrases for i in range(ph.start, ph.end)}
    for ph in phrases:
        head = doc[ph.start:ph.end].root
        if ph.country is not None or ph.role is None or ph.role.prefix or head.dep_ != "appos":
            continue
        owner = by_token.get(head.head.i)
        if owner is not None and owner is not ph and owner.role is not None and owner.country \
                and owner.country not in ORG_PREFIXES:
            ph.country = owner.country


def _surname_mentions(doc, sent, si: int, memory: Memory, built: list[Built]) -> list[Built]:
    """Later mentions of a known person by surname ("Lavrov", "Jaafari", "Al-Jaafari")."""
    surnames = memory.surnames()
    if not surnames:
        return []
    covered = {i for b in built if b.sentence == si for i in range(b.start, b.end)}
    out: list[Built] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if (i in covered or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "X")
                or tok.ent_type_ in NOT_NAME_LABELS):
            i += 1
            continue
        parts = name_parts(tok.text)
        actor = surnames.get(parts[-1]) if parts else None
        if actor is None or not actor.person:
            i += 1
            continue
        start = i
        # "Al-Jaafari": take the particle and hyphen; "Sergey Lavrov": take the given name
        while start - 1 >= sent.start and start - 1 not in covered:
            prev = doc[start - 1]
            if prev.text in ("-", "‐") or prev.lower_ in ("al", "el"):
                start -= 1
            elif prev.pos_ == "PROPN" and actor.name and prev.lower_ in name_parts(actor.name):
                start -= 1
            else:
                break
        end = i + 1
        head = _head(doc, start, end)
        memory.saw_person(start, actor, doc[head].dep_ in SUBJECT_DEPS)
        out.append(Built(start, end, head, si, actor, actor.code, actor.country, actor.sector,
                         "person", actor.name, subject=doc[head].dep_ in SUBJECT_DEPS))
        i = end
    return out


def _record(doc, text: str, article: Article, b: Built) -> ResolvedMention:
    first, last = doc[b.start], doc[b.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    mention = ActorMention(doc_id=article.doc_id, actor_id=b.actor.actor_id,
                           sentence_index=b.sentence, code=b.code, country=b.country,
                           sector=b.sector, text=text[start:end], start=start, end=end,
                           kind=b.kind, name=b.name)
    return ResolvedMention(mention=mention, token_start=b.start, token_end=b.end, head=b.head)
