"""Selective parsing: run the dependency parser only on sentences that could hold an event.

The parser is most of the cost of coding (~80% of the time in ``accord bench``), yet only a
sentence naming an actor candidate *and* holding a trigger candidate can yield an event.  So:

1. First pass: every component but the parser, plus the ``senter`` (a small standalone sentence
   splitter the model ships disabled) for sentence boundaries, over whole documents in batches.
2. A sentence is a *candidate* when it has an entity (spaCy NER or the actor ruler) or a personal
   pronoun (a coreference candidate), and a trigger candidate: a word whose lemma triggers a
   pattern or topic of the event lexicon (``trigger_lemmas``; any verb when none is given).
3. Second pass: candidate sentences, rebuilt as Docs with exactly the same tokens, go through
   ``tok2vec`` + ``parser`` in batches; their heads and labels are copied back into the full doc.
   A sentence that is not a candidate gets a flat tree (first token the root, the others
   ``dep``) so ``doc.sents`` still yields the same sentence and nothing downstream changes.

The parser sees one sentence at a time instead of the whole document (its context window is
small, so trees barely change); sentence boundaries come from the senter instead of the parser.
What it costs and saves (``accord bench --accuracy GOLD...`` and ``accord bench --selective``,
2026-11, a shared 2-core machine): on both gold dev sets (petr2_gsr, cameo_manual) the figures
are identical with and without it (gold items are single sentences, nearly all candidates); on
300 news articles it found 259 events instead of 264 (-2%), and it was not faster: 84% of news
sentences (30 BBC articles) are candidates, so the second tok2vec pass and the senter cost
about what the skipped parsing saves (36 s against 25 s in one noisy run).  It is therefore
off by default (``accord code --selective`` turns it on); it pays on corpora where few
sentences mention actors (long features, transcripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc

PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "his", "her", "their", "its", "our"})
#: Components the first pass leaves out; the second pass runs only ``SECOND_PASS``.
PARSE_ONLY = ("parser",)
SECOND_PASS = ("tok2vec", "parser")


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


def selective_pipe(nlp: Language, texts: Iterable[str], batch_size: int = 64,
                   triggers: frozenset[str] | None = None) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, but the parser runs only on candidate sentences."""
    texts = list(texts)
    first_disable = [n for n in PARSE_ONLY if n in nlp.pipe_names]
    enable_senter = "senter" in nlp.disabled
    if enable_senter:
        nlp.enable_pipe("senter")
    try:
        with nlp.select_pipes(disable=first_disable):
            docs = list(nlp.pipe(texts, batch_size=batch_size))
    finally:
        if enable_senter:
            nlp.disable_pipe("senter")
    jobs: list[tuple[int, int, int]] = []  # (doc index, sentence start token, end token)
    subdocs: list[Doc] = []
    for i, doc in enumerate(docs):
        for sent in doc.sents:
            if is_candidate(sent, triggers):
                jobs.append((i, sent.start, sent.end))
                subdocs.append(Doc(nlp.vocab, words=[t.text for t in sent],
                                   spaces=[bool(t.whitespace_) for t in sent]))
    if subdocs:
        second_disable = [n for n in nlp.pipe_names if n not in SECOND_PASS]
        with nlp.select_pipes(disable=second_disable):
            subdocs = list(nlp.pipe(subdocs, batch_size=batch_size * 8))
    parsed: dict[int, list[tuple[int, Doc]]] = {}
    for (i, start, _), sub in zip(jobs, subdocs):
        parsed.setdefault(i, []).append((start, sub))
    for i, doc in enumerate(docs):
        yield _apply_trees(doc, parsed.get(i, []))


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
