"""`accord bench`: throughput, memory and stage times of Accord against bare spaCy (prints figures)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from accord.cli.app import app


@app.command("bench")
def bench_command(
    corpus: list[Path] = typer.Option([], "--corpus", help="JSONL(.gz) corpus (repeatable); "
                                      "default: ../shared/corpora bbc (1 part) + reuters21578 "
                                      "(3 parts)."),
    n: int = typer.Option(4000, "--n", help="Articles in all (split 1:3 between the default "
                          "corpora, or evenly between --corpus files)."),
    workers: list[int] = typer.Option([], "--workers", "-w", help="Also time the process pool "
                                      "with this many workers (repeatable, e.g. -w 1 -w 2)."),
    bare: bool = typer.Option(True, "--bare/--no-bare", help="Time bare spaCy nlp.pipe too."),
    in_process: bool = typer.Option(True, "--in-process/--pool-only", help="Time Accord in "
                                    "this process (gives the ratio); --pool-only for memory "
                                    "runs of the pool alone."),
    rss_every: int = typer.Option(1000, "--rss-every", help="Pool runs: print the largest "
                                  "worker RSS seen up to every N articles (flat = no growth)."),
    selective: bool = typer.Option(False, "--selective/--full-parse",
                                   help="Settings.selective_parse for the Accord runs."),
    batch_size: int = typer.Option(64, "--batch-size", help="Documents per nlp.pipe batch."),
    accuracy: list[Path] = typer.Option([], "--accuracy", help="Gold file (repeatable): print "
                                        "accord eval figures with and without selective parsing "
                                        "instead of timing."),
) -> None:
    """Code the same articles with Accord and with bare spaCy; print articles/s, words/s, peak
    RSS, time per stage and the ratio accord / bare spaCy throughput."""
    from accord.bench import run_benchmark
    from accord.config import Settings

    if accuracy:
        from accord.bench import selective_accuracy

        for line in selective_accuracy(accuracy, Settings(batch_size=batch_size)):
            print(line)
        return
    if corpus:
        each = max(1, n // len(corpus))
        corpora = [(p, each) for p in corpus]
    else:
        shared = Path(__file__).resolve().parents[3] / "shared" / "corpora"
        corpora = [(shared / "bbc.jsonl.gz", max(1, n // 4)),
                   (shared / "reuters21578.jsonl.gz", max(1, n - n // 4))]
    for path, _ in corpora:
        if not path.exists():
            raise typer.BadParameter(f"corpus not found: {path} (give one with --corpus)")
    settings = Settings(selective_parse=selective, batch_size=batch_size)
    report = run_benchmark(corpora, settings, bare=bare, workers=tuple(workers),
                           in_process=in_process, rss_every=rss_every, progress=lambda msg: print(f"... {msg}", file=sys.stderr))
    for line in report.lines():
        print(line)
