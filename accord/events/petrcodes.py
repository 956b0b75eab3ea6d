"""PETRARCH verb dictionary events: codes outside CAMEO, reverse codes, PETRARCH's target rules.

A loaded verb dictionary defines its own coding scheme; the PETRARCH validation dictionary, for
one, still uses WEIS-era codes ("223", "903", "1717", "174K").  The coder keeps the dictionary's
code string on the event, and takes what the ontology cannot give for it (Goldstein weight,
QuadClass, PLOVER) from the closest known parent:

* the code itself when CAMEO has it;
* else the code without a trailing letter ("174K" -> "174"), then its 3- and 2-digit prefixes
  ("1717" -> "171" -> "17");
* else a neutral stand-in (Goldstein 0.0, QuadClass 1, no PLOVER) labelled as a dictionary code,
  so an unknown code never drops or crashes an event.

Strings that are not codes at all ("---" for a null pattern, "###") give None: no event.

A dictionary code may also name the reverse direction (``[032:033]``: the target hosts the
visit); ``dictionary_candidates`` adds those events to the coder's candidates, and applies
PETRARCH's rules on targets to them.
"""

from __future__ import annotations

import dataclasses
import re

from accord.events.ontology import CameoCode

#: A dictionary code the coder can emit: 2-4 digits and an optional letter ("174K", "075A").
CODE_SHAPE = re.compile(r"^\d{2,4}[A-Za-z]?$")


def is_code(text: str | None) -> bool:
    """Is ``text`` a usable event code (``"064"``, ``"174K"``), not a null or junk mark?"""
    return bool(text) and bool(CODE_SHAPE.match(text))


def known_entry(ontology, code: str) -> CameoCode | None:
    """The ontology entry for ``code``, else for its closest known parent, else a neutral
    stand-in that keeps ``code``; None when ``code`` is not a code (a null pattern)."""
    if not is_code(code):
        return None
    if code in ontology:
        return ontology.get(code)
    digits = code.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for parent in (digits, digits[:3], digits[:2]):
        if len(parent) >= 2 and parent in ontology:
            entry = ontology.get(parent)
            return dataclasses.replace(entry, code=code,
                                       label=f"{entry.label} (dictionary code {code})")
    return CameoCode(code=code, root=code[:2], base=code[:3] if len(code) > 2 else "",
                     label=f"dictionary code {code} (not in CAMEO)", goldstein=0.0, quad_class=1,
                     plover_event=None, plover_mode=None, description="")


def reverse_candidates(pattern, cands: list) -> list:
    """For a pattern with a reverse code (``[032:033]``, ``[:110]``), the same events with
    source and target swapped and the reverse code.  Empty for every other pattern."""
    rev = getattr(pattern, "reverse_code", None)
    if not is_code(rev):
        return []
    return [dataclasses.replace(c, code=rev, source=c.target, target=c.source,
                                confidence=c.confidence - 0.05)
            for c in cands if c.target is not None and c.code == pattern.code]


#: Most characters between two targets listed together ("Mordor, Rohan and Bree").
LIST_GAP = 8


def dictionary_candidates(cands: list) -> list:
    """The coder's candidates with PETRARCH's rules applied to those from dictionary patterns
    (patterns with a ``reverse_code`` attribute); the others pass unchanged.

    * An event needs a target, and one named, not a pronoun: PETRARCH resolves no pronouns
      and codes no event without a target.
    * The target lies in the verb's phrase: one written before the verb while the source is too
      ("Arnor will restore ties, an official said": not official -> Arnor) is dropped, unless
      the pattern codes among coordinated sources ("Arnor and Gondor agreed").  A passive's
      target ("Arnor was attacked by Gondor") stays: its source comes after the verb.
    * The target is the first actor of the phrase, with those listed along with it ("left for
      Gondor for talks with Arnor": Gondor; "ties with Mordor, Rohan and Bree": all three).
    * A compound pattern ("% * [030:030]", ``recip == "coord"``) with two or more sources
      codes among the sources, whatever else the phrase holds ("X and Y agree that ...").
    * Reverse codes add the target -> source events (``reverse_candidates``).
    """
    out, groups = [], {}
    for c in cands:
        if not hasattr(c.pattern, "reverse_code"):
            out.append(c)
        elif c.target is not None and c.target.mention.kind != "pronoun":
            groups.setdefault((id(c.pattern), c.trigger_start), []).append(c)
    for group in groups.values():
        pattern = group[0].pattern
        kept = _compound(group) if pattern.recip == "coord" else []
        if not kept:
            by_source: dict[str, list] = {}
            for c in group:
                fronted = (c.target.mention.start < c.trigger_start
                           and c.source.mention.start < c.trigger_start)
                if not fronted or pattern.recip == "coord":
                    by_source.setdefault(c.source.code, []).append(c)
            kept = [c for same in by_source.values() for c in _first_listed(same)]
        out.extend(kept)
        out.extend(reverse_candidates(pattern, kept))
    return out


def _compound(group: list) -> list:
    """Events among the coordinated sources of a compound pattern (empty with one source)."""
    sources = {}
    for c in group:
        if c.source.mention.start < c.trigger_start:
            sources.setdefault(c.source.code, c.source)
    if len(sources) < 2:
        return []
    first = group[0]
    return [dataclasses.replace(first, source=a, target=b)
            for a in sources.values() for b in sources.values() if a is not b]


def _first_listed(cands: list) -> list:
    """The candidates whose target is the first actor after the verb, and those listed with it."""
    cands = sorted(cands, key=lambda c: (c.target.mention.start < c.trigger_start,
                                         c.target.mention.start))
    kept = [cands[0]]
    for c in cands[1:]:
        if c.target.mention.start - kept[-1].target.mention.end > LIST_GAP:
            break
        kept.append(c)
    return kept
