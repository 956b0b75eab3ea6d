"""Loader for the verbs of saying (``accord/data/speech_verbs.tsv``) and the test of a cue token.

A cue is a verb whose lemma is listed; an entry with a particle (``point out``) also needs that
particle among the verb's children.  "according to" is recognised by the quote finder itself:
it is a fixed phrase, not a verb.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from accord.data.tables import read_table

COLUMNS = ("lemma", "particle", "past", "note")


@dataclass(frozen=True)
class SpeechVerb:
    """One verb of saying: its lemma, the particle it needs (or ""), its simple past form."""

    lemma: str
    particle: str
    past: str
    note: str = ""

    @property
    def phrase(self) -> str:
        return f"{self.lemma} {self.particle}".strip()


@dataclass(frozen=True)
class SpeechCues:
    """The loaded verbs of saying, indexed by lemma."""

    entries: tuple[SpeechVerb, ...]
    by_lemma: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, entries: tuple[SpeechVerb, ...]) -> "SpeechCues":
        index: dict[str, tuple[str, ...]] = {}
        for e in entries:
            index[e.lemma] = index.get(e.lemma, ()) + (e.particle,)
        return cls(entries=entries, by_lemma=index)

    def particles(self, lemma: str) -> tuple[str, ...] | None:
        """The particles a lemma needs ("" for none), or None when the lemma is no cue."""
        return self.by_lemma.get(lemma)

    def is_cue(self, token) -> bool:
        """True when the spaCy token is a verb of saying (with its particle, if it needs one)."""
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBN",
                                                                   "VBG", "VB"):
            return False
        lemma = token.lemma_.lower()
        parts = self.particles(lemma)
        if parts is None:
            return False
        if "" in parts:
            return True
        children = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
        return any(p in children for p in parts)


def load_speech_cues(path: str | Path | None = None) -> SpeechCues:
    """Read the speech verb table; ``#`` lines are comments, the first other line the header."""
    entries: list[SpeechVerb] = []
    for where, lineno, row in read_table(path, "speech_verbs.tsv", COLUMNS):
        lemma, particle, past, note = (row[c] for c in COLUMNS)
        if not lemma or not past:
            raise ValueError(f"{where}:{lineno}: lemma and past are required")
        entries.append(SpeechVerb(lemma=lemma.lower(), particle=particle.lower(), past=past,
                                  note=note))
    if not entries:
        raise ValueError(f"{path or 'speech_verbs.tsv'}: no speech verbs")
    return SpeechCues.of(tuple(entries))
