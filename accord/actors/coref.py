"""Resolve pronouns to the actors already found: "he said", "his country", "it", "our operators".

Rules (``pronouns.tsv`` says which pronoun refers to what):

- person pronouns (he, his, she, her) take the most recent person that was a grammatical subject
  in this or the previous ``WINDOW`` sentences, else the most recent person there;
- "it/its" take the most recent country, organisation or government mention in that window
  ("it" as the dummy subject of "it is", "it seems" is skipped);
- "they/their" take the most recent body of people (troops, operators, companies) in this or the
  previous sentence;
- first person (we, us, our) only inside a direct quotation (``accord.nlp.quotespans``): the
  quoted speaker's country and sector ("our operators" in a Russian minister's quote -> RUSBUS,
  "we" -> RUSGOV).
- A possessive is a mention only with a role or "country" after it: "his country" is that
  person's country, "its troops" that country's military; "his talks" is no actor.
"""

from __future__ import annotations

from accord.actors.lexicon import ActorLexicon
from accord.actors.memory import Actor, Built, Memory
from accord.nlp.tokentable import LOWER, positions

WINDOW = 2
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COUNTRY_NOUNS = frozenset({"country", "nation", "homeland", "state", "motherland"})
DUMMY_HEADS = frozenset({"be", "seem", "appear", "take", "remain"})
THING_KINDS = frozenset({"country", "capital", "city", "demonym", "igo", "group", "company",
                         "party", "dictionary"})


def _possessed_role(doc, tok, lexicon: ActorLexicon, taken: set[int]):
    """For a possessive pronoun: (end token, sector or "" for country nouns) or None."""
    i = tok.i + 1
    while i < len(doc) and doc[i].lower_ in lexicon.modifiers:
        i += 1
    if i >= len(doc) or i in taken:
        return None
    if doc[i].lower_ in COUNTRY_NOUNS:
        return i + 1, ""
    best = None
    for j in range(i + 1, min(len(doc), i + 4) + 1):
        role = lexicon.roles.get(doc[i:j].text.lower())
        if role is not None:
            best = (j, role.sector)
    return best


def _sentence_of(built: list[Built], doc) -> dict[int, int]:
    return {i: si for si, s in enumerate(doc.sents) for i in range(s.start, s.end)}


def _latest(history: list[Built], before: int, min_sentence: int, want) -> Built | None:
    for b in reversed(history):
        if b.start >= before:
            continue
        if b.sentence < min_sentence:
            break
        if want(b):
            return b
    return None


def _quote_speakers(doc, by_token: dict[int, Built], cues=None
                    ) -> list[tuple[int, int, Built | None]]:
    try:
        from accord.nlp.quotespans import find_quotes
    except ImportError:  # the quote finder is optional for this stage
        return []
    out = []
    for q in find_quotes(doc, cues):
        if q.kind != "direct":
            continue
        speaker = by_token.get(q.speaker_token) if q.speaker_token is not None else None
        out.append((q.token_start, q.token_end, speaker))
    return out


def resolve_pronouns(doc, built: list[Built], memory: Memory, lexicon: ActorLexicon
                     ) -> list[Built]:
    """``built`` (sorted by token) with the pronoun mentions added, in token order.

    A role mention with no country right after a possessive pronoun ("our operators") is
    replaced by the pronoun mention that gives it one.
    """
    sent_of = _sentence_of(built, doc)
    loose = {b.start: b for b in built if b.kind == "role" and b.country is None}
    taken = {i for b in built if b.start not in loose for i in range(b.start, b.end)}
    history = list(built)
    out: list[Built] = []
    speaker_pronouns = []
    # only tokens spelled like a listed pronoun: no Token object for every other word
    for i in positions(doc, LOWER, lambda s: s in lexicon.pronouns):
        tok = doc[i]
        refers = lexicon.pronouns.get(tok.lower_)
        if refers is None or tok.i in taken or tok.pos_ not in ("PRON", "DET"):
            continue
        if tok.text not in (tok.lower_, tok.lower_.capitalize()):
            continue  # "US" is the United States, not "us"
        if refers == "speaker":
            speaker_pronouns.append(tok)
            continue
        si = sent_of.get(tok.i, 0)
        target = _antecedent(doc, tok, refers, history, si)
        if target is None:
            continue
        b = _pronoun_mention(doc, tok, target.actor, target, si, lexicon, taken, memory)
        if b is not None:
            out.append(b)
            _drop_loose(history, loose, b)
            _insert(history, b)
            taken.update(range(b.start, b.end))
    if speaker_pronouns:
        by_token = {}
        for b in history:
            for i in range(b.start, b.end):
                by_token.setdefault(i, b)
        quotes = _quote_speakers(doc, by_token, lexicon.speech_cues)
        for tok in speaker_pronouns:
            speaker = next((sp for qs, qe, sp in quotes if qs <= tok.i < qe), None)
            if speaker is None:
                continue
            b = _pronoun_mention(doc, tok, speaker.actor, speaker, sent_of.get(tok.i, 0),
                                 lexicon, taken, memory, first_person=True)
            if b is not None:
                out.append(b)
                _drop_loose(history, loose, b)
                _insert(history, b)
                taken.update(range(b.start, b.end))
    return history


def _drop_loose(history: list[Built], loose: dict[int, Built], b: Built) -> None:
    for start in range(b.start, b.end):
        old = loose.pop(start, None)
        if old is not None and old in history:
            history.remove(old)


def _insert(history: list[Built], b: Built) -> None:
    i = len(history)
    while i > 0 and history[i - 1].start > b.start:
        i -= 1
    history.insert(i, b)


def _antecedent(doc, tok, refers: str, history: list[Built], si: int) -> Built | None:
    if refers == "person":
        lo = si - WINDOW
        hit = _latest(history, tok.i, lo, lambda b: b.actor.person and b.subject)
        return hit or _latest(history, tok.i, lo, lambda b: b.actor.person)
    if refers == "thing":
        if tok.dep_ == "expl" or (tok.dep_ in SUBJECT_DEPS and tok.head.lemma_ in DUMMY_HEADS):
            return None
        if tok.lower_ == "it" and (tok.dep_ not in SUBJECT_DEPS or tok.head.pos_ == "ADJ"):
            return None  # "make it hard", "failed to do it": seldom an actor
        lo, hi = _reported_before(tok)
        return _latest(history, tok.i, si - WINDOW,
                       lambda b: not b.actor.person and not b.actor.plural
                       and b.kind in THING_KINDS and not lo <= b.start < hi)
    if refers == "group":
        return _latest(history, tok.i, si - 1,
                       lambda b: b.actor.plural or b.kind in ("company", "group", "party"))
    return None


def _reported_before(tok) -> tuple[int, int]:
    """Token range of the clause that "it said" reports when it comes first ("Malta would grow
    fastest, it said"): "it" is the one who said it, never a name inside what was said."""
    if tok.dep_ not in SUBJECT_DEPS:
        return 0, 0
    for c in tok.head.children:
        if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i:
            span = [t.i for t in c.subtree]
            return min(span), max(span) + 1
    return 0, 0


def _pronoun_mention(doc, tok, actor: Actor, target: Built, si: int, lexicon: ActorLexicon,
                     taken: set[int], memory: Memory, first_person: bool = False
                     ) -> Built | None:
    country = actor.country or target.country
    is_possessive = tok.dep_ == "poss" or tok.tag_ == "PRP$"
    if is_possessive:
        found = _possessed_role(doc, tok, lexicon, taken)
        if found is None or not country:
            return None
        end, sector = found
        code = country + sector
        owner = memory.by_actor_code(code, country, sector or None, plural=bool(sector))
        return Built(tok.i, end, doc[tok.i:end].root.i, si, owner, code, country,
                     sector or None, "pronoun", None, subject=False)
    subject = tok.dep_ in SUBJECT_DEPS
    if first_person:  # "we" in a minister's quote is the government, not the minister
        owner = memory.by_actor_code(target.code, target.country, target.sector, plural=True)
        return Built(tok.i, tok.i + 1, tok.i, si, owner, target.code, target.country,
                     target.sector, "pronoun", None, subject=subject)
    return Built(tok.i, tok.i + 1, tok.i, si, actor, target.code, target.country, target.sector,
                 "pronoun", actor.name, subject=subject)
