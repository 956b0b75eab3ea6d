"""Questions the coder asks about the clause around a trigger, answered from the parse alone.

Kept apart from ``coder`` so that module stays about composing events: where a headline ends,
whether an actor is only the place of an act, whether a purpose clause restates a meeting, and
which words an "anti-" prefix turns against.
"""

from __future__ import annotations

from accord.events.matcher import lemma


def line_segments(sent) -> list:
    """A sentence cut at blank lines: the parser often glues a headline to the first
    sentence of the story ("Russia, Iraq eye closer cooperation\n\nMOSCOW: ...")."""
    doc = sent.doc
    cuts = [t.i for t in sent if t.is_space and "\n" in t.text]
    if not cuts:
        return [sent]
    starts = [sent.start] + [c + 1 for c in cuts]
    ends = cuts + [sent.end]
    return [doc[s:e] for s, e in zip(starts, ends) if e > s]


#: Prepositions that say where something happened, not to whom.
WHERE_PREPS = frozenset({"in", "at", "near", "inside", "outside"})


def located(target, trigger) -> bool:
    """Is ``target`` named as where the act of ``trigger`` took place ("a deal in Havana")?"""
    tok = trigger.doc[target.head]
    for _ in range(6):
        if tok is trigger or tok.head is tok:
            return False
        if tok.dep_ == "pobj" and lemma(tok.head) in WHERE_PREPS:
            return True
        tok = tok.head
    return False


def has_partner(trigger) -> bool:
    """Does the trigger name a partner the actor stage could not code ("A and B opened
    relations *with the nation*")?  Then A and B did not act on each other."""
    heads = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    return any(c.dep_ == "prep" and lemma(c) == "with" for h in heads for c in h.children)


def restated_meetings(meeting, matches, actor_tokens) -> list[int]:
    """Purpose clauses of a meeting that restate it: "X and Y will meet in Z to discuss trade"
    is one consultation, not a second one between X and Y.  A purpose clause that names a
    participant of its own ("flew to Cairo to discuss trade with Egypt") stays an event."""
    out = []
    for c in meeting.children:
        if (c.dep_ not in ("advcl", "xcomp") or c.i not in matches
                or matches[c.i][0].pattern.code[:2] != "04"
                or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            continue
        names_actor = any(t.i in actor_tokens and t.pos_ != "PRON"
                          for a in c.children if a.dep_ in ("dobj", "prep", "dative")
                          for t in a.subtree)
        if not names_actor:
            out.append(c.i)
    return out


def countered(tok) -> set[str]:
    """Words after "anti-" / "counter-" near the trigger ("anti-aircraft batteries"): the
    weapon is aimed against them, so they do not refine the code (no air strike)."""
    doc = tok.doc
    lo, hi = max(0, tok.left_edge.i - 3), min(len(doc), tok.right_edge.i + 1)
    out: set[str] = set()
    for i in range(lo + 2, hi):
        if doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "counter"):
            out |= {lemma(doc[i]), doc[i].lower_}
    for t in doc[lo:hi]:
        for pre in ("anti-", "counter-"):
            if t.lower_.startswith(pre) and len(t.text) > len(pre):
                out |= {t.lower_[len(pre):]}
    return out


def halted(noun, gov, halting_verbs: frozenset[str]) -> bool:
    """Is event noun ``noun`` the object of a verb that stops or puts it off ("halted its
    offensive", "called off the strike")?  ``halting_verbs`` holds lemmas and "lemma particle"."""
    if gov is None or noun.dep_ not in ("dobj", "obj", "nsubjpass"):
        return False
    particles = [lemma(c) for c in gov.children if c.dep_ == "prt"]
    return lemma(gov) in halting_verbs or any(
        f"{lemma(gov)} {p}" in halting_verbs for p in particles)


def warns_of_another(comp, sources, doc_actors) -> bool:
    """"warned that the economy could collapse", "warned that Iran could attack": a warning
    about what someone or something else may do is no threat by the speaker.  (A pronoun or
    the speaker's own side as the clause's subject keeps it a threat: "warned it would strike".)"""
    if comp is None or comp.dep_ != "ccomp":
        return False
    subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return False
    # the subject itself, else an actor inside its phrase ("its forces", "the Iraqi army")
    mention = next((m for t in [subj, *subj.subtree] if (m := doc_actors.at_token(t.i))), None)
    if mention is None:
        return subj.pos_ in ("NOUN", "PROPN")
    own = {s.mention.country for s in sources} | {s.code for s in sources}
    return mention.mention.country not in own and mention.code not in own


def names_disaster(sent, disasters: frozenset[str]) -> bool:
    """Does the sentence name a disaster or accident ("when the tsunami struck")?"""
    return any(t.pos_ in ("NOUN", "VERB") and lemma(t) in disasters for t in sent)
