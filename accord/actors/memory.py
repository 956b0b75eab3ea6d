"""In-document actor memory: which mentions are the same actor (names, surnames, role references).

One ``Memory`` lives for one document.  Persons are found again by any later form of their name
("Sergey Lavrov" -> "Lavrov"; "Ibrahim Al-Jaafari" -> "Jaafari", "Al-Jaafari") and by a definite
role reference of the same country and sector ("the Russian minister").  Every other actor is
one actor per code (all "RUSGOV" government mentions that are not a known person are one actor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Name particles dropped before comparing names ("Al-Jaafari" ~ "Jaafari").
NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "an", "ar", "az"})
_NAME_SPLIT = re.compile(r"[\s\-‐’'`.]+")


def name_parts(name: str) -> list[str]:
    """"Ibrahim Al-Jaafari" -> ["ibrahim", "jaafari"]."""
    parts = [p for p in _NAME_SPLIT.split(name.lower()) if p]
    parts = [p for p in parts if p not in NAME_PARTICLES]
    while len(parts) > 1 and parts[-1] in ("jr", "sr", "ii", "iii"):
        parts.pop()
    return parts


def surname_key(name: str) -> str | None:
    parts = name_parts(name)
    return parts[-1] if parts else None


@dataclass
class Actor:
    """One actor of the document: every mention of it shares ``actor_id``."""

    actor_id: str
    code: str
    country: str | None
    sector: str | None
    person: bool = False
    name: str | None = None
    plural: bool = False  # a body of people ("troops", "operators", "officials")
    role_heads: set[str] = field(default_factory=set)  # last words of its role phrases


@dataclass
class Built:
    """A resolved mention before it becomes a record (token span, sentence, actor)."""

    start: int
    end: int
    head: int
    sentence: int
    actor: Actor
    code: str
    country: str | None
    sector: str | None
    kind: str
    name: str | None
    subject: bool = False  # the head is a grammatical subject


class Memory:
    """The actors of one document, found by code, by name and by role reference."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.by_code: dict[str, Actor] = {}
        self.by_surname: dict[str, Actor] = {}
        #: (token, actor, was a subject) of every person mention so far
        self.persons: list[tuple[int, Actor, bool]] = []

    def _new(self, code: str, country: str | None, sector: str | None, **kw) -> Actor:
        actor = Actor(f"a{len(self.actors) + 1}", code, country, sector, **kw)
        self.actors.append(actor)
        return actor

    def person_by_name(self, name: str) -> Actor | None:
        key = surname_key(name)
        return self.by_surname.get(key) if key else None

    def person(self, name: str, code: str | None, country: str | None, sector: str | None,
               role_head: str | None = None) -> Actor | None:
        """The person actor of this name, created when new; None when nothing codes it."""
        actor = self.person_by_name(name)
        if actor is None:
            if not code:
                return None
            actor = self._new(code, country, sector, person=True, name=name)
            key = surname_key(name)
            if key:
                self.by_surname[key] = actor
        elif code and (actor.country is None or (actor.sector is None and sector)):
            actor.code, actor.country, actor.sector = code, country, sector
        if actor.name is None or len(name) > len(actor.name):
            actor.name = name
        if role_head:
            actor.role_heads.add(role_head)
        return actor

    def role_person(self, code: str, country: str | None, sector: str | None, role_head: str,
                    definite: bool, before: int) -> Actor:
        """"the Russian minister": the latest person of that country and sector that was a
        subject (the one the story is about), else the latest such person, else a new one."""
        if definite:
            def fits(actor: Actor) -> bool:
                if country is not None:
                    return actor.country == country and (actor.sector == sector
                                                         or role_head in actor.role_heads)
                return role_head in actor.role_heads

            seen = [(tok, actor, subj) for tok, actor, subj in self.persons if tok < before]
            for want_subject in (True, False):
                for _, actor, subj in reversed(seen):
                    if actor.person and (subj or not want_subject) and fits(actor):
                        return actor
        actor = self._new(code, country, sector, person=True)
        actor.role_heads.add(role_head)
        return actor

    def by_actor_code(self, code: str, country: str | None, sector: str | None,
                      plural: bool = False, key: str | None = None) -> Actor:
        key = key or code
        actor = self.by_code.get(key)
        if actor is None:
            actor = self._new(code, country, sector, plural=plural)
            self.by_code[key] = actor
        elif plural:
            actor.plural = True
        return actor

    def saw_person(self, token: int, actor: Actor, subject: bool = False) -> None:
        self.persons.append((token, actor, subject))
        self.persons.sort(key=lambda p: p[0])

    def surnames(self) -> dict[str, Actor]:
        return self.by_surname
