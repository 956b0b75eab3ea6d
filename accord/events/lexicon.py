"""The event lexicon: trigger patterns, frame topics and code modifiers loaded from accord/data/events.

Knowledge is data: every verb or noun that triggers a CAMEO event is one line of YAML in
``accord/data/events/r*.yaml`` (see the README there for the fields).  ``load_event_lexicon``
reads and validates them once; the result is read-only and indexed by trigger lemma.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"

#: Frames a verb can open over its complement, and the column each uses in topics.yaml.
FRAMES = ("intent", "appeal", "demand", "reject", "threaten")

_PATTERN_FIELDS = {
    "id", "verb", "noun", "adj", "gov", "particle", "prep", "prep_not", "dep_not", "obj", "obj_not",
    "obj_actor", "xcomp", "mod", "code", "frame", "self_frame", "refine", "recip",
    "target", "loc", "fallback", "topic", "needs_complement", "accuse_ccomp", "example",
    "expect", "conf", "negated_only", "pobj_not", "subj", "linked", "swap",
}
_TOPIC_FIELDS = {"topic", "verbs", "nouns", "with", "refine", "refbase", "example", "expect",
                 *FRAMES}


def _lemmas(value, where: str, name: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: {name} must be a lemma or a list of lemmas, got {value!r}")
    return frozenset(v.strip().lower() for v in value)


def _code(value, where: str, name: str = "code") -> str:
    if not isinstance(value, str) or not value.isdigit() or not 2 <= len(value) <= 4:
        raise ValueError(f"{where}: {name} must be a quoted CAMEO code like \"0311\", got {value!r}")
    return value


@dataclass(frozen=True)
class Pattern:
    """One trigger pattern: a verb, noun or adjective plus the context that must surround it."""

    id: str
    kind: str  # "verb", "noun" or "adj"
    lemmas: frozenset[str]
    code: str
    gov: frozenset[str] = frozenset()  # nouns: governing verb lemmas; empty = any/none
    gov_any: bool = False
    particle: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    prep_not: frozenset[str] = frozenset()
    dep_not: frozenset[str] = frozenset()  # dependency labels the trigger must not govern
    obj: frozenset[str] = frozenset()
    obj_not: frozenset[str] = frozenset()
    pobj_not: frozenset[str] = frozenset()  # no preposition may govern these ("out of the race")
    subj: frozenset[str] = frozenset()  # required subject head lemma ("*troops* crossed into")
    obj_actor: bool | None = None
    xcomp: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    frame: str | None = None
    self_frame: str | None = None
    refine: tuple[tuple[str, str], ...] = ()
    recip: bool | str = False  # True: both directions; "coord": only between coordinated sources
    target: str | None = None
    loc: bool = False
    fallback: bool = False
    topic: str | None = None
    needs_complement: bool = False
    accuse_ccomp: bool = False
    negated_only: bool = False  # only "did not allow" is an event (its topic's reject code)
    linked: str | None = None  # the code of the same act seen from the target ("receive" 0861)
    swap: bool = False  # the subject suffers the act: "came under fire *from X*" is X's act
    example: str = ""
    expect: str = ""
    conf: float = 0.0
    source_file: str = ""

    @property
    def specificity(self) -> int:
        """How many constraints the pattern puts on the context: the most specific match wins."""
        return (2 * bool(self.obj) + 2 * bool(self.xcomp) + 2 * bool(self.subj)
                + bool(self.particle) + bool(self.prep) + bool(self.mod) + bool(self.gov) + (self.obj_actor is not None)
                + bool(self.needs_complement) + self.negated_only)


@dataclass(frozen=True)
class Topic:
    """What a frame verb's complement is about, and the code each frame gives it."""

    name: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    with_: frozenset[str]
    codes: Mapping[str, str]
    refine: tuple[tuple[str, str], ...] = ()
    refbase: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    expect: str = ""


@dataclass(frozen=True)
class EventLexicon:
    """All patterns, topics and modifier groups, indexed for the matcher.  Read-only."""

    patterns: tuple[Pattern, ...]
    topics: tuple[Topic, ...]
    modifiers: Mapping[str, frozenset[str]]
    by_verb: Mapping[str, tuple[Pattern, ...]]
    by_noun: Mapping[str, tuple[Pattern, ...]]
    by_adj: Mapping[str, tuple[Pattern, ...]]
    topic_by_name: Mapping[str, Topic]
    #: nouns whose compound modifier names no event that happened ("assassination *plots*")
    unreal_heads: frozenset[str] = frozenset()
    #: verbs (with their particle: "call off") whose object names an act stopped, not done
    #: ("halted its offensive", "suspended the strike")
    halting_verbs: frozenset[str] = frozenset()
    #: disasters and accidents: an agentless death in a sentence naming one is nobody's act
    disasters: frozenset[str] = frozenset()
    #: riot and repression rules (crowds.yaml); None leaves violent codes as the patterns give them
    crowds: "CrowdRules | None" = None

    def candidates(self, kind: str, lemma: str) -> tuple[Pattern, ...]:
        index = {"verb": self.by_verb, "noun": self.by_noun, "adj": self.by_adj}[kind]
        return index.get(lemma, ())

    def modifier_groups(self, lemmas: set[str]) -> list[str]:
        """The modifier groups any of ``lemmas`` belongs to, in file order."""
        return [g for g, words in self.modifiers.items() if words & lemmas]

    def __len__(self) -> int:
        return len(self.patterns)


def _parse_refine(value, where: str, codes: bool = True) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise ValueError(f"{where}: refine must be a mapping group -> code")
    out = []
    for group, code in value.items():
        if not isinstance(code, str) or not code.isdigit():
            raise ValueError(f"{where}: refine {group}: code must be a quoted string")
        out.append((str(group), code))
    return tuple(out)


def parse_pattern(entry: dict, where: str, modifiers: Mapping[str, frozenset[str]]) -> Pattern:
    """One YAML pattern entry -> Pattern (ValueError naming the file and id when malformed)."""
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: a pattern must be a mapping, got {entry!r}")
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise ValueError(f"{where}: pattern without id: {entry!r}")
    where = f"{where} [{pid}]"
    unknown = set(entry) - _PATTERN_FIELDS
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}")
    kinds = [k for k in ("verb", "noun", "adj") if k in entry]
    if len(kinds) != 1:
        raise ValueError(f"{where}: exactly one of verb/noun/adj is required")
    kind = kinds[0]
    code = _code(entry.get("code"), where)
    frame = entry.get("frame")
    for name in ("frame", "self_frame"):
        if entry.get(name) is not None and entry[name] not in FRAMES:
            raise ValueError(f"{where}: {name} must be one of {FRAMES}")
    refine = _parse_refine(entry.get("refine"), where)
    for group, _ in refine:
        if group not in modifiers:
            raise ValueError(f"{where}: refine group {group!r} is not in modifiers.yaml")
    example = entry.get("example")
    if not isinstance(example, str) or len(example.split()) < 3:
        raise ValueError(f"{where}: every pattern needs an example sentence")
    expect = _code(entry.get("expect", code), where, "expect")
    gov = entry.get("gov")
    gov_any = gov == "any"
    return Pattern(
        id=pid, kind=kind, lemmas=_lemmas(entry[kind], where, kind), code=code,
        gov=frozenset() if gov_any else _lemmas(gov, where, "gov"), gov_any=gov_any,
        particle=_lemmas(entry.get("particle"), where, "particle"),
        prep=_lemmas(entry.get("prep"), where, "prep"),
        prep_not=_lemmas(entry.get("prep_not"), where, "prep_not"),
        dep_not=_lemmas(entry.get("dep_not"), where, "dep_not"),
        obj=_lemmas(entry.get("obj"), where, "obj"),
        obj_not=_lemmas(entry.get("obj_not"), where, "obj_not"),
        pobj_not=_lemmas(entry.get("pobj_not"), where, "pobj_not"),
        subj=_lemmas(entry.get("subj"), where, "subj"),
        obj_actor=entry.get("obj_actor"),
        xcomp=_lemmas(entry.get("xcomp"), where, "xcomp"),
        mod=_lemmas(entry.get("mod"), where, "mod"),
        frame=frame, self_frame=entry.get("self_frame"), refine=refine,
        recip=_recip(entry.get("recip", False), where),
        target=entry.get("target"), loc=bool(entry.get("loc", False)),
        fallback=bool(entry.get("fallback", False)), topic=entry.get("topic"),
        needs_complement=bool(entry.get("needs_complement", False)),
        accuse_ccomp=bool(entry.get("accuse_ccomp", False)),
        negated_only=bool(entry.get("negated_only", False)),
        linked=_linked_code(entry.get("linked"), where), swap=bool(entry.get("swap", False)),
        example=example, expect=expect, conf=float(entry.get("conf", 0.0)))


def _linked_code(value, where: str) -> str | None:
    return None if value is None else _code(value, where, "linked")


def _recip(value, where: str):
    if value in (True, False, "coord"):
        return value
    raise ValueError(f"{where}: recip must be true, false or coord")


def parse_topic(entry: dict, where: str) -> Topic:
    if not isinstance(entry, dict) or not isinstance(entry.get("topic"), str):
        raise ValueError(f"{where}: a topic needs a name: {entry!r}")
    where = f"{where} [{entry['topic']}]"
    unknown = set(entry) - _TOPIC_FIELDS
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}")
    codes = {f: _code(entry[f], where, f) for f in FRAMES if entry.get(f) is not None}
    if not codes:
        raise ValueError(f"{where}: a topic needs a code for at least one frame")
    refbase = entry.get("refbase") or {}
    for f, c in refbase.items():
        if f not in FRAMES:
            raise ValueError(f"{where}: refbase frame {f!r} unknown")
        _code(c, where, "refbase")
    example = entry.get("example")
    if not isinstance(example, str) or len(example.split()) < 3:
        raise ValueError(f"{where}: every topic needs an example sentence")
    return Topic(name=entry["topic"], verbs=_lemmas(entry.get("verbs"), where, "verbs"),
                 nouns=_lemmas(entry.get("nouns"), where, "nouns"),
                 with_=_lemmas(entry.get("with"), where, "with"),
                 codes=MappingProxyType(codes), refine=_parse_refine(entry.get("refine"), where),
                 refbase=MappingProxyType(dict(refbase)), example=example,
                 expect=_code(entry.get("expect", next(iter(codes.values()))), where, "expect"))


def _read_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def build_lexicon(patterns: list[Pattern], topics: list[Topic],
                  modifiers: Mapping[str, frozenset[str]],
                  unreal_heads: frozenset[str] = frozenset(), crowds=None,
                  halting_verbs: frozenset[str] = frozenset(),
                  disasters: frozenset[str] = frozenset()) -> EventLexicon:
    """Index patterns by trigger lemma (checks ids are unique and topics exist)."""
    seen: set[str] = set()
    index: dict[str, dict[str, list[Pattern]]] = {"verb": {}, "noun": {}, "adj": {}}
    topic_by_name = {t.name: t for t in topics}
    for p in patterns:
        if p.id in seen:
            raise ValueError(f"{p.source_file}: duplicate pattern id {p.id!r}")
        seen.add(p.id)
        if p.topic is not None and p.topic not in topic_by_name:
            raise ValueError(f"{p.source_file} [{p.id}]: unknown topic {p.topic!r}")
        for lemma in p.lemmas:
            index[p.kind].setdefault(lemma, []).append(p)
    frozen = {k: MappingProxyType({lemma: tuple(sorted(ps, key=lambda p: -p.specificity))
                                   for lemma, ps in v.items()})
              for k, v in index.items()}
    return EventLexicon(patterns=tuple(patterns), topics=tuple(topics),
                        modifiers=MappingProxyType(dict(modifiers)), by_verb=frozen["verb"],
                        by_noun=frozen["noun"], by_adj=frozen["adj"],
                        topic_by_name=MappingProxyType(topic_by_name),
                        unreal_heads=unreal_heads, crowds=crowds,
                        halting_verbs=halting_verbs, disasters=disasters)


def load_event_lexicon(settings=None, data_dir: str | Path | None = None) -> EventLexicon:
    """Read every pattern file under accord/data/events (ValueError on a malformed entry).
    With ``settings.verb_dictionaries``, those PETRARCH dictionaries replace it (petrlexicon)."""
    if settings is not None and getattr(settings, "verb_dictionaries", ()):
        from accord.events.petrlexicon import load_petr_lexicon

        return load_petr_lexicon(settings)
    directory = Path(data_dir) if data_dir is not None else DATA_DIR
    mods_raw = _read_yaml(directory / "modifiers.yaml").get("modifiers") or {}
    modifiers = {str(g): _lemmas(words, "modifiers.yaml", str(g)) for g, words in mods_raw.items()}
    topics = [parse_topic(e, f"topics.yaml#{n}")
              for n, e in enumerate(_read_yaml(directory / "topics.yaml").get("topics") or [], 1)]
    patterns: list[Pattern] = []
    files = sorted(directory.glob("r*.yaml"))
    if not files:
        raise ValueError(f"{directory}: no pattern files (r*.yaml)")
    for path in files:
        for n, entry in enumerate(_read_yaml(path).get("patterns") or [], 1):
            p = parse_pattern(entry, f"{path.name}#{n}", modifiers)
            patterns.append(_with_source(p, path.name))
    not_events = directory / "not_events.yaml"  # optional
    not_data = _read_yaml(not_events) if not_events.exists() else {}
    unreal = not_data.get("compound_heads")
    from accord.events.crowds import load_crowd_rules  # crowds reads the parse: import late

    crowds = directory / "crowds.yaml"  # optional
    return build_lexicon(patterns, topics, modifiers,
                         _lemmas(unreal, "not_events.yaml", "compound_heads"),
                         crowds=load_crowd_rules(crowds) if crowds.exists() else None,
                         halting_verbs=_lemmas(not_data.get("halting_verbs"), "not_events.yaml",
                                               "halting_verbs"),
                         disasters=_lemmas(not_data.get("disasters"), "not_events.yaml",
                                           "disasters"))


def _with_source(p: Pattern, name: str) -> Pattern:
    from dataclasses import replace

    return replace(p, source_file=name)
