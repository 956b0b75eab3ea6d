"""Mojibake repair: ftfy for the usual cases, plus the UTF-8 -> cp1256 -> latin-1 chain it misses.

Some scrapers decoded UTF-8 as Windows-1256 (Arabic), re-encoded it as UTF-8 and then decoded it
as Latin-1, so ``vis-à-vis`` arrives as ``vis-Ø£ -vis`` (the no-break space of ``à`` often ends up
as a plain space).  ftfy undoes at most the last step.  We undo the chain one run of non-ASCII
characters at a time, and keep a re-decoding only when it leaves fewer suspicious characters,
so genuine ``Ørsted``, ``£5m`` or ``café`` (which do not re-decode) stay as they are.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

#: Characters that mojibake is made of: Latin-1 supplement, the cp1252 letters and symbols
#: (not its quotes and dashes, which are common in genuine text), and Arabic letters.
_CP1252_SYMBOLS = "€‚ƒ„†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ"
_HIGH_RUN = re.compile(f"[\u0080-\u00ff{_CP1252_SYMBOLS}]+")
_ARABIC_MIXED_RUN = re.compile(f"[\u0080-\u00ff\u0600-\u06ff{_CP1252_SYMBOLS}‘’“”–—…]*"
                               f"[\u0600-\u06ff][\u0080-\u00ff\u0600-\u06ff{_CP1252_SYMBOLS}‘’“”–—…]*")


def suspicion(text: str) -> int:
    """How many characters of ``text`` look like mojibake material (lower is cleaner)."""
    count = 0
    for ch in text:
        code = ord(ch)
        if 0x80 <= code <= 0xFF or 0x600 <= code <= 0x6FF or ch in _CP1252_SYMBOLS:
            count += 1
    return count


def _clean_result(text: str) -> bool:
    """A re-decoding must not produce control, private-use or replacement characters."""
    for ch in text:
        if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"):
            return False
    return True


def _redecode(run: str, steps: tuple[tuple[str, str], ...], extra: bytes = b"") -> str | None:
    """Apply (encode-as, decode-as) steps to ``run``; ``extra`` bytes join before the last decode."""
    text = run
    for i, (encoding, decoding) in enumerate(steps):
        try:
            data = text.encode(encoding)
            if i == len(steps) - 1:
                data += extra
            text = data.decode(decoding)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
    return text


#: Ways a run may have been garbled: the full chain seen from either Latin-1 or cp1252, and the
#: chain after ftfy (or a scraper) already undid its last step (Arabic letters left over).
_FULL_CHAINS = (
    (("latin-1", "utf-8"), ("cp1256", "utf-8")),
    (("cp1252", "utf-8"), ("cp1256", "utf-8")),
)
_HALF_CHAIN = (("cp1256", "utf-8"),)


def _best_repair(run: str, following: str, chains) -> tuple[str, int] | None:
    """The repaired text of a run and how many following characters it consumed, or None.

    When the run is followed by a space, that space may be the remains of a no-break space
    (byte A0 at the cp1256 stage), so a decoding that needs it is tried too.
    """
    before = suspicion(run)
    for steps in chains:
        options = [(b"", 0)]
        if following == " ":
            options.append((b"\xa0", 1))
        for extra, consumed in options:
            fixed = _redecode(run, steps, extra)
            if fixed and _clean_result(fixed) and suspicion(fixed) < before:
                return fixed, consumed
    return None


def _inside_latin_text(text: str, match: re.Match) -> bool:
    """Whether a run of Arabic letters sits in Latin text: it carries Latin-1 characters or
    touches an ASCII letter ("cafأ©").  A lone Arabic word in Arabic text is left alone."""
    if any(0x80 <= ord(ch) <= 0xFF or ch in _CP1252_SYMBOLS for ch in match.group()):
        return True
    before = text[match.start() - 1:match.start()]
    after = text[match.end():match.end() + 1]
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


def _repair_runs(text: str, pattern: re.Pattern, chains, latin_only: bool = False) -> str:
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() < pos:  # the previous repair consumed this character
            continue
        if latin_only and not _inside_latin_text(text, match):
            continue
        following = text[match.end():match.end() + 1]
        repaired = _best_repair(match.group(), following, chains)
        if repaired is None:
            continue
        fixed, consumed = repaired
        out.append(text[pos:match.start()])
        out.append(fixed)
        pos = match.end() + consumed
    out.append(text[pos:])
    return "".join(out)


def fix_chain_mojibake(text: str) -> str:
    """Undo UTF-8 -> cp1256 -> Latin-1 (or cp1252) garbling, run by run (see module docstring)."""
    if text.isascii():
        return text
    text = _repair_runs(text, _HIGH_RUN, _FULL_CHAINS)
    return _repair_runs(text, _ARABIC_MIXED_RUN, (_HALF_CHAIN,), latin_only=True)


def repair_mojibake(text: str) -> str:
    """All mojibake repair: the cp1256 chain, then ftfy's fixes (curly quotes are kept as they are)."""
    if text.isascii():
        return text
    text = fix_chain_mojibake(text)
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False)
    return fix_chain_mojibake(text)
