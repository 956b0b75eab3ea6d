"""Event lexicon from PETRARCH2 verb dictionaries: their patterns as the coder's trigger patterns.

When ``Settings.verb_dictionaries`` is non-empty, ``load_event_lexicon`` returns
``load_petr_lexicon(settings)`` instead of the built-in YAML lexicon: the loaded dictionaries
REPLACE it.  That is PETRARCH's semantics -- the verb dictionary *is* the coding scheme (the
validation dictionary codes in WEIS-era numbers that CAMEO patterns would only contradict) --
and it keeps a run's codes traceable to one source.  For the same reason the lexicon has no
frame topics: the coder does not turn a dictionary code into a CAMEO intent or rejection.

Each (verb of a block) x (pattern of the block) becomes one ``PetrPattern``, plus one per verb
alone carrying the verb's or the block's default code.  Pattern semantics, as in PETRARCH/TABARI:

* ``*`` is the verb.  Terms after it must appear, in order, among the words after the verb in
  its own phrase (its dependency subtree, minus coordinated verbs and their clauses); terms
  before it, in order, among the words before the verb in the sentence.  Other words may come
  between two terms (TABARI's skipping), but the words of one term are consecutive.
* ``A_B`` and ``{A B}`` are consecutive words, ``RECENTLY_*`` / ``*_OUT`` words next to the
  verb; ``(TO BORDER)`` a preposition and its words; ``&SET`` any entry of a synonym set
  (nested sets expanded); words match a token's text, case-insensitively -- PETRARCH2 does not
  stem, so ``EFFORT`` does not match "efforts".
* ``$`` and ``+`` match a word inside an actor mention, and that actor is the event's source
  or target (``bound_actor``: "- + WAS * DEAD IN $": "X was shot dead in Y" codes Y -> X);
  ``%`` a coordinated actor ("Arnor and Gondor"); ``^`` skips the phrase right there ("- *
  IFTAR IN ^ + [045]": "celebrated Iftar in Osgiliath with Gondor" targets Gondor).
* The longest pattern that matches wins (``PetrPattern.specificity``); a null code ``[---]``
  (kept as the code ``"---"``) wins like any other and codes nothing, stopping the default.
  Patterns whose code is junk (``[###]``, ``[def]``) are left out, as if not written.
* ``[042:043]``: the reverse code is kept in ``reverse_code`` (see ``petrcodes``).
* Modality and negation: the dictionary says what it codes (``literal``).  The coder reads no
  future or hypothetical into these patterns ("will restore ties" codes the restoring, as in
  PETRARCH); a negated verb is coded only by a pattern that itself asks for the negation
  (``negation``: "- &NEGATVAUXVRB * OVER EFFORTS [904]", "- NOT * [112]"), never by one that
  does not (a denial is not the event).
* Verbs: a block verb written in its base form matches every inflection (by the parse's lemma);
  one written inflected ("SAID", "LEFT") matches only that word and its listed ``{forms}``, and
  beats a base-form verb of the same lemma ("left" codes as LEFT, not as LEAVE).  Dictionary
  words are lemmatised with the spaCy model's own lemmatizer, so index and parse agree.

Hooks: the matcher calls ``context_check`` for these patterns (their plain Pattern fields --
particle, prep, obj... -- stay empty); the coder asks ``bound_actor`` for a ``$`` source,
``phrase_targets`` for the target, and reads ``literal``, ``negation`` and ``before_units``;
``petrcodes.dictionary_candidates`` applies PETRARCH's rules to the resulting events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from accord.events.lexicon import EventLexicon, Pattern, build_lexicon
from accord.events.petrcodes import is_code
from accord.events.petrverbs import Term, VerbDictionary, VerbForm, read_verb_dictionary

#: A unit of a pattern sequence: a marker kind ("source", "target", "compound", "skip") or a
#: tuple of alternatives, each a tuple of consecutive words.
Unit = str | tuple[tuple[str, ...], ...]
NULL_CODE = "---"
#: Words that make a pattern a negated one ("- &NEGATVAUXVRB * OVER EFFORTS", "- NOT *").
NEGATIONS = frozenset({"not", "n't", "never", "no"})


@dataclass(frozen=True)
class PetrPattern(Pattern):
    """A verb pattern read from a PETRARCH dictionary: the words around the verb, in order."""

    before_units: tuple = ()
    after_units: tuple = ()
    forms: frozenset[str] = frozenset()  # surface forms required; empty = any inflection
    reverse_code: str | None = None
    words: int = 0  # how many words the pattern asks for (specificity)
    negation: bool = False  # the pattern itself asks for "not", "n't", "never" before the verb
    markers: frozenset[str] = frozenset()  # "source" ($), "target" (+), "compound" (%) used
    next_before: bool = False  # "RECENTLY_*": the last word before the verb touches it
    next_after: bool = False  # "*_OUT": the first word after the verb touches it
    literal: bool = True  # coded as written: no future/hypothetical reading by the coder
    where: str = ""  # file:line of the pattern

    @property
    def specificity(self) -> int:
        return 100 * bool(self.forms) + self.words

    def context_check(self, tok, doc_actors) -> bool:
        """Does this pattern hold around verb token ``tok``?"""
        if self.forms and tok.text.lower() not in self.forms:
            return False
        return self.bindings(tok, doc_actors) is not None

    def bindings(self, tok, doc_actors) -> dict | None:
        """None when the pattern does not hold around ``tok``; else the tokens its markers
        matched ("source" for ``$``, "target" for ``+``, "compound" for ``%``)."""
        if self.forms and tok.text.lower() not in self.forms:
            return None
        bound: dict = {}
        if self.after_units:
            lower = lower_tokens(tok)
            if self.next_after and not (lower and lower[0].i == tok.i + 1):
                return None
            found = match_units(self.after_units, lower, doc_actors, anchored=self.next_after)
            if found is None:
                return None
            bound.update(found)
        if self.before_units:
            upper = [t for t in tok.sent if t.i < tok.i]
            if self.next_before:  # matched backwards from the verb, the last unit anchored
                upper = upper[::-1]
                units = tuple(u if isinstance(u, str) else tuple(a[::-1] for a in u)
                              for u in self.before_units[::-1])
                found = match_units(units, upper, doc_actors, anchored=True)
            else:
                found = match_units(self.before_units, upper, doc_actors)
            if found is None:
                return None
            for kind, t in found.items():
                bound.setdefault(kind, t)
        return bound

    def bound_actor(self, tok, doc_actors, kind: str):
        """The actor mention the pattern's ``$`` ("source") or ``+`` ("target") matched."""
        if kind not in self.markers:
            return None
        t = (self.bindings(tok, doc_actors) or {}).get(kind)
        return doc_actors.at_token(t.i) if t is not None else None

    def phrase_targets(self, tok, doc_actors, exclude, found=()) -> list:
        """PETRARCH's target: the actor the pattern's ``+`` matched; else ``found`` (the parse's
        targets); else the actors named after the verb in its phrase, in order (``petrcodes``
        keeps the first and those listed with it), pronouns left out as PETRARCH resolves none."""
        bound = self.bound_actor(tok, doc_actors, "target")
        if bound is not None and bound.code not in exclude:
            return [bound]
        if found:
            return list(found)
        out: list = []
        for t in lower_tokens(tok):
            m = doc_actors.at_token(t.i)
            if (m is not None and m.code not in exclude and m.mention.kind != "pronoun"
                    and all(m is not o for o in out)):
                out.append(m)
        return out


# -- matching ------------------------------------------------------------------------------------
def lower_tokens(verb) -> list:
    """The words after ``verb`` in its phrase: its subtree, minus coordinated verbs' clauses."""
    skip: set[int] = set()
    for c in verb.children:
        if (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")) or (c.dep_ == "cc"):
            skip.update(t.i for t in c.subtree)
    return [t for t in verb.subtree if t.i > verb.i and t.i not in skip]


#: Relations of the words before a noun phrase's head ("the evil Gondor", "Cirith Ungol").
_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "case", "nmod", "quantmod"})


def _word_matches(word: str, tok) -> bool:
    return word == tok.text.lower()  # PETRARCH2 does not stem: "EFFORT" is not "efforts"


def _marker_matches(kind: str, tok, doc_actors) -> bool:
    if doc_actors.at_token(tok.i) is None:
        return False
    if kind == "compound":
        return tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)
    return True


def _unit_end(unit: Unit, tokens: list, start: int, doc_actors,
              anchored: bool = False) -> int | None:
    """Index just past the earliest occurrence of ``unit`` in ``tokens[start:]`` (at
    ``start`` itself when ``anchored``), or None."""
    last = start + 1 if anchored else len(tokens)
    if unit == "skip":  # "^": the phrase right here, up to its head noun
        if start >= len(tokens):
            return None
        head = tokens[start]
        while head.dep_ in _NP_LEFT and head.head.i > head.i:
            head = head.head
        k = start + 1
        while k < len(tokens) and tokens[k].i <= head.i:
            k += 1
        return k
    if isinstance(unit, str):
        for k in range(start, min(last, len(tokens))):
            if _marker_matches(unit, tokens[k], doc_actors):
                return k + 1
        return None
    best = None
    for alt in unit:
        n = len(alt)
        for k in range(start, min(last, len(tokens) - n + 1)):
            if best is not None and k + n >= best:
                break
            if all(_word_matches(w, tokens[k + j]) for j, w in enumerate(alt)):
                best = k + n
                break
    return best


def match_units(units: tuple, tokens: list, doc_actors, anchored: bool = False) -> dict | None:
    """Do ``units`` occur in ``tokens`` in order (other words may come between them)?  None if
    not, else the token each marker matched, by kind.  The earliest end of each unit is taken,
    which is optimal for in-order matching.  ``anchored``: the first unit starts at tokens[0]."""
    pos = 0
    bound: dict = {}
    for n, unit in enumerate(units):
        end = _unit_end(unit, tokens, pos, doc_actors, anchored=anchored and n == 0)
        if end is None:
            return None
        if isinstance(unit, str):
            bound.setdefault(unit, tokens[end - 1])
        pos = end
    return bound


# -- conversion ------------------------------------------------------------------------------
_MARKER_UNITS = {"source": "source", "target": "target", "compound": "compound"}


def _alternatives(word: str, vd: VerbDictionary) -> list[tuple[str, ...]]:
    if word.startswith("&"):
        return [tuple(w.lower() for w in entry) for entry in vd.expand(word)] or [(word,)]
    return [(word,)]


def _sequence(words: tuple[str, ...], vd: VerbDictionary) -> tuple[tuple[str, ...], ...]:
    """Consecutive words (some of them synonym sets) -> every word sequence they stand for."""
    seqs: list[tuple[str, ...]] = [()]
    for w in words:
        seqs = [s + alt for s in seqs for alt in _alternatives(w, vd)]
    return tuple(seqs)


def term_units(term: Term, vd: VerbDictionary) -> list[Unit]:
    """One pattern term -> the units the matcher looks for, in order."""
    if term.kind in _MARKER_UNITS:
        return [_MARKER_UNITS[term.kind]]
    if term.kind == "skip":
        return ["skip"]
    if term.kind == "phrase":
        return [_sequence(term.words, vd)]
    out: list[Unit] = []
    for w in term.words:  # word, synset, (prep phrase), {noun phrase}: one unit a word
        if w in ("$", "+", "%"):
            out.append({"$": "source", "+": "target", "%": "compound"}[w])
        elif w == "^":
            out.append("skip")
        else:
            out.append(_sequence((w,), vd))
    return out


def _target_prep(after: tuple[Term, ...]) -> str | None:
    for t in after:
        if t.kind == "prep_phrase" and "+" in t.words[1:]:
            return t.words[0]
    return None


def _count_words(units) -> int:
    return sum(1 if isinstance(u, str) else min(len(a) for a in u) for u in units)


def verb_patterns(vd: VerbDictionary, lemmatize: Callable[[str], str],
                  source: str = "") -> list[PetrPattern]:
    """Every pattern of a read dictionary, as PetrPatterns (bare verbs included)."""
    out: list[PetrPattern] = []
    for block in vd.blocks:
        for verb in block.verbs:
            code, rev = ((verb.code, verb.reverse_code) if verb.has_code
                         else (block.code, block.reverse_code))
            entries = [((), (), code, rev, "", verb.line)]
            for pat in block.patterns:
                entries.append((pat.before, pat.after, pat.code, pat.reverse_code, pat.text,
                                pat.line))
            for before, after, fwd, back, text, line in entries:
                p = _make(vd, verb, block.name, before, after, fwd, back, text, line,
                          lemmatize, source, len(out))
                if p is not None:
                    out.append(p)
    return out


def _make(vd, verb: VerbForm, block: str, before, after, fwd, back, text, line, lemmatize,
          source: str, n: int) -> PetrPattern | None:
    if fwd is not None and not is_code(fwd):
        return None  # "[###]", "[def]": not a code, left out as if not written
    if back is not None and not is_code(back):
        back = None
    head = verb.lemma
    lemma = lemmatize(head) or head
    forms = frozenset() if lemma == head else frozenset({head, *verb.forms})
    before_units: list[Unit] = [u for t in before for u in term_units(t, vd)]
    after_units: list[Unit] = [u for t in after for u in term_units(t, vd)]
    if verb.before:
        before_units.append((tuple(verb.before),))
    if verb.after:
        after_units.insert(0, (tuple(verb.after),))
    compound = any(u == "compound" for u in before_units + after_units)
    negation = any(w in NEGATIONS for u in before_units if not isinstance(u, str)
                   for alt in u for w in alt)
    prep = _target_prep(after)
    words = _count_words(before_units) + _count_words(after_units)
    return PetrPattern(
        id=f"petr.{block.lower()}.{head}.{line}.{n}", kind="verb",
        lemmas=frozenset({lemma, head}), code=fwd if fwd is not None else NULL_CODE,
        recip="coord" if compound else False, target=prep, loc=True,
        example=text or head, expect=fwd or NULL_CODE, source_file=f"{source}:{line}",
        before_units=tuple(before_units), after_units=tuple(after_units), forms=forms,
        reverse_code=back, words=words, negation=negation, where=f"{vd.path}:{line}",
        markers=frozenset(u for u in before_units + after_units if isinstance(u, str)),
        next_before=bool(before_units) and "_*" in text,
        next_after=bool(after_units) and "*_" in text)


# -- lemmas and loading --------------------------------------------------------------------------
#: Endings of an inflected verb; a word without one is taken as written ("express", "focus").
_INFLECTED = ("ed", "ing", "s")
_NOT_INFLECTED = ("ss", "us", "is")


def spacy_lemmatizer(settings) -> Callable[[str], str]:
    """word -> its verb lemma by the spaCy model's own lemmatizer (identity when unavailable):
    irregular forms by its exception table ("said" -> "say", "left" -> "leave"), regular ones
    by its rules, and only when the word has an inflection's ending (the rules would make
    "express" into "expres")."""
    try:
        import spacy
        from spacy.tokens import Doc

        from accord.nlp.loader import choose_model

        nlp = spacy.load(choose_model(settings),
                         exclude=["ner", "parser", "tagger", "attribute_ruler", "senter",
                                  "tok2vec"])
        pipe = nlp.get_pipe("lemmatizer")
        irregular = dict(pipe.lookups.get_table("lemma_exc").get("verb", {}))
    except Exception:  # no model, or one without a rule lemmatizer: words stay as written
        return lambda word: word

    def lemmatize(word: str) -> str:
        if irregular.get(word):
            return irregular[word][0].lower()
        if not word.endswith(_INFLECTED) or word.endswith(_NOT_INFLECTED):
            return word
        doc = Doc(nlp.vocab, words=[word], pos=["VERB"])
        found = pipe.rule_lemmatize(doc[0])
        return (found[0] if found else word).lower()

    return lemmatize


def petr_patterns(paths, lemmatize: Callable[[str], str] | None = None) -> list[PetrPattern]:
    """The PetrPatterns of every verb dictionary in ``paths``, in file order."""
    lemmatize = lemmatize or (lambda word: word)
    out: list[PetrPattern] = []
    for path in paths:
        vd = read_verb_dictionary(path)
        out.extend(verb_patterns(vd, lemmatize, Path(path).name))
    return _unique(out)


def _unique(patterns: list[PetrPattern]) -> list[PetrPattern]:
    from dataclasses import replace

    seen: set[str] = set()
    out = []
    for i, p in enumerate(patterns):
        if p.id in seen:
            p = replace(p, id=f"{p.id}.{i}")
        seen.add(p.id)
        out.append(p)
    return out


def load_petr_lexicon(settings) -> EventLexicon:
    """The event lexicon made of ``settings.verb_dictionaries`` alone (no topics, no modifiers)."""
    patterns = petr_patterns(settings.verb_dictionaries, spacy_lemmatizer(settings))
    return build_lexicon(list(patterns), [], {})
