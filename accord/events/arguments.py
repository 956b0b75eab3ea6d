"""Source and target of a trigger from the dependency parse, resolved to actor mentions.

Sources: the subject (or the "by" agent of a passive), inherited through conjoined verbs,
open complements, participle clauses and relative clauses; for event nouns the possessor
("Russia's support"), a nationality modifier ("the Israeli raid") or the subject of the
governing verb ("X held talks").  Targets: the pattern's preposition, the direct object,
other prepositional objects, and, where the pattern allows it, a place ("in Serbia").
"""

from __future__ import annotations

from collections import deque

from accord.events.frames import PROPOSAL_NOUNS, that_clause
from accord.events.matcher import (CAUSE_PREPS, direct_objects, for_to_clause, is_passive,
                                   lemma, pobjs, prep_children)

#: Prepositions whose object can be an event's target, most telling first.
TARGET_PREPS = ("with", "against", "on", "upon", "to", "toward", "towards", "at", "for", "into",
                "from", "over", "between", "among", "about", "of", "by")
#: Nouns for what someone publishes: a participle after "posted a message on Twitter" is the
#: poster's act, wherever the parser hangs it.
MESSAGE_NOUNS = frozenset({"message", "statement", "letter", "tweet", "post", "video", "note",
                           "declaration", "communique", "speech", "editorial", "column"})
#: Roots of helping acts: an "against" phrase names their adversary, never their target.
#: (Narrower than the coder's COOPERATIVE_ROOTS: "an investigation against Iran" targets Iran.)
HELPING_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
AGAINST = frozenset({"against"})
#: Roots of material conflict (force, coercion, assault, fighting, mass violence).
FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
#: Relations followed when looking for the actor inside a noun phrase.
#: ("xcomp": "a missile believed to be fired by rebels": the rebels fired it.)
NP_DEPS = ("compound", "amod", "poss", "appos", "prep", "pobj", "nmod", "conj", "acl", "agent",
           "xcomp", "npadvmod", "det")
#: Relations along which a verb inherits its subject from its head.
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp", "acl", "relcl", "dep", "acomp")


#: Prepositions that, after a head naming no actor, introduce what the head is about, not who
#: acts: "Term limits *on* members of Congress offer a solution", "Sanctions *against* Iran hurt".
THEME_PREPS = frozenset({"on", "against", "to", "toward", "towards", "for", "with", "about",
                         "over", "into", "upon"})


def _doer_head_blocks(t, c) -> bool:
    """Must the search for a subject's actor skip child ``c`` of the subject head ``t``?"""
    return c.dep_ == "prep" and lemma(c) in THEME_PREPS


def actor_at(tok, doc_actors, exclude: set[str] = frozenset(), max_depth: int = 4,
             doer: bool = False, skip_preps: frozenset[str] = frozenset()):
    """The actor mention a noun phrase headed by ``tok`` names: the token itself, else the
    nearest mention inside its phrase (breadth first).  None when there is none.  ``doer``:
    the phrase is a subject, so a head that is no actor does not lend its modifiers' actors."""
    seen = set()
    queue = deque([(tok, 0)])
    while queue:
        t, depth = queue.popleft()
        if t.i in seen:
            continue
        seen.add(t.i)
        m = doc_actors.at_token(t.i)
        if m is not None and m.code not in exclude:
            return _with_role(m, t, doc_actors, exclude)
        if depth >= max_depth:
            continue
        for c in t.children:
            if doer and depth == 0 and _doer_head_blocks(t, c):
                continue
            if c.dep_ == "prep" and lemma(c) in skip_preps:
                continue  # "the government against the rebels" names the government
            if c.dep_ in NP_DEPS and not (c.dep_ == "conj" and depth == 0):
                if c.dep_ in ("relcl", "acl") and depth > 1:
                    continue
                queue.append((c, depth + 1))
    return None


def conjuncts(tok) -> list:
    """The tokens coordinated with ``tok``, however long the chain ("A, B, C and D")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        kids = [c for c in t.children if c.dep_ == "conj"]
        out.extend(kids)
        todo.extend(kids)
    return sorted(out, key=lambda t: t.i)


def _with_role(m, tok, doc_actors, exclude):
    """A name without a role takes the role its own modifiers give it, same country: "Bree
    Prime Minister Romendacil" is Bree's government, not just Bree."""
    if m.mention.sector is not None or m.mention.country is None:
        return m
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "appos") and c.i < tok.i:
            r = doc_actors.at_token(c.i)
            if (r is not None and r is not m and r.code not in exclude and r.mention.sector
                    and r.mention.country == m.mention.country):
                return r
    return m


def actors_at(tok, doc_actors, exclude: set[str] = frozenset(), doer: bool = False,
              skip_preps: frozenset[str] = frozenset()) -> list:
    """The actor of ``tok``'s phrase plus those of its conjuncts ("Russia and Iraq")."""
    out = []
    heads = [tok] + conjuncts(tok)
    for c in tok.children:  # "Vietnamese and Kampuchean forces": coordinated modifiers
        if c.dep_ in ("amod", "compound", "nmod") and any(x.dep_ == "conj" for x in c.children):
            heads.append(c)
            heads.extend(x for x in c.children if x.dep_ == "conj")
    for h in heads:
        m = actor_at(h, doc_actors, exclude, doer=doer, skip_preps=skip_preps)
        if m is not None and all(m.mention.actor_id != o.mention.actor_id or m.code != o.code
                                 for o in out):
            out.append(m)
    if len(out) == 1:  # "ties with Mordor, Rohan and Bree", "the envoys of A, B and C"
        inside = range(out[0].token_start, out[0].token_end)
        for c in (c for i in [out[0].head, *inside] if i != tok.i
                  for c in conjuncts(tok.doc[i])):
            m = actor_at(c, doc_actors, exclude)
            if m is not None and all(m.code != o.code for o in out):
                out.append(m)
    # "officials in Gondor and Rohan": the actor stage gave Rohan the officials' role
    for found in list(out):
        for p in (c for c in tok.doc[found.head].children if c.dep_ == "prep"):
            for c in (c for o in pobjs(p) for c in conjuncts(o)):
                m = doc_actors.at_token(c.i)
                if (m is not None and m.code not in exclude and found.mention.sector
                        and m.mention.sector and all(m.code != o.code for o in out)):
                    out.append(m)
    return out


def subject_token(verb, depth: int = 0):
    """(subject token, passive?, inherited?) of a verb or adjective; subject may be None."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            if c.dep_ == "expl":
                continue
            if lemma(c) in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head, False, True
            if c.tag_ == "VBG" and c.i > 0:
                # "The aid agency working in Chad said": the parse makes the participle the
                # subject and the noun before it the participle's subject
                own = [x for x in c.children if x.dep_ == "nsubj" and x.i < c.i
                       and x.pos_ in ("NOUN", "PROPN")]
                if own:
                    return own[0], False, depth > 0
            return c, False, depth > 0
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c, depth == 0, depth > 0
    if depth > 4:
        return None, False, True
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "the troops who attacked" / "a report released by X" (passive participle)
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            return verb.head, True, True
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and depth < 4:
            # "issued a declaration demanding ...": the one who issued it demands
            noun = verb.head
            if (noun.dep_ == "pobj" and noun.head.dep_ == "prep"
                    and lemma(noun.head.head) in MESSAGE_NOUNS):
                noun = noun.head.head  # "posted a message on Twitter blaming Iran"
            gov = noun.head
            if noun.dep_ in ("dobj", "obj") and gov.pos_ in ("VERB", "AUX"):
                subj, _, _ = subject_token(gov, depth + 1)
                if subj is not None:
                    return subj, False, True
        return verb.head, False, True
    if verb.dep_ == "attr" and verb.pos_ == "VERB" and lemma(verb.head) == "be":
        # "Qatar is mediating between ...": a progressive the parser hangs on "is" as attr
        subj, passive, _ = subject_token(verb.head, depth + 1)
        return subj, passive, depth > 0
    if verb.dep_ == "xcomp":
        # object control: "urged Iraq to withdraw" -> Iraq withdraws
        objs = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
        if objs and lemma(verb.head) not in ("promise", "vow"):
            return objs[0], False, True
    if verb.dep_ in INHERIT_DEPS and verb.head is not verb:
        head = verb.head
        if head.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("acl",):
            return head, False, True
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            subj, _, _ = subject_token(head, depth + 1)
            return subj, False, True
    if verb.dep_ in ("pcomp", "pobj") and verb.head.dep_ == "prep":
        subj, _, _ = subject_token(verb.head.head, depth + 1)
        return subj, False, True
    return None, False, False


def agent_token(verb):
    """The object of a passive's "by" agent."""
    for p in verb.children:
        if p.dep_ == "agent" or (p.dep_ == "prep" and lemma(p) == "by"):
            objs = pobjs(p)
            if objs:
                return objs[0]
    return None


def verb_sources(verb, doc_actors) -> tuple[list, list, bool]:
    """(source mentions, passive-subject mentions, inherited?) for a verb or adjective."""
    if (verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "amod")
            and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)):
        agent = agent_token(verb)  # "Asked about X, he said ...": he was asked
        patients = actors_at(verb.head, doc_actors) if verb.dep_ == "acl" else []
        return (actors_at(agent, doc_actors) if agent is not None else []), patients, True
    if (verb.tag_ in ("VBN", "VBD") and verb.dep_ == "ROOT"
            and not any(c.dep_ in ("aux", "auxpass", "cc", "dobj") for c in verb.children)
            and any(c.dep_ in ("conj", "ccomp") and is_passive(c)
                    and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                    for c in verb.children)):
        # "The civilians imprisoned for X were released by Y": a participle read as the verb
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return [], (actors_at(subj, doc_actors) if subj is not None else []), False
    subj, passive, inherited = subject_token(verb)
    if passive or is_passive(verb):
        agent = agent_token(verb)
        srcs = actors_at(agent, doc_actors) if agent is not None else []
        patients = actors_at(subj, doc_actors) if subj is not None else []
        return srcs, patients, inherited
    if subj is None:
        return [], [], inherited
    found = actors_at(subj, doc_actors, doer=True)
    if found:
        found += _headline_list_head(verb, subj, doc_actors, found)
    if not found and subj.pos_ == "PRON":
        found = _speaker(verb, doc_actors)
        inherited = inherited or bool(found)
    if not found and inherited and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "said the talks had failed, criticizing ...": the participle's doer is the
        # nearest actor subject up the clause chain
        t = verb.head
        for _ in range(3):
            if t.head is t:
                break
            t = t.head
            subj2 = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj2 is not None:
                found = actors_at(subj2, doc_actors)
                if found:
                    break
    return found, [], inherited


def _headline_list_head(verb, subj, doc_actors, found) -> list:
    """"Russia, China sign gas deal": the parser hangs the first name of a headline's list
    on the verb (npadvmod) instead of coordinating it with the subject."""
    out = []
    for c in verb.children:
        if (c.dep_ == "npadvmod" and c.i < subj.i and c.pos_ == "PROPN"
                and c.nbor(1).text == "," and c.nbor(1).i < subj.i):
            m = actor_at(c, doc_actors)
            if m is not None and all(m.code != f.code for f in found):
                out.append(m)
    return out


def _speaker(verb, doc_actors) -> list:
    """"Syria says it is willing to ...": an unresolved pronoun subject of reported speech
    stands for the speaker (the actor subject of the verb the clause depends on)."""
    t = verb
    for _ in range(3):
        if t.dep_ != "ccomp" or t.head is t:
            return []
        head = t.head
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON":
            return actors_at(subj, doc_actors)
        t = head
    return []


def noun_sources(noun, gov, doc_actors) -> tuple[list, bool]:
    """Source of an event noun: possessor, nationality modifier, "by" agent, else the
    subject of the governing verb."""
    for c in noun.children:
        if c.dep_ == "poss":
            found = actors_at(c, doc_actors)
            if found:
                return found, False
            if c.pos_ == "PRON" and gov is not None:
                # "their meeting with Obama": an unresolved owner is most often the subject
                srcs, _, _ = verb_sources(gov, doc_actors)
                return srcs, True
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
            m = doc_actors.at_token(c.i)
            if m is not None:
                return [m], False
    for p in prep_children(noun, frozenset({"by"})):
        for o in pobjs(p):
            found = actors_at(o, doc_actors)
            if found:
                return found, False
    if gov is not None:
        srcs, patients, inherited = verb_sources(gov, doc_actors)
        if not srcs and patients and agent_token(gov) is None:
            return patients, inherited  # "were engaged in ethnic cleansing"
        if not srcs:  # "talks were held between India and Pakistan": the parties
            for p in prep_children(gov, frozenset({"between", "among"})):
                found = [m for o in pobjs(p) for m in actors_at(o, doc_actors)]
                if len(found) > 1:
                    return found, False
        return srcs, inherited
    head = noun.head
    # "during a visit to Beirut" hangs off the main verb: inherit its subject
    if (noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX")
            and lemma(head) not in CAUSE_PREPS):  # not "sanctioned Iran over attacks"
        srcs, _, _ = verb_sources(head.head, doc_actors)
        return srcs, True
    return [], False


def _prep_targets(tok, preps, doc_actors, exclude) -> list:
    """Actors governed by the first of ``preps`` (in their order) that has any."""
    by_prep: dict[str, list] = {}
    for p in prep_children(tok, frozenset(preps)):
        by_prep.setdefault(lemma(p), []).append(p)
    for name in preps:
        out = []
        for p in by_prep.get(name, ()):
            for o in pobjs(p):
                if o.dep_ == "pcomp":  # "for acting against Moscow": a clause, not an actor
                    continue
                out.extend(actors_at(o, doc_actors, exclude))
        if out:
            return out
    return []


def targets(tok, pattern, doc_actors, exclude: set[str], gov=None) -> tuple[list, bool]:
    """(target mentions, from-a-place?) for a trigger, best first.  Actors with a country
    ("Iraq", "the Iraqi army") are preferred over bare roles ("peacekeepers")."""
    found, place = _targets(tok, pattern, doc_actors, exclude, gov)
    if found and all(m.mention.country is None for m in found):
        rest = set(exclude) | {m.code for m in found}
        better, place2 = _targets(tok, pattern, doc_actors, rest, gov)
        # never the doer's own country as the place of the event: "Turkish troops clashed
        # with rebels in Turkey" targets the rebels ("rioters in a Lebanese village" may
        # still be Lebanon's)
        own = {code[:3] for code in exclude}
        better = [m for m in better if not (place2 and (m.mention.country or "")[:3] in own)]
        if better and any(m.mention.country for m in better):
            return better, place2
    return found, place


def _cooperative(pattern) -> bool:
    """Is the act surely cooperative?  A frame verb's code depends on its complement ("vowed
    revenge against X" is a threat), so only a plain pattern can say."""
    return pattern.code[:2] in HELPING_ROOTS and not getattr(pattern, "frame", None)


def _targets(tok, pattern, doc_actors, exclude, gov=None) -> tuple[list, bool]:
    if pattern.target == "none":
        return [], False
    if pattern.target and pattern.target not in ("obj", "prep"):
        anchors = [tok] if gov is None else [tok, gov]
        anchors += [o for a in list(anchors) for o in direct_objects(a) if o is not tok]
        for a in anchors:
            found = _prep_targets(a, pattern.target.split("|"), doc_actors, exclude)
            if found:
                return found, False
        return [], False
    anchors = [tok] if gov is None else [tok, gov]
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        anchors.insert(1, tok.head)  # "a mediation effort between Qatar and Bahrain"
    if pattern.prep:
        for a in anchors:
            found = _prep_targets(a, pattern.prep, doc_actors, exclude)
            if found:
                return found, False
    skip = AGAINST if _cooperative(pattern) else frozenset()
    if (tok.pos_ in ("NOUN", "PROPN") and gov is not None and tok.dep_ == "nsubj"
            and pattern.code[:2] in FORCE_ROOTS
            and not _prep_targets(tok, TARGET_PREPS, doc_actors, exclude)):
        # "a roadside bomb killed two British soldiers": the weapon or attack that is the
        # subject acts on its verb's object (unless it names its own: "an attack on Iraq")
        for o in direct_objects(gov):
            found = actors_at(o, doc_actors, exclude, skip_preps=skip)
            if found:
                return found, False
    if tok.pos_ in ("VERB", "AUX", "ADJ"):
        for o in direct_objects(tok):
            if o.dep_ == "nsubjpass":
                continue
            found = actors_at(o, doc_actors, exclude, skip_preps=skip)
            if found:
                return found, False
        if is_passive(tok):
            subj, _, _ = subject_token(tok)
            if subj is not None:
                found = actors_at(subj, doc_actors, exclude)
                if found:
                    return found, False
    # "supporting the government against the Houthis": whom one helps is not whom one opposes
    preps = [p for p in TARGET_PREPS
             if p != "against" or not _cooperative(pattern)]
    for a in anchors:
        found = _prep_targets(a, [p for p in preps if p != "by" or a is tok and
                                  tok.pos_ == "NOUN"], doc_actors, exclude)
        if found:
            return found, False
    # objects' own prepositions: "support to Iraq", "sanctions on Russia"
    for a in anchors:
        for o in direct_objects(a):
            if o is tok:
                continue
            found = _prep_targets(o, preps, doc_actors, exclude)
            if found:
                return found, False
    if tok.pos_ in ("NOUN", "PROPN"):
        # "an attempt to assassinate the governor", "took British sailors hostage"
        for c in tok.children:
            if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB":
                for o in direct_objects(c):
                    found = actors_at(o, doc_actors, exclude)
                    if found:
                        return found, False
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and gov is not None:
                found = actors_at(c, doc_actors, exclude)
                if found:
                    return found, False
    for a in (a for a in anchors if a.pos_ in ("VERB", "AUX")):
        # "opened fire to disperse the demonstrators": the purpose clause's object
        for c in a.children:
            if c.dep_ in ("advcl", "xcomp") and any(x.dep_ == "aux" and lemma(x) == "to"
                                                    for x in c.children):
                for o in direct_objects(c):
                    found = actors_at(o, doc_actors, exclude)
                    if found:
                        return found, False
    if pattern.loc:
        for a in anchors:
            found = _prep_targets(a, ("in", "near", "inside", "across", "outside"), doc_actors,
                                  exclude)
            if found:
                return found, True
    return [], False


def addressees(tok, doc_actors, exclude: set[str]) -> list:
    """Whom an appeal or demand (``tok``: the verb or noun) is addressed to: its object, its
    "on/to" phrase, or the subject of the clause that says what is asked ("called for Chile to
    hold elections", "its demand that Iraq withdraw"), else the place it concerns."""
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "obj"):
            found = actors_at(c, doc_actors, exclude)
            if found:
                return found
    for p in prep_children(tok, frozenset({"on", "upon", "to", "from", "with"})):
        for o in pobjs(p):
            found = actors_at(o, doc_actors, exclude)
            if found:
                return found
    found = ccomp_subject_actors(tok, doc_actors, exclude)
    if found:
        return found
    subclauses = list(tok.children)
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj"):  # "repeated its call for X to"
        subclauses += [c for c in tok.head.children if for_to_clause(c)]
    for c in subclauses:  # "called for Chile to hold new elections", "a demand that X quit"
        if c.dep_ in ("xcomp", "ccomp") or for_to_clause(c) or that_clause(c):
            for s in c.children:
                if s.dep_ == "nsubj":
                    found = actors_at(s, doc_actors, exclude)
                    if found:
                        return found
    for p in prep_children(tok, frozenset({"in"})):  # "urges calm in Kenya"
        for o in pobjs(p):
            found = actors_at(o, doc_actors, exclude)
            if found:
                return found
    return []


def proposal_owners(verb, doc_actors, exclude: set[str]) -> list:
    """Who made the proposal, offer or appeal that ``verb`` takes as its object: "an Indian
    proposal", "Iran's offer", "the appeal by the United Nations", "a plan from Brussels"."""
    for o in direct_objects(verb):
        if lemma(o) not in PROPOSAL_NOUNS:
            continue
        for c in o.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < o.i:
                found = actors_at(c, doc_actors, exclude)
                if found:
                    return found
        for p in prep_children(o, frozenset({"by", "from"})):
            for a in pobjs(p):
                found = actors_at(a, doc_actors, exclude)
                if found:
                    return found
    return []


#: Prepositions that place an event somewhere.
PLACE_PREPS = frozenset({"in", "near", "outside", "at", "inside", "across", "around", "of"})


def place_actors(tok, doc_actors, exclude: set[str] = frozenset()) -> list:
    """The country (or capital) where an agentless event happened: "killed in Ukraine",
    "arrested in Lebanon", "an explosion near the Iraqi town" (breadth first)."""
    queue = [tok]
    seen = set()
    while queue:
        t = queue.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        for c in t.children:
            if c.dep_ == "prep" and lemma(c) in PLACE_PREPS:
                for o in pobjs(c):
                    found = actors_at(o, doc_actors, exclude)
                    found = [m for m in found if m.mention.kind in ("country", "capital", "city")
                             or m.mention.sector is None]
                    if found:
                        return found[:1]
            if c.dep_ in ("prep", "pobj", "nsubjpass", "nsubj", "advcl", "acl", "dobj",
                          "compound", "amod"):
                queue.append(c)
    return []


def ccomp_subject_actors(verb, doc_actors, exclude: set[str]) -> list:
    """Actors that are subjects of a verb's clausal complement ("said Iraq would ...")."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            subj, _, _ = subject_token(c)
            if subj is not None and subj.i != c.i:
                found = actors_at(subj, doc_actors, exclude)
                if found:
                    return found
    return []
