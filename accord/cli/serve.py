"""`accord serve`: the HTTP API and dashboard over a coded store (FastAPI + uvicorn)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from accord.cli.app import app

TOKEN_ENV = "ACCORD_TOKEN"


@app.command("serve")
def serve_command(
    db: Path = typer.Option(Path("accord.duckdb"), "--db", help="DuckDB store written by "
                            "`accord code --db` (or a Parquet export directory, read-only)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (default: "
                             "this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    allow_ingest: bool = typer.Option(False, "--allow-ingest", help=f"Enable POST /api/articles "
                                      f"(code and store posted articles); needs {TOKEN_ENV}."),
) -> None:
    """Serve the dashboard at http://HOST:PORT/ and the API under /api (reference at /docs).

    The store is opened read-only unless --allow-ingest is given; then POST /api/articles
    requires `Authorization: Bearer $ACCORD_TOKEN` and the server refuses to start without it.
    """
    import uvicorn

    from accord.server import create_app

    token = os.environ.get(TOKEN_ENV) or None
    if allow_ingest and not token:
        raise typer.BadParameter(f"--allow-ingest needs a token: set {TOKEN_ENV}",
                                 param_hint="--allow-ingest")
    if not allow_ingest and not db.exists():
        raise typer.BadParameter(f"no Accord database at {db}: create one with "
                                 f"`accord code FILES --db {db}`", param_hint="--db")
    try:
        web = create_app(db, allow_ingest=allow_ingest, token=token)
    except (FileNotFoundError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--db")
    mode = "read-write, ingest on" if allow_ingest else "read-only"
    print(f"accord: serving {db} ({mode}) at http://{host}:{port}/  (API reference: /docs)",
          file=sys.stderr)
    uvicorn.run(web, host=host, port=port, log_level="warning")
