"""Gold sets -> pipeline -> metrics: what `accord eval` measures, defined in one place.

A gold file is JSON Lines, one sentence a line (see ``../shared/gold/README.md``)::

    {"id", "set", "text", "date", "complete", "events": [{"code", "source", "target"}], "note"}

Two kinds of set, scored differently:

* **complete** sets (``petr2-gsr``, ``petr-unittest``): the gold events are all the events of the
  sentence (an empty list means "no event").  Each sentence gives a *set* of
  ``(source, target, code)`` triples for gold and for the prediction; precision, recall and F1
  are micro-averaged over sentences (true positives, false positives and false negatives summed
  over every sentence, then divided).  Two looser views use the same arithmetic:
  ``dyad_root`` = (source country, target country, root code) and ``root`` = root code alone.
  ``exact_match`` is the share of sentences whose predicted triple set equals the gold set exactly
  (two empty sets are equal: a correctly silent sentence counts as exact).
* **recall** sets (``cameo-manual``, ``complete: false``): each record lists the one event the
  CAMEO manual illustrates; the sentence may hold more, so only recall is meaningful.  For each
  gold event: hit at full code when some predicted event of that sentence has the same code; hit
  at root when some has the same root; hit at root + source country when some has the same root
  *and* a source country among the gold ``sources`` codes.  Only gold events that list sources
  count in that last denominator (``n_with_sources`` is reported).  ``events_per_sentence`` (all
  predicted events over all sentences) is the over-generation proxy.

How things compare:

* codes are strings compared in full, leading zeros kept ("042" == "042", "42" is not); the root
  is the first two characters;
* actor codes are compared in full, upper-cased, for triples ("USAGOV" != "USA"); a *country* is
  the first three characters of an actor code ("USAGOV" -> "USA", "IGOEUREEC" -> "IGO",
  "---REB" -> "---"), the same rule for gold and predicted;
* a missing target is the empty string: a predicted event without a target matches only a gold
  event without a target (none of the shipped gold sets has one), so target-less predictions
  count as false positives against gold that names a target;
* a predicted triple produced twice in one sentence counts once (sets), but
  ``events_per_sentence`` counts every event the pipeline emitted.

When a ratio has an empty denominator (no prediction at all, say) it is reported as 0.0.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from accord.config import Settings

#: Sets whose gold lists are complete (scored by P/R/F1) vs recall-only sets.
COMPLETE = "complete"
RECALL = "recall"


# -- gold records ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldActor:
    """An actor the CAMEO-manual coders named: its text, country/IGO code and sector."""

    text: str
    code: str
    sector: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    code: str
    source: str | None = None
    target: str | None = None
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()


@dataclass(frozen=True)
class GoldRecord:
    id: str
    set: str
    text: str
    date: str | None
    complete: bool
    events: tuple[GoldEvent, ...]
    note: str | None = None


@dataclass(frozen=True)
class Predicted:
    """What the evaluation needs from a coded event."""

    code: str
    source: str
    target: str | None = None

    @classmethod
    def from_event(cls, event) -> "Predicted":
        return cls(code=event.code, source=event.source.code,
                   target=event.target.code if event.target is not None else None)


def _actors(items, where: str) -> tuple[GoldActor, ...]:
    out = []
    for item in items or ():
        if not isinstance(item, dict) or not item.get("code"):
            raise ValueError(f"{where}: actor without a code: {item!r}")
        out.append(GoldActor(text=item.get("text") or "", code=str(item["code"]),
                             sector=item.get("sector")))
    return tuple(out)


def parse_gold_line(line: str, where: str = "<gold>") -> GoldRecord:
    """One JSON line -> GoldRecord; ValueError naming ``where`` when a field is missing/bad."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: not JSON ({exc.msg})") from None
    for key in ("id", "text", "events"):
        if key not in obj:
            raise ValueError(f"{where}: missing {key!r}")
    events = []
    for ev in obj["events"]:
        code = ev.get("code")
        if not isinstance(code, str) or not code.strip():
            raise ValueError(f"{where}: event code must be a string such as \"042\", got {code!r}")
        events.append(GoldEvent(code=code.strip(), source=ev.get("source"), target=ev.get("target"),
                                sources=_actors(ev.get("sources"), where),
                                targets=_actors(ev.get("targets"), where)))
    return GoldRecord(id=str(obj["id"]), set=obj.get("set") or "gold", text=obj["text"],
                      date=obj.get("date"), complete=bool(obj.get("complete", True)),
                      events=tuple(events), note=obj.get("note"))


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold JSON Lines file (blank lines skipped).

    Predictions are matched to records by id, so a repeated id (petr_unittest.jsonl repeats a
    few) is made unique as ``ID#2``, ``ID#3``: two sentences never share their predictions.
    """
    path = Path(path)
    records = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                rec = parse_gold_line(line, f"{path}:{lineno}")
                seen[rec.id] = seen.get(rec.id, 0) + 1
                if seen[rec.id] > 1:
                    rec = replace(rec, id=f"{rec.id}#{seen[rec.id]}")
                records.append(rec)
    return records


# -- arithmetic -----------------------------------------------------------------------------
def _ratio(num: int | float, den: int | float) -> float:
    return num / den if den else 0.0


def country(actor_code: str | None) -> str:
    """The country (or IGO/NGO prefix) of an actor code: its first three characters."""
    return (actor_code or "").strip().upper()[:3]


def _norm(actor_code: str | None) -> str:
    return (actor_code or "").strip().upper()


@dataclass(frozen=True)
class PRF:
    """Counts summed over sentences, and the micro-averaged ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    def add(self, gold: set, predicted: set) -> "PRF":
        return PRF(self.tp + len(gold & predicted), self.fp + len(predicted - gold),
                   self.fn + len(gold - predicted))

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def gold_triples(record: GoldRecord) -> set[tuple[str, str, str]]:
    return {(_norm(e.source), _norm(e.target), e.code) for e in record.events}


def predicted_triples(predicted: Iterable[Predicted]) -> set[tuple[str, str, str]]:
    return {(_norm(p.source), _norm(p.target), p.code.strip()) for p in predicted}


def _dyad_root(triples: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {(s[:3], t[:3], c[:2]) for s, t, c in triples}


def _roots(triples: set[tuple[str, str, str]]) -> set[str]:
    return {c[:2] for _, _, c in triples}


@dataclass(frozen=True)
class SentenceError:
    """One sentence the prediction got wrong: what gold had, what was predicted."""

    id: str
    text: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "gold": list(self.gold),
                "predicted": list(self.predicted), "missing": list(self.missing),
                "extra": list(self.extra)}


def _fmt(triple: tuple[str, str, str]) -> str:
    s, t, c = triple
    return f"{s or '?'} -> {t or '-'} {c}"


def _fmt_pred(p: Predicted) -> str:
    return _fmt((_norm(p.source), _norm(p.target), p.code))


@dataclass(frozen=True)
class CompleteMetrics:
    """Scores for a complete set (every event of each sentence is in the gold)."""

    set_name: str
    n_sentences: int
    triples: PRF
    dyad_root: PRF
    root: PRF
    n_exact: int
    n_gold_events: int
    n_predicted_events: int
    errors: tuple[SentenceError, ...] = field(default=(), compare=False)
    kind: str = COMPLETE

    @property
    def exact_match(self) -> float:
        return _ratio(self.n_exact, self.n_sentences)

    @property
    def events_per_sentence(self) -> float:
        return _ratio(self.n_predicted_events, self.n_sentences)

    @property
    def figures(self) -> dict[str, float]:
        """The headline figures by name (what accuracy floors are set on)."""
        return {"triples_precision": self.triples.precision, "triples_recall": self.triples.recall,
                "triples_f1": self.triples.f1, "dyad_root_f1": self.dyad_root.f1,
                "root_f1": self.root.f1, "exact_match": self.exact_match,
                "events_per_sentence": self.events_per_sentence}

    def to_dict(self) -> dict:
        return {"set": self.set_name, "kind": self.kind, "n_sentences": self.n_sentences,
                "n_gold_events": self.n_gold_events,
                "n_predicted_events": self.n_predicted_events,
                "triples": self.triples.to_dict(), "dyad_root": self.dyad_root.to_dict(),
                "root": self.root.to_dict(), "exact_match": round(self.exact_match, 4),
                "n_exact": self.n_exact,
                "events_per_sentence": round(self.events_per_sentence, 4)}

    def lines(self) -> list[str]:
        out = [f"{'view':<34}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
        for name, prf in (("(source, target, code) triples", self.triples),
                          ("(src country, tgt country, root)", self.dyad_root),
                          ("root code", self.root)):
            out.append(f"{name:<34}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"
                       f"{prf.tp:>6}{prf.fp:>6}{prf.fn:>6}")
        out.append(f"exact match: {self.exact_match:.3f} ({self.n_exact}/{self.n_sentences} "
                   f"sentences with the predicted triple set equal to gold)")
        out.append(f"events per sentence: {self.events_per_sentence:.2f} predicted "
                   f"({self.n_predicted_events} events; gold {self.n_gold_events})")
        return out


def score_complete(records: Sequence[GoldRecord],
                   predictions: Mapping[str, Sequence[Predicted]],
                   set_name: str | None = None) -> CompleteMetrics:
    """P/R/F1 over per-sentence triple sets (micro-averaged), plus the looser views."""
    triples, dyads, roots = PRF(), PRF(), PRF()
    n_exact = n_gold = n_pred = 0
    errors = []
    for rec in records:
        pred = list(predictions.get(rec.id, ()))
        g, p = gold_triples(rec), predicted_triples(pred)
        triples = triples.add(g, p)
        dyads = dyads.add(_dyad_root(g), _dyad_root(p))
        roots = roots.add(_roots(g), _roots(p))
        n_exact += g == p
        n_gold += len(rec.events)
        n_pred += len(pred)
        if g != p:
            errors.append(SentenceError(
                id=rec.id, text=rec.text, gold=tuple(sorted(map(_fmt, g))),
                predicted=tuple(sorted(map(_fmt, p))),
                missing=tuple(sorted(map(_fmt, g - p))), extra=tuple(sorted(map(_fmt, p - g)))))
    name = set_name or (records[0].set if records else "gold")
    return CompleteMetrics(set_name=name, n_sentences=len(records), triples=triples,
                           dyad_root=dyads, root=roots, n_exact=n_exact, n_gold_events=n_gold,
                           n_predicted_events=n_pred, errors=tuple(errors))


@dataclass(frozen=True)
class RecallMetrics:
    """Scores for a recall-only set (the gold lists one illustrated event per sentence)."""

    set_name: str
    n_sentences: int
    n_gold_events: int
    hits_code: int
    hits_root: int
    n_with_sources: int
    hits_root_source: int
    n_predicted_events: int
    errors: tuple[SentenceError, ...] = field(default=(), compare=False)
    kind: str = RECALL
    #: (root, gold events, hits at full code, hits at root), one row per gold root code.
    by_root: tuple[tuple[str, int, int, int], ...] = ()
    #: Gold events with sources where some predicted event (any code) has a source actor of a
    #: gold source country: the actor stage's measure (issue 3), independent of the code.
    hits_source: int = 0

    @property
    def code_recall(self) -> float:
        return _ratio(self.hits_code, self.n_gold_events)

    @property
    def root_recall(self) -> float:
        return _ratio(self.hits_root, self.n_gold_events)

    @property
    def root_source_recall(self) -> float:
        return _ratio(self.hits_root_source, self.n_with_sources)

    @property
    def source_country_share(self) -> float:
        return _ratio(self.hits_source, self.n_with_sources)

    @property
    def events_per_sentence(self) -> float:
        return _ratio(self.n_predicted_events, self.n_sentences)

    @property
    def figures(self) -> dict[str, float]:
        """The headline figures by name (what accuracy floors are set on)."""
        return {"code_recall": self.code_recall, "root_recall": self.root_recall,
                "root_source_recall": self.root_source_recall,
                "source_country_share": self.source_country_share,
                "events_per_sentence": self.events_per_sentence}

    def to_dict(self) -> dict:
        return {"set": self.set_name, "kind": self.kind, "n_sentences": self.n_sentences,
                "n_gold_events": self.n_gold_events,
                "code_recall": round(self.code_recall, 4), "hits_code": self.hits_code,
                "root_recall": round(self.root_recall, 4), "hits_root": self.hits_root,
                "root_source_recall": round(self.root_source_recall, 4),
                "hits_root_source": self.hits_root_source,
                "source_country_share": round(self.source_country_share, 4),
                "hits_source": self.hits_source,
                "n_with_sources": self.n_with_sources,
                "n_predicted_events": self.n_predicted_events,
                "events_per_sentence": round(self.events_per_sentence, 4),
                "by_root": {root: {"n": n, "hits_code": code, "hits_root": hit_root}
                            for root, n, code, hit_root in self.by_root}}

    def lines(self) -> list[str]:
        n = self.n_gold_events
        roots = "  ".join(f"{root}:{hit_root}/{count}" for root, count, _, hit_root in self.by_root)
        return [
            f"recall at full code:             {self.code_recall:.3f} ({self.hits_code}/{n})",
            f"recall at root code:             {self.root_recall:.3f} ({self.hits_root}/{n})",
            f"recall at root + source country: {self.root_source_recall:.3f} "
            f"({self.hits_root_source}/{self.n_with_sources} events whose gold names sources)",
            f"source country right (any code): {self.source_country_share:.3f} "
            f"({self.hits_source}/{self.n_with_sources})",
            f"events per sentence:             {self.events_per_sentence:.2f} "
            f"({self.n_predicted_events} predicted events)",
            f"root hits by gold root: {roots}",
        ]


def score_recall(records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Predicted]],
                 set_name: str | None = None) -> RecallMetrics:
    """Recall at full code, root, and root + source country; events per sentence."""
    n_gold = hits_code = hits_root = n_src = hits_src = hits_any_src = n_pred = 0
    errors = []
    per_root: dict[str, list[int]] = {}
    for rec in records:
        pred = list(predictions.get(rec.id, ()))
        n_pred += len(pred)
        codes = {p.code.strip() for p in pred}
        roots = {c[:2] for c in codes}
        root_countries = {(p.code.strip()[:2], country(p.source)) for p in pred}
        source_countries = {country(p.source) for p in pred}
        missing = []
        for ev in rec.events:
            n_gold += 1
            hit_code = ev.code in codes
            hit_root = ev.code[:2] in roots
            hits_code += hit_code
            hits_root += hit_root
            tally = per_root.setdefault(ev.code[:2], [0, 0, 0])
            tally[0] += 1
            tally[1] += hit_code
            tally[2] += hit_root
            if ev.sources:
                n_src += 1
                hits_src += any((ev.code[:2], country(a.code)) in root_countries
                                for a in ev.sources)
                hits_any_src += any(country(a.code) in source_countries for a in ev.sources)
            if not hit_code:
                srcs = "/".join(a.code for a in ev.sources) or "?"
                tgts = "/".join(a.code for a in ev.targets) or "-"
                missing.append(f"{srcs} -> {tgts} {ev.code}")
        if missing:
            shown = tuple(sorted(map(_fmt_pred, pred)))
            errors.append(SentenceError(id=rec.id, text=rec.text, gold=tuple(missing),
                                        predicted=shown, missing=tuple(missing), extra=shown))
    name = set_name or (records[0].set if records else "gold")
    return RecallMetrics(set_name=name, n_sentences=len(records), n_gold_events=n_gold,
                         hits_code=hits_code, hits_root=hits_root, n_with_sources=n_src,
                         hits_root_source=hits_src, hits_source=hits_any_src,
                         n_predicted_events=n_pred,
                         errors=tuple(errors),
                         by_root=tuple((root, *per_root[root]) for root in sorted(per_root)))


SetMetrics = CompleteMetrics | RecallMetrics


def score(records: Sequence[GoldRecord],
          predictions: Mapping[str, Sequence[Predicted]]) -> list[SetMetrics]:
    """Score each set in the file (grouped by ``set``; complete vs recall by ``complete``)."""
    groups: dict[tuple[str, bool], list[GoldRecord]] = {}
    for rec in records:
        groups.setdefault((rec.set, rec.complete), []).append(rec)
    out: list[SetMetrics] = []
    for (name, complete), recs in groups.items():
        scorer = score_complete if complete else score_recall
        out.append(scorer(recs, predictions, set_name=name))
    return out


# -- report ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvalReport:
    """Everything `accord eval` prints for one gold file."""

    path: str
    sets: tuple[SetMetrics, ...]
    doc_errors: tuple[str, ...] = ()
    seconds: float = 0.0
    show_errors: bool = False

    def get(self, set_name: str) -> SetMetrics:
        for s in self.sets:
            if s.set_name == set_name:
                return s
        raise KeyError(f"no set {set_name!r} in {self.path}; sets: "
                       f"{[s.set_name for s in self.sets]}")

    def to_dict(self) -> dict:
        out = {"gold": self.path, "seconds": round(self.seconds, 2),
               "sets": [s.to_dict() for s in self.sets],
               "doc_errors": list(self.doc_errors)}
        if self.show_errors:
            for entry, s in zip(out["sets"], self.sets):
                entry["errors"] = [e.to_dict() for e in s.errors]
        return out

    def to_text(self) -> str:
        lines = [f"gold: {self.path}"]
        for s in self.sets:
            kind = "complete: P/R/F1" if s.kind == COMPLETE else "incomplete: recall only"
            lines += ["", f"set: {s.set_name} ({kind})", f"sentences: {s.n_sentences}"]
            lines += s.lines()
            if self.show_errors and s.errors:
                lines += ["", f"sentences with errors: {len(s.errors)}"]
                for e in s.errors:
                    lines.append(f"- {e.id}: {e.text}")
                    lines.append(f"    gold:      {'; '.join(e.gold) or '(no event)'}")
                    lines.append(f"    predicted: {'; '.join(e.predicted) or '(no event)'}")
                    if s.kind == COMPLETE:
                        lines.append(f"    missing:   {'; '.join(e.missing) or '-'}")
                        lines.append(f"    extra:     {'; '.join(e.extra) or '-'}")
        if self.doc_errors:
            lines += ["", f"documents that failed ({len(self.doc_errors)}):"]
            lines += [f"- {e}" for e in self.doc_errors]
        lines += ["", f"time: {self.seconds:.1f}s"]
        return "\n".join(lines)


# -- running the pipeline -------------------------------------------------------------------
def predict(records: Sequence[GoldRecord], pipeline) -> tuple[dict[str, list[Predicted]],
                                                               list[str]]:
    """Code every gold sentence (one Article each, in one nlp.pipe stream) with ``pipeline``.

    Returns predicted events by gold id, and the documents that failed ("id: stage: reason").
    """
    from accord.records import Article

    articles = (Article(doc_id=r.id, text=r.text, date=r.date) for r in records)
    predictions: dict[str, list[Predicted]] = {r.id: [] for r in records}
    failures: list[str] = []
    for result in pipeline.process(articles):
        for err in result.errors:
            failures.append(f"{err.doc_id}: {err.stage}: {err.reason}")
        doc_id = result.doc_id
        if doc_id in predictions:
            predictions[doc_id].extend(Predicted.from_event(e) for e in result.events)
    return predictions, failures


def eval_settings(settings: Settings | None) -> Settings:
    """The settings gold runs use: the caller's, without language detection."""
    return (settings or Settings()).replace(detect_language=False)


def evaluate_records(records: Sequence[GoldRecord], pipeline, *, path: str = "<gold>",
                     show_errors: bool = False) -> EvalReport:
    started = time.perf_counter()
    predictions, failures = predict(records, pipeline)
    return EvalReport(path=path, sets=tuple(score(records, predictions)),
                      doc_errors=tuple(failures), seconds=time.perf_counter() - started,
                      show_errors=show_errors)


def evaluate_gold(path: str | Path, settings: Settings | None = None, pipeline=None,
                  show_errors: bool = False) -> EvalReport:
    """Run the real pipeline over a gold file and score it (see the module docstring).

    ``pipeline`` reuses an already loaded ``accord.pipeline.Pipeline``; otherwise one is built
    from ``settings`` (language detection off).
    """
    records = load_gold(path)
    if pipeline is None:
        from accord.pipeline import Pipeline

        pipeline = Pipeline(eval_settings(settings))
    return evaluate_records(records, pipeline, path=str(path), show_errors=show_errors)
