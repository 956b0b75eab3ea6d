"""Verbless headlines: "Japan, India eye closer economic, military cooperation".

The parser reads telegraphic headlines as one noun phrase, so no verb is found.  Here the
actors before the first word that is a verb in the lexicon are the sources, the words after it
its object; reciprocal or coordinated sources act on each other.  Confidence is lower.
"""

from __future__ import annotations

from accord.events import frames
from accord.events.lexicon import EventLexicon
from accord.events.matcher import lemma

HEADLINE_CONFIDENCE = 0.55
MAX_HEADLINE_TOKENS = 25


def _verb_forms(tok) -> list[str]:
    word = tok.text.lower()
    forms = [lemma(tok), word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def headline_candidates(sent, doc_actors, lexicon: EventLexicon, ontology, make) -> list:
    """Candidate events of a sentence without any verb (``make`` builds a Candidate)."""
    toks = list(sent)
    if len(toks) > MAX_HEADLINE_TOKENS:
        return []
    for k, tok in enumerate(toks):
        if doc_actors.at_token(tok.i) is not None or tok.is_punct:
            continue
        before = [m for m in doc_actors.in_tokens(sent.start, tok.i)]
        if not before:
            continue
        for form in _verb_forms(tok):
            pats = lexicon.candidates("verb", form)
            if pats:
                break
        else:
            continue
        rest = toks[k + 1:]
        rest_lemmas = {lemma(t) for t in rest} | {t.text.lower() for t in rest}
        after = doc_actors.in_tokens(tok.i + 1, sent.end)
        for p in pats:
            if p.obj and not p.obj & rest_lemmas:
                continue
            if p.prep and not p.prep & rest_lemmas:
                continue
            if p.particle or p.xcomp or p.obj_actor or p.fallback:
                continue
            code = p.code
            nouns = [t for t in rest if t.pos_ in ("NOUN", "PROPN") and
                     doc_actors.at_token(t.i) is None]
            if p.frame and nouns:
                topic = frames.topic_of(nouns[-1], lexicon, p.topic)
                if topic is not None:
                    code = frames.frame_code(p.frame, topic, nouns[-1].head
                                             if nouns[-1].head in rest else nouns[-1],
                                             lexicon, ontology) or code
                    code = _refine_rest(code, topic, p.frame, rest_lemmas, lexicon, ontology)
            return _pairs(make, code, p, before, after, tok)
        return []
    return []


def _refine_rest(code, topic, frame, rest_lemmas, lexicon, ontology) -> str:
    """Refinement over the whole rest of the headline (its parse is unreliable)."""
    if not topic.refine:
        return code
    groups = lexicon.modifier_groups(rest_lemmas)
    suffixes = {s for g, s in topic.refine if g in groups}
    base = topic.refbase.get(frame, code[:3])
    if len(suffixes) == 1 and base + next(iter(suffixes)) in ontology:
        return base + next(iter(suffixes))
    if len(suffixes) > 1 and base in ontology:
        return base
    return code


def _pairs(make, code, p, before, after, tok) -> list:
    start, end = tok.idx, tok.idx + len(tok.text)
    out = []
    seen = set()
    sources = [m for m in before if not (m.code in seen or seen.add(m.code))]
    targets = [m for m in after if m.code not in seen]
    if targets:
        for s in sources:
            for t in targets:
                out.append(make(code, s, t, start, end, p, HEADLINE_CONFIDENCE))
                if p.recip or len(sources) > 1:
                    out.append(make(code, t, s, start, end, p, HEADLINE_CONFIDENCE - 0.05))
    elif len(sources) > 1:
        for a in sources:
            for b in sources:
                if a is not b:
                    out.append(make(code, a, b, start, end, p, HEADLINE_CONFIDENCE))
    return out
