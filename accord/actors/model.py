"""What the actor stage hands to the event coder and enrichment: mentions tied to spaCy tokens.

This is the one interface between ``actors`` and the stages that read a parsed document
(``events``, ``enrich``).  It holds token indices into the spaCy ``Doc`` it was built from, so it
never leaves the NLP stages; the plain ``ActorMention`` records inside it do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.records import ActorMention, ActorRef


@dataclass(frozen=True)
class ResolvedMention:
    """An ActorMention plus where it sits in the parsed document (token indices, end exclusive)."""

    mention: ActorMention
    token_start: int
    token_end: int
    head: int  # token index of the syntactic head of the mention (the noun the parser attaches)

    @property
    def code(self) -> str:
        return self.mention.code

    def ref(self) -> ActorRef:
        return self.mention.ref()


@dataclass
class DocActors:
    """All actor mentions of one document, with lookups by token and by sentence."""

    mentions: list[ResolvedMention] = field(default_factory=list)
    _by_token: dict[int, ResolvedMention] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.token_start, m.token_end))
        for rm in self.mentions:
            for i in range(rm.token_start, rm.token_end):
                self._by_token.setdefault(i, rm)

    def at_token(self, i: int) -> ResolvedMention | None:
        """The mention covering token ``i``, if any."""
        return self._by_token.get(i)

    def in_tokens(self, start: int, end: int) -> list[ResolvedMention]:
        """Mentions lying wholly inside tokens [start, end)."""
        return [m for m in self.mentions if m.token_start >= start and m.token_end <= end]

    def in_sentence(self, sentence_index: int) -> list[ResolvedMention]:
        return [m for m in self.mentions if m.mention.sentence_index == sentence_index]

    def records(self) -> list[ActorMention]:
        return [m.mention for m in self.mentions]
