"""`accord export`: stored events as GDELT 2.0, PLOVER JSON, JSON Lines, CSV or Parquet shards."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from accord.cli.app import app
from accord.cli.query import DB_OPTION, dataset


@app.command("export")
def export_command(
    fmt: str = typer.Option("jsonl", "--format", "-f",
                            help="gdelt, plover, jsonl, csv or parquet."),
    db: Path = DB_OPTION,
    out: Optional[Path] = typer.Option(None, "--out", "-o",
                                       help="Output file (stdout when omitted); for parquet a "
                                       "shard directory or a .parquet file."),
    parquet: Optional[Path] = typer.Option(None, "--parquet",
                                           help="Write date-partitioned Parquet shards to this "
                                           "directory (same as --format parquet --out DIR)."),
    source: Optional[str] = typer.Option(None, "--source"),
    target: Optional[str] = typer.Option(None, "--target"),
    country: Optional[str] = typer.Option(None, "--country"),
    root: Optional[str] = typer.Option(None, "--root"),
    code: Optional[str] = typer.Option(None, "--code"),
    date_from: Optional[str] = typer.Option(None, "--from"),
    date_to: Optional[str] = typer.Option(None, "--to"),
    text: Optional[str] = typer.Option(None, "--text"),
    dedup: bool = typer.Option(False, "--dedup", help="Each story event once."),
) -> None:
    """Export events, with the same filters as `accord events`.

    GDELT files have GDELT 2.0's 61 tab-separated columns and no header, with FIPS country
    codes, AvgTone 0 and our story counts (details: accord/store/exports_gdelt.py).
    """
    from accord.store.exports import export

    if parquet is not None:
        fmt, out = "parquet", parquet
    with dataset(db) as ds:
        n = export(ds, fmt, out, source=source, target=target, country=country, root=root,
                   code=code, date_from=date_from, date_to=date_to, text=text, dedup=dedup)
    print(f"accord: {n} events exported as {fmt}" + (f" to {out}" if out else ""), file=sys.stderr)
