"""Shared test fixtures: the reference data folder (../shared), a loaded pipeline, temp dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ACCORD_SHARED", REPO.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason (a fresh clone has no shared/).

    In CI the reference data must be there: a missing file fails instead of skipping, so the
    accuracy floor cannot silently stop being checked.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"CI needs the reference data at {path}")
        pytest.skip(f"reference data not available: {path} (../shared is not part of the repo)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    """One loaded Pipeline for the whole session (loading spaCy is the slow part)."""
    from accord.config import Settings
    from accord.pipeline import Pipeline

    return Pipeline(Settings(detect_language=False))


@pytest.fixture(scope="session")
def scraped_story() -> Path:
    return shared_path("fixtures", "russia_iraq_scraped.txt")
