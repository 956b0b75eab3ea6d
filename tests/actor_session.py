"""One spaCy pipeline and built-in actor lexicon per test session for the actor tests (not a test module).

The loaded ``Pipeline`` (tests/conftest.py) is reused when it can be built, so the session loads
the model once; otherwise the model is loaded once with the actor ruler and kept on the pytest
session object.
"""

from __future__ import annotations


def session_actor_nlp(request):
    """(nlp, built-in lexicon) for the session."""
    cached = getattr(request.session, "accord_actor_nlp", None)
    if cached is not None:
        return cached
    from accord.actors.lexicon import load_actor_lexicon
    from accord.config import Settings
    from accord.nlp.loader import ModelNotFound, load_nlp

    try:
        pipeline = request.getfixturevalue("pipeline")
        pair = (pipeline.nlp, pipeline.knowledge.actor_lexicon)
    except Exception:  # the whole pipeline cannot be built yet: load the model alone
        lexicon = load_actor_lexicon(Settings())
        try:
            pair = (load_nlp(Settings(), lexicon), lexicon)
        except ModelNotFound as exc:
            import pytest

            pytest.skip(str(exc))
    request.session.accord_actor_nlp = pair
    return pair
