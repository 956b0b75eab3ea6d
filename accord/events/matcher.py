"""Trigger matching: which lexicon pattern (if any) a token of the parse instantiates.

A trigger is a verb, an event noun or an adjective whose lemma is in the lexicon; a pattern
fires when the context the pattern asks for (particle, preposition, object lemma, open
complement, modifier, governing verb) is present in the dependency parse around the token.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.events.lexicon import EventLexicon, Pattern

#: Dependency labels of a verb's direct objects (spaCy English).
OBJ_DEPS = ("dobj", "obj", "attr", "oprd", "dative")
#: Labels of modifiers that refine a trigger or its object.
MOD_DEPS = ("amod", "compound", "nmod", "advmod", "npadvmod", "acl", "nummod", "poss", "prt")
#: Relations from a noun to the verb that governs it.
GOV_DEPS = ("dobj", "obj", "nsubjpass", "attr", "oprd", "nsubj", "xcomp")


@dataclass(frozen=True)
class Match:
    """A pattern that fired on a token (the trigger)."""

    pattern: Pattern
    token: object  # spaCy Token
    kind: str
    gov: object | None = None  # nouns: the governing verb, if any
    headline: bool = False  # matched by the verbless-headline rescue


def lemma(tok) -> str:
    return tok.lemma_.lower()


def forms(tok) -> set[str]:
    """The lemma plus plain de-inflections of the word: the lemmatizer sometimes errs
    ("staged" -> "stag"), and the lexicon should still recognise the verb."""
    word = tok.text.lower()
    out = {lemma(tok), word}
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", ""), ("ing", ""), ("ing", "e"), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: len(word) - len(suffix)] + repl)
    return out


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def direct_objects(verb) -> list:
    """The direct objects of a verb, with their coordinated conjuncts."""
    objs = [c for c in verb.children if c.dep_ in OBJ_DEPS]
    if is_passive(verb):
        objs += [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not objs and verb.dep_ in ("conj", "ccomp") and not any(
                c.dep_ == "cc" for c in verb.head.children):
            # "The civilians imprisoned ... were released": a participle read as the main
            # verb, whose subject is the released
            objs += [c for c in verb.head.children if c.dep_ == "nsubj"]
    out = []
    for o in objs:
        out.append(o)
        out.extend(c for c in o.children if c.dep_ == "conj")
    return out


def prep_children(tok, preps: frozenset[str] | None = None) -> list:
    """Preposition children of ``tok`` (optionally only those in ``preps``), including those
    the parser hangs under a particle ("kidnapped up to 16 advisers") or under a bare
    preposition ("pulled *out* of Bosnia")."""
    kids = list(tok.children)
    kids += [g for c in kids if c.dep_ == "prt" or (
        c.dep_ == "prep" and not any(x.dep_ in ("pobj", "pcomp") for x in c.children))
        for g in c.children]
    return [c for c in kids
            if c.dep_ in ("prep", "agent", "dative") and (preps is None or lemma(c) in preps)]


def for_to_clause(tok) -> bool:
    """"called *for Burma to institute* reforms": a for-to infinitive the parser hangs on the
    verb as an adverbial clause, with "for" as its mark or as a preposition just before it
    (its subject is the addressee, its verb the complement)."""
    if tok.dep_ != "advcl" or tok.pos_ not in ("VERB", "AUX"):
        return False
    to = [c for c in tok.children if c.dep_ == "aux" and lemma(c) == "to"]
    if not to:
        return False
    if any(c.dep_ == "mark" and lemma(c) == "for" for c in tok.children):
        return True
    return any(c.dep_ == "prep" and lemma(c) == "for" and c.right_edge.i == to[0].i - 1
               for c in tok.head.children)


def pobjs(prep) -> list:
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp", "obj"):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _subject_lemmas(verb) -> set[str]:
    """Head lemmas of a verb's subject (active or passive) and of its conjuncts."""
    out: set[str] = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            out.add(lemma(c))
            out.update(lemma(x) for x in c.children if x.dep_ == "conj")
    return out


def object_lemmas(verb, preps: frozenset[str] = frozenset()) -> set[str]:
    """Lemmas that count as the verb's object: direct objects, their compounds and their
    of-complements ("state of emergency"), and the objects of the pattern's preposition."""
    heads = direct_objects(verb)
    for p in prep_children(verb, preps or None) if preps else []:
        heads.extend(pobjs(p))
    for p in prep_children(verb, frozenset({"as"})):  # "rejected as baseless accusations"
        heads.extend(o for o in pobjs(p) if o.pos_ == "NOUN")
    out: set[str] = set()
    for h in heads:
        out.add(lemma(h))
        out.add(h.text.lower())
        for c in h.children:
            if c.dep_ in ("compound", "amod"):
                out.add(lemma(c))
            if c.dep_ == "prep" and lemma(c) == "of":
                out.update(lemma(x) for x in pobjs(c))
    return out


def modifier_lemmas(tok) -> set[str]:
    """Lemmas of the words modifying the trigger or its objects (refinement and ``mod``)."""
    out: set[str] = set()
    heads = [tok] + direct_objects(tok)
    for h in heads:
        for c in h.children:
            if c.dep_ in MOD_DEPS:
                out.add(lemma(c))
                out.update(lemma(x) for x in c.children if x.dep_ in ("conj", "compound"))
            if c.dep_ == "prep" and lemma(c) in ("of", "for"):
                out.update(lemma(x) for x in pobjs(c))
    return out


#: Prepositions that give a reason or a circumstance: the verb's subject did not do the noun's
#: act ("sanctioned Iran *over* assassination plots", "arrested *amid* clashes").
CAUSE_PREPS = frozenset({"over", "amid", "amidst", "despite", "against", "because"})


def governor(noun):
    """The verb governing an event noun directly or through a preposition ("go on strike")."""
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "launched a mediation effort"
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun.dep_ in GOV_DEPS and noun.head is not noun and noun.head.pos_ in ("VERB", "AUX", "ADJ"):
        return noun.head
    if (noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX")
            and lemma(noun.head) not in CAUSE_PREPS):
        return noun.head.head
    return None


def _particles(tok) -> set[str]:
    return {lemma(c) for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}


def check(p: Pattern, tok, gov, doc_actors) -> bool:
    """Does pattern ``p`` fire on ``tok`` (with governing verb ``gov`` for nouns)?"""
    context_check = getattr(p, "context_check", None)  # PETRARCH dictionary patterns
    if context_check is not None and not context_check(tok, doc_actors):
        return False
    anchor = gov if (p.kind == "noun" and gov is not None) else tok
    if p.kind == "noun":
        if p.gov and (gov is None or not forms(gov) & p.gov):
            return False
    if p.particle and not (_particles(tok) & p.particle):
        return False
    if p.prep:
        have = {lemma(c) for c in prep_children(tok)}
        for o in direct_objects(tok):  # "rallied opposition against Israel"
            have |= {lemma(c) for c in prep_children(o)}
        if p.kind == "noun" and gov is not None:
            have |= {lemma(c) for c in prep_children(gov)}
        if any(for_to_clause(c) for c in tok.children):
            have.add("for")  # "called for Iran to release them"
        if not have & p.prep:
            return False
    if p.prep_not and {lemma(c) for c in prep_children(tok)} & p.prep_not:
        return False
    if p.subj and not _subject_lemmas(tok) & p.subj:
        return False  # "troops crossed into Iraq", not "refugees crossed into Turkey"
    if p.pobj_not and {lemma(o) for c in prep_children(tok) for o in pobjs(c)} & p.pobj_not:
        return False  # "pulled out of the election" is no military retreat
    if p.dep_not and any(c.dep_.lower() in p.dep_not for c in tok.children):
        return False  # "called him a liar" (oprd) is no phone call
    if p.obj or p.obj_not:
        objs = object_lemmas(anchor, p.prep)
        if p.kind == "noun":
            objs |= {lemma(tok)}
        if p.obj and not objs & p.obj:
            return False
        if p.obj_not and objs & p.obj_not:
            return False
    if p.obj_actor is not None:
        # the passive subject counts for a required actor ("the mayor was released"), not
        # for an excluded one
        objs = [o for o in direct_objects(tok) if p.obj_actor or o.dep_ != "nsubjpass"]
        has_actor = any(_covers_actor(o, doc_actors) for o in objs)
        if p.obj_actor and not has_actor:
            return False
        if p.obj_actor is False and has_actor:
            return False
    if p.xcomp:
        comps = {lemma(c) for c in tok.children if c.dep_ in ("xcomp", "ccomp")}
        if not comps & p.xcomp:
            return False
    if p.mod:
        mods = modifier_lemmas(tok)
        if p.kind == "noun":
            mods |= {lemma(c) for c in tok.subtree if c.dep_ in ("xcomp", "acl", "compound", "amod")}
        if not mods & p.mod:
            return False
    return True


def _covers_actor(tok, doc_actors) -> bool:
    m = doc_actors.at_token(tok.i)
    if m is not None:
        return True
    return any(doc_actors.at_token(c.i) is not None
               for c in tok.children if c.dep_ in ("compound", "amod", "poss", "appos"))


def token_kind(tok) -> str | None:
    if tok.pos_ in ("VERB", "AUX"):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return None


def match_token(tok, lexicon: EventLexicon, doc_actors) -> list[Match]:
    """Every pattern that fires on ``tok``, most specific first."""
    kind = token_kind(tok)
    if kind is None:
        return []
    lem = lemma(tok)
    if kind == "noun" and tok.dep_ == "compound" and lemma(tok.head) in lexicon.unreal_heads:
        return []  # "assassination plots", "bombing suspects": no assassination, no bombing
    gov = governor(tok) if kind == "noun" else None
    cands = lexicon.candidates(kind, lem)
    if not cands and kind == "verb":
        for f in sorted(forms(tok)):
            cands = lexicon.candidates(kind, f)
            if cands:
                break
    out = [Match(p, tok, kind, gov) for p in cands if check(p, tok, gov, doc_actors)]
    if not out and kind == "verb" and tok.tag_ == "VBN" and tok.dep_ == "amod":
        return []
    return out
