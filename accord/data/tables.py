"""The one reader of Accord's tab-separated knowledge tables (``accord/data/*.tsv``).

Every table has the same shape: ``#`` comment lines (sources, conventions), a header row naming
the columns, then one entry a line.  Loaders call ``read_table`` and check their own cells; a
malformed file is a ``ValueError`` that names the file and line, never a silent skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

PathLike = str | Path


def data_path(filename: str) -> Path:
    """Where a built-in data file lives (package ``accord.data``)."""
    return Path(str(resources.files("accord.data").joinpath(filename)))


def read_table(path: PathLike | None, default: str,
               columns: tuple[str, ...]) -> Iterator[tuple[str, int, dict[str, str]]]:
    """Yield ``(file, line number, row)`` for each entry; cells are stripped strings.

    ``path`` None reads the built-in file ``default``.  The header must start with ``columns``
    (a table may carry extra columns after them, e.g. notes); rows may leave trailing cells
    empty but may not have more cells than the header.
    """
    where = Path(path) if path is not None else data_path(default)
    try:
        text = where.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"{where}: cannot read: {exc}") from exc
    header: list[str] | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            if tuple(header[:len(columns)]) != columns:
                raise ValueError(f"{where}:{lineno}: header must start with "
                                 f"{'<TAB>'.join(columns)!r}, got {line!r}")
            continue
        if len(cells) > len(header):
            raise ValueError(f"{where}:{lineno}: {len(cells)} columns, expected {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield str(where), lineno, {k: v.strip() for k, v in zip(header, cells)}
    if header is None:
        raise ValueError(f"{where}: no header row ({'<TAB>'.join(columns)})")
