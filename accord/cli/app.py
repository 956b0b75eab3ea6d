"""The typer application object every command module registers on."""

import typer

app = typer.Typer(
    name="accord",
    help=(
        "Accord turns raw news into political event data: who did what to whom, when and where, "
        "coded in CAMEO (with PLOVER mapping), every event backed by the sentence and spans that "
        "justify it.\n\n"
        "Start with `accord code FILES... --db accord.duckdb`, then look with `accord top dyads`, "
        "`accord dyad RUS IRQ`, `accord events --source RUS`, or `accord serve`."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
