"""Parquet scale path: date-partitioned shards that DuckDB (and ``accord.open``) query in place.

Layout: ``DIR/<table>/day=YYYY-MM-DD/part-<uuid>.parquet`` (``day=unknown`` for undated rows;
tables without dates, such as quotes, go straight under ``DIR/<table>/``).  Every shard is
written under a hidden temporary name in its final folder and then renamed, so a reader never
sees half a file; shards are only ever added, so writing more later is just another call.
``accord.open(DIR)`` reads such a directory with the same queries as a DuckDB store.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


def atomic_write_table(table: pa.Table, path: Path) -> Path:
    """Write ``table`` to ``path`` via a temporary name in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_partitioned(table: pa.Table, root: str | Path, name: str,
                      date_column: str | None = "date") -> list[Path]:
    """Append ``table`` as shards of ``root/name``, one per day of ``date_column``."""
    folder = Path(root) / name
    written: list[Path] = []
    if table.num_rows == 0:
        return written
    shard = f"part-{uuid.uuid4().hex}.parquet"
    if date_column is None or date_column not in table.column_names:
        return [atomic_write_table(table, folder / shard)]
    days = pc.cast(table.column(date_column), pa.string()).fill_null("unknown")
    order = pc.sort_indices(days)
    table, days = table.take(order), days.take(order)
    values = np.asarray(days.to_pylist(), dtype=object)
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    ends = np.r_[starts[1:], len(values)]
    for start, end in zip(starts, ends):
        part = table.slice(int(start), int(end - start))
        written.append(atomic_write_table(part, folder / f"day={values[start]}" / shard))
    return written


def parquet_glob(root: str | Path, name: str) -> str | None:
    """The glob DuckDB reads for table ``name`` under ``root``; None when it has no shards."""
    folder = Path(root) / name
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return None
    return str(folder / "**" / "*.parquet")
