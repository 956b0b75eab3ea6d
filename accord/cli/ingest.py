"""`accord eval-html`: measure how well the HTML reader finds article bodies (token P/R/F1)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from accord.cli.app import app


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
