"""A faster attribute ruler: the same rules as the model's ``attribute_ruler``, matched by lookup.

en_core_web_sm's ``attribute_ruler`` (tag -> POS map, morphology and lemma exceptions: 179 rules)
finds its rules with spaCy's general ``Matcher``, which tries every rule at every token.  On news
text that costs as much as the dependency parser (``accord bench``: ~1.1 s of ~9 s of spaCy time
per 200 articles).  Almost every rule is one token with equality or ``IN``/``NOT_IN`` tests on
TAG, LOWER, DEP or IS_SPACE, so the rules can be indexed by the value of one tested attribute and
each token checked only against the few rules its own values select.

The replacement keeps the original ruler object and only replaces how matches are found: the
match list has the form ``AttributeRuler.match`` returns, and the original ``set_annotations``
applies it, so rule order (later rules win) and the written attributes are exactly the model's.
A rule using anything else (an operator, a regex, another predicate) makes the component keep
spaCy's Matcher for the whole document set: correctness first.  ``tests/test_attrruler.py``
checks that POS, morphology, lemmas, tags and dependencies equal the original's on real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "accord_attribute_ruler"
TARGET = "attribute_ruler"
#: One-token match results remembered per combination of tested values (then start afresh).
CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class _Test:
    """One condition on one token attribute: ``column`` in the to_array matrix."""

    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    values: frozenset[int]
    regex: re.Pattern | None = None

    def holds(self, value: int, strings) -> bool:
        if self.kind == "not_in":
            return value not in self.values
        if self.kind == "regex":
            return self.regex.search(strings[value] if value else "") is not None
        return value in self.values


@dataclass(frozen=True)
class _Rule:
    attr_id: int  # the rule's number in the ruler = its precedence
    match_id: int  # the Matcher key (hash of str(attr_id))
    tokens: tuple[tuple[_Test, ...], ...]


class UnsupportedRule(ValueError):
    """A rule the lookup matcher cannot express; the original Matcher is used instead."""


def _value_hash(vocab, attr: str, value) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return vocab.strings[value] if value else 0
    raise UnsupportedRule(f"{attr}: {value!r}")


def _compile_token(vocab, spec: dict, columns: dict[str, int]) -> tuple[_Test, ...]:
    tests = []
    for attr, value in spec.items():
        attr = attr.upper()
        if attr not in IDS or attr == "OP":
            raise UnsupportedRule(attr)
        column = columns.setdefault(attr, len(columns))
        if isinstance(value, dict):
            if len(value) != 1:
                raise UnsupportedRule(f"{attr}: {value!r}")
            ((predicate, items),) = value.items()
            if predicate.upper() == "REGEX" and isinstance(items, str) and attr != "IS_SPACE":
                tests.append(_Test(column, "regex", frozenset(), re.compile(items)))
                continue
            kind = {"IN": "in", "NOT_IN": "not_in"}.get(predicate.upper())
            if kind is None or not isinstance(items, (list, tuple)):
                raise UnsupportedRule(f"{attr}: {predicate}")
            tests.append(_Test(column, kind, frozenset(_value_hash(vocab, attr, v) for v in items)))
        else:
            tests.append(_Test(column, "eq", frozenset({_value_hash(vocab, attr, value)})))
    return tuple(tests)


class LookupRules:
    """The ruler's rules, indexed by one equality/IN test of their first token."""

    def __init__(self, ruler):
        vocab = ruler.vocab
        self.columns: dict[str, int] = {}
        self.rules: list[_Rule] = []
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = vocab.strings[key]
            entry = ruler.matcher.get(key)
            if entry is None:
                continue
            for pattern in entry[1]:
                if not pattern:
                    raise UnsupportedRule("empty pattern")
                tokens = tuple(_compile_token(vocab, spec, self.columns) for spec in pattern)
                self.rules.append(_Rule(attr_id, match_id, tokens))
        self.attr_ids = [IDS[name] for name in self.columns]
        # index: (column, value) -> (offset, rule) for rules whose token at ``offset`` requires
        # that value; a rule is looked up from that token and starts ``offset`` tokens earlier
        self.single_index: dict[tuple[int, int], list[tuple[int, _Rule]]] = {}
        self.multi_index: dict[tuple[int, int], list[tuple[int, _Rule]]] = {}
        self.single_unindexed: list[tuple[int, _Rule]] = []
        self.multi_unindexed: list[tuple[int, _Rule]] = []
        self.index_columns: list[int] = []
        self.multi_lengths: dict[tuple[int, int], tuple] = {}
        for rule in self.rules:
            single = len(rule.tokens) == 1
            if not single:
                self.multi_lengths[rule.attr_id, rule.match_id] = rule.tokens
            index = self.single_index if single else self.multi_index
            unindexed = self.single_unindexed if single else self.multi_unindexed
            selective = [(len(t.values), k, t) for k, tests in enumerate(rule.tokens)
                         for t in tests if t.kind in ("eq", "in")]
            if not selective:
                unindexed.append((0, rule))
                continue
            _, offset, test = min(selective, key=lambda item: item[:2])
            if test.column not in self.index_columns:
                self.index_columns.append(test.column)
            for value in test.values:
                index.setdefault((test.column, value), []).append((offset, rule))
        self.strings = ruler.vocab.strings
        self.has_multi = bool(self.multi_index or self.multi_unindexed)
        # one-token results depend only on the token's tested values: remember them
        self._single_cache: dict[tuple, tuple] = {}

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` for every rule match, sorted like the ruler's."""
        if len(doc) == 0:
            return []
        rows = doc.to_array(self.attr_ids).tolist()
        if len(self.attr_ids) == 1:
            rows = [[v] for v in rows]
        n = len(rows)
        found: list[tuple[int, int, int, int]] = []
        cache = self._single_cache
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        for i, row in enumerate(rows):
            key = tuple(row)
            single = cache.get(key)
            if single is None:
                single = cache[key] = self._candidates(row, i, rows, n, single_token=True)
            for attr_id, match_id in single:
                found.append((attr_id, match_id, i, i + 1))
            if self.has_multi:
                for attr_id, match_id, start in self._candidates(row, i, rows, n,
                                                                 single_token=False):
                    found.append((attr_id, match_id, start, start + len(
                        self.multi_lengths[attr_id, match_id])))
        return sorted(set(found))

    def _candidates(self, row, i, rows, n, single_token: bool):
        """Rules matching at token ``i`` (one-token rules) or through it (longer rules)."""
        strings = self.strings
        index = self.single_index if single_token else self.multi_index
        out = []
        for column in self.index_columns:
            for offset, rule in index.get((column, row[column]), ()):
                start = i - offset
                end = start + len(rule.tokens)
                if start < 0 or end > n:
                    continue
                if all(test.holds(rows[start + k][test.column], strings)
                       for k, tests in enumerate(rule.tokens) for test in tests):
                    out.append((rule.attr_id, rule.match_id) if single_token
                               else (rule.attr_id, rule.match_id, start))
        for offset, rule in (self.single_unindexed if single_token else self.multi_unindexed):
            start = i - offset
            if start + len(rule.tokens) > n:
                continue
            if all(test.holds(rows[start + k][test.column], strings)
                   for k, tests in enumerate(rule.tokens) for test in tests):
                out.append((rule.attr_id, rule.match_id) if single_token
                           else (rule.attr_id, rule.match_id, start))
        return tuple(out)


class FastAttributeRuler:
    """Drop-in for the model's attribute ruler: lookup matching, the original's annotation.

    Built empty by the factory; ``attach`` hands over the model's ruler."""

    def __init__(self):
        self.ruler = None
        self.rules: LookupRules | None = None

    def attach(self, ruler) -> bool:
        """Take over ``ruler``; False (and keep using its Matcher) when a rule is unsupported."""
        self.ruler = ruler
        try:
            self.rules = LookupRules(ruler)
        except UnsupportedRule:
            self.rules = None
        return self.rules is not None

    def __call__(self, doc: Doc) -> Doc:
        if self.ruler is None:
            raise RuntimeError(f"{COMPONENT} used before install_fast_attribute_ruler")
        matches = self.rules.match(doc) if self.rules is not None else self.ruler.match(doc)
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(COMPONENT)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """An empty component; ``install_fast_attribute_ruler`` attaches the model's ruler."""
    return FastAttributeRuler()


def install_fast_attribute_ruler(nlp: Language) -> bool:
    """Replace ``nlp``'s "attribute_ruler" (same name, same place) by the lookup version.

    Returns False, changing nothing, when the pipeline has no spaCy AttributeRuler or one of
    its rules cannot be expressed as a lookup."""
    from spacy.pipeline import AttributeRuler

    if TARGET not in nlp.pipe_names:
        return False
    original = nlp.get_pipe(TARGET)
    if not isinstance(original, AttributeRuler):
        return False
    probe = FastAttributeRuler()
    if not probe.attach(original):
        return False
    nlp.replace_pipe(TARGET, COMPONENT)
    nlp.get_pipe(TARGET).attach(original)
    return True
