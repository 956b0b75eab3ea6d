"""`accord ingest` (show the cleaned articles that would be coded) and `accord eval-html`
(measure how well the HTML reader finds article bodies: token precision/recall/F1)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from accord.cli.app import app


@app.command("ingest")
def ingest_command(
    inputs: list[str] = typer.Argument(..., help="Files or directories (.txt .html .jsonl .json "
                                       ".warc, optionally .gz), or - for standard input."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for "
                                       "articles that carry none."),
    raw: bool = typer.Option(False, "--raw", help="Show the articles as read, before cleaning."),
    all_languages: bool = typer.Option(False, "--all-languages",
                                       help="Keep articles in any language."),
) -> None:
    """Read and clean articles without coding them: one JSON line per article or error.

    Shows exactly the text `accord code` would code (headline first, dateline split off), so a
    reader or cleaning problem can be seen before a long run.  Exit code 3 when some documents
    failed, as for `accord code`.
    """
    from accord.config import Settings
    from accord.ingest.prepare import prepare_inputs
    from accord.ingest.readers import read_inputs
    from accord.records import DocError

    if date is not None:
        from accord.ingest.common import normalise_date

        if normalise_date(date) != date:
            raise typer.BadParameter(f"--date must be YYYY-MM-DD, got {date!r}")
    settings = Settings(default_date=date, detect_language=not all_languages)
    items = read_inputs(inputs, settings) if raw else prepare_inputs(inputs, settings)
    failed = 0
    for item in items:
        failed += isinstance(item, DocError)
        sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    raise typer.Exit(3 if failed else 0)


@app.command("eval-html")
def eval_html_command(
    directory: Path = typer.Argument(..., help="Benchmark folder: html/<id>.html.gz pages, "
                                     "ground-truth.json (id -> articleBody), index.jsonl (id, url)."),
    favor_precision: bool = typer.Option(True, "--favor-precision/--no-favor-precision",
                                         help="trafilatura: prefer leaving out doubtful text."),
    favor_recall: bool = typer.Option(False, "--favor-recall/--no-favor-recall",
                                      help="trafilatura: prefer keeping doubtful text."),
    include_comments: bool = typer.Option(False, "--comments/--no-comments",
                                          help="Count reader comments as body text."),
    include_tables: bool = typer.Option(True, "--tables/--no-tables", help="Keep table text."),
    fast: bool = typer.Option(False, "--fast", help="Skip trafilatura's fallback extractors."),
    retry_below: int = typer.Option(60, "--retry-below", help="With favor-precision, extract "
                                    "again without it when the body has fewer words (0: never)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
) -> None:
    """Score the extracted body of every page against its hand-extracted ground truth.

    Prints token-level precision, recall and F1 (bag of lowercase word tokens), micro-averaged
    over all tokens and macro-averaged over pages.
    """
    from accord.ingest.html import HtmlOptions
    from accord.ingest.html_eval import evaluate_extraction

    if not (directory / "ground-truth.json").exists():
        raise typer.BadParameter(f"{directory} has no ground-truth.json")
    options = HtmlOptions(favor_precision=favor_precision, favor_recall=favor_recall,
                          include_comments=include_comments, include_tables=include_tables,
                          fast=fast, retry_below_words=retry_below)
    result = evaluate_extraction(directory, options)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(f"pages: {result['pages']}  (no body found: {result['empty']})")
    typer.echo(f"{'':6} {'precision':>9} {'recall':>7} {'F1':>7}")
    for kind in ("micro", "macro"):
        m = result[kind]
        typer.echo(f"{kind:6} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:7.4f}")
    worst = ", ".join(f"{w['id'][:12]} ({w['f1']:.2f})" for w in result["worst"][:5])
    typer.echo(f"lowest F1: {worst}")
