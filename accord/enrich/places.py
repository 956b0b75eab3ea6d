"""Event places: where the sentence puts the action, else the dateline when it happened there.

``locate_events(events, doc, doc_actors, article, gazetteer)`` sets each event's ``location``
(a ``Location`` with ``rule`` saying which rule chose it) and GDELT-style actor geography
(``ActorRef.geo``).  Only the event's own sentence and the article's dateline are ever read: a
place is never borrowed from another sentence.

Rules, first that applies:
    ``clause``       a locative preposition (``accord/data/location_preps.tsv``: in, near,
                     outside, north of ...) in the trigger's own clause: its modifiers, its
                     objects' modifiers ("attacked a convoy near Mosul"), an adverbial clause
                     ("Speaking in Moscow, ..."); relative and complement clauses, which are
                     other propositions, are not entered.
    ``clause_head``  the same, from the verb the trigger's clause hangs off ("agreed to meet in
                     Geneva"; "said in Moscow that ...").
    ``object``       the trigger's direct object is a city or US state ("shelled Aleppo");
                     a country as object is an actor ("attacked Syria"), not a place, and so is
                     a capital the actor stage read as its government ("criticised Beijing").
    ``sentence``     exactly one place under a locative preposition modifying a verb elsewhere
                     in the sentence, not inside a relative, complement or appositive clause
                     that leaves the trigger out ("Iran, which has troops in Syria, condemned
                     ..." is not placed in Syria; "the situations in Syria" describes a noun).
    A preposition inside a named entity ("Islamic State in Iraq and the Levant") never places.
    ``dateline_here``  the sentence says "here" and the story has a dateline.
    ``dateline``     the sentence names no place, and one of the event's actors belongs to the
                     dateline's country (a Moscow-datelined story: "Russia supports ..." happened
                     in Moscow; a Beirut-datelined "Syrian forces shelled ..." did not).
    ``actor``        none of the above, and the event's source is a state body of a domestic
                     sector (``accord/data/domestic_sectors.tsv``: GOV, LEG, JUD, COP) with no
                     foreign target: "The Tunisian government banned face veils" happened in
                     Tunisia; the place named inside the actor's own words wins over its
                     country ("the governor of Ohio" -> Ohio).  Military actors are left out.
    otherwise None.  Among several places in the clause, a city or state inside the first-named
    country is preferred ("in Pakistan, ... by a court in Multan" -> Multan).
Place names resolve through the gazetteer: entities in the preposition's object (any label but
dates and numbers), else runs of proper nouns; "Paris, Texas" restricts to the qualifier; an
ambiguous city prefers the countries of the sentence's actors, then the dateline's country.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from accord.enrich.gazetteer import Gazetteer
from accord.data.tables import read_table
from accord.records import ActorRef, Article, Event, Location
from accord.nlp.sentcache import doc_ents

__all__ = ["Gazetteer", "LocationPreps", "load_location_preps", "load_domestic_sectors",
           "locate_events", "place_of", "actor_geo"]

#: clauses that are other propositions: a place in them is not the event's place
OTHER_CLAUSE_DEPS = frozenset({"ccomp", "relcl", "parataxis", "conj", "csubj", "acl",
                               "appos"})
#: how a clause hangs off the verb whose place it shares
SHARED_PLACE_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                              "QUANTITY", "PERSON", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT",
                              "NORP"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
#: actor mention kinds that stand for a government, not a place ("Beijing said")
METONYM_KINDS = frozenset({"capital", "country"})


@dataclass(frozen=True)
class LocationPreps:
    """Locative prepositions: single words ("in") and direction words before "of"."""

    entries: tuple[tuple[str, str, str], ...]  # (prep, example, expected)
    single: frozenset[str]
    directions: frozenset[str]  # "north" for "north of"

    def is_locative(self, token) -> bool:
        """A locative preposition heading a phrase, not a word inside a name ("Islamic State
        in Iraq and the Levant", "Conference on Security in Europe")."""
        if token.dep_ not in ("prep", "advmod") and token.pos_ != "ADP":
            return False
        if token.ent_type_:
            return False
        word = token.lower_
        if word == "of":
            return token.head.lower_ in self.directions
        return word in self.single


def load_domestic_sectors(path: str | Path | None = None) -> dict[str, str]:
    """CAMEO sector -> example sentence, from ``accord/data/domestic_sectors.tsv``."""
    rows: dict[str, str] = {}
    for where, lineno, row in read_table(path, "domestic_sectors.tsv", ("sector", "example")):
        if len(row["sector"]) != 3 or not row["sector"].isupper():
            raise ValueError(f"{where}:{lineno}: a sector is three capital letters")
        rows[row["sector"]] = row["example"]
    return rows


def load_location_preps(path: str | Path | None = None) -> LocationPreps:
    rows = []
    for where, lineno, row in read_table(path, "location_preps.tsv",
                                         ("prep", "example", "expected")):
        if not row["prep"]:
            raise ValueError(f"{where}:{lineno}: bad row {row}")
        rows.append((row["prep"].lower(), row["example"], row["expected"]))
    single = frozenset(p for p, _, _ in rows if " " not in p)
    directions = frozenset(p.split()[0] for p, _, _ in rows if p.endswith(" of"))
    return LocationPreps(entries=tuple(rows), single=single, directions=directions)


# -- place names in a token range ---------------------------------------------------------------

def _candidate_spans(doc, start: int, end: int) -> list:
    """Entity spans, then proper-noun runs not inside one, within tokens [start, end).

    Entities labelled as dates, numbers etc. are skipped; a proper noun the model tagged as
    a person is still tried as a run (small models often call an unfamiliar city a person).
    """
    inside = doc_ents(doc, start, end)
    spans = [e for e in inside if e.label_ not in NOT_PLACE_LABELS]
    covered = {i for e in inside if e.label_ != "PERSON" for i in range(e.start, e.end)}
    i = start
    while i < end:
        if doc[i].pos_ == "PROPN" and i not in covered:
            j = i
            while j < end and doc[j].pos_ == "PROPN" and j not in covered:
                j += 1
            spans.append(doc[i:j])
            i = j
        else:
            i += 1
    return sorted(spans, key=lambda s: s.start)


def _qualifier(doc, span, gazetteer: Gazetteer) -> str | None:
    """'Paris, Texas' / 'Tripoli, Lebanon': the code the place is restricted to."""
    j = span.end
    if j + 1 < len(doc) and doc[j].text == ",":
        k = j + 1
        while k < len(doc) and doc[k].pos_ == "PROPN":
            k += 1
        if k > j + 1:
            return gazetteer.within_code(doc[j + 1:k].text)
    return None


def place_of(doc, start: int, end: int, gazetteer: Gazetteer,
             prefer: tuple[str, ...] = ()) -> Location | None:
    """The first place named in tokens [start, end), tied to its text and offsets."""
    for span in _candidate_spans(doc, start, end):
        text = span.text
        if text.lower().startswith("the "):
            text = text[4:]
        within = _qualifier(doc, span, gazetteer)
        found = (gazetteer.lookup(text, prefer=prefer, within=within) if within else None) or \
            gazetteer.lookup(text, prefer=prefer)
        if found is not None:
            return dataclasses.replace(found, text=span.text, start=span.start_char,
                                       end=span.end_char)
    return None


# -- the rules ----------------------------------------------------------------------------------

def _pobj_range(prep) -> tuple[int, int] | None:
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs:
        return None
    return objs[0].left_edge.i, objs[0].right_edge.i + 1


#: nouns allowed between a locative phrase and its verb: "attacked a convoy near Mosul" (one),
#: not "approved the attacks on the embassy in Baghdad" (two)
MAX_NOUNS_TO_VERB = 1


def _attached_to_clause(prep) -> bool:
    """A locative phrase on a verb or on one noun hanging off the verb."""
    nouns, node = 0, prep.head
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return True
        if node.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            nouns += 1
            if nouns > MAX_NOUNS_TO_VERB:
                return False
        node = node.head
    return False


def _clause_place(doc, root, preps: LocationPreps, gazetteer: Gazetteer,
                  prefer: tuple[str, ...], skip: int | None = None) -> Location | None:
    """Breadth-first through the clause of ``root`` (not entering other clauses)."""
    found: list[Location] = []
    queue = [root]
    while queue:
        node = queue.pop(0)
        for child in node.children:
            if child.i == skip or child.dep_ in OTHER_CLAUSE_DEPS:
                continue
            if preps.is_locative(child) and _attached_to_clause(child):
                span = _pobj_range(child)
                if span is not None:
                    place = place_of(doc, span[0], span[1], gazetteer, prefer)
                    if place is not None:
                        found.append(place)
            queue.append(child)
    if not found:
        return None
    first = found[0]
    if first.feature == "country":  # "in Pakistan ... by a court in Multan": the city
        inner = [p for p in found[1:] if p.country == first.country and p.feature != "country"]
        if inner:
            return inner[0]
    return first


def _object_place(doc, trigger, gazetteer: Gazetteer, prefer: tuple[str, ...],
                  doc_actors) -> Location | None:
    for child in trigger.children:
        if child.dep_ in OBJECT_DEPS:
            # the object's own phrase ("the rebel-held town of Idlib"), not phrases hanging
            # off it ("the attacks on the embassy in Baghdad")
            end = child.i + 1
            of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and of.i == end:
                end = of.right_edge.i + 1
            found = place_of(doc, child.left_edge.i, end, gazetteer, prefer)
            if found is None or found.feature not in ("city", "admin1"):
                continue
            span = doc.char_span(found.start, found.end, alignment_mode="expand")
            actor = doc_actors.at_token(span.root.i) if (span is not None and
                                                        doc_actors is not None) else None
            if actor is not None and actor.mention.kind in METONYM_KINDS:
                continue  # "criticised Beijing": the government, not the city
            return found
    return None


def _in_other_clause(tok, trigger) -> bool:
    """True when tok sits in a relative, complement or appositive clause without the trigger."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "appos", "ccomp") and trigger is not None and not (
                node.left_edge.i <= trigger.i <= node.right_edge.i):
            return True
        node = node.head
    return False


def _sentence_place(doc, sent, preps: LocationPreps, gazetteer: Gazetteer,
                    prefer: tuple[str, ...], trigger=None) -> Location | None:
    found: dict[int | None, Location] = {}
    for tok in sent:
        if (preps.is_locative(tok) and tok.head.pos_ in ("VERB", "AUX")
                and not _in_other_clause(tok, trigger)):
            span = _pobj_range(tok)
            if span is not None:
                place = place_of(doc, span[0], span[1], gazetteer, prefer)
                if place is not None:
                    found.setdefault(place.geonames_id, place)
    return next(iter(found.values())) if len(found) == 1 else None


def _actor_place(doc, event: Event, gazetteer: Gazetteer,
                 sectors: frozenset[str]) -> Location | None:
    """A state body acting at home: its own country, or the place its name holds ("the
    governor of Ohio", "the state of Wisconsin")."""
    src = event.source
    if src is None or not src.country or src.sector not in sectors:
        return None
    if event.target is not None and event.target.country not in (None, src.country):
        return None
    span = doc.char_span(src.start, src.end, alignment_mode="expand") if src.end > src.start \
        else None
    if span is not None:
        inner = place_of(doc, span.start, span.end, gazetteer, (src.country,))
        if inner is not None and inner.country == src.country:
            return inner
    country = gazetteer.country(src.country)
    if country is None:
        return None
    return dataclasses.replace(country, text=src.text, start=src.start, end=src.end)


def _trigger(doc, event: Event):
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _event_countries(event: Event) -> set[str]:
    return {a.country for a in (event.source, event.target) if a is not None and a.country}


def _locate(doc, event: Event, sent, preps: LocationPreps, gazetteer: Gazetteer,
            prefer: tuple[str, ...], dateline: Location | None,
            sectors: frozenset[str], doc_actors=None) -> Location | None:
    found = _locate_in_text(doc, event, sent, preps, gazetteer, prefer, dateline, doc_actors)
    if found is not None:
        return found
    found = _actor_place(doc, event, gazetteer, sectors)
    return dataclasses.replace(found, rule="actor") if found is not None else None


def _locate_in_text(doc, event: Event, sent, preps: LocationPreps, gazetteer: Gazetteer,
                    prefer: tuple[str, ...], dateline: Location | None,
                    doc_actors=None) -> Location | None:
    trigger = _trigger(doc, event)
    if trigger is not None:
        found = _clause_place(doc, trigger, preps, gazetteer, prefer)
        if found is not None:
            return dataclasses.replace(found, rule="clause")
        node, came_from = trigger, trigger
        for _ in range(3):
            if node.dep_ not in SHARED_PLACE_DEPS or node.head.i == node.i:
                break
            came_from, node = node, node.head
            found = _clause_place(doc, node, preps, gazetteer, prefer, skip=came_from.i)
            if found is not None:
                return dataclasses.replace(found, rule="clause_head")
        found = _object_place(doc, trigger, gazetteer, prefer, doc_actors)
        if found is not None:
            return dataclasses.replace(found, rule="object")
    found = _sentence_place(doc, sent, preps, gazetteer, prefer, trigger)
    if found is not None:
        return dataclasses.replace(found, rule="sentence")
    if dateline is None:
        return None
    if any(t.lower_ == "here" and t.dep_ == "advmod" for t in sent):
        return dataclasses.replace(dateline, rule="dateline_here")
    names_place = place_of(doc, sent.start, sent.end, gazetteer, prefer)
    if names_place is None or names_place.feature == "country":
        # countries named as actors ("Russia supports Iraq") are not places of the action
        if dateline.country in _event_countries(event):
            return dataclasses.replace(dateline, rule="dateline")
    return None


def actor_geo(ref: ActorRef | None, gazetteer: Gazetteer) -> ActorRef | None:
    """GDELT-style actor geography: the city the mention names, else the country's point."""
    if ref is None or ref.geo is not None:
        return ref
    geo = None
    city = gazetteer.lookup(ref.text) if ref.text else None
    if city is not None and city.feature == "city" and (not ref.country or
                                                         city.country == ref.country):
        geo = dataclasses.replace(city, text=ref.text, start=ref.start, end=ref.end)
    elif ref.country:
        geo = gazetteer.country(ref.country)
    if geo is None:
        return ref
    return dataclasses.replace(ref, geo=dataclasses.replace(geo, rule="actor"))


def dateline_place(article: Article, gazetteer: Gazetteer,
                   prefer: tuple[str, ...] = ()) -> Location | None:
    if not article.dateline:
        return None
    found = gazetteer.lookup(article.dateline.title(), prefer=prefer)
    return dataclasses.replace(found, text=article.dateline) if found else None


def locate_events(events: list[Event], doc, doc_actors, article: Article,
                  gazetteer: Gazetteer, preps: LocationPreps | None = None,
                  sectors: frozenset[str] | None = None) -> list[Event]:
    """Each event with its ``location`` (or None) and its actors' geography."""
    if not events:
        return []
    preps = preps or load_location_preps()
    sectors = sectors if sectors is not None else frozenset(load_domestic_sectors())
    sents = list(doc.sents)
    doc_countries = tuple(sorted({m.mention.country for m in doc_actors.mentions
                                  if m.mention.country})) if doc_actors is not None else ()
    dateline = dateline_place(article, gazetteer, doc_countries)
    out = []
    for event in events:
        if not 0 <= event.sentence_index < len(sents):
            out.append(event)
            continue
        sent = sents[event.sentence_index]
        prefer = tuple(sorted({m.mention.country for m in doc_actors.in_sentence(
            event.sentence_index) if m.mention.country})) if doc_actors is not None else ()
        if dateline is not None and dateline.country not in prefer:
            prefer = prefer + (dateline.country,)
        location = event.location or _locate(doc, event, sent, preps, gazetteer, prefer,
                                             dateline, sectors, doc_actors)
        out.append(dataclasses.replace(
            event, location=location, source=actor_geo(event.source, gazetteer),
            target=actor_geo(event.target, gazetteer)))
    return out
