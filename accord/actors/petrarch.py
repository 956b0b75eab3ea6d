"""Read PETRARCH2/TABARI actor and agent dictionaries, as they are, into actor-lexicon entries.

Actor dictionaries (``*.actors.txt``) hold blocks: a primary phrase with an optional code in
brackets, synonym lines starting with ``+``, and indented code lines that carry the default code
or a date restriction (``[RUSGOV >20040309]``, ``[HOB <950601]``, ``[HOBGOV 19950601-19990815]``;
six-digit dates are YYMMDD with 00-30 read as 20YY, as in PETRARCH).  Agent dictionaries hold one
phrase a line with a code ``[~GOV]`` (a sector appended to the actor's country) or ``[NGO~]``
(an organisation prefix), an explicit plural in braces (``{}`` = none), otherwise a regular plural
made by PETRARCH's rule, and substitution sets (``!MINIST! = MINISTER, MINISTRY``).

Comments: lines starting with ``#`` or ``<!``, ``<!-- ... -->`` (also over several lines) and
anything after ``#`` on a line.  Words joined by ``_`` or by a space are both read as consecutive
words: PETRARCH2 no longer stems, so a final ``_`` is dropped.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from accord.actors.lexicon import (
    ORG_PREFIXES, DatedCode, NamedEntry, RoleEntry, make_named, norm)  # noqa: F401

_BRACKET = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"\d{6,8}")
_STOPWORDS = frozenset({"the", "of", "al", "el", "and", "de", "for"})


@dataclass(frozen=True)
class ActorBlock:
    """One actor of a PETRARCH actor dictionary: its phrases and codes."""

    phrases: tuple[str, ...]  # as written, underscores made spaces, primary phrase first
    code: str | None  # default code (None: none given, or a "---" null actor)
    dated: tuple[DatedCode, ...] = ()
    null: bool = False  # "[---]": a known phrase that is never coded


@dataclass(frozen=True)
class AgentPhrase:
    phrase: str  # underscores made spaces
    code: str  # as written inside the brackets: "~GOV", "NGO~"
    is_plural: bool = False


def _content_lines(path: Path) -> Iterator[str]:
    """Lines of a dictionary with comments removed; blank lines dropped; indentation kept."""
    in_comment = False
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if in_comment:
                if "-->" in line:
                    in_comment = False
                    line = line[line.index("-->") + 3:]
                else:
                    continue
            if "---STOP---" in line:
                return
            stripped = line.lstrip()
            if stripped.startswith("#"):
                continue
            if "<!" in line:
                head, _, tail = line.partition("<!")
                if "-->" in tail:
                    line = head + tail[tail.index("-->") + 3:]
                else:
                    in_comment = True
                    line = head
            if "#" in line:
                line = line[:line.index("#")]
            if line.strip():
                yield line


def phrase_text(raw: str) -> str:
    """``SERGEY_LAVROV_`` -> ``SERGEY LAVROV``."""
    return " ".join(raw.replace("_", " ").split())


def parse_date(text: str) -> int:
    """``20040309`` -> 20040309; ``950601`` -> 19950601; ``041001`` -> 20041001."""
    if len(text) <= 7:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        return year * 10000 + int(text[2:4]) * 100 + int(text[4:6])
    return int(text[:8])


def _shift(day: int, days: int) -> int:
    """YYYYMMDD moved by ``days`` (an invalid date is only moved by one, keeping the order)."""
    try:
        moved = datetime.date(day // 10000, day // 100 % 100, day % 100) + \
            datetime.timedelta(days=days)
    except ValueError:
        return day + days
    return moved.year * 10000 + moved.month * 100 + moved.day


def _clean_code(code: str) -> str | None:
    code = code.strip().upper().split("/")[0].strip()
    if not code or set(code) <= {"-", "+", "#"}:
        return None
    return code


def parse_code_cell(cell: str) -> tuple[str | None, DatedCode | None, bool]:
    """The inside of ``[...]`` -> (default code, date-restricted code, is-null).

    ``RUSGOV`` -> ("RUSGOV", None, False); ``RUSGOV >20040309`` -> (None, DatedCode(...), False).
    Raises ValueError on an unreadable date.
    """
    cell = cell.strip()
    if " " not in cell:
        code = _clean_code(cell)
        return code, None, code is None
    code_part, _, rest = cell.partition(" ")
    rest = rest.strip()
    code = _clean_code(code_part)
    null = code is None
    if not rest:
        return code, None, null
    dates = _DIGITS.findall(rest)
    if rest.startswith("<") and dates:
        return None, DatedCode(code or "", 0, _shift(parse_date(dates[0]), -1)), null
    if rest.startswith(">") and dates:
        return None, DatedCode(code or "", _shift(parse_date(dates[0]), 1), 99999999), null
    if "-" in rest and len(dates) == 2:
        first, last = parse_date(dates[0]), parse_date(dates[1])
        if last < first:
            raise ValueError(f"date range ends before it starts: {cell!r}")
        return None, DatedCode(code or "", first, last), null
    raise ValueError(f"unreadable date restriction: {cell!r}")


def read_actor_dictionary(path: Path | str) -> list[ActorBlock]:
    """All actor blocks of a PETRARCH actor dictionary file, in file order."""
    blocks: list[ActorBlock] = []
    phrases: list[str] = []
    code: str | None = None
    dated: list[DatedCode] = []
    null = False

    def flush() -> None:
        if phrases:
            blocks.append(ActorBlock(tuple(phrases), code, tuple(dated), null and not dated))

    for line in _content_lines(Path(path)):
        if line[0] in " \t" and "[" in line:  # an indented code line of the current block
            for cell in _BRACKET.findall(line):
                try:
                    default, restriction, is_null = parse_code_cell(cell)
                except ValueError:
                    continue  # PETRARCH skips such lines with a warning
                if restriction is not None:
                    if restriction.code:
                        dated.append(restriction)
                elif default is not None:
                    code = default
                else:
                    null = null or is_null
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            text = phrase_text(stripped[1:].split("[")[0])
            if text and phrases:
                phrases.append(text)
            continue
        flush()
        phrases, code, dated, null = [], None, [], False
        name_part, bracket, rest = stripped.partition("[")
        text = phrase_text(name_part)
        if not text:
            continue
        phrases.append(text)
        if bracket:
            try:
                default, restriction, is_null = parse_code_cell(rest.partition("]")[0])
            except ValueError:
                default, restriction, is_null = None, None, False
            code, null = default, is_null
            if restriction is not None and restriction.code:
                dated.append(restriction)
    flush()
    return blocks


def _petrarch_plural(phrase: str) -> str:
    if phrase.endswith("Y"):
        return phrase[:-1] + "IES"
    if phrase.endswith("S"):
        return phrase + "ES"
    return phrase + "S"


def read_agent_dictionary(path: Path | str) -> list[AgentPhrase]:
    """All agent phrases of a PETRARCH agent dictionary, plurals and substitutions expanded."""
    markers: dict[str, list[str]] = {}
    out: list[AgentPhrase] = []
    for line in _content_lines(Path(path)):
        if "!" in line and "=" in line and "[" not in line:
            name_part, _, values = line.partition("=")
            name = name_part.strip().strip("!")
            markers[name] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        if "[" not in line:
            continue
        phrase_part, _, rest = line.partition("[")
        code = rest.partition("]")[0].strip().replace(" ", "")
        if not code:
            continue
        if "!" in phrase_part:
            for expanded in _expand_markers(phrase_part.strip(), markers):
                text = phrase_text(expanded)
                if text:
                    out.append(AgentPhrase(text, code))
            continue
        if "{" in phrase_part:
            base, _, braces = phrase_part.partition("{")
            text = phrase_text(base)
            plural_text = phrase_text(braces.partition("}")[0])
        else:
            text = phrase_text(phrase_part)
            plural_text = _petrarch_plural(text) if text else ""
        if text:
            out.append(AgentPhrase(text, code))
            if plural_text:
                out.append(AgentPhrase(plural_text, code, is_plural=True))
    return out


def _expand_markers(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!([^!\s]+)!", phrase)
    if match is None or match.group(1) not in markers:
        return [phrase] if "!" not in phrase else []
    out = []
    for value in markers[match.group(1)]:
        out.extend(_expand_markers(phrase[:match.start()] + value + phrase[match.end():], markers))
    return out


# ---------------------------------------------------------------------------------------------
# into lexicon entries


def _dictionary_caps(text: str) -> tuple[int, ...]:
    """Case rule for an all-capitals dictionary phrase: its first content word must be capitalised."""
    key = norm(text)
    pos = 0
    for word in key.split(" "):
        if word not in _STOPWORDS:
            for i, ch in enumerate(word):
                if ch.isalpha():
                    return (pos + i,)
            return ()
        pos += len(word) + 1
    return ()


def _label_for(code: str | None, key: str) -> str | None:
    if not code:
        return None
    if len(code) == 3:
        return "GPE"
    if code[:3] in ORG_PREFIXES:
        return "ORG"
    return "PERSON" if " " in key else None


def named_entries(blocks: Iterable[ActorBlock], builtin: dict[str, NamedEntry]
                  ) -> Iterator[NamedEntry]:
    """NamedEntries for every phrase of every block.

    A phrase the built-in knowledge already knows keeps its kind and label, and its code unless
    the dictionary's is more specific: ``WASHINGTON [USA]`` does not turn the built-in USAGOV
    back into the bare country, ``MOSUL [IRQMOS]`` does replace IRQ.  Every phrase of a block
    whose primary phrase names a person ("SERGEY_LAVROV" with a sector code) is labelled PERSON
    and carries the primary phrase as its name, so "Lavrov" is the same actor.
    """
    for block in blocks:
        primary = block.phrases[0]
        name = primary.title()
        code = None if block.null else block.code
        country_source = code or (block.dated[-1].code if block.dated else None)
        label = _label_for(country_source, norm(primary))
        for phrase in block.phrases:
            key = norm(phrase)
            known = builtin.get(key)
            if known is not None:
                if not block.dated and code and known.code and known.code.startswith(code):
                    continue  # the built-in code is finer
                yield known._replace(
                    code=code, dated=block.dated,
                    country=(country_source or "")[:3] or known.country)
                continue
            yield make_named(phrase, code, "dictionary", name, label,
                             country=country_source[:3] if country_source else None,
                             dated=block.dated, caps=_dictionary_caps(phrase))


def role_entries(agents: Iterable[AgentPhrase], builtin: dict[str, RoleEntry] | None = None
                 ) -> Iterator[RoleEntry]:
    """RoleEntries for agent phrases: ``~GOV`` -> sector GOV, ``NGO~`` -> prefix NGO."""
    builtin = builtin or {}
    for agent in agents:
        key = norm(agent.phrase)
        code = agent.code.upper()
        if code.startswith("~"):
            sector, prefix = code[1:], None
        elif code.endswith("~"):
            sector, prefix = "", code[:-1]
        else:
            sector, prefix = code, None
        if not sector and not prefix:
            continue
        known = builtin.get(key)
        person = known.person if known is not None else not agent.is_plural
        yield RoleEntry(key=key, sector=sector, person=person, prefix=prefix, source="dictionary")
