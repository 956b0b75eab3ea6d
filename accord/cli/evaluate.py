"""`accord codes` and `accord eval`: browse the CAMEO ontology and measure coding accuracy on gold."""

from __future__ import annotations

from typing import Optional

import typer

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
