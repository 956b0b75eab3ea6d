"""A rich progress bar on stderr for long runs; silent when --quiet or stderr is not a terminal."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class RunProgress:
    """Shows documents, events, errors and the rate while a run goes on."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self._progress = None
        self._task = None

    def __enter__(self) -> "RunProgress":
        if self.enabled:
            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"),
                TextColumn("{task.completed} docs"), TextColumn("{task.fields[events]} events"),
                TextColumn("{task.fields[errors]} errors"),
                TimeElapsedColumn(),
                console=Console(stderr=True), transient=False)
            self._progress.__enter__()
            self._task = self._progress.add_task("coding", total=None, events=0, errors=0)
        return self

    def update(self, result, tally) -> None:
        if self._progress is not None:
            elapsed = self._progress.tasks[0].elapsed or 0.0
            rate = tally.documents / elapsed if elapsed else 0.0
            self._progress.update(self._task, completed=tally.documents, events=tally.events,
                                  errors=tally.failed, description=f"coding {rate:5.1f}/s")

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
