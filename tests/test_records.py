"""The record contract: every record serialises to the documented JSON shape."""

import csv
import io
import json

from accord.records import (ActorRef, Article, DocError, DocumentResult, Event, Plover, Quote,
                            Span, record_type, stable_id)
from accord.store.records_io import RecordWriter, csv_columns, flatten


def make_event(**changes) -> Event:
    src = ActorRef(code="RUSGOV", country="RUS", sector="GOV", text="Lavrov", start=0, end=6,
                   name="Sergey Lavrov", actor_id="a1")
    tgt = ActorRef(code="IRQ", country="IRQ", sector=None, text="Iraq", start=20, end=24)
    base = dict(event_id="e1", doc_id="d1", sentence_index=0, sentence="Lavrov praised Iraq.",
                code="0311", base_code="031", root_code="03", quad_class=1, goldstein=5.2,
                source=src, target=tgt, trigger=Span("praised", 7, 14), confidence=0.9,
                pattern_id="praise.verb", label="Express intent to cooperate economically",
                plover=Plover("AGREE", None))
    base.update(changes)
    return Event(**base)


def test_event_serialises_with_leading_zero_codes_and_nested_actors():
    data = make_event().to_dict()
    assert data["type"] == "event"
    assert data["code"] == "0311" and data["root_code"] == "03"
    assert data["source"]["code"] == "RUSGOV" and data["source"]["name"] == "Sergey Lavrov"
    assert data["target"]["country"] == "IRQ"
    assert data["trigger"] == {"text": "praised", "start": 7, "end": 14}
    assert data["plover"] == {"event": "AGREE", "mode": None}
    json.dumps(data)  # JSON-ready


def test_event_without_target_serialises_target_as_null():
    assert make_event(target=None).to_dict()["target"] is None


def test_stable_id_is_deterministic_and_input_sensitive():
    assert stable_id("a", "b") == stable_id("a", "b")
    assert stable_id("a", "b") != stable_id("ab", "")
    assert len(stable_id("x")) == 16


def test_document_result_emits_requested_types_in_stable_order():
    article = Article(doc_id="d1", text="Lavrov praised Iraq.")
    quote = Quote(quote_id="q1", doc_id="d1", text="x", start=0, end=1, kind="direct",
                  speaker=None, sentence_index=0)
    result = DocumentResult(article=article, events=(make_event(),), quotes=(quote,))
    types = [record_type(r) for r in result.records({"quote", "event", "article"})]
    assert types == ["article", "event", "quote"]
    assert result.records({"error"}) == []


def test_csv_writer_flattens_nested_fields_into_fixed_columns():
    buf = io.StringIO()
    writer = RecordWriter(buf, "csv", {"event", "error"})
    writer.write_all([make_event(), DocError(doc_id="d2", reason="empty document", stage="read")])
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["source_code"] == "RUSGOV" and rows[0]["trigger_start"] == "7"
    assert rows[1]["type"] == "error" and rows[1]["reason"] == "empty document"
    assert "source_code" in csv_columns(["event"])


def test_jsonl_writer_writes_one_record_a_line():
    buf = io.StringIO()
    RecordWriter(buf, "jsonl").write_all([make_event(), make_event(event_id="e2")])
    lines = buf.getvalue().splitlines()
    assert [json.loads(l)["event_id"] for l in lines] == ["e1", "e2"]


def test_flatten_joins_nested_keys_with_underscores():
    assert flatten({"a": {"b": 1, "c": {"d": 2}}, "e": 3}) == {"a_b": 1, "a_c_d": 2, "e": 3}
