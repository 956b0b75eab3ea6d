"""`accord codes` and `accord eval`: browse the CAMEO ontology and measure coding accuracy on gold."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from accord.cli import options
from accord.cli.app import app


@app.command("codes")
def codes_command(
    root: Optional[str] = typer.Argument(None, help="Show only the codes under this code "
                                         "(a root such as 03, or a base such as 031)."),
) -> None:
    """List CAMEO event codes with label, Goldstein weight, QuadClass and PLOVER mapping."""
    from rich.console import Console
    from rich.table import Table

    from accord.events.ontology import QUAD_CLASS_LABELS, Ontology

    onto = Ontology.load()
    if root is None:
        entries = list(onto)
        title = f"CAMEO event codes ({len(entries)})"
    else:
        try:
            top = onto.get(root)
        except KeyError as exc:
            raise typer.BadParameter(str(exc.args[0]), param_hint="ROOT")
        entries = [top, *onto.descendants(top.code)]
        title = f"CAMEO {top.code} {top.label} ({len(entries)} codes)"
    quads = ", ".join(f"{n} {name}" for n, name in QUAD_CLASS_LABELS.items())
    table = Table(title=title, caption=f"QuadClass: {quads}")
    table.add_column("Code", style="bold")
    table.add_column("Label")
    table.add_column("Goldstein", justify="right")
    table.add_column("QuadClass")
    table.add_column("PLOVER")
    for entry in entries:
        plover = entry.plover
        plover_text = "" if plover is None else (
            plover.event + (f" / {plover.mode}" if plover.mode else ""))
        label = entry.label if entry.level > 2 else f"[bold]{entry.label}[/bold]"
        table.add_row(entry.code, label, f"{entry.goldstein:+.1f}",
                      str(entry.quad_class), plover_text)
    Console().print(table)


@app.command("eval")
def eval_command(
    gold: list[Path] = typer.Argument(..., help="Gold JSON Lines file(s): one sentence a line "
                                      "with its events (see ../shared/gold/README.md)."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every sentence with "
                                     "missed or extra events: the sentence, gold vs predicted."),
    actors: list[Path] = options.ACTORS,
    agents: list[Path] = options.AGENTS,
    verbs: list[Path] = options.VERBS,
    model: str = options.MODEL,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Code gold sentences with the real pipeline and print accuracy figures.

    Complete sets (petr2-gsr, petr-unittest): precision/recall/F1 on (source, target, code)
    triples, on (source country, target country, root) and on root codes, plus exact-match
    rate.  CAMEO-manual set: recall at full code, root, root + source country, and events per
    sentence.  Definitions: `accord.evaluate` docstring.
    """
    import json

    from accord.cli.code import settings_from_options
    from accord.evaluate import eval_settings, evaluate_records, load_gold
    from accord.pipeline import Pipeline

    loaded = []
    for path in gold:
        if not path.exists():
            raise typer.BadParameter(f"gold file not found: {path}", param_hint="GOLD")
        try:
            loaded.append((path, load_gold(path)))
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="GOLD")
    settings = eval_settings(settings_from_options(date=None, model=model, actors=actors,
                                                   agents=agents, verbs=verbs))
    try:
        pipeline = Pipeline(settings)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("accord."):
            raise
        typer.echo(f"accord eval: the pipeline cannot be built yet: {exc}", err=True)
        raise typer.Exit(1)
    reports = [evaluate_records(records, pipeline, path=str(path), show_errors=show_errors)
               for path, records in loaded]
    if as_json:
        payload = reports[0].to_dict() if len(reports) == 1 else [r.to_dict() for r in reports]
        typer.echo(json.dumps(payload, indent=2))
    else:
        typer.echo("\n\n".join(r.to_text() for r in reports))
