"""`accord summary|events|dyad|top|quotes`: look at a coded store; each command is one Dataset call."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from accord.cli.app import app

DB_OPTION = typer.Option(Path("accord.duckdb"), "--db",
                         help="DuckDB store written by `accord code --db` (or a Parquet export directory).")


@contextmanager
def dataset(db: Path):
    """Open the store read-only; usage errors (missing file, bad filter) exit with code 2."""
    from accord.analysis import Dataset

    try:
        ds = Dataset(db)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db")
    try:
        yield ds
    except ValueError as exc:
        raise typer.BadParameter(str(exc))
    finally:
        ds.close()


def print_frame(frame, title: str | None = None, fmt: str = "table") -> None:
    """A DataFrame as a rich table (default), JSON Lines or CSV on stdout."""
    if fmt == "jsonl":
        frame.to_json(sys.stdout, orient="records", lines=True, date_format="iso",
                      force_ascii=False)
        return
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in frame.columns:
        numeric = frame[col].dtype.kind in "iuf"
        table.add_column(str(col), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    console().print(table)


def console():
    """A rich console; when piped, wide enough not to squeeze tables into 80 columns."""
    from rich.console import Console

    out = Console()
    return out if out.is_terminal else Console(width=200)


def _cell(value) -> str:
    if value is None:
        return ""
    try:
        if value != value:
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return f"{value:.2f}"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _check_format(fmt: str) -> str:
    if fmt not in ("table", "jsonl", "csv"):
        raise typer.BadParameter(f"--format must be table, jsonl or csv, got {fmt!r}")
    return fmt


EVENT_COLUMNS = ["date", "source_code", "target_code", "code", "label", "quad_class", "goldstein",
                 "num_mentions", "doc_id", "sentence"]


@app.command("summary")
def summary_command(db: Path = DB_OPTION,
                    n: int = typer.Option(10, "--n", help="Top dyads to show.")) -> None:
    """What is in a store: documents, events by CAMEO root and QuadClass, top dyads."""
    with dataset(db) as ds:
        s = ds.summary(n=n)
    c = s["counts"].iloc[0]
    con = console()
    con.print(f"[bold]{db}[/bold]: {c.documents} documents ({c.coded} coded, {c.failed} "
                  f"failed), {c.events} events ({c.story_events} once per story, {c.stories} "
                  f"stories), {c.quotes} quotes; dates {_cell(c.first_date) or '-'} to "
                  f"{_cell(c.last_date) or '-'}")
    print_frame(s["by_root"], "Events by CAMEO root (events counted once per story)")
    print_frame(s["by_quad"], "Events by QuadClass")
    print_frame(s["top_dyads"], "Top dyads (source -> target country)")
    con.print("Where to look next:")
    for hint in (f"accord top dyads --db {db}", f"accord dyad RUS IRQ --by week --db {db} "
                 "--plot dyad.png", f"accord events --source RUS --root 03 --db {db}",
                 f"accord export --format gdelt --db {db} --out events.CSV",
                 f"accord serve --db {db}"):
        con.print(f"  [cyan]{hint}[/cyan]", highlight=False)


@app.command("events")
def events_command(
    db: Path = DB_OPTION,
    source: Optional[str] = typer.Option(None, "--source", help="Source actor (RUS matches RUSGOV...)."),
    target: Optional[str] = typer.Option(None, "--target", help="Target actor."),
    country: Optional[str] = typer.Option(None, "--country", help="Either actor's or the location's country."),
    root: Optional[str] = typer.Option(None, "--root", help="CAMEO root code, 01-20."),
    code: Optional[str] = typer.Option(None, "--code", help="CAMEO code or prefix (0311, 19)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First date, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last date, YYYY-MM-DD."),
    text: Optional[str] = typer.Option(None, "--text", help="Words in the evidence sentence."),
    dedup: bool = typer.Option(False, "--dedup", help="Each story event once."),
    limit: int = typer.Option(50, "--limit"),
    offset: int = typer.Option(0, "--offset"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
) -> None:
    """List coded events, newest first, with the sentence that justifies each."""
    fmt = _check_format(fmt)
    with dataset(db) as ds:
        frame = ds.events(source=source, target=target, country=country, root=root, code=code,
                          date_from=date_from, date_to=date_to, text=text, limit=limit,
                          offset=offset, dedup=dedup)
    print_frame(frame[EVENT_COLUMNS] if fmt == "table" else frame, "Events", fmt)


@app.command("dyad")
def dyad_command(
    a: str = typer.Argument(..., help="First actor (e.g. RUS)."),
    b: str = typer.Argument(..., help="Second actor (e.g. IRQ)."),
    db: Path = DB_OPTION,
    by: str = typer.Option("week", "--by", help="day, week or month."),
    date_from: Optional[str] = typer.Option(None, "--from"),
    date_to: Optional[str] = typer.Option(None, "--to"),
    directed: bool = typer.Option(False, "--directed", help="Only A -> B."),
    all_reports: bool = typer.Option(False, "--all-reports", help="Count every report of a story."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also draw the timeline to this PNG."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
) -> None:
    """Events between two actors over time: counts per QuadClass, Goldstein sum and mean."""
    from accord.analysis import plot_dyad

    fmt = _check_format(fmt)
    with dataset(db) as ds:
        frame = ds.dyad(a, b, by=by, date_from=date_from, date_to=date_to, directed=directed,
                        dedup=not all_reports)
    print_frame(frame, f"{a.upper()} and {b.upper()} by {by}", fmt)
    if plot is not None:
        plot_dyad(frame, plot, f"{a.upper()} - {b.upper()} by {by}")
        print(f"accord: timeline written to {plot}", file=sys.stderr)


@app.command("top")
def top_command(
    kind: str = typer.Argument("dyads", help="dyads, actors or codes."),
    db: Path = DB_OPTION,
    n: int = typer.Option(10, "--n"),
    level: str = typer.Option("country", "--level", help="country (RUS) or code (RUSGOV)."),
    root: Optional[str] = typer.Option(None, "--root"),
    date_from: Optional[str] = typer.Option(None, "--from"),
    date_to: Optional[str] = typer.Option(None, "--to"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
) -> None:
    """The most frequent dyads, actors or CAMEO codes (each story event counted once)."""
    fmt = _check_format(fmt)
    with dataset(db) as ds:
        frame = ds.top(kind, n=n, level=level, root=root, date_from=date_from, date_to=date_to)
    print_frame(frame, f"Top {kind}", fmt)


@app.command("quotes")
def quotes_command(
    db: Path = DB_OPTION,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker actor (RUSGOV, RUS...)."),
    text: Optional[str] = typer.Option(None, "--text"),
    date_from: Optional[str] = typer.Option(None, "--from"),
    date_to: Optional[str] = typer.Option(None, "--to"),
    limit: int = typer.Option(50, "--limit"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
) -> None:
    """What actors said: direct and indirect quotes with their speakers."""
    fmt = _check_format(fmt)
    with dataset(db) as ds:
        frame = ds.quotes(speaker=speaker, text=text, date_from=date_from, date_to=date_to,
                          limit=limit)
    cols = ["date", "speaker_code", "speaker_name", "speaker_text", "kind", "text", "doc_id"]
    print_frame(frame[cols] if fmt == "table" else frame, "Quotes", fmt)
