"""Reader for PETRARCH2 verb dictionaries (CAMEO.2.0.txt, PETR.Validate.verbs.txt): plain verb patterns.

The format, as this reader understands it::

    &CURRENCY                      a synonym set: "+" lines follow ("+MONEY", "+ECONOMIC SANCTIONS")
    +MONEY

    ---  CANCEL   [---]  ---       a verb block: its name and default code ("---" = none)
    +CALL_OFF [160]                a verb line: "+" marks the head of a multi-word verb, which may
    STOP {STOPS STOPPING STOPPED}  carry its own code; {...} lists irregular forms
    - * {TRADE OFFICE}  [161]  # CLOSE      a pattern: words before/after the verb "*", then the code
    - * (TO BORDER)     [154]               (...) a prepositional phrase, {...} a multi-word noun,
    - $ * (AS &NEGOTIATOR) (WITH +) [045]   &NAME a synonym set, $ source, + target, ^ skip,
                                            % compound actor, A_B words that must be adjacent
    ~ a (a b ATTACK) SAY = a b 015          a transformation rule (kept as raw text)

Codes: ``[042:043]`` gives the code for source->target (042) and the code for the reverse
direction (043: the target hosts the visit); ``[:110]`` codes only the reverse direction;
``[---]`` codes nothing -- a *null* pattern that stops the verb's default code.  Codes are kept
as written (strings, leading zeros kept); the validation dictionary uses WEIS-era codes and even
``[def]``, so they are not checked against CAMEO here.  Comments (``#``, ``;`` on verb lines,
``<!-- -->``) are dropped; a trailing ``_`` (PETRARCH's "exact word" mark) is removed.

Main entry points:

* ``read_verb_patterns(path) -> list[VerbPattern]`` -- the flat list a coder builds matchers
  from: one ``VerbPattern`` per (verb of a block) x (pattern of the block), plus one per verb on
  its own (``text == ""``) carrying the verb's or block's default code.
* ``read_verb_dictionary(path) -> VerbDictionary`` -- the full structure (blocks, synonym sets,
  transformations, problems found) when more than the flat list is needed.

``VerbPattern`` fields:

``lemma``
    the head verb, lower-case ("call", "rush").
``particles``
    the other words of a multi-word verb, in order, without the head ("off" for CALL_OFF,
    "wire" for WIRE_+TAP, "leave" for TAKE_LEAVE).
``prepositions``
    the prepositions heading the pattern's (...) phrases after the verb, in order ("to").
``objects``
    the other words after the verb, outside prepositional phrases, in order: plain words,
    {noun phrase} words, synonym-set names with their "&" ("&food"); markers $ + ^ % kept.
``preceding``
    words before the verb (same conventions).
``code`` / ``reverse_code``
    the CAMEO (or dictionary) code for source->target and for target->source; None when absent.
``text``
    the pattern as written, without the leading "-", code and comment ("* (TO BORDER)");
    "" for a bare verb entry.
``block``, ``where``
    the verb block's name and "file:line" of the pattern (or of the verb line for bare entries).
``before`` / ``after``
    the pattern's terms on each side of the verb, with their kind, for full fidelity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

MARKERS = frozenset({"$", "+", "^", "%"})
_MARKER_KIND = MappingProxyType({"$": "source", "+": "target", "^": "skip", "%": "compound"})
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True)
class Term:
    """One element of a pattern.

    ``kind``: "word", "phrase" (words joined by "_": must be adjacent), "synset" ("&food"),
    "noun_phrase" ({...}), "prep_phrase" ((...): words[0] is the preposition), or a marker:
    "source" ($), "target" (+), "skip" (^), "compound" (%).  ``words`` are lower-case.
    """

    kind: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class VerbForm:
    """One verb line of a block: a head verb, the words around it, forms and own code."""

    lemma: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # irregular inflections of the head ("stopped")
    code: str | None = None
    reverse_code: str | None = None
    has_code: bool = False  # the verb line carried its own [code]
    line: int = 0

    @property
    def particles(self) -> tuple[str, ...]:
        return self.before + self.after


@dataclass(frozen=True)
class PatternLine:
    before: tuple[Term, ...]
    after: tuple[Term, ...]
    code: str | None
    reverse_code: str | None
    text: str
    line: int


@dataclass(frozen=True)
class VerbBlock:
    name: str
    code: str | None
    reverse_code: str | None
    verbs: tuple[VerbForm, ...]
    patterns: tuple[PatternLine, ...]
    line: int


@dataclass(frozen=True)
class VerbPattern:
    """A plain verb pattern: see the module docstring for every field."""

    lemma: str
    particles: tuple[str, ...]
    prepositions: tuple[str, ...]
    objects: tuple[str, ...]
    preceding: tuple[str, ...]
    code: str | None
    reverse_code: str | None
    text: str
    block: str
    where: str
    before: tuple[Term, ...] = ()
    after: tuple[Term, ...] = ()


@dataclass(frozen=True)
class VerbDictionary:
    path: str
    synsets: Mapping[str, tuple[tuple[str, ...], ...]]
    blocks: tuple[VerbBlock, ...]
    transformations: tuple[str, ...]
    problems: tuple[str, ...]  # lines that could not be read, as "file:line: why"

    def expand(self, name: str) -> list[tuple[str, ...]]:
        """The word sequences a synonym set stands for, nested sets expanded ("&food")."""
        out: list[tuple[str, ...]] = []
        self._expand(name.lower().lstrip("&"), out, frozenset())
        return out

    def _expand(self, name: str, out: list, seen: frozenset) -> None:
        if name in seen:
            return
        for entry in self.synsets.get(name, ()):
            if len(entry) == 1 and entry[0].startswith("&"):
                self._expand(entry[0][1:], out, seen | {name})
            else:
                out.append(entry)

    def patterns(self) -> list[VerbPattern]:
        """The flat list: every verb alone, and every verb with every pattern of its block."""
        out: list[VerbPattern] = []
        for block in self.blocks:
            for verb in block.verbs:
                code, rev = ((verb.code, verb.reverse_code) if verb.has_code
                             else (block.code, block.reverse_code))
                out.append(VerbPattern(
                    lemma=verb.lemma, particles=verb.particles, prepositions=(), objects=(),
                    preceding=(), code=code, reverse_code=rev, text="", block=block.name,
                    where=f"{self.path}:{verb.line}"))
                for pat in block.patterns:
                    out.append(_flatten(verb, pat, block.name, f"{self.path}:{pat.line}"))
        return out


def _flatten(verb: VerbForm, pat: PatternLine, block: str, where: str) -> VerbPattern:
    preps = tuple(t.words[0] for t in pat.after if t.kind == "prep_phrase" and t.words)
    objects = tuple(w for t in pat.after if t.kind != "prep_phrase" for w in t.words)
    preceding = tuple(w for t in pat.before for w in t.words)
    return VerbPattern(lemma=verb.lemma, particles=verb.particles, prepositions=preps,
                       objects=objects, preceding=preceding, code=pat.code,
                       reverse_code=pat.reverse_code, text=pat.text, block=block, where=where,
                       before=pat.before, after=pat.after)


# -- line parsers ---------------------------------------------------------------------------
def _word(token: str) -> str:
    token = token.strip().lower()
    return token[:-1] if token.endswith("_") and len(token) > 1 else token


def parse_code(text: str) -> tuple[str | None, str | None]:
    """``"042:043"`` -> ("042", "043"); ``":110"`` -> (None, "110"); ``"---"`` -> (None, None)."""
    forward, _, reverse = text.strip().partition(":")

    def clean(part: str) -> str | None:
        part = part.strip()
        return None if not part or set(part) == {"-"} else part

    return clean(forward), clean(reverse)


def _strip_comment(line: str, semicolon: bool = False) -> str:
    """Drop a ``#`` comment (``;`` too on verb lines), but not a ``#`` inside ``[...]``."""
    ends = "#;" if semicolon else "#"
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in ends and depth == 0:
            return line[:i].strip()
    return line.strip()


def parse_verb_line(line: str, lineno: int = 0) -> VerbForm:
    """``+CALL_OFF [160]`` / ``STOP {STOPS STOPPED}`` / ``WIRE_+TAP`` -> VerbForm."""
    body = _strip_comment(line, semicolon=True)
    code = rev = None
    has_code = False
    match = _CODE.search(body)
    if match:
        code, rev = parse_code(match.group(1))
        has_code = True
        body = body[:match.start()] + body[match.end():]
    forms: list[str] = []
    match = _FORMS.search(body)
    if match:
        for form in match.group(1).split():
            _, head, _ = _split_verb(form)
            if head:
                forms.append(head)
        body = body[:match.start()] + body[match.end():]
    before, head, after = _split_verb(body.strip())
    if not head:
        raise ValueError(f"no verb in {line.strip()!r}")
    return VerbForm(lemma=head, before=before, after=after, forms=tuple(forms), code=code,
                    reverse_code=rev, has_code=has_code, line=lineno)


def _split_verb(text: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """"WIRE_+TAP" -> (("wire",), "tap", ()); "+CALL_OFF" -> ((), "call", ("off",))."""
    parts = [p for p in re.split(r"[_\s]+", text.strip()) if p]
    if not parts:
        return (), "", ()
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = [_word(p.lstrip("+")) for p in parts]
    return tuple(words[:head]), words[head], tuple(words[head + 1:])


def _tokens(body: str) -> list[str]:
    """Split a pattern body on spaces, keeping (...) and {...} groups whole."""
    tokens, depth, current = [], 0, []
    for ch in body:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth = max(0, depth - 1)
        if ch.isspace() and depth == 0:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _group_words(inner: str) -> tuple[str, ...]:
    return tuple(_word(w) for w in re.split(r"[\s_{}]+", inner) if w.strip())


def _term(token: str) -> Term:
    if token.startswith("(") and token.endswith(")"):
        return Term("prep_phrase", _group_words(token[1:-1]))
    if token.startswith("{") and token.endswith("}"):
        return Term("noun_phrase", _group_words(token[1:-1]))
    if token in _MARKER_KIND:
        return Term(_MARKER_KIND[token], (token,))
    words = tuple(_word(w) for w in token.split("_") if w)
    if len(words) > 1:
        return Term("phrase", words)
    if words and words[0].startswith("&"):
        return Term("synset", words)
    return Term("word", words)


def parse_pattern_line(line: str, lineno: int = 0) -> PatternLine:
    """``- * (TO BORDER)  [154]  # RUSH`` -> PatternLine (ValueError without "*" or code)."""
    body = _strip_comment(line)
    if body.startswith("-"):
        body = body[1:]
    match = _CODE.search(body)
    if not match:
        raise ValueError(f"pattern without a [code]: {line.strip()!r}")
    code, rev = parse_code(match.group(1))
    body = body[:match.start()].strip()
    before: list[Term] = []
    after: list[Term] = []
    seen_verb = False
    for token in _tokens(body):
        if "*" in token and not token.startswith(("(", "{")):
            left, _, right = token.partition("*")
            if left.strip("_"):
                before.append(_term(left.strip("_")))
            seen_verb = True
            if right.strip("_"):
                after.append(_term(right.strip("_")))
            continue
        (after if seen_verb else before).append(_term(token))
    if not seen_verb:
        raise ValueError(f"pattern without the verb position '*': {line.strip()!r}")
    return PatternLine(before=tuple(t for t in before if t.words),
                       after=tuple(t for t in after if t.words), code=code, reverse_code=rev,
                       text=body, line=lineno)


# -- the file -------------------------------------------------------------------------------
def read_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Read a PETRARCH2 verb dictionary.  Unreadable lines are listed in ``problems``."""
    path = Path(path)
    synsets: dict[str, list[tuple[str, ...]]] = {}
    blocks: list[VerbBlock] = []
    transformations: list[str] = []
    problems: list[str] = []
    state = None  # "synset" or "block"
    synset_name = ""
    block: dict | None = None
    in_xml_comment = False

    def close_block() -> None:
        if block is not None:
            blocks.append(VerbBlock(name=block["name"], code=block["code"],
                                    reverse_code=block["rev"], verbs=tuple(block["verbs"]),
                                    patterns=tuple(block["patterns"]), line=block["line"]))

    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip()
            if in_xml_comment or line.startswith("<!--"):
                in_xml_comment = "-->" not in line
                continue
            if not line or line.startswith("#"):
                continue
            where = f"{path}:{lineno}"
            try:
                if line.startswith("---"):
                    close_block()
                    head = line.strip("- \t")
                    match = _CODE.search(head)
                    code, rev = parse_code(match.group(1)) if match else (None, None)
                    name = _word(_CODE.sub("", head).split("#", 1)[0].strip()).upper()
                    block = {"name": name, "code": code, "rev": rev, "verbs": [],
                             "patterns": [], "line": lineno}
                    state = "block"
                elif line.startswith("~"):
                    transformations.append(line.split("#", 1)[0].strip())
                elif line.startswith("&"):
                    synset_name = _word(_strip_comment(line)[1:])
                    synsets.setdefault(synset_name, [])
                    state = "synset"
                elif state == "synset" and line.startswith("+"):
                    words = _group_words(_strip_comment(line)[1:])
                    if words:
                        synsets[synset_name].append(words)
                elif state in ("block", "synset") and block is not None and line.startswith("-"):
                    block["patterns"].append(parse_pattern_line(line, lineno))
                elif state == "block" and block is not None:
                    block["verbs"].append(parse_verb_line(line, lineno))
                else:
                    problems.append(f"{where}: line outside any block or synonym set")
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
    close_block()
    return VerbDictionary(path=str(path),
                          synsets=MappingProxyType({k: tuple(v) for k, v in synsets.items()}),
                          blocks=tuple(blocks), transformations=tuple(transformations),
                          problems=tuple(problems))


def read_verb_patterns(path: str | Path) -> list[VerbPattern]:
    """The flat list of plain verb patterns of a PETRARCH2 verb dictionary."""
    return read_verb_dictionary(path).patterns()
