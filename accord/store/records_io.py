"""Streaming writers for the record output contract: JSON Lines (default) and flat CSV.

JSON Lines keeps the nested objects (``source``, ``trigger``, ``plover``...).  CSV flattens them
with underscores (``source_code``, ``trigger_start``) into a fixed column set per record type, so
a stream can be written row by row without buffering; mixed types share the union of columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from accord.records import (Article, ActorMention, ActorRef, DocError, Event, Location, Plover,
                            Quote, Sentence, Span)

_REF = ActorRef(code="", country=None, sector=None, text="", start=0, end=0,
                geo=Location(name="", country=None))
_TEMPLATES = {
    "event": Event(event_id="", doc_id="", sentence_index=0, sentence="", code="", base_code="",
                   root_code="", quad_class=0, goldstein=0.0, source=_REF, target=_REF,
                   trigger=Span("", 0, 0), confidence=0.0, pattern_id="",
                   plover=Plover(None), location=Location(name="", country=None)),
    "quote": Quote(quote_id="", doc_id="", text="", start=0, end=0, kind="", speaker=_REF,
                   sentence_index=0, cue=Span("", 0, 0)),
    "article": Article(doc_id="", text=""),
    "actor": ActorMention(doc_id="", actor_id="", sentence_index=0, code="", country=None,
                          sector=None, text="", start=0, end=0, kind=""),
    "sentence": Sentence(doc_id="", index=0, text="", start=0, end=0),
    "error": DocError(doc_id="", reason=""),
}


def flatten(record: dict, prefix: str = "") -> dict:
    """``{"source": {"code": "RUS"}}`` -> ``{"source_code": "RUS"}``."""
    out: dict = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}_"))
        else:
            out[name] = value
    return out


def csv_columns(types: Iterable[str]) -> list[str]:
    """The CSV header for a stream holding these record types, in a stable order."""
    columns: list[str] = []
    for t in types:
        for col in flatten(_TEMPLATES[t].to_dict()):
            if col not in columns:
                columns.append(col)
    return columns


class RecordWriter:
    """Writes records to a text stream as JSON Lines or CSV, one record per line, flushing often."""

    def __init__(self, stream: IO[str], fmt: str = "jsonl", types: Iterable[str] = ("event",)):
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"unknown format {fmt!r}: use jsonl or csv")
        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._csv = None
        if fmt == "csv":
            ordered = [t for t in _TEMPLATES if t in set(types)]
            self._csv = csv.DictWriter(stream, fieldnames=csv_columns(ordered),
                                       extrasaction="ignore")
            self._csv.writeheader()

    def write(self, record) -> None:
        data = record.to_dict() if hasattr(record, "to_dict") else dict(record)
        if self._csv is not None:
            self._csv.writerow(flatten(data))
        else:
            self.stream.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.count += 1

    def write_all(self, records: Iterable) -> None:
        for r in records:
            self.write(r)
        self.stream.flush()
