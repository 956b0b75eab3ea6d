"""Schemathesis against the OpenAPI spec: generated requests to every operation, no server errors.

Two apps: the read-only one (every GET, and POST refused) over the hand-made store, and an
ingest one where POST /api/articles is fuzzed with the right bearer token, coding whatever
text Hypothesis invents through the real pipeline.  Examples are bounded per operation.
"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from accord.server import create_app
from web_session import handmade_store

TOKEN = "fuzz-token"
FAST = settings(max_examples=20, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=8, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return handmade_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")


@pytest.fixture(scope="module")
def tally():
    """Status codes seen, printed at the end (run with -s to read the figures)."""
    seen: dict[str, int] = {}
    yield seen
    print(f"\nschemathesis responses by status: {dict(sorted(seen.items()))}")


OPERATIONS = ["GET /api/health", "GET /api/summary", "GET /api/events",
              "GET /api/dyads/{a}/{b}/timeseries", "GET /api/top/{kind}", "GET /api/places",
              "GET /api/articles/{doc_id}", "GET /api/quotes", "POST /api/articles"]


@pytest.fixture(scope="module")
def read_only_schema(store):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(store))


@pytest.fixture(scope="module")
def ingest_schema(store, tmp_path_factory, pipeline):
    copy = tmp_path_factory.mktemp("fuzz_ingest") / "ingest.duckdb"
    shutil.copy(store, copy)
    app = create_app(copy, allow_ingest=True, token=TOKEN)
    app.state.accord._pipeline = pipeline  # the session's loaded pipeline
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def fuzz(schema, label: str, mode: GenerationMode, budget: settings, tally: dict,
         headers: dict | None = None) -> None:
    """Run Hypothesis over one operation's generated cases (valid ones for POSITIVE, invalid
    ones for NEGATIVE); every response must be < 500.
    (``schemathesis.pytest.from_fixture`` does not work with pytest 9: strategies are used.)"""
    method, path = label.split(" ", 1)
    operation = schema[path][method]

    @budget
    @given(case=operation.as_strategy(mode))
    def run(case):
        response = case.call(headers=headers)
        key = f"{label} {mode.value} -> {response.status_code}"
        tally[key] = tally.get(key, 0) + 1
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code < 500, response.text

    run()


def test_the_spec_lists_exactly_the_fuzzed_operations(read_only_schema):
    labels = [result.ok().label for result in read_only_schema.get_all_operations()]
    assert sorted(labels) == sorted(OPERATIONS)


MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


#: (operation, mode) pairs; an operation without parameters has no invalid requests to make.
CASES = [pytest.param(label, mode, id=f"{label}-{mode.value}") for label in OPERATIONS
         for mode in MODES if not (label == "GET /api/health" and mode is GenerationMode.NEGATIVE)]


@pytest.mark.parametrize("label, mode", CASES)
def test_no_server_error_on_generated_requests(read_only_schema, tally, label, mode):
    fuzz(read_only_schema, label, mode, FAST, tally)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
def test_no_server_error_when_posting_generated_articles_with_the_token(ingest_schema, tally,
                                                                       mode):
    fuzz(ingest_schema, "POST /api/articles", mode, SLOW, tally,
         headers={"Authorization": f"Bearer {TOKEN}"})
    if mode is GenerationMode.POSITIVE:
        assert any(k.startswith("POST /api/articles positive -> 201") for k in tally), \
            "no generated article was ever stored"
