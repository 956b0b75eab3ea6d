"""`accord code`: read news, code it, write records (stdout/--out) and/or a DuckDB file (--db)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from accord.cli import options
from accord.cli.app import app
from accord.config import EMIT_TYPES, Settings

log = logging.getLogger("accord")


def parse_emit(value: str) -> frozenset[str]:
    """``event,quote`` -> {"event", "quote"}; ``all`` -> every record type."""
    parts = {p.strip() for p in value.split(",") if p.strip()}
    if "all" in parts:
        return frozenset(EMIT_TYPES)
    unknown = parts - set(EMIT_TYPES)
    if unknown:
        raise typer.BadParameter(f"unknown record type(s) {sorted(unknown)}; "
                                 f"choose from {', '.join(EMIT_TYPES)} or all")
    return frozenset(parts)


def settings_from_options(*, date: Optional[str], model: str, actors: list[Path],
                          agents: list[Path], verbs: list[Path], selective: bool = False,
                          workers: int = 1) -> Settings:
    if date is not None:
        from datetime import date as _date

        try:
            _date.fromisoformat(date)
        except ValueError:
            raise typer.BadParameter(f"--date must be YYYY-MM-DD, got {date!r}")
    for p in [*actors, *agents, *verbs]:
        if not p.exists():
            raise typer.BadParameter(f"dictionary file not found: {p}")
    return Settings(model=model, default_date=date, actor_dictionaries=tuple(actors),
                    agent_dictionaries=tuple(agents), verb_dictionaries=tuple(verbs),
                    selective_parse=selective, workers=workers)


def configure_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, stream=sys.stderr,
                        format="accord: %(levelname)s: %(message)s")


@app.command("code")
def code_command(
    inputs: list[str] = typer.Argument(..., help="Files or directories to code (.txt .html .jsonl "
                                       ".json .warc, optionally .gz), or - for standard input."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write records here instead of stdout."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="Record format: jsonl or csv."),
    emit: str = typer.Option("event,error", "--emit", "-e",
                             help=f"Record types to write, comma-separated: {', '.join(EMIT_TYPES)}, or all."),
    db: Optional[Path] = typer.Option(None, "--db", help="Also store everything in this DuckDB "
                                      "file; re-running the same input adds nothing twice."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for "
                                       "articles that carry none; relative dates resolve against it."),
    model: str = options.MODEL,
    actors: list[Path] = options.ACTORS,
    agents: list[Path] = options.AGENTS,
    verbs: list[Path] = options.VERBS,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, errors only on stderr."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = one per core; "
                                "a single document is always coded in this process)."),
    engine: str = typer.Option("pool", "--engine", help="pool (default), serial, or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                            "(tcp://host:8786); default: a local cluster."),
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="With --engine dask: workers "
                                           "also write date-partitioned Parquet shards here."),
    checkpoint: Optional[int] = typer.Option(None, "--checkpoint", help="With --db: documents per "
                                             "committed batch, the most a crash can lose "
                                             "(default 256, or every 30 s)."),
    selective: Optional[bool] = typer.Option(None, "--selective/--full-parse", help="Parse only "
                                             "sentences holding an actor and a trigger candidate."),
) -> None:
    """Code news articles into CAMEO events, quotes and actors.

    Writes JSON Lines to stdout (one record a line, each with a "type"), or CSV with --format csv.
    Exit code: 0 every document coded, 3 some documents failed (each reported as an error
    record), 2 usage error.
    """
    from accord.cli.progress import RunProgress
    from accord.engines import run_coding
    from accord.ingest.readers import read_inputs
    from accord.store.records_io import RecordWriter

    configure_logging(quiet)
    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter(f"--format must be jsonl or csv, got {fmt!r}")
    emit_types = parse_emit(emit)
    from accord.engines import ENGINES

    if engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if (scheduler or parquet) and engine != "dask":
        raise typer.BadParameter("--scheduler and --parquet need --engine dask")
    if workers < 0:
        raise typer.BadParameter("--workers must be 0 (one per core) or more")
    settings = settings_from_options(date=date, model=model, actors=actors, agents=agents,
                                     verbs=verbs, workers=workers,
                                     selective=Settings().selective_parse if selective is None
                                     else selective)
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    writer = RecordWriter(stream, fmt, emit_types)
    sinks = [lambda result: writer.write_all(result.records(emit_types))]
    store = None
    skip = None
    if db is not None:
        from accord.store.db import Store

        if checkpoint is not None and checkpoint < 1:
            raise typer.BadParameter("--checkpoint must be at least 1")
        store = Store(db) if checkpoint is None else Store(db, batch_size=checkpoint)
        sinks.append(store.write_result)
        skip = store.is_done
    try:
        with RunProgress(enabled=not quiet) as progress:
            tally = run_coding(read_inputs(inputs, settings), settings, sinks=sinks, skip=skip,
                               on_result=progress.update, engine=engine,
                               scheduler=scheduler,
                               parquet_dir=str(parquet) if parquet is not None else None)
    finally:
        if store is not None:
            store.close()
        if out:
            stream.close()
    if not quiet:
        skipped = f", {tally.skipped} already stored" if tally.skipped else ""
        print(f"accord: {tally.coded} documents coded, {tally.failed} failed{skipped}; "
              f"{tally.events} events, {tally.quotes} quotes", file=sys.stderr)
    raise typer.Exit(tally.exit_code)
