"""Selective parsing: run the dependency parser only on sentences that could hold an event.

Only a sentence naming an actor candidate *and* holding a trigger candidate can yield an event,
and only there are dependency trees needed, so the parser runs only on those sentences:

1. First pass: every component but the parser and the sentence cache, plus the ``senter`` (a
   small sentence splitter the model ships disabled; it respects the paragraph breaks), over
   whole documents in batches.  ``tok2vec`` runs here, once, over whole documents.
2. A sentence is a *candidate* when it has an entity (spaCy NER or the actor ruler) or a personal
   pronoun (a coreference candidate), and a trigger candidate: a word whose lemma triggers a
   pattern or topic of the event lexicon (``trigger_lemmas``; any verb when none is given).
3. Second pass: each candidate sentence becomes a Doc with the same tokens, marked as one
   sentence, whose ``tensor`` is the sentence's slice of the document's ``tok2vec`` output; only
   the ``parser`` component runs on them (its ``Tok2VecListener`` reads ``doc.tensor`` at
   inference), so there is no second ``tok2vec`` pass and each token keeps the features it had in
   its document's context.  Heads and labels are copied back into the full document; a sentence
   that is not a candidate gets a flat tree (first token the root, the others ``dep``), so
   ``doc.sents`` yields exactly the senter's sentences.
4. The attribute ruler's rules that test ``DEP`` (AUX for auxiliaries, SCONJ for markers, PRON
   for non-determiner DT, pronoun case, ...) could not match in the first pass; they, and the
   later rules that could overwrite what they write, are applied to the parsed sentences, and a
   token whose POS or morphology changes is lemmatized again unless a rule gave its lemma.  POS,
   morphology and lemmas of candidate sentences are then those of a full parse.
5. Last, the components that must see the final document (the sentence cache) run.

What it changes (2026-11, 120 BBC/Reuters articles against a full parse): where the senter and
the parser agree on a sentence, candidate sentences get the same heads and labels (5 tokens of
22,131 differ) and the same tags, POS, morphology and lemmas; entities are the same; the senter
misses 2% of the parser's boundaries (it also splits some headlines better).  A rule
sentencizer is not an alternative: on the 400 bench articles it agreed with 3,468 parser
boundaries and added 1,821 wrong ones (senter: 3,662 and 14), for ~0.5 s less than the senter.

What it costs and saves (2026-11, a shared and noisy 2-core machine, the 400 articles of
``accord bench --n 400``: 79% of their sentences, 88% of their tokens, are candidates):
nothing measurable is saved.  The parser is only ~10-15% of spaCy's time here (NER and tok2vec
dominate; parsing 400 whole documents ~2-3 s of ~20 s), so skipping 12% of the tokens saves
~0.3 s, about what the senter (~0.3 s) and the tree rules (~0.4 s) cost.  ``accord bench --n
400``: full parse 14.1 articles/s (0.79 of bare spaCy in the same run), selective 15.0
articles/s (0.90); four alternating runs in one process on the same texts: full 24.0-25.1 s,
selective 24.9-30.1 s (best against best 0.97x).  Events: 383 with it instead of 388 (-1.3%).
``accord bench --accuracy`` on petr2_gsr.dev and cameo_manual.dev: identical figures with and
without it (triples F1 0.676, code recall 0.670; gold items are single candidate sentences).
It therefore stays off by default (``Settings.selective_parse``; ``accord bench --selective``);
it can pay only on text where few sentences are candidates (long features, transcripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, HEAD, IDS
from spacy.language import Language
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc

from accord.nlp.sentcache import COMPONENT as SENTENCE_CACHE

PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "his", "her", "their", "its", "our"})
PARSER = "parser"
SENTER = "senter"
ATTRIBUTE_RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
#: Components that must see the final trees and sentences: left out of the first pass, run last.
LAST = (SENTENCE_CACHE,)


def trigger_lemmas(event_lexicon) -> frozenset[str]:
    """Every lemma that can trigger an event pattern or a topic in ``event_lexicon``."""
    lemmas: set[str] = set()
    for index in (event_lexicon.by_verb, event_lexicon.by_noun, event_lexicon.by_adj):
        lemmas.update(index)
    for topic in event_lexicon.topics:
        lemmas.update(topic.verbs)
        lemmas.update(topic.nouns)
    return frozenset(lemma.lower() for lemma in lemmas)


def is_candidate(sent, triggers: frozenset[str] | None = None) -> bool:
    """Could this sentence hold an event?  An actor candidate and a trigger candidate."""
    actor = bool(sent.ents) or any(t.lower_ in PRONOUNS for t in sent)
    if not actor:
        return False
    if triggers is None:
        return any(t.pos_ == "VERB" for t in sent)
    return any(t.lemma_.lower() in triggers or t.lower_ in triggers for t in sent)


def first_pass(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> list[Doc]:
    """Every component but the parser and the ``LAST`` ones, with the senter for sentences."""
    disable = [n for n in (PARSER, *LAST) if n in nlp.pipe_names]
    enable_senter = SENTER in nlp.disabled
    if enable_senter:
        nlp.enable_pipe(SENTER)
    try:
        with nlp.select_pipes(disable=disable):
            return list(nlp.pipe(texts, batch_size=batch_size))
    finally:
        if enable_senter:
            nlp.disable_pipe(SENTER)


def selective_pipe(nlp: Language, texts: Iterable[str], batch_size: int = 64,
                   triggers: frozenset[str] | None = None) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, but the parser runs only on candidate sentences."""
    docs = first_pass(nlp, texts, batch_size)
    parser = nlp.get_pipe(PARSER) if PARSER in nlp.pipe_names else None
    spans: list[list[tuple[int, int]]] = [[] for _ in docs]  # candidate (start, end) per doc
    subdocs: list[Doc] = []
    if parser is not None:
        with_tensor = any(isinstance(node, Tok2VecListener) for node in parser.model.walk())
        for i, doc in enumerate(docs):
            for sent in doc.sents:
                if is_candidate(sent, triggers):
                    spans[i].append((sent.start, sent.end))
                    subdocs.append(_sentence_doc(doc, sent.start, sent.end, with_tensor))
        subdocs = list(parser.pipe(subdocs, batch_size=batch_size * 8))
    rules = TreeRules.of(nlp)
    last = [nlp.get_pipe(n) for n in LAST if n in nlp.pipe_names]
    parsed = iter(subdocs)
    for doc, doc_spans in zip(docs, spans):
        _apply_trees(doc, [(start, next(parsed)) for start, _ in doc_spans])
        rules.apply(doc, doc_spans)
        for component in last:
            doc = component(doc)
        yield doc


def _sentence_doc(doc: Doc, start: int, end: int, with_tensor: bool) -> Doc:
    """Tokens [start, end) of ``doc`` as one sentence, with their slice of ``doc.tensor``."""
    tokens = doc[start:end]
    sub = Doc(doc.vocab, words=[t.text for t in tokens],
              spaces=[bool(t.whitespace_) for t in tokens],
              sent_starts=[True] + [False] * (len(tokens) - 1))
    if with_tensor and doc.tensor.size:
        sub.tensor = doc.tensor[start:end]
    return sub


def _apply_trees(doc: Doc, parsed: list[tuple[int, Doc]]) -> Doc:
    """Give ``doc`` a dependency tree per sentence: the parsed ones, flat ones elsewhere."""
    if len(doc) == 0:
        return doc
    strings = doc.vocab.strings
    heads = np.zeros(len(doc), dtype="int32")  # relative offsets
    deps = np.full(len(doc), strings.add("dep"), dtype="uint64")
    for sent in doc.sents:
        deps[sent.start] = strings.add("ROOT")
        heads[sent.start + 1:sent.end] = -np.arange(1, sent.end - sent.start, dtype="int32")
    for start, sub in parsed:
        for t in sub:
            heads[start + t.i] = t.head.i - t.i
            deps[start + t.i] = strings.add(t.dep_ or "dep")
    arr = np.stack([heads.astype("uint64"), deps], axis=1)
    doc.from_array([HEAD, DEP], arr)
    return doc


class TreeRules:
    """The attribute ruler's rules that read the trees, applied once the trees exist.

    Built from the model's ruler: every rule testing ``DEP``, and every later rule writing an
    attribute one of them writes (later rules win, so those must be applied again after them).
    Applied to the parsed sentences only: a flat tree would make ``DET`` words ``PRON``.  A token
    whose POS or morphology changes is lemmatized again, then the ruler's lemma rules (which
    test only TAG and LOWER) are applied again around it, as their lemma beats the lemmatizer's."""

    def __init__(self, ruler=None, lemma_rules=None, width: int = 1, lemmatizer=None):
        self.ruler = ruler
        self.match = _lookup_matcher(ruler, ruler.patterns) if ruler is not None else None
        self.lemma_rules = lemma_rules
        self.width = width
        self.lemmatizer = lemmatizer

    @classmethod
    def of(cls, nlp: Language) -> TreeRules:
        """The tree rules of ``nlp``'s attribute ruler (none for a ruler with no patterns)."""
        if ATTRIBUTE_RULER not in nlp.pipe_names:
            return cls()
        component = nlp.get_pipe(ATTRIBUTE_RULER)
        # Accord's faster ruler (accord.nlp.attrruler) keeps the model's as ``.ruler``.
        patterns = getattr(getattr(component, "ruler", component), "patterns", None)
        subset = tree_patterns(patterns or [])
        if not subset:
            return cls()
        lemmas = [{**rule, "attrs": {"LEMMA": rule["attrs"]["LEMMA"]}} for rule in patterns
                  if "LEMMA" in rule.get("attrs", {})]
        width = max((len(p) for rule in lemmas for p in rule["patterns"]), default=1)
        lemmatizer = nlp.get_pipe(LEMMATIZER) if LEMMATIZER in nlp.pipe_names else None
        return cls(_ruler(nlp, subset), _ruler(nlp, lemmas) if lemmas else None, width,
                   lemmatizer if hasattr(lemmatizer, "lemmatize") else None)

    def apply(self, doc: Doc, spans: list[tuple[int, int]]) -> None:
        """Apply the tree rules inside ``spans`` (the parsed sentences) of ``doc``."""
        if self.ruler is None or not spans:
            return
        inside = np.zeros(len(doc) + 1, dtype=bool)
        for start, end in spans:
            inside[start:end] = True
        matches = [m for m in self.match(doc) if inside[m[2]:m[3]].all()]
        if not matches:
            return
        touched = sorted({i for m in matches for i in range(m[2], m[3])})
        before = [(doc[i].pos, doc[i].morph.key) for i in touched]
        self.ruler.set_annotations(doc, matches)
        if self.lemmatizer is None:
            return
        for i, (pos, morph) in zip(touched, before):
            token = doc[i]
            if token.pos != pos or token.morph.key != morph:
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
                if self.lemma_rules is not None and not getattr(self.lemmatizer, "overwrite", 0):
                    self._rule_lemmas(doc, i)

    def _rule_lemmas(self, doc: Doc, i: int) -> None:
        """Apply again the lemma rules matching around token ``i``."""
        ruler, vocab = self.lemma_rules, doc.vocab
        window = doc[max(0, i - self.width + 1):min(len(doc), i + self.width)]
        found = ruler.matcher(window, allow_missing=True, as_spans=False)
        matches = sorted((int(vocab.strings[key]), key, window.start + s, window.start + e)
                         for key, s, e in found)
        ruler.set_annotations(doc, matches)


def _lookup_matcher(ruler, patterns: list[dict]):
    """``ruler.match`` computed on whole token columns with numpy (spaCy's Matcher walks every
    token in Python, as costly on 16 rules as on 179); ``ruler.match`` itself for a rule using
    anything but equality, ``IN`` or ``NOT_IN``."""
    try:
        return ArrayRules(ruler.vocab, patterns).match
    except ValueError:
        return ruler.match


class ArrayRules:
    """Attribute-ruler rules as numpy tests over ``doc.to_array`` columns; ``match`` returns what
    ``AttributeRuler.match`` does for a ruler built from the same ``patterns`` in that order."""

    def __init__(self, vocab, patterns: list[dict]):
        self.columns: list[str] = []
        self.rules = []  # (attr_id, match_id, ((column, negate, values), ...) per token)
        for attr_id, rule in enumerate(patterns):
            match_id = vocab.strings[str(attr_id)]
            for pattern in rule["patterns"]:
                tokens = tuple(tuple(self._test(vocab, attr, value) for attr, value in spec.items())
                               for spec in pattern)
                self.rules.append((attr_id, match_id, tokens))

    def _test(self, vocab, attr: str, value):
        attr = attr.upper()
        if attr not in IDS or attr == "OP":
            raise ValueError(attr)
        if attr not in self.columns:
            self.columns.append(attr)
        negate = False
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)).upper() not in ("IN", "NOT_IN"):
                raise ValueError(f"{attr}: {value!r}")
            ((predicate, value),) = value.items()
            negate = predicate.upper() == "NOT_IN"
        values = value if isinstance(value, (list, tuple)) else [value]
        if not all(isinstance(v, (str, bool, int)) for v in values):
            raise ValueError(f"{attr}: {value!r}")
        hashes = [int(v) if not isinstance(v, str) else (vocab.strings.add(v) if v else 0)
                  for v in values]
        return self.columns.index(attr), negate, np.array(hashes, dtype="uint64")

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        if n == 0:
            return []
        table = doc.to_array([IDS[c] for c in self.columns]).reshape(n, len(self.columns))
        found = []
        for attr_id, match_id, tokens in self.rules:
            width = len(tokens)
            if width > n:
                continue
            hit = np.ones(n - width + 1, dtype=bool)
            for k, tests in enumerate(tokens):
                for column, negate, values in tests:
                    inside = np.isin(table[k:n - width + 1 + k, column], values)
                    hit &= ~inside if negate else inside
            found.extend((attr_id, match_id, int(i), int(i) + width) for i in np.flatnonzero(hit))
        return sorted(found)


def _ruler(nlp: Language, patterns: list[dict]):
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    return ruler


def tree_patterns(patterns: list[dict]) -> list[dict]:
    """The rules (in order) that test ``DEP``, and every later rule that writes an attribute an
    earlier chosen rule writes and may match the same token (so "later rules win" still holds
    when only the chosen ones are applied again)."""
    chosen: list[tuple[dict, set[str]]] = []
    for rule in patterns:
        writes = {k.upper() for k in rule.get("attrs", {})}
        if _tests(rule, "DEP") or any(writes & w and _may_meet(rule, c) for c, w in chosen):
            chosen.append((rule, writes))
    return [rule for rule, _ in chosen]


def _tests(rule: dict, attr: str) -> bool:
    return any(attr in {k.upper() for k in spec} for p in rule["patterns"] for spec in p)


def _may_meet(a: dict, b: dict) -> bool:
    """Could a token of a pattern of ``a`` and one of ``b`` be the same token?  (False only when
    an attribute both test has no value allowed by both.)"""
    return any(_specs_meet(x, y) for pa in a["patterns"] for pb in b["patterns"]
               for x in pa for y in pb)


def _specs_meet(x: dict, y: dict) -> bool:
    ux, uy = ({k.upper(): v for k, v in d.items()} for d in (x, y))
    for attr in ux.keys() & uy.keys():
        ax, ay = _allowed(ux[attr]), _allowed(uy[attr])
        if ax is None or ay is None:
            continue  # REGEX and the like: assume they may meet
        (kx, vx), (ky, vy) = ax, ay
        if kx == ky == "in" and not vx & vy:
            return False
        if {kx, ky} == {"in", "not_in"}:
            only, excluded = (vx, vy) if kx == "in" else (vy, vx)
            if only <= excluded:
                return False
    return True


def _allowed(value):
    """("in" | "not_in", frozenset of values) for a token test, None for another predicate."""
    if isinstance(value, dict):
        if len(value) != 1:
            return None
        ((predicate, items),) = value.items()
        kind = {"IN": "in", "NOT_IN": "not_in"}.get(predicate.upper())
        return (kind, frozenset(items)) if kind and isinstance(items, (list, tuple)) else None
    return "in", frozenset([value])
