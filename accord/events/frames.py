"""Frames, topics and modality: "agree to X", "call for X", "refuse to X", "will X", "did not X".

A frame verb (intent, appeal, demand, reject, threaten) takes its CAMEO code from what its
complement is about (the topic: release, withdrawal, talks, aid...).  The same topics turn a
future somebody states ("said it will withdraw") into an intent and a negated future ("will not accept refugees") into
a rejection.  Hypotheticals, questions and failures are not events.
"""

from __future__ import annotations

from accord.events.lexicon import EventLexicon, Topic
from accord.events.matcher import direct_objects, for_to_clause, lemma, pobjs, prep_children

#: Nouns that stand for a proposal whose content is its complement ("an offer to host talks").
PROPOSAL_NOUNS = frozenset({
    "proposal", "plan", "offer", "request", "call", "appeal", "demand", "invitation", "idea",
    "initiative", "ultimatum", "bid", "effort", "attempt", "move", "order", "decision", "deal",
    "agreement", "suggestion", "pressure", "push", "promise", "pledge", "commitment", "plea",
    "consensus", "understanding", "accord", "declaration", "resolution"})
#: Verbs whose complement did not happen ("failed to coordinate", "refrained from attacking",
#: "is considering imposing sanctions").
BLOCKERS = frozenset({"fail", "refrain", "avoid", "hesitate", "neglect", "cease", "stop",
                      "forget", "deny", "try", "attempt", "consider", "contemplate", "mull",
                      "weigh", "debate"})
#: Modals that make a clause hypothetical.
HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "should", "must", "ought", "can"})
FUTURE_MODALS = frozenset({"will", "shall", "would", "'ll", "wo"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
#: Prepositions whose object is beside the act, not what it is about ("resign *without
#: returning*", "talks *despite* the attacks").
ASIDE_PREPS = frozenset({"without", "despite", "after", "before", "since", "until", "besides",
                         "except", "instead", "unlike", "amid"})
#: Marks of a clause that, in the present tense, tells of a scheduled, not yet real event.
NOT_YET_MARKS = frozenset({"before", "until", "till"})


def complement(tok, frame_kind: str | None = None, actor_tokens=frozenset()):
    """The first complement of a frame verb/noun/adjective (see ``complements``), or None."""
    found = complements(tok, frame_kind, actor_tokens)
    return found[0] if found else None


def complements(tok, frame_kind: str | None = None, actor_tokens=frozenset()) -> list:
    """What a frame verb, noun or adjective is about, most telling first.

    "called for the *withdrawal*", "requested an urgent *meeting* to deal with it", "agreed to
    *hold* talks", "demanded that X *cancel*", "rejected a *proposal* to meet" (then its own
    complement), "expressed willingness to *cooperate*".
    """
    out: list = []
    for p in prep_children(tok, frozenset({"for", "to", "on", "upon", "towards", "toward"})):
        for o in pobjs(p):
            if o.pos_ == "VERB":
                out.append(_unwrap(o))
            elif o.pos_ in ("NOUN", "PROPN") and not _is_actorish(o) and o.i not in actor_tokens:
                out.append(_proposal(o))
    for o in direct_objects(tok):
        if o.pos_ == "NOUN" and (o.dep_ != "nsubjpass" or (
                not _is_actorish(o) and o.i not in actor_tokens)):
            out.append(_proposal(o))  # "a ceasefire was agreed by ...": the passive's theme
    for c in tok.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") or for_to_clause(c):
            out.append(_unwrap(c))
            out.append(c)  # "resume terrorist activities": the verb itself may carry the topic
    if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        for c in tok.children:
            if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ in ("VERB", "AUX") and any(
                    x.dep_ == "aux" and lemma(x) == "to" for x in c.children):
                out.append(_unwrap(c))
            elif that_clause(c):  # "its demand that Britain release the sailors"
                out.append(_unwrap(c))
    if frame_kind in ("demand", "appeal", "reject", "threaten"):
        for c in tok.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                out.append(_unwrap(c))
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "obj") and tok.head.pos_ == "VERB":
        # "repeated its call for Israel to lift the blockade": the clause hangs on the verb
        out.extend(_unwrap(c) for c in tok.head.children if for_to_clause(c))
        # "made an appeal to Japan for aid": the request hangs off the light verb
        for p in prep_children(tok.head, frozenset({"for", "on", "upon"})):
            for o in pobjs(p):
                if o.pos_ in ("NOUN", "VERB") and not _is_actorish(o):
                    out.append(_proposal(o) if o.pos_ == "NOUN" else _unwrap(o))
    seen: set[int] = set()
    return [c for c in out if not (c.i in seen or seen.add(c.i)) and c.i != tok.i]


def that_clause(tok) -> bool:
    """A content clause on a noun: "the demand *that Iraq withdraw*" (not a relative clause:
    "the demand that he made" has "that" as its object, not its mark)."""
    return tok.dep_ == "acl" and tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and lemma(c) == "that" for c in tok.children)


def _is_actorish(tok) -> bool:
    return tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")


def _unwrap(tok):
    """"continue to enhance", "begin withdrawing": the real complement is one step down."""
    if lemma(tok) in ("continue", "begin", "start", "keep", "resume", "seek", "try", "help",
                      "work", "move") or lemma(tok) == "be":
        for c in tok.children:
            if c.dep_ in ("xcomp", "acomp", "attr") and c.pos_ in ("VERB", "NOUN"):
                return c
        if lemma(tok) in ("continue", "begin", "start", "keep", "resume"):
            objs = [o for o in direct_objects(tok) if o.pos_ == "NOUN"]
            if objs:
                return objs[0]
    return tok


def _proposal(noun):
    if lemma(noun) in PROPOSAL_NOUNS:
        for c in noun.children:
            if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                return c
        for p in prep_children(noun, frozenset({"for", "to", "on", "of"})):
            for o in pobjs(p):
                if o.pos_ in ("NOUN", "VERB"):
                    return o
        # "calls by Belarus's rulers for economic aid": the parse hangs the content on the agent
        for by in prep_children(noun, frozenset({"by", "from"})):
            for agent in pobjs(by):
                for p in prep_children(agent, frozenset({"for", "to", "on"})):
                    for o in pobjs(p):
                        if o.pos_ in ("NOUN", "VERB") and not _is_actorish(o):
                            return o
        for c in noun.children:
            if c.dep_ == "compound" and c.pos_ == "NOUN":
                return c
    return noun


def _lemmas_under(tok, limit: int = 40) -> set[str]:
    out = set()
    for n, t in enumerate(tok.subtree):
        if n > limit:
            break
        out.add(lemma(t))
        out.add(t.text.lower())
    return out


def topic_of(tok, lexicon: EventLexicon, hint: str | None = None) -> Topic | None:
    """The topic a complement token is about; ``hint`` is the topic of a pattern that fired on it."""
    key = lemma(tok)
    under = _lemmas_under(tok)
    objs = {lemma(o) for o in direct_objects(tok)} if tok.pos_ == "VERB" else set()
    for c in tok.children:
        if c.dep_ == "compound":
            objs.add(lemma(c))
        if c.dep_ == "prep" and (tok.pos_ == "VERB" or lemma(c) == "of") and (
                lemma(c) not in ASIDE_PREPS):
            objs.update(lemma(o) for o in pobjs(c))  # "go on strike", "deployment of troops"
    if tok.pos_ in ("VERB", "AUX"):
        # a phrasal verb a topic names whole ("give up", "step down") beats its bare verb
        # ("give" is aid, "give up a claim" a concession)
        for prt in (c for c in tok.children if c.dep_ == "prt"):
            phrasal = f"{key} {lemma(prt)}"
            for t in lexicon.topics:
                if phrasal in t.verbs and (not t.with_ or t.with_ & under):
                    return t
    for t in lexicon.topics:
        hit = (key in t.verbs if tok.pos_ in ("VERB", "AUX") else key in t.nouns)
        hit = hit or bool(objs & t.nouns)
        if hit and (not t.with_ or t.with_ & under):
            return t
    if hint is not None:
        return lexicon.topic_by_name.get(hint)
    return None


def frame_code(frame: str, topic: Topic, tok, lexicon: EventLexicon, ontology) -> str | None:
    """The code ``frame`` gives ``topic`` (refined by modifiers under the complement)."""
    code = topic.codes.get(frame)
    if code is None:
        return None
    if topic.refine:
        groups = lexicon.modifier_groups(_lemmas_under(tok))
        suffixes = [s for g, s in topic.refine if g in groups]
        base = topic.refbase.get(frame, code)
        if len(set(suffixes)) == 1 and len(base) == 3 and base + suffixes[0] in ontology:
            return base + suffixes[0]
        if len(set(suffixes)) > 1 and base in ontology:
            return base
    return code


def is_negated(tok) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and lemma(c) == "no" for c in tok.children):
        return True
    return False


def open_question(tok) -> bool:
    """"will decide *whether* to send troops", "asked if it could attend": the complement is a
    question still open, so no intent, appeal or demand about it is coded."""
    return any(c.dep_ == "mark" and lemma(c) in ("whether", "if") for c in tok.children)


def negated_past(tok) -> bool:
    """"did not withdraw", "has not released": an act that did not happen, narrated.  (A
    present "does not recognize" is a standing refusal, a future "will not" an announced one.)"""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return any((lemma(a) == "do" and a.tag_ == "VBD") or lemma(a) == "have" for a in auxes)


def modality(tok) -> str:
    """"future", "hypothetical" or "" for the clause of a verb/adjective trigger."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.dep_ == "xcomp" and lemma(tok.head) in ("continue", "keep", "begin", "start", "resume"):
        auxes += [c for c in tok.head.children if c.dep_ == "aux"]  # "will continue enhancing"
    head = tok
    # "is ready to", "is going to attack": look at the copula/going
    if tok.dep_ == "xcomp" and lemma(tok.head) in ("go", "be"):
        auxes += [c for c in tok.head.children if c.dep_ in ("aux",)]
        if lemma(tok.head) == "go":
            return "future"
    if tok.pos_ == "ADJ" and tok.head.pos_ in ("AUX", "VERB"):
        auxes += [c for c in tok.head.children if c.dep_ == "aux"]
        head = tok.head
    for a in auxes:
        word = a.text.lower()
        if word in HYPOTHETICAL_MODALS:
            return "hypothetical"
        if word in FUTURE_MODALS:
            return "future"
    del head
    return ""


#: Clause links followed upwards from a future verb to the verb of saying that reports it.
REPORTED_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis"})


def stated(tok, cues) -> bool:
    """Is the clause of ``tok`` reported as somebody's words ("Iraq said it would allow ...",
    "Portugal will support ..., the president said")?  A future is an expressed intent only
    then; a future the reporter narrates ("X will supply arms to Y") is coded as the act."""
    if cues is None:
        return True  # no verbs of saying known: keep every future an intent
    return reporting_verb(tok, cues) is not None


#: Modals of obligation in somebody's words: "X said Y must withdraw" demands, "should" appeals.
OBLIGATION_MODALS = {"must": "demand", "should": "appeal", "ought": "appeal"}


def obligation(tok) -> str | None:
    """The frame a modal of obligation on ``tok`` gives ("must" demand, "should" appeal)."""
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS:
            return OBLIGATION_MODALS[c.lower_]
    return None


def reporting_verb(tok, cues):
    """The verb of saying that reports the clause of ``tok`` ("the UN said Iraq must ..."), or
    None when the clause is the reporter's own."""
    if cues is None:
        return None
    node = tok
    for _ in range(6):
        if node.dep_ not in REPORTED_LINKS or node.head is node:
            return None
        node = node.head
        if cues.is_cue(node):
            return node
    return None


def has_condition(tok) -> bool:
    """Does ``tok`` head a clause with an "if/unless" condition ("would attack if ...")?"""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and lemma(m) in CONDITION_MARKS
                                         for m in c.children) for c in tok.children)


def conditional(tok) -> bool:
    """Is ``tok`` inside a clause opened by "if/unless/whether" (the condition itself), or in
    a present-tense "before/until" clause, which tells of what has not happened yet ("arrives a
    day before the president flies to Rome")?"""
    t = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and lemma(c) in CONDITION_MARKS for c in t.children):
            return True
        if t.tag_ in ("VBZ", "VBP") and any(c.dep_ == "mark" and lemma(c) in NOT_YET_MARKS
                                            for c in t.children):
            return True
        if t.dep_ in ("ROOT",) or t.head is t:
            return False
        if t.dep_ in ("advcl", "ccomp", "conj", "xcomp", "relcl", "acl", "pcomp"):
            t = t.head
            continue
        t = t.head
    return False


def blocked(tok) -> bool:
    """Under a verb that says the thing did not happen ("failed to coordinate")?"""
    if tok.dep_ == "pcomp" and lemma(tok.head) in ("for", "of", "over", "about", "after"):
        return True  # "arrested for collaborating with Israel": the reason, not an event
    t = tok
    for _ in range(4):  # "would not allow Chile to help Peru"
        if t.dep_ not in ("xcomp", "acl", "dobj", "pobj", "prep", "advcl") or t.head is t:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX") and is_negated(t):
            return True
    t = tok
    for _ in range(4):
        if t.dep_ in ("xcomp", "pcomp") or (t.dep_ == "pobj" and t.head.dep_ == "prep"):
            h = t.head if t.dep_ != "pobj" else t.head.head
            if lemma(h) in BLOCKERS:
                return True
            t = h
            continue
        if t.dep_ == "conj":
            t = t.head
            continue
        return False
    return False


#: Words that open a background clause or phrase: "two weeks after rebels kidnapped ...".
BACKGROUND_MARKS = frozenset({"after", "before", "since", "following", "until", "during", "amid",
                              "while", "when"})


def background(tok, cues=None) -> bool:
    """Is ``tok`` in a temporal clause or phrase that sets the scene for the main event, or
    in a trailing participle that adds detail to it?  A participle on a verb of saying ("he
    said, criticizing that stance") is the speaker's own act and stays in front (``cues``:
    the verbs of saying)."""
    t = tok
    for _ in range(4):
        if t.dep_ == "pobj" and lemma(t.head) in BACKGROUND_MARKS:
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and lemma(c) in BACKGROUND_MARKS
                                     for c in t.children):
            return True
        if (t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > t.head.i
                and not any(c.dep_ in ("nsubj", "mark") for c in t.children)
                and not (cues is not None and cues.is_cue(t.head))):
            return True  # "..., offering further support": a trailing participle adds detail
        if t.dep_ in ("ROOT",) or t.head is t:
            return False
        if t.dep_ in ("ccomp",):
            return False
        t = t.head
    return False


def reports_past_act(verb, act_tokens) -> bool:
    """Does a verb of saying report, as done, an act whose trigger is among ``act_tokens``
    ("The US said Iraq had attacked": a past act, not "would attack")?"""
    for c in verb.children:
        if (c.dep_ == "ccomp" and c.i in act_tokens and c.tag_ in ("VBD", "VBN")
                and modality(c) == "" and not is_negated(c)):
            return True
    return False


def question(sent) -> bool:
    return sent.text.rstrip().rstrip('"\'”’ ').endswith("?")
