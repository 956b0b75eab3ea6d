"""Riots and repression: recode violence whose doer or target is a crowd (CAMEO 145 / 175).

The verb patterns know acts ("attacked", "clashed with", "demolished"); who did them decides the
code the CAMEO manual wants.  Protesters who attack something riot (145); the state clashing
with protesters represses them (175).  The crowd is read off the argument's head noun, not the
actor code, so "tunisian rioters in the Egyptian square" counts as a crowd even when the actor
stage could only place them.  The rules are data (``accord/data/events/crowds.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from accord.events import arguments as args
from accord.events.matcher import lemma

#: prepositions whose object is the one a violent act is done to ("clashed with", "fired on")
PATIENT_PREPS = frozenset({"with", "against", "on", "upon", "at", "into"})


@dataclass(frozen=True)
class CrowdRules:
    """What crowds.yaml says: the crowd nouns and the codes violence by or on them becomes."""

    crowd_nouns: frozenset[str]
    riot_codes: frozenset[str]
    riot_code: str
    repress_codes: frozenset[str]
    repress_code: str
    state_sectors: frozenset[str]
    complaint_code: str = "114"
    demonstrate_code: str = "141"
    demonstrate_verbs: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    popular_sectors: frozenset[str] = frozenset()


def load_crowd_rules(path: str | Path) -> CrowdRules:
    """Read crowds.yaml (ValueError naming the key when one is missing or malformed)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    try:
        rules = CrowdRules(
            crowd_nouns=frozenset(str(w).lower() for w in data["crowd_nouns"]),
            riot_codes=frozenset(str(r) for r in data["riot_codes"]),
            riot_code=str(data["riot_code"]),
            repress_codes=frozenset(str(c) for c in data["repress_codes"]),
            repress_code=str(data["repress_code"]),
            state_sectors=frozenset(str(s) for s in data["state_sectors"]),
            complaint_code=str(data.get("complaint_code", "114")),
            demonstrate_code=str(data.get("demonstrate_code", "141")),
            demonstrate_verbs=frozenset(str(w) for w in data.get("demonstrate_verbs") or ()),
            quantity_nouns=frozenset(str(w) for w in data.get("quantity_nouns") or ()),
            popular_sectors=frozenset(str(s) for s in data.get("popular_sectors") or ()))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path}: crowds.yaml needs {exc}") from None
    for code in (rules.riot_code, rules.repress_code, *rules.repress_codes, *rules.riot_codes):
        if not code.isdigit():
            raise ValueError(f"{path}: {code!r} is not a CAMEO code")
    return rules


def _is_crowd(tok, rules: CrowdRules) -> bool:
    return any(lemma(t) in rules.crowd_nouns or t.text.lower() in rules.crowd_nouns
               for t in [tok, *args.conjuncts(tok)])


def _sides(verb):
    """(doer head, patient heads) of a violent verb or event noun, from the parse."""
    doer = args.agent_token(verb)
    subj, passive, _ = args.subject_token(verb) if verb.pos_ in ("VERB", "AUX") else (None, 0, 0)
    patients = []
    if doer is None and not passive:
        doer = subj
    elif passive and subj is not None:
        patients.append(subj)
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            patients.append(c)
    for p in args.prep_children(verb, PATIENT_PREPS):
        patients.extend(args.pobjs(p))
    return doer, patients


def _within(mention, heads) -> bool:
    for h in heads:
        if h is None:
            continue
        span = [t.i for t in h.subtree]
        if span and min(span) <= mention.token_start <= max(span):
            return True
    return False


def _head_is_crowd(resolved, doc, rules: CrowdRules) -> bool:
    return resolved is not None and _is_crowd(doc[resolved.head], rules)


def recode(cands, trigger, rules: CrowdRules | None) -> None:
    """Give each violent candidate of ``trigger`` the riot or repression code its sides call for.

    A side is a crowd when its actor's head noun is one, or when the argument it stands in is
    ("clashed with rioters in the square": the place stands for the rioters).  A candidate whose
    source lies in neither argument takes the side opposite its target.
    """
    if rules is None:
        return
    violent = rules.riot_codes | rules.repress_codes
    todo = [c for c in cands if c.code in violent]
    if not todo:
        return
    doc = trigger.doc
    doer, patients = _sides(trigger)
    doer_crowd = doer is not None and _is_crowd(doer, rules)
    patient_crowd = any(_is_crowd(p, rules) for p in patients)
    for c in todo:
        src_crowd = _head_is_crowd(c.source, doc, rules)
        tgt_crowd = _head_is_crowd(c.target, doc, rules)
        if _within(c.source, [doer]):
            src_crowd, tgt_crowd = src_crowd or doer_crowd, tgt_crowd or patient_crowd
        elif _within(c.source, patients) or (c.target is not None and _within(c.target, [doer])):
            src_crowd, tgt_crowd = src_crowd or patient_crowd, tgt_crowd or doer_crowd
        if src_crowd and c.code in rules.riot_codes:
            c.code = rules.riot_code
        elif tgt_crowd and c.code in rules.repress_codes and (
                c.source.mention.sector in rules.state_sectors or not c.source.mention.sector):
            c.code = rules.repress_code


def street_protest(code: str, trigger, sources, rules: CrowdRules | None) -> str:
    """"Thousands of Egyptians protested against the government": a demonstration (141), not
    a state's complaint (114).  Decided before targets are sought: a demonstration needs none."""
    if (rules is None or code != rules.complaint_code
            or lemma(trigger) not in rules.demonstrate_verbs):
        return code
    doer, _ = _sides(trigger)
    crowd = doer is not None and (_is_crowd(doer, rules) or lemma(doer) in rules.quantity_nouns
                                  or doer.lower_ in rules.quantity_nouns)
    if crowd or any(s.mention.sector in rules.popular_sectors for s in sources):
        return rules.demonstrate_code
    return code
