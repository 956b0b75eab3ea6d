"""Accuracy floors: coding the dev gold sets must not fall below the figures recorded here.

The floors live in ACCURACY_FLOORS and nowhere else, each set just under the figure `accord eval`
measured when it was last raised (the measured figure is in the comment), so accuracy never
silently regresses.  Raise a floor when the coder improves; never lower one to make a change pass.
``max_events_per_sentence`` is a ceiling, not a floor: the over-generation guard.
"""

from __future__ import annotations

import importlib.util

import pytest

from accord.evaluate import evaluate_gold
from tests.conftest import IN_CI, shared_path

#: gold file -> set name -> figure -> lowest acceptable value (see accord.evaluate for names).
ACCURACY_FLOORS = {
    "petr2_gsr.dev.jsonl": {
        "petr2-gsr": {
            "triples_f1": 0.70,  # measured 0.720; issue 4 target >= 0.70 (PETRARCH2: 0.657)
            "dyad_root_f1": 0.88,  # measured 0.907; target >= 0.88
            "root_f1": 0.93,  # measured 0.957
            "exact_match": 0.72,  # measured 0.744
            "max_events_per_sentence": 2.5,
        },
    },
    "cameo_manual.dev.jsonl": {
        "cameo-manual": {
            "code_recall": 0.70,  # measured 0.722; target >= 0.60
            "root_recall": 0.84,  # measured 0.861; target >= 0.80
            "root_source_recall": 0.80,  # measured 0.823; target >= 0.70
            "source_country_share": 0.85,  # measured 0.861; issue 3 target >= 0.85
            "max_events_per_sentence": 2.5,  # target: <= 2.5
        },
    },
}

#: Stages the real pipeline needs (other engineers' modules, in progress).
PIPELINE_MODULES = ("accord.events.coder", "accord.events.lexicon", "accord.nlp.loader",
                    "accord.actors.lexicon", "accord.actors.resolve", "accord.ingest.prepare",
                    "accord.enrich.quotes", "accord.enrich.dates", "accord.enrich.places")


@pytest.fixture(scope="module")
def real_pipeline(request):
    absent = [m for m in PIPELINE_MODULES if importlib.util.find_spec(m) is None]
    if absent:
        message = f"pipeline stages not written yet: {', '.join(absent)}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return request.getfixturevalue("pipeline")


def check_floors(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The floors a set of figures breaks, as readable lines (empty when all hold)."""
    broken = []
    for name, limit in floors.items():
        if name.startswith("max_"):
            value = figures[name[4:]]
            if value > limit:
                broken.append(f"{name[4:]} = {value:.3f} above the ceiling {limit}")
        elif figures[name] < limit:
            broken.append(f"{name} = {figures[name]:.3f} below the floor {limit}")
    return broken


def test_floor_check_reports_broken_floors_and_ceilings():
    floors = {"triples_f1": 0.7, "root_f1": 0.5, "max_events_per_sentence": 2.5}
    figures = {"triples_f1": 0.65, "root_f1": 0.9, "events_per_sentence": 3.0}
    assert check_floors(figures, floors) == [
        "triples_f1 = 0.650 below the floor 0.7",
        "events_per_sentence = 3.000 above the ceiling 2.5"]
    assert check_floors({"triples_f1": 0.7, "root_f1": 0.5, "events_per_sentence": 2.5},
                        floors) == []


def test_every_floor_names_a_reported_figure():
    from accord.evaluate import score_complete, score_recall

    known = {
        "petr2_gsr.dev.jsonl": set(score_complete([], {}).figures),
        "cameo_manual.dev.jsonl": set(score_recall([], {}).figures),
    }
    for filename, sets in ACCURACY_FLOORS.items():
        for floors in sets.values():
            names = {n[4:] if n.startswith("max_") else n for n in floors}
            assert names <= known[filename], names - known[filename]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("filename", sorted(ACCURACY_FLOORS))
def test_dev_gold_accuracy_stays_above_the_floors(filename, real_pipeline):
    report = evaluate_gold(shared_path("gold", filename), pipeline=real_pipeline)
    print(report.to_text())
    broken = []
    for set_name, floors in ACCURACY_FLOORS[filename].items():
        figures = report.get(set_name).figures
        broken += [f"{set_name}: {line}" for line in check_floors(figures, floors)]
    assert not broken, "\n".join(broken)
